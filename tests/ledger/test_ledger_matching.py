"""Matching rules without a database: tokens across languages, value agreement, unit classes, outcome verdicts,
history order, successors."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from policywatch.ledger import glossary
from policywatch.ledger.matching import (
    GoalKey,
    OutcomeStatement,
    Statement,
    find_successors,
    judge_outcome,
    match_statements,
)
from policywatch.ledger.similarity import (
    clause_of,
    compare_tokens,
    metric_tokens,
    statement_tokens,
    unit_class,
    units_compatible,
    values_agree,
)


@pytest.mark.parametrize(("english", "chinese"), [
    ("share of NEV in new car sales", "新能源汽车新车销售量占比"),
    ("high-value invention patents per 10,000 people", "每万人口高价值发明专利拥有量"),
    ("R&D spending of industrial enterprises", "规模以上工业企业研发经费投入"),
    ("energy consumption per unit of value added", "单位增加值能耗"),
    ("computing power", "算力总规模"),
    ("operating revenue of the software industry", "软件业务营业收入"),
])
def test_english_and_chinese_metrics_share_specific_tokens(english: str, chinese: str) -> None:
    match = compare_tokens(metric_tokens(english), metric_tokens(chinese))
    assert match.overlaps


@pytest.mark.parametrize(("a", "b"), [
    ("新能源汽车新车销量占比", "智能网联汽车新车销量占比"),  # NEV vs ICV: only generic words in common
    ("share of renewables in energy consumption", "share of NEV in new car sales"),
    ("专利密集型产业增加值占GDP比重", "数字经济核心产业增加值占GDP比重"),
])
def test_different_goals_are_not_strongly_similar(a: str, b: str) -> None:
    assert not compare_tokens(metric_tokens(a), metric_tokens(b)).strong


def test_tokens_come_from_the_clause_holding_the_value() -> None:
    sentence = "到2025年，新能源汽车新车销量占比达到25%，智能网联汽车新车销量占比达到30%。"
    assert "nev" in statement_tokens("", sentence, 25.0) and "icv" not in statement_tokens("", sentence, 25.0)
    assert "icv" in statement_tokens("", sentence, 30.0) and "nev" not in statement_tokens("", sentence, 30.0)
    # a thousands separator does not end a clause
    assert "vehicle" in statement_tokens("", "Sales should reach 45,000 vehicles by 2025.", 45000.0)


@pytest.mark.parametrize(("a", "b", "agree"), [
    (20.0, 20.0, True), (20.0, 20.09, True), (20.0, 20.2, False), (1e12, 1.004e12, True), (0.0, 0.0, True),
    (25.0, 20.0, False),
])
def test_values_agree_within_half_a_percent(a: float, b: float, agree: bool) -> None:
    assert values_agree(a, b) is agree


def test_unit_classes_convert_to_one_base() -> None:
    assert unit_class("GW") == ("power_kW", 1e6) and unit_class("kW") == ("power_kW", 1.0)
    assert unit_class("enterprises")[0] == unit_class("patents per 10,000 people")[0] == unit_class("")[0] == "count"
    assert unit_class("CNY")[0] != unit_class("USD")[0]


@pytest.mark.parametrize(("a", "b", "compatible"), [
    ("percent", "percent", True), ("GW", "kW", True), ("companies", "enterprises", True),
    ("patents per 10,000 people", "items", True), ("", "technologies", True), ("apps", "applications", True),
    ("products", "solutions", False), ("standards", "organizations", False), ("enterprises", "vehicles", False),
])
def test_counted_units_must_name_the_same_thing(a: str, b: str, compatible: bool) -> None:
    assert units_compatible(a, b) is compatible


SAME_SENTENCE = "By 2025, generate breakthroughs in 100 core technologies, launch 100 innovative products."


def test_the_clause_is_chosen_by_metric_when_values_repeat() -> None:
    assert clause_of(SAME_SENTENCE, 100.0, "innovative products").strip() == "launch 100 innovative products"
    assert "technologies" in clause_of(SAME_SENTENCE, 100.0, "core technologies")


def test_one_sentence_with_one_value_for_two_goals_gives_two_targets() -> None:
    goals = [statement(1, 7, 100.0, "2021-01-01", metric=metric, unit=unit, unit_class="count",
                       sentence=SAME_SENTENCE, tokens=statement_tokens(metric, SAME_SENTENCE, 100.0))
             for metric, unit in (("core technologies", "technologies"), ("innovative products", "products"))]
    assert len(match_statements(goals)) == 2


def test_glossary_has_no_form_under_two_concepts() -> None:
    seen: dict[str, str] = {}
    for concept, forms in glossary.METRIC_CONCEPTS.items():
        for form in forms:
            assert seen.setdefault(form, concept) == concept, form
    assert set(glossary.METRIC_CONCEPTS) >= glossary.GENERIC_CONCEPTS


def statement(target_id: int, record_id: int, value: float, date: str | None, *, draft: bool = False,
              metric: str = "share of NEV in new car sales", **fields: object) -> Statement:
    base = Statement(target_id=target_id, record_id=record_id, entry_id=None, position=0, field="text",
                     sentence=metric, metric=metric, value=value, base_value=value, unit="percent",
                     unit_class="percent", comparator="=", kind="level", direction=None, year=2025, baseline=None,
                     language="en", corporate=False, draft=draft, date=date, tokens=metric_tokens(metric))
    return replace(base, **fields)  # type: ignore[arg-type]


def outcome(value: float, *, kind: str = "level", direction: str | None = None,
            metric: str = "share of NEV in new car sales") -> OutcomeStatement:
    return OutcomeStatement(outcome_id=1, record_id=99, entry_id=None, position=0, field="text", sentence=metric,
                            metric=metric, value=value, base_value=value, unit="percent", unit_class="percent",
                            comparator="=", kind=kind, direction=direction, year=2025, language="en",
                            date="2026-02-01", tokens=metric_tokens(metric))


def test_history_order_puts_drafts_first_then_dates_then_ingest_order() -> None:
    statements = [statement(1, 5, 20.0, "2020-10-20"), statement(2, 3, 25.0, "2021-01-01", draft=True),
                  statement(3, 4, 20.0, "2020-11-20"), statement(4, 6, 20.0, None)]
    (goal,) = match_statements(statements)
    assert [s.target_id for s in goal.statements] == [2, 4, 1, 3]
    assert [e.kind for e in goal.events] == ["stated", "revised", "restated", "restated"]
    assert goal.current.value == 20.0 and goal.history_status == "revised"
    assert match_statements(statements[::-1]) == [goal]


def test_a_late_repeat_of_an_old_value_does_not_revert_the_revision() -> None:
    statements = [statement(1, 1, 25.0, "2019-12-03", draft=True), statement(2, 2, 20.0, "2020-10-20"),
                  statement(3, 3, 25.0, "2021-03-01")]
    (goal,) = match_statements(statements)
    assert goal.current.value == 20.0
    assert goal.events[-1].kind == "restated" and "earlier value" in goal.events[-1].note


def test_a_document_never_revises_itself() -> None:
    (first, second) = match_statements([statement(1, 1, 25.0, "2020-01-01"), statement(2, 1, 30.0, "2020-01-01")])
    assert first.history_status == second.history_status == "stated"


@pytest.mark.parametrize(("comparator", "kind", "direction", "goal", "got", "verdict"), [
    (">=", "level", None, 12.0, 16.0, "achieved"),
    (">=", "level", None, 12.0, 11.9, "missed"),
    (">", "level", None, 12.0, 12.0, "missed"),
    ("=", "level", None, 12.0, 12.0, "achieved"),
    ("=", "level", "increase", 12.0, 13.0, "achieved"),
    ("=", "level", "decrease", 40.0, 35.0, "achieved"),  # "cut to 40"
    ("=", "level", "decrease", 40.0, 41.0, "missed"),
    ("<=", "level", "decrease", 40.0, 40.0, "achieved"),
    ("<", "level", None, 40.0, 40.0, "missed"),
    ("~", "level", None, 20.0, 19.2, "achieved"),  # within 5 % short of "about 20"
    ("~", "level", None, 20.0, 18.0, "missed"),
    ("~", "level", "decrease", 12.0, 12.5, "achieved"),
    ("=", "change", "decrease", 13.5, 14.2, "achieved"),  # "cut by 13.5 %", fell 14.2 %
    ("=", "change", "decrease", 13.5, 12.0, "missed"),
    (">=", "change", "increase", 10.0, 10.0, "achieved"),
    ("<=", "change", "increase", 5.0, 6.0, "missed"),  # "grow by at most 5 %"
])
def test_judge_outcome(comparator: str, kind: str, direction: str | None, goal: float, got: float,
                       verdict: str) -> None:
    target = statement(1, 1, goal, "2021-01-01", comparator=comparator, kind=kind, direction=direction)
    assert judge_outcome(target, outcome(got, kind=kind, direction=direction)) == verdict


def test_outcomes_attach_only_to_a_matching_metric_and_kind() -> None:
    goals = match_statements([statement(1, 1, 20.0, "2020-10-20")],
                             [outcome(40.9, metric="share of ICV in new car sales"), outcome(13.0, kind="change")])
    assert goals[0].outcome is None
    (goal,) = match_statements([statement(1, 1, 20.0, "2020-10-20")], [outcome(40.9)])
    assert goal.outcome_status == "achieved" and goal.events[-1].kind == "outcome"


def key(goal_id: int, year: int, first: str, last: str, *, tokens: str = "nev new_car sales share",
        outcome: bool = False) -> GoalKey:
    return GoalKey(goal_id, "percent", year, "level", False, frozenset(tokens.split()), first, last, outcome)


def test_successors() -> None:
    goals = [key(1, 2020, "2016-01-01", "2017-05-01"), key(2, 2025, "2020-10-20", "2021-01-01"),
             key(3, 2030, "2024-01-01", "2024-01-01"), key(4, 2025, "2016-01-01", "2016-01-01"),
             key(5, 2020, "2015-01-01", "2015-01-01", outcome=True),
             key(6, 2020, "2015-01-01", "2015-01-01", tokens="icv new_car sales share")]
    successors = find_successors(goals)
    # 4 shares the document date of 1's first statement, so the later plan (2) replaces 1; 5 has an outcome;
    # 4 (stated 2016) is replaced by 3 (2024); 6 is another metric
    assert successors == {1: 2, 2: 3, 4: 3}


@pytest.mark.parametrize("module", ["policywatch.extract.outcomes", "policywatch.ledger",
                                    "policywatch.ledger.update", "policywatch.store"])
def test_each_module_imports_first(module: str) -> None:
    result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_an_equal_wording_is_the_best_match_among_held_token_sets() -> None:
    """`_best_match` returns a held set equal to the statement's tokens without comparing the others; that
    must be what comparing every held set gives (Dice 1 only for equal sets, none shares more)."""
    import random

    from policywatch.ledger.glossary import GENERIC_CONCEPTS
    from policywatch.ledger.matching import _best_match
    from policywatch.ledger.similarity import compare_tokens

    rng = random.Random(3)
    vocabulary = ["robot", "export", "output", "battery", "patent", "数字", *sorted(GENERIC_CONCEPTS)[:4]]
    for _ in range(3000):
        held = {frozenset(rng.sample(vocabulary, rng.randint(1, 5))) for _ in range(rng.randint(1, 6))}
        tokens = rng.choice(sorted(held, key=sorted))
        every = max((compare_tokens(h, tokens) for h in held), key=lambda m: (m.strong, m.overlaps, m.dice))
        assert _best_match(held, tokens) == every
