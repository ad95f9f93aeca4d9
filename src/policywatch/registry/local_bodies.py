"""Provincial and city bodies, resolved by rule: a place from local_bodies.toml followed (or, in English,
preceded by "… of") a department type, e.g. "安徽省经济和信息化厅" / "Anhui Department of Economy and
Information Technology" → "Anhui DEIT". Ids follow the evaluation spec: "<place> <department code>".
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any, NamedTuple

from policywatch.registry.bodies import IssuingBody
from policywatch.registry.name_index import WordAnchoredPattern, alternation, normalise_name
from policywatch.registry.text_profile import first_word, profile_of

# English words that may stand between a place and a department ("Anhui Provincial Department of …").
_EN_PLACE_SUFFIX = r"(?:'s)?(?:\s+(?:Province|Provincial|Municipality|Municipal|City|Autonomous\s+Region))?"
_EN_PLACE_TAIL = r"(?:\s+(?:Province|Municipality|City|Autonomous\s+Region))?"
_ZH_PARTY_PREFIXES = ("中共", "中国共产党")
_ZH_PARTY_PREFIX = f"(?:{'|'.join(_ZH_PARTY_PREFIXES)})?"
_LEVEL_CHARS = ("省", "市", "自治区")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    names_zh: tuple[str, ...]
    names_en: tuple[str, ...]
    abbr: str | None


@dataclass(frozen=True)
class DepartmentType:
    code: str
    kind: str
    name_en: str
    names_en: tuple[str, ...]
    names_zh: tuple[str, ...]
    abbr: tuple[str, ...]


class LocalBodyHit(NamedTuple):
    """A provincial or city body found in a text."""

    start: int
    end: int
    text: str
    body_id: str


@dataclass(frozen=True)
class _LocalRules:
    places: tuple[Place, ...]
    departments: tuple[DepartmentType, ...]
    government_names: dict[str, str]
    place_by_name: dict[str, Place]  # every EN and ZH spelling, EN casefolded
    department_by_name: dict[str, DepartmentType]  # every EN and ZH name, EN casefolded
    zh_pattern: re.Pattern[str]
    en_pattern: re.Pattern[str]
    zh_bare_pattern: re.Pattern[str]
    # For finding bodies in running text, fast: the Chinese pattern without its optional party prefix (which
    # would keep the regex engine from skipping to a place's first character), the English one tried only
    # where a place's or a department's first word stands.
    zh_search_pattern: re.Pattern[str]
    en_search_pattern: WordAnchoredPattern


def _alternation(names: set[str], *, english: bool) -> str:
    return alternation(names, ignore_case=english)


def _place_from_table(table: dict[str, Any]) -> Place:
    return Place(
        table["name"],
        table["kind"],
        tuple(table["names_zh"]),
        tuple(table.get("names_en", ())),
        table.get("abbr"),
    )


def _department_from_table(table: dict[str, Any]) -> DepartmentType:
    return DepartmentType(
        table["code"],
        table["kind"],
        table["name_en"],
        tuple(table["names_en"]),
        tuple(table["names_zh"]),
        tuple(table.get("abbr", ())),
    )


def _key(name: str) -> str:
    return normalise_name(name, ignore_case=True)


def _build_bare_pattern(departments: tuple[DepartmentType, ...]) -> re.Pattern[str]:
    """A department named by level only ("经省政府同意", "省经信厅"): the place comes from the document."""
    names = {n for d in departments for n in d.names_zh if not n.startswith(_LEVEL_CHARS)}
    levelled = {n for d in departments for n in d.names_zh if n.startswith(_LEVEL_CHARS)}
    alternation = _alternation(levelled | {level + n for level in _LEVEL_CHARS for n in names}, english=False)
    return re.compile(f"(?P<dept>{alternation})")


def _zh_place_department(places: tuple[Place, ...], departments: tuple[DepartmentType, ...]) -> str:
    zh_places = _alternation({n for p in places for n in p.names_zh}, english=False)
    zh_departments = _alternation({n for d in departments for n in d.names_zh}, english=False)
    return f"(?P<place>{zh_places})(?P<dept>{zh_departments})"


def _en_names(places: tuple[Place, ...], departments: tuple[DepartmentType, ...]) -> tuple[set[str], set[str]]:
    return (
        {n for p in places for n in (p.name, *p.names_en)},
        {n for d in departments for n in (d.name_en, *d.names_en)},
    )


def _en_search_pattern(
    places: tuple[Place, ...], departments: tuple[DepartmentType, ...], en: re.Pattern[str]
) -> WordAnchoredPattern:
    """A match starts with a place ("Anhui Department of …") or a department ("Department of … of Anhui")."""
    first_words = {first_word(_key(name)) for names in _en_names(places, departments) for name in names}
    if None in first_words:
        raise ValueError("local_bodies.toml: an English place or department name must start with a letter")
    return WordAnchoredPattern(en, (word for word in first_words if word))


def _build_patterns(
    places: tuple[Place, ...], departments: tuple[DepartmentType, ...]
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    zh = re.compile(f"{_ZH_PARTY_PREFIX}{_zh_place_department(places, departments)}")
    en_place_names, en_department_names = _en_names(places, departments)
    en_places = _alternation(en_place_names, english=True)
    en_departments = _alternation(en_department_names, english=True)
    en = re.compile(
        rf"\b(?:(?P<place>{en_places}){_EN_PLACE_SUFFIX}\s+(?P<dept>{en_departments})"
        rf"|(?P<dept2>{en_departments})\s+of\s+(?:the\s+)?(?P<place2>{en_places}){_EN_PLACE_TAIL})\b",
        re.IGNORECASE,
    )
    return zh, en


@functools.cache
def _rules() -> _LocalRules:
    raw = tomllib.loads(
        resources.files("policywatch.registry").joinpath("local_bodies.toml").read_text("utf-8")
    )
    places = tuple(_place_from_table(t) for t in raw["place"])
    departments = tuple(_department_from_table(t) for t in raw["department"])
    place_by_name = {_key(n): p for p in places for n in (p.name, *p.names_en, *p.names_zh)}
    department_by_name = {_key(n): d for d in departments for n in (d.name_en, *d.names_en, *d.names_zh)}
    zh, en = _build_patterns(places, departments)
    return _LocalRules(
        places,
        departments,
        dict(raw["government_names"]),
        place_by_name,
        department_by_name,
        zh,
        en,
        _build_bare_pattern(departments),
        re.compile(_zh_place_department(places, departments)),
        _en_search_pattern(places, departments, en),
    )


def all_places() -> tuple[Place, ...]:
    """Every province, municipality, autonomous region and city the rule knows."""
    return _rules().places


def _make_body(place: Place, department: DepartmentType) -> IssuingBody:
    rules = _rules()
    if department.code == "{government}":
        government = rules.government_names[place.kind]
        body_id = name_en = f"{place.name} {government}"
    else:
        body_id = f"{place.name} {department.code}"
        name_en = f"{place.name} {department.name_en}"
    return IssuingBody(
        id=body_id,
        name_en=name_en,
        name_zh=place.names_zh[0] + department.names_zh[0],
        names_en=(),
        names_zh=(),
        acronyms=(),
        kind=department.kind,
        active=True,
        successor=None,
        predecessors=(),
    )


def _body_from_match(match: re.Match[str]) -> IssuingBody | None:
    place_text = match.group("place") or match.groupdict().get("place2")
    dept_text = match.group("dept") or match.groupdict().get("dept2")
    return _body_from_names(place_text, dept_text)


def _body_from_names(place_text: str | None, dept_text: str | None) -> IssuingBody | None:
    rules = _rules()
    if place_text is None or dept_text is None:
        return None
    place = rules.place_by_name.get(_key(place_text))
    department = rules.department_by_name.get(_key(dept_text))
    return _make_body(place, department) if place and department else None


def lookup_local(name: str) -> IssuingBody | None:
    """The provincial or city body a whole name stands for, or None."""
    rules = _rules()
    text = name.strip()
    for pattern in (rules.zh_pattern, rules.en_pattern):
        match = pattern.fullmatch(text)
        if match:
            return _body_from_match(match)
    return None


def find_local_bodies(text: str) -> Iterator[LocalBodyHit]:
    """Every provincial or city body named in `text` (simplified Chinese, then English), left to right."""
    if profile_of(text).has_cjk:
        yield from _find_chinese_local_bodies(text)
    for match in _rules().en_search_pattern.finditer(text):
        body = _body_from_match(match)
        if body is not None:
            yield LocalBodyHit(match.start(), match.end(), match.group(), body.id)


def _find_chinese_local_bodies(text: str) -> Iterator[LocalBodyHit]:
    """What `zh_pattern.finditer` finds: a place and department, then a party prefix right before them
    taken in unless an earlier match ends inside it."""
    position = 0
    while match := _rules().zh_search_pattern.search(text, position):
        start = match.start()
        prefix = next((p for p in _ZH_PARTY_PREFIXES if text.endswith(p, 0, start)), "")
        if start - len(prefix) >= position:
            start -= len(prefix)
        body = _body_from_names(match.group("place"), match.group("dept"))
        if body is not None:
            yield LocalBodyHit(start, match.end(), text[start : match.end()], body.id)
        position = match.end()


def _department_by_bare_name(text: str) -> DepartmentType | None:
    rules = _rules()
    department = rules.department_by_name.get(_key(text))
    if department is None:
        for level in _LEVEL_CHARS:
            if text.startswith(level):
                department = rules.department_by_name.get(_key(text[len(level) :]))
                break
    return department


def find_unplaced_local_bodies(text: str, place_name: str) -> Iterator[LocalBodyHit]:
    """Departments named by level only ("经省政府同意", "报省经信厅"), read as those of `place_name` — the one
    place the caller knows the document belongs to."""
    rules = _rules()
    place = rules.place_by_name.get(_key(place_name))
    if place is None or not profile_of(text).has_cjk:
        return
    for match in rules.zh_bare_pattern.finditer(text):
        department = _department_by_bare_name(match.group("dept"))
        if department is not None:
            yield LocalBodyHit(match.start(), match.end(), match.group(), _make_body(place, department).id)


def place_of(body_id: str) -> str | None:
    """The place part of a provincial or city body's id ("Anhui DEIT" → "Anhui"), or None."""
    return next((p.name for p in _rules().places if body_id.startswith(p.name + " ")), None)


@functools.cache
def local_body_by_id(body_id: str) -> IssuingBody | None:
    """The provincial or city body with this id ("Anhui DEIT", "Beijing Municipal Government"), or None."""
    rules = _rules()
    for place in rules.places:
        if not body_id.startswith(place.name + " "):
            continue
        for department in rules.departments:
            body = _make_body(place, department)
            if body.id == body_id:
                return body
    return None


def match_local_doc_prefix(prefix: str) -> tuple[str, IssuingBody] | None:
    """The province-and-department abbreviation a provincial 发文字号 prefix starts with, and its body
    ("皖经信电子" → ("皖经信", Anhui DEIT), "京政发" → ("京政", Beijing Municipal Government)), or None."""
    rules = _rules()
    place = next((p for p in rules.places if p.abbr and prefix.startswith(p.abbr)), None)
    if place is None or place.abbr is None:
        return None
    rest = prefix[len(place.abbr) :]
    candidates = [(abbr, d) for d in rules.departments for abbr in d.abbr if rest.startswith(abbr)]
    if not candidates:
        return None
    abbr, department = max(candidates, key=lambda pair: len(pair[0]))
    return place.abbr + abbr, _make_body(place, department)
