"""Table-driven quantity reading (tests/fixtures/targets/quantities.json): each text → its quantities as
[value, unit, comparator, upper bound], in order; dates, years, ranks, codes and ordinals give none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from policywatch.extract.quantities import find_quantities, fold, number_value

CASES = json.loads((Path(__file__).parent.parent / "fixtures" / "targets" / "quantities.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_quantities(case: dict[str, Any]) -> None:
    found = [(q.value, q.unit, q.comparator, q.upper) for q in find_quantities(case["text"])]
    expected = [tuple(e) for e in case["expect"]]
    assert len(found) == len(expected), found
    for got, want in zip(found, expected, strict=True):
        assert got[0] == pytest.approx(want[0])
        assert got[1:3] == want[1:3]
        assert got[3] == (pytest.approx(want[3]) if want[3] is not None else None)


@pytest.mark.parametrize(
    ("token", "value"),
    [("45,000", 45000.0), ("58.39", 58.39), ("twenty-four", 24.0), ("七点八", 7.8), ("五", 5.0), ("两", 2.0)],
)
def test_number_value(token: str, value: float) -> None:
    assert number_value(token) == pytest.approx(value)


def test_scaled_values_have_no_binary_noise() -> None:
    (q,) = find_quantities("CNY 58.39 billion")
    assert q.value == 58390000000.0


def test_fold_keeps_offsets() -> None:
    text = "到２０２５年，各省、自治區達到５萬億元"
    assert len(fold(text)) == len(text)
    (q,) = find_quantities(text)
    assert text[q.start : q.end] == "５萬億元" and q.value == 5e12


def test_span_includes_a_currency_prefix() -> None:
    text = "to exceed CNY 350 billion"
    (q,) = find_quantities(text)
    assert text[q.start : q.end] == "CNY 350 billion"
