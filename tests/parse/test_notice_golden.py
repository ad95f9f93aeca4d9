"""Golden-file tests of the Chinese notice parser: every tests/fixtures/notice/<case>.txt beside its
<case>.expected.json (the whole record, as `parse_chinese` returns it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from golden import check_golden
from policywatch.parse.notice import parse_chinese
from policywatch.read import read_path
from policywatch.records import ReadDocument

FIXTURES = Path(__file__).parent.parent / "fixtures" / "notice"
CASES = sorted(FIXTURES.glob("*.txt"))


def test_there_are_notice_goldens() -> None:
    assert len(CASES) >= 6


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_notice_golden(case: Path) -> None:
    doc = read_path(case)
    assert isinstance(doc, ReadDocument), doc
    check_golden(case, parse_chinese(doc))
