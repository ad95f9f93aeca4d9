"""Names the pages show for stored ids: sections, issuing bodies (EN + ZH), sectors, document forms, statuses.
Word lists only; the registry supplies body and sector names."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from policywatch.registry import get_body, get_sector

SECTION_LABELS: dict[str, str] = {
    "top": "Top 5",
    "policy_news": "Policy news",
    "corporate_news": "Corporate news",
    "policy": "Government documents",
    "article": "Articles",
}

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

HAS_TARGETS_LABELS = {"1": "With quantified targets", "0": "Without targets"}
STATUS_LABELS: dict[str, str] = {
    "stated": "stated once", "restated": "restated", "revised": "revised", "achieved": "achieved",
    "missed": "missed", "superseded": "superseded",
}


@dataclass(frozen=True)
class BodyName:
    """How a page names an issuing body: its id, English and Chinese names (None when not in the registry)."""

    id: str
    name_en: str | None
    name_zh: str | None


@functools.lru_cache(maxsize=4096)
def body_name(body_id: str) -> BodyName:
    """The registry's names for a body id; only the id when the registry does not know it."""
    try:
        body = get_body(body_id)
    except KeyError:
        return BodyName(body_id, None, None)
    return BodyName(body_id, body.name_en, body.name_zh)


@functools.lru_cache(maxsize=1024)
def sector_label(sector_id: str) -> str:
    """'Batteries 电池' for a registry sector, else the id itself."""
    try:
        sector = get_sector(sector_id)
    except KeyError:
        return sector_id
    return f"{sector.name_en} {sector.name_zh}"


def body_label(body_id: str) -> str:
    """'MIIT · Ministry of Industry and Information Technology' (or just the id)."""
    name = body_name(body_id)
    return f"{body_id} · {name.name_en}" if name.name_en and name.name_en != body_id else body_id


def form_label(form: str) -> str:
    """'实施方案 implementation plan' for a known form, else the form as stored."""
    english = FORM_LABELS_EN.get(form)
    return f"{form} {english}" if english else form
