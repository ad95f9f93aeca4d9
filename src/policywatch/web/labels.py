"""Names the pages show for stored ids: sections, issuing bodies (EN + ZH), sectors, document forms, statuses.
The registry supplies body and sector names; doc_forms.py the document forms."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from policywatch.registry import get_body, get_sector
from policywatch.web.doc_forms import form_label

__all__ = ["form_label"]  # re-exported: every name a page shows comes from here

SECTION_LABELS: dict[str, str] = {
    "top": "Top 5",
    "policy_news": "Policy news",
    "corporate_news": "Corporate news",
    "policy": "Government documents",
    "article": "Articles",
}

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


