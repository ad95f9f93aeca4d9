"""Golden-file tests of the brief parser: every file in tests/fixtures/brief/ beside its expected record."""

from __future__ import annotations

from pathlib import Path

import pytest

from golden import check_golden
from policywatch.parse import parse_path

FIXTURES = Path(__file__).parent.parent / "fixtures" / "brief"
SAMPLES = Path(__file__).parent.parent.parent / "samples"
CASES = sorted(p for p in FIXTURES.iterdir() if p.is_file() and not p.name.endswith(".expected.json"))
# the bundled sample's PDF and web editions are parser inputs too; their goldens live under fixtures/brief/samples
SAMPLE_EDITIONS = [SAMPLES / "sample-brief.pdf", SAMPLES / "sample-brief.html"]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_brief_golden(case: Path) -> None:
    check_golden(case, parse_path(case))


@pytest.mark.parametrize("edition", SAMPLE_EDITIONS, ids=lambda p: p.name)
def test_sample_edition_golden(edition: Path) -> None:
    expected = FIXTURES / "samples" / f"sample-brief-{edition.suffix[1:]}.expected.json"
    check_golden(edition, parse_path(edition), expected)
