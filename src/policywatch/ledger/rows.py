"""Ledger rows: a matched goal → its ledger_targets row, sources and events, written only where they differ
from what is stored. The caller owns the transaction."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from policywatch.ledger.documents import Group
from policywatch.ledger.glossary import GENERIC_CONCEPTS
from policywatch.ledger.matching import Goal
from policywatch.ledger.records import LedgerEvent
from policywatch.ledger.steps import STEP_COLUMNS, step_row
from policywatch.records import to_plain

SourceKey = tuple[Any, ...]
_CHUNK = 500  # ids per IN (…) list
Successor = tuple[int, str | None]  # (ledger target id, its first date)

TARGET_COLUMNS = ("unit_class", "year", "metric", "value", "unit", "comparator", "kind", "direction",
                  "baseline_json", "history_status", "outcome_status", "status", "superseded_by", "corporate",
                  "draft", "first_date", "last_date", "outcome_value", "outcome_date", "source_count",
                  "metric_key")
SOURCE_COLUMNS = ("position", "role", "target_id", "outcome_id", "record_id", "entry_id", "field", "sentence",
                  "metric", "value", "unit", "comparator", "year", "language", "doc_date", "draft", "metric_key")
EVENT_COLUMNS = ("position", "event", "event_date", "record_id", "value", "previous_value", "other_target_id",
                 "note")


@dataclass
class Held:
    """A stored ledger target: its row, sources and events, as tuples in column order."""

    row: tuple[Any, ...]
    sources: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)

    @property
    def keys(self) -> set[SourceKey]:
        return {(r[1], r[4], r[5], r[6], r[7], r[9]) for r in self.sources}

    @property
    def target_ids(self) -> list[int | None]:
        """The targets rows it was built from (None where the store deleted one)."""
        return [r[2] for r in self.sources if r[1] == "target"]

    @property
    def intact(self) -> bool:
        """No source lost to a cascade and no targets row deleted under it."""
        count = self.row[TARGET_COLUMNS.index("source_count")]
        return len(self.sources) == count and None not in self.target_ids


def _source_keys(goal: Goal) -> set[SourceKey]:
    keys: set[SourceKey] = {("target", s.record_id, s.entry_id, s.field, s.sentence, s.value)
                            for s in goal.statements}
    if goal.outcome is not None:
        o = goal.outcome
        keys.add(("outcome", o.record_id, o.entry_id, o.field, o.sentence, o.value))
    return keys


def group_goal_ids(conn: sqlite3.Connection, group: Group) -> set[int]:
    """Ids of the ledger targets of a (unit class, year) group."""
    return {r[0] for r in conn.execute(
        "SELECT id FROM ledger_targets WHERE unit_class = ? AND (year = ? OR (year IS NULL AND ? IS NULL))",
        (group[0], group[1], group[1]))}


def held_goals(conn: sqlite3.Connection, goal_ids: set[int]) -> dict[int, Held]:
    """These stored ledger targets with their sources and events (three queries per chunk of ids)."""
    held: dict[int, Held] = {}
    ids = sorted(goal_ids)
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        held.update((r[0], Held(tuple(r[1:]))) for r in conn.execute(
            f"SELECT id, {', '.join(TARGET_COLUMNS)} FROM ledger_targets WHERE id IN ({marks})", chunk))
        for table, columns, into in (("ledger_sources", SOURCE_COLUMNS, "sources"),
                                     ("ledger_events", EVENT_COLUMNS, "events")):
            for r in conn.execute(f"SELECT ledger_target_id, {', '.join(columns)} FROM {table}"
                                  f" WHERE ledger_target_id IN ({marks}) ORDER BY ledger_target_id, position",
                                  chunk):
                getattr(held[r[0]], into).append(tuple(r[1:]))
    return held


def _assign_ids(goals: list[Goal], held: dict[int, Held]) -> list[int | None]:
    """The stored id each goal keeps: the unclaimed stored target sharing most sources (lowest id on a tie)."""
    owners: dict[SourceKey, int] = {key: i for i in sorted(held, reverse=True) for key in held[i].keys}
    claimed: set[int] = set()
    assigned: list[int | None] = []
    for goal in goals:
        votes = Counter(owners[k] for k in _source_keys(goal) if k in owners and owners[k] not in claimed)
        best = min(votes, key=lambda i: (-votes[i], i)) if votes else None
        if best is not None:
            claimed.add(best)
        assigned.append(best)
    return assigned


def store_group(conn: sqlite3.Connection, goals: list[Goal], held: dict[int, Held],
                group: Group) -> tuple[Counter[str], set[int], dict[int, str]]:
    """Store `goals` (matched from scratch) in place of the `held` ledger targets they were recomputed from:
    each keeps the id of the held target sharing most of its sources, held targets left over are deleted.
    Returns the counts (created, updated, unchanged, removed), the ids written or deleted and those written
    whose successor-deciding fields changed (`write_goal`)."""
    counts: Counter[str] = Counter()
    touched: set[int] = set()
    reaching: dict[int, str] = {}
    assigned = _assign_ids(goals, held)
    for goal, target_id in zip(goals, assigned, strict=True):
        outcome, written_id, reach = write_goal(conn, target_id, goal, group)
        counts[outcome] += 1
        if outcome != "unchanged":
            touched.add(written_id)
        if reach:
            reaching[written_id] = reach
    for target_id in sorted(set(held) - {i for i in assigned if i is not None}):
        delete_goal(conn, target_id)
        counts["removed"] += 1
        touched.add(target_id)
    return counts, touched, reaching


def delete_goal(conn: sqlite3.Connection, target_id: int) -> None:
    """Delete a ledger target (its sources, events and resumable state go with it)."""
    conn.execute("DELETE FROM ledger_targets WHERE id = ?", (target_id,))


# What deciding other targets' successors reads of a target (all but its last date, which only decides its own)
_REACHING = tuple(TARGET_COLUMNS.index(c) for c in ("year", "kind", "corporate", "first_date", "outcome_status",
                                                   "metric_key"))
_LAST_DATE = TARGET_COLUMNS.index("last_date")
_SUCCESSOR = TARGET_COLUMNS.index("superseded_by")
# How far a written target's change reaches into successors (`successors.refresh_successors`):
OTHERS = "others"  # which targets it replaces may change (and its own successor)
OWN = "own"  # only its own successor may change
LATER = "later"  # only its last date moved later: its successor stays unless that one now starts too early


def write_goal(conn: sqlite3.Connection, target_id: int | None, goal: Goal,
               group: Group) -> tuple[str, int, str]:
    """Insert (`target_id` None) or update one ledger target: its row, and its sources, events and resumable
    state from the first one `goal` does not keep (`goal.kept`, `goal.kept_events`), each written only where it
    differs from what is stored. Returns (created/updated/unchanged, id, how far the change reaches into
    successors: OTHERS, OWN, LATER or '')."""
    if target_id is None:
        columns = ", ".join(TARGET_COLUMNS)
        marks = ", ".join("?" for _ in TARGET_COLUMNS)
        target_id = int(conn.execute(f"INSERT INTO ledger_targets ({columns}) VALUES ({marks}) RETURNING id",
                                     _target_row(goal, None)).fetchone()[0])
        _write_children(conn, target_id, goal, None, group)
        return "created", target_id, OTHERS
    held = conn.execute(f"SELECT {', '.join(TARGET_COLUMNS)} FROM ledger_targets WHERE id = ?",
                        (target_id,)).fetchone()
    successor = _successor(conn, held[TARGET_COLUMNS.index("superseded_by")])
    row = _target_row(goal, successor)
    changed = tuple(held) != row
    if changed:
        assignments = ", ".join(f"{c} = ?" for c in TARGET_COLUMNS)
        conn.execute(f"UPDATE ledger_targets SET {assignments} WHERE id = ?", (*row, target_id))
    changed = _write_children(conn, target_id, goal, successor, group) or changed
    return ("updated" if changed else "unchanged"), target_id, _reach(tuple(held), row)


def _reach(held: tuple[Any, ...], row: tuple[Any, ...]) -> str:
    if any(held[i] != row[i] for i in _REACHING):
        return OTHERS
    before, after = held[_LAST_DATE], row[_LAST_DATE]
    if before == after:
        return ""
    if before is not None and after is not None and after > before:
        return LATER if row[_SUCCESSOR] is not None else ""  # later: no new successor can start before it
    return OWN


def _write_children(conn: sqlite3.Connection, target_id: int, goal: Goal, successor: Successor | None,
                    group: Group) -> bool:
    """Sources and events (True when they changed), then the resumable state."""
    changed = replace_tail(conn, "ledger_sources", SOURCE_COLUMNS, target_id, goal.kept, _source_rows(goal))
    events = event_rows(goal.events, successor, goal.kept_events)
    changed = replace_tail(conn, "ledger_events", EVENT_COLUMNS, target_id, goal.kept_events, events) or changed
    steps = [step_row(goal.kept + i, s, step) for i, (s, step) in enumerate(zip(goal.statements, goal.steps,
                                                                                 strict=True))]
    replace_tail(conn, "ledger_steps", STEP_COLUMNS, target_id, goal.kept, steps)
    replace_tail(conn, "ledger_target_values", ("first_position", "base_value"), target_id, goal.kept,
                 sorted((position, value) for value, position in goal.values), "first_position")
    replace_tail(conn, "ledger_target_keys", ("first_position", "metric_key"), target_id, goal.kept,
                 sorted((position, " ".join(sorted(key))) for key, position in goal.keys), "first_position")
    _write_tokens(conn, target_id, goal, group)
    _write_outcome_ref(conn, target_id, goal)
    return changed


def _write_tokens(conn: sqlite3.Connection, target_id: int, goal: Goal, group: Group) -> None:
    wanted = goal.tokens - GENERIC_CONCEPTS
    held = {r[0] for r in conn.execute("SELECT token FROM ledger_target_tokens WHERE ledger_target_id = ?",
                                       (target_id,))}
    conn.executemany("DELETE FROM ledger_target_tokens WHERE ledger_target_id = ? AND token = ?",
                     [(target_id, token) for token in sorted(held - wanted)])
    conn.executemany("INSERT INTO ledger_target_tokens (ledger_target_id, unit_class, year, token) VALUES (?, ?, ?, ?)",
                     [(target_id, group[0], group[1], token) for token in sorted(wanted - held)])


def _write_outcome_ref(conn: sqlite3.Connection, target_id: int, goal: Goal) -> None:
    wanted = goal.outcome.outcome_id if goal.outcome is not None else None
    held = conn.execute("SELECT outcome_id FROM ledger_target_outcomes WHERE ledger_target_id = ?",
                        (target_id,)).fetchone()
    if held is not None and held[0] == wanted and wanted is not None:
        return
    if held is not None:
        conn.execute("DELETE FROM ledger_target_outcomes WHERE ledger_target_id = ?", (target_id,))
    if wanted is not None:
        conn.execute("INSERT INTO ledger_target_outcomes (ledger_target_id, outcome_id) VALUES (?, ?)",
                     (target_id, wanted))


def replace_tail(conn: sqlite3.Connection, table: str, columns: tuple[str, ...], target_id: int, start: int,
                 rows: list[tuple[Any, ...]], position: str = "position") -> bool:
    """Make `table` hold exactly `rows` for the ledger target from `position` `start` on (rows before it are
    kept); False when it already did. `rows` are in the order of `columns`, sorted as stored."""
    names = ", ".join(columns)
    held = [tuple(r) for r in conn.execute(
        f"SELECT {names} FROM {table} WHERE ledger_target_id = ? AND {position} >= ? ORDER BY {names}",
        (target_id, start))]
    if held == sorted(rows):
        return False
    conn.execute(f"DELETE FROM {table} WHERE ledger_target_id = ? AND {position} >= ?", (target_id, start))
    marks = ", ".join("?" for _ in range(len(columns) + 1))
    conn.executemany(f"INSERT INTO {table} (ledger_target_id, {names}) VALUES ({marks})",
                     [(target_id, *row) for row in rows])
    return True


def _successor(conn: sqlite3.Connection, successor_id: int | None) -> Successor | None:
    if successor_id is None:
        return None
    row = conn.execute("SELECT first_date FROM ledger_targets WHERE id = ?", (successor_id,)).fetchone()
    return (successor_id, row[0]) if row else None


def _target_row(goal: Goal, successor: Successor | None) -> tuple[Any, ...]:
    current = goal.current
    status = goal.outcome_status or ("superseded" if successor else goal.history_status)
    outcome = goal.outcome
    return (current.unit_class, current.year, goal.metric,
            current.value, current.unit, current.comparator, current.kind, current.direction,
            _json(goal.baseline), goal.history_status, goal.outcome_status, status,
            successor[0] if successor else None, int(current.corporate), int(goal.draft), goal.first_date,
            goal.last_date, outcome.value if outcome else None, outcome.date if outcome else None,
            goal.source_count, " ".join(sorted(goal.tokens)))


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(to_plain(value), ensure_ascii=False, sort_keys=True)


def _source_rows(goal: Goal) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = [
        (goal.kept + i, "target", s.target_id, None, s.record_id, s.entry_id, s.field, s.sentence, s.metric,
         s.value, s.unit, s.comparator, s.year, s.language, s.date, int(s.draft), " ".join(sorted(s.tokens)))
        for i, s in enumerate(goal.statements)
    ]
    if goal.outcome is not None:
        o = goal.outcome
        rows.append((goal.kept + len(rows), "outcome", None, o.outcome_id, o.record_id, o.entry_id, o.field, o.sentence,
                     o.metric, o.value, o.unit, o.comparator, o.year, o.language, o.date, 0,
                     " ".join(sorted(o.tokens))))
    return rows


def event_rows(events: Iterable[LedgerEvent], successor: Successor | None, start: int = 0) -> list[tuple[Any, ...]]:
    rows = [(start + i, e.kind, e.date, e.record_id, e.value, e.previous_value, e.other_target_id, e.note)
            for i, e in enumerate(events)]
    if successor is not None:
        rows.append((start + len(rows), "superseded", successor[1], None, None, None, successor[0],
                     f"replaced by ledger target #{successor[0]}, a goal for a later year"))
    return rows
