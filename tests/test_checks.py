"""The warehouse's own asset checks pass on a good build, fail on a broken one, and the publish step reports what changed."""

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.checks import (
    event_years_are_plausible,
    every_event_has_evidence_from_a_source_article,
    every_input_is_accounted_for,
    warehouse_checks,
)
from orchestration.resources import RawFolder, Warehouse
from warehouse_builds import build_warehouse

pytestmark = pytest.mark.end_to_end  # every test here builds a warehouse or runs entente, dbt or a browser


SAMPLE_DIR = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    shutil.copytree(SAMPLE_DIR, raw, dirs_exist_ok=True)
    workdir = tmp_path_factory.mktemp("build")
    first, _ = build_warehouse(raw, workdir)
    # A copy of a seed under a new name: a change to the raw tables (one more quarantined duplicate), no new event.
    seed = next(path for path in sorted(SAMPLE_DIR.iterdir()) if path.is_file())
    shutil.copyfile(seed, raw / f"copy of {seed.name}")
    second, _ = build_warehouse(raw, workdir)
    return raw, workdir, first, second


@pytest.fixture
def broken_build(seed_build, tmp_path):
    """A copy of the build file for a test to break, and a Warehouse resource over it."""
    _, workdir, _, _ = seed_build
    copy = tmp_path / "warehouse.build.duckdb"
    shutil.copyfile(workdir / "warehouse.build.duckdb", copy)
    return copy, Warehouse(build_path=str(copy), published_path=str(tmp_path / "published.duckdb"))


def execute(path, sql: str) -> None:
    with duckdb.connect(str(path)) as connection:
        connection.execute(sql)


def publish_metadata(result) -> dict:
    events = [e for e in result.get_asset_materialization_events() if e.materialization.asset_key.path == ["published_warehouse"]]
    return {key: value.value for key, value in events[0].materialization.metadata.items()}


def test_every_warehouse_check_runs_and_passes_on_a_good_build(seed_build):
    _, _, first, _ = seed_build
    evaluations = {e.check_name: e for e in first.get_asset_check_evaluations()}
    for check in warehouse_checks:
        (name,) = [key.name for key in check.check_keys]
        assert evaluations[name].passed, (name, evaluations[name].metadata)
    accounted = evaluations["every_input_is_accounted_for"].metadata
    assert accounted["inputs"].value == len([p for p in SAMPLE_DIR.rglob("*") if p.is_file()]) > 0


def test_publish_reports_new_events_rows_and_a_chart(seed_build):
    _, _, first, second = seed_build
    metadata = publish_metadata(first)
    assert metadata["events"] > 0 and metadata["new_events"] == metadata["events"]
    assert metadata["rows_fct_events"] == metadata["events"]
    assert "| date | type | status | participants | articles |" in metadata["new_events_preview"]
    assert "█" in metadata["events_per_year_by_type"]
    again = publish_metadata(second)
    assert (again["events"], again["new_events"]) == (metadata["events"], 0)
    assert again["new_events_preview"].startswith("No new events")


def test_an_event_without_evidence_fails_its_check(broken_build):
    path, warehouse = broken_build
    execute(path, "delete from marts.fct_event_evidence where event_id = (select min(event_id) from marts.fct_events)")
    result = every_event_has_evidence_from_a_source_article(warehouse=warehouse)
    assert not result.passed and result.metadata["events_without_evidence"].value == 1


def test_an_implausible_year_fails_its_check(broken_build):
    path, warehouse = broken_build
    execute(path, "update marts.fct_events set year = 1066 where event_id = (select min(event_id) from marts.fct_events)")
    assert not event_years_are_plausible(warehouse=warehouse).passed


def test_a_lost_input_warns_and_a_counted_twice_input_fails(seed_build, broken_build):
    path, warehouse = broken_build
    raw_folder = RawFolder(path=str(seed_build[0]))
    execute(path, "delete from raw.articles where source_file = (select min(source_file) from raw.articles)")
    lost = every_input_is_accounted_for(warehouse=warehouse, raw_folder=raw_folder)
    assert not lost.passed and lost.severity == dg.AssetCheckSeverity.WARN
    execute(path, "insert into raw.quarantine select source_file, record_id, 'empty', 'again', null from raw.articles limit 1")
    twice = every_input_is_accounted_for(warehouse=warehouse, raw_folder=raw_folder)
    assert not twice.passed and twice.severity == dg.AssetCheckSeverity.ERROR
