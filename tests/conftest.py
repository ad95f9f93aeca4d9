"""Shared fixtures. Tests that read ../shared skip with a reason when it is absent (a user's clone has none)."""

from __future__ import annotations

import os
from collections.abc import Callable
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


# Tests that open a store: `make test` runs them a second time against PostgreSQL (`pytest -m store`).
STORE_DEPENDENT = ("store", "link", "alerts", "ledger", "web", "transfer", "test_parallel_ingest.py",
                   "test_faults.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    tests = Path(__file__).resolve().parent
    for item in items:
        relative = Path(str(item.path)).resolve().relative_to(tests)
        if relative.parts and relative.parts[0] in STORE_DEPENDENT:
            item.add_marker(pytest.mark.store)


def on_postgres() -> bool:
    """Whether this run's stores are PostgreSQL databases (POLICYWATCH_TEST_POSTGRES names the server)."""
    return bool(os.environ.get("POLICYWATCH_TEST_POSTGRES"))


@pytest.fixture
def new_db_target(tmp_path: Path) -> Callable[[str], str]:
    """Makes stores for a test: `new_db_target(name)` is an SQLite file `name`.db in the test's folder, or,
    when POLICYWATCH_TEST_POSTGRES names a PostgreSQL server (`.ci/run` starts one), a fresh database on it."""

    def make(name: str = "store") -> str:
        server = os.environ.get("POLICYWATCH_TEST_POSTGRES")
        if not server:
            return str(tmp_path / f"{name}.db")
        from pg_databases import fresh_database  # here: only the PostgreSQL run needs psycopg

        return fresh_database(server)

    return make


@pytest.fixture
def db_target(new_db_target: Callable[[str], str]) -> str:
    """Where a test's store lives (see `new_db_target`). Open it with `open_store`."""
    return new_db_target("store")
