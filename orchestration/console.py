"""What `entente run` shows while its run goes: a line per stage, and a progress bar while inputs are read.

The run's whole event log goes to a log file, with dbt's output; `--verbose` prints it
too, as Dagster's own console logger does. The Dagster UI and `dagster dev` keep their
loggers: these are attached to the job of `entente run` alone.
"""

from __future__ import annotations

import logging
import shutil
from collections import Counter
from typing import TextIO

import dagster as dg
from tqdm import tqdm

from orchestration.assets.batches import PROGRESS_ATTRIBUTE

# The steps a user knows as stages, by their Dagster step key; asset checks are counted together.
STAGES = {"raw__batches": "read", "raw_tables": "load", "entente_dbt_models": "dbt", "published_warehouse": "publish"}
LOG_FORMAT = "%(asctime)s - %(levelname)s - %(message)s"


class StageLines(logging.Handler):
    """Reads the run's log records: prints each stage when it ends, with its last message and its time, draws the
    read stage's progress (on a terminal), and prints failed checks and warnings as they come."""

    def __init__(self, out: TextIO):
        super().__init__(logging.DEBUG)
        self.out = out
        self.bar: tqdm | None = None
        self.last_message: dict[str, str] = {}
        self.checks: Counter = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None)
        if meta is None:
            return
        step, event = meta.get("step_key"), meta.get("dagster_event")
        if hasattr(record, PROGRESS_ATTRIBUTE):
            self._show_progress(*getattr(record, PROGRESS_ATTRIBUTE))
        elif event is None:
            message = str(meta.get("orig_message", "")).strip()
            if record.levelno >= logging.WARNING and not message.startswith("Dependencies for step"):
                self._print(f"  ! {STAGES.get(step, step or 'run')}: {message.splitlines()[0] if message else record.levelname}")
            elif step and record.levelno < logging.WARNING:
                self.last_message[step] = message
        else:
            self._show_event(step, event)

    def _show_event(self, step: str | None, event: dg.DagsterEvent) -> None:
        kind, data = event.event_type, event.event_specific_data
        if kind == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            warns = not data.passed and data.severity == dg.AssetCheckSeverity.WARN
            self.checks["passed" if data.passed else "warned" if warns else "failed"] += 1
            if warns:  # a warning withholds nothing (stale corrections, a file that arrived late)
                self._print(f"  ! check {data.check_name} on {data.asset_key.to_user_string()} warns")
            elif not data.passed:
                self._print(f"  ✗ check {data.check_name} on {data.asset_key.to_user_string()} failed")
        elif step in STAGES and kind == dg.DagsterEventType.STEP_SUCCESS:
            if self.bar is not None:
                # the stage read every input: its bar ends full, whenever its last progress line came
                self.bar.update(self.bar.total - self.bar.n)
            self._print(f"  ✓ {STAGES[step]:<8} {self.last_message.get(step, '')}  ({data.duration_ms / 1000:.1f} s)")
        elif step in STAGES and kind == dg.DagsterEventType.STEP_SKIPPED:
            self._print(f"  - {STAGES[step]:<8} skipped: nothing before it changed")
        elif kind == dg.DagsterEventType.STEP_FAILURE:
            self._print(f"  ✗ {STAGES.get(step, step):<8} failed")
        elif kind in {dg.DagsterEventType.RUN_SUCCESS, dg.DagsterEventType.RUN_FAILURE} and self.checks:
            failed = f", {self.checks['failed']} failed" if self.checks["failed"] else ""
            warned = f", {self.checks['warned']} warned" if self.checks["warned"] else ""
            self._print(f"  {'✗' if failed else '✓'} {'checks':<8} {self.checks['passed']} passed{warned}{failed}")

    def _show_progress(self, done: int, total: int) -> None:
        if not self.out.isatty():  # a log file or a pipe gets the stage's line, not the bar's frames
            return
        if self.bar is None:
            # The size from shutil, which falls back to 80x24 where a terminal reports none (tqdm then draws nothing).
            columns, lines = shutil.get_terminal_size()
            self.bar = tqdm(
                total=total, file=self.out, unit=" articles", ncols=columns, nrows=lines, mininterval=0,
                bar_format="  {desc:<8} |{bar}| {n_fmt}/{total_fmt} articles  {rate_fmt}  {remaining} left",
                desc="read", leave=False,
            )
        self.bar.total = total
        self.bar.update(done - self.bar.n)

    def _print(self, line: str) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        print(line, file=self.out, flush=True)


def run_loggers(out: TextIO, log_file: TextIO, verbose: bool) -> dict[str, dg.LoggerDefinition]:
    """The loggers of an `entente run` job: the stage lines on `out` (or, verbose, Dagster's console logger), and
    every record at DEBUG into `log_file`."""
    file_handler = logging.StreamHandler(log_file)
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    loggers = {"entente_log_file": _logger_definition("entente.run.log_file", file_handler)}
    if verbose:
        loggers["console"] = dg.colored_console_logger.configured({"log_level": "DEBUG", "name": "dagster"})
    else:
        loggers["entente_stages"] = _logger_definition("entente.run.stages", StageLines(out))
    return loggers


def _logger_definition(name: str, handler: logging.Handler) -> dg.LoggerDefinition:
    # A logger of its own each run (not logging.getLogger's shared one), so handlers never pile up.
    logger = logging.Logger(name, logging.DEBUG)
    logger.addHandler(handler)
    return dg.LoggerDefinition(lambda _: logger, description=f"entente run: {name}")
