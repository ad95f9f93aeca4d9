"""Locating the parts of a brief in its cleaned lines: header, items, Noteworthy news and people.

The result is a `BriefLayout` of line ranges and raw strings; brief.py turns it into records. Keeping the two
apart lets each rendering quirk (no "Top 5" line, a topic list, paywall text, no blank lines) be handled in
one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policywatch.parse.brief_patterns import (
    AT_A_GLANCE,
    AUTHORS_HEADING,
    BRIEFS_LINE,
    CONTENTS_HEADING,
    CONTENTS_LINE,
    CORPORATE_NEWS_HEADING,
    EDITORS_HEADING,
    META_DATE_LINE,
    NOTEWORTHY_HEADING,
    NUMBERED_HEADLINE,
    PAYWALL,
    POLICY_NEWS_HEADING,
    READ_TIME,
    SERIES_LINE,
    TOP5_HEADING,
    TOPIC_LIST_INTRO,
)
from policywatch.parse.lines import is_bullet, strip_bullet

_MAX_HEADLINE_LINES = 3


@dataclass(frozen=True)
class ItemSpan:
    rank: int | None
    headline: str
    start: int  # index of the "At a glance" line
    end: int  # exclusive


@dataclass
class BriefLayout:
    header_end: int
    items: list[ItemSpan] = field(default_factory=list)
    noteworthy: tuple[int, int] | None = None
    people: tuple[int, int] | None = None
    contents: list[str] = field(default_factory=list)


def is_boilerplate(line: str) -> bool:
    """Lines of a web page's frame: series label, "MERICS Briefs", read time, a metadata date line."""
    return bool(
        SERIES_LINE.match(line) or BRIEFS_LINE.match(line) or READ_TIME.match(line) or META_DATE_LINE.match(line)
        or TOP5_HEADING.match(line) or line.rstrip(":").lower().endswith("china industries")
    )


def glance_lines(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if AT_A_GLANCE.match(line)]


def _previous_nonblank(lines: list[str], index: int, floor: int) -> list[int]:
    """Indices of the consecutive non-blank lines just before `index` (nearest last), at most a headline's."""
    found: list[int] = []
    i = index - 1
    while i >= floor and not lines[i]:
        i -= 1
    while i >= floor and lines[i] and len(found) < _MAX_HEADLINE_LINES:
        found.insert(0, i)
        i -= 1
    return found


def headline_before(lines: list[str], glance: int, floor: int) -> tuple[int | None, str, int]:
    """(rank, headline, first line index) of the item whose "At a glance" line is at `glance`."""
    candidates = _previous_nonblank(lines, glance, floor)
    numbered = [i for i in candidates if NUMBERED_HEADLINE.match(lines[i])]
    if numbered:
        first = numbered[-1]
        m = NUMBERED_HEADLINE.match(lines[first])
        assert m is not None
        rest = " ".join(lines[i] for i in candidates if i > first)
        return int(m["rank"]), f"{m['headline']} {rest}".strip(), first
    usable = [i for i in candidates if not is_boilerplate(lines[i]) and not is_bullet(lines[i])]
    if not usable or usable[-1] != candidates[-1]:
        return None, "", glance
    # an unnumbered headline is a single short line that does not end like a sentence
    last = usable[-1]
    if len(lines[last]) > 200 or lines[last].endswith((".", ":")):
        return None, "", glance
    return None, lines[last], last


def find_section_heading(lines: list[str], start: int, pattern_name: str) -> int | None:
    pattern = {"noteworthy": NOTEWORTHY_HEADING, "authors": AUTHORS_HEADING, "editors": EDITORS_HEADING}[pattern_name]
    return next((i for i in range(start, len(lines)) if pattern.match(lines[i])), None)


def locate(lines: list[str]) -> BriefLayout:
    """Find the header, the items, the Noteworthy block and the people block."""
    glances = glance_lines(lines)
    starts: list[tuple[int | None, str, int, int]] = []
    floor = 0
    for g in glances:
        rank, headline, first = headline_before(lines, g, floor)
        starts.append((rank, headline, first, g))
        floor = g + 1
    first_item = starts[0][2] if starts else len(lines)
    noteworthy = find_section_heading(lines, first_item if starts else 0, "noteworthy")
    people_at = _people_start(lines, first_item if starts else 0)
    body_end = min(x for x in (noteworthy, people_at, len(lines)) if x is not None)
    layout = BriefLayout(header_end=first_item)
    for n, (rank, headline, _first, g) in enumerate(starts):
        end = starts[n + 1][2] if n + 1 < len(starts) else body_end
        layout.items.append(ItemSpan(rank, headline, g, max(end, g + 1)))
    if noteworthy is not None:
        layout.noteworthy = (noteworthy + 1, people_at if people_at and people_at > noteworthy else len(lines))
    if people_at is not None:
        layout.people = (people_at, len(lines))
    layout.contents = contents_headlines(lines[:first_item])
    return layout


def _people_start(lines: list[str], start: int) -> int | None:
    found = [x for x in (find_section_heading(lines, start, "authors"), find_section_heading(lines, start, "editors"))
             if x is not None]
    return min(found) if found else None


def contents_headlines(header: list[str]) -> list[str]:
    """Headlines announced before item 1: a contents page ("1. Title.....2") or a topic list."""
    out: list[str] = []
    in_contents = False
    for line in header:
        if CONTENTS_HEADING.match(line) or TOPIC_LIST_INTRO.search(line):
            in_contents = True
            continue
        if not in_contents or not line:
            continue
        dotted = CONTENTS_LINE.match(line)
        text = dotted["headline"] if dotted else line
        numbered = NUMBERED_HEADLINE.match(strip_bullet(text) if is_bullet(text) else text)
        if numbered:
            out.append(numbered["headline"].strip())
        elif PAYWALL.search(line) or (not dotted and out and not _looks_like_section_label(line)):
            in_contents = False
    return out


def _looks_like_section_label(line: str) -> bool:
    return bool(
        TOP5_HEADING.match(line) or NOTEWORTHY_HEADING.match(line) or POLICY_NEWS_HEADING.match(line)
        or CORPORATE_NEWS_HEADING.match(line)
    )
