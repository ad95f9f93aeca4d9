"""Matching statements of goals into ledger targets: pure functions over one (unit class, year) group.

Statements are taken in history order — drafts before finals, then by document date (undated first, so a
dated statement decides the current value), then by ingest order (record id) — and each joins the best
ledger target built so far, or starts a new one:

* **restated** — same unit class and year, value within 0.5 %, and the metrics share a specific token (within
  one document, where "100 technologies, 100 products" are different goals, they must be strongly similar);
  counted nouns must agree ("products" never restates "solutions", `similarity.units_compatible`);
* **revised** — same unit class and year, different value, and the metrics are strongly similar; the later
  statement's value becomes current. A document never revises itself: a target that already holds another
  value from the same record is not a candidate;
* otherwise a new ledger target. Corporate goals never join government ones; level and change goals, and
  increase and decrease goals, never join each other.

A statement that repeats an older, no longer current value is kept as a source (a restatement) but does not
change the current value. Outcomes reported for the year attach to every ledger target of the group whose
metric is strongly similar; the latest outcome decides achieved or missed (`judge_outcome`).

Successors (`find_successors`): a ledger target is superseded when a strictly later document states a goal
for a later year with a strongly similar metric (containment of tokens), and no outcome is known for it. A
final plan replacing its draft is not a supersession: it is a restatement or a revision of the same target.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from policywatch.ledger.glossary import GENERIC_CONCEPTS
from policywatch.ledger.records import EventKind, LedgerEvent, Status
from policywatch.ledger.similarity import (
    VALUE_TOLERANCE,
    MetricMatch,
    compare_tokens,
    units_compatible,
    values_agree,
)
from policywatch.records import Baseline

APPROX_TOLERANCE = 0.05  # "~20 %" counts as reached from 19 (a 5 % shortfall)
# values agreeing with v lie within VALUE_TOLERANCE / (1 - VALUE_TOLERANCE) of |v| from it; a little more
_WINDOW = VALUE_TOLERANCE / (1 - VALUE_TOLERANCE) * 1.01


@dataclass(frozen=True)
class Statement:
    """A stored target as the ledger compares it."""

    target_id: int
    record_id: int
    entry_id: int | None
    position: int
    field: str
    sentence: str
    metric: str
    value: float
    base_value: float  # value in the unit class's base unit
    unit: str
    unit_class: str
    comparator: str
    kind: str
    direction: str | None
    year: int | None
    baseline: Baseline | None
    language: str
    corporate: bool
    draft: bool
    date: str | None
    tokens: frozenset[str]

    @property
    def order(self) -> tuple[int, str, int, int, int]:
        """History order: drafts first, then by date (undated first), then ingest order."""
        return (0 if self.draft else 1, self.date or "", self.record_id, self.entry_id or 0, self.position)


@dataclass(frozen=True)
class OutcomeStatement:
    """A stored outcome as the ledger compares it."""

    outcome_id: int
    record_id: int
    entry_id: int | None
    position: int
    field: str
    sentence: str
    metric: str
    value: float
    base_value: float
    unit: str
    unit_class: str
    comparator: str
    kind: str
    direction: str | None
    year: int
    language: str
    date: str | None
    tokens: frozenset[str]

    @property
    def order(self) -> tuple[str, int, int, int]:
        return (self.date or "", self.record_id, self.entry_id or 0, self.position)


@dataclass(frozen=True)
class Goal:
    """One ledger target as matching builds it (before it has an id)."""

    statements: tuple[Statement, ...]
    current: Statement
    events: tuple[LedgerEvent, ...]
    outcome: OutcomeStatement | None
    history_status: Status
    outcome_status: Status | None

    @property
    def tokens(self) -> frozenset[str]:
        """The union of its statements' tokens."""
        return frozenset().union(*(s.tokens for s in self.statements))

    @property
    def draft(self) -> bool:
        return all(s.draft for s in self.statements)


@dataclass
class _Building:
    """A goal while statements are being matched into it."""

    statements: list[Statement]
    current: Statement
    events: list[LedgerEvent] = field(default_factory=list)
    revised: bool = False
    outcome: OutcomeStatement | None = None
    token_sets: set[frozenset[str]] = field(default_factory=set)  # distinct: compared once each
    values: list[float] = field(default_factory=list)  # distinct base values, sorted: `agrees` bisects
    records: dict[int, set[float]] = field(default_factory=dict)  # record → base values it states

    @classmethod
    def start(cls, statement: Statement) -> _Building:
        goal = cls([], statement, [_event("stated", statement, statement.value)])
        goal.remember(statement)
        return goal

    def remember(self, statement: Statement) -> None:
        self.statements.append(statement)
        self.token_sets.add(statement.tokens)
        at = bisect_left(self.values, statement.base_value)
        if at == len(self.values) or self.values[at] != statement.base_value:
            self.values.insert(at, statement.base_value)
        self.records.setdefault(statement.record_id, set()).add(statement.base_value)

    def tokens_specific(self) -> set[str]:
        """Its statements' tokens that are not generic concepts (how candidates are found)."""
        return {t for s in self.token_sets for t in s - GENERIC_CONCEPTS}

    def agrees(self, value: float) -> bool:
        """Some value held agrees with `value`: only those within `_WINDOW` of it can, so only they are
        compared."""
        reach = abs(value) * _WINDOW
        start, end = bisect_left(self.values, value - reach), bisect_right(self.values, value + reach)
        return any(values_agree(held, value) for held in self.values[start:end])

    def score(self, statement: Statement) -> tuple[int, float] | None:
        """(2, dice) for a restatement, (1, dice) for a revision, None when `statement` cannot join."""
        first = self.statements[0]
        if (first.corporate != statement.corporate or first.kind != statement.kind
                or _directions_conflict(first.direction, statement.direction)
                or not units_compatible(first.unit, statement.unit)):
            return None
        stated = self.records.get(statement.record_id, ())
        if any(not values_agree(held, statement.base_value) for held in stated):
            return None
        match = _best_match(self.token_sets, statement.tokens)
        if self.agrees(statement.base_value):
            # a document repeating a goal words it alike; "100 technologies, 100 products" are two goals
            same_record = statement.record_id in self.records
            return (2, match.dice) if (match.strong if same_record else match.overlaps) else None
        return (1, match.dice) if match.strong else None

    def add(self, statement: Statement) -> None:
        new_record = statement.record_id not in self.records
        earlier = self.agrees(statement.base_value)
        self.remember(statement)
        if values_agree(self.current.base_value, statement.base_value):
            if new_record:
                self.events.append(_event("restated", statement, statement.value))
        elif earlier:
            if new_record:
                self.events.append(_event("restated", statement, statement.value,
                                          note="repeats an earlier value; the current value stands"))
        else:
            self.events.append(_event("revised", statement, statement.value, previous=self.current.value))
            self.current, self.revised = statement, True

    def freeze(self) -> Goal:
        records = {s.record_id for s in self.statements}
        history: Status = "revised" if self.revised else ("restated" if len(records) > 1 else "stated")
        events = list(self.events)
        verdict: Status | None = None
        if self.outcome is not None:
            verdict = judge_outcome(self.current, self.outcome)
            events.append(LedgerEvent("outcome", self.outcome.date, self.outcome.record_id, self.outcome.value,
                                      note=f"{verdict}: {_number(self.outcome.value)} reported for "
                                           f"{self.outcome.year}"))
        return Goal(tuple(self.statements), self.current, tuple(events), self.outcome, history, verdict)


def _event(kind: EventKind, statement: Statement, value: float, *, previous: float | None = None,
           note: str = "") -> LedgerEvent:
    if not note and statement.draft:
        note = "draft"
    return LedgerEvent(kind, statement.date, statement.record_id, value, previous, note=note)


def _number(value: float) -> str:
    return f"{value:g}"


def _directions_conflict(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


def _best_match(token_sets: Iterable[frozenset[str]], tokens: frozenset[str]) -> MetricMatch:
    """The best comparison of `tokens` with any of `token_sets`: strongest first, then most specific."""
    matches = [compare_tokens(held, tokens) for held in token_sets]
    return max(matches, key=lambda m: (m.strong, m.overlaps, m.dice))


def match_statements(statements: Sequence[Statement],
                     outcomes: Sequence[OutcomeStatement] = ()) -> list[Goal]:
    """Ledger targets for one (unit class, year) group: statements matched in history order, outcomes
    attached. The result depends only on the statements and outcomes given, not on their order."""
    return _match_into([], {}, statements, outcomes)


def _match_into(goals: list[_Building], by_token: dict[str, set[int]], statements: Sequence[Statement],
                outcomes: Sequence[OutcomeStatement]) -> list[Goal]:
    """Match `statements` in history order into `goals` (`by_token`: specific token → goals holding it, as
    every rule needs one in common), then attach outcomes."""
    for statement in sorted(statements, key=lambda s: s.order):
        best = _best_goal(goals, by_token, statement)
        if best is None:
            goals.append(_Building.start(statement))
            best = len(goals) - 1
        else:
            goals[best].add(statement)
        for token in statement.tokens - GENERIC_CONCEPTS:
            by_token.setdefault(token, set()).add(best)
    for outcome in sorted(outcomes, key=lambda o: o.order):
        for goal in goals:
            if _outcome_fits(goal, outcome):
                goal.outcome = outcome
    return [goal.freeze() for goal in goals]


def continue_matching(held: Iterable[Sequence[Statement]], statements: Sequence[Statement],
                      outcomes: Sequence[OutcomeStatement] = ()) -> list[Goal]:
    """`match_statements` resumed: `held` are goals as matching built them from every statement of their
    part of a group earlier in history order than all of `statements` (each goal its statements), the rest
    of that part is matched into them. Gives what matching the whole part gives, at the cost of the goals
    reached, not of the part."""
    goals = [_replay(statements_of) for statements_of in sorted(held, key=lambda g: min(s.order for s in g))]
    by_token: dict[str, set[int]] = {}
    for index, goal in enumerate(goals):
        for token in goal.tokens_specific():
            by_token.setdefault(token, set()).add(index)
    return _match_into(goals, by_token, statements, outcomes)


def _replay(statements: Sequence[Statement]) -> _Building:
    """A stored goal rebuilt from its statements in history order (joining never depends on other goals)."""
    ordered = sorted(statements, key=lambda s: s.order)
    goal = _Building.start(ordered[0])
    for statement in ordered[1:]:
        goal.add(statement)
    return goal


def connected_ids(tokens: Mapping[int, frozenset[str]], seeds: Iterable[int]) -> set[int]:
    """The statements (by id → comparison tokens) linked to `seeds` by chains of overlapping metrics. A
    statement only ever joins a goal one of whose statements its metric overlaps, so matching this part
    alone gives the same ledger targets as matching the whole group: a change is recomputed where it can
    matter, not everywhere."""
    by_token: dict[str, set[frozenset[str]]] = {}
    for token_set in set(tokens.values()):
        for token in token_set - GENERIC_CONCEPTS:
            by_token.setdefault(token, set()).add(token_set)
    reached = {tokens[i] for i in seeds}
    queue = list(reached)
    while queue:
        current = queue.pop()
        for token in current - GENERIC_CONCEPTS:
            for other in by_token[token] - reached:
                if compare_tokens(current, other).overlaps:
                    reached.add(other)
                    queue.append(other)
    return {i for i, token_set in tokens.items() if token_set in reached}


def _best_goal(goals: list[_Building], by_token: dict[str, set[int]], statement: Statement) -> int | None:
    candidates = sorted({i for token in statement.tokens for i in by_token.get(token, ())})
    best, best_score = None, None
    for index in candidates:
        score = goals[index].score(statement)
        if score is not None and (best_score is None or score > best_score):
            best, best_score = index, score
    return best


def _outcome_fits(goal: _Building, outcome: OutcomeStatement) -> bool:
    first = goal.statements[0]
    if (first.kind != outcome.kind or _directions_conflict(first.direction, outcome.direction)
            or not units_compatible(first.unit, outcome.unit)):
        return False
    if any(values_agree(held, outcome.base_value) for held in goal.records.get(outcome.record_id, ())):
        return False  # the document states this value as its goal: not a report of the result
    return _best_match(goal.token_sets, outcome.tokens).strong


def judge_outcome(target: Statement, outcome: OutcomeStatement) -> Status:
    """achieved or missed, by the target's comparator and direction. A level goal "reach 12" (=, no
    direction or increase) is achieved by 12 or more; "reduce to 12" (decrease) by 12 or less; "~20" within
    `APPROX_TOLERANCE` short of it. A change goal ("cut by 13.5 %") compares magnitudes of change in the
    same direction."""
    goal, got = target.base_value, outcome.base_value
    if target.kind == "change":
        goal, got = abs(goal), abs(got)
        decrease = False  # magnitudes: more change is better unless the comparator caps it
    else:
        decrease = target.direction == "decrease"
    return "achieved" if _meets(target.comparator, goal, got, decrease) else "missed"


def _meets(comparator: str, goal: float, got: float, decrease: bool) -> bool:
    if comparator == ">=":
        return got >= goal
    if comparator == ">":
        return got > goal
    if comparator == "<=":
        return got <= goal
    if comparator == "<":
        return got < goal
    if comparator == "~":
        slack = abs(goal) * APPROX_TOLERANCE
        return got <= goal + slack if decrease else got >= goal - slack
    return got <= goal if decrease else got >= goal


@dataclass(frozen=True)
class GoalKey:
    """What deciding successors needs to know about a stored ledger target."""

    id: int
    unit_class: str
    year: int | None
    kind: str
    corporate: bool
    tokens: frozenset[str]
    first_date: str | None
    last_date: str | None
    has_outcome: bool


def find_successors(goals: Sequence[GoalKey], subjects: set[int] | None = None) -> dict[int, int]:
    """{superseded id: successor id}: a later document's goal for a later year with a strongly similar
    metric replaces a goal that has no outcome. The successor is the earliest such statement. Only the
    goals in `subjects` are decided when it is given."""
    successors: dict[int, int] = {}
    by_token: dict[str, list[GoalKey]] = {}
    for goal in goals:
        for token in goal.tokens - GENERIC_CONCEPTS:
            by_token.setdefault(token, []).append(goal)
    for goal in goals:
        if (subjects is not None and goal.id not in subjects) or goal.has_outcome or goal.year is None:
            continue
        candidates = {c.id: c for token in goal.tokens - GENERIC_CONCEPTS for c in by_token.get(token, ())}
        later = [c for c in candidates.values() if _replaces(c, goal)]
        if later:
            successors[goal.id] = min(later, key=lambda c: (c.first_date or "", c.year or 0, c.id)).id
    return successors


def _replaces(candidate: GoalKey, goal: GoalKey) -> bool:
    if (candidate.year is None or goal.year is None or candidate.year <= goal.year
            or candidate.unit_class != goal.unit_class or candidate.kind != goal.kind
            or candidate.corporate != goal.corporate):
        return False
    if not candidate.first_date or not goal.last_date or candidate.first_date <= goal.last_date:
        return False
    return compare_tokens(candidate.tokens, goal.tokens).contained
