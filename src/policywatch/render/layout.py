"""The house layout in words: how dates, the cover line, series lines and news lines are written. Shared by
the text, HTML and PDF renderers so that each writes what the brief parser reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from policywatch.records import Period
from policywatch.render.records import BriefDraft, DraftItem, DraftNews

SERIES_NAME = "China Industries"
CONTENTS_LEADER = "....."


def _date(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def long_date(iso: str | None) -> str:
    """2022-10-25 → "October 25, 2022" (an unparseable date is kept as written)."""
    day = _date(iso)
    return f"{day:%B} {day.day}, {day.year}" if day else (iso or "")


def month_day(iso: str | None) -> str:
    """2022-10-25 → "October 25"."""
    day = _date(iso)
    return f"{day:%B} {day.day}" if day else (iso or "")


def cover_line(published: str | None, period: Period) -> str:
    """"DECEMBER 7, 2022 (REPORTING PERIOD: OCTOBER 25 - NOVEMBER 29)"."""
    reporting = f"(REPORTING PERIOD: {month_day(period.start)} - {month_day(period.end)})".upper()
    return f"{long_date(published or period.end).upper()} {reporting}"


def series_lines(series: str) -> tuple[str, ...]:
    """The masthead: a publisher line (if any) above the series name."""
    publisher, found, _rest = series.partition(SERIES_NAME)
    if found and publisher.strip():
        return (publisher.strip().upper(), SERIES_NAME)
    return (series,)


def news_line(news: DraftNews) -> str:
    """"October 26: text (source label)" (without the bullet)."""
    label = f" ({news.source_label})" if news.source_label else ""
    prefix = f"{month_day(news.date)}: " if news.date else ""
    return f"{prefix}{news.text}{label}"


def article_line(item: DraftItem) -> str | None:
    """"Article: English title (中文标题) (Link)" or None when the item names no document."""
    doc = item.document
    if doc is None or not (doc.title_en or doc.title_zh):
        return None
    titles = " ".join(t for t in (doc.title_en, f"({doc.title_zh})" if doc.title_zh else None) if t)
    return f"Article: {titles} (Link)"


def bodies_line(item: DraftItem) -> str | None:
    """"Issuing body: MOST" / "Issuing bodies: MIIT, SAMR"."""
    bodies = item.document.bodies if item.document else ()
    if not bodies:
        return None
    return f"Issuing {'body' if len(bodies) == 1 else 'bodies'}: {', '.join(bodies)}"


def title_of(draft: BriefDraft) -> str | None:
    """The cover title: as given, else nothing (the parser reads "A + B + C" titles only)."""
    return draft.title


@dataclass(frozen=True)
class ContentsLine:
    """One line of the contents: its text, the anchor it points to and the page the text layout gives it."""

    text: str
    anchor: str
    page: int


def contents(draft: BriefDraft, top_label: str) -> tuple[ContentsLine, ...]:
    """The contents: the Top heading, one line per item (one page each, as the house layout does), Noteworthy."""
    lines = [ContentsLine(top_label, "top", 2)]
    lines += [ContentsLine(f"{n}. {item.headline}", f"item-{n}", n + 1) for n, item in enumerate(draft.top, 1)]
    lines.append(ContentsLine("NOTEWORTHY", "noteworthy", len(draft.top) + 2))
    return tuple(lines)


def top_label(draft: BriefDraft) -> str:
    """"TOP 5" (or "MERICS TOP 5" for the MERICS series)."""
    publisher = series_lines(draft.series)
    prefix = f"{publisher[0]} " if len(publisher) == 2 else ""
    return f"{prefix}TOP {len(draft.top)}"
