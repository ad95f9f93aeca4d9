"""Stored text → HTML with marks: search matches (<mark>) and quantified targets inside key points.

Every piece of text is escaped first and only then wrapped in tags this module writes, so a document that
contains <script> shows it as text. Offsets come from the store (snippet matches) or the extractor (target
spans, relative to the text of the field the target names).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from policywatch.records import Entry, Target
from policywatch.store.results import Snippet

ELLIPSIS = "…"


@dataclass(frozen=True)
class Mark:
    """A stretch of text to wrap: offsets, a CSS class, an optional tooltip and link."""

    start: int
    end: int
    css: str = "match"
    title: str | None = None
    href: str | None = None


def _usable(marks: Iterable[Mark], length: int) -> list[Mark]:
    """Marks inside the text, in order, without overlaps (the first of two overlapping marks wins)."""
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        if 0 <= mark.start < mark.end <= length and (not kept or mark.start >= kept[-1].end):
            kept.append(mark)
    return kept


def _open_tag(mark: Mark) -> Markup:
    tag = Markup('<mark class="{}"').format(mark.css)
    if mark.title:
        tag += Markup(' title="{}"').format(mark.title)
    tag += Markup(">")
    if mark.href:
        tag += Markup('<a href="{}">').format(mark.href)
    return tag


def marked(text: str, marks: Iterable[Mark]) -> Markup:
    """`text` escaped, with each usable mark wrapped in <mark> (and a link when it has one)."""
    parts: list[Markup] = []
    cursor = 0
    for mark in _usable(marks, len(text)):
        parts += [escape(text[cursor : mark.start]), _open_tag(mark), escape(text[mark.start : mark.end])]
        parts.append(Markup("</a></mark>") if mark.href else Markup("</mark>"))
        cursor = mark.end
    parts.append(escape(text[cursor:]))
    return Markup("").join(parts)


def marked_matches(text: str, matches: Sequence[tuple[int, int]]) -> Markup:
    """A title or text with the search matches marked."""
    return marked(text, (Mark(start, end) for start, end in matches))


def marked_snippet(snippet: Snippet) -> Markup:
    """A search snippet with its matches marked and an ellipsis where it was cut."""
    body = marked_matches(snippet.text, snippet.matches)
    return (ELLIPSIS if snippet.clipped_start else "") + body + (ELLIPSIS if snippet.clipped_end else "")


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def target_title(target: Target) -> str:
    """A tooltip for a marked target: 'installed capacity > 120 GW by 2027'."""
    comparator = "" if target.comparator == "=" else f"{target.comparator} "
    year = f" by {target.year}" if target.year else ""
    change = f" ({target.direction})" if target.kind == "change" and target.direction else ""
    return f"{target.metric}: {comparator}{_number(target.value)} {target.unit}{change}{year}"


def target_marks(targets: Sequence[Target], ledger_ids: Sequence[int | None]) -> dict[str, list[Mark]]:
    """Field name ("key_points[0]", "summary", …) → the marks of the targets stated in it; each links to its
    ledger target when the ledger matched it."""
    marks: dict[str, list[Mark]] = {}
    for index, target in enumerate(targets):
        ledger_id = ledger_ids[index] if index < len(ledger_ids) else None
        href = f"/targets/{ledger_id}" if ledger_id is not None else None
        mark = Mark(target.span[0], target.span[1], "target", target_title(target), href)
        marks.setdefault(target.field, []).append(mark)
    return marks


@dataclass(frozen=True)
class MarkedEntry:
    """An entry's text fields as HTML, with their targets marked."""

    summary: Markup
    key_points: tuple[Markup, ...]
    comment: tuple[Markup, ...]
    text: Markup


def mark_entry(entry: Entry, ledger_ids: Sequence[int | None]) -> MarkedEntry:
    """The entry's summary, key points, comment and news text with every target marked in place."""
    marks = target_marks(entry.targets, ledger_ids)
    return MarkedEntry(
        summary=marked(entry.summary, marks.get("summary", ())),
        key_points=tuple(marked(point, marks.get(f"key_points[{i}]", ())) for i, point in enumerate(entry.key_points)),
        comment=tuple(marked(para, marks.get(f"comment[{i}]", ())) for i, para in enumerate(entry.comment)),
        text=marked(entry.text, marks.get("text", ())),
    )


def mark_text(text: str, targets: Sequence[Target], ledger_ids: Sequence[int | None], field: str = "text") -> Markup:
    """A document's text with the targets stated in `field` marked."""
    return marked(text, target_marks(targets, ledger_ids).get(field, ()))
