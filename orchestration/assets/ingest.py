"""Articles read from the raw folder, and the inputs that could not be read."""

import os
from pathlib import Path

import dagster as dg

from orchestration.resources import Warehouse
from orchestration.settings import RAW_DIR
from transforms.ingest import read_raw_folder


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "articles"], description="One row per input article (a file, or a record of a .jsonl file).", group_name="raw"),
        dg.AssetSpec(["raw", "quarantine"], description="Every input that could not be read into an article, with its reason.", group_name="raw"),
    ],
    pool="warehouse",
)
def raw_articles(context: dg.AssetExecutionContext, warehouse: Warehouse):
    raw_dir = Path(os.environ[RAW_DIR])
    result = read_raw_folder(raw_dir)
    counts = warehouse.replace_tables("raw", {"articles": result.articles, "quarantine": result.quarantine})
    n_articles, n_quarantined = counts["articles"], counts["quarantine"]
    context.log.info(f"read {n_articles} articles from {raw_dir}; quarantined {n_quarantined} inputs")
    reasons = result.quarantine.group_by("reason").len().sort("reason")
    yield dg.MaterializeResult(
        asset_key=["raw", "articles"],
        metadata={"dagster/row_count": n_articles, "raw_dir": str(raw_dir)},
    )
    yield dg.MaterializeResult(
        asset_key=["raw", "quarantine"],
        metadata={
            "dagster/row_count": n_quarantined,
            "by_reason": dg.MetadataValue.md(
                "\n".join(f"- {row['reason']}: {row['len']}" for row in reasons.iter_rows(named=True)) or "nothing quarantined"
            ),
        },
    )
