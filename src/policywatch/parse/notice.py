"""Chinese government documents → `Policy` records; Chinese news about them → `Article(kind="news")`.

A notice is read as a layout: an optional metadata block (发文机关 / 标题 / 发文字号 / 成文日期 …), a
title, the document's own 发文字号 on a line of its own, an addressee line, the body, a signature block
(issuing bodies one per line, then the date). Each field is found by one function below; `parse_chinese`
composes them and decides policy or news (see `_is_policy`). Page furniture (repost timestamps, breadcrumbs,
table junk) is skipped because every rule looks for a structure, never for "the first date" or "the first
line".
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from policywatch.extract.bodies import BodyMentions, extract_bodies, parse_body_list
from policywatch.extract.dates import parse_date
from policywatch.extract.targets import extract_document_targets
from policywatch.parse.chinese import (
    NoticeLines,
    find_article_date,
    find_headline,
    find_relations,
    has_news_markers,
    is_addressee_line,
    is_junk_line,
    looks_like_chinese_document,
    normalise_doc_number,
    split_lines,
    text_language,
)
from policywatch.parse.notice_patterns import (
    BODY_VERBS,
    CLOSING_LINE,
    DATE_ONLY_LINE,
    DECREE_NUMBER,
    DOC_FORM_AT_END,
    DOC_NUMBER_IN_TEXT,
    DOC_NUMBER_LINE_REST,
    DOC_NUMBER_LOOSE,
    DOCUMENT_OPENING,
    DRAFT_IN_TEXT,
    DRAFT_IN_TITLE,
    DRAFT_WINDOW_CHARS,
    FULL_DATE_TEXT,
    GENERIC_ISSUERS,
    HEADER_LINES,
    ISSUER_BEFORE,
    LIST_MARKER,
    METADATA_KEY,
    METADATA_KEYS,
    NAVIGATION,
    OPENING_WINDOW_LINES,
    ORG_SUFFIX,
    SENTENCE_PUNCTUATION,
    SIGNATURE_LINE_MAX_CHARS,
    TIME_OF_DAY,
    TITLE_MAX_CHARS,
    TITLE_MIN_CHARS,
    TITLE_START_MARKERS,
    TITLE_TAIL,
)
from policywatch.records import Article, Policy, ReadDocument, Target
from policywatch.registry import lookup_doc_number_prefix

__all__ = ["looks_like_chinese_document", "normalise_doc_number", "parse_chinese", "read_layout"]

# Metadata keys that only a document's own record carries; a 发布日期 or 分类 counts only beside one of them,
# because a lone "发布日期" or "分类" on a page is the page's own date or section.
_DOCUMENT_KEYS = frozenset({"issuer", "title", "doc_number", "date_written"})
_BLOCK_ONLY_KEYS = frozenset({"date_published", "topic"})
_BODY_WINDOW_CHARS = 2000


@dataclass(frozen=True)
class MetaValue:
    """One metadata field: the line it is on and its value as parsed and as written."""

    index: int
    view: str
    written: str


@dataclass(frozen=True)
class FoundNumber:
    """The document's own 发文字号 and the line it was found on."""

    index: int
    raw: str
    title_end: int | None = None  # the number shares its line with the title, which ends at this offset


@dataclass(frozen=True)
class FoundTitle:
    """A title: first and last line it spans, text as written and as parsed."""

    first: int
    last: int
    written: str
    view: str


@dataclass(frozen=True)
class Signature:
    """The block that closes a document: issuing bodies (one per line) and the date under them."""

    bodies: BodyMentions
    date: str | None
    index: int  # line of the date


# --- metadata block


def read_metadata(lines: NoticeLines) -> dict[str, MetaValue]:
    """The labelled fields of a metadata block ("发文字号:…", several may share a line), first value wins."""
    found: dict[str, MetaValue] = {}
    for index, line in enumerate(lines.view):
        keys = list(METADATA_KEY.finditer(line))
        for k, m in enumerate(keys):
            end = keys[k + 1].start() if k + 1 < len(keys) else len(line)
            field = METADATA_KEYS[re.sub(r"\s+", "", m["key"])]
            value = _meta_value(lines, index, m.end(), end)
            if value and field not in found:
                found[field] = value
    if not _DOCUMENT_KEYS.intersection(found):
        for key in _BLOCK_ONLY_KEYS:
            found.pop(key, None)
    return found


def _meta_value(lines: NoticeLines, index: int, start: int, end: int) -> MetaValue | None:
    view = lines.view[index][start:end].strip()
    if view:
        return MetaValue(index, view, _written_slice(lines, index, start, end).strip())
    nxt = lines.next_filled(index)  # "发文字号:" with the value on the next line
    if nxt is None or METADATA_KEY.search(lines.view[nxt]):
        return None
    return MetaValue(nxt, lines.view[nxt], lines.written[nxt])


def _written_slice(lines: NoticeLines, index: int, start: int, end: int) -> str:
    """The written form of a span found in the view; the view itself when conversion changed the length."""
    written, view = lines.written[index], lines.view[index]
    return written[start:end] if len(written) == len(view) else view[start:end]




# --- 发文字号


def find_doc_number(lines: NoticeLines, meta: dict[str, MetaValue]) -> FoundNumber | None:
    """The document's own 发文字号: from the metadata block, else the first line that holds only a number
    (or a title and then its number), else a decree number ("2024年第3号"), else something shaped like a
    number but malformed ("国办发〔201682号"), returned as written.

    Numbers inside sentences are citations of other documents and never count.
    """
    if "doc_number" in meta:
        return FoundNumber(meta["doc_number"].index, meta["doc_number"].written)
    for finder in (_standalone_number, _number_after_title, _decree_number, _loose_number):
        for index in range(len(lines)):
            found = finder(lines, index)
            if found:
                return found
    return None


def _standalone_number(lines: NoticeLines, index: int) -> FoundNumber | None:
    """A 发文字号 on a line that holds nothing else but brackets and a date."""
    undated = FULL_DATE_TEXT.sub(" ", lines.view[index])
    m = DOC_NUMBER_IN_TEXT.search(undated)
    if not m or not DOC_NUMBER_LINE_REST.match(undated[: m.start()] + undated[m.end() :]):
        return None
    in_written = DOC_NUMBER_IN_TEXT.search(FULL_DATE_TEXT.sub(" ", lines.written[index]))
    return FoundNumber(index, in_written["number"] if in_written else m["number"])


def _number_after_title(lines: NoticeLines, index: int) -> FoundNumber | None:
    """A title and its number on one line ("<title> 国办发〔2024〕7号", "<title>(…号)"); a line opening
    with a 《quoted》 title is a citation, not a heading."""
    view = lines.view[index]
    hits = list(DOC_NUMBER_IN_TEXT.finditer(view))
    if not hits or not DOC_NUMBER_LINE_REST.match(view[hits[-1].end() :]):
        return None
    m = hits[-1]
    before = view[: m.start()]
    title = before.rstrip(" (（")
    if len(title) == len(before) or title.startswith("《") or not _is_title_line(title):
        return None
    return FoundNumber(index, _written_slice(lines, index, m.start(), m.end()), title_end=len(title))


def _decree_number(lines: NoticeLines, index: int) -> FoundNumber | None:
    """A decree or announcement number alone on its line: 国务院令第708号, 2024年第3号."""
    bare = lines.view[index].strip(" ()（）")
    if bare and DECREE_NUMBER.match(bare):
        start = lines.view[index].index(bare)
        return FoundNumber(index, _written_slice(lines, index, start, start + len(bare)))
    return None


def _loose_number(lines: NoticeLines, index: int) -> FoundNumber | None:
    line = lines.view[index]
    loose = DOC_NUMBER_LOOSE.search(line)
    if loose and len(line) < 40 and DOC_NUMBER_LINE_REST.match(line.replace(loose["number"], "")):
        return FoundNumber(index, _written_slice(lines, index, loose.start(), loose.end()))
    return None


# --- title


def find_title(
    lines: NoticeLines, meta: dict[str, MetaValue], number: FoundNumber | None
) -> FoundTitle | None:
    """The 标题: the metadata field, else the title line(s) right above the 发文字号, else the first title
    line of the header (before the addressees)."""
    if "title" in meta:
        value = meta["title"]
        return FoundTitle(value.index, value.index, _unquote(value.written), _unquote(value.view))
    if number is not None and number.title_end is not None:
        view = lines.view[number.index][: number.title_end]
        written = _written_slice(lines, number.index, 0, number.title_end)
        return FoundTitle(number.index, number.index, _unquote(written), _unquote(view))
    if number is not None:
        above = _previous_filled_skipping_dates(lines, number.index)
        if above is not None and _is_title_line(lines.view[above]):
            return _title_spanning_up(lines, above)
    for index in range(_header_end(lines)):
        if _is_title_line(lines.view[index]):
            return _title_spanning_up(lines, index)
    return None


def _previous_filled_skipping_dates(lines: NoticeLines, index: int) -> int | None:
    above = lines.previous_filled(index)
    while above is not None and DATE_ONLY_LINE.match(lines.view[above]):
        above = lines.previous_filled(above)
    return above


def _header_end(lines: NoticeLines) -> int:
    """Index of the addressee line (the body starts there), else a dozen lines in."""
    for index, line in enumerate(lines.view[:HEADER_LINES * 2]):
        if is_addressee_line(line):
            return index
    return min(len(lines), HEADER_LINES)


def _is_title_part(line: str) -> bool:
    return (
        0 < len(line) <= TITLE_MAX_CHARS
        and not SENTENCE_PUNCTUATION.search(line)
        and ":" not in line
        and "：" not in line
        and not is_junk_line(line)
        and not DATE_ONLY_LINE.match(line)
        and not DOC_NUMBER_IN_TEXT.search(line)
        and not line.startswith("附件")
        and not LIST_MARKER.match(line)
        and not NAVIGATION.search(line)
    )


def _is_title_line(line: str) -> bool:
    """A line that can end a title: title-shaped, ending with a document form (通知, 意见, 方案…), and
    longer than a site's menu label ("通知公告")."""
    return len(line) >= TITLE_MIN_CHARS and _is_title_part(line) and doc_form(line) is not None


def _title_spanning_up(lines: NoticeLines, last: int) -> FoundTitle:
    """The title ending on line `last`, joined with the line(s) above when it was split and the upper part
    holds the title's opening (关于, 印发…)."""
    first, parts = last, [lines.view[last]]
    candidate = last
    while not _has_title_start(parts[0]) and len(parts) < 3:
        above = lines.previous_filled(candidate)
        if above is None or not _is_title_part(lines.view[above]) or _is_title_line(lines.view[above]):
            break
        parts.insert(0, lines.view[above])
        candidate = above
        if _has_title_start(parts[0]) and sum(map(len, parts)) <= TITLE_MAX_CHARS:
            first = above
            break
    spanned = [i for i in range(first, last + 1) if lines.view[i] and not is_junk_line(lines.view[i])]
    written = "".join(lines.written[i] for i in spanned)
    view = "".join(lines.view[i] for i in spanned)
    return FoundTitle(first, last, _unquote(written), _unquote(view))


def _has_title_start(text: str) -> bool:
    return any(marker in text for marker in TITLE_START_MARKERS)


def _unquote(title: str) -> str:
    title = title.strip()
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        return title[1:-1].strip()
    return title


def doc_form(title: str) -> str | None:
    """The document form a title ends with (通知, 实施方案…), ignoring a plan period or a draft tag."""
    core = TITLE_TAIL.sub("", _unquote(title)).rstrip("》")
    core = TITLE_TAIL.sub("", core)
    m = DOC_FORM_AT_END.search(core)
    return m.group(0) if m else None


# --- signature and dates


def find_signature(lines: NoticeLines) -> Signature | None:
    """The first date-only line with issuing bodies directly above it, one per line."""
    for index, line in enumerate(lines.view):
        if not DATE_ONLY_LINE.match(line):
            continue
        names = _signature_names_above(lines, index)
        if names:
            bodies = _merge_mentions([parse_body_list(name) for name in names], names)
            return Signature(bodies, parse_date(line), index)
    return None


def _signature_names_above(lines: NoticeLines, index: int) -> list[str]:
    names: list[str] = []
    above = lines.previous_filled(index)
    while above is not None and _is_signature_line(lines.view[above]) and len(names) < 20:
        names.insert(0, lines.view[above])
        above = lines.previous_filled(above)
    return names


def _is_signature_line(line: str) -> bool:
    if len(line) > SIGNATURE_LINE_MAX_CHARS or SENTENCE_PUNCTUATION.search(line):
        return False
    if re.search("[:：《]", line):
        return False
    if DATE_ONLY_LINE.match(line) or DOC_NUMBER_IN_TEXT.search(line):
        return False
    return bool(ORG_SUFFIX.search(line)) or bool(parse_body_list(line).ids)


def _merge_mentions(mentions: list[BodyMentions], names: list[str]) -> BodyMentions:
    ids: list[str] = []
    unknown: list[str] = []
    for mention, name in zip(mentions, names, strict=True):
        ids.extend(i for i in mention.ids if i not in ids)
        if not mention.ids and name not in unknown:
            unknown.append(name)
    return BodyMentions(ids=tuple(ids), unknown=tuple(unknown), unnamed=sum(m.unnamed for m in mentions))


def find_date_written(
    lines: NoticeLines,
    meta: dict[str, MetaValue],
    signature: Signature | None,
    anchor: int | None,
) -> str | None:
    """成文日期: the metadata field, the date under the signature, a date printed with the title or number
    (`anchor` is the lower of their lines), or a date-only line right after 特此通知 / 附件."""
    if "date_written" in meta:
        return parse_date(meta["date_written"].view)
    if signature and signature.date:
        return signature.date
    if anchor is not None:
        header = _header_date(lines, anchor)
        if header:
            return header
    return _closing_date(lines)


def _header_date(lines: NoticeLines, anchor: int) -> str | None:
    """A date on the 发文字号 line ("2000年12月28日 税委会[2000]17号") or on a date-only line just below."""
    if FULL_DATE_TEXT.search(lines.view[anchor]) and not TIME_OF_DAY.search(lines.view[anchor]):
        return parse_date(lines.view[anchor])
    below = lines.next_filled(anchor)
    if below is not None and DATE_ONLY_LINE.match(lines.view[below]):
        return parse_date(lines.view[below])
    return None


def _closing_date(lines: NoticeLines) -> str | None:
    for index, line in enumerate(lines.view):
        if DATE_ONLY_LINE.match(line):
            above = lines.previous_filled(index)
            if above is not None and CLOSING_LINE.match(lines.view[above]):
                return parse_date(line)
    return None


def find_date_published(meta: dict[str, MetaValue]) -> str | None:
    """发布日期 from a document's metadata block only; a value carrying a time of day is a page timestamp."""
    value = meta.get("date_published")
    if value is None or TIME_OF_DAY.search(value.view):
        return None
    return parse_date(value.view)


# --- bodies


def find_issuers(
    meta: dict[str, MetaValue], signature: Signature | None, title: FoundTitle | None, number: str | None
) -> BodyMentions:
    """Issuing bodies in order: the signature block (complete for joint documents), the title's issuer
    prefix ("工业和信息化部等四部门关于…"), the 发文机关 field; failing all three, the body behind the
    发文字号's prefix (皖经信 → Anhui DEIT), which names the lead issuer only. Addressees are never read.

    Unregistered names are taken from the first source that has any, so one body is not listed three
    times in three spellings."""
    prefix = ISSUER_BEFORE.match(title.view) if title else None
    title_bodies = parse_body_list(prefix["issuer"]) if prefix else BodyMentions(ids=(), unknown=())
    issuer = meta.get("issuer")
    sources = [
        signature.bodies if signature else None,
        title_bodies,
        parse_body_list(issuer.view) if issuer and issuer.view not in GENERIC_ISSUERS else None,
    ]
    ids = list(dict.fromkeys(i for source in sources if source for i in source.ids))
    unknown = next((source.unknown for source in sources if source and source.unknown), ())
    if not ids and not unknown and number:
        by_prefix = lookup_doc_number_prefix(number.split("〔")[0])
        ids = [by_prefix.id] if by_prefix else []
    unnamed = max(0, title_bodies.unnamed - (len(ids) - len(title_bodies.ids)))
    return BodyMentions(ids=tuple(ids), unknown=tuple(unknown), unnamed=unnamed)


# --- composition


@dataclass(frozen=True)
class Layout:
    """Everything found in a document's layout, before deciding policy or news."""

    lines: NoticeLines
    meta: dict[str, MetaValue]
    number: FoundNumber | None
    title: FoundTitle | None
    signature: Signature | None
    addressee: int | None


def read_layout(text: str) -> Layout:
    """Find the metadata, 发文字号, title, signature and addressee line of a Chinese text."""
    lines = split_lines(text)
    meta = read_metadata(lines)
    number = find_doc_number(lines, meta)
    title = find_title(lines, meta, number)
    addressee = next((i for i, line in enumerate(lines.view) if is_addressee_line(line)), None)
    return Layout(lines, meta, number, title, find_signature(lines), addressee)


def _is_policy(layout: Layout) -> bool:
    """A document (or full reprint) has its own number, a metadata block, a signature, or addressees and a
    notice body; anything else, including a report quoting a document, is news."""
    if _DOCUMENT_KEYS.intersection(layout.meta) - {"title"} or layout.number or layout.signature:
        return True
    if layout.title is not None and _opens_like_document(layout.lines, layout.title):
        return True
    if layout.addressee is None:
        return False
    body = layout.lines.view_text(start=layout.addressee)[:_BODY_WINDOW_CHARS]
    return bool(BODY_VERBS.search(body)) and not has_news_markers(layout.lines.view_text(layout.addressee))


def _opens_like_document(lines: NoticeLines, title: FoundTitle) -> bool:
    """A title followed by its date in brackets or by a document's opening ("现提出如下意见", "第一条")."""
    window = lines.view_text(title.last + 1 + OPENING_WINDOW_LINES, start=title.last + 1)
    if has_news_markers(window):
        return False
    below = lines.next_filled(title.last)
    dated = below is not None and DATE_ONLY_LINE.match(lines.view[below]) is not None
    return dated or any(DOCUMENT_OPENING.search(line) for line in window.split("\n"))


def parse_chinese(doc: ReadDocument) -> Policy | Article:
    """A Chinese government document (or a full reprint of one) as a `Policy`; a news report, abstract or
    announcement about one as an `Article(kind="news")`."""
    layout = read_layout(doc.text)
    if _is_policy(layout):
        return _policy(doc, layout)
    return _article(doc, layout)


def _policy(doc: ReadDocument, layout: Layout) -> Policy:
    lines, title, meta = layout.lines, layout.title, layout.meta
    number, flag = normalise_doc_number(layout.number.raw) if layout.number else (None, None)
    issuers = find_issuers(meta, layout.signature, title, number if flag is None else None)
    draft = _is_draft_policy(lines, title, layout.addressee)
    written, view = lines.content()
    title_view = title.view if title else None
    return Policy(
        title_zh=title.written if title else None,
        source=doc.source,
        doc_number=number,
        doc_number_flag=flag,
        bodies=issuers.ids,
        unknown_bodies=issuers.unknown,
        unnamed_bodies=issuers.unnamed,
        date_written=find_date_written(lines, meta, layout.signature, _header_anchor(layout)),
        date_published=find_date_published(meta),
        doc_form=doc_form(title_view) if title_view else None,
        is_draft=draft,
        topic=meta["topic"].written if "topic" in meta else None,
        relations=find_relations(lines, title_view, number),
        targets=_targets(written, view, title_view, draft),
        text=written,
        language=text_language(written),
    )


def _targets(written: str, view: str, title: str | None, draft: bool) -> tuple[Target, ...]:
    found = extract_document_targets(view, title=title, draft=draft)
    return targets_as_written(found, written, view)


def targets_as_written(targets: tuple[Target, ...], written: str, view: str) -> tuple[Target, ...]:
    """Targets found in the simplified copy, their sentences put back as written (traditional characters);
    spans already agree because both texts have the same length."""
    if written == view or len(written) != len(view):
        return targets
    out = []
    for target in targets:
        start = view.find(target.text)
        sentence = written[start : start + len(target.text)] if start >= 0 else target.text
        out.append(dataclasses.replace(target, text=sentence))
    return tuple(out)


def _header_anchor(layout: Layout) -> int | None:
    """The lowest line of the title and the 发文字号: a date printed with them sits there or just below."""
    found = [x.last for x in (layout.title,) if x] + [x.index for x in (layout.number,) if x]
    return max(found, default=None)


def _is_draft_policy(lines: NoticeLines, title: FoundTitle | None, addressee: int | None) -> bool:
    """A draft names itself in its title or its header (征求意见稿), not somewhere in its body."""
    if title and DRAFT_IN_TITLE.search(title.view):
        return True
    header_end = addressee if addressee is not None else (title.last + 2 if title else HEADER_LINES)
    return bool(DRAFT_IN_TEXT.search(lines.view_text(header_end)))


def _article(doc: ReadDocument, layout: Layout) -> Article:
    lines = layout.lines
    headline, date_line = find_headline(lines)
    written, view = lines.content()
    mentions = extract_bodies(view)
    draft = bool(DRAFT_IN_TEXT.search(view[:DRAFT_WINDOW_CHARS]))
    return Article(
        title=headline,
        source=doc.source,
        kind="news",
        published=find_article_date(lines, date_line),
        bodies=mentions.ids,
        unknown_bodies=mentions.unknown,
        targets=_targets(written, view, headline, draft),
        text=written,
        language=text_language(written),
    )
