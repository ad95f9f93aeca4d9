"""Quantified policy targets in English and Chinese text: "By 2025, increase … to 5 trillion CNY" → Target.

A quantity (quantities.py) becomes a target when its sentence states a goal — a deadline that governs it
("by 2025", 到2025年), a goal word ("aims to", 力争), an imperative bullet under a list of goals, or a year
carried from the paragraph or the list's lead-in — and nothing marks it as something else: a baseline ("up
from 6.8 percent"), a statistic ("In 2021, … generated 13.4 percent"), a forecast, a superseded draft, a
regulatory threshold, a deal, or a count of measures, agencies or sectors. Rules only; the patterns and word
lists are in target_patterns.py and target_words.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from policywatch.extract import target_patterns as tp
from policywatch.extract.corporate import company_is_subject
from policywatch.extract.quantities import (
    CURRENCIES,
    Quantity,
    clause_of,
    find_folded_quantities,
    fold,
    is_conversion,
    kind_and_direction,
    language_of,
    latin_lower,
    mask_dates,
    may_hold_quantities,
    metric_of,
    number_of_noun,
    strip_comparator_words,
    unit_of_noun,
)
from policywatch.records import Baseline, Target


@dataclass(frozen=True)
class _Context:
    """What surrounds a sentence: the list it belongs to, the year in force, the plan period, its flags."""

    field: str = ""
    lead_goal: bool = False  # a bullet under a lead-in that introduces goals
    lead_year: int | None = None
    base_year: int | None = None  # "taking 2020 as the baseline year"
    default_year: int | None = None
    plan_period: tuple[int, int] | None = None
    draft: bool = False
    corporate: bool = False  # the caller says: company news
    flag_corporate: bool = False  # whole documents: keep company plans, marked corporate


@dataclass(frozen=True)
class _YearMark:
    start: int
    year: int
    kind: str  # deadline | base | other


@dataclass
class _Sentence:
    """One sentence of a paragraph: `text` is the folded, date-masked copy, offsets are into the paragraph."""

    start: int
    text: str
    original: str
    language: str
    quantities: list[Quantity]
    marks: tuple[_YearMark, ...]


def extract_targets(
    text: str,
    *,
    field: str = "",
    lead_in: str | None = None,
    default_year: int | None = None,
    plan_period: tuple[int, int] | None = None,
    draft: bool = False,
    corporate: bool = False,
) -> tuple[Target, ...]:
    """The targets stated in one sentence, bullet or news line (or a short paragraph of them).

    `lead_in` is the text that introduces the bullet ("Key goals for 2025 include:"); its year applies when
    the bullet names none, as does `default_year`, then the end of `plan_period`. `span` is relative to
    `text`.
    With `corporate=True` a company's own goals are kept and marked corporate; without it they are dropped."""
    folded = fold(text)
    if not may_hold_quantities(folded):
        return ()
    context = _context(lead_in, default_year, plan_period, draft, corporate, field)
    return tuple(_dedupe(_paragraph_targets(text, folded, context)))


def extract_document_targets(text: str, *, title: str | None = None, draft: bool = False) -> tuple[Target, ...]:
    """The targets of a whole article or policy text (English, Chinese or both), `span` relative to `text`.

    Bullets take the year and the goal context of the paragraph that introduces them; a paragraph opening
    "By 2025," / "到2025年" lends its year to its later sentences (in Chinese, to the paragraphs after it up to
    the next heading); the plan period in the title is the last resort."""
    reader = _DocumentReader(plan_period_of(title or ""), draft or _marks_draft(title or ""))
    found: list[Target] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            folded = fold(body)
            if may_hold_quantities(folded):  # the context of a line without a number is not needed
                for target in _paragraph_targets(body, folded, reader.context_for(body)):
                    found.append(replace(target, span=(target.span[0] + offset, target.span[1] + offset)))
            reader.advance(body)
        offset += len(line)
    return tuple(_dedupe(found))


@dataclass
class _DocumentReader:
    """What one line of a document inherits from the lines before it: the lead-in of its list, the year
    a Chinese section set (到2025年 … lines), the plan period of the title."""

    plan_period: tuple[int, int] | None
    draft: bool
    lead_in: str | None = None
    lead_year: int | None = None
    section_year: int | None = None

    def context_for(self, line: str) -> _Context:
        if tp.BULLET_MARK.match(line) and self.lead_in is not None:
            year = self.lead_year or self.section_year
            return _context(self.lead_in, year, self.plan_period, self.draft, False, "text", flag_corporate=True)
        year = self.section_year if language_of(line) == "zh" else None
        return _Context(
            field="text", default_year=year, plan_period=self.plan_period, draft=self.draft, flag_corporate=True
        )

    def advance(self, line: str) -> None:
        if tp.ZH_PAGE_FURNITURE.match(line):
            self.lead_in, self.lead_year, self.section_year = None, None, None
            return
        if _is_heading(line):
            self.lead_in, self.lead_year, self.section_year = line, _carried_year(line), None
            return
        if tp.BULLET_MARK.match(line) and self.lead_in is not None:
            return
        self.lead_in, self.lead_year = line, _carried_year(line)
        if language_of(line) == "zh":
            self.section_year = self.lead_year or self.section_year


def _is_heading(line: str) -> bool:
    """A numbered title line ("二、重点任务", "（二）主要目标", "3. Data as a factor of production"): it opens
    a new section and ends the year and the list of the one before."""
    mark = tp.HEADING_MARK.match(line)
    if not mark:
        return False
    rest = line[mark.end() :].strip()
    short = len(tp.CJK.findall(rest)) <= 20 if language_of(rest) == "zh" else len(rest.split()) <= 14
    return short and not re.search(r"[.。;；!?！？]$", rest)


def plan_period_of(title: str) -> tuple[int, int] | None:
    """(start, end) of a plan period in a title: "(2022-2026)", "（2021—2025年）"."""
    m = tp.PLAN_PERIOD_TITLE.search(fold(title))
    if not m:
        return None
    start, end = m.group("start") or m.group("start2"), m.group("end") or m.group("end2")
    return int(start), int(end)


# -- context -------------------------------------------------------------------------------------------------


def _context(
    lead_in: str | None,
    default_year: int | None,
    plan_period: tuple[int, int] | None,
    draft: bool,
    corporate: bool,
    field: str,
    *,
    flag_corporate: bool = False,
) -> _Context:
    lead = _read_lead_in(lead_in or "")
    return _Context(
        field=field,
        lead_goal=lead.goal,
        lead_year=lead.year,
        base_year=lead.base_year,
        default_year=default_year,
        plan_period=plan_period,
        draft=draft or lead.draft,
        corporate=corporate,
        flag_corporate=flag_corporate,
    )


@dataclass(frozen=True)
class _LeadIn:
    """What a lead-in lends to the bullets under it."""

    goal: bool = False
    year: int | None = None
    base_year: int | None = None
    draft: bool = False


@lru_cache(maxsize=256)
def _read_lead_in(lead_in: str) -> _LeadIn:
    """The reading of a lead-in, made once for all the bullets that follow it."""
    lead = fold(lead_in)
    if not lead:
        return _LeadIn()
    last = _last_sentence(lead)
    closing = latin_lower(last or lead)
    goal = bool(tp.LEAD_IN_GOALS.search(closing)) and not tp.LEAD_IN_NON_GOALS.search(closing)
    base = tp.BASELINE_YEAR_LEAD.search(lead)
    return _LeadIn(
        goal=goal,
        year=_lead_year(lead, last),
        base_year=int(next(g for g in base.groups() if g)) if base else None,
        draft=_marks_draft(lead),
    )


def _last_sentence(text: str) -> str:
    parts = [p for p in _split_sentences(text.strip()) if text[p[0] : p[1]].strip()]
    return text[parts[-1][0] : parts[-1][1]] if parts else ""


def _lead_year(lead: str, last: str) -> int | None:
    """The deadline a lead-in sets: the last one of its closing sentence, else the one all its sentences
    share."""
    in_last = [m.year for m in _year_marks(last, language_of(last), True) if m.kind == "deadline"]
    if in_last:
        return in_last[-1]
    years = {m.year for m in _year_marks(lead, language_of(lead), True) if m.kind == "deadline"}
    return years.pop() if len(years) == 1 else None


def _carried_year(paragraph: str) -> int | None:
    """The year a paragraph lends to the bullets after it: its opening "By 2025," or its 到2025年."""
    text = fold(paragraph)
    marks = [m for m in _year_marks(text, language_of(text), True) if m.kind == "deadline"]
    if not marks:
        return None
    if language_of(text) == "zh" or marks[0].start <= 12:
        return marks[-1].year if language_of(text) == "zh" else marks[0].year
    return None


# -- paragraphs and sentences --------------------------------------------------------------------------------


def _paragraph_targets(text: str, folded: str, context: _Context) -> list[Target]:
    """The targets of a paragraph whose folded text `may_hold_quantities` has let through."""
    quantities = find_folded_quantities(folded, checked=True)
    if not quantities:
        return []
    carried = context.default_year
    found: list[Target] = []
    for start, end in _split_sentences(folded):
        if quantities[-1].start < start:
            break  # no quantity left: what the rest says cannot make a target
        sentence = _sentence(folded, text, start, end, [q for q in quantities if start <= q.start < end])
        found.extend(_sentence_targets(sentence, context, carried))
        carried = _next_carried(sentence, carried)
    return found


@lru_cache(maxsize=2048)
def _split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence (start, end) offsets: at ., !, ? and 。 before a capital or a new clause, not after "U.S."."""
    if not any(stop in text for stop in tp.SENTENCE_STOPS):
        return ((0, len(text)),) if text.strip() else ()
    spans: list[tuple[int, int]] = []
    start = 0
    for m in tp.SENTENCE_END.finditer(text):
        word = _last_word(text[start : m.start()])
        if word is not None and word.lower().rstrip(".") in tp.EN_ABBREVIATIONS:
            continue
        spans.append((start, m.start()))
        start = m.start()
    spans.append((start, len(text)))
    return tuple(s for s in spans if text[s[0] : s[1]].strip())


_LAST_WORD_REACH = 24  # characters of a piece's tail searched first for its last word


def _last_word(piece: str) -> str | None:
    """The word that ends `piece` before its closing stop, quotes and spaces ("U.S." in "… in U.S."), or None.

    The pattern is anchored at the end, so it is first tried on the tail only: a match that starts after the
    tail's first character is the one a search of the whole piece finds (one starting at the first character
    may be part of a longer word)."""
    tail_start = max(0, len(piece) - _LAST_WORD_REACH)
    m = tp.LAST_WORD.search(piece, tail_start)
    if tail_start and (m is None or m.start() == tail_start):
        m = tp.LAST_WORD.search(piece)
    return m.group(1) if m else None


def _sentence(folded: str, original: str, start: int, end: int, quantities: list[Quantity]) -> _Sentence:
    text = folded[start:end]
    language = language_of(text)
    shifted = quantities if not start else [replace(q, start=q.start - start, end=q.end - start) for q in quantities]
    marks = _sentence_year_marks(text, language)
    return _Sentence(start, text, original[start:end], language, shifted, marks)


def _next_carried(sentence: _Sentence, carried: int | None) -> int | None:
    """A sentence that opens with a deadline ("By 2025, …", 到2025年…) lends it to the sentences after it."""
    deadlines = [m for m in sentence.marks if m.kind == "deadline"]
    if not deadlines or _negated(sentence):
        return carried
    if sentence.language == "zh":
        return deadlines[-1].year
    body = _strip_prefixes(sentence.text)
    offset = len(sentence.text) - len(body)
    return deadlines[0].year if deadlines[0].start - offset <= 12 else carried


def _strip_prefixes(text: str) -> str:
    for pattern in (tp.BULLET_MARK, tp.NEWS_DATE_PREFIX, tp.DATELINE_PREFIX):
        text = pattern.sub("", text, count=1)
    return text


# -- years ---------------------------------------------------------------------------------------------------


@lru_cache(maxsize=2048)
def _sentence_year_marks(text: str, language: str) -> tuple[_YearMark, ...]:
    """`_year_marks` of a sentence, read as a goal when it states one."""
    if not tp.YEAR_OR_PLAN.search(text):
        return ()  # every mark is a year or a five-year plan
    return _year_marks(text, language, _states_goal(text, language))


@lru_cache(maxsize=2048)
def _year_marks(text: str, language: str, goal: bool) -> tuple[_YearMark, ...]:
    """Every year in `text` that is a deadline, a baseline, or a past reference ("In 2021, …"); dates, periods
    and years inside titles are left out. The first reading of a year wins."""
    if not tp.YEAR_OR_PLAN.search(text):
        return ()  # every mark is a year or a five-year plan
    undated = mask_dates(text)
    quoted = "《" in undated or "“" in undated  # what every title mark opens with
    masked = tp.TITLE_MARKS.sub(lambda m: "#" * len(m.group(0)), undated) if quoted else undated
    found: dict[int, _YearMark] = {}
    for mark in _base_years(masked) + _deadlines(masked, undated, language, goal):
        found.setdefault(mark.start, mark)
    marks = sorted(found.values(), key=lambda m: m.start)
    opening = tp.STAT_YEAR_OPENING.search(masked)
    if opening and not any(m.kind == "deadline" for m in marks):
        start, year = _first_group(opening)
        marks = [m for m in marks if m.start != start] + [_YearMark(start, year, "opening")]
    return tuple(marks)


def _first_group(m: re.Match[str]) -> tuple[int, int]:
    """(offset, year) of the first group that matched, in patterns whose alternatives each hold a year."""
    group = next(i for i, g in enumerate(m.groups(), 1) if g)
    return m.start(group), int(m.group(group))


def _base_years(masked: str) -> list[_YearMark]:
    english = [_YearMark(*_first_group(m), "base") for m in tp.EN_BASE_YEAR.finditer(latin_lower(masked))]
    if "年" not in masked:
        return english  # every Chinese base year is written with 年
    return english + [_YearMark(*_first_group(m), "base") for m in tp.ZH_BASE_YEAR.finditer(masked)]


def _deadlines(masked: str, undated: str, language: str, goal: bool) -> list[_YearMark]:
    lowered = latin_lower(masked)
    english = list(tp.EN_DEADLINE.finditer(lowered))
    strong = any(_preposition(masked, m) not in tp.EN_WEAK_DEADLINE_PREPS for m in english)
    marks = [
        _YearMark(m.start("year"), int(m.group("year")), _en_deadline_kind(masked, lowered, m, goal, strong))
        for m in english
    ]
    marks += [_YearMark(m.start("year"), int(m.group("year")), "deadline") for m in tp.EN_YEAR_TARGET.finditer(masked)]
    for pattern, needs in (
        (tp.ZH_FYP_DEADLINE, "十" in undated),
        (tp.EN_FYP_DEADLINE, "five-year plan" in lowered),
    ):  # "十四五" is quoted: read before titles are blanked
        marks += [
            _YearMark(m.start(), int(tp.FYP_END_YEAR[m.group("n")]), "deadline")
            for m in (pattern.finditer(undated) if needs else ())
        ]
    if "年" in masked:  # every Chinese deadline is written with 年
        marks += [_YearMark(*_first_group(m), "deadline") for m in tp.ZH_DEADLINE.finditer(masked)]
    if language == "zh":
        bare = "deadline" if goal and tp.ZH_GOAL_CUE.search(masked) else "other"
        marks += [_YearMark(m.start("year"), int(m.group("year")), bare) for m in tp.ZH_BARE_YEAR.finditer(masked)]
    return marks


def _preposition(masked: str, m: re.Match[str]) -> str:
    """The preposition of a deadline ("by", "in"), read in the text as written."""
    return masked[m.start("prep") : m.end("prep")].lower()


def _en_deadline_kind(masked: str, lowered: str, m: re.Match[str], goal: bool, strong: bool) -> str:
    prep = _preposition(masked, m)
    if prep not in tp.EN_WEAK_DEADLINE_PREPS:
        return "deadline"
    before = lowered[max(0, m.start() - 40) : m.start()]
    if tp.COMPARED_BEFORE_YEAR.search(before) and prep == "in":
        return "base"  # "up from 6.8 percent in 2020"
    if prep == "for" or (goal and not strong and not tp.PAST_VERB_BEFORE.search(before)):
        return "deadline"
    return "other"


def _year_for(sentence: _Sentence, q: Quantity, context: _Context, carried: int | None) -> tuple[int | None, str]:
    """The deadline that governs `q`: in its clause after it, before it, then in the sentence before, after;
    else the carried/default year, the lead-in's year, the plan period's end."""
    deadlines = [m for m in sentence.marks if m.kind == "deadline"]
    c_start, c_end = clause_of(sentence.text, q)
    in_clause_after = [m for m in deadlines if q.end <= m.start < c_end]
    in_clause_before = [m for m in deadlines if c_start <= m.start < q.start]
    before = [m for m in deadlines if m.start < q.start]
    after = [m for m in deadlines if m.start >= q.end]
    for group, pick in ((in_clause_after, 0), (in_clause_before, -1), (before, -1), (after, 0)):
        if group:
            return group[pick].year, "sentence"
    if carried is not None:
        return carried, "lead_in"
    if context.lead_year is not None:
        return context.lead_year, "lead_in"
    if context.plan_period is not None:
        return context.plan_period[1], "plan_period"
    return None, "none"


# -- is it a goal? -------------------------------------------------------------------------------------------


def _states_goal(text: str, language: str) -> bool:
    if language == "zh":
        return bool(tp.ZH_GOAL_CUE.search(text))
    lowered = latin_lower(text)
    return (
        bool(tp.EN_GOAL_CUE.search(lowered))
        or _imperative(text)
        or any(_goal_verb(text[m.start("verb") : m.end("verb")]) for m in tp.EN_MODAL_VERB.finditer(lowered))
    )


def _goal_verb(word: str) -> bool:
    """'build', 'cultivated', 'raised', 'set' → True: a verb of doing, in any of its forms."""
    low = word.lower()
    stems = {low, low[:-1], low[:-2], low[:-3], low[:-2] + "e" if low.endswith("ed") else low}
    return any(stem in tp.GOAL_VERBS for stem in stems)


def _imperative(text: str) -> bool:
    body = tp.VERB_FIRST_SKIP.sub("", _strip_prefixes(text), count=1)
    first = re.match(r"[A-Za-z]+", body)
    return bool(first) and first.group(0).lower() in tp.GOAL_VERBS  # type: ignore[union-attr]


def _negated(sentence: _Sentence) -> bool:
    """A forecast, a superseded draft, a past statistic or a hope attributed to no policy."""
    text = sentence.text
    if sentence.language == "zh":
        stated = tp.ZH_FORECAST.search(text) or tp.ZH_SUPERSEDED.search(text)
        return bool(stated or tp.ZH_STAT_OPENING.match(_strip_prefixes(text))) or _opening_statistic(sentence)
    lowered = latin_lower(text)
    if tp.EN_FORECAST.search(lowered) or tp.EN_SUPERSEDED.search(lowered) or _opening_statistic(sentence):
        return True
    return bool(tp.EN_EXPECTED.search(lowered)) and not tp.EN_PLAN_SOURCE.search(lowered)


def _opening_statistic(sentence: _Sentence) -> bool:
    return any(m.kind == "opening" for m in sentence.marks)


def _goal_context(sentence: _Sentence, context: _Context, carried: int | None) -> bool:
    """Whether the whole sentence states goals: it sits in a list of goals, under a carried year, opens with
    an imperative verb or names a deadline."""
    if context.lead_goal or context.lead_year is not None or carried is not None:
        return True
    if any(m.kind == "deadline" for m in sentence.marks):
        return True
    return sentence.language == "en" and _imperative(sentence.text)


def _cued(sentence: _Sentence, q: Quantity) -> bool:
    """A goal word governs `q`: in its clause, or earlier in the sentence ("aims to …, and 40 …"), not in a
    later aside ("200 firms attended the fair, which will run …")."""
    scope = sentence.text[: clause_of(sentence.text, q)[1]]
    return _states_goal(scope, sentence.language)


def _refused(sentence: _Sentence, q: Quantity, previous: Quantity | None, corporate: bool) -> bool:
    """True when `q` is not a goal whatever its sentence says: a count of measures or agencies, a scope, a
    condition, a deal, a baseline, a currency conversion, a statistic of its clause."""
    text = sentence.text
    c_start, c_end = clause_of(text, q)
    before, clause = text[c_start : q.start], text[c_start:c_end]
    unit = q.unit.split(" per ")[0].lower()
    if unit in tp.NON_TARGET_NOUNS or (not q.unit and not number_of_noun(text, q)):
        return True
    if q.comparator == "=" and (unit in tp.SCOPE_NOUNS or (q.language == "zh" and q.unit == "items")):
        return True
    if _is_baseline(text, q) or is_conversion(text, q, previous):
        return True
    if q.language == "zh" or sentence.language == "zh":
        return bool(tp.ZH_STATISTIC.search(clause)) or any(
            m.kind == "other" and c_start <= m.start < c_end for m in sentence.marks
        )
    lowered = latin_lower(text)
    before, clause = lowered[c_start : q.start], lowered[c_start:c_end]
    if tp.EN_THRESHOLD.search(clause) or tp.EN_DEAL.search(before) or tp.EN_QUALIFIER_BEFORE.search(before):
        return True
    if q.unit in CURRENCIES and tp.EN_INVEST_MONEY.search(before) and not corporate:
        return True
    if tp.EN_STATISTIC.search(clause):
        return True
    return any(m.kind == "other" and c_start <= m.start < c_end for m in sentence.marks)


def _is_baseline(text: str, q: Quantity) -> bool:
    """ "up from 6.8 percent", "from around 25 percent in 2022", "from 15 to 56", 由…提高到: a starting point."""
    return _starts_from(text, q.start, q.end)


@lru_cache(maxsize=1024)
def _starts_from(text: str, q_start: int, q_end: int) -> bool:
    # Asked of a quantity and of its neighbours (is the next one its baseline?).
    before = strip_comparator_words(text[max(0, q_start - 40) : q_start])
    if tp.ZH_BASE_BEFORE.search(before):
        return True
    lowered = latin_lower(before)
    if not tp.EN_BASE_BEFORE.search(lowered):
        return False
    if tp.CHANGE_WORD_BEFORE.search(lowered):
        return True
    if tp.FROM_OPENS_CLAUSE.search(before):
        return True  # "…, from around 25 percent in 2022": a clause that opens with "from"
    return bool(tp.TO_AFTER.match(text, q_end))  # "from 15 to 56 percent"


# -- building targets ----------------------------------------------------------------------------------------


def _sentence_targets(sentence: _Sentence, context: _Context, carried: int | None) -> list[Target]:
    if not sentence.quantities or _negated(sentence):
        return []
    whole = _goal_context(sentence, context, carried)
    corporate = (
        context.corporate
        or bool(tp.CORPORATE_CUES.search(latin_lower(sentence.text)))
        or company_is_subject(sentence.text)
    )
    if corporate and not (context.corporate or context.flag_corporate):
        return []
    factors = _factors(sentence)
    found: list[Target] = []
    previous: Quantity | None = None
    for q in sentence.quantities:
        if q.multiplier and _absorbed(sentence, q, factors):
            continue
        if (whole or _cued(sentence, q)) and not _refused(sentence, q, previous, corporate):
            found.append(_target(sentence, q, context, carried, factors, corporate))
        previous = q
    return found


def _factors(sentence: _Sentence) -> dict[int, Baseline]:
    """Multipliers that qualify an amount ("5 trillion CNY, almost twice the 2020 figure"; "Triple … to reach
    CNY 2.5 trillion"): keyed by the start of the amount they qualify."""
    out: dict[int, Baseline] = {}
    amounts = [q for q in sentence.quantities if not q.multiplier and q.unit not in {"percent", "percentage_points"}]
    factor_words = tp.FACTOR_IN.search(latin_lower(sentence.text))
    for m in tp.EN_FACTOR_OF_YEAR.finditer(sentence.text) if factor_words else ():
        target = next((q for q in reversed(amounts) if q.end <= m.start()), None)
        factor = next((q.value for q in sentence.quantities if q.multiplier and q.start >= m.start()), None)
        if target and factor:
            out[target.start] = Baseline(year=int(m.group("year")), factor=factor, approximate=bool(m.group("approx")))
    for mult in (q for q in sentence.quantities if q.multiplier):
        c_start, c_end = clause_of(sentence.text, mult)
        target = next((q for q in amounts if mult.end <= q.start < c_end and q.start not in out), None)
        if target and re.search(r"\bto (?:reach|hit|exceed|at least)?", sentence.text[mult.end : target.start]):
            base = [m.year for m in sentence.marks if m.kind == "base" and c_start <= m.start < c_end]
            out[target.start] = Baseline(year=base[0] if base else None, factor=mult.value)
    return out


def _absorbed(sentence: _Sentence, mult: Quantity, factors: dict[int, Baseline]) -> bool:
    """A multiplier already attached to an amount as its baseline factor."""
    return any(
        b.factor == mult.value and (start < mult.start or sentence.text[mult.end : start].find(",") < 0)
        for start, b in factors.items()
    )


def _target(
    sentence: _Sentence,
    q: Quantity,
    context: _Context,
    carried: int | None,
    factors: dict[int, Baseline],
    corporate: bool,
) -> Target:
    year, source = _year_for(sentence, q, context, carried)
    kind, direction = kind_and_direction(sentence.text, q)
    baseline = baseline_for(
        sentence.text, q, sentence.quantities, sentence.marks, factors.get(q.start), context.base_year
    )
    if kind == "level" and direction is None and baseline and baseline.value is not None:
        direction = "increase" if baseline.value < q.value else "decrease"
    unit = q.unit or unit_of_noun(number_of_noun(sentence.text, q) or "")
    return Target(
        text=tp.BULLET_MARK.sub("", sentence.original, count=1).strip(),
        span=(sentence.start + q.start, sentence.start + q.end),
        metric=metric_of(sentence.text, q),
        value=q.value,
        unit=unit,
        comparator=q.comparator,  # type: ignore[arg-type]
        kind=kind,
        direction=direction,
        year=year,
        year_source=source,
        baseline=baseline,
        language=sentence.language,
        field=context.field,
        corporate=corporate,
        draft=context.draft or _marks_draft(sentence.text),
    )


def _marks_draft(text: str) -> bool:
    """征求意见稿, "draft for comments": the text is a draft."""
    lowered = latin_lower(text)
    return bool(tp.DRAFT_IN.search(lowered)) and bool(tp.DRAFT_MARK.search(lowered))


def _dedupe(targets: list[Target]) -> list[Target]:
    """A goal restated in another sentence (a headline, a recap, a repeated line) is kept once; the goals of
    one sentence all stay, even when two share a value (冶炼渣达到73%，工业副产石膏达到73%)."""
    kept: list[Target] = []
    # only targets with the same (value, unit, language) can restate each other: compare within those
    by_key: dict[tuple[object, ...], list[Target]] = {}
    for t in targets:
        same_key = by_key.setdefault((t.value, t.unit, t.language), [])
        if not any(_restates(t, k) for k in same_key):
            kept.append(t)
            same_key.append(t)
    return kept


def _restates(later: Target, earlier: Target) -> bool:
    same_sentence = later.text == earlier.text and abs(later.span[0] - earlier.span[0]) <= len(later.text)
    return (
        not same_sentence
        and (later.value, later.unit, later.language) == (earlier.value, earlier.unit, earlier.language)
        and later.year in (None, earlier.year)
    )


# -- how a target changes, against what ----------------------------------------------------------------------


def baseline_for(
    text: str,
    q: Quantity,
    quantities: list[Quantity],
    marks: tuple[_YearMark, ...],
    factor: Baseline | None,
    lead_base_year: int | None,
) -> Baseline | None:
    """What `q` is measured against: "up from 6.8 percent in 2020", "from 15 to 56", "比2020年", a factor."""
    value, year = _baseline_value(text, q, quantities)
    if year is None:
        year = _baseline_year(text, q, marks)
    if factor is not None:
        return replace(factor, value=value, year=factor.year or year)
    if q.multiplier:
        return Baseline(
            value=value,
            year=year or lead_base_year,
            factor=q.value,
            approximate=bool(tp.EN_APPROX.search(latin_lower(text)[: q.start])),
        )
    if value is None and year is None:
        return None
    return Baseline(value=value, year=year or lead_base_year)


def _baseline_value(text: str, q: Quantity, quantities: list[Quantity]) -> tuple[float | None, int | None]:
    index = quantities.index(q)
    nxt = quantities[index + 1] if index + 1 < len(quantities) else None
    if nxt and _is_baseline(text, nxt) and not nxt.multiplier and not re.search(r"[.;。]", text[q.end : nxt.start]):
        after = re.match(r"[^,;)]{0,12}?\bin\s+((?:19|20)\d\d)\b", text[nxt.end :])
        return nxt.value, int(after.group(1)) if after else None
    prev = quantities[index - 1] if index > 0 else None
    if (
        prev
        and _is_baseline(text, prev)
        and re.fullmatch(r"\s*(?:[A-Za-z%$€]+\s?){0,3}?to\s+(?:[A-Z$€]{1,4}\s?)?", text[prev.end : q.start])
    ):
        after = re.match(r"\s*in\s+((?:19|20)\d\d)\b", text[prev.end :])
        return prev.value, int(after.group(1)) if after else None
    return None, None


def _baseline_year(text: str, q: Quantity, marks: tuple[_YearMark, ...]) -> int | None:
    """The nearest base year of `q`'s part of the sentence: "compared with 2023", "from the 2005 level",
    比2020年."""
    end = next((m.start() for m in re.finditer(r"[;；。]", text[q.end :])), len(text) - q.end) + q.end
    bases = [m for m in marks if m.kind == "base" and m.start < end]
    after = [m for m in bases if m.start >= q.end]
    c_start = clause_of(text, q)[0]
    before = [m for m in bases if c_start <= m.start < q.start]
    if after:
        return after[0].year
    return before[-1].year if before else None
