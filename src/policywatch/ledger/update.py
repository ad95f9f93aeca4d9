"""Keeping the ledger tables in step with the store.

`update_ledger(conn, record_id)` runs at the end of each ingest, in the ingest's transaction. It refreshes
the record's date, draft flag and outcomes, then recomputes every (unit class, year) group the record
touches — plus any group whose rows a store rewrite cascaded away — from scratch with
`matching.match_statements`, so the ledger is a function of what is stored, whatever order files came in.
The recomputed groups are reconciled with the stored rows: a ledger target keeps its id when it keeps most
of its sources, and a row is written only when it differs, so running it twice writes nothing the second
time. Successors (superseded targets) are then refreshed for the unit classes touched.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from policywatch.errors import StoreError
from policywatch.ledger.documents import Group, ensure_facts, refresh_document
from policywatch.ledger.glossary import COUNT_CLASS, GENERIC_CONCEPTS, UNIT_CLASSES
from policywatch.ledger.matching import Goal, GoalKey, OutcomeStatement, Statement, find_successors, match_statements
from policywatch.ledger.records import LedgerEvent, LedgerUpdate
from policywatch.ledger.similarity import clause_of, statement_tokens, unit_class
from policywatch.records import Baseline, to_plain

SourceKey = tuple[Any, ...]

_TARGET_COLUMNS = ("unit_class", "year", "metric", "value", "unit", "comparator", "kind", "direction",
                   "baseline_json", "history_status", "outcome_status", "status", "superseded_by", "corporate",
                   "draft", "first_date", "last_date", "outcome_value", "outcome_date", "source_count",
                   "metric_key")
_SOURCE_COLUMNS = ("position", "role", "target_id", "outcome_id", "record_id", "entry_id", "field", "sentence",
                   "metric", "value", "unit", "comparator", "year", "language", "doc_date", "draft", "metric_key")
_EVENT_COLUMNS = ("position", "event", "event_date", "record_id", "value", "previous_value", "other_target_id",
                  "note")
_YEAR_IS = "(year = ? OR (year IS NULL AND ? IS NULL))"


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Join the caller's transaction, or run in one of our own."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def update_ledger(connection: sqlite3.Connection, record_id: int) -> LedgerUpdate:
    """Bring the ledger in step with record `record_id` (just stored, changed or removed). Runs inside the
    caller's transaction when there is one; idempotent: a second call for the same state writes nothing."""
    try:
        with _transaction(connection) as conn:
            refreshed = refresh_document(conn, record_id)
            groups = set(refreshed.groups) | _record_groups(conn, record_id) | _stale_groups(conn)
            counts = _recompute(conn, groups, reuse_tokens=True)
            _refresh_successors(conn, groups)
    except sqlite3.Error as error:
        raise StoreError(f"could not update the target ledger for record #{record_id}: {error}") from error
    return LedgerUpdate(record_id, len(groups), outcomes=refreshed.outcomes, **counts)


def rebuild_ledger(connection: sqlite3.Connection) -> LedgerUpdate:
    """Recompute the whole ledger from the stored records (after an upgrade of the matching rules, or on a
    database stored before the ledger existed). Ledger targets keep their ids where they can."""
    try:
        with _transaction(connection) as conn:
            outcomes = 0
            for (record_id,) in conn.execute("SELECT id FROM records ORDER BY id").fetchall():
                outcomes += refresh_document(conn, record_id).outcomes
            groups = _all_groups(conn)
            counts = _recompute(conn, groups, reuse_tokens=False)
            _refresh_successors(conn, groups)
    except sqlite3.Error as error:
        raise StoreError(f"could not rebuild the target ledger: {error}") from error
    return LedgerUpdate(None, len(groups), outcomes=outcomes, **counts)


# ---- which groups to recompute ------------------------------------------------------------------------------


def _record_groups(conn: sqlite3.Connection, record_id: int) -> set[Group]:
    """Groups of the record's targets now, and of the ledger targets it was a source of before."""
    groups = {(unit_class(unit)[0], year) for unit, year in conn.execute(
        "SELECT DISTINCT unit, year FROM targets WHERE record_id = ?", (record_id,))}
    groups |= {(r[0], r[1]) for r in conn.execute(
        "SELECT DISTINCT lt.unit_class, lt.year FROM ledger_sources s JOIN ledger_targets lt"
        " ON lt.id = s.ledger_target_id WHERE s.record_id = ?", (record_id,))}
    return groups


def _stale_groups(conn: sqlite3.Connection) -> set[Group]:
    """Groups whose stored rows a store rewrite changed behind the ledger's back: a targets or outcomes row
    deleted (its link set to NULL), sources cascaded away with an entry or record, a successor deleted."""
    rows = conn.execute(
        "SELECT DISTINCT lt.unit_class, lt.year FROM ledger_targets lt JOIN ledger_sources s"
        " ON s.ledger_target_id = lt.id"
        " WHERE (s.role = 'target' AND s.target_id IS NULL) OR (s.role = 'outcome' AND s.outcome_id IS NULL)"
        " UNION SELECT lt.unit_class, lt.year FROM ledger_targets lt LEFT JOIN"
        " (SELECT ledger_target_id, count(*) AS n FROM ledger_sources GROUP BY ledger_target_id) c"
        " ON c.ledger_target_id = lt.id WHERE COALESCE(c.n, 0) != lt.source_count"
        " UNION SELECT unit_class, year FROM ledger_targets WHERE status = 'superseded' AND superseded_by IS NULL"
    )
    return {(r[0], r[1]) for r in rows}


def _all_groups(conn: sqlite3.Connection) -> set[Group]:
    groups = {(unit_class(unit)[0], year) for unit, year in conn.execute("SELECT DISTINCT unit, year FROM targets")}
    groups |= {(r[0], r[1]) for r in conn.execute("SELECT DISTINCT unit_class, year FROM ledger_outcomes")}
    return groups | {(r[0], r[1]) for r in conn.execute("SELECT DISTINCT unit_class, year FROM ledger_targets")}


# ---- loading ------------------------------------------------------------------------------------------------


def _unit_condition(klass: str) -> tuple[str, list[str]]:
    """SQL selecting the targets rows of a unit class (counted nouns: every unit not in the table)."""
    if klass == COUNT_CLASS:
        units = sorted(UNIT_CLASSES)
        return f"t.unit NOT IN ({', '.join('?' for _ in units)})", units
    units = sorted(u for u, (c, _) in UNIT_CLASSES.items() if c == klass)
    return f"t.unit IN ({', '.join('?' for _ in units)})", units


def _load_statements(conn: sqlite3.Connection, group: Group, reuse_tokens: bool) -> list[Statement]:
    """Every stored target of a (unit class, year) group."""
    units_sql, units = _unit_condition(group[0])
    rows = conn.execute(
        "SELECT t.id, t.record_id, t.entry_id, t.position, t.field, t.text, t.metric, t.value, t.unit,"
        " t.comparator, t.kind, t.direction, t.year, t.baseline_json, t.language, t.corporate, t.draft,"
        " COALESCE(e.date, d.doc_date), COALESCE(d.draft, 0),"
        " (SELECT s.metric_key FROM ledger_sources s WHERE s.target_id = t.id AND s.role = 'target' LIMIT 1)"
        " FROM targets t LEFT JOIN entries e ON e.id = t.entry_id"
        " LEFT JOIN ledger_documents d ON d.record_id = t.record_id"
        f" WHERE (t.year = ? OR (t.year IS NULL AND ? IS NULL)) AND {units_sql}",
        (group[1], group[1], *units)).fetchall()
    return [_statement(row, reuse_tokens) for row in rows]


def _statement(row: Any, reuse_tokens: bool) -> Statement:
    (target_id, record_id, entry_id, position, field, sentence, metric, value, unit, comparator, kind, direction,
     year, baseline_json, language, corporate, draft, date, doc_draft, metric_key) = row
    klass, factor = unit_class(unit)
    tokens = (frozenset(metric_key.split()) if reuse_tokens and metric_key is not None
              else statement_tokens(metric, sentence, value))
    baseline = Baseline(**json.loads(baseline_json)) if baseline_json else None
    return Statement(target_id, record_id, entry_id, position, field, sentence, metric, value, value * factor, unit,
                     klass, comparator, kind, direction, year, baseline, language, bool(corporate),
                     bool(draft or doc_draft), date, tokens)


def _load_outcomes(conn: sqlite3.Connection, group: Group) -> list[OutcomeStatement]:
    rows = conn.execute(
        "SELECT o.id, o.record_id, o.entry_id, o.position, o.field, o.sentence, o.metric, o.value, o.unit,"
        " o.comparator, o.kind, o.direction, o.year, o.language, COALESCE(e.date, d.doc_date), o.metric_key"
        " FROM ledger_outcomes o LEFT JOIN entries e ON e.id = o.entry_id"
        " LEFT JOIN ledger_documents d ON d.record_id = o.record_id"
        " WHERE o.unit_class = ? AND o.year = ?", group).fetchall()
    outcomes = []
    for (outcome_id, record_id, entry_id, position, field_name, sentence, metric, value, unit, comparator, kind,
         direction, year, language, date, metric_key) in rows:
        factor = unit_class(unit)[1]
        outcomes.append(OutcomeStatement(outcome_id, record_id, entry_id, position, field_name, sentence, metric,
                                         value, value * factor, unit, group[0], comparator, kind, direction, year,
                                         language, date, frozenset(metric_key.split())))
    return outcomes


# ---- recomputing groups -------------------------------------------------------------------------------------


def _recompute(conn: sqlite3.Connection, groups: Iterable[Group], *, reuse_tokens: bool) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for group in sorted(groups, key=lambda g: (g[0], g[1] is None, g[1] or 0)):
        statements = _load_statements(conn, group, reuse_tokens)
        undated = {s.record_id for s in statements if s.date is None}
        if undated and ensure_facts(conn, undated):
            statements = _load_statements(conn, group, reuse_tokens)
        outcomes = _load_outcomes(conn, group) if group[1] is not None else []
        counts.update(_store_group(conn, group, match_statements(statements, outcomes)))
    return {name: counts[name] for name in ("created", "updated", "unchanged", "removed")}


@dataclass
class _Held:
    """A stored ledger target: its row, sources and events, as tuples in column order."""

    row: tuple[Any, ...]
    sources: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)

    @property
    def keys(self) -> set[SourceKey]:
        return {(r[1], r[4], r[5], r[6], r[7], r[9]) for r in self.sources}


def _source_keys(goal: Goal) -> set[SourceKey]:
    keys: set[SourceKey] = {("target", s.record_id, s.entry_id, s.field, s.sentence, s.value)
                            for s in goal.statements}
    if goal.outcome is not None:
        o = goal.outcome
        keys.add(("outcome", o.record_id, o.entry_id, o.field, o.sentence, o.value))
    return keys


def _held_goals(conn: sqlite3.Connection, group: Group) -> dict[int, _Held]:
    """The group's stored ledger targets with their sources and events (three queries, not three per row)."""
    where = "lt.unit_class = ? AND (lt.year = ? OR (lt.year IS NULL AND ? IS NULL))"
    params = (group[0], group[1], group[1])
    held = {r[0]: _Held(tuple(r[1:])) for r in conn.execute(
        f"SELECT lt.id, {', '.join('lt.' + c for c in _TARGET_COLUMNS)} FROM ledger_targets lt WHERE {where}",
        params)}
    for table, columns, into in (("ledger_sources", _SOURCE_COLUMNS, "sources"),
                                 ("ledger_events", _EVENT_COLUMNS, "events")):
        for r in conn.execute(f"SELECT c.ledger_target_id, {', '.join('c.' + c for c in columns)} FROM {table} c"
                              f" JOIN ledger_targets lt ON lt.id = c.ledger_target_id WHERE {where}"
                              " ORDER BY c.ledger_target_id, c.position", params):
            getattr(held[r[0]], into).append(tuple(r[1:]))
    return held


def _assign_ids(goals: list[Goal], held: dict[int, _Held]) -> list[int | None]:
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


def _store_group(conn: sqlite3.Connection, group: Group, goals: list[Goal]) -> Counter[str]:
    counts: Counter[str] = Counter()
    held = _held_goals(conn, group)
    assigned = _assign_ids(goals, held)
    for goal, target_id in zip(goals, assigned, strict=True):
        counts[_store_goal(conn, goal, target_id, held.get(target_id) if target_id else None)] += 1
    for target_id in sorted(set(held) - {i for i in assigned if i is not None}):
        conn.execute("DELETE FROM ledger_targets WHERE id = ?", (target_id,))
        counts["removed"] += 1
    return counts


def _store_goal(conn: sqlite3.Connection, goal: Goal, target_id: int | None, held: _Held | None) -> str:
    """Insert or update one ledger target with its sources and events; returns created/updated/unchanged."""
    successor = _successor(conn, held.row[_TARGET_COLUMNS.index("superseded_by")]) if held else None
    row = _target_row(goal, successor)
    sources, events = _source_rows(goal), _event_rows(goal.events, successor)
    if target_id is None or held is None:
        columns = ", ".join(_TARGET_COLUMNS)
        marks = ", ".join("?" for _ in _TARGET_COLUMNS)
        target_id = conn.execute(f"INSERT INTO ledger_targets ({columns}) VALUES ({marks}) RETURNING id",
                                 row).fetchone()[0]
        _replace_children(conn, target_id, "ledger_sources", _SOURCE_COLUMNS, sources, [])
        _replace_children(conn, target_id, "ledger_events", _EVENT_COLUMNS, events, [])
        return "created"
    changed = held.row != row
    if changed:
        assignments = ", ".join(f"{c} = ?" for c in _TARGET_COLUMNS)
        conn.execute(f"UPDATE ledger_targets SET {assignments} WHERE id = ?", (*row, target_id))
    changed = _replace_children(conn, target_id, "ledger_sources", _SOURCE_COLUMNS, sources, held.sources) or changed
    changed = _replace_children(conn, target_id, "ledger_events", _EVENT_COLUMNS, events, held.events) or changed
    return "updated" if changed else "unchanged"


def _successor(conn: sqlite3.Connection, successor_id: int | None) -> tuple[int, str | None] | None:
    if successor_id is None:
        return None
    row = conn.execute("SELECT first_date FROM ledger_targets WHERE id = ?", (successor_id,)).fetchone()
    return (successor_id, row[0]) if row else None


def _target_row(goal: Goal, successor: tuple[int, str | None] | None) -> tuple[Any, ...]:
    current = goal.current
    dates = sorted(s.date for s in goal.statements if s.date)
    with_baseline = [s for s in goal.statements if s.baseline is not None]
    baseline = (current if current.baseline is not None else with_baseline[-1]).baseline if with_baseline else None
    status = goal.outcome_status or ("superseded" if successor else goal.history_status)
    outcome = goal.outcome
    return (current.unit_class, current.year, current.metric or clause_of(current.sentence, current.value).strip(),
            current.value, current.unit, current.comparator, current.kind, current.direction,
            _json(baseline), goal.history_status, goal.outcome_status, status, successor[0] if successor else None,
            int(current.corporate), int(goal.draft), dates[0] if dates else None, dates[-1] if dates else None,
            outcome.value if outcome else None, outcome.date if outcome else None,
            len(goal.statements) + (1 if outcome else 0), " ".join(sorted(goal.tokens)))


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


def _event_rows(events: Iterable[LedgerEvent], successor: tuple[int, str | None] | None) -> list[tuple[Any, ...]]:
    rows = [(i, e.kind, e.date, e.record_id, e.value, e.previous_value, e.other_target_id, e.note)
            for i, e in enumerate(events)]
    if successor is not None:
        rows.append((len(rows), "superseded", successor[1], None, None, None, successor[0],
                     f"replaced by ledger target #{successor[0]}, a goal for a later year"))
    return rows


def _replace_children(conn: sqlite3.Connection, target_id: int, table: str, columns: tuple[str, ...],
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


# ---- successors ---------------------------------------------------------------------------------------------


def _refresh_successors(conn: sqlite3.Connection, groups: set[Group]) -> None:
    """Recompute which ledger targets are superseded, and by which, where `groups` can have changed that:
    targets in those groups, and targets sharing a specific token with one of them."""
    for klass in sorted({unit for unit, _ in groups}):
        rows = conn.execute(
            "SELECT id, year, kind, corporate, metric_key, first_date, last_date, outcome_status, superseded_by,"
            " status, history_status FROM ledger_targets WHERE unit_class = ?", (klass,)).fetchall()
        keys = [GoalKey(r[0], klass, r[1], r[2], bool(r[3]), frozenset(r[4].split()), r[5], r[6], r[7] is not None)
                for r in rows]
        subjects = _successor_subjects(keys, rows, {year for unit, year in groups if unit == klass})
        successors = find_successors(keys, subjects)
        first_dates = {r[0]: r[5] for r in rows}
        for row in rows:
            if row[0] in subjects:
                _set_successor(conn, row, successors.get(row[0]), first_dates)


def _successor_subjects(keys: list[GoalKey], rows: list[Any], years: set[int | None]) -> set[int]:
    """Targets whose successor may have changed: those of the recomputed years, those sharing a specific
    token with one of them, and those whose stored successor is one of them or is gone."""
    touched = {k.id for k in keys if k.year in years}
    tokens = {t for k in keys if k.id in touched for t in k.tokens} - GENERIC_CONCEPTS
    subjects = touched | {k.id for k in keys if k.tokens & tokens}
    return subjects | {r[0] for r in rows if r[8] in touched or (r[9] == "superseded" and r[8] is None)}


def _set_successor(conn: sqlite3.Connection, row: Any, successor_id: int | None,
                   first_dates: dict[int, str | None]) -> None:
    target_id, outcome_status, held_by, held_status, history_status = row[0], row[7], row[8], row[9], row[10]
    status = outcome_status or ("superseded" if successor_id else history_status)
    if held_by is None and successor_id is None and held_status == status:
        return
    if held_by != successor_id or held_status != status:
        conn.execute("UPDATE ledger_targets SET superseded_by = ?, status = ? WHERE id = ?",
                     (successor_id, status, target_id))
    held = [tuple(r) for r in conn.execute(
        f"SELECT {', '.join(_EVENT_COLUMNS)} FROM ledger_events WHERE ledger_target_id = ? ORDER BY position",
        (target_id,))]
    kept = [LedgerEvent(r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in held if r[1] != "superseded"]
    successor = (successor_id, first_dates.get(successor_id)) if successor_id else None
    _replace_children(conn, target_id, "ledger_events", _EVENT_COLUMNS, _event_rows(kept, successor), held)
