"""Snippets cut from the ORIGINAL text around what the full-text index matched.

The index holds a folded, CJK-spaced copy ("技 术"), so its own snippet() would show that copy. Instead the
store asks FTS5's highlight() for match markers in the indexed copy, rebuilds the same copy in Python with
the offset each of its characters came from, and maps the markers back onto the original. This honours
everything the index matched — stems (battery → batteries), traditional ↔ simplified, phrases — without
re-implementing any of it.
"""

from __future__ import annotations

import re

from policywatch.store.results import Snippet
from policywatch.store.textfold import IndexOrigins, index_text

# Marker characters for highlight(): folded index text never contains control characters.
MARK_OPEN = "\x01"
MARK_CLOSE = "\x02"
SNIPPET_WIDTH = 200  # characters shown
SNIPPET_LEAD = 60  # characters kept before the first match
WORD_SLACK = 20  # how far to move a cut to avoid splitting a word

Span = tuple[int, int]
_WHITESPACE_TO_SPACE = str.maketrans({c: " " for c in "\t\n\r\x0b\x0c\u2028\u2029\x85"})
_MARKS = re.compile(f"([{MARK_OPEN}{MARK_CLOSE}])")


def _unmark(marked: str) -> tuple[str, list[Span]]:
    """The text without markers, and the spans the markers enclosed (offsets into that text)."""
    plain: list[str] = []
    spans: list[Span] = []
    start = length = 0
    for part in _MARKS.split(marked):
        if part == MARK_OPEN:
            start = length
        elif part == MARK_CLOSE:
            spans.append((start, length))
        else:
            plain.append(part)
            length += len(part)
    return "".join(plain), spans


def original_spans(original: str, marked: str, *, window: int | None = None) -> tuple[Span, ...]:
    """Spans of `original` that highlight() marked in its indexed copy; none if the copies disagree (an
    index written by another version of the folding tables). With `window`, only the spans that start
    within `window` characters after the end of the first (all a snippet can show): a long text is then
    mapped only that far."""
    plain, spans = _unmark(marked)
    if not spans or plain != index_text(original):
        return ()
    origins = IndexOrigins(original)
    mapped: list[Span] = []
    limit: int | None = None
    for start, end in spans:
        if end <= start:
            continue
        first = origins.origin(start)
        if limit is not None and first >= limit:
            break
        last = origins.origin(end - 1) + 1
        if mapped and first <= mapped[-1][1]:
            mapped[-1] = (mapped[-1][0], max(last, mapped[-1][1]))
        else:
            mapped.append((first, last))
        if window is not None and limit is None:
            limit = last + window
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


def hit_snippet(title: str, title_spans: tuple[Span, ...], body: str, marked_body: str) -> Snippet:
    """A hit's snippet: around the first match in the body, else around the match in the title (a snippet
    always shows a match when there is one), else the start of the body."""
    spans = original_spans(body, marked_body, window=SNIPPET_WIDTH)
    if spans or not title_spans:
        return make_snippet(body, spans)
    return make_snippet(title, title_spans)
