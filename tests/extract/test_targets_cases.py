"""Table-driven target extraction: every case in tests/fixtures/targets/cases.json, English and Chinese, goals
and traps. A case lists the targets expected in order; fields a case leaves out are not checked."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from policywatch.extract.targets import extract_targets
from policywatch.records import Target

CASES = json.loads((Path(__file__).parent.parent / "fixtures" / "targets" / "cases.json").read_text("utf-8"))
_BASELINE_FIELDS = {
    "baseline_value": "value",
    "baseline_year": "year",
    "baseline_factor": "factor",
    "baseline_approximate": "approximate",
}


def _extract(case: dict[str, Any]) -> tuple[Target, ...]:
    period = case.get("plan_period")
    return extract_targets(
        case["text"],
        lead_in=case.get("lead_in"),
        default_year=case.get("default_year"),
        plan_period=tuple(period) if period else None,
        draft=case.get("draft", False),
        corporate=case.get("corporate", False),
    )


def _observed(t: Target, name: str) -> Any:
    if name in _BASELINE_FIELDS:
        return getattr(t.baseline, _BASELINE_FIELDS[name]) if t.baseline else None
    return getattr(t, name)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    found = _extract(case)
    assert len(found) == len(case["expect"]), [(t.value, t.unit, t.year) for t in found]
    for target, expected in zip(found, case["expect"], strict=True):
        for name, value in expected.items():
            got = _observed(target, name)
            if isinstance(value, float | int) and not isinstance(value, bool) and got is not None:
                assert got == pytest.approx(value), name
            else:
                assert got == value, name


@pytest.mark.parametrize("case", [c for c in CASES if c["expect"]], ids=lambda c: c["id"])
def test_span_covers_the_number(case: dict[str, Any]) -> None:
    for target in _extract(case):
        quoted = case["text"][target.span[0] : target.span[1]]
        assert re.search(r"[\d０-９一二三四五六七八九十两百]|\b(?:one|three|ten)\b", quoted) or target.unit == "times"
        assert quoted == quoted.strip()


def test_case_ids_are_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
