"""The analysts' corrections file: read, checked line by line, and appended to.

A CSV kept in the repository (ENTENTE_CORRECTIONS, README "Corrections"), so corrections
are read, diffed and reviewed like code. One row a decision about one event:

- ``reject``: the event is not real (it leaves every mart);
- ``confirm``: the event is right as read;
- ``set``: one field of the event takes ``value`` (FIELDS);
- ``add``: an event the machine missed, with ``event_id`` a new id chosen by the analyst and
  ``value`` the article id or URL it comes from; its fields come from ``set`` rows of that id
  (an event type and participants at least).

Later lines win over earlier ones of the same event and field. dbt applies the rows
(intermediate.int_events_corrected); a row that cannot apply is never dropped: a malformed one
is kept here with its line and reason, one whose event is not in the build is listed by dbt
(marts.corrections_unapplied).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from transforms.schemas import EVENT_TYPES, STATUSES

COLUMNS = ("event_id", "action", "field", "value", "note", "reviewer", "reviewed_at")
ACTIONS = ("reject", "confirm", "set", "add")
FIELDS = ("year", "month", "day", "status", "subtype", "event_type", "participants")
# What an added event cannot be without: the rest may stay unknown, as for a machine-read event.
ADDED_EVENT_NEEDS = ("event_type", "participants")

CORRECTIONS = {
    "line": pl.Int32,  # the row's first line in the file, the header being line 1
    **{column: pl.Utf8 for column in COLUMNS},
}
INVALID_CORRECTIONS = {
    "line": pl.Int32,
    "row": pl.Utf8,  # the row as the file holds it
    "reason": pl.Utf8,
}


@dataclass(frozen=True)
class CorrectionRules:
    """What a value must be: the known ISO3 codes and subtypes, and the plausible years."""

    countries: frozenset[str]
    subtypes: frozenset[str]
    years: range


@dataclass(frozen=True)
class CorrectionsRead:
    valid: pl.DataFrame  # schema CORRECTIONS
    invalid: pl.DataFrame  # schema INVALID_CORRECTIONS


def value_problem(field: str, value: str, rules: CorrectionRules) -> str | None:
    """Why `value` cannot be the event's `field`, or None when it can. An empty month or day makes it unknown."""
    if field in ("year", "month", "day"):
        if value == "" and field != "year":
            return None
        if not value.isdigit():
            return f"{field} must be a whole number, not {value!r}"
        number = int(value)
        bounds = {"year": (rules.years.start, rules.years.stop - 1), "month": (1, 12), "day": (1, 31)}[field]
        if not bounds[0] <= number <= bounds[1]:
            return f"{field} must be between {bounds[0]} and {bounds[1]}, not {number}"
        return None
    if field == "status":
        return None if value in STATUSES else f"status must be one of {', '.join(STATUSES)}, not {value!r}"
    if field == "event_type":
        return None if value in EVENT_TYPES else f"event_type must be one of {', '.join(EVENT_TYPES)}, not {value!r}"
    if field == "subtype":
        return None if value in rules.subtypes else f"subtype must be one of {', '.join(sorted(rules.subtypes))}, not {value!r}"
    if field == "participants":
        codes = [code.strip() for code in value.split(";") if code.strip()]
        unknown = [code for code in codes if code not in rules.countries]
        if unknown:
            return f"participants: {', '.join(unknown)} {'is not an ISO3 code' if len(unknown) == 1 else 'are not ISO3 codes'}"
        if len(set(codes)) < 2:
            return "participants must name at least two countries as ISO3 codes separated by ';'"
        return None
    return f"field must be one of {', '.join(FIELDS)}, not {field!r}"


def row_problem(row: dict[str, str], rules: CorrectionRules) -> str | None:
    """Why one row cannot apply, whatever the other rows say; None when it can."""
    if not row["event_id"]:
        return "event_id is empty"
    if row["action"] not in ACTIONS:
        return f"action must be one of {', '.join(ACTIONS)}, not {row['action']!r}"
    if row["reviewed_at"]:
        try:
            datetime.fromisoformat(row["reviewed_at"])
        except ValueError:
            return f"reviewed_at must be an ISO date or date and time, not {row['reviewed_at']!r}"
    if row["action"] == "set":
        return value_problem(row["field"], row["value"], rules)
    if row["action"] == "add" and not row["value"]:
        return "add needs the article id or URL the event comes from in value"
    if row["field"]:
        return f"field is only read with set, not with {row['action']}"
    return None


def _canonical(row: dict[str, str]) -> dict[str, str]:
    """Participants as sorted, distinct codes: one spelling of one set, as the marts hold it."""
    if row["action"] == "set" and row["field"] == "participants":
        return {**row, "value": ";".join(sorted({code.strip() for code in row["value"].split(";") if code.strip()}))}
    return row


def check_corrections(text: str, rules: CorrectionRules) -> CorrectionsRead:
    """Every row of the file, valid or with the reason it is not: none is lost."""
    valid: list[dict] = []
    invalid: list[dict] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return CorrectionsRead(pl.DataFrame(schema=CORRECTIONS), pl.DataFrame(schema=INVALID_CORRECTIONS))
    header = [name.strip() for name in header]
    missing = [column for column in COLUMNS if column not in header]
    line = reader.line_num + 1
    for fields in reader:
        first_line, line = line, reader.line_num + 1
        if not any(field.strip() for field in fields):
            continue
        as_written = _csv_line(fields)
        if missing:
            invalid.append({"line": first_line, "row": as_written, "reason": f"the header lacks {', '.join(missing)}"})
            continue
        if len(fields) != len(header):
            invalid.append({"line": first_line, "row": as_written, "reason": f"{len(fields)} fields where the header has {len(header)}"})
            continue
        row = {name: fields[header.index(name)].strip() for name in COLUMNS}
        problem = row_problem(row, rules)
        if problem:
            invalid.append({"line": first_line, "row": as_written, "reason": problem})
        else:
            valid.append({"line": first_line, **_canonical(row)})
    valid, invalid = _check_added_events(valid, invalid)
    return CorrectionsRead(
        pl.DataFrame(valid, schema=CORRECTIONS, orient="row"),
        pl.DataFrame(sorted(invalid, key=lambda row: row["line"]), schema=INVALID_CORRECTIONS, orient="row"),
    )


def _check_added_events(valid: list[dict], invalid: list[dict]) -> tuple[list[dict], list[dict]]:
    """An added event needs its type and participants in set rows; an id is added once."""
    added: dict[str, dict] = {}
    kept = []
    for row in valid:
        if row["action"] == "add" and row["event_id"] in added:
            invalid.append({"line": row["line"], "row": _as_written(row), "reason": f"event {row['event_id']} is added twice (first on line {added[row['event_id']]['line']})"})
        else:
            kept.append(row)
            if row["action"] == "add":
                added[row["event_id"]] = row
    given = {(row["event_id"], row["field"]) for row in kept if row["action"] == "set"}
    incomplete = {
        event_id: [field for field in ADDED_EVENT_NEEDS if (event_id, field) not in given] for event_id in added
    }
    result = []
    for row in kept:
        lacking = incomplete.get(row["event_id"])
        if lacking:
            reason = f"added event {row['event_id']} lacks set rows for {', '.join(lacking)}"
            invalid.append({"line": row["line"], "row": _as_written(row), "reason": reason})
        else:
            result.append(row)
    return result, invalid


def _as_written(row: dict) -> str:
    return _csv_line(row[column] for column in COLUMNS)


def _csv_line(fields) -> str:
    """Fields as one CSV row, quoted where the file must quote them."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(fields)
    return buffer.getvalue()


def read_corrections(path: Path | None, rules: CorrectionRules) -> CorrectionsRead:
    """The file's rows checked; no file (or no path) is no corrections. Bytes that are not UTF-8 are one invalid row."""
    if path is None or not path.exists():
        return check_corrections("", rules)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return CorrectionsRead(
            pl.DataFrame(schema=CORRECTIONS),
            pl.DataFrame(
                [{"line": 1, "row": data.decode("utf-8", errors="replace"), "reason": f"the file is not UTF-8 ({error.reason} at byte {error.start})"}],
                schema=INVALID_CORRECTIONS,
                orient="row",
            ),
        )
    return check_corrections(text, rules)


def append_correction(
    path: Path,
    rules: CorrectionRules,
    *,
    event_id: str,
    action: str,
    field: str = "",
    value: str = "",
    note: str = "",
    reviewer: str = "",
    reviewed_at: datetime | None = None,
) -> int:
    """Append one row (the file and its header are created when missing); its line number. A row that could not apply raises ValueError."""
    stamp = (reviewed_at or datetime.now(timezone.utc)).replace(microsecond=0).isoformat()
    row = {"event_id": event_id.strip(), "action": action, "field": field, "value": value.strip(), "note": note.strip(), "reviewer": reviewer.strip(), "reviewed_at": stamp}
    problem = row_problem(row, rules)
    if problem:
        raise ValueError(problem)
    row = _canonical(row)
    existing = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    if existing.strip():
        before = "" if existing.endswith("\n") else "\n"
        mode, written = "a", existing + before
    else:  # a new or empty file starts with the header
        before = ",".join(COLUMNS) + "\n"
        mode, written = "w", before
    with path.open(mode, encoding="utf-8", newline="") as file:
        file.write(before + _as_written(row) + "\n")
    return written.count("\n") + 1
