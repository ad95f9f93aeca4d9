"""PDF files: text of every page in order (pypdfium2), cleaned of what the page layout added.

Layout artefacts removed: CRLF line ends, ligature and full-width code points (NFKC, except Chinese
punctuation), words hyphenated across lines, running headers/footers and page-number lines.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter

import pypdfium2 as pdfium

from policywatch.errors import ReadError
from policywatch.read import patterns
from policywatch.read.document import build_document
from policywatch.records import ReadDocument


def read_pdf(data: bytes, path: str) -> ReadDocument:
    """Every page's text; a truncated, damaged or encrypted file raises `ReadError` with pdfium's words."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReadError(path, _load_problem(str(exc))) from exc
    try:
        pages = [clean_page(_page_text(document, index, path)) for index in range(len(document))]
        metadata = _metadata(document)
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


def _metadata(document: pdfium.PdfDocument) -> dict[str, str]:
    """The title and creation date the document declares; a value that is not valid UTF-16 is left out
    (pypdfium2 decodes it strictly: a damaged info dictionary raised UnicodeDecodeError)."""
    metadata = {}
    for key in ("Title", "CreationDate"):
        try:
            metadata[key] = document.get_metadata_value(key)
        except (UnicodeDecodeError, pdfium.PdfiumError):
            continue
    return metadata


def _load_problem(message: str) -> str:
    if "password" in message.lower():
        return f"encrypted PDF, a password is needed ({message.rstrip('.')})"
    return f"truncated or damaged PDF ({message.rstrip('.')})"


def _page_text(document: pdfium.PdfDocument, index: int, path: str) -> str:
    try:
        page = document[index]
        textpage = page.get_textpage()
        try:
            return with_paragraph_breaks(textpage, str(textpage.get_text_range()))
        finally:
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise ReadError(path, f"damaged PDF: page {index + 1} cannot be read ({exc})") from exc


def with_paragraph_breaks(textpage: pdfium.PdfTextPage, text: str) -> str:
    """The page text with a blank line wherever the vertical gap between two lines is unusually large.

    pdfium gives visual lines only; the gap is measured from the last character of a line (pdfium may
    have joined hyphenated lines) to the first character of the next. A jump upwards (new column,
    header drawn after the body) also starts a paragraph.
    """
    if textpage.count_chars() != len(text):
        return text  # characters outside the BMP shift indexes; keep the lines as they are
    lines = text.split("\r\n")
    bottoms = _line_bottoms(textpage, lines)
    typical = _typical_pitch([bottom for bottom in bottoms if bottom is not None])
    out: list[str] = []
    previous_bottom: float | None = None
    for line, bottom in zip(lines, bottoms, strict=True):
        if bottom is not None:
            if previous_bottom is not None and out and out[-1]:
                pitch = previous_bottom - bottom[0]
                if pitch <= 0 or pitch > patterns.PARAGRAPH_GAP * typical:
                    out.append("")
            previous_bottom = bottom[1]
        out.append(line)
    return "\n".join(out)


def _typical_pitch(bottoms: list[tuple[float, float]]) -> float:
    """The line pitch inside a paragraph: the lower quartile of the distances between consecutive lines
    (the median would be a paragraph gap on pages of short paragraphs)."""
    pitches = [previous[1] - current[0] for previous, current in itertools.pairwise(bottoms)]
    positive = sorted(pitch for pitch in pitches if pitch > 0)
    return positive[len(positive) // 4] if positive else 0.0


def _line_bottoms(textpage: pdfium.PdfTextPage, lines: list[str]) -> list[tuple[float, float] | None]:
    """For each line, the bottom of its first and of its last visible character (None for blank lines)."""
    bottoms: list[tuple[float, float] | None] = []
    start = 0
    for line in lines:
        if line.strip():
            first = start + len(line) - len(line.lstrip())
            last = start + len(line.rstrip()) - 1
            first_bottom = textpage.get_charbox(first, loose=True)[1]
            bottoms.append((first_bottom, textpage.get_charbox(last, loose=True)[1]))
        else:
            bottoms.append(None)
        start += len(line) + 2  # the "\r\n" pdfium generated between lines
    return bottoms


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
    pages = ["\n".join(_without_edge_noise(lines, running)) for lines in page_lines]
    return [patterns.BLANK_LINES.sub("\n\n", page).strip("\n") for page in pages]


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
    # keys without letters ("#") would merge every bare number; page numbers have their own pattern
    return {key for key, count in counts.items() if count >= needed and any(ch.isalpha() for ch in key)}


def _without_edge_noise(lines: list[str], running: set[str]) -> list[str]:
    edges = _edge_indexes(lines)
    return [
        line
        for i, line in enumerate(lines)
        if i not in edges or not (_line_key(line) in running or patterns.PAGE_NUMBER_LINE.match(line))
    ]


def pdf_date(value: str) -> str | None:
    """'D:20230314093000Z' → '2023-03-14'; None when absent or not a real date."""
    match = patterns.PDF_DATE.match(value.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    if not ("01" <= month <= "12" and "01" <= day <= "31"):
        return None
    return f"{year}-{month}-{day}"
