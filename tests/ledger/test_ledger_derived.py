"""Derived figures: implied growth, implied baseline and the consistency check, by hand-computed values."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ledger_records import (
    ENERGY_TEXT,
    ENERGY_ZH,
    OUTPUT_EN,
    OUTPUT_POINT,
    brief,
    entry,
    ingest,
    outcome_article,
    policy,
    target,
)

from policywatch.ledger import LedgerTargetDetail, get_target, list_targets
from policywatch.ledger.derived import (
    BaselineFigure,
    GoalFigures,
    check_consistency,
    implied_baseline,
    implied_growth,
)
from policywatch.records import Baseline, Brief
from policywatch.store import Store, open_store


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    opened = open_store(db_target)
    yield opened
    opened.close()


def goal(value: float, year: int | None, baseline: Baseline | None, *, unit: str = "CNY", kind: str = "level",
         direction: str | None = None) -> GoalFigures:
    return GoalFigures(value, year, unit, kind, direction, baseline)


# (20 / 5.4) ** (1 / 5) - 1 = 29.9353 %; 2 ** (1 / 5) - 1 = 14.8698 %; 0.865 ** (1 / 5) - 1 = -2.8589 %
@pytest.mark.parametrize(("figures", "percent", "basis"), [
    (goal(20.0, 2025, Baseline(value=5.4, year=2020), unit="percent"), 29.9353, "baseline value"),
    (goal(1e12, 2025, Baseline(year=2020, factor=2.0, approximate=True)), 14.8698, "factor"),
    (goal(13.5, 2025, Baseline(year=2020), unit="percent", kind="change", direction="decrease"), -2.8589, "change"),
    (goal(30.0, 2025, Baseline(year=2020), unit="percent", kind="change", direction="increase"), 5.3874, "change"),
])
def test_implied_growth(figures: GoalFigures, percent: float, basis: str) -> None:
    growth = implied_growth(figures)
    assert growth is not None
    assert growth.percent_per_year == pytest.approx(percent, abs=1e-4)
    assert growth.basis == basis


@pytest.mark.parametrize("figures", [
    goal(20.0, 2025, None),  # no baseline
    goal(20.0, 2025, Baseline(year=2025, value=5.0)),  # baseline year not before the goal year
    goal(20.0, None, Baseline(year=2020, value=5.0)),  # no goal year
    goal(20.0, 2025, Baseline(year=2020)),  # a level goal with neither value nor factor
    goal(500.0, 2025, Baseline(year=2020), unit="GW", kind="change", direction="increase"),  # a change not in %
])
def test_no_growth_without_what_it_needs(figures: GoalFigures) -> None:
    assert implied_growth(figures) is None


def test_implied_baseline_from_a_factor() -> None:
    implied = implied_baseline(goal(1e12, 2025, Baseline(year=2020, factor=2.0, approximate=True)))
    assert implied is not None
    assert (implied.value, implied.year, implied.factor, implied.approximate) == (5e11, 2020, 2.0, True)
    tripled = implied_baseline(goal(300.0, 2030, Baseline(year=2020, factor=3.0), unit="GW"))
    assert tripled is not None and tripled.value == 100.0 and not tripled.approximate
    assert implied_baseline(goal(1e12, 2025, Baseline(year=2020, value=4e11, factor=2.0))) is None


@pytest.mark.parametrize(("baseline", "found", "holds", "ratio"), [
    (Baseline(year=2020, factor=2.0, approximate=True), 5.2e11, True, 1.9231),  # "almost twice": 1.92
    (Baseline(year=2020, factor=2.0, approximate=True), 8e11, False, 1.25),
    (Baseline(year=2020, factor=2.0, approximate=True), 4.4e11, False, 2.2727),  # more than "almost" allows
    (Baseline(year=2020, factor=3.0), 3.2e11, True, 3.125),  # exact factor: within ±10 %
    (Baseline(year=2020, factor=3.0), 4e11, False, 2.5),
    (Baseline(year=2020, value=5e11), 5.1e11, True, 1.9608),  # stated baseline value found within 5 %
    (Baseline(year=2020, value=5e11), 6e11, False, 1.6667),
])
def test_consistency_tolerances(baseline: Baseline, found: float, holds: bool, ratio: float) -> None:
    check = check_consistency(goal(1e12, 2025, baseline), BaselineFigure(found, 2020, "outcome", 7, "…"))
    assert check is not None
    assert check.holds is holds
    assert check.ratio == pytest.approx(ratio, abs=1e-4)


def robot_brief(point: str, value: float, year: int, published: str, name: str) -> tuple[Brief, bytes]:
    goal_then = target(point, "output value of the robot industry", value, "CNY", year, field="key_points[0]",
                       written="CNY")
    return brief(name, published, [entry("Robot plan", point, (goal_then,))])


def output_detail(store: Store) -> LedgerTargetDetail:
    row = next(r for r in list_targets(store) if r.year == 2025)
    return get_target(store, row.id)


def test_derived_figures_of_a_stored_target(store: Store) -> None:
    ingest(store, brief("robots", "2021-12-28", [entry("Robot plan", OUTPUT_POINT, (OUTPUT_EN,))]))
    derived = output_detail(store).derived
    assert derived.growth is not None and derived.growth.percent_per_year == pytest.approx(14.8698, abs=1e-4)
    assert derived.growth.from_value == 5e11
    assert derived.implied_baseline is not None and derived.implied_baseline.value == 5e11
    assert derived.implied_baseline.approximate
    assert derived.consistency == ()  # nothing in the ledger for 2020 yet


def test_consistency_holds_against_a_reported_outcome(store: Store) -> None:
    ingest(store, brief("robots", "2021-12-28", [entry("Robot plan", OUTPUT_POINT, (OUTPUT_EN,))]),
           outcome_article("robots-2020", "In 2020, the output value of the robot industry reached CNY 520"
                           " billion.", published="2021-02-01"))
    (check,) = output_detail(store).derived.consistency
    assert (check.found_in, check.year, check.found_value, check.holds) == ("outcome", 2020, 5.2e11, True)
    assert check.ratio == pytest.approx(1.9231, abs=1e-4)


def test_consistency_fails_against_an_earlier_plan_figure(store: Store) -> None:
    # the ledger's 2020 figure is an older plan's goal of CNY 800 billion: 1 trillion is not "almost twice" it
    older = "By 2020, the output value of the robot industry should reach CNY 800 billion."
    ingest(store, brief("robots", "2021-12-28", [entry("Robot plan", OUTPUT_POINT, (OUTPUT_EN,))]),
           robot_brief(older, 8e11, 2020, "2016-04-01", "robots-old"))
    (check,) = output_detail(store).derived.consistency
    assert (check.found_in, check.found_value, check.holds) == ("target", 8e11, False)
    assert check.ratio == pytest.approx(1.25)


def test_a_change_goal_shows_its_annual_rate(store: Store) -> None:
    ingest(store, policy("energy", "工业能效提升计划", ENERGY_TEXT, (ENERGY_ZH,), written="2021-12-01"))
    detail = get_target(store, list_targets(store)[0].id)
    assert detail.derived.growth is not None
    assert detail.derived.growth.percent_per_year == pytest.approx(-2.8589, abs=1e-4)
    assert detail.derived.implied_baseline is None
