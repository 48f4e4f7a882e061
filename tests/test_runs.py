"""Runs are safe: reruns parse only what changed, and a killed, blocked or starved run leaves the published warehouse as it was.

Over 400 lines on purpose: the cases share the helpers that start, kill and inspect real runs.

The killed and failing runs are real `entente run` processes; the checks read the
files they leave behind.
"""

import fcntl
import hashlib
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import termios
import textwrap
from pathlib import Path

import dagster as dg
import polars as pl
import pyarrow
import pytest
from dagster._core.storage.dagster_run import IN_PROGRESS_RUN_STATUSES

import orchestration.assets.batches as batches_asset
from bench.generate_feed import write_feed
from orchestration.resources import KnownRows, Warehouse
from warehouse_builds import build_warehouse, query, run_environment

pytestmark = pytest.mark.end_to_end  # every test here builds a warehouse or runs entente, dbt or a browser


PROJECT_DIR = Path(__file__).resolve().parents[1]
SAMPLE_DIR = PROJECT_DIR / "data" / "raw"
ENTENTE = [sys.executable, "-m", "orchestration.cli"]
TABLES = [
    "raw.articles", "raw.quarantine", "raw.event_mentions",
    "marts.fct_events", "marts.fct_meetings", "marts.fct_exercises", "marts.fct_agreements",
    "marts.fct_dyad_year", "marts.fct_event_evidence", "marts.fct_event_participants",
]
NEW_ARTICLE = """Chile and Peru sign defence pact

The defence ministers of Chile and Peru signed a memorandum of understanding on defence industry cooperation in Lima on 14 March 2023, the two governments said.

Officials said the agreement covers joint training, the exchange of cadets and cooperation in disaster relief along the shared coast.
"""
EDITED_EXERCISE = """Australia and Indonesia open naval drill

The navies of Australia and Indonesia began a joint exercise in the Arafura Sea on 3 May 2022, the defence force said.

Frigates and patrol aircraft from both countries will take part in the drill, which is due to last ten days.
"""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def warehouse_rows(warehouse: Path) -> dict[str, list[tuple]]:
    return {table: sorted(query(warehouse, f"select * from {table}"), key=repr) for table in TABLES}


def step_metadata(result, asset_path: list[str]) -> dict:
    for event in result.get_asset_materialization_events():
        if event.materialization.asset_key.path == asset_path:
            return {key: value.value for key, value in event.materialization.metadata.items()}
    raise AssertionError(f"{asset_path} was not materialised")


# ------------------------------------------------------------------ incremental reruns


@pytest.fixture(scope="module")
def reruns(tmp_path_factory):
    """One warehouse built three times: from the seeds, again unchanged, then with one new and one edited article."""
    raw = tmp_path_factory.mktemp("raw")
    shutil.copytree(SAMPLE_DIR, raw, dirs_exist_ok=True)
    (raw / "exercise.txt").write_text(EDITED_EXERCISE.replace("ten days", "a week"), encoding="utf-8")
    workdir = tmp_path_factory.mktemp("incremental")
    first, warehouse = build_warehouse(raw, workdir)
    first_rows, first_file = warehouse_rows(warehouse), (warehouse.stat().st_ino, sha256(warehouse))
    unchanged, _ = build_warehouse(raw, workdir)
    unchanged_rows, unchanged_file = warehouse_rows(warehouse), (warehouse.stat().st_ino, sha256(warehouse))
    (raw / "nested").mkdir()
    (raw / "nested" / "new pact.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (raw / "exercise.txt").write_text(EDITED_EXERCISE, encoding="utf-8")
    grown, _ = build_warehouse(raw, workdir)
    clean, clean_warehouse = build_warehouse(raw, tmp_path_factory.mktemp("clean"))
    return {
        "runs": (first, unchanged, grown, clean),
        "first_rows": first_rows,
        "unchanged_rows": unchanged_rows,
        "files": (first_file, unchanged_file),
        "grown_rows": warehouse_rows(warehouse),
        "warehouse": warehouse,
        "clean_rows": warehouse_rows(clean_warehouse),
        "n_seeds": sum(1 for path in SAMPLE_DIR.rglob("*") if path.is_file()),
    }


def materialized(result) -> set[tuple[str, ...]]:
    return {tuple(event.materialization.asset_key.path) for event in result.get_asset_materialization_events()}


def test_every_rerun_succeeds(reruns):
    assert all(run.success for run in reruns["runs"])


def test_a_rerun_with_nothing_new_reads_nothing_and_changes_nothing(reruns):
    first, unchanged, _, _ = reruns["runs"]
    n_batches = reruns["n_seeds"] + 1  # the seeds and exercise.txt, each a top-level file: a batch
    assert step_metadata(first, ["raw", "batches"])["articles_parsed"] == n_batches
    # No batch had to be read, so none was in the run; nothing new reached the raw tables, so dbt and
    # publishing were skipped: the published file is the same file.
    assert [event.step_key for event in unchanged.all_events if event.is_step_start] == ["raw_tables"]
    assert materialized(unchanged) == set()
    assert {("raw", "articles"), ("marts", "fct_events"), ("published_warehouse",)} <= materialized(first)
    assert reruns["files"][1] == reruns["files"][0]
    assert reruns["unchanged_rows"] == reruns["first_rows"]
    assert len(reruns["first_rows"]["marts.fct_events"]) > 0


def test_only_new_and_edited_articles_are_parsed_and_the_result_equals_a_clean_build(reruns):
    _, _, grown, clean = reruns["runs"]
    metadata = step_metadata(grown, ["raw", "batches"])
    # The edited file and the new folder are the batches read again; the other seeds are not even opened.
    assert (metadata["batches_read"], metadata["articles_parsed"], metadata["articles_reused"]) == (2, 2, 0)
    # The run covered those two batches alone: an unchanged batch's partition keeps its last materialisation.
    assert {event.partition for event in grown.get_asset_materialization_events()
            if event.asset_key == dg.AssetKey(["raw", "batches"])} == {"exercise.txt", "nested"}
    assert ("published_warehouse",) in materialized(grown)
    assert step_metadata(clean, ["raw", "batches"])["articles_parsed"] == reruns["n_seeds"] + 2
    assert reruns["grown_rows"] == reruns["clean_rows"]
    # The new article's agreement reached the marts through the incremental run.
    assert query(reruns["warehouse"], "select count(*) from marts.fct_agreements where country_a = 'CHL' and country_b = 'PER'") == [(1,)]


def test_a_batch_with_an_edited_article_parses_only_that_article(tmp_path):
    """Inside a batch that changed, articles whose text and date did not change are reused, not parsed."""
    raw = tmp_path / "raw"
    (raw / "drop").mkdir(parents=True)
    for source in SAMPLE_DIR.iterdir():
        shutil.copyfile(source, raw / "drop" / source.name)
    (raw / "drop" / "exercise.txt").write_text(EDITED_EXERCISE, encoding="utf-8")
    build_warehouse(raw, tmp_path / "work")
    (raw / "drop" / "exercise.txt").write_text(EDITED_EXERCISE.replace("ten days", "a week"), encoding="utf-8")
    edited, warehouse = build_warehouse(raw, tmp_path / "work")
    metadata = step_metadata(edited, ["raw", "batches"])
    n_seeds = sum(1 for path in SAMPLE_DIR.iterdir() if path.is_file())
    assert (metadata["batches_read"], metadata["articles_parsed"], metadata["articles_reused"]) == (1, 1, n_seeds)
    assert warehouse_rows(warehouse) == warehouse_rows(build_warehouse(raw, tmp_path / "clean")[1])


def test_batches_parsed_in_groups_give_the_warehouse_of_one_pass(tmp_path, monkeypatch):
    """A run reads and parses its batches a group at a time, so its memory does not grow with their number."""
    one_pass = warehouse_rows(build_warehouse(SAMPLE_DIR, tmp_path / "one pass")[1])
    passes = []

    def counted(reads, *arguments):
        passes.append(list(reads))
        return parse_and_store(reads, *arguments)

    parse_and_store = batches_asset._parse_and_store
    monkeypatch.setattr(batches_asset, "PARSE_GROUP_ARTICLES", 1)
    monkeypatch.setattr(batches_asset, "_parse_and_store", counted)
    result, warehouse = build_warehouse(SAMPLE_DIR, tmp_path / "grouped")
    n_seeds = sum(1 for path in SAMPLE_DIR.iterdir() if path.is_file())
    assert step_metadata(result, ["raw", "batches"])["batches_read"] == n_seeds
    assert passes == [[key] for key in sorted(path.name for path in SAMPLE_DIR.iterdir())]
    assert warehouse_rows(warehouse) == one_pass


def test_known_rows_keep_what_the_table_holds_and_read_only_what_it_lacks(tmp_path):
    """raw.articles after a feed grew: rows equal in every light column stay, others go, and only the
    lacking rows are read whole (their texts); a table of other columns is replaced whole."""
    warehouse = Warehouse(build_path=str(tmp_path / "build.duckdb"), published_path=str(tmp_path / "published.duckdb"))
    asked = []

    def known(whole: pl.DataFrame) -> KnownRows:
        def read_whole(rows: pl.DataFrame) -> pyarrow.RecordBatchReader:
            asked.append(sorted(rows["id"]))
            picked = whole.join(rows.select("id"), on="id", how="semi").to_arrow()
            return pyarrow.RecordBatchReader.from_batches(whole.to_arrow().schema, picked.to_batches())

        return KnownRows(light=whole.drop("text"), read_whole=read_whole, schema=whole.to_arrow().schema)

    first = pl.DataFrame({"id": ["a", "b", "c"], "version": [1, 1, 1], "text": ["A", "B", "C"]})
    assert warehouse.replace_tables({"raw.t": known(first)}) == {"raw.t": 3}
    grown = pl.DataFrame({"id": ["a", "b", "d"], "version": [1, 2, 1], "text": ["A", "B2", "D"]})
    assert warehouse.replace_tables({"raw.t": known(grown)}) == {"raw.t": 3}
    assert asked == [["a", "b", "c"], ["b", "d"]]
    assert sorted(warehouse.query("select * from raw.t")) == sorted(grown.rows())
    reshaped = pl.DataFrame({"id": ["a"], "text": ["A"]})
    warehouse.replace_tables({"raw.t": known(reshaped)})
    assert asked[-1] == ["a"] and warehouse.query("select * from raw.t") == [("a", "A")]


def test_a_run_leaves_dbt_its_parse_and_no_folder_behind(tmp_path):
    """The next run's dbt starts from this run's parse (same profile: no whole-project parse), and the
    folder dagster-dbt made for the dbt command is gone once the command succeeded."""
    result, _ = build_warehouse(SAMPLE_DIR, tmp_path)
    assert result.success
    target = PROJECT_DIR / "dbt_project" / "target"
    assert list(target.glob(f"entente_dbt_models-{result.run_id[:7]}-*")) == []
    # What dagster-dbt does before the next command: copy the project's parse into the command's folder.
    command_target = tmp_path / "next-command"
    command_target.mkdir()
    shutil.copyfile(target / "partial_parse.msgpack", command_target / "partial_parse.msgpack")
    subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), "parse", "--profiles-dir", ".", "--target-path", str(command_target),
         "--log-path", str(command_target)],
        cwd=PROJECT_DIR / "dbt_project", env={**os.environ, "ENTENTE_BUILD_WAREHOUSE": str(tmp_path / "warehouse.build.duckdb")},
        capture_output=True, check=True,
    )
    log = (command_target / "dbt.log").read_text(encoding="utf-8")
    assert "Unable to do partial parsing" not in log
    assert "Partial parsing enabled" in log


# ------------------------------------------------------------------ real processes: killed, blocked, starved


def entente_run(env: dict[str, str], prefix: list[str] | None = None, arguments: list[str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*(prefix or []), *ENTENTE, "run", *(arguments or [])], env=env, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300)


def kill_run_when(env: dict[str, str], marker: str) -> None:
    """Start `entente run --verbose`, and SIGKILL it and its children (dbt) as soon as its output shows `marker`."""
    process = subprocess.Popen(
        [*ENTENTE, "run", "--verbose"], env=env, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    try:
        for line in process.stdout:
            if marker in line:
                os.killpg(process.pid, signal.SIGKILL)
                break
        else:
            pytest.fail(f"the run ended (exit {process.wait()}) before its log showed {marker!r}")
    finally:
        process.stdout.close()
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL


@pytest.fixture(scope="module")
def published_once(tmp_path_factory):
    """A folder built and published by a real `entente run`; a new article is then added to the folder."""
    base = tmp_path_factory.mktemp("runs")
    raw = base / "raw"
    shutil.copytree(SAMPLE_DIR, raw)
    env = run_environment(base, raw)
    completed = entente_run(env)
    assert completed.returncode == 0, completed.stderr[-2000:]
    (raw / "new pact.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    return base, raw, env, Path(env["ENTENTE_WAREHOUSE"])


@pytest.mark.parametrize(
    "marker",
    [
        'STEP_START - Started execution of step "raw__batches"',
        "START sql table model marts.",
        'STEP_START - Started execution of step "published_warehouse"',
    ],
    ids=["while parsing", "while dbt builds", "while publishing"],
)
def test_a_killed_run_leaves_the_published_warehouse_as_it_was(published_once, marker):
    _, _, env, published = published_once
    before = sha256(published)
    n_articles = query(published, "select count(*) from raw.articles")
    kill_run_when(env, marker)
    assert sha256(published) == before
    assert query(published, "select count(*) from raw.articles") == n_articles


def test_the_run_after_killed_runs_equals_a_clean_build(published_once, tmp_path_factory):
    # Runs after the kill tests: pytest keeps the order of a module's tests.
    _, raw, env, published = published_once
    completed = entente_run(env)
    assert completed.returncode == 0, completed.stderr[-2000:]
    clean_base = tmp_path_factory.mktemp("clean_run")
    clean = entente_run(run_environment(clean_base, raw))
    assert clean.returncode == 0, clean.stderr[-2000:]
    clean_rows = warehouse_rows(clean_base / "published" / "warehouse.duckdb")
    assert warehouse_rows(published) == clean_rows
    assert any("new pact.txt" in row for row in clean_rows["raw.articles"])
    # The killed runs were marked failed, so none holds the warehouse pool any more.
    instance = dg.DagsterInstance.from_config(env["DAGSTER_HOME"])
    assert instance.get_runs(filters=dg.RunsFilter(statuses=IN_PROGRESS_RUN_STATUSES)) == []
    assert len(instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.FAILURE]))) == 3


HOLD_OPEN = textwrap.dedent(
    """
    import sys, duckdb
    connection = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read_only")
    print(connection.sql("select count(*) from raw.articles").fetchall()[0][0], flush=True)
    sys.stdin.readline()  # hold the file open until the test writes a line
    print(connection.sql("select count(*) from raw.articles").fetchall()[0][0], flush=True)
    """
)


def hold_open(path: Path, mode: str) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(path), mode], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip().isdigit()
    return process


def test_a_reader_holding_the_published_warehouse_neither_blocks_a_run_nor_sees_it_change(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_DIR, raw)
    env = run_environment(tmp_path, raw)
    assert entente_run(env).returncode == 0
    published = Path(env["ENTENTE_WAREHOUSE"])
    n_before = query(published, "select count(*) from raw.articles")[0][0]
    reader = hold_open(published, "read_only")
    try:
        (raw / "new pact.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        completed = entente_run(env)
        assert completed.returncode == 0, completed.stderr[-2000:]
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert int(reader.stdout.readline()) == n_before, "the reader's open warehouse changed under it"
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)
    assert query(published, "select count(*) from raw.articles")[0][0] == n_before + 1


def add_an_input(raw: Path, name: str) -> None:
    """A new file (a copy of an article, so a quarantined duplicate): the run has new raw tables to build, not skip."""
    (raw / name).write_text(NEW_ARTICLE, encoding="utf-8")


def test_a_locked_build_file_fails_the_run_in_one_line_and_keeps_the_published_warehouse(published_once):
    _, raw, env, published = published_once
    add_an_input(raw, "copy for the locked run.txt")
    before = sha256(published)
    holder = hold_open(Path(env["ENTENTE_BUILD_WAREHOUSE"]), "read_write")
    try:
        completed = entente_run(env)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert completed.returncode == 1
    reason = completed.stderr.strip().splitlines()[-1]
    assert reason.startswith("entente run: raw_tables: cannot open the build warehouse"), reason
    assert "lock" in reason
    assert sha256(published) == before


def test_a_full_disk_fails_the_run_in_one_line_and_keeps_the_published_warehouse(published_once):
    """The build file goes on a 1 MiB tmpfs, mounted in a private mount namespace (`unshare`)."""
    base, _, env, published = published_once
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode != 0:
        pytest.skip("this machine does not allow a private mount namespace (unshare -rm), so no small disk can be made")
    small_disk = base / "small_disk"
    small_disk.mkdir()
    add_an_input(base / "raw", "copy for the full disk run.txt")
    before = sha256(published)
    mount_then_run = ["unshare", "-rm", "sh", "-c", 'mount -t tmpfs -o size=1m tmpfs "$0" && exec "$@"', str(small_disk)]
    completed = entente_run({**env, "ENTENTE_BUILD_WAREHOUSE": str(small_disk / "warehouse.build.duckdb")}, prefix=mount_then_run)
    assert completed.returncode == 1, completed.stderr[-2000:]
    reason = completed.stderr.strip().splitlines()[-1]
    assert reason.startswith("entente run: "), reason
    assert "space" in reason.lower(), reason
    assert sha256(published) == before
    assert not list(published.parent.glob("*.tmp"))


# ------------------------------------------------------------------ what a run prints

SCREEN_LINES = 24


def summary_figures(output: str) -> dict[str, str]:
    """The summary's lines ('  events       15: 7 meetings, ...') by their first word."""
    outcome = re.search(r"^(Published|Nothing changed).* in \d+ s\.$", output, re.MULTILINE)
    summary = output[outcome.end() :].splitlines()[1:]
    return dict(line.strip().split(None, 1) for line in summary)


def test_a_run_prints_a_line_per_stage_and_a_summary_of_what_the_warehouse_holds(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_DIR, raw)
    (raw / "scan.pdf").write_bytes(b"%PDF-1.4 not an article")
    env = run_environment(tmp_path, raw)
    env["ENTENTE_CORRECTIONS"] = str(tmp_path / "corrections.csv")
    (tmp_path / "corrections.csv").write_text("event_id,action,field,value,note,reviewer,reviewed_at\nno-such-event,reject,,,,,\n", encoding="utf-8")
    completed = entente_run(env)
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert len(completed.stdout.splitlines()) <= SCREEN_LINES and completed.stderr == ""
    assert "DEBUG" not in completed.stdout and "Running with dbt" not in completed.stdout
    stages = [line.split()[1] for line in completed.stdout.splitlines() if line.startswith("  ✓ ")]
    assert stages == ["read", "load", "dbt", "publish", "checks"]

    figures, warehouse = summary_figures(completed.stdout), Path(env["ENTENTE_WAREHOUSE"])
    assert figures["articles"] == str(query(warehouse, "select count(*) from raw.articles")[0][0])
    quarantined = query(warehouse, "select reason, count(*) from raw.quarantine group by reason")
    assert quarantined and figures["quarantined"] == f"1 input: {quarantined[0][1]} {quarantined[0][0]}"
    events = dict(query(warehouse, "select event_type, count(*) from marts.fct_events group by event_type"))
    assert figures["events"] == f"{sum(events.values())}: {events['meeting']} meetings, {events['exercise']} exercises, {events['agreement']} agreements"
    assert figures["warehouse"] == str(warehouse)
    assert figures["corrections"] == "0 applied, 1 changed nothing: select * from marts.corrections_unapplied"

    # The whole event log and dbt's output are in the log file the summary names.
    log = Path(figures["full"].removeprefix("log").split()[0]).read_text(encoding="utf-8")
    # dbt's last line counts the stale correction's warning, which withheld nothing
    assert 'STEP_SUCCESS - Finished execution of step "published_warehouse"' in log and "Completed with 1 warning" in log

    # --verbose prints them too (the corrections file changed, so there is a run to print).
    (tmp_path / "corrections.csv").write_text("event_id,action,field,value,note,reviewer,reviewed_at\n", encoding="utf-8")
    verbose = entente_run(env, arguments=["--verbose"])
    assert verbose.returncode == 0 and "DEBUG" in verbose.stdout + verbose.stderr
    assert "corrections  0 applied\n" in verbose.stdout

    # A rerun with nothing new says so, and starts no Dagster run: its inputs are those the published warehouse was built from.
    runs = len(dg.DagsterInstance.from_config(env["DAGSTER_HOME"]).get_runs())
    unchanged = entente_run(env)
    assert unchanged.returncode == 0 and "Nothing changed since the last publish" in unchanged.stdout
    assert summary_figures(unchanged.stdout)["events"] == figures["events"]
    assert len(dg.DagsterInstance.from_config(env["DAGSTER_HOME"]).get_runs()) == runs

    # Any change to an input starts a run again: here, one article's file is touched (the same text, so nothing is published).
    os.utime(next(raw.glob("*.txt")))
    touched = entente_run(env)
    assert touched.returncode == 0 and "Nothing changed since the last publish; checked" in touched.stdout
    assert len(dg.DagsterInstance.from_config(env["DAGSTER_HOME"]).get_runs()) == runs + 1


def test_a_longer_feed_shows_a_progress_bar_on_a_terminal(tmp_path):
    write_feed(tmp_path, articles=150, relevant_share=0.5)
    env = run_environment(tmp_path, tmp_path / "feed")
    main, terminal = os.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", SCREEN_LINES, 120, 0, 0))
    process = subprocess.Popen([*ENTENTE, "run"], env=env, cwd=PROJECT_DIR, stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal)
    os.close(terminal)
    output = b""
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the terminal closes with the run
            break
        if not data:
            break
        output += data
    os.close(main)
    assert process.wait(timeout=600) == 0
    text = output.decode("utf-8")
    frames = [frame for line in text.splitlines() for frame in line.split("\r") if "|" in frame]
    assert any(re.search(r"read +\|.*\| 150/150 articles .*articles/s .* left", frame) for frame in frames), frames
    # The bar is drawn over itself and gives way to the stage's line: the screen holds the run.
    assert len([line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]) <= SCREEN_LINES
    assert "150 articles" in text and "Published in" in text

