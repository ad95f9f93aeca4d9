"""Scoring one entry against one policy, and choosing which of an entry's candidates are asserted. Pure.

A candidate is asserted when the evidence names the document (same title, same 发文字号) or, for a fuzzy
title or text similarity, when it is strong and nothing speaks against it (numbers in the titles, issuing
bodies, dates). Each document an entry names gets at most one asserted original; the rest are proposed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from policywatch.link import thresholds as t
from policywatch.link.records import Link, Method
from policywatch.link.subjects import EntrySide, PolicySide, after_brief, nearest_days
from policywatch.link.titles import TitleMatch, match_english_titles, match_titles, same_doc_number

_SEMANTIC_GROUP = -1  # candidates from text similarity compete with each other, not with title matches


@dataclass(frozen=True)
class Candidate:
    """A possible link, before the entry's candidates are weighed against each other. `group`: the index
    of the named document the evidence came from (_SEMANTIC_GROUP for text similarity)."""

    record_id: int
    method: Method
    score: float
    reason: str
    assertable: bool
    group: int
    days: int | None = None


def shared_bodies(entry: EntrySide, policy: PolicySide) -> tuple[str, ...]:
    """Issuing bodies both name, in the entry's order."""
    return tuple(b for b in entry.bodies if b in policy.bodies)


def bodies_conflict(entry: EntrySide, policy: PolicySide) -> bool:
    """Both name issuing bodies and none in common."""
    return bool(entry.bodies and policy.bodies and not shared_bodies(entry, policy))


def _number_candidate(entry: EntrySide, policy: PolicySide) -> Candidate | None:
    own = policy.doc_number
    if not own:
        return None
    if any(same_doc_number(found, own) for found in entry.numbers_in_titles):
        return Candidate(policy.record_id, "exact", t.SCORE_EXACT, "same 发文字号", True, 0)
    if any(same_doc_number(found, own) for found in entry.numbers_in_text):
        # a number in running text may be a document the entry only mentions: a person confirms it
        return Candidate(policy.record_id, "exact", t.SCORE_TRUNCATED_MAX, "发文字号 cited in the entry", False, 0)
    return None


def _best_title_match(entry: EntrySide, policy: PolicySide) -> tuple[int, TitleMatch] | None:
    found: list[tuple[int, TitleMatch]] = []
    for index, document in enumerate(entry.documents):
        if document.title_zh and (policy.title_zh or policy.issued):
            match = match_titles(document.title_zh, policy.title_zh or "", b_issued=policy.issued)
            if match:
                found.append((index, match))
        if document.title_en and policy.title_en:
            english = match_english_titles(document.title_en, policy.title_en)
            if english:
                found.append((index, english))
    return max(found, key=lambda pair: pair[1].score) if found else None


def title_candidate(entry: EntrySide, policy: PolicySide) -> Candidate | None:
    """The entry's best title or 发文字号 agreement with the policy, or None."""
    numbered = _number_candidate(entry, policy)
    if numbered and numbered.assertable:
        return numbered
    titled = _best_title_match(entry, policy)
    if titled is None:
        return numbered
    index, match = titled
    document_date = entry.documents[index].date or entry.date
    days = nearest_days(document_date, policy.dates)
    doubts = [match.conflict] if match.conflict else []
    if days is not None and days > t.TITLE_DATE_TOLERANCE_DAYS:
        doubts.append(f"dates {days} days apart")
    if after_brief(entry, policy):
        doubts.append("dated after the brief")
    if match.method == "fuzzy" and (match.score < t.FUZZY_STRONG or bodies_conflict(entry, policy)):
        doubts.append("weak title match" if match.score < t.FUZZY_STRONG else "issuing bodies differ")
    reason = "; ".join([match.reason, *doubts])
    candidate = Candidate(policy.record_id, match.method, match.score, reason, not doubts, index, days)
    return numbered if numbered and numbered.score > candidate.score else candidate


def semantic_candidate(entry: EntrySide, policy: PolicySide, similarity: float) -> Candidate | None:
    """A link from text similarity (the cosine of the two vectors), or None when it is too weak or the
    bodies or dates rule the policy out."""
    if similarity < t.SEMANTIC_PROPOSE or bodies_conflict(entry, policy) or after_brief(entry, policy):
        return None
    days = nearest_days(entry.date, policy.dates)
    if days is not None and days > t.SEMANTIC_DATE_WINDOW_DAYS:
        return None
    if days is None and similarity < t.SEMANTIC_UNDATED_PROPOSE:
        return None
    shared = shared_bodies(entry, policy)
    parts = [f"similar text {similarity:.2f}"]
    parts += [f"same bodies {'/'.join(shared)}"] if shared else []
    parts += [f"{days} days apart"] if days is not None else ["no date to compare"]
    score = min(similarity + (t.SEMANTIC_BODY_BONUS if shared else 0.0), 0.99)
    assertable = similarity >= t.SEMANTIC_ASSERT and bool(shared) and days is not None
    return Candidate(policy.record_id, "semantic", round(score, 4), "; ".join(parts), assertable,
                     _SEMANTIC_GROUP, days)


def _strength(candidate: Candidate) -> tuple[bool, float, int, int]:
    """Order of preference: assertable, higher score, closer in time, older record."""
    days = candidate.days if candidate.days is not None else 10**6
    return (candidate.assertable, candidate.score, -days, -candidate.record_id)


def _one_per_policy(candidates: Iterable[Candidate]) -> list[Candidate]:
    best: dict[int, Candidate] = {}
    for candidate in candidates:
        held = best.get(candidate.record_id)
        if held is None or _strength(candidate) > _strength(held):
            best[candidate.record_id] = candidate
    return sorted(best.values(), key=_strength, reverse=True)


def _demoted(candidate: Candidate, why: str) -> Candidate:
    return replace(candidate, assertable=False, reason=f"{candidate.reason}; {why}")


def _settle_groups(ranked: Sequence[Candidate]) -> list[Candidate]:
    """At most one assertable candidate per named document; a text-similarity one only when no title
    evidence is asserted and it clearly beats the next text-similarity candidate."""
    settled: list[Candidate] = []
    taken: set[int] = set()
    semantic = [c for c in ranked if c.group == _SEMANTIC_GROUP]
    titled = [c for c in ranked if c.group != _SEMANTIC_GROUP]
    for candidate in (*titled, *semantic):  # title evidence claims its documents first
        if candidate.assertable and candidate.group in taken:
            candidate = _demoted(candidate, "another document matches better")
        elif candidate.assertable and candidate.group == _SEMANTIC_GROUP:
            runner_up = next((c.score for c in semantic if c is not candidate), 0.0)
            if taken or candidate.score - runner_up < t.SEMANTIC_MARGIN:
                candidate = _demoted(candidate, "not a clear winner")
        if candidate.assertable:
            taken.add(candidate.group)
        settled.append(candidate)
    return settled


def decide(entry_id: int, candidates: Iterable[Candidate]) -> list[Link]:
    """The entry's links: one per policy, asserted ones first, proposed ones cut to MAX_LINKS_PER_ENTRY.
    Once an original is asserted, text similarity proposes nothing more: the other similar documents are
    related documents, not candidates for the original."""
    settled = sorted(_settle_groups(_one_per_policy(candidates)), key=_strength, reverse=True)
    asserted = [c for c in settled if c.assertable]
    proposed = [c for c in settled if not c.assertable and not (asserted and c.group == _SEMANTIC_GROUP)]
    proposed = proposed[: max(t.MAX_LINKS_PER_ENTRY - len(asserted), 0)]
    return [Link(entry_id, c.record_id, c.method, c.score, "asserted" if c.assertable else "proposed", c.reason)
            for c in (*asserted, *proposed)]
