"""What the link stage hands back (frozen dataclasses) and its errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from policywatch.errors import PolicywatchError, StoreError
from policywatch.records import Policy, Relation, Target
from policywatch.store.results import SourceInfo

Method = Literal["exact", "normalised", "fuzzy", "semantic"]
Status = Literal["asserted", "proposed"]
RelatedKind = Literal["entry", "policy", "article"]

METHODS: tuple[Method, ...] = ("exact", "normalised", "fuzzy", "semantic")


class LinkError(StoreError):
    """Links could not be computed or stored (the ingest that triggered it rolls back)."""


class EmbedderMissing(PolicywatchError):
    """The semantic method was asked for, but no embedding model is installed."""


@dataclass(frozen=True)
class Link:
    """A brief entry is about a stored policy. `asserted` links come from titles or 发文字号 (or very strong
    text similarity); `proposed` ones are candidates for a person to confirm, never shown as fact."""

    entry_id: int
    record_id: int  # the policy
    method: Method
    score: float  # 0–1
    status: Status
    reason: str  # "same title (without issuer)", "similar text 0.71; same bodies MIIT; 3 days apart"


@dataclass(frozen=True)
class LinkUpdate:
    """What `relink_all` did."""

    entries: int
    policies: int
    links: int
    asserted: int
    proposed: int


@dataclass(frozen=True)
class Related:
    """Another entry or document worth reading next, and why ("same issuing body MIIT; similar text 0.71")."""

    kind: RelatedKind
    id: int  # entry id for entries, record id for policies and articles
    title: str
    reason: str
    score: float


@dataclass(frozen=True)
class LinkedEntry:
    """A brief entry linked to a policy, as the policy's page lists it."""

    entry_id: int
    brief_id: int
    brief_title: str | None
    headline: str
    section: str
    date: str | None
    method: Method
    score: float
    status: Status
    reason: str


@dataclass(frozen=True)
class PolicySummary:
    """One row of the policy list."""

    id: int
    title: str
    title_en: str | None
    doc_number: str | None
    bodies: tuple[str, ...]
    doc_form: str | None
    date_written: str | None
    date_published: str | None
    is_draft: bool
    source_count: int
    asserted_links: int
    proposed_links: int


@dataclass(frozen=True)
class LedgerTargetRef:
    """A ledger target one of the policy's statements belongs to (when the ledger tables exist)."""

    id: int
    metric: str
    value: float
    unit: str
    year: int | None
    status: str


@dataclass(frozen=True)
class PolicyDetail:
    """Everything the policy page shows: the merged record and its sources, the entries linked to it
    (asserted first), what it does to other documents, its targets and the ledger targets they feed."""

    id: int
    policy: Policy
    sources: tuple[SourceInfo, ...]
    links: tuple[LinkedEntry, ...]
    relations: tuple[Relation, ...]
    ledger_targets: tuple[LedgerTargetRef, ...]

    @property
    def targets(self) -> tuple[Target, ...]:
        """The quantified targets the document states."""
        return self.policy.targets
