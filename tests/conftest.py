import os
from pathlib import Path

import pytest

from transforms.nlp import build_pipeline

SHARED_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


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
def nlp():
    """The one spaCy pipeline, loaded once for the whole session."""
    return build_pipeline()
