"""Writing a merged record into the tables. Plain SQL with `?` placeholders and RETURNING, which SQLite
(≥ 3.35) and PostgreSQL both accept; the caller owns the transaction.

A record is rewritten whole each time one of its editions changes, except that entry ids are kept: an
entry whose normalised headline is still there keeps its id, so links from later stages stay valid.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from policywatch.records import Article, Brief, DocumentRef, Entry, Policy, Record, Target, to_plain
from policywatch.store.editions import entry_key, match_keys
from policywatch.store.record_codec import pack_json, record_to_json
from policywatch.store.textfold import index_text


@dataclass(frozen=True)
class Edition:
    """One stored source and the record it parsed into on its own."""

    source_id: int
    record: Record


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(to_plain(value), ensure_ascii=False)


def record_columns(record: Record) -> dict[str, Any]:
    """The queryable columns of the records table for `record`."""
    columns: dict[str, Any] = {"type": record.type, "language": record.language, "kind": None, "series": None,
                               "period_start": None, "period_end": None, "doc_number": None, "truncated": 0}
    if isinstance(record, Brief):
        columns.update(series=record.series, title=record.title, published=record.published,
                       truncated=int(record.truncated))
        if record.period:
            columns.update(period_start=record.period.start, period_end=record.period.end)
    elif isinstance(record, Policy):
        columns.update(title=record.title_zh or record.title_en, doc_number=record.doc_number,
                       published=record.date_published or record.date_written)
    else:
        columns.update(kind=record.kind, series=record.series, title=record.title, published=record.published)
    text = record_to_json(record)
    # the fingerprint is record_codec.content_fingerprint, without serialising the record twice
    columns.update(record_json=pack_json(text), fingerprint=hashlib.sha256(text.encode()).hexdigest())
    return columns


def insert_record(conn: sqlite3.Connection, record: Record, now: str) -> int:
    """A new records row; returns its id."""
    columns = record_columns(record) | {"created_at": now, "updated_at": now}
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO records ({names}) VALUES ({marks}) RETURNING id"
    return int(conn.execute(sql, tuple(columns.values())).fetchone()[0])


def update_record(conn: sqlite3.Connection, record_id: int, record: Record, now: str) -> None:
    """Overwrite a records row with a re-merged record."""
    columns = record_columns(record) | {"updated_at": now}
    assignments = ", ".join(f"{name} = ?" for name in columns)
    conn.execute(f"UPDATE records SET {assignments} WHERE id = ?", (*columns.values(), record_id))


_DERIVED_BY_RECORD = ("search_docs", "targets", "record_bodies", "record_companies", "record_sectors",
                      "match_keys")
_LINKS_BY_ENTRY = ("entry_sources", "entry_bodies", "entry_companies", "entry_sectors")


def clear_derived_rows(conn: sqlite3.Connection, record_id: int) -> None:
    """Delete every row derived from the record (entries themselves stay, for their ids)."""
    for table in _DERIVED_BY_RECORD:
        conn.execute(f"DELETE FROM {table} WHERE record_id = ?", (record_id,))
    for table in _LINKS_BY_ENTRY:
        conn.execute(f"DELETE FROM {table} WHERE entry_id IN (SELECT id FROM entries WHERE record_id = ?)",
                     (record_id,))


def write_record_rows(conn: sqlite3.Connection, record_id: int, record: Record,
                      editions: Sequence[Edition]) -> None:
    """Everything derived from the merged `record`: entries, their links and provenance, targets, search
    rows and match keys."""
    clear_derived_rows(conn, record_id)
    entries = record.entries if isinstance(record, Brief) else ()
    entry_ids = sync_entries(conn, record_id, entries)
    write_entry_links(conn, entry_ids, entries, editions)
    write_record_links(conn, record_id, record)
    write_targets(conn, record_id, record, entry_ids)
    write_search_docs(conn, record_id, record, entry_ids)
    conn.executemany("INSERT INTO match_keys (key_kind, key, record_id) VALUES (?, ?, ?)",
                     [(kind, key, record_id) for kind, key in match_keys(record)])


def _entry_values(entry: Entry, position: int) -> tuple[Any, ...]:
    return (position, entry_key(entry), entry.section, entry.rank, entry.headline, entry.text, entry.source_label,
            entry.date, _json(entry.document), pack_json(record_to_json(entry)))


# the rest of an entry (summary, key points, comment) is in entry_json only
_ENTRY_COLUMNS = ("position", "match_key", "section", "rank", "headline", "text", "source_label", "date",
                  "document_json", "entry_json")


def sync_entries(conn: sqlite3.Connection, record_id: int, entries: Sequence[Entry]) -> list[int]:
    """Make the entries table hold exactly `entries` for the record, reusing the ids of entries whose key
    is still present; returns the ids in order."""
    held: dict[str, list[int]] = {}
    for entry_id, key in conn.execute("SELECT id, match_key FROM entries WHERE record_id = ? ORDER BY id",
                                      (record_id,)):
        held.setdefault(key, []).append(entry_id)
    ids: list[int] = []
    assignments = ", ".join(f"{c} = ?" for c in _ENTRY_COLUMNS)
    insert = (f"INSERT INTO entries (record_id, {', '.join(_ENTRY_COLUMNS)}) "
              f"VALUES (?, {', '.join('?' for _ in _ENTRY_COLUMNS)}) RETURNING id")
    for position, entry in enumerate(entries):
        values = _entry_values(entry, position)
        reusable = held.get(entry_key(entry))
        if reusable:
            ids.append(reusable.pop(0))
            conn.execute(f"UPDATE entries SET {assignments} WHERE id = ?", (*values, ids[-1]))
        else:
            ids.append(int(conn.execute(insert, (record_id, *values)).fetchone()[0]))
    stale = [(entry_id,) for remaining in held.values() for entry_id in remaining]
    conn.executemany("DELETE FROM entries WHERE id = ?", stale)
    return ids


def _documents(entry: Entry) -> tuple[DocumentRef, ...]:
    """The documents an entry names: `document` first, then the others in `documents`."""
    named = (entry.document, *entry.documents) if entry.document else entry.documents
    return tuple(dict.fromkeys(named))


def _entry_bodies(entry: Entry) -> tuple[str, ...]:
    documented = [body for document in _documents(entry) for body in document.bodies]
    return tuple(dict.fromkeys((*entry.bodies, *documented)))


def write_entry_links(conn: sqlite3.Connection, entry_ids: Sequence[int], entries: Sequence[Entry],
                      editions: Sequence[Edition]) -> None:
    """Bodies, companies, sectors of each entry, and which editions contain it."""
    rows: dict[str, list[tuple[int, Any]]] = {"entry_bodies": [], "entry_companies": [], "entry_sectors": []}
    for entry_id, entry in zip(entry_ids, entries, strict=True):
        rows["entry_bodies"] += [(entry_id, body) for body in _entry_bodies(entry)]
        rows["entry_companies"] += [(entry_id, name) for name in dict.fromkeys(entry.companies)]
        rows["entry_sectors"] += [(entry_id, name) for name in dict.fromkeys(entry.sectors)]
    columns = {"entry_bodies": "body_id", "entry_companies": "company", "entry_sectors": "sector"}
    for table, table_rows in rows.items():
        conn.executemany(f"INSERT INTO {table} (entry_id, {columns[table]}) VALUES (?, ?)", table_rows)
    provenance: list[tuple[int, int]] = []
    for edition in editions:
        if not isinstance(edition.record, Brief):
            continue
        keys = {entry_key(e) for e in edition.record.entries}
        provenance += [(entry_id, edition.source_id)
                       for entry_id, entry in zip(entry_ids, entries, strict=True)
                       if entry_key(entry) in keys]
    conn.executemany("INSERT INTO entry_sources (entry_id, source_id) VALUES (?, ?)", provenance)


def write_record_links(conn: sqlite3.Connection, record_id: int, record: Record) -> None:
    """Bodies, companies and sectors a policy or article names as a whole (a brief's are on its entries)."""
    if isinstance(record, Brief):
        return
    for table, column, names in (("record_bodies", "body_id", record.bodies),
                                 ("record_companies", "company", record.companies),
                                 ("record_sectors", "sector", record.sectors)):
        conn.executemany(f"INSERT INTO {table} (record_id, {column}) VALUES (?, ?)",
                         [(record_id, name) for name in dict.fromkeys(names)])


def _target_row(record_id: int, entry_id: int | None, position: int, target: Target) -> tuple[Any, ...]:
    return (record_id, entry_id, position, target.field, target.text, target.span[0], target.span[1],
            target.metric, target.value, target.unit, target.comparator, target.kind, target.direction,
            target.year, target.year_source, _json(target.baseline), target.language, int(target.corporate),
            int(target.draft))


def write_targets(conn: sqlite3.Connection, record_id: int, record: Record, entry_ids: Sequence[int]) -> None:
    """One row per target: those of each entry, then those stated outside entries."""
    located: list[tuple[int | None, Target]] = []
    if isinstance(record, Brief):
        for entry_id, entry in zip(entry_ids, record.entries, strict=True):
            located += [(entry_id, t) for t in entry.targets]
    located += [(None, t) for t in record.targets]
    conn.executemany(
        "INSERT INTO targets (record_id, entry_id, position, field, text, span_start, span_end, metric,"
        " value, unit, comparator, kind, direction, year, year_source, baseline_json, language, corporate,"
        " draft)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_target_row(record_id, entry_id, i, t) for i, (entry_id, t) in enumerate(located)],
    )


def _lines(parts: Iterable[str | None]) -> str:
    return "\n".join(p for p in parts if p)


def entry_search_text(entry: Entry) -> tuple[str, str]:
    """(title, body) of an entry as searched: the headline; summary, key points, comment, news text,
    document titles and source label."""
    title = entry.headline or entry.text
    text = entry.text if entry.text != title else ""
    document_titles = [t for d in _documents(entry) for t in (d.title_en, d.title_zh)]
    return title, _lines((entry.summary, *entry.key_points, *entry.comment, text, *document_titles,
                          entry.source_label))


def record_search_text(record: Policy | Article) -> tuple[str, str]:
    """(title, body) of a policy or article as searched."""
    if isinstance(record, Policy):
        title = record.title_zh or record.title_en or ""
        english = record.title_en if record.title_zh else None
        return title, _lines((english, record.doc_number, record.text))
    return record.title or "", record.text


def search_rows(record: Record, entry_ids: Sequence[int]) -> list[tuple[int | None, str, str | None,
                                                                        str | None, str, str]]:
    """(entry id, kind, section, date, title, body) of each searchable unit of the record: its entries, or
    the record itself."""
    if isinstance(record, Brief):
        return [(entry_id, "entry", entry.section, entry.date or record.published, *entry_search_text(entry))
                for entry_id, entry in zip(entry_ids, record.entries, strict=True)]
    date = record.date_published or record.date_written if isinstance(record, Policy) else record.published
    return [(None, record.type, None, date, *record_search_text(record))]


def write_search_docs(conn: sqlite3.Connection, record_id: int, record: Record,
                      entry_ids: Sequence[int]) -> None:
    """The rows search reads: search_docs (what filters use) and search_text (the folded text the FTS index
    follows through triggers). The original text is not stored again: search cuts it from the record."""
    texts: list[tuple[int, str, str]] = []
    for entry_id, kind, section, date, title, body in search_rows(record, entry_ids):
        doc_id = conn.execute(
            "INSERT INTO search_docs (record_id, entry_id, kind, section, date) VALUES (?, ?, ?, ?, ?) RETURNING id",
            (record_id, entry_id, kind, section, date)).fetchone()[0]
        texts.append((doc_id, index_text(title), index_text(body)))
    conn.executemany("INSERT INTO search_text (id, title_index, body_index) VALUES (?, ?, ?)", texts)
