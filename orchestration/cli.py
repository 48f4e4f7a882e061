"""`entente`: build the warehouse, measure it, query it and report on it from the command line.

Over 400 lines on purpose: about a third is the argument parser's help, which users read with
`entente CMD --help`; each command's work is in the module it imports when it runs.

    entente run                      build from ENTENTE_RAW_DIR into ENTENTE_WAREHOUSE
    entente eval GOLD.jsonl          build the gold's folder into a temporary warehouse and score it
    entente eval GOLD.jsonl --warehouse FILE   score an already built warehouse
    entente eval GOLD GOLD2 --by-corpus --part NAME=FILE   several corpora in one warehouse, scored together and apart
    entente query "SQL"              run read-only SQL on the published warehouse, print a table
    entente report --out FILE.html   write the HTML report (charts and evidence) of the published warehouse
    entente calibrate GOLD...        fit the events' confidence on gold corpora (--check: measure it, write nothing)
    entente review                   serve the review queue on http://127.0.0.1:8765/; its buttons write the corrections file
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import json
import os
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import NoReturn, TextIO

import polars as pl

from orchestration.published import connect_read_only, published_warehouse_path
from orchestration.run_inputs import RunInputs, record_path
from orchestration.settings import (
    BUILD_WAREHOUSE, CORRECTIONS, PARQUET_DIR, PROJECT_DIR, RAW_DIR, SPACY_MODEL, WAREHOUSE, is_motherduck,
)

DAGSTER_HOME_DEFAULT = PROJECT_DIR / ".dagster"


def prepare_dagster_home() -> Path:
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(DAGSTER_HOME_DEFAULT)))
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        shutil.copyfile(PROJECT_DIR / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    return home


# A run of a range of partitions is asked for by these tags (Dagster's docs on single-run backfills; execute_in_process
# takes one partition key, not a range).
PARTITION_RANGE_START, PARTITION_RANGE_END = "dagster/asset_partition_range_start", "dagster/asset_partition_range_end"
RUNNER_TAG = "entente/runner"  # "host:pid" of the `entente run` process that executes the run in-process


def runner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def fail_abandoned_runs(instance) -> list[str]:
    """Fail the runs of `entente run` processes that died mid-run (killed, out of memory, power cut).

    Such a run stays "started" and keeps its slot of the warehouse pool, so every
    later run would wait for it forever; its build file is rebuilt by the next run.
    """
    import dagster as dg

    # The statuses of a run a process is executing (an in-process run is never queued or suspended).
    executing = [dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]
    abandoned = []
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=executing)):
        host, _, pid = run.tags.get(RUNNER_TAG, "").rpartition(":")
        if host != socket.gethostname() or not pid.isdigit() or _process_is_alive(int(pid)):
            continue
        instance.report_run_failed(run, "the `entente run` process executing this run died")
        # No public call frees a dead run's pool slots (the run monitoring daemon does it where one runs).
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        abandoned.append(run.run_id)
    return abandoned


def _process_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, under another user
        return True
    return True


def materialize_all(instance, tags: dict[str, str] | None = None, loggers: dict | None = None, inputs: RunInputs | None = None):
    """The raw folder's new and changed batches and every asset after them, in one run in this process.

    The partitions are first made the raw folder's batches (a removed batch's go, with
    its Parquet files). The run reads the batches from the first to the last one that
    must be read, as one range, so the spaCy pipeline loads once; an unchanged batch
    inside the range is skipped by its stamp, and one outside it is not in the run at
    all, so a run's cost and its events in the instance grow with what changed, not
    with the number of batches. `loggers` replace the job's (Dagster's console logger). `inputs` is the
    raw folder as `entente run` stamped it (taken now when not given). Returns the ExecuteInProcessResult.
    """
    from orchestration.assets.batches import batch_stamps, stale_batches
    from orchestration.definitions import defs
    from orchestration.jobs import AFTER_BATCHES
    from orchestration.partitions import sync_partitions
    from orchestration.resources import ParquetStore
    from transforms.batches import batches_by_key

    parquet = ParquetStore(location=os.environ[PARQUET_DIR])
    try:
        inputs = inputs or RunInputs.take()
    except (ImportError, OSError, ValueError):
        # no such model: the run's raw/batches step fails, and says why in one line
        stale = list(sync_partitions(instance, batches_by_key(Path(os.environ[RAW_DIR])), parquet))
    else:
        batches = sync_partitions(instance, inputs.batches, parquet)
        stale = stale_batches(batch_stamps(inputs.raw_dir, batches, inputs.extraction), parquet)
    job = defs.resolve_job_def("build_warehouse")
    run_config = None
    if loggers is not None:
        # A logger runs only when the run config names it.
        job, run_config = job.with_logger_defs(loggers), {"loggers": {name: {} for name in loggers}}
    if not stale:  # nothing to read (or an empty raw folder): load what is stored, and build if it differs
        selection = list(AFTER_BATCHES.resolve(defs.resolve_asset_graph()))
        return job.execute_in_process(run_config, instance=instance, raise_on_error=False, tags=tags, asset_selection=selection)
    tags = {**(tags or {}), PARTITION_RANGE_START: stale[0], PARTITION_RANGE_END: stale[-1]}
    return job.execute_in_process(run_config, instance=instance, raise_on_error=False, tags=tags)


def build_warehouse(
    persistent_instance: bool = True, loggers: dict | None = None, output: TextIO | None = None, inputs: RunInputs | None = None,
) -> bool:
    """Materialise every asset of the definitions; raise RuntimeError with a one-line reason on failure.

    Returns whether a new warehouse was published (not when its inputs were those of the published one).
    `loggers` replace the job's; what the run itself prints (dbt's log) goes to `output` when given.
    """
    import dagster as dg

    instance = dg.DagsterInstance.get() if persistent_instance else dg.DagsterInstance.ephemeral()
    for run_id in fail_abandoned_runs(instance):
        print(f"marked run {run_id} failed: its process had died", file=sys.stderr)
    printed = contextlib.nullcontext() if output is None else _redirected(output)
    with printed:
        result = materialize_all(instance, tags={RUNNER_TAG: runner()}, loggers=loggers, inputs=inputs)
    if not result.success:
        failures = [event for event in result.all_events if event.is_step_failure]
        if not failures:
            raise RuntimeError("the run failed")
        error = failures[0].step_failure_data.error
        while error.cause is not None and (error.cls_name or "").startswith("Dagster"):  # the user's exception, not Dagster's wrapper
            error = error.cause
        reason = error.message.strip().splitlines()[0].removeprefix(f"{error.cls_name}: ")
        raise RuntimeError(f"{failures[0].step_key}: {reason}")
    return any(event.is_step_success and event.step_key == "published_warehouse" for event in result.all_events)


@contextlib.contextmanager
def _redirected(output: TextIO):
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        yield


def command_run(args: argparse.Namespace) -> int:
    from orchestration.summary import RunSummary, new_log_file

    home = prepare_dagster_home()
    warehouse = os.environ[WAREHOUSE]
    log_path = new_log_file(home / "logs")
    print(f"entente run: {os.environ[RAW_DIR]} into {warehouse}", flush=True)
    started = time.monotonic()
    inputs = _stamped_inputs(warehouse)
    if inputs is not None and inputs.published_from_these(Path(warehouse)):
        outcome = "Nothing changed since the last publish (the same inputs, so no run)"
        log_path.write_text(f"no run: {warehouse} was built from the same inputs ({record_path(Path(warehouse))})\n", encoding="utf-8")
    else:
        from orchestration.console import run_loggers

        with open(log_path, "w", encoding="utf-8") as log_file:
            loggers = run_loggers(sys.stdout, log_file, verbose=args.verbose)
            try:
                published = build_warehouse(loggers=loggers, output=None if args.verbose else log_file, inputs=inputs)
            except RuntimeError as error:
                raise RuntimeError(f"{error} (full log: {log_path})") from error
        if inputs is not None:
            inputs.record(Path(warehouse))
        outcome = "Published" if published else "Nothing changed since the last publish; checked"
    if is_motherduck(warehouse):
        print(f"{outcome} {warehouse} (full log: {log_path})")
        return 0
    summary = RunSummary.of_warehouse(Path(warehouse))
    print("\n".join(summary.lines(outcome, warehouse, log_path, time.monotonic() - started)))
    return 0


def _stamped_inputs(warehouse: str) -> RunInputs | None:
    """The run's inputs, stamped; None where no stamp can be kept (MotherDuck) or taken (the run says why)."""
    if is_motherduck(warehouse):
        return None
    try:
        return RunInputs.take()
    except (ImportError, OSError, ValueError):
        return None


def build_corpora_warehouse(corpora: list, workdir: Path) -> Path:
    """Build the corpora's articles into a warehouse in `workdir`, without corrections; its path."""
    from orchestration.evaluation import stage_corpora

    if len(corpora) == 1:
        raw_dir = corpora[0].folder
    else:
        raw_dir = workdir / "raw"
        stage_corpora(corpora, raw_dir)
    warehouse = workdir / "warehouse.duckdb"
    os.environ[RAW_DIR] = str(raw_dir)
    os.environ[WAREHOUSE] = str(warehouse)
    os.environ[BUILD_WAREHOUSE] = str(workdir / "warehouse.build.duckdb")
    os.environ[PARQUET_DIR] = str(workdir / "parquet")
    os.environ[CORRECTIONS] = ""  # the machine's reading is what is measured, not the analysts'
    folders = ", ".join(str(corpus.folder) for corpus in corpora)
    print(f"building a warehouse from {folders}", file=sys.stderr, flush=True)
    with contextlib.redirect_stdout(sys.stderr):  # the tables alone go to stdout
        build_warehouse(persistent_instance=False)
    return warehouse


def command_eval(args: argparse.Namespace) -> int:
    from transforms.corpora import all_gold, article_sets, format_tables, parse_part, read_corpora, tables_figures

    from orchestration.evaluation import score_sets

    corpora = read_corpora([Path(path).resolve() for path in args.gold])
    sets = article_sets(corpora, [parse_part(part) for part in args.part], args.by_corpus)
    gold = all_gold(corpora)
    with tempfile.TemporaryDirectory(prefix="entente-eval-") as workdir:
        warehouse = Path(args.warehouse) if args.warehouse else build_corpora_warehouse(corpora, Path(workdir))
        results = score_sets(gold, sets, warehouse)
    print(format_tables(results))
    if args.json:
        Path(args.json).write_text(json.dumps(tables_figures(results), indent=2) + "\n", encoding="utf-8")
    return 0


def command_calibrate(args: argparse.Namespace) -> int:
    from transforms.corpora import all_gold, read_corpora

    from orchestration.evaluation import calibrate, measure_calibration

    corpora = read_corpora([Path(path).resolve() for path in args.gold])
    gold = all_gold(corpora)
    with tempfile.TemporaryDirectory(prefix="entente-calibrate-") as workdir:
        warehouse = Path(args.warehouse) if args.warehouse else build_corpora_warehouse(corpora, Path(workdir))
        if args.check:
            print(measure_calibration(gold, warehouse))
        else:
            print(calibrate(gold, warehouse))
    return 0


def json_text(value) -> str:
    # polars hands a list cell over as a Series; dates and decimals are written as their text.
    return json.dumps(value, default=lambda inner: inner.to_list() if isinstance(inner, pl.Series) else str(inner))


def format_rows(frame: pl.DataFrame, output_format: str, width: int) -> str:
    """The rows as a table for people (every row and column, long text wrapped, never cut), CSV or JSON."""
    if output_format == "json":
        return frame.write_json()
    if output_format == "csv":
        # CSV has no lists or structs: nested values are written as their JSON text.
        nested = [name for name, dtype in frame.schema.items() if dtype.is_nested()]
        return frame.with_columns(pl.col(name).map_elements(json_text, return_dtype=pl.String) for name in nested).write_csv()
    with pl.Config(
        tbl_rows=-1, tbl_cols=-1, fmt_str_lengths=1_000_000, fmt_table_cell_list_len=-1,
        tbl_width_chars=width, tbl_hide_dataframe_shape=True,
    ):
        return str(frame)


def command_query(args: argparse.Namespace) -> int:
    import duckdb

    if args.limit < 0:
        raise ValueError("--limit is a number of rows, or 0 for all of them")
    with connect_read_only(published_warehouse_path(args.warehouse)) as connection:
        try:
            relation = connection.sql(args.sql)
            if relation is None:
                raise ValueError("the SQL holds no statement")
            frame = relation.pl()
        except duckdb.Error as error:
            # DuckDB's first line says what went wrong; the rest is context such as a caret under the SQL.
            raise ValueError(str(error).splitlines()[0]) from error
    shown = frame.head(args.limit) if args.limit else frame
    print(format_rows(shown, args.format, shutil.get_terminal_size().columns), end="" if args.format == "csv" else "\n")
    count = f"{shown.height} of {frame.height} rows" + (" (--limit 0 shows all)" if shown.height < frame.height else "")
    # The count goes with a table for people; CSV and JSON keep stdout to the data.
    print(count, file=sys.stdout if args.format == "table" else sys.stderr)
    return 0


def command_report(args: argparse.Namespace) -> int:
    from transforms.report import parse_pair

    from orchestration.report import write_report

    out = Path(args.out)
    write_report(published_warehouse_path(args.warehouse), out, parse_pair(args.pair) if args.pair else None)
    print(f"wrote {out}")
    return 0


def command_review(args: argparse.Namespace) -> int:
    from orchestration.review import serve

    if args.limit < 0:
        raise ValueError("--limit is a number of events, or 0 for all of them")
    corrections = args.corrections or os.environ.get(CORRECTIONS)
    if not corrections:
        raise ValueError(f"no corrections file: {CORRECTIONS} is empty; give --corrections FILE")
    serve(published_warehouse_path(args.warehouse), Path(corrections), args.reviewer, args.limit, args.host, args.port)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="entente", description="Defense-diplomacy events from news, into a DuckDB warehouse.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="build the warehouse from ENTENTE_RAW_DIR and publish it to ENTENTE_WAREHOUSE")
    run.add_argument(
        "--verbose", action="store_true",
        help="print the run's whole event log and dbt's output, not a line per stage (both always go to the log file)",
    )
    run.set_defaults(handler=command_run)
    evaluate = commands.add_parser(
        "eval",
        help="score extraction and fact tables against one or more gold.jsonl files",
        description=(
            "Score the warehouse built from the gold files' folders (or --warehouse) and print a table for all of "
            "the gold, then one per corpus (--by-corpus) and one per --part. With several gold files, each folder "
            "becomes a subfolder named after it (dev/, dev2/; a repeated name gets -2) of one raw folder, and "
            "the gold's article keys are prefixed with it (dev2/feed-b.jsonl#ID). A table scores only its "
            "articles: its cells count the events they report."
        ),
    )
    evaluate.add_argument("gold", nargs="+", help="gold annotations (events.md format); articles are read from each one's folder")
    evaluate.add_argument(
        "--warehouse",
        help="score this built warehouse instead of building the gold's folders (with several gold files, one built from them as above)",
    )
    evaluate.add_argument("--by-corpus", action="store_true", help="with several gold files, a table for each one")
    evaluate.add_argument(
        "--part", action="append", default=[], metavar="NAME=[-]FILE",
        help=(
            "a table NAME for the articles FILE lists, or with -FILE for the other articles of their corpus. "
            "FILE has a key a line, written as in its gold.jsonl (no corpus prefix); blank lines and lines "
            "starting with # are skipped. It belongs to the one gold file that annotates every key it lists. "
            "Repeatable."
        ),
    )
    evaluate.add_argument("--json", metavar="FILE", help="also write every table's counts and figures to FILE as JSON")
    evaluate.set_defaults(handler=command_eval)
    calibrate = commands.add_parser(
        "calibrate",
        help="fit the events' confidence on gold corpora, or (--check) measure how well it is calibrated",
        description=(
            "Build the gold files' folders (as eval does, without corrections) or read --warehouse, label each event "
            "right or wrong by the gold, fit the logistic weights of the confidence on them and write "
            "dbt_project/seeds/confidence_weights.csv and confidence_calibration.csv (the next build uses them), "
            "and print the calibration table. With --check, print the table of the warehouse's own confidence "
            "and write nothing: the measure on corpora the weights were not fitted on."
        ),
    )
    calibrate.add_argument("gold", nargs="+", help="gold annotations (events.md format); articles are read from each one's folder")
    calibrate.add_argument("--warehouse", help="read this built warehouse instead of building the gold's folders")
    calibrate.add_argument("--check", action="store_true", help="measure the current confidence; fit and write nothing")
    calibrate.set_defaults(handler=command_calibrate)
    query = commands.add_parser("query", help="run read-only SQL on the published warehouse and print the rows")
    query.add_argument("sql", help='the SQL, e.g. "select * from marts.fct_dyad_year order by year"')
    query.add_argument("--warehouse", help="query this file instead of ENTENTE_WAREHOUSE")
    query.add_argument("--limit", type=int, default=50, help="print at most this many rows (default 50; 0 prints all)")
    query.add_argument("--format", choices=["table", "csv", "json"], default="table", help="how to print the rows (default table)")
    query.set_defaults(handler=command_query)
    report = commands.add_parser("report", help="write a self-contained HTML report: charts and the evidence behind them")
    report.add_argument("--out", required=True, help="the HTML file to write")
    report.add_argument("--warehouse", help="report on this file instead of ENTENTE_WAREHOUSE")
    report.add_argument("--pair", help="the pair whose timeline and evidence to show, e.g. JPN-VNM (default: the most active pair)")
    report.set_defaults(handler=command_report)
    review = commands.add_parser(
        "review",
        help="serve the review queue as a local web page whose buttons write the corrections file",
        description=(
            "Serve marts.review_queue of the published warehouse on a local web page: each event with its "
            "confidence, reasons, evidence and links, and buttons that confirm or reject it or fix a field. "
            "Each appends a row to the corrections file; the next `entente run` applies the rows."
        ),
    )
    review.add_argument("--warehouse", help="review this file instead of ENTENTE_WAREHOUSE")
    review.add_argument("--corrections", help="append to this file instead of ENTENTE_CORRECTIONS")
    review.add_argument("--host", default="127.0.0.1", help="the address to serve on (default 127.0.0.1: this machine only)")
    review.add_argument("--port", type=int, default=8765, help="the port to serve on (default 8765)")
    review.add_argument("--limit", type=int, default=100, help="show the first this many events of the queue (default 100; 0 shows all)")
    review.add_argument(
        "--reviewer", default=os.environ.get("USER") or "analyst",
        help="the name written in the reviewer column (default: $USER, else analyst)",
    )
    review.set_defaults(handler=command_review)
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except (RuntimeError, FileNotFoundError, ValueError) as error:
        print(f"entente {args.command}: {error}", file=sys.stderr)
        return 1


def console() -> NoReturn:
    """The `entente` command: main(), then an exit that skips tearing down the loaded modules.

    The exit handlers run (logging is flushed, worker processes are joined) and every file
    and database is closed by then; what is skipped is freeing Dagster's, dbt's and spaCy's
    modules one by one, over a second of every `entente run`, which the OS does at once.
    Python has no public call that runs the exit handlers and skips the rest, so this calls
    atexit's own; os._exit is public, its underscore is historical.
    """
    code = main()
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    console()
