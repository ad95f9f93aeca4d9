"""An analyst brief (MERICS China Industries and briefs laid out like it) → `Brief`.

Handles the renderings seen in the wild: PDF editions with a cover date and contents page, web editions with a
photo caption, "MERICS Briefs" and read-time lines (English or German), a topic list and paywall text before
item 1, "Top 5" spelled several ways or absent, "•" or "- " bullets, blank lines or none, items without a
number, and excerpts cut off mid-sentence.
"""

from __future__ import annotations

from policywatch.extract.dates import DateContext, month_number, parse_date, resolve_month_day
from policywatch.extract.entries import enrich_brief
from policywatch.parse.brief_items import parse_item, parse_news
from policywatch.parse.brief_layout import BriefLayout, is_boilerplate, locate
from policywatch.parse.brief_patterns import (
    BRIEFS_LINE,
    CONTENTS_HEADING,
    COVER_DATE,
    META_DATE_LINE,
    NUMBERED_HEADLINE,
    PAYWALL,
    TOPIC_LIST_AUTHORS,
    TOPIC_LIST_INTRO,
)
from policywatch.parse.brief_people import parse_people, people_from_names
from policywatch.parse.lines import clean_lines, ends_paragraph, is_bullet
from policywatch.records import Brief, Entry, Period, Person, ReadDocument

SERIES_CHINA_INDUSTRIES = "MERICS China Industries"


def parse_brief(doc: ReadDocument, *, series: str = SERIES_CHINA_INDUSTRIES) -> Brief:
    """Parse a brief's text into a `Brief` record with extracted bodies, companies, sectors and targets."""
    lines = clean_lines(doc.text)
    layout = locate(lines)
    header = lines[: layout.header_end]
    published, period = _cover_dates(header)
    context = DateContext(period.start if period else None, period.end if period else None,
                          published or _meta_date(header) or _page_date(doc))
    entries = _top_entries(lines, layout) + _news_entries(lines, layout, context)
    people = _people(lines, layout, header)
    brief = Brief(
        series=series, title=_title(header), published=published or _meta_date(header) or _page_date(doc),
        period=period,
        contents=tuple(layout.contents), entries=tuple(entries), people=tuple(people),
        truncated=_is_truncated(lines, layout, entries), source=doc.source, language=doc.language,
    )
    return enrich_brief(brief)


def _top_entries(lines: list[str], layout: BriefLayout) -> list[Entry]:
    return [parse_item(lines[span.start : span.end], span.rank, span.headline) for span in layout.items]


def _news_entries(lines: list[str], layout: BriefLayout, context: DateContext) -> list[Entry]:
    if layout.noteworthy is None:
        return []
    start, end = layout.noteworthy
    return parse_news(lines[start:end], context)


def _people(lines: list[str], layout: BriefLayout, header: list[str]) -> list[Person]:
    found = parse_people(lines[layout.people[0] : layout.people[1]]) if layout.people else []
    if found:
        return found
    for line in header:
        m = TOPIC_LIST_AUTHORS.search(line)
        if m:
            return people_from_names(m["names"])
    return []


def _cover_dates(header: list[str]) -> tuple[str | None, Period | None]:
    """ "DECEMBER 7, 2022 (REPORTING PERIOD: OCTOBER 25 - NOVEMBER 29)" → published date and period."""
    for line in header:
        m = COVER_DATE.match(line)
        if not m:
            continue
        published = parse_date(m["published"])
        if not published or not m["start"]:
            return published, None
        return published, _period(m["start"], m["end"], published)
    return None, None


def _period(start_text: str, end_text: str, published: str) -> Period | None:
    """Resolve "October 25" – "November 29" against the publication date; a period may cross a new year."""
    end = resolve_month_day(*_month_day(end_text), DateContext(published=published))
    if end is None:
        return None
    start = resolve_month_day(*_month_day(start_text), DateContext(published=end))
    return Period(start, end)


def _month_day(text: str) -> tuple[int, int]:
    month_name, day = text.replace(".", " ").split()[:2]
    return month_number(month_name) or 0, int(day)


def _meta_date(header: list[str]) -> str | None:
    for line in header:
        m = META_DATE_LINE.match(line)
        if m:
            return parse_date(m["date"])
    return None


def _page_date(doc: ReadDocument) -> str | None:
    """A web page's own publication date (HTML metadata); a PDF's file date says when the file was made."""
    return doc.published if doc.source.format == "html" else None


def _title(header: list[str]) -> str | None:
    """The topic line ("A + B + C") or, failing that, the first line after the page frame."""
    candidates = [line for line in header if line and not is_boilerplate(line)]
    for line in candidates:
        if " + " in line and len(line) < 200 and not NUMBERED_HEADLINE.match(line):
            return line
    frame_end = max((i for i, line in enumerate(header) if is_boilerplate(line) or BRIEFS_LINE.match(line)),
                    default=-1)
    for line in header[frame_end + 1 :]:
        if not line or COVER_DATE.match(line) or CONTENTS_HEADING.match(line):
            continue
        if TOPIC_LIST_INTRO.search(line) or PAYWALL.search(line) or NUMBERED_HEADLINE.match(line):
            return None
        return line if len(line) < 200 and not ends_paragraph(line.rstrip(")")) else None
    return None


def _is_truncated(lines: list[str], layout: BriefLayout, entries: list[Entry]) -> bool:
    """A brief is cut off when it announces more items than it holds, or stops mid-item or mid-sentence."""
    top = [e for e in entries if e.section == "top"]
    if layout.contents and len(top) < len(layout.contents):
        return True
    if layout.noteworthy is not None or (layout.people and parse_people(lines[layout.people[0] : layout.people[1]])):
        return False
    if not top:
        return True
    last = top[-1]
    if last.documents or last.date:
        return False  # the item reached its closing document lines
    if not last.comment:
        return True
    tail = next((line for line in reversed(lines) if line and not is_boilerplate(line)), "")
    return not ends_paragraph(tail) and not is_bullet(tail)


__all__ = ["SERIES_CHINA_INDUSTRIES", "parse_brief"]
