"""`import_export`: load an export directory into an empty store of either backend, all or nothing.

Before the database is touched: the manifest is read and every file's sha256 checked. Then, in one
transaction: the schema versions must match, every table must be empty (rows a fresh store seeds,
like the data_version counter, are replaced by the export's), and the tables are loaded parents
first (the order comes from the target's foreign keys) with their ids as exported. A table's references to
itself (ledger_targets.superseded_by) are filled in after its rows. Last, `store.reset_id_sequences()` makes
new ids continue after the imported ones (PostgreSQL's identity sequences; SQLite needs nothing).

On SQLite the full-text index follows search_text through its triggers, so it is rebuilt by the load itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policywatch.store.connections import joined_transaction, reading
from policywatch.store.dbapi import DatabaseError
from policywatch.transfer.errors import TransferError
from policywatch.transfer.formats import read_rows
from policywatch.transfer.manifest import Manifest, TableEntry, file_sha256, read_manifest
from policywatch.transfer.schema import MIGRATIONS_TABLE, Table, load_order, quoted, read_tables


@dataclass(frozen=True)
class ImportReport:
    """What an import loaded: tables and rows (schema_migrations not counted: the target keeps its own)."""

    location: str
    tables: int
    rows: int


@dataclass(frozen=True)
class _Load:
    """One table to load: what the export holds and where it goes."""
    entry: TableEntry
    table: Table


def verify_files(directory: Path, manifest: Manifest) -> None:
    """Every table file is there and has the sha256 the manifest gives."""
    for entry in manifest.tables:
        path = directory / entry.file
        if not path.is_file():
            raise TransferError(f"{path} is missing: the manifest lists it for table {entry.name}")
        if file_sha256(path) != entry.sha256:
            raise TransferError(f"{path} is corrupt: its sha256 differs from the manifest's")


def import_export(store: Any, directory: Path) -> ImportReport:
    """Load the export in `directory` into `store`, which must be empty and at the export's schema version.
    TransferError (and nothing written) when it cannot."""
    manifest = read_manifest(directory)
    verify_files(directory, manifest)
    with reading(store) as conn:
        target = read_tables(conn, store.dialect)
        loads = _plan(manifest, target)
        try:
            with joined_transaction(conn):
                _check_versions(conn, manifest)
                _clear_seeded_rows(conn, target, loads, store)
                rows = sum(_load(conn, directory, manifest.data_format, load) for load in loads)
        except DatabaseError as error:
            raise TransferError(f"could not import into {store.location}: {error}") from error
    store.reset_id_sequences()
    store.refresh_statistics()
    return ImportReport(location=store.location, tables=len(loads), rows=rows)


def _plan(manifest: Manifest, target_tables: list[Table]) -> list[_Load]:
    """The export's tables in load order, each matched with the target's table; TransferError when the
    target lacks a table or column the export has."""
    target = {table.name: table for table in target_tables}
    entries = {entry.name: entry for entry in manifest.tables if entry.name != MIGRATIONS_TABLE}
    for entry in entries.values():
        if entry.name not in target:
            raise TransferError(f"the export has table {entry.name}, which this database does not")
        missing = {column.name for column in entry.columns} - set(target[entry.name].column_names)
        if missing:
            raise TransferError(f"the export's table {entry.name} has columns this database lacks:"
                                f" {', '.join(sorted(missing))}")
    ordered = load_order([table for name, table in target.items() if name in entries])
    return [_Load(entries[table.name], table) for table in ordered]


def _check_versions(conn: Any, manifest: Manifest) -> None:
    held = tuple(row[0] for row in conn.execute(
        f"SELECT version FROM {MIGRATIONS_TABLE} ORDER BY version").fetchall())
    if held != manifest.schema_versions:
        raise TransferError(
            f"the export is at schema versions {_versions(manifest.schema_versions)}, this database at"
            f" {_versions(held)}: export and import with the same policywatch (opening the source database with"
            " this policywatch upgrades it)")


def _versions(versions: Sequence[int]) -> str:
    return ", ".join(str(version) for version in versions) or "none"


@functools.cache
def seeded_row_counts() -> dict[str, int]:
    """Rows a freshly migrated store already holds, by table (a migration may seed a row, like 0008's
    data_version counter): measured on a new in-memory store rather than listed, so a later migration's
    seeded rows are known without a change here."""
    from policywatch.store import open_store  # here: the store imports much that the transfer modules do not

    with open_store(":memory:") as fresh, reading(fresh) as conn:
        return {table.name: conn.execute(f"SELECT count(*) FROM {quoted(table.name)}").fetchone()[0]
                for table in read_tables(conn, fresh.dialect)}


def _clear_seeded_rows(conn: Any, target: list[Table], loads: list[_Load], store: Any) -> None:
    """Refuse a target that holds anything a fresh store does not; remove the seeded rows of the tables the
    export brings (the export has them as they were in the source)."""
    seeded = seeded_row_counts()
    for table in target:
        if table.name == MIGRATIONS_TABLE:
            continue
        allowed = seeded.get(table.name, 0)
        held = conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM {quoted(table.name)} LIMIT {allowed + 1})"
                            " AS head").fetchone()[0]
        if held > allowed:
            raise TransferError(f"{store.location} is not empty (table {table.name} has rows): import into a new"
                                " database")
    for load in reversed(loads):  # children first: a seeded row may be a parent
        if seeded.get(load.table.name, 0):
            conn.execute(f"DELETE FROM {quoted(load.table.name)}")


def _load(conn: Any, directory: Path, data_format: str, load: _Load) -> int:
    """Insert one table's rows with their ids; returns how many."""
    entry, table = load.entry, load.table
    names = [column.name for column in entry.columns]
    declared = {column.name: column.declared for column in table.columns}
    adapters = [_adapter(declared[name]) for name in names]
    pending_refs = [i for i, name in enumerate(names) if name in table.self_references]
    key_index = [names.index(k) for k in table.primary_key if k in names] if pending_refs else []
    if pending_refs and len(key_index) != len(table.primary_key):
        raise TransferError(f"table {table.name} refers to itself but its export lacks the primary key")
    insert = (f"INSERT INTO {quoted(table.name)} ({', '.join(quoted(n) for n in names)})"
              f" VALUES ({', '.join('?' for _ in names)})")
    later: list[tuple[Any, ...]] = []  # (self-reference values…, primary key values…), set after the rows
    count = 0
    for chunk in read_rows(data_format, directory / entry.file, entry.column_specs):
        rows = [[adapt(value) for adapt, value in zip(adapters, row, strict=True)] for row in chunk]
        for row in rows:
            if any(row[i] is not None for i in pending_refs):
                later.append(tuple(row[i] for i in pending_refs) + tuple(row[i] for i in key_index))
                for i in pending_refs:
                    row[i] = None
        try:
            conn.executemany(insert, rows)
        except DatabaseError as error:
            raise TransferError(f"{entry.file}: rows {count + 1}–{count + len(rows)} could not be stored:"
                                f" {error}") from error
        count += len(rows)
    if count != entry.rows:
        raise TransferError(f"{entry.file} holds {count} rows, the manifest says {entry.rows}")
    if later:
        assignments = ", ".join(f"{quoted(names[i])} = ?" for i in pending_refs)
        match = " AND ".join(f"{quoted(k)} = ?" for k in table.primary_key)
        conn.executemany(f"UPDATE {quoted(table.name)} SET {assignments} WHERE {match}", later)
    return count


def _adapter(declared: str) -> Callable[[Any], Any]:
    """How a value is stored in a column of this declared type: a binary column takes bytes (an empty string
    becomes b''), a text column takes '' for an empty bytes value (SQLite keeps packed JSON, bytes, in TEXT
    columns, and writes '' for an empty one)."""
    upper = declared.upper()
    if "BLOB" in upper or "BYTEA" in upper:
        return lambda value: value.encode() if isinstance(value, str) else value
    if any(word in upper for word in ("CHAR", "CLOB", "TEXT")):
        return lambda value: "" if value == b"" else value
    return lambda value: value
