"""The published warehouse: the finished build, swapped in atomically for SQL users."""

from pathlib import Path

import dagster as dg

from orchestration.assets.batches import REBUILT_AFTER_BATCHES
from orchestration.assets.dbt import entente_dbt_models
from orchestration.resources import Warehouse
from orchestration.settings import is_motherduck
from transforms.schemas import EVENT_TYPES

# Every dbt model of the marts schema, read from the manifest: a new mart is published without a hand list.
MARTS = [key for key in entente_dbt_models.keys if key.has_prefix(["marts"])]
PREVIEW_ROWS = 20
BAR_WIDTH = 30


@dg.asset(
    key=["published_warehouse"],
    deps=MARTS,
    group_name="publish",
    pool="warehouse",
    automation_condition=REBUILT_AFTER_BATCHES,
    description="The read-only copy of the warehouse that SQL users, dbt docs and the scorer open (ENTENTE_WAREHOUSE).",
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    # An unreadable old file must not stop publishing a good new one: its events count as none.
    previous_event_ids = {row[0] for row in warehouse.query_published("select event_id from marts.fct_events") or []}
    events = warehouse.query("""
        select event_id, event_type, status, year, month, day, participants, n_articles
        from marts.fct_events order by year desc nulls last, month desc nulls last, day desc nulls last, event_id""")
    new_events = [row for row in events if row[0] not in previous_event_ids]
    row_counts = {f"rows_{key.path[-1]}": warehouse.query(f"select count(*) from marts.{key.path[-1]}")[0][0] for key in MARTS}
    published = warehouse.publish()
    context.log.info(f"published {published}: {len(events)} events, {len(new_events)} new")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(published),
            **({} if is_motherduck(published) else {"bytes": Path(published).stat().st_size}),
            "events": len(events),
            "new_events": len(new_events),
            **row_counts,
            "new_events_preview": dg.MetadataValue.md(_events_table(new_events)),
            "events_per_year_by_type": dg.MetadataValue.md(_events_per_year_chart(events)),
        }
    )


def _markdown_cell(value) -> str:
    text = ", ".join(value) if isinstance(value, list) else ("" if value is None else str(value))
    return text.replace("|", "\\|").replace("\n", " ")


def _events_table(rows: list[tuple]) -> str:
    if not rows:
        return "No new events since the last published warehouse."
    lines = ["| date | type | status | participants | articles |", "| --- | --- | --- | --- | --- |"]
    for _, event_type, status, year, month, day, participants, n_articles in rows[:PREVIEW_ROWS]:
        when = "-".join(f"{part:02d}" if i else str(part) for i, part in enumerate(p for p in (year, month, day) if p is not None)) or "undated"
        lines.append(f"| {when} | {event_type} | {status} | {_markdown_cell(participants)} | {n_articles} |")
    if len(rows) > PREVIEW_ROWS:
        lines.append(f"\n{len(rows) - PREVIEW_ROWS} more new events: `select * from marts.fct_events`.")
    return "\n".join(lines)


def _events_per_year_chart(rows: list[tuple]) -> str:
    """A bar chart in text, which the UI's markdown shows as is: one row per year, one bar per event type."""
    counts: dict[int, dict[str, int]] = {}
    for _, event_type, _, year, *_ in rows:
        if year is not None:
            counts.setdefault(year, dict.fromkeys(EVENT_TYPES, 0))[event_type] += 1
    if not counts:
        return "No dated events."
    most = max(max(by_type.values()) for by_type in counts.values())
    lines = ["| year | " + " | ".join(f"{t}s" for t in EVENT_TYPES) + " |", "| --- |" + " --- |" * len(EVENT_TYPES)]
    for year in sorted(counts):
        bars = [f"`{'█' * max(1, round(BAR_WIDTH * n / most)) if n else ''}` {n}" for n in (counts[year][t] for t in EVENT_TYPES)]
        lines.append(f"| {year} | " + " | ".join(bars) + " |")
    return "\n".join(lines)
