import os
from pathlib import Path

import pytest

from transforms.nlp import build_pipeline

PROJECT_DIR = Path(__file__).resolve().parents[1]
SHARED_CORPUS = PROJECT_DIR.parent / "shared" / "corpus"


# Fixtures that build a warehouse: a test that uses one, directly or through another fixture, is end-to-end
# (`make test-quick` leaves it out). Modules whose every test is end-to-end say so with a module mark.
END_TO_END_FIXTURES = frozenset({"seed_build", "seed_builds", "bad_build", "rebuild", "backfill", "combined"})


def pytest_collection_modifyitems(items):
    for item in items:
        if END_TO_END_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.end_to_end)


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """The gold-annotated corpus beside the repo; a skip locally, a failure in CI."""
    if not SHARED_CORPUS.is_dir():
        message = f"shared corpus not found at {SHARED_CORPUS}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(f"{message} (with CI=true this is a failure)")
    return SHARED_CORPUS


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The sample input (data/raw, the seed articles) built once for the whole session, as `entente run` builds it,
    without corrections (whatever a developer's data/corrections.csv holds): (the run's result, the published
    warehouse). Tests read it; one that must change it works on a copy."""
    from warehouse_builds import build_warehouse

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("ENTENTE_CORRECTIONS", "")
        return build_warehouse(PROJECT_DIR / "data" / "raw", tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="session")
def nlp():
    """The one spaCy pipeline, loaded once for the whole session."""
    return build_pipeline()
