"""Schema migrations: numbered SQL files in store/migrations/, applied in order, each in its own
transaction, and recorded in schema_migrations so each runs once. A migration may have a data step in
upgrades.py (Python run after its SQL, in the same transaction)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from policywatch.errors import StoreError
from policywatch.store.upgrades import DATA_STEPS

_MIGRATION_NAME = re.compile(r"(\d{4})_[a-z0-9_]+\.sql")
_LEDGER = """CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  TEXT NOT NULL
)"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> tuple[Migration, ...]:
    """The migrations shipped with the package, by version; refuses two files with one number."""
    found: dict[int, Migration] = {}
    for item in resources.files("policywatch.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.fullmatch(item.name)
        if not match:
            continue
        version = int(match.group(1))
        if version in found:
            raise StoreError(f"two migrations numbered {version:04d}: {found[version].name}, {item.name}")
        found[version] = Migration(version, item.name, item.read_text(encoding="utf-8"))
    return tuple(found[v] for v in sorted(found))


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    """Versions already recorded in schema_migrations (creating that table on first use)."""
    conn.execute(_LEDGER)
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def split_statements(sql: str) -> list[str]:
    """The statements of a script (trigger bodies kept whole), so each runs inside our own transaction:
    `executescript` would commit first."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    leftover = "\n".join(line for line in buffer.splitlines() if not line.strip().startswith("--"))
    if leftover.strip():
        raise StoreError(f"unterminated SQL statement: {leftover.strip()[:80]}")
    return statements


def _apply(conn: sqlite3.Connection, migration: Migration) -> bool:
    """Run one migration in one transaction; False if another process recorded it first."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,)).fetchone():
            conn.execute("ROLLBACK")
            return False
        for statement in split_statements(migration.sql):
            conn.execute(statement)
        if migration.version in DATA_STEPS:
            DATA_STEPS[migration.version](conn)
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return True


def apply_migrations(conn: sqlite3.Connection) -> list[Migration]:
    """Apply every migration not yet recorded, oldest first; returns those applied. `conn` must be in
    autocommit mode (isolation_level=None) so the explicit BEGIN/COMMIT are the only transactions."""
    done = applied_versions(conn)
    applied: list[Migration] = []
    for migration in available_migrations():
        if migration.version in done:
            continue
        try:
            if _apply(conn, migration):
                applied.append(migration)
        except sqlite3.Error as error:
            raise StoreError(f"migration {migration.name} failed: {error}") from error
    return applied
