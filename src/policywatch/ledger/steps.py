"""What lets the ledger resume matching inside a stored ledger target (migration 0007): its running state after
each statement (`ledger_steps`), its distinct values and token sets with where they first appear, and its
specific tokens (`ledger_target_tokens`, how candidate targets are found). Reading here; `rows.py` writes.

Every look-up is by ledger target and position, or by (unit class, token): its cost is that of the rows
asked for, not of the archive.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from policywatch.ledger.documents import Group
from policywatch.ledger.glossary import GENERIC_CONCEPTS
from policywatch.ledger.loading import load_statements_by_id
from policywatch.ledger.matching import Prefix, Statement, Step

Order = tuple[int, str, int, int, int]  # `Statement.order`

STEP_COLUMNS = ("position", "target_id", "record_id", "order_final", "order_date", "order_entry", "order_position",
                "base_value", "current_position", "revised", "restated", "display_position", "display_weight",
                "baseline_position", "first_date", "last_date", "draft", "events")
_ORDER = "(order_final, order_date, record_id, order_entry, order_position)"
STEPS_READY = "ledger_steps"  # stage_versions name: every ledger target has its steps, values, keys and tokens


def step_row(position: int, statement: Statement, step: Step) -> tuple[Any, ...]:
    final, date, record_id, entry_id, in_record = statement.order
    return (position, statement.target_id, record_id, final, date, entry_id, in_record, statement.base_value,
            step.current, int(step.revised), int(step.restated), step.display, step.display_weight, step.baseline,
            step.first_date, step.last_date, int(step.draft), step.events)


def _step(row: Any) -> Step:
    return Step(row[0], bool(row[1]), bool(row[2]), row[3], row[4], row[5], row[6], row[7], bool(row[8]), row[9])


@dataclass(frozen=True)
class TailRow:
    """A stored statement of a ledger target, as much as deciding whether to match it again needs."""

    goal_id: int
    position: int
    target_id: int | None  # None: the store deleted the targets row (the statement is dropped)
    order: Order
    tokens: frozenset[str]
    base_value: float


def steps_ready(conn: sqlite3.Connection) -> bool:
    """Whether the resumable state is filled. A store with no ledger target yet is marked filled now; one
    whose targets were stored before migration 0007 is not (`rebuild_ledger` fills it)."""
    if conn.execute("SELECT version FROM stage_versions WHERE name = ?", (STEPS_READY,)).fetchone():
        return True
    if conn.execute("SELECT id FROM ledger_targets LIMIT 1").fetchone():
        return False
    mark_steps_ready(conn)
    return True


def mark_steps_ready(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO stage_versions (name, version) VALUES (?, 1) ON CONFLICT (name) DO NOTHING",
                 (STEPS_READY,))


def statement_count(conn: sqlite3.Connection, goal_id: int) -> int:
    row = conn.execute("SELECT position FROM ledger_steps WHERE ledger_target_id = ? ORDER BY position DESC LIMIT 1",
                       (goal_id,)).fetchone()
    return 0 if row is None else int(row[0]) + 1


def cut_position(conn: sqlite3.Connection, goal_id: int, order: Order) -> int:
    """How many of the target's statements come before `order` in history order (its statements are stored in
    that order, so this reads back from the end only as far as `order`)."""
    row = conn.execute(f"SELECT position FROM ledger_steps WHERE ledger_target_id = ? AND {_ORDER} < (?, ?, ?, ?, ?)"
                       " ORDER BY position DESC LIMIT 1", (goal_id, *order)).fetchone()
    return 0 if row is None else int(row[0]) + 1


def tail_rows(conn: sqlite3.Connection, goal_id: int, start: int) -> list[TailRow]:
    """The target's statements from position `start` on."""
    rows = conn.execute(
        "SELECT st.position, st.target_id, st.order_final, st.order_date, st.record_id, st.order_entry,"
        " st.order_position, s.metric_key, st.base_value FROM ledger_steps st LEFT JOIN ledger_sources s"
        " ON s.ledger_target_id = st.ledger_target_id AND s.position = st.position AND s.role = 'target'"
        " WHERE st.ledger_target_id = ? AND st.position >= ? ORDER BY st.position", (goal_id, start)).fetchall()
    return [TailRow(goal_id, r[0], r[1], (r[2], r[3], r[4], r[5], r[6]), frozenset((r[7] or "").split()), r[8])
            for r in rows]


class _Lookups:
    """The prefix's look-ups of values: its distinct values read once (sorted), the values of a record read on
    demand or ahead for the records of statements about to be matched."""

    def __init__(self, conn: sqlite3.Connection, goal_id: int, count: int) -> None:
        self.conn, self.goal_id, self.count = conn, goal_id, count
        self._records: dict[int, set[float]] = {}
        self._values: list[float] | None = None
        self._ids: dict[int, int] = {}
        self._statements: dict[int, Statement] = {}

    def prefetch(self, record_ids: Iterable[int]) -> None:
        wanted = sorted(set(record_ids) - self._records.keys())
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            self._records.update((r, set()) for r in chunk)
            marks = ", ".join("?" for _ in chunk)
            for record_id, value in self.conn.execute(
                    f"SELECT record_id, base_value FROM ledger_steps WHERE record_id IN ({marks})"
                    " AND ledger_target_id = ? AND position < ?", (*chunk, self.goal_id, self.count)):
                self._records[record_id].add(value)

    def locate(self, positions: set[int]) -> None:
        """Read ahead which targets rows the statements at these positions are."""
        marks = ", ".join("?" for _ in positions)
        self._ids.update(self.conn.execute(f"SELECT position, target_id FROM ledger_steps WHERE ledger_target_id = ?"
                                           f" AND position IN ({marks})", (self.goal_id, *sorted(positions))))

    def statement_at(self, position: int) -> Statement:
        if position not in self._statements:
            if position not in self._ids:
                self.locate({position})
            self._statements[position] = load_statements_by_id(self.conn, [self._ids[position]])[0]
        return self._statements[position]

    def record_values(self, record_id: int) -> set[float]:
        if record_id not in self._records:
            self.prefetch([record_id])
        return self._records[record_id]

    def values_near(self, low: float, high: float) -> list[float]:
        if self._values is None:
            self._values = sorted(r[0] for r in self.conn.execute(
                "SELECT base_value FROM ledger_target_values WHERE ledger_target_id = ? AND first_position < ?",
                (self.goal_id, self.count)))
        return self._values[bisect_left(self._values, low):bisect_right(self._values, high)]


def load_prefix(conn: sqlite3.Connection, goal_id: int, count: int, upcoming: Iterable[int] = ()) -> Prefix | None:
    """The stored target as it stood after its first `count` statements (None when `count` is 0); `upcoming`:
    records whose statements are about to be matched into it (their values are read ahead)."""
    if count == 0:
        return None
    row = conn.execute(f"SELECT {', '.join(STEP_COLUMNS[8:])} FROM ledger_steps WHERE ledger_target_id = ?"
                       " AND position = ?", (goal_id, count - 1)).fetchone()
    step = _step(row)
    token_sets = frozenset(frozenset(r[0].split()) for r in conn.execute(
        "SELECT metric_key FROM ledger_target_keys WHERE ledger_target_id = ? AND first_position < ?",
        (goal_id, count)))
    lookups = _Lookups(conn, goal_id, count)
    lookups.locate({0, step.current, step.display} | ({step.baseline} if step.baseline is not None else set()))
    lookups.prefetch(upcoming)
    return Prefix(count, step, lookups.statement_at, token_sets, lookups.record_values, lookups.values_near)


def goal_tokens(conn: sqlite3.Connection, goal_id: int) -> frozenset[str]:
    """The specific tokens a stored target holds."""
    return frozenset(r[0] for r in conn.execute("SELECT token FROM ledger_target_tokens WHERE ledger_target_id = ?",
                                                (goal_id,)))


def goals_with_token(conn: sqlite3.Connection, klass: str, token: str, year: int | bool | None = False) -> set[int]:
    """Stored targets of unit class `klass` holding `token`: of one year (None: undated), or of every year
    when `year` is False."""
    sql = "SELECT ledger_target_id FROM ledger_target_tokens WHERE unit_class = ? AND token = ?"
    if year is False:
        return {r[0] for r in conn.execute(sql, (klass, token))}
    if year is None:
        return {r[0] for r in conn.execute(f"{sql} AND year IS NULL", (klass, token))}
    return {r[0] for r in conn.execute(f"{sql} AND year = ?", (klass, token, year))}


def goals_of_record(conn: sqlite3.Connection, record_id: int, group: Group) -> set[int]:
    """Stored targets of the group holding a statement of the record."""
    year = "lt.year IS NULL" if group[1] is None else "lt.year = ?"
    return {r[0] for r in conn.execute(
        "SELECT DISTINCT st.ledger_target_id FROM ledger_steps st JOIN ledger_targets lt ON lt.id = st.ledger_target_id"
        f" WHERE st.record_id = ? AND lt.unit_class = ? AND {year}",
        (record_id, group[0], *(() if group[1] is None else (group[1],))))}


def specific(tokens: frozenset[str]) -> frozenset[str]:
    return tokens - GENERIC_CONCEPTS


def group_of_goals(conn: sqlite3.Connection, goal_ids: set[int]) -> dict[int, Group]:
    ids = sorted(goal_ids)
    found: dict[int, Group] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        found.update((r[0], (r[1], r[2])) for r in conn.execute(
            f"SELECT id, unit_class, year FROM ledger_targets WHERE id IN ({', '.join('?' for _ in chunk)})", chunk))
    return found
