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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from policywatch.ledger.glossary import GENERIC_CONCEPTS
from policywatch.ledger.records import EventKind, LedgerEvent, Status
from policywatch.ledger.similarity import (
    VALUE_TOLERANCE,
    MetricMatch,
    clause_of,
    compare_tokens,
    metric_tokens,
    units_compatible,
    values_agree,
)
from policywatch.records import Baseline

APPROX_TOLERANCE = 0.05  # "~20 %" counts as reached from 19 (a 5 % shortfall)
# values agreeing with v lie within VALUE_TOLERANCE / (1 - VALUE_TOLERANCE) of |v| from it; a little more
_WINDOW = VALUE_TOLERANCE / (1 - VALUE_TOLERANCE) * 1.01
VALUE_WINDOW = _WINDOW


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
class Step:
    """A ledger target's running state after one of its statements (a `ledger_steps` row): what matching
    later statements into it needs, so that it can be resumed from any point of its history without reading
    the statements before that point. Positions are positions in the target's history (`ledger_sources`)."""

    current: int  # the statement holding the current value
    revised: bool
    restated: bool  # statements from more than one record so far
    display: int  # the statement whose wording is shown (`Goal.metric`)
    display_weight: int
    baseline: int | None  # the last statement with a baseline
    first_date: str | None
    last_date: str | None
    draft: bool  # every statement so far is from a draft
    events: int  # history events so far


@dataclass(frozen=True)
class Prefix:
    """A stored ledger target as it stood after its first `count` statements, as much as resuming matching
    needs: its running state, the statements that state points at (read on demand), its distinct token sets,
    and look-ups for the base values one record stated and the distinct base values within a range (both
    before that point)."""

    count: int
    step: Step
    statement_at: Callable[[int], Statement]  # the statement at a position (read when first needed)
    token_sets: frozenset[frozenset[str]]
    record_values: Callable[[int], set[float]]
    values_near: Callable[[float, float], list[float]]


@dataclass(frozen=True)
class Goal:
    """One ledger target as matching builds it (before it has an id). `statements` and `events` are those
    after the first `kept` statements and `kept_events` events, which a resumed target keeps as stored (a
    target matched from scratch keeps none); the other fields describe the whole target."""

    statements: tuple[Statement, ...]
    current: Statement
    events: tuple[LedgerEvent, ...]
    outcome: OutcomeStatement | None
    history_status: Status
    outcome_status: Status | None
    metric: str  # the wording shown: the most telling among the statements of the current value
    baseline: Baseline | None
    first_date: str | None
    last_date: str | None
    draft: bool  # every statement is from a draft
    tokens: frozenset[str]  # the union of its statements' tokens
    steps: tuple[Step, ...] = ()  # running state after each of `statements`
    values: tuple[tuple[float, int], ...] = ()  # distinct base values first stated in `statements`, with position
    keys: tuple[tuple[frozenset[str], int], ...] = ()  # distinct token sets first seen in `statements`
    kept: int = 0
    kept_events: int = 0

    @property
    def source_count(self) -> int:
        return self.kept + len(self.statements) + (1 if self.outcome is not None else 0)


def display_weight(statement: Statement) -> int:
    """How telling a statement's metric is: its specific tokens."""
    return len(metric_tokens(statement.metric) - GENERIC_CONCEPTS)


@dataclass(eq=False)
class GoalBuilder:
    """A goal while statements are being matched into it: from its first statement, or resumed from a stored
    `Prefix` (then only what follows the prefix is held here)."""

    _first: Statement | None  # None: the prefix's, read when first needed (as the next three)
    _current: Statement | None
    current_position: int
    _display: Statement | None
    display_position: int
    display_weight: int
    offset: int = 0  # statements before `statements` (the prefix's)
    event_offset: int = 0
    prefix: Prefix | None = None
    statements: list[Statement] = field(default_factory=list)
    events: list[LedgerEvent] = field(default_factory=list)
    revised: bool = False
    restated: bool = False
    outcome: OutcomeStatement | None = None
    token_sets: set[frozenset[str]] = field(default_factory=set)  # distinct: compared once each
    values: list[float] = field(default_factory=list)  # distinct base values held here, sorted: `agrees` bisects
    records: dict[int, set[float]] = field(default_factory=dict)  # record → base values it states (held here)
    _baseline: Statement | None = None
    baseline_position: int | None = None
    first_date: str | None = None
    last_date: str | None = None
    draft: bool = True
    steps: list[Step] = field(default_factory=list)
    new_values: list[tuple[float, int]] = field(default_factory=list)
    new_keys: list[tuple[frozenset[str], int]] = field(default_factory=list)

    @classmethod
    def start(cls, statement: Statement) -> GoalBuilder:
        weight = display_weight(statement)
        goal = cls(statement, statement, 0, statement, 0, weight)
        goal.events.append(_event("stated", statement, statement.value))
        goal.remember(statement)
        goal.steps.append(goal.step())
        return goal

    @classmethod
    def resume(cls, prefix: Prefix) -> GoalBuilder:
        step = prefix.step
        return cls(None, None, step.current, None, step.display, step.display_weight,
                   offset=prefix.count, event_offset=step.events, prefix=prefix, revised=step.revised,
                   restated=step.restated, token_sets=set(prefix.token_sets), baseline_position=step.baseline,
                   first_date=step.first_date, last_date=step.last_date, draft=step.draft)

    def _held(self, position: int) -> Statement:
        assert self.prefix is not None and position < self.offset
        return self.prefix.statement_at(position)

    @property
    def first(self) -> Statement:
        if self._first is None:
            self._first = self._held(0)
        return self._first

    @property
    def current(self) -> Statement:
        if self._current is None:
            self._current = self._held(self.current_position)
        return self._current

    @property
    def display(self) -> Statement:
        if self._display is None:
            self._display = self._held(self.display_position)
        return self._display

    @property
    def baseline(self) -> Statement | None:
        if self._baseline is None and self.baseline_position is not None:
            self._baseline = self._held(self.baseline_position)
        return self._baseline

    @property
    def count(self) -> int:
        return self.offset + len(self.statements)

    def step(self) -> Step:
        return Step(self.current_position, self.revised, self.restated, self.display_position, self.display_weight,
                    self.baseline_position, self.first_date, self.last_date, self.draft,
                    self.event_offset + len(self.events))

    def record_values(self, record_id: int) -> set[float]:
        """The base values record `record_id` states in this goal."""
        held = self.prefix.record_values(record_id) if self.prefix else set()
        return held | self.records.get(record_id, set())

    def remember(self, statement: Statement) -> None:
        position = self.count
        self.statements.append(statement)
        if statement.tokens not in self.token_sets:
            self.token_sets.add(statement.tokens)
            self.new_keys.append((statement.tokens, position))
        value = statement.base_value
        at = bisect_left(self.values, value)
        if at == len(self.values) or self.values[at] != value:
            self.values.insert(at, value)
            if not (self.prefix and self.prefix.values_near(value, value)):
                self.new_values.append((value, position))
        self.records.setdefault(statement.record_id, set()).add(value)
        if statement.date:
            self.first_date = min(self.first_date or statement.date, statement.date)
            self.last_date = max(self.last_date or statement.date, statement.date)
        self.draft = self.draft and statement.draft
        if statement.baseline is not None:
            self._baseline, self.baseline_position = statement, position

    def holds_value(self, value: float) -> bool:
        """Whether some statement states exactly this base value."""
        at = bisect_left(self.values, value)
        if at < len(self.values) and self.values[at] == value:
            return True
        return self.prefix is not None and bool(self.prefix.values_near(value, value))

    def agrees(self, value: float) -> bool:
        """Some value held agrees with `value`: only those within `_WINDOW` of it can, so only they are
        compared."""
        reach = abs(value) * _WINDOW
        start, end = bisect_left(self.values, value - reach), bisect_right(self.values, value + reach)
        if any(values_agree(held, value) for held in self.values[start:end]):
            return True
        return self.prefix is not None and any(values_agree(held, value)
                                               for held in self.prefix.values_near(value - reach, value + reach))

    def score(self, statement: Statement) -> tuple[int, float] | None:
        """(2, dice) for a restatement, (1, dice) for a revision, None when `statement` cannot join."""
        first = self.first
        if (first.corporate != statement.corporate or first.kind != statement.kind
                or _directions_conflict(first.direction, statement.direction)
                or not units_compatible(first.unit, statement.unit)):
            return None
        stated = self.record_values(statement.record_id)
        if any(not values_agree(held, statement.base_value) for held in stated):
            return None
        match = _best_match(self.token_sets, statement.tokens)
        if self.agrees(statement.base_value):
            # a document repeating a goal words it alike; "100 technologies, 100 products" are two goals
            return (2, match.dice) if (match.strong if stated else match.overlaps) else None
        return (1, match.dice) if match.strong else None

    def add(self, statement: Statement) -> None:
        new_record = not self.record_values(statement.record_id)
        earlier = self.agrees(statement.base_value)
        position = self.count
        self.remember(statement)
        if values_agree(self.current.base_value, statement.base_value):
            if new_record:
                self.events.append(_event("restated", statement, statement.value))
            weight = display_weight(statement)
            if weight >= self.display_weight:  # the latest of the most telling wordings
                self._display, self.display_position, self.display_weight = statement, position, weight
        elif earlier:
            if new_record:
                self.events.append(_event("restated", statement, statement.value,
                                          note="repeats an earlier value; the current value stands"))
        else:
            self.events.append(_event("revised", statement, statement.value, previous=self.current.value))
            self._current, self.current_position, self.revised = statement, position, True
            self._display, self.display_position, self.display_weight = statement, position, display_weight(statement)
        self.restated = self.restated or new_record
        self.steps.append(self.step())

    def freeze(self) -> Goal:
        history: Status = "revised" if self.revised else ("restated" if self.restated else "stated")
        events = list(self.events)
        verdict: Status | None = None
        if self.outcome is not None:
            verdict = judge_outcome(self.current, self.outcome)
            events.append(LedgerEvent("outcome", self.outcome.date, self.outcome.record_id, self.outcome.value,
                                      note=f"{verdict}: {_number(self.outcome.value)} reported for "
                                           f"{self.outcome.year}"))
        current, display = self.current, self.display
        baseline = current.baseline if current.baseline is not None else (
            self.baseline.baseline if self.baseline is not None else None)
        metric = display.metric or clause_of(display.sentence, display.value, display.metric).strip()
        return Goal(tuple(self.statements), current, tuple(events), self.outcome, history, verdict, metric, baseline,
                    self.first_date, self.last_date, self.draft, frozenset().union(*self.token_sets),
                    tuple(self.steps), tuple(self.new_values), tuple(self.new_keys), self.offset, self.event_offset)


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
    """The best comparison of `tokens` with any of `token_sets`: strongest first, then most specific. A held
    set equal to `tokens` is that best (Dice 1 only for equal sets; no other set shares more tokens or more
    specific ones, nor conflicts less), and restatements mostly repeat a wording: it is looked up first."""
    if isinstance(token_sets, (set, frozenset)) and tokens in token_sets:
        return compare_tokens(tokens, tokens)
    matches = [compare_tokens(held, tokens) for held in token_sets]
    return max(matches, key=lambda m: (m.strong, m.overlaps, m.dice))


def match_statements(statements: Sequence[Statement],
                     outcomes: Sequence[OutcomeStatement] = ()) -> list[Goal]:
    """Ledger targets for one (unit class, year) group: statements matched in history order, outcomes
    attached. The result depends only on the statements and outcomes given, not on their order."""
    goals: list[GoalBuilder] = []
    by_token: dict[str, set[int]] = {}  # specific token → goals holding it, as every rule needs one in common
    for statement in sorted(statements, key=lambda s: s.order):
        best = best_goal([goals[i] for i in sorted({i for t in statement.tokens for i in by_token.get(t, ())})],
                         statement)
        if best is None:
            goals.append(GoalBuilder.start(statement))
            index = len(goals) - 1
        else:
            best.add(statement)
            index = goals.index(best)
        for token in statement.tokens - GENERIC_CONCEPTS:
            by_token.setdefault(token, set()).add(index)
    attach_outcomes(goals, outcomes)
    return [goal.freeze() for goal in goals]


def start_goal(statement: Statement) -> GoalBuilder:
    """A new goal made of its first statement."""
    return GoalBuilder.start(statement)


def resume_goal(prefix: Prefix) -> GoalBuilder:
    """A stored goal, as it stood after the prefix, ready for the statements that follow it."""
    return GoalBuilder.resume(prefix)


def best_goal(candidates: Sequence[GoalBuilder], statement: Statement) -> GoalBuilder | None:
    """The goal `statement` joins among `candidates` (in the order the goals were created; the first wins a
    tie), or None when it joins none of them."""
    best, best_score = None, None
    for goal in candidates:
        score = goal.score(statement)
        if score is not None and (best_score is None or score > best_score):
            best, best_score = goal, score
    return best


def attach_outcomes(goals: Iterable[GoalBuilder], outcomes: Sequence[OutcomeStatement]) -> None:
    """Give each goal the latest outcome (in history order) that reports on it, or none."""
    ordered = sorted(outcomes, key=lambda o: o.order)
    for goal in goals:
        goal.outcome = None
        for outcome in ordered:
            if _outcome_fits(goal, outcome):
                goal.outcome = outcome


def _outcome_fits(goal: GoalBuilder, outcome: OutcomeStatement) -> bool:
    first = goal.first
    if (first.kind != outcome.kind or _directions_conflict(first.direction, outcome.direction)
            or not units_compatible(first.unit, outcome.unit)):
        return False
    if any(values_agree(held, outcome.base_value) for held in goal.record_values(outcome.record_id)):
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
