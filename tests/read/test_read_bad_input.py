"""Bad input never raises: each problem becomes `Unparsed(path, reason)` with a one-line reason naming it."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from read_goldens import FIXTURES

from policywatch.read import read_bytes, read_path
from policywatch.records import ReadDocument, Unparsed

MIB = 1024 * 1024


def unparsed(result: ReadDocument | Unparsed) -> Unparsed:
    assert isinstance(result, Unparsed), f"expected Unparsed, got {result!r}"
    assert "\n" not in result.reason
    return result


def zip_with_member(name: str, size: int) -> bytes:
    """A zip archive whose `name` member holds `size` zero bytes (it compresses about 1000x)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(name, "w") as member:
            chunk = bytes(MIB)
            for _ in range(size // MIB):
                member.write(chunk)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Internal draft of the battery plan")
    pdf.set_encryption(owner_password="owner", user_password="reader", encryption_method=EncryptionMethod.RC4)
    return bytes(pdf.output())


BAD_BYTES = [
    # (file name, bytes, words the reason must contain)
    ("empty.txt", b"", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "binary content, not text (NUL bytes)"),
    ("controls.txt", bytes(range(1, 9)) * 50, "binary content"),
    ("latin1.txt", "Ma\u00eetrise des co\u00fbts\n".encode("latin-1"), "not valid UTF-8, GB18030 or UTF-16"),
    ("blank.md", b"\n\n   \n", "blank Markdown file"),
    ("broken-bom.txt", b"\xef\xbb\xbfvalid start \xff\xfe", "utf-8-sig text (first bad byte at offset 15)"),
    ("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "legacy Office file"),
    ("archive.docx", b"PK\x03\x04 not really a zip", "truncated or damaged DOCX"),
    ("scan.pdf", b"%PDF-1.4\n%%EOF\n", "truncated or damaged PDF"),
    ("blank.html", b"<html><body><script>var a = 1;</script></body></html>", "blank HTML page"),
]


@pytest.mark.parametrize(("name", "data", "words"), BAD_BYTES, ids=[case[0] for case in BAD_BYTES])
def test_bad_bytes_become_unparsed(name: str, data: bytes, words: str) -> None:
    result = unparsed(read_bytes(data, name))
    assert result.path == name
    assert words in result.reason


def test_invalid_utf8_reason_gives_offset() -> None:
    result = unparsed(read_bytes(b"abc\xe9 def", "x.txt"))
    assert result.reason == "not valid UTF-8, GB18030 or UTF-16 text (first bad byte at offset 3)"


def test_truncated_pdf_reports_pdfium_error() -> None:
    whole = (FIXTURES / "pdf" / "brief_en.pdf").read_bytes()
    result = unparsed(read_bytes(whole[: len(whole) // 2], "cut.pdf"))
    assert result.reason.startswith("truncated or damaged PDF (")
    assert "PDFium" in result.reason


def test_encrypted_pdf_asks_for_password() -> None:
    result = unparsed(read_bytes(encrypted_pdf(), "secret.pdf"))
    assert result.reason.startswith("encrypted PDF, a password is needed")


def test_zip_bomb_refused_before_parsing() -> None:
    bomb = zip_with_member("word/document.xml", 300 * MIB)
    assert len(bomb) < 2 * MIB
    result = unparsed(read_bytes(bomb, "bomb.docx"))
    assert "above the 200.0 MB limit" in result.reason
    assert "zip bomb" in result.reason


def test_absurd_compression_ratio_refused() -> None:
    result = unparsed(read_bytes(zip_with_member("word/document.xml", 20 * MIB), "ratio.docx"))
    assert "compression ratio" in result.reason


def test_size_limit_in_read_bytes() -> None:
    result = unparsed(read_bytes(b"x" * 2000, "big.txt", max_bytes=1000))
    assert result.reason == (
        "file is 2.0 KB, above the 1000 bytes limit (set POLICYWATCH_MAX_BYTES to raise it)"
    )


def test_size_limit_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"policy " * (3 * MIB // 7 + 1))

    def must_not_read(self: Path) -> bytes:
        raise AssertionError("the contents were read although the file is over the limit")

    monkeypatch.setattr(Path, "read_bytes", must_not_read)
    result = unparsed(read_path(big, max_bytes=2 * MIB))
    assert result.reason == "file is 3.0 MB, above the 2.0 MB limit (set POLICYWATCH_MAX_BYTES to raise it)"


def test_default_limit_comes_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYWATCH_MAX_BYTES", "10")
    assert "above the 10 bytes limit" in unparsed(read_bytes(b"eleven byte", "a.txt")).reason
    monkeypatch.delenv("POLICYWATCH_MAX_BYTES")
    assert isinstance(read_bytes(b"eleven byte", "a.txt"), ReadDocument)


def test_directory_and_missing_file(tmp_path: Path) -> None:
    assert unparsed(read_path(tmp_path)).reason == "is a directory, not a file"
    missing = unparsed(read_path(tmp_path / "nope.txt"))
    assert missing.reason == "cannot read file (No such file or directory)"
    assert missing.path == str(tmp_path / "nope.txt")


def test_named_pipe_is_not_read(tmp_path: Path) -> None:
    pipe = tmp_path / "feed.txt"
    os.mkfifo(pipe)
    assert unparsed(read_path(pipe)).reason == "not a regular file (a device, pipe or socket)"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "locked.txt"
    target.write_text("text")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert unparsed(read_path(target)).reason == "cannot read file (Permission denied)"
