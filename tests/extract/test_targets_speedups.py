"""The shortcuts that make target extraction fast must not change what it finds.

Each rewritten pattern is held to the plain form it replaces, each lower-cased pattern to the same pattern with
re.I on the text as written, each quick word test to the slower pattern it lets the reader skip: on the team's
own sentences, on every text of the table-driven fixtures and, when ../shared is present, on every line of the
corpus.
"""

from __future__ import annotations

import json
import re
import string
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from policywatch.extract import target_patterns as tp
from policywatch.extract.patterns import (
    EN_DAY_MONTH_YEAR,
    EN_MONTH_DAY,
    EN_MONTH_DAY_YEAR,
    ISO_DATE,
    ZH_FULL_DATE,
    ZH_MONTH_DAY,
)
from policywatch.extract.quantities import latin_lower, mask_dates, strip_comparator_words
from policywatch.extract.targets import _last_word, extract_targets

FIXTURES = Path(__file__).parent.parent / "fixtures" / "targets"

# Sentences written for these tests: capitals, the letters re.I folds oddly (İ ı ſ K), dates, times, ranges,
# glued units, comparators at the end of a text, Chinese.
OWN_SENTENCES = [
    "By 2025, RAISE output to MORE THAN CNY 5 billion, up from CNY 2 billion in 2021.",
    "İN 2025 the ſhare of K-band radar rose; ıt was NOT EXCEEDING 12 percent",
    "The Draft For Comments was released on Jan. 5, 2021 at 12:30 and revised 2021-03-07.",
    "Analysts FORECAST a 5th March deadline; the plan Aims To build 20 zones (up from 3).",
    "Build 15,000.5% more x5% and $5bn or 300MW, 2.58g/cc, 1.35bn tonnes",
    "three to five companies, Twice the 2020 level, triple output, a three-fold approach",
    "no less than ",
    "worth at least\n",
    "Top 5 firms, No. 3, phase 2, per 10,000 people, USD$ 40",
    "U.S. dollars and St. Petersburg: 19th century. Then 20 more.",
    "到2025年，产值达到1000亿元以上，比2020年增长一倍。“十四五”期间新增5家。",
    "关于印发《某某行动方案（征求意见稿）》的通知，2023年5月6日，3月8日起施行",
    "Over the 14th Five-Year Plan period, China's NDRC will cut CO2 by 18% — a 2021—2025 goal",
    "a1,000 b2021-01-01 12:30x 7:05 (2022-2026) 5 may 7 May 2020 May 7, 2020 OCTOBER 9",
    "Revenue of over CNY 100 billion; Inc. and Co., Ltd; a JV; MIIT; The number of Firms should reach 40.",
]


def _fixture_texts() -> list[str]:
    texts: list[str] = []
    for name in ("cases.json", "quantities.json"):
        texts += [case["text"] for case in json.loads((FIXTURES / name).read_text("utf-8"))]
    return texts


SAMPLES = OWN_SENTENCES + _fixture_texts()


def _corpus_lines(shared: Path) -> Iterator[str]:
    for path in sorted((shared / "corpus").rglob("*.txt")):
        yield from (line for line in path.read_text("utf-8", errors="replace").splitlines() if line.strip())


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


# -- lower-casing stands in for re.I ----------------------------------------------------------------------


def test_latin_lower_folds_exactly_the_letters_re_i_folds() -> None:
    """Every character keeps its length and its \\w, \\s and \\d class, and becomes an ASCII letter exactly
    when re.I takes it for one."""
    any_letter = re.compile(r"[a-z]", re.I)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        lowered = latin_lower(char)
        assert len(lowered) == 1, hex(code)
        assert lowered in string.ascii_lowercase if any_letter.match(char) else lowered not in string.ascii_letters
    for char in ("\\w", "\\s", "\\d"):
        cls = re.compile(char)
        sample = "".join(chr(c) for c in range(0x3000))
        assert [bool(cls.match(c)) for c in sample] == [bool(cls.match(c)) for c in latin_lower(sample)]


def test_lowered_patterns_match_where_re_i_matches() -> None:
    assert len(tp.LOWERED_CASE) > 30
    for pattern in tp.LOWERED_CASE:
        with_case = re.compile(pattern.pattern, pattern.flags | re.I)
        for text in SAMPLES:
            assert _spans(pattern, latin_lower(text)) == _spans(with_case, text), (pattern.pattern[:60], text)


def test_a_pattern_not_written_in_lower_case_is_refused() -> None:
    with pytest.raises(ValueError, match="lower case"):
        tp._lowered_case(r"\bMIIT\b")


# -- rewritten patterns find what the plain ones find ------------------------------------------------------

PLAIN_CLAUSE_BREAK = re.compile(r",(?!\d{3}\b)|[;；，:：()（）\[\]]|\s[–—-]\s|—|、(?=\S)")
PLAIN_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(‘']?[A-Z0-9])|(?<=[。！？!?])|(?<=;)\s+(?=[A-Z])")
PLAIN_GLUED_UNIT = re.compile(
    r"(?P<num>(?<![\w.$€/-])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.$€/-])\d+(?:\.\d+)?)"
    + tp.EN_GLUED_UNIT.pattern[tp.EN_GLUED_UNIT.pattern.index("(?P<unit>") :]
)
PLAIN_DATES = (
    EN_MONTH_DAY_YEAR,
    EN_DAY_MONTH_YEAR,
    EN_MONTH_DAY,
    tp.DAY_MONTH,
    ISO_DATE,
    ZH_FULL_DATE,
    ZH_MONTH_DAY,
    tp.PERIOD,
    tp.CLOCK_TIME,
)
REWRITTEN = [
    (PLAIN_CLAUSE_BREAK, tp.CLAUSE_BREAK),
    (PLAIN_SENTENCE_END, tp.SENTENCE_END),
    (PLAIN_GLUED_UNIT, tp.EN_GLUED_UNIT),
    *zip(PLAIN_DATES, tp.MASKED_DATES, strict=True),
]


def _assert_rewrites_agree(texts: list[str]) -> None:
    for plain, fast in REWRITTEN:
        for text in texts:
            assert _spans(fast, text) == _spans(plain, text), (plain.pattern[:50], text[:80])
            assert [m.groupdict() for m in fast.finditer(text)] == [m.groupdict() for m in plain.finditer(text)]


def test_rewritten_patterns_agree_with_the_plain_ones() -> None:
    _assert_rewrites_agree(SAMPLES)


@pytest.mark.shared
def test_rewritten_patterns_agree_on_the_corpus(shared_dir: Path) -> None:
    _assert_rewrites_agree(list(_corpus_lines(shared_dir)))


def test_digits_only_number_agrees_where_no_number_word_is() -> None:
    with_words = re.compile(tp.EN_NUMBER.pattern, re.I)
    checked = 0
    for text in SAMPLES:
        if not tp.NUMBER_NAME_IN.search(latin_lower(text)):
            checked += 1
            fast = [(m.span(), m.group("digits"), m.group("scale")) for m in tp.EN_DIGITS_NUMBER.finditer(text)]
            plain = [(m.span(), m.group("digits"), m.group("scale")) for m in with_words.finditer(text)]
            assert fast == plain, text
    assert checked > 10


# -- searches that start near the end of the text ------------------------------------------------------------

END_TEXTS = [
    *SAMPLES,
    *(
        f"{lead}{phrase}{tail}"
        for lead in ("", "x", "reach ", "costs of ")
        for tail in ("", " ", "  \n", "\n")
        for phrase in (
            "at least",
            "no less than",
            "an approximately",
            "Approximately",
            "more than CNY",
            "US$",
            "不低于",
            "about RMB",
            "up to",
            "the top",
            "exceeding",
            "no more than",
        )
    ),
]


def test_comparator_words_are_stripped_as_a_full_search_would() -> None:
    with_case = re.compile(tp.COMPARATOR_WORDS.pattern, re.I)
    for text in END_TEXTS:
        assert strip_comparator_words(text) == with_case.sub("", text), text


def test_end_anchored_searches_reach_far_enough() -> None:
    currency = re.compile(tp.CURRENCY_END.pattern)
    for text in END_TEXTS:
        tail_start = max(0, len(text) - tp.CURRENCY_END_REACH)
        assert bool(tp.CURRENCY_END.search(text, tail_start)) == bool(currency.search(text)), text
        lowered = latin_lower(text)
        reach = max(0, len(text.rstrip()) - tp.COMPARATOR_BEFORE_REACH)
        for pattern, _ in tp.COMPARATOR_BEFORE:
            full = re.compile(pattern.pattern, re.I).search(text)
            assert bool(pattern.search(lowered, reach)) == bool(full), (pattern.pattern[:40], text)


@pytest.mark.parametrize("piece", [*SAMPLES, "in U.S.", "a" * 60 + ".", "x " + "b" * 40 + '!")  ', "end.   "])
def test_last_word_is_the_one_a_full_search_finds(piece: str) -> None:
    m = tp.LAST_WORD.search(piece)
    assert _last_word(piece) == (m.group(1) if m else None)


# -- quick word tests let only impossible patterns be skipped ----------------------------------------------

GATED = [
    (re.compile(tp.EN_MULTIPLIER.pattern, re.I), tp.MULTIPLIER_IN),
    (tp.EN_FACTOR_OF_YEAR, tp.FACTOR_IN),
    (re.compile(tp.DRAFT_MARK.pattern, re.I), tp.DRAFT_IN),
    (re.compile(tp.EN_NUMBER.pattern, re.I), None),  # its words: see test_digits_only_number_…
    *((pattern, tp.MONTH_NAME_IN) for pattern in tp.MONTH_DATES),
]


def test_every_match_of_a_gated_pattern_holds_its_quick_word() -> None:
    for pattern, quick in GATED:
        if quick is None:
            continue
        for text in SAMPLES:
            for m in pattern.finditer(text):
                assert quick.search(latin_lower(m.group(0))), (pattern.pattern[:40], m.group(0))


def test_every_number_word_is_found_by_the_quick_tests() -> None:
    for word in [*tp.UNITS_WORDS, *tp.TENS_WORDS, *tp.MULTIPLIER_WORDS, "hundred", "billion"]:
        assert tp.NUMBER_WORD_IN.search(word), word
    for word in [*tp.UNITS_WORDS, *tp.TENS_WORDS, "thousand", "trillion"]:
        assert tp.NUMBER_NAME_IN.search(word), word


def test_text_without_a_number_is_left_at_once() -> None:
    assert extract_targets("Improve coordination between upstream suppliers and downstream users") == ()
    assert extract_targets("Raise output to three billion yuan by 2025")  # a number word still counts
    assert mask_dates("no digit here, May") == "no digit here, May"
