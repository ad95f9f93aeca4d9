"""Snippets cut from the ORIGINAL text around what the full-text index matched.

The index holds a folded, CJK-spaced copy ("技 术"), so its own snippet() would show that copy. Instead the
store asks FTS5's highlight() for match markers in the indexed copy, rebuilds the same copy in Python with
the offset each of its characters came from, and maps the markers back onto the original. This honours
everything the index matched — stems (battery → batteries), traditional ↔ simplified, phrases — without
re-implementing any of it.
"""

from __future__ import annotations

from policywatch.store.results import Snippet
from policywatch.store.textfold import index_text_with_origins

# Marker characters for highlight(): folded index text never contains control characters.
MARK_OPEN = "\x01"
MARK_CLOSE = "\x02"
SNIPPET_WIDTH = 200  # characters shown
SNIPPET_LEAD = 60  # characters kept before the first match
WORD_SLACK = 20  # how far to move a cut to avoid splitting a word

Span = tuple[int, int]
_WHITESPACE_TO_SPACE = str.maketrans({c: " " for c in "\t\n\r\x0b\x0c\u2028\u2029\x85"})


def _unmark(marked: str) -> tuple[str, list[Span]]:
    """The text without markers, and the spans the markers enclosed (offsets into that text)."""
    plain: list[str] = []
    spans: list[Span] = []
    start = 0
    for char in marked:
        if char == MARK_OPEN:
            start = len(plain)
        elif char == MARK_CLOSE:
            spans.append((start, len(plain)))
        else:
            plain.append(char)
    return "".join(plain), spans


def original_spans(original: str, marked: str) -> tuple[Span, ...]:
    """Spans of `original` that highlight() marked in its indexed copy; none if the copies disagree (an
    index written by another version of the folding tables)."""
    indexed, origins = index_text_with_origins(original)
    plain, spans = _unmark(marked)
    if plain != indexed:
        return ()
    mapped: list[Span] = []
    for start, end in spans:
        if end <= start:
            continue
        first, last = origins[start], origins[end - 1] + 1
        if mapped and first <= mapped[-1][1]:
            mapped[-1] = (mapped[-1][0], max(last, mapped[-1][1]))
        else:
            mapped.append((first, last))
    return tuple(mapped)


def _cut_start(text: str, first_match: int) -> int:
    start = max(0, first_match - SNIPPET_LEAD)
    if start == 0:
        return 0
    space = text.find(" ", start, first_match)
    return space + 1 if space != -1 and space - start < WORD_SLACK else start


def _cut_end(text: str, start: int, must_reach: int) -> int:
    end = min(len(text), max(start + SNIPPET_WIDTH, must_reach))
    if end == len(text):
        return end
    space = text.rfind(" ", must_reach, end)
    return space if space != -1 and end - space < WORD_SLACK else end


def make_snippet(original: str, spans: tuple[Span, ...]) -> Snippet:
    """About SNIPPET_WIDTH characters of `original` starting a little before the first span; the spans that
    fall inside it, as offsets into the snippet."""
    text = original.translate(_WHITESPACE_TO_SPACE)
    if not spans:
        end = _cut_end(text, 0, 0)
        return Snippet(text[:end], (), False, end < len(text))
    start = _cut_start(text, spans[0][0])
    end = _cut_end(text, start, spans[0][1])
    inside = tuple((s - start, e - start) for s, e in spans if s >= start and e <= end)
    return Snippet(text[start:end], inside, start > 0, end < len(text))
