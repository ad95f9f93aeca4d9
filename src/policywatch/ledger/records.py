"""The ledger's records: an outcome a document reports, ledger targets as the library returns them, their
sources, history and derived figures. Frozen dataclasses, serialised with `policywatch.records.to_json`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from policywatch.records import Baseline, Comparator

Status = Literal["stated", "restated", "revised", "achieved", "missed", "superseded"]
EventKind = Literal["stated", "restated", "revised", "outcome", "superseded"]
STATUSES: tuple[Status, ...] = ("stated", "restated", "revised", "achieved", "missed", "superseded")


@dataclass(frozen=True)
class Outcome:
    """An achieved value a document reports for a year ("In 2025, … reached 16"; 2025年…已达16件)."""

    text: str  # the sentence it came from
    span: tuple[int, int]  # offsets of the quantity into the text given to extract_outcomes
    metric: str
    value: float
    unit: str
    year: int
    comparator: Comparator = "="
    kind: Literal["level", "change"] = "level"
    direction: Literal["increase", "decrease"] | None = None
    language: str = "en"
    field: str = ""


@dataclass(frozen=True)
class LedgerEvent:
    """One step of a ledger target's history."""

    kind: EventKind
    date: str | None
    record_id: int | None
    value: float | None = None
    previous_value: float | None = None  # revised: the value it replaced
    other_target_id: int | None = None  # superseded: the ledger target that replaced it
    note: str = ""


@dataclass(frozen=True)
class LedgerTargetSummary:
    """A ledger target in a listing: the goal, its current value and status."""

    id: int
    metric: str
    value: float
    unit: str
    unit_class: str
    comparator: str
    kind: str
    direction: str | None
    year: int | None
    status: Status
    corporate: bool
    draft: bool
    source_count: int  # statements (targets rows) matched into it
    record_count: int  # distinct documents stating it
    first_date: str | None
    last_date: str | None
    outcome_value: float | None = None
    outcome_date: str | None = None
    superseded_by: int | None = None


@dataclass(frozen=True)
class LedgerSource:
    """One statement of the goal (role "target") or a reported outcome (role "outcome"), where it came from."""

    role: Literal["target", "outcome"]
    record_id: int
    record_type: str
    entry_id: int | None
    title: str | None  # the document's title (a brief's title for a brief entry)
    headline: str | None  # the brief entry's headline, for a statement in a brief
    date: str | None
    bodies: tuple[str, ...]
    field: str
    sentence: str
    metric: str
    value: float
    unit: str
    comparator: str
    year: int | None
    language: str
    draft: bool


@dataclass(frozen=True)
class GrowthRate:
    """Implied compound annual growth from a baseline to the target (percent per year)."""

    percent_per_year: float
    from_value: float | None  # None when only a factor or a change is known
    from_year: int
    to_value: float | None
    to_year: int
    basis: Literal["baseline value", "factor", "change"]


@dataclass(frozen=True)
class ImpliedBaseline:
    """The baseline a factor implies: target value / factor ("almost twice the 2020 figure")."""

    value: float
    year: int | None
    factor: float
    approximate: bool


@dataclass(frozen=True)
class ConsistencyCheck:
    """Does the stated baseline (a factor or a value) agree with the baseline year's figure the ledger holds
    from another document?"""

    year: int
    found_value: float
    found_in: Literal["outcome", "target"]
    found_record_id: int
    found_sentence: str
    ratio: float  # target value / found value
    expected: float  # the stated factor, or the ratio a stated baseline value implies
    holds: bool
    tolerance: str  # the band `holds` was judged with, in words


@dataclass(frozen=True)
class DerivedFigures:
    """Figures computed from the ledger on read; never stored as if a document stated them."""

    growth: GrowthRate | None = None
    implied_baseline: ImpliedBaseline | None = None
    consistency: tuple[ConsistencyCheck, ...] = ()


@dataclass(frozen=True)
class LedgerTargetDetail:
    """A ledger target with everything behind it."""

    summary: LedgerTargetSummary
    baseline: Baseline | None
    sources: tuple[LedgerSource, ...]
    events: tuple[LedgerEvent, ...]
    outcome: LedgerSource | None
    derived: DerivedFigures


@dataclass(frozen=True)
class LedgerUpdate:
    """What `update_ledger` changed: ledger targets created, updated, left alone and removed."""

    record_id: int | None
    groups: int  # (unit class, year) groups recomputed
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    outcomes: int = 0  # outcomes the record reports

    @property
    def changed(self) -> bool:
        """True when any ledger row was written."""
        return bool(self.created or self.updated or self.removed)
