"""Dates in English and Chinese text, as ISO strings.

Partial dates ("November 18", "11月17日") are resolved only against a context that pins the year (a brief's
reporting period or publication date); without one the year stays unknown and the function says so by
returning None rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import cn2an

from policywatch.extract.patterns import (
    EN_DAY_MONTH_YEAR,
    EN_MONTH_DAY,
    EN_MONTH_DAY_YEAR,
    ISO_DATE,
    MONTHS,
    ZH_FULL_DATE,
    ZH_MONTH_DAY,
    ZH_NUMERAL_DATE,
)


@dataclass(frozen=True)
class DateContext:
    """What pins the year of a partial date: a reporting period and/or a publication date (ISO)."""

    start: str | None = None
    end: str | None = None
    published: str | None = None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def parse_date(text: str) -> str | None:
    """The first full date (year, month, day) in `text`, in English, Chinese or ISO form."""
    found = find_full_dates(text)
    return found[0][1] if found else None


def find_full_dates(text: str) -> list[tuple[int, str]]:
    """Every full date in `text` as (offset, ISO date), in order of appearance."""
    hits: list[tuple[int, str]] = []
    for m in EN_MONTH_DAY_YEAR.finditer(text):
        month = month_number(m["month"])
        iso = _iso(int(m["year"]), month, int(m["day"])) if month else None
        if iso:
            hits.append((m.start(), iso))
    for m in EN_DAY_MONTH_YEAR.finditer(text):
        month = month_number(m["month"])
        iso = _iso(int(m["year"]), month, int(m["day"])) if month else None
        if iso:
            hits.append((m.start(), iso))
    for m in ZH_FULL_DATE.finditer(text):
        iso = _iso(int(m["year"]), int(m["month"]), int(m["day"]))
        if iso:
            hits.append((m.start(), iso))
    for m in ZH_NUMERAL_DATE.finditer(text):
        iso = _zh_numeral_date(m["year"], m["month"], m["day"])
        if iso:
            hits.append((m.start(), iso))
    for m in ISO_DATE.finditer(text):
        iso = _iso(int(m["year"]), int(m["month"]), int(m["day"]))
        if iso:
            hits.append((m.start(), iso))
    hits.sort()
    return _drop_overlaps(hits)


def _drop_overlaps(hits: list[tuple[int, str]]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for offset, iso in hits:
        if out and out[-1][0] == offset:
            continue
        out.append((offset, iso))
    return out


def _zh_numeral_date(year: str, month: str, day: str) -> str | None:
    digits = "".join(str(cn2an.cn2an(ch, "smart")) if ch != "〇" else "0" for ch in year)
    try:
        return _iso(int(digits), int(cn2an.cn2an(month, "smart")), int(cn2an.cn2an(day, "smart")))
    except (ValueError, TypeError):
        return None


def resolve_month_day(month: int, day: int, context: DateContext) -> str | None:
    """The ISO date of a year-less "November 18" inside `context`; None when no year can be pinned.

    A period that crosses a new year (December 20 – January 15) puts December in the start year and
    January in the end year. Without a period, the publication date pins the year: a month after the
    publication month belongs to the year before.
    """
    if context.start and context.end:
        start, end = date.fromisoformat(context.start), date.fromisoformat(context.end)
        for year in range(start.year, end.year + 1):
            iso = _iso(year, month, day)
            if iso and context.start <= iso <= context.end:
                return iso
        # a news line just outside the period: take the year whose date lies nearest the period
        candidates = [iso for y in {start.year, end.year} if (iso := _iso(y, month, day))]
        return min(candidates, key=lambda d: _distance(d, context.start or "", context.end or ""), default=None)
    if context.published:
        pub = date.fromisoformat(context.published)
        year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
        return _iso(year, month, day)
    return None


def _distance(iso: str, start: str, end: str) -> int:
    d, s, e = date.fromisoformat(iso), date.fromisoformat(start), date.fromisoformat(end)
    return 0 if s <= d <= e else min(abs((d - s).days), abs((d - e).days))


def parse_month_day(text: str, context: DateContext) -> str | None:
    """A full date in `text`, else a year-less English or Chinese month-day resolved in `context`."""
    full = parse_date(text)
    if full:
        return full
    m = EN_MONTH_DAY.search(text)
    if m and (month := month_number(m["month"])):
        return resolve_month_day(month, int(m["day"]), context)
    z = ZH_MONTH_DAY.search(text)
    if z:
        return resolve_month_day(int(z["month"]), int(z["day"]), context)
    return None
