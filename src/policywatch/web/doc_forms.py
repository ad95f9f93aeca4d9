"""Document forms (通知, 实施方案, 指导意见 …): the form of an entry's document or a policy, from its Chinese title
(parse/notice.doc_form) or, for an English-only title, from the English words for the form."""

from __future__ import annotations

import functools
import re

from policywatch.parse.notice import doc_form

# English words for a document form → the Chinese form word (parse/notice_patterns.DOC_FORMS); the first
# English name of each form is its label. Longer phrases are tried first.
FORM_WORDS_EN: dict[str, str] = {
    "guiding opinions": "指导意见", "guiding opinion": "指导意见", "guidelines": "指南",
    "implementation opinions": "实施意见", "implementing opinions": "实施意见",
    "implementation plan": "实施方案", "implementing plan": "实施方案",
    "work plan": "工作方案", "action plan": "行动方案", "action programme": "行动计划",
    "notice": "通知", "circular": "通知", "opinions": "意见", "opinion": "意见",
    "five-year plan": "规划", "development plan": "规划", "plan": "方案", "programme": "计划",
    "administrative measures": "办法", "measures": "办法", "decision": "决定", "announcement": "公告",
    "guide": "指南", "detailed rules": "细则", "rules": "细则", "provisions": "规定", "outline": "纲要",
    "regulations": "条例", "resolution": "决议", "catalogue": "目录", "list": "清单", "key points": "要点",
}
FORM_LABELS_EN: dict[str, str] = {}
for _words, _form in FORM_WORDS_EN.items():
    FORM_LABELS_EN.setdefault(_form, _words)
FORM_IN_ENGLISH = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in sorted(FORM_WORDS_EN, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)



@functools.lru_cache(maxsize=65536)
def document_form(title_zh: str | None, title_en: str | None) -> str | None:
    """The form of a document from its Chinese title, else from English words in its English title
    ("Implementation Plan for …" → 实施方案)."""
    if title_zh:
        form = doc_form(title_zh)
        if form:
            return form
    if title_en:
        found = FORM_IN_ENGLISH.search(title_en)
        if found:
            return FORM_WORDS_EN[found.group(0).lower()]
    return None


def form_label(form: str) -> str:
    """'实施方案 implementation plan' for a known form, else the form as stored."""
    english = FORM_LABELS_EN.get(form)
    return f"{form} {english}" if english else form
