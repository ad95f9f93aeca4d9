"""Character classes and word lists the store matches on (data only; the code is in textfold.py, query.py
and editions.py)."""

from __future__ import annotations

import re

# Ideographs (and kana) are indexed one character per token: SQLite's unicode61 tokenizer would otherwise
# read a whole Chinese run as one giant token, so a two-character word inside it could never be found.
CJK_CHAR = re.compile(
    "["
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\U00020000-\U0003134f"  # CJK extensions B–G
    "]"
)

# Curly and full-width quotes read as their ASCII twins when comparing headlines and titles.
QUOTE_FOLDS: dict[str, str] = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
}

# Trailing punctuation dropped from a headline before comparing (a PDF may keep a full stop the web drops).
TRAILING_PUNCTUATION = ".,;:!?…·-–—'\"。，；：！？、"

# Quote characters that open or close an explicit phrase in a search query.
_QUOTE_CLASS = '"\u201c\u201d\uff02'
QUERY_QUOTES = frozenset(_QUOTE_CLASS)
QUERY_QUOTED_PHRASE = re.compile(f"[{_QUOTE_CLASS}]([^{_QUOTE_CLASS}]*)[{_QUOTE_CLASS}]")

# Words that join search terms with OR (anything else is joined with AND).
QUERY_OR_WORDS = frozenset({"OR", "或", "或者"})

# More than this many phrases in one query is refused: nobody types it, and it only costs time.
QUERY_MAX_PHRASES = 32

# Which edition's title and front matter win when editions are merged: a web page carries the
# "A + B + C" topic line; a PDF's first line is often the series name.
FORMAT_PREFERENCE: tuple[str, ...] = ("html", "text", "markdown", "docx", "pdf")

# Brackets around the year of a 发文字号 are written every way: 〔2022〕, [2022], （2022）, 【2022】.
DOC_NUMBER_BRACKETS: dict[str, str] = {
    "[": "〔", "]": "〕", "(": "〔", ")": "〕", "（": "〔", "）": "〕", "【": "〔", "】": "〕",
    "［": "〔", "］": "〕", "〈": "〔", "〉": "〕", "{": "〔", "}": "〕",
}

# Date filters accept a year, a month or a day.
ISO_PARTIAL_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")

# Preset dictionary for compressing stored record and entry JSON (record_codec.pack_json): the field names and
# common values that every small entry would otherwise spell out. NEVER change it: stored rows need it to
# decompress. A different dictionary needs a new name and a marker telling the two kinds of rows apart.
JSON_ZDICT = (
    b'{"bodies":[],"comment":[],"companies":[],"date":null,"document":null,"documents":[],"headline":"",'
    b'"key_points":[],"rank":null,"section":"top","sectors":[],"source_label":null,"summary":"","targets":'
    b'[{"baseline":{"approximate":false,"factor":null,"value":null,"year":null},"comparator":"=",'
    b'"corporate":false,"direction":"increase","draft":false,"field":"key_points[0]","kind":"level",'
    b'"language":"en","metric":"","span":[0,0],"text":"","unit":"CNY","value":0.0,"year":2025,'
    b'"year_source":"sentence"}],"text":"","unknown_bodies":[]'
)
