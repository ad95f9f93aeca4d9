"""Which stored ledger targets are superseded, and by which, kept in step after an update.

A goal without an outcome is superseded by the earliest (first date, year, id) target of its unit class, kind
and corporate flag that is for a later year, first stated after the goal's last statement, and whose metric
tokens contain the goal's (`matching.find_successors` says the same for a list of goals held in memory; a
rebuild uses it).

After an update only the targets around those written can change (`refresh_successors`). Both directions go
through indexes, so the cost follows the targets written rather than the archive:

* a subject's successor: its candidates (sharing a specific token, later year, later first date) are read in
  successor order and the first whose tokens contain the subject's wins — usually the first read;
* the targets a written one may now replace: those with an earlier year and last date, no outcome, and no
  successor ordered before the written one already (that one would stay their successor).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from policywatch.ledger.glossary import GENERIC_CONCEPTS
from policywatch.ledger.matching import GoalKey, find_successors
from policywatch.ledger.rows import EVENT_COLUMNS, LATER, OTHERS
from policywatch.ledger.similarity import compare_tokens

KEY_COLUMNS = ("id, unit_class, year, kind, corporate, metric_key, first_date, last_date, outcome_status,"
               " superseded_by, status, history_status")
_FETCH = 32  # candidates read at a time: the first one read usually wins


def refresh_successors(conn: sqlite3.Connection, touched: set[int], full_classes: set[str],
                       reaching: dict[int, str]) -> None:
    """Recompute successors where they can have changed: every target of `full_classes` (a rebuild); around
    the targets written or deleted (`touched`): those they replaced, any whose successor is gone, the written
    ones whose own successor may change (`reaching`: OWN, or LATER when their successor now starts before their
    last date), and the targets those written with a changed year, kind, first date, outcome or tokens
    (OTHERS) may now replace."""
    for klass in sorted(full_classes):
        rows = conn.execute(f"SELECT {KEY_COLUMNS} FROM ledger_targets WHERE unit_class = ?", (klass,)).fetchall()
        set_successors(conn, rows, find_successors([goal_key(r) for r in rows]))
    subjects = {r[0] for r in conn.execute(
        "SELECT id FROM ledger_targets WHERE status = 'superseded' AND superseded_by IS NULL")}
    for chunk in _chunks(sorted(touched)):
        subjects |= {r[0] for r in conn.execute(
            f"SELECT id FROM ledger_targets WHERE superseded_by IN ({_marks(chunk)})", chunk)}
    changed = key_rows(conn, set(reaching))
    subjects |= {i for i, r in changed.items() if reaching[i] != LATER or _starts_by(conn, r[9], r[7])}
    for target_id, row in sorted(changed.items()):
        if reaching[target_id] == OTHERS and row[2] is not None and row[6] and row[1] not in full_classes:
            subjects |= _may_now_replace(conn, goal_key(row))
    rows = [r for r in key_rows(conn, subjects).values() if r[1] not in full_classes]
    found: dict[int, int] = {}
    first_dates: dict[int, str | None] = {}
    for row in sorted(rows, key=lambda r: r[0]):
        successor = _successor_of(conn, goal_key(row))
        if successor is not None:
            successor_id, successor_first_date = successor
            found[row[0]] = successor_id
            first_dates[successor_id] = successor_first_date
    set_successors(conn, sorted(rows, key=lambda r: r[0]), found, first_dates)


def _successor_of(conn: sqlite3.Connection, goal: GoalKey) -> tuple[int, str] | None:
    """(id, first date) of the goal's successor, or None."""
    tokens = sorted(goal.tokens - GENERIC_CONCEPTS)
    if goal.has_outcome or goal.year is None or not goal.last_date or not tokens:
        return None
    cursor = conn.execute(
        "SELECT lt.id, lt.first_date, lt.metric_key FROM ledger_targets lt WHERE lt.id IN"
        " (SELECT ledger_target_id FROM ledger_target_tokens WHERE unit_class = ?"
        f" AND token IN ({_marks(tokens)}) AND year > ?)"
        " AND lt.kind = ? AND lt.corporate = ? AND lt.first_date > ? ORDER BY lt.first_date, lt.year, lt.id",
        (goal.unit_class, *tokens, goal.year, goal.kind, int(goal.corporate), goal.last_date))
    while batch := cursor.fetchmany(_FETCH):
        for target_id, first_date, metric_key in batch:
            if compare_tokens(frozenset(metric_key.split()), goal.tokens).contained:
                return target_id, first_date
    return None


def _may_now_replace(conn: sqlite3.Connection, key: GoalKey) -> set[int]:
    """Targets `key` (written just now) may have become the successor of: for an earlier year, last stated
    before it was first, without an outcome, sharing a specific token and contained in it, and not already
    superseded by a target that comes before it in successor order."""
    tokens = sorted(key.tokens - GENERIC_CONCEPTS)
    if not tokens:
        return set()
    rows = conn.execute(
        "SELECT lt.id, lt.metric_key FROM ledger_targets lt LEFT JOIN ledger_targets su ON su.id = lt.superseded_by"
        " WHERE lt.id IN (SELECT ledger_target_id FROM ledger_target_tokens WHERE unit_class = ?"
        f" AND token IN ({_marks(tokens)}) AND year < ?)"
        " AND lt.kind = ? AND lt.corporate = ? AND lt.outcome_status IS NULL AND lt.last_date < ?"
        " AND (su.id IS NULL OR su.first_date IS NULL OR su.year IS NULL"
        " OR su.first_date > ? OR (su.first_date = ? AND (su.year > ? OR (su.year = ? AND su.id > ?))))",
        (key.unit_class, *tokens, key.year, key.kind, int(key.corporate), key.first_date,
         key.first_date, key.first_date, key.year, key.year, key.id)).fetchall()
    return {target_id for target_id, metric_key in rows
            if compare_tokens(key.tokens, frozenset(metric_key.split())).contained}


def _starts_by(conn: sqlite3.Connection, successor_id: int | None, last_date: str | None) -> bool:
    """Whether the successor starts on or before `last_date` (so it no longer qualifies)."""
    row = conn.execute("SELECT first_date FROM ledger_targets WHERE id = ?", (successor_id,)).fetchone()
    return row is None or not row[0] or not last_date or row[0] <= last_date


def _chunks(ids: list[int], size: int = 500) -> list[tuple[int, ...]]:
    return [tuple(ids[i:i + size]) for i in range(0, len(ids), size)]


def _marks(values: Iterable[Any]) -> str:
    return ", ".join("?" for _ in values)


def key_rows(conn: sqlite3.Connection, ids: set[int]) -> dict[int, Any]:
    rows: dict[int, Any] = {}
    for chunk in _chunks(sorted(ids)):
        rows.update((r[0], r) for r in conn.execute(
            f"SELECT {KEY_COLUMNS} FROM ledger_targets WHERE id IN ({_marks(chunk)})", chunk))
    return rows


def goal_key(r: Any) -> GoalKey:
    return GoalKey(r[0], r[1], r[2], r[3], bool(r[4]), frozenset(r[5].split()), r[6], r[7], r[8] is not None)


def set_successors(conn: sqlite3.Connection, rows: list[Any], successors: dict[int, int],
                   first_dates: dict[int, str | None] | None = None) -> None:
    """Store each row's successor (None: not superseded), with its "superseded" event."""
    dates = dict(first_dates or {})
    dates.update((r[0], r[6]) for r in rows)
    for row in rows:
        successor = successors.get(row[0])
        if successor is not None and successor not in dates:
            dates.update((i, r[6]) for i, r in key_rows(conn, {successor}).items())
        _set_successor(conn, row, successor, dates)


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
