"""Reading the ledger for the CLI and the web app: `list_targets`, `get_target`, `targets_csv`.

Derived figures (growth, implied baseline, consistency) are computed here, on read, from what is stored.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from policywatch.errors import QueryError
from policywatch.ledger.derived import (
    BaselineFigure,
    GoalFigures,
    check_consistency,
    implied_baseline,
    implied_growth,
)
from policywatch.ledger.records import (
    STATUSES,
    DerivedFigures,
    LedgerEvent,
    LedgerSource,
    LedgerTargetDetail,
    LedgerTargetSummary,
)
from policywatch.ledger.similarity import compare_tokens, unit_class
from policywatch.records import Baseline
from policywatch.store.connections import reading
from policywatch.store.results import RecordNotFound

if TYPE_CHECKING:
    from policywatch.store.sqlite import Store

_SUMMARY_SQL = (
    "SELECT lt.id, lt.metric, lt.value, lt.unit, lt.unit_class, lt.comparator, lt.kind, lt.direction, lt.year,"
    " lt.status, lt.corporate, lt.draft,"
    " (SELECT count(*) FROM ledger_sources s WHERE s.ledger_target_id = lt.id AND s.role = 'target'),"
    " (SELECT count(DISTINCT s.record_id) FROM ledger_sources s WHERE s.ledger_target_id = lt.id"
    "  AND s.role = 'target'),"
    " lt.first_date, lt.last_date, lt.outcome_value, lt.outcome_date, lt.superseded_by"
    " FROM ledger_targets lt"
)
# A ledger target is "by" a body or "in" a sector when any statement's entry or record names it.
_NAMED_BY = (
    " EXISTS (SELECT 1 FROM ledger_sources s WHERE s.ledger_target_id = lt.id AND s.role = 'target' AND ("
    " EXISTS (SELECT 1 FROM {entry_table} x WHERE x.entry_id = s.entry_id AND lower(x.{column}) = lower(?))"
    " OR EXISTS (SELECT 1 FROM {record_table} x WHERE x.record_id = s.record_id AND lower(x.{column}) = lower(?))))"
)


_reading = reading


def list_targets(source: sqlite3.Connection | Store, *, year: int | None = None, body: str | None = None,
                 unit: str | None = None, sector: str | None = None,
                 status: str | None = None) -> list[LedgerTargetSummary]:
    """Ledger targets, by year (undated last) then metric. `unit` matches a unit ("percent", "GW") or a unit
    class ("power_kW", "count"); `body` and `sector` match any statement's entry or record. Raises
    QueryError for an unknown status."""
    if status is not None and status not in STATUSES:
        raise QueryError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    where: list[str] = []
    params: list[Any] = []
    if year is not None:
        where.append("lt.year = ?")
        params.append(year)
    if unit is not None:
        where.append("(lt.unit = ? OR lt.unit_class = ?)")
        params += [unit, unit]
    if status is not None:
        where.append("lt.status = ?")
        params.append(status)
    for value, tables in ((body, ("entry_bodies", "record_bodies", "body_id")),
                          (sector, ("entry_sectors", "record_sectors", "sector"))):
        if value is not None:
            where.append(_NAMED_BY.format(entry_table=tables[0], record_table=tables[1], column=tables[2]))
            params += [value, value]
    sql = _SUMMARY_SQL + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY (CASE WHEN lt.year IS NULL THEN 1 ELSE 0 END), lt.year, lt.metric, lt.id"
    with _reading(source) as conn:
        return [_summary(row) for row in conn.execute(sql, params)]


def _summary(row: Any) -> LedgerTargetSummary:
    return LedgerTargetSummary(
        id=row[0], metric=row[1], value=row[2], unit=row[3], unit_class=row[4], comparator=row[5], kind=row[6],
        direction=row[7], year=row[8], status=row[9], corporate=bool(row[10]), draft=bool(row[11]),
        source_count=row[12], record_count=row[13], first_date=row[14], last_date=row[15], outcome_value=row[16],
        outcome_date=row[17], superseded_by=row[18],
    )


def get_target(source: sqlite3.Connection | Store, target_id: int) -> LedgerTargetDetail:
    """One ledger target with its sources (the sentence each came from, the document's title, date and
    bodies), its history, its outcome and the figures derived from it. RecordNotFound if there is none."""
    with _reading(source) as conn:
        row = conn.execute(_SUMMARY_SQL + " WHERE lt.id = ?", (target_id,)).fetchone()
        if row is None:
            raise RecordNotFound(f"no ledger target #{target_id}")
        summary = _summary(row)
        baseline_json = conn.execute("SELECT baseline_json FROM ledger_targets WHERE id = ?",
                                     (target_id,)).fetchone()[0]
        baseline = Baseline(**json.loads(baseline_json)) if baseline_json else None
        sources = _sources(conn, target_id)
        events = tuple(LedgerEvent(*r) for r in conn.execute(
            "SELECT event, event_date, record_id, value, previous_value, other_target_id, note FROM ledger_events"
            " WHERE ledger_target_id = ? ORDER BY position", (target_id,)))
        figures = GoalFigures(summary.value, summary.year, summary.unit, summary.kind, summary.direction, baseline)
        checks = tuple(c for c in (check_consistency(figures, f) for f in _baseline_figures(conn, summary, baseline))
                       if c is not None)
    statements = tuple(s for s in sources if s.role == "target")
    outcome = next((s for s in sources if s.role == "outcome"), None)
    derived = DerivedFigures(implied_growth(figures), implied_baseline(figures), checks)
    return LedgerTargetDetail(summary, baseline, statements, events, outcome, derived)


def _sources(conn: sqlite3.Connection, target_id: int) -> tuple[LedgerSource, ...]:
    rows = conn.execute(
        "SELECT s.role, s.record_id, r.type, s.entry_id, r.title, e.headline, s.doc_date, s.field, s.sentence,"
        " s.metric, s.value, s.unit, s.comparator, s.year, s.language, s.draft"
        " FROM ledger_sources s JOIN records r ON r.id = s.record_id LEFT JOIN entries e ON e.id = s.entry_id"
        " WHERE s.ledger_target_id = ? ORDER BY s.position", (target_id,)).fetchall()
    return tuple(
        LedgerSource(role=r[0], record_id=r[1], record_type=r[2], entry_id=r[3], title=r[4], headline=r[5],
                     date=r[6], bodies=_bodies(conn, r[1], r[3]), field=r[7], sentence=r[8], metric=r[9],
                     value=r[10], unit=r[11], comparator=r[12], year=r[13], language=r[14], draft=bool(r[15]))
        for r in rows
    )


def _bodies(conn: sqlite3.Connection, record_id: int, entry_id: int | None) -> tuple[str, ...]:
    if entry_id is not None:
        rows = conn.execute("SELECT body_id FROM entry_bodies WHERE entry_id = ? ORDER BY body_id", (entry_id,))
    else:
        rows = conn.execute("SELECT body_id FROM record_bodies WHERE record_id = ? ORDER BY body_id", (record_id,))
    return tuple(r[0] for r in rows)


def _baseline_figures(conn: sqlite3.Connection, summary: LedgerTargetSummary,
                      baseline: Baseline | None) -> list[BaselineFigure]:
    """Figures for the baseline year from other documents: outcomes reported for that year, then goals set
    for it, whose metric matches one of this target's statements; values in this target's unit."""
    if baseline is None or baseline.year is None or not (baseline.factor or baseline.value):
        return []
    own = conn.execute("SELECT record_id, metric_key FROM ledger_sources WHERE ledger_target_id = ?"
                       " AND role = 'target'", (summary.id,)).fetchall()
    records = {r[0] for r in own}
    token_sets = [frozenset(r[1].split()) for r in own]
    factor = unit_class(summary.unit)[1]
    candidates = conn.execute(
        "SELECT 'outcome', o.value, o.unit, o.record_id, o.sentence, o.metric_key FROM ledger_outcomes o"
        " WHERE o.unit_class = ? AND o.year = ?"
        " UNION ALL SELECT 'target', lt.value, lt.unit, s.record_id, s.sentence, lt.metric_key"
        " FROM ledger_targets lt JOIN ledger_sources s ON s.ledger_target_id = lt.id AND s.position = 0"
        " WHERE lt.unit_class = ? AND lt.year = ? AND lt.corporate = ?",
        (summary.unit_class, baseline.year, summary.unit_class, baseline.year, int(summary.corporate))).fetchall()
    figures = []
    for found_in, value, unit, record_id, sentence, metric_key in candidates:
        tokens = frozenset(metric_key.split())
        if record_id in records or not any(_same_metric(tokens, own_tokens) for own_tokens in token_sets):
            continue
        value_here = value * unit_class(unit)[1] / factor
        figures.append(BaselineFigure(value_here, baseline.year, found_in, record_id, sentence))
    return figures


def _same_metric(a: frozenset[str], b: frozenset[str]) -> bool:
    match = compare_tokens(a, b)
    return match.strong or match.contained


def targets_csv(rows: Iterable[LedgerTargetSummary]) -> str:
    """The listing as CSV (a header row with the summary's field names, then one row per target)."""
    names = [f.name for f in dataclasses.fields(LedgerTargetSummary)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if getattr(row, name) is None else _cell(getattr(row, name)) for name in names])
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    return value
