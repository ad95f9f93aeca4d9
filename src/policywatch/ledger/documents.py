"""What the ledger reads from a stored record: its date, whether it is a draft, and the outcomes it reports.

The date orders statements of one goal: a brief's published date (an entry's own date wins for its
statements), a policy's date_written, else date_published, an article's published date. An outcome is kept
only when its year is not after the document's year — "2025年…达到16件" in a plan written in 2021 is a goal
restated, not a result.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# A module import, not a name: extract.outcomes imports ledger.records, so when it is imported first this
# module runs while it is still half-initialised.
from policywatch.extract import outcomes as outcome_reader
from policywatch.ledger.records import Outcome
from policywatch.ledger.similarity import statement_tokens, unit_class
from policywatch.records import Article, Brief, Policy, Record
from policywatch.store.record_codec import record_from_json

Group = tuple[str, int | None]  # (unit class, year): statements are only ever matched within one

_OUTCOME_COLUMNS = ("record_id", "entry_id", "position", "field", "sentence", "span_start", "span_end", "metric",
                    "value", "unit", "unit_class", "comparator", "kind", "direction", "year", "language",
                    "metric_key")


@dataclass(frozen=True)
class DocumentFacts:
    """A record's date and draft flag, as the ledger orders its statements."""

    date: str | None
    draft: bool


@dataclass(frozen=True)
class DocumentRefresh:
    """What refreshing one record's ledger facts found: the groups its outcomes (old and new) touch."""

    groups: frozenset[Group]
    outcomes: int
    changed: bool
    changed_groups: frozenset[Group] = frozenset()  # groups whose outcomes changed: matched again whole


def document_facts(record: Record) -> DocumentFacts:
    """The date and draft flag of a record."""
    if isinstance(record, Policy):
        return DocumentFacts(record.date_written or record.date_published, record.is_draft)
    return DocumentFacts(record.published, False)


def record_outcomes(record: Record, entry_ids: list[int]) -> Iterator[tuple[int | None, Outcome]]:
    """(entry id, outcome) for every outcome the record's text reports, field by field."""
    if isinstance(record, Brief):
        for entry_id, entry in zip(entry_ids, record.entries, strict=False):
            fields = [("summary", entry.summary), ("text", entry.text)]
            fields += [(f"key_points[{i}]", point) for i, point in enumerate(entry.key_points)]
            fields += [(f"comment[{i}]", line) for i, line in enumerate(entry.comment)]
            for name, text in fields:
                yield from ((entry_id, o) for o in outcome_reader.extract_outcomes(text, field=name))
        return
    title = record.title if isinstance(record, Article) else None
    for name, text in (("title", title or ""), ("text", record.text)):
        yield from ((None, o) for o in outcome_reader.extract_outcomes(text, field=name))


def _outcome_row(record_id: int, entry_id: int | None, position: int, outcome: Outcome) -> tuple[Any, ...]:
    tokens = statement_tokens(outcome.metric, outcome.text, outcome.value)
    return (record_id, entry_id, position, outcome.field, outcome.text, outcome.span[0], outcome.span[1],
            outcome.metric, outcome.value, outcome.unit, unit_class(outcome.unit)[0], outcome.comparator,
            outcome.kind, outcome.direction, outcome.year, outcome.language, " ".join(sorted(tokens)))


def _reportable(outcome: Outcome, facts: DocumentFacts) -> bool:
    return facts.date is None or outcome.year <= int(facts.date[:4])


def refresh_document(conn: sqlite3.Connection, record_id: int) -> DocumentRefresh:
    """Bring `ledger_documents` and `ledger_outcomes` in step with the stored record (or drop them when
    the record is gone). Writes nothing when they already are."""
    row = conn.execute("SELECT record_json FROM records WHERE id = ?", (record_id,)).fetchone()
    old_groups = _outcome_groups(conn, record_id)
    if row is None:
        conn.execute("DELETE FROM ledger_outcomes WHERE record_id = ?", (record_id,))
        conn.execute("DELETE FROM ledger_documents WHERE record_id = ?", (record_id,))
        return DocumentRefresh(frozenset(old_groups), 0, bool(old_groups), frozenset(old_groups))
    record = record_from_json(row[0])
    facts = document_facts(record)
    changed = _write_facts(conn, record_id, facts)
    entry_ids = [r[0] for r in conn.execute("SELECT id FROM entries WHERE record_id = ? ORDER BY position",
                                            (record_id,))]
    outcomes = [(entry_id, o) for entry_id, o in record_outcomes(record, entry_ids) if _reportable(o, facts)]
    rows = [_outcome_row(record_id, entry_id, i, o) for i, (entry_id, o) in enumerate(outcomes)]
    rewritten = _write_outcomes(conn, record_id, rows)
    groups = frozenset(old_groups | {(row[10], row[14]) for row in rows})
    return DocumentRefresh(groups, len(rows), changed or rewritten, groups if rewritten else frozenset())


def _write_facts(conn: sqlite3.Connection, record_id: int, facts: DocumentFacts) -> bool:
    held = conn.execute("SELECT doc_date, draft FROM ledger_documents WHERE record_id = ?", (record_id,)).fetchone()
    if held is not None and (held[0], bool(held[1])) == (facts.date, facts.draft):
        return False
    conn.execute("INSERT INTO ledger_documents (record_id, doc_date, draft) VALUES (?, ?, ?)"
                 " ON CONFLICT (record_id) DO UPDATE SET doc_date = excluded.doc_date, draft = excluded.draft",
                 (record_id, facts.date, int(facts.draft)))
    return True


def _write_outcomes(conn: sqlite3.Connection, record_id: int, rows: list[tuple[Any, ...]]) -> bool:
    columns = ", ".join(_OUTCOME_COLUMNS)
    held = [tuple(r) for r in conn.execute(f"SELECT {columns} FROM ledger_outcomes WHERE record_id = ?"
                                           " ORDER BY position", (record_id,))]
    if held == rows:
        return False
    conn.execute("DELETE FROM ledger_outcomes WHERE record_id = ?", (record_id,))
    marks = ", ".join("?" for _ in _OUTCOME_COLUMNS)
    conn.executemany(f"INSERT INTO ledger_outcomes ({columns}) VALUES ({marks})", rows)
    return True


def _outcome_groups(conn: sqlite3.Connection, record_id: int) -> set[Group]:
    return {(r[0], r[1]) for r in conn.execute(
        "SELECT DISTINCT unit_class, year FROM ledger_outcomes WHERE record_id = ?", (record_id,))}


def ensure_facts(conn: sqlite3.Connection, record_ids: set[int]) -> bool:
    """Write `ledger_documents` rows for records that have none yet (stored before the ledger existed), so
    their statements are dated; their outcomes come with `rebuild_ledger`. True when any was written."""
    if not record_ids:
        return False
    marks = ", ".join("?" for _ in record_ids)
    known = {r[0] for r in conn.execute(f"SELECT record_id FROM ledger_documents WHERE record_id IN ({marks})",
                                        tuple(record_ids))}
    written = False
    for record_id in sorted(record_ids - known):
        row = conn.execute("SELECT record_json FROM records WHERE id = ?", (record_id,)).fetchone()
        if row is not None:
            written = _write_facts(conn, record_id, document_facts(record_from_json(row[0]))) or written
    return written
