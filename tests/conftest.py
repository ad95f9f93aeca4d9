"""Shared fixtures. Tests that read ../shared skip with a reason when it is absent (a user's clone has none)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("POLICYWATCH_SHARED", REPO.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): the annotated corpus lives outside this repository")
    return SHARED


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def db_target(tmp_path: Path) -> str:
    """Where a test's store lives: an SQLite file in the test's folder, or, when POLICYWATCH_TEST_POSTGRES
    names a PostgreSQL server (`.ci/run` starts one), a fresh database on it. Open it with `open_store`."""
    server = os.environ.get("POLICYWATCH_TEST_POSTGRES")
    if not server:
        return str(tmp_path / "store.db")
    from pg_databases import fresh_database  # here: only the PostgreSQL run needs psycopg

    return fresh_database(server)
