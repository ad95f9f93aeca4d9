"""Word documents (.docx): paragraphs and tables in document order, after a zip-bomb check."""

from __future__ import annotations

import copy
import io
import zipfile
import zlib
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.exceptions import InvalidXmlError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from policywatch.errors import ReadError
from policywatch.read import patterns
from policywatch.read.blocks import Block, clean_inline, list_item, render_blocks, table_row
from policywatch.read.document import build_document
from policywatch.read.size import human_size
from policywatch.records import ReadDocument

# What zipfile, zlib, python-docx and lxml raise on a damaged archive: a corrupt deflate stream is a zlib.error,
# a cut one an EOFError, an unknown compression method NotImplementedError, an encrypted member RuntimeError,
# a required attribute missing (<w:pStyle> without w:val) python-docx's InvalidXmlError.
_DAMAGED = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
    PackageNotFoundError, InvalidXmlError, KeyError, ValueError, etree.LxmlError,
)

_ENCRYPTED = 0x1  # general purpose flag bit of an encrypted zip member
_CHUNK = 1024 * 1024  # bytes inflated at a time while checking a part's size


def read_docx(data: bytes, path: str) -> ReadDocument:
    """Paragraphs as blocks (list styles as "• " items, headings apart) and tables as tab-joined rows."""
    check_zip_expansion(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
        if getattr(document.element, "body", None) is None:  # python-docx would raise AttributeError
            raise ReadError(path, "damaged DOCX (word/document.xml has no w:document with a w:body)")
        blocks = docx_blocks(document)
        properties = document.core_properties  # parsed on first use: a damaged docProps/core.xml fails here
        created = properties.created
    except _DAMAGED as exc:
        raise ReadError(path, f"truncated or damaged DOCX ({one_line(exc)})") from exc
    return build_document(
        data, path, "docx", render_blocks(blocks),
        title=(properties.title or "").strip() or None,
        published=created.date().isoformat() if created is not None else None,
    )


def check_zip_expansion(data: bytes, path: str) -> None:
    """Refuse archives that would expand past the limit or at an absurd ratio, before unpacking."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_declared_sizes(archive.infolist(), path)
            for member in archive.infolist():
                _check_inflated_size(archive, member, path)
    except _DAMAGED as exc:
        raise ReadError(path, f"truncated or damaged DOCX ({one_line(exc)})") from exc


def _check_declared_sizes(members: list[zipfile.ZipInfo], path: str) -> None:
    expanded = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    if expanded > patterns.ZIP_MAX_UNCOMPRESSED:
        raise ReadError(
            path,
            f"DOCX would expand to {human_size(expanded)}, above the "
            f"{human_size(patterns.ZIP_MAX_UNCOMPRESSED)} limit for archives (zip bomb?)",
        )
    ratio = expanded / max(packed, 1)
    if expanded > patterns.ZIP_RATIO_MIN_SIZE and ratio > patterns.ZIP_MAX_RATIO:
        raise ReadError(
            path,
            f"DOCX compression ratio {ratio:.0f}x is above {patterns.ZIP_MAX_RATIO}x (zip bomb?)",
        )


def _check_inflated_size(archive: zipfile.ZipFile, member: zipfile.ZipInfo, path: str) -> None:
    """Inflate a deflated part a chunk at a time and refuse it once it passes its declared size. The declared
    sizes are the archive's word: zipfile inflates a whole part before cutting it to that size (a 256 KB part
    that declared 1,000 bytes took 466 MB), so the checks above alone do not bound memory."""
    if member.compress_type != zipfile.ZIP_DEFLATED or member.flag_bits & _ENCRYPTED:
        return  # a stored part is its own size; zipfile refuses encrypted parts and unknown methods itself
    raw = copy.copy(member)  # the same part read as stored: its compressed bytes, with no checksum to match
    raw.compress_type, raw.file_size = zipfile.ZIP_STORED, member.compress_size
    del raw.CRC
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    with archive.open(raw) as stream:
        while chunk := stream.read(_CHUNK):
            while chunk:
                produced += len(inflater.decompress(chunk, _CHUNK))
                if produced > member.file_size:
                    raise ReadError(
                        path,
                        f"DOCX part {member.filename} inflates past its declared size of "
                        f"{human_size(member.file_size)} (zip bomb?)",
                    )
                chunk = inflater.unconsumed_tail


def one_line(exc: Exception) -> str:
    """The exception's words on one line (lxml's messages span lines; a reason is one line)."""
    return " ".join(str(exc).split())


def docx_blocks(document: Any) -> list[Block]:
    """The body's paragraphs and tables as blocks, in the order they appear."""
    blocks: list[Block] = []
    number = 0  # position in the current "List Number" run
    style_names: dict[str | None, str] = {}
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            blocks.extend(_table_rows(part))
            number = 0
            continue
        block, number = _paragraph_block(part, number, style_names)
        if block is not None:
            blocks.append(block)
    return blocks


def _paragraph_block(paragraph: Paragraph, number: int, style_names: dict[str | None, str]) -> tuple[Block | None, int]:
    text = clean_inline(paragraph.text)
    if not text:
        return None, number
    style = _style_name(paragraph, style_names)
    if patterns.DOCX_HEADING_STYLE.match(style or ""):
        return Block(text.replace("\n", " "), "heading"), 0
    if patterns.DOCX_LIST_STYLE.match(style or "") or _has_numbering(paragraph):
        if "number" in (style or "").lower():
            return list_item(text, number + 1), number + 1
        return list_item(text), 0
    return Block(text), 0


def _style_name(paragraph: Paragraph, names: dict[str | None, str]) -> str:
    """The paragraph's style name, looked up once per style id and document: python-docx scans every style
    for it (20,000 paragraphs took 80 s)."""
    style_id = paragraph._p.style
    if style_id not in names:
        style = paragraph.style
        names[style_id] = (style.name or "") if style is not None else ""
    return names[style_id]


def _has_numbering(paragraph: Paragraph) -> bool:
    """Direct list formatting (w:numPr) makes a list item even without a list style."""
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None


def _table_rows(table: Table) -> list[Block]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is repeated once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(clean_inline(cell.text))
        if any(cells):
            rows.append(table_row(cells))
    return rows
