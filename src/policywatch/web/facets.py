"""Search for the web app: filters beyond the store's (sector, year, document form, has-targets), facet counts
over the whole result, sorting by relevance or date, and a cache of recent answers.

How a search runs: the store's FTS5 index, joined with the narrow in-memory side tables (docindex.py), gives
the facet counts of every match and the ids of the page, best bm25 (or newest) first; the store's `hits_for`,
restricted to those ids, builds the hits (highlights, snippets cut from the original text). Filters are fixed
SQL fragments with bound parameters. Answers are cached per database version, so paging back and repeating a
search cost next to nothing.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from policywatch.errors import QueryError
from policywatch.store import search_postgres
from policywatch.store.query import ParsedQuery, parse_query
from policywatch.store.results import SearchHit, SearchResults
from policywatch.store.search import SECTIONS, SearchFilters, hits_for
from policywatch.web.docindex import NAME_SEPARATOR, PostgresSearchTables, SearchTables
from policywatch.web.reader import ReadOnlyDatabase

Sort = Literal["relevance", "date"]
FacetCounts = dict[str, list[tuple[str, int]]]
FACET_NAMES = ("section", "body", "sector", "year", "form", "has_targets")
FACET_LIMIT = 12  # values shown per facet (the most frequent)
FILTER_MAX_CHARS = 80
CACHED_ANSWERS = 256
DATE_END = "~"  # as the store: "2023-05~" sorts after every day of May 2023

# Every match that passes the filters, joined with the side tables, into a temporary table of the in-memory
# database: one FTS pass serves the facet counts and the page. bm25 weights (title, body) as the store ranks.
_MATCHED = (
    "CREATE TEMP TABLE matched AS SELECT d.id, d.record_id, d.entry_id, d.facet_section, d.year, d.form,"
    " d.has_targets, d.bodies, d.sectors, d.date, {score} AS score FROM store.search_fts"
    " JOIN docs d ON d.id = search_fts.rowid"
    " WHERE search_fts MATCH ?{where}"
)
# PostgreSQL: the store's matches (id, score) are first loaded into temp.fts_hits (docindex.load_matches)
_MATCHED_FROM_HITS = (
    "CREATE TEMP TABLE matched AS SELECT d.id, d.record_id, d.entry_id, d.facet_section, d.year, d.form,"
    " d.has_targets, d.bodies, d.sectors, d.date, h.score AS score FROM temp.fts_hits h CROSS JOIN docs d"
    " ON d.id = h.id WHERE 1 = 1{where}"
)  # CROSS JOIN: SQLite keeps the hits as the outer loop, where a filter on docs would make it walk every doc
_SCORE = {"relevance": "bm25(search_fts, 3.0, 1.0)", "date": "0"}
_ORDER = {"relevance": "score, id", "date": "date IS NULL, date DESC, id DESC"}
# One pass: rows grouped by their combination of facet values (a few hundred groups for thousands of rows);
# `_counts` adds the groups up per facet value.
_FACETS_SQL = ("SELECT facet_section, year, form, has_targets, bodies, sectors, count(*) FROM matched"
               " GROUP BY facet_section, year, form, has_targets, bodies, sectors")


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
    """The store's filters (body, section, since, until; `doc_ids`, internal, restricts the store's own
    search to given rows) plus sector, year, document form and has-targets."""

    sector: str | None = None
    year: int | None = None
    form: str | None = None
    has_targets: bool | None = None

    def check(self) -> None:
        """Raise QueryError for a value the search cannot use."""
        super().check()
        _real_date("since", self.since)
        _real_date("until", self.until)
        _printable("sector", self.sector)
        _printable("document form", self.form)
        if self.year is not None and not 1000 <= self.year <= 9999:
            raise QueryError(f"bad year {self.year}: use four digits")

    def side_sql(self) -> tuple[str, list[Any]]:
        """Every filter as AND-clauses over the side table `docs` d, with their parameters (the store's
        filters mean exactly what they mean there)."""
        clauses: list[tuple[str, list[Any]]] = [
            ("EXISTS (SELECT 1 FROM doc_bodies b WHERE b.id = d.id AND b.body = ?)", [self.body]),
            ("d.section = ?" if self.section in SECTIONS else "d.kind = ?", [self.section]),
            ("d.date >= ?", [self.since]),
            ("d.date <= ?", [self.until + DATE_END if self.until else None]),
            ("EXISTS (SELECT 1 FROM doc_sectors s WHERE s.id = d.id AND s.sector = ?)", [self.sector]),
            ("d.year = ?", [None if self.year is None else f"{self.year:04d}"]),
            ("d.form = ?", [self.form]),
            ("d.has_targets = ?", [None if self.has_targets is None else int(self.has_targets)]),
        ]
        used = [(sql, params) for sql, params in clauses if params[0] is not None]
        return "".join(" AND " + sql for sql, _ in used), [p for _, params in used for p in params]


@dataclass(frozen=True)
class FacetedResults:
    """A page of hits and the facet counts of every hit."""

    results: SearchResults
    facets: FacetCounts


def _counts(groups: list[Any]) -> tuple[int, FacetCounts]:
    """The total and each facet's values, most frequent first (years newest first), at most FACET_LIMIT each,
    from the rows grouped by combination."""
    counters: dict[str, Counter[str]] = {name: Counter() for name in FACET_NAMES}
    total = 0
    for section, year, form, has_targets, bodies, sectors, count in groups:
        total += count
        counters["section"][section] += count
        counters["has_targets"]["1" if has_targets else "0"] += count
        if year:
            counters["year"][year] += count
        if form:
            counters["form"][form] += count
        for body in bodies.split(NAME_SEPARATOR) if bodies else ():
            counters["body"][body] += count
        for sector in sectors.split(NAME_SEPARATOR) if sectors else ():
            counters["sector"][sector] += count
    counts: FacetCounts = {}
    for name, counter in counters.items():
        if name == "year":
            counts[name] = sorted(counter.items(), reverse=True)[:FACET_LIMIT]
        else:
            counts[name] = sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))[:FACET_LIMIT]
    return total, counts


def _page_hits(db: ReadOnlyDatabase, parsed: ParsedQuery, page: list[Any], sort: Sort) -> tuple[SearchHit, ...]:
    """The store's hits (highlights, snippets) for the page's rows, in the page's order; ranked by relevance,
    the page's bm25 scores are handed over, so the store does not compute them again."""
    ids = [row[0] for row in page]
    scores = {row[0]: row[1] for row in page} if sort == "relevance" else None
    return hits_for(db.connection(), parsed, ids, scores)


class FacetedSearch:
    """Runs searches over one store, keeping the last CACHED_ANSWERS answers of the current data version."""

    def __init__(self, db: ReadOnlyDatabase, tables: SearchTables) -> None:
        self._db = db
        self._tables = tables
        self._answers: OrderedDict[tuple[Any, ...], FacetedResults] = OrderedDict()
        self._lock = threading.Lock()

    def search(self, text: str, filters: FacetFilters, *, sort: Sort = "relevance", limit: int = 20,
               offset: int = 0) -> FacetedResults:
        """A page of hits for what the user typed and the facet counts of all of them. QueryError for a query
        with nothing to search or a bad filter."""
        parsed = parse_query(text)
        filters.check()
        where, params = filters.side_sql()
        with self._tables.current() as tables:
            key = (tables.version, parsed.groups, filters, sort, limit, offset)
            with self._lock:
                if key in self._answers:
                    self._answers.move_to_end(key)
                    return self._answers[key]
            tables.rows("DROP TABLE IF EXISTS temp.matched")
            newest_first = False
            if isinstance(tables, PostgresSearchTables):
                # ts_rank reads every match's tsvector: past RANK_LIMIT matches, list them newest first
                newest_first = sort == "relevance" and tables.matches_beyond(parsed, search_postgres.RANK_LIMIT)
                sort = "date" if newest_first else sort
                tables.load_matches(parsed, ranked=sort == "relevance")
                tables.rows(_MATCHED_FROM_HITS.format(where=where), params)
            else:
                tables.rows(_MATCHED.format(score=_SCORE[sort], where=where), [parsed.fts5(), *params])
            total, counts = _counts(tables.rows(_FACETS_SQL))
            page = tables.rows(f"SELECT id, score FROM matched ORDER BY {_ORDER[sort]} LIMIT ? OFFSET ?",
                               [limit, offset])
            tables.rows("DROP TABLE temp.matched")
        answer = FacetedResults(SearchResults(text, parsed.fts5(), total, limit, offset,
                                              _page_hits(self._db, parsed, page, sort), newest_first), counts)
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > CACHED_ANSWERS:
                self._answers.popitem(last=False)
        return answer
