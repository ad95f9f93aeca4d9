"""Compact storage (migration 0004): compressed JSON, a record's sole edition stored once, search text stored
once, and the upgrade of a database written in the 0003 layout."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from store_records import ENERGY_NUMBER, ENERGY_TITLE, brief_pdf, brief_web, other_brief, policy

from policywatch.records import Brief, Record
from policywatch.store import Store, migrate, open_store
from policywatch.store.editions import could_be_edition, entry_key, match_keys, merge_editions
from policywatch.store.record_codec import pack_json, record_to_json, unpack_json
from policywatch.store.textfold import index_text
from policywatch.store.writer import record_columns, search_rows

ENERGY_TEXT = "为推动能源电子产业发展，现提出以下意见。到2025年，产业规模超过1万亿元。"


def _energy() -> tuple[Record, bytes]:
    return policy("energy.html", title_zh=ENERGY_TITLE, doc_number=ENERGY_NUMBER, text=ENERGY_TEXT)


# ---- the 0003 layout, written as the store wrote it before 0004 ---------------------------------------------


def _insert(conn: sqlite3.Connection, table: str, values: dict[str, Any]) -> int:
    names, marks = ", ".join(values), ", ".join("?" for _ in values)
    return int(conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks}) RETURNING rowid",
                            tuple(values.values())).fetchone()[0])


def _write_0003(conn: sqlite3.Connection, record: Record, raw: bytes) -> None:
    """Rows of one record in the 0003 layout: JSON as text, wide entries, original and folded search text."""
    columns = record_columns(record) | {"record_json": record_to_json(record), "created_at": "t", "updated_at": "t"}
    record_id = _insert(conn, "records", columns)
    conn.execute("INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)", (record.source.sha256, len(raw), raw))
    _insert(conn, "sources", {"record_id": record_id, "sha256": record.source.sha256, "path": record.source.path,
                              "format": record.source.format, "size": len(raw), "ingested_at": "t",
                              "edition_json": record_to_json(record), "fingerprint": "f"})
    entry_ids = []
    for position, entry in enumerate(record.entries if isinstance(record, Brief) else ()):
        entry_ids.append(_insert(conn, "entries", {
            "record_id": record_id, "position": position, "match_key": entry_key(entry), "section": entry.section,
            "headline": entry.headline, "summary": entry.summary, "key_points_json": "[]", "comment_json": "[]",
            "text": entry.text, "date": entry.date, "entry_json": record_to_json(entry)}))
    for entry_id, kind, section, date, title, body in search_rows(record, entry_ids):
        _insert(conn, "search_docs", {"record_id": record_id, "entry_id": entry_id, "kind": kind, "section": section,
                                      "date": date, "title": title, "body": body, "title_index": index_text(title),
                                      "body_index": index_text(body)})
    conn.executemany("INSERT INTO match_keys (key_kind, key, record_id) VALUES (?, ?, ?)",
                     [(kind, key, record_id) for kind, key in match_keys(record)])


@pytest.fixture
def upgraded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A database made by migrations 0001–0003 and filled in their layout, then opened (and upgraded)."""
    path = tmp_path / "old.db"
    old = tuple(m for m in migrate.available_migrations() if m.version <= 3)
    with monkeypatch.context() as patch:
        patch.setattr(migrate, "available_migrations", lambda: old)
        open_store(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    for record, raw in (brief_web(), _energy()):
        _write_0003(conn, record, raw)
    conn.close()
    return open_store(path)


def _searched(store: Store, query: str) -> list[tuple[str, str, float]]:
    return [(hit.title, hit.snippet.marked(), hit.score) for hit in store.search(query).hits]


def test_upgrade_keeps_records_and_search(upgraded: Store, tmp_path: Path) -> None:
    fresh = open_store(tmp_path / "fresh.db")
    for record, raw in (brief_web(), _energy()):
        fresh.ingest(record, raw)
    assert upgraded.schema_versions()[:4] == [1, 2, 3, 4]
    assert upgraded.get_record(1).record == brief_web()[0] and upgraded.get_record(2).record == _energy()[0]
    assert upgraded.get_entry(upgraded.get_record(1).entry_ids[0]).entry == brief_web()[0].entries[0]
    for query in ("battery", "能源电子", "hydrogen OR 产业"):
        assert _searched(upgraded, query) == _searched(fresh, query) != []
    fresh.close()


def test_upgrade_compresses_and_leaves_a_sound_index(upgraded: Store) -> None:
    conn = upgraded._conn
    assert {row[0] for row in conn.execute("SELECT typeof(record_json) FROM records")} == {"blob"}
    assert {row[0] for row in conn.execute("SELECT typeof(entry_json) FROM entries")} == {"blob"}
    assert {row[0] for row in conn.execute("SELECT edition_json FROM sources")} == {""}
    conn.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)")
    assert conn.execute("SELECT record_id, first_day, last_day FROM link_dates").fetchall() == [
        (2, "2022-10-25", "2022-10-25")]


# ---- editions and JSON as stored ----------------------------------------------------------------------------


def _editions(store: Store) -> list[Any]:
    """Each source's stored edition_json ('' for a sole edition: PostgreSQL's BYTEA column gives b'')."""
    return ["" if row[0] == b"" else row[0]
            for row in store._conn.execute("SELECT edition_json FROM sources ORDER BY id")]


def test_a_sole_edition_is_the_record_and_a_second_keeps_both(store: Store) -> None:
    pdf, web = brief_pdf(), brief_web()
    record_id = store.ingest(*pdf).record_id
    assert _editions(store) == [""]
    assert store.ingest(*web).merged_with == record_id
    assert [unpack_json(value) for value in _editions(store)] == [record_to_json(pdf[0]), record_to_json(web[0])]
    assert store.get_record(record_id).record == merge_editions([pdf[0], web[0]])


def test_a_reparsed_sole_edition_replaces_the_record(store: Store) -> None:
    record, raw = other_brief()
    store.ingest(record, raw)
    changed = replace(record, title="Rare earths, chips and more")
    assert store.ingest(changed, raw).status == "updated"
    assert _editions(store) == [""] and store.get_record(1).record == changed


def test_stored_json_is_compressed_and_round_trips(store: Store) -> None:
    record, raw = brief_web()
    store.ingest(record, raw)
    stored = store._conn.execute("SELECT record_json FROM records").fetchone()[0]
    text = record_to_json(record)
    assert isinstance(stored, bytes) and len(stored) * 2 < len(text.encode())
    assert unpack_json(stored) == unpack_json(text) == text and unpack_json(pack_json(text)) == text


@pytest.mark.parametrize(("published", "doc_number", "expected"), [
    ("2023-05-14", None, True), ("2023-05", None, True), (None, None, True), ("2023-06-01", None, False),
])
def test_could_be_edition_rules_out_conflicting_dates(published: str | None, doc_number: str | None,
                                                       expected: bool) -> None:
    assert could_be_edition(brief_web()[0], published, doc_number) is expected


@pytest.mark.parametrize(("doc_number", "expected"), [
    (ENERGY_NUMBER, True), ("工信部联电子[2022] 181号", True), (None, True), ("工信部联电子〔2022〕182号", False),
])
def test_could_be_edition_rules_out_other_doc_numbers(doc_number: str | None, expected: bool) -> None:
    assert could_be_edition(_energy()[0], "1999", doc_number) is expected
