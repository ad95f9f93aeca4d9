"""Reading a store for export: one consistent snapshot, rows streamed in chunks, and which string columns hold
bytes. Each has a branch per backend (everything else in transfer/ is portable SQL)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from policywatch.transfer.schema import Table, quoted

FETCH_ROWS = 256  # most rows per fetch
FIRST_FETCH = 1  # rows of the first fetch of a table, before its row size is known
CHUNK_BYTES = 8 * 1024 * 1024  # about this much data per fetch: rows of original files are megabytes each


@contextmanager
def snapshot(conn: Any, dialect: str) -> Iterator[None]:
    """A read-only transaction: every table is read as of one moment, so a concurrent ingest cannot leave the
    export with a child row whose parent it missed."""
    conn.execute("BEGIN" if dialect == "sqlite" else "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")  # nothing was written


def select_sql(table: Table) -> str:
    columns = ", ".join(quoted(name) for name in table.column_names)
    order = ", ".join(quoted(name) for name in table.order_by)
    return f"SELECT {columns} FROM {quoted(table.name)} ORDER BY {order}"


def row_size(row: Sequence[Any]) -> int:
    """Roughly the bytes a row's values take (strings and bytes by length, anything else as 8)."""
    return sum(len(value) if isinstance(value, str | bytes | memoryview) else 8 for value in row)


def next_fetch(chunk: Sequence[Sequence[Any]]) -> int:
    """How many rows to fetch next so a fetch holds about CHUNK_BYTES, judging by the rows just fetched."""
    average = max(1, sum(row_size(row) for row in chunk) // max(1, len(chunk)))
    return max(1, min(FETCH_ROWS, CHUNK_BYTES // average))


def stream_rows(conn: Any, dialect: str, table: Table) -> Iterator[list[Any]]:
    """The table's rows in export order, in chunks of about CHUNK_BYTES (at most FETCH_ROWS rows). SQLite's
    cursor steps through the result; PostgreSQL's driver would load a whole result at once, so a server-side
    cursor is declared instead."""
    sql = select_sql(table)
    size = FIRST_FETCH
    if dialect == "sqlite":
        cursor = conn.execute(sql)
        while chunk := cursor.fetchmany(size):
            yield chunk
            size = next_fetch(chunk)
        return
    conn.execute(f"DECLARE policywatch_export NO SCROLL CURSOR FOR {sql}")
    while chunk := conn.execute(f"FETCH FORWARD {size} FROM policywatch_export").fetchall():
        yield chunk
        size = next_fetch(chunk)
    conn.execute("CLOSE policywatch_export")  # after a failure the snapshot's rollback drops it instead


def string_contents(conn: Any, dialect: str, table: Table) -> dict[str, tuple[bool, bool]]:
    """For each string column: (holds a non-empty text value, holds a non-empty bytes value). SQLite keeps
    either in any column (the packed JSON columns are TEXT holding zlib BLOBs); on PostgreSQL the declared
    type says which, and only whether a bytea column has a non-empty value needs reading."""
    names = [c.name for c in table.columns if c.kind == "string"]
    if not names:
        return {}
    if dialect == "sqlite":
        probes = [f"max(typeof({quoted(n)}) = 'text' AND length({quoted(n)}) > 0),"
                  f" max(typeof({quoted(n)}) = 'blob' AND length({quoted(n)}) > 0)" for n in names]
    else:
        binary = {c.name for c in table.columns if c.declared.upper() == "BYTEA"}
        probes = [f"max(CASE WHEN length({quoted(n)}) > 0 THEN 1 ELSE 0 END), 0" if n not in binary else
                  f"0, max(CASE WHEN length({quoted(n)}) > 0 THEN 1 ELSE 0 END)" for n in names]
    row = conn.execute(f"SELECT {', '.join(probes)} FROM {quoted(table.name)}").fetchone()
    return {name: (bool(row[2 * i]), bool(row[2 * i + 1])) for i, name in enumerate(names)}
