"""Comparing document titles: a brief's quote of a Chinese title against the title a notice carries.

Pure functions. Titles are compared as *keys*: folded to simplified Chinese and half width (NFKC), casefolded,
reduced to letters and digits, so spacing, quote styles (“”「」""), brackets, 《》 and script do not matter.
Each title also has *forms*: the key without an issuer prefix ("国家知识产权局 工业和信息化部关于…" → "关于…")
and, for "关于印发《X》的通知", the key of X. The strongest agreement between any two forms decides:

    exact       same characters, spacing aside                                   1.0
    normalised  same key; or same key once issuer/wrapper is off; or one key     0.80–0.95
                a prefix of the other covering ≥ 85 % (a truncated quote)
    fuzzy       character-bigram Dice ≥ 0.80                                     the Dice value
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Literal

from policywatch.link import thresholds as t
from policywatch.link.patterns import (
    DISTINGUISHING_NUMBER,
    ENGLISH_STOPWORDS,
    ENGLISH_WORD,
    ISSUED_DOCUMENT,
    ISSUER_PREFIX,
    ORG_SUFFIX,
    PREFIX_VERBS,
    TITLE_BOILERPLATE,
)
from policywatch.parse.notice_patterns import DOC_NUMBER_IN_TEXT
from policywatch.store.textfold import doc_number_key, fold, title_key

TitleMethod = Literal["exact", "normalised", "fuzzy"]
FormKind = Literal["title", "without issuer", "issued document"]


@dataclass(frozen=True)
class TitleForm:
    """One comparable form of a title: its key and how it was derived from the title as written."""

    key: str
    kind: FormKind = "title"


@dataclass(frozen=True)
class TitleMatch:
    """How two titles agree. `conflict` names what speaks against them being one document (numbers that
    differ), which keeps a fuzzy match from being asserted."""

    method: TitleMethod
    score: float
    reason: str
    conflict: str | None = None


def _without_spaces(text: str) -> str:
    return "".join(text.split())


def _issuer_stripped(folded: str) -> str | None:
    """The title from its first 关于 on, when what comes before is a list of issuers (and not a verb acting
    on another document, as in a 转发 notice)."""
    match = ISSUER_PREFIX.match(folded)
    if not match:
        return None
    issuer = match["issuer"].strip()
    if any(verb in issuer for verb in PREFIX_VERBS) or not ORG_SUFFIX.search(issuer):
        return None
    return match["rest"]


def _issued_document(folded: str) -> str | None:
    """X in "关于印发《X》的通知" (with or without an issuer prefix before it)."""
    match = ISSUED_DOCUMENT.search(folded)
    return match["title"] if match else None


def core_title(title: str, issued: Sequence[str] = ()) -> str:
    """The title as it names the document itself: the plan a 印发 notice issues, else the title without its
    issuer prefix, else the title (what an English title is the translation of)."""
    folded = " ".join(fold(title).split())
    return (issued[0] if issued else None) or _issued_document(folded) or _issuer_stripped(folded) or title


def title_forms(title: str, issued: Iterable[str] = ()) -> tuple[TitleForm, ...]:
    """The forms `title` is compared in: itself, without its issuer prefix, the document it issues (from
    its wording, or `issued`: titles the parser found it issues). Forms with an empty key are dropped."""
    return _title_forms(title, tuple(issued))


@lru_cache(maxsize=65_536)  # linking compares each stored title many times
def _title_forms(title: str, issued: tuple[str, ...]) -> tuple[TitleForm, ...]:
    folded = " ".join(fold(title).split())
    candidates: list[tuple[str | None, FormKind]] = [
        (folded, "title"),
        (_issuer_stripped(folded), "without issuer"),
        (_issued_document(folded), "issued document"),
        *((name, "issued document") for name in issued),
    ]
    forms: dict[str, TitleForm] = {}
    for text, kind in candidates:
        key = title_key(text) if text else ""
        if key and key not in forms:
            forms[key] = TitleForm(key, kind)
    return tuple(forms.values())


def distinguishing_numbers(title: str) -> frozenset[str]:
    """Years, batch and edition numbers in a title (folded: full-width digits count as digits)."""
    return frozenset(DISTINGUISHING_NUMBER.findall(fold(title)))


def numbers_conflict(a: str, b: str) -> bool:
    """True when both titles carry numbers and they differ (2022 vs 2023, 第四批 vs 第五批)."""
    a_numbers, b_numbers = distinguishing_numbers(a), distinguishing_numbers(b)
    return bool(a_numbers and b_numbers and a_numbers != b_numbers)


@lru_cache(maxsize=65_536)
def bigrams(key: str) -> frozenset[str]:
    """The character bigrams of a key (a single character counts as its own bigram)."""
    return frozenset(key[i:i + 2] for i in range(max(len(key) - 1, 1)))


def content_bigrams(key: str) -> frozenset[str]:
    """The bigrams of a key that do not touch title boilerplate (关于, 通知, 实施方案 …): what candidates are
    looked up by."""
    return frozenset(gram for part in TITLE_BOILERPLATE.split(key) if part for gram in bigrams(part))


def bigram_dice(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two keys: 1.0 identical, 0.0 nothing shared."""
    a_grams, b_grams = bigrams(a), bigrams(b)
    if not a_grams or not b_grams:
        return 0.0
    return 2 * len(a_grams & b_grams) / (len(a_grams) + len(b_grams))


def truncation_coverage(a: str, b: str) -> float | None:
    """When one key is a prefix of the other (a title cut short), the share of the longer one the shorter
    covers; None when neither is a prefix or the shorter is under TRUNCATED_MIN_CHARS."""
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) < t.TRUNCATED_MIN_CHARS or not longer.startswith(shorter):
        return None
    return len(shorter) / len(longer)


def _truncated_score(coverage: float) -> float:
    span = 1.0 - t.TRUNCATED_MIN_COVERAGE
    share = (coverage - t.TRUNCATED_MIN_COVERAGE) / span if span else 1.0
    return round(t.SCORE_TRUNCATED_MIN + (t.SCORE_TRUNCATED_MAX - t.SCORE_TRUNCATED_MIN) * share, 4)


def _derived_reason(a: TitleForm, b: TitleForm) -> str:
    kinds = {a.kind, b.kind} - {"title"}
    return "same title " + " and ".join(sorted(f"({kind})" for kind in kinds))


def _normalised_match(a_forms: Sequence[TitleForm], b_forms: Sequence[TitleForm]) -> TitleMatch | None:
    """Equal keys (the titles themselves first), else the best prefix truncation over all form pairs."""
    if a_forms[0].key == b_forms[0].key:
        return TitleMatch("normalised", t.SCORE_NORMALISED, "same title (normalised)")
    for a, b in product(a_forms, b_forms):
        if a.key == b.key:
            return TitleMatch("normalised", t.SCORE_CORE, _derived_reason(a, b))
    best: TitleMatch | None = None
    for a, b in product(a_forms, b_forms):
        coverage = truncation_coverage(a.key, b.key)
        if coverage is not None and coverage >= t.TRUNCATED_MIN_COVERAGE:
            match = TitleMatch("normalised", _truncated_score(coverage), f"truncated title ({coverage:.0%})")
            best = match if best is None or match.score > best.score else best
    return best


def match_titles(a: str, b: str, *, b_issued: Iterable[str] = ()) -> TitleMatch | None:
    """How title `a` (as a brief quotes it) agrees with title `b` (as the document carries it; `b_issued`:
    the titles `b` issues), or None when they are not the same document's title."""
    return _match_titles(a, b, tuple(b_issued))


@lru_cache(maxsize=65_536)
def _match_titles(a: str, b: str, b_issued: tuple[str, ...]) -> TitleMatch | None:
    if not a.strip() or not b.strip():
        return None
    if _without_spaces(a) == _without_spaces(b):
        return TitleMatch("exact", t.SCORE_EXACT, "same title")
    a_forms, b_forms = title_forms(a), title_forms(b, b_issued)
    if not a_forms or not b_forms:
        return None
    normalised = _normalised_match(a_forms, b_forms)
    if normalised:
        return normalised
    dice = max(bigram_dice(x.key, y.key) for x, y in product(a_forms, b_forms))
    if dice < t.FUZZY_MIN:
        return None
    conflict = "numbers differ" if numbers_conflict(a, b) else None
    return TitleMatch("fuzzy", round(dice, 4), f"similar title ({dice:.2f})", conflict)


@lru_cache(maxsize=65_536)  # like the Chinese forms: each stored English title is compared many times
def english_words(title: str) -> frozenset[str]:
    """The words of an English title that tell it apart (casefolded, stopwords dropped)."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return frozenset(w for w in ENGLISH_WORD.findall(text) if w not in ENGLISH_STOPWORDS)


@lru_cache(maxsize=65_536)
def match_english_titles(a: str, b: str) -> TitleMatch | None:
    """Two English titles of one document: the same words (normalised) or a word-set Jaccard ≥
    ENGLISH_FUZZY_MIN (fuzzy); None for titles too short to tell."""
    a_words, b_words = english_words(a), english_words(b)
    if min(len(a_words), len(b_words)) < t.ENGLISH_MIN_WORDS:
        return None
    if a_words == b_words:
        return TitleMatch("normalised", t.SCORE_CORE, "same English title (normalised)")
    jaccard = len(a_words & b_words) / len(a_words | b_words)
    if jaccard < t.ENGLISH_FUZZY_MIN:
        return None
    conflict = "numbers differ" if numbers_conflict(a, b) else None
    return TitleMatch("fuzzy", round(jaccard, 4), f"similar English title ({jaccard:.2f})", conflict)


def doc_numbers_in(text: str) -> tuple[str, ...]:
    """Keys (store.textfold.doc_number_key) of every 发文字号 written in `text`, in order, without repeats."""
    found = (doc_number_key(m["number"]) for m in DOC_NUMBER_IN_TEXT.finditer(fold(text)))
    return tuple(dict.fromkeys(key for key in found if key))


def same_doc_number(found: str, own: str) -> bool:
    """Whether a number found in running text (`found`, a key) is the document's own (`own`, a key). The
    text pattern may take in words before the issuer code ("根据工信部联…"), so a suffix match counts."""
    return bool(own) and (found == own or (len(own) >= 6 and found.endswith(own)))
