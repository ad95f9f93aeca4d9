"""Running a search on SQLite: filters, bm25 ranking, hits with snippets.

Three steps, so that the work grows with the page shown rather than with the number of matches: (1) count
and rank on the FTS5 index alone — joined with the narrow search_docs rows only when a filter needs them —
and take the page's ids; (2) ask FTS5 for highlight markers of those ids only; (3) read the page's entries or
records for their original text and cut the snippets. Filters are fixed SQL fragments with bound
parameters; nothing the user typed is pasted into SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from policywatch.errors import QueryError, StoreError
from policywatch.records import Brief
from policywatch.store import search_postgres
from policywatch.store.dbapi import DatabaseError
from policywatch.store.patterns import ISO_PARTIAL_DATE
from policywatch.store.query import ParsedQuery
from policywatch.store.record_codec import entry_from_json, record_from_json
from policywatch.store.results import HitKind, SearchHit, SearchResults
from policywatch.store.snippets import MARK_CLOSE, MARK_OPEN, hit_snippet, original_spans
from policywatch.store.writer import entry_search_text, record_search_text

SECTIONS = ("top", "policy_news", "corporate_news")
RECORD_KINDS = ("policy", "article")
MAX_LIMIT = 500
MAX_DOC_IDS = 10_000  # a restriction to more rows than this is refused (one bound parameter each)
# bm25 weights of (title_index, body_index): a match in a headline counts more than one in the body.
_BM25 = "bm25(search_fts, 3.0, 1.0)"
_FTS_ONLY = "FROM search_fts WHERE search_fts MATCH ?"
_WITH_DOCS = "FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid WHERE search_fts MATCH ?"
_BODY_FILTER = (
    "(EXISTS (SELECT 1 FROM entry_bodies eb WHERE eb.entry_id = d.entry_id AND eb.body_id = ?)"
    " OR (d.entry_id IS NULL AND EXISTS"
    " (SELECT 1 FROM record_bodies rb WHERE rb.record_id = d.record_id AND rb.body_id = ?)))"
)
_DATE_END = "~"  # sorts after every digit and '-': "2023-05~" ≥ every day of May 2023


@dataclass(frozen=True)
class SearchFilters:
    """Optional restrictions. `section` is an entry section or 'policy'/'article' for whole records;
    dates are YYYY, YYYY-MM or YYYY-MM-DD and include the whole period they name. `doc_ids` restricts the
    search to those search_docs rows (a caller that filtered and ranked elsewhere asks for one page's hits)."""

    body: str | None = None
    section: str | None = None
    since: str | None = None
    until: str | None = None
    doc_ids: tuple[int, ...] | None = None

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
        if self.doc_ids is not None and len(self.doc_ids) > MAX_DOC_IDS:
            raise QueryError(f"too many row ids: at most {MAX_DOC_IDS}")

    def ids_sql(self) -> tuple[str, list[Any]]:
        """The `doc_ids` restriction as an AND-clause on the FTS table's rowid, and its parameters."""
        if self.doc_ids is None:
            return "", []
        return f" AND search_fts.rowid IN ({', '.join('?' for _ in self.doc_ids) or 'NULL'})", list(self.doc_ids)

    def sql(self) -> tuple[str, list[Any]]:
        """AND-clauses (each starting with ' AND ') over search_docs `d`, and their parameters (`doc_ids`
        is not among them: see `ids_sql`)."""
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


def _execute(conn: Any, sql: str, params: Sequence[Any]) -> list[Any]:
    """Run a search statement; an FTS5 complaint about the query is the user's, anything else the store's."""
    try:
        return list(conn.execute(sql, params).fetchall())
    except sqlite3.OperationalError as error:
        if "fts5" in str(error).lower() or "syntax error" in str(error).lower():
            raise QueryError(f"the search could not be run: {error}") from error
        raise StoreError(f"search failed: {error}") from error
    except DatabaseError as error:
        raise StoreError(f"search failed: {error}") from error


def _on_postgres(conn: Any) -> bool:
    return getattr(conn, "dialect", "sqlite") == "postgres"


def _bodies(conn: sqlite3.Connection, docs: Sequence[Any]) -> dict[int, tuple[str, ...]]:
    """search_docs id → the bodies its entry or record names."""
    found: dict[int, tuple[str, ...]] = {}
    for doc_id, record_id, entry_id, *_ in docs:
        if entry_id is not None:
            sql, key = "SELECT body_id FROM entry_bodies WHERE entry_id = ? ORDER BY body_id", entry_id
        else:
            sql, key = "SELECT body_id FROM record_bodies WHERE record_id = ? ORDER BY body_id", record_id
        found[doc_id] = tuple(r[0] for r in conn.execute(sql, (key,)))
    return found


def _marks(count: int) -> str:
    return ", ".join("?" for _ in range(count))


def _highlights(conn: sqlite3.Connection, expression: str, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    sql = (f"SELECT rowid, highlight(search_fts, 0, ?, ?), highlight(search_fts, 1, ?, ?) FROM search_fts"
           f" WHERE search_fts MATCH ? AND rowid IN ({_marks(len(ids))})")
    params = [MARK_OPEN, MARK_CLOSE, MARK_OPEN, MARK_CLOSE, expression, *ids]
    return {row[0]: (row[1], row[2]) for row in _execute(conn, sql, params)}  # only the ids that match


def _original_texts(conn: sqlite3.Connection, docs: Sequence[Any]) -> dict[int, tuple[str, str]]:
    """search_docs id → the (title, body) it was indexed from, rebuilt from the stored entry or record (the
    index holds only their folded copy)."""
    entry_ids = [doc[2] for doc in docs if doc[2] is not None]
    record_ids = [doc[1] for doc in docs if doc[2] is None]
    entries = {row[0]: entry_search_text(entry_from_json(row[1])) for row in _execute(
        conn, f"SELECT id, entry_json FROM entries WHERE id IN ({_marks(len(entry_ids))})", entry_ids)}
    records: dict[int, tuple[str, str]] = {}
    for record_id, stored in _execute(
            conn, f"SELECT id, record_json FROM records WHERE id IN ({_marks(len(record_ids))})", record_ids):
        record = record_from_json(stored)
        if not isinstance(record, Brief):
            records[record_id] = record_search_text(record)
    return {doc[0]: entries.get(doc[2], ("", "")) if doc[2] is not None else records.get(doc[1], ("", ""))
            for doc in docs}


def _hit(doc: Any, score: float, texts: tuple[str, str], marked: tuple[str, str],
         bodies: tuple[str, ...]) -> SearchHit:
    _doc_id, record_id, entry_id, kind, section, date, record_title = doc
    title, body = texts
    marked_title, marked_body = marked
    title_spans = original_spans(title, marked_title)
    return SearchHit(
        record_id=record_id, entry_id=entry_id, kind=cast(HitKind, kind), section=section, title=title,
        title_matches=title_spans, record_title=record_title if entry_id is not None else None, date=date,
        bodies=bodies, score=round(-score, 6), snippet=hit_snippet(title, title_spans, body, marked_body),
    )


def _rank(conn: sqlite3.Connection, expression: str, filters: SearchFilters, limit: int,
          offset: int) -> tuple[int, list[Any]]:
    """The number of matches and the page's (id, bm25) pairs, best first, from the FTS index alone unless a
    filter needs the search_docs columns."""
    where, params = filters.sql()
    ids_where, ids_params = filters.ids_sql()
    source = _WITH_DOCS if where else _FTS_ONLY
    params = [expression, *params, *ids_params]
    total = _execute(conn, f"SELECT count(*) {source}{where}{ids_where}", params)[0][0]
    if total == 0:
        return 0, []
    page = _execute(conn, f"SELECT search_fts.rowid, {_BM25} AS score {source}{where}{ids_where}"
                          " ORDER BY score, search_fts.rowid LIMIT ? OFFSET ?", [*params, limit, offset])
    return int(total), page


def _page_hits(conn: sqlite3.Connection, expression: str, page: Sequence[Any]) -> tuple[SearchHit, ...]:
    """The hits of one ranked page of (id, bm25) pairs: their columns, highlights, original text and
    snippets. Ids that do not match `expression` are left out."""
    ids = [row[0] for row in page]
    return build_hits(conn, _highlights(conn, expression, ids), page)


def build_hits(conn: Any, marked: Mapping[int, tuple[str, str]], page: Sequence[Any]) -> tuple[SearchHit, ...]:
    """Hits for a ranked page of (id, score) pairs, given each matching id's marked (title, body) index
    text; ids without marks are left out. Shared by both backends."""
    ids = [row[0] for row in page]
    docs = {row[0]: row for row in _execute(
        conn, "SELECT d.id, d.record_id, d.entry_id, d.kind, d.section, d.date, r.title FROM search_docs d"
              f" JOIN records r ON r.id = d.record_id WHERE d.id IN ({_marks(len(ids))})", ids)}
    ordered = [docs[i] for i in ids if i in docs and i in marked]
    texts = _original_texts(conn, ordered)
    bodies = _bodies(conn, ordered)
    scores = dict(page)
    return tuple(_hit(doc, scores[doc[0]], texts[doc[0]], marked[doc[0]], bodies[doc[0]]) for doc in ordered)


def hits_for(conn: sqlite3.Connection, query: ParsedQuery, doc_ids: Sequence[int],
             scores: Mapping[int, float] | None = None) -> tuple[SearchHit, ...]:
    """Hits (highlights, snippets) for the given search_docs rows, in the order given, for a caller that
    counted and ranked the matches itself (the web app's faceted search). `scores`: each row's
    bm25(search_fts, 3.0, 1.0) as that caller computed it; without them they are computed here, which costs
    a pass over every match of `query`. Rows that do not match `query` are left out."""
    if not doc_ids:
        return ()
    if len(doc_ids) > MAX_LIMIT:
        raise QueryError(f"at most {MAX_LIMIT} hits at a time (got {len(doc_ids)})")
    if _on_postgres(conn):
        return search_postgres.hits_for(conn, query, doc_ids, scores)
    expression = query.fts5()
    if scores is None:
        scores = dict(_execute(conn, f"SELECT rowid, {_BM25} {_FTS_ONLY} AND rowid IN ({_marks(len(doc_ids))})",
                               [expression, *doc_ids]))
    return _page_hits(conn, expression, [(i, scores[i]) for i in doc_ids if i in scores])


def run_search(conn: sqlite3.Connection, query: ParsedQuery, filters: SearchFilters, *, limit: int,
               offset: int) -> SearchResults:
    """The page of hits for `query` under `filters`, best bm25 first."""
    filters.check()
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise QueryError(f"limit must be 1–{MAX_LIMIT} and offset 0 or more (got {limit}, {offset})")
    expression = query.fts5()
    if _on_postgres(conn):
        where, params = filters.sql()
        ranked = search_postgres.rank(conn, query, where, params, filters.doc_ids, limit, offset)
        total, page, newest_first = ranked.total, ranked.page, ranked.newest_first
        hits = search_postgres.page_hits(conn, query, page) if page else ()
    else:
        total, page = _rank(conn, expression, filters, limit, offset)
        newest_first = False
        hits = _page_hits(conn, expression, page) if page else ()
    return SearchResults(query=query.text, expression=expression, total=total, limit=limit, offset=offset,
                         hits=hits, newest_first=newest_first)
