"""The jobs: the whole build, the batches alone (backfills, the sensor), and everything after the batches."""

import dagster as dg

from orchestration.assets.batches import BATCHES, raw_batches

AFTER_BATCHES = dg.AssetSelection.all() - dg.AssetSelection.assets(raw_batches)

build_warehouse_job = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all(),
    description=(
        "Read the raw folder's batches, extract event mentions, load the raw tables, run dbt, publish the warehouse. "
        "`entente run` runs it in-process over the batches that must be read, as one range."
    ),
)

read_batches_job = dg.define_asset_job(
    "read_batches",
    selection=dg.AssetSelection.assets(raw_batches),
    partitions_def=BATCHES,
    description="Read, parse and store one batch of the raw folder: the run a backfill or the raw folder sensor launches per batch.",
)

load_warehouse_job = dg.define_asset_job(
    "load_warehouse",
    selection=AFTER_BATCHES,
    description="Load every stored batch into the raw tables, run dbt and publish: after batches were read or removed.",
)
