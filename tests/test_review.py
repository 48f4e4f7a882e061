"""`entente review` in a real browser: Playwright drives Debian's Chromium on the page of a warehouse built from the seeds.

The page's buttons append to the corrections file; a build that reads the file (ENTENTE_CORRECTIONS)
then drops a rejected event from the marts. Without Playwright or /usr/bin/chromium the tests
skip, and fail under CI (CI=true), where .ci/run installs Chromium.
"""

import concurrent.futures
import contextlib
import csv
import os
import shutil
import socket
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from orchestration.review import review_app
from orchestration.settings import CORRECTIONS
from warehouse_builds import build_warehouse, query

pytestmark = pytest.mark.end_to_end  # every test here builds a warehouse or runs entente, dbt or a browser

PROJECT_DIR = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")  # Debian's package: nothing may download a browser


def missing(message: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(f"{message}; with CI=true this is a failure")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.exists():
        missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield browser
        browser.close()


@dataclass(frozen=True)
class Seeds:
    raw: Path
    workdir: Path
    warehouse: Path


def build(seeds_raw: Path, workdir: Path, corrections: Path) -> Path:
    """A build of `workdir` that reads `corrections`, as `entente run` does with ENTENTE_CORRECTIONS.

    In a thread of its own: Dagster's run stays out of the event loop Playwright keeps in the tests' thread.
    """
    with pytest.MonkeyPatch.context() as monkeypatch, concurrent.futures.ThreadPoolExecutor(max_workers=1) as worker:
        monkeypatch.setenv(CORRECTIONS, str(corrections))
        result, warehouse = worker.submit(build_warehouse, seeds_raw, workdir).result()
    assert result.success, [failure_reason(event.step_failure_data.error) for event in result.all_events if event.is_step_failure]
    return warehouse


def failure_reason(error) -> str:
    while error.cause is not None and (error.cls_name or "").startswith("Dagster"):  # the user's exception, not Dagster's wrapper
        error = error.cause
    return error.message.strip()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Seeds:
    """A warehouse built once from a copy of the seed articles, with no corrections."""
    workdir = tmp_path_factory.mktemp("review")
    raw = workdir / "raw"
    shutil.copytree(PROJECT_DIR / "data" / "raw", raw)
    return Seeds(raw, workdir, build(raw, workdir, workdir / "no-corrections.csv"))


@contextlib.contextmanager
def serving(app):
    """The app served by uvicorn on a free port of 127.0.0.1 in a thread; yields its address."""
    listening = socket.create_server(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    address = f"http://127.0.0.1:{listening.getsockname()[1]}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{address}/healthz", timeout=5) as response:
                    assert response.read() == b"ok"
                break
            except OSError:
                assert time.monotonic() < deadline, "the review page did not start"
                time.sleep(0.05)
        yield address
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listening.close()


def rows_of(corrections: Path) -> list[dict]:
    with corrections.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def event_ids(warehouse: Path, table: str) -> set[str]:
    return {row[0] for row in query(warehouse, f"select event_id from marts.{table}")}


def test_rejecting_an_event_writes_the_file_and_the_next_build_drops_it(browser, seeds, tmp_path):
    from playwright.sync_api import expect

    corrections = tmp_path / "corrections.csv"
    first = query(seeds.warehouse, """
        select event_id, confidence, confidence_reasons, evidence from marts.review_queue order by queue_rank, event_id limit 1""")[0]
    with serving(review_app(seeds.warehouse, corrections, reviewer="tester", limit=20)) as address:
        page = browser.new_page()
        page.goto(address)
        event = page.locator("article.event").first
        event_id = event.get_attribute("data-event-id")
        assert event_id == first[0], "the page starts with the queue's first event"
        expect(event).to_contain_text(f"confidence {first[1] * 100:.0f}%")
        for reason in first[2]:
            expect(event).to_contain_text(reason)
        expect(event.locator("blockquote").first).to_have_text(first[3].split("\n")[0].strip())

        event.get_by_role("button", name="Reject", exact=True).click()
        expect(page.get_by_role("status")).to_have_text(
            f"Line 2 of {corrections}: reject {event_id}. The next `entente run` applies it."
        )
        expect(page.locator(f'[data-event-id="{event_id}"] .pending')).to_contain_text("rejected (line 2) — applies at the next build")
        page.close()

    assert corrections.read_text(encoding="utf-8").splitlines()[1].startswith(f"{event_id},reject,,,,tester,")
    assert [(row["event_id"], row["action"]) for row in rows_of(corrections)] == [(event_id, "reject")]
    assert event_id in event_ids(seeds.warehouse, "fct_events")
    assert event_id in event_ids(seeds.warehouse, "review_queue")

    warehouse = build(seeds.raw, seeds.workdir, corrections)
    assert event_id not in event_ids(warehouse, "fct_events")
    assert event_id not in event_ids(warehouse, "review_queue")


def test_a_fix_with_a_bad_value_shows_why_and_writes_nothing(browser, seeds, tmp_path):
    from playwright.sync_api import expect

    corrections = tmp_path / "corrections.csv"
    with serving(review_app(seeds.warehouse, corrections, reviewer="tester", limit=20)) as address:
        page = browser.new_page()
        page.goto(address)
        event = page.locator("article.event").nth(1)
        event_id = event.get_attribute("data-event-id")

        event.get_by_label("field to fix").select_option("participants")
        event.get_by_label("new value").fill("USA;XXX")
        with page.expect_response(lambda response: response.request.method == "POST") as response:
            event.get_by_role("button", name="Fix", exact=True).click()
        assert response.value.status == 400
        expect(page.get_by_role("alert")).to_have_text(f"Not written ({event_id}): participants: XXX is not an ISO3 code")
        assert not corrections.exists()

        event = page.locator(f'[data-event-id="{event_id}"]')
        expect(event.get_by_label("new value")).to_have_value("USA;XXX")  # the refused value stays, to be corrected
        expect(event.get_by_label("new value")).to_be_focused()
        event.get_by_label("field to fix").select_option("year")
        event.get_by_label("new value").fill("2020")
        event.get_by_label("note for the fix").fill("dateline, not the meeting")
        event.get_by_role("button", name="Fix", exact=True).click()
        expect(page.get_by_role("status")).to_contain_text(f"set year of {event_id} to 2020")

        unknown = page.request.post(f"{address}/events/no-such-event/reject")
        assert unknown.status == 404
        assert "not in the review queue" in unknown.text()
        page.close()

    written = [(row["event_id"], row["action"], row["field"], row["value"], row["note"]) for row in rows_of(corrections)]
    assert written == [(event_id, "set", "year", "2020", "dateline, not the meeting")]
