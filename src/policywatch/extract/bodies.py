"""Issuing bodies named in text: registry ids, names that look like bodies but are unknown, and counts of
bodies a text mentions without naming ("MIIT and six other agencies", "工业和信息化部等四部门").

Two entry points: `parse_body_list` for an issuer line ("Issuing bodies: MIIT, MOE, MCT, NRTA and GASC") and
`extract_bodies` for running text in English, Chinese (simplified or traditional) or both.
"""

from __future__ import annotations

import functools
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from policywatch.extract import body_patterns as bp
from policywatch.registry.bodies import (
    acronym_index,
    chinese_name_index,
    english_name_index,
    lookup,
    match_doc_number_prefix,
    to_simplified,
)
from policywatch.registry.local_bodies import find_local_bodies, find_unplaced_local_bodies, place_of
from policywatch.registry.text_profile import blank_spans, profile_of, share_prefix_profile

_CJK = re.compile(r"[\u4e00-\u9fff]")
_HAS_LETTER = re.compile(r"[A-Za-z\u4e00-\u9fff]")
_NOT_ASCII_LETTER = re.compile(r"[^A-Za-z]+")
_NOT_ASCII_CAPITAL = re.compile(r"[^A-Z]+")
_RECENT_SCANS_KEPT = 8  # texts whose scans are kept for reuse by a shorter text that starts the same way


@dataclass(frozen=True)
class BodyMentions:
    """The bodies a text names: registry ids, unknown body-like names, and bodies counted but not named."""

    ids: tuple[str, ...]  # registry ids, deduplicated, in order of first mention
    unknown: tuple[str, ...]  # names that look like a government body but are not in the registry, as written
    unnamed: int = 0  # "MIIT and six other agencies" → 6; "工业和信息化部等四部门" → 3


class _Hit(NamedTuple):
    start: int
    end: int
    body_id: str
    text: str
    source: str  # name | acronym | local | doc_number


class _Prepared(NamedTuple):
    """The text as searched: simplified characters, addressee lines blanked; same length as the original."""

    original: str
    text: str


# --- preparing the text ------------------------------------------------------------------------------------


def _addressee_spans(text: str) -> list[tuple[int, int]]:
    """Lines that address a notice ("各省、自治区…：", "海关总署:"): their bodies receive it, not issue it."""
    if not profile_of(text).has_cjk:  # both patterns need a Chinese name
        return []
    spans = [m.span() for m in bp.ADDRESSEE_LINE.finditer(text)]
    for match in bp.LINE_ENDING_IN_COLON.finditer(text):
        name = match.group("body").strip()
        if _CJK.search(name) and _is_only_bodies(name):
            spans.append(match.span())
    return spans


def _is_only_bodies(name: str) -> bool:
    pieces = [p for p in re.split(r"[、，,\s]+", name) if p]
    return bool(pieces) and all(chinese_name_index().get(p) or lookup(p) for p in pieces)


def _prepare(text: str) -> _Prepared:
    simplified = to_simplified(text)
    if len(simplified) != len(text):  # a phrase conversion changed the length: keep offsets of the original
        simplified = "".join(to_simplified(char) for char in text)
    return _Prepared(text, blank_spans(simplified, _addressee_spans(simplified)))


# --- finding known bodies ----------------------------------------------------------------------------------


def _name_hits(text: str) -> Iterator[_Hit]:
    for index, source in (
        (english_name_index(), "name"),
        (chinese_name_index(), "name"),
        (acronym_index(), "acronym"),
    ):
        for hit in index.finditer(text):
            yield _Hit(hit.start, hit.end, hit.value, hit.text, source)
    for local in find_local_bodies(text):
        yield _Hit(local.start, local.end, local.body_id, local.text, "local")


def _doc_number_prefix(run: str) -> tuple[int, str] | None:
    """Where the issuer prefix starts in the run of Chinese characters before a 发文字号's bracketed year,
    and the body it stands for.

    The run may begin with ordinary words ("印发工信部联节"): the leftmost suffix that resolves wins, and a
    one-character prefix ("财税") counts only at the start of the run, where no ordinary word precedes it.
    """
    for offset in range(len(run)):
        matched = match_doc_number_prefix(run[offset:])
        if matched is not None and (len(matched[0]) > 1 or offset == 0):
            return offset, matched[1].id
    return None


def _doc_number_hits(text: str) -> Iterator[_Hit]:
    if not profile_of(text).has_cjk:
        return
    for match in bp.DOC_NUMBER.finditer(text):
        found = _doc_number_prefix(match.group("prefix"))
        if found is not None:
            start = match.start("prefix") + found[0]
            yield _Hit(start, match.end(), found[1], text[start : match.end()], "doc_number")


def _without_overlaps(hits: Iterable[_Hit]) -> list[_Hit]:
    """Leftmost hit first; at one offset the longest; a hit inside an earlier one is dropped."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


def _line_of(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


def _mostly_capitals(line: str) -> bool:
    letters = len(_NOT_ASCII_LETTER.sub("", line))
    if letters < bp.MOSTLY_CAPITALS_MIN_LETTERS:
        return False
    return len(_NOT_ASCII_CAPITAL.sub("", line)) / letters >= bp.MOSTLY_CAPITALS_SHARE


def _is_plausible(hit: _Hit, text: str) -> bool:
    """False for a hit that names something else: a foreign body, a venue, a local body, a word."""
    before = text[max(0, hit.start - bp.FOREIGN_LOOKBEHIND_CHARS) : hit.start]
    if hit.source in ("name", "acronym") and not _CJK.match(hit.text) and bp.FOREIGN_QUALIFIER.search(before):
        return False
    if bp.VENUE_AFTER.match(text, hit.end):
        return False
    if (
        hit.source == "acronym"
        and hit.text in bp.WORD_ACRONYMS
        and _mostly_capitals(_line_of(text, hit.start))
    ):
        return False
    if _CJK.match(hit.text) and hit.source == "name":
        return _is_plausible_chinese(hit, text)
    return True


def _is_plausible_chinese(hit: _Hit, text: str) -> bool:
    before = text[max(0, hit.start - 2) : hit.start]
    blocked_after = bp.ZH_BLOCKED_AFTER.get(hit.text)
    if blocked_after and before[-1:] and before[-1] in blocked_after:
        return False
    return hit.text.startswith(bp.NATIONAL_NAME_START) or not bp.LOCAL_LEVEL_BEFORE.search(before)


def _adjacent(first: _Hit, second: _Hit, text: str) -> bool:
    return bool(bp.LIST_GAP.match(text[first.end : second.start]))


def _beside_confirmed(i: int, hits: list[_Hit], confirmed: list[bool], text: str) -> bool:
    before = i > 0 and confirmed[i - 1] and _adjacent(hits[i - 1], hits[i], text)
    after = i + 1 < len(hits) and confirmed[i + 1] and _adjacent(hits[i], hits[i + 1], text)
    return before or after


def _confirm_context_acronyms(hits: list[_Hit], text: str) -> list[_Hit]:
    """Ambiguous acronyms ("CAS", "GAC") stay only when the body is named plainly elsewhere or they stand in a
    list beside a confirmed body."""
    confirmed = [h.source != "acronym" or h.text not in bp.CONTEXT_ACRONYMS for h in hits]
    plain_ids = {h.body_id for h, ok in zip(hits, confirmed, strict=True) if ok}
    changed = True
    while changed:
        changed = False
        for i, hit in enumerate(hits):
            if not confirmed[i] and (hit.body_id in plain_ids or _beside_confirmed(i, hits, confirmed, text)):
                confirmed[i] = changed = True
    return [h for h, ok in zip(hits, confirmed, strict=True) if ok]


def _unplaced_local_hits(text: str, hits: list[_Hit]) -> Iterator[_Hit]:
    """Bodies named by level only ("经省政府同意") in a notice whose provincial bodies all belong to one
    province: that province's."""
    places = {place_of(h.body_id) for h in hits if h.source in ("local", "doc_number")} - {None}
    if len(places) != 1:
        return
    for local in find_unplaced_local_bodies(text, places.pop() or ""):
        yield _Hit(local.start, local.end, local.body_id, local.text, "local")


def _known_hits(prepared: _Prepared, *, trust_acronyms: bool = False, raw: list[_Hit] | None = None) -> list[_Hit]:
    """The bodies in a prepared text, from its raw hits (every index's names; scanned here unless given)."""
    text = prepared.text
    hits = _without_overlaps(_raw_hits(text) if raw is None else raw)
    hits = [h for h in hits if _is_plausible(h, text)]
    hits = _without_overlaps([*hits, *_unplaced_local_hits(text, hits)])
    return hits if trust_acronyms else _confirm_context_acronyms(hits, text)


def _raw_hits(text: str) -> list[_Hit]:
    """Every index's names and document numbers in the (prepared) text, overlaps not yet resolved."""
    return [*_name_hits(text), *_doc_number_hits(text)]


@functools.lru_cache(maxsize=32)
def _cached_hits(text: str) -> tuple[_Prepared, tuple[_Hit, ...]]:
    """The prepared text and its bodies; the body, company and sector extractors all ask for the same text."""
    longer = _scanned_text_starting_with(text)
    if longer is not None:  # it has no Chinese characters, so it is searched as it stands
        share_prefix_profile(text, longer.text)
        prepared = _Prepared(text, text)
        raw = [hit for hit in longer.hits if hit.end <= len(text)]
    else:
        prepared = _prepare(text)
        raw = _raw_hits(prepared.text)
        _RECENT_SCANS.append(_Scan(prepared.text, tuple(raw), profile_of(prepared.text).has_cjk))
    return prepared, tuple(_known_hits(prepared, raw=raw))


# --- reusing the scan of a longer text ---------------------------------------------------------------------
# Callers often ask about a text and then about its start ("…comment" then the same without the comment; a
# news line with its source label, then without). The names in a text that is a prefix of one scanned a moment
# ago are those of the longer text that end within it, when the prefix ends between words, no name runs
# across its end, and neither text needs simplifying or blanking (no Chinese characters).


@dataclass(frozen=True)
class _Scan:
    text: str  # as searched (prepared)
    hits: tuple[_Hit, ...]  # every index's names and document numbers, overlaps not yet resolved
    has_cjk: bool


_RECENT_SCANS: deque[_Scan] = deque(maxlen=_RECENT_SCANS_KEPT)


def _scanned_text_starting_with(text: str) -> _Scan | None:
    end = len(text)
    for scan in list(_RECENT_SCANS):  # a copy: another thread may append meanwhile
        longer = scan.text
        if (
            len(longer) > end
            and longer.startswith(text)
            and not scan.has_cjk
            and not (longer[end].isalnum() or longer[end] == "_")
            and not any(hit.start < end < hit.end for hit in scan.hits)
        ):
            return scan
    return None


# --- unknown bodies ----------------------------------------------------------------------------------------


def _clean_unknown_en(name: str) -> str:
    name = bp.UNKNOWN_EN_LEADING_NOISE.sub("", name.strip())
    return re.sub(r"['’]s$", "", name).strip()


def _unknown_en(prepared: _Prepared, hits: list[_Hit]) -> Iterator[tuple[int, str]]:
    if not _body_word_outside(prepared.text, hits):
        return
    masked = blank_spans(prepared.text, ((h.start, h.end) for h in hits))
    for match in bp.UNKNOWN_EN_BODY.finditer(masked):
        name = _clean_unknown_en(match.group())
        if len(name.split()) < 2 or bp.NOT_BODIES.search(name) or lookup(name) is not None:
            continue
        before = masked[max(0, match.start() - bp.FOREIGN_LOOKBEHIND_CHARS) : match.start()]
        if bp.FOREIGN_QUALIFIER.search(before) or bp.FOREIGN_QUALIFIER.search(name.split()[0] + " "):
            continue
        if _is_subunit(match.end(), hits, prepared.text):
            continue
        yield match.start(), name


def _body_word_outside(text: str, hits: list[_Hit]) -> bool:
    """Whether a body word ("Ministry", "Office") stands outside the known bodies: UNKNOWN_EN_BODY needs one,
    and this scan for literal words skips ahead where that one tries every offset."""
    return any(
        not any(h.start <= word.start() and word.end() <= h.end for h in hits)
        for word in bp.BODY_HEAD.finditer(text)
    )


def _is_subunit(end: int, hits: list[_Hit], text: str) -> bool:
    following = next((h for h in hits if h.start >= end), None)
    return following is not None and bool(bp.SUBUNIT_TAIL.match(text[end : following.start]))


def _zh_list_candidate(item: str, *, first: bool, last: bool) -> str:
    if first:
        item = bp.ZH_LIST_LEFT_CUT.sub("", item)
    if last:
        item = bp.ZH_LIST_RIGHT_CUT.sub("", item)
    return bp.ZH_LEADING_CONNECTIVES.sub("", item.strip())


def _unknown_zh(prepared: _Prepared, hits: list[_Hit]) -> Iterator[tuple[int, str]]:
    """Items of a 、-list that holds at least one known body and look like bodies themselves."""
    text = prepared.text
    if bp.ZH_LIST_ITEM_MARK not in text:
        return
    for sentence in bp.ZH_SENTENCE.finditer(text):
        items = list(_split_spans(sentence.group(), sentence.start()))
        if len(items) < 2 or not any(_covers_hit(span, hits) for span in items):
            continue
        for n, (start, end) in enumerate(items):
            if _covers_hit((start, end), hits):
                continue
            candidate = _zh_list_candidate(text[start:end], first=n == 0, last=n == len(items) - 1)
            if bp.ZH_BODY_SHAPE.match(candidate) and not bp.ZH_NOT_BODY_WORDS.search(candidate):
                yield start, candidate


def _split_spans(sentence: str, offset: int) -> Iterator[tuple[int, int]]:
    start = 0
    for match in bp.ZH_LIST_ITEM_SEPARATOR.finditer(sentence):
        yield offset + start, offset + match.start()
        start = match.end()
    yield offset + start, offset + len(sentence)


def _covers_hit(span: tuple[int, int], hits: list[_Hit]) -> bool:
    return any(span[0] <= h.start and h.end <= span[1] for h in hits)


# --- unnamed bodies ----------------------------------------------------------------------------------------


def _count(word: str) -> int:
    if word.isdigit():
        return int(word)
    if word.lower() in bp.EN_NUMBER_WORDS:
        return bp.EN_NUMBER_WORDS[word.lower()]
    return _zh_count(word)


def _zh_count(word: str) -> int:
    if "十" not in word:
        return bp.ZH_NUMERALS.get(word, 0)
    tens, _, units = word.partition("十")
    return bp.ZH_NUMERALS.get(tens, 1) * 10 + bp.ZH_NUMERALS.get(units, 0)


def _sentence_span(text: str, offset: int) -> tuple[int, int]:
    starts = [m.end() for m in bp.SENTENCE_END.finditer(text, 0, offset)]
    end_match = bp.SENTENCE_END.search(text, offset)
    return (starts[-1] if starts else 0), (end_match.end() if end_match else len(text))


def _ids_between(hits: list[_Hit], start: int, end: int) -> int:
    return len({h.body_id for h in hits if start <= h.start and h.end <= end})


def _listed_before(hits: list[_Hit], offset: int, text: str) -> int:
    """How many bodies form the list that ends right before `offset` ("X、Y等八部门" → 2)."""
    before = [h for h in hits if h.end <= offset]
    listed: list[_Hit] = []
    boundary = offset
    for hit in reversed(before):
        if text[hit.end : boundary].strip() not in ("", "、", ",", "，", "和", "及", "与", "以及"):
            break
        listed.append(hit)
        boundary = hit.start
    return len({h.body_id for h in listed})


def _possible_groups(text: str) -> tuple[re.Pattern[str], ...]:
    """The group-mention patterns that can match in `text`: each needs words most texts lack ("agencies",
    "等"), and testing for those is far cheaper than a scan."""
    profile = profile_of(text)
    nouns = profile.has_any(bp.EN_GROUP_NOUNS)
    return tuple(
        pattern
        for pattern, possible in (
            (bp.EN_AND_OTHERS, nouns and profile.has_any(("other",))),
            (bp.EN_GROUP_LED_BY, nouns and profile.has_any(bp.EN_GROUP_LEAD_WORDS)),
            (bp.ZH_DENG_GROUP, "等" in text),
            (bp.EN_GROUP, nouns),
            (bp.ZH_GROUP, any(noun in text for noun in bp.ZH_GROUP_NOUNS)),
        )
        if possible
    )


def _group_mentions(text: str, hits: list[_Hit]) -> Iterator[tuple[int, int]]:
    """(size of the group, bodies of it named) for every group mention in the text."""
    possible = _possible_groups(text)
    if bp.EN_AND_OTHERS in possible:
        for match in bp.EN_AND_OTHERS.finditer(text):
            yield _count(match["n"]) + 1, 1
    if bp.EN_GROUP_LED_BY in possible:
        for match in bp.EN_GROUP_LED_BY.finditer(text):
            yield _count(match["n"]), 1
    if bp.ZH_DENG_GROUP in possible:
        for match in bp.ZH_DENG_GROUP.finditer(text):
            yield _count(match["n"]), _listed_before(hits, match.start(), text)
    for pattern in (p for p in (bp.EN_GROUP, bp.ZH_GROUP) if p in possible):
        for match in pattern.finditer(text):
            if not _inside_other_group(match, text):
                start, end = _sentence_span(text, match.start())
                yield _count(match["n"]), _ids_between(hits, start, end)


def _unnamed(text: str, hits: list[_Hit]) -> int:
    """Bodies a group mention counts but the text never names; 0 when there is none.

    A text often names a group once in full and refers back to it ("…、交通运输部等四部门联合印发…", later
    "工业和信息化部等四部门遴选…"): mentions of a group of the same size count as one group, named as fully
    as its fullest mention.
    """
    named_by_size: dict[int, int] = {}
    for size, named in _group_mentions(text, hits):
        named_by_size[size] = max(named, named_by_size.get(size, 0))
    return max((size - named for size, named in named_by_size.items()), default=0)


def _inside_other_group(match: re.Match[str], text: str) -> bool:
    """An EN_GROUP match that is part of an "and N other…" or "N … led by" mention is counted there."""
    window = text[max(0, match.start() - 12) : match.end() + 16]
    return bool(
        bp.EN_AND_OTHERS.search(window)
        or bp.EN_GROUP_LED_BY.search(window)
        or "等" in text[max(0, match.start() - 1) : match.start()]
    )


# --- public API --------------------------------------------------------------------------------------------


def _ordered_ids(hits: Iterable[_Hit]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(h.body_id for h in sorted(hits, key=lambda h: h.start)))


def _ordered_unknown(found: Iterable[tuple[int, str]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for _, name in sorted(found)))


def extract_bodies(text: str) -> BodyMentions:
    """Government bodies named anywhere in a text (English, Chinese, traditional Chinese or mixed).

    Finds full names, variants and acronyms, Chinese full and short names (the longest name wins, so
    国务院办公厅 is GOSC, not the State Council), provincial bodies, and issuers behind 发文字号 prefixes.
    Ambiguous acronyms (CAS, GAC…) need support in the text; foreign bodies, venues ("State Council news
    briefing") and addressee lines of a notice are skipped. Body-like names not in the registry go to
    `unknown`; group mentions ("MIIT and six other agencies") set `unnamed`.
    """
    prepared, cached = _cached_hits(text)
    hits = list(cached)
    unknown = [*_unknown_en(prepared, hits), *_unknown_zh(prepared, hits)]
    return BodyMentions(_ordered_ids(hits), _ordered_unknown(unknown), _unnamed(prepared.text, hits))


def _residue_pieces(line: str, hits: list[_Hit]) -> Iterator[tuple[int, str]]:
    """What an issuer line holds besides the known bodies, split into list items."""
    masked = blank_spans(line, ((h.start, h.end) for h in hits))
    for group in _possible_groups(line):
        masked = blank_spans(masked, [m.span() for m in group.finditer(masked)])
    offset = 0
    for piece in bp.ISSUER_LIST_SEPARATORS.split(masked):
        position = masked.find(piece, offset) if piece else offset
        offset = position + len(piece)
        cleaned = piece.strip(" \t.;:：()（）")
        if cleaned.lower() not in bp.ISSUER_LIST_FILLER and _HAS_LETTER.search(cleaned):
            yield position, cleaned


def parse_body_list(line: str) -> BodyMentions:
    """The bodies of an issuer list: "MIIT, MOE, MCT, NRTA and GASC", "Issuing bodies: CNIPA, MIIT" (the
    label is optional), "工业和信息化部 国家发展改革委 科技部" (one per line, space, 、 or ，).

    Every acronym counts here, ambiguous or not: the line is known to list bodies. Items that resolve to no
    registry body are kept, as written, in `unknown`.
    """
    label = bp.ISSUER_LABEL.match(line)
    body = line[label.end() :] if label else line
    prepared = _Prepared(body, to_simplified(body) if len(to_simplified(body)) == len(body) else body)
    hits = _known_hits(prepared, trust_acronyms=True)
    found: list[tuple[int, str]] = []
    unknown: list[tuple[int, str]] = []
    for position, piece in _residue_pieces(prepared.text, hits):
        resolved = lookup(piece)
        if resolved is not None:
            found.append((position, resolved.id))
        else:
            unknown.append((position, prepared.original[position : position + len(piece)] or piece))
    ordered = sorted([(h.start, h.body_id) for h in hits] + found)
    return BodyMentions(
        tuple(dict.fromkeys(i for _, i in ordered)), _ordered_unknown(unknown), _unnamed(prepared.text, hits)
    )


def body_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Offsets of every government body's name in `text` (for other extractors to mask them: "Bank of China"
    inside "People's Bank of China" is not the company)."""
    return tuple((h.start, h.end) for h in _cached_hits(text)[1])
