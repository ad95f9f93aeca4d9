"""Connection helpers shared by the stages that keep their own tables in the store (ledger, link, alerts)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policywatch.store.sqlite import Store


@contextmanager
def reading(source: sqlite3.Connection | Store) -> Iterator[sqlite3.Connection]:
    """The connection to read from: the one given, or the store's, holding its lock (the store serialises
    every call on its single connection)."""
    if isinstance(source, sqlite3.Connection):
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
