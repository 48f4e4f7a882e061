"""`entente query` and `entente report` on a warehouse built from the seed articles, and the report in Chromium."""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from PIL import Image

from warehouse_builds import query

pytestmark = pytest.mark.end_to_end  # every test here builds a warehouse or runs entente, dbt or a browser


PROJECT_DIR = Path(__file__).resolve().parents[1]
ENTENTE = Path(sys.executable).with_name("entente")
EXTERNAL_REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
# The event types' colours in the report's stylesheet: each must be painted in the screenshot.
TYPE_COLOURS = {"meeting": (0x3B, 0x6E, 0xA8), "exercise": (0xC8, 0x55, 0x3D), "agreement": (0x4F, 0x8A, 0x3C)}
HEADLESS_CHROMIUM = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PAIR_TOTALS = """
    select country_a, country_b
    from marts.fct_dyad_year
    group by all
    order by sum(meetings + exercises + agreements + planned_meetings + planned_exercises + planned_agreements) desc,
             country_a, country_b
"""


@pytest.fixture(scope="module")
def warehouse(seed_build) -> Path:
    result, published = seed_build
    assert result.success
    return published


@pytest.fixture(scope="module")
def chromium() -> str:
    """Debian's Chromium (.ci/run installs it); a skip locally when absent, a failure in CI."""
    path = shutil.which("chromium")
    if path is None:
        message = "chromium not found (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(f"{message}; with CI=true this is a failure")
    return path


def entente(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([ENTENTE, *args], capture_output=True, text=True, env=env)


def pair_evidence(warehouse: Path, pair: tuple[str, str]) -> list[str]:
    return [row[0] for row in query(warehouse, f"""
        select evidence from marts.fct_event_evidence
        where event_id in (select event_id from marts.fct_event_participants where iso3 = '{pair[0]}'
                           intersect select event_id from marts.fct_event_participants where iso3 = '{pair[1]}')""")]


class Blockquotes(HTMLParser):
    """The text of every <blockquote> of a page, unescaped: the report's evidence sentences."""

    def __init__(self, page: str):
        super().__init__()
        self.quotes: list[str] = []
        self.inside = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag == "blockquote":
            self.inside = True
            self.quotes.append("")

    def handle_endtag(self, tag):
        self.inside = self.inside and tag != "blockquote"

    def handle_data(self, data):
        if self.inside:
            self.quotes[-1] += data


def test_query_prints_the_rows_duckdb_returns(warehouse):
    sql = "select event_id, event_type, status, year, participants from marts.fct_events order by event_id"
    expected = [
        (event_id, event_type, status, "" if year is None else str(year), json.dumps(participants))
        for event_id, event_type, status, year, participants in query(warehouse, sql)
    ]
    assert len(expected) > 5
    completed = entente("query", sql, "--warehouse", str(warehouse), "--format", "csv", "--limit", "0")
    assert completed.returncode == 0, completed.stderr
    header, *rows = csv.reader(io.StringIO(completed.stdout))
    assert header == ["event_id", "event_type", "status", "year", "participants"]
    assert [tuple(row) for row in rows] == expected, "a list is written as its JSON text"


def test_query_prints_a_table_and_says_how_many_rows_it_shows(warehouse):
    sql = "select event_id, year, participants from marts.fct_events order by event_id"
    event_ids = [row[0] for row in query(warehouse, sql)]
    completed = entente("query", sql, "--warehouse", str(warehouse))
    assert all(event_id[:16] in completed.stdout for event_id in event_ids), "every row is printed, ids unwrapped or wrapped"
    assert completed.stdout.strip().splitlines()[-1] == f"{len(event_ids)} of {len(event_ids)} rows"
    limited = entente("query", sql, "--warehouse", str(warehouse), "--limit", "2")
    assert limited.stdout.strip().splitlines()[-1] == f"2 of {len(event_ids)} rows (--limit 0 shows all)"
    assert sum(event_id[:16] in limited.stdout for event_id in event_ids) == 2


def test_query_prints_json_and_reads_entente_warehouse(warehouse):
    sql = "select event_id, participants, first_published from marts.fct_events order by event_id limit 3"
    env = os.environ | {"ENTENTE_WAREHOUSE": str(warehouse)}
    completed = entente("query", sql, "--format", "json", env=env)
    assert completed.returncode == 0, completed.stderr
    rows = json.loads(completed.stdout)
    assert [(row["event_id"], row["participants"], row["first_published"]) for row in rows] == [
        (event_id, participants, published.isoformat()) for event_id, participants, published in query(warehouse, sql)
    ]


@pytest.mark.parametrize("sql", [
    "create table marts.notes as select 1 as a",
    "delete from marts.fct_events",
    "update marts.fct_dyad_year set meetings = 0",
])
def test_a_statement_that_writes_fails_and_leaves_the_warehouse_unchanged(warehouse, sql):
    before = warehouse.read_bytes()
    completed = entente("query", sql, "--warehouse", str(warehouse))
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert len(completed.stderr.strip().splitlines()) == 1
    assert completed.stderr.startswith("entente query: ") and "read-only" in completed.stderr
    assert warehouse.read_bytes() == before


def test_a_missing_warehouse_says_to_build_it_first(tmp_path):
    missing = tmp_path / "none.duckdb"
    for completed in [entente("query", "select 1", "--warehouse", str(missing)),
                      entente("report", "--out", str(tmp_path / "r.html"), "--warehouse", str(missing))]:
        assert completed.returncode == 1
        assert len(completed.stderr.strip().splitlines()) == 1
        assert "run `entente run` first" in completed.stderr
    assert not missing.exists() and not (tmp_path / "r.html").exists()


def test_report_shows_the_most_active_pair_with_its_evidence(warehouse, tmp_path):
    out = tmp_path / "report.html"
    completed = entente("report", "--out", str(out), "--warehouse", str(warehouse))
    assert completed.returncode == 0, completed.stderr
    page = out.read_text(encoding="utf-8")
    first, second = query(warehouse, PAIR_TOTALS)[0]
    assert f"<h2>{first}–{second}:" in page
    sentences = pair_evidence(warehouse, (first, second))
    assert sentences and sorted(Blockquotes(page).quotes) == sorted(sentences)
    assert page.count('<svg viewBox') == 4
    assert EXTERNAL_REFERENCE.search(page) is None


def test_report_shows_a_chosen_pair(warehouse, tmp_path):
    first, second = query(warehouse, PAIR_TOTALS)[1]
    out = tmp_path / "report.html"
    completed = entente("report", "--out", str(out), "--warehouse", str(warehouse), "--pair", f"{second}-{first}")
    assert completed.returncode == 0, completed.stderr
    page = out.read_text(encoding="utf-8")
    assert f"<h2>{first}–{second}:" in page
    assert sorted(Blockquotes(page).quotes) == sorted(pair_evidence(warehouse, (first, second)))


def test_report_on_a_pair_without_events_fails_with_a_one_line_reason(warehouse, tmp_path):
    completed = entente("report", "--out", str(tmp_path / "r.html"), "--warehouse", str(warehouse), "--pair", "FRA-NZL")
    assert completed.returncode == 1
    assert completed.stderr.strip() == "entente report: no events between FRA and NZL in the warehouse"


def test_chromium_renders_the_report(warehouse, tmp_path, chromium):
    out = tmp_path / "report.html"
    assert entente("report", "--out", str(out), "--warehouse", str(warehouse)).returncode == 0
    browser = [chromium, *HEADLESS_CHROMIUM, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*browser, "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=300).stdout
    first, second = query(warehouse, PAIR_TOTALS)[0]
    dated_events = query(warehouse, f"""
        select count(*) from marts.fct_events
        where year is not null and list_contains(participants, '{first}') and list_contains(participants, '{second}')""")[0][0]
    assert dom.count("<svg viewBox") == 4
    assert dom.count("<circle") - dom.count('class="calibration"') == dated_events > 0, "a timeline dot for each dated event of the pair"
    assert sorted(Blockquotes(dom).quotes) == sorted(pair_evidence(warehouse, (first, second)))

    screenshot = tmp_path / "report.png"
    subprocess.run([*browser, f"--screenshot={screenshot}", "--window-size=1200,2000", out.as_uri()], capture_output=True, timeout=300)
    with Image.open(screenshot) as image:
        pixels = image.convert("RGB")
        assert pixels.size == (1200, 2000)
        colours = {colour for _, colour in pixels.getcolors(maxcolors=pixels.width * pixels.height)}
    assert len(colours) > 2
    assert set(TYPE_COLOURS.values()) <= colours, "the charts paint every event type's colour"


def readme_queries() -> list[str]:
    """The SQL statements of the README's "Querying the warehouse" section."""
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Querying the warehouse", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sql\n(.*?)```", section, flags=re.S)
    return [statement.strip() for block in blocks for statement in block.split(";") if statement.strip()]


def test_every_readme_query_runs_on_the_published_warehouse(warehouse):
    statements = readme_queries()
    assert len(statements) >= 10
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        answered = [len(connection.sql(statement).fetchall()) for statement in statements]
    assert sum(1 for n in answered if n) >= len(statements) // 2, answered
