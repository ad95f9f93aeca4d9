"""PDF files: text of every page in order (pypdfium2), cleaned of what the page layout added.

Layout artefacts removed: CRLF line ends, ligature and full-width code points (NFKC, except Chinese
punctuation), words hyphenated across lines, running headers/footers and page-number lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pypdfium2 as pdfium

from policywatch.errors import ReadError
from policywatch.read import patterns
from policywatch.read.document import build_document
from policywatch.records import ReadDocument

_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})")


def read_pdf(data: bytes, path: str) -> ReadDocument:
    """Every page's text; a truncated, damaged or encrypted file raises `ReadError` with pdfium's words."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReadError(path, _load_problem(str(exc))) from exc
    try:
        pages = [clean_page(_page_text(document, index, path)) for index in range(len(document))]
        metadata = document.get_metadata_dict()
    finally:
        document.close()
    text = "\n\n".join(page for page in drop_running_lines(pages) if page)
    if not text.strip():
        raise ReadError(path, f"no text in the PDF's {len(pages)} page(s) (scanned? OCR is not supported)")
    return build_document(
        data, path, "pdf", text,
        title=(metadata.get("Title") or "").strip() or None,
        published=pdf_date(metadata.get("CreationDate") or ""),
    )


def _load_problem(message: str) -> str:
    if "password" in message.lower():
        return f"encrypted PDF, a password is needed ({message.rstrip('.')})"
    return f"truncated or damaged PDF ({message.rstrip('.')})"


def _page_text(document: pdfium.PdfDocument, index: int, path: str) -> str:
    try:
        page = document[index]
        textpage = page.get_textpage()
        try:
            return str(textpage.get_text_range())
        finally:
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise ReadError(path, f"damaged PDF: page {index + 1} cannot be read ({exc})") from exc


def clean_page(text: str) -> str:
    """One page's text with layout artefacts repaired (line ends, code points, hyphenation)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = patterns.NFKC_FOLD_RUN.sub(lambda run: unicodedata.normalize("NFKC", run.group()), text)
    text = patterns.PDFIUM_SOFT_HYPHEN.sub(_soft_hyphen, text)
    text = patterns.LINE_END_HYPHEN.sub("", text)
    text = patterns.LINE_END_COMPOUND.sub("-", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _soft_hyphen(match: re.Match[str]) -> str:
    """pdfium's marker for a hyphen it joined across a line break: drop it inside a lower-case word."""
    text, at = match.string, match.start()
    before = text[at - 1] if at else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    lower = patterns.LOWER_LETTER
    return "" if lower.match(before) and lower.match(after) else "-"


def drop_running_lines(pages: list[str]) -> list[str]:
    """Pages without page-number lines and without lines repeated at the top or bottom of most pages."""
    page_lines = [page.split("\n") for page in pages]
    running = _running_keys(page_lines)
    return ["\n".join(_without_edge_noise(lines, running)).strip("\n") for lines in page_lines]


def _edge_indexes(lines: list[str]) -> set[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return set(filled[: patterns.EDGE_LINES] + filled[-patterns.EDGE_LINES :])


def _line_key(line: str) -> str:
    """A line with its numbers masked, so 'Page 3 of 9' on every page counts as one repeated line."""
    return patterns.DIGITS.sub("#", line.strip())


def _running_keys(page_lines: list[list[str]]) -> set[str]:
    if len(page_lines) < patterns.RUNNING_LINE_MIN_PAGES:
        return set()
    counts: Counter[str] = Counter()
    for lines in page_lines:
        counts.update({_line_key(lines[i]) for i in _edge_indexes(lines)})
    needed = max(patterns.RUNNING_LINE_MIN_PAGES, patterns.RUNNING_LINE_PAGE_SHARE * len(page_lines))
    return {key for key, count in counts.items() if count >= needed}


def _without_edge_noise(lines: list[str], running: set[str]) -> list[str]:
    edges = _edge_indexes(lines)
    return [
        line
        for i, line in enumerate(lines)
        if i not in edges or not (_line_key(line) in running or patterns.PAGE_NUMBER_LINE.match(line))
    ]


def pdf_date(value: str) -> str | None:
    """'D:20230314093000Z' → '2023-03-14'; None when absent or not a real date."""
    match = _PDF_DATE.match(value.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    if not ("01" <= month <= "12" and "01" <= day <= "31"):
        return None
    return f"{year}-{month}-{day}"
