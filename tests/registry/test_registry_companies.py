"""The company registry: integrity of companies.toml and lookup of single names."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from policywatch.registry.bodies import lookup as lookup_body
from policywatch.registry.companies import all_companies, get_company, lookup_company


def test_names_are_unique_and_no_alias_is_shared() -> None:
    names = Counter(c.name for c in all_companies())
    assert [n for n, k in names.items() if k > 1] == []
    owners: dict[str, set[str]] = {}
    for company in all_companies():
        for alias in (company.name, *company.aliases, *company.context_aliases):
            owners.setdefault(alias, set()).add(company.name)
    assert {alias: who for alias, who in owners.items() if len(who) > 1} == {}


def test_registry_is_large_and_well_formed() -> None:
    companies = all_companies()
    assert len(companies) >= 150
    assert all(re.fullmatch(r"[A-Z]{2}", c.country) for c in companies)
    assert all(set(c.context_aliases) <= {c.name, *c.aliases} | set(c.context_aliases) for c in companies)


def test_no_company_name_is_a_government_body() -> None:
    clashes = [alias for c in all_companies() for alias in c.plain_names() if lookup_body(alias) is not None]
    assert clashes == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("华为", "Huawei"),
        ("宁德时代", "CATL"),
        ("Contemporary Amperex Technology", "CATL"),
        ("Baowu", "China Baowu"),
        ("SAIC", "SAIC Motor"),
        ("CNNC", "CNNC"),
        ("State Grid Corporation of China", "State Grid"),
        ("TSMC", "TSMC"),
        ("Mercedes-Benz", "Mercedes-Benz"),
    ],
)
def test_lookup_company(name: str, expected: str) -> None:
    found = lookup_company(name)
    assert found is not None and found.name == expected


def test_unknown_company_and_get_company() -> None:
    assert lookup_company("Acme Widgets") is None
    assert get_company("Airbus").country == "FR"
    with pytest.raises(KeyError):
        get_company("Acme Widgets")
