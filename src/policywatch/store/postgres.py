"""The PostgreSQL connection: psycopg 3 behind the small part of sqlite3's connection API the stages use
(`execute`, `executemany`, `fetchone`/`fetchall`/iteration, `in_transaction`, `close`), so `Store`, the
ledger, the linker and the alerts run unchanged on either backend. Statements are rewritten once each by
sql_dialect.postgres_sql.

The connection is in autocommit mode and the stages open their transactions explicitly (`BEGIN IMMEDIATE`),
as on SQLite; every writing transaction takes the same advisory lock, so concurrent writers (two ingest
processes on one database) queue as they do on SQLite, and each sees what the one before it committed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from policywatch.errors import QueryError, StoreError
from policywatch.store.sql_dialect import WRITE_LOCK_KEY, postgres_sql

try:
    import psycopg
    from psycopg.adapt import Dumper
    from psycopg.pq import TransactionStatus
except ImportError as missing:  # pragma: no cover - psycopg is a dependency
    raise StoreError("PostgreSQL needs the psycopg package: pip install 'psycopg[binary]'") from missing

POSTGRES_PREFIXES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_S = 10
_WRITES = frozenset({"INSERT", "UPDATE", "DELETE"})


class _BoolAsInteger(Dumper):
    """SQLite has no boolean: the schema keeps flags in INTEGER columns, so Python's bool goes in as 0/1."""

    oid = psycopg.postgres.types["int8"].oid

    def dump(self, obj: bool) -> bytes:
        return b"1" if obj else b"0"


def _refuse_nul(values: tuple[Any, ...]) -> None:
    """PostgreSQL text cannot hold U+0000 (SQLite's can): say so instead of failing deep in the driver."""
    for value in values:
        if isinstance(value, str) and "\x00" in value:
            raise QueryError(f"text with a NUL character (U+0000) cannot be stored or searched in PostgreSQL:"
                             f" {value[:40]!r}")


class PostgresCursor:
    """The result of one statement, read like sqlite3's cursor."""

    def __init__(self, cursor: psycopg.Cursor[Any]) -> None:
        self._cursor = cursor

    def fetchone(self) -> Any:
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall() if self._cursor.description else []

    def fetchmany(self, size: int) -> list[Any]:
        return self._cursor.fetchmany(size) if self._cursor.description else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def description(self) -> Any:
        return self._cursor.description


class PostgresConnection:
    """One psycopg connection that speaks the stages' SQLite-flavoured SQL."""

    dialect = "postgres"

    def __init__(self, conn: psycopg.Connection[Any], url: str) -> None:
        self._conn = conn
        self.url = url
        conn.adapters.register_dumper(bool, _BoolAsInteger)

    @property
    def raw(self) -> psycopg.Connection[Any]:
        """The psycopg connection itself, for PostgreSQL-only work (COPY, server settings)."""
        return self._conn

    @property
    def in_transaction(self) -> bool:
        return self._conn.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] | None = (), *, prepare: bool | None = None) -> PostgresCursor:
        """Run one statement. psycopg prepares a statement on the server once it has run a few times; the
        plan is then made for unknown parameters. `prepare=False` plans every run for its own values: searches
        need that, as a full-text match planned blind is a sequential scan of every row."""
        statement = sql.strip()
        if statement.upper() == "BEGIN IMMEDIATE":
            self._conn.execute("BEGIN")
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
            return PostgresCursor(self._conn.cursor())
        values = tuple(params or ())
        _refuse_nul(values)
        cursor = self._conn.cursor()
        cursor.execute(postgres_sql(sql), values, prepare=prepare)
        self._count_changes(statement, cursor)
        return PostgresCursor(cursor)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> PostgresCursor:
        cursor = self._conn.cursor()
        batch = [tuple(row) for row in rows]
        for row in batch:
            _refuse_nul(row)
        if batch:
            cursor.executemany(postgres_sql(sql), batch)
            self._count_changes(sql.strip(), cursor)
        return PostgresCursor(cursor)

    def _count_changes(self, statement: str, cursor: psycopg.Cursor[Any]) -> None:
        if statement[:6].upper() in _WRITES and cursor.rowcount > 0:
            self.total_changes += cursor.rowcount

    total_changes = 0  # rows inserted, updated or deleted through this connection, as sqlite3 counts them

    def commit(self) -> None:
        if self.in_transaction:
            self._conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self._conn.execute("ROLLBACK")

    def close(self) -> None:
        self._conn.close()


def is_postgres_url(target: object) -> bool:
    """Whether a --db value names a PostgreSQL database rather than an SQLite file."""
    return str(target).startswith(POSTGRES_PREFIXES)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error:
        return "postgresql://…"
    host = info.get("host", "")
    port = f":{info['port']}" if info.get("port") else ""
    user = f"{info['user']}@" if info.get("user") else ""
    return f"postgresql://{user}{host}{port}/{info.get('dbname', '')}"


def connect(url: str, *, read_only: bool = False) -> PostgresConnection:
    """A connection to the database at `url` (autocommit; the stages open their own transactions)."""
    options = "-c default_transaction_read_only=on" if read_only else None
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                               application_name="policywatch", options=options)
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise StoreError(f"cannot open database {redact(url)}: {reason}") from error
    return PostgresConnection(conn, url)
