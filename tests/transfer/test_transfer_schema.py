"""The tables come from the database at run time: every table of a fresh store is covered, FTS5 internals
are left out, and the load order puts every foreign-key parent before its children."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policywatch.store import open_store
from policywatch.store.connections import reading
from policywatch.transfer import TransferError
from policywatch.transfer.importer import seeded_row_counts
from policywatch.transfer.schema import Column, Table, column_kind, is_volatile, load_order, quoted, read_tables


def test_every_table_of_a_fresh_store_is_covered_in_a_valid_order(db_target: str) -> None:
    with open_store(db_target) as store, reading(store) as conn:
        tables = read_tables(conn, store.dialect)
        if store.dialect == "sqlite":
            every = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                                    " AND name NOT LIKE 'search_fts%'").fetchall()}
        else:
            every = {row[0] for row in conn.execute("SELECT table_name FROM information_schema.tables WHERE"
                                                    " table_schema = current_schema()").fetchall()}
    names = [table.name for table in tables]
    assert set(names) == every and names == sorted(names)
    assert {"records", "entries", "blobs", "search_text", "ledger_targets", "links", "alerts",
            "schema_migrations"} <= every
    ordered = [table.name for table in load_order(tables)]
    assert sorted(ordered) == sorted(names)
    for table in tables:
        for parent in table.parents:
            assert ordered.index(parent) < ordered.index(table.name), (parent, table.name)
    by_name = {table.name: table for table in tables}
    assert by_name["ledger_targets"].self_references == ("superseded_by",)
    assert by_name["entries"].parents == {"records"}
    assert by_name["match_keys"].primary_key == ("key_kind", "key", "record_id")
    assert by_name["link_keys"].primary_key == ()  # ordered by every column instead
    assert [c.kind for c in by_name["targets"].columns if c.name in ("value", "year", "text")] == [
        "string", "real", "integer"]


def test_fts_tables_are_left_out_on_sqlite() -> None:
    with open_store(":memory:") as store, reading(store) as conn:
        names = {table.name for table in read_tables(conn, "sqlite")}
        shadows = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'search_fts%'"
                                                  " AND type = 'table'").fetchall()}
    assert "search_fts" in shadows and "search_fts_data" in shadows
    assert not names & shadows


def test_a_cycle_between_tables_is_refused() -> None:
    def table(name: str, *parents: str) -> Table:
        return Table(name, (Column("id", "INTEGER", "integer"),), ("id",), frozenset(parents), ())

    assert [t.name for t in load_order([table("b", "a"), table("a"), table("c", "a", "b")])] == ["a", "b", "c"]
    with pytest.raises(TransferError, match="cycle"):
        load_order([table("a", "b"), table("b", "a"), table("c")])


@pytest.mark.parametrize(("declared", "kind"), [
    ("INTEGER", "integer"), ("BIGINT", "integer"), ("REAL", "real"), ("double precision", "real"),
    ("TEXT", "string"), ("text", "string"), ("BLOB", "string"), ("bytea", "string"), ("tsvector", None),
])
def test_column_kinds_are_the_same_on_both_backends(declared: str, kind: str | None) -> None:
    assert column_kind(declared) == kind


def test_names_that_are_not_identifiers_are_refused() -> None:
    assert quoted("ledger_targets") == '"ledger_targets"'
    with pytest.raises(TransferError):
        quoted('records"; DROP TABLE records; --')
    with pytest.raises(TransferError):
        column_kind("geometry")


def test_seeded_rows_are_measured_not_listed() -> None:
    seeded = seeded_row_counts()
    assert seeded["records"] == 0 and seeded["schema_migrations"] > 0
    assert all(count <= 1 for name, count in seeded.items() if name != "schema_migrations")


def test_docs_list_every_volatile_column() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "export.md").read_text(encoding="utf-8")
    section = docs.split("## Volatile fields", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^- `(\w+\.\w+)`", section, flags=re.MULTILINE))
    with open_store(":memory:") as store, reading(store) as conn:
        found = {f"{table.name}.{column}" for table in read_tables(conn, "sqlite")
                 for column in table.column_names if is_volatile(table.name, column)}
    assert listed == found
