"""Build a warehouse in-process through the real Dagster definitions, for the tests."""

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.definitions import defs
from orchestration.settings import BUILD_WAREHOUSE, RAW_DIR, WAREHOUSE


def build_warehouse(raw_dir: Path, workdir: Path) -> tuple[dg.ExecuteInProcessResult, Path]:
    """Materialise every asset from `raw_dir` into `workdir`; returns the result and the published file."""
    warehouse = workdir / "warehouse.duckdb"
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv(RAW_DIR, str(raw_dir))
        monkeypatch.setenv(WAREHOUSE, str(warehouse))
        monkeypatch.setenv(BUILD_WAREHOUSE, str(workdir / "warehouse.build.duckdb"))
        result = dg.materialize(
            [*defs.assets, *defs.asset_checks], resources=defs.resources, instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
        )
    return result, warehouse


def query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.sql(sql).fetchall()
