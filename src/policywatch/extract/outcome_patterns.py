"""Regular expressions for reported outcomes (data only; the code is in outcomes.py).

An outcome is a value a text reports as achieved for a year. English marks that with a past-tense verb
("reached", "stood at", "rose by"); Chinese with a year that is not a deadline (2025年, 截至2025年底, not
到2025年) and a verb of reaching, or with a mark of completion (已, 实际, 累计, a verb + 了) that overrides a
deadline. Anything forward-looking — modal verbs, goal words, 力争, 预计, 将 — rules a clause out.
"""

from __future__ import annotations

import re

# Sentences end at Chinese and English sentence marks (an English full stop only before a space or the end).
SENTENCE_END = re.compile(r"[。！？!?\n]|\.(?=\s|$)")
# Clauses: Chinese commas and semicolons, English ones that are not thousands separators.
CLAUSE_BREAK = re.compile(r"[，；;：]|(?<!\d),|,(?!\d)|:\s")

# Cheap first look: no year or no verb of reporting, no outcome.
ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

# -- years ---------------------------------------------------------------------------------------------------

# A year the clause reports for. "2021-2025" and "2021—2025年" are periods, not years; 2025年前 / 以来 / 起
# are not a year's figure either.
EN_YEAR = re.compile(r"(?<![\d\-–—/])(?P<year>(?:19|20)\d\d)(?![\d\-–—/]|\s*[-–—]\s*\d)")
ZH_YEAR = re.compile(r"(?<![\d\-–—~])(?P<year>(?:19|20)\d\d)\s*年(?!\s*[-–—~至到]\s*\d)(?![前起以])")
# "2021至2025年": the second year closes a period.
PERIOD_BEFORE = re.compile(r"\d\s*[-–—~至到]\s*$")
# The year is a baseline, not the year reported: "from 2020", "than in 2020", 比2020年, 较2020年.
EN_BASELINE_BEFORE = re.compile(
    r"\b(?:from|since|than|compared (?:with|to)|versus|vs\.?|relative to|over|on)\s+(?:(?:the\s+)?(?:end\s+of\s+)?"
    r"(?:in\s+)?)$",
    re.I,
)
ZH_BASELINE_BEFORE = re.compile(r"(?:比|较|同比|相比|相较|与|和)\s*$")
# A deadline year: 到2025年 / 至2025年 (but 截至2025年 is "as of").
ZH_DEADLINE_BEFORE = re.compile(r"(?<!截)(?<!截止)(?:到|至)\s*$")

# Whole year phrases removed from the text before the verb to leave the metric.
EN_YEAR_PHRASE = re.compile(
    r"\b(?:(?:in|by|as of|at|for|during|through|until|throughout)\s+)?(?:the\s+)?(?:(?:end|close)\s+of\s+)?"
    r"(?:(?:the\s+)?year\s+)?(?:19|20)\d\d\b|\bend-(?:19|20)\d\d\b",
    re.I,
)
ZH_YEAR_PHRASE = re.compile(
    r"(?:比|较|同比|相比|与|截至|截止|到|至|在)?(?:19|20)\d\d\s*年(?:底|末|年底|年末|全年|上半年|前三季度)?(?:相比)?"
)
# Words around a metric that are not part of it: completion marks, hedges before the number.
METRIC_EDGE = re.compile(
    r"^(?:已经|已|实际|业已|累计|共|约|近|the\s+|already\s+|(?:and|but|while|whereas|which|with|as)\s+)+"
    r"|(?:已经|已|实际|业已|约|近|了|already|has|have|had)+$",
    re.I,
)

# -- verbs ---------------------------------------------------------------------------------------------------

# English verbs that report a value. The named group says what the value is: a level reached, a level with
# a direction ("rose to"), or a change ("rose by 5 percent").
EN_LEVEL_VERB = re.compile(
    r"\b(?:(?:had|has|have)\s+(?:already\s+)?)?(?P<verb>reached|stood at|hit|totall?ed|amounted to|came to"
    r"|came in at|achieved|recorded|registered|numbered|exceeded|surpassed|topped|was|were)\b",
    re.I,
)
EN_CHANGE_VERB = re.compile(
    r"\b(?:(?:had|has|have)\s+)?(?P<verb>rose|grew|increased|climbed|jumped|surged|expanded|risen|grown"
    r"|fell|dropped|declined|decreased|shrank|slid|fallen|contracted)\b(?P<to>\s+to\b)?(?P<by>\s+by\b)?",
    re.I,
)
EN_DECREASE_VERBS = frozenset({"fell", "dropped", "declined", "decreased", "shrank", "slid", "fallen", "contracted"})
EN_ABOVE_VERBS = frozenset({"exceeded", "surpassed", "topped"})
EN_COPULAS = frozenset({"was", "were"})
EN_FROM_TO = re.compile(r"^\s+from\b.*?\bto\b", re.I)  # "rose from 6.8 percent to 20 percent": take the "to"

EN_FORWARD = re.compile(
    r"\b(?:will|shall|should|would|must|may|might|could|aims?|aimed|aiming|targets?|targeted|goals?|plans?"
    r"|planned|planning|expects?|expected|forecasts?|forecasted|projects?|projected|projection|estimates?"
    r"|strives?|seeks?|intends?|envisages?|envisions?|pledged?|vows?|vowed|set to|poised|going to|objective"
    r"|to (?:reach|increase|raise|rise|grow|cut|reduce|lower|exceed|achieve|hit|double|triple|boost|expand))\b",
    re.I,
)

# Chinese verbs of reporting. "了" after a verb marks completion and overrides a deadline.
ZH_LEVEL_VERB = re.compile(
    r"(?P<verb>达到|达|为|突破|超过|超|实现|完成|累计|共计|合计|总计|拥有|占|建成|新建|新增|培育|认定|部署|开通"
    r"|升至|增至|提高到|提高至|提升至|提升到"
    r"|上升至|上升到|降至|降到|降低到|降低至|下降到|下降至|减少到|减少至)(?P<le>了)?"
)
ZH_CHANGE_VERB = re.compile(
    r"(?P<verb>增长|增加|提高|提升|上升|增|下降|降低|减少|下滑|减)(?P<le>了)?(?=[\d约近超百千万一二三四五六七八九十两])"
)
ZH_DECREASE_WORDS = ("降", "减", "下滑")
ZH_ABOVE_VERBS = frozenset({"突破", "超过", "超"})

ZH_FORWARD = re.compile(
    r"力争|争取|预计|预期|有望|目标|计划|规划|确保|努力|力求|届时|拟|将(?!近)|要(?=[达实提突超降增控确])"
    r"|应(?=当|[达实提])|需(?=要|[达实])|可望|期望|希望|(?<!截)(?<!截止)(?:到|至)\s*(?:19|20)\d\d\s*年"
)
ZH_COMPLETED = re.compile(r"已|实际|截至|截止|业已|提前完成|超额完成|完成了")

# Largest gap (characters) between the verb and the number it reports.
EN_GAP = 28
EN_COPULA_GAP = 12
ZH_GAP = 6
