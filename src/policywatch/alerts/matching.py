"""Percolator-style matching: a new or changed record's units are matched against every watchlist, in a
small in-memory FTS5 index that holds only that record. The cost grows with the record, never with the
archive, and the tokenizer is the archive's, so a watch fires exactly where a search would find the text."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

from policywatch.alerts.patterns import FTS_TOKENIZER, MATCH_CLOSE, MATCH_OPEN, UNKNOWN_MONTH
from policywatch.alerts.results import Alert, Span, Watch, WatchSpec
from policywatch.alerts.units import MatchUnit, unit_of_search_doc, units_of_record
from policywatch.alerts.watches import check_spec, list_watches, now_iso
from policywatch.errors import StoreError
from policywatch.records import Target
from policywatch.store.dbapi import DatabaseError
from policywatch.store.query import ParsedQuery, parse_query
from policywatch.store.search_postgres import tsquery_sql
from policywatch.store.textfold import index_text_with_origins


class UnitIndex:
    """One unit's fields in an in-memory FTS5 table: one row per field, so a phrase never runs across two."""

    def __init__(self, unit: MatchUnit) -> None:
        self.unit = unit
        self._conn = sqlite3.connect(":memory:")
        self._conn.execute(f"CREATE VIRTUAL TABLE unit_fts USING fts5 (body, tokenize = '{FTS_TOKENIZER}')")
        self._origins: list[list[int]] = []
        for position, (_, text) in enumerate(unit.fields):
            folded, origins = index_text_with_origins(text)
            self._origins.append(origins)
            self._conn.execute("INSERT INTO unit_fts (rowid, body) VALUES (?, ?)", (position, folded))

    def close(self) -> None:
        """Free the in-memory table."""
        self._conn.close()

    def first_match(self, phrases: tuple[str, ...]) -> Span | None:
        """Where the first field matching any of `phrases` (an OR group, index form) matches, or None."""
        expression = " OR ".join('"' + phrase.replace('"', '""') + '"' for phrase in phrases)
        row = self._conn.execute(
            "SELECT rowid, highlight(unit_fts, 0, ?, ?) FROM unit_fts WHERE unit_fts MATCH ?"
            " ORDER BY rowid LIMIT 1", (MATCH_OPEN, MATCH_CLOSE, expression)).fetchone()
        return None if row is None else self._span(row[0], row[1])

    def _span(self, position: int, marked: str) -> Span:
        """The original-text span of the first highlighted run in field `position`."""
        start = marked.index(MATCH_OPEN)
        # a highlighted phrase may be several runs (one per token); the span ends with the phrase's last one
        end = marked.index(MATCH_CLOSE, start) - 1
        name, text = self.unit.fields[position]
        origins = self._origins[position]
        first, last = origins[start], origins[end - 1]
        return Span(field=name, start=first, end=last + 1, text=text[first:last + 1])


def _names_hold(wanted: tuple[str, ...], named: frozenset[str]) -> bool:
    return not wanted or any(name.casefold() in named for name in wanted)


def _target_holds(spec: WatchSpec, target: Target) -> bool:
    if spec.target_due_by is not None and (target.year is None or target.year > spec.target_due_by):
        return False
    if spec.target_unit and target.unit.casefold() != spec.target_unit.casefold():
        return False
    return spec.target_min_value is None or target.value >= spec.target_min_value


def _wants_target(spec: WatchSpec) -> bool:
    return spec.target_due_by is not None or bool(spec.target_unit) or spec.target_min_value is not None


def _conditions_span(spec: WatchSpec, unit: MatchUnit) -> Span | None:
    """None when a structured condition fails; else the span to show (the target's, or the title)."""
    if not (_names_hold(spec.bodies, unit.bodies) and _names_hold(spec.sectors, unit.sectors)
            and _names_hold(spec.companies, unit.companies)):
        return None
    if spec.doc_form and (unit.doc_form or "").casefold() != spec.doc_form.casefold():
        return None
    if not _wants_target(spec):
        name, text = unit.fields[0] if unit.fields else ("title", unit.title)
        return Span(field=name, start=0, end=len(text), text=text)
    target = next((t for t in unit.targets if _target_holds(spec, t)), None)
    if target is None:
        return None
    start, end = target.span
    return Span(field=target.field or "target", start=start, end=end, text=target.text[start:end] or target.text)


def _parsed(spec: WatchSpec) -> ParsedQuery | None:
    return parse_query(spec.text) if spec.text.strip() else None


def match_unit(spec: WatchSpec, index: UnitIndex, parsed: ParsedQuery | None) -> Span | None:
    """The span showing why `spec` matches the unit behind `index`, or None when it does not match. With
    text, the span is where the first term group matched; every group must match some field."""
    condition_span = _conditions_span(spec, index.unit)
    if condition_span is None or parsed is None:
        return condition_span
    spans = [index.first_match(group) for group in parsed.groups]
    if any(span is None for span in spans):
        return None
    return spans[0]


def _store_alert(conn: sqlite3.Connection, watch: Watch, unit: MatchUnit, span: Span, now: str) -> int | None:
    """Insert the alert and its outbox rows; None when this watch already alerted on this unit."""
    row = conn.execute(
        "INSERT INTO alerts (watch_id, record_id, entry_id, unit_key, title, date, field, span_start, span_end,"
        " matched_text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (watch_id, unit_key) DO NOTHING RETURNING id",
        (watch.id, unit.record_id, unit.entry_id, unit.key, unit.title, unit.date, span.field, span.start,
         span.end, span.text, now)).fetchone()
    if row is None:
        return None
    channels = [c for c, wanted in (("webhook", watch.webhook_url), ("email", watch.email)) if wanted]
    conn.executemany(
        "INSERT INTO alert_outbox (alert_id, channel, idempotency_key, next_attempt_at) VALUES (?, ?, ?, ?)",
        [(row[0], channel, f"policywatch-{watch.name}-{unit.key}-{channel}-{row[0]}", now)
         for channel in channels])
    return int(row[0])


def _alerts_for(units: Iterable[MatchUnit], watches: list[Watch]) -> list[tuple[Watch, MatchUnit, Span]]:
    parsed = {watch.id: _parsed(watch.spec) for watch in watches}
    found: list[tuple[Watch, MatchUnit, Span]] = []
    for unit in units:
        index = UnitIndex(unit)
        try:
            for watch in watches:
                span = match_unit(watch.spec, index, parsed[watch.id])
                if span is not None:
                    found.append((watch, unit, span))
        finally:
            index.close()
    return found


def match_record(conn: sqlite3.Connection, record_id: int) -> list[Alert]:
    """Match stored record `record_id` (just stored or changed) against every watchlist and store the new
    alerts with their outbox rows. Runs in the caller's transaction (the ingest's); idempotent: a watch
    alerts at most once per entry/record, so a re-ingest adds nothing. Returns the alerts added."""
    try:
        watches = list_watches(conn)
        if not watches:
            return []
        now = now_iso()
        added: list[Alert] = []
        for watch, unit, span in _alerts_for(units_of_record(conn, record_id), watches):
            alert_id = _store_alert(conn, watch, unit, span, now)
            if alert_id is not None:
                added.append(Alert(id=alert_id, watch=watch.name, record_id=unit.record_id,
                                    entry_id=unit.entry_id, title=unit.title, date=unit.date, span=span,
                                    created_at=now))
        return added
    except DatabaseError as error:
        raise StoreError(f"could not match record #{record_id} against the watchlists: {error}") from error


def preview_watch(conn: sqlite3.Connection, spec: WatchSpec) -> dict[str, int]:
    """How many stored entries/policies/articles `spec` would have matched, by month ('YYYY-MM', or
    'unknown' when undated), oldest first. Text narrows the candidates through the archive's index first."""
    check_spec(spec)
    parsed = _parsed(spec)
    if parsed is not None and getattr(conn, "dialect", "sqlite") == "postgres":
        expression, params = tsquery_sql(parsed)
        postgres: Any = conn  # a PostgresConnection: this search is planned for its own query, not prepared
        rows = postgres.execute("SELECT d.record_id, d.entry_id FROM search_text st JOIN search_docs d"
                                f" ON d.id = st.id WHERE st.document @@ ({expression})", params,
                                prepare=False).fetchall()
    elif parsed is not None:
        rows = conn.execute("SELECT d.record_id, d.entry_id FROM search_fts f JOIN search_docs d"
                            " ON d.id = f.rowid WHERE search_fts MATCH ?", (parsed.fts5(),)).fetchall()
    else:
        rows = conn.execute("SELECT record_id, entry_id FROM search_docs").fetchall()
    months: Counter[str] = Counter()
    for record_id, entry_id in rows:
        unit = unit_of_search_doc(conn, record_id, entry_id)
        if unit is None:
            continue
        index = UnitIndex(unit)
        try:
            if match_unit(spec, index, parsed) is not None:
                months[unit.date[:7] if unit.date else UNKNOWN_MONTH] += 1
        finally:
            index.close()
    return dict(sorted(months.items()))
