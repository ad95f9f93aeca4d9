"""Regular expressions and word lists for finding issuing bodies (data only; the code is in bodies.py)."""

from __future__ import annotations

import re

# Acronyms that also mean something else ("CAS number", "GAC Motor", "NDA", "MEP" in Europe): they count only
# when the same body is named unambiguously elsewhere in the text, or when they stand in a list next to
# another body ("MIIT, CAS and CAE"), or in an issuer line.
CONTEXT_ACRONYMS = frozenset(
    {
        "CAS", "CAE", "GAC", "NRA", "CMA", "SPC", "NDA", "MSS", "NAO", "MCA", "SAC", "STA", "SAT", "SPB",
        "SAFE", "CAST", "CEA", "SCA", "GAS", "MND", "NIA", "MVA", "CMC", "PSC", "MFA", "MEP", "MII", "CFA",
        "NEAC", "SEAC", "CSTC",
    }
)

# Acronyms that are also English words: in a line written mostly in capitals ("THE MOST IMPORTANT…") they are
# the word, not the body.
WORD_ACRONYMS = frozenset({"MOST", "SAFE", "CAST", "MARA", "GAS"})
MOSTLY_CAPITALS_SHARE = 0.7
MOSTLY_CAPITALS_MIN_LETTERS = 8

# What may stand between two bodies of one list ("MIIT, MOE and NRTA", "工业和信息化部、公安部").
LIST_GAP = re.compile(r"^\s*(?:,|，|、|/|&|;|；|and|以及|和|与|及)?\s*(?:and\s+)?(?:the\s+)?$", re.IGNORECASE)

# A non-Chinese body named with a Chinese body's generic name ("Japan's Ministry of Finance", "the US Commerce
# Department"). Matched against the text just before a hit.
FOREIGN_QUALIFIER = re.compile(
    r"(?:\b(?:U\.S\.|US|USA|American|EU|European|Japan|Japanese|Korea|Korean|South\s+Korea|German|Germany|French|"
    r"France|British|Britain|UK|India|Indian|Taiwan|Taiwanese|Russia|Russian|Australia|Australian|Canada|Canadian|"
    r"Dutch|Italy|Italian|Vietnam|Vietnamese|Singapore|Singaporean|Indonesia|Indonesian|Swiss|Spanish|Brazil|"
    r"Brazilian|Mexico|Mexican|Hong\s+Kong|Macau|Macao|Thai|Malaysian|Philippine|Pakistani|Israeli|Saudi|Turkish|"
    r"International|World|Global|Federal)(?:['’]s)?\s+)$"
)
FOREIGN_LOOKBEHIND_CHARS = 30

# "in a State Council news briefing": the State Council (SCIO) is the venue, not an actor.
VENUE_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:regular\s+|policy\s+)?(?:news|press)\s+(?:briefing|conference)", re.IGNORECASE
)

# A short Chinese name right after a local-level character is that level's own body (省发改委, 市国资委).
LOCAL_LEVEL_BEFORE = re.compile(r"(?:[省市县区州盟旗]|地方|各地|各级|省级|市级|县级)$")
NATIONAL_NAME_START = ("国家", "中国", "中华", "国务院", "全国", "中共", "中央", "最高")
# Short names that are also the tail of ordinary words: 全国办… contains 国办, 中央行政 contains 央行.
ZH_BLOCKED_AFTER: dict[str, str] = {
    "国办": "全",
    "央行": "中",
    "中办": "集举承主创合",
    "政治局": "",
    "工信厅": "",
}

# Lines that name addressees, not issuers: "各省、自治区…主管部门：", "抄送：…", or one body and a colon.
ADDRESSEE_LINE = re.compile(
    r"^[ \t\u3000]*(?:各[^\n]{0,300}?[:：]|(?:抄送|主送|抄报)[:：][^\n]*)[ \t\u3000]*$", re.MULTILINE
)
LINE_ENDING_IN_COLON = re.compile(r"^[ \t\u3000]*(?P<body>[^\n:：]{2,40})[:：][ \t\u3000]*$", re.MULTILINE)

# 发文字号: issuer prefix, bracketed year, number ("工信部联节〔2022〕9号", "税委会[2000]17号").
DOC_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,12}?)\s*[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*[号號]"
)

# Labels in front of an issuer list ("Issuing bodies: MIIT, SAMR", "发文机关：…").
ISSUER_LABEL = re.compile(
    r"^\s*(?:issuing\s+(?:bod(?:y|ies)|authorit(?:y|ies)|agenc(?:y|ies)|departments?|organs?)|issued\s+by|"
    r"promulgated\s+by|published\s+by|issuers?|authorit(?:y|ies)|发文机关|发布机关|发文单位|发布单位|发布机构|"
    r"颁布机关|印发机关|发文部门|发布部门)\s*[:：]?\s*",
    re.IGNORECASE,
)
ISSUER_LIST_SEPARATORS = re.compile(r"\s*(?:[,，、;；/&\n|]|\band\b|\s{2,}|以及|和|与|及)\s*", re.IGNORECASE)
ISSUER_LIST_FILLER = frozenset(
    {"", "and", "the", "jointly", "together", "with", "others", "other", "etc", "etc.", "等", "联合"}
)

# Counted but unnamed bodies.
EN_NUMBER_WORDS: dict[str, int] = {
    word: number
    for number, word in enumerate(
        [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
            "twenty",
        ]
    )
}
_EN_COUNT = r"(?P<n>\d{1,2}|" + "|".join(sorted(EN_NUMBER_WORDS, key=len, reverse=True)) + r")"
# Nouns that count bodies; a group mention needs one, so a text without any skips the group patterns.
EN_GROUP_NOUNS = (
    "agencies", "ministries", "departments", "bodies", "authorities", "regulators", "organs", "institutions",
    "commissions",
)
_EN_GROUP_NOUN = "(?:" + "|".join(EN_GROUP_NOUNS) + ")"
# What introduces the named body of a counted group ("five agencies led by MIIT"); first words for the same skip.
_EN_GROUP_LEADS = ("led by", "including", "headed by", "such as", "among them")
EN_GROUP_LEAD_WORDS = tuple(lead.split()[0] for lead in _EN_GROUP_LEADS)
_EN_GROUP_LEAD = "(?:" + "|".join(lead.replace(" ", r"\s+") for lead in _EN_GROUP_LEADS) + ")"
_EN_GROUP_ADJECTIVES = (
    r"(?:(?:central|government|governmental|state|chinese|national|major|other|key|top)\s+)*"
)
# "MIIT and six other agencies": six more than the one named.
EN_AND_OTHERS = re.compile(
    rf"\band\s+{_EN_COUNT}\s+other\s+{_EN_GROUP_ADJECTIVES}{_EN_GROUP_NOUN}\b", re.IGNORECASE
)
# "Five government agencies led by MIIT", "17 departments including MIIT": the count includes the one named.
EN_GROUP_LED_BY = re.compile(
    rf"\b{_EN_COUNT}\s+{_EN_GROUP_ADJECTIVES}{_EN_GROUP_NOUN},?\s+{_EN_GROUP_LEAD}\b",
    re.IGNORECASE,
)
# "Four central agencies published…": the bodies named in the same sentence are part of the count.
# "the two top organs" refers back to bodies already named: not counted.
EN_GROUP = re.compile(rf"(?<!the )\b{_EN_COUNT}\s+{_EN_GROUP_ADJECTIVES}{_EN_GROUP_NOUN}\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<![A-Z])[.!?](?=\s)|[。！？；\n]")

ZH_NUMERALS: dict[str, int] = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_ZH_COUNT = r"(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3})"
# "工业和信息化部等四部门", "工信部、国家发展改革委等八部门": the count includes the bodies listed before 等.
ZH_DENG_GROUP = re.compile(rf"等\s*{_ZH_COUNT}\s*个?\s*(?:部门|部委|单位|机构|部委局|家单位)")
# "国家五部委", "十七部门联合印发": bodies named in the same sentence are part of the count.
ZH_GROUP_NOUNS = ("部门", "部委")
_ZH_GROUP_NOUN = "(?:" + "|".join(ZH_GROUP_NOUNS) + ")"
ZH_GROUP = re.compile(rf"(?<![等第]){_ZH_COUNT}\s*(?:个)?\s*{_ZH_GROUP_NOUN}(?:联合)?")

# Unknown bodies. English: a capitalised name ending in (or built around) a body word.
_CAP_WORD = r"[A-Z][\w'’&-]*"
_BODY_HEAD = (
    r"(?:Ministry|Commission|Administration|Bureau|Agency|Authority|Office|Committee|Council|Department|Academy|"
    r"Court|Procuratorate|Congress|Leading\s+(?:Small\s+)?Group|Regulator)"
)
_OF_TAIL = rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_CAP_WORD}(?:\s+(?:(?:and|&|of|for|the)\s+)*{_CAP_WORD})*)"
# The body words alone: a text without one has no unknown English body, and this scan skips ahead fast.
BODY_HEAD = re.compile(_BODY_HEAD)
UNKNOWN_EN_BODY = re.compile(
    rf"\b(?:(?P<pre>(?:{_CAP_WORD}\s+){{1,6}}){_BODY_HEAD}{_OF_TAIL}?|{_BODY_HEAD}{_OF_TAIL})"
)
# Words that cannot start a body's name: they start the sentence or describe it.
UNKNOWN_EN_LEADING_NOISE = re.compile(
    r"^(?:(?:The|This|That|These|A|An|Its|Their|China's|China’s|PRC|Beijing's|New|Both|Each|Several|"
    r"Various|Relevant|Local|And|But|Also|However|Meanwhile)\s+)+"
)
# Names with a body word that are not government bodies.
NOT_BODIES = re.compile(
    r"(?:News\s+Agency|Work\s+Conference|Press\s+Office|Post\s+Office|Front\s+Office|Back\s+Office|Home\s+Office|"
    r"Box\s+Office|Head\s+Office|Oval\s+Office|Council\s+on\s+Foreign\s+Relations|European\s+Council|Security\s+Council|"
    r"State\s+Council\s+Gazette|Committee\s+on\s+Foreign\s+Investment|Energy\s+Agency|Atomic\s+Energy\s+Agency)",
    re.IGNORECASE,
)
# A sub-unit of a known body ("the Department of Equipment Industry of the [MIIT]") belongs to that body.
SUBUNIT_TAIL = re.compile(r"^\s+of\s+(?:the\s+)?$")

# Chinese: a list item shaped like a body name ("国家税务总局" beside known bodies in a 、-list).
ZH_BODY_SHAPE = re.compile(
    r"^[\u4e00-\u9fff()（）]{2,24}?(?:部|委员会|委|总局|局|署|办公室|办公厅|厅|院|总署|银行|中心|协会|政府)$"
)
ZH_LIST_ITEM_MARK = "、"
ZH_LIST_ITEM_SEPARATOR = re.compile(rf"[{ZH_LIST_ITEM_MARK}]")
# The stretches of text between Chinese sentence ends, in which a 、-list is looked for.
ZH_SENTENCE = re.compile(r"[^。；;\n！？]+")
ZH_LIST_LEFT_CUT = re.compile(r".*[，,。；;：:！？【】《》“”\"'\s（(）)]")
ZH_LEADING_CONNECTIVES = re.compile(r"^(?:由|经|会同|联合|以及|和|与|及)+")
ZH_LIST_RIGHT_CUT = re.compile(
    r"(?:等|联合|共同|近日|日前|发布|印发|制定|出台|确定|公布|关于|[，,。；;：:（(）)\s]).*$"
)
ZH_NOT_BODY_WORDS = re.compile(r"[的了在是有为对将把从向就这那]")
