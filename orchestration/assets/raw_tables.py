"""The raw tables of the warehouse: every batch's Parquet files, with duplicates over all batches quarantined."""

import hashlib
from concurrent.futures import ThreadPoolExecutor

import dagster as dg
import polars as pl
import pyarrow

from orchestration.assets.batches import BATCHES, REBUILT_AFTER_BATCHES, raw_batches
from orchestration.corrections import correction_rules, corrections_path
from orchestration.resources import BUILD_INPUTS, KnownRows, ParquetStore, Warehouse
from orchestration.settings import DBT_PROJECT_DIR, DBT_SOURCES
from transforms.corrections import read_corrections
from transforms.incremental import frames_fingerprint, update_with_files
from transforms.ingest import deduplicate
from transforms.schemas import ARTICLES, CANDIDATES, EVENT_MENTIONS, QUARANTINE, empty_frame

# Skippable: when the raw tables and the dbt project are those the published warehouse was built from,
# nothing is written, and dbt and publishing are skipped in the run.
RAW_TABLE = {"deps": [raw_batches], "group_name": "raw", "automation_condition": REBUILT_AFTER_BATCHES, "skippable": True}


# The texts are most of the raw tables' bytes, and nothing is decided on them (content_hash stands for
# each): the articles are chosen without them, and only the texts raw.articles lacks are read, a batch
# at a time, so a run's memory does not grow with the feed, nor its time with the articles it already has.
TEXTLESS_CANDIDATES = {name: dtype for name, dtype in CANDIDATES.items() if name != "text"}


def articles_with_texts(parquet: ParquetStore, batch_of_article: pl.DataFrame, kept: pl.DataFrame) -> KnownRows:
    """The kept articles (schema ARTICLES) as KnownRows: whole rows are read from the files of the batches holding them."""
    schema = empty_frame(ARTICLES).to_arrow().schema

    def read_whole(articles: pl.DataFrame) -> pyarrow.RecordBatchReader:
        keys = batch_of_article.join(articles.select("article_id"), on="article_id", how="semi")["batch"].unique(maintain_order=True)

        def record_batches():
            for key in keys:
                whole = parquet.read_batch(key, article_columns=list(ARTICLES))["articles"]
                yield from whole.join(articles.select("article_id"), on="article_id", how="semi").to_arrow().cast(schema).to_batches()

        return pyarrow.RecordBatchReader.from_batches(schema, record_batches())

    return KnownRows(light=kept, read_whole=read_whole, schema=schema)


def build_inputs_fingerprint(raw: dict[str, pl.DataFrame]) -> str:
    """A hash of the raw tables and the dbt project: equal hashes, equal warehouses."""
    digest = hashlib.sha256(frames_fingerprint(raw).encode())
    update_with_files(digest, DBT_SOURCES, DBT_PROJECT_DIR)
    return digest.hexdigest()


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "articles"], description="One row per input article (a file, or a record of a .jsonl file).", **RAW_TABLE),
        dg.AssetSpec(["raw", "quarantine"], description="Every input that could not be read into an article, with its reason.", **RAW_TABLE),
        dg.AssetSpec(
            ["raw", "event_mentions"],
            description="One row per event found in an article and per country pair in it, with its evidence sentence.",
            **RAW_TABLE,
        ),
        dg.AssetSpec(
            ["raw", "corrections"],
            description="The analysts' corrections (the file ENTENTE_CORRECTIONS names) that can apply, with their line.",
            **RAW_TABLE,
        ),
        dg.AssetSpec(
            ["raw", "corrections_invalid"],
            description="Every row of the corrections file that cannot apply, as written, with its line and reason.",
            **RAW_TABLE,
        ),
    ],
    pool="warehouse",
)
def raw_tables(context: dg.AssetExecutionContext, warehouse: Warehouse, parquet: ParquetStore):
    keys = context.instance.get_dynamic_partitions(BATCHES.name)
    candidates, quarantine, mentions = [empty_frame(TEXTLESS_CANDIDATES)], [empty_frame(QUARANTINE)], [empty_frame(EVENT_MENTIONS)]
    batch_of_article = [pl.DataFrame(schema={"article_id": pl.Utf8, "batch": pl.Utf8})]
    # Reading a batch's files waits on the disk or the network more than on Python: threads overlap them.
    with ThreadPoolExecutor() as pool:
        stored_batches = list(pool.map(lambda key: parquet.read_batch(key, article_columns=list(TEXTLESS_CANDIDATES)), keys))
    for key, stored in zip(keys, stored_batches):
        if stored is None:
            raise RuntimeError(f"batch {key} has not been read yet: materialise its partition of raw/batches first")
        candidates.append(stored["articles"])
        batch_of_article.append(stored["articles"].select("article_id", batch=pl.lit(key)))
        quarantine.append(stored["quarantine"])
        mentions.append(stored["event_mentions"])
    result = deduplicate(pl.concat(candidates), pl.concat(quarantine))
    # The mentions of the kept articles only: a duplicate's were read in its own batch.
    kept_mentions = pl.concat(mentions).join(result.articles.select("article_id"), on="article_id", how="semi").sort("article_id", maintain_order=True)
    # Read on every run: a changed corrections file alone is a new build (the fingerprint holds it).
    corrections_file = corrections_path()
    corrections = read_corrections(corrections_file, correction_rules())
    raw = {
        "raw.articles": result.articles, "raw.quarantine": result.quarantine, "raw.event_mentions": kept_mentions,
        "raw.corrections": corrections.valid, "raw.corrections_invalid": corrections.invalid,
    }
    fingerprint = build_inputs_fingerprint(raw)  # each text is there as its content_hash
    if fingerprint == warehouse.published_build_inputs():
        context.log.info(
            f"{len(keys)} batches, the same raw tables and dbt project as the published warehouse's: dbt and publish are skipped"
        )
        return
    counts = warehouse.replace_tables({
        **raw,
        "raw.articles": articles_with_texts(parquet, pl.concat(batch_of_article), result.articles),
        BUILD_INPUTS: pl.DataFrame({"fingerprint": [fingerprint]}),
    })
    counts = {name.removeprefix("raw."): n for name, n in counts.items()}
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
    yield dg.MaterializeResult(
        asset_key=["raw", "corrections"],
        metadata={"dagster/row_count": counts["corrections"], "file": str(corrections_file or "none")},
    )
    yield dg.MaterializeResult(
        asset_key=["raw", "corrections_invalid"],
        metadata={
            "dagster/row_count": counts["corrections_invalid"],
            "rows": dg.MetadataValue.md(
                "\n".join(f"- line {row['line']}: {row['reason']}" for row in corrections.invalid.iter_rows(named=True))
                or "every row can apply"
            ),
        },
    )
