"""Chinese text as the notice parser sees it: language, a simplified-character view of each line, the
signals that tell a government document from a news report about one, a news page's headline and date, the
发文字号 convention, and the relations a document states to other documents.

Traditional-character documents keep their text as written; every pattern runs on an OpenCC t2s copy made line
by line, so line numbers found in the copy point at the same lines of the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from opencc import OpenCC

from policywatch.extract.dates import parse_date
from policywatch.parse.notice_patterns import (
    ADDRESSEE_LINE,
    ADDRESSEE_START,
    CJK_CHAR,
    CLOSE_BRACKETS,
    DATE_ONLY_LINE,
    DECREE_NUMBER,
    DOC_NUMBER_IN_TEXT,
    DOC_NUMBER_STRICT,
    FORWARDS_IN_BODY,
    FORWARDS_IN_TITLE,
    FULL_DATE_TEXT,
    FULLWIDTH_DIGITS,
    HEADER_LINES,
    HEADLINE_MIN_CHARS,
    INTERPRETS_IN_TITLE,
    ISSUES_IN_BODY,
    ISSUES_IN_TITLE,
    JOURNAL_ISSUE,
    JUNK_LINE,
    LATIN_WORD,
    NEWS_MARKERS,
    NUMBER_AFTER_TITLE,
    OPEN_BRACKETS,
    OPENING_DATE,
    OPENING_WINDOW_LINES,
    ORG_LIST_SEPARATORS,
    ORG_SUFFIX,
    PAGE_DATE_LINE,
    PAGE_DATE_LINE_MAX_CHARS,
    QUOTED_TITLE,
    REPEALS_IN_BODY,
    REPOST_METADATA,
    SENTENCE_END,
    SENTENCE_PUNCTUATION,
    TAIL_MARKERS,
    TIME_OF_DAY,
    TITLE_PART_MAX_CHARS,
    ZERO_LOOKALIKES,
)
from policywatch.records import ReadDocument, Relation

RelationKind = Literal["forwards", "issues", "repeals", "interprets", "cites"]

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

    def next_filled(self, index: int) -> int | None:
        """The first non-blank line after `index` (-1 for the first line of the text)."""
        for i in range(index + 1, len(self.view)):
            if self.view[i]:
                return i
        return None

    def previous_filled(self, index: int) -> int | None:
        """The nearest line before `index` that is neither blank nor page furniture."""
        for i in range(index - 1, -1, -1):
            if self.view[i] and not is_junk_line(self.view[i]):
                return i
        return None

    def content(self) -> tuple[str, str]:
        """The text without page furniture, (as written, as parsed): junk lines and the site tail dropped,
        runs of blank lines kept as one. Both are built from the same lines, so an offset into the parsed
        text (a target's span) points at the same place in the written one."""
        kept: list[int] = []
        for index in range(self.content_end()):
            line = self.view[index]
            if line and is_junk_line(line):
                continue
            if line or (kept and self.view[kept[-1]]):
                kept.append(index)
        return "\n".join(self.written[i] for i in kept).strip(), "\n".join(self.view[i] for i in kept).strip()

    def view_text(self, end: int | None = None, start: int = 0) -> str:
        """The parsed lines from `start` to `end` without blank or junk lines, joined by newlines."""
        return "\n".join(line for line in self.view[start:end] if line and not is_junk_line(line))


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


# --- news


def find_headline(lines: NoticeLines) -> tuple[str | None, int | None]:
    """(headline, line of the date/source line under it) of a news page; (None, None) when none is printed."""
    date_line = _page_date_line(lines)
    if date_line is not None:
        above = lines.previous_filled(date_line)
        below = lines.next_filled(date_line)
        for index in (above, below):  # a headline sits above its date line, on some sites below it
            if index is not None and _is_headline(lines.view[index]) and _starts_text(lines, index):
                return lines.written[index], date_line
        return None, date_line
    first = lines.next_filled(-1)
    if first is not None and _is_headline(lines.view[first]) and _starts_text(lines, first):
        return lines.written[first], None
    return None, None


def _starts_text(lines: NoticeLines, headline: int) -> bool:
    """A headline is followed, within a few lines (its date, source, issue), by a longer paragraph."""
    nxt = lines.next_filled(headline)
    for _ in range(OPENING_WINDOW_LINES):
        if nxt is None:
            return False
        line = lines.view[nxt]
        if SENTENCE_PUNCTUATION.search(line) and len(line) > len(lines.view[headline]):
            return True
        nxt = lines.next_filled(nxt)
    return False


def _page_date_line(lines: NoticeLines) -> int | None:
    for index, line in enumerate(lines.view[: HEADER_LINES * 2]):
        short = len(line) <= PAGE_DATE_LINE_MAX_CHARS and "。" not in line
        if line and short and PAGE_DATE_LINE.search(line):
            return index
    return None


def _is_headline(line: str) -> bool:
    return (
        len(CJK_CHAR.findall(line)) >= HEADLINE_MIN_CHARS
        and len(line) <= TITLE_PART_MAX_CHARS
        and not SENTENCE_PUNCTUATION.search(line)
        and not is_junk_line(line)
        and not REPOST_METADATA.search(line)
        and not FULL_DATE_TEXT.search(line)
        and not JOURNAL_ISSUE.search(line)
    )


def find_article_date(lines: NoticeLines, date_line: int | None) -> str | None:
    """The date printed as the article's own date: a date-only line under the headline, or a full date that
    opens the text. Lines with a time of day are page/repost timestamps and never count."""
    if date_line is not None:
        line = lines.view[date_line]
        if DATE_ONLY_LINE.match(line) and not TIME_OF_DAY.search(line):
            return parse_date(line)
    first = lines.next_filled(date_line if date_line is not None else -1)
    if first is not None and OPENING_DATE.match(lines.view[first]):
        return parse_date(lines.view[first])
    return None


# --- 发文字号


def normalise_doc_number(raw: str) -> tuple[str, str | None]:
    """A 发文字号 with its year brackets folded to 〔〕, or the string as written with the flag "malformed".

    Characters are kept as written (a traditional 號 stays 號); only brackets, spaces and full-width digits
    are normalised. A number without a 4-digit year between two brackets ("国办发〔201682号") is malformed.
    Decree and announcement numbers without brackets ("国务院令第708号", "2022年第3号") are kept as they are.
    """
    text = re.sub(r"\s+", "", raw.translate(FULLWIDTH_DIGITS))
    text = _strip_enclosing_brackets(text)
    m = DOC_NUMBER_STRICT.match(text)
    if m:
        return f"{m['prefix']}〔{m['year']}〕{m['serial']}{m['hao'] or ''}", None
    if DECREE_NUMBER.match(text):
        return text, None
    return raw.strip(), "malformed"


def _strip_enclosing_brackets(text: str) -> str:
    while len(text) > 2 and text[0] in "(（[【" and text[-1] in ")）]】" and _balanced_inside(text[1:-1]):
        text = text[1:-1]
    return text


def _balanced_inside(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


# --- relations to other documents


def find_relations(lines: NoticeLines, title: str | None, own_number: str | None) -> tuple[Relation, ...]:
    """What a document does to others: issues (印发), forwards (转发), repeals (废止), interprets (解读),
    and cites (a 《title》 given with its 发文字号). The body's 《title》 wins over the title's unquoted
    wording."""
    body: list[Relation] = []
    for line in lines.view:
        body.extend(_body_relations(line))
    done = {relation.kind for relation in body}
    from_title = [r for r in _title_relations(title) if r.kind not in done] if title else []
    found = from_title + body
    found.extend(_citations(lines, own_number, found))
    return _dedupe(found)


def _title_relations(title: str) -> list[Relation]:
    if INTERPRETS_IN_TITLE.search(title):
        return [Relation("interprets", m["title"]) for m in QUOTED_TITLE.finditer(title)]
    kinds: tuple[tuple[RelationKind, re.Pattern[str]], ...] = (
        ("forwards", FORWARDS_IN_TITLE), ("issues", ISSUES_IN_TITLE)
    )
    for kind, pattern in kinds:
        m = pattern.search(title)
        if m:
            return [Relation(kind, name) for name in _titles_in(m["title"])]
    return []


def _titles_in(text: str) -> list[str]:
    quoted = [m["title"] for m in QUOTED_TITLE.finditer(text)]
    return quoted or [text.strip()]


def _body_relations(line: str) -> list[Relation]:
    out: list[Relation] = []
    kinds: tuple[tuple[RelationKind, re.Pattern[str]], ...] = (
        ("issues", ISSUES_IN_BODY), ("forwards", FORWARDS_IN_BODY)
    )
    for kind, pattern in kinds:
        m = pattern.search(line)
        named = _last_quoted(line, m.start("object"), m.end("object")) if m else None
        if named is None and m:
            named = _last_quoted(line, 0, m.start())
        if named:
            out.append(Relation(kind, named[0], _number_after(line, named[1])))
    for sentence in SENTENCE_END.split(line):
        if REPEALS_IN_BODY.search(sentence):
            out.extend(_repealed(sentence))
    return out


def _last_quoted(line: str, start: int, end: int) -> tuple[str, int] | None:
    """The last 《title》 inside line[start:end] and the offset just after it."""
    hits = list(QUOTED_TITLE.finditer(line, start, end))
    return (hits[-1]["title"], hits[-1].end()) if hits else None


def _number_after(line: str, offset: int) -> str | None:
    m = NUMBER_AFTER_TITLE.match(line, offset)
    return normalise_doc_number(m["number"])[0] if m and DOC_NUMBER_IN_TEXT.search(m["number"]) else None


def _repealed(sentence: str) -> list[Relation]:
    out = [
        Relation("repeals", m["title"], _number_after(sentence, m.end()))
        for m in QUOTED_TITLE.finditer(sentence)
    ]
    named = {r.doc_number for r in out}
    for m in DOC_NUMBER_IN_TEXT.finditer(sentence):
        number = normalise_doc_number(m["number"])[0]
        if number not in named:
            out.append(Relation("repeals", None, number))
    return out


def _citations(lines: NoticeLines, own_number: str | None, known: list[Relation]) -> list[Relation]:
    """《title》(发文字号) pairs not already related otherwise: documents the text relies on."""
    seen = {r.title for r in known} | {r.doc_number for r in known if r.doc_number}
    out: list[Relation] = []
    for line in lines.view:
        for m in QUOTED_TITLE.finditer(line):
            number = _number_after(line, m.end())
            if number and number != own_number and m["title"] not in seen and number not in seen:
                out.append(Relation("cites", m["title"], number))
                seen.update({m["title"], number})
    return out


def _dedupe(relations: list[Relation]) -> tuple[Relation, ...]:
    out: list[Relation] = []
    for relation in relations:
        if relation not in out:
            out.append(relation)
    return tuple(out)
