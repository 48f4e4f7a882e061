"""Asset checks beyond dbt's tests: the promises the warehouse makes to its users, checked on every run.

They are blocking: a failed check stops `published_warehouse`, so users keep the last good warehouse.
"""

from collections import Counter
from datetime import date

import dagster as dg
import duckdb
import polars as pl

from orchestration.resources import RawFolder, Warehouse
from transforms.ingest import ExpectedRows, expected_row_counts

EARLIEST_YEAR = 1900  # history told in background paragraphs reaches back about this far; as the dbt var earliest_event_year
YEARS_AHEAD = 10  # planned events are announced a few years ahead; as the dbt var event_years_ahead
SAMPLE = 10


def _sample(values) -> str:
    values = list(values)
    return ", ".join(map(str, values[:SAMPLE])) + (f" and {len(values) - SAMPLE} more" if len(values) > SAMPLE else "")


@dg.asset_check(
    asset=dg.AssetKey(["marts", "fct_events"]),
    blocking=True,
    pool="warehouse",
    description=(
        "Every event read from the articles has at least one evidence sentence, from an article that is in marts.dim_article "
        "(an event a reviewer added has its source in added_from instead)."
    ),
)
def every_event_has_evidence_from_a_source_article(warehouse: Warehouse) -> dg.AssetCheckResult:
    unsupported = warehouse.query("""
        select event_id from marts.fct_events as events
        where review is distinct from 'added' and not exists (
            select 1 from marts.fct_event_evidence as evidence
            join marts.dim_article as articles using (article_id)
            where evidence.event_id = events.event_id and nullif(trim(evidence.evidence), '') is not null
        )
        order by event_id""")
    n_events = warehouse.query("select count(*) from marts.fct_events")[0][0]
    return dg.AssetCheckResult(
        passed=not unsupported,
        metadata={"events": n_events, "events_without_evidence": len(unsupported), "sample": _sample(row[0] for row in unsupported)},
    )


@dg.asset_check(
    asset=dg.AssetKey(["marts", "fct_events"]),
    blocking=True,
    pool="warehouse",
    description=(
        f"Every event's year is between {EARLIEST_YEAR} and {YEARS_AHEAD} years from today. A mention outside the "
        "range is rejected with its reason (intermediate.int_event_mentions_rejected), so a failure means the build "
        "itself is broken, never one input."
    ),
)
def event_years_are_plausible(warehouse: Warehouse) -> dg.AssetCheckResult:
    latest = date.today().year + YEARS_AHEAD
    outside = warehouse.query(
        "select event_id, year from marts.fct_events where year < ? or year > ? order by year", [EARLIEST_YEAR, latest]
    )
    bounds = warehouse.query("select min(year), max(year), count(*) filter (where year is null) from marts.fct_events")[0]
    return dg.AssetCheckResult(
        passed=not outside,
        metadata={
            "earliest_year": bounds[0], "latest_year": bounds[1], "undated_events": bounds[2],
            "implausible": _sample(f"{event_id} ({year})" for event_id, year in outside),
        },
    )


@dg.asset_check(
    asset=dg.AssetKey(["raw", "quarantine"]),
    blocking=True,
    pool="warehouse",
    description=(
        "The accounting rule of warehouse.md: every input file, and every record of a .jsonl file, is exactly one row "
        "of raw.articles or raw.quarantine. A file that arrived after the run read the folder only warns."
    ),
)
def every_input_is_accounted_for(warehouse: Warehouse, raw_folder: RawFolder) -> dg.AssetCheckResult:
    # The one consumer of the raw tables past dbt's staging: it checks them, before dbt builds on them.
    rows = warehouse.query("""
        select source_file from raw.articles
        union all select source_file from raw.quarantine""")
    found = Counter(source_file for (source_file,) in rows)
    counts = expected_row_counts(raw_folder.folder, _earlier_counts(warehouse))
    _keep_counts(warehouse, counts)
    expected = {name: count.rows for name, count in counts.items()}
    missing = sorted(name for name in expected if name not in found)
    wrong = sorted(f"{name}: {found[name]} rows for {n}" for name, n in expected.items() if name in found and found[name] != n)
    unlisted = sorted(set(found) - set(expected))
    broken = bool(wrong or unlisted)
    return dg.AssetCheckResult(
        passed=not (broken or missing),
        severity=dg.AssetCheckSeverity.ERROR if broken else dg.AssetCheckSeverity.WARN,
        metadata={
            "inputs": len(expected),
            "rows": len(rows),
            "inputs_without_a_row": _sample(missing),
            "inputs_with_too_many_or_too_few_rows": _sample(wrong),
            "rows_of_no_input": _sample(unlisted),
        },
    )


# Counting the records of every .jsonl file means reading the whole feed (a second a run at 50,000 articles):
# the counts are kept with each file's size and modification time, and a file that kept both is not read
# again. That is the trust the batches' stamps already place in them (orchestration/assets/batches.py).
EXPECTED_ROWS = "meta.expected_rows"


def _earlier_counts(warehouse: Warehouse) -> dict[str, ExpectedRows]:
    try:
        rows = warehouse.query(f"select source_file, rows, size, modified_ns from {EXPECTED_ROWS}")
    except duckdb.CatalogException:  # the first run into this build file
        return {}
    return {source_file: ExpectedRows(*counts) for source_file, *counts in rows}


def _keep_counts(warehouse: Warehouse, counts: dict[str, ExpectedRows]) -> None:
    counted = [(name, count.rows, count.size, count.modified_ns) for name, count in counts.items() if count.size is not None]
    schema = {"source_file": pl.Utf8, "rows": pl.Int64, "size": pl.Int64, "modified_ns": pl.Int64}
    warehouse.replace_tables({EXPECTED_ROWS: pl.DataFrame(counted, schema=schema, orient="row")})


warehouse_checks = [
    every_event_has_evidence_from_a_source_article,
    event_years_are_plausible,
    every_input_is_accounted_for,
]
