"""`extract()` for briefs: one place that composes the per-field extractors over a brief's entries.

Bodies, companies, sectors and targets are each found by their own extractor; this module decides which parts
of an entry each one reads (a MERICS comment is analysis, so its numbers are not the policy's targets).
"""

from __future__ import annotations

import re
from dataclasses import replace

from policywatch.extract.bodies import extract_bodies
from policywatch.extract.companies import extract_companies
from policywatch.extract.sectors import extract_sectors
from policywatch.extract.targets import extract_targets
from policywatch.records import Brief, DocumentRef, Entry, Target

_PLAN_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*[-–—~至]\s*((?:19|20)\d\d)\b")
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)")


def enrich_brief(brief: Brief) -> Brief:
    """The brief with every entry's bodies, companies, sectors and targets filled in."""
    entries = tuple(enrich_entry(e) for e in brief.entries)
    headlines = {_norm(e.headline) for e in entries}
    announced = tuple(
        t
        for i, headline in enumerate(brief.contents)
        if _norm(headline) not in headlines
        for t in extract_targets(headline, field=f"contents[{i}]")
    )
    return replace(brief, entries=entries, targets=announced)


def enrich_entry(entry: Entry) -> Entry:
    if entry.section == "top":
        return _enrich_top(entry)
    return _enrich_news(entry)


def _enrich_top(entry: Entry) -> Entry:
    document = _document_with_bodies(entry)
    acting = extract_bodies("\n".join((entry.summary, *entry.key_points, *entry.comment)))
    bodies = _unique((*(document.bodies if document else ()), *acting.ids))
    plain = "\n".join((entry.headline, entry.summary, *entry.key_points))
    return replace(
        entry,
        document=document,
        documents=(document, *entry.documents[1:]) if document and entry.documents else entry.documents,
        bodies=bodies,
        unknown_bodies=_unique((*entry.unknown_bodies, *acting.unknown)),
        companies=extract_companies("\n".join((plain, *entry.comment))),
        sectors=extract_sectors(plain),
        targets=_top_targets(entry, document),
    )


def _document_with_bodies(entry: Entry) -> DocumentRef | None:
    """The entry's document; when no "Issuing body" line named its issuers, those of the first sentence."""
    document = entry.document
    if document and document.bodies:
        return document
    m = _FIRST_SENTENCE.match(entry.summary)
    issuers = extract_bodies(m.group(1) if m else entry.summary).ids
    if document:
        return replace(document, bodies=issuers)
    return DocumentRef(bodies=issuers, date=entry.date) if issuers else None


def _top_targets(entry: Entry, document: DocumentRef | None) -> tuple[Target, ...]:
    period = _plan_period(document)
    found = list(extract_targets(entry.summary, field="summary", plan_period=period))
    for i, point in enumerate(entry.key_points):
        found.extend(extract_targets(point, field=f"key_points[{i}]", lead_in=entry.summary, plan_period=period))
    return tuple(found)


def _plan_period(document: DocumentRef | None) -> tuple[int, int] | None:
    for title in (document.title_en, document.title_zh) if document else ():
        m = _PLAN_PERIOD.search(title or "")
        if m:
            return int(m.group(1)), int(m.group(2))
    return None


def _enrich_news(entry: Entry) -> Entry:
    labelled = f"{entry.text} ({entry.source_label})" if entry.source_label else entry.text
    bodies = extract_bodies(labelled)
    corporate = entry.section == "corporate_news"
    return replace(
        entry,
        bodies=bodies.ids,
        unknown_bodies=bodies.unknown,
        companies=extract_companies(entry.text),
        sectors=extract_sectors(entry.text),
        targets=extract_targets(entry.text, field="text", corporate=corporate),
    )


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()
