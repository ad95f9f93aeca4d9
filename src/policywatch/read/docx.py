"""Word documents (.docx): paragraphs and tables in document order, after a zip-bomb check."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from policywatch.errors import ReadError
from policywatch.read import patterns
from policywatch.read.blocks import Block, clean_inline, list_item, render_blocks, table_row
from policywatch.read.document import build_document
from policywatch.read.size import human_size
from policywatch.records import ReadDocument


def read_docx(data: bytes, path: str) -> ReadDocument:
    """Paragraphs as blocks (list styles as "• " items, headings apart) and tables as tab-joined rows."""
    check_zip_expansion(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = docx_blocks(document)
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.LxmlError) as exc:
        raise ReadError(path, f"truncated or damaged DOCX ({exc})") from exc
    properties = document.core_properties
    created = properties.created
    return build_document(
        data, path, "docx", render_blocks(blocks),
        title=(properties.title or "").strip() or None,
        published=created.date().isoformat() if created is not None else None,
    )


def check_zip_expansion(data: bytes, path: str) -> None:
    """Refuse archives that would expand past the limit or at an absurd ratio, before unpacking."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(path, f"truncated or damaged DOCX ({exc})") from exc
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


def docx_blocks(document: Any) -> list[Block]:
    """The body's paragraphs and tables as blocks, in the order they appear."""
    blocks: list[Block] = []
    number = 0  # position in the current "List Number" run
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            blocks.extend(_table_rows(part))
            number = 0
            continue
        block, number = _paragraph_block(part, number)
        if block is not None:
            blocks.append(block)
    return blocks


def _paragraph_block(paragraph: Paragraph, number: int) -> tuple[Block | None, int]:
    text = clean_inline(paragraph.text)
    if not text:
        return None, number
    style = paragraph.style.name if paragraph.style is not None else ""
    if patterns.DOCX_HEADING_STYLE.match(style or ""):
        return Block(text.replace("\n", " "), "heading"), 0
    if patterns.DOCX_LIST_STYLE.match(style or "") or _has_numbering(paragraph):
        if "number" in (style or "").lower():
            return list_item(text, number + 1), number + 1
        return list_item(text), 0
    return Block(text), 0


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
