"""The sector registry: integrity of sectors.toml and keyword plurals."""

from __future__ import annotations

import pytest

from policywatch.registry.sectors import all_sectors, get_sector, plural


def test_ids_unique_and_about_thirty_sectors() -> None:
    ids = [s.id for s in all_sectors()]
    assert len(ids) == len(set(ids))
    assert 28 <= len(ids) <= 40


def test_no_keyword_belongs_to_two_sectors() -> None:
    owners: dict[str, set[str]] = {}
    for sector in all_sectors():
        for keyword in (*(k.casefold() for k in sector.keywords_en), *sector.acronyms, *sector.keywords_zh):
            owners.setdefault(keyword, set()).add(sector.id)
    assert {k: ids for k, ids in owners.items() if len(ids) > 1} == {}


def test_every_sector_has_names_and_keywords() -> None:
    for sector in all_sectors():
        assert sector.name_en and sector.name_zh, sector.id
        assert sector.keywords_en and sector.keywords_zh, sector.id


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("battery", "batteries"),
        ("wind farm", "wind farms"),
        ("chip", "chips"),
        ("day", "days"),
        ("bus", "buses"),
        ("switch", "switches"),
    ],
)
def test_plural(word: str, expected: str) -> None:
    assert plural(word) == expected


def test_get_sector() -> None:
    assert get_sector("batteries").name_zh == "电池"
    with pytest.raises(KeyError):
        get_sector("alchemy")
