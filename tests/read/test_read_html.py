"""HTML: main content without boilerplate, block structure kept, encodings from <meta charset>."""

from __future__ import annotations

import pytest
from read_goldens import FIXTURES
from selectolax.lexbor import LexborHTMLParser

from policywatch.read import read_bytes
from policywatch.read.blocks import render_blocks
from policywatch.read.html import dom_blocks
from policywatch.records import ReadDocument

BOILERPLATE = [
    "Sign in", "About us", "Related articles", "Subscribe to our newsletter", "All rights reserved",
    "tracking pixel", "querySelectorAll", "font-family",
]


def read_fixture(name: str) -> ReadDocument:
    path = FIXTURES / "html" / name
    result = read_bytes(path.read_bytes(), name)
    assert isinstance(result, ReadDocument), result
    return result


@pytest.mark.parametrize("phrase", BOILERPLATE)
def test_boilerplate_left_out(phrase: str) -> None:
    assert phrase not in read_fixture("article_boilerplate.html").text


def test_block_structure() -> None:
    lines = read_fixture("article_boilerplate.html").text.split("\n")
    assert "Key points" in lines  # a heading on its own line
    assert lines[lines.index("Key points") - 1] == ""
    assert "• Raise 200 billion CNY from central and local sources" in lines
    assert "• Back lithography, etching and wafer materials makers" in lines  # inline <b> stays inline
    assert "1. Fund registration in the first quarter" in lines  # ordered lists keep numbers
    assert "Second\t200 billion CNY\tEquipment and materials" in lines  # table rows, tab-joined
    assert "发布日期：2023年3月14日" in lines  # <br> starts a line


def test_metadata() -> None:
    document = read_fixture("article_boilerplate.html")
    assert document.title == "Chips fund enters second phase"
    assert document.published == "2023-03-14"
    assert document.url == "https://policy-monitor.example/briefs/chips-fund-second-phase"


def test_gbk_page_with_meta_charset() -> None:
    document = read_fixture("notice_gbk.html")
    assert document.source.encoding == "gb18030"
    assert "一、到2025年，燃料电池汽车保有量达到5万辆，部署建设一批加氢站。" in document.text.split("\n")
    assert "首页" not in document.text and "版权所有" not in document.text
    assert document.language == "zh"


def test_valid_utf8_wins_over_a_wrong_declaration() -> None:
    page = '<html><head><meta charset="gbk"></head><body><p>标题：氢能规划发布</p></body></html>'
    document = read_bytes(page.encode("utf-8"), "p.html")
    assert isinstance(document, ReadDocument)
    assert document.source.encoding == "utf-8"
    assert "标题：氢能规划发布" in document.text


def test_gbk_page_without_declaration_is_detected() -> None:
    page = "<html><body><p>标题：氢能规划发布</p><p>到2025年，燃料电池汽车保有量达到5万辆。</p></body></html>"
    document = read_bytes(page.encode("gbk"), "p.html")
    assert isinstance(document, ReadDocument)
    assert document.source.encoding == "gb18030"
    assert "标题：氢能规划发布" in document.text


def test_undeclared_western_page_reads_as_windows_1252() -> None:
    document = read_bytes(b"<html><body><p>Caf\xe9 owners welcome the plan.</p></body></html>", "p.html")
    assert isinstance(document, ReadDocument)
    assert document.source.encoding == "cp1252"
    assert "Café owners welcome the plan." in document.text


def test_deeply_nested_markup_does_not_raise() -> None:
    page = b"<html><body>" + b"<div>" * 5000 + b"deep text" + b"</div>" * 5000 + b"</body></html>"
    document = read_bytes(page, "deep.html")
    assert isinstance(document, ReadDocument)
    assert "deep text" in document.text


def test_dates_not_guessed_from_body_text() -> None:
    page = b"<html><body><p>The plan targets 50,000 vehicles by 2025 and a review in March 2024.</p></body>"
    document = read_bytes(page, "p.html")
    assert isinstance(document, ReadDocument)
    assert document.published is None


def test_fallback_walk_keeps_structure_and_skips_navigation() -> None:
    markup = (FIXTURES / "html" / "article_boilerplate.html").read_text(encoding="utf-8")
    text = render_blocks(dom_blocks(LexborHTMLParser(markup)))
    for phrase in ("Sign in", "Related articles", "All rights reserved", "tracking pixel"):
        assert phrase not in text
    lines = text.split("\n")
    assert "• Link fund support to patents filed in China" in lines
    assert "2. First investments by mid-year" in lines
    assert "• Equipment makers in Shanghai" in lines
    assert "First\t139 billion CNY\tChip making" in lines
