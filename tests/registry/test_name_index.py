"""NameIndex: many names compiled into one regex, longest match first."""

from __future__ import annotations

import random
import re

import pytest

from policywatch.registry.name_index import NameIndex, WordAnchoredPattern, alternation, normalise_name

NAMES = {
    "State Council": "SC",
    "General Office of the State Council": "GOSC",
    "国务院": "SC",
    "国务院办公厅": "GOSC",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The General Office of the State Council said", ["GOSC"]),
        ("the state council and the State  Council", ["SC", "SC"]),
        ("the State\nCouncil", ["SC"]),
        ("国务院办公厅印发，国务院同意", ["GOSC", "SC"]),
        ("Statecouncil", []),
        ("xState Council", []),
        ("由State Council发布", ["SC"]),
    ],
)
def test_finds_longest_names_as_whole_words(text: str, expected: list[str]) -> None:
    index = NameIndex(NAMES, ignore_case=True, word_bounded=True)
    assert [hit.value for hit in index.finditer(text)] == expected


def test_case_sensitive_index_keeps_case() -> None:
    index = NameIndex({"MIIT": 1, "MoT": 2}, ignore_case=False, word_bounded=True)
    assert [h.text for h in index.finditer("MIIT, miit, MoT and MOT")] == ["MIIT", "MoT"]


def test_hit_offsets_and_get() -> None:
    index = NameIndex({"General Motors": "GM"}, ignore_case=False, word_bounded=True)
    [hit] = index.finditer("General Motors’ JV")
    assert (hit.start, hit.end, hit.text) == (0, 14, "General Motors")
    assert index.get("General  Motors") == "GM"
    assert index.get("General") is None


def test_apostrophes_and_dashes_normalise() -> None:
    assert normalise_name("People’s  Bank – of China", ignore_case=True) == "people's bank-of china"
    index = NameIndex({"People's Bank of China": "PBOC"}, ignore_case=True, word_bounded=True)
    assert [h.value for h in index.finditer("the People’s Bank of China")] == ["PBOC"]


def test_empty_index_matches_nothing() -> None:
    assert list(NameIndex({}, ignore_case=False, word_bounded=False).finditer("anything")) == []


# --- the word-anchored search finds exactly what a full regex scan finds ----------------------------------

FUZZ_NAMES = {
    "State Council": 1,
    "General Office of the State Council": 2,
    "People's Bank of China": 3,
    "e-commerce law": 4,
    "MIIT": 5,
    "MoT": 6,
    "国务院": 7,
    "国务院办公厅": 8,
    "Société Générale": 9,
    "5G Alliance": 10,
    "Bank": 11,
    "(PRC) Customs": 12,
    "State Administration of Taxation": 13,
    "Bank of China": 14,
}
FRAGMENTS = [
    "State", "state", "STATE", " Council", "Council", " ", "  ", "\n", "General Office of the ", "People’s ",
    "People's", " Bank", "Bank", " of China", "e - commerce law", "e-commerce", " law", "MIIT", "miit", "MoT",
    "国务院", "办公厅", "Société", " Générale", "5G", " Alliance", "x", "-", ",", "由", "É", "(PRC) Customs",
    "\u017f", "the ", " Administration of Taxation",
]
_LATIN = r"[0-9A-Za-z\u00C0-\u024F]"


def _fuzz_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 12))) for _ in range(count)]


def _full_scan(index: NameIndex[int], names: dict[str, int], text: str, end: int, *, ignore_case: bool
               ) -> list[tuple[int, int, int]]:
    body = rf"(?<!{_LATIN})" + alternation(names, ignore_case=ignore_case) + rf"(?!{_LATIN})"
    pattern = re.compile(body, re.IGNORECASE if ignore_case else 0)
    found = []
    for match in pattern.finditer(text, 0, end):
        value = index.get(match.group())
        if value is not None:
            found.append((match.start(), match.end(), value))
    return found


@pytest.mark.parametrize("ignore_case", [True, False])
def test_word_anchored_search_equals_a_full_scan(ignore_case: bool) -> None:
    index = NameIndex(FUZZ_NAMES, ignore_case=ignore_case, word_bounded=True)
    for text in _fuzz_texts(11, 1500):
        for end in {len(text), len(text) // 2, max(0, len(text) - 3)}:
            found = [(h.start, h.end, h.value) for h in index.finditer(text, end)]
            assert found == _full_scan(index, FUZZ_NAMES, text, end, ignore_case=ignore_case), (text, end)


def test_an_end_that_cuts_a_word_leaves_its_first_part() -> None:
    index = NameIndex({"MIIT": 1}, ignore_case=False, word_bounded=True)
    assert [h.text for h in index.finditer("MIITX and MIIT", 4)] == ["MIIT"]
    assert [h.text for h in index.finditer("MIITX and MIIT")] == ["MIIT"]
    assert [h.start for h in index.finditer("MIITX and MIIT")] == [10]


def test_word_anchored_pattern_tries_other_starts_too() -> None:
    pattern = re.compile(r"\balpha\b|β\w+")  # every match starts at the word "alpha" or at a β
    anchored = WordAnchoredPattern(pattern, ["alpha"], re.compile("β"))
    text = "β1 alpha xalpha βeta alpha"
    assert [m.span() for m in anchored.finditer(text)] == [m.span() for m in pattern.finditer(text)]
