"""Any page that is not a brief or a Chinese government document → `Article` (news, digests, other
newsletters, report teasers, comments), so every ingested document has a record."""

from __future__ import annotations

import re

from policywatch.extract.bodies import extract_bodies
from policywatch.extract.companies import extract_companies
from policywatch.extract.dates import parse_date
from policywatch.extract.sectors import extract_sectors
from policywatch.extract.targets import extract_document_targets
from policywatch.parse.brief_layout import is_boilerplate
from policywatch.parse.brief_patterns import FRAME_LABEL, READ_TIME
from policywatch.parse.lines import clean_lines
from policywatch.records import Article, ReadDocument

# Labelled publication dates of a page ("date 2023-08-09", "Updated: January 12, 2022", "Published on …").
_PUBLISHED_LINE = re.compile(r"^\s*(?:date|updated|published(?: on)?|posted(?: on)?)\s*:?\s+(?P<rest>.+)$", re.I)
_HEAD_LINES = 8


def parse_article(doc: ReadDocument, *, kind: str = "news", series: str | None = None) -> Article:
    """An article record with title, published date, bodies, companies, sectors and targets."""
    lines = clean_lines(doc.text)
    title = doc.title or _title(lines)
    return Article(
        title=title,
        source=doc.source,
        kind=kind,
        series=series,
        published=_published(lines) or (doc.published if doc.source.format == "html" else None),
        bodies=(found := extract_bodies(doc.text)).ids,
        unknown_bodies=found.unknown,
        companies=extract_companies(doc.text),
        sectors=extract_sectors(doc.text),
        targets=extract_document_targets(doc.text, title=title),
        text=doc.text,
        language=doc.language,
    )


def _title(lines: list[str]) -> str | None:
    """The page's headline: after the read-time line or the page-frame labels when there are any (a photo
    caption comes before them), else a topic line "A + B + C", else the first line."""
    head = [x for x in lines if x][:_HEAD_LINES]
    read_time = next((i for i, line in enumerate(head[:6]) if READ_TIME.match(line)), None)
    frame = next((i for i, line in enumerate(head[:4]) if _is_frame(line)), None)
    start = read_time if read_time is not None else frame
    if start is not None:
        return next((line for line in head[start + 1 :] if not _is_frame(line) and len(line) <= 200), None)
    topic = next((line for line in head if " + " in line and len(line) <= 200), None)
    return topic or next((line for line in head if len(line) <= 200), None)


def _is_frame(line: str) -> bool:
    return bool(
        is_boilerplate(line) or READ_TIME.match(line) or _PUBLISHED_LINE.match(line) or FRAME_LABEL.match(line)
    )


def _published(lines: list[str]) -> str | None:
    for line in [x for x in lines if x][:_HEAD_LINES]:
        m = _PUBLISHED_LINE.match(line)
        if m and (iso := parse_date(m["rest"])):
            return iso
    return None
