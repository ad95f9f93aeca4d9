"""Texts a machine drafts for a policy that no brief has written up yet, and the hash that tells whether a
person has edited them since."""

from __future__ import annotations

import hashlib
import re

from policywatch.records import Policy
from policywatch.render.score_weights import DRAFTED_KEY_POINTS, SUMMARY_MAX_CHARS

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[一二三四五六七八九十]+、)")
_SENTENCE_END = re.compile(r"(?<=[。！？.!?])")
# A salutation ("各省、自治区……：") or a heading is not the paragraph that says what the document does.
_TOO_SHORT = 20


def first_paragraph(text: str) -> str:
    """The first paragraph of a document's text long enough to say something (salutations are skipped)."""
    for block in _PARAGRAPH_BREAK.split(text):
        joined = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if len(joined) >= _TOO_SHORT and not joined.endswith(("：", ":")):
            return joined
    return " ".join(text.split())


def clip_at_sentence(text: str, limit: int = SUMMARY_MAX_CHARS) -> str:
    """`text` cut after the last sentence that ends within `limit` characters (or hard at the limit)."""
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        if len(kept) + len(sentence) > limit:
            break
        kept += sentence
    return kept.strip() or text[:limit].rstrip() + "…"


def drafted_summary(policy: Policy) -> str:
    """A summary drafted from the original's first paragraph, followed by how many targets it sets."""
    summary = clip_at_sentence(first_paragraph(policy.text)) if policy.text.strip() else ""
    if policy.targets:
        shown = min(len(policy.targets), DRAFTED_KEY_POINTS)
        summary = f"{summary} ({len(policy.targets)} quantified targets; {shown} listed below.)".strip()
    return summary or (policy.title_zh or policy.title_en or "")


def text_hash(value: object) -> str:
    """A short, stable hash of a drafted field (a string or a list of strings)."""
    text = "\n".join(value) if isinstance(value, list | tuple) else str(value)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
