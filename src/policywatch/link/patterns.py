"""Regexes and word lists the linker matches titles on (data only; the code is in titles.py)."""

from __future__ import annotations

import re

from policywatch.parse.notice_patterns import CJK, ORG_SUFFIX, QUOTED_TITLE

__all__ = [
    "CJK_RUN", "DISTINGUISHING_NUMBER", "ENGLISH_STOPWORDS", "ENGLISH_WORD", "ISSUED_DOCUMENT", "ISSUER_PREFIX",
    "ORG_SUFFIX", "PREFIX_VERBS", "QUOTED_TITLE", "TITLE_BOILERPLATE",
]

# "国家知识产权局 工业和信息化部关于…的通知": everything before the first 关于 is the issuers, which a brief
# usually leaves out of the title it quotes.
ISSUER_PREFIX = re.compile(r"^(?P<issuer>.{2,80}?)(?P<rest>关于.{4,})$")

# An issuer prefix that acts on another document is not an issuer prefix: in
# "浙江省经信厅转发工业和信息化部关于…的通知" the 关于-title is the forwarded document's, not this one's.
PREFIX_VERBS = ("转发", "批转", "印发", "发布", "解读")

# "关于印发《X》的通知" issues X: a brief often names the plan (X) rather than the notice carrying it.
ISSUED_DOCUMENT = re.compile(r"(?:关于)?(?:印发|发布)《(?P<title>[^《》]{2,120})》(?:的)?(?:通知|公告|通告)$")

# Numbers that tell apart documents of one series: years (2022, 2023), batches (第五批), editions (2024年本).
# Two titles whose numbers differ are different documents however similar the rest is.
DISTINGUISHING_NUMBER = re.compile(r"\d+|第[一二三四五六七八九十百零〇]+[批次届期号]")

# Words nearly every Chinese document title has: their bigrams would make every title a lookup candidate of
# every other, so candidate look-up ignores them (scoring still compares whole titles).
TITLE_BOILERPLATE = re.compile(
    "关于|印发|发布|转发|做好|加快|推进|推动|进一步|加强|开展|组织|实施|工作|有关|事项|的|"
    "通知|意见|方案|办法|规定|公告|通告|决定|指导|指南|规划|计划|行动|细则|纲要"
)

CJK_RUN = re.compile(f"[{CJK}]")

ENGLISH_WORD = re.compile(r"[a-z0-9]+")

# Words too common in English document titles to tell two titles apart.
ENGLISH_STOPWORDS = frozenset({
    "a", "an", "and", "for", "in", "of", "on", "the", "to", "notice", "opinions", "plan", "measures", "by", "with",
    "regarding", "concerning", "about", "its", "their", "from",
})
