"""Scoring and deciding, without a store: which evidence is asserted, which only proposed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from policywatch.link import thresholds as t
from policywatch.link.scoring import Candidate, decide, semantic_candidate, title_candidate
from policywatch.link.subjects import EntrySide, PolicySide, days_apart, entry_side, nearest_days
from policywatch.records import DocumentRef, Entry

TITLE = "关于推进动力电池回收利用体系建设的通知"


def entry_with(title_zh: str | None = TITLE, *, bodies: tuple[str, ...] = ("MIIT",), date: str | None = "2023-03-10",
               published: str | None = "2023-04-01", title_en: str | None = None, summary: str = "") -> EntrySide:
    document = DocumentRef(title_en=title_en, title_zh=title_zh, bodies=bodies, date=date)
    item = Entry(section="top", rank=1, headline="Battery recycling", summary=summary, date=date,
                 document=document, bodies=bodies)
    return entry_side(7, 1, item, published)


def policy_with(title_zh: str | None = TITLE, *, bodies: tuple[str, ...] = ("MIIT",),
                dates: tuple[str, ...] = ("2023-03-02", "2023-03-09"), doc_number: str | None = None,
                record_id: int = 20) -> PolicySide:
    return PolicySide(record_id, title_zh, None, (), doc_number, bodies, dates, False, title_zh or "", title_zh or "")


@pytest.mark.parametrize(("side", "policy", "method", "assertable"), [
    (entry_with(), policy_with(), "exact", True),
    (entry_with(TITLE[:-1]), policy_with(), "normalised", True),
    (entry_with(date="2020-01-10", published="2020-02-01"), policy_with(), "exact", False),  # after the brief
    (entry_with(date="2023-09-10", published="2023-10-01"), policy_with(), "exact", False),  # 6 months apart
    (entry_with("关于推进动力电池回收利用体系建设的实施意见"), policy_with(), "fuzzy", False),
    (entry_with("储能", title_en=None), policy_with(), None, None),
    (entry_with("工信部联节〔2023〕5号"), policy_with("别的标题", doc_number="工信部联节〔2023〕5号"), "exact", True),
], ids=["same title", "truncated", "after the brief", "months apart", "weak fuzzy", "no match", "doc number"])
def test_title_candidate(side: EntrySide, policy: PolicySide, method: str | None, assertable: bool | None) -> None:
    candidate = title_candidate(side, policy)
    assert (candidate.method, candidate.assertable) == (method, assertable) if candidate else method is None


def test_strong_fuzzy_with_conflicting_bodies_is_proposed() -> None:
    quoted = "关于推进动力电池回收利用体系的建设的通知"
    agreeing = title_candidate(entry_with(quoted), policy_with())
    conflicting = title_candidate(entry_with(quoted), policy_with(bodies=("NDRC",)))
    assert agreeing is not None and agreeing.method == "fuzzy" and agreeing.score >= t.FUZZY_STRONG
    assert agreeing.assertable
    assert conflicting is not None and not conflicting.assertable
    assert "issuing bodies differ" in conflicting.reason


def test_doc_number_only_in_running_text_is_proposed() -> None:
    side = replace(entry_with(None), numbers_in_text=("工信部联节〔2023〕5号",))
    candidate = title_candidate(side, policy_with("别的标题", doc_number="工信部联节〔2023〕5号"))
    assert candidate is not None and (candidate.method, candidate.assertable) == ("exact", False)


@pytest.mark.parametrize(("similarity", "side", "policy", "expected"), [
    (0.70, entry_with(None), policy_with(), (True, "same bodies MIIT")),
    (0.50, entry_with(None), policy_with(), (False, "similar text 0.50")),
    (0.70, entry_with(None, bodies=()), policy_with(), (False, "similar text 0.70")),  # no shared body
    (0.70, entry_with(None), policy_with(bodies=("NDRC",)), None),  # bodies conflict
    (0.70, entry_with(None, date="2023-05-10"), policy_with(), None),  # outside the window
    (0.47, entry_with(None, date=None), policy_with(), None),  # undated: needs more similarity
    (0.55, entry_with(None, date=None), policy_with(), (False, "no date to compare")),
    (0.30, entry_with(None), policy_with(), None),
])
def test_semantic_candidate(similarity: float, side: EntrySide, policy: PolicySide,
                            expected: tuple[bool, str] | None) -> None:
    candidate = semantic_candidate(side, policy, similarity)
    if expected is None:
        assert candidate is None
        return
    assert candidate is not None and candidate.method == "semantic"
    assert candidate.assertable is expected[0]
    assert expected[1] in candidate.reason


def _candidate(record_id: int, method: str, score: float, assertable: bool, group: int, days: int = 0) -> Candidate:
    return Candidate(record_id, method, score, "why", assertable, group, days)  # type: ignore[arg-type]


def test_decide_keeps_one_asserted_per_document_and_drops_semantic_proposals() -> None:
    links = decide(7, [
        _candidate(1, "normalised", 0.92, True, 0),
        _candidate(2, "normalised", 0.92, True, 0, days=40),  # same evidence, further away in time
        _candidate(3, "semantic", 0.7, False, -1),
        _candidate(1, "semantic", 0.9, True, -1),  # a second candidate for the same policy
    ])
    assert [(k.record_id, k.status, k.method) for k in links] == [(1, "asserted", "normalised"),
                                                                  (2, "proposed", "normalised")]


def test_decide_asserts_a_semantic_winner_only_with_a_margin() -> None:
    close = decide(7, [_candidate(1, "semantic", 0.70, True, -1), _candidate(2, "semantic", 0.68, False, -1)])
    clear = decide(7, [_candidate(1, "semantic", 0.70, True, -1), _candidate(2, "semantic", 0.50, False, -1)])
    assert [k.status for k in close] == ["proposed", "proposed"]
    assert "not a clear winner" in close[0].reason
    assert [k.status for k in clear] == ["asserted"]


def test_decide_cuts_proposals() -> None:
    links = decide(7, [_candidate(i, "fuzzy", 0.8 + i / 100, False, 0) for i in range(6)])
    assert len(links) == t.MAX_LINKS_PER_ENTRY and links[0].record_id == 5


@pytest.mark.parametrize(("a", "b", "days"), [
    ("2022-10-28", "2022-11-01", 4), ("2022-11", "2022-11-18", 0), ("2022", "2023-01-05", 5),
    ("2022-10-28", "not a date", None),
])
def test_days_apart(a: str, b: str, days: int | None) -> None:
    assert days_apart(a, b) == days


def test_nearest_days_uses_the_closer_policy_date() -> None:
    assert nearest_days("2022-11-18", ("2022-11-10", "2022-11-18")) == 0
    assert nearest_days(None, ("2022-11-10",)) is None
