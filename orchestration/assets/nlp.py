"""Event mentions read from the articles by the spaCy pipeline."""

import dagster as dg

from orchestration.resources import SpacyPipeline, Warehouse
from transforms.extract import extract_mentions
from transforms.incremental import extraction_fingerprint, refresh_mentions


@dg.asset(
    key=["raw", "event_mentions"],
    deps=[dg.AssetKey(["raw", "articles"])],
    group_name="raw",
    pool="warehouse",
    description=(
        "One row per event found in an article and per country pair in it, with its evidence sentence. "
        "Only articles whose text, date or extraction rules changed since the last run are parsed again "
        "(raw.parsed_articles keeps each article's parse key)."
    ),
)
def raw_event_mentions(context: dg.AssetExecutionContext, warehouse: Warehouse, spacy_pipeline: SpacyPipeline) -> dg.MaterializeResult:
    articles = warehouse.read_table("raw", "articles")
    nlp = spacy_pipeline.load()
    refresh = refresh_mentions(
        articles,
        extraction_fingerprint(nlp.meta, nlp.pipe_names),
        previous_mentions=warehouse.read_table_if_exists("raw", "event_mentions"),
        previous_parsed=warehouse.read_table_if_exists("raw", "parsed_articles"),
        extract=lambda changed: extract_mentions(nlp, changed, n_process=spacy_pipeline.n_process),
    )
    counts = warehouse.replace_tables("raw", {"event_mentions": refresh.mentions, "parsed_articles": refresh.parsed_articles})
    mentions = refresh.mentions
    context.log.info(
        f"parsed {refresh.n_parsed} articles, reused {refresh.n_reused}; "
        f"{mentions['event_mention_id'].n_unique()} event mentions ({counts['event_mentions']} country-pair rows)"
    )
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": counts["event_mentions"],
            "articles": articles.height,
            "articles_parsed": refresh.n_parsed,
            "articles_reused": refresh.n_reused,
        }
    )
