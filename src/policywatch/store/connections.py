"""Connection helpers shared by the stages that keep their own tables in the store (ledger, link, alerts)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from policywatch.errors import StoreError

if TYPE_CHECKING:
    from policywatch.store.sqlite import Store


@contextmanager
def reading(source: sqlite3.Connection | Store) -> Iterator[sqlite3.Connection]:
    """The connection to read from: the one given, or the store's, holding its lock (the store serialises
    every call on its single connection)."""
    from policywatch.store.sqlite import Store  # here: sqlite.py's stages import this module

    if not isinstance(source, Store):  # a connection: sqlite3's, or the PostgreSQL one (same API)
        yield source
        return
    with source._lock:
        yield source._conn


@contextmanager
def joined_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Join the caller's transaction (an ingest calls the stages inside its own), or run in one of our own."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def open_connection(target: str, *, read_only: bool = False) -> Any:
    """A connection of its own to the store at `target` (a migrated store: open it with `open_store` first),
    in autocommit mode with foreign keys on, as the store's own: an SQLite connection, or for a postgresql://
    URL the PostgreSQL connection that speaks the same SQL. `read_only` refuses writes."""
    from policywatch.store.postgres import connect, is_postgres_url  # here: loads psycopg

    if is_postgres_url(target):
        return connect(target, read_only=read_only)
    try:
        if read_only:
            conn = sqlite3.connect(f"file:{quote(str(Path(target).resolve()))}?mode=ro", uri=True,
                                   check_same_thread=False, timeout=30)
        else:
            conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as error:
        raise StoreError(f"cannot open database {target}: {error}") from error
    return conn
