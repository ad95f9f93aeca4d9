"""Golden-file tests of the brief parser: every file in tests/fixtures/brief/ beside its expected record."""

from __future__ import annotations

from pathlib import Path

import pytest

from golden import check_golden
from policywatch.parse import parse_path

CASES = sorted(p for p in (Path(__file__).parent.parent / "fixtures" / "brief").iterdir()
               if not p.name.endswith(".expected.json"))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_brief_golden(case: Path) -> None:
    check_golden(case, parse_path(case))
