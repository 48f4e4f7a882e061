"""The definitions load with every executor, Parquet location and dbt target setting, and refuse unknown ones in one line.

Each setting is read when orchestration.definitions is imported, so the module is
loaded afresh with the variables set; the original is reloaded afterwards.
"""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

import orchestration.definitions
from orchestration import settings

PROJECT_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture
def load_definitions(monkeypatch):
    def load(**env: str) -> dg.Definitions:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(orchestration.definitions).defs

    yield load
    monkeypatch.undo()
    importlib.reload(orchestration.definitions)


@pytest.mark.parametrize("name, executor", [("in_process", "in_process"), ("multiprocess", "multiprocess"), ("k8s", "k8s"), ("celery", "celery")])
def test_definitions_load_with_each_executor(load_definitions, name, executor):
    repository = load_definitions(ENTENTE_EXECUTOR=name).get_repository_def()
    for job in ["build_warehouse", "read_batches", "load_warehouse"]:
        assert repository.get_job(job).executor_def.name == executor


@pytest.mark.parametrize("location, path", [
    ("/srv/entente/parquet", "/srv/entente/parquet/articles/b.txt.parquet"),
    ("s3://news-bucket/entente?region=eu-west-1", "news-bucket/entente/articles/b.txt.parquet"),
])
def test_definitions_load_with_a_local_or_object_storage_parquet_location(load_definitions, location, path):
    defs = load_definitions(ENTENTE_PARQUET_DIR=location)
    with dg.build_resources({"parquet": defs.resources["parquet"]}) as resources:
        assert resources.parquet.location == location
        assert resources.parquet.batch_path("articles", "b.txt") == path


def test_definitions_load_with_the_motherduck_target_and_its_defaults(load_definitions, monkeypatch):
    for name in [settings.WAREHOUSE, settings.BUILD_WAREHOUSE, settings.PARQUET_DIR, settings.MOTHERDUCK_DATABASE]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(settings.DBT_TARGET, "motherduck")
    settings.apply_defaults()
    assert (os.environ[settings.BUILD_WAREHOUSE], os.environ[settings.WAREHOUSE]) == ("md:entente_build", "md:entente")
    defs = load_definitions()
    with dg.build_resources({"warehouse": defs.resources["warehouse"]}) as resources:
        assert (resources.warehouse.build_path, resources.warehouse.published_path) == ("md:entente_build", "md:entente")


@pytest.mark.end_to_end
def test_the_dbt_profile_has_a_motherduck_output(tmp_path):
    """dbt parses with the target (every other test builds with `local`); only a run would need MotherDuck itself."""
    env = {**os.environ, settings.DBT_TARGET: "motherduck", settings.MOTHERDUCK_DATABASE: "entente_build"}
    completed = subprocess.run(
        [Path(sys.executable).with_name("dbt"), "parse", "--profiles-dir", ".", "--target-path", str(tmp_path)],
        cwd=PROJECT_DIR / "dbt_project", env=env, capture_output=True, text=True,
    )
    assert completed.returncode == 0, completed.stdout[-2000:]


@pytest.mark.parametrize("env, message", [
    ({"ENTENTE_EXECUTOR": "spark"}, "ENTENTE_EXECUTOR='spark' is not an executor; use one of: in_process, multiprocess, k8s, celery"),
    ({"ENTENTE_DBT_TARGET": "bigquery"}, "ENTENTE_DBT_TARGET='bigquery' is not an output of dbt_project/profiles.yml; use one of: local, motherduck"),
    (
        {"ENTENTE_DBT_TARGET": "motherduck", "ENTENTE_MOTHERDUCK_DATABASE": "entente_build", "ENTENTE_BUILD_WAREHOUSE": "/data/build.duckdb"},
        "with ENTENTE_DBT_TARGET=motherduck, ENTENTE_BUILD_WAREHOUSE must be md:$ENTENTE_MOTHERDUCK_DATABASE (or unset), not '/data/build.duckdb'",
    ),
], ids=["executor", "dbt target", "motherduck build file"])
def test_an_unknown_setting_is_refused_in_one_line(load_definitions, env, message):
    with pytest.raises(ValueError) as error:
        load_definitions(**env)
    assert str(error.value) == message


@pytest.mark.end_to_end
def test_dg_check_defs_passes_with_the_cluster_settings():
    """The production layout of docs/scaling.md, through Dagster's own loader."""
    env = {
        **os.environ,
        "ENTENTE_EXECUTOR": "k8s",
        "ENTENTE_PARQUET_DIR": "s3://news-bucket/entente/parquet",
        "ENTENTE_DBT_TARGET": "motherduck",
        "ENTENTE_MOTHERDUCK_DATABASE": "entente_build",
        "ENTENTE_BUILD_WAREHOUSE": "md:entente_build",
        "ENTENTE_WAREHOUSE": "md:entente",
    }
    completed = subprocess.run([Path(sys.executable).with_name("dg"), "check", "defs"], cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "All definitions loaded successfully" in completed.stdout + completed.stderr


@pytest.mark.end_to_end
@pytest.mark.parametrize("command", [["check", "defs"], ["list", "defs"]])
def test_dg_works_as_installed_with_only_the_system_directories_on_path(command):
    """`.venv/bin/dg` without an activated environment: dbt is found beside the Python, not on PATH."""
    env = {"HOME": os.environ.get("HOME", "/tmp"), "PATH": "/usr/bin:/bin"}
    completed = subprocess.run([Path(sys.executable).with_name("dg"), *command], cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "not found on PATH" not in completed.stdout + completed.stderr


def test_the_dbt_resource_still_overrides_what_dagster_dbt_calls():
    # DbtCli replaces two private members of dagster-dbt's resource (no public switch exists); were they renamed
    # by an upgrade, the overrides would silently stop saving their seconds of every run.
    from dagster_dbt import DbtCliResource

    from orchestration.resources import DbtCli

    for member in ("_cli_version", "_initialize_dbt_core_adapter"):
        assert hasattr(DbtCliResource, member) and getattr(DbtCli, member) is not getattr(DbtCliResource, member)
