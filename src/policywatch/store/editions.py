"""Editions of one record: deciding that two parsed records are the same issue or document, and merging them.

A brief often arrives twice — as a PDF and as a web page, or as the same page saved from two URLs. Both
parse into a `Brief`; the store keeps ONE brief that lists both sources. Everything here is pure: the store
hands in the editions it holds and writes back what `merge_editions` returns.

Merging prefers, for front matter, the edition whose format comes first in FORMAT_PREFERENCE (a web page's
"A + B + C" topic line beats a PDF's first line), and for each entry field the fuller version.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from policywatch.records import Article, Brief, DocumentRef, Entry, Policy, Record, Relation, Target
from policywatch.store.patterns import FORMAT_PREFERENCE
from policywatch.store.textfold import doc_number_key, headline_key, title_key

T = TypeVar("T")


# ---- keys ---------------------------------------------------------------------------------------------


def entry_key(entry: Entry) -> str:
    """What identifies an entry across editions: its normalised headline (else a news line's text)."""
    return headline_key(entry.headline or entry.text)


def _top_keys(brief: Brief) -> list[str]:
    return [k for k in (entry_key(e) for e in brief.entries if e.section == "top") if k]


def _issue_keys(brief: Brief) -> set[str]:
    """Top-entry headlines and contents lines: an entry headline in one edition may be only a contents line
    in a truncated other."""
    return set(_top_keys(brief)) | {k for k in map(headline_key, brief.contents) if k}


def match_keys(record: Record) -> tuple[tuple[str, str], ...]:
    """Index keys under which a possible other edition of `record` is looked up (a cheap pre-filter; the
    `same_*` predicates decide)."""
    if isinstance(record, Brief):
        series = headline_key(record.series)
        return tuple(("brief", f"{series}\x1f{key}") for key in sorted(_issue_keys(record)))
    if isinstance(record, Article):
        title = title_key(record.title or "")
        return (("article", f"{record.kind}\x1f{title}"),) if title else ()
    keys: list[tuple[str, str]] = []
    if record.doc_number and doc_number_key(record.doc_number):
        keys.append(("policy-doc", doc_number_key(record.doc_number)))
    if record.title_zh and title_key(record.title_zh):
        keys.append(("policy-title", title_key(record.title_zh)))
    return tuple(keys)


# ---- same record? -------------------------------------------------------------------------------------


def _dates_agree(a: str | None, b: str | None) -> bool:
    """Unknown never conflicts; a month agrees with any day inside it."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _first_key(brief: Brief) -> str | None:
    tops = _top_keys(brief)
    if tops:
        return tops[0]
    contents = [k for k in map(headline_key, brief.contents) if k]
    return contents[0] if contents else None


def _titles_agree(a: Brief, b: Brief) -> bool:
    return a.title is not None and b.title is not None and headline_key(a.title) == headline_key(b.title)


def same_issue(a: Brief, b: Brief) -> bool:
    """True when two briefs are editions of one issue: same series, no date conflict, and their top
    headlines overlap by two, or by one when a side has a single top entry and the titles or first
    headlines agree."""
    if headline_key(a.series) != headline_key(b.series) or not _dates_agree(a.published, b.published):
        return False
    overlap = len(_issue_keys(a) & _issue_keys(b))
    if overlap >= 2:
        return True
    single = len(_top_keys(a)) == 1 or len(_top_keys(b)) == 1
    first = _first_key(a)
    return overlap == 1 and single and (_titles_agree(a, b) or (first is not None and first == _first_key(b)))


def same_article(a: Article, b: Article) -> bool:
    """Two copies of one page: same kind, same normalised title, no series or date conflict."""
    title = title_key(a.title or "")
    return (
        bool(title)
        and a.kind == b.kind
        and title == title_key(b.title or "")
        and (a.series is None or b.series is None or a.series == b.series)
        and _dates_agree(a.published, b.published)
    )


def same_policy(a: Policy, b: Policy) -> bool:
    """One document: the same 发文字号, or (when either lacks one) the same Chinese title, traditional and
    simplified folded; a draft and its final version stay apart."""
    if a.is_draft != b.is_draft:
        return False
    a_number = doc_number_key(a.doc_number or "")
    b_number = doc_number_key(b.doc_number or "")
    if a_number and b_number:
        return a_number == b_number
    a_title = title_key(a.title_zh or "")
    return bool(a_title) and a_title == title_key(b.title_zh or "")


def could_be_edition(record: Record, published: str | None, doc_number: str | None) -> bool:
    """False when a stored record of the same type, whose records row says `published` and `doc_number`,
    cannot be another edition of `record` (dates in conflict, or two different 发文字号): a check made before
    decoding the stored record for `same_record`."""
    if isinstance(record, Policy):
        own, other = doc_number_key(record.doc_number or ""), doc_number_key(doc_number or "")
        return not (own and other) or own == other
    return _dates_agree(record.published, published)


def same_record(a: Record, b: Record) -> bool:
    """Whether `a` and `b` are editions of one record (never across record types)."""
    if isinstance(a, Brief) and isinstance(b, Brief):
        return same_issue(a, b)
    if isinstance(a, Article) and isinstance(b, Article):
        return same_article(a, b)
    if isinstance(a, Policy) and isinstance(b, Policy):
        return same_policy(a, b)
    return False


# ---- merging helpers ----------------------------------------------------------------------------------


def _format_rank(record: Record) -> int:
    fmt = record.source.format
    return FORMAT_PREFERENCE.index(fmt) if fmt in FORMAT_PREFERENCE else len(FORMAT_PREFERENCE)


def _first(values: Iterable[T | None]) -> T | None:
    return next((v for v in values if v is not None), None)


def _union(lists: Iterable[Sequence[T]], key: Callable[[T], Hashable] = lambda x: x) -> tuple[T, ...]:
    """Items of the first list as they are, then items of the others not already present, in order."""
    result: list[T] = []
    seen: set[Hashable] = set()
    for index, items in enumerate(lists):
        fresh = [item for item in items if index == 0 or key(item) not in seen]
        result.extend(fresh)
        seen.update(key(item) for item in items)
    return tuple(result)


def _target_key(target: Target) -> Hashable:
    return (headline_key(target.text), target.metric, target.value, target.unit, target.year,
            target.comparator)


def _document_key(document: DocumentRef) -> Hashable:
    return title_key(document.title_zh or document.title_en or document.url or "")


def _relation_key(relation: Relation) -> Hashable:
    return (relation.kind, title_key(relation.title or ""), doc_number_key(relation.doc_number or ""))


def _longer(preferred: str, other: str) -> str:
    return preferred if len(preferred.strip()) >= len(other.strip()) else other


def _fuller(preferred: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
    """More items wins; with as many items, more text wins."""
    size = (len(preferred), sum(map(len, preferred)))
    return preferred if size >= (len(other), sum(map(len, other))) else other


def _merge_document(preferred: DocumentRef | None, other: DocumentRef | None) -> DocumentRef | None:
    if preferred is None or other is None:
        return preferred or other
    return DocumentRef(
        title_en=preferred.title_en or other.title_en,
        title_zh=preferred.title_zh or other.title_zh,
        bodies=_union((preferred.bodies, other.bodies)),
        date=preferred.date or other.date,
        url=preferred.url or other.url,
    )


def merge_entry(preferred: Entry, other: Entry) -> Entry:
    """One entry from two editions: section and headline from `preferred`, every other field the fuller."""
    return replace(
        preferred,
        rank=_first((preferred.rank, other.rank)),
        headline=preferred.headline or other.headline,
        summary=_longer(preferred.summary, other.summary),
        key_points=_fuller(preferred.key_points, other.key_points),
        comment=_fuller(preferred.comment, other.comment),
        text=_longer(preferred.text, other.text),
        source_label=_first((preferred.source_label, other.source_label)),
        date=_first((preferred.date, other.date)),
        document=_merge_document(preferred.document, other.document),
        documents=_union((preferred.documents, other.documents), key=_document_key),
        bodies=_union((preferred.bodies, other.bodies)),
        unknown_bodies=_union((preferred.unknown_bodies, other.unknown_bodies)),
        companies=_union((preferred.companies, other.companies)),
        sectors=_union((preferred.sectors, other.sectors)),
        targets=_union((preferred.targets, other.targets), key=_target_key),
    )


def _merge_entry_lists(lists: Sequence[tuple[Entry, ...]]) -> tuple[Entry, ...]:
    """Entries matched by headline; the longest list gives the order, and an entry only another edition has
    goes right after the entry it follows there. `lists` come most preferred first."""
    base_index = max(range(len(lists)), key=lambda i: (len(lists[i]), -i))
    # each slot: (index of the edition whose version leads, entry); keys kept in step with the slots
    slots: list[tuple[int, Entry]] = [(base_index, e) for e in lists[base_index]]
    keys = [entry_key(e) for e in lists[base_index]]
    for index, entries in enumerate(lists):
        if index == base_index:
            continue
        position = -1
        for entry in entries:
            key = entry_key(entry)
            if key in keys:
                position = keys.index(key)
                leader, held = slots[position]
                if leader < index:
                    slots[position] = (leader, merge_entry(held, entry))
                else:
                    slots[position] = (index, merge_entry(entry, held))
            else:
                position += 1
                slots.insert(position, (index, entry))
                keys.insert(position, key)
    return tuple(entry for _, entry in slots)


# ---- merging records ----------------------------------------------------------------------------------


def merge_briefs(editions: Sequence[Brief]) -> Brief:
    """One brief from its editions: title and front matter from the preferred edition that has them,
    entries merged by headline, contents united, truncated only if every edition is."""
    ordered = sorted(editions, key=_format_rank)
    return replace(
        ordered[0],
        title=_first(e.title for e in ordered),
        published=_first(e.published for e in ordered),
        period=_first(e.period for e in ordered),
        people=next((e.people for e in ordered if e.people), ()),
        contents=_union((e.contents for e in ordered), key=headline_key),
        entries=_merge_entry_lists([e.entries for e in ordered]),
        truncated=all(e.truncated for e in ordered),
        targets=_union((e.targets for e in ordered), key=_target_key),
    )


def merge_articles(editions: Sequence[Article]) -> Article:
    """One article from duplicate pages: the preferred edition, gaps filled, the longest text."""
    ordered = sorted(editions, key=_format_rank)
    return replace(
        ordered[0],
        title=_first(e.title for e in ordered),
        series=_first(e.series for e in ordered),
        published=_first(e.published for e in ordered),
        text=max((e.text for e in ordered), key=lambda t: len(t.strip())),
        bodies=_union(e.bodies for e in ordered),
        unknown_bodies=_union(e.unknown_bodies for e in ordered),
        companies=_union(e.companies for e in ordered),
        sectors=_union(e.sectors for e in ordered),
        targets=_union((e.targets for e in ordered), key=_target_key),
    )


def merge_policies(editions: Sequence[Policy]) -> Policy:
    """One policy from several copies (a ministry site and gov.cn, a PDF and its web page)."""
    ordered = sorted(editions, key=_format_rank)
    numbered = next((e for e in ordered if e.doc_number), ordered[0])
    return replace(
        ordered[0],
        title_zh=_first(e.title_zh for e in ordered),
        title_en=_first(e.title_en for e in ordered),
        doc_number=numbered.doc_number,
        doc_number_flag=numbered.doc_number_flag,
        bodies=_union(e.bodies for e in ordered),
        unknown_bodies=_union(e.unknown_bodies for e in ordered),
        unnamed_bodies=max(e.unnamed_bodies for e in ordered),
        date_written=_first(e.date_written for e in ordered),
        date_published=_first(e.date_published for e in ordered),
        doc_form=_first(e.doc_form for e in ordered),
        topic=_first(e.topic for e in ordered),
        relations=_union((e.relations for e in ordered), key=_relation_key),
        companies=_union(e.companies for e in ordered),
        sectors=_union(e.sectors for e in ordered),
        targets=_union((e.targets for e in ordered), key=_target_key),
        text=max((e.text for e in ordered), key=lambda t: len(t.strip())),
    )


def merge_editions(editions: Sequence[Record]) -> Record:
    """The one record that `editions` (all of one type, at least one) stand for."""
    if not editions:
        raise ValueError("merge_editions needs at least one edition")
    if len(editions) == 1:
        return editions[0]
    first = editions[0]
    if isinstance(first, Brief):
        return merge_briefs([e for e in editions if isinstance(e, Brief)])
    if isinstance(first, Article):
        return merge_articles([e for e in editions if isinstance(e, Article)])
    return merge_policies([e for e in editions if isinstance(e, Policy)])
