"""`check_store` / `policywatch check`: a good store passes; each kind of damage, made by raw SQL behind the
store's back (foreign keys off), is found and named."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policywatch.cli import app
from policywatch.link import using_embedder
from policywatch.pipeline import ingest_files, iter_files
from policywatch.store import Store, open_store
from policywatch.store.connections import reading
from policywatch.store.integrity import (
    ForeignKey,
    IntegrityReport,
    check_store,
    foreign_keys,
    orphan_problems,
    orphan_query,
)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"  # a brief with targets in entries, two notices


@pytest.fixture
def good_store(db_target: str) -> Iterator[Store]:
    with open_store(db_target) as store, using_embedder(None):
        report = ingest_files(store, iter_files([SAMPLES]))
        assert not report.failed
        yield store


@contextmanager
def unchecked(store: Store) -> Iterator[Any]:
    """A connection of its own that does not enforce foreign keys: SQLite's default, PostgreSQL's replica
    mode (which skips the foreign-key triggers). Statements take no parameters, so both drivers run them."""
    if store.dialect == "sqlite":
        conn = sqlite3.connect(store.target, isolation_level=None)
        try:
            yield conn
        finally:
            conn.close()
        return
    import psycopg

    with psycopg.connect(store.target, autocommit=True) as pg:
        try:
            pg.execute("SET session_replication_role = replica")
        except psycopg.Error as error:
            pytest.skip(f"cannot turn foreign keys off on this server: {error}")
        yield pg


def damage(store: Store, *statements: str) -> IntegrityReport:
    with unchecked(store) as conn:
        for statement in statements:
            conn.execute(statement)
    return check_store(store)


def found(report: IntegrityReport) -> set[tuple[str, str]]:
    return {(p.check, p.table) for p in report.problems}


def test_a_good_store_passes(good_store: Store) -> None:
    report = check_store(good_store)
    assert report.ok, report.problems
    assert [c.name for c in report.checks] == ["database", "foreign_keys", "search_index", "ledger", "sources"]
    with reading(good_store) as conn:  # the store has what the checks look at
        assert conn.execute("SELECT count(*) FROM ledger_sources WHERE entry_id IS NOT NULL").fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM search_text").fetchone()[0] > 5


def test_orphan_row_written_with_foreign_keys_off(good_store: Store) -> None:
    report = damage(good_store, "INSERT INTO entry_bodies (entry_id, body_id) VALUES (987654, 'MIIT')")
    assert not report.ok
    assert ("foreign_keys", "entry_bodies") in found(report)
    assert any("entry_bodies" in p.detail and p.rows == 1 for p in report.problems)


def test_portable_orphan_queries_find_what_the_backend_finds(good_store: Store) -> None:
    damage(good_store, "INSERT INTO entry_bodies (entry_id, body_id) VALUES (987654, 'MIIT')",
           "INSERT INTO record_sectors (record_id, sector) VALUES (876543, 'steel')")
    with reading(good_store) as conn:
        keys = foreign_keys(conn, good_store.dialect)
        assert ForeignKey("sources", ("record_id",), "records", ("id",)) in keys
        assert ForeignKey("ledger_sources", ("entry_id",), "entries", ("id",)) in keys
        problems = orphan_problems(conn, keys)
    assert {(p.table, p.rows) for p in problems} == {("entry_bodies", 1), ("record_sectors", 1)}


def test_orphan_query_checks_only_set_keys() -> None:
    query = orphan_query(ForeignKey("child", ("a", "b"), "parent", ("x", "y")))
    assert "ON p.x = c.a AND p.y = c.b" in query and "c.a IS NOT NULL AND c.b IS NOT NULL" in query
    with pytest.raises(ValueError):
        orphan_query(ForeignKey("child; DROP TABLE records", ("a",), "parent", ("x",)))


def test_fts_row_missing(good_store: Store) -> None:
    if good_store.dialect != "sqlite":
        pytest.skip("PostgreSQL's index is a generated column of search_text: it cannot fall out of step")
    with reading(good_store) as conn:
        row = conn.execute("SELECT id, title_index, body_index FROM search_text ORDER BY id LIMIT 1").fetchone()
        conn.execute("INSERT INTO search_fts (search_fts, rowid, title_index, body_index)"
                     " VALUES ('delete', ?, ?, ?)", tuple(row))
    report = check_store(good_store)
    assert found(report) == {("search_index", "search_fts")}, report.problems


def test_indexed_text_missing(good_store: Store) -> None:
    report = damage(good_store, "DELETE FROM search_text WHERE id = (SELECT min(id) FROM search_text)")
    assert ("search_index", "search_text") in found(report)
    assert any("no indexed text" in p.detail for p in report.problems)


def test_ledger_source_pointing_at_a_deleted_entry(good_store: Store) -> None:
    report = damage(good_store, "DELETE FROM entries WHERE id = (SELECT min(entry_id) FROM ledger_sources)")
    assert ("ledger", "ledger_sources") in found(report)
    ledger = [p for p in report.problems if p.check == "ledger"]
    assert any("entries" in p.detail for p in ledger), ledger


def test_wrong_source_count(good_store: Store) -> None:
    report = damage(good_store, "UPDATE ledger_targets SET source_count = source_count + 1"
                                " WHERE id = (SELECT min(id) FROM ledger_targets)")
    assert found(report) == {("ledger", "ledger_targets")}, report.problems
    assert report.problems[0].rows == 1


def test_source_without_bytes_and_record_without_source(good_store: Store) -> None:
    report = damage(good_store, "DELETE FROM blobs WHERE sha256 = (SELECT min(sha256) FROM sources)",
                    "DELETE FROM sources WHERE record_id = (SELECT max(id) FROM records)")
    assert {("sources", "sources"), ("sources", "records")} <= found(report)


def test_check_command(good_store: Store) -> None:
    runner = CliRunner()
    clean = runner.invoke(app, ["check", "--db", good_store.target])
    assert clean.exit_code == 0 and "OK: no problems found" in clean.stdout
    damage(good_store, "UPDATE ledger_targets SET source_count = 0 WHERE id = (SELECT min(id) FROM ledger_targets)")
    text = runner.invoke(app, ["check", "--db", good_store.target])
    assert text.exit_code == 1 and "DAMAGED: 1 problem(s)" in text.stdout and "source_count" in text.stdout
    as_json = runner.invoke(app, ["check", "--db", good_store.target, "--json"])
    data = json.loads(as_json.stdout)
    assert as_json.exit_code == 1 and data["ok"] is False
    assert [c["name"] for c in data["checks"] if c["problems"]] == ["ledger"]
