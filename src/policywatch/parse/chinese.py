"""Chinese text as the notice parser sees it: language, a simplified-character view of each line, and the
signals that tell a government document from a news report about one.

Traditional-character documents keep their text as written; every pattern runs on an OpenCC t2s copy made line
by line, so line numbers found in the copy point at the same lines of the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from opencc import OpenCC

from policywatch.parse.notice_patterns import (
    ADDRESSEE_LINE,
    ADDRESSEE_START,
    CJK_CHAR,
    FULLWIDTH_DIGITS,
    JUNK_LINE,
    LATIN_WORD,
    NEWS_MARKERS,
    ORG_LIST_SEPARATORS,
    ORG_SUFFIX,
    TAIL_MARKERS,
    ZERO_LOOKALIKES,
)
from policywatch.records import ReadDocument

# Share of Latin words, relative to CJK characters, above which a Chinese page is bilingual.
MIXED_LATIN_SHARE = 0.25
MIXED_MIN_LATIN_WORDS = 20
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\t]+")


@dataclass(frozen=True)
class NoticeLines:
    """A document's lines twice: as written (stripped) and as parsed (simplified characters, plain spaces)."""

    written: tuple[str, ...]
    view: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.view)

    def content_end(self) -> int:
        """Index of the first line of site furniture after the text (责编, 推荐阅读, 标签…), or the end."""
        for index, line in enumerate(self.view):
            if index > 0 and TAIL_MARKERS.match(line):
                return index
        return len(self.view)

    def view_text(self, end: int | None = None) -> str:
        return "\n".join(line for line in self.view[:end] if line)


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def view_line(line: str) -> str:
    """One line as the patterns expect it: simplified characters, ASCII digits, 〇 for its look-alikes."""
    line = unicodedata.normalize("NFC", line)
    line = _ODD_SPACES.sub(" ", line).strip()
    line = line.translate(FULLWIDTH_DIGITS).translate(ZERO_LOOKALIKES)
    return str(_t2s().convert(line))


def split_lines(text: str) -> NoticeLines:
    """The text's lines, as written and as viewed (see `view_line`)."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    written = tuple(_ODD_SPACES.sub(" ", line).strip() for line in raw)
    return NoticeLines(written=written, view=tuple(view_line(line) for line in raw))


def cjk_share(text: str) -> tuple[int, int]:
    """(CJK characters, Latin words) in `text`."""
    return len(CJK_CHAR.findall(text)), len(LATIN_WORD.findall(text))


def looks_like_chinese_document(doc: ReadDocument) -> bool:
    """True when the text is mostly Chinese: at least as many CJK characters as Latin words.

    A CJK character carries about as much as an English word, so a bilingual page (an English paragraph and
    its Chinese twin) counts as Chinese, while an English article quoting a few Chinese titles does not.
    """
    cjk, latin = cjk_share(doc.text)
    return cjk >= 20 and cjk >= latin


def text_language(text: str) -> str:
    """"zh", or "mixed" when a real share of the text is in a Latin-script language."""
    cjk, latin = cjk_share(text)
    if latin >= MIXED_MIN_LATIN_WORDS and latin >= MIXED_LATIN_SHARE * cjk:
        return "mixed"
    return "zh"


def is_junk_line(line: str) -> bool:
    """Page furniture that carries no document content: table rows, rules, breadcrumbs, font switches."""
    return bool(JUNK_LINE.match(line))


def is_org_list(text: str) -> bool:
    """True when `text` is only organisation names ("各省、自治区…主管部门", "海关总署")."""
    parts = [part for part in ORG_LIST_SEPARATORS.split(text) if part]
    return bool(parts) and all(ORG_SUFFIX.search(part) for part in parts)


def is_addressee_line(line: str) -> bool:
    """A notice's addressees: organisation names ending in a colon, often opening with 各."""
    m = ADDRESSEE_LINE.match(line)
    if not m:
        return False
    addressees = m["addressees"]
    if is_org_list(addressees):
        return True
    parts = [part for part in ORG_LIST_SEPARATORS.split(addressees) if part]
    return bool(ADDRESSEE_START.match(addressees)) and bool(ORG_SUFFIX.search(parts[-1]))


def has_news_markers(text: str) -> bool:
    """Datelines, reporters, "据…报道", journal-abstract marks: the text reports on a document."""
    return any(NEWS_MARKERS.search(line) for line in text.split("\n"))
