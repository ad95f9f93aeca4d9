"""The issuing-body registry: Chinese government and party bodies, loaded once from bodies.toml.

`lookup()` resolves one name as written (id, acronym, English or Chinese name, traditional characters,
a ministry's general office, a provincial department) to an `IssuingBody`; the name indexes below serve the
extractor that finds bodies in running text.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from opencc import OpenCC

from policywatch.registry.name_index import NameIndex, normalise_name

BODY_KINDS = frozenset(
    {
        "ministry",
        "commission",
        "administration",
        "party",
        "legislature",
        "court",
        "academy",
        "office",
        "government",
        "bank",
    }
)

# Words that qualify a name without changing which body it is ("the", "China's Ministry of Commerce").
_LEADING_QUALIFIERS = re.compile(r"^(?:the|china's|chinese|prc|china)\s+", re.IGNORECASE)
_TRAILING_QUALIFIERS = re.compile(
    r"\s+(?:of\s+(?:the\s+)?(?:people's\s+republic\s+of\s+)?china|\(prc\))$", re.IGNORECASE
)
# A ministry's general office is the ministry; the State Council's and the Central Committee's have own ids,
# which an exact lookup finds before these are stripped.
_EN_GENERAL_OFFICE = re.compile(r"^(?:the\s+)?general\s+office\s+of\s+(?:the\s+)?", re.IGNORECASE)
_ZH_GENERAL_OFFICE = re.compile(r"(?:办公厅|办公室)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class IssuingBody:
    """A government or party body: its id, names in both languages, kind and history."""

    id: str
    name_en: str
    name_zh: str
    names_en: tuple[str, ...]
    names_zh: tuple[str, ...]
    acronyms: tuple[str, ...]
    kind: str
    active: bool
    successor: str | None
    predecessors: tuple[str, ...]

    def all_names_en(self) -> tuple[str, ...]:
        """The official English name followed by every variant."""
        return (self.name_en, *self.names_en)

    def all_names_zh(self) -> tuple[str, ...]:
        """The full Chinese name followed by every short form."""
        return (self.name_zh, *self.names_zh)


@dataclass(frozen=True)
class _Registry:
    bodies: tuple[IssuingBody, ...]
    by_id: dict[str, IssuingBody]
    doc_number_prefixes: dict[str, str]


def _body_from_table(table: dict[str, Any]) -> IssuingBody:
    return IssuingBody(
        id=table["id"],
        name_en=table["name_en"],
        name_zh=table["name_zh"],
        names_en=tuple(table.get("names_en", ())),
        names_zh=tuple(table.get("names_zh", ())),
        acronyms=tuple(table.get("acronyms", ())),
        kind=table["kind"],
        active=table.get("active", True),
        successor=table.get("successor"),
        predecessors=tuple(table.get("predecessors", ())),
    )


@functools.cache
def _registry() -> _Registry:
    raw = tomllib.loads(resources.files("policywatch.registry").joinpath("bodies.toml").read_text("utf-8"))
    bodies = tuple(_body_from_table(table) for table in raw["body"])
    return _Registry(bodies, {body.id: body for body in bodies}, dict(raw.get("doc_number_prefixes", {})))


@functools.cache
def _t2s() -> OpenCC:
    return OpenCC("t2s")


@functools.cache
def _traditional_characters() -> frozenset[str] | None:
    """Characters OpenCC turns into other ones, read from its own table; None when the table is not found."""
    try:
        table = resources.files("opencc").joinpath("dictionary/TSCharacters.txt").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return None
    pairs = (line.split("\t", 1) for line in table.splitlines() if "\t" in line)
    return frozenset(trad for trad, simplified in pairs if len(trad) == 1 and trad not in simplified.split())


@functools.cache
def _traditional_pattern() -> re.Pattern[str] | None:
    """A character class of the traditional characters, for a scan many times faster than a set test of every
    character. Those outside the Basic Multilingual Plane are covered by one range (a superset): a long list
    of them would make the regex engine compare each character with every one."""
    traditional = _traditional_characters()
    if traditional is None:
        return None
    basic = sorted(char for char in traditional if char <= "\uffff")
    beyond = sorted(char for char in traditional if char > "\uffff")
    span = f"{beyond[0]}-{beyond[-1]}" if beyond else ""
    return re.compile("[" + "".join(re.escape(char) for char in basic) + span + "]")


def _has_traditional(text: str) -> bool:
    traditional, pattern = _traditional_characters(), _traditional_pattern()
    if traditional is None or pattern is None:
        return True
    found = pattern.search(text)
    return found is not None and (found.group() in traditional or not traditional.isdisjoint(text))


def to_simplified(text: str) -> str:
    """Traditional Chinese characters turned into simplified ones; other text is returned as is (quickly: the
    converter runs only when the text holds a character it would change)."""
    if text.isascii() or not _CJK.search(text) or not _has_traditional(text):
        return text
    return _t2s().convert(text)


def all_bodies() -> tuple[IssuingBody, ...]:
    """Every central body in the registry, in file order (active and defunct)."""
    return _registry().bodies


def get_body(body_id: str) -> IssuingBody:
    """The body with this id (central or provincial, e.g. "Anhui DEIT"); KeyError if there is none."""
    body = _registry().by_id.get(body_id)
    if body is not None:
        return body
    from policywatch.registry.local_bodies import local_body_by_id

    local = local_body_by_id(body_id)
    if local is None:
        raise KeyError(body_id)
    return local


@functools.cache
def english_name_index() -> NameIndex[str]:
    """Every English name and variant of every central body → id (case-insensitive, whole words)."""
    names = {name: body.id for body in all_bodies() for name in body.all_names_en()}
    return NameIndex(names, ignore_case=True, word_bounded=True)


@functools.cache
def acronym_index() -> NameIndex[str]:
    """Every acronym → id, matched exactly as written and as whole words."""
    names = {acronym: body.id for body in all_bodies() for acronym in body.acronyms}
    return NameIndex(names, ignore_case=False, word_bounded=True)


@functools.cache
def chinese_name_index() -> NameIndex[str]:
    """Every Chinese name (full and short, simplified) → id; Chinese has no word boundaries."""
    names = {name: body.id for body in all_bodies() for name in body.all_names_zh()}
    return NameIndex(names, ignore_case=False, word_bounded=False)


@functools.cache
def _ids_by_folded_acronym() -> dict[str, frozenset[str]]:
    folded: dict[str, set[str]] = {}
    for body in all_bodies():
        for acronym in (*body.acronyms, body.id):
            folded.setdefault(acronym.casefold(), set()).add(body.id)
    return {key: frozenset(ids) for key, ids in folded.items()}


def _lookup_exact(name: str) -> IssuingBody | None:
    registry = _registry()
    if name in registry.by_id:
        return registry.by_id[name]
    for index in (acronym_index(), english_name_index(), chinese_name_index()):
        body_id = index.get(name)
        if body_id is not None:
            return registry.by_id[body_id]
    ids = _ids_by_folded_acronym().get(name.casefold(), frozenset())
    return registry.by_id[next(iter(ids))] if len(ids) == 1 else None


def _variants(name: str) -> list[str]:
    """The name and the forms it takes once qualifiers and a general office are stripped off."""
    forms = [name]
    stripped = _TRAILING_QUALIFIERS.sub("", _LEADING_QUALIFIERS.sub("", name))
    forms.append(stripped)
    forms.append(_EN_GENERAL_OFFICE.sub("", stripped))
    if _CJK.search(name):
        simplified = to_simplified(name)
        forms += [simplified, _ZH_GENERAL_OFFICE.sub("", simplified)]
    return [form for form in dict.fromkeys(forms) if form]


@functools.lru_cache(maxsize=4096)  # extractors look up the same candidate names in text after text
def lookup(name: str) -> IssuingBody | None:
    """The body a name stands for: id, acronym, English name or variant, Chinese full or short name.

    English is matched without regard to case or a leading "the"/"China's"; traditional characters are
    converted to simplified; "General Office of the X"/"X办公厅" resolves to X unless the office has an id of
    its own (GOSC, GOCPCCC). Provincial and city bodies ("安徽省经济和信息化厅", "Jilin Department of Industry
    and Information Technology") resolve through the place × department rule. None when nothing fits.
    """
    from policywatch.registry.local_bodies import local_body_by_id, lookup_local

    cleaned = normalise_name(name, ignore_case=False)
    for form in _variants(cleaned):
        body = _lookup_exact(form) or local_body_by_id(form) or lookup_local(form)
        if body is not None:
            return body
    return None


def match_doc_number_prefix(prefix: str) -> tuple[str, IssuingBody] | None:
    """The registered issuer prefix that a 发文字号 prefix starts with, and its body: the longest registered
    prefix wins (国办发 before 国发); else a province's abbreviation plus a department's ("皖经信")."""
    from policywatch.registry.local_bodies import match_local_doc_prefix

    simplified = to_simplified(prefix.strip())
    known = _registry().doc_number_prefixes
    for length in range(len(simplified), 0, -1):
        body_id = known.get(simplified[:length])
        if body_id is not None:
            return simplified[:length], get_body(body_id)
    return match_local_doc_prefix(simplified)


def lookup_doc_number_prefix(prefix: str) -> IssuingBody | None:
    """The body behind the issuer prefix of a 发文字号 ("工信部联节" → MIIT, "国办发" → GOSC, "皖经信电子" →
    Anhui DEIT), or None."""
    matched = match_doc_number_prefix(prefix)
    return matched[1] if matched else None


def doc_number_prefixes() -> dict[str, str]:
    """The registered 发文字号 prefixes and the id each stands for."""
    return dict(_registry().doc_number_prefixes)
