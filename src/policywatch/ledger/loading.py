"""Loading what the ledger matches: stored targets and outcomes of one (unit class, year) group, or targets
rows by id, as `matching.Statement` / `matching.OutcomeStatement`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from policywatch.ledger.documents import Group
from policywatch.ledger.glossary import COUNT_CLASS, UNIT_CLASSES
from policywatch.ledger.matching import OutcomeStatement, Statement
from policywatch.ledger.similarity import statement_tokens, unit_class
from policywatch.records import Baseline

CHUNK = 500  # ids per IN (…) list: well under SQLite's variable limit


def unit_condition(klass: str) -> tuple[str, list[str]]:
    """SQL selecting the targets rows of a unit class (counted nouns: every unit not in the table)."""
    if klass == COUNT_CLASS:
        units = sorted(UNIT_CLASSES)
        return f"t.unit NOT IN ({', '.join('?' for _ in units)})", units
    units = sorted(u for u, (c, _) in UNIT_CLASSES.items() if c == klass)
    return f"t.unit IN ({', '.join('?' for _ in units)})", units


_STATEMENT_SQL = (
    "SELECT t.id, t.record_id, t.entry_id, t.position, t.field, t.text, t.metric, t.value, t.unit,"
    " t.comparator, t.kind, t.direction, t.year, t.baseline_json, t.language, t.corporate, t.draft,"
    " COALESCE(e.date, d.doc_date), COALESCE(d.draft, 0),"
    " (SELECT s.metric_key FROM ledger_sources s WHERE s.target_id = t.id AND s.role = 'target' LIMIT 1)"
    " FROM targets t LEFT JOIN entries e ON e.id = t.entry_id"
    " LEFT JOIN ledger_documents d ON d.record_id = t.record_id"
)
_YEAR = "(t.year = ? OR (t.year IS NULL AND ? IS NULL))"


def load_statements(conn: sqlite3.Connection, group: Group, reuse_tokens: bool) -> list[Statement]:
    """Every stored target of a (unit class, year) group."""
    units_sql, units = unit_condition(group[0])
    rows = conn.execute(f"{_STATEMENT_SQL} WHERE {_YEAR} AND {units_sql}", (group[1], group[1], *units))
    return [_statement(row, reuse_tokens) for row in rows]


def load_statements_by_id(conn: sqlite3.Connection, target_ids: Iterable[int]) -> list[Statement]:
    """The stored targets with these ids (stored comparison tokens reused)."""
    ids = sorted(target_ids)
    statements: list[Statement] = []
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        rows = conn.execute(f"{_STATEMENT_SQL} WHERE t.id IN ({', '.join('?' for _ in chunk)})", chunk)
        statements += [_statement(row, True) for row in rows]
    return statements


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


def load_outcomes(conn: sqlite3.Connection, group: Group) -> list[OutcomeStatement]:
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
