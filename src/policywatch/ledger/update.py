"""Keeping the ledger tables in step with the store.

`update_ledger(conn, record_id)` runs at the end of each ingest, in the ingest's transaction. It refreshes
the record's date, draft flag and outcomes, then brings every (unit class, year) group in step with what
changed — the record's new targets rows, statements a store rewrite deleted (`ledger_steps.target_id` went
NULL), outcomes rewritten or removed — by resuming matching where the change enters each group's history
(`resume.py`), so the ledger stays what `matching.match_statements` gives from scratch, whatever order files
came in, at a cost that does not grow with the archive. Rows are written only where they differ, so running it
twice writes nothing the second time. Successors (superseded targets) are then refreshed around the targets
written.
`rebuild_ledger(conn)` recomputes everything from scratch (after a rule change, or on a store whose ledger
predates migration 0007: `update_ledger` then rebuilds once by itself).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

from policywatch.errors import StoreError
from policywatch.ledger.documents import DocumentRefresh, Group, refresh_document
from policywatch.ledger.glossary import GENERIC_CONCEPTS
from policywatch.ledger.loading import load_outcomes, load_statements, load_statements_by_id
from policywatch.ledger.matching import GoalKey, Statement, find_successors, match_statements
from policywatch.ledger.records import LedgerUpdate
from policywatch.ledger.resume import GroupChange, resume_group
from policywatch.ledger.rows import EVENT_COLUMNS, LATER, OTHERS, group_goal_ids, held_goals, store_group
from policywatch.ledger.similarity import compare_tokens, unit_class
from policywatch.ledger.steps import goals_with_token, group_of_goals, mark_steps_ready, steps_ready
from policywatch.store.connections import joined_transaction
from policywatch.store.dbapi import DatabaseError

_transaction = joined_transaction
_COUNTS = ("created", "updated", "unchanged", "removed")


def update_ledger(connection: sqlite3.Connection, record_id: int) -> LedgerUpdate:
    """Bring the ledger in step with record `record_id` (just stored, changed or removed). Runs inside the
    caller's transaction when there is one; idempotent: a second call for the same state writes nothing."""
    try:
        with _transaction(connection) as conn:
            if not steps_ready(conn):
                return _rebuild(conn)
            refreshed = refresh_document(conn, record_id)
            changes = _changes(conn, record_id, refreshed)
            counts: Counter[str] = Counter()
            touched: set[int] = set()
            reaching: dict[int, str] = {}
            for group in sorted(changes, key=_group_order):
                group_counts, group_touched, group_reaching = resume_group(conn, group, changes[group])
                counts.update(group_counts)
                touched |= group_touched
                reaching.update(group_reaching)
            _refresh_successors(conn, touched, set(), reaching)
            groups = set(refreshed.groups) | _record_groups(conn, record_id) | set(changes)
    except DatabaseError as error:
        raise StoreError(f"could not update the target ledger for record #{record_id}: {error}") from error
    return LedgerUpdate(record_id, len(groups), outcomes=refreshed.outcomes, **{n: counts[n] for n in _COUNTS})


def rebuild_ledger(connection: sqlite3.Connection) -> LedgerUpdate:
    """Recompute the whole ledger from the stored records (after an upgrade of the matching rules, or on a
    database stored before the ledger existed). Ledger targets keep their ids where they can."""
    try:
        with _transaction(connection) as conn:
            return _rebuild(conn)
    except DatabaseError as error:
        raise StoreError(f"could not rebuild the target ledger: {error}") from error


def _rebuild(conn: sqlite3.Connection) -> LedgerUpdate:
    outcomes = 0
    for (record_id,) in conn.execute("SELECT id FROM records ORDER BY id").fetchall():
        outcomes += refresh_document(conn, record_id).outcomes
    groups = _all_groups(conn)
    counts: Counter[str] = Counter()
    touched: set[int] = set()
    for group in sorted(groups, key=_group_order):
        statements = load_statements(conn, group, reuse_tokens=False)
        group_outcomes = load_outcomes(conn, group) if group[1] is not None else []
        group_counts, group_touched, _ = store_group(conn, match_statements(statements, group_outcomes),
                                                     held_goals(conn, group_goal_ids(conn, group)), group)
        counts.update(group_counts)
        touched |= group_touched
    _refresh_successors(conn, touched, {unit for unit, _ in groups}, dict.fromkeys(touched, OTHERS))
    mark_steps_ready(conn)
    return LedgerUpdate(None, len(groups), outcomes=outcomes, **{n: counts[n] for n in _COUNTS})


def _group_order(group: Group) -> tuple[str, bool, int]:
    return group[0], group[1] is None, group[1] or 0


# ---- what changed ---------------------------------------------------------------------------------------------


def _record_groups(conn: sqlite3.Connection, record_id: int) -> set[Group]:
    """Groups of the record's targets now, and of the ledger targets it is a source of."""
    groups = {(unit_class(unit)[0], year) for unit, year in conn.execute(
        "SELECT DISTINCT unit, year FROM targets WHERE record_id = ?", (record_id,))}
    groups |= {(r[0], r[1]) for r in conn.execute(
        "SELECT DISTINCT lt.unit_class, lt.year FROM ledger_sources s JOIN ledger_targets lt"
        " ON lt.id = s.ledger_target_id WHERE s.record_id = ?", (record_id,))}
    return groups


def _new_statements(conn: sqlite3.Connection, record_ids: Iterable[int]) -> list[Statement]:
    """The records' targets rows that are in no ledger target yet."""
    ids: list[int] = []
    for record_id in sorted(set(record_ids)):
        ids += [r[0] for r in conn.execute(
            "SELECT t.id FROM targets t WHERE t.record_id = ? AND NOT EXISTS"
            " (SELECT 1 FROM ledger_steps st WHERE st.target_id = t.id)", (record_id,))]
    return load_statements_by_id(conn, ids)


def _changes(conn: sqlite3.Connection, record_id: int, refreshed: DocumentRefresh) -> dict[Group, GroupChange]:
    """Per group, what entered its history: the record's new statements (and those of any record whose rows a
    store rewrite replaced), the ledger targets that lost a statement, those whose outcome may have changed."""
    broken_rows = conn.execute("SELECT ledger_target_id, record_id FROM ledger_steps WHERE target_id IS NULL"
                               ).fetchall()
    broken = {r[0] for r in broken_rows}
    statements = _new_statements(conn, {record_id} | {r[1] for r in broken_rows})
    outcome_due = {r[0] for r in conn.execute(
        "SELECT ledger_target_id FROM ledger_target_outcomes WHERE outcome_id IS NULL")}
    if refreshed.changed_groups:
        outcome_due |= _goals_new_outcomes_reach(conn, record_id)
    groups = group_of_goals(conn, broken | outcome_due)
    by_group: dict[Group, tuple[list[Statement], set[int], set[int]]] = {}
    for statement in statements:
        by_group.setdefault((statement.unit_class, statement.year), ([], set(), set()))[0].append(statement)
    for goal_id in broken:
        by_group.setdefault(groups[goal_id], ([], set(), set()))[1].add(goal_id)
    for goal_id in outcome_due:
        by_group.setdefault(groups[goal_id], ([], set(), set()))[2].add(goal_id)
    return {group: GroupChange(tuple(s), frozenset(b), frozenset(o)) for group, (s, b, o) in by_group.items()}


def _goals_new_outcomes_reach(conn: sqlite3.Connection, record_id: int) -> set[int]:
    """Ledger targets an outcome the record reports may be about (they share a specific token)."""
    found: set[int] = set()
    for klass, year, metric_key in conn.execute(
            "SELECT unit_class, year, metric_key FROM ledger_outcomes WHERE record_id = ?", (record_id,)).fetchall():
        for token in sorted(set(metric_key.split()) - GENERIC_CONCEPTS):
            found |= goals_with_token(conn, klass, token, year)
    return found


def _all_groups(conn: sqlite3.Connection) -> set[Group]:
    groups = {(unit_class(unit)[0], year) for unit, year in conn.execute("SELECT DISTINCT unit, year FROM targets")}
    groups |= {(r[0], r[1]) for r in conn.execute("SELECT DISTINCT unit_class, year FROM ledger_outcomes")}
    return groups | {(r[0], r[1]) for r in conn.execute("SELECT DISTINCT unit_class, year FROM ledger_targets")}


# ---- successors ---------------------------------------------------------------------------------------------

_KEY_COLUMNS = ("id, unit_class, year, kind, corporate, metric_key, first_date, last_date, outcome_status,"
                " superseded_by, status, history_status")


def _refresh_successors(conn: sqlite3.Connection, touched: set[int], full_classes: set[str],
                        reaching: dict[int, str]) -> None:
    """Recompute which ledger targets are superseded, and by which, where that can have changed: every target
    of `full_classes` (a rebuild); around the targets written or deleted (`touched`): those they replaced, any
    whose successor is gone, the written ones whose own successor may change (`reaching`: OWN, or LATER when
    their successor now starts before their last date), and the targets those written with a changed year,
    kind, first date, outcome or tokens (OTHERS) may now replace. Only targets sharing a specific token can
    replace each other, so only those are read."""
    for klass in sorted(full_classes):
        rows = conn.execute(f"SELECT {_KEY_COLUMNS} FROM ledger_targets WHERE unit_class = ?", (klass,)).fetchall()
        _set_successors(conn, rows, find_successors([_goal_key(r) for r in rows]))
    orphans = {r[0] for r in conn.execute(
        "SELECT id FROM ledger_targets WHERE status = 'superseded' AND superseded_by IS NULL")}
    replaced: set[int] = set()
    for chunk in _chunks(sorted(touched)):
        replaced |= {r[0] for r in conn.execute(
            f"SELECT id FROM ledger_targets WHERE superseded_by IN ({_marks(chunk)})", chunk)}
    changed = _key_rows(conn, set(reaching))
    own = {i for i, r in changed.items() if reaching[i] != LATER or _starts_by(conn, r[9], r[7])}
    by_class: dict[str, set[int]] = {}
    for row in _key_rows(conn, orphans | replaced | own).values():
        if row[1] not in full_classes:
            by_class.setdefault(row[1], set()).add(row[0])
    for klass, subjects in sorted(by_class.items()):
        touched_keys = [_goal_key(r) for i, r in changed.items() if r[1] == klass and reaching[i] == OTHERS]
        near = _key_rows(conn, _sharing(conn, klass, touched_keys))
        for key in touched_keys:  # targets a changed one may now replace
            subjects |= {i for i, r in near.items() if _shares(key, r) and compare_tokens(
                frozenset(r[5].split()), key.tokens).contained}
        pool = _key_rows(conn, subjects)
        pool.update(_key_rows(conn, _sharing(conn, klass, [_goal_key(r) for r in pool.values()])))
        successors = find_successors([_goal_key(r) for r in pool.values()], subjects)
        _set_successors(conn, [pool[i] for i in sorted(subjects)], successors, pool)


def _starts_by(conn: sqlite3.Connection, successor_id: int | None, last_date: str | None) -> bool:
    """Whether the successor starts on or before `last_date` (so it no longer qualifies)."""
    row = conn.execute("SELECT first_date FROM ledger_targets WHERE id = ?", (successor_id,)).fetchone()
    return row is None or not row[0] or not last_date or row[0] <= last_date


def _chunks(ids: list[int], size: int = 500) -> list[tuple[int, ...]]:
    return [tuple(ids[i:i + size]) for i in range(0, len(ids), size)]


def _marks(chunk: tuple[int, ...]) -> str:
    return ", ".join("?" for _ in chunk)


def _key_rows(conn: sqlite3.Connection, ids: set[int]) -> dict[int, Any]:
    rows: dict[int, Any] = {}
    for chunk in _chunks(sorted(ids)):
        rows.update((r[0], r) for r in conn.execute(
            f"SELECT {_KEY_COLUMNS} FROM ledger_targets WHERE id IN ({_marks(chunk)})", chunk))
    return rows


def _goal_key(r: Any) -> GoalKey:
    return GoalKey(r[0], r[1], r[2], r[3], bool(r[4]), frozenset(r[5].split()), r[6], r[7], r[8] is not None)


def _shares(key: GoalKey, row: Any) -> bool:
    return bool((key.tokens - GENERIC_CONCEPTS) & set(row[5].split()))


def _sharing(conn: sqlite3.Connection, klass: str, keys: list[GoalKey]) -> set[int]:
    """Targets of the class (any year) sharing a specific token with any of `keys`."""
    found: set[int] = set()
    for token in sorted({t for key in keys for t in key.tokens - GENERIC_CONCEPTS}):
        found |= goals_with_token(conn, klass, token)
    return found


def _set_successors(conn: sqlite3.Connection, rows: list[Any], successors: dict[int, int],
                    known: dict[int, Any] | None = None) -> None:
    first_dates = {i: r[6] for i, r in (known or {r[0]: r for r in rows}).items()}
    for row in rows:
        successor = successors.get(row[0])
        if successor is not None and successor not in first_dates:
            first_dates.update((i, r[6]) for i, r in _key_rows(conn, {successor}).items())
        _set_successor(conn, row, successor, first_dates)


def _set_successor(conn: sqlite3.Connection, row: Any, successor_id: int | None,
                   first_dates: dict[int, str | None]) -> None:
    target_id, outcome_status, held_by, held_status, history_status = row[0], row[8], row[9], row[10], row[11]
    status = outcome_status or ("superseded" if successor_id else history_status)
    if held_by is None and successor_id is None and held_status == status:
        return
    if held_by != successor_id or held_status != status:
        conn.execute("UPDATE ledger_targets SET superseded_by = ?, status = ? WHERE id = ?",
                     (successor_id, status, target_id))
    # the "superseded" event is always the last one: only it is read and rewritten
    last = conn.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM ledger_events WHERE ledger_target_id = ?"
                        " ORDER BY position DESC LIMIT 1", (target_id,)).fetchone()
    position = 0 if last is None else (last[0] if last[1] == "superseded" else last[0] + 1)
    wanted = None if successor_id is None else (
        position, "superseded", first_dates.get(successor_id), None, None, None, successor_id,
        f"replaced by ledger target #{successor_id}, a goal for a later year")
    held = tuple(last) if last is not None and last[1] == "superseded" else None
    if held == wanted:
        return
    if held is not None:
        conn.execute("DELETE FROM ledger_events WHERE ledger_target_id = ? AND position = ?", (target_id, held[0]))
    if wanted is not None:
        conn.execute(f"INSERT INTO ledger_events (ledger_target_id, {', '.join(EVENT_COLUMNS)})"
                     f" VALUES (?, {', '.join('?' for _ in EVENT_COLUMNS)})", (target_id, *wanted))
