"""Data steps of migrations: work a migration needs that SQL alone cannot do (compressing stored JSON), run by
migrate.py right after that migration's SQL, in the same transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from policywatch.store.record_codec import pack_json

CHUNK = 500  # rows re-encoded per read: bounded memory on a large store


def _pack_column(conn: sqlite3.Connection, table: str, column: str) -> None:
    """Compress every value of `table.column` still stored as JSON text ('' stays: see _drop_sole_editions)."""
    ids = [row[0] for row in conn.execute(f"SELECT id FROM {table} WHERE typeof({column}) = 'text'"
                                          f" AND {column} != ''")]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows = conn.execute(f"SELECT id, {column} FROM {table} WHERE id IN ({marks})", chunk).fetchall()
        conn.executemany(f"UPDATE {table} SET {column} = ? WHERE id = ?",
                         [(pack_json(text), row_id) for row_id, text in rows])


def _drop_sole_editions(conn: sqlite3.Connection) -> None:
    """A source that is its record's only edition, parsed exactly as the record reads, keeps '' (the record's
    own JSON is that edition)."""
    conn.execute(
        "UPDATE sources SET edition_json = '' WHERE edition_json = (SELECT r.record_json FROM records r"
        " WHERE r.id = sources.record_id)"
        " AND (SELECT count(*) FROM sources o WHERE o.record_id = sources.record_id) = 1"
    )


def compact_stored_json(conn: sqlite3.Connection) -> None:
    """Migration 0004: sole editions to '', then records, entries and the other editions compressed; the
    linker's policy dates filled in."""
    from policywatch.link.linker import fill_dates  # here: the linker imports store modules

    _drop_sole_editions(conn)
    # PostgreSQL databases start at this version with empty tables (the migration made the columns BYTEA),
    # so only SQLite can hold JSON text from before compression
    if getattr(conn, "dialect", "sqlite") == "sqlite":
        _pack_column(conn, "sources", "edition_json")
        _pack_column(conn, "records", "record_json")
        _pack_column(conn, "entries", "entry_json")
    fill_dates(conn)


DATA_STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {4: compact_stored_json}
