"""Search for the web app: the store's ranked search plus the filters and facet counts the search page needs
(sector, year, document form, has-targets) and sorting by date.

The store's `run_search` does the matching, ranking and snippets; this module extends its `SearchFilters`
with more fixed SQL fragments and runs on the web app's read-only connection. Every value the user gave is a
bound parameter. Facet counts come from one statement: the matching rows are materialised once and grouped
six ways.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from policywatch.errors import QueryError
from policywatch.parse.notice import doc_form
from policywatch.store.query import ParsedQuery, parse_query
from policywatch.store.results import SearchHit, SearchResults
from policywatch.store.search import SearchFilters, run_search
from policywatch.web.labels import FORM_IN_ENGLISH, FORM_WORDS_EN
from policywatch.web.reader import ReadOnlyDatabase, SqlFunction

Sort = Literal["relevance", "date"]
FACET_NAMES = ("section", "body", "sector", "year", "form", "has_targets")
FACET_LIMIT = 12  # values shown per facet (the most frequent)
FILTER_MAX_CHARS = 80

_MATCH = "FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid WHERE search_fts MATCH ?"
# The document form of a search row: an entry's document title (Chinese, else English), a policy's title.
_FORM_OF_DOC = (
    "COALESCE((SELECT pw_doc_form(json_extract(e.document_json, '$.title_zh'),"
    " json_extract(e.document_json, '$.title_en')) FROM entries e WHERE e.id = d.entry_id),"
    " (SELECT pw_doc_form(r.title, NULL) FROM records r WHERE r.id = d.record_id AND r.type = 'policy'"
    " AND d.entry_id IS NULL))"
)
_HAS_TARGETS = "EXISTS (SELECT 1 FROM targets t WHERE t.record_id = d.record_id AND t.entry_id IS d.entry_id)"
_SECTOR_FILTER = (
    "(EXISTS (SELECT 1 FROM entry_sectors es WHERE es.entry_id = d.entry_id AND es.sector = ?)"
    " OR (d.entry_id IS NULL AND EXISTS"
    " (SELECT 1 FROM record_sectors rs WHERE rs.record_id = d.record_id AND rs.sector = ?)))"
)
_FACETS_SQL = (
    "WITH m AS MATERIALIZED (SELECT d.id, d.record_id, d.entry_id, COALESCE(d.section, d.kind) AS section,"
    " substr(d.date, 1, 4) AS year, {form} AS form, {has_targets} AS has_targets {match}{where})"
    " SELECT 'section', section, count(*) FROM m GROUP BY section"
    " UNION ALL SELECT 'year', year, count(*) FROM m WHERE year IS NOT NULL GROUP BY year"
    " UNION ALL SELECT 'form', form, count(*) FROM m WHERE form IS NOT NULL GROUP BY form"
    " UNION ALL SELECT 'has_targets', has_targets, count(*) FROM m GROUP BY has_targets"
    " UNION ALL SELECT 'body', body_id, count(*) FROM ("
    "  SELECT eb.body_id FROM m JOIN entry_bodies eb ON eb.entry_id = m.entry_id"
    "  UNION ALL SELECT rb.body_id FROM m JOIN record_bodies rb ON rb.record_id = m.record_id"
    "  WHERE m.entry_id IS NULL) GROUP BY body_id"
    " UNION ALL SELECT 'sector', sector, count(*) FROM ("
    "  SELECT es.sector FROM m JOIN entry_sectors es ON es.entry_id = m.entry_id"
    "  UNION ALL SELECT rs.sector FROM m JOIN record_sectors rs ON rs.record_id = m.record_id"
    "  WHERE m.entry_id IS NULL) GROUP BY sector"
)


@functools.lru_cache(maxsize=65536)
def document_form(title_zh: str | None, title_en: str | None) -> str | None:
    """The form of a document (通知, 实施方案…) from its Chinese title, else from English words in its
    English title ("Implementation Plan for …" → 实施方案)."""
    if title_zh:
        form = doc_form(title_zh)
        if form:
            return form
    if title_en:
        found = FORM_IN_ENGLISH.search(title_en)
        if found:
            return FORM_WORDS_EN[found.group(0).lower()]
    return None


SQL_FUNCTIONS: tuple[SqlFunction, ...] = (("pw_doc_form", 2, document_form),)


def _real_date(name: str, value: str | None) -> None:
    """The store checks the shape (YYYY, YYYY-MM, YYYY-MM-DD); this also refuses month 13 or 30 February."""
    if value is None:
        return
    shape = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}.get(len(value))
    try:
        datetime.strptime(value, shape or "")
    except ValueError:
        raise QueryError(f"bad {name} date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD") from None


def _printable(name: str, value: str | None) -> None:
    if value is not None and (not value.isprintable() or len(value) > FILTER_MAX_CHARS):
        raise QueryError(f"bad {name} {value[:FILTER_MAX_CHARS]!r}")


@dataclass(frozen=True)
class FacetFilters(SearchFilters):
    """The store's filters plus sector, year, document form, has-targets and (internally) a set of ids."""

    sector: str | None = None
    year: int | None = None
    form: str | None = None
    has_targets: bool | None = None
    doc_ids: tuple[int, ...] | None = None

    def check(self) -> None:
        """Raise QueryError for a value the search cannot use."""
        super().check()
        _real_date("since", self.since)
        _real_date("until", self.until)
        _printable("sector", self.sector)
        _printable("document form", self.form)
        if self.year is not None and not 1000 <= self.year <= 9999:
            raise QueryError(f"bad year {self.year}: use four digits")

    def sql(self) -> tuple[str, list[Any]]:
        """The store's AND-clauses followed by this module's, and their parameters."""
        where, params = super().sql()
        clauses: list[str] = []
        if self.sector:
            clauses.append(_SECTOR_FILTER)
            params += [self.sector, self.sector]
        if self.year is not None:
            clauses.append("substr(d.date, 1, 4) = ?")
            params.append(f"{self.year:04d}")
        if self.form:
            clauses.append(f"{_FORM_OF_DOC} = ?")
            params.append(self.form)
        if self.has_targets is not None:
            clauses.append(_HAS_TARGETS if self.has_targets else f"NOT {_HAS_TARGETS}")
        if self.doc_ids is not None:
            clauses.append(f"d.id IN ({', '.join('?' for _ in self.doc_ids) or 'NULL'})")
            params += list(self.doc_ids)
        return where + "".join(" AND " + c for c in clauses), params


def _hit_key(hit: SearchHit) -> tuple[int, int | None]:
    return hit.record_id, hit.entry_id


def _search_by_date(db: ReadOnlyDatabase, parsed: ParsedQuery, filters: FacetFilters, limit: int,
                    offset: int) -> SearchResults:
    """Newest first: page the ids by date here, then let the store build those hits (snippets, bodies)."""
    filters.check()
    where, params = filters.sql()
    expression = parsed.fts5()
    total = db.rows(f"SELECT count(*) {_MATCH}{where}", [expression, *params])[0][0]
    rows = db.rows(f"SELECT d.id, d.record_id, d.entry_id {_MATCH}{where}"
                   " ORDER BY d.date IS NULL, d.date DESC, d.id DESC LIMIT ? OFFSET ?",
                   [expression, *params, limit, offset])
    if not rows:
        return SearchResults(parsed.text, expression, total, limit, offset, ())
    page_filters = FacetFilters(doc_ids=tuple(row[0] for row in rows))
    found = run_search(db.connection(), parsed, page_filters, limit=len(rows), offset=0)
    by_key = {_hit_key(hit): hit for hit in found.hits}
    hits = tuple(by_key[(row[1], row[2])] for row in rows if (row[1], row[2]) in by_key)
    return SearchResults(parsed.text, expression, total, limit, offset, hits)


def search(db: ReadOnlyDatabase, text: str, filters: FacetFilters, *, sort: Sort = "relevance", limit: int = 20,
           offset: int = 0) -> SearchResults:
    """A page of hits for what the user typed, by bm25 or newest first. QueryError for a query with nothing
    to search or a bad filter."""
    parsed = parse_query(text)
    if sort == "date":
        return _search_by_date(db, parsed, filters, limit, offset)
    return run_search(db.connection(), parsed, filters, limit=limit, offset=offset)


def facet_counts(db: ReadOnlyDatabase, text: str, filters: FacetFilters) -> dict[str, list[tuple[str, int]]]:
    """For each facet, (value, count) over every hit of the search, most frequent first (years newest
    first), at most FACET_LIMIT values each."""
    parsed = parse_query(text)
    filters.check()
    where, params = filters.sql()
    sql = _FACETS_SQL.format(form=_FORM_OF_DOC, has_targets=_HAS_TARGETS, match=_MATCH, where=where)
    counts: dict[str, list[tuple[str, int]]] = {name: [] for name in FACET_NAMES}
    for facet, value, count in db.rows(sql, [parsed.fts5(), *params]):
        counts[facet].append((str(value), count))
    for name, values in counts.items():
        if name == "year":
            values.sort(reverse=True)
        else:
            values.sort(key=lambda pair: (-pair[1], pair[0]))
        del values[FACET_LIMIT:]
    return counts
