"""What the brief composer passes around: a `BriefDraft` of `DraftItem`s and `DraftNews` lines.

A draft is what `draft_brief` proposes and what the user edits (as YAML, see draft_file.py) before
`render_brief` lays it out. Fields a machine wrote and no person has changed yet are named in
`machine_drafted`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from policywatch.records import Period, Person

NewsSection = Literal["policy_news", "corporate_news"]


@dataclass(frozen=True)
class DraftDocument:
    """The policy document a top item is about, as the brief will name it."""

    title_en: str | None = None
    title_zh: str | None = None
    bodies: tuple[str, ...] = ()
    date: str | None = None  # ISO date
    url: str | None = None


@dataclass(frozen=True)
class DraftItem:
    """One proposed Top item. `score` and `reasons` explain why it was proposed (not rendered).
    `machine_drafted` names the text fields a machine wrote that no person has edited yet."""

    headline: str
    summary: str = ""
    key_points: tuple[str, ...] = ()
    comment: tuple[str, ...] = ()
    document: DraftDocument | None = None
    machine_drafted: tuple[str, ...] = ()
    score: float = 0.0
    reasons: tuple[str, ...] = ()
    origin: str = ""  # "entry:12" | "policy:7": where the item was drafted from


@dataclass(frozen=True)
class DraftNews:
    """One Noteworthy line: "- Month D: text (source label)"."""

    text: str
    date: str | None = None
    source_label: str | None = None


@dataclass(frozen=True)
class BriefDraft:
    """A brief before it is rendered: everything the house layout shows."""

    series: str
    period: Period
    title: str | None = None
    published: str | None = None
    top: tuple[DraftItem, ...] = ()
    policy_news: tuple[DraftNews, ...] = ()
    corporate_news: tuple[DraftNews, ...] = ()
    people: tuple[Person, ...] = field(default=())
    candidates: tuple[DraftItem, ...] = ()  # items scored below the Top N, best first (for the editor)
