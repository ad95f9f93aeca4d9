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
from policywatch.ledger.similarity import clause_of, metric_tokens, values_agree
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


def store_group(conn: sqlite3.Connection, goals: list[Goal], held: dict[int, Held]) -> tuple[Counter[str], set[int]]:
    """Store `goals` in place of the `held` ledger targets they were recomputed from: each keeps the id of
    the held target sharing most of its sources, held targets left over are deleted. Returns the counts
    (created, updated, unchanged, removed) and the ids written or deleted."""
    counts: Counter[str] = Counter()
    touched: set[int] = set()
    assigned = _assign_ids(goals, held)
    for goal, target_id in zip(goals, assigned, strict=True):
        outcome, written_id = _store_goal(conn, goal, target_id, held.get(target_id) if target_id else None)
        counts[outcome] += 1
        if outcome != "unchanged":
            touched.add(written_id)
    for target_id in sorted(set(held) - {i for i in assigned if i is not None}):
        conn.execute("DELETE FROM ledger_targets WHERE id = ?", (target_id,))
        counts["removed"] += 1
        touched.add(target_id)
    return counts, touched


def _store_goal(conn: sqlite3.Connection, goal: Goal, target_id: int | None,
                held: Held | None) -> tuple[str, int]:
    """Insert or update one ledger target with its sources and events: (created/updated/unchanged, id)."""
    successor = _successor(conn, held.row[TARGET_COLUMNS.index("superseded_by")]) if held else None
    row = _target_row(goal, successor)
    sources, events = _source_rows(goal), event_rows(goal.events, successor)
    if target_id is None or held is None:
        columns = ", ".join(TARGET_COLUMNS)
        marks = ", ".join("?" for _ in TARGET_COLUMNS)
        new_id = int(conn.execute(f"INSERT INTO ledger_targets ({columns}) VALUES ({marks}) RETURNING id",
                                  row).fetchone()[0])
        replace_children(conn, new_id, "ledger_sources", SOURCE_COLUMNS, sources, [])
        replace_children(conn, new_id, "ledger_events", EVENT_COLUMNS, events, [])
        return "created", new_id
    changed = held.row != row
    if changed:
        assignments = ", ".join(f"{c} = ?" for c in TARGET_COLUMNS)
        conn.execute(f"UPDATE ledger_targets SET {assignments} WHERE id = ?", (*row, target_id))
    changed = replace_children(conn, target_id, "ledger_sources", SOURCE_COLUMNS, sources, held.sources) or changed
    changed = replace_children(conn, target_id, "ledger_events", EVENT_COLUMNS, events, held.events) or changed
    return ("updated" if changed else "unchanged"), target_id


def _successor(conn: sqlite3.Connection, successor_id: int | None) -> Successor | None:
    if successor_id is None:
        return None
    row = conn.execute("SELECT first_date FROM ledger_targets WHERE id = ?", (successor_id,)).fetchone()
    return (successor_id, row[0]) if row else None


def _target_row(goal: Goal, successor: Successor | None) -> tuple[Any, ...]:
    current = goal.current
    dates = sorted(s.date for s in goal.statements if s.date)
    with_baseline = [s for s in goal.statements if s.baseline is not None]
    baseline = (current if current.baseline is not None else with_baseline[-1]).baseline if with_baseline else None
    status = goal.outcome_status or ("superseded" if successor else goal.history_status)
    outcome = goal.outcome
    return (current.unit_class, current.year, _display_metric(goal),
            current.value, current.unit, current.comparator, current.kind, current.direction,
            _json(baseline), goal.history_status, goal.outcome_status, status, successor[0] if successor else None,
            int(current.corporate), int(goal.draft), dates[0] if dates else None, dates[-1] if dates else None,
            outcome.value if outcome else None, outcome.date if outcome else None,
            len(goal.statements) + (1 if outcome else 0), " ".join(sorted(goal.tokens)))


def _display_metric(goal: Goal) -> str:
    """The metric to show: the most telling wording (most specific tokens) among the statements of the
    current value, the latest on a tie; the clause holding the value when no statement names a metric."""
    current = goal.current
    agreeing = [s for s in goal.statements if values_agree(s.base_value, current.base_value)]
    best = max(reversed(agreeing), key=lambda s: len(metric_tokens(s.metric) - GENERIC_CONCEPTS))
    return best.metric or clause_of(best.sentence, best.value, best.metric).strip()


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(to_plain(value), ensure_ascii=False, sort_keys=True)


def _source_rows(goal: Goal) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = [
        (i, "target", s.target_id, None, s.record_id, s.entry_id, s.field, s.sentence, s.metric, s.value, s.unit,
         s.comparator, s.year, s.language, s.date, int(s.draft), " ".join(sorted(s.tokens)))
        for i, s in enumerate(goal.statements)
    ]
    if goal.outcome is not None:
        o = goal.outcome
        rows.append((len(rows), "outcome", None, o.outcome_id, o.record_id, o.entry_id, o.field, o.sentence,
                     o.metric, o.value, o.unit, o.comparator, o.year, o.language, o.date, 0,
                     " ".join(sorted(o.tokens))))
    return rows


def event_rows(events: Iterable[LedgerEvent], successor: Successor | None) -> list[tuple[Any, ...]]:
    rows = [(i, e.kind, e.date, e.record_id, e.value, e.previous_value, e.other_target_id, e.note)
            for i, e in enumerate(events)]
    if successor is not None:
        rows.append((len(rows), "superseded", successor[1], None, None, None, successor[0],
                     f"replaced by ledger target #{successor[0]}, a goal for a later year"))
    return rows


def replace_children(conn: sqlite3.Connection, target_id: int, table: str, columns: tuple[str, ...],
                      rows: list[tuple[Any, ...]], held: list[tuple[Any, ...]]) -> bool:
    """Make `table` hold exactly `rows` for the ledger target; False when it already did (`held`)."""
    if held == rows:
        return False
    names = ", ".join(columns)
    conn.execute(f"DELETE FROM {table} WHERE ledger_target_id = ?", (target_id,))
    marks = ", ".join("?" for _ in range(len(columns) + 1))
    conn.executemany(f"INSERT INTO {table} (ledger_target_id, {names}) VALUES ({marks})",
                     [(target_id, *row) for row in rows])
    return True
