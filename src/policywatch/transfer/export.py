"""`export_store`: every table of a store to one file per table plus manifest.json, from one consistent
snapshot, streamed (a table is never held in memory whole), deterministic (the same database gives
byte-identical files), and identical from SQLite and PostgreSQL for the same data.

The export is written into a hidden staging directory beside the target and moved into place when complete,
so a failed export leaves nothing that looks like one.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from policywatch import __version__
from policywatch.store.connections import reading
from policywatch.store.dbapi import DatabaseError
from policywatch.transfer.errors import TransferError
from policywatch.transfer.formats import FORMATS, file_name, open_writer
from policywatch.transfer.manifest import ColumnEntry, Manifest, TableEntry, file_sha256, write_manifest
from policywatch.transfer.reading import snapshot, stream_rows, string_contents
from policywatch.transfer.schema import MIGRATIONS_TABLE, Table, is_volatile, read_tables


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote: where, in which format, how many tables and rows."""

    directory: Path
    data_format: str
    tables: int
    rows: int


def export_store(store: Any, directory: Path, data_format: str) -> ExportReport:
    """Write every table of `store` to `directory` (which must not exist, or be empty) as jsonl, csv or
    parquet, with manifest.json. TransferError when it cannot; nothing is left behind then."""
    if data_format not in FORMATS:
        raise TransferError(f"unknown export format {data_format!r}: use one of {', '.join(FORMATS)}")
    staging = _staging_directory(directory)
    try:
        with reading(store) as conn:
            manifest = _export_all(conn, store.dialect, staging, data_format)
        write_manifest(staging, manifest)
        _move_into_place(staging, directory)
    except OSError as error:
        raise TransferError(f"cannot write the export to {directory}: {error}") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when the export was moved into place
    return ExportReport(directory=directory, data_format=data_format, tables=len(manifest.tables),
                        rows=sum(table.rows for table in manifest.tables))


def _staging_directory(directory: Path) -> Path:
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise TransferError(f"{directory} exists and is not an empty directory: export to a new one")
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{directory.name}.partial-", dir=directory.parent))
    except OSError as error:
        raise TransferError(f"cannot create {directory}: {error}") from error


def _move_into_place(staging: Path, directory: Path) -> None:
    if directory.exists():
        directory.rmdir()  # empty (checked before the export began)
    staging.rename(directory)


def _export_all(conn: Any, dialect: str, staging: Path, data_format: str) -> Manifest:
    try:
        with snapshot(conn, dialect):
            tables = read_tables(conn, dialect)
            versions = tuple(row[0] for row in conn.execute(
                f"SELECT version FROM {MIGRATIONS_TABLE} ORDER BY version").fetchall())
            entries = tuple(_export_table(conn, dialect, table, staging, data_format) for table in tables)
    except DatabaseError as error:
        raise TransferError(f"could not read the database: {error}") from error
    return Manifest(policywatch_version=__version__, data_format=data_format, schema_versions=versions,
                    exported_at=datetime.now(UTC).isoformat(timespec="seconds"), source_backend=dialect,
                    tables=entries)


def column_types(conn: Any, dialect: str, table: Table) -> list[str]:
    """The manifest type of each column. A string column is `bytes` when it holds a non-empty bytes value
    (blobs, packed JSON), else `text`: decided by the values, so SQLite (packed JSON in TEXT columns) and
    PostgreSQL (the same columns as BYTEA) describe the same data alike. An empty value is the same in both
    ('' and b''), which is why only non-empty values decide."""
    contents = string_contents(conn, dialect, table)
    types: list[str] = []
    for column in table.columns:
        if column.kind != "string":
            types.append(column.kind)
            continue
        has_text, has_bytes = contents[column.name]
        if has_text and has_bytes:
            raise TransferError(f"column {table.name}.{column.name} holds both text and bytes values, which no"
                                " export type keeps apart")
        types.append("bytes" if has_bytes else "text")
    return types


def _export_table(conn: Any, dialect: str, table: Table, staging: Path, data_format: str) -> TableEntry:
    types = column_types(conn, dialect, table)
    name = file_name(table.name, data_format)
    path = staging / name
    writer = open_writer(data_format, path, list(zip(table.column_names, types, strict=True)))
    count = 0
    try:
        for chunk in stream_rows(conn, dialect, table):
            writer.write([_neutral_row(row, types, table) for row in chunk])
            count += len(chunk)
    finally:
        writer.close()
    columns = tuple(ColumnEntry(n, t) for n, t in zip(table.column_names, types, strict=True))
    volatile = tuple(n for n in table.column_names if is_volatile(table.name, n))
    return TableEntry(name=table.name, file=name, columns=columns, primary_key=table.primary_key, rows=count,
                      sha256=file_sha256(path), volatile=volatile)


def _neutral_row(row: Sequence[Any], types: list[str], table: Table) -> tuple[Any, ...]:
    pairs = enumerate(zip(row, types, strict=True))
    return tuple(_neutral(value, kind, table, index) for index, (value, kind) in pairs)


def _neutral(value: Any, kind: str, table: Table, index: int) -> Any:
    """A database value as the export writes it: the same Python value whichever backend it came from."""
    if value is None:
        return None
    if kind == "integer" and isinstance(value, int):
        return int(value)  # a bool (PostgreSQL boolean) becomes 0/1, as SQLite stores flags
    if kind == "real" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, bytes | bytearray | memoryview):
        value = bytes(value)
        if kind == "bytes":
            return value
        if kind == "text" and not value:
            return ""  # PostgreSQL's empty bytea where SQLite keeps ''
    elif isinstance(value, str):
        if kind == "text":
            return value
        if kind == "bytes" and not value:
            return b""
    raise TransferError(f"table {table.name}, column {table.columns[index].name}: {value!r:.60} is not a"
                        f" {kind} value")
