"""The company registry (companies.toml): normalised names, English and Chinese aliases, country."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from policywatch.registry.name_index import NameIndex


@dataclass(frozen=True)
class Company:
    """A company as records name it, with the other names it goes by."""

    name: str
    aliases: tuple[str, ...]
    country: str
    context_aliases: tuple[str, ...] = ()  # ambiguous words that count only in a sentence about companies

    def plain_names(self) -> tuple[str, ...]:
        """The name and aliases that identify the company anywhere."""
        return tuple(n for n in (self.name, *self.aliases) if n not in self.context_aliases)


def _company_from_table(table: dict[str, Any]) -> Company:
    return Company(
        table["name"],
        tuple(table.get("aliases", ())),
        table["country"],
        tuple(table.get("context_aliases", ())),
    )


@functools.cache
def all_companies() -> tuple[Company, ...]:
    """Every company in the registry, in file order."""
    raw = tomllib.loads(resources.files("policywatch.registry").joinpath("companies.toml").read_text("utf-8"))
    return tuple(_company_from_table(table) for table in raw["company"])


@functools.cache
def _by_name() -> dict[str, Company]:
    return {company.name: company for company in all_companies()}


def get_company(name: str) -> Company:
    """The company with this normalised name; KeyError if there is none."""
    return _by_name()[name]


@functools.cache
def company_name_index() -> NameIndex[str]:
    """Every unambiguous name and alias → normalised name (case-sensitive; whole words for Latin script)."""
    names = {alias: company.name for company in all_companies() for alias in company.plain_names()}
    return NameIndex(names, ignore_case=False, word_bounded=True)


@functools.cache
def company_context_index() -> NameIndex[str]:
    """Ambiguous aliases ("Total", "SAIC") → normalised name, for sentences known to be about firms."""
    names = {alias: company.name for company in all_companies() for alias in company.context_aliases}
    return NameIndex(names, ignore_case=False, word_bounded=True)


def lookup_company(name: str) -> Company | None:
    """The company a name or alias stands for (exact spelling, case-sensitive), or None."""
    found = company_name_index().get(name) or company_context_index().get(name)
    return _by_name()[found] if found else None
