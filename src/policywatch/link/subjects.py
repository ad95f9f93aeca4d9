"""What the linker compares: a brief entry (`EntrySide`) and a Chinese government document (`PolicySide`),
reduced to titles, 发文字号, bodies, dates and the text an embedding is made of. Built from records, pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from policywatch.link import thresholds as t
from policywatch.link.titles import content_bigrams, core_title, doc_numbers_in, english_words, title_forms
from policywatch.records import DocumentRef, Entry, Policy
from policywatch.store.textfold import doc_number_key


@dataclass(frozen=True)
class EntrySide:
    """A brief entry as the linker sees it. `documents` are the documents it names (the main one first);
    `date` is the document's or the entry's date; `not_after` the brief's publication date (the document
    cannot be younger than the brief that reports it)."""

    entry_id: int
    record_id: int
    documents: tuple[DocumentRef, ...]
    numbers_in_titles: tuple[str, ...]  # 发文字号 keys written in the documents' titles or URLs
    numbers_in_text: tuple[str, ...]  # 发文字号 keys written anywhere else in the entry
    bodies: tuple[str, ...]
    date: str | None
    not_after: str | None
    embed_title: str | None  # the English title of the document it names, if any
    embed_text: str  # headline and summary (a news line: its text)


@dataclass(frozen=True)
class PolicySide:
    """A stored policy as the linker sees it."""

    record_id: int
    title_zh: str | None
    title_en: str | None
    issued: tuple[str, ...]  # titles of the documents it issues (印发)
    doc_number: str | None  # doc_number_key of its own 发文字号
    bodies: tuple[str, ...]
    dates: tuple[str, ...]  # date_written, date_published (those known)
    is_draft: bool
    embed_title: str  # the title naming the document itself (core_title)
    embed_text: str  # the title and the start of the text

    @property
    def label(self) -> str:
        return self.title_zh or self.title_en or f"policy #{self.record_id}"


def _named_documents(entry: Entry) -> tuple[DocumentRef, ...]:
    named = (entry.document, *entry.documents) if entry.document else entry.documents
    return tuple(dict.fromkeys(named))


def _entry_text(entry: Entry) -> str:
    return "\n".join((entry.headline, entry.summary, *entry.key_points, *entry.comment, entry.text))


def entry_embed_text(entry: Entry) -> str:
    """What an entry's text vector is made of: its headline (a news line: its text) and summary."""
    return f"{entry.headline or entry.text}\n{entry.summary}"[: t.EMBED_TEXT_CHARS].strip()


def entry_side(entry_id: int, record_id: int, entry: Entry, published: str | None) -> EntrySide:
    """The linker's view of entry `entry_id` of brief `record_id` (published on `published`)."""
    documents = _named_documents(entry)
    in_titles = tuple(dict.fromkeys(
        key for d in documents for field in (d.title_zh, d.title_en, d.url) if field for key in doc_numbers_in(field)
    ))
    in_text = tuple(key for key in doc_numbers_in(_entry_text(entry)) if key not in in_titles)
    bodies = tuple(dict.fromkeys((*entry.bodies, *(b for d in documents for b in d.bodies))))
    dated = next((d.date for d in documents if d.date), None) or entry.date
    english = next((d.title_en for d in documents if d.title_en), None)
    return EntrySide(entry_id, record_id, documents, in_titles, in_text, bodies, dated, published, english,
                     entry_embed_text(entry))


def policy_embed_text(policy: Policy) -> str:
    """What a policy's vector is made of: its title and the start of its text (the title line skipped)."""
    title = policy.title_zh or policy.title_en or ""
    body = policy.text.replace(title, "", 1) if title else policy.text
    return f"{title}\n{' '.join(body.split())}"[: t.EMBED_TEXT_CHARS].strip()


def policy_side(record_id: int, policy: Policy) -> PolicySide:
    """The linker's view of stored policy `record_id`."""
    issued = tuple(r.title for r in policy.relations if r.kind == "issues" and r.title)
    number = doc_number_key(policy.doc_number) if policy.doc_number and not policy.doc_number_flag else None
    dates = tuple(d for d in (policy.date_written, policy.date_published) if d)
    title = core_title(policy.title_zh, issued) if policy.title_zh else (policy.title_en or "")
    return PolicySide(record_id, policy.title_zh, policy.title_en, issued, number or None, policy.bodies, dates,
                      policy.is_draft, title, policy_embed_text(policy))


# ---- lookup keys: a cheap pre-filter for candidates (stored in link_keys) -------------------------------------


@dataclass(frozen=True)
class Lookup:
    """What a side is looked up by: exact keys (title forms, 发文字号 tails) and, per title form or English
    title, a set of bigrams or words another side must share a good part of."""

    exact: frozenset[tuple[str, str]]  # ("title", key) | ("number", tail)
    gram_sets: tuple[frozenset[str], ...]
    word_sets: tuple[frozenset[str], ...]

    def rows(self) -> set[tuple[str, str]]:
        """The (kind, key) rows stored in link_keys for this side."""
        rows = set(self.exact)
        rows.update(("gram", gram) for grams in self.gram_sets for gram in grams)
        rows.update(("word", word) for words in self.word_sets for word in words)
        return rows


def number_tail(key: str) -> str:
    """The 〔year〕serial号 end of a 发文字号 key: what a number found in running text is looked up by."""
    start = key.rfind("〔")
    return key[start:] if start >= 0 else key


def _lookup(titles: list[str], issued: tuple[str, ...], numbers: tuple[str, ...],
            english: list[str]) -> Lookup:
    forms = [form for title in titles for form in title_forms(title, issued)]
    exact = {("title", form.key) for form in forms} | {("number", number_tail(n)) for n in numbers}
    word_sets = tuple(words for title in english if (words := english_words(title)))
    gram_sets = tuple(grams for form in forms if (grams := content_bigrams(form.key)))
    return Lookup(frozenset(exact), gram_sets, word_sets)


def entry_lookup(side: EntrySide) -> Lookup:
    """How policies find this entry and it finds them: the Chinese titles it quotes (in all their forms),
    the 发文字号 it writes, the English titles."""
    return _lookup([d.title_zh for d in side.documents if d.title_zh], (),
                   (*side.numbers_in_titles, *side.numbers_in_text),
                   [d.title_en for d in side.documents if d.title_en])


def policy_lookup(side: PolicySide) -> Lookup:
    """How entries find this policy and it finds them (the same kinds of keys as `entry_lookup`)."""
    return _lookup([side.title_zh] if side.title_zh else [], side.issued,
                   (side.doc_number,) if side.doc_number else (), [side.title_en] if side.title_en else [])


# ---- dates --------------------------------------------------------------------------------------------------


def date_range(iso: str) -> tuple[date, date] | None:
    """A full or partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD) as the first and last day it covers."""
    try:
        parts = [int(p) for p in iso[:10].split("-")]
        if len(parts) == 3:
            day = date(*parts)
            return day, day
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except (ValueError, TypeError):
        return None


def day_span(dates: Iterable[str | None]) -> tuple[str, str] | None:
    """The first and last ISO day the readable (possibly partial) dates cover; None when none is readable."""
    ranges = [r for d in dates if d and (r := date_range(d))]
    if not ranges:
        return None
    return str(min(r[0] for r in ranges)), str(max(r[1] for r in ranges))


def entry_days(side: EntrySide) -> tuple[str, str] | None:
    """The days an entry's dates cover: its documents', its own and its brief's."""
    return day_span((side.date, *(d.date for d in side.documents), side.not_after))


def policy_days(side: PolicySide) -> tuple[str, str] | None:
    return day_span(side.dates)


def candidate_window(days: tuple[str, str] | None) -> tuple[str, str] | None:
    """The days within which title-key candidates are looked up around `days` (None: not bounded)."""
    if days is None:
        return None
    slack = timedelta(days=t.CANDIDATE_WINDOW_DAYS)
    return str(date.fromisoformat(days[0]) - slack), str(date.fromisoformat(days[1]) + slack)


def semantic_window(side: EntrySide) -> tuple[str, str] | None:
    """ISO days between which a policy must have a date to be a text-similarity candidate of the entry
    (`scoring.semantic_candidate` rejects any other dated policy); None when nothing bounds it."""
    covered = date_range(side.date) if side.date else None
    if covered is not None:
        slack = timedelta(days=t.SEMANTIC_DATE_WINDOW_DAYS)
        return str(covered[0] - slack), str(covered[1] + slack)
    brief = date_range(side.not_after) if side.not_after else None
    if brief is None:
        return None
    return str(brief[0] - timedelta(days=t.UNDATED_LOOKBACK_DAYS)), str(brief[1] + timedelta(days=7))


def days_apart(a: str, b: str) -> int | None:
    """Days between two (possibly partial) dates: 0 when their periods overlap, None if either is unreadable."""
    a_range, b_range = date_range(a), date_range(b)
    if a_range is None or b_range is None:
        return None
    if a_range[1] < b_range[0]:
        return (b_range[0] - a_range[1]).days
    if b_range[1] < a_range[0]:
        return (a_range[0] - b_range[1]).days
    return 0


def nearest_days(entry_date: str | None, policy_dates: tuple[str, ...]) -> int | None:
    """Days from the entry's date to the closer of the policy's dates (None when either is unknown)."""
    gaps = [g for d in policy_dates if entry_date and (g := days_apart(entry_date, d)) is not None]
    return min(gaps) if gaps else None


def after_brief(side: EntrySide, policy: PolicySide) -> bool:
    """True when every date of the policy falls after the brief reporting it was published (plus a week of
    slack for time zones and late uploads): the brief cannot be about it."""
    if not side.not_after or not policy.dates:
        return False
    brief = date_range(side.not_after)
    ranges = [r for d in policy.dates if (r := date_range(d))]
    if brief is None or not ranges:
        return False
    return all(r[0] > brief[1] + timedelta(days=7) for r in ranges)
