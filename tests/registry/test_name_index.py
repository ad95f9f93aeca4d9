"""NameIndex: many names compiled into one regex, longest match first."""

from __future__ import annotations

import pytest

from policywatch.registry.name_index import NameIndex, normalise_name

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
