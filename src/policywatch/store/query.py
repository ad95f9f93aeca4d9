"""User search text → a full-text query that cannot fail.

Every whitespace-separated term becomes one quoted FTS phrase of its folded, CJK-unigram form (so 锂离子电池
is the phrase "锂 离 子 电 池", which matches exactly that run of characters). A "quoted phrase" stays one
phrase. Terms joined by OR / 或 form one OR group; groups are ANDed. Everything else FTS5 would read as
syntax (NEAR, *, -, ^, :, parentheses, column filters) is plain text inside a phrase, where the tokenizer
treats it as a separator. The phrase form is portable: PostgreSQL's phraseto_tsquery takes the same text.
"""

from __future__ import annotations

from dataclasses import dataclass

from policywatch.errors import QueryError
from policywatch.store.patterns import QUERY_MAX_PHRASES, QUERY_OR_WORDS, QUERY_QUOTED_PHRASE, QUERY_QUOTES
from policywatch.store.textfold import index_text

_OR = object()


@dataclass(frozen=True)
class ParsedQuery:
    """A query as AND-ed groups of OR-ed phrases; each phrase is in index form (folded, CJK spaced)."""

    text: str
    groups: tuple[tuple[str, ...], ...]

    def fts5(self) -> str:
        """The SQLite FTS5 MATCH expression."""
        return " AND ".join(_group_expression(group) for group in self.groups)


def _phrase(words: str) -> str:
    return '"' + words.replace('"', '""') + '"'


def _group_expression(group: tuple[str, ...]) -> str:
    if len(group) == 1:
        return _phrase(group[0])
    return "(" + " OR ".join(_phrase(p) for p in group) + ")"


def _unigram_phrase(term: str) -> str | None:
    """A term's index form, or None when it has no letter or digit (nothing the index could match)."""
    spaced = " ".join(index_text(term).split())
    if not any(c.isalnum() for c in spaced):
        return None
    return spaced.replace('"', " ")


def _items(text: str) -> list[object]:
    """Phrases (str) and OR markers, in the order the user wrote them."""
    items: list[object] = []
    cursor = 0
    for quoted in QUERY_QUOTED_PHRASE.finditer(text):
        items.extend(_terms(text[cursor : quoted.start()]))
        items.append(quoted.group(1))
        cursor = quoted.end()
    items.extend(_terms(text[cursor:]))
    return items


def _terms(text: str) -> list[object]:
    # an unpaired quote mark is plain text: drop it like other punctuation
    cleaned = "".join(" " if c in QUERY_QUOTES else c for c in text)
    return [_OR if word in QUERY_OR_WORDS else word for word in cleaned.split()]


def _groups(items: list[object]) -> list[list[str]]:
    groups: list[list[str]] = []
    pending_or = False
    for item in items:
        if item is _OR:
            pending_or = bool(groups)
            continue
        phrase = _unigram_phrase(str(item))
        if phrase is None:
            continue
        if pending_or:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
        pending_or = False
    return groups


def parse_query(text: str) -> ParsedQuery:
    """Turn what a user typed into a `ParsedQuery`; raise QueryError when nothing searchable is left."""
    groups = _groups(_items(text))
    if not groups:
        raise QueryError(f"nothing to search for in {text.strip()[:80]!r}: give a word or some characters")
    if sum(len(g) for g in groups) > QUERY_MAX_PHRASES:
        raise QueryError(f"too many search terms: at most {QUERY_MAX_PHRASES}")
    return ParsedQuery(text=text, groups=tuple(tuple(g) for g in groups))
