"""Plain text and Markdown: decoding (BOM, UTF-8, GB18030, UTF-16) and line-ending normalisation."""

from __future__ import annotations

from policywatch.errors import ReadError
from policywatch.read import patterns
from policywatch.read.document import build_document
from policywatch.records import ReadDocument


def read_text(data: bytes, path: str, fmt: str = "text") -> ReadDocument:
    """Decode a text or Markdown file and keep its lines as written, with line endings made '\\n'."""
    text, encoding = decode_text(data, path)
    return build_document(data, path, fmt, normalise_newlines(text), encoding=encoding)


def normalise_newlines(text: str) -> str:
    """CRLF, lone CR and the Unicode line/paragraph separators become '\\n' (parsers split on it)."""
    return patterns.LINE_BREAK.sub("\n", text)


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """The text and the codec that decoded it; raises `ReadError` naming the problem.

    Order: a BOM decides; NUL bytes mean UTF-16 without BOM or binary; then strict UTF-8; then GB18030
    (a superset of GBK and GB2312) only when its result reads as Chinese.
    """
    for bom, codec in patterns.BOMS:
        if data.startswith(bom):
            return _decode_strict(data[len(bom) :], codec, path, offset=len(bom)), codec
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise ReadError(path, "binary content, not text (NUL bytes)")
        return _decode_strict(data, utf16, path), utf16
    try:
        text, codec = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        text, codec = _decode_gb18030(data, path, exc.start), "gb18030"
    _refuse_control_characters(text, path)
    return text, codec


def _decode_strict(data: bytes, codec: str, path: str, *, offset: int = 0) -> str:
    """`data` decoded with `codec`; `offset` is where `data` starts in the file (after a BOM)."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        where = offset + exc.start
        raise ReadError(path, f"not valid {codec} text (first bad byte at offset {where})") from exc
    if "\x00" in text:
        raise ReadError(path, "binary content, not text (NUL characters)")
    _refuse_control_characters(text, path)
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit on one side of every byte pair (ASCII-heavy UTF-16)."""
    if len(data) % 2:
        return None
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    pairs = len(data) // 2
    if odd_nuls >= patterns.UTF16_NUL_SHARE * pairs and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= patterns.UTF16_NUL_SHARE * pairs and odd_nuls == 0:
        return "utf-16-be"
    return None


def _decode_gb18030(data: bytes, path: str, utf8_error_at: int) -> str:
    problem = f"not valid UTF-8, GB18030 or UTF-16 text (first bad byte at offset {utf8_error_at})"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ReadError(path, problem) from exc
    if not _reads_as_chinese(text):
        raise ReadError(path, problem)
    return text


def _reads_as_chinese(text: str) -> bool:
    """Most non-ASCII characters are Chinese, and most of those stand next to another one."""
    # counted match by match: findall's list of one string per character took gigabytes on a large file
    chinese = in_runs = 0
    for run in patterns.CJK_RUN.finditer(text):
        length = run.end() - run.start()
        chinese += length
        in_runs += length if length > 1 else 0
    non_ascii = patterns.NON_ASCII.subn("", text)[1]
    return (
        chinese > 0
        and chinese >= patterns.GB18030_CJK_SHARE * non_ascii
        and in_runs >= patterns.GB18030_RUN_SHARE * chinese
    )


def _refuse_control_characters(text: str, path: str) -> None:
    controls = patterns.BINARY_CONTROL.subn("", text)[1]
    if controls and controls >= patterns.BINARY_CONTROL_SHARE * len(text):
        raise ReadError(path, f"binary content, not text ({controls} control characters)")
