"""Regular expressions and word lists that recognise the parts of a Chinese government document (data only).

The code that uses them is in notice.py (fields of a document) and chinese.py (lines, language, 发文字号,
relations). Patterns run on a simplified-character copy of each line (traditional documents are converted
first), so they name simplified forms; the few that must also match text as written (the 发文字号) accept
both.
"""

from __future__ import annotations

import re

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

# --- 发文字号
# 机关代字 + 〔年份〕 + 序号 + 号. Brackets vary by site and era; all are folded to 〔〕.
OPEN_BRACKETS = "〔[(（【［﹝〖{｛"
CLOSE_BRACKETS = "〕])）】］﹞〗}｝"
_OPEN = re.escape(OPEN_BRACKETS)
_CLOSE = re.escape(CLOSE_BRACKETS)
DOC_NUMBER_STRICT = re.compile(
    rf"^(?P<prefix>[{CJK}]{{1,20}})\s*[{_OPEN}]\s*(?P<year>\d{{4}})\s*[{_CLOSE}]\s*(?P<serial>\d{{1,5}})\s*"
    r"(?P<hao>[号號])?$"
)
# A 发文字号 inside running text (a citation) or on its own line; traditional 號 as well.
DOC_NUMBER_IN_TEXT = re.compile(
    rf"(?P<number>[{CJK}]{{1,20}}[{_OPEN}]\s*(?:19|20)\d\d\s*[{_CLOSE}]\s*\d{{1,5}}\s*[号號])"
)
# Decree and announcement numbers carry no bracketed year: 国务院令第708号, 工业和信息化部公告2022年第3号.
DECREE_NUMBER = re.compile(rf"^[{CJK}]{{0,20}}?(?:\d{{4}}年)?第[\d一二三四五六七八九十百零〇]+[号號]$")
# Something written where a 发文字号 belongs but not well formed ("国办发〔201682号", "国发〔2023〕号").
DOC_NUMBER_LOOSE = re.compile(
    rf"(?P<number>[{CJK}]{{1,20}}?(?:[发發函字规規]|[{CJK}])[{_OPEN}{_CLOSE}\d\s]*\d[{_OPEN}{_CLOSE}\d\s]*[号號])"
)
# What may stand beside a document's own 发文字号 on its line: brackets, spaces, a date.
DOC_NUMBER_LINE_REST = re.compile(r"^[\s()（）:：]*$")
FULL_DATE_TEXT = re.compile(
    r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|"
    r"[〇零一二三四五六七八九○Ｏ]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日|"
    r"(?:19|20)\d\d-\d{1,2}-\d{1,2}"
)
# The circle some documents type for 〇 in 二〇二二年.
ZERO_LOOKALIKES = str.maketrans({"○": "〇", "Ｏ": "〇", "◯": "〇"})
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# --- metadata block ("发文字号:工信厅规函〔2020〕8号")
METADATA_KEYS: dict[str, str] = {
    "发文机关": "issuer",
    "发布机关": "issuer",
    "发文单位": "issuer",
    "标题": "title",
    "名称": "title",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "成文日期": "date_written",
    "发文日期": "date_written",
    "签发日期": "date_written",
    "发布日期": "date_published",
    "公布日期": "date_published",
    "主题分类": "topic",
    "分类": "topic",
}
# Keys may be printed with spaces inside ("标  题"); a key must start the line or follow a gap.
METADATA_KEY = re.compile(
    r"(?:^|(?<=[\s|]))(?P<key>"
    + "|".join(r"\s*".join(key) for key in sorted(METADATA_KEYS, key=len, reverse=True))
    + r")\s*[:：]\s*"
)
TIME_OF_DAY = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
# Values that name no body by themselves (a site lists the office, the title names the ministry).
GENERIC_ISSUERS = frozenset({"办公厅", "办公室", "部办公厅", "委办公厅", "局办公室"})

# --- title
# Document forms, compounds first: the last one in a title is the document's form.
# Compounds are kept only where they name a distinct form (指导意见, 实施方案); 管理办法 is an 办法.
DOC_FORMS: tuple[str, ...] = (
    "指导意见", "实施意见", "实施方案", "工作方案", "行动方案", "行动计划",
    "通知", "意见", "规划", "方案", "计划", "办法", "决定", "公告", "通告", "指南", "细则",
    "规定", "纲要", "条例", "决议", "批复", "通报", "要点", "目录", "名单", "清单", "函",
)
DOC_FORM_AT_END = re.compile("(?:" + "|".join(DOC_FORMS) + r")$")
# What follows the form word in a title: a plan period, a draft marker, a database's year tag.
TITLE_TAIL = re.compile(r"(?:\s*[(（][^()（）]{0,20}[)）])+$")
# A numbered heading or list item ("一、总体要求", "1.《…》"): never a title.
LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[、.．)）]")
TITLE_START_MARKERS = ("关于", "印发", "转发", "批转", "发布")
ISSUER_BEFORE = re.compile(r"^(?P<issuer>(?:(?!关于|印发|转发|批转).)+)(?:关于|印发|转发|批转)")
SENTENCE_PUNCTUATION = re.compile(r"[。;；,，!！?？]")
TITLE_MAX_CHARS = 100
TITLE_MIN_CHARS = 8
NAVIGATION = re.compile(r"[>»›]|首页|当前位置|您的位置")
TITLE_PART_MAX_CHARS = 60
HEADLINE_MIN_CHARS = 6

# --- addressees, signature, body
ADDRESSEE_LINE = re.compile(r"^(?P<addressees>[^。；;!！?？]{2,300})[:：]\s*$")
ADDRESSEE_START = re.compile(r"^各")
# Endings of organisation names: a line made only of such names is an addressee list or a signature.
ORG_SUFFIX = re.compile(
    r"(?:部|委|局|厅|办|署|院|行|会|政府|部门|单位|企业|机构|兵团|中心|公司|协会|学会|总局|委员会|办公室|"
    r"办公厅|管委会|人民政府|主管部门|税务局|直属机构)(?:[(（][^()（）]{1,12}[)）])?$"
)
ORG_LIST_SEPARATORS = re.compile(r"[、,，;；/\s]+")
SIGNATURE_LINE_MAX_CHARS = 30
# A line that is only a date (under a signature, or in brackets under a title).
DATE_ONLY_LINE = re.compile(r"^[\s(（]*(?:" + FULL_DATE_TEXT.pattern + r")[\s)）]*$")
# A line that closes a notice's body: a date-only line right after it is the signing date.
CLOSING_LINE = re.compile(r"^(?:特此(?:通知|公告|通告|函告|批复|函)|附件\s*\d*\s*[:：])")
BODY_VERBS = re.compile(
    r"印发|通知如下|现将|特此通知|请认真贯彻|遵照执行|贯彻落实|予以公布|现予公告|现予以公告"
)
# How a document's own text opens right under its title (news about a document does not talk like this).
DOCUMENT_OPENING = re.compile(
    r"提出(?:如下|以下)意见|现就[^。]{0,40}(?:通知如下|提出)|特制定本|制定本(?:方案|规划|计划|办法|意见|细则|规定|指南)|"
    r"^第一条|^第一章"
)
OPENING_WINDOW_LINES = 3

# --- news
NEWS_MARKERS = re.compile(
    r"本报讯|本报记者|[(（]记者|记者\s*[\u4e00-\u9fff]{2,4}\s*[)）]|[\u4e00-\u9fff]{2,8}\d{1,2}月\d{1,2}日电|"
    r"据[^。]{1,20}(?:报道|消息)|<正>|^\s*摘要\s*$|核心提示|[(（]责编|新华社|人民网|中新网|央视新闻"
)
# Labels and page furniture that are not a headline.
REPOST_METADATA = re.compile(r"(?:发布时间|时间|来源|作者|阅读|浏览|点击|日期)\s*[:：]")
# The date-and-source line under a headline ("2020年11月10日10:32 来源:…", "2022/9/9 8:49:46", "2021-10-29").
PAGE_DATE_LINE = re.compile(
    FULL_DATE_TEXT.pattern + r"|(?:19|20)\d\d/\d{1,2}/\d{1,2}|" + REPOST_METADATA.pattern
)
PAGE_DATE_LINE_MAX_CHARS = 80
HEADER_LINES = 12
JOURNAL_ISSUE = re.compile(r"(?:19|20)\d\d\s*年\s*(?:第\s*)?\d{1,3}\s*期")
# A news text that opens with its full date: "2024年3月27日,工业和信息化部…".
OPENING_DATE = re.compile(r"^(?:" + FULL_DATE_TEXT.pattern + r")\s*[,，]")
JUNK_LINE = re.compile(
    r"^(?:[\s\-=_*·|]*"  # rules and empty table cells
    r"|.*\|.*\|.*"  # markdown table rows
    r"|.*[»›>]\s*.*[»›>].*"  # breadcrumbs
    r"|.*【[^】]*(?:字体|收藏|打印|关闭)[^】]*】.*)$"  # font size / print / close switches
)
# Where a page's own text ends and site furniture begins.
TAIL_MARKERS = re.compile(
    r"^\s*(?:[(（]责编|责任编辑|推荐阅读|相关阅读|相关新闻|相关链接|标签\s*[:：]|留言与评论|上一篇|下一篇|"
    r"版权所有|分享到|扫一扫)"
)

# --- drafts and relations
DRAFT_IN_TITLE = re.compile(r"征求意见稿|送审稿|草案")
DRAFT_IN_TEXT = re.compile(r"征求意见稿")
DRAFT_WINDOW_CHARS = 400
QUOTED_TITLE = re.compile(r"《(?P<title>[^《》]{2,120})》")
# A cited document's own number right after its title: 《…》(工信部联政法〔2020〕101号).
NUMBER_AFTER_TITLE = re.compile(r"\s*[(（]\s*(?P<number>[^()（）]{3,30}?[号號])\s*[)）]")
ISSUES_IN_TITLE = re.compile(r"(?:关于)?(?:印发|发布)(?P<title>.+?)的通知$")
FORWARDS_IN_TITLE = re.compile(r"(?:关于)?(?:转发|批转)(?P<title>.+?)的通知$")
INTERPRETS_IN_TITLE = re.compile(r"解读|读懂")
# 现将《…》印发给你们 / 现将该指南转发你们: the object between 将 and the verb names the document.
ISSUES_IN_BODY = re.compile(r"将(?P<object>[^。；;]{0,120}?)印发(?:给|你们|各)")
FORWARDS_IN_BODY = re.compile(r"将(?P<object>[^。；;]{0,120}?)(?:转发|批转)(?:给|你们|各)")
REPEALS_IN_BODY = re.compile(r"废止")
SENTENCE_END = re.compile(r"[。;；!！?？]")
