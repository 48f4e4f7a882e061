"""What decides whether a run has work: the stamp of a run's inputs, and the fingerprint of what reading depends on."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from orchestration.run_inputs import RunInputs
from transforms.incremental import READING_MODULES, reading_sources
from warehouse_builds import run_environment

PROJECT_DIR = Path(__file__).resolve().parents[1]
SAMPLE_DIR = PROJECT_DIR / "data" / "raw"


def test_the_inputs_stamp_changes_with_every_input_and_a_record_holds_for_its_published_file_alone(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_DIR, raw)
    corrections = tmp_path / "corrections.csv"
    corrections.write_text("event_id,action,field,value,note,reviewer,reviewed_at\n", encoding="utf-8")
    warehouse = tmp_path / "warehouse.duckdb"
    for name, value in run_environment(tmp_path, raw).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("ENTENTE_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("ENTENTE_CORRECTIONS", str(corrections))
    first = RunInputs.take()
    assert RunInputs.take().stamp == first.stamp and set(first.batches) == {path.name for path in raw.iterdir()}

    warehouse.write_bytes(b"a published warehouse")
    first.record(warehouse)
    assert RunInputs.take().published_from_these(warehouse)
    warehouse.write_bytes(b"another warehouse, published by another route")
    assert not RunInputs.take().published_from_these(warehouse)
    first.record(warehouse)

    changes = [
        lambda: os.utime(next(raw.glob("*.txt")), ns=(1, 1)),  # a batch's file
        lambda: (raw / "new.txt").write_text("A new article.", encoding="utf-8"),  # a new batch
        lambda: corrections.write_text(corrections.read_text(encoding="utf-8") + "x,reject,,,,,\n", encoding="utf-8"),
        lambda: monkeypatch.setenv("ENTENTE_PARQUET_DIR", str(tmp_path / "elsewhere")),  # a setting
    ]
    stamps = [first.stamp]
    for change in changes:
        change()
        inputs = RunInputs.take()
        assert not inputs.published_from_these(warehouse) and inputs.stamp not in stamps
        stamps.append(inputs.stamp)


def test_the_extraction_fingerprint_covers_every_module_reading_imports_and_not_the_report():
    sources = {path.relative_to(PROJECT_DIR).as_posix() for path in reading_sources()}
    # What Python really loads to read a batch and extract its mentions, asked of a fresh interpreter.
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys; import " + ", ".join(READING_MODULES) + "; "
         "print('\\n'.join(m.__file__ for name, m in sys.modules.items() if name.split('.')[0] == 'transforms'))"],
        cwd=PROJECT_DIR, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert {Path(path).resolve().relative_to(PROJECT_DIR).as_posix() for path in loaded} == sources
    assert {"transforms/extract/participants.py", "transforms/gate.py", "transforms/nlp.py", "transforms/ingest/published.py", "transforms/ingest/folder.py"} <= sources
    assert not sources & {"transforms/report.py", "transforms/scoring.py", "transforms/corrections.py", "transforms/confidence.py"}
