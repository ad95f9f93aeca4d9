"""Outcomes: values a text reports as achieved for a year, in English and Chinese.

    "In 2025, high-value invention patents per 10,000 people reached 16"  → Outcome(16, year 2025)
    "截至2025年底，每万人口高价值发明专利拥有量已达16件"                  → Outcome(16 items, year 2025)
    "到2025年，每万人口高价值发明专利拥有量达到12件"                       → nothing: a deadline, a goal

A clause reports an outcome when a verb of reporting stands right before a quantity, a year governs the
clause (its own, or one from an earlier clause of the sentence) and nothing in it looks forward: English
needs a past-tense verb and no modal or goal word; Chinese needs a year that is not a deadline (到2025年),
no goal word (力争, 预计, 将…) in the sentence so far — unless a mark of completion (已, 实际, 截至, verb + 了)
says the deadline has passed. Whether an outcome belongs to a target is the ledger's business. The patterns
are in outcome_patterns.py; quantities are read by quantities.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policywatch.extract.outcome_patterns import (
    ANY_YEAR,
    CLAUSE_BREAK,
    EN_ABOVE_VERBS,
    EN_BASELINE_BEFORE,
    EN_CHANGE_VERB,
    EN_COPULA_GAP,
    EN_COPULAS,
    EN_DECREASE_VERBS,
    EN_FORWARD,
    EN_FROM_TO,
    EN_GAP,
    EN_LEVEL_VERB,
    EN_YEAR,
    EN_YEAR_PHRASE,
    METRIC_EDGE,
    PERIOD_BEFORE,
    SENTENCE_END,
    ZH_ABOVE_VERBS,
    ZH_BASELINE_BEFORE,
    ZH_CHANGE_VERB,
    ZH_COMPLETED,
    ZH_DEADLINE_BEFORE,
    ZH_DECREASE_WORDS,
    ZH_FORWARD,
    ZH_GAP,
    ZH_LEVEL_VERB,
    ZH_YEAR,
    ZH_YEAR_PHRASE,
)
from policywatch.extract.quantities import Quantity, find_quantities, fold
from policywatch.ledger.records import Outcome

_CJK = re.compile(r"[\u4e00-\u9fff]")
_METRIC_TRIM = re.compile(r"^[\s,，;；:：、(（]+|[\s,，;；:：、(（]+$")


@dataclass(frozen=True)
class _Year:
    position: int  # offset into the clause
    year: int
    deadline: bool  # 到2025年: a goal's deadline, not a reporting year


@dataclass(frozen=True)
class _Verb:
    start: int
    end: int
    word: str
    kind: str  # level | change
    direction: str | None
    completed: bool  # a Chinese verb + 了


def extract_outcomes(text: str, *, field: str = "") -> tuple[Outcome, ...]:
    """Every achieved value with a year that `text` reports, in order; `span` is relative to `text`.
    Forward-looking statements ("will reach", 力争, 到2025年…达到 without 已/实际/了) are never outcomes."""
    folded = fold(text)
    found: list[Outcome] = []
    for start, end, stop in _sentences(folded):
        if ANY_YEAR.search(folded, start, end):
            found += _sentence_outcomes(text[start:stop].strip(), folded, start, end, field)
    return tuple(found)


def _sentences(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end before the sentence mark, end after it) of each sentence."""
    start = 0
    for m in SENTENCE_END.finditer(text):
        if text[start : m.start()].strip():
            yield start, m.start(), m.end()
        start = m.end()
    if text[start:].strip():
        yield start, len(text), len(text)


def _clauses(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for m in CLAUSE_BREAK.finditer(text, start, end):
        yield start, m.start()
        start = m.end()
    yield start, end


def _sentence_outcomes(sentence: str, folded: str, start: int, end: int, field: str) -> list[Outcome]:
    chinese = bool(_CJK.search(folded, start, end))
    carried: int | None = None
    forward = False  # Chinese: a goal word or a deadline earlier in the sentence governs later clauses
    subject = ""  # the last metric named in the sentence: "…达到12件，2020年为6.3件" measures the same thing
    found: list[Outcome] = []
    for c_start, c_end in _clauses(folded, start, end):
        clause = folded[c_start:c_end]
        years = _years(clause, chinese)
        forward = _chinese_forward(clause, years, forward) if chinese else bool(EN_FORWARD.search(clause))
        pairs = _reported_quantities(clause, chinese)
        for q, verb in pairs if not forward else ():
            year = _year_for(years, q, carried, chinese)
            if year is not None:
                found.append(_outcome(sentence, clause, c_start, (q, verb), year, chinese, field, subject))
        if pairs:
            subject = _metric(clause, pairs[0][1], pairs[0][0], chinese) or subject
        carried = years[-1].year if years else carried
    return found


def _chinese_forward(clause: str, years: list[_Year], forward: bool) -> bool:
    """Whether a Chinese clause looks forward: its own goal words or deadline, or the sentence's so far —
    unless it marks completion; a reporting year without goal words starts afresh."""
    completed = bool(ZH_COMPLETED.search(clause)) or any(v.completed for v in _verbs(clause, True))
    if completed:
        return False
    if ZH_FORWARD.search(clause) or any(y.deadline for y in years):
        return True
    return False if years else forward


def _years(clause: str, chinese: bool) -> list[_Year]:
    """Years in a clause that are not baselines (比2020年, "from 2020") or the end of a period."""
    found: list[_Year] = []
    pattern = ZH_YEAR if chinese else EN_YEAR
    for m in pattern.finditer(clause):
        before = clause[max(0, m.start() - 24) : m.start()]
        if PERIOD_BEFORE.search(before):
            continue
        if (ZH_BASELINE_BEFORE if chinese else EN_BASELINE_BEFORE).search(before):
            continue
        deadline = chinese and bool(ZH_DEADLINE_BEFORE.search(before))
        found.append(_Year(m.start(), int(m.group("year")), deadline))
    return found


def _year_for(years: list[_Year], q: Quantity, carried: int | None, chinese: bool) -> int | None:
    """The year a quantity is reported for: English prefers a year after it ("reached 16 in 2025"), then
    one before; Chinese the last one before it; else the year carried from an earlier clause. (A deadline
    year counts here: a clause under a deadline reaches this point only when it marks completion.)"""
    after = [y for y in years if y.position >= q.end]
    before = [y for y in years if y.position < q.start]
    if not chinese and after:
        return after[0].year
    if before:
        return before[-1].year
    if carried is not None:
        return carried
    return after[0].year if after else None


def _verbs(clause: str, chinese: bool) -> list[_Verb]:
    verbs: list[_Verb] = []
    if chinese:
        for m in ZH_LEVEL_VERB.finditer(clause):
            word = m.group("verb")
            direction = ("decrease" if any(w in word for w in ZH_DECREASE_WORDS)
                         else "increase" if re.search("[升增提]", word) else None)
            verbs.append(_Verb(m.start(), m.end(), word, "level", direction, bool(m.group("le"))))
        for m in ZH_CHANGE_VERB.finditer(clause):
            word = m.group("verb")
            direction = "decrease" if any(w in word for w in ZH_DECREASE_WORDS) else "increase"
            verbs.append(_Verb(m.start(), m.end(), word, "change", direction, bool(m.group("le"))))
    else:
        for m in EN_LEVEL_VERB.finditer(clause):
            verbs.append(_Verb(m.start(), m.end(), m.group("verb").lower(), "level", None, False))
        for m in EN_CHANGE_VERB.finditer(clause):
            word = m.group("verb").lower()
            direction = "decrease" if word in EN_DECREASE_VERBS else "increase"
            kind = "level" if m.group("to") else "change"
            verbs.append(_Verb(m.start(), m.end(), word, kind, direction, False))
    return sorted(verbs, key=lambda v: (v.start, -v.end))


def _reported_quantities(clause: str, chinese: bool) -> list[tuple[Quantity, _Verb]]:
    """Quantities that a verb of reporting stands right before, each with its verb (a verb reports one)."""
    verbs = _verbs(clause, chinese)
    pairs: list[tuple[Quantity, _Verb]] = []
    used: set[int] = set()
    for q in find_quantities(clause):
        if q.multiplier:
            continue
        verb = _governing_verb(clause, verbs, q, chinese)
        if verb is not None and verb.start not in used:
            used.add(verb.start)
            pairs.append((q, verb))
    return pairs


def _governing_verb(clause: str, verbs: list[_Verb], q: Quantity, chinese: bool) -> _Verb | None:
    """The verb right before `q`, if it is close enough to report it. "rose from 6.8 percent to 20 percent":
    the value after "to" is the outcome, the one after "from" a baseline."""
    preceding = [v for v in verbs if v.end <= q.start]
    if not preceding:
        return None
    verb, start = preceding[-1], preceding[-1].end
    limit = ZH_GAP
    if not chinese:
        limit = EN_COPULA_GAP if verb.word in EN_COPULAS else EN_GAP
        from_to = EN_FROM_TO.match(clause[verb.end :])
        if from_to:
            start = verb.end + from_to.end()
            if q.start < start:
                return None
    if q.start - start > limit:
        return None
    if start != verb.end:
        return _Verb(verb.start, verb.end, verb.word, "level", verb.direction, verb.completed)
    return verb


def _outcome(sentence: str, clause: str, offset: int, reported: tuple[Quantity, _Verb], year: int,
             chinese: bool, field: str, subject: str) -> Outcome:
    q, verb = reported
    comparator = q.comparator
    if comparator == "=" and verb.word in (ZH_ABOVE_VERBS if chinese else EN_ABOVE_VERBS):
        comparator = ">"
    return Outcome(
        text=sentence, span=(offset + q.start, offset + q.end),
        metric=_metric(clause, verb, q, chinese) or subject or q.counted,
        value=q.value, unit=q.unit, year=year, comparator=comparator,  # type: ignore[arg-type]
        kind=verb.kind, direction=verb.direction,  # type: ignore[arg-type]
        language="zh" if chinese else "en", field=field,
    )


def _metric(clause: str, verb: _Verb, q: Quantity, chinese: bool) -> str:
    """What was measured: the clause before the verb without its year phrase (in Chinese, with the object
    between the verb and the number: 建成充电桩500万个)."""
    head = clause[: verb.start] + (clause[verb.end : q.start] if chinese else "")
    head = (ZH_YEAR_PHRASE if chinese else EN_YEAR_PHRASE).sub(" ", head)
    head = METRIC_EDGE.sub("", _METRIC_TRIM.sub("", re.sub(r"\s+", " ", head)))
    return _METRIC_TRIM.sub("", head)
