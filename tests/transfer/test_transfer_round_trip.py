"""Export → import → export: the same files (byte for byte, but for the volatile fields) and the same store,
from SQLite into `db_target` (PostgreSQL in the PostgreSQL run: this is how SQLite users move)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from transfer_checks import comparable, differing_files, observed
from transfer_documents import made_documents

from policywatch.ledger import list_targets
from policywatch.records import Brief, Entry, Period, Source
from policywatch.store import open_store
from policywatch.store.connections import reading
from policywatch.transfer import FORMATS, export_store, import_export, read_manifest


def test_the_source_has_rows_in_every_table_that_matters(exports: dict[str, Path]) -> None:
    rows = {table.name: table.rows for table in read_manifest(exports["jsonl"]).tables}
    for name in ("records", "entries", "sources", "blobs", "targets", "search_text", "ledger_targets",
                 "ledger_events", "ledger_outcomes", "links", "link_keys", "watches", "alerts", "alert_outbox",
                 "published", "schema_migrations"):
        assert rows[name] > 0, name
    assert not any(name.startswith("search_fts") for name in rows)  # FTS5 index and shadow tables are derived


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_gives_the_same_files_and_the_same_store(fmt: str, exports: dict[str, Path], source_db: Path,
                                                            db_target: str, tmp_path: Path) -> None:
    with open_store(db_target) as target:
        report = import_export(target, exports[fmt])
        again = export_store(target, tmp_path / "again", fmt).directory
        with open_store(source_db) as source:
            ranked = target.dialect == source.dialect  # search scores are the backend's own
            assert observed(target, ranked=ranked) == observed(source, ranked=ranked)
    assert report.rows == sum(t.rows for t in read_manifest(exports[fmt]).tables if t.name != "schema_migrations")
    # byte for byte, but schema_migrations.applied_at (the target's own) and the manifest's export time
    assert differing_files(exports[fmt], again) <= {"manifest.json", f"schema_migrations.{fmt}"}
    assert comparable(again) == comparable(exports[fmt])


def test_formats_hold_the_same_data(exports: dict[str, Path], db_target: str, tmp_path: Path) -> None:
    """csv in, jsonl and parquet out: identical to exporting the source in those formats."""
    with open_store(db_target) as target:
        import_export(target, exports["csv"])
        for fmt in ("jsonl", "parquet"):
            again = export_store(target, tmp_path / fmt, fmt).directory
            assert differing_files(exports[fmt], again) <= {"manifest.json", f"schema_migrations.{fmt}"}


def test_export_is_deterministic(source_db: Path, exports: dict[str, Path], tmp_path: Path) -> None:
    with open_store(source_db) as source:
        for fmt in FORMATS:
            again = export_store(source, tmp_path / fmt, fmt).directory
            assert differing_files(exports[fmt], again) <= {"manifest.json"}
            assert comparable(again) == comparable(exports[fmt])


def test_imported_store_keeps_working(exports: dict[str, Path], db_target: str) -> None:
    """New ids continue after the imported ones (reset_id_sequences), the search index covers the imported
    text, and a superseded target's pointer to a later id (set in a second pass) survived the load."""
    with open_store(db_target) as target:
        import_export(target, exports["jsonl"])
        with reading(target) as conn:
            before = conn.execute("SELECT max(id) FROM records").fetchone()[0]
        raw = b"a brief stored after the import"
        entry = Entry(section="top", rank=1, headline="Grinding machines after the move")
        brief = Brief(series="China Industries", title="After import", published="2024-02-02",
                      period=Period(None, None), contents=(), entries=(entry,), people=(), truncated=False,
                      source=Source(path="/made/after.txt", sha256="", format="text"))
        outcome = target.ingest(brief, raw)
        assert outcome.status == "new" and outcome.record_id > before
        assert target.search("grinding").total == 1
        assert target.search("lathe").total >= 2
        by_year = {row.year: row for row in list_targets(target) if row.unit == "CNY"}
        assert by_year[2020].status == "achieved"  # the outcome article settled it
        assert by_year[2025].status == "stated"
        with reading(target) as conn:
            superseded = conn.execute("SELECT count(*) FROM ledger_targets WHERE superseded_by > id").fetchone()[0]
            events = {row[0] for row in conn.execute("SELECT event FROM ledger_events").fetchall()}
        assert {"stated", "revised", "outcome"} <= events
        assert superseded == 1  # loaded after its successor's row existed


def test_reimporting_the_documents_is_unchanged(exports: dict[str, Path], db_target: str) -> None:
    """The imported store knows every document it holds: ingesting them again changes nothing."""
    with open_store(db_target) as target:
        import_export(target, exports["parquet"])
        outcomes = [target.ingest(record, raw).status for record, raw in made_documents()]
    assert outcomes == ["unchanged"] * len(outcomes)


def test_a_copy_of_an_export_imports_from_anywhere(exports: dict[str, Path], db_target: str,
                                                   tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere" / "backup"
    shutil.copytree(exports["csv"], moved)
    with open_store(db_target) as target:
        assert import_export(target, moved).rows > 0
