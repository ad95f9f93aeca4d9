"""Companies named in text: registry names and aliases anywhere, plus unknown firms in corporate sentences.

A registry company counts wherever it is named. A capitalised name that is not in the registry counts only in
a sentence about companies and only where it acts like a company: subject of a corporate verb ("Foo Motors
announced"), object of a deal ("buy 140 aircraft from Foo"), item of a list of companies, introduced by a
descriptor ("carmakers Foo and Bar") or carrying a company suffix (Co., Ltd., Group, AG, 有限公司, 集团).
Government bodies, places, months, media cited as sources and generic words are never companies.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from policywatch.extract import company_patterns as cp
from policywatch.extract.bodies import body_spans
from policywatch.registry.bodies import lookup
from policywatch.registry.companies import company_context_index, company_name_index
from policywatch.registry.local_bodies import all_places
from policywatch.registry.sectors import all_sectors
from policywatch.registry.text_profile import blank_spans, profile_of

# A sentence ends at a full stop before white space and a capital, unless the stop closes an abbreviation.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])|(?<=[。！？；;])|\n+")
# Every sentence break starts right after one of these marks or at a line break: the only offsets to try.
_SENTENCE_BREAK_MARK = re.compile(r"[.!?。！？；;\n]")
_LINE_BREAKS = re.compile(r"\n+")
_ABBREVIATION_END = re.compile(r"(?:\b(?:Co|Inc|Ltd|Corp|No|Mr|Ms|Dr|St|Jr|Sr|vs|etc|[A-Z])\.|U\.S\.)$")
_ABBREVIATION_WINDOW = 8  # characters before a break that _ABBREVIATION_END can reach (longest: "Corp.")
_LEGAL_FORM = re.compile(
    r",?\s+(?:Co\.?,?\s+Ltd\.?|Co\.|Ltd\.?|Inc\.?|Corp\.|LLC|GmbH|AG|SE|plc|PLC|N\.V\.|S\.A\.|Limited)$"
)
_CAMEL_OR_ACRONYM = re.compile(r"^(?:[A-Z0-9&]{2,}|[A-Z][a-z]+[A-Z]\w*)$")
_ABBREVIATED_SUFFIX = ("Co.", "Inc.", "Ltd.", "Corp.", "N.V.", "S.A.")


class _Found(NamedTuple):
    start: int
    end: int
    name: str


@functools.cache
def _place_names() -> frozenset[str]:
    return cp.PLACES | {p.name for p in all_places()}


def _mask(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    return blank_spans(text, spans, "\x00")


def _overlaps(start: int, end: int, found: list[_Found]) -> bool:
    return any(start < f.end and f.start < end for f in found)


def _registry_hits(masked: str) -> list[_Found]:
    return [_Found(h.start, h.end, h.value) for h in company_name_index().finditer(masked)]


def _sentence_breaks(text: str) -> Iterator[re.Match[str]]:
    """What `_SENTENCE_BREAK.finditer(text)` finds, trying the pattern only where a break can start.

    Like `finditer`, an empty match is not taken twice at one offset: there, only a line break can match.
    """
    position = 0
    empty_at = -1
    for mark in _SENTENCE_BREAK_MARK.finditer(text):
        start = mark.start() if mark.group() == "\n" else mark.end()
        if start < position:
            continue
        match = _SENTENCE_BREAK.match(text, start)
        if match is not None and match.end() == start == empty_at:
            match = _LINE_BREAKS.match(text, start)
        if match is not None:
            yield match
            position = match.end()
            empty_at = position if match.end() == match.start() else -1


def _ends_with_abbreviation(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` ends with an abbreviation ("Co.", "U.S."), looking at its last characters."""
    return _ABBREVIATION_END.search(text, max(start, end - _ABBREVIATION_WINDOW), end) is not None


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _sentence_breaks(text):
        if "\n" not in match.group() and _ends_with_abbreviation(text, start, match.start()):
            continue
        if text[start : match.start()].strip():
            yield start, match.start()
        start = match.end()
    if text[start:].strip():
        yield start, len(text)


def _trimmed_run(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a capitalised run without leading noise words and trailing possessives or full stops."""
    tokens = [m for m in re.finditer(r"\S+", masked[start:end])]
    while tokens and (tokens[0].group() in cp.LEADING_NOISE or tokens[0].group() in cp.MONTHS_AND_DAYS):
        tokens.pop(0)
    if not tokens:
        return None
    new_start, new_end = start + tokens[0].start(), start + tokens[-1].end()
    last = tokens[-1].group()
    possessive = re.search(r"['’]s?$", last)
    if possessive:
        new_end -= len(possessive.group())
    elif last.endswith(".") and last not in _ABBREVIATED_SUFFIX:
        new_end -= 1
    return (new_start, new_end) if new_end > new_start else None


@functools.cache
def _ordinary_words() -> frozenset[str]:
    sector_acronyms = {acronym for sector in all_sectors() for acronym in sector.acronyms}
    return cp.NOT_COMPANY_WORDS | cp.MONTHS_AND_DAYS | _place_names() | sector_acronyms


def _is_person(tokens: list[str]) -> bool:
    if any(token in cp.PERSON_TITLES for token in tokens):
        return True
    return (
        len(tokens) in (2, 3)
        and tokens[0] in cp.CHINESE_SURNAMES
        and all(t[1:].islower() for t in tokens[1:])
    )


def _is_generic(name: str) -> bool:
    """True for a place, a medium, a body, an event, a person, or nothing but generic words and months."""
    tokens = name.split()
    if name in _place_names() or name in cp.MEDIA or lookup(name) is not None:
        return True
    if tokens[-1] in cp.NON_FIRM_LAST_WORDS or _is_person(tokens):
        return True
    return all(token in _ordinary_words() for token in tokens)


class _Candidate(NamedTuple):
    start: int
    end: int
    name: str
    sentence_start: int


def _candidates(masked: str, sentence: tuple[int, int], taken: list[_Found]) -> Iterator[_Candidate]:
    start, end = sentence
    lead = cp.DATE_PREFIX.match(masked, start)
    first = lead.end() if lead else start
    while first < end and masked[first] in " \t-•*":
        first += 1
    for run in cp.CAPITALISED_RUN.finditer(masked, start, end):
        span = _trimmed_run(masked, *run.span())
        if span is None or _overlaps(*span, taken):
            continue
        name = " ".join(masked[span[0] : span[1]].split())
        if "\x00" not in name and not _is_generic(_LEGAL_FORM.sub("", name)):
            yield _Candidate(span[0], span[1], name, first)


def _acts_as_company(candidate: _Candidate, masked: str, companies: list[_Found]) -> bool:
    """Whether the text around a capitalised name treats it as a company."""
    before = masked[max(0, candidate.start - 40) : candidate.start]
    after = masked[candidate.end : candidate.end + 120]
    if cp.SOURCE_AFTER.match(after):
        return False
    if cp.COMPANY_SUFFIX.search(" " + candidate.name):
        return True
    if cp.PLACE_BEFORE.search(before) and not cp.OBJECT_BEFORE.search(before):
        return False
    if cp.DESCRIPTOR_BEFORE.search(before) or cp.OBJECT_BEFORE.search(before):
        return True
    if _listed_with_company(candidate, masked, companies):
        return True
    return bool(cp.CORPORATE_VERB_AFTER.match(after)) and not _is_sentence_opening_word(candidate)


def _is_sentence_opening_word(candidate: _Candidate) -> bool:
    """A single ordinary capitalised word opening a sentence ("Authorities said") is not taken as a firm."""
    single = " " not in candidate.name and not _CAMEL_OR_ACRONYM.match(candidate.name)
    return single and candidate.start == candidate.sentence_start


def _listed_with_company(candidate: _Candidate, masked: str, companies: list[_Found]) -> bool:
    for company in companies:
        gap_before = masked[company.end : candidate.start]
        gap_after = masked[candidate.end : company.start]
        if company.end <= candidate.start and len(gap_before) < 8 and cp.LIST_JOIN_BEFORE.search(gap_before):
            return True
        if candidate.end <= company.start and len(gap_after) < 8 and cp.LIST_JOIN_AFTER.match(gap_after):
            return True
    return False


def _context_hits(masked: str, sentence: tuple[int, int], taken: list[_Found]) -> Iterator[_Found]:
    for hit in company_context_index().finditer(masked, sentence[1]):
        if hit.start >= sentence[0] and not _overlaps(hit.start, hit.end, taken):
            yield _Found(hit.start, hit.end, hit.value)


def _corporate_word_starts(masked: str) -> list[int] | None:
    """Offsets of the words CORPORATE_SENTENCE can start with, ascending; None when the text cannot tell."""
    profile = profile_of(masked)
    if profile.words is None:
        return None
    words = profile.words & cp.CORPORATE_SENTENCE_WORDS
    return sorted(start for word in words for start in profile.word_starts(word))


def _is_corporate(masked: str, sentence: tuple[int, int], word_starts: list[int] | None) -> bool:
    """Whether the sentence is about companies (CORPORATE_SENTENCE matches in it), trying the pattern only
    where one of its first words stands."""
    start, end = sentence
    if word_starts is None:
        return bool(cp.CORPORATE_SENTENCE.search(masked[start:end]))
    index = bisect.bisect_left(word_starts, start)
    while index < len(word_starts) and word_starts[index] < end:
        if cp.CORPORATE_SENTENCE.match(masked, word_starts[index], end):
            return True
        index += 1
    return False


def _corporate_sentence_companies(masked: str, found: list[_Found]) -> list[_Found]:
    """Context aliases and unknown firms, sentence by sentence, in sentences about companies."""
    added: list[_Found] = []
    word_starts = _corporate_word_starts(masked)
    for sentence in _sentences(masked):
        in_sentence = [f for f in found if sentence[0] <= f.start < sentence[1]]
        if not in_sentence and not _is_corporate(masked, sentence, word_starts):
            continue
        added += _context_hits(masked, sentence, found + added)
        candidates = list(_candidates(masked, sentence, found + added))
        for _ in range(2):  # a second pass lets list items lean on companies the first pass accepted
            accepted = len(added)
            for candidate in candidates:
                known = found + added
                if not _overlaps(candidate.start, candidate.end, known) and _acts_as_company(
                    candidate, masked, known
                ):
                    added.append(_Found(candidate.start, candidate.end, _LEGAL_FORM.sub("", candidate.name)))
            if len(added) == accepted:  # nothing new to lean on: a second pass would decide the same
                break
    return added


def _chinese_companies(masked: str, taken: list[_Found]) -> Iterator[_Found]:
    if not any(word in masked for word in cp.ZH_COMPANY_WORDS):
        return
    for match in cp.ZH_COMPANY.finditer(masked):
        name = cp.ZH_COMPANY_LEFT_CUT.sub("", match.group())
        start = match.end() - len(name)
        if len(name) > 3 and not cp.ZH_NOT_COMPANY.match(name) and not _overlaps(start, match.end(), taken):
            yield _Found(start, match.end(), name)


def extract_companies(text: str) -> tuple[str, ...]:
    """Companies named in `text`: normalised registry names and unknown firms as written, deduplicated, in
    order of first mention."""
    masked = _mask(text, body_spans(text))
    found = _registry_hits(masked)
    found += _corporate_sentence_companies(masked, found)
    found += _chinese_companies(masked, found)
    return tuple(dict.fromkeys(f.name for f in sorted(found, key=lambda f: f.start)))
