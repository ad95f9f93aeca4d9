"""What the alerts stage passes around: watch specs, stored watches, alerts and delivery reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from policywatch.errors import PolicywatchError


class AlertsError(PolicywatchError):
    """A watchlist cannot be saved or found, or a delivery cannot be set up."""


@dataclass(frozen=True)
class WatchSpec:
    """A saved search. `text` uses the search syntax (words ANDed, OR/或 between terms, "phrases"); every
    other field is a condition that must also hold (a list holds when any of its names is named).
    target_* conditions must all hold for one and the same target."""

    text: str = ""
    bodies: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    doc_form: str | None = None
    target_due_by: int | None = None  # a target whose year is at most this
    target_unit: str | None = None  # e.g. "CNY"
    target_min_value: float | None = None  # with or without target_unit: value at least this


@dataclass(frozen=True)
class Watch:
    """A stored watchlist and where its alerts go."""

    id: int
    name: str
    spec: WatchSpec
    webhook_url: str | None
    secret: str
    email: str | None
    created_at: str


@dataclass(frozen=True)
class Span:
    """Where a watch matched: a field of the unit, offsets into that field's text, and the text there."""

    field: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Alert:
    """One watch matching one entry (or one whole policy/article)."""

    id: int
    watch: str
    record_id: int
    entry_id: int | None
    title: str
    date: str | None
    span: Span
    created_at: str


@dataclass(frozen=True)
class DeliveryReport:
    """What one `deliver_pending` run did: outbox rows delivered, retried later, given up on."""

    delivered: int = 0
    retried: int = 0
    failed: int = 0
    errors: tuple[str, ...] = field(default_factory=tuple)
