"""Golden-file tests: each fixture document read and compared with its <case>.expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from read_goldens import FIXTURES, FORMATS, expected_path, fixture_documents, golden_of

DOCUMENTS = fixture_documents()


def test_every_format_has_fixtures() -> None:
    found = {path.parent.name for path in DOCUMENTS}
    assert found == set(FORMATS)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_reader_matches_golden(document: Path) -> None:
    expected_file = expected_path(document)
    if not expected_file.exists():
        pytest.fail(f"{expected_file.name} is missing: run tests/read/read_goldens.py and review the result")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    assert golden_of(document) == expected


def test_no_orphan_goldens() -> None:
    """An expected file whose document was removed would otherwise go unnoticed."""
    goldens = {path for fmt in FORMATS for path in (FIXTURES / fmt).glob("*.expected.json")}
    assert goldens == {expected_path(document) for document in DOCUMENTS}
