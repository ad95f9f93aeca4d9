"""Text decoding, format sniffing and language: table-driven."""

from __future__ import annotations

import pytest

from policywatch.read import read_bytes
from policywatch.read.language import language_of
from policywatch.read.sniff import sniff_format
from policywatch.records import ReadDocument, Unparsed

NOTICE_ZH = "关于推进动力电池回收利用的通知\n到2025年，建成回收服务网点1000个以上。\n"

DECODINGS = [
    # (case, bytes, expected encoding, expected text)
    ("utf-8", NOTICE_ZH.encode("utf-8"), "utf-8", NOTICE_ZH),
    ("utf-8 BOM", b"\xef\xbb\xbf" + NOTICE_ZH.encode("utf-8"), "utf-8-sig", NOTICE_ZH),
    ("gbk", NOTICE_ZH.encode("gbk"), "gb18030", NOTICE_ZH),
    ("gb18030 beyond gbk", "锂电池𠀀产业\n".encode("gb18030"), "gb18030", "锂电池𠀀产业\n"),
    ("utf-16 le BOM", NOTICE_ZH.encode("utf-16"), "utf-16-le", NOTICE_ZH),
    ("utf-16 be BOM", b"\xfe\xff" + NOTICE_ZH.encode("utf-16-be"), "utf-16-be", NOTICE_ZH),
    ("utf-16 le, no BOM", "Battery plan\n".encode("utf-16-le"), "utf-16-le", "Battery plan\n"),
    ("utf-16 be, no BOM", "Battery plan\n".encode("utf-16-be"), "utf-16-be", "Battery plan\n"),
    ("crlf", b"one\r\ntwo\rthree\n", "utf-8", "one\ntwo\nthree\n"),
    ("unicode line separator", "one\u2028two".encode(), "utf-8", "one\ntwo"),
    ("tabs and form feed kept", b"a\tb\x0cc\n", "utf-8", "a\tb\x0cc\n"),
]


@pytest.mark.parametrize(("case", "data", "encoding", "text"), DECODINGS, ids=[d[0] for d in DECODINGS])
def test_decoding(case: str, data: bytes, encoding: str, text: str) -> None:
    result = read_bytes(data, "doc.txt")
    assert isinstance(result, ReadDocument), result
    assert result.source.encoding == encoding
    assert result.text == text
    assert result.source.size == len(data)


def test_markdown_extension_sets_format() -> None:
    result = read_bytes(b"# Plan\n\n* point\n", "brief.md")
    assert isinstance(result, ReadDocument)
    assert result.source.format == "markdown"
    assert result.text == "# Plan\n\n* point\n"


def test_source_hash_is_of_the_bytes() -> None:
    result = read_bytes(b"abc", "a.txt")
    assert isinstance(result, ReadDocument)
    assert result.source.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_latin1_is_not_mistaken_for_gbk() -> None:
    assert isinstance(read_bytes("Maîtrise des coûts\n".encode("latin-1"), "a.txt"), Unparsed)


SNIFFS = [
    ("report.txt", b"%PDF-1.7\n...", "pdf"),
    ("report.bin", b"\r\n\r\n%PDF-1.4\n...", "pdf"),  # junk before the header is allowed
    ("page.txt", b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("page", b"\xef\xbb\xbf  <html lang='zh'><head></head></html>", "html"),
    ("page.htm", b"Plan text <p>with one tag</p>", "html"),
    ("fragment.txt", b"<div>\n<p>One</p>\n<p>Two</p>\n<ul><li>x</li></ul>\n</div>", "html"),
    ("notes.txt", b"Use the <p> tag for paragraphs.\nLine two.\nLine three.\nLine four.\n", "text"),
    ("readme.md", b"# Title\n\nSome <br> text\n", "markdown"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(10), "ole"),
    ("plain.txt", "通知\n".encode(), "text"),
]


@pytest.mark.parametrize(("name", "data", "kind"), SNIFFS, ids=[s[0] for s in SNIFFS])
def test_sniff_format(name: str, data: bytes, kind: str) -> None:
    assert sniff_format(data, name) == kind


LANGUAGES = [
    ("The ministry released a plan on battery recycling.", "en"),
    ("工业和信息化部发布动力电池回收利用方案。", "zh"),
    ("工业和信息化部发布5G和AI应用方案，支持华为等企业。", "zh"),
    (
        "The plan (回收利用实施方案) was issued by MIIT and four other departments in March. It sets "
        "collection targets for traction batteries and asks recyclers to report their flows of material.",
        "en",
    ),
    ("Hydrogen plan sets goals. 氢能产业发展中长期规划正式发布实施。", "mixed"),
    ("2025 — 90%", "en"),
    ("", "en"),
]


@pytest.mark.parametrize(("text", "language"), LANGUAGES)
def test_language_of(text: str, language: str) -> None:
    assert language_of(text) == language
