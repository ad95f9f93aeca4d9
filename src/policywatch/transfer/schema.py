"""The tables of a store as export and import see them, read from the database itself at run time (never a
hard-coded list: a later migration's tables are exported without a change here).

`read_tables` is the one place that asks the catalogue, with a branch per backend: SQLite's sqlite_master and
PRAGMAs, PostgreSQL's information_schema. What it leaves out is derived state the database rebuilds itself:
FTS5 virtual tables and their shadow tables (SQLite), generated columns and tsvector columns (PostgreSQL).

Column kinds are backend-neutral: `integer`, `real`, or `string` (text or bytes; which one a column holds is
decided from its values, see export.py), so both backends describe the same schema the same way.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from typing import Any

from policywatch.transfer.errors import TransferError

MIGRATIONS_TABLE = "schema_migrations"  # exported, but compared rather than loaded: the target has its own
FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SQLITE_GENERATED = (2, 3)  # PRAGMA table_xinfo `hidden`: 2 virtual, 3 stored generated column
_DERIVED_TYPES = ("TSVECTOR",)  # PostgreSQL search vectors: rebuilt by the server from the text columns

# Volatile columns: values that differ between two runs that store the same documents (clock times, random
# secrets). Every column named *_at is a timestamp; these are the others. docs/export.md lists them all.
VOLATILE_EXTRA: tuple[tuple[str, str], ...] = (("watches", "secret"),)


@dataclass(frozen=True)
class Column:
    name: str
    declared: str  # the type as this backend declares it (TEXT, BIGINT, BYTEA…): informative only
    kind: str  # integer | real | string


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]  # empty: no primary key (rows are ordered by every column)
    parents: frozenset[str]  # tables this one's foreign keys point to (itself excluded)
    self_references: tuple[str, ...]  # columns pointing into this same table (loaded in a second pass)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def order_by(self) -> tuple[str, ...]:
        """Rows are written in this order: the primary key, or every column when there is none."""
        return self.primary_key or self.column_names


def quoted(name: str) -> str:
    """An identifier for SQL text. Names come from the catalogue or a manifest: anything that is not a plain
    identifier is refused rather than quoted, so a crafted manifest cannot smuggle SQL in."""
    if not _IDENTIFIER.fullmatch(name):
        raise TransferError(f"{name!r} is not a table or column name policywatch uses")
    return f'"{name}"'


def column_kind(declared: str) -> str | None:
    """The neutral kind of a declared column type (SQLite's affinity rules, plus PostgreSQL's type names);
    None for derived columns that are left out."""
    upper = declared.upper()
    if any(derived in upper for derived in _DERIVED_TYPES):
        return None
    if "INT" in upper or upper == "BOOLEAN":
        return "integer"
    if any(word in upper for word in ("CHAR", "CLOB", "TEXT", "BLOB", "BYTEA")) or not upper:
        return "string"
    if any(word in upper for word in ("REAL", "FLOA", "DOUB", "NUMERIC", "DECIMAL")):
        return "real"
    raise TransferError(f"column type {declared!r} is not one export knows how to write")


def is_volatile(table: str, column: str) -> bool:
    """Whether a column's values differ between two runs over the same documents (docs/export.md)."""
    return column.endswith("_at") or (table, column) in VOLATILE_EXTRA


def read_tables(conn: Any, dialect: str) -> list[Table]:
    """Every table of the store with its columns, primary key and foreign-key parents, by name."""
    if dialect == "sqlite":
        return [_sqlite_table(conn, name) for name in _sqlite_table_names(conn)]
    if dialect == "postgres":
        return [_postgres_table(conn, name) for name in _postgres_table_names(conn)]
    raise TransferError(f"export does not know the {dialect!r} backend")


def _sqlite_table_names(conn: Any) -> list[str]:
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    shadows = {f"{name}{suffix}" for name in virtual for suffix in FTS_SHADOW_SUFFIXES}
    return [name for name, _ in rows
            if not name.startswith("sqlite_") and name not in virtual and name not in shadows]


def _sqlite_table(conn: Any, name: str) -> Table:
    info = conn.execute(f"PRAGMA table_xinfo({quoted(name)})").fetchall()  # cid, name, type, notnull, dflt, pk, hidden
    columns: list[Column] = []
    for row in info:
        kind = column_kind(row[2])
        if kind is not None and row[6] not in _SQLITE_GENERATED:
            columns.append(Column(row[1], row[2], kind))
    primary_key = tuple(row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5]))
    foreign = conn.execute(f"PRAGMA foreign_key_list({quoted(name)})").fetchall()  # id, seq, table, from, to…
    return _table(name, columns, primary_key, [(row[3], row[2]) for row in foreign])


def _postgres_table_names(conn: Any) -> list[str]:
    rows = conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                        " AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()
    return [str(row[0]) for row in rows]


_PG_COLUMNS = ("SELECT column_name, data_type, is_generated FROM information_schema.columns"
               " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")
_PG_KEY = ("SELECT kcu.column_name FROM information_schema.table_constraints tc"
           " JOIN information_schema.key_column_usage kcu ON kcu.constraint_schema = tc.constraint_schema"
           " AND kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name"
           " WHERE tc.table_schema = current_schema() AND tc.table_name = ? AND tc.constraint_type = 'PRIMARY KEY'"
           " ORDER BY kcu.ordinal_position")
_PG_FOREIGN = ("SELECT kcu.column_name, ccu.table_name FROM information_schema.table_constraints tc"
               " JOIN information_schema.key_column_usage kcu ON kcu.constraint_schema = tc.constraint_schema"
               " AND kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name"
               " JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_schema = tc.constraint_schema"
               " AND ccu.constraint_name = tc.constraint_name"
               " WHERE tc.table_schema = current_schema() AND tc.table_name = ? AND tc.constraint_type = 'FOREIGN KEY'"
               " ORDER BY kcu.column_name, ccu.table_name")


def _postgres_table(conn: Any, name: str) -> Table:
    columns: list[Column] = []
    for column_name, data_type, generated in conn.execute(_PG_COLUMNS, (name,)).fetchall():
        kind = column_kind(str(data_type))
        if kind is not None and generated != "ALWAYS":
            columns.append(Column(str(column_name), str(data_type), kind))
    primary_key = tuple(str(row[0]) for row in conn.execute(_PG_KEY, (name,)).fetchall())
    foreign = [(str(row[0]), str(row[1])) for row in conn.execute(_PG_FOREIGN, (name,)).fetchall()]
    return _table(name, columns, primary_key, foreign)


def _table(name: str, columns: list[Column], primary_key: tuple[str, ...],
           foreign: list[tuple[str, str]]) -> Table:
    """`foreign`: (column, referenced table) pairs."""
    kept = {column.name for column in columns}
    return Table(name=name, columns=tuple(columns), primary_key=primary_key,
                 parents=frozenset(parent for _, parent in foreign if parent != name),
                 self_references=tuple(sorted({column for column, parent in foreign
                                               if parent == name and column in kept})))


def load_order(tables: list[Table]) -> list[Table]:
    """The tables with every foreign-key parent before its children (ties by name, so the order is always
    the same). Parents outside `tables` are ignored. A cycle between tables is refused: rows could not be
    loaded one table at a time (a table's references to itself are loaded in a second pass instead)."""
    by_name = {table.name: table for table in tables}
    waiting = {table.name: {p for p in table.parents if p in by_name} for table in tables}
    ready = [name for name, parents in waiting.items() if not parents]
    heapq.heapify(ready)
    ordered: list[Table] = []
    while ready:
        name = heapq.heappop(ready)
        ordered.append(by_name[name])
        for child, parents in waiting.items():
            if name in parents:
                parents.discard(name)
                if not parents:
                    heapq.heappush(ready, child)
    if len(ordered) < len(tables):
        stuck = sorted(set(by_name) - {table.name for table in ordered})
        raise TransferError(f"the foreign keys of tables {', '.join(stuck)} form a cycle: no load order exists")
    return ordered
