"""Resuming the matching of one (unit class, year) group where a change enters its history, at the cost of the
statements after that point that the change can reach — not of the group, nor of the targets' histories.

`match_statements` takes a group's statements in history order; each joins the candidate (a target sharing a
specific token with it) that scores best. When statements are added (a new record) or lost (a store rewrite),
everything before the earliest of them stays as stored, so matching resumes there, with the group's later
statements in history order. A stored ledger target is loaded as it stood at that point (`steps.load_prefix`:
its running state, never its earlier statements) only when a statement may join it or leave it.

A later stored statement is matched again only when its candidates may score it differently than before. A
target's score for a statement depends on the target's first statement, the values the statement's record
stated in it, its distinct token sets and its distinct values — not on its current value. So every target
whose statements changed records **effects**: the record of each statement that joined or left it, a token set
it did not hold before, a value it did not hold before, a changed first statement. A later statement is
matched again when a target sharing a specific token with it has an effect that can reach it: the same record,
a new token set sharing a specific token with it, a new value agreeing with its value, a changed first
statement. Otherwise it joins what it joined before (added to its target when that target is loaded, as a
changed target's later statements are rewritten). The targets whose later statements an effect can reach are
followed (their statements queued) from the moment of the effect.

This gives what matching the whole group gives (tested against `rebuild_ledger`), while one more brief costs its
own statements, the candidates they are scored against and the later statements its effects reach.
"""

from __future__ import annotations

import heapq
import sqlite3
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from policywatch.ledger.documents import Group
from policywatch.ledger.loading import load_outcomes, load_statements_by_id
from policywatch.ledger.matching import (
    VALUE_WINDOW,
    GoalBuilder,
    OutcomeStatement,
    Statement,
    attach_outcomes,
    best_goal,
    resume_goal,
    start_goal,
)
from policywatch.ledger.rows import delete_goal, write_goal
from policywatch.ledger.similarity import values_agree
from policywatch.ledger.steps import (
    Order,
    TailRow,
    cut_position,
    goal_tokens,
    goals_of_record,
    goals_with_token,
    load_prefix,
    specific,
    statement_count,
    tail_rows,
)


@dataclass(eq=False)
class _Slot:
    """A ledger target during a resumed run: a stored one (`goal_id`) as loaded at some point of history with
    `kept` statements, or one made in this run."""

    goal_id: int | None
    kept: int
    building: GoalBuilder | None  # None: no statement yet at this point of history
    tokens: set[str] = field(default_factory=set)  # specific tokens, stored and held now
    dirty: bool = False  # its statements differ from the stored ones: it is written
    outcome_due: bool = False  # its outcome must be found again
    first_changed: bool = False
    effect_records: set[int] = field(default_factory=set)
    effect_values: list[float] = field(default_factory=list)  # sorted
    origins: Counter[int] = field(default_factory=Counter)  # made here: stored targets its statements left

    @property
    def has_effects(self) -> bool:
        return bool(self.first_changed or self.effect_records)


@dataclass(frozen=True)
class GroupChange:
    """What entered a group's history: new statements, stored targets that lost statements (to a store
    rewrite), targets whose outcome must be found again."""

    statements: tuple[Statement, ...] = ()
    broken: frozenset[int] = frozenset()
    outcome_due: frozenset[int] = frozenset()


class GroupRun:
    """One resumed run over a group (see the module doc)."""

    def __init__(self, conn: sqlite3.Connection, group: Group) -> None:
        self.conn, self.group = conn, group
        self.slots: dict[int, _Slot] = {}  # loaded stored targets
        self.watched: set[int] = set()  # stored targets whose later statements are queued
        self.created: list[_Slot] = []
        self.by_token: dict[str, set[_Slot]] = {}  # specific token → slots holding it now (candidates)
        self.effects_near: dict[str, set[_Slot]] = {}  # specific token → slots with effects holding it
        self.new_token_sets: dict[str, set[_Slot]] = {}  # specific token → slots it came to in a new token set
        self._postings: dict[str, set[int]] = {}
        self._queue: list[tuple[Order, int, Statement | TailRow]] = []
        self._pushed = 0
        self._tails: dict[int, list[TailRow]] = {}  # watched target → its queued statements
        self._statements: dict[int, Statement] = {}  # targets row id → statement (read ahead per target)
        self._broken_by_record: dict[int, set[int]] = {}  # record → stored targets that lost its statements
        self.now: Order = (0, "", 0, 0, 0)

    # ---- following and loading stored targets --------------------------------------------------------------

    def _goals_with(self, token: str) -> set[int]:
        if token not in self._postings:
            self._postings[token] = goals_with_token(self.conn, self.group[0], token, self.group[1])
        return self._postings[token]

    def _push(self, order: Order, item: Statement | TailRow) -> None:
        self._pushed += 1
        heapq.heappush(self._queue, (order, self._pushed, item))

    def watch(self, goal_ids: Iterable[int]) -> None:
        """Queue the later statements of these stored targets (from now on)."""
        for goal_id in sorted(set(goal_ids) - self.watched):
            self.watched.add(goal_id)
            self._tails[goal_id] = tail_rows(self.conn, goal_id, cut_position(self.conn, goal_id, self.now))
            for row in self._tails[goal_id]:
                self._push(row.order, row)

    def _statement(self, target_id: int) -> Statement:
        if target_id not in self._statements:
            self._statements.update((s.target_id, s) for s in load_statements_by_id(self.conn, [target_id]))
        return self._statements[target_id]

    def load(self, goal_id: int, at_end: bool = False) -> _Slot:
        """The stored target as it stands now (or after all its statements), its later statements queued."""
        slot = self.slots.get(goal_id)
        if slot is not None:
            return slot
        if not at_end:
            self.watch([goal_id])
        count = statement_count(self.conn, goal_id) if at_end else cut_position(self.conn, goal_id, self.now)
        upcoming = [] if at_end else [r for r in self._tails[goal_id] if r.order >= self.now and r.target_id]
        wanted = [r.target_id for r in upcoming if r.target_id is not None and r.target_id not in self._statements]
        self._statements.update((s.target_id, s) for s in load_statements_by_id(self.conn, wanted))
        prefix = load_prefix(self.conn, goal_id, count, {r.order[2] for r in upcoming})
        slot = _Slot(goal_id, count, resume_goal(prefix) if prefix else None, set(specific(goal_tokens(self.conn,
                                                                                                     goal_id))))
        self.slots[goal_id] = slot
        if slot.building is not None:
            # indexed under every token it holds as stored (a superset of those it holds now): a candidate
            # sharing none now scores None, so the extra ones change nothing
            for token in slot.tokens:
                self.by_token.setdefault(token, set()).add(slot)
        return slot

    # ---- effects -------------------------------------------------------------------------------------------

    def _effect(self, slot: _Slot, record_id: int, tokens: frozenset[str] | None, value: float | None,
                first: bool = False) -> None:
        """Record that `slot` gained or lost a statement, and follow the targets whose later statements it
        can reach: those holding the record's statements, sharing the new token set's tokens, or (a new value
        or first statement) sharing any token of the slot."""
        slot.dirty = True
        if not slot.has_effects:
            for token in slot.tokens:
                self.effects_near.setdefault(token, set()).add(slot)
        wide = False
        if record_id not in slot.effect_records:
            slot.effect_records.add(record_id)
            self.watch(goals_of_record(self.conn, record_id, self.group))
        if tokens is not None:
            for token in specific(tokens):
                self.new_token_sets.setdefault(token, set()).add(slot)
            self.watch({g for t in specific(tokens) for g in self._goals_with(t)})
        if value is not None:
            insort(slot.effect_values, value)
            wide = True
        if first and not slot.first_changed:
            slot.first_changed = wide = True
        if wide:
            self.watch({g for t in slot.tokens for g in self._goals_with(t)})

    def _affected(self, tokens: frozenset[str], record_id: int, value: float) -> bool:
        """Whether a changed target's effects can make a later statement score differently."""
        tokens = specific(tokens)
        if any(self.new_token_sets.get(t) for t in tokens):
            return True
        reach = abs(value) * VALUE_WINDOW
        for slot in {s for t in tokens for s in self.effects_near.get(t, ())}:
            if slot.first_changed or record_id in slot.effect_records:
                return True
            values = slot.effect_values
            start, end = bisect_left(values, value - reach), bisect_right(values, value + reach)
            if any(values_agree(held, value) for held in values[start:end]):
                return True
        return False

    # ---- the run -----------------------------------------------------------------------------------------

    def run(self, change: GroupChange) -> None:
        starts = [s.order for s in change.statements]
        broken = {goal_id: [r.order for r in tail_rows(self.conn, goal_id, 0) if r.target_id is None]
                  for goal_id in sorted(change.broken)}
        starts += [order for orders in broken.values() for order in orders]
        for goal_id, orders in broken.items():
            for order in orders:
                self._broken_by_record.setdefault(order[2], set()).add(goal_id)
        if starts:
            self.now = min(starts)
            for goal_id in sorted(change.broken):
                self.load(goal_id).dirty = True
            for statement in change.statements:
                self._push(statement.order, statement)
        while self._queue:
            self.now, _, item = heapq.heappop(self._queue)
            self._step(item)
        for goal_id in sorted(change.outcome_due):
            self.load(goal_id, at_end=True).outcome_due = True

    def _step(self, item: Statement | TailRow) -> None:
        if isinstance(item, Statement):
            self._match(item, None)
            return
        if item.target_id is None:  # deleted by the store: the statement leaves its target
            origin = self.load(item.goal_id)
            self._effect(origin, item.order[2], item.tokens, item.base_value, first=origin.building is None)
            return
        if self._affected(item.tokens, item.order[2], item.base_value):
            origin = self.load(item.goal_id)
            self._match(self._statement(item.target_id), origin)
        elif item.goal_id in self.slots:  # it joins what it joined before
            self._join(self.slots[item.goal_id], self._statement(item.target_id))

    def _join(self, slot: _Slot, statement: Statement) -> None:
        if slot.building is None:
            slot.building = start_goal(statement)
        else:
            slot.building.add(statement)
        new = specific(statement.tokens) - slot.tokens
        slot.tokens |= new
        for token in specific(statement.tokens):
            self.by_token.setdefault(token, set()).add(slot)
        if new and slot.has_effects:
            for token in new:
                self.effects_near.setdefault(token, set()).add(slot)
            if slot.effect_values or slot.first_changed:
                self.watch({g for t in new for g in self._goals_with(t)})

    def _match(self, statement: Statement, origin: _Slot | None) -> None:
        tokens = specific(statement.tokens)
        for token in sorted(tokens):
            for goal_id in sorted(self._goals_with(token)):
                self.load(goal_id)
        candidates = sorted({s for t in tokens for s in self.by_token.get(t, ()) if s.building is not None},
                            key=lambda s: s.building.first.order if s.building else self.now)
        chosen = best_goal([s.building for s in candidates if s.building is not None], statement)
        slot = next((s for s in candidates if s.building is chosen), None) if chosen is not None else None
        if slot is not None and slot is origin:
            self._join(slot, statement)  # back where it was: nothing changes for later statements
            return
        if origin is not None:
            self._effect(origin, statement.record_id, statement.tokens, statement.base_value,
                         first=origin.building is None)
        if slot is None:
            slot = _Slot(None, 0, None)
            self.created.append(slot)
        building = slot.building
        new_tokens = building is None or statement.tokens not in building.token_sets
        new_value = building is None or not building.holds_value(statement.base_value)
        self._join(slot, statement)
        self._effect(slot, statement.record_id, statement.tokens if new_tokens else None,
                     statement.base_value if new_value else None, first=building is None)
        if slot.goal_id is None:  # made here: where its statements were before (for its id)
            if origin is not None and origin.goal_id is not None:
                slot.origins[origin.goal_id] += 1
            for goal_id in self._broken_by_record.get(statement.record_id, ()):
                slot.origins[goal_id] += 1

    # ---- writing -----------------------------------------------------------------------------------------

    def store(self) -> tuple[Counter[str], set[int], dict[int, str]]:
        """Write the targets whose statements or outcome changed; returns the counts, the ids written or
        deleted, and how far each written change reaches into successors (`rows.write_goal`)."""
        counts: Counter[str] = Counter()
        touched: set[int] = set()
        reaching: dict[int, str] = {}
        emptied = [s for s in self.slots.values() if s.dirty and s.building is None]
        self._reuse_ids(emptied)
        due = [s for s in (*self.slots.values(), *self.created)
               if s.building is not None and (s.dirty or s.outcome_due)]
        if due:
            outcomes: list[OutcomeStatement] = load_outcomes(self.conn, self.group) if self.group[1] is not None else []
            attach_outcomes([s.building for s in due if s.building is not None], outcomes)
        for slot in due:
            assert slot.building is not None
            outcome, goal_id, reach = write_goal(self.conn, slot.goal_id, slot.building.freeze(), self.group)
            counts[outcome] += 1
            if outcome != "unchanged":
                touched.add(goal_id)
            if reach:
                reaching[goal_id] = reach
        reused = {s.goal_id for s in self.created}
        for slot in emptied:
            if slot.goal_id is not None and slot.goal_id not in reused:
                delete_goal(self.conn, slot.goal_id)
                counts["removed"] += 1
                touched.add(slot.goal_id)
        return counts, touched, reaching

    def _reuse_ids(self, emptied: list[_Slot]) -> None:
        """A target made in this run takes the id of the emptied stored target most of its statements came
        from (as `rows.store_group` would give it when recomputing), so ids outlive a re-parse."""
        free = {s.goal_id for s in emptied if s.goal_id is not None}
        for slot in self.created:
            votes = {i: n for i, n in slot.origins.items() if i in free}
            if votes:
                chosen = min(votes, key=lambda i: (-votes[i], i))
                free.discard(chosen)
                slot.goal_id = chosen


def resume_group(conn: sqlite3.Connection, group: Group,
                 change: GroupChange) -> tuple[Counter[str], set[int], dict[int, str]]:
    """Bring one group's ledger targets in step with `change` (see the module doc)."""
    run = GroupRun(conn, group)
    run.run(change)
    return run.store()
