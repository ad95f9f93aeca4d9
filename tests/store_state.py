"""What a store holds, read back for comparisons in the ingest load and fault tests (either backend), and the
`policywatch` command run as a separate process, as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from policywatch.store import open_store
from policywatch.store.connections import reading

# Every table an ingest writes (schema_migrations and the alert tables are not about documents).
CONTENT_TABLES = (
    "records", "sources", "blobs", "match_keys", "entries", "entry_sources", "entry_bodies", "entry_companies",
    "entry_sectors", "record_bodies", "record_companies", "record_sectors", "targets", "search_docs",
    "search_text", "ledger_documents", "ledger_outcomes", "ledger_targets", "ledger_sources", "ledger_events",
    "links", "link_keys", "link_dates",
)
VOLATILE_COLUMNS = {"created_at", "updated_at", "ingested_at"}  # clock times of the ingest itself
CLI_ENV = {"POLICYWATCH_EMBEDDER": "none", "PYTHONUNBUFFERED": "1"}  # no model: the tests are about storage


def another_target(folder: Path, name: str) -> str:
    """A second store for a test that compares two: an SQLite file, or a fresh PostgreSQL database when the
    tests run against PostgreSQL (as `db_target` gives the first)."""
    server = os.environ.get("POLICYWATCH_TEST_POSTGRES")
    if not server:
        return str(folder / name)
    from pg_databases import fresh_database

    return fresh_database(server)


def table_counts(target: str) -> dict[str, int]:
    with open_store(target) as store, reading(store) as conn:
        return {table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in CONTENT_TABLES}


def table_rows(target: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every content table, ids included, clock times left out, in a stable order."""
    dump: dict[str, list[tuple[Any, ...]]] = {}
    with open_store(target) as store, reading(store) as conn:
        for table in CONTENT_TABLES:
            cursor = conn.execute(f"SELECT * FROM {table}")
            rows = cursor.fetchall()
            names = [column[0] for column in cursor.description]
            kept = [i for i, name in enumerate(names) if name not in VOLATILE_COLUMNS]
            dump[table] = sorted((tuple(_plain(row[i]) for i in kept) for row in rows), key=repr)
    return dump


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def stored_documents(target: str) -> tuple[list[str], int]:
    """The sha256 of every stored source (with repeats, if any) and the number of records."""
    with open_store(target) as store, reading(store) as conn:
        shas = [str(row[0]) for row in conn.execute("SELECT sha256 FROM sources").fetchall()]
        records = int(conn.execute("SELECT count(*) FROM records").fetchone()[0])
    return shas, records


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "policywatch", *args]


def cli_env() -> dict[str, str]:
    return {**os.environ, **CLI_ENV}


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`policywatch ARGS` in its own process."""
    return subprocess.run(cli_command(*args), capture_output=True, text=True, env=cli_env(), timeout=timeout,
                          check=False)
