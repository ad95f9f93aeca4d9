"""Match units: what a watch is matched against. A brief yields one unit per entry; a policy or an article
is one unit. Each unit carries its text fields and the names and targets its conditions look at."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from policywatch.records import Article, Brief, Entry, Policy, Record, Target
from policywatch.store.record_codec import entry_from_json, record_from_json


@dataclass(frozen=True)
class MatchUnit:
    """One entry, policy or article, flattened for matching."""

    record_id: int
    entry_id: int | None
    title: str
    date: str | None
    fields: tuple[tuple[str, str], ...]  # (field name, original text), non-empty texts only
    bodies: frozenset[str]
    sectors: frozenset[str]
    companies: frozenset[str]
    doc_form: str | None
    targets: tuple[Target, ...]

    @property
    def key(self) -> str:
        """'e<entry id>' or 'r<record id>': the unit an alert is about."""
        return f"e{self.entry_id}" if self.entry_id is not None else f"r{self.record_id}"


def _folded(names: tuple[str, ...] | list[str]) -> frozenset[str]:
    return frozenset(name.casefold() for name in names)


def _entry_fields(entry: Entry) -> list[tuple[str, str]]:
    fields = [("headline", entry.headline), ("summary", entry.summary), ("text", entry.text),
              ("source_label", entry.source_label or "")]
    fields += [(f"key_points[{i}]", point) for i, point in enumerate(entry.key_points)]
    fields += [(f"comment[{i}]", part) for i, part in enumerate(entry.comment)]
    for i, document in enumerate(entry.documents or ((entry.document,) if entry.document else ())):
        fields += [(f"documents[{i}].title_en", document.title_en or ""),
                   (f"documents[{i}].title_zh", document.title_zh or "")]
    return fields


def entry_unit(record_id: int, entry_id: int, entry: Entry, published: str | None) -> MatchUnit:
    """The unit of one brief entry (its date, else the brief's)."""
    documents = entry.documents or ((entry.document,) if entry.document else ())
    bodies = list(entry.bodies) + [body for document in documents for body in document.bodies]
    return MatchUnit(record_id=record_id, entry_id=entry_id, title=entry.headline,
                     date=entry.date or published, fields=_non_empty(_entry_fields(entry)),
                     bodies=_folded(bodies), sectors=_folded(entry.sectors), companies=_folded(entry.companies),
                     doc_form=None, targets=entry.targets)


def record_unit(record_id: int, record: Policy | Article) -> MatchUnit:
    """The unit of a whole policy or article."""
    if isinstance(record, Policy):
        title = record.title_zh or record.title_en or record.source.path
        fields = [("title_zh", record.title_zh or ""), ("title_en", record.title_en or ""),
                  ("doc_number", record.doc_number or ""), ("text", record.text)]
        date, form = record.date_published or record.date_written, record.doc_form
    else:
        title = record.title or record.source.path
        fields, date, form = [("title", record.title or ""), ("text", record.text)], record.published, None
    return MatchUnit(record_id=record_id, entry_id=None, title=title, date=date, fields=_non_empty(fields),
                     bodies=_folded(record.bodies), sectors=_folded(record.sectors),
                     companies=_folded(record.companies), doc_form=form, targets=record.targets)


def _non_empty(fields: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((name, text) for name, text in fields if text.strip())


def units_of_record(conn: sqlite3.Connection, record_id: int) -> list[MatchUnit]:
    """The units of stored record `record_id` (none if it is gone). Reads only that record's rows."""
    row = conn.execute("SELECT record_json FROM records WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        return []
    record: Record = record_from_json(row[0])
    if not isinstance(record, Brief):
        return [record_unit(record_id, record)]
    rows = conn.execute("SELECT id, entry_json FROM entries WHERE record_id = ? ORDER BY position", (record_id,))
    return [entry_unit(record_id, entry_id, entry_from_json(text), record.published) for entry_id, text in rows]


def unit_of_search_doc(conn: sqlite3.Connection, record_id: int, entry_id: int | None) -> MatchUnit | None:
    """The unit behind one search_docs row (used by previews over the archive)."""
    if entry_id is None:
        units = units_of_record(conn, record_id)
        return units[0] if units else None
    row = conn.execute("SELECT e.entry_json, r.published FROM entries e JOIN records r ON r.id = e.record_id"
                       " WHERE e.id = ?", (entry_id,)).fetchone()
    return None if row is None else entry_unit(record_id, entry_id, entry_from_json(row[0]), row[1])
