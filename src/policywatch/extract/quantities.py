"""Numbers with their units in English and Chinese text: "CNY 58.39 billion" → 5.839e10 CNY, "1.2亿千瓦" →
1.2e8 kW, "百分之七点八" → 7.8 percent, "three to five companies" → 3 companies (">=", upper bound 5).

This module reads quantities and how their sentence phrases them — what is measured (`metric_of`), whether it is
a level or a change (`kind_and_direction`); whether one is a policy goal is decided in targets.py. Offsets always
point into the text as given: the text is folded one character for one (full-width digits, ideographic spaces,
traditional characters) before matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

import cn2an
from opencc import OpenCC

from policywatch.extract import target_patterns as tp

_MASKS_WITHOUT_MONTHS = tuple(p for p in tp.MASKED_DATES if p not in tp.MONTH_DATES)
_RANGE_TAIL = re.compile(r"^\s?(?:to|-|–|—|~)\s?(?=[\d\w])", re.I)
_NP_WORD = re.compile(r"\s+[‘'“\"]?(?P<w>[A-Za-z0-9][\w&'’.\-/]*?)[’'”\"]?(?=\s|[,;:.)]|$)")
Kind = Literal["level", "change"]
Direction = Literal["increase", "decrease"] | None
CURRENCIES = frozenset({"CNY", "USD", "EUR"})
_PREPOSITION_AFTER = re.compile(r"\s+(?:by|in|to|for|with|on|at|from)\b")
_ACRONYM_AFTER = re.compile(r"^\s*\((?P<a>[A-Z][A-Za-z0-9]{1,9}s?)\)")
_ADJECTIVE_FOLD = re.compile(r"\b(?:a|an|the)\s+$", re.I)
_CHANGE_AFTER = re.compile(r"\s+(?:increase|rise|growth|expansion|jump|boost)\b", re.I)
_ZH_UNIT_TABLE = {u: (unit, scale) for u, unit, scale in tp.ZH_UNITS}


@dataclass(frozen=True)
class Quantity:
    """A number with its unit: `start`/`end` cover the number and the unit as written."""

    start: int
    end: int
    value: float
    unit: str  # CNY USD EUR percent percentage_points times, a measure (kW, tonnes), a counted noun or ""
    comparator: str = "="
    upper: float | None = None  # upper bound of a range ("5-10家")
    counted: str = ""  # what is counted, as written ("VR headsets", "世界级先进制造业集群")
    multiplier: bool = False  # "double", "triple", 翻一番: a factor, not an amount
    language: str = "en"


def fold(text: str) -> str:
    """`text` with full-width ASCII, odd spaces and traditional characters folded, length unchanged."""
    return _fold(text) if len(text) > _CACHED_CHARS else _cached_fold(text)


def _fold(text: str) -> str:
    if text.isascii():
        return text  # nothing to fold: the table maps wide and odd characters only, and there is no Chinese
    folded = text.translate(tp.FOLD_WIDTH)
    if tp.CJK.search(folded):
        simplified = str(_t2s().convert(folded))
        if len(simplified) == len(folded):
            return simplified
    return folded


# A bullet, its lead-in and its sentences are folded and masked more than once per extraction: the results of
# texts up to this long are kept (longer ones are whole documents, read once).
_CACHED_CHARS = 2000
_cached_fold = lru_cache(maxsize=2048)(_fold)


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text` (English and Chinese), in order of appearance, none overlapping."""
    return find_folded_quantities(fold(text))


def find_folded_quantities(folded: str, *, checked: bool = False) -> list[Quantity]:
    """`find_quantities` of a text that `fold` has already folded (`checked`: and that `may_hold_quantities`
    has let through)."""
    if not checked and not may_hold_quantities(folded):
        return []
    masked = mask_dates(folded)
    found = _chinese_quantities(masked) + _english_quantities(masked)
    found.sort(key=lambda q: (q.start, -(q.end - q.start)))
    kept: list[Quantity] = []
    for q in found:
        if kept and q.start < kept[-1].end:
            continue
        kept.append(q)
    return _share_units(masked, kept)


def number_value(token: str) -> float | None:
    """'45,000' → 45000.0, 'twenty-four' → 24.0, '七点八' → 7.8; None when `token` is not a number."""
    token = token.strip().lower()
    if tp.DIGITS_NUMBER.fullmatch(token):
        try:
            return float(Decimal(token.replace(",", "")))
        except InvalidOperation:
            return None
    if token in tp.UNITS_WORDS:
        return float(tp.UNITS_WORDS[token])
    parts = re.split(r"[- ]", token)
    if parts[0] in tp.TENS_WORDS:
        return float(tp.TENS_WORDS[parts[0]] + (tp.UNITS_WORDS.get(parts[1], 0) if len(parts) > 1 else 0))
    if token == "a":
        return 1.0
    return _chinese_number(token)


def _chinese_number(token: str) -> float | None:
    try:
        return float(cn2an.cn2an(token, "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


@lru_cache(maxsize=1024)
def _scaled(number: float, scale: float) -> float:
    """number × scale without binary noise (58.39 × 1e9 = 58390000000.0, not …0001)."""
    return float(Decimal(repr(number)) * Decimal(repr(scale)).normalize())


def may_hold_quantities(folded: str) -> bool:
    """False when a folded text has no digit, no numeral and no number word: it holds no quantity."""
    if tp.DIGIT.search(folded):
        return True
    # With no digit there is no date to mask, so the words are looked for in the text the readers see.
    if tp.ZH_NUMERAL_CHAR.search(folded):
        return True
    lowered = latin_lower(folded)
    if not tp.NUMBER_WORD_IN.search(lowered):
        return False
    return bool(tp.NUMBER_WORD.search(lowered))


def latin_lower(text: str) -> str:
    """`text` lower-cased the way re.I compares Latin letters, one character for one: what the patterns that
    target_patterns.py writes in lower case read, and what a quick check for a word looks in."""
    return _cached_lower(text) if len(text) <= _CACHED_CHARS else _lower(text)


def _lower(text: str) -> str:
    return text.lower() if text.isascii() else text.translate(tp.IGNORECASE_LATIN).lower()


_cached_lower = lru_cache(maxsize=2048)(_lower)


def may_name_a_month(text: str) -> bool:
    """False when no month name can be read in `text`, so the dates that name one can be skipped."""
    lowered = latin_lower(text)
    return bool(tp.MONTH_NAME_IN.search(lowered))


def mask_dates(text: str) -> str:
    """Dates, clock times and year periods blanked out, so their digits are never read as quantities."""
    if not tp.DIGIT.search(text):
        return text  # every date, time and period has a digit
    return _mask_dates(text) if len(text) > _CACHED_CHARS else _cached_mask_dates(text)


def _mask_dates(text: str) -> str:
    spans = [
        m.span()
        for pattern in (tp.MASKED_DATES if may_name_a_month(text) else _MASKS_WITHOUT_MONTHS)
        if tp.MASK_NEEDS.get(pattern, "") in text
        for m in pattern.finditer(text)
    ]
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if not chars[i].isspace():
                chars[i] = "#"
    return "".join(chars)


_cached_mask_dates = lru_cache(maxsize=2048)(_mask_dates)


# -- English -------------------------------------------------------------------------------------------------


def _english_quantities(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    skip_until = -1
    chinese = bool(tp.CJK.search(text))  # without any, no number can touch a Chinese character
    lowered = latin_lower(text)
    words = tp.NUMBER_NAME_IN.search(lowered)
    for m in (tp.EN_NUMBER if words else tp.EN_DIGITS_NUMBER).finditer(lowered):
        if m.start() < skip_until or (chinese and tp.CJK.search(text[max(0, m.start() - 1) : m.end() + 1])):
            continue
        q = _english_quantity(text, m)
        if q is not None:
            found.append(q)
            skip_until = q.end
    for m in tp.EN_GLUED_UNIT.finditer(text):
        if chinese and tp.CJK.search(text[max(0, m.start() - 1) : m.end() + 1]):
            continue
        found.append(_glued_quantity(text, m))
    return found + _multipliers(text)


def _multipliers(text: str) -> list[Quantity]:
    """ "double", "three-fold", "twice": factors."""
    if not tp.MULTIPLIER_IN.search(latin_lower(text)):
        return []
    found: list[Quantity] = []
    for m in tp.EN_MULTIPLIER.finditer(text):
        if _ADJECTIVE_FOLD.search(text[max(0, m.start() - 4) : m.start()]) and not _CHANGE_AFTER.match(text[m.end() :]):
            continue  # "a three-fold approach": an adjective, not a goal to multiply
        word = m.group(0).lower().split("-")[0].split(" ")[0]
        factor = tp.MULTIPLIER_WORDS.get(word) or number_value(m.group("n") or "")
        if factor:
            comparator = _english_comparator(text, m.start(), "times")
            found.append(Quantity(m.start(), m.end(), factor, "times", comparator, multiplier=True))
    return found


def _english_quantity(text: str, m: re.Match[str]) -> Quantity | None:
    if not m.group("scale") and _is_year(m, 1.0):
        return None  # a year: the commonest number that is no quantity, told first
    token = m.group("digits") or _as_written(text, m, "words")
    number = number_value(token)
    if number is None or _is_position(text, m.start()):
        return None
    scale = float(tp.SCALE_WORDS[_as_written(text, m, "scale").lower()]) if m.group("scale") else 1.0
    if _is_year(m, scale) or tp.ORDINAL_SUFFIX.match(text, m.end()):
        return None
    value, end = _scaled(number, scale), m.end()
    upper, end = _range_upper(text, m.start(), end)
    unit, end, counted = _english_unit(text, m.start(), end)
    if m.group("words") and not m.group("scale") and (number < 2 or not (unit or counted)):
        return None  # "one necessary", "a …": only "one million" or a plural count is a quantity
    comparator = _english_comparator(text, m.start(), unit)
    start = m.start()
    prefix = tp.CURRENCY_BEFORE.search(text[max(0, start - 6) : start])
    if prefix and unit in {"CNY", "USD", "EUR"}:
        start -= len(prefix.group(0))
    if tp.OR_MORE_NEXT.match(text, m.end()):
        comparator = ">="
    if upper is not None:
        comparator, upper = ">=", _scaled(upper, scale)
    return Quantity(start, end, value, unit, comparator, upper, counted)


def _as_written(text: str, m: re.Match[str], group: str) -> str:
    """A group of a match made in `latin_lower(text)`, read in `text` as written ("" when it did not take
    part)."""
    start, end = m.span(group)
    return text[start:end] if start >= 0 else ""


def _glued_quantity(text: str, m: re.Match[str]) -> Quantity:
    number = number_value(m.group("num")) or 0.0
    raw = m.group("unit")
    if raw.lower() in tp.SCALE_WORDS:  # "1.35bn": the unit follows
        value = _scaled(number, tp.SCALE_WORDS[raw.lower()])
        unit, end, _ = _english_unit(text, m.start(), m.end())
        return Quantity(m.start(), end, value, unit, _english_comparator(text, m.start(), unit))
    unit = "percent" if raw == "%" else str(tp.MEASURE_UNITS.get(raw.lower(), raw))
    return Quantity(m.start(), m.end(), number, unit, _english_comparator(text, m.start(), unit))


def _is_year(m: re.Match[str], scale: float) -> bool:
    digits = m.group("digits") or ""
    return scale == 1.0 and bool(tp.YEAR_NUMBER.fullmatch(digits))


def _is_position(text: str, start: int) -> bool:
    """'Top 5', 'No. 3', 'phase 2', 'per 10,000 people', '#' of a masked date: a rank or a part of a unit."""
    before = text[max(0, start - 20) : start]
    if before.endswith("#") or tp.PER_BEFORE.search(before):
        return True
    return bool(tp.EN_POSITION_BEFORE.search(latin_lower(before))) and not tp.PERCENT_AFTER.match(
        text[start:].split(" ", 1)[-1]
    )


def _range_upper(text: str, start: int, end: int) -> tuple[float | None, int]:
    """The upper bound of "three to five …", "5-10", "100,000 to 200,000 tonnes"; not "from 15 to 56"."""
    tail = _RANGE_TAIL.match(text[end:])
    if not tail:
        return None, end
    joiner = tail.group(0).strip().lower()
    before = text[max(0, start - 30) : start]
    if joiner == "to" and tp.FROM_BEFORE.search(before) and not tp.RANGING_BEFORE.search(before):
        return None, end
    nxt = tp.EN_NUMBER.match(latin_lower(text), end + tail.end())
    if not nxt or (nxt.group("digits") and tp.YEAR_NUMBER.fullmatch(nxt.group("digits"))):
        return None, end
    upper = number_value(nxt.group("digits") or _as_written(text, nxt, "words"))
    if upper is None:
        return None, end
    if nxt.group("scale"):
        upper = _scaled(upper, tp.SCALE_WORDS[_as_written(text, nxt, "scale").lower()])
    return upper, nxt.end()


def _english_unit(text: str, start: int, end: int) -> tuple[str, int, str]:
    """(unit, end of the quantity, counted noun phrase) for the number ending at `end`."""
    rest = text[end:]
    currency = tp.CURRENCY_BEFORE.search(text[max(0, start - 6) : start])
    if currency:
        code = re.sub(r"\s", "", currency.group(0)).lower()
        return (
            tp.CURRENCY_CODES.get(code.rstrip("$") if code not in tp.CURRENCY_CODES else code, "USD"),
            end,
            "",
        )
    for pattern, unit in (
        (tp.POINTS_AFTER, "percentage_points"),
        (tp.PERCENT_AFTER, "percent"),
        (tp.TIMES_AFTER, "times"),
    ):
        m = pattern.match(rest)
        if m:
            return unit, end + m.end(), ""
    m = tp.CURRENCY_AFTER.match(rest)
    if m:
        return (
            tp.CURRENCY_CODES.get(re.sub(r"\s+", " ", m.group(0).strip().lower()), "USD"),
            end + m.end(),
            "",
        )
    m = tp.MEASURE_AFTER.match(latin_lower(rest))
    if m:
        return tp.MEASURE_UNITS[_as_written(rest, m, "unit").lower()], end + m.end(), ""
    return _counted_noun(text, end)


def _counted_noun(text: str, end: int) -> tuple[str, int, str]:
    """(unit, end, phrase): the noun phrase a number counts ("100 advanced key and core technologies") and its
    head as the unit, with an acronym in brackets or a "per 10,000 people" kept."""
    pos = end
    skip = tp.OR_MORE_AFTER.match(text[pos:])
    if skip and re.match(r"\s(?:or|and)\b", text[pos:]):
        pos += skip.end()
    words, pos = _noun_words(text, pos)
    if not words:
        return "", end, ""
    phrase, head = " ".join(words), words[-1]
    acronym = _ACRONYM_AFTER.match(text[pos:])
    if acronym:
        head, pos = acronym.group("a"), pos + acronym.end()
    acronym_like = head.isupper() or head[:-1].isupper() or any(c.isdigit() for c in head)
    literal = head if acronym_like else head.lower()
    unit = str(tp.UNIT_ALIASES.get(head.lower(), literal))
    per = tp.PER_UNIT.match(text[pos:])
    if per:
        unit = f"{unit} per {per.group('per').strip()}"
        phrase, pos = f"{phrase} per {per.group('per').strip()}", pos + per.end()
    return unit, pos, phrase


def _noun_words(text: str, pos: int) -> tuple[list[str], int]:
    """Up to eight words of a noun phrase from `pos`, stopping at a preposition, a verb or a participle."""
    words: list[str] = []
    while len(words) < 8:
        m = _NP_WORD.match(text, pos)
        if not m:
            break
        word = m.group("w").rstrip(".")
        low = word.lower()
        if low in tp.NP_STOP_WORDS and not (low == "and" and words and _and_joins_nouns(text, m.end())):
            break
        if words and low.endswith("ed") and _PREPOSITION_AFTER.match(text[m.end() :]):
            break  # "agencies led by", "firms located in": a participle ends the counted noun
        words.append(word)
        pos = m.end() - (len(m.group("w")) - len(word))
    return words, pos


def _and_joins_nouns(text: str, after_and: int) -> bool:
    """True when the word after "and" continues the noun phrase ("technologies and solutions"), not a new
    clause ("standards and cultivate 100 …")."""
    nxt = re.match(r"\s+(?P<w>[A-Za-z][\w-]*)(?P<then>\s+\S+)?", text[after_and:])
    if nxt is None or re.search(r"\d", nxt.group("then") or ""):
        return False  # "… technicians and certify 300 integrators": a verb with its own count
    word = nxt.group("w").lower()
    return word not in tp.GOAL_VERBS and word not in tp.NP_STOP_WORDS


def _english_comparator(text: str, start: int, unit: str) -> str:
    before = text[max(0, start - 40) : start]
    currency = tp.CURRENCY_END.search(before, max(0, len(before) - tp.CURRENCY_END_REACH))  # it ends `before`
    if currency:
        before = before[: currency.start()] + before[currency.end() :]
    if unit == "percent":
        before = tp.TOP_END.sub("", before)
    lowered = latin_lower(before)
    reach = max(0, len(before.rstrip()) - tp.COMPARATOR_BEFORE_REACH)  # the phrases end the text
    for pattern, comparator in tp.COMPARATOR_BEFORE:
        if pattern.search(lowered, reach):
            return comparator
    return "="


# -- Chinese -------------------------------------------------------------------------------------------------


def _chinese_quantities(text: str) -> list[Quantity]:
    if not tp.CJK.search(text):
        return []  # a Chinese unit, a Chinese verb, or a Chinese character beside an ASCII unit is needed
    found: list[Quantity] = []
    for m in tp.ZH_QUANTITY.finditer(text):
        q = _chinese_quantity(text, m)
        if q is not None:
            found.append(q)
    for m in tp.ZH_PERCENT_WORDS.finditer(text):
        value = _chinese_number(m.group("num"))
        if value is not None:
            found.append(
                Quantity(
                    m.start(),
                    m.end(),
                    value,
                    "percent",
                    _zh_comparator(text, m.start(), m.end())[0],
                    language="zh",
                )
            )
    for m in tp.ZH_MULTIPLIER.finditer(text):
        factor = {"一": 2.0, "两": 4.0, "二": 4.0}.get(m.group("n") or "") or (
            number_value(m.group("k") or "") or 0
        ) + 1
        found.append(Quantity(m.start(), m.end(), factor, "times", multiplier=True, language="zh"))
    return found


def _chinese_quantity(text: str, m: re.Match[str]) -> Quantity | None:
    unit, scale = _ZH_UNIT_TABLE[m.group("unit")]
    if text[max(0, m.start() - 1) : m.start()] in {"“", '"', "「"}:
        return None  # a slogan in quotes: “两个屏障”, “三个一批”
    if not tp.CJK.search(m.group("unit")) and not tp.CJK.search(text[max(0, m.start() - 3) : m.end() + 3]):
        return None  # "20%", "300 EFLOPS" in English: read by the English reader
    if re.fullmatch(r"[一二三四五六七八九两]{2,}", m.group("num")):
        return None  # 六七名, 两三家: "six or seven", not 67
    number = number_value(m.group("num"))
    if number is None or (
        unit in {"CNY", "USD", "EUR"}
        and m.group("num").isdigit()
        and len(m.group("num")) == 4
        and text[m.end() : m.end() + 1] == "年"
    ):
        return None
    upper = number_value(m.group("upper")) if m.group("upper") else None
    comparator, end = _zh_comparator(text, m.start(), m.end())
    if m.group("suffix1"):
        comparator = ">"
    if upper is not None:
        comparator, upper = ">=", _scaled(upper, scale)
    counted = ""
    if unit in {"items", "enterprises", "facilities", "units", "sets", "people"}:
        counted, unit = _zh_counted(text, end, unit)
    return Quantity(m.start(), end, _scaled(number, scale), unit, comparator, upper, counted, language="zh")


def _zh_comparator(text: str, start: int, end: int) -> tuple[str, int]:
    """The comparator around a Chinese quantity and the end of the quantity including a trailing 以上/左右."""
    for pattern, comparator in tp.ZH_COMPARATOR_AFTER:
        m = pattern.match(text[end:])
        if m:
            return comparator, end + m.end()
    before = text[max(0, start - 6) : start]
    for pattern, comparator in tp.ZH_COMPARATOR_BEFORE:
        if pattern.search(before):
            return comparator, end
    return "=", end


def _zh_counted(text: str, end: int, unit: str) -> tuple[str, str]:
    """(the counted noun after a classifier, the unit it names): 5个…集群 → clusters, 5-10家…企业 →
    enterprises."""
    m = tp.ZH_NOUN_AFTER.match(text[end:])
    if not m:
        return "", unit
    noun = m.group("np").split("的")[-1] or m.group("np")
    for suffix, name in tp.ZH_NOUN_UNITS:
        if noun.endswith(suffix):
            return noun, name
    return noun, unit


def _share_units(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """ "from 15 to 56 percent", "from 90 to 300 ExaFLOPS": the first number takes the unit of the second."""
    out = list(quantities)
    for i in range(len(out) - 1):
        q, nxt = out[i], out[i + 1]
        if not q.unit and re.fullmatch(r"\s?(?:to|-|–|and|or)\s?", text[q.end : nxt.start], re.I):
            out[i] = replace(q, unit=nxt.unit, counted=nxt.counted)
    return out


# -- what a quantity measures --------------------------------------------------------------------------------


def clause_of(text: str, q: Quantity) -> tuple[int, int]:
    """(start, end) of the clause of `text` that holds `q`: between commas, semicolons, brackets, dashes."""
    return _clause_between(text, q.start, q.end)


@lru_cache(maxsize=4096)
def _clause_between(text: str, q_start: int, q_end: int) -> tuple[int, int]:
    # Asked several times for each quantity (its year, its metric, its kind, whether it is refused).
    start = max((m.end() for m in tp.CLAUSE_BREAK.finditer(text, 0, q_start)), default=0)
    end = next((m.start() for m in tp.CLAUSE_BREAK.finditer(text, q_end)), len(text))
    return start, end


def language_of(text: str) -> str:
    """ "zh" when Chinese characters outnumber Latin words, else "en"."""
    if not tp.CJK.search(text):
        return "en"
    cjk = len(tp.CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]+", text))
    return "zh" if cjk and cjk >= latin else "en"


def strip_comparator_words(text: str) -> str:
    """`text` without the comparator or currency word that ends it ("… more than CNY " → "… ")."""
    # The words end the text, so the search starts where the longest of them would: the same match, found
    # without trying every position of a long text.
    m = tp.COMPARATOR_WORDS.search(latin_lower(text), max(0, len(text.rstrip()) - tp.COMPARATOR_WORDS_REACH))
    return text[: m.start()] + text[m.end() :] if m else text


def number_of_noun(text: str, q: Quantity) -> str | None:
    """What a bare number counts: "Increase the number of enterprises … to 45,000", "public charging piles
    should reach 4 million" (a plural subject)."""
    return _number_of_noun(text, q.start, q.end)


@lru_cache(maxsize=1024)
def _number_of_noun(text: str, q_start: int, q_end: int) -> str | None:
    # Asked for a quantity's unit, its metric and whether it is refused.
    lowered = latin_lower(text)
    hits = [m for m in tp.EN_METRIC_NUMBER_OF.finditer(lowered, 0, q_start) if q_start - m.end() < 160]
    if hits:
        return _as_written(text, hits[-1], "noun").strip()
    before = strip_comparator_words(text[_clause_between(text, q_start, q_end)[0] : q_start])
    subject = tp.EN_METRIC_SUBJECT.search(latin_lower(before))
    noun = _tidy(_as_written(before, subject, "metric")) if subject else ""
    return noun if re.search(r"[a-z]s$", noun) and " of " not in noun else None


def unit_of_noun(noun: str) -> str:
    """ "5G base stations per 10,000 people" → "stations per 10,000 people"; "industrial apps" → "apps"."""
    head, _, per = noun.partition(" per ")
    unit = head.split(" ")[-1]
    return f"{unit} per {per}" if per else unit


def metric_of(text: str, q: Quantity) -> str:
    """A short noun phrase for what `q` measures ("R&D intensity", "VR headsets", "技术合同成交额")."""
    if q.language == "zh" or language_of(text) == "zh":
        return _zh_metric(text, q)
    if q.multiplier:
        after = _MULTIPLIED_METRIC.match(text[q.end :])
        if after:
            return _tidy(after.group("np"))
    before = text[: q.start]
    stripped = strip_comparator_words(before)
    while stripped != before:
        before, stripped = stripped, strip_comparator_words(stripped)
    c_start = clause_of(text, q)[0]
    lowered = latin_lower(before)
    verbs = [m for m in tp.EN_METRIC_VERB.finditer(lowered) if len(before) - m.end() < 40]
    if verbs and not (q.counted and not q.multiplier):
        return _tidy(_as_written(before, verbs[-1], "metric"))
    for pattern in (tp.EN_METRIC_REACH, tp.EN_METRIC_SUBJECT):
        m = pattern.search(lowered, max(0, c_start - 1))
        if m:
            return _tidy(_as_written(before, m, "metric"))
    number_of = number_of_noun(text, q)
    if number_of:
        return _tidy(number_of)
    if q.counted and not q.multiplier:
        return _tidy(q.counted)
    of = re.match(
        r"\s*of\s+(?P<np>[^,;:()]{3,60}?)(?=\s+(?:are|is|should|will|be|by|in|to|from|up)\b|[,;:()]|$)",
        text[q.end :],
    )
    if of:
        return _tidy(("share of " if q.unit == "percent" else "") + of.group("np"))
    words = re.findall(r"[A-Za-z][\w&'’-]*", text[c_start : q.start])
    return " ".join(words[-6:])


# "Double the robot density of manufacturing compared with 2023": what a multiplier multiplies follows it.
_MULTIPLIED_METRIC = re.compile(
    r"\s*(?:the\s+)?(?P<np>[^,;:()]{3,80}?)(?=\s+(?:compared|from|by|in|relative|over|versus|vs|to)\b|[,;:()]|$)"
)


def _tidy(phrase: str) -> str:
    phrase = re.sub(r"\s*\([^)]*\)", "", phrase).strip(" ,;:")
    while tp.EN_ARTICLES.match(phrase):
        phrase = tp.EN_ARTICLES.sub("", phrase, count=1)
    return phrase


def _zh_metric(text: str, q: Quantity) -> str:
    c_start = clause_of(text, q)[0]
    before = text[c_start : q.start]
    cut = list(tp.ZH_METRIC_CUT.finditer(before))
    if cut:
        before = before[cut[-1].end() :]
    before = tp.ZH_CLAUSE_LEAD.sub("", before)
    for _ in range(3):
        before = tp.ZH_LEVEL_VERB.sub("", tp.ZH_CHANGE_BEFORE.sub("", tp.ZH_METRIC_TRAIL.sub("", before.strip())))
        before = strip_comparator_words(before)
    return before.strip(" ,，的") or q.counted


def kind_and_direction(text: str, q: Quantity) -> tuple[Kind, Direction]:
    """("level" | "change", "increase" | "decrease" | None): "cut by 18%" is a change, "reach 20%" a level."""
    c_start = clause_of(text, q)[0]
    before = text[max(c_start, q.start - 80) : q.start]
    if q.multiplier:
        return "change", ("decrease" if q.value < 1 else "increase")
    kind: Kind
    if q.language == "zh" or language_of(text) == "zh":
        kind = "change" if tp.ZH_CHANGE_BEFORE.search(before) else "level"
        if tp.ZH_DECREASE.search(before):
            return kind, "decrease"
        return kind, ("increase" if kind == "change" else None)
    lowered = latin_lower(text)
    before = lowered[max(c_start, q.start - 80) : q.start]
    changed = tp.EN_CHANGE_BY.search(before) or tp.EN_CHANGE_NOUN.match(lowered[q.end :])
    kind = "change" if changed else "level"
    window = before + lowered[q.end : q.end + 20]
    if tp.EN_DECREASE.search(window):
        return kind, "decrease"
    if tp.EN_INCREASE.search(window):
        return kind, "increase"
    return kind, None


def is_conversion(text: str, q: Quantity, previous: Quantity | None) -> bool:
    """ "10 billion yuan (1.57 billion U.S. dollars)": the amount in brackets restates the one before it."""
    if previous is None or q.unit not in CURRENCIES or previous.unit not in CURRENCIES:
        return False
    gap = text[previous.end : q.start]
    return bool(re.fullmatch(r"\s*[(（]\s*(?:about|approx\.?|around|roughly|or|约)?\s*(?:[A-Z]{3}|US\$|\$|€)?\s*", gap))
