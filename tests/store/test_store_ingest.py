"""Ingest: new / unchanged / updated, edition merging in the database, atomicity, blobs, listings."""

from __future__ import annotations

import hashlib
import socket
from dataclasses import replace
from pathlib import Path

import pytest
from store_records import (
    BATTERY,
    CHIPS,
    ENERGY_NUMBER,
    ENERGY_TITLE,
    ENERGY_TITLE_TRAD,
    article,
    brief_pdf,
    brief_web,
    other_brief,
    policy,
    snapshot,
)

from policywatch.errors import StoreError
from policywatch.records import Brief, Policy
from policywatch.store import RecordNotFound, Store, open_store, writer
from policywatch.store.editions import entry_key

MIGRATIONS = sorted(int(p.name[:4]) for p in (Path(writer.__file__).parent / "migrations").glob("[0-9]*.sql"))


def test_migrations_apply_once_and_are_recorded(db_path: Path) -> None:
    assert MIGRATIONS[0] == 1 and list(range(1, len(MIGRATIONS) + 1)) == MIGRATIONS
    with open_store(db_path) as first:
        assert first.schema_versions() == MIGRATIONS
    before = snapshot(db_path)
    with open_store(db_path) as again:
        assert again.schema_versions() == MIGRATIONS
    assert snapshot(db_path) == before


def test_unreachable_postgresql_server_is_a_clear_error() -> None:
    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreError, match=rf"cannot open database postgresql://pw@127\.0\.0\.1:{port}/archive: .*"):
        open_store(f"postgresql://pw:secret@127.0.0.1:{port}/archive")


def test_missing_folder_and_non_database_file_give_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "nowhere" / "x.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not an sqlite file at all, just text " * 20)
    with pytest.raises(StoreError, match="cannot open database"):
        open_store(junk)


def test_database_uses_wal_and_foreign_keys(store: Store) -> None:
    if store.dialect != "sqlite":
        pytest.skip("SQLite settings (PostgreSQL has MVCC and always enforces foreign keys)")
    assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_new_then_unchanged_writes_nothing_the_second_time(store: Store, db_path: Path) -> None:
    brief, raw = brief_web()
    first = store.ingest(brief, raw)
    assert (first.status, first.kind, first.merged_with) == ("new", "brief", None)
    before = snapshot(db_path)
    again = store.ingest(brief, raw)
    assert (again.status, again.record_id) == ("unchanged", first.record_id)
    moved = store.ingest(replace(brief, source=replace(brief.source, path="/elsewhere/copy.html")), raw)
    assert moved.status == "unchanged"
    assert snapshot(db_path) == before


def test_stored_record_rebuilds_exactly(store: Store) -> None:
    brief, raw = brief_web()
    outcome = store.ingest(brief, raw)
    stored = store.get_record(outcome.record_id)
    assert stored.record == brief
    assert stored.type == "brief"
    assert len(stored.entry_ids) == len(brief.entries)
    assert [s.sha256 for s in stored.sources] == [brief.source.sha256]


def test_two_editions_become_one_brief_with_two_sources(store: Store) -> None:
    (pdf, pdf_raw), (web, web_raw) = brief_pdf(), brief_web()
    first = store.ingest(pdf, pdf_raw)
    second = store.ingest(web, web_raw)
    assert second.status == "updated"
    assert second.record_id == second.merged_with == first.record_id
    briefs = store.briefs()
    assert len(briefs) == 1
    assert briefs[0].title == web.title
    assert sorted(s.format for s in briefs[0].sources) == ["html", "pdf"]
    assert briefs[0].entry_count == 4
    merged = store.get_record(first.record_id).record
    assert isinstance(merged, Brief)
    battery = next(e for e in merged.entries if entry_key(e) == entry_key(BATTERY))
    assert battery.summary == BATTERY.summary and battery.targets == BATTERY.targets
    assert store.counts().targets == 1


def test_edition_order_does_not_change_the_merged_record(tmp_path: Path) -> None:
    merged = []
    for order in ((brief_pdf(), brief_web()), (brief_web(), brief_pdf())):
        with open_store(tmp_path / f"{order[0][0].source.format}.db") as store:
            first = store.ingest(*order[0])
            store.ingest(*order[1])
            merged.append(store.get_record(first.record_id).record)
    assert merged[0] == merged[1]


def test_entry_ids_survive_a_merge_and_provenance_names_the_editions(store: Store) -> None:
    (pdf, pdf_raw), (web, web_raw) = brief_pdf(), brief_web()
    record_id = store.ingest(pdf, pdf_raw).record_id
    ids_before = store.get_record(record_id).entry_ids
    store.ingest(web, web_raw)
    ids_after = store.get_record(record_id).entry_ids
    assert set(ids_before) <= set(ids_after)
    entries = {entry_key(store.get_entry(i).entry): store.get_entry(i) for i in ids_after}
    assert {s.format for s in entries[entry_key(BATTERY)].sources} == {"pdf", "html"}
    assert {s.format for s in entries[entry_key(CHIPS)].sources} == {"html"}
    assert entries[entry_key(CHIPS)].record_title == web.title


def test_another_issue_stays_separate(store: Store) -> None:
    (web, web_raw), (other, other_raw) = brief_web(), other_brief()
    store.ingest(web, web_raw)
    outcome = store.ingest(other, other_raw)
    assert outcome.status == "new"
    assert [b.published for b in store.briefs()] == ["2023-06-01", "2023-05-14"]


def test_reparse_of_same_bytes_updates_the_record(store: Store) -> None:
    brief, raw = brief_web()
    record_id = store.ingest(brief, raw).record_id
    reparsed = replace(brief, title="Battery rules and more")
    outcome = store.ingest(reparsed, raw)
    assert (outcome.status, outcome.record_id) == ("updated", record_id)
    stored = store.get_record(record_id).record
    assert isinstance(stored, Brief) and stored.title == "Battery rules and more"
    assert store.counts().sources == 1


def test_reparse_as_another_type_moves_the_source(store: Store) -> None:
    brief, raw = brief_web()
    store.ingest(brief, raw)
    as_article = article("x.html", title="Not a brief after all", text="plain page")[0]
    outcome = store.ingest(replace(as_article, source=brief.source), raw)
    assert (outcome.status, outcome.kind) == ("new", "article")
    counts = store.counts()
    assert (counts.briefs, counts.articles, counts.entries, counts.sources) == (0, 1, 0, 1)


@pytest.mark.parametrize("failing", ["write_targets", "write_search_docs", "sync_entries"])
def test_failed_ingest_leaves_database_exactly_as_before(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    pdf, pdf_raw = brief_pdf()
    store.ingest(pdf, pdf_raw)
    before = snapshot(db_path)

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writer, failing, explode)
    web, web_raw = brief_web()
    with pytest.raises(StoreError, match="disk on fire"):
        store.ingest(web, web_raw)  # a merge: touches records, sources, entries, blobs
    with pytest.raises(StoreError, match="disk on fire"):
        store.ingest(*other_brief())  # a new record
    assert snapshot(db_path) == before
    monkeypatch.undo()
    assert store.ingest(web, web_raw).status == "updated"  # nothing half-done blocks a retry


def test_bytes_that_do_not_match_the_source_hash_are_refused(store: Store) -> None:
    brief, _ = brief_web()
    with pytest.raises(StoreError, match="do not match"):
        store.ingest(brief, b"other bytes")


def test_blobs_come_back_byte_identical(store: Store) -> None:
    raw = bytes(range(256)) * 3 + "锂电池".encode("gb18030")
    brief, _ = brief_web()
    digest = hashlib.sha256(raw).hexdigest()
    brief = replace(brief, source=replace(brief.source, sha256=digest, size=len(raw)))
    store.ingest(brief, raw)
    assert store.blob(brief.source.sha256) == raw
    with pytest.raises(RecordNotFound):
        store.blob("0" * 64)


def test_policy_copies_merge_on_document_number(store: Store) -> None:
    text = "到2025年，产业规模达到新水平。"
    a = policy("gov.html", title_zh=ENERGY_TITLE, doc_number=ENERGY_NUMBER, text=text)
    b = policy("miit.pdf", title_zh=ENERGY_TITLE_TRAD, doc_number="工信部联电子[2022]181号",
               text=text + "附件略。", fmt="pdf")
    first = store.ingest(*a)
    second = store.ingest(*b)
    assert (second.status, second.merged_with) == ("updated", first.record_id)
    stored = store.get_record(first.record_id)
    assert len(stored.sources) == 2
    assert isinstance(stored.record, Policy) and stored.record.text.endswith("附件略。")


def test_duplicate_article_pages_merge(store: Store) -> None:
    first = store.ingest(*article("a.html", title="The EV price war is not over", text="Short."))
    second = store.ingest(*article("b.html", title="The EV price war is not over.", text="A longer copy."))
    assert second.merged_with == first.record_id
    assert store.counts().articles == 1


def test_listings_count_bodies_and_rows(store: Store) -> None:
    store.ingest(*brief_pdf())
    store.ingest(*brief_web())
    store.ingest(*policy("p.html", title_zh=ENERGY_TITLE, doc_number=None, text="正文"))
    counts = store.counts()
    assert (counts.records, counts.briefs, counts.policies, counts.entries) == (2, 1, 1, 4)
    assert (counts.sources, counts.blobs) == (3, 3)
    bodies = {b.body_id: b for b in store.bodies()}
    assert bodies["MIIT"].entry_count == 2 and bodies["MIIT"].record_count == 2
    assert bodies["NDRC"].first_date == "2022-10-25" and bodies["NDRC"].last_date == "2023-05-12"


def test_unknown_ids_raise_record_not_found(store: Store) -> None:
    with pytest.raises(RecordNotFound):
        store.get_record(99)
    with pytest.raises(RecordNotFound):
        store.get_entry(99)
