"""DOCX: document order, list styles as items, tables as rows."""

from __future__ import annotations

from read_goldens import FIXTURES

from policywatch.read import read_path
from policywatch.records import ReadDocument


def test_docx_blocks() -> None:
    result = read_path(FIXTURES / "docx" / "brief_en.docx")
    assert isinstance(result, ReadDocument), result
    lines = result.text.split("\n")
    assert lines[0] == "Hydrogen plan sets 2025 goals"
    assert lines[1] == ""
    assert "• 50,000 fuel cell vehicles on the road by 2025" in lines
    assert "1. Pilot cities file their plans" in lines
    assert "2. The ministries review progress in 2024" in lines
    assert "Note\ttargets for 2035 are not quantified" in lines  # a merged cell appears once
    assert "发布日期：2022年3月23日" in lines  # a line break inside a paragraph
    assert result.text.index("Next steps") < result.text.index("Indicator\t2025\t2035")
    assert result.title == "Hydrogen plan sets 2025 goals"
    assert result.published == "2023-06-01"
