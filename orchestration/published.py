"""Opening the published warehouse for reading: what `entente query`, `report` and `eval` share."""

import os
from pathlib import Path

import duckdb

from orchestration.settings import WAREHOUSE


def published_warehouse_path(override: str | None = None) -> Path:
    """`--warehouse FILE` when given, else ENTENTE_WAREHOUSE."""
    return Path(override or os.environ[WAREHOUSE])


def connect_read_only(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection: a statement that writes fails, and the file stays as published."""
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}: run `entente run` first")
    return duckdb.connect(str(warehouse), read_only=True)
