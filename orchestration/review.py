"""`entente review`: the review queue (marts.review_queue) as a local web page that writes the corrections file.

Server-rendered HTML (Starlette, Jinja2, uvicorn), plain forms, no JavaScript. Each button
appends one row to the corrections file (transforms/corrections.py); the next build applies
the rows, so the page reads the published warehouse read-only and never changes it.

    GET  /                          the queue, most urgent first
    POST /events/{event_id}/confirm the event is right as read        (form: note)
    POST /events/{event_id}/reject  the event is not real             (form: note)
    POST /events/{event_id}/set     one field takes a value           (form: field, value, note)
    GET  /healthz                   "ok"

A written row redirects (303) to the queue with the line it was written on; a value that
could not apply is shown with its reason (400) and nothing is written.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2
import polars as pl
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from orchestration.corrections import correction_rules
from orchestration.published import connect_read_only
from transforms.corrections import FIELDS, CorrectionRules, append_correction, read_corrections
from transforms.report import event_date

QUEUE = "marts.review_queue"
QUEUE_COLUMNS = """
    queue_rank, event_id, event_type, subtype, status, year, month, day, participants,
    confidence, confidence_reasons, impact, priority, n_articles, evidence, article_links
"""
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_LIMIT = 100
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
FIELD_HINTS = {
    "year": "e.g. 2021",
    "month": "1 to 12, or empty for unknown",
    "day": "1 to 31, or empty for unknown",
    "status": "occurred or planned",
    "subtype": "e.g. mou, naval, ministers",
    "event_type": "meeting, exercise or agreement",
    "participants": "ISO3 codes separated by ';', e.g. JPN;VNM",
}

TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.filters["path_quote"] = lambda value: quote(str(value), safe="")


@dataclass(frozen=True)
class Review:
    """What the page works on: the published warehouse it reads, the corrections file it appends to, and who reviews."""

    warehouse: Path
    corrections: Path
    reviewer: str
    limit: int

    def rules(self) -> CorrectionRules:
        return correction_rules()


def queue_problem(warehouse: Path) -> str | None:
    """Why the page cannot show the warehouse's queue (no file raises FileNotFoundError); None when it can."""
    with connect_read_only(warehouse) as connection:
        found = connection.execute(
            "select count(*) from information_schema.tables where table_schema = 'marts' and table_name = 'review_queue'"
        ).fetchone()[0]
    return None if found else f"{warehouse} has no {QUEUE}: run `entente run` to build it"


def read_queue(warehouse: Path, limit: int) -> tuple[list[dict], int]:
    """The first `limit` events of the queue (0: all) and how many it holds."""
    with connect_read_only(warehouse) as connection:
        total = connection.execute(f"select count(*) from {QUEUE}").fetchone()[0]
        sql = f"select {QUEUE_COLUMNS} from {QUEUE} order by queue_rank, event_id" + (" limit ?" if limit else "")
        cursor = connection.execute(sql, [limit] if limit else [])
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()], total


def queued_event(warehouse: Path, event_id: str) -> dict | None:
    with connect_read_only(warehouse) as connection:
        cursor = connection.execute(f"select {QUEUE_COLUMNS} from {QUEUE} where event_id = ?", [event_id])
        row = cursor.fetchone()
        return None if row is None else dict(zip([column[0] for column in cursor.description], row))


def field_value(event: dict, field: str) -> str:
    """The event's field as a corrections file writes it: participants as sorted codes joined by ';'."""
    value = event.get(field)
    if value is None:
        return ""
    if field == "participants":
        return ";".join(sorted(value))
    return str(value)


def pending_decisions(corrections: pl.DataFrame, events: list[dict], published_at: float) -> dict[str, list[str]]:
    """For each event on the page, what the corrections file's valid rows say of it that the published warehouse does not show yet.

    The last row of an event and field wins, as in the build. An event still in the queue has not
    had its reject applied; a set is pending while the event's field differs from the value; a
    confirm is pending when it was written after the warehouse was published.
    """
    shown = {event["event_id"]: event for event in events}
    latest: dict[tuple[str, str], dict] = {}
    for row in corrections.iter_rows(named=True):
        if row["event_id"] in shown:
            latest[(row["event_id"], row["field"] or "")] = row
    pending: dict[str, list[str]] = {}
    for (event_id, field), row in sorted(latest.items(), key=lambda item: item[1]["line"]):
        event, action = shown[event_id], row["action"]
        if action == "reject":
            text = "rejected"
        elif action == "confirm":
            if _written_at(row["reviewed_at"]) <= published_at:
                continue
            text = "confirmed"
        elif action == "set":
            if field_value(event, field) == row["value"]:
                continue
            text = f"{field} set to {row['value'] or '(unknown)'}"
        else:
            continue
        pending.setdefault(event_id, []).append(f"{text} (line {row['line']}) — applies at the next build")
    return pending


def _written_at(reviewed_at: str) -> float:
    try:
        stamp = datetime.fromisoformat(reviewed_at)
    except ValueError:  # an empty stamp: written by hand, at an unknown time
        return float("inf")
    return stamp.timestamp() if stamp.tzinfo else stamp.astimezone().timestamp()


def shown_path(path: Path) -> str:
    """The path relative to the working folder when it is inside it, as the user would type it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def describe_row(row: dict) -> str:
    if row["action"] == "set":
        return f"set {row['field']} of {row['event_id']} to {row['value'] or '(unknown)'}"
    return f"{row['action']} {row['event_id']}"


def written_message(review: Review, line: int) -> tuple[str, str] | None:
    """What line `line` of the corrections file holds, as the page confirms it after a write, and its event."""
    rows = read_corrections(review.corrections, review.rules()).valid.filter(line=line)
    if rows.is_empty():
        return None
    row = rows.row(0, named=True)
    return f"Line {line} of {shown_path(review.corrections)}: {describe_row(row)}. The next `entente run` applies it.", row["event_id"]


def render_queue(review: Review, message: tuple[str, str] | None = None, error: str | None = None, failed: dict | None = None) -> str:
    """The page; `message` (text, event id) is shown in that event's block (the page opens there), or on top when it is not shown."""
    events, total = read_queue(review.warehouse, review.limit)
    read = read_corrections(review.corrections, review.rules())
    pending = pending_decisions(read.valid, events, review.warehouse.stat().st_mtime)
    for event in events:
        event["date"] = event_date(event["year"], event["month"], event["day"])
        event["evidence_sentences"] = [sentence for sentence in (event["evidence"] or "").split("\n") if sentence.strip()]
        event["links"] = [{"text": link, "url": link if urlsplit(link).scheme in ("http", "https") else None} for link in event["article_links"] or []]
        event["pending"] = pending.get(event["event_id"], [])
        event["current"] = {field: field_value(event, field) for field in FIELDS}
    return TEMPLATES.get_template("review.html.j2").render(
        events=events,
        total=total,
        warehouse=shown_path(review.warehouse),
        corrections=shown_path(review.corrections),
        reviewer=review.reviewer,
        fields=FIELDS,
        hints=FIELD_HINTS,
        message=message[0] if message else None,
        message_event_id=message[1] if message else None,
        error=error,
        failed=failed or {},
        invalid_rows=read.invalid.to_dicts(),
    )


def review_app(warehouse: Path, corrections: Path, reviewer: str, limit: int = DEFAULT_LIMIT, hosts: list[str] | None = None) -> Starlette:
    """The page of `warehouse`'s review queue, appending to `corrections` as `reviewer`; `limit` events shown (0: all).

    `hosts`: the Host headers served (default: the loopback names), so that another site cannot
    reach the page through DNS rebinding. A POST from another origin is refused (403): a page
    on the web cannot write the corrections file through the reviewer's browser.
    """
    review = Review(Path(warehouse), Path(corrections), reviewer, limit)

    async def queue(request: Request) -> Response:
        line = request.query_params.get("line", "")
        message = written_message(review, int(line)) if line.isdigit() else None
        return HTMLResponse(render_queue(review, message=message))

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok")

    def decision(action: str):
        async def endpoint(request: Request) -> Response:
            if not _same_origin(request):
                return PlainTextResponse("refused: the form was not sent from this page", status_code=403)
            event_id = request.path_params["event_id"]
            form = await request.form()
            field = str(form.get("field", "")) if action == "set" else ""
            value = str(form.get("value", "")) if action == "set" else ""
            note = str(form.get("note", ""))
            if queued_event(review.warehouse, event_id) is None:
                return PlainTextResponse(
                    f"event {event_id} is not in the review queue of {shown_path(review.warehouse)}: nothing written",
                    status_code=404,
                )
            # No await from here to the append: two requests never interleave their rows.
            try:
                line = append_correction(
                    review.corrections, review.rules(), event_id=event_id, action=action,
                    field=field, value=value, note=note, reviewer=review.reviewer,
                )
            except ValueError as problem:
                failed = {"event_id": event_id, "field": field, "value": value, "note": note}
                page = render_queue(review, error=f"Not written ({event_id}): {problem}", failed=failed)
                return HTMLResponse(page, status_code=400)
            except OSError as problem:
                return PlainTextResponse(f"cannot write {review.corrections}: {problem.strerror or problem}: nothing written", status_code=500)
            return RedirectResponse(f"/?line={line}#event-{quote(event_id, safe='')}", status_code=303)

        return endpoint

    routes = [
        Route("/", queue, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        *(Route(f"/events/{{event_id:path}}/{action}", decision(action), methods=["POST"]) for action in ("confirm", "reject", "set")),
    ]
    allowed = list(hosts) if hosts else list(LOOPBACK_HOSTS)
    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=allowed)])


def _same_origin(request: Request) -> bool:
    """A browser names the origin of a form it POSTs; no Origin header (curl, a test client) is the reviewer's own."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


def serve(
    warehouse: Path,
    corrections: Path,
    reviewer: str,
    limit: int = DEFAULT_LIMIT,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
) -> None:
    """Serve the page until Ctrl-C. A missing warehouse raises FileNotFoundError, one without the queue RuntimeError."""
    import uvicorn

    problem = queue_problem(warehouse)
    if problem:
        raise RuntimeError(problem)
    try:  # bound here, so that a port in use is an error of `entente review`, not a log line of uvicorn
        listening = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)
    except OSError as error:
        raise RuntimeError(f"cannot serve on {host}:{port}: {os.strerror(error.errno) if error.errno else error}") from error
    # Any Host header on all addresses or IPv6 (whose Host header Starlette's check does not parse).
    hosts = None if host in LOOPBACK_HOSTS else ["*"] if host == "0.0.0.0" or ":" in host else [*LOOPBACK_HOSTS, host]
    app = review_app(warehouse, corrections, reviewer, limit, hosts=hosts)
    shown_host = f"[{host}]" if ":" in host else host
    print(f"entente review: http://{shown_host}:{listening.getsockname()[1]}/ ({shown_path(warehouse)}, writing {shown_path(corrections)}; Ctrl-C stops)", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[listening])
