"""Narrow copies of what the search page filters and counts on, in an in-memory SQLite database that attaches
the store read-only as `store`.

The store's search rows are wide (original and index text), so filtering or grouping thousands of matches in
the store reads every matching row: ~25 ms per 10,000 matches before any work is done. FTS5 alone finds the
matching ids in a few milliseconds; joined with these narrow tables (one row per searchable entry, policy or
article: section, date, year, document form, has-targets; and its bodies and sectors) the filters, facet counts
and ranking stay in SQLite's C code, and the body pages count from them too. The copies are rebuilt when the
store changes (`PRAGMA store.data_version`), on the next search after the change.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from policywatch.errors import StoreError
from policywatch.store.dbapi import DatabaseError
from policywatch.store.query import ParsedQuery
from policywatch.store.search_postgres import all_matches_sql, matches_beyond
from policywatch.web.doc_forms import document_form
from policywatch.web.reader import MMAP_BYTES

# Each search writes its matches to temporary tables. Kept in a file (SQLite's default), refilling one that an
# earlier search dropped took 700 ms for 40,000 matches instead of 50 ms.
TEMP_IN_MEMORY = "PRAGMA temp_store = MEMORY"
NAME_SEPARATOR = "\x1f"  # between the names in docs.bodies and docs.sectors

# Built in this order; each statement reads the store once, or the tables built before it.
BUILD_SQL: tuple[str, ...] = (
    "DROP TABLE IF EXISTS docs",
    "DROP TABLE IF EXISTS doc_bodies",
    "DROP TABLE IF EXISTS doc_sectors",
    "DROP TABLE IF EXISTS forms",
    "DROP TABLE IF EXISTS targeted",
    "CREATE TABLE forms (record_id INTEGER NOT NULL, entry_id INTEGER, form TEXT NOT NULL)",
    "INSERT INTO forms SELECT record_id, id, form FROM (SELECT record_id, id, pw_doc_form("
    " json_extract(document_json, '$.title_zh'), json_extract(document_json, '$.title_en')) AS form"
    " FROM store.entries WHERE document_json IS NOT NULL) WHERE form IS NOT NULL",
    "INSERT INTO forms SELECT id, NULL, form FROM (SELECT id, pw_doc_form(title, NULL) AS form FROM store.records"
    " WHERE type = 'policy') WHERE form IS NOT NULL",
    "CREATE INDEX forms_owner ON forms (record_id, entry_id)",
    "CREATE TABLE targeted AS SELECT DISTINCT record_id, entry_id FROM store.targets",
    "CREATE INDEX targeted_owner ON targeted (record_id, entry_id)",
    "CREATE TABLE docs (id INTEGER PRIMARY KEY, record_id INTEGER NOT NULL, entry_id INTEGER, kind TEXT NOT NULL,"
    " section TEXT, facet_section TEXT NOT NULL, date TEXT, year TEXT, form TEXT, has_targets INTEGER NOT NULL,"
    " bodies TEXT NOT NULL DEFAULT '', sectors TEXT NOT NULL DEFAULT '')",
    "INSERT INTO docs (id, record_id, entry_id, kind, section, facet_section, date, year, has_targets)"
    " SELECT d.id, d.record_id, d.entry_id, d.kind, d.section, COALESCE(d.section, d.kind), d.date,"
    " substr(d.date, 1, 4), 0 FROM store.search_docs d",
    "UPDATE docs SET form = (SELECT f.form FROM forms f WHERE f.record_id = docs.record_id"
    " AND f.entry_id IS docs.entry_id LIMIT 1)",
    "UPDATE docs SET has_targets = EXISTS (SELECT 1 FROM targeted t WHERE t.record_id = docs.record_id"
    " AND t.entry_id IS docs.entry_id)",
    "CREATE TABLE doc_bodies (id INTEGER NOT NULL, body TEXT NOT NULL)",
    "INSERT INTO doc_bodies SELECT d.id, eb.body_id FROM docs d JOIN store.entry_bodies eb ON eb.entry_id = d.entry_id",
    "INSERT INTO doc_bodies SELECT d.id, rb.body_id FROM docs d JOIN store.record_bodies rb"
    " ON rb.record_id = d.record_id WHERE d.entry_id IS NULL",
    "CREATE INDEX doc_bodies_id ON doc_bodies (id, body)",
    "CREATE INDEX doc_bodies_body ON doc_bodies (body, id)",
    "CREATE TABLE doc_sectors (id INTEGER NOT NULL, sector TEXT NOT NULL)",
    "INSERT INTO doc_sectors SELECT d.id, es.sector FROM docs d JOIN store.entry_sectors es"
    " ON es.entry_id = d.entry_id",
    "INSERT INTO doc_sectors SELECT d.id, rs.sector FROM docs d JOIN store.record_sectors rs"
    " ON rs.record_id = d.record_id WHERE d.entry_id IS NULL",
    "CREATE INDEX doc_sectors_id ON doc_sectors (id, sector)",
    # the names joined, so the facets group by combination in one pass (see facets.py)
    "UPDATE docs SET bodies = COALESCE((SELECT group_concat(body, char(31)) FROM"
    " (SELECT body FROM doc_bodies b WHERE b.id = docs.id ORDER BY body)), ''),"
    " sectors = COALESCE((SELECT group_concat(sector, char(31)) FROM"
    " (SELECT sector FROM doc_sectors s WHERE s.id = docs.id ORDER BY sector)), '')",
    "DROP TABLE forms",
    "DROP TABLE targeted",
)


class SearchTables:
    """The in-memory side tables of one store, kept in step with it. One connection, used under a lock."""

    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        try:
            self._conn = sqlite3.connect("file::memory:", uri=True, check_same_thread=False, isolation_level=None)
            self._conn.execute("ATTACH DATABASE ? AS store", (path.resolve().as_uri() + "?mode=ro",))
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the database for searching: {error}") from error
        self._conn.execute(f"PRAGMA store.mmap_size = {MMAP_BYTES}")
        self._conn.execute(TEMP_IN_MEMORY)
        self._conn.create_function("pw_doc_form", 2, document_form, deterministic=True)
        self._lock = threading.RLock()
        self._version: int | None = None

    @property
    def version(self) -> int | None:
        """The store's data version the tables were built from (None before the first build)."""
        return self._version

    def _refresh(self) -> None:
        version = int(self._conn.execute("PRAGMA store.data_version").fetchone()[0])
        if version == self._version:
            return
        self._conn.execute("BEGIN")
        try:
            for statement in BUILD_SQL:
                self._conn.execute(statement)
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")
        self._version = version

    @contextmanager
    def current(self) -> Iterator[SearchTables]:
        """Hold the tables, up to date with the store, for a few queries."""
        with self._lock:
            try:
                self._refresh()
            except sqlite3.Error as error:
                raise StoreError(f"could not read the database: {error}") from error
            yield self

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Run one statement (inside `current()`); parameters are always bound."""
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise StoreError(f"search failed: {error}") from error

    def warm(self) -> None:
        """Build the tables now (at startup, so the first search does not wait)."""
        with self.current():
            pass

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()


# PostgreSQL: the store columns BUILD_SQL reads, copied into an in-memory database attached as `store`, so
# the same statements build the same side tables. (name, columns, query, index)
_COPIES: tuple[tuple[str, str, str, str], ...] = (
    ("entries", "id INTEGER, record_id INTEGER, document_json TEXT",
     "SELECT id, record_id, document_json FROM entries WHERE document_json IS NOT NULL", ""),
    ("records", "id INTEGER, type TEXT, title TEXT", "SELECT id, type, title FROM records WHERE type = 'policy'", ""),
    ("targets", "record_id INTEGER, entry_id INTEGER", "SELECT DISTINCT record_id, entry_id FROM targets", ""),
    ("search_docs", "id INTEGER PRIMARY KEY, record_id INTEGER, entry_id INTEGER, kind TEXT, section TEXT,"
     " date TEXT", "SELECT id, record_id, entry_id, kind, section, date FROM search_docs", ""),
    ("entry_bodies", "entry_id INTEGER, body_id TEXT", "SELECT entry_id, body_id FROM entry_bodies", "entry_id"),
    ("record_bodies", "record_id INTEGER, body_id TEXT", "SELECT record_id, body_id FROM record_bodies",
     "record_id"),
    ("entry_sectors", "entry_id INTEGER, sector TEXT", "SELECT entry_id, sector FROM entry_sectors", "entry_id"),
    ("record_sectors", "record_id INTEGER, sector TEXT", "SELECT record_id, sector FROM record_sectors",
     "record_id"),
)
COPY_BATCH = 10_000  # rows fetched and inserted at a time: memory stays bounded on a large store


class PostgresSearchTables(SearchTables):
    """The side tables of a PostgreSQL store: its columns are copied (in one consistent snapshot) into an
    in-memory SQLite database attached as `store`, and BUILD_SQL runs on that copy. The store's data_version
    row (migration 0008) tells when to copy again."""

    dialect = "postgres"

    def __init__(self, url: str) -> None:
        from policywatch.store.postgres import connect  # here: loads psycopg

        self._source = connect(url, read_only=True)
        try:
            self._conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            self._conn.execute("ATTACH DATABASE ':memory:' AS store")
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the search tables: {error}") from error
        self._conn.execute(TEMP_IN_MEMORY)
        self._conn.create_function("pw_doc_form", 2, document_form, deterministic=True)
        self._lock = threading.RLock()
        self._version = None

    @property
    def source(self) -> Any:
        """The PostgreSQL connection (the faceted search asks it for the matching ids)."""
        return self._source

    def _copy(self, name: str, columns: str, query: str, index: str) -> None:
        self._conn.execute(f"DROP TABLE IF EXISTS store.{name}")
        self._conn.execute(f"CREATE TABLE store.{name} ({columns})")
        marks = ", ".join("?" for _ in columns.split(","))
        with self._source.raw.cursor(name=f"copy_{name}") as cursor:
            cursor.execute(query)
            while rows := cursor.fetchmany(COPY_BATCH):
                self._conn.executemany(f"INSERT INTO store.{name} VALUES ({marks})", rows)
        if index:
            self._conn.execute(f"CREATE INDEX store.{name}_{index} ON {name} ({index})")

    def _refresh(self) -> None:
        version = int(self._source.execute("SELECT version FROM data_version WHERE id = 1").fetchone()[0])
        if version == self._version:
            return
        raw = self._source.raw
        raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")  # every copy from one snapshot
        try:
            row = raw.execute("SELECT version FROM data_version WHERE id = 1").fetchone()
            version = int(row[0]) if row else 0
            self._conn.execute("BEGIN")
            for copy in _COPIES:
                self._copy(*copy)
            for statement in BUILD_SQL:
                self._conn.execute(statement)
            for name, *_ in _COPIES:  # the copies have served: keep only the side tables
                self._conn.execute(f"DELETE FROM store.{name}")
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        finally:
            raw.execute("COMMIT")
        self._version = version

    @contextmanager
    def current(self) -> Iterator[SearchTables]:
        with self._lock:
            try:
                self._refresh()
            except DatabaseError as error:
                raise StoreError(f"could not read the database: {error}") from error
            yield self

    def matches_beyond(self, query: ParsedQuery, count: int) -> bool:
        """Whether more than `count` rows of the store match `query` (reads at most count + 1)."""
        try:
            return matches_beyond(self._source, query, count)
        except DatabaseError as error:
            raise StoreError(f"search failed: {error}") from error

    def load_matches(self, query: ParsedQuery, *, ranked: bool) -> None:
        """temp.fts_hits(id, score): every search row of the store matching `query` (inside `current()`)."""
        sql, params = all_matches_sql(query, ranked=ranked)
        try:
            hits = self._source.execute(sql, params, prepare=False).fetchall()  # planned for this query
        except DatabaseError as error:
            raise StoreError(f"search failed: {error}") from error
        self._conn.execute("DROP TABLE IF EXISTS temp.fts_hits")
        self._conn.execute("CREATE TEMP TABLE fts_hits (id INTEGER PRIMARY KEY, score REAL)")
        self._conn.executemany("INSERT INTO temp.fts_hits VALUES (?, ?)", hits)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            self._source.close()


def open_search_tables(target: str) -> SearchTables:
    """The side tables for the store at `target` (an SQLite path or a postgresql:// URL)."""
    from policywatch.store.postgres import is_postgres_url

    if is_postgres_url(target):
        return PostgresSearchTables(target)
    return SearchTables(Path(target))
