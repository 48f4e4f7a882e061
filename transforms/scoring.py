"""Score extracted events against gold annotations (../shared/spec/events.md, "Scoring").

Over 400 lines on purpose: it implements one specification (events.md's scoring) whose levels,
events and cells, share their matching and their tables; the module reads top to bottom as the
specification does.

Two levels are scored.

Event level, per article
    Gold events and predicted events are expanded to country pairs: an event
    with n participants is one item for each of its n*(n-1)/2 pairs. An item's
    key is (type, pair, year); a null year is a value of its own, so null
    matches null and nothing else. For each key of an article:

    - r = required gold items (``optional`` false), o = optional gold items,
      p = distinct predicted ``event_id`` s;
    - tp = matched_required = min(p, r);
    - matched_optional = min(p - matched_required, o): neither credited nor
      penalised;
    - fp = p - matched_required - matched_optional;
    - fn = r - matched_required.

    So two predicted events for one gold event give one tp and one fp.
    Precision, recall and F1 are micro-averaged over the corpus (sums of
    tp/fp/fn first), overall and per event type. F1 is 2tp / (2tp + fp + fn).
    A ratio whose denominator is zero is ``None`` (shown as "-").

    Status accuracy: predicted items are assigned to the required gold items of
    their key preferring equal status, so the matched items with equal status
    number sum over statuses s of min(p_s, r_s). Status accuracy = that number
    / tp.

    Event+status F1: the same counting with the status added to the key, so a
    match also needs equal status (an optional gold item absorbs only a
    predicted item of its own status).

    Predicted rows of an article that has no gold record are not scored (there
    is no annotation to score them against); their articles are listed in
    ``Scores.unannotated_articles`` and in the rendered table.

Fact-table level, over the whole corpus
    A gold cell is (type, year, pair). Its events are the distinct
    ``event_key`` s of the gold items in that cell, from every article.
    g_min = event_keys that are non-optional in at least one article's
    annotation of that cell; g_opt = event_keys that are optional in every
    annotation of that cell. The warehouse's count for the cell is n
    (``n_events``; 0 when it has no such cell). A cell is exact when
    g_min <= n <= g_min + g_opt; its absolute error is the distance from n to
    that interval. Cells are the union of gold cells and predicted cells (a
    predicted cell absent from gold has g_min = g_opt = 0).

    A cell is scored only when gold requires an event there (g_min > 0) or the
    warehouse counts more than gold allows (n > g_min + g_opt). The cells left
    out are those where gold requires nothing and the warehouse stays within
    the optional range: counting them as exact would credit optional events,
    which the guideline says are neither credited nor penalised. Reported:
    n_cells (scored cells), the share of them that is exact, the mean and the
    total absolute error; overall and per event type.

Scoring part of a corpus (``score_articles``)
    Only the gold records of the chosen articles are scored, and a cell counts
    the distinct events reported by at least one of them: the events of the
    other articles are neither required nor counted. When the chosen articles
    are every annotated article and every predicted article is annotated, this
    is the score of the whole warehouse.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import polars as pl

from transforms.schemas import EVENT_TYPES, STATUSES
ALL = "all"

PREDICTED_EVENTS = {
    "article": pl.Utf8,
    "event_id": pl.Utf8,
    "event_type": pl.Utf8,
    "country_a": pl.Utf8,
    "country_b": pl.Utf8,
    "year": pl.Int64,
    "status": pl.Utf8,
}

PREDICTED_CELLS = {
    "event_type": pl.Utf8,
    "year": pl.Int64,
    "country_a": pl.Utf8,
    "country_b": pl.Utf8,
    "n_events": pl.Int64,
}

ERRORS = {
    "article": pl.Utf8,
    "kind": pl.Utf8,  # false_positive | false_negative | wrong_status
    "event_type": pl.Utf8,
    "year": pl.Int64,
    "country_a": pl.Utf8,
    "country_b": pl.Utf8,
    "count": pl.Int64,
    "gold_event_keys": pl.List(pl.Utf8),  # every gold item of the key, required or optional
    "predicted_event_ids": pl.List(pl.Utf8),
}

CELLS = {
    "event_type": pl.Utf8,
    "year": pl.Int64,
    "country_a": pl.Utf8,
    "country_b": pl.Utf8,
    "gold_required": pl.Int64,
    "gold_optional": pl.Int64,
    "predicted": pl.Int64,
    "abs_error": pl.Int64,
    "scored": pl.Boolean,
}

# (type, country_a, country_b, year)
Key = tuple[str, str, str, int | None]


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class EventCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    status_equal: int = 0  # matched required items whose predicted status equals gold's
    tp_status: int = 0  # the counts with status in the key
    fp_status: int = 0
    fn_status: int = 0

    def __add__(self, other: EventCounts) -> EventCounts:
        return EventCounts(*(a + b for a, b in zip(self._values(), other._values())))

    def _values(self) -> tuple[int, ...]:
        return (self.tp, self.fp, self.fn, self.status_equal, self.tp_status, self.fp_status, self.fn_status)

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def status_accuracy(self) -> float | None:
        return _ratio(self.status_equal, self.tp)

    @property
    def status_f1(self) -> float | None:
        return _ratio(2 * self.tp_status, 2 * self.tp_status + self.fp_status + self.fn_status)


@dataclass(frozen=True)
class CellCounts:
    n_cells: int = 0
    n_exact: int = 0
    total_abs_error: int = 0

    def __add__(self, other: CellCounts) -> CellCounts:
        return CellCounts(
            self.n_cells + other.n_cells,
            self.n_exact + other.n_exact,
            self.total_abs_error + other.total_abs_error,
        )

    @property
    def exact_share(self) -> float | None:
        return _ratio(self.n_exact, self.n_cells)

    @property
    def mean_abs_error(self) -> float | None:
        return _ratio(self.total_abs_error, self.n_cells)


@dataclass(frozen=True)
class Scores:
    events: dict[str, EventCounts]  # by event type, plus "all"
    cells: dict[str, CellCounts]  # by event type, plus "all"
    errors: pl.DataFrame  # ERRORS: event-level mistakes per article and key
    cell_table: pl.DataFrame  # CELLS: every cell of the union, scored or not
    unannotated_articles: list[str]  # predicted articles without a gold record


# --- gold -------------------------------------------------------------------


def read_gold(path: str | Path) -> list[dict]:
    """Read a gold.jsonl file: one article record a line; blank lines are skipped."""
    records = []
    seen: dict[str, int] = {}
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path}, line {number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{where}: not valid JSON ({error.msg})") from error
            _check_gold_record(record, where)
            if record["article"] in seen:
                raise ValueError(
                    f"{where}: article {record['article']!r} already annotated on line {seen[record['article']]}"
                )
            seen[record["article"]] = number
            records.append(record)
    return records


def _check_gold_record(record: object, where: str) -> None:
    if not isinstance(record, dict):
        raise ValueError(f"{where}: expected a JSON object, got {type(record).__name__}")
    if not isinstance(record.get("article"), str) or not record["article"]:
        raise ValueError(f"{where}: 'article' must be a non-empty string")
    if not isinstance(record.get("events"), list):
        raise ValueError(f"{where}: 'events' must be a list")
    for index, event in enumerate(record["events"]):
        _check_gold_event(event, f"{where}, event {index}")


def _check_gold_event(event: object, where: str) -> None:
    if not isinstance(event, dict):
        raise ValueError(f"{where}: expected a JSON object, got {type(event).__name__}")
    if event.get("type") not in EVENT_TYPES:
        raise ValueError(f"{where}: 'type' must be one of {EVENT_TYPES}, got {event.get('type')!r}")
    countries = event.get("countries")
    if not isinstance(countries, list) or not all(isinstance(c, str) for c in countries) or len(set(countries)) < 2:
        raise ValueError(f"{where}: 'countries' must list two or more distinct country codes, got {countries!r}")
    year = event.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise ValueError(f"{where}: 'year' must be an integer or null, got {year!r}")
    if event.get("status") not in STATUSES:
        raise ValueError(f"{where}: 'status' must be one of {STATUSES}, got {event.get('status')!r}")
    if not isinstance(event.get("event_key"), str) or not event["event_key"]:
        raise ValueError(f"{where}: 'event_key' must be a non-empty string")
    if not isinstance(event.get("optional", False), bool):
        raise ValueError(f"{where}: 'optional' must be true or false, got {event['optional']!r}")


@dataclass(frozen=True)
class _GoldItem:
    event_key: str
    optional: bool
    status: str


def _pairs(countries: list[str]) -> list[tuple[str, str]]:
    return list(combinations(sorted(set(countries)), 2))


def _gold_items(gold: list[dict]) -> dict[str, dict[Key, list[_GoldItem]]]:
    by_article: dict[str, dict[Key, list[_GoldItem]]] = {}
    for index, record in enumerate(gold):
        where = f"gold record {index}"
        _check_gold_record(record, where)
        if record["article"] in by_article:
            raise ValueError(f"{where}: article {record['article']!r} is annotated twice")
        items: dict[Key, list[_GoldItem]] = defaultdict(list)
        for event in record["events"]:
            item = _GoldItem(event["event_key"], event.get("optional", False), event["status"])
            for a, b in _pairs(event["countries"]):
                items[(event["type"], a, b, event["year"])].append(item)
        by_article[record["article"]] = items
    return by_article


# --- predictions ------------------------------------------------------------


def _typed_columns(frame: pl.DataFrame, schema: dict, what: str, not_null: tuple[str, ...]) -> pl.DataFrame:
    missing = [column for column in schema if column not in frame.columns]
    if missing:
        raise ValueError(f"{what}: missing columns {missing}")
    try:
        typed = frame.select(pl.col(column).cast(dtype) for column, dtype in schema.items())
    except pl.exceptions.PolarsError as error:
        raise ValueError(f"{what}: a column cannot be read as its expected type ({error})") from error
    for column in not_null:
        nulls = typed[column].null_count()
        if nulls:
            raise ValueError(f"{what}: column {column!r} has {nulls} null value(s)")
    return typed


def _predicted_items(predicted: pl.DataFrame) -> dict[str, dict[Key, dict[str, str | None]]]:
    """article -> key -> event_id -> status."""
    rows = _typed_columns(
        predicted,
        PREDICTED_EVENTS,
        "predicted events",
        not_null=("article", "event_id", "event_type", "country_a", "country_b"),
    )
    by_article: dict[str, dict[Key, dict[str, str | None]]] = defaultdict(lambda: defaultdict(dict))
    for row in rows.iter_rows(named=True):
        a, b = sorted((row["country_a"], row["country_b"]))
        key = (row["event_type"], a, b, row["year"])
        statuses = by_article[row["article"]][key]
        if row["event_id"] in statuses and statuses[row["event_id"]] != row["status"]:
            raise ValueError(
                f"predicted events: event {row['event_id']!r} of article {row['article']!r} has two statuses, "
                f"{statuses[row['event_id']]!r} and {row['status']!r}"
            )
        statuses[row["event_id"]] = row["status"]
    return by_article


# --- event level ------------------------------------------------------------


def _match(required: list, optional: int, predicted: list) -> tuple[int, int, int, int]:
    """tp, fp, fn and status-equal matches of one key; lists hold statuses."""
    tp = min(len(predicted), len(required))
    matched_optional = min(len(predicted) - tp, optional)
    fp = len(predicted) - tp - matched_optional
    fn = len(required) - tp
    required_by_status, predicted_by_status = Counter(required), Counter(predicted)
    status_equal = sum(min(n, predicted_by_status[status]) for status, n in required_by_status.items())
    return tp, fp, fn, status_equal


def _score_key(gold: list[_GoldItem], predicted: dict[str, str | None]) -> EventCounts:
    required = [item.status for item in gold if not item.optional]
    optional = [item.status for item in gold if item.optional]
    tp, fp, fn, status_equal = _match(required, len(optional), list(predicted.values()))
    tp_status = fp_status = fn_status = 0
    for status in set(required) | set(optional) | set(predicted.values()):
        s_tp, s_fp, s_fn, _ = _match(
            [s for s in required if s == status],
            optional.count(status),
            [s for s in predicted.values() if s == status],
        )
        tp_status, fp_status, fn_status = tp_status + s_tp, fp_status + s_fp, fn_status + s_fn
    return EventCounts(tp, fp, fn, status_equal, tp_status, fp_status, fn_status)


def _score_events(
    gold_items: dict[str, dict[Key, list[_GoldItem]]],
    predicted_items: dict[str, dict[Key, dict[str, str | None]]],
) -> tuple[dict[str, EventCounts], list[dict]]:
    totals: dict[str, EventCounts] = defaultdict(EventCounts)
    errors = []
    for article, gold_keys in gold_items.items():
        predicted_keys = predicted_items.get(article, {})
        for key in gold_keys.keys() | predicted_keys.keys():
            gold, predicted = gold_keys.get(key, []), predicted_keys.get(key, {})
            counts = _score_key(gold, predicted)
            totals[key[0]] += counts
            for kind, count in (
                ("false_positive", counts.fp),
                ("false_negative", counts.fn),
                ("wrong_status", counts.tp - counts.status_equal),
            ):
                if count:
                    event_type, a, b, year = key
                    errors.append(
                        {
                            "article": article,
                            "kind": kind,
                            "event_type": event_type,
                            "year": year,
                            "country_a": a,
                            "country_b": b,
                            "count": count,
                            "gold_event_keys": sorted(item.event_key for item in gold),
                            "predicted_event_ids": sorted(predicted),
                        }
                    )
    return totals, errors


# --- fact-table level -------------------------------------------------------


def _gold_cells(gold_items: dict[str, dict[Key, list[_GoldItem]]]) -> dict[Key, tuple[int, int]]:
    """cell -> (g_min, g_opt)."""
    required_in_cell: dict[Key, dict[str, bool]] = defaultdict(dict)
    for items in gold_items.values():
        for key, cell_items in items.items():
            for item in cell_items:
                keys = required_in_cell[key]
                keys[item.event_key] = keys.get(item.event_key, False) or not item.optional
    return {
        key: (sum(keys.values()), sum(not required for required in keys.values()))
        for key, keys in required_in_cell.items()
    }


def _predicted_cells(cells: pl.DataFrame) -> dict[Key, int]:
    rows = _typed_columns(
        cells,
        PREDICTED_CELLS,
        "predicted cells",
        not_null=("event_type", "country_a", "country_b", "n_events"),
    )
    counts: dict[Key, int] = {}
    for row in rows.iter_rows(named=True):
        a, b = sorted((row["country_a"], row["country_b"]))
        key = (row["event_type"], a, b, row["year"])
        if key in counts:
            raise ValueError(f"predicted cells: cell {key} appears twice")
        if row["n_events"] < 0:
            raise ValueError(f"predicted cells: cell {key} has a negative n_events {row['n_events']}")
        counts[key] = row["n_events"]
    return counts


def _score_cells(gold_cells: dict[Key, tuple[int, int]], predicted_cells: dict[Key, int]) -> list[dict]:
    table = []
    for key in gold_cells.keys() | predicted_cells.keys():
        g_min, g_opt = gold_cells.get(key, (0, 0))
        n = predicted_cells.get(key, 0)
        event_type, a, b, year = key
        table.append(
            {
                "event_type": event_type,
                "year": year,
                "country_a": a,
                "country_b": b,
                "gold_required": g_min,
                "gold_optional": g_opt,
                "predicted": n,
                "abs_error": max(g_min - n, 0, n - g_min - g_opt),
                "scored": g_min > 0 or n > g_min + g_opt,
            }
        )
    return table


def _cell_totals(table: list[dict]) -> dict[str, CellCounts]:
    totals: dict[str, CellCounts] = defaultdict(CellCounts)
    for cell in table:
        if cell["scored"]:
            totals[cell["event_type"]] += CellCounts(1, int(cell["abs_error"] == 0), cell["abs_error"])
    return totals


# --- scoring ----------------------------------------------------------------


def _by_type(totals: dict, types: list[str], zero):
    by_type = {event_type: totals.get(event_type, zero) for event_type in types}
    by_type[ALL] = sum(by_type.values(), zero)
    return by_type


def score(gold: list[dict], predicted_events: pl.DataFrame, predicted_cells: pl.DataFrame) -> Scores:
    """Score predicted event mentions and fact-table cells against gold records (see the module docstring)."""
    gold_items = _gold_items(gold)
    predicted_items = _predicted_items(predicted_events)
    event_totals, errors = _score_events(gold_items, predicted_items)
    cell_table = _score_cells(_gold_cells(gold_items), _predicted_cells(predicted_cells))
    cell_totals = _cell_totals(cell_table)
    # the spec's three types first; a predicted type outside them still shows, and counts in "all"
    types = list(EVENT_TYPES) + sorted((event_totals.keys() | cell_totals.keys()) - set(EVENT_TYPES))
    sort_key = ["event_type", "country_a", "country_b", "year"]
    return Scores(
        events=_by_type(event_totals, types, EventCounts()),
        cells=_by_type(cell_totals, types, CellCounts()),
        errors=pl.DataFrame(errors, schema=ERRORS).sort(["article", *sort_key, "kind"], nulls_last=True),
        cell_table=pl.DataFrame(cell_table, schema=CELLS).sort(sort_key, nulls_last=True),
        unannotated_articles=sorted(predicted_items.keys() - gold_items.keys()),
    )


def predicted_cells(predicted_events: pl.DataFrame) -> pl.DataFrame:
    """PREDICTED_CELLS of the events in PREDICTED_EVENTS rows: distinct event_id per (type, year, pair)."""
    return (
        predicted_events.group_by("event_type", "year", "country_a", "country_b")
        .agg(n_events=pl.col("event_id").n_unique())
        .select(pl.col(column).cast(dtype) for column, dtype in PREDICTED_CELLS.items())
    )


def score_articles(gold: list[dict], predicted_events: pl.DataFrame, articles: set[str]) -> Scores:
    """Score the gold records of `articles` against what their articles report (module docstring).

    `predicted_events` holds every article's events (PREDICTED_EVENTS), so the cells are
    counted here from the events of `articles` alone. Predicted articles without any
    record in `gold` stay in, to be listed as not scored.
    """
    annotated = {record["article"] for record in gold}
    if articles - annotated:
        raise ValueError(f"articles without a gold record: {sorted(articles - annotated)}")
    chosen = pl.col("article").is_in(sorted(articles))
    return score(
        [record for record in gold if record["article"] in articles],
        predicted_events.filter(chosen | ~pl.col("article").is_in(sorted(annotated))),
        predicted_cells(predicted_events.filter(chosen)),
    )


def score_figures(scores: Scores) -> dict[str, dict]:
    """The figures of the table, per event type and "all", for JSON."""
    return {
        event_type: {
            "tp": events.tp,
            "fp": events.fp,
            "fn": events.fn,
            "precision": events.precision,
            "recall": events.recall,
            "f1": events.f1,
            "status_accuracy": events.status_accuracy,
            "status_f1": events.status_f1,
            "cells": scores.cells[event_type].n_cells,
            "cells_exact": scores.cells[event_type].exact_share,
            "cells_mae": scores.cells[event_type].mean_abs_error,
            "cells_total_abs_error": scores.cells[event_type].total_abs_error,
        }
        for event_type, events in scores.events.items()
    }


def format_scores(scores: Scores) -> str:
    """A plain-text table: one row per event type and "all"."""

    def number(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    header = (
        f"{'type':<10} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'status acc':>10} {'F1+status':>9} {'cells':>6} {'cells exact':>11} {'MAE':>6}"
    )
    lines = [header, "-" * len(header)]
    for event_type, events in scores.events.items():
        cells = scores.cells[event_type]
        lines.append(
            f"{event_type:<10} {events.tp:>5} {events.fp:>5} {events.fn:>5} "
            f"{number(events.precision):>6} {number(events.recall):>6} {number(events.f1):>6} "
            f"{number(events.status_accuracy):>10} {number(events.status_f1):>9} "
            f"{cells.n_cells:>6} {number(cells.exact_share):>11} {number(cells.mean_abs_error):>6}"
        )
    all_cells = scores.cells[ALL]
    lines.append(f"total absolute error over {all_cells.n_cells} cells: {all_cells.total_abs_error}")
    if scores.unannotated_articles:
        lines.append(
            f"not scored, no gold record: {len(scores.unannotated_articles)} article(s): "
            + ", ".join(scores.unannotated_articles)
        )
    return "\n".join(lines)
