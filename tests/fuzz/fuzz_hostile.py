"""Hostile inputs built on the spot, and a child process that runs them under a memory limit and measures each.

Each case builds its input (outside the measurement), then runs one target on it: the contract of
fuzz_targets holds (a record or a clear error naming the file), within the case's wall-clock cap, and the
peak resident memory of the process grows by less than the case's limit while the call runs. The cases run in
a child (`python fuzz_hostile.py NAME...`) with an address-space limit (RLIMIT_AS) as a backstop, so a blow-up
ends that child with a MemoryError instead of taking the machine; peak RSS is reset between cases through
/proc/self/clear_refs and read from VmHWM.
"""

from __future__ import annotations

import io
import json
import os
import re
import resource
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_targets import (
    TARGETS,
    ContractBroken,
    call_reader,
    check_read_result,
    parse_file_target,
)

from policywatch.errors import ReadError
from policywatch.read import read_path
from policywatch.read.docx import read_docx
from policywatch.read.html import read_html
from policywatch.read.pdf import read_pdf
from policywatch.read.text import read_text

MIB = 1024 * 1024
SMALL_MB = 256  # peak RSS growth allowed for every case below 10 MB of input
BIG_MB = 512  # ... for the 100 MB file
ADDRESS_SPACE_HEADROOM_MB = 3 * 1024  # RLIMIT_AS above the child's size after imports: a backstop, not the test


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], object]  # folder for files → the input
    run: Callable[[object], str]  # input → "record" | "refused: <reason>" (raises ContractBroken or a bug)
    cap_s: float = 2.0
    memory_mb: int = SMALL_MB
    expect: str = ""  # "record", "refused" or "" for either
    words: str = ""  # words the refusal must contain


# --- HTML -----------------------------------------------------------------------------------------------------

DEEP = 100_000


def _html(body: bytes) -> Callable[[Path], bytes]:
    return lambda _: b"<html><body>" + body + b"</body></html>"


def _read_html(data: object) -> str:
    return call_reader(read_html, data, "hostile.html")  # type: ignore[arg-type]


def _deep_text_kept(data: object) -> str:
    """The text at the bottom of a 100,000-deep page still comes out."""
    doc = read_html(data, "hostile.html")  # type: ignore[arg-type]
    if "deep treasure" not in doc.text:
        raise ContractBroken(f"text nested deep was lost: {doc.text[:80]!r}")
    return "record"


HTML_CASES = [
    Case("html_div_100k_deep", _html(b"<div>" * DEEP + b"deep treasure" + b"</div>" * DEEP), _deep_text_kept, 5.0,
         expect="record"),
    Case("html_div_100k_unclosed", _html(b"<div>x" * DEEP), _read_html, 5.0),
    Case("html_ul_100k_deep", _html(b"<ul><li>item " * DEEP), _read_html, 5.0, expect="record"),
    Case("html_table_100k_deep", _html(b"<table><tr><td>cell " * DEEP), _read_html, 5.0, expect="record"),
    Case("html_inline_100k_deep", _html(b"<p>" + b"<b><i>" * DEEP + b"bold"), _read_html, 5.0, expect="record"),
    Case("html_selfclosing_div_100k", _html(b"<div/>" * DEEP + b"text"), _read_html, 5.0, expect="record"),
    Case("html_fragment_100k_deep", lambda _: b"<div><p>" * DEEP, _read_html, 5.0),
    Case("html_200k_paragraphs", _html(b"<p>paragraph of a very long page</p>" * 200_000), _read_html, 10.0,
         expect="record"),
    Case("html_100k_table_rows", _html(b"<table>" + b"<tr><td>a</td><td>b</td></tr>" * DEEP + b"</table>"),
         _read_html, 10.0, expect="record"),
    Case("html_100k_unterminated_comments", _html(b"<p>visible</p>" + b"<!--" * DEEP), _read_html, expect="record"),
    Case("html_100k_unterminated_tags", _html(b"<p>visible</p>" + b"<a href=x " * DEEP), _read_html),
    Case("html_million_attributes", _html(b'<div ' + b'a="1" ' * 1_000_000 + b">text</div>"), _read_html, 5.0),
]


# --- PDF ------------------------------------------------------------------------------------------------------


def raw_pdf(pages: int = 1, *, xref: str = "good", text: bytes = b"Battery plan page", info: bytes = b"") -> bytes:
    """A hand-written PDF: `pages` pages of one line each (numbered, so no line repeats on every page).

    xref: "good", "zeroed" (every offset 0) or "absent" (no xref table, trailer or startxref)."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    kids = []
    for page in range(pages):
        content = b"BT /F1 12 Tf 72 712 Td (%s %s) Tj ET" % (text, _letters(page))
        number = 4 + 2 * page
        objects[number] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
        objects[number + 1] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R"
            b" /Resources << /Font << /F1 3 0 R >> >> >>" % number
        )
        kids.append(b"%d 0 R" % (number + 1))
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % pages
    if info:
        objects[4 + 2 * pages] = info
    return _pdf_file(objects, xref, info=b" /Info %d 0 R" % (4 + 2 * pages) if info else b"")


def _letters(number: int) -> bytes:
    """'a', 'b', … 'ba': a page's own word (a line that differs only in digits is a running header)."""
    word = b""
    while True:
        number, digit = divmod(number, 26)
        word = bytes([97 + digit]) + word
        if not number:
            return word


def _pdf_file(objects: dict[int, bytes], xref: str, info: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    if xref == "absent":
        return bytes(out + b"%%EOF\n")
    start, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        offset = 0 if xref == "zeroed" else offsets.get(number, 0)
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (size, info, start)
    return bytes(out)


def _cut_stream(_: Path) -> bytes:
    """The content stream cut in the middle, its /Length still the whole, and the file ending there."""
    whole = raw_pdf(3)
    cut = whole.index(b"stream\n") + len(b"stream\n") + 20
    return whole[:cut]


def _huge_length(_: Path) -> bytes:
    return re.sub(rb"/Length \d+", b"/Length 99999999999", raw_pdf(2))


def _count_lie(_: Path) -> bytes:
    return raw_pdf(1).replace(b"/Count 1", b"/Count 2000000000")


def _kids_loop(_: Path) -> bytes:
    return raw_pdf(1).replace(b"/Kids [5 0 R]", b"/Kids [5 0 R 2 0 R 2 0 R]")


def _nested_arrays(_: Path) -> bytes:
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R /Junk " + b"[" * DEEP + b"]" * DEEP + b" >>",
               2: b"<< /Type /Pages /Kids [] /Count 0 >>"}
    return _pdf_file(objects, "good")


def _read_pdf(data: object) -> str:
    return call_reader(read_pdf, data, "hostile.pdf")  # type: ignore[arg-type]


PDF_CASES = [
    Case("pdf_baseline", lambda _: raw_pdf(2), _read_pdf, expect="record"),
    Case("pdf_xref_absent", lambda _: raw_pdf(2, xref="absent"), _read_pdf),
    Case("pdf_xref_zeroed", lambda _: raw_pdf(2, xref="zeroed"), _read_pdf),
    Case("pdf_xref_cut", lambda _: raw_pdf(2)[: raw_pdf(2).index(b"xref") + 30], _read_pdf),
    Case("pdf_stream_truncated", _cut_stream, _read_pdf),
    Case("pdf_stream_length_huge", _huge_length, _read_pdf),
    Case("pdf_page_count_lie", _count_lie, _read_pdf),
    Case("pdf_page_tree_loop", _kids_loop, _read_pdf),
    Case("pdf_100k_nested_arrays", _nested_arrays, _read_pdf),
    Case("pdf_title_invalid_utf16",  # a lone surrogate in the title: pypdfium2's strict decoding raised
         lambda _: raw_pdf(1, info=b"<< /Title <FEFFD8000041> /CreationDate (D:20230314) >>"), _read_pdf,
         expect="record"),
    Case("pdf_5000_pages", lambda _: raw_pdf(5000), _read_pdf, 10.0, expect="record"),
]


# --- DOCX -----------------------------------------------------------------------------------------------------

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
    b'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main'
    b'+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _document_xml(body: bytes, prologue: bytes = b"") -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>' + prologue + b"<w:document " + _W + b"><w:body>" + body + (
        b"</w:body></w:document>"
    )


def _paragraph(text: str) -> bytes:
    return b"<w:p><w:r><w:t>" + text.encode() + b"</w:t></w:r></w:p>"


def docx_of(document_xml: bytes, extra: dict[str, bytes] | None = None, compression: int = zipfile.ZIP_DEFLATED,
            ) -> bytes:
    """A minimal DOCX (content types, package relationship, document) with `document_xml` as its body part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document_xml)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def zeros_deflated(mib: int) -> tuple[bytes, int]:
    """A raw deflate stream of `mib` MiB of zero bytes, and its CRC-32, made in milliseconds: after a full
    flush the compressor's output for the next MiB of zeros is the same bytes every time."""
    zeros = bytes(MIB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    if compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH) != repeated:
        raise AssertionError("zlib's output for a repeated block is not stable; build the bomb another way")
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(zeros, crc)
    return first + repeated * (mib - 1) + compressor.flush(), crc


def zip_with_raw_members(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip written by hand: each member is (name, deflated bytes, crc, declared size, compressed size), so the
    declared size can be anything (the zip module would compute it from the data)."""
    out, central = bytearray(), bytearray()
    for name, deflated, crc, size, _ in members:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(deflated), size, len(encoded), 0)
        out += encoded + deflated
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(deflated), size, len(encoded),
            0, 0, 0, 0, 0, offset,
        ) + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def _stored(name: str, content: bytes) -> tuple[str, bytes, int, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = compressor.compress(content) + compressor.flush()
    return name, deflated, zlib.crc32(content), len(content), len(deflated)


def docx_zip_bomb(gib: int = 3) -> bytes:
    """A DOCX of about 3 MB whose word/document.xml and two more parts expand to `gib` GiB of zeros."""
    stream, crc = zeros_deflated(1024)
    bomb = [(name, stream, crc, 1024 * MIB, len(stream)) for name in ("word/document.xml", "word/a.xml", "word/b.xml")]
    return zip_with_raw_members([_stored("[Content_Types].xml", _CONTENT_TYPES), _stored("_rels/.rels", _RELS),
                                 *bomb[:gib]])


def docx_size_lie() -> bytes:
    """word/document.xml declares 1,000 bytes but its stream inflates to 256 MiB (zip reads stop at the size)."""
    stream, crc = zeros_deflated(256)
    return zip_with_raw_members([_stored("[Content_Types].xml", _CONTENT_TYPES), _stored("_rels/.rels", _RELS),
                                 ("word/document.xml", stream, crc, 1000, len(stream))])


def _read_docx(data: object) -> str:
    return call_reader(read_docx, data, "hostile.docx")  # type: ignore[arg-type]


_LAUGHS = b"<!DOCTYPE w:document [<!ENTITY a0 \"laugh\">" + b"".join(
    b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10) for i in range(1, 10)
) + b"]>"

DOCX_CASES = [
    Case("docx_baseline", lambda _: docx_of(_document_xml(_paragraph("Battery plan"))), _read_docx,
         expect="record"),
    Case("docx_zip_bomb_3_gib", lambda _: docx_zip_bomb(3), _read_docx, expect="refused", words="zip bomb"),
    Case("docx_declared_size_lie", lambda _: docx_size_lie(), _read_docx, expect="refused",
         words="inflates past its declared size"),
    Case("docx_billion_laughs", lambda _: docx_of(_document_xml(b"<w:p><w:r><w:t>&a9;</w:t></w:r></w:p>", _LAUGHS)),
         _read_docx),
    Case("docx_xml_100k_deep",  # stored, not deflated: the compression-ratio check would refuse it first
         lambda _: docx_of(_document_xml(b"<w:p>" * DEEP + b"</w:p>" * DEEP), compression=zipfile.ZIP_STORED),
         _read_docx, expect="refused"),
    Case("docx_corrupt_deflate",  # zlib.error escaped the DOCX reader
         lambda _: zip_with_raw_members([_stored("[Content_Types].xml", _CONTENT_TYPES), _stored("_rels/.rels", _RELS),
                                         ("word/document.xml", b"\xff" * 64, 0, 5000, 64)]),
         _read_docx, expect="refused", words="damaged DOCX"),
    Case("docx_xml_error_spans_lines",  # lxml's message for a NUL has a line break: reasons are one line
         lambda _: docx_of(_document_xml(b"<w:p><w:r><w:t>a\x00b</w:t></w:r></w:p>")), _read_docx,
         expect="refused"),
    Case("docx_style_without_val",  # python-docx's InvalidXmlError escaped the reader
         lambda _: docx_of(_document_xml(b"<w:p><w:pPr><w:pStyle/></w:pPr><w:r><w:t>Plan</w:t></w:r></w:p>")),
         _read_docx, expect="refused", words="w:val"),
    Case("docx_root_not_a_document",  # AttributeError: the root had no .body
         lambda _: docx_of(_document_xml(_paragraph("Plan")).replace(b"w:document", b"w:documenx")),
         _read_docx, expect="refused", words="no w:document"),
    Case("docx_20k_paragraphs",
         lambda _: docx_of(_document_xml(b"".join(_paragraph(f"Paragraph {i}") for i in range(20_000)))),
         _read_docx, 10.0, expect="record"),
    Case("docx_10k_members",
         lambda _: docx_of(_document_xml(_paragraph("Battery plan")),
                           {f"word/m{i}.xml": b"<x/>" for i in range(10_000)}),
         _read_docx, 5.0),
]


# --- text and the per-file entry point -------------------------------------------------------------------------

LINE_MB = 100


def write_one_line(folder: Path, mib: int = LINE_MB) -> Path:
    """A file of `mib` MiB on one line (words and numbers, no line break), written a MiB at a time."""
    path = folder / "one-line.txt"
    unit = b"capacity of 100 GW by 2025 for the battery industry plan, "
    chunk = (unit * (MIB // len(unit) + 1))[:MIB]
    with path.open("wb") as out:
        for _ in range(mib):
            out.write(chunk)
    return path


def _parse_file_default_limit(path: object) -> str:
    """The whole per-file entry point with the default size limit: refused before the contents are read."""
    assert isinstance(path, Path)
    from policywatch.pipeline import parse_file

    record, _ = parse_file(path)
    return check_read_result(str(path), record)  # type: ignore[arg-type]


def _read_path_raised_limit(path: object) -> str:
    """The read stage with the size limit raised above the file: decoded and measured, line kept whole."""
    assert isinstance(path, Path)
    result = read_path(path, max_bytes=2 * LINE_MB * MIB)
    outcome = check_read_result(str(path), result)
    if outcome != "record" or len(result.text) != LINE_MB * MIB:  # type: ignore[union-attr]
        raise ContractBroken("the 100 MB line did not come back whole")
    return outcome


def _read_text(data: object) -> str:
    return call_reader(read_text, data, "hostile.txt")  # type: ignore[arg-type]


def _classify(text: object) -> str:
    return str(TARGETS["classify"].run(text))


def _parse_file(data: object) -> str:
    return parse_file_target(data)  # type: ignore[arg-type]


TEXT_CASES = [
    Case("text_100mb_line_refused_at_default_limit", write_one_line, _parse_file_default_limit, 2.0, 64,
         expect="refused", words="above the 20.0 MB limit"),
    Case("text_100mb_line_read", write_one_line, _read_path_raised_limit, 20.0, BIG_MB, expect="record"),
    Case("classify_20mb_line", lambda folder: write_one_line(folder, 20).read_text(), _classify, 10.0,
         expect="record"),
    Case("text_nul_bytes", lambda _: b"policy text\x00 with a NUL" * 100, _read_text, expect="refused",
         words="NUL"),
    Case("text_nul_only", lambda _: bytes(1 * MIB), _read_text, expect="refused", words="NUL"),
    Case("text_utf16_odd_length", lambda _: "policy".encode("utf-16-le")[:-1], _read_text, expect="refused",
         words="NUL"),
    Case("text_invalid_utf8_overlong", lambda _: b"abc \xc0\xaf \xe0\x80\xaf def" * 10, _read_text,
         expect="refused", words="first bad byte"),
    Case("text_invalid_utf8_surrogate", lambda _: b"policy \xed\xa0\x80 text", _read_text, expect="refused"),
    Case("text_gbk_cut_mid_character", lambda _: "关于新能源汽车的通知".encode("gbk")[:-1], _read_text),
    Case("text_gbk_and_utf8_mixed", lambda _: "关于新能源".encode("gbk") + "汽车的通知".encode(), _read_text),
    Case("text_million_empty_lines", lambda _: b"\n" * 1_000_000 + b"policy", _parse_file, 10.0,
         expect="record"),
    Case("text_100k_bullets", lambda _: "• item on a list\n".encode() * 100_000, _parse_file, 10.0,
         expect="record"),
    Case("text_3000_brief_items", lambda _: b"China Industries\n\nTop 5\n\n" + b"".join(
        b"%d. Headline %d on batteries\n\nA summary of the item about storage.\n\n" % (i, i)
        for i in range(1, 3001)), _parse_file, 10.0, expect="record"),
    # 5,000 distinct goals: 3-10 s when extract/ compared each target with all earlier ones, 1-1.5 s since 7a1b959
    Case("notice_5000_targets", lambda _: "关于印发新能源产业发展办法的通知\n工信部规〔2023〕12号\n".encode() + "".join(
        f"第{i}条 到2025年，产能达到{i}万辆。\n" for i in range(1, 5001)).encode(), _parse_file, 5.0,
         expect="record"),
]

# Known to break the contract in code this suite does not own (reported, kept here to measure the fix):
# within one sentence, each quantity's clause, metric and baseline are searched from the start of the sentence
# (extract/quantities.py, targets.py).
SLOW_CASES = [
    Case("text_one_sentence_64kb", lambda folder: write_one_line(folder, 1).read_bytes()[: 64 * 1024],
         _parse_file, 2.0, expect="record"),
]

CASES: dict[str, Case] = {case.name: case for case in HTML_CASES + PDF_CASES + DOCX_CASES + TEXT_CASES + SLOW_CASES}


# --- running the cases in a child process ------------------------------------------------------------------------


def _vm(field: str) -> int:
    """A Vm* field of /proc/self/status, in bytes."""
    match = re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.MULTILINE)
    return int(match.group(1)) * 1024 if match else 0


def measure(case: Case, folder: Path) -> dict[str, object]:
    """Build the case's input, then run it: outcome, seconds, peak RSS growth in MB, and what broke."""
    value = case.build(folder)
    Path("/proc/self/clear_refs").write_text("5")  # peak RSS := current RSS
    before = _vm("VmRSS")
    start = time.perf_counter()
    error = ""
    outcome = ""
    try:
        outcome = case.run(value)
    except ContractBroken as exc:
        error = f"contract: {exc}"
    except ReadError as exc:
        error = f"unexpected ReadError: {exc}"
    except BaseException as exc:  # the bug itself: reported, and the next case still runs
        error = f"{type(exc).__name__}: {str(exc)[:300]}"
    seconds = time.perf_counter() - start
    grown_mb = (_vm("VmHWM") - before) / MIB
    del value
    if not error and case.expect and not outcome.startswith(case.expect):
        error = f"expected {case.expect}, got {outcome}"
    if not error and case.words and case.words not in outcome:
        error = f"the message does not say {case.words!r}: {outcome}"
    return {"name": case.name, "outcome": outcome, "seconds": round(seconds, 3), "rss_growth_mb": round(grown_mb, 1),
            "error": error}


def run_cases(names: list[str]) -> Iterator[dict[str, object]]:
    """Measure each named case in turn, in this process, under the address-space backstop."""
    limit = _vm("VmSize") + ADDRESS_SPACE_HEADROOM_MB * MIB
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        for name in names:
            yield measure(CASES[name], Path(folder))
            for leftover in Path(folder).iterdir():
                leftover.unlink()


def run_in_children(groups: list[list[str]], timeout_s: float = 300) -> dict[str, dict[str, object]]:
    """Run each group of cases in its own fresh interpreter, the groups side by side; results by case name (a
    case the child never reported either crashed it or came after the one that did)."""
    env = {**os.environ, "POLICYWATCH_MAX_BYTES": str(20 * MIB)}
    children = [
        (names, subprocess.Popen([sys.executable, __file__, *names], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=env))
        for names in groups
    ]
    results: dict[str, dict[str, object]] = {}
    for names, child in children:
        try:
            stdout, stderr = child.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            child.kill()
            stdout, stderr = child.communicate()
        rows = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
        results.update((row["name"], row) for row in rows)
        for name in names:
            if name not in results:
                results[name] = {"name": name, "error": f"child ended (exit {child.returncode}) at or before this "
                                                        f"case: {stderr[-2000:]}"}
    return results


if __name__ == "__main__":
    for row in run_cases(sys.argv[1:] or list(CASES)):
        print(json.dumps(row), flush=True)
