"""Keeping the ledger tables in step with the store.

`update_ledger(conn, record_id)` runs at the end of each ingest, in the ingest's transaction. It refreshes
the record's date, draft flag and outcomes, then recomputes every (unit class, year) group the record
touches — plus any group whose rows a store rewrite cascaded away — as `matching.match_statements` would
from scratch (new rows are matched on from the targets they reach, `continue_matching`), so the ledger is a
function of what is stored, whatever order files came in.
The recomputed groups are reconciled with the stored rows: a ledger target keeps its id when it keeps most
of its sources, and a row is written only when it differs, so running it twice writes nothing the second
time. Successors (superseded targets) are then refreshed for the unit classes touched.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

from policywatch.errors import StoreError
from policywatch.ledger.documents import Group, ensure_facts, refresh_document
from policywatch.ledger.glossary import GENERIC_CONCEPTS
from policywatch.ledger.loading import (
    GroupIndex,
    group_index,
    load_outcomes,
    load_statements,
    load_statements_by_id,
)
from policywatch.ledger.matching import (
    GoalKey,
    Statement,
    connected_ids,
    continue_matching,
    find_successors,
    match_statements,
)
from policywatch.ledger.records import LedgerEvent, LedgerUpdate
from policywatch.ledger.rows import (
    EVENT_COLUMNS,
    event_rows,
    group_goal_ids,
    held_goals,
    replace_children,
    store_group,
)
from policywatch.ledger.similarity import compare_tokens, unit_class
from policywatch.store.connections import joined_transaction
from policywatch.store.dbapi import DatabaseError

_transaction = joined_transaction


def update_ledger(connection: sqlite3.Connection, record_id: int) -> LedgerUpdate:
    """Bring the ledger in step with record `record_id` (just stored, changed or removed). Runs inside the
    caller's transaction when there is one; idempotent: a second call for the same state writes nothing."""
    try:
        with _transaction(connection) as conn:
            refreshed = refresh_document(conn, record_id)
            stale = _stale_groups(conn)
            groups = set(refreshed.groups) | _record_groups(conn, record_id) | stale
            whole = set(refreshed.changed_groups) | _stale_outcome_groups(conn)
            counts, touched = _recompute(conn, groups, reuse_tokens=True, whole=whole)
            _refresh_successors(conn, touched, set())
    except DatabaseError as error:
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
            counts, touched = _recompute(conn, groups, reuse_tokens=False, whole=None)
            _refresh_successors(conn, touched, {unit for unit, _ in groups})
    except DatabaseError as error:
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


def _stale_outcome_groups(conn: sqlite3.Connection) -> set[Group]:
    """Groups where an outcome a ledger target held was deleted: their outcomes are matched again."""
    return {(r[0], r[1]) for r in conn.execute(
        "SELECT DISTINCT lt.unit_class, lt.year FROM ledger_targets lt JOIN ledger_sources s"
        " ON s.ledger_target_id = lt.id WHERE s.role = 'outcome' AND s.outcome_id IS NULL")}


def _all_groups(conn: sqlite3.Connection) -> set[Group]:
    groups = {(unit_class(unit)[0], year) for unit, year in conn.execute("SELECT DISTINCT unit, year FROM targets")}
    groups |= {(r[0], r[1]) for r in conn.execute("SELECT DISTINCT unit_class, year FROM ledger_outcomes")}
    return groups | {(r[0], r[1]) for r in conn.execute("SELECT DISTINCT unit_class, year FROM ledger_targets")}


# ---- recomputing groups -------------------------------------------------------------------------------------


def _recompute(conn: sqlite3.Connection, groups: Iterable[Group], *, reuse_tokens: bool,
               whole: set[Group] | None) -> tuple[dict[str, int], set[int]]:
    """Match and store each group: the whole group when it is in `whole` (None: every group), else only
    the part a change can reach (`_changed_part`). Returns the counts and the ledger target ids written."""
    counts: Counter[str] = Counter()
    touched: set[int] = set()
    for group in sorted(groups, key=lambda g: (g[0], g[1] is None, g[1] or 0)):
        index = group_index(conn, group)
        redated = bool(index.undocumented) and ensure_facts(conn, index.undocumented)
        if whole is None or group in whole or redated:
            statements = load_statements(conn, group, reuse_tokens)
            goal_ids = group_goal_ids(conn, group)
        else:
            appended = _append_new(conn, group, index)
            if appended is not None:
                counts.update(appended[0])
                touched |= appended[1]
                continue
            part, goal_ids = _changed_part(index)
            if not part and not goal_ids:
                continue
            statements = load_statements_by_id(conn, part)
        outcomes = load_outcomes(conn, group) if group[1] is not None else []
        group_counts, group_touched = store_group(conn, match_statements(statements, outcomes),
                                                  held_goals(conn, goal_ids))
        counts.update(group_counts)
        touched |= group_touched
    return {name: counts[name] for name in ("created", "updated", "unchanged", "removed")}, touched


def _changed_part(index: GroupIndex) -> tuple[set[int], set[int]]:
    """(targets rows, ledger targets) a change can affect: rows not in the ledger yet and the members of
    ledger targets that lost a source, with every row linked to them (`connected_ids`), and the ledger
    targets they make up. Matching that part alone gives what matching the whole group would."""
    seeds = [i for i in index.tokens if i not in index.owner or index.owner[i] in index.broken]
    part = connected_ids(index.tokens, seeds) if seeds else set()
    return part, index.broken | {index.owner[i] for i in part if i in index.owner}


def _append_new(conn: sqlite3.Connection, group: Group,
                index: GroupIndex) -> tuple[Counter[str], set[int]] | None:
    """Match the group's new targets rows, and the stored rows later in history order than the earliest of
    them, into the ledger targets they can reach as they stood before it (their earlier statements): the
    cost of the targets reached, not of the group. None when a store rewrite broke a target (the caller
    recomputes the part)."""
    seeds = {i for i in index.tokens if i not in index.owner}
    if not seeds or index.broken:
        return None
    first_new = min(index.order[i] for i in seeds)
    part = connected_ids(index.tokens, seeds)
    later = seeds | {i for i in part if index.order[i] >= first_new}
    wanted = {t for i in later for t in index.tokens[i] - GENERIC_CONCEPTS}
    reached = {index.owner[i] for i in part if i in index.owner and index.tokens[i] & wanted}
    members = [i for i, goal_id in index.owner.items() if goal_id in reached]
    earlier: dict[int, list[Statement]] = {}
    statements = load_statements_by_id(conn, seeds)
    for statement in load_statements_by_id(conn, members):
        if statement.order < first_new:
            earlier.setdefault(index.owner[statement.target_id], []).append(statement)
        else:
            statements.append(statement)
    outcomes = load_outcomes(conn, group) if group[1] is not None else []
    return store_group(conn, continue_matching(earlier.values(), statements, outcomes), held_goals(conn, reached))


# ---- successors ---------------------------------------------------------------------------------------------


def _refresh_successors(conn: sqlite3.Connection, touched: set[int], full_classes: set[str]) -> None:
    """Recompute which ledger targets are superseded, and by which, where that can have changed: around the
    targets written or deleted (`touched`), for any whose successor is gone, and for every target of
    `full_classes` (a rebuild)."""
    classes = set(full_classes) | {r[0] for r in conn.execute(
        "SELECT DISTINCT unit_class FROM ledger_targets WHERE status = 'superseded' AND superseded_by IS NULL")}
    if touched:
        marks = ", ".join("?" for _ in touched)
        classes |= {r[0] for r in conn.execute(
            f"SELECT DISTINCT unit_class FROM ledger_targets WHERE id IN ({marks})", tuple(touched))}
        classes |= {r[0] for r in conn.execute(  # deleted targets: the class of those they superseded
            f"SELECT DISTINCT unit_class FROM ledger_targets WHERE superseded_by IN ({marks})", tuple(touched))}
    for klass in sorted(classes):
        rows = conn.execute(
            "SELECT id, year, kind, corporate, metric_key, first_date, last_date, outcome_status, superseded_by,"
            " status, history_status FROM ledger_targets WHERE unit_class = ?", (klass,)).fetchall()
        keys = [GoalKey(r[0], klass, r[1], r[2], bool(r[3]), frozenset(r[4].split()), r[5], r[6], r[7] is not None)
                for r in rows]
        subjects = None if klass in full_classes else _successor_subjects(keys, rows, touched)
        successors = find_successors(keys, subjects)
        first_dates = {r[0]: r[5] for r in rows}
        for row in rows:
            if subjects is None or row[0] in subjects:
                _set_successor(conn, row, successors.get(row[0]), first_dates)


def _successor_subjects(keys: list[GoalKey], rows: list[Any], touched: set[int]) -> set[int]:
    """Targets whose successor may have changed: those touched, those a touched one may replace, and those
    whose stored successor was touched or is gone."""
    changed = [k for k in keys if k.id in touched]
    by_token: dict[str, list[GoalKey]] = {}
    for key in keys:
        for token in key.tokens - GENERIC_CONCEPTS:
            by_token.setdefault(token, []).append(key)
    subjects = {k.id for k in changed}
    for key in changed:
        near = {c.id: c for t in key.tokens - GENERIC_CONCEPTS for c in by_token.get(t, ())}
        subjects |= {i for i, c in near.items() if compare_tokens(c.tokens, key.tokens).contained}
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
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM ledger_events WHERE ledger_target_id = ? ORDER BY position",
        (target_id,))]
    kept = [LedgerEvent(r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in held if r[1] != "superseded"]
    successor = (successor_id, first_dates.get(successor_id)) if successor_id else None
    replace_children(conn, target_id, "ledger_events", EVENT_COLUMNS, event_rows(kept, successor), held)
