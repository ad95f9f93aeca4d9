"""What kind of document a text is: a China Industries brief, another brief-like page, a Chinese government
document, or an article (news, digests, other newsletters, reports, comments)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policywatch.parse.brief_layout import glance_lines
from policywatch.parse.brief_patterns import OTHER_FORMATS, TOP5_HEADING
from policywatch.parse.lines import clean_lines

_HEAD_LINES = 15
_LETTER = re.compile(r"[^\W\d_]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_ZH_SHARE = 0.3


@dataclass(frozen=True)
class DocumentKind:
    type: str  # brief | chinese | article
    kind: str  # china_industries | <article kind>
    series: str | None = None


def classify(text: str) -> DocumentKind:
    """Decide the parser from the text itself (not the file name)."""
    lines = clean_lines(text)
    head = [line for line in lines if line][:_HEAD_LINES]
    other = _other_format(head)
    has_items = bool(glance_lines(lines)) or any(TOP5_HEADING.match(line) for line in lines)
    if _mentions_china_industries(head) and other is None:
        series = "MERICS China Industries" if any("merics" in line.lower() for line in head) else "China Industries"
        return DocumentKind("brief", "china_industries", series)
    if other is not None:
        return other
    if has_items:
        return DocumentKind("brief", "brief", None)
    if cjk_share(text) >= _ZH_SHARE:
        return DocumentKind("chinese", "chinese")
    return DocumentKind("article", "news")


def _mentions_china_industries(head: list[str]) -> bool:
    return any("china industries" in line.lower() for line in head)


def _other_format(head: list[str]) -> DocumentKind | None:
    for line in head:
        for pattern, kind, series in OTHER_FORMATS:
            if pattern.search(line):
                return DocumentKind("article", kind, series)
    return None


def cjk_share(text: str) -> float:
    """Share of CJK characters among letters (a cheap language signal)."""
    sample = text[:20000]
    letters = len(_LETTER.findall(sample))
    return len(_CJK.findall(sample)) / letters if letters else 0.0
