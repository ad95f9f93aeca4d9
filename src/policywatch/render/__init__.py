"""render stage: compose a brief from the store (`draft_brief`), keep it as an editable YAML draft
(`save_draft`, `load_draft`) and lay it out in the house layout (`render_brief`: html, pdf, md, json)."""

from __future__ import annotations

from policywatch.render.draft import draft_brief
from policywatch.render.draft_file import DraftError, load_draft, save_draft
from policywatch.render.output import draft_to_brief, render_brief
from policywatch.render.records import BriefDraft, DraftDocument, DraftItem, DraftNews

__all__ = [
    "BriefDraft", "DraftDocument", "DraftError", "DraftItem", "DraftNews", "draft_brief", "draft_to_brief",
    "load_draft", "render_brief", "save_draft",
]
