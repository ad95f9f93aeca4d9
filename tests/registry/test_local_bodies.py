"""Provincial and city bodies in running text: the fast search finds exactly what a full regex scan finds."""

from __future__ import annotations

import random

import pytest

from policywatch.registry.local_bodies import LocalBodyHit, _body_from_match, _rules, find_local_bodies

ZH_FRAGMENTS = [
    "中共", "中国共产党", "中共中共", "安徽省", "安徽", "北京市", "北京", "经济和信息化厅", "发展和改革委员会",
    "人民政府", "省委", "市委", "人民政府办公厅", "印发", "，", "\n", " ", "中", "共", "党", "由",
]
EN_FRAGMENTS = [
    "Anhui", "anhui", "Beijing", " ", "  ", "\n", "Provincial", "Municipal", " Department of Economy and "
    "Information Technology", " Development and Reform Commission", "Development and Reform Commission",
    " of ", "of the ", "Province", "People's Government", " Party Committee", "x", "-", "Anhuis", ",",
]


def _full_scan(text: str) -> list[LocalBodyHit]:
    """The search as one regex scan per language, as local_bodies defines it."""
    found = []
    for pattern in (_rules().zh_pattern, _rules().en_pattern):
        for match in pattern.finditer(text):
            body = _body_from_match(match)
            if body is not None:
                found.append(LocalBodyHit(match.start(), match.end(), match.group(), body.id))
    return found


@pytest.mark.parametrize("fragments", [ZH_FRAGMENTS, EN_FRAGMENTS, ZH_FRAGMENTS + EN_FRAGMENTS])
def test_search_equals_a_full_scan(fragments: list[str]) -> None:
    rng = random.Random(3)
    for _ in range(1500):
        text = "".join(rng.choice(fragments) for _ in range(rng.randint(0, 10)))
        assert list(find_local_bodies(text)) == _full_scan(text), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中共安徽省委印发", [(0, 6, "Anhui Party Committee")]),
        ("中国共产党北京市委", [(0, 9, "Beijing Party Committee")]),
        ("中共中共安徽省委", [(2, 8, "Anhui Party Committee")]),
        ("the Anhui Provincial Development and Reform Commission", [(4, 54, "Anhui DRC")]),
    ],
)
def test_party_prefix_and_english_order(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(h.start, h.end, h.body_id) for h in find_local_bodies(text)] == expected
