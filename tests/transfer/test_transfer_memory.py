"""Export and import stream: with the chunk sizes turned down, the Python memory they use stays a small
fraction of the data they move (24 MiB of original files here)."""

from __future__ import annotations

import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from policywatch.store import open_store
from policywatch.store.connections import reading
from policywatch.transfer import FORMATS, export_store, formats, import_export
from policywatch.transfer import reading as transfer_reading

BLOB_SIZE = 512 * 1024
BLOBS = 48
CHUNK = 1024 * 1024


def _peak(work: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def blob_store(tmp_path: Path) -> Path:
    path = tmp_path / "blobs.db"
    with open_store(path) as store, reading(store) as conn:
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)",
                         ((f"{i:064x}", BLOB_SIZE, os.urandom(BLOB_SIZE)) for i in range(BLOBS)))
        conn.execute("COMMIT")
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_memory_stays_bounded(fmt: str, blob_store: Path, db_target: str, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transfer_reading, "CHUNK_BYTES", CHUNK)
    monkeypatch.setattr(formats, "READ_BYTES", CHUNK)
    monkeypatch.setattr(formats, "ROW_GROUP_BYTES", CHUNK)
    data = BLOB_SIZE * BLOBS
    with open_store(blob_store) as source:
        exported = _peak(lambda: export_store(source, tmp_path / fmt, fmt))
    with open_store(db_target) as target:
        imported = _peak(lambda: import_export(target, tmp_path / fmt))
        with reading(target) as conn:
            assert conn.execute("SELECT count(*), sum(length(data)) FROM blobs").fetchone() == (BLOBS, data)
    assert exported < data / 4, exported
    assert imported < data / 4, imported
