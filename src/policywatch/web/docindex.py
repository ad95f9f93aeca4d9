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
from policywatch.web.doc_forms import document_form
from policywatch.web.reader import MMAP_BYTES

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

    def __init__(self, path: Path) -> None:
        try:
            self._conn = sqlite3.connect("file::memory:", uri=True, check_same_thread=False, isolation_level=None)
            self._conn.execute("ATTACH DATABASE ? AS store", (path.resolve().as_uri() + "?mode=ro",))
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the database for searching: {error}") from error
        self._conn.execute(f"PRAGMA store.mmap_size = {MMAP_BYTES}")
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
