"""Text profiles: the words and Chinese characters a text holds, used to skip regex scans that cannot match."""

from __future__ import annotations

import random
import re
import sys

import pytest

from policywatch.registry.text_profile import CASE_ODDITIES, blank_spans, first_word, has_cjk, profile_of


def test_words_are_lowercase_ascii_runs() -> None:
    profile = profile_of("The People’s Bank of China (PBOC) cut rates; 央行 said 2024.")
    assert profile.words == frozenset({"the", "people", "s", "bank", "of", "china", "pboc", "cut", "rates",
                                       "said", "2024"})
    assert profile.has_cjk
    assert not profile_of("Plain ASCII text").has_cjk


def test_word_starts_are_whole_words_only() -> None:
    profile = profile_of("State, statement, STATE and estate state")
    assert profile.word_starts("state") == [0, 18, 35]
    assert profile.starts_of_any(frozenset({"and", "state"})) == [(0, "state"), (18, "state"), (24, "and"),
                                                                  (35, "state")]


def test_has_any_rules_out_only_what_is_absent() -> None:
    profile = profile_of("Four ministries issued a plan")
    assert profile.has_any(["ministries", "agencies"])
    assert not profile.has_any(["agencies"])


@pytest.mark.parametrize("odd", list(CASE_ODDITIES))
def test_a_case_oddity_turns_the_words_off(odd: str) -> None:
    profile = profile_of(f"Mini{odd}try of Commerce")
    assert profile.words is None
    assert profile.has_any(["anything"])  # cannot rule anything out


def test_case_oddities_are_complete() -> None:
    """Every non-ASCII character that lowercases to, or matches case-insensitively, an ASCII letter or digit is
    listed (or lowercases to more than one character, which the profile catches by length)."""
    ascii_word = re.compile(r"[a-z0-9]", re.IGNORECASE)
    missed = [
        hex(code)
        for code in range(0x80, sys.maxunicode + 1)
        if (ascii_word.fullmatch(chr(code)) or re.search(r"[a-z0-9]", chr(code).lower()))
        and chr(code) not in CASE_ODDITIES
        and len(chr(code).lower()) == 1
    ]
    assert missed == []


def test_first_word() -> None:
    assert first_word("People's Bank of China") == "people"
    assert first_word("5G Alliance") == "5g"
    assert first_word("国务院") is None
    assert first_word("(PRC) State Council") is None


def test_has_cjk() -> None:
    assert has_cjk("由工信部发布")
    assert not has_cjk("“Quoted” — text")


def _blank_naively(text: str, spans: list[tuple[int, int]], fill: str) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = fill * (end - start)
    return "".join(chars)


def test_blank_spans_matches_the_naive_version() -> None:
    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice("ab 1,工\n") for _ in range(rng.randint(0, 30)))
        spans = []
        for _ in range(rng.randint(0, 4)):
            start = rng.randint(0, len(text))
            spans.append((start, rng.randint(start, len(text))))
        for fill in (" ", "\x00"):
            assert blank_spans(text, spans, fill) == _blank_naively(text, spans, fill)


def test_blanked_text_shares_the_profile_only_when_cut_between_words() -> None:
    text = "MIIT and NDRC met Siemens"
    clean = blank_spans(text, [(0, 4)])
    assert profile_of(clean) is profile_of(text)
    cut = blank_spans(text, [(0, 2)])  # "  IT and…": "it" is a word of the blanked text only
    assert profile_of(cut) is not profile_of(text)
    assert "it" in (profile_of(cut).words or ())
