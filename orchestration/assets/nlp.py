"""Event mentions read from the articles by the spaCy pipeline."""

import dagster as dg

from orchestration.resources import SpacyPipeline, Warehouse
from transforms.extract import extract_mentions


@dg.asset(
    key=["raw", "event_mentions"],
    deps=[dg.AssetKey(["raw", "articles"])],
    group_name="raw",
    pool="warehouse",
    description="One row per event found in an article and per country pair in it, with its evidence sentence.",
)
def raw_event_mentions(context: dg.AssetExecutionContext, warehouse: Warehouse, spacy_pipeline: SpacyPipeline) -> dg.MaterializeResult:
    articles = warehouse.read_table("raw", "articles")
    mentions = extract_mentions(spacy_pipeline.load(), articles, n_process=spacy_pipeline.n_process)
    n_rows = warehouse.replace_table("raw", "event_mentions", mentions)
    context.log.info(f"found {mentions['event_mention_id'].n_unique()} event mentions ({n_rows} country-pair rows) in {articles.height} articles")
    return dg.MaterializeResult(metadata={"dagster/row_count": n_rows, "articles": articles.height})
