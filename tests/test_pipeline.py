"""The whole product, really run: Dagster assets -> spaCy -> DuckDB -> dbt -> published warehouse."""

import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from orchestration.definitions import defs
from orchestration.evaluation import labelled_events, score_sets, score_warehouse, stage_corpora
from transforms.confidence import brier_scores, calibration_error, calibration_table
from transforms.corpora import all_gold, article_sets, parse_part, read_corpora
from transforms.scoring import read_gold
from warehouse_builds import build_warehouse, query

pytestmark = pytest.mark.end_to_end  # every test here builds a warehouse or runs entente, dbt or a browser


PROJECT_DIR = Path(__file__).resolve().parents[1]
SAMPLE_DIR = PROJECT_DIR / "data" / "raw"
CONTRACT = {
    "raw.articles": {"article_id", "source_file", "record_id", "url", "title", "source", "published", "content_hash"},
    "raw.event_mentions": {
        "mention_id", "article_id", "event_type", "subtype", "status", "year", "month", "day",
        "country_a", "country_b", "participants", "location_place", "location_country", "evidence",
    },
    "raw.quarantine": {"source_file", "record_id", "reason"},
    "marts.fct_meetings": {
        "event_id", "year", "month", "day", "country_a", "country_b", "status", "subtype",
        "location_place", "location_country", "n_articles", "first_published", "evidence",
    },
    "marts.fct_dyad_year": {"year", "country_a", "country_b", "meetings", "exercises", "agreements"},
    "marts.dim_country": {"iso3", "name", "iso2", "iso_numeric", "cow_code"},
}


def test_every_asset_and_dbt_check_succeeds(seed_build):
    result, _ = seed_build
    assert result.success
    checks = result.get_asset_check_evaluations()
    assert len(checks) > 50, "dbt tests surface as asset checks"
    assert [c.check_name for c in checks if not c.passed] == []


def test_published_warehouse_holds_the_contract(seed_build):
    _, warehouse = seed_build
    for table, required in CONTRACT.items():
        schema, name = table.split(".")
        columns = {row[0] for row in query(warehouse, f"select column_name from information_schema.columns where table_schema = '{schema}' and table_name = '{name}'")}
        assert required <= columns, f"{table} lacks {required - columns}"
    for table in ["fct_exercises", "fct_agreements"]:
        assert query(warehouse, f"select count(*) from marts.{table}")[0][0] > 0


def test_every_input_is_an_article_or_quarantined(seed_build):
    _, warehouse = seed_build
    articles = query(warehouse, "select source_file from raw.articles")
    quarantined = query(warehouse, "select source_file from raw.quarantine")
    inputs = sorted(p.relative_to(SAMPLE_DIR).as_posix() for p in SAMPLE_DIR.rglob("*") if p.is_file())
    assert sorted(r[0] for r in articles + quarantined) == inputs


def test_every_seed_gold_event_is_extracted_and_in_the_marts(seed_build, shared_corpus):
    _, warehouse = seed_build
    gold = read_gold(shared_corpus / "seeds" / "gold.jsonl")
    mentions = set(query(warehouse, """
        select a.source_file, m.event_type, m.country_a, m.country_b, m.year
        from raw.event_mentions m join raw.articles a using (article_id)"""))
    marts = set(query(warehouse, """
        select 'meeting', country_a, country_b, year from marts.fct_meetings
        union select 'exercise', country_a, country_b, year from marts.fct_exercises
        union select 'agreement', country_a, country_b, year from marts.fct_agreements"""))
    missing = []
    for record in gold:
        for event in record["events"]:
            if event["optional"]:
                continue
            a, b = sorted(event["countries"])[:2]
            key = (event["type"], a, b, event["year"])
            if (record["article"], *key) not in mentions or key not in marts:
                missing.append(event["event_key"])
    assert missing == []


def test_the_seeds_score_one(seed_build, shared_corpus):
    """The two articles the project started from are read exactly: every event, nothing else, every cell."""
    _, warehouse = seed_build
    scores = score_warehouse(read_gold(shared_corpus / "seeds" / "gold.jsonl"), warehouse)
    assert scores.events["all"].precision == 1.0
    assert scores.events["all"].recall == 1.0
    assert scores.cells["all"].exact_share == 1.0


def test_entente_eval_prints_the_score_table(seed_build, shared_corpus):
    _, warehouse = seed_build
    completed = subprocess.run(
        [Path(sys.executable).with_name("entente"), "eval", str(shared_corpus / "seeds" / "gold.jsonl"), "--warehouse", str(warehouse)],
        capture_output=True, text=True, check=True,
    )
    assert "meeting" in completed.stdout and "F1" in completed.stdout


def test_entente_calibrate_check_prints_the_calibration_of_the_warehouse(seed_build, shared_corpus):
    _, warehouse = seed_build
    completed = subprocess.run(
        [Path(sys.executable).with_name("entente"), "calibrate", "--check", str(shared_corpus / "seeds" / "gold.jsonl"), "--warehouse", str(warehouse)],
        capture_output=True, text=True, check=True,
    )
    events = query(warehouse, "select count(*) from marts.fct_events")[0][0]
    assert "| confidence | mean confidence | share right | events |" in completed.stdout
    assert f"{events} events; expected calibration error" in completed.stdout, "every seed event is in the gold's articles"


def test_entente_run_fails_with_a_one_line_reason(tmp_path):
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DAGSTER_HOME": str(tmp_path / "dagster"),
        "ENTENTE_RAW_DIR": str(tmp_path / "missing"),
        "ENTENTE_WAREHOUSE": str(tmp_path / "w.duckdb"),
    }
    completed = subprocess.run([Path(sys.executable).with_name("entente"), "run"], capture_output=True, text=True, env=env)
    assert completed.returncode != 0
    last_line = completed.stderr.strip().splitlines()[-1]
    assert last_line.startswith("entente run:") and "missing" in last_line
    assert not (tmp_path / "w.duckdb").exists()


def test_a_failed_build_leaves_the_published_warehouse_as_it_was(seed_build, tmp_path, monkeypatch):
    _, seed_warehouse = seed_build
    published = tmp_path / "warehouse.duckdb"
    shutil.copyfile(seed_warehouse, published)
    before = published.read_bytes()
    bad_raw = tmp_path / "raw"
    bad_raw.mkdir()
    (bad_raw / "a.txt").write_text("Two ministers met.", encoding="utf-8")
    monkeypatch.setenv("ENTENTE_SPACY_MODEL", "no_such_model")
    result, warehouse = build_warehouse(bad_raw, tmp_path)
    assert not result.success
    assert warehouse == published and published.read_bytes() == before


def test_definitions_name_the_python_assets_and_the_marts():
    keys = {key.to_user_string() for key in defs.resolve_all_asset_keys()}
    assert {"raw/articles", "raw/quarantine", "raw/event_mentions", "published_warehouse"} <= keys
    assert {f"marts/{name}" for name in ["fct_meetings", "fct_exercises", "fct_agreements", "fct_dyad_year", "dim_country"]} <= keys


def test_dev_corpus_accuracy_does_not_regress(shared_corpus, tmp_path):
    """dev alone keeps what it reached in the seventh round of issue 14 (F1 0.957, exact cells 0.907),
    less a small margin; the first accuracy issue asked for F1 0.90, status 0.90 and exact cells 0.85."""
    result, warehouse = build_warehouse(shared_corpus / "dev", tmp_path)
    assert result.success
    scores = score_warehouse(read_gold(shared_corpus / "dev" / "gold.jsonl"), warehouse)
    assert scores.events["all"].f1 >= 0.94
    assert scores.events["all"].status_accuracy >= 0.90
    assert scores.cells["all"].exact_share >= 0.89


def test_dev_and_dev2_accuracy_does_not_regress(shared_corpus, tmp_path):
    """dev and dev2 built together, as `entente eval` reads them (issue 14): the figures measured when
    the reading by role landed, less a small margin, so that no later change lowers them unseen. The
    untouched third of dev2 (data/eval/dev2_untouched.txt) is guarded too: it is what predicts the
    figures on text the rules never saw."""
    corpora = read_corpora([shared_corpus / "dev" / "gold.jsonl", shared_corpus / "dev2" / "gold.jsonl"])
    untouched = parse_part(f"untouched={PROJECT_DIR / 'data' / 'eval' / 'dev2_untouched.txt'}")
    sets = article_sets(corpora, [untouched], by_corpus=True)
    raw_dir = tmp_path / "raw"
    stage_corpora(corpora, raw_dir)
    result, warehouse = build_warehouse(raw_dir, tmp_path)
    assert result.success
    scores = {article_set.name: table for article_set, table in score_sets(all_gold(corpora), sets, warehouse)}
    together, dev2, third = scores["all"], scores["dev2"], scores["untouched"]
    assert together.events["all"].f1 >= 0.885  # 0.900 measured at the end of issue 14's eleventh round
    assert together.events["all"].status_accuracy >= 0.95
    assert together.cells["all"].exact_share >= 0.755  # 0.771
    assert dev2.events["all"].f1 >= 0.855  # 0.870
    assert third.events["all"].f1 >= 0.795  # 0.810
    # The confidence means something (issue 16): calibrated on dev + dev2, and a lower confidence is right less often.
    labelled = labelled_events(all_gold(corpora), warehouse)
    confidence, right = labelled["confidence"].to_list(), labelled["right"].to_list()
    assert calibration_error(calibration_table(confidence, right)) <= 0.10  # 0.073 when issue 16 landed
    brier, constant = brier_scores(confidence, right)
    assert brier < constant  # 0.094 < 0.104
    doubtful = labelled.filter(pl.col("confidence") < 0.7)["right"].mean()
    sure = labelled.filter(pl.col("confidence") >= 0.9)["right"].mean()
    assert doubtful < sure  # 0.58 and 0.96


@pytest.mark.parametrize(
    "corpus, tuned_f1, tuned_cells, untouched_f1, untouched_meetings_f1",
    [
        # measured at the end of issue 14's seventh round: 0.913, 0.810, 0.739, 0.707
        ("written", 0.89, 0.79, 0.72, 0.68),
        # 0.907, 0.822, 0.620, 0.705 (0.919, 0.845, 0.651 at the end of the eleventh round)
        ("written2", 0.89, 0.80, 0.63, 0.68),
        # 0.769, 0.608, 0.734, 0.887 (written3's halves were drawn at the start of the sixth round)
        ("written3", 0.75, 0.58, 0.71, 0.85),
    ],
)
def test_written_corpus_accuracy_does_not_regress(tmp_path, corpus, tuned_f1, tuned_cells, untouched_f1, untouched_meetings_f1):
    """The corpora written for issue 14 and split in halves (data/eval/written, written2, written3): each
    tuned half keeps what the rounds reached, and each untouched half (data/eval/<corpus>_untouched.txt),
    read by nobody, keeps what it scored at the end of the last round, less a small margin."""
    corpora = read_corpora([PROJECT_DIR / "data" / "eval" / corpus / "gold.jsonl"])
    untouched_list = PROJECT_DIR / "data" / "eval" / f"{corpus}_untouched.txt"
    parts = [parse_part(f"tuned=-{untouched_list}"), parse_part(f"untouched={untouched_list}")]
    sets = article_sets(corpora, parts, by_corpus=False)
    result, warehouse = build_warehouse(corpora[0].folder, tmp_path)
    assert result.success
    scores = {article_set.name: table for article_set, table in score_sets(all_gold(corpora), sets, warehouse)}
    tuned, untouched = scores["tuned"], scores["untouched"]
    assert tuned.events["all"].f1 >= tuned_f1
    assert tuned.cells["all"].exact_share >= tuned_cells
    assert untouched.events["all"].f1 >= untouched_f1
    assert untouched.events["meeting"].f1 >= untouched_meetings_f1


@pytest.mark.parametrize(
    "corpus, f1, cells",
    [
        # written4: written for issue 14's sixth round by writers who saw only events.md, read by nobody, so all
        # of it is untouched (0.632 and 0.440 at the end of the seventh round; 0.564 and 0.363 before the sixth)
        ("written4", 0.61, 0.42),
        # written5: multinational exercises, written for the sixth round and read and tuned on, all of it
        # (0.838 and 0.705 at the end of the seventh round; 0.410 and 0.215 before the sixth)
        ("written5", 0.82, 0.68),
        # written6: mostly meetings and agreements, written for the seventh round, read by nobody
        # (0.565 and 0.363 at the end of the eighth round, 0.562 and 0.362 of the seventh; 0.539 and 0.336 before it)
        ("written6", 0.54, 0.34),
    ],
)
def test_a_whole_written_corpus_does_not_regress(tmp_path, corpus, f1, cells):
    """The written corpora scored whole (data/eval/written4 and written6, never read; data/eval/written5, all
    read): the figures of the end of the last round, less a small margin."""
    corpora = read_corpora([PROJECT_DIR / "data" / "eval" / corpus / "gold.jsonl"])
    sets = article_sets(corpora, [], by_corpus=False)
    result, warehouse = build_warehouse(corpora[0].folder, tmp_path)
    assert result.success
    scores = {article_set.name: table for article_set, table in score_sets(all_gold(corpora), sets, warehouse)}
    assert scores["all"].events["all"].f1 >= f1
    assert scores["all"].cells["all"].exact_share >= cells
