"""Read-only connections for the web app's own queries (facets, charts, listings).

The database itself enforces read-only here (SQLite `mode=ro`; PostgreSQL
`default_transaction_read_only`), so no web query can write whatever it is given. Each worker thread gets
its own connection: WAL (SQLite) or MVCC (PostgreSQL) lets readers run side by side with an ingest, while
the store's one connection serialises every call behind a lock.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from policywatch.errors import StoreError
from policywatch.store.dbapi import DatabaseError
from policywatch.store.postgres import connect, is_postgres_url

MMAP_BYTES = 1 << 30


class ReadOnlyDatabase:
    """Hands each thread its own read-only connection to one SQLite file."""

    def __init__(self, target: str | Path) -> None:
        self._target = str(target)
        self.dialect = "postgres" if is_postgres_url(self._target) else "sqlite"
        self._uri = "" if self.dialect == "postgres" else Path(target).resolve().as_uri() + "?mode=ro"
        self._local = threading.local()
        self._opened: list[Any] = []
        self._guard = threading.Lock()

    def connection(self) -> Any:
        """This thread's connection, opened on first use (sqlite3's, or the PostgreSQL one: same API)."""
        conn: Any = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._open()
            self._local.conn = conn
        return conn

    def _open(self) -> Any:
        if self.dialect == "postgres":
            pg = connect(self._target, read_only=True)
            with self._guard:
                self._opened.append(pg)
            return pg
        try:
            conn = sqlite3.connect(self._uri, uri=True, check_same_thread=False, timeout=30)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the database read-only: {error}") from error
        conn.execute("PRAGMA query_only = ON")  # belt and braces: mode=ro already refuses writes
        # every worker thread has a connection: map the file so they share the OS cache instead of each
        # filling its own page cache
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        with self._guard:
            self._opened.append(conn)
        return conn

    def rows(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[Any]:
        """Every row of one statement; parameters are always bound, never pasted into `sql`."""
        try:
            return list(self.connection().execute(sql, params).fetchall())
        except DatabaseError as error:
            raise StoreError(f"could not read the database: {error}") from error

    def close(self) -> None:
        """Close every connection this object opened (at app shutdown)."""
        with self._guard:
            for conn in self._opened:
                conn.close()
            self._opened.clear()
        self._local = threading.local()
