"""Figures derived from a ledger target on read: implied annual growth, the baseline a factor implies, and
whether a stated factor or baseline agrees with the baseline year's figure from another document.

Tolerances of the consistency check:

* an exact factor ("double", "triple", 翻一番): the actual ratio within ±10 % of the factor;
* an approximate factor ("almost twice", "nearly triple"): between 80 % and 110 % of the factor — "almost"
  means a little under, so the band reaches further down than up;
* a stated baseline value ("up from 6.8 percent in 2020"): the figure found within ±5 % of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from policywatch.ledger.records import ConsistencyCheck, GrowthRate, ImpliedBaseline
from policywatch.records import Baseline

FACTOR_TOLERANCE = 0.10
APPROXIMATE_FACTOR_BAND = (0.80, 1.10)
BASELINE_VALUE_TOLERANCE = 0.05


@dataclass(frozen=True)
class GoalFigures:
    """What the derivations need to know about a ledger target."""

    value: float
    year: int | None
    unit: str
    kind: str
    direction: str | None
    baseline: Baseline | None


@dataclass(frozen=True)
class BaselineFigure:
    """A figure for the baseline year held elsewhere in the ledger (an outcome, or a target for that year)."""

    value: float
    year: int
    found_in: Literal["outcome", "target"]
    record_id: int
    sentence: str


def implied_growth(goal: GoalFigures) -> GrowthRate | None:
    """Compound annual growth the goal implies from its baseline year to its year, in percent per year:
    from a stated baseline value, else from a factor, else (a change goal in percent) from the change."""
    baseline = goal.baseline
    if baseline is None or baseline.year is None or goal.year is None or goal.year <= baseline.year:
        return None
    years = goal.year - baseline.year
    if goal.kind == "change":
        if goal.unit != "percent":
            return None
        change = goal.value / 100 * (-1 if goal.direction == "decrease" else 1)
        if change <= -1:
            return None
        return GrowthRate(_annual(1 + change, years), None, baseline.year, None, goal.year, "change")
    if baseline.value and baseline.value > 0 and goal.value > 0:
        return GrowthRate(_annual(goal.value / baseline.value, years), baseline.value, baseline.year,
                          goal.value, goal.year, "baseline value")
    if baseline.factor and baseline.factor > 0:
        return GrowthRate(_annual(baseline.factor, years), goal.value / baseline.factor, baseline.year,
                          goal.value, goal.year, "factor")
    return None


def _annual(ratio: float, years: int) -> float:
    return (ratio ** (1 / years) - 1) * 100


def implied_baseline(goal: GoalFigures) -> ImpliedBaseline | None:
    """The baseline a factor implies (value / factor) when no baseline value is stated; approximate when
    the factor is ("almost twice")."""
    baseline = goal.baseline
    if goal.kind != "level" or baseline is None or not baseline.factor or baseline.value is not None:
        return None
    return ImpliedBaseline(goal.value / baseline.factor, baseline.year, baseline.factor, baseline.approximate)


def check_consistency(goal: GoalFigures, figure: BaselineFigure) -> ConsistencyCheck | None:
    """Does the goal's stated factor (or baseline value) hold against `figure`, the ledger's figure for the
    baseline year? None when the goal states neither or the figure cannot be compared."""
    baseline = goal.baseline
    if goal.kind != "level" or baseline is None or figure.value <= 0:
        return None
    ratio = goal.value / figure.value
    if baseline.factor:
        expected = baseline.factor
        if baseline.approximate:
            low, high = APPROXIMATE_FACTOR_BAND
            holds, tolerance = low <= ratio / expected <= high, (
                f"ratio between {low:.0%} and {high:.0%} of the approximate factor")
        else:
            holds = abs(ratio / expected - 1) <= FACTOR_TOLERANCE
            tolerance = f"ratio within ±{FACTOR_TOLERANCE:.0%} of the factor"
    elif baseline.value:
        expected = goal.value / baseline.value
        holds = abs(figure.value / baseline.value - 1) <= BASELINE_VALUE_TOLERANCE
        tolerance = f"figure within ±{BASELINE_VALUE_TOLERANCE:.0%} of the stated baseline"
    else:
        return None
    return ConsistencyCheck(year=figure.year, found_value=figure.value, found_in=figure.found_in,
                            found_record_id=figure.record_id, found_sentence=figure.sentence, ratio=ratio,
                            expected=expected, holds=holds, tolerance=tolerance)

