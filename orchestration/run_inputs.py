"""What an `entente run` builds from, stamped before Dagster starts: a rerun with nothing new stops there.

The stamp covers everything a warehouse is made of:

- the raw folder's batches, each file by path, size and modification time (one listing of the
  folder, which the run then uses to sync its partitions and find the batches to read);
- the settings that name the inputs and outputs;
- the extraction fingerprint (the model, the patterns, the reference data and the modules of
  transforms/ that reading a batch imports),
  the code of orchestration/, and the versions of the libraries that build the tables;
- the corrections file's bytes, and the dbt project.

After a run that succeeded, the stamp is written beside the published warehouse with the published
file's size and modification time. The next run whose stamp and published file are those has
nothing to read, load, build or publish: it says so without starting Dagster (whose start alone
costs seconds). Anything else, such as a changed file, another warehouse published from the UI, or
a failed run, starts a run as before, and the run decides what to read and rebuild.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from orchestration.settings import (
    BUILD_WAREHOUSE, CORRECTIONS, DBT_SOURCES, DBT_TARGET, PARQUET_DIR, PROJECT_DIR, RAW_DIR, SPACY_MODEL, WAREHOUSE,
)
from transforms.batches import Batch, batches_by_key
from transforms.incremental import extraction_fingerprint, update_with_files
from transforms.nlp import model_meta

SETTINGS = (RAW_DIR, WAREHOUSE, BUILD_WAREHOUSE, PARQUET_DIR, SPACY_MODEL, DBT_TARGET, CORRECTIONS)
# The libraries whose version can change the tables built from the same inputs.
BUILDERS = ("dagster", "dagster-dbt", "dbt-core", "dbt-duckdb", "duckdb", "polars", "pyarrow", "spacy", "trafilatura", "htmldate", "py3langid")
ORCHESTRATION_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class RunInputs:
    raw_dir: Path
    batches: dict[str, Batch]  # the raw folder's batches by partition key
    extraction: str  # transforms.incremental.extraction_fingerprint
    stamp: str  # a hash of all of the above

    @classmethod
    def take(cls) -> RunInputs:
        """Stamp the raw folder and everything else a build reads, as the settings name them now."""
        raw_dir = Path(os.environ[RAW_DIR])
        batches = batches_by_key(raw_dir)
        extraction = extraction_fingerprint(model_meta(os.environ[SPACY_MODEL]))
        digest = hashlib.sha256()
        parts = {
            "settings": {name: os.environ.get(name, "") for name in SETTINGS},
            "batches": {key: batch.signature for key, batch in batches.items()},
            "extraction": extraction,
            "libraries": {name: _version(name) for name in BUILDERS},
            "corrections": _file_hash(os.environ.get(CORRECTIONS, "")),
        }
        digest.update(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogateescape"))
        update_with_files(digest, [ORCHESTRATION_DIR, *DBT_SOURCES], PROJECT_DIR)
        return cls(raw_dir, batches, extraction, digest.hexdigest())

    def published_from_these(self, warehouse: Path) -> bool:
        """Whether the published warehouse is the one a run from these inputs published or left as it was."""
        try:
            record = json.loads(record_path(warehouse).read_text(encoding="utf-8"))
            return record == {"inputs": self.stamp, "published_file": _file_stamp(warehouse)}
        except (OSError, ValueError):
            return False

    def record(self, warehouse: Path) -> None:
        """Write, after a run that succeeded, that the published warehouse is these inputs' build."""
        if not warehouse.exists():
            return
        path = record_path(warehouse)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps({"inputs": self.stamp, "published_file": _file_stamp(warehouse)}) + "\n", encoding="utf-8")
        temporary.replace(path)


def record_path(warehouse: Path) -> Path:
    """data/warehouse.duckdb -> data/warehouse.inputs.json"""
    return warehouse.with_name(warehouse.stem + ".inputs.json")


def _file_stamp(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


def _file_hash(name: str) -> str:
    if not name:
        return "none"
    try:
        return hashlib.sha256(Path(name).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"  # the run reads it and says why


def _version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "none"

