"""Drafting a brief: collect the period's stored entries and policies and propose the Top N.

Importance score of a candidate (weights in score_weights.py; documented in docs/composer.md)::

    score = body_rank                                    # highest-ranked issuer: State Council / CPC Central
                                                         #   Committee 3, ministry 2, administration 1.5,
                                                         #   other registered body 1, unknown 0.5, none 0
          + min(0.5 × (issuers − 1), 2)                  # joint issuers
          + min(0.5 × targets + 0.25 × key_points, 3)    # quantified targets and analyst key points
          + min(2 × watched_sectors, 4)                  # sectors on the watchlists given
          − 4 if the item was a Top entry of an earlier brief (novelty)
          − 2 if the candidate is a one-line Noteworthy mention

Candidates are the entries of stored briefs dated in the period (an entry's date, else its brief's
publication date) and the stored policies published (or written) in the period. A policy linked to a
candidate entry (asserted link, or the same Chinese title) is the same item: the entry, written by a
person, is kept. The Top N are the best-scoring candidates; the news lines of the period, not chosen
for the Top, fill the Noteworthy lists. Ties keep the older item first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from policywatch.link.listing import links_for_policy, list_policies
from policywatch.records import Brief, Entry, Period, Person, Policy
from policywatch.registry.bodies import lookup as lookup_body
from policywatch.render import score_weights as w
from policywatch.render.draft_text import drafted_summary
from policywatch.render.records import BriefDraft, DraftDocument, DraftItem, DraftNews
from policywatch.store import Store

_FOLD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class _Candidate:
    item: DraftItem
    date: str
    bodies: tuple[str, ...]
    sectors: tuple[str, ...]
    targets: int
    key_points: int
    news: DraftNews | None  # set for a Noteworthy line
    news_section: str | None
    keys: frozenset[str]


def _fold(text: str | None) -> str:
    return _FOLD.sub("", text or "").casefold()


def _document_keys(entry: Entry) -> frozenset[str]:
    doc = entry.document
    return _keys(doc.title_zh if doc else None, doc.title_en if doc else None, entry.headline)


def _keys(*texts: str | None) -> frozenset[str]:
    return frozenset(k for k in (_fold(t) for t in texts) if k)


def _in_period(date: str | None, start: str, end: str) -> bool:
    return date is not None and start <= date[:10] <= end


def body_rank(body: str) -> float:
    """The rank of one issuing body (a registry id or name) by its kind in the registry."""
    found = lookup_body(body)
    if found is None:
        return w.UNKNOWN_BODY_RANK
    return w.BODY_ID_RANK.get(found.id, w.BODY_KIND_RANK.get(found.kind, w.OTHER_BODY_RANK))


def importance(candidate: _Candidate, watched: frozenset[str], repeated: bool) -> tuple[float, tuple[str, ...]]:
    """The importance score of a candidate and the reasons that make it up."""
    parts = {
        "issuer rank": max((body_rank(b) for b in candidate.bodies), default=0.0),
        "joint issuers": min(w.JOINT_ISSUER_BONUS * max(len(candidate.bodies) - 1, 0), w.JOINT_ISSUER_CAP),
        "targets": min(w.TARGET_WEIGHT * candidate.targets + w.KEY_POINT_WEIGHT * candidate.key_points,
                       w.SUBSTANCE_CAP),
        "watched sectors": min(w.WATCH_SECTOR_WEIGHT * len(watched & set(candidate.sectors)), w.WATCH_SECTOR_CAP),
        "earlier Top entry": -w.REPEAT_PENALTY if repeated else 0.0,
        "news line": -w.NEWS_LINE_PENALTY if candidate.news else 0.0,
    }
    reasons = tuple(f"{name} {value:+g}" for name, value in parts.items() if value)
    return round(sum(parts.values()), 3), reasons


def _document(entry: Entry) -> DraftDocument | None:
    doc = entry.document
    if doc is None:
        return None
    return DraftDocument(doc.title_en, doc.title_zh, doc.bodies, doc.date, doc.url)


def _entry_candidate(entry_id: int, entry: Entry, date: str) -> _Candidate:
    doc = entry.document
    news = None
    if entry.section != "top":
        news = DraftNews(text=entry.text or entry.headline, date=entry.date, source_label=entry.source_label)
    item = DraftItem(headline=entry.headline, summary=entry.summary, key_points=entry.key_points,
                     comment=entry.comment, document=_document(entry), origin=f"entry:{entry_id}")
    return _Candidate(item, date, entry.bodies or (doc.bodies if doc else ()), entry.sectors, len(entry.targets),
                      len(entry.key_points), news, None if news is None else entry.section,
                      _document_keys(entry))


def _policy_candidate(record_id: int, policy: Policy, date: str) -> _Candidate:
    headline = policy.title_en or policy.title_zh or "(untitled policy)"
    points = tuple(t.text for t in policy.targets[: w.DRAFTED_KEY_POINTS])
    fields = ("headline", "summary", "key_points") if policy.title_en is None else ("summary", "key_points")
    item = DraftItem(headline=headline, summary=drafted_summary(policy), key_points=points,
                     document=DraftDocument(policy.title_en, policy.title_zh, policy.bodies, date),
                     machine_drafted=fields if points else tuple(f for f in fields if f != "key_points"),
                     origin=f"policy:{record_id}")
    return _Candidate(item, date, policy.bodies, policy.sectors, len(policy.targets), 0, None, None,
                      _keys(policy.title_zh, policy.title_en))


def _stored_briefs(store: Store) -> list[tuple[Brief, tuple[int, ...]]]:
    found = []
    for summary in store.briefs():
        stored = store.get_record(summary.id)
        if isinstance(stored.record, Brief):
            found.append((stored.record, stored.entry_ids))
    return found


def _earlier_top_keys(briefs: Sequence[tuple[Brief, tuple[int, ...]]], start: str) -> frozenset[str]:
    """Keys of every Top entry in briefs published before the period starts."""
    keys: set[str] = set()
    for brief, _ids in briefs:
        if brief.published and brief.published < start:
            for entry in brief.entries:
                if entry.section == "top":
                    keys |= _document_keys(entry)
    return frozenset(keys)


def _entry_candidates(briefs: Sequence[tuple[Brief, tuple[int, ...]]], start: str, end: str) -> list[_Candidate]:
    found = []
    for brief, ids in briefs:
        for entry_id, entry in zip(ids, brief.entries, strict=False):
            date = entry.date or brief.published
            if _in_period(date, start, end):
                found.append(_entry_candidate(entry_id, entry, (date or "")[:10]))
    return found


def _linked_entry_ids(store: Store, record_id: int) -> set[int]:
    try:
        return {link.entry_id for link in links_for_policy(store, record_id) if link.status == "asserted"}
    except Exception:  # a store without link tables (links never computed): titles still deduplicate
        return set()


def _policy_candidates(store: Store, start: str, end: str, entries: Sequence[_Candidate]) -> list[_Candidate]:
    entry_ids = {int(c.item.origin.split(":")[1]) for c in entries}
    entry_keys = frozenset().union(*(c.keys for c in entries)) if entries else frozenset()
    found = []
    for summary in list_policies(store, since=start):
        date = summary.date_published or summary.date_written
        if not _in_period(date, start, end) or _linked_entry_ids(store, summary.id) & entry_ids:
            continue
        policy = store.get_record(summary.id).record
        if isinstance(policy, Policy):
            candidate = _policy_candidate(summary.id, policy, (date or "")[:10])
            if not candidate.keys & entry_keys:
                found.append(candidate)
    return found


def _days_apart(a: str, b: str) -> int:
    return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)


def _people(briefs: Sequence[tuple[Brief, tuple[int, ...]]], end: str) -> tuple[Person, ...]:
    """The authors and editors of the brief published closest to the period's end (a starting point)."""
    dated = [b for b, _ in briefs if b.published and b.people]
    return min(dated, key=lambda b: _days_apart(b.published or end, end)).people if dated else ()


def draft_brief(store: Store, *, start: str, end: str, top: int = 5, series: str | None = None,
                watch_sectors: Iterable[str] = ()) -> BriefDraft:
    """Propose a brief for the period `start`..`end` (ISO dates): the `top` best-scoring items as Top
    entries (score in the module docstring), the period's news lines as Noteworthy lists."""
    briefs = _stored_briefs(store)
    if series:
        briefs = [(b, ids) for b, ids in briefs if b.series == series] or briefs
    entries = _entry_candidates(briefs, start, end)
    candidates = entries + _policy_candidates(store, start, end, entries)
    ranked = _ranked(candidates, frozenset(watch_sectors), _earlier_top_keys(briefs, start))
    chosen, rest = ranked[:top], ranked[top:]
    news = sorted((c for c in rest if c.news), key=lambda c: c.date)
    return BriefDraft(
        series=series or (briefs[0][0].series if briefs else "China Industries"),
        period=Period(start, end),
        top=tuple(c.item for c in chosen),
        policy_news=tuple(c.news for c in news if c.news and c.news_section == "policy_news"),
        corporate_news=tuple(c.news for c in news if c.news and c.news_section == "corporate_news"),
        people=_people(briefs, end),
        candidates=tuple(c.item for c in rest if not c.news),
    )


def _ranked(candidates: Sequence[_Candidate], watched: frozenset[str], earlier: frozenset[str]) -> list[_Candidate]:
    scored = []
    for candidate in sorted(candidates, key=lambda c: c.date):
        score, reasons = importance(candidate, watched, bool(candidate.keys & earlier))
        scored.append(replace(candidate, item=replace(candidate.item, score=score, reasons=reasons)))
    return sorted(scored, key=lambda c: -c.item.score)
