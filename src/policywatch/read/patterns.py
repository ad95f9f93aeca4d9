"""Data for the readers: magic bytes, regexes, thresholds and character classes (no logic here)."""

from __future__ import annotations

import re

FORMAT_LABELS = {
    "text": "text file", "markdown": "Markdown file", "html": "HTML page", "pdf": "PDF", "docx": "DOCX",
}

# --- format sniffing -------------------------------------------------------------------------------
PDF_MAGIC = b"%PDF-"
PDF_MAGIC_WINDOW = 1024  # the PDF spec tolerates junk before the header; readers look this far
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls containers
DOCX_MAIN_PART = "word/document.xml"
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})
SNIFF_WINDOW = 8192  # characters of a document looked at to decide whether it is markup

# A document "starts as HTML" when, after a BOM, whitespace and comments, it opens with one of these.
HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])",
                        re.IGNORECASE | re.DOTALL)
# Block-level tags whose density tells markup from text that merely mentions a tag.
HTML_BLOCK_TAG = re.compile(r"<(?:body|p|div|br|li|ul|ol|table|tr|td|h[1-6]|span|a)\b[^<>]*>", re.IGNORECASE)
HTML_MIN_TAGS = 3
HTML_TAGS_PER_LINE = 0.5  # tags per non-blank line above which markup dominates

# --- text decoding ---------------------------------------------------------------------------------
BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# BOM-less UTF-16: ASCII-heavy text has a NUL in every other byte, on one side only.
UTF16_NUL_SHARE = 0.3
# GB18030 decodes many byte soups; accept it only when most non-ASCII characters are Chinese.
GB18030_CJK_SHARE = 0.7
CJK_OR_PUNCT = re.compile(
    r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]"
)
CJK_RUN = re.compile(CJK_OR_PUNCT.pattern + "+")
# Latin-1 misread as GBK gives lone ideographs inside words ("Ma顃rise"); real Chinese comes in runs.
GB18030_RUN_SHARE = 0.5  # share of Chinese characters that must sit in runs of two or more
NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Control characters that never occur in text (tab, newlines, form feed and ESC-free text excluded).
BINARY_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]")
BINARY_CONTROL_SHARE = 0.01
LINE_BREAK = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")

# --- language --------------------------------------------------------------------------------------
CJK_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
ZH_MIN_SHARE = 0.6  # CJK share of letters at or above which a document is Chinese
EN_MAX_SHARE = 0.1  # ... at or below which it is English (it may quote Chinese titles); between: mixed
LANGUAGE_SAMPLE = 2_000_000  # characters counted at most; longer texts are sampled in evenly spaced slices
LANGUAGE_SAMPLE_SLICES = 64

# --- HTML ------------------------------------------------------------------------------------------
META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
META_CHARSET_WINDOW = 4096
# Labels browsers treat as GBK; GB18030 is a superset that decodes all of them.
GB_CHARSETS = frozenset({"gb2312", "gbk", "gb_2312-80", "x-gbk", "gb18030", "cp936", "euc-cn", "hz-gb-2312"})
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HTML_BODY_TAG = re.compile(r"<body[\s>]", re.IGNORECASE)
HTML_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
    "button", "select", "iframe", "head", "title", "meta", "link",
})
HTML_MAX_DEPTH = 200  # nesting below which the fallback walk stops descending (Python's stack is finite)
# Elements nested deeper than this lose their tags (their text stays) before any parser sees the page: the
# HTML parser's time grows with the square of the depth (a page of 100,000 nested lists took two minutes).
HTML_MAX_NESTING = 512
HTML_TAG_START = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")  # "<div", "</li": a tag's name ends at space, / or >
# A tag's attributes, then ">" or "/>". Possessive: no backtracking (a lazy loop kept a frame per character,
# 470 MB for a tag of a million attributes). A quoted value may hold ">" and "<".
HTML_TAG_REST = re.compile(r"""(?:=\s*"[^"]*"|=\s*'[^']*'|[^>=/]|=|/(?!>))*+(/?)>""")
HTML_FOREIGN_TAGS = frozenset({"svg", "math"})  # inside them "<x/>" closes the element, as in XML
# Pages with more elements than this skip trafilatura for the fallback walk over the whole body.
HTML_MAX_ELEMENTS = 20_000
# Tags that never nest: void elements and those whose end tag is implied by the next one (<li>, <p>, <td>).
HTML_FLAT_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rb", "rt",
    "rp", "rtc", "colgroup", "caption", "html", "head", "body",
})
HTML_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
HTML_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "blockquote", "pre", "address", "figure", "figcaption",
    "dl", "dt", "dd", "center", "body", "td", "th",
})
WHITESPACE_RUN = re.compile(r"[ \t\u00a0\u200b]+")
BULLET = "• "

# --- PDF -------------------------------------------------------------------------------------------
# Characters kept as they are when PDF text is NFKC-folded: Chinese full-width punctuation, the
# ideographic space and circled numbers carry meaning in Chinese documents (and text files keep them).
NFKC_KEEP = re.compile(r"[\u3000\u2460-\u24ff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")
NFKC_FOLD_RUN = re.compile(r"[^\u3000\u2460-\u24ff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+")
PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})")  # D:YYYYMMDDHHmmSS+hh'mm' in the document info
# pdfium marks a hyphen it found at a line end (and joined the lines) with U+FFFE; some builds use U+0002.
PDFIUM_SOFT_HYPHEN = re.compile(r"[\ufffe\x02]")
LOWER = "a-zà-öø-ÿ"
LOWER_LETTER = re.compile(f"[{LOWER}]")
LINE_END_HYPHEN = re.compile(rf"(?<=[{LOWER}])[-\u00ad][ \t]*\n[ \t]*(?=[{LOWER}])")
# A hyphen at a line end before an upper-case letter or digit belongs to a compound ("Sino-European").
LINE_END_COMPOUND = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=[A-Z0-9])")
PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:"
    r"(?:page|p\.|seite)\s*\d+(?:\s*(?:of|/|von)\s*\d+)?"  # Page 3, Page 3 of 12, p. 3
    r"|[-–—]?\s*\d{1,3}\s*[-–—]?"  # 3, - 3 -, — 3 — (not 4 digits: a lone year is content)
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3 / 12
    r"|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"  # 第3页 共12页
    r"|共\s*\d+\s*页\s*第\s*\d+\s*页"
    r")\s*$",
    re.IGNORECASE,
)
# Lines further apart than this many typical line pitches start a new paragraph (a blank line is added).
PARAGRAPH_GAP = 1.4
EDGE_LINES = 3  # lines at the top and bottom of a page where running headers and page numbers sit
RUNNING_LINE_MIN_PAGES = 2
RUNNING_LINE_PAGE_SHARE = 0.5  # a line on the edge of at least this share of pages is a running header
DIGITS = re.compile(r"\d+")
BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")

# --- DOCX ------------------------------------------------------------------------------------------
ZIP_MAX_UNCOMPRESSED = 200 * 1024 * 1024
ZIP_MAX_RATIO = 100
ZIP_RATIO_MIN_SIZE = 1024 * 1024  # tiny archives can't hurt, whatever their ratio
DOCX_LIST_STYLE = re.compile(r"^list", re.IGNORECASE)
DOCX_HEADING_STYLE = re.compile(r"^(?:heading\s*\d*|title|subtitle)$", re.IGNORECASE)
