"""The sector registry (sectors.toml): ids, names and the keywords that signal each sector."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from policywatch.registry.name_index import NameIndex

_CONSONANT_Y = re.compile(r"[^aeiou]y$")
_SIBILANT_END = re.compile(r"(?:s|x|z|ch|sh)$")


@dataclass(frozen=True)
class Sector:
    """An industrial sector and the words that signal it."""

    id: str
    name_en: str
    name_zh: str
    keywords_en: tuple[str, ...]
    acronyms: tuple[str, ...]
    keywords_zh: tuple[str, ...]


def _sector_from_table(table: dict[str, Any]) -> Sector:
    return Sector(
        table["id"],
        table["name_en"],
        table["name_zh"],
        tuple(table.get("keywords_en", ())),
        tuple(table.get("acronyms", ())),
        tuple(table.get("keywords_zh", ())),
    )


@functools.cache
def all_sectors() -> tuple[Sector, ...]:
    """Every sector in the registry, in file order."""
    raw = tomllib.loads(resources.files("policywatch.registry").joinpath("sectors.toml").read_text("utf-8"))
    return tuple(_sector_from_table(table) for table in raw["sector"])


def get_sector(sector_id: str) -> Sector:
    """The sector with this id; KeyError if there is none."""
    for sector in all_sectors():
        if sector.id == sector_id:
            return sector
    raise KeyError(sector_id)


def plural(word_group: str) -> str:
    """The plural of a keyword's last word ("battery" → "batteries", "wind farm" → "wind farms")."""
    if _CONSONANT_Y.search(word_group):
        return word_group[:-1] + "ies"
    if _SIBILANT_END.search(word_group):
        return word_group + "es"
    return word_group + "s"


@functools.cache
def sector_keyword_index() -> NameIndex[str]:
    """Every English keyword and its plural → sector id (case-insensitive, whole words)."""
    names: dict[str, str] = {}
    for sector in all_sectors():
        for keyword in sector.keywords_en:
            names.setdefault(keyword, sector.id)
            names.setdefault(plural(keyword), sector.id)
    return NameIndex(names, ignore_case=True, word_bounded=True)


@functools.cache
def sector_acronym_index() -> NameIndex[str]:
    """Every sector acronym ("EV", "AI", "5G") → sector id, exactly as written, whole words."""
    names = {acronym: sector.id for sector in all_sectors() for acronym in sector.acronyms}
    return NameIndex(names, ignore_case=False, word_bounded=True)


@functools.cache
def sector_chinese_index() -> NameIndex[str]:
    """Every Chinese keyword → sector id, matched anywhere."""
    names = {keyword: sector.id for sector in all_sectors() for keyword in sector.keywords_zh}
    return NameIndex(names, ignore_case=False, word_bounded=False)
