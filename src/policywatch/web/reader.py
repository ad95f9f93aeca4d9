"""Read-only SQLite connections for the web app's own queries (facets, charts, listings).

SQLite itself enforces read-only here (`mode=ro`), so no web query can write whatever it is given. Each worker
thread gets its own connection: WAL lets readers run side by side, while the store's one connection
serialises every call behind a lock.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from policywatch.errors import StoreError

MMAP_BYTES = 1 << 30


class ReadOnlyDatabase:
    """Hands each thread its own read-only connection to one SQLite file."""

    def __init__(self, path: Path) -> None:
        self._uri = path.resolve().as_uri() + "?mode=ro"
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._guard = threading.Lock()

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._open()
            self._local.conn = conn
        return conn

    def _open(self) -> sqlite3.Connection:
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
            return self.connection().execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise StoreError(f"could not read the database: {error}") from error

    def close(self) -> None:
        """Close every connection this object opened (at app shutdown)."""
        with self._guard:
            for conn in self._opened:
                conn.close()
            self._opened.clear()
        self._local = threading.local()
