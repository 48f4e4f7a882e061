"""Build a warehouse in-process through the real Dagster definitions, for the tests; the environment of an `entente run`."""

import os
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.cli import materialize_all
from orchestration.settings import BUILD_WAREHOUSE, PARQUET_DIR, PROJECT_DIR, RAW_DIR, WAREHOUSE


def build_warehouse(raw_dir: Path, workdir: Path) -> tuple[dg.ExecuteInProcessResult, Path]:
    """Materialise every asset from `raw_dir` into `workdir` as `entente run` does; returns the result and the published file.

    The batches' Parquet files are kept in `workdir`, so a second build there reuses them.
    """
    warehouse = workdir / "warehouse.duckdb"
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv(RAW_DIR, str(raw_dir))
        monkeypatch.setenv(WAREHOUSE, str(warehouse))
        monkeypatch.setenv(BUILD_WAREHOUSE, str(workdir / "warehouse.build.duckdb"))
        monkeypatch.setenv(PARQUET_DIR, str(workdir / "parquet"))
        # closed in the thread that opened it: its SQLite storage belongs to that thread
        with dg.DagsterInstance.ephemeral() as instance:
            result = materialize_all(instance)
    return result, warehouse


def query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.sql(sql).fetchall()


def run_environment(base: Path, raw: Path) -> dict[str, str]:
    """The environment of an `entente run` subprocess over `raw`, writing its instance, warehouses and Parquet files under `base`."""
    home = base / "dagster_home"
    home.mkdir(exist_ok=True)
    shutil.copyfile(PROJECT_DIR / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    return {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "ENTENTE_RAW_DIR": str(raw),
        "ENTENTE_WAREHOUSE": str(base / "published" / "warehouse.duckdb"),
        "ENTENTE_BUILD_WAREHOUSE": str(base / "build" / "warehouse.build.duckdb"),
        "ENTENTE_PARQUET_DIR": str(base / "parquet"),
        "PYTHONPATH": str(PROJECT_DIR),
    }
