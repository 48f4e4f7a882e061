"""`entente`: build the warehouse and measure it from the command line.

    entente run                      build from ENTENTE_RAW_DIR into ENTENTE_WAREHOUSE
    entente eval GOLD.jsonl          build the gold's folder into a temporary warehouse and score it
    entente eval GOLD.jsonl --warehouse FILE   score an already built warehouse
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path

from orchestration.settings import BUILD_WAREHOUSE, PROJECT_DIR, RAW_DIR, WAREHOUSE

DAGSTER_HOME_DEFAULT = PROJECT_DIR / ".dagster"


def prepare_dagster_home() -> Path:
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(DAGSTER_HOME_DEFAULT)))
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        shutil.copyfile(PROJECT_DIR / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    return home


RUNNER_TAG = "entente/runner"  # "host:pid" of the `entente run` process that executes the run in-process


def runner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def fail_abandoned_runs(instance) -> list[str]:
    """Fail the runs of `entente run` processes that died mid-run (killed, out of memory, power cut).

    Such a run stays "started" and keeps its slot of the warehouse pool, so every
    later run would wait for it forever; its build file is rebuilt by the next run.
    """
    import dagster as dg
    from dagster._core.storage.dagster_run import IN_PROGRESS_RUN_STATUSES

    abandoned = []
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=IN_PROGRESS_RUN_STATUSES)):
        host, _, pid = run.tags.get(RUNNER_TAG, "").rpartition(":")
        if host != socket.gethostname() or not pid.isdigit() or _process_is_alive(int(pid)):
            continue
        instance.report_run_failed(run, "the `entente run` process executing this run died")
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


def build_warehouse(persistent_instance: bool = True) -> None:
    """Materialise every asset of the definitions; raise RuntimeError with a one-line reason on failure."""
    import dagster as dg

    from orchestration.definitions import defs

    instance = dg.DagsterInstance.get() if persistent_instance else dg.DagsterInstance.ephemeral()
    for run_id in fail_abandoned_runs(instance):
        print(f"marked run {run_id} failed: its process had died", file=sys.stderr)
    job = defs.resolve_job_def("build_warehouse")
    result = job.execute_in_process(instance=instance, raise_on_error=False, tags={RUNNER_TAG: runner()})
    if not result.success:
        failures = [event for event in result.all_events if event.is_step_failure]
        if not failures:
            raise RuntimeError("the run failed")
        error = failures[0].step_failure_data.error
        while error.cause is not None and (error.cls_name or "").startswith("Dagster"):  # the user's exception, not Dagster's wrapper
            error = error.cause
        reason = error.message.strip().splitlines()[0].removeprefix(f"{error.cls_name}: ")
        raise RuntimeError(f"{failures[0].step_key}: {reason}")


def command_run(_: argparse.Namespace) -> int:
    prepare_dagster_home()
    print(f"building {os.environ[WAREHOUSE]} from {os.environ[RAW_DIR]}", flush=True)
    build_warehouse()
    print(f"published {os.environ[WAREHOUSE]}")
    return 0


def command_eval(args: argparse.Namespace) -> int:
    from transforms.scoring import format_scores, read_gold

    from orchestration.evaluation import score_warehouse

    gold_path = Path(args.gold).resolve()
    gold = read_gold(gold_path)
    if args.warehouse:
        scores = score_warehouse(gold, Path(args.warehouse))
    else:
        with tempfile.TemporaryDirectory(prefix="entente-eval-") as workdir:
            warehouse = Path(workdir) / "warehouse.duckdb"
            os.environ[RAW_DIR] = str(gold_path.parent)
            os.environ[WAREHOUSE] = str(warehouse)
            os.environ[BUILD_WAREHOUSE] = str(Path(workdir) / "warehouse.build.duckdb")
            print(f"building a warehouse from {gold_path.parent}", file=sys.stderr, flush=True)
            with contextlib.redirect_stdout(sys.stderr):  # the score table alone goes to stdout
                build_warehouse(persistent_instance=False)
            scores = score_warehouse(gold, warehouse)
    print(format_scores(scores))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="entente", description="Defense-diplomacy events from news, into a DuckDB warehouse.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="build the warehouse from ENTENTE_RAW_DIR and publish it to ENTENTE_WAREHOUSE").set_defaults(handler=command_run)
    evaluate = commands.add_parser("eval", help="score extraction and fact tables against a gold.jsonl")
    evaluate.add_argument("gold", help="gold annotations (events.md format); articles are read from its folder")
    evaluate.add_argument("--warehouse", help="score this built warehouse instead of building the gold's folder")
    evaluate.set_defaults(handler=command_eval)
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except (RuntimeError, FileNotFoundError, ValueError) as error:
        print(f"entente {args.command}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
