"""Running a search on PostgreSQL: the same query, filters and hits as search.py, on the tsvector index.

Each phrase of the parsed query (already folded and CJK-spaced, as the index text is) becomes
`phraseto_tsquery('policywatch_search', phrase)`; OR groups are joined with `||`, groups with `&&`. Ranking
is `ts_rank` with title words weighing three times body words (FTS5's bm25(3.0, 1.0) is not available; both
put headline matches first). Highlights come from `ts_headline`, which marks every matching word, so marks
that are not part of a whole phrase match are removed again (`_phrase_marks`) to mark what FTS5 marks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from policywatch.errors import StoreError
from policywatch.store.dbapi import DatabaseError
from policywatch.store.query import ParsedQuery
from policywatch.store.results import SearchHit
from policywatch.store.snippets import MARK_CLOSE, MARK_OPEN

CONFIG = "policywatch_search"
# ts_rank weights for {D, C, B, A}: body words are B, title words A (see migration 0004)
_WEIGHTS = "'{0, 0, 0.3333, 1.0}'::float4[]"
_HEADLINE_OPTIONS = f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, HighlightAll=true"
_WORD = re.compile(r"\w+")
_MARKED = re.compile(f"{MARK_OPEN}([^{MARK_CLOSE}]*){MARK_CLOSE}")


def tsquery_sql(query: ParsedQuery) -> tuple[str, list[str]]:
    """The tsquery expression of a parsed query, and its parameters (one per phrase)."""
    groups: list[str] = []
    params: list[str] = []
    for group in query.groups:
        phrases = [f"phraseto_tsquery('{CONFIG}', ?)" for _ in group]
        params.extend(group)
        groups.append(phrases[0] if len(phrases) == 1 else "(" + " || ".join(phrases) + ")")
    return " && ".join(groups), params


def _execute(conn: Any, sql: str, params: Sequence[Any]) -> list[Any]:
    """Run a search statement, planned for its own query (`PostgresConnection.execute`'s `prepare`)."""
    try:
        return list(conn.execute(sql, params, prepare=False).fetchall())
    except DatabaseError as error:
        raise StoreError(f"search failed: {error}") from error


def _marks(count: int) -> str:
    return ", ".join("?" for _ in range(count))


RANK_LIMIT = 2000  # matches ranked at most; a query with more lists the newest (`rank`)
WALK_ROWS = 1000  # rows tested at a time when listing the newest matches


@dataclass(frozen=True)
class RankedPage:
    total: int  # matches; with `newest_first`, a lower bound (RANK_LIMIT + 1)
    page: list[tuple[int, float]]  # (id, score), best first
    newest_first: bool = False


def rank(conn: Any, query: ParsedQuery, where: str, where_params: list[Any], ids: Sequence[int] | None,
         limit: int, offset: int) -> RankedPage:
    """The number of matches and the page's (id, score) pairs, best first (score: minus the rank, so lower
    is better as with bm25). One pass over the matches gives both: each is rechecked against its tsvector,
    which is most of a search's cost, so counting them separately would do it twice.

    That pass costs 3–10 µs per match, so a word in one entry of twenty would take hundreds of milliseconds
    at a million entries. An unfiltered query is first counted up to RANK_LIMIT + 1; with more matches than
    that, the page lists the most recently stored matches instead, walking the ids backwards (cost: the
    rows walked to fill the page, few when matches are that common: one in 500 at a million entries)."""
    expression, params = tsquery_sql(query)
    if not where and ids is None and _beyond(conn, expression, params, RANK_LIMIT):
        return RankedPage(RANK_LIMIT + 1, _newest(conn, expression, params, limit, offset), newest_first=True)
    source = " FROM search_text st JOIN search_docs d ON d.id = st.id" if where else " FROM search_text st"
    ids_where = f" AND st.id IN ({_marks(len(ids)) or 'NULL'})" if ids is not None else ""
    matches = f"{source} WHERE {_matching(expression, by_id=ids is not None)}{where}{ids_where}"
    all_params = [*params, *where_params, *(ids or ())]
    page = _execute(conn, f"SELECT st.id, -ts_rank({_WEIGHTS}, st.document, ({expression})) AS score,"
                          f" count(*) OVER (){matches} ORDER BY score, st.id LIMIT ? OFFSET ?",
                    [*params, *all_params, limit, offset])
    if page:
        return RankedPage(int(page[0][2]), [(row[0], row[1]) for row in page])
    if offset == 0:
        return RankedPage(0, [])
    return RankedPage(int(_execute(conn, f"SELECT count(*){matches}", all_params)[0][0]), [])  # past the end


def _matching(expression: str, *, by_id: bool) -> str:
    """The match condition. For rows already chosen by id, `IS TRUE` keeps the planner from answering it
    through the GIN index: its estimates for phrases are far too low, and the index would recheck every
    match in the store to keep a page's twenty."""
    condition = f"st.document @@ ({expression})"
    return f"({condition}) IS TRUE" if by_id else condition


def matches_beyond(conn: Any, query: ParsedQuery, count: int) -> bool:
    """Whether more than `count` entries match `query` (reads at most count + 1 of them)."""
    return _beyond(conn, *tsquery_sql(query), count)


def _beyond(conn: Any, expression: str, params: list[str], count: int) -> bool:
    """Whether more than `count` entries match (reads at most count + 1 of them)."""
    head = _execute(conn, f"SELECT count(*) FROM (SELECT 1 FROM search_text st WHERE st.document @@ ({expression})"
                          f" LIMIT {count + 1}) AS head", params)
    return int(head[0][0]) > count


def _newest(conn: Any, expression: str, params: list[str], limit: int, offset: int) -> list[tuple[int, float]]:
    """The page of the most recently stored matches: the ids are walked backwards WALK_ROWS at a time, each
    row tested against the query, until the page is full. Done here rather than by one ORDER BY … LIMIT,
    because the planner, misled by its estimates for phrases, would rather scan and sort the whole table."""
    wanted, found, below = offset + limit, list[int](), None
    while len(found) < wanted:
        before = "" if below is None else f" WHERE st.id < {int(below)}"
        rows = _execute(conn, f"SELECT st.id, st.document @@ ({expression}) FROM search_text st{before}"
                              f" ORDER BY st.id DESC NULLS FIRST LIMIT {WALK_ROWS}", params)
        found += [row[0] for row in rows if row[1]]
        if len(rows) < WALK_ROWS:
            break
        below = rows[-1][0]
    ids = found[offset:wanted]
    if not ids:
        return []
    ranks = dict(_execute(conn, f"SELECT st.id, -ts_rank({_WEIGHTS}, st.document, ({expression})) FROM search_text st"
                                f" WHERE st.id IN ({_marks(len(ids))})", [*params, *ids]))
    return [(i, ranks[i]) for i in ids]


def all_matches_sql(query: ParsedQuery, *, ranked: bool) -> tuple[str, list[Any]]:
    """SQL for every matching id with its score (0 when not `ranked`), and its parameters."""
    expression, params = tsquery_sql(query)
    if not ranked:
        return f"SELECT st.id, 0 FROM search_text st WHERE st.document @@ ({expression})", params
    return (f"SELECT st.id, -ts_rank({_WEIGHTS}, st.document, ({expression})) FROM search_text st"
            f" WHERE st.document @@ ({expression})", [*params, *params])


def scores(conn: Any, query: ParsedQuery, ids: Sequence[int]) -> dict[int, float]:
    """Each matching id's score (ids that do not match are left out)."""
    expression, params = tsquery_sql(query)
    rows = _execute(conn, f"SELECT st.id, -ts_rank({_WEIGHTS}, st.document, ({expression})) FROM search_text st"
                          f" WHERE {_matching(expression, by_id=True)} AND st.id IN ({_marks(len(ids))})",
                    [*params, *params, *ids])
    return {row[0]: row[1] for row in rows}


def _tokens(phrase: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(phrase)]


def _same_word(marked: str, wanted: str) -> bool:
    """Whether a marked word is the phrase's word: equal, or (stemming) sharing a long enough prefix."""
    marked = marked.lower()
    if marked == wanted:
        return True
    shared = min(len(marked), len(wanted))
    return shared >= 3 and marked[: max(3, shared - 2)] == wanted[: max(3, shared - 2)] and marked.isascii()


def _phrase_marks(marked: str, query: ParsedQuery) -> str:
    """Keep only the marks that are part of a whole phrase of the query (ts_headline marks single words)."""
    words = list(_WORD.finditer(marked.replace(MARK_OPEN, " ").replace(MARK_CLOSE, " ")))
    if not words:
        return marked
    plain_marked = {m.start(1) for m in _MARKED.finditer(marked)}
    flags = [word.start() in plain_marked for word in words]
    keep = [False] * len(words)
    phrases = [_tokens(phrase) for group in query.groups for phrase in group]
    for tokens in phrases:
        size = len(tokens)
        for start in range(len(words) - size + 1):
            if all(flags[start + i] and _same_word(words[start + i].group(), tokens[i]) for i in range(size)):
                keep[start:start + size] = [True] * size
    dropped = {words[i].start() for i, flag in enumerate(flags) if flag and not keep[i]}
    return _MARKED.sub(lambda m: m.group(1) if m.start(1) in dropped else m.group(0), marked)


def highlights(conn: Any, query: ParsedQuery, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """id → (title, body) index text with match markers, for the ids that match."""
    expression, params = tsquery_sql(query)
    rows = _execute(
        conn,
        f"SELECT st.id, ts_headline('{CONFIG}', st.title_index, ({expression}), ?),"
        f" ts_headline('{CONFIG}', st.body_index, ({expression}), ?) FROM search_text st"
        f" WHERE {_matching(expression, by_id=True)} AND st.id IN ({_marks(len(ids))})",
        [*params, _HEADLINE_OPTIONS, *params, _HEADLINE_OPTIONS, *params, *ids])
    return {row[0]: (_phrase_marks(row[1], query), _phrase_marks(row[2], query)) for row in rows}


def page_hits(conn: Any, query: ParsedQuery, page: Sequence[Any]) -> tuple[SearchHit, ...]:
    """The hits of one ranked page of (id, score) pairs (search.py builds them)."""
    from policywatch.store.search import build_hits  # here: search.py imports this module

    ids = [row[0] for row in page]
    return build_hits(conn, highlights(conn, query, ids), page)


def hits_for(conn: Any, query: ParsedQuery, doc_ids: Sequence[int],
             given_scores: Mapping[int, float] | None) -> tuple[SearchHit, ...]:
    """search.hits_for on PostgreSQL."""
    found = dict(given_scores) if given_scores is not None else scores(conn, query, doc_ids)
    return page_hits(conn, query, [(i, found[i]) for i in doc_ids if i in found])
