"""Running a search on SQLite: filters, bm25 ranking, hits with snippets.

Two steps, because FTS5 would otherwise compute highlight() for every matching row before sorting: the
first query ranks and pages ids, the second asks for highlights of that page only. Filters are fixed SQL
fragments with bound parameters; nothing the user typed is pasted into SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from policywatch.errors import QueryError, StoreError
from policywatch.store.patterns import ISO_PARTIAL_DATE
from policywatch.store.query import ParsedQuery
from policywatch.store.results import HitKind, SearchHit, SearchResults
from policywatch.store.snippets import MARK_CLOSE, MARK_OPEN, make_snippet, original_spans

SECTIONS = ("top", "policy_news", "corporate_news")
RECORD_KINDS = ("policy", "article")
MAX_LIMIT = 500
# bm25 weights of (title_index, body_index): a match in a headline counts more than one in the body.
_BM25 = "bm25(search_fts, 3.0, 1.0)"
_FROM = "FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid WHERE search_fts MATCH ?"
_BODY_FILTER = (
    "(EXISTS (SELECT 1 FROM entry_bodies eb WHERE eb.entry_id = d.entry_id AND eb.body_id = ?)"
    " OR (d.entry_id IS NULL AND EXISTS"
    " (SELECT 1 FROM record_bodies rb WHERE rb.record_id = d.record_id AND rb.body_id = ?)))"
)
_DATE_END = "~"  # sorts after every digit and '-': "2023-05~" ≥ every day of May 2023


@dataclass(frozen=True)
class SearchFilters:
    """Optional restrictions. `section` is an entry section or 'policy'/'article' for whole records;
    dates are YYYY, YYYY-MM or YYYY-MM-DD and include the whole period they name."""

    body: str | None = None
    section: str | None = None
    since: str | None = None
    until: str | None = None

    def check(self) -> None:
        """Raise QueryError for a value the search cannot use."""
        if self.section is not None and self.section not in SECTIONS + RECORD_KINDS:
            known = ", ".join(SECTIONS + RECORD_KINDS)
            raise QueryError(f"unknown section {self.section!r}: use one of {known}")
        if self.body is not None and not self.body.isprintable():
            raise QueryError(f"bad body id {self.body!r}")
        for name, value in (("since", self.since), ("until", self.until)):
            if value is not None and not ISO_PARTIAL_DATE.fullmatch(value):
                raise QueryError(f"bad {name} date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")

    def sql(self) -> tuple[str, list[Any]]:
        """AND-clauses (each starting with ' AND ') over search_docs `d`, and their parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.body:
            clauses.append(_BODY_FILTER)
            params += [self.body, self.body]
        if self.section in SECTIONS:
            clauses.append("d.section = ?")
            params.append(self.section)
        elif self.section in RECORD_KINDS:
            clauses.append("d.kind = ?")
            params.append(self.section)
        if self.since:
            clauses.append("d.date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("d.date <= ?")
            params.append(self.until + _DATE_END)
        return "".join(" AND " + c for c in clauses), params


def _execute(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> list[Any]:
    """Run a search statement; an FTS5 complaint about the query is the user's, anything else the store's."""
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as error:
        if "fts5" in str(error).lower() or "syntax error" in str(error).lower():
            raise QueryError(f"the search could not be run: {error}") from error
        raise StoreError(f"search failed: {error}") from error


def _bodies(conn: sqlite3.Connection, rows: Sequence[Any]) -> dict[int, tuple[str, ...]]:
    """search_docs id → the bodies its entry or record names."""
    found: dict[int, tuple[str, ...]] = {}
    for row in rows:
        doc_id, record_id, entry_id = row[0], row[1], row[2]
        if entry_id is not None:
            sql, key = "SELECT body_id FROM entry_bodies WHERE entry_id = ? ORDER BY body_id", entry_id
        else:
            sql, key = "SELECT body_id FROM record_bodies WHERE record_id = ? ORDER BY body_id", record_id
        found[doc_id] = tuple(r[0] for r in conn.execute(sql, (key,)))
    return found


def _highlights(conn: sqlite3.Connection, expression: str, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    marks = ", ".join("?" for _ in ids)
    sql = (f"SELECT rowid, highlight(search_fts, 0, ?, ?), highlight(search_fts, 1, ?, ?) FROM search_fts"
           f" WHERE search_fts MATCH ? AND rowid IN ({marks})")
    params = [MARK_OPEN, MARK_CLOSE, MARK_OPEN, MARK_CLOSE, expression, *ids]
    return {row[0]: (row[1], row[2]) for row in _execute(conn, sql, params)}


def _hit(row: Any, marked: tuple[str, str] | None, bodies: tuple[str, ...]) -> SearchHit:
    _doc_id, record_id, entry_id, kind, section, date, title, body, record_title, rank = row
    marked_title, marked_body = marked or ("", "")
    title_spans = original_spans(title, marked_title)
    body_spans = original_spans(body, marked_body)
    # the snippet always shows a match: from the body if it has one, else from the title itself
    if body_spans or not title_spans:
        snippet = make_snippet(body, body_spans)
    else:
        snippet = make_snippet(title, title_spans)
    return SearchHit(
        record_id=record_id, entry_id=entry_id, kind=cast(HitKind, kind), section=section, title=title,
        title_matches=title_spans, record_title=record_title if entry_id is not None else None, date=date,
        bodies=bodies, score=round(-rank, 6), snippet=snippet,
    )


def run_search(conn: sqlite3.Connection, query: ParsedQuery, filters: SearchFilters, *, limit: int,
               offset: int) -> SearchResults:
    """The page of hits for `query` under `filters`, best bm25 first."""
    filters.check()
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise QueryError(f"limit must be 1–{MAX_LIMIT} and offset 0 or more (got {limit}, {offset})")
    expression = query.fts5()
    where, params = filters.sql()
    total = _execute(conn, f"SELECT count(*) {_FROM}{where}", [expression, *params])[0][0]
    rows = _execute(
        conn,
        f"SELECT d.id, d.record_id, d.entry_id, d.kind, d.section, d.date, d.title, d.body,"
        f" (SELECT r.title FROM records r WHERE r.id = d.record_id), {_BM25} {_FROM}{where}"
        f" ORDER BY {_BM25}, d.id LIMIT ? OFFSET ?",
        [expression, *params, limit, offset],
    )
    marked = _highlights(conn, expression, [row[0] for row in rows]) if rows else {}
    bodies = _bodies(conn, rows)
    hits = tuple(_hit(row, marked.get(row[0]), bodies[row[0]]) for row in rows)
    return SearchResults(query=query.text, expression=expression, total=total, limit=limit, offset=offset,
                         hits=hits)
