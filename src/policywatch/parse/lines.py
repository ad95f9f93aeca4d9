"""Cleaning a document's text into lines, and joining wrapped lines into paragraphs.

Text editions carry markup (Markdown links, escaped brackets, emphasis) and PDFs wrap paragraphs over several
lines; the brief parser wants one logical line per paragraph, bullet or label.
"""

from __future__ import annotations

import re
import unicodedata

from policywatch.parse.brief_patterns import (
    BULLET,
    ESCAPED_CHAR,
    MARKDOWN_LINK,
    TERMINAL_PUNCTUATION,
)

_ODD_SPACE = r"\t\u00a0\u2000-\u200b\u202f\u205f"
# A run of spaces becomes one " "; a run that is one " " already is not matched (matching every space made
# re.sub keep one piece per word: over 1 GB for a 100 MB text).
_SPACES = re.compile(rf"[{_ODD_SPACE}][ {_ODD_SPACE}]*| [ {_ODD_SPACE}]+")
_EMPHASIS_MARK = re.compile(r"(?<![\w*])\*{1,2}(?=\S)|(?<=\S)\*{1,2}(?![\w*])")


def clean_line(line: str) -> str:
    """One line without link markup, escapes, emphasis marks or odd spaces."""
    return clean_line_markup(line).strip()


def clean_lines(text: str) -> list[str]:
    """The text as cleaned lines; blank lines are kept as "" because they separate paragraphs.

    The substitutions run once over the whole text (none of them crosses a line end), which is much faster
    than line by line."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return [line.strip() for line in clean_line_markup(text).split("\n")]


def clean_line_markup(text: str) -> str:
    text = MARKDOWN_LINK.sub(r"\1", text)
    text = ESCAPED_CHAR.sub(r"\1", text)
    text = _EMPHASIS_MARK.sub("", text)
    return _SPACES.sub(" ", text)


def is_bullet(line: str) -> bool:
    return bool(BULLET.match(line)) and len(BULLET.sub("", line, count=1)) > 0


def strip_bullet(line: str) -> str:
    return BULLET.sub("", line, count=1).strip()


def ends_paragraph(line: str) -> bool:
    """True when a line ends like a finished sentence, so the next line starts a new paragraph."""
    return bool(TERMINAL_PUNCTUATION.search(line))


def join_wrapped(previous: str, line: str) -> str:
    """Join a wrapped continuation line; CJK text joins without a space."""
    if previous and _is_cjk(previous[-1]) and line and _is_cjk(line[0]):
        return previous + line
    return f"{previous} {line}".strip()


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3000" <= ch <= "\u303f"


def paragraphs(lines: list[str], *, starts_block: re.Pattern[str] | None = None) -> list[str]:
    """Group lines into paragraphs and bullets.

    A blank line or a bullet glyph always starts a new block; otherwise a line continues the previous block
    when that block does not end like a sentence (a PDF wrapped it). `starts_block` marks further lines that
    always begin a block (labels such as "MERICS comment:").
    """
    blocks: list[str] = []
    open_block = False
    for line in lines:
        if not line:
            open_block = False
            continue
        forced = is_bullet(line) or bool(starts_block and starts_block.match(line))
        if open_block and not forced and blocks and not ends_paragraph(blocks[-1]):
            blocks[-1] = join_wrapped(blocks[-1], line)
        else:
            blocks.append(line)
        open_block = True
    return blocks
