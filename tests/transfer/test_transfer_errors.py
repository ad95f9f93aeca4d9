"""Import refuses what it cannot load whole, with one line naming the file or table, and writes nothing:
corrupt or missing manifest, a missing or altered file, another schema version, a database that is not
empty, a row the database rejects half-way through. Export refuses a directory that is in use."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from policywatch.store import open_store
from policywatch.store.connections import reading
from policywatch.transfer import TransferError, export_store, import_export
from policywatch.transfer.manifest import file_sha256


def _copy(export: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(export, copy)
    return copy


def _edit_manifest(directory: Path, change: Any) -> None:
    path = directory / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(t for t in data["tables"] if t["name"] == name)


def _assert_empty(db_target: str) -> None:
    with open_store(db_target) as store, reading(store) as conn:
        for table in ("records", "blobs", "entries", "watches", "ledger_targets"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def _import_fails(directory: Path, db_target: str, *expected: str) -> None:
    with open_store(db_target) as store, pytest.raises(TransferError) as failure:
        import_export(store, directory)
    for text in expected:
        assert text in str(failure.value)
    _assert_empty(db_target)


def test_corrupt_manifest(exports: dict[str, Path], db_target: str, tmp_path: Path) -> None:
    copy = _copy(exports["jsonl"], tmp_path)
    (copy / "manifest.json").write_text('{"format": "policywatch-export", "tables": [', encoding="utf-8")
    _import_fails(copy, db_target, "manifest.json", "not valid JSON")


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d.pop("tables"), "'tables' is missing"),
    (lambda d: d.update(format="something-else"), "'format'"),
    (lambda d: d.update(format_version=99), "newer"),
    (lambda d: _table(d, "records").update(file="../records.jsonl"), "should be 'records.jsonl'"),
    (lambda d: _table(d, "records")["columns"][0].update(type="date"), "unknown type"),
    (lambda d: d.update(schema_versions=["1"]), "whole numbers"),
])
def test_manifest_with_the_wrong_shape(change: Any, expected: str, exports: dict[str, Path], db_target: str,
                                       tmp_path: Path) -> None:
    copy = _copy(exports["jsonl"], tmp_path)
    _edit_manifest(copy, change)
    _import_fails(copy, db_target, "manifest.json", expected)


def test_not_an_export(db_target: str, tmp_path: Path) -> None:
    _import_fails(tmp_path, db_target, "no manifest.json")


def test_missing_file(exports: dict[str, Path], db_target: str, tmp_path: Path) -> None:
    copy = _copy(exports["csv"], tmp_path)
    (copy / "entries.csv").unlink()
    _import_fails(copy, db_target, "entries.csv is missing")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_altered_file(fmt: str, exports: dict[str, Path], db_target: str, tmp_path: Path) -> None:
    copy = _copy(exports[fmt], tmp_path)
    path = copy / f"targets.{fmt}"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    _import_fails(copy, db_target, f"targets.{fmt} is corrupt", "sha256")


def test_bad_row_late_in_a_file_rolls_everything_back(exports: dict[str, Path], db_target: str,
                                                      tmp_path: Path) -> None:
    """A file whose manifest entry was rewritten to match (so the sha256 passes) but whose last row is not
    what its columns say: the tables loaded before it are rolled back too."""
    copy = _copy(exports["jsonl"], tmp_path)
    path = copy / "targets.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    last = json.loads(lines[-1])
    last["year"] = "twenty twenty-five"
    lines[-1] = json.dumps(last, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _edit_manifest(copy, lambda d: _table(d, "targets").update(sha256=file_sha256(path)))
    _import_fails(copy, db_target, "targets.jsonl", f"line {len(lines)}", "year")


def test_row_the_database_rejects(exports: dict[str, Path], db_target: str, tmp_path: Path) -> None:
    """An entry pointing at a record the export does not have: the foreign key stops it, nothing stays."""
    copy = _copy(exports["jsonl"], tmp_path)
    path = copy / "entries.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["record_id"] = 987654
    lines[0] = json.dumps(first, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _edit_manifest(copy, lambda d: _table(d, "entries").update(sha256=file_sha256(path)))
    _import_fails(copy, db_target, "entries.jsonl", "could not be stored")


def test_other_schema_version(exports: dict[str, Path], db_target: str, tmp_path: Path) -> None:
    copy = _copy(exports["jsonl"], tmp_path)
    _edit_manifest(copy, lambda d: d.update(schema_versions=d["schema_versions"][:-1]))
    _import_fails(copy, db_target, "schema versions", "same policywatch")


def test_table_the_database_does_not_have(exports: dict[str, Path], db_target: str, tmp_path: Path) -> None:
    copy = _copy(exports["jsonl"], tmp_path)
    (copy / "mystery.jsonl").write_text("", encoding="utf-8")
    _edit_manifest(copy, lambda d: d["tables"].append({
        "name": "mystery", "file": "mystery.jsonl", "rows": 0, "sha256": file_sha256(copy / "mystery.jsonl"),
        "primary_key": [], "volatile": [], "columns": [{"name": "x", "type": "text"}]}))
    _import_fails(copy, db_target, "table mystery")


def test_non_empty_target_is_refused(exports: dict[str, Path], db_target: str) -> None:
    with open_store(db_target) as store:
        import_export(store, exports["jsonl"])
        with reading(store) as conn:
            before = conn.execute("SELECT count(*) FROM records").fetchone()[0]
        with pytest.raises(TransferError, match=r"is not empty \(table \w+ has rows\): import into a new database"):
            import_export(store, exports["csv"])
        with reading(store) as conn:
            assert conn.execute("SELECT count(*) FROM records").fetchone()[0] == before


def test_a_single_watch_makes_a_store_non_empty(exports: dict[str, Path], db_target: str) -> None:
    with open_store(db_target) as store:
        with reading(store) as conn:
            conn.execute("INSERT INTO watches (name, spec_json, secret, created_at) VALUES ('w', '{}', 's', 'now')")
        with pytest.raises(TransferError, match="table watches has rows"):
            import_export(store, exports["jsonl"])


def test_export_refuses_a_directory_in_use(source_db: Path, tmp_path: Path) -> None:
    used = tmp_path / "used"
    used.mkdir()
    (used / "notes.txt").write_text("keep me", encoding="utf-8")
    with open_store(source_db) as store, pytest.raises(TransferError, match="not an empty directory"):
        export_store(store, used, "jsonl")
    assert [p.name for p in used.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["used"]  # no staging directory left behind


def test_export_into_an_empty_directory_and_unknown_format(source_db: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with open_store(source_db) as store:
        assert export_store(store, empty, "csv").tables > 0
        with pytest.raises(TransferError, match="unknown export format 'xml'"):
            export_store(store, tmp_path / "other", "xml")
    assert (empty / "manifest.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_rows_a_fresh_store_is_created_with_are_replaced(exports: dict[str, Path], db_target: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A row a migration seeds does not make the target "not empty": the export's rows take its place (here a
    published brief stands in for such a row)."""
    from policywatch.transfer import importer

    seeded = {**importer.seeded_row_counts(), "published": 1}
    monkeypatch.setattr(importer, "seeded_row_counts", lambda: seeded)
    with open_store(db_target) as store:
        with reading(store) as conn:
            conn.execute("INSERT INTO published (created_at, draft_json) VALUES ('then', '{}')")
        import_export(store, exports["jsonl"])
        with reading(store) as conn:
            rows = conn.execute("SELECT created_at FROM published").fetchall()
    assert [row[0] for row in rows] == ["2024-01-02T03:04:05+00:00"]
