"""Charts as geometry, drawn by templates as inline SVG: they render without JavaScript, in screenshots and
under a strict Content-Security-Policy (colours come from CSS classes, not inline styles).

* `column_chart`: columns of stacked segments (documents per year, targets per deadline year by status).
* `goal_chart`: one ledger target over time: its statements, baseline → target with the implied compound
  growth path, and any outcome.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from policywatch.ledger.records import LedgerTargetDetail

WIDTH = 640
HEIGHT = 240
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 12, 12, 36
Y_TICKS = 4
MAX_X_LABELS = 12
MID_YEAR = 0.5  # a figure for a year sits in the middle of that year on a time axis


@dataclass(frozen=True)
class Segment:
    """One part of a column: its size, colour class and tooltip."""

    value: float
    css: str
    title: str


@dataclass(frozen=True)
class Column:
    """A labelled column of stacked segments, optionally linking somewhere."""

    label: str
    segments: tuple[Segment, ...]
    href: str | None = None


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str
    href: str | None = None


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass(frozen=True)
class Marker:
    """A point on a line chart."""

    x: float
    y: float
    css: str
    title: str


@dataclass(frozen=True)
class Axes:
    """Frame, grid lines and tick labels shared by both chart kinds."""

    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    grid: tuple[float, ...]  # y positions of horizontal grid lines
    labels: tuple[Label, ...]


@dataclass(frozen=True)
class ColumnChart:
    title: str
    axes: Axes
    rects: tuple[Rect, ...]
    legend: tuple[tuple[str, str], ...]  # (css class, label)


@dataclass(frozen=True)
class GoalChart:
    title: str
    axes: Axes
    growth_path: str  # SVG polyline points; empty when no growth is implied
    markers: tuple[Marker, ...]
    legend: tuple[tuple[str, str], ...]
    y_caption: str


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value` (an axis maximum)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def count_ceiling(value: float) -> float:
    """An axis maximum for counts: whole-number ticks (0, 2, 4, 6, 8 rather than 0, 1.25, 2.5 …)."""
    return float(Y_TICKS * max(1, math.ceil(nice_ceiling(value / Y_TICKS))))


def short_number(value: float) -> str:
    """12, 2.5, 1.2k, 3M: tick labels that fit."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def _axes(y_max: float, x_labels: Sequence[Label]) -> Axes:
    left, right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    top, bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    grid = tuple(bottom - (bottom - top) * i / Y_TICKS for i in range(Y_TICKS + 1))
    y_labels = tuple(Label(left - 6, y + 4, short_number(y_max * i / Y_TICKS), "end") for i, y in enumerate(grid))
    return Axes(WIDTH, HEIGHT, left, right, top, bottom, grid, y_labels + tuple(x_labels))


def column_chart(title: str, columns: Sequence[Column], legend: Sequence[tuple[str, str]] = ()) -> ColumnChart:
    """Stacked columns of counts, evenly spaced, on a shared y axis from 0."""
    y_max = count_ceiling(max((sum(s.value for s in c.segments) for c in columns), default=0))
    left, right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    bottom, top = HEIGHT - MARGIN_BOTTOM, MARGIN_TOP
    slot = (right - left) / max(len(columns), 1)
    bar = min(slot * 0.7, 48)
    every = math.ceil(len(columns) / MAX_X_LABELS) or 1  # label every n-th column when there are many
    rects: list[Rect] = []
    x_labels: list[Label] = []
    for index, column in enumerate(columns):
        x = left + slot * index + (slot - bar) / 2
        base: float = bottom
        for segment in column.segments:
            height = (bottom - top) * segment.value / y_max
            base -= height
            rects.append(Rect(round(x, 1), round(base, 1), round(bar, 1), round(height, 1), segment.css,
                              segment.title, column.href))
        if index % every == 0:
            x_labels.append(Label(round(x + bar / 2, 1), bottom + 16, column.label))
    return ColumnChart(title, _axes(y_max, x_labels), tuple(rects), tuple(legend))


def _fraction_of_year(iso: str | None) -> float | None:
    """2024-07-01 → 2024.5; a bare year or month sits in its middle; None when unreadable."""
    if not iso or not iso[:4].isdigit():
        return None
    parts = iso.split("-")
    try:
        if len(parts) >= 3:
            day = date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
            return day.year + (day.timetuple().tm_yday - 0.5) / 366
        if len(parts) == 2:
            return int(parts[0]) + (int(parts[1]) - 0.5) / 12
    except ValueError:
        return None
    return int(parts[0]) + MID_YEAR


@dataclass(frozen=True)
class _GoalPoints:
    """The goal's figures in (fractional year, value) form, before scaling."""

    growth: list[tuple[float, float]]
    baseline: tuple[float, float] | None
    statements: list[tuple[float, float, str, str]]  # x, value, css, tooltip
    target: tuple[float, float] | None
    outcome: tuple[float, float, str] | None
    caption: str


def _growth_points(detail: LedgerTargetDetail) -> list[tuple[float, float]]:
    growth = detail.derived.growth
    if growth is None or growth.from_value is None:
        return []
    rate = 1 + growth.percent_per_year / 100
    return [(year + MID_YEAR, growth.from_value * rate ** (year - growth.from_year))
            for year in range(growth.from_year, growth.to_year + 1)]


def _goal_points(detail: LedgerTargetDetail) -> _GoalPoints:
    summary = detail.summary
    statements = []
    for event in detail.events:
        x = _fraction_of_year(event.date)
        if event.kind in ("stated", "restated", "revised") and x is not None and event.value is not None:
            statements.append((x, event.value, f"event-{event.kind}", f"{event.kind} {event.date}: {event.value:g}"))
    target = (summary.year + MID_YEAR, summary.value) if summary.year is not None else None
    outcome = None
    if summary.outcome_value is not None:
        x = summary.year + MID_YEAR if summary.year is not None else _fraction_of_year(summary.outcome_date)
        if x is not None:
            outcome = (x, summary.outcome_value, f"status-{summary.status}")
    caption = summary.unit if summary.kind == "level" else f"{summary.unit} change"
    growth = _growth_points(detail) if summary.kind == "level" else []
    return _GoalPoints(growth, growth[0] if growth else None, statements, target, outcome, caption)


def _polyline(points: Sequence[tuple[float, float]], x_of: Scale, y_of: Scale) -> str:
    return " ".join(f"{x_of(x):.1f},{y_of(y):.1f}" for x, y in points)


class Scale:
    """A linear map from data to pixels."""

    def __init__(self, low: float, high: float, start: float, end: float) -> None:
        self.low, self.span = low, (high - low) or 1.0
        self.start, self.length = start, end - start

    def __call__(self, value: float) -> float:
        return self.start + (value - self.low) / self.span * self.length


def goal_chart(detail: LedgerTargetDetail) -> GoalChart:
    """The goal on a time axis: statements as they were made, the implied growth path from baseline to
    target, the target itself and any outcome (coloured by status)."""
    points = _goal_points(detail)
    xs = [p[0] for p in points.growth] + [s[0] for s in points.statements]
    xs += [p[0] for p in (points.target, points.outcome) if p is not None]
    ys = [p[1] for p in points.growth] + [s[1] for s in points.statements]
    ys += [p[1] for p in (points.target, points.outcome) if p is not None]
    first_year, last_year = math.floor(min(xs, default=date.today().year)), math.ceil(max(xs, default=0))
    last_year = max(last_year, first_year + 1)
    y_max = nice_ceiling(max(ys, default=0) * 1.1)
    x_of = Scale(first_year, last_year, MARGIN_LEFT, WIDTH - MARGIN_RIGHT)
    y_of = Scale(0, y_max, HEIGHT - MARGIN_BOTTOM, MARGIN_TOP)
    step = max(1, (last_year - first_year) // 8)
    x_labels = [Label(round(x_of(year + MID_YEAR), 1), HEIGHT - MARGIN_BOTTOM + 16, str(year))
                for year in range(first_year, last_year, step)]
    markers = [Marker(round(x_of(x), 1), round(y_of(y), 1), css, title) for x, y, css, title in points.statements]
    if points.baseline is not None:
        bx, by = points.baseline
        markers.insert(0, Marker(round(x_of(bx), 1), round(y_of(by), 1), "baseline", f"baseline: {by:g}"))
    if points.target is not None:
        tx, ty = points.target
        markers.append(Marker(round(x_of(tx), 1), round(y_of(ty), 1), "goal", f"target {detail.summary.year}: {ty:g}"))
    if points.outcome is not None:
        ox, oy, css = points.outcome
        markers.append(Marker(round(x_of(ox), 1), round(y_of(oy), 1), f"outcome {css}", f"outcome: {oy:g}"))
    legend = (("baseline", "baseline"), ("growth", "implied growth"), ("goal", "target"),
              ("event-stated", "statement"), ("outcome", "outcome"))
    return GoalChart(f"{detail.summary.metric} ({points.caption})", _axes(y_max, x_labels),
                     _polyline(points.growth, x_of, y_of), tuple(markers), legend, points.caption)
