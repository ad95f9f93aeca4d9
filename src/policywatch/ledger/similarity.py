"""Comparing two statements of a goal: unit classes, value agreement and bilingual metric tokens.

A metric becomes a set of tokens: glossary concepts (`glossary.METRIC_CONCEPTS`, the same token whichever
language names them), the remaining English words (stop words dropped, plurals cut) and the remaining Chinese
text as character bigrams (stop words dropped first). Two metrics are compared by the tokens they share,
unless they **conflict** — each names a specific glossary concept the other lacks ("patent-intensive
industries' value added in GDP" vs "the digital economy's"):

* **overlap** — at least one shared token that is not a generic concept: enough when value, unit and year
  already agree (a restatement);
* **strong** — (weighted) Dice coefficient ≥ `STRONG_DICE` on at least two shared tokens, one specific: needed
  when the values differ (a revision, an outcome);
* **contained** — the smaller set at least `CONTAINMENT` inside the larger, on the same terms: comparing
  whole ledger targets (the union of their statements' tokens) for successors and baseline figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policywatch.extract.quantities import find_quantities
from policywatch.ledger.glossary import (
    BARE_COUNT_UNITS,
    COUNT_CLASS,
    GENERIC_CONCEPTS,
    METRIC_CONCEPTS,
    STOP_WORDS_EN,
    STOP_WORDS_ZH,
    UNIT_CLASSES,
)
from policywatch.store.textfold import fold

VALUE_TOLERANCE = 0.005  # two values agree within 0.5 % of the larger
STRONG_DICE = 0.5
CONTAINMENT = 0.6
GENERIC_WEIGHT = 0.5  # "share", "total", "unit"… say less about what is measured than "patent" or 能耗

_SPECIFIC_CONCEPTS = frozenset(METRIC_CONCEPTS) - GENERIC_CONCEPTS
_CJK = r"\u4e00-\u9fff"
_EN_FORMS = {form.replace("-", " "): concept for concept, forms in METRIC_CONCEPTS.items() for form in forms
             if not re.search(f"[{_CJK}]", form)}
_EN_FORMS |= {form[:-1] + "ies": concept for form, concept in list(_EN_FORMS.items()) if form.endswith("y")}
_ZH_FORMS = {form: concept for concept, forms in METRIC_CONCEPTS.items() for form in forms
             if re.search(f"[{_CJK}]", form)}
_EN_CONCEPT = re.compile(
    r"(?<![a-z0-9&])(?P<form>"
    + "|".join(re.escape(f) for f in sorted(_EN_FORMS, key=len, reverse=True))
    + r")(?:e?s)?(?![a-z0-9&])"
)
_ZH_CONCEPT = re.compile("|".join(re.escape(f) for f in sorted(_ZH_FORMS, key=len, reverse=True)))
_ZH_STOP = re.compile("|".join(re.escape(w) for w in sorted(STOP_WORDS_ZH, key=len, reverse=True)))
_EN_WORD = re.compile(r"[a-z][a-z0-9&]*")
_CJK_RUN = re.compile(f"[{_CJK}]+")
_CLAUSE_BREAK = re.compile(r"[，；;。！？!?\n]|(?<!\d),|,(?!\d)|\.(?:\s|$)|:\s|：")
_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d{3})")


@dataclass(frozen=True)
class MetricMatch:
    """How two token sets compare."""

    shared: int
    specific: int  # shared tokens that are not generic concepts
    dice: float
    containment: float = 0.0  # shared / size of the smaller set
    conflict: bool = False  # each side names a specific concept the other lacks (patents vs digital economy)

    @property
    def contained(self) -> bool:
        """The smaller set is mostly inside the larger: how a statement compares with a whole ledger
        target's tokens (the union of its statements')."""
        return self.containment >= CONTAINMENT and self.shared >= 2 and self.specific >= 1 and not self.conflict

    @property
    def overlaps(self) -> bool:
        """Some specific token in common: enough for a restatement (value, unit and year agree)."""
        return self.specific >= 1 and not self.conflict

    @property
    def strong(self) -> bool:
        """Mostly the same words: enough to call a different value a revision or an outcome."""
        return self.dice >= STRONG_DICE and self.shared >= 2 and self.specific >= 1 and not self.conflict


def unit_class(unit: str) -> tuple[str, float]:
    """(class, factor to the class's base unit) of a unit; counted nouns and unknown units are "count"."""
    return UNIT_CLASSES.get(unit) or (COUNT_CLASS, 1.0)


def units_compatible(a: str, b: str) -> bool:
    """Whether two units can measure the same goal. Units of a measured class always can (they convert);
    counted nouns must name the same thing ("companies" and 企业 → enterprises do, "products" and
    "solutions" do not), unless either is a bare count ("items", 个, a missing unit)."""
    if a == b or unit_class(a)[0] != COUNT_CLASS:
        return True
    tokens_a, tokens_b = metric_tokens(a), metric_tokens(b)
    if not tokens_a - BARE_COUNT_UNITS or not tokens_b - BARE_COUNT_UNITS:
        return True
    return bool(tokens_a & tokens_b)


def values_agree(a: float, b: float) -> bool:
    """True when a and b differ by at most `VALUE_TOLERANCE` of the larger magnitude."""
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(a), abs(b))


def compare_tokens(a: frozenset[str], b: frozenset[str]) -> MetricMatch:
    """Shared tokens, specific shared tokens, and the Dice coefficient and containment of two token sets,
    weighted so that a generic concept counts `GENERIC_WEIGHT` of a specific token."""
    if not a or not b:
        return MetricMatch(0, 0, 0.0)
    common = a & b
    specific = sum(1 for token in common if token not in GENERIC_CONCEPTS)
    conflict = bool((a - b) & _SPECIFIC_CONCEPTS) and bool((b - a) & _SPECIFIC_CONCEPTS)
    shared, size_a, size_b = _weight(common), _weight(a), _weight(b)
    return MetricMatch(len(common), specific, 2 * shared / (size_a + size_b), shared / min(size_a, size_b),
                       conflict)


@lru_cache(maxsize=65536)
def _weight(tokens: frozenset[str]) -> float:
    return sum(GENERIC_WEIGHT if token in GENERIC_CONCEPTS else 1.0 for token in tokens)


@lru_cache(maxsize=65536)
def metric_tokens(text: str) -> frozenset[str]:
    """The comparable tokens of a metric or clause, in either language."""
    folded = _DIGIT_COMMA.sub("", fold(text).casefold()).replace("-", " ")
    tokens: set[str] = set()
    folded = _take_concepts(folded, _EN_CONCEPT, _EN_FORMS, tokens)
    folded = _take_concepts(folded, _ZH_CONCEPT, _ZH_FORMS, tokens)
    tokens.update(_english_words(folded))
    tokens.update(_chinese_bigrams(folded))
    return frozenset(tokens)


def _take_concepts(text: str, pattern: re.Pattern[str], forms: dict[str, str], into: set[str]) -> str:
    """Add the concepts named in `text` to `into`; return the text with those names blanked out."""
    def blank(m: re.Match[str]) -> str:
        into.add(forms[m.group("form") if "form" in pattern.groupindex else m.group(0)])
        return " "
    return pattern.sub(blank, text)


def _english_words(text: str) -> set[str]:
    words = set()
    for word in _EN_WORD.findall(text):
        if word in STOP_WORDS_EN or any(c.isdigit() for c in word):
            continue
        stem = word[:-3] + "y" if word.endswith("ies") else word
        stem = stem[:-1] if stem.endswith("s") and not stem.endswith("ss") and len(stem) > 3 else stem
        if len(stem) > 1 and stem not in STOP_WORDS_EN:
            words.add(stem)
    return words


def _chinese_bigrams(text: str) -> set[str]:
    bigrams: set[str] = set()
    for run in _CJK_RUN.findall(_ZH_STOP.sub(" ", text)):
        bigrams.update(run[i : i + 2] for i in range(len(run) - 1))
    return bigrams


@lru_cache(maxsize=65536)
def statement_tokens(metric: str, sentence: str, value: float) -> frozenset[str]:
    """Tokens of a target as stated: its metric plus the clause of `sentence` that holds the quantity
    `value` (the metric an extractor names is often short; the clause carries the rest). The whole sentence
    is used only when neither gives a token."""
    tokens = metric_tokens(metric) | metric_tokens(clause_of(sentence, value, metric))
    return tokens or metric_tokens(sentence)


def clause_of(sentence: str, value: float, metric: str = "") -> str:
    """The clause of `sentence` (between commas, semicolons, full stops) holding the quantity `value`:
    when several quantities agree with it ("100 technologies, 100 products"), the one whose clause shares
    most tokens with `metric`, else the first; the whole sentence when none agrees."""
    clauses = [_clause_around(sentence, q.start) for q in find_quantities(sentence) if values_agree(q.value, value)]
    if len(clauses) > 1 and metric:
        wanted = metric_tokens(metric)
        return max(clauses, key=lambda c: len(metric_tokens(c) & wanted))  # max keeps the first on a tie
    return clauses[0] if clauses else sentence


def _clause_around(text: str, position: int) -> str:
    start, end = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= position:
            start = m.end()
        elif m.start() >= position:
            end = m.start()
            break
    return text[start:end]
