"""Which reader a document needs, decided from its bytes first and its file name second."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath
from typing import Literal

from policywatch.read import patterns

Kind = Literal["pdf", "docx", "zip", "ole", "html", "markdown", "text"]


def sniff_format(data: bytes, path: str) -> Kind:
    """The container kind: magic bytes decide PDF, DOCX (a zip with word/document.xml) and legacy
    Office files; markup decides HTML; the extension only separates Markdown from plain text."""
    if patterns.PDF_MAGIC in data[: patterns.PDF_MAGIC_WINDOW]:
        return "pdf"
    if data.startswith(patterns.ZIP_MAGIC):
        return "docx" if _zip_has_docx_part(data) else "zip"
    if data.startswith(patterns.OLE_MAGIC):
        return "ole"
    suffix = PurePath(path).suffix.lower()
    if looks_like_html(data, html_extension=suffix in patterns.HTML_EXTENSIONS):
        return "html"
    return "markdown" if suffix in patterns.MARKDOWN_EXTENSIONS else "text"


def looks_like_html(data: bytes, *, html_extension: bool = False) -> bool:
    """True when the document opens as HTML or block tags dominate its first lines."""
    if patterns.HTML_START.match(data[: patterns.SNIFF_WINDOW]):
        return True
    head = data[: patterns.SNIFF_WINDOW].decode("utf-8", errors="ignore")
    tags = len(patterns.HTML_BLOCK_TAG.findall(head))
    if html_extension and tags:
        return True
    lines = sum(1 for line in head.splitlines() if line.strip())
    return tags >= patterns.HTML_MIN_TAGS and tags >= patterns.HTML_TAGS_PER_LINE * lines


def _zip_has_docx_part(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return patterns.DOCX_MAIN_PART in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        return True  # a damaged zip: the DOCX reader reports what is wrong with it
