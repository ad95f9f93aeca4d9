"""Schema migrations: numbered SQL files in store/migrations/, applied in order, each in its own
transaction, and recorded in schema_migrations so each runs once. A migration may have a data step in
upgrades.py (Python run after its SQL, in the same transaction)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from policywatch.errors import StoreError
from policywatch.store.dbapi import DatabaseError
from policywatch.store.sql_dialect import MIGRATION_LOCK_KEY, migration_script, postgres_statement
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


def applied_versions(conn: Any) -> set[int]:
    """Versions already recorded in schema_migrations (creating that table on first use)."""
    conn.execute(_LEDGER)
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def dialect_of(conn: Any) -> str:
    """'sqlite' or 'postgres': the backend a connection talks to."""
    return str(getattr(conn, "dialect", "sqlite"))


def statements_for(migration: Migration, dialect: str) -> list[str]:
    """The statements of one migration as `dialect` runs them (one definition for both backends: see
    sql_dialect.py for the blocks and type mapping)."""
    statements = split_statements(migration_script(migration.sql, dialect))
    if dialect == "postgres":
        statements = [postgres_statement(s) for s in statements]
    return [s for s in statements if s.strip()]


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


def _apply(conn: Any, migration: Migration) -> bool:
    """Run one migration in one transaction; False if another process recorded it first."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,)).fetchone():
            conn.execute("ROLLBACK")
            return False
        for statement in statements_for(migration, dialect_of(conn)):
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


def apply_migrations(conn: Any) -> list[Migration]:
    """Apply every migration not yet recorded, oldest first; returns those applied. `conn` must be in
    autocommit mode (isolation_level=None) so the explicit BEGIN/COMMIT are the only transactions. On
    PostgreSQL a session lock keeps two processes opening a new database from migrating it at once."""
    if dialect_of(conn) != "postgres":
        return _apply_all(conn)
    conn.execute("SELECT pg_advisory_lock(?)", (MIGRATION_LOCK_KEY,))
    try:
        return _apply_all(conn)
    finally:
        conn.execute("SELECT pg_advisory_unlock(?)", (MIGRATION_LOCK_KEY,))


def _apply_all(conn: Any) -> list[Migration]:
    done = applied_versions(conn)
    applied: list[Migration] = []
    for migration in available_migrations():
        if migration.version in done:
            continue
        try:
            if _apply(conn, migration):
                applied.append(migration)
        except DatabaseError as error:
            raise StoreError(f"migration {migration.name} failed: {error}") from error
    return applied
