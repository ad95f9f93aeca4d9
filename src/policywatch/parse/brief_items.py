"""One brief item (a Top 5 entry) or one Noteworthy news line → an `Entry` without extracted fields.

Extraction (bodies, companies, sectors, targets) is applied afterwards by `policywatch.extract.entries`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from policywatch.extract.bodies import BodyMentions, parse_body_list
from policywatch.extract.dates import DateContext, parse_date, parse_month_day
from policywatch.parse.brief_patterns import (
    ARTICLE_LINE,
    AT_A_GLANCE,
    COMMENT,
    CORPORATE_NEWS_HEADING,
    DATE_LINE,
    ISSUING_LINE,
    LINK_SUFFIX,
    NEWS_LINE,
    NEWS_SOURCE,
    POLICY_NEWS_HEADING,
)
from policywatch.parse.lines import ends_paragraph, is_bullet, join_wrapped, paragraphs, strip_bullet
from policywatch.records import DocumentRef, Entry

_LABELS = re.compile(
    "|".join(p.pattern for p in (AT_A_GLANCE, COMMENT, ARTICLE_LINE, ISSUING_LINE, DATE_LINE)), re.I
)
_CJK = re.compile(r"[\u3400-\u9fff]")


def parse_item(lines: list[str], rank: int | None, headline: str) -> Entry:
    """An item's lines (from its "At a glance" line on) → an entry; its document's bodies come from the
    "Issuing body:" line when there is one (extraction from the text happens later)."""
    blocks = paragraphs(lines, starts_block=_LABELS)
    summary, key_points, comment = "", [], []
    articles: list[str] = []
    issuing: list[str] = []
    date: str | None = None
    state = "summary"
    for block in blocks:
        if AT_A_GLANCE.match(block):
            summary, state = AT_A_GLANCE.sub("", block).strip(), "points"
        elif COMMENT.match(block):
            comment.append(COMMENT.sub("", block).strip())
            state = "comment"
        elif ARTICLE_LINE.match(block):
            articles.append(ARTICLE_LINE.sub("", block).strip())
            state = "article"
        elif ISSUING_LINE.match(block):
            issuing.append(ISSUING_LINE.sub("", block).strip())
            state = "meta"
        elif DATE_LINE.match(block):
            date = parse_date(DATE_LINE.sub("", block)) or date
            state = "meta"
        elif state == "article" and articles and _is_link_only(block):
            continue
        elif state == "article" and articles:
            articles[-1] = join_wrapped(articles[-1], block)
        elif state == "points":
            key_points.append(block)
        elif state == "comment":
            comment.append(block)
    summary, key_points = _split_key_points(summary, key_points)
    issuers = parse_body_list(" , ".join(issuing)) if issuing else BodyMentions((), ())
    documents = tuple(replace(_document_ref(text, date), bodies=issuers.ids) for text in articles)
    if not documents and (date or issuers.ids):
        documents = (DocumentRef(bodies=issuers.ids, date=date),)
    return Entry(
        section="top", rank=rank, headline=headline, summary=summary, key_points=tuple(key_points),
        comment=tuple(comment), date=date, document=documents[0] if documents else None, documents=documents,
        unknown_bodies=issuers.unknown,
    )


def _split_key_points(summary: str, blocks: list[str]) -> tuple[str, list[str]]:
    """Key points are the bullets; when an item has bullets, a plain paragraph after them continues the
    summary, and an unfinished fragment (an excerpt cut mid-word) is left out. Without any bullet glyph, each
    paragraph is a key point (renderings that flatten lists)."""
    if not any(is_bullet(b) for b in blocks):
        return summary, blocks
    points = [strip_bullet(b) for b in blocks if is_bullet(b)]
    narrative = [b for b in blocks if not is_bullet(b) and ends_paragraph(b)]
    return "\n\n".join([summary, *narrative]).strip(), points


def _is_link_only(block: str) -> bool:
    return bool(LINK_SUFFIX.fullmatch(" " + block))


def _document_ref(article: str, date: str | None) -> DocumentRef:
    """ "English title (中文标题) (Link)" → DocumentRef; nested brackets inside the Chinese title are kept."""
    text = LINK_SUFFIX.sub("", article).strip()
    title_zh = None
    if text.endswith(")"):
        open_at = _matching_open(text)
        if open_at is not None and _CJK.search(text[open_at:]):
            title_zh = _tidy_title(text[open_at + 1 : -1])
            text = text[:open_at].strip()
    return DocumentRef(title_en=_tidy_title(text) or None, title_zh=title_zh, date=date)


def _matching_open(text: str) -> int | None:
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in ")）":
            depth += 1
        elif text[i] in "(（":
            depth -= 1
            if depth == 0:
                return i
    return None


def _tidy_title(title: str) -> str:
    """Drop quotes that wrap the whole title or open it unbalanced; keep quotes inside it (“十四五” …)."""
    title = title.strip()
    if title.startswith(("“", '"')) and title.count("“") + title.count('"') > title.count("”") + title.count('"') - 1:
        opened, closed = title.count("“"), title.count("”")
        if opened > closed:
            title = title[1:]
        elif opened == closed == 1 and title.endswith("”"):
            title = title[1:-1]
    return title.strip()


def parse_news(lines: list[str], context: DateContext) -> list[Entry]:
    """Noteworthy lines ("October 26: text (MEE notice)") under Policy news / Corporate news headings."""
    section = "policy_news"
    entries: list[Entry] = []
    for block in paragraphs(lines, starts_block=re.compile(r"^(?:policy|corporate)\s+news\s*$", re.I)):
        if POLICY_NEWS_HEADING.match(block):
            section = "policy_news"
            continue
        if CORPORATE_NEWS_HEADING.match(block):
            section = "corporate_news"
            continue
        entry = _news_entry(strip_bullet(block) if is_bullet(block) else block, section, context)
        if entry is not None:
            entries.append(entry)
    return entries


def _news_entry(line: str, section: str, context: DateContext) -> Entry | None:
    m = NEWS_LINE.match(line)
    if not m:
        return None
    text, label = m["text"].strip(), None
    source = NEWS_SOURCE.search(text)
    if source:
        label, text = source["label"].strip(), text[: source.start()].strip()
    headline = text if len(text) <= 120 else text[:117].rsplit(" ", 1)[0] + "…"
    return Entry(
        section="corporate_news" if section == "corporate_news" else "policy_news", rank=None, headline=headline,
        text=text, source_label=label, date=parse_month_day(m["date"], context),
    )
