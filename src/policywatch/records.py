"""The records every pipeline stage passes on: frozen dataclasses, serialised to JSON by `to_json`.

read/ → `ReadDocument`; parse/ → `Brief` | `Policy` | `Article` | `Unparsed`; extract/ fills the
`bodies`, `companies`, `sectors`, `targets` fields. The JSON form is documented in docs/record-format.md.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any, Literal

Section = Literal["top", "policy_news", "corporate_news"]
Comparator = Literal["=", ">=", ">", "<=", "<", "~"]


@dataclass(frozen=True)
class Source:
    """Where a record came from: the file as read, identified by the sha256 of its bytes."""

    path: str
    sha256: str
    format: str  # text | markdown | html | pdf | docx
    size: int = 0
    encoding: str | None = None


@dataclass(frozen=True)
class ReadDocument:
    """The output of a reader: plain text in reading order plus what the container told us."""

    source: Source
    text: str
    title: str | None = None
    published: str | None = None  # ISO date from container metadata (HTML meta, PDF info), if any
    language: str = "en"  # en | zh | mixed
    url: str | None = None


@dataclass(frozen=True)
class Unparsed:
    """A document that could not be read or parsed: a value that says why, never an exception."""

    path: str
    reason: str
    type: str = "unparsed"


@dataclass(frozen=True)
class Baseline:
    value: float | None = None
    year: int | None = None
    factor: float | None = None
    approximate: bool = False


@dataclass(frozen=True)
class Target:
    """One quantified policy goal as stated in one place of one document."""

    text: str  # the sentence or bullet it came from
    span: tuple[int, int]  # offsets of the matched quantity into `text`'s field (see `field`)
    metric: str
    value: float
    unit: str
    comparator: Comparator = "="
    kind: Literal["level", "change"] = "level"
    direction: Literal["increase", "decrease"] | None = None
    year: int | None = None
    year_source: str = "sentence"  # sentence | lead_in | plan_period | none
    baseline: Baseline | None = None
    language: str = "en"
    field: str = ""  # e.g. "key_points[0]", "summary", "text"
    corporate: bool = False
    draft: bool = False


@dataclass(frozen=True)
class Period:
    start: str | None
    end: str | None


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    group: Literal["author", "editor"]


@dataclass(frozen=True)
class DocumentRef:
    """The policy document a brief entry is about, as the brief names it."""

    title_en: str | None = None
    title_zh: str | None = None
    bodies: tuple[str, ...] = ()
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Entry:
    section: Section
    rank: int | None
    headline: str
    summary: str = ""
    key_points: tuple[str, ...] = ()
    comment: tuple[str, ...] = ()
    text: str = ""  # news lines: the line itself
    source_label: str | None = None  # news lines: "MEE notice"
    date: str | None = None
    document: DocumentRef | None = None  # the policy the entry is about (the first, when it names several)
    documents: tuple[DocumentRef, ...] = ()  # every document the entry names ("Article:" lines)
    bodies: tuple[str, ...] = ()
    unknown_bodies: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()


@dataclass(frozen=True)
class Brief:
    series: str
    title: str | None
    published: str | None
    period: Period | None
    contents: tuple[str, ...]
    entries: tuple[Entry, ...]
    people: tuple[Person, ...]
    truncated: bool
    source: Source
    targets: tuple[Target, ...] = ()  # goals announced outside entries (a contents headline)
    language: str = "en"
    type: Literal["brief"] = "brief"


@dataclass(frozen=True)
class Relation:
    kind: Literal["forwards", "issues", "repeals", "interprets", "cites"]
    title: str | None = None
    doc_number: str | None = None


@dataclass(frozen=True)
class Policy:
    """A Chinese government document (notice, opinion, plan…)."""

    title_zh: str | None
    source: Source
    title_en: str | None = None
    doc_number: str | None = None
    doc_number_flag: str | None = None  # why a 发文字号 is kept as written ("malformed")
    bodies: tuple[str, ...] = ()
    unknown_bodies: tuple[str, ...] = ()
    unnamed_bodies: int = 0  # "工业和信息化部等四部门": three more, not named
    date_written: str | None = None
    date_published: str | None = None
    doc_form: str | None = None
    is_draft: bool = False
    topic: str | None = None
    relations: tuple[Relation, ...] = ()
    companies: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()
    text: str = ""
    language: str = "zh"
    type: Literal["policy"] = "policy"


@dataclass(frozen=True)
class Article:
    """Any other page: news, digests, other newsletters and report teasers."""

    title: str | None
    source: Source
    kind: str = "news"  # news | china_essentials | china_monitor | report | comment | tracker | other
    series: str | None = None
    published: str | None = None
    bodies: tuple[str, ...] = ()
    unknown_bodies: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()
    text: str = ""
    language: str = "en"
    type: Literal["article"] = "article"


Record = Brief | Policy | Article
ParseResult = Brief | Policy | Article | Unparsed


def to_plain(obj: Any) -> Any:
    """Dataclasses → dicts, tuples → lists, recursively (the JSON shape of a record)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, tuple | list):
        return [to_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    return obj


def to_json(obj: Any, *, indent: int | None = None) -> str:
    return json.dumps(to_plain(obj), ensure_ascii=False, indent=indent)


__all__ = [
    "Article", "Baseline", "Brief", "DocumentRef", "Entry", "ParseResult", "Period", "Person", "Policy",
    "ReadDocument", "Record", "Relation", "Source", "Target", "Unparsed", "to_json", "to_plain",
]
