"""A database connection for the alerts functions, outside a `Store` (the CLI and web call this)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from policywatch.errors import StoreError
from policywatch.store import open_store


def open_alerts(target: str | Path | None = None) -> sqlite3.Connection:
    """A connection to the store at `target` (by default the `db` setting), created and migrated first. It
    is in autocommit mode with foreign keys on, as the store's own, so each alerts call commits by itself."""
    with open_store(target) as store:
        path = store.path
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as error:
        raise StoreError(f"cannot open database {path}: {error}") from error
    return conn
