"""Acceptance on the seed brief (a MERICS China Industries PDF edition as text, read from ../shared): its key
points, read with their "At a glance" paragraph as lead-in, and its news lines yield exactly the goals
below."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policywatch.extract.targets import extract_targets
from policywatch.records import Target

SEED = "seeds/000_61a2b85d103903a0.txt"
ENTRY_HEAD = re.compile(r"^(?P<rank>[1-5])\. \S")
NEWS_HEAD = re.compile(r"^(?P<section>Policy news|Corporate news)\s*$")


def _entries(text: str) -> dict[int, tuple[str, list[str]]]:
    """rank → (At a glance paragraph, key points) of the top entries, after the contents list."""
    body = text[text.index("MERICs TOP 5\n") :]
    entries: dict[int, tuple[str, list[str]]] = {}
    rank = 0
    for line in body.splitlines():
        head = ENTRY_HEAD.match(line)
        if head:
            rank = int(head.group("rank"))
            entries[rank] = ("", [])
        elif rank and line.startswith("At a glance:"):
            entries[rank] = (line, [])
        elif rank and line.startswith("- ") and entries[rank][0]:
            entries[rank][1].append(line[2:])
        elif line.startswith("NOTEWORTHY"):
            break
    return entries


def _news(text: str) -> list[tuple[bool, str]]:
    """(corporate?, line) for every news line."""
    lines: list[tuple[bool, str]] = []
    corporate = None
    for line in text.splitlines():
        head = NEWS_HEAD.match(line)
        if head:
            corporate = head.group("section") == "Corporate news"
        elif corporate is not None and line.startswith("- "):
            lines.append((corporate, line[2:]))
        elif line.startswith("AUTHORS"):
            break
    return lines


def _key(t: Target) -> tuple[float, str, str, int | None]:
    return t.value, t.unit, t.comparator, t.year


@pytest.fixture(scope="module")
def seed(shared_dir: Path) -> str:
    return (shared_dir / SEED).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def entry_targets(seed: str) -> dict[int, list[Target]]:
    out: dict[int, list[Target]] = {}
    for rank, (lead_in, points) in _entries(seed).items():
        out[rank] = [t for point in points for t in extract_targets(point, lead_in=lead_in, field="key_points")]
    return out


def test_seed_has_five_entries_with_key_points(seed: str) -> None:
    entries = _entries(seed)
    assert sorted(entries) == [1, 2, 3, 4, 5]
    assert [len(points) for _, points in entries.values()] == [4, 4, 4, 4, 3]


def test_entry_1_technology_market(entry_targets: dict[int, list[Target]]) -> None:
    (t,) = entry_targets[1]
    assert _key(t) == (5e12, "CNY", "=", 2025)
    assert t.year_source == "sentence"
    assert t.baseline is not None and (t.baseline.factor, t.baseline.year, t.baseline.approximate) == (
        2,
        2020,
        True,
    )
    assert t.metric == "value of technology transfer and licensing contracts"


def test_entries_2_and_3_have_no_targets(entry_targets: dict[int, list[Target]]) -> None:
    assert entry_targets[2] == [] and entry_targets[3] == []


def test_entry_4_high_tech_zones(entry_targets: dict[int, list[Target]]) -> None:
    got = {_key(t): t for t in entry_targets[4]}
    assert set(got) == {
        (7.8, "percent", ">=", 2025),
        (40, "percent", "=", 2025),
        (2.5e12, "CNY", "=", 2025),
        (220, "zones", "~", 2025),
    }
    assert all(t.year_source == "lead_in" for t in got.values())
    assert got[(7.8, "percent", ">=", 2025)].metric == "R&D intensity"
    baselines = {k: (t.baseline.value, t.baseline.year, t.baseline.factor) for k, t in got.items() if t.baseline}
    assert baselines == {
        (7.8, "percent", ">=", 2025): (6.8, 2020, None),
        (40, "percent", "=", 2025): (34.2, 2020, None),
        (2.5e12, "CNY", "=", 2025): (None, 2020, 3),
        (220, "zones", "~", 2025): (169, 2020, None),
    }


def test_entry_5_virtual_reality(entry_targets: dict[int, list[Target]]) -> None:
    got = {_key(t): t for t in entry_targets[5]}
    assert set(got) == {(3.5e11, "CNY", ">", 2026), (25e6, "headsets", ">", 2026)}
    industry = got[(3.5e11, "CNY", ">", 2026)]
    assert industry.metric == "VR industry"
    assert industry.baseline is not None and (industry.baseline.value, industry.baseline.year) == (
        5.839e10,
        2021,
    )
    assert got[(25e6, "headsets", ">", 2026)].metric == "VR headsets"


def test_news_lines(seed: str) -> None:
    policy = [t for corp, line in _news(seed) if not corp for t in extract_targets(line, field="text")]
    assert [_key(t) for t in policy] == [(24, "percent", ">", 2025)]
    assert not policy[0].corporate


def test_corporate_news_only_when_the_caller_says_so(seed: str) -> None:
    lines = [line for corp, line in _news(seed) if corp]
    assert [t for line in lines for t in extract_targets(line, field="text")] == []
    flagged = [t for line in lines for t in extract_targets(line, field="text", corporate=True)]
    assert [(_key(t), t.corporate) for t in flagged] == [((2e10, "CNY", "=", 2025), True)]


def test_spans_point_at_the_quantity(entry_targets: dict[int, list[Target]], seed: str) -> None:
    _, points = _entries(seed)[5]
    t = next(t for t in entry_targets[5] if t.unit == "headsets")
    assert points[0][t.span[0] : t.span[1]] == "25 million VR headsets"
