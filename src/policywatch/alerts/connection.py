"""A database connection for the alerts functions, outside a `Store` (the CLI and web call this)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from policywatch.store import open_store
from policywatch.store.connections import open_connection


def open_alerts(target: str | Path | None = None) -> Any:
    """A connection to the store at `target` (by default the `db` setting), created and migrated first: an
    SQLite connection or the PostgreSQL one (same API). It is in autocommit mode with foreign keys on, as the
    store's own, so each alerts call commits by itself."""
    with open_store(target) as store:
        where = store.target
    return open_connection(where)
