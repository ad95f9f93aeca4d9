"""Store fixtures: a fresh store per test (SQLite, or PostgreSQL when POLICYWATCH_TEST_POSTGRES is set)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from policywatch.store import Store, open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    opened = open_store(db_target)
    yield opened
    opened.close()
