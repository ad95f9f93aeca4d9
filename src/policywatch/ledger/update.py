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
from collections.abc import Iterable, Sequence

from policywatch.errors import StoreError
from policywatch.ledger.documents import DocumentRefresh, Group, refresh_document
from policywatch.ledger.glossary import GENERIC_CONCEPTS
from policywatch.ledger.loading import load_outcomes, load_statements, load_statements_by_id
from policywatch.ledger.matching import Statement, match_statements
from policywatch.ledger.records import LedgerUpdate
from policywatch.ledger.resume import GroupChange, resume_group
from policywatch.ledger.rows import OTHERS, group_goal_ids, held_goals, store_group
from policywatch.ledger.similarity import unit_class
from policywatch.ledger.steps import goals_with_token, group_of_goals, mark_steps_ready, steps_ready
from policywatch.ledger.successors import refresh_successors
from policywatch.store.connections import joined_transaction
from policywatch.store.dbapi import DatabaseError

_transaction = joined_transaction
_COUNTS = ("created", "updated", "unchanged", "removed")


def update_ledger(connection: sqlite3.Connection, record_id: int) -> LedgerUpdate:
    """Bring the ledger in step with record `record_id` (just stored, changed or removed). Runs inside the
    caller's transaction when there is one; idempotent: a second call for the same state writes nothing."""
    return update_ledger_records(connection, [record_id])


def update_ledger_records(connection: sqlite3.Connection, record_ids: Sequence[int]) -> LedgerUpdate:
    """`update_ledger` for several records at once: what one call per record gives, but each group is resumed
    once, from the earliest of their changes, so a goal many of the records restate is loaded and written once
    (how a batch ingest amortises the ledger, `Store.deferring_ledger`)."""
    ids = sorted(set(record_ids))
    try:
        with _transaction(connection) as conn:
            if not steps_ready(conn):
                return _rebuild(conn)
            refreshed = {record_id: refresh_document(conn, record_id) for record_id in ids}
            changes = _changes(conn, refreshed)
            counts: Counter[str] = Counter()
            touched: set[int] = set()
            reaching: dict[int, str] = {}
            for group in sorted(changes, key=_group_order):
                group_counts, group_touched, group_reaching = resume_group(conn, group, changes[group])
                counts.update(group_counts)
                touched |= group_touched
                reaching.update(group_reaching)
            refresh_successors(conn, touched, set(), reaching)
            groups = set(changes)
            for record_id, refresh in refreshed.items():
                groups |= set(refresh.groups) | _record_groups(conn, record_id)
    except DatabaseError as error:
        which = f"record #{ids[0]}" if len(ids) == 1 else f"{len(ids)} records (#{ids[0]}–#{ids[-1]})"
        raise StoreError(f"could not update the target ledger for {which}: {error}") from error
    return LedgerUpdate(ids[0] if len(ids) == 1 else None, len(groups),
                        outcomes=sum(r.outcomes for r in refreshed.values()), **{n: counts[n] for n in _COUNTS})


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
    refresh_successors(conn, touched, {unit for unit, _ in groups}, dict.fromkeys(touched, OTHERS))
    mark_steps_ready(conn)
    conn.execute("DELETE FROM ledger_pending")  # every record is taken in: none waits for a batch's update
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


def _changes(conn: sqlite3.Connection, refreshed: dict[int, DocumentRefresh]) -> dict[Group, GroupChange]:
    """Per group, what entered its history: the records' new statements (and those of any record whose rows a
    store rewrite replaced), the ledger targets that lost a statement, those whose outcome may have changed."""
    broken_rows = conn.execute("SELECT ledger_target_id, record_id FROM ledger_steps WHERE target_id IS NULL"
                               ).fetchall()
    broken = {r[0] for r in broken_rows}
    statements = _new_statements(conn, set(refreshed) | {r[1] for r in broken_rows})
    outcome_due = {r[0] for r in conn.execute(
        "SELECT ledger_target_id FROM ledger_target_outcomes WHERE outcome_id IS NULL")}
    for record_id, refresh in refreshed.items():
        if refresh.changed_groups:
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
