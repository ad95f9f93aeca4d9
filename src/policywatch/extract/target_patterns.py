"""Regular expressions and word lists for quantities and policy targets (data only).

The code lives in quantities.py (numbers and units) and targets.py (which quantities are goals). Word lists
and unit tables are in target_words.toml; every list is lower-case. Where English case does not matter a
pattern is written in lower case and built by `_lowered_case`: it reads the text as `latin_lower` (in
quantities.py) lower-cases it, which finds what re.I would find on the text as written, several times faster.
Some patterns are written to open on a character class, and some slow ones have a quick word test (`…_IN`) that
every match passes: both only spare the engine work, tests/extract/test_targets_speedups.py holds them to the
plain forms.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from policywatch.extract.patterns import (
    EN_DAY_MONTH_YEAR,
    EN_MONTH_DAY,
    EN_MONTH_DAY_YEAR,
    ISO_DATE,
    MONTHS,
    ZH_FULL_DATE,
    ZH_MONTH_DAY,
)

_DATA: dict[str, Any] = tomllib.loads(Path(__file__).with_name("target_words.toml").read_text("utf-8"))
_WORDS = {key: frozenset(value.split()) for key, value in _DATA.items() if isinstance(value, str)}

# ------------------------------------------------------------------------------------------------------------
# Characters
# ------------------------------------------------------------------------------------------------------------

# Full-width ASCII and odd spaces folded one-to-one, so offsets into the folded text are offsets into the
# original.
FOLD_WIDTH = {
    **{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)},
    0x3000: 0x20,
    0xA0: 0x20,
    0x2009: 0x20,
    0x202F: 0x20,
}
CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters other than A–Z and a–z that re.I takes for a Latin letter (ä for Ä, the Kelvin sign for k …):
# folded before a plain substring check stands in for a case-insensitive pattern.
IGNORECASE_LATIN = str.maketrans({"Ä": "ä", "İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})


def _any_of(words: Iterable[str]) -> re.Pattern[str]:
    """Found in a text exactly where one of `words` is (as a plain substring): a quick test before a slower
    pattern every match of which holds one of them. Words that hold another are left to the shorter one."""
    unique = set(words)
    cores = sorted(w for w in unique if not any(other != w and other in w for other in unique))
    return re.compile("|".join(re.escape(w) for w in cores))


def _lowered_case(source: str, flags: int = 0) -> re.Pattern[str]:
    """A case-insensitive pattern written in lower case, compiled to run on text that `latin_lower` (in
    quantities.py) lower-cased: it matches there where it would match the original text with re.I, at the
    same offsets, several times faster (without re.I the engine compares letters directly)."""
    letters = source.replace("(?P<", "(?<").replace("(?P=", "(?=")
    if letters != letters.lower():
        raise ValueError(f"pattern not written in lower case: {source[:60]}")
    pattern = re.compile(source, flags)
    LOWERED_CASE.append(pattern)
    return pattern


LOWERED_CASE: list[re.Pattern[str]] = []  # every pattern so built, for the tests that hold them to re.I
DIGIT = re.compile(r"\d")

# ------------------------------------------------------------------------------------------------------------
# English numbers
# ------------------------------------------------------------------------------------------------------------

UNITS_WORDS: dict[str, Any] = _DATA["units_words"]
TENS_WORDS: dict[str, Any] = _DATA["tens_words"]
SCALE_WORDS: dict[str, Any] = _DATA["scale_words"]
_WORD_NUMBER = (
    r"(?:(?:"
    + "|".join(TENS_WORDS)
    + r")(?:[- ](?:"
    + "|".join(w for w in UNITS_WORDS if UNITS_WORDS[w] < 10)
    + r"))?|"
    + "|".join(sorted(UNITS_WORDS, key=len, reverse=True))
    + r"|a(?= (?:hundred|thousand|million|billion|trillion)\b))"
)
_SCALE = r"(?:hundred|thousand|million|billion|trillion|bn|mn|mln|tn)\b"
# A number as written in English: digits (with thousands commas and decimals) or words, then an optional
# scale.
# The look-arounds keep "5G", "IPv6", "0.1C", "19th", "No.2", "_211102" and dotted versions out.
EN_NUMBER = _lowered_case(
    r"(?<![\w./-])(?:(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?P<words>\b" + _WORD_NUMBER + r"\b))"
    r"(?:\s?(?P<scale>" + _SCALE + r"))?"
    r"(?![\w-]|\.\d|,\d{3})",
)
_SCALE_NAMES = ("hundred", "thousand", "million", "billion", "trillion")
_NUMBER_NAMES = {*UNITS_WORDS, *TENS_WORDS, *_SCALE_NAMES}
# Every number word holds one of these: in a text without any, EN_NUMBER reads digits only, as this does (the
# first digit opens the match, so the engine skips from digit to digit).
NUMBER_NAME_IN = _any_of(_NUMBER_NAMES)
EN_DIGITS_NUMBER = _lowered_case(
    r"(?P<digits>\d(?<![\w./-]\d)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?))(?P<words>(?!))?"
    r"(?:\s?(?P<scale>" + _SCALE + r"))?"
    r"(?![\w-]|\.\d|,\d{3})",
)
# Every English or Chinese quantity has a digit, a number word, a multiplier word or a Chinese numeral: a text
# with none of them is not read any further.
ZH_NUMERAL_CHAR = re.compile(r"[零〇一二两三四五六七八九十百千万亿点]")
NUMBER_WORD_IN = _any_of({*_NUMBER_NAMES, *_DATA["multiplier_words"]})
NUMBER_WORD = _lowered_case(
    r"[零〇一二两三四五六七八九十百千万亿点]|\b(?:"
    + "|".join(sorted({*_NUMBER_NAMES, *_DATA["multiplier_words"]}))
    + r")\b"
)
# What is read around an English number: "19th", "5 or more", "per 10,000", "from CNY 5 …".
ORDINAL_SUFFIX = re.compile(r"\s?(?:st|nd|rd|th)\b")
OR_MORE_NEXT = re.compile(r"\s*(?:or|and) (?:more|above|higher|over)\b", re.I)
YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")
DIGITS_NUMBER = re.compile(r"[\d,]+(?:\.\d+)?")
PER_BEFORE = re.compile(r"\bper\s*$", re.I)
FROM_BEFORE = re.compile(r"\bfrom\s*(?:[A-Z$€]{1,4}\s?)?$", re.I)
CURRENCY_END_REACH = 6  # characters of its longest match ("USD$ "), and the newline "$" may stand before
CURRENCY_END = re.compile(r"(?:\b(?:CNY|RMB|USD\$?|US\$|EUR)\s?|[$€]\s?)$")
TOP_END = re.compile(r"(?:\bthe\s+)?\btop\s*$", re.I)
# Letters glued to a number that are a unit, not part of a code ("50%", "1.35bn", "300MW", "2.58g"). The number
# opens on its first digit, then looks behind it (what stands before the number): written so, the engine
# skips to the next digit instead of trying the pattern at every position.
EN_GLUED_UNIT = re.compile(
    r"(?P<num>\d(?<![\w.$€/-]\d)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?))"
    r"(?P<unit>%|bn|mn|tn|MW|GW|kW|TW|GWh|TWh|kWh|MWh|EB|ZB|PB|EFLOPS|PFLOPS|g/cc|g|kg|km|MPa|mAh/g|t)(?![\w])"
)

# ------------------------------------------------------------------------------------------------------------
# English units
# ------------------------------------------------------------------------------------------------------------

CURRENCY_CODES: dict[str, Any] = _DATA["currency_codes"]
CURRENCY_BEFORE = re.compile(r"(?:\b(?:CNY|RMB|USD\$?|US\$|EUR)\s?|[$€]\s?)$", re.I)
CURRENCY_AFTER = re.compile(r"^\s?(?:CNY|RMB|yuan|renminbi|USD|EUR|euros?|(?:U\.S\.|US) dollars|dollars)\b", re.I)
PERCENT_AFTER = re.compile(r"^\s?(?:%|percent\b|per ?cent\b|pct\b)", re.I)
POINTS_AFTER = re.compile(r"^\s?(?:percentage[- ]points?|pp)\b", re.I)
TIMES_AFTER = re.compile(r"^\s?(?:-fold\b|fold\b|times\b)", re.I)

MEASURE_UNITS: dict[str, Any] = _DATA["measure_units"]
MEASURE_AFTER = _lowered_case(
    r"^\s?(?:of\s)?(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(MEASURE_UNITS, key=len, reverse=True))
    + r")(?![\w/])",
)

NON_TARGET_NOUNS = _WORDS["non_target_nouns"]
SCOPE_NOUNS = _WORDS["scope_nouns"]
NP_STOP_WORDS = _WORDS["np_stop_words"]
PER_UNIT = re.compile(
    r"^\s?per\s+(?P<per>(?:\d{1,3}(?:,\d{3})+|\d+|one|a|ten|one hundred)\s?(?:thousand|million)?\s+[a-z]+"
    r"|[a-z]+(?: [a-z]+)?)",
    re.I,
)
UNIT_ALIASES: dict[str, Any] = _DATA["unit_aliases"]

# ------------------------------------------------------------------------------------------------------------
# English context: comparators, years, cues
# ------------------------------------------------------------------------------------------------------------

COMPARATOR_BEFORE_REACH = 13  # characters of the longest phrase below ("approximately"), spaces after it aside
COMPARATOR_BEFORE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (_lowered_case(p + r"\s*$"), c)
    for p, c in (
        (r"\b(?:at least|no less than|not less than|a minimum of|minimum of|no fewer than|not below)", ">="),
        (
            r"\b(?:no more than|not more than|not exceed(?:ing)?|at most|a maximum of|up to|below|within)",
            "<=",
        ),
        (r"\b(?:less than|fewer than|under)", "<"),
        (
            r"\b(?:more than|over|exceed(?:s|ing)?|above|upwards of|in excess of|surpass(?:es|ing)?|beyond"
            r"|top(?:ping)?)",
            ">",
        ),
        (r"\b(?:roughly|about|around|approximately|approx\.?|some|nearly|almost|close to|an estimated)", "~"),
    )
)
OR_MORE_AFTER = re.compile(r"^(?:\s\w+)?\s(?:or|and) (?:more|above|higher|over)\b", re.I)
RANGING_BEFORE = re.compile(r"\b(?:ranging from|range from|between)\s*$", re.I)

YEAR = r"(?P<year>(?:19|20)\d\d)"
YEAR_ = r"((?:19|20)\d\d)"  # in patterns with several alternatives: the year is the first group that matched
# Years that are deadlines (by 2025) and the ones that are baselines (up from … in 2020, 比2020年).
# "by 2025" is always a deadline; "in 2025" / "for 2025" only in a sentence that states a goal.
EN_DEADLINE = _lowered_case(
    r"\b(?P<prep>by(?: the end of)?(?: the year)?|before|no later than|as of|until|till|through|ahead of"
    r"|in|for)\s+" + YEAR + r"\b(?!\s*(?:levels?|figures?|values?|baseline)\b)",
)
EN_WEAK_DEADLINE_PREPS = frozenset({"in", "for"})
EN_YEAR_TARGET = re.compile(YEAR + r"\s+(?:targets?|goals?)\b", re.I)
EN_BASE_YEAR = _lowered_case(
    r"(?:\b(?:compared (?:with|to)|relative to|over|versus|vs\.?|from|than(?: in)?)\s+"
    r"(?:the\s+)?(?:levels? of\s+)?" + YEAR_ + r"(?:\s+(?:levels?|figures?|values?))?"
    r"|\bthe\s+" + YEAR_ + r"\s+(?:levels?|figures?|values?|baseline)"
    r"|\btaking\s+" + YEAR_ + r"\s+as\s+(?:the\s+)?base(?:line)?(?: year)?)",
)
BASELINE_YEAR_LEAD = re.compile(
    r"\btaking\s+" + YEAR_ + r"\s+as\s+(?:the\s+)?base(?:line)?|以" + YEAR_ + r"年为基(?:期|准|年)", re.I
)
PERIOD = re.compile(
    r"(?P<start>(?:19|20)\d\d)\s*(?:年)?\s*(?:-|–|—|~|至|到| to |/)\s*(?P<end>(?:19|20)?\d\d)\b\s*(?:年)?",
    re.I,
)
# What every year mark holds: a year, or a five-year plan ("十四五", "the 14th Five-Year Plan").
YEAR_OR_PLAN = re.compile(r"(?:19|20)\d\d|十[三四五六]五|Five-Year Plan", re.I)
STAT_YEAR_OPENING = re.compile(
    r"^\W*(?:in|as of the end of|at the end of|during)\s+(?:[A-Z][a-z]+\.?\s+)?"
    + YEAR_
    + r"\b|^\W*"
    + YEAR_
    + r"年[,，]",
    re.I,
)

# Something said in the past, a forecast or a superseded draft: the sentence's numbers are not goals.
EN_FORECAST = _lowered_case(
    r"\b(?:forecasts?|forecasted|estimated?|estimates|projected|projections?|assuming|at the current pace|"
    r"analysts?|could|might|may well|likely to|consultanc(?:y|ies)|according to (?:data|estimates|figures|"
    r"statistics)|it is expected|predicts?|predicted)\b",
)
EN_SUPERSEDED = _lowered_case(
    r"\b(?:had aimed|had set|had targeted|had planned|unlike (?:a|the) (?:draft|previous|earlier)|"
    r"previous(?:ly)? (?:draft|target|goal)|earlier draft|draft (?:plan|version) released|was scrapped"
    r"|dropped the)\b",
)
EN_STATISTIC = _lowered_case(
    r"\b(?:so far|to date|currently|existing|already|last year|this year's|at present|as of now|"
    r"accounted for|generated|was|were|had|has been|have been|rose|fell|dropped|grew|(?:has|have|had) installed|"
    r"recorded|"
    r"registered|totalled|totaled|amounted|stood at|reached a|hit a|achieved|contributed)\b",
)
# "expected to" is a goal only when the sentence attributes it to a policy ("according to the plan").
EN_EXPECTED = _lowered_case(r"\b(?:expected|anticipated|set) to\b")
EN_PLAN_SOURCE = _lowered_case(
    r"\b(?:according to|under|in|said|says|states|stated)\b[^.;]{0,60}\b(?:plan|guidelines?|guidance|notice|"
    r"circular|document|opinions|programme|program|roadmap|blueprint|strategy|ministry|miit|ndrc)\b",
)
EN_GOAL_CUE = _lowered_case(
    r"\b(?:aims?|aimed|aiming|goals?|targets?|targeting|targeted|objectives?|milestones?|ambitions?|"
    r"plans? to|planned to|planning to|intends?|intended|envisages?|envisaged|envisions?|envisioned|seeks?|"
    r"strives?|striving|calls? for|pledged?|pledges|commits?|committed|vows?|vowed|proposes?|proposed that|"
    r"proposing|wants to|hopes? to|sets? out|endeavou?r|is planned|are planned)\b",
)
# "will", "should", "is to" state a goal only before a verb of doing ("should be cultivated", "will build"),
# not in "will be affected", "will attend".
EN_MODAL_VERB = _lowered_case(
    r"\b(?:will|would|should|shall|must|is to|are to)\s+(?:also\s+|further\s+|then\s+)?(?:be\s+|have\s+)?"
    r"(?P<verb>[a-z]+)",
)
GOAL_VERBS = _WORDS["goal_verbs"]
VERB_FIRST_SKIP = re.compile(r"^[\s\W]*(?:\d{1,2}[.)]\s+)?(?:(?:and|also|further|then|to|will|should)\s+)?", re.I)
# Phrases that make a number a condition or a specification rather than a goal.
EN_THRESHOLD = _lowered_case(
    r"(?:≥|≤|>=|<=|\b(?:if\b|maximum\b|minimum\b|weighing\b|weight of\b|"
    r"conditions?\b|threshold\b|personal (?:information|data)\b|data of\b|"
    r"process(?:ing|es)? (?:the )?(?:personal )?data\b|"
    r"fines?\b|penalt(?:y|ies)\b|times the\b|punish))",
)
# "15 enterprises to reach revenue of over CNY 100 billion": the amount qualifies the firms counted before it.
EN_QUALIFIER_BEFORE = _lowered_case(
    r"(?:\bwith (?:an? )?(?:annual |operating |total )?(?:revenues?|sales|turnover|output|assets)\b|"
    r"\bwhose\b|\bwhere\b|"
    r"\brevenues? (?:of|exceeding|above|over)\b|\bof each one\b|\beach (?:with|of)\b|"
    r"\bper (?:company|enterprise|firm|project)\b)[^,;]*$",
)
EN_DEAL = _lowered_case(
    r"\b(?:buy|buys|bought|purchase[sd]?|order(?:s|ed)? (?:of|for)|acquir(?:e|es|ed|ing)|worth|valued at|"
    r"deal|contract worth|signed|inaugurated|opened)\b",
)
EN_INVEST_MONEY = _lowered_case(r"\binvest(?:s|ed|ing)?\b(?:\s+\w+){0,3}\s*$")
# The verb that ends a subject announcing an intention ("Tesla aims to …", "比亚迪计划…"), in corporate.py.
COMPANY_INTENT_VERB = _lowered_case(
    r"\b(?:aims?|plans?|planned|intends?|targets?|expects?|wants?|will|pledged|pledges|seeks?|hopes?|"
    r"announced|said|is to|vowed)\b|计划|拟|将|力争|目标是|预计"
)
CORPORATE_CUES = _lowered_case(
    r"\b(?:jv|joint venture|carmakers?|automakers?|co\.,? ltd|inc\.|press release|announced plans|"
    r"shareholders|subsidiary|listed company)\b",
)
# "top five steelmakers", "Top 5", "No. 3", "one of seven": positions and shares of a list, not quantities.
EN_POSITION_BEFORE = _lowered_case(
    r"\b(?:top|no\.?|number|nos\.?|one of|the first|the last|phase|level|grade|class|tier|article|annex|"
    r"chapter|section|item|order|step|round|batch|page|vol\.?|issue)\s*$",
)
# Baseline quantities: "up from 6.8 percent", "(up from 10,000)", "compared with 8.16 trillion".
CHANGE_WORD_BEFORE = _lowered_case(r"\b(?:up|down|compared|versus|vs)\b[^,;]{0,12}$")
EN_BASE_BEFORE = _lowered_case(
    r"\b(?:up|down|rising|increasing|growing|falling)? ?from\s*$|\bcompared (?:with|to)\s*$|\bversus\s*$"
    r"|\bvs\.?\s*$",
)
MULTIPLIER_WORDS: dict[str, Any] = _DATA["multiplier_words"]
MULTIPLIER_IN = _any_of({*MULTIPLIER_WORDS, "times", "fold"})  # in every match of the pattern below
EN_MULTIPLIER = re.compile(
    r"\b(?:" + "|".join(MULTIPLIER_WORDS) + r")\b|\b(?P<n>two|three|four|five|\d+)[- ](?:times|fold)\b", re.I
)
# "twice the 2020 figure", "three times the 2020 level": a factor on a level target, not a target of its own.
FACTOR_IN = _any_of({"twice", "double", "triple", "times"})  # in every match of the pattern below
EN_FACTOR_OF_YEAR = re.compile(
    r"(?P<approx>\b(?:almost|nearly|roughly|about|around|approximately|some|more than|over)\s+)?"
    r"\b(?P<word>twice|double|triple|(?:two|three|four|\d+) times)\s+(?:the\s+)?"
    r"(?:(?:level|figure|value|size) (?:of|in)\s+)?" + YEAR,
    re.I,
)
EN_APPROX = _lowered_case(r"\b(?:almost|nearly|roughly|about|around|approximately|some)\s*$")
EN_CHANGE_BY = _lowered_case(
    r"\bby\s*(?:(?:at least|more than|over|about|around|roughly|nearly|almost|some|up to)\s*)?$",
)
EN_CHANGE_NOUN = _lowered_case(
    r"^\s?(?:percent|per ?cent|%)?\s*(?:increase|rise|growth|reduction|decrease|drop|cut|decline|jump)\b",
)
EN_DECREASE = _lowered_case(
    r"\b(?:reduc\w*|cut\w*|lower\w*|decreas\w*|declin\w*|fall\w*|drop\w*|halv\w*|shrink\w*|curb\w*|down)\b",
)
EN_INCREASE = _lowered_case(
    r"\b(?:increas\w*|rais\w*|grow\w*|boost\w*|expand\w*|lift\w*|doubl\w*|tripl\w*|quadrupl\w*|up|rise|rising|higher|more)\b",
)
# The thing measured, when the clause names it: "increase the value of X to", "reach an R&D intensity of",
# "the number of X", "X accounts for".
EN_METRIC_VERB = _lowered_case(
    r"\b(?:increas\w*|rais\w*|grow\w*|boost\w*|expand\w*|lift\w*|cut\w*|reduc\w*|lower\w*|bring\w*|keep\w*|"
    r"doubl\w*|tripl\w*|quadrupl\w*|halv\w*)\s+(?:the\s+|its\s+|their\s+|china's\s+|china’s\s+)?"
    r"(?P<metric>[^,;:()]{2,90}?)\s+(?:\([^)]*\)\s+)?(?:to|by|from|within|below|under|above|at)\b",
)
EN_METRIC_REACH = _lowered_case(
    r"\b(?:reach|achieve|attain|hit|maintain|ensure)\w*\s+(?:an?\s+|the\s+)?(?P<metric>[^,;:()]{2,60}?)\s+of\s*$",
)
EN_METRIC_NUMBER_OF = _lowered_case(
    r"\bthe number of\s+(?P<noun>(?:[^,;:()]|,(?=\d{3})){2,80}?)"
    r"(?=\s+(?:from|to|that|which|who|by|in|reach|should|will|is|are)\b|,(?!\d{3})|[;:]|$)",
)
EN_METRIC_SUBJECT = _lowered_case(
    r"(?:^|\b(?:which|that|where|with|whereby|and)\s+)(?:the\s+)?(?P<metric>[^,;:()]{3,80}?)\s+"
    r"(?:should |will |would |is to |are to |must |shall )?(?:be\s+)?"
    r"(?:account\w* for|total\w*|reach\w*|exceed\w*|amount\w* to|hit|rise to|fall to|grow to|increase to|"
    r"be reduced by|be cut by|be raised to|be increased to|remain at|stand at|make up|represent\w*)"
    r"(?:\s+(?:at least|more than|over|about|around|roughly|nearly|almost|approximately"
    r"|an? approximately))?\s*$",
)
EN_ARTICLES = re.compile(r"^(?:the|a|an|its|their|china's|china’s|and|to|also|(?:ensure|make sure|so) that)\s+", re.I)

# ------------------------------------------------------------------------------------------------------------
# Chinese
# ------------------------------------------------------------------------------------------------------------

ZH_NUMERAL = r"[零〇一二两三四五六七八九十百千万亿点]+"
ZH_DIGITS = r"\d+(?:\.\d+)?"
ZH_UNITS: tuple[tuple[str, str, float], ...] = tuple(
    (unit, name, float(scale)) for unit, (name, scale) in _DATA["zh_units"].items()
)
ZH_QUANTITY = re.compile(
    r"(?<![\dA-Za-z.〔\[（(第零〇一二两三四五六七八九十百千万亿])(?P<num>" + ZH_DIGITS + r"|" + ZH_NUMERAL + r")"
    r"(?:\s*(?P<sep>-|—|–|~|～|至|到)\s*(?P<upper>" + ZH_DIGITS + r"|" + ZH_NUMERAL + r"))?"
    r"\s*(?P<suffix1>余|多)?\s*"
    r"(?P<unit>" + "|".join(re.escape(u) for u, _, _ in sorted(ZH_UNITS, key=lambda u: -len(u[0]))) + r")"
)
ZH_PERCENT_WORDS = re.compile(r"百分之(?P<num>[零〇一二两三四五六七八九十百点]+)")
ZH_MULTIPLIER = re.compile(r"翻(?P<n>一|两|二)番|(?P<x>增长|提高|增加|扩大)(?P<k>[一二两三四五六七八九十]|\d+)倍")
ZH_NOUN_AFTER = re.compile(
    r"^(?:以上|左右|以内|以下|多|余)?(?P<np>[\u4e00-\u9fffA-Za-z0-9“”\"]{1,40}?)(?=[,，;；。、)）]|$|和|与|及|等)"
)
ZH_NOUN_UNITS: tuple[tuple[str, str], ...] = tuple(
    sorted(_DATA["zh_noun_units"].items(), key=lambda item: -len(item[0]))
)
ZH_COMPARATOR_BEFORE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p + r"\s*$"), c)
    for p, c in (
        (r"(?:不低于|不少于|至少|不小于|最少)", ">="),
        (r"(?:不超过|不高于|不多于|控制在|最多|上限)", "<="),
        (r"(?:低于|少于|小于)", "<"),
        (r"(?:超过|突破|逾|多于|高于|大于|超)", ">"),
        (r"(?:约|近|大约|接近|大概)", "~"),
    )
)
ZH_COMPARATOR_AFTER: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(r"^\s*" + p), c)
    for p, c in (
        (r"(?:以上|及以上)", ">="),
        (r"(?:左右)", "~"),
        (r"(?:以下|以内|之内)", "<="),
    )
)
ZH_DEADLINE = re.compile(
    r"(?:到|至|力争|争取|力争到|争取到)\s*" + YEAR_ + r"\s*年(?:底|末)?"
    r"|" + YEAR_ + r"\s*年(?:底|末)?(?:以)?前"
    r"|" + YEAR_ + r"\s*年(?:目标|主要目标)"
)
# Five-year-plan periods as deadlines: "十四五"期间/末 → 2025; "by the end of the 14th Five-Year Plan" → 2025.
ZH_FYP_DEADLINE = re.compile(r"[“\"]?十(?P<n>[三四五六])五[”\"]?(?:期间|末|时期|规划期|期末)")
EN_FYP_DEADLINE = re.compile(
    r"\b(?:during|by the end of|in|over) the (?P<n>1[3-6])th Five-Year Plan(?: \(FYP\))?(?: period)?", re.I
)
FYP_END_YEAR: dict[str, Any] = _DATA["fyp_end_year"]
ZH_BARE_YEAR = re.compile(YEAR + r"\s*年(?![\d月度底末前])")
ZH_BASE_YEAR = re.compile(
    r"(?:比|较|相比|与|对比|基于|以)\s*" + YEAR_ + r"\s*年|" + YEAR_ + r"\s*年(?:水平|基础上|基数)"
)
ZH_GOAL_CUE = re.compile(r"力争|争取|目标|要|将|确保|提出|明确|计划|预期|努力|实现|推动")
# A sentence that opens on the present or the past (目前，… 截至2022年底，… 据统计，…) reports, it does not aim.
ZH_STAT_OPENING = re.compile(r"^\W*(?:目前|当前|截至|截止|据统计|据初步统计|去年|今年以来|近年来|\d{4}年以来|近\d+年)")
# Page furniture after an article (责编, 推荐阅读…): a Chinese section's year does not reach past it.
ZH_PAGE_FURNITURE = re.compile(
    r"^\W*(?:责编|责任编辑|编辑|推荐阅读|相关新闻|相关阅读|相关链接|标签|扫一扫|分享到|打印|关闭)"
)
ZH_STATISTIC = re.compile(
    r"有(?=\d|[一二三四五六七八九十两])|据统计|总投资|投资额|签约|已经|已|累计建成|截至|截止|目前|去年|同比|上年|了|共有|现有|共计|当年"
)
ZH_FORECAST = re.compile(r"预计|预测|估计|有望|或将|可能|建成后|投产后|达产后")
ZH_SUPERSEDED = re.compile(r"此前|原定|原计划|曾提出")
ZH_BASE_BEFORE = re.compile(r"(?:由|从)\s*$")
ZH_DECREASE = re.compile(r"(?:下降|降低|减少|压减|削减|缩减|降至|降到|降为|控制在|减排)")
ZH_CHANGE_BEFORE = re.compile(r"(?:下降|降低|减少|压减|削减|缩减|提高|提升|增长|增加|扩大|减排)\s*$")
ZH_LEVEL_VERB = re.compile(
    r"(?:达到|达|降至|降到|降为|缩小到|缩小至|缩短到|缩短至|减少到|下降到|覆盖|提高到|提高至|提升到|提升至|增至|增加到|增长到|扩大到|保持在|控制在|为|实现|突破|超过|培育|形成|建成|建设|打造|推广|认定|遴选|部署|布局|新增|创建|培养)\s*(?:约|近|不低于|不少于|至少)?\s*$"
)
DRAFT_IN = _any_of({"征求意见稿", "草案", "送审稿", "draft"})  # in every match of the pattern below
DRAFT_MARK = _lowered_case(r"征求意见稿|草案|送审稿|\bdraft for (?:public )?comments?\b|\(draft\)")
ZH_CLAUSE_LEAD = re.compile(
    r"^(?:其中|力争|争取|到\d{4}年(?:底|末)?|\d{4}年前|同时|并|要|将|全国|我国|使|推动|实现|确保)+"
)
ZH_METRIC_TRAIL = re.compile(r"(?:要|将|应|比\d{4}年|较\d{4}年|比|较|力争|累计|年均|总量|分别)+$")

# ------------------------------------------------------------------------------------------------------------
# Sentences, clauses, bullets, lead-ins
# ------------------------------------------------------------------------------------------------------------

EN_ABBREVIATIONS = _WORDS["en_abbreviations"]
# The word before a sentence stop, to tell "U.S." and "Jan." from the end of a sentence.
LAST_WORD = re.compile(r"([\w.]+)[.!?]?[\"”’)]*\s*$")
SENTENCE_STOPS = ".!?;。！？"  # a text without any is one sentence
SENTENCE_END = re.compile(
    r"(?<=[.!?;。！？])(?:(?<=[.!?])[\"”’)]*\s+(?=[\"“(‘']?[A-Z0-9])|(?<=[。！？!?])|(?<=;)\s+(?=[A-Z]))"
)
# Clause breaks: "," (not a thousands comma), ";", "：", brackets, a dash between spaces, "—", "、". Written to
# open on a class of the characters that can start one and then look behind at it, so the engine jumps from one
# candidate to the next; the same matches as r",(?!\d{3}\b)|[;；，:：()（）\[\]]|\s[–—-]\s|—|、(?=\S)".
CLAUSE_BREAK = re.compile(
    r"[,;；，:：()（）\[\]—、\s]"
    r"(?:(?<=[;；，:：()（）\[\]—])|(?<=,)(?!\d{3}\b)|(?<=\s)[–—-]\s|(?<=、)(?=\S))"
)
BULLET_MARK = re.compile(
    r"^\s*(?:[•●▪■◆◇○·∙*✔✓➢►▶-]|[-–—](?=\s)|l(?=\s+[A-Z])|[a-z][.)](?=\s)|\(?\d{1,2}[.)、](?=\s*\S)|"
    r"\(\d{1,2}\)|（\d{1,2}）|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)\s*"
)
# Numbering that opens a section title (not the symbol bullets of a list): 一、 （二） 3. (4)
HEADING_MARK = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d{1,2}[.、)](?=\s*\S)|"
    r"第[一二三四五六七八九十]+[章节条部分])\s*"
)
NEWS_DATE_PREFIX = re.compile(r"^\s*\*?\s*(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})\s*:\s*\*?\s*")
DATELINE_PREFIX = re.compile(r"^[A-Z][A-Z ,.'’]+(?:,|\s)\s*[A-Z][a-z]{2,8}\.? \d{1,2}\s*\([^)]*\)\s*(?:--|—|–)\s*")
LEAD_IN_GOALS = _lowered_case(
    r"\b(?:targets?|goals?|objectives?|aims?|milestones?|key points|key tasks|include|includes|including|"
    r"such as|"
    r"are to|as follows)\b|主要目标|目标是|目标为|目标:|如下|提出|明确",
)
LEAD_IN_NON_GOALS = _lowered_case(
    r"\b(?:changes include|key findings|the following conditions|conditions|exempt|waiv|prohibited|"
    r"restricted|"
    r"requirements? (?:for|to)|it must|must:|qualify|criteria|definitions?)\b",
)
PLAN_PERIOD_TITLE = re.compile(
    r"[(（]\s*(?P<start>(?:19|20)\d\d)\s*(?:年)?\s*[-–—~～至到]\s*(?P<end>(?:19|20)\d\d)\s*(?:年)?\s*[)）]"
    r"|\b(?P<start2>(?:19|20)\d\d)\s*[-–—]\s*(?P<end2>(?:19|20)\d\d)\b"
)
TITLE_MARKS = re.compile(r"《[^》]{0,80}》|“[^”]{0,40}”")
# "up from 6.8 percent in 2020", "higher than in 2020": the year is the base of the change.
COMPARED_BEFORE_YEAR = _lowered_case(r"\b(?:from|than|of)\b[^,;]{0,30}$")
FROM_OPENS_CLAUSE = re.compile(r"[,;(]\s*from\s*$")
TO_AFTER = re.compile(r"\s*(?:[A-Za-z%]+\s){0,3}?to\b")
PAST_VERB_BEFORE = _lowered_case(r"\b(?:\w+ed|was|were|had|began|began|held|took|made|set)\s+(?:\w+\s+){0,3}$")
# "on 7 July", "7th November": a day of a month whose year is elsewhere (months capitalised: "5 may" is a
# verb).
DAY_MONTH = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:"
    + "|".join(sorted({m.capitalize() for m in MONTHS if m != "may"} | {"May"}, key=len, reverse=True))
    + r")\b\.?"
)
CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")


def _opening_on(pattern: re.Pattern[str], opening: str, fast_opening: str) -> re.Pattern[str]:
    """`pattern` with its `opening` written as `fast_opening`, which matches the same text but starts on a
    character class, so the engine skips to the next candidate character instead of trying the whole pattern
    at every position of the text."""
    if not pattern.pattern.startswith(opening):
        raise ValueError(f"pattern does not open with {opening}: {pattern.pattern[:60]}")
    return re.compile(fast_opening + pattern.pattern[len(opening) :], pattern.flags)


# The dates to mask (from patterns.py and above), opening on a month's first letter or on a digit. "\b" before
# a digit is "no word character before it", looked at once the digit is taken.
_MONTH_INITIALS = "".join(sorted({name[0] for name in MONTHS}))
_DAY = r"\b(?P<day>\d{1,2})"
MASKED_DATES = (
    _opening_on(EN_MONTH_DAY_YEAR, "", f"(?=[{_MONTH_INITIALS}])"),
    _opening_on(EN_DAY_MONTH_YEAR, _DAY, r"(?P<day>\d(?<!\w\d)\d?)"),
    _opening_on(EN_MONTH_DAY, "", f"(?=[{_MONTH_INITIALS}])"),
    _opening_on(DAY_MONTH, r"\b\d{1,2}", r"\d(?<!\w\d)\d?"),
    _opening_on(ISO_DATE, r"\b(?P<year>(?:19|20)\d\d)", r"(?P<year>(?:19|20)\d\d)(?<!\w\d{4})"),
    ZH_FULL_DATE,
    ZH_MONTH_DAY,
    PERIOD,
    _opening_on(CLOCK_TIME, r"\b\d{1,2}", r"\d(?<!\w\d)\d?"),
)
MONTH_DATES = frozenset(MASKED_DATES[:4])  # the dates that name a month
# A character the others need: without it the pattern is not tried.
MASK_NEEDS = {MASKED_DATES[4]: "-", ZH_FULL_DATE: "月", ZH_MONTH_DAY: "月", MASKED_DATES[8]: ":"}
MONTH_NAME_IN = _any_of(MONTHS)  # found in a (lower-cased) text that names a month

# Words between a metric and its number (comparators, currency codes), cut before the metric is read.
COMPARATOR_WORDS_REACH = 16  # characters of the longest phrase below ("an approximately"), spaces after it aside
COMPARATOR_WORDS = _lowered_case(
    r"(?:\b(?:at least|no less than|more than|over|exceed(?:s|ing)?|above|roughly|about|around|approximately|"
    r"nearly|almost|some|up to|below|under|less than|no more than|the top|top|an? approximately)|"
    r"cny|rmb|usd|eur|"
    r"us\$|[$€]|不低于|不少于|至少|超过|突破|约|近|逾)\s*$",
)
ZH_METRIC_CUT = re.compile(
    r"(?:到\d{4}年(?:底|末)?|\d{4}年(?:底|末)?前|力争|争取|提出|明确|实现|要求|目标是|目标为|其中|要|将)"
)
