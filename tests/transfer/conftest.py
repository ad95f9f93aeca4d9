"""Fixtures of the export/import tests: one populated SQLite store and its exports in every format, made once
per session (tests only read them); the stores imported into come from `db_target` (PostgreSQL in the
PostgreSQL run)."""

from __future__ import annotations

from pathlib import Path

import pytest
from transfer_documents import populate

from policywatch.store import open_store
from policywatch.transfer import FORMATS, export_store


@pytest.fixture(scope="session")
def source_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("source") / "source.db"
    with open_store(path) as store:
        populate(store)
    return path


@pytest.fixture(scope="session")
def exports(source_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The source store exported in each format (directories the tests must not change: copy them first)."""
    folder = tmp_path_factory.mktemp("exports")
    with open_store(source_db) as store:
        return {fmt: export_store(store, folder / fmt, fmt).directory for fmt in FORMATS}
