"""The raw folder in batches: each partition reads one batch, extracts its event mentions and stores them as Parquet."""

import math
import time
from collections import Counter
from pathlib import Path

import dagster as dg
import polars as pl

from orchestration.resources import ParquetStore, RawFolder, SpacyPipeline, TornBatch
from transforms.batches import Batch
from transforms.extract import Progress, extract_mentions
from transforms.incremental import refresh_mentions
from transforms.ingest import BatchRead, deduplicate, expected_row_counts, read_batch
from transforms.schemas import ARTICLES, EVENT_MENTIONS, PARSED_ARTICLES, QUARANTINE, empty_frame

# The batches of a run are read, parsed and stored in groups of about this many articles: one pass of
# the pipeline per group, so the worker processes start once per group (a fraction of a second), and
# the memory a run holds does not grow with its number of batches.
PARSE_GROUP_ARTICLES = 5_000

# How often the run's log tells how far the reading has come: the UI's run log shows these lines,
# and `entente run` draws them as a progress bar (orchestration/console.py).
PROGRESS_EVERY_SECONDS = 2.0
# The attribute of those log records that carries (inputs done, inputs in the run).
PROGRESS_ATTRIBUTE = "entente_progress"


class ReadProgress:
    """The run's inputs read and parsed, of all it reads, logged at most every PROGRESS_EVERY_SECONDS and when done."""

    def __init__(self, log, total: int):
        self.log, self.total, self.done = log, total, 0
        self._logged_at, self._logged_done = -math.inf, 0

    def advance(self, inputs: int) -> None:
        self.reach(self.done + inputs)

    def reach(self, done: int) -> None:
        self.done = max(self.done, done)
        now = time.monotonic()
        if self.done != self._logged_done and (self.done >= self.total or now - self._logged_at >= PROGRESS_EVERY_SECONDS):
            self._logged_at, self._logged_done = now, self.done
            self.log.info(f"read {self.done:,} of {self.total:,} inputs", extra={PROGRESS_ATTRIBUTE: (self.done, self.total)})


# One partition per top-level file or folder of ENTENTE_RAW_DIR (transforms/batches.py);
# the raw folder sensor and `entente run` add and delete them.
BATCHES = dg.DynamicPartitionsDefinition(name="raw_batches")

# How the assets after the batches (raw tables, dbt models, publish) follow them when the
# default automation condition sensor runs: eager, so once no batch is missing or still
# being read. eager() leaves alone what was already missing when the sensor started, so on
# a new deployment the dbt seed and every model after it would wait forever: those are
# built on the sensor's first tick, when their dependencies are there.
REBUILT_AFTER_BATCHES = (
    dg.AutomationCondition.eager()
    | (
        dg.AutomationCondition.missing()
        & dg.AutomationCondition.initial_evaluation()
        & ~dg.AutomationCondition.any_deps_missing()
        & ~dg.AutomationCondition.any_deps_in_progress()
        & ~dg.AutomationCondition.in_progress()
    )
).with_label("eager, and missing at the start")


@dg.asset(
    key=["raw", "batches"],
    partitions_def=BATCHES,
    group_name="raw",
    description=(
        "One partition per top-level file or folder of the raw folder: its candidate articles, the inputs that "
        "could not be read, and the event mentions of its articles, as Parquet files in ENTENTE_PARQUET_DIR. "
        "Only articles whose text, date or extraction rules changed since the batch was last stored are parsed again."
    ),
)
def raw_batches(
    context: dg.AssetExecutionContext, raw_folder: RawFolder, spacy_pipeline: SpacyPipeline, parquet: ParquetStore,
) -> dg.MaterializeResult:
    raw_dir = raw_folder.folder
    batches = raw_folder.batches()
    gone = [key for key in context.partition_keys if key not in batches]
    if gone:
        raise RuntimeError(f"batch {gone[0]} is no longer in {raw_dir}; the raw folder sensor or `entente run` deletes its partition")
    fingerprint = spacy_pipeline.extraction_fingerprint()
    stamps = batch_stamps(raw_dir, {key: batches[key] for key in context.partition_keys}, fingerprint)
    keys = stale_batches(stamps, parquet)

    # Every input gives one row of the raw tables; counting them first gives the run's progress a total.
    progress = ReadProgress(context.log, sum(count.rows for key in keys for count in expected_row_counts(raw_dir, batch=batches[key].path).values()))
    totals = Counter()
    group: dict[str, BatchRead] = {}
    for key in keys:
        group[key] = read_batch(raw_dir, batches[key].path)
        if key == keys[-1] or sum(read.candidates.height for read in group.values()) >= PARSE_GROUP_ARTICLES:
            totals += _parse_and_store(group, fingerprint, spacy_pipeline, parquet, stamps, progress.advance)
            progress.reach(totals["articles_read"] + totals["quarantined"])
            group = {}
    context.log.info(
        f"read {len(keys)} batches ({len(context.partition_keys) - len(keys)} unchanged since stored): {totals['articles_read']} "
        f"articles, {totals['quarantined']} inputs quarantined; parsed {totals['articles_parsed']} articles, reused "
        f"{totals['articles_reused']}; {totals['event_mention_rows']} event mention rows"
    )
    return dg.MaterializeResult(
        metadata={
            "batches": len(context.partition_keys),
            "batches_read": len(keys),
            **{name: totals[name] for name in ("articles_read", "quarantined", "articles_parsed", "articles_reused", "event_mention_rows")},
        }
    )


def _parse_and_store(reads: dict[str, BatchRead], fingerprint: str, spacy_pipeline: SpacyPipeline, parquet: ParquetStore,
                     stamps: dict[str, dict[str, str]], on_progress: Progress) -> Counter:
    """Parse the batches' new and changed articles in one pass of the pipeline, store each batch; returns the counts."""
    refresh = refresh_mentions(
        # A later copy of a text inside its own batch is never the one kept, so it is not parsed.
        pl.concat([empty_frame(ARTICLES), *(deduplicate(read.candidates, empty_frame(QUARANTINE)).articles for read in reads.values())]),
        fingerprint,
        *_previous_parses(parquet, list(reads)),
        # The model is loaded only when an article is to be parsed.
        extract=lambda changed: extract_mentions(spacy_pipeline.load(), changed, spacy_pipeline.n_process, on_progress=on_progress),
    )
    for key, read in reads.items():
        # parse_key is null for the copies that were not parsed: they are not reused as parsed later.
        articles = read.candidates.join(refresh.parsed_articles, on="article_id", how="left")
        mentions = refresh.mentions.join(articles.select("article_id"), on="article_id", how="semi")
        parquet.write_batch(key, {"articles": articles, "quarantine": read.quarantine, "event_mentions": mentions}, stamps[key])
    return Counter(
        articles_read=sum(read.candidates.height for read in reads.values()),
        quarantined=sum(read.quarantine.height for read in reads.values()),
        articles_parsed=refresh.n_parsed,
        articles_reused=refresh.n_reused,
        event_mention_rows=refresh.mentions.height,
    )


def batch_stamps(raw_dir: Path, batches: dict[str, Batch], fingerprint: str) -> dict[str, dict[str, str]]:
    """What each batch's stored files were made from: its files (by path, size and modification time), the raw
    folder, and the reading and extraction rules. A batch whose stored stamp is this one is not read again:
    its Parquet files are what reading it would give."""
    folder = str(raw_dir.resolve())
    return {key: {"raw_dir": folder, "files": batch.signature, "extraction": fingerprint} for key, batch in batches.items()}


def stale_batches(stamps: dict[str, dict[str, str]], parquet: ParquetStore) -> list[str]:
    """The keys, in order, of the batches that must be read: new, changed, or stored under other rules."""
    return [key for key, stamp in stamps.items() if parquet.read_stamp(key) != stamp]


def _previous_parses(parquet: ParquetStore, keys: list[str]) -> tuple[pl.DataFrame | None, pl.DataFrame | None]:
    """The mentions and parse keys stored by the last write of these batches, where it was whole."""
    mentions, parsed = [], []
    for key in keys:
        try:
            stored = parquet.read_batch(key)
        except TornBatch:
            stored = None  # parsed again from scratch
        # Files of an older schema are not reused: their batch is parsed again.
        if stored is not None and dict(stored["event_mentions"].schema) == EVENT_MENTIONS:
            mentions.append(stored["event_mentions"])
            parsed.append(stored["articles"].select(list(PARSED_ARTICLES)).drop_nulls("parse_key"))
    if not mentions:
        return None, None
    return pl.concat([empty_frame(EVENT_MENTIONS), *mentions]), pl.concat([empty_frame(PARSED_ARTICLES), *parsed])
