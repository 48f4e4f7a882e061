"""The raw tables of the warehouse: every batch's Parquet files, with duplicates over all batches quarantined."""

import dagster as dg
import polars as pl

from orchestration.assets.batches import BATCHES, REBUILT_AFTER_BATCHES, raw_batches
from orchestration.resources import ParquetStore, Warehouse
from transforms.ingest import deduplicate
from transforms.schemas import CANDIDATES, EVENT_MENTIONS, QUARANTINE, empty_frame


RAW_TABLE = {"deps": [raw_batches], "group_name": "raw", "automation_condition": REBUILT_AFTER_BATCHES}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "articles"], description="One row per input article (a file, or a record of a .jsonl file).", **RAW_TABLE),
        dg.AssetSpec(["raw", "quarantine"], description="Every input that could not be read into an article, with its reason.", **RAW_TABLE),
        dg.AssetSpec(
            ["raw", "event_mentions"],
            description="One row per event found in an article and per country pair in it, with its evidence sentence.",
            **RAW_TABLE,
        ),
    ],
    pool="warehouse",
)
def raw_tables(context: dg.AssetExecutionContext, warehouse: Warehouse, parquet: ParquetStore):
    keys = context.instance.get_dynamic_partitions(BATCHES.name)
    candidates, quarantine, mentions = [empty_frame(CANDIDATES)], [empty_frame(QUARANTINE)], [empty_frame(EVENT_MENTIONS)]
    for key in keys:
        stored = parquet.read_batch(key)
        if stored is None:
            raise RuntimeError(f"batch {key} has not been read yet: materialise its partition of raw/batches first")
        candidates.append(stored["articles"].select(list(CANDIDATES)))
        quarantine.append(stored["quarantine"])
        mentions.append(stored["event_mentions"])
    result = deduplicate(pl.concat(candidates), pl.concat(quarantine))
    # The mentions of the kept articles only: a duplicate's were read in its own batch.
    kept_mentions = pl.concat(mentions).join(result.articles.select("article_id"), on="article_id", how="semi").sort("article_id", maintain_order=True)
    counts = warehouse.replace_tables("raw", {"articles": result.articles, "quarantine": result.quarantine, "event_mentions": kept_mentions})
    context.log.info(
        f"{len(keys)} batches: {counts['articles']} articles, {counts['quarantine']} inputs quarantined, "
        f"{kept_mentions['event_mention_id'].n_unique()} event mentions ({counts['event_mentions']} country-pair rows)"
    )
    reasons = result.quarantine.group_by("reason").len().sort("reason")
    yield dg.MaterializeResult(asset_key=["raw", "articles"], metadata={"dagster/row_count": counts["articles"], "batches": len(keys)})
    yield dg.MaterializeResult(
        asset_key=["raw", "quarantine"],
        metadata={
            "dagster/row_count": counts["quarantine"],
            "by_reason": dg.MetadataValue.md(
                "\n".join(f"- {row['reason']}: {row['len']}" for row in reasons.iter_rows(named=True)) or "nothing quarantined"
            ),
        },
    )
    yield dg.MaterializeResult(asset_key=["raw", "event_mentions"], metadata={"dagster/row_count": counts["event_mentions"]})
