"""PDF: page text repaired (ligatures, hyphenation, running headers, page numbers); table-driven parts."""

from __future__ import annotations

import pytest
from read_goldens import FIXTURES

from policywatch.read import read_path
from policywatch.read.pdf import clean_page, drop_running_lines, pdf_date
from policywatch.records import ReadDocument


@pytest.fixture(scope="module")
def brief() -> ReadDocument:
    result = read_path(FIXTURES / "pdf" / "brief_en.pdf")
    assert isinstance(result, ReadDocument), result
    return result


@pytest.mark.parametrize(
    "phrase",
    [
        "an official plan",  # U+FB03 drawn as one glyph
        "the efficient reuse",
        "fifth of all new energy vehicles, and it asks firms to report flows of material.",
        "relies on technology transfer",  # "tech-" / "nology" across a line break
        "Support the Sino-European research programme",  # a compound split before a capital
        "COVID-19 recovery funds",  # ... and before a digit
        "(动力电池回收利用实施方案)",
    ],
)
def test_brief_text_repaired(brief: ReadDocument, phrase: str) -> None:
    assert phrase in brief.text


RUNNING_NOISE = ["Page 1 of 2", "Page 2 of 2", "Policy Monitor | Sample Brief | March 2023"]


@pytest.mark.parametrize("noise", RUNNING_NOISE)
def test_running_header_and_footer_dropped(brief: ReadDocument, noise: str) -> None:
    assert noise not in brief.text


def test_pages_in_order_and_metadata(brief: ReadDocument) -> None:
    assert brief.text.index("1. Battery recycling") < brief.text.index("2. Chips fund enters second phase")
    assert brief.title == "Policy Monitor Sample Brief"
    assert brief.published == "2023-03-14"
    assert "\r" not in brief.text


def test_paragraphs_separated_by_blank_lines(brief: ReadDocument) -> None:
    """Wide vertical gaps become blank lines; wrapped lines of one paragraph stay together."""
    paragraphs = brief.text.split("\n\n")
    assert "1. Battery recycling plan sets collection targets" in paragraphs
    assert "2. Chips fund enters second phase" in paragraphs
    glance = next(p for p in paragraphs if p.startswith("At a glance:"))
    assert glance.endswith("report flows of material.") and glance.count("\n") == 2
    bullets = next(p for p in paragraphs if p.startswith("• Build"))
    assert bullets.count("\n") == 2
    comment = next(p for p in paragraphs if p.startswith("Comment:"))
    assert comment.endswith("whereabouts of used batteries.")  # a line joined by pdfium is no gap


def test_chinese_notice_folds_digits_keeps_punctuation() -> None:
    result = read_path(FIXTURES / "pdf" / "notice_zh.pdf")
    assert isinstance(result, ReadDocument)
    lines = result.text.split("\n")
    assert "工信部节函〔2023〕12号" in lines  # full-width digits folded
    assert "一、到2025年，建成回收服务网点1000个以上。" in lines  # "，" and "。" kept
    assert "各省、自治区、直辖市工业和信息化主管部门：" in lines
    assert "- 1 -" not in lines
    assert result.language == "zh"


CLEAN_PAGE = [
    # (case, raw page text from pdfium, cleaned)
    ("crlf", "one\r\ntwo", "one\ntwo"),
    ("ligatures", "ﬁnance ﬂow oﬃce", "finance flow office"),
    ("full-width digits", "２０２５年", "2025年"),
    ("full-width punctuation kept", "日期：２０２３年（草案）", "日期：2023年（草案）"),
    ("ideographic space kept", "标\u3000\u3000题", "标\u3000\u3000题"),
    ("hyphen between lower case", "tech-\nnology", "technology"),
    ("hyphen with trailing space", "manu- \nfacturing", "manufacturing"),
    ("soft hyphen", "manu\u00ad\nfacturing", "manufacturing"),
    ("pdfium hyphen marker, lower case", "tech\ufffenology", "technology"),
    ("pdfium hyphen marker, capital", "Sino\ufffeEuropean", "Sino-European"),
    ("pdfium hyphen marker, digit", "COVID\ufffe19", "COVID-19"),
    ("compound before capital", "Sino-\nEuropean", "Sino-European"),
    ("compound before digit", "2021-\n2035 plan", "2021-2035 plan"),
    ("dash after a space kept", "Targets -\nnext line", "Targets -\nnext line"),
    ("trailing spaces", "line one   \nline two", "line one\nline two"),
]


@pytest.mark.parametrize(("case", "raw", "cleaned"), CLEAN_PAGE, ids=[c[0] for c in CLEAN_PAGE])
def test_clean_page(case: str, raw: str, cleaned: str) -> None:
    assert clean_page(raw) == cleaned


def test_running_lines_need_repetition() -> None:
    pages = [
        "Monitor | June 2023\nFirst page body\n3",
        "Monitor | June 2023\nSecond page body\nwith a table value\n2025\n4",
        "Monitor | June 2023\nThird page body\n5",
    ]
    assert drop_running_lines(pages) == ["First page body", "Second page body\nwith a table value\n2025",
                                         "Third page body"]


def test_single_page_keeps_first_line_but_drops_page_number() -> None:
    assert drop_running_lines(["Title line\nBody\nPage 1 of 1"]) == ["Title line\nBody"]


def test_page_number_inside_the_page_is_kept() -> None:
    page = "Head\nIntro\nTable\n12\nmore\nrows\nhere\nPage 7"
    assert drop_running_lines([page]) == ["Head\nIntro\nTable\n12\nmore\nrows\nhere"]


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("D:20230314093000Z", "2023-03-14"), ("D:20221025", "2022-10-25"), ("D:2023", None), ("", None),
     ("D:20231399", None)],
)
def test_pdf_date(raw: str, iso: str | None) -> None:
    assert pdf_date(raw) == iso
