"""Link fixtures: a fresh store per test, and no embedding model unless a test asks for one (the [embed]
extra may be installed; tests must not depend on it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from policywatch.link import using_embedder
from policywatch.store import Store, open_store

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
NOTICES = REPO / "tests" / "fixtures" / "link" / "notices"
SEED = Path("seeds") / "000_61a2b85d103903a0.txt"  # under the shared dir


@pytest.fixture(autouse=True)
def _no_embedder() -> Iterator[None]:
    with using_embedder(None):
        yield


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    opened = open_store(db_target)
    yield opened
    opened.close()
