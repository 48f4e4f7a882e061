"""The published warehouse: the finished build, swapped in atomically for SQL users."""

from pathlib import Path

import dagster as dg

from orchestration.assets.batches import REBUILT_AFTER_BATCHES
from orchestration.assets.dbt import entente_dbt_models
from orchestration.resources import Warehouse
from orchestration.settings import is_motherduck

# Every dbt model of the marts schema, read from the manifest: a new mart is published without a hand list.
MARTS = [key for key in entente_dbt_models.keys if key.has_prefix(["marts"])]


@dg.asset(
    key=["published_warehouse"],
    deps=MARTS,
    group_name="publish",
    pool="warehouse",
    automation_condition=REBUILT_AFTER_BATCHES,
    description="The read-only copy of the warehouse that SQL users, dbt docs and the scorer open (ENTENTE_WAREHOUSE).",
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    published = warehouse.publish()
    context.log.info(f"published {published}")
    metadata = {"path": dg.MetadataValue.path(published)}
    if not is_motherduck(published):
        metadata["bytes"] = Path(published).stat().st_size
    return dg.MaterializeResult(metadata=metadata)
