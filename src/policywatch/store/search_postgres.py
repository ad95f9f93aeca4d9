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
    try:
        return list(conn.execute(sql, params).fetchall())
    except DatabaseError as error:
        raise StoreError(f"search failed: {error}") from error


def _marks(count: int) -> str:
    return ", ".join("?" for _ in range(count))


def rank(conn: Any, query: ParsedQuery, where: str, where_params: list[Any], ids: Sequence[int] | None,
         limit: int, offset: int) -> tuple[int, list[Any]]:
    """The number of matches and the page's (id, score) pairs, best first (score: minus the rank, so lower
    is better as with bm25). One pass over the matches gives both: each is rechecked against its tsvector,
    which is most of a search's cost, so counting them separately would do it twice."""
    expression, params = tsquery_sql(query)
    source = " FROM search_text st JOIN search_docs d ON d.id = st.id" if where else " FROM search_text st"
    ids_where = f" AND st.id IN ({_marks(len(ids)) or 'NULL'})" if ids is not None else ""
    matches = f"{source} WHERE st.document @@ ({expression}){where}{ids_where}"
    all_params = [*params, *where_params, *(ids or ())]
    page = _execute(conn, f"SELECT st.id, -ts_rank({_WEIGHTS}, st.document, ({expression})) AS score,"
                          f" count(*) OVER (){matches} ORDER BY score, st.id LIMIT ? OFFSET ?",
                    [*params, *all_params, limit, offset])
    if page:
        return int(page[0][2]), [(row[0], row[1]) for row in page]
    if offset == 0:
        return 0, []
    return int(_execute(conn, f"SELECT count(*){matches}", all_params)[0][0]), []  # a page past the end


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
                          f" WHERE st.document @@ ({expression}) AND st.id IN ({_marks(len(ids))})",
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
        f" WHERE st.document @@ ({expression}) AND st.id IN ({_marks(len(ids))})",
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
