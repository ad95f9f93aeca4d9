"""Integrity of a store: does every row still hang together? (`policywatch check`)

`check_store(store)` runs each check below on the store's connection and reports what it found; it writes
nothing (the FTS5 'integrity-check' command is spelled as an INSERT but only reads). Every check is portable
SQL except where the backend has a better tool of its own:

* foreign keys — SQLite: `PRAGMA foreign_key_check`, which also sees rows written while foreign keys were
  off; PostgreSQL enforces them always, so there the same question is asked by LEFT JOIN orphan queries
  generated from the live schema's REFERENCES (`orphan_problems`, which runs on either backend);
* the search index — search_text has exactly the ids of search_docs (`search_text_problems`, portable: on
  PostgreSQL the tsvector is a generated column of search_text, so this is all there is to check), and on
  SQLite the FTS5 index matches search_text, its external content (`fts_problems`);
* the target ledger — its sources point at existing ledger targets, targets rows, outcomes, entries and
  records, a statement source still has its targets row, and each ledger target's `source_count` is the
  number of its sources, and no stored record still waits for a batch ingest's ledger update;
* sources and records — every source's bytes are in blobs, every record has at least one source.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from policywatch.store.connections import reading
from policywatch.store.dbapi import DatabaseError

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Problem:
    """One kind of damage: which check found it, in which table, how many rows, and what is wrong."""

    check: str
    table: str
    rows: int
    detail: str


@dataclass(frozen=True)
class CheckResult:
    name: str
    description: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class IntegrityReport:
    location: str
    dialect: str
    checks: tuple[CheckResult, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def problems(self) -> list[Problem]:
        return [problem for check in self.checks for problem in check.problems]


@dataclass(frozen=True)
class ForeignKey:
    """`table (columns) REFERENCES parent (parent_columns)`."""

    table: str
    columns: tuple[str, ...]
    parent: str
    parent_columns: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.table} ({', '.join(self.columns)}) → {self.parent} ({', '.join(self.parent_columns)})"


Check = Callable[[Any, str], list[Problem]]


def check_store(store: Any) -> IntegrityReport:
    """Run every check on `store` (a `policywatch.store.Store`, either backend)."""
    dialect = str(getattr(store, "dialect", "sqlite"))
    results: list[CheckResult] = []
    with reading(store) as conn:
        for name, description, check in CHECKS:
            results.append(CheckResult(name, description, tuple(_run(check, conn, dialect, name))))
    return IntegrityReport(str(getattr(store, "location", "")), dialect, tuple(results))


def _run(check: Check, conn: Any, dialect: str, name: str) -> list[Problem]:
    """A check that cannot even run (a damaged file, a missing table) is itself a problem to report."""
    try:
        return check(conn, dialect)
    except DatabaseError as error:
        return [Problem(name, "", 0, f"the check could not run: {error}")]


# ---- foreign keys ---------------------------------------------------------------------------------------------


def foreign_key_problems(conn: Any, dialect: str) -> list[Problem]:
    if dialect == "sqlite":
        return _sqlite_foreign_key_check(conn)
    return orphan_problems(conn, foreign_keys(conn, dialect))


def _sqlite_foreign_key_check(conn: Any) -> list[Problem]:
    """PRAGMA foreign_key_check: rows (table, rowid, parent, key number) of every broken reference."""
    broken: dict[tuple[str, str], int] = defaultdict(int)
    for table, _rowid, parent, _key in conn.execute("PRAGMA foreign_key_check").fetchall():
        broken[(table, parent)] += 1
    return [Problem("foreign_keys", table, rows, f"{rows} row(s) of {table} refer to a missing row of {parent}")
            for (table, parent), rows in sorted(broken.items())]


def foreign_keys(conn: Any, dialect: str) -> list[ForeignKey]:
    """The foreign keys of the live schema, read from the database's catalogue."""
    if dialect == "sqlite":
        return _sqlite_foreign_keys(conn)
    return postgres_foreign_keys(conn)


def _sqlite_foreign_keys(conn: Any) -> list[ForeignKey]:
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name")]
    keys: list[ForeignKey] = []
    for table in tables:
        if not _IDENTIFIER.match(table):
            continue
        parts: dict[int, list[Any]] = defaultdict(list)
        for row in conn.execute(f"PRAGMA foreign_key_list({table})").fetchall():
            parts[row[0]].append(row)  # (id, seq, table, from, to, …)
        for rows in parts.values():
            rows.sort(key=lambda r: r[1])
            keys.append(ForeignKey(table, tuple(r[3] for r in rows), rows[0][2], tuple(r[4] or "id" for r in rows)))
    return keys


def postgres_foreign_keys(conn: Any) -> list[ForeignKey]:
    """Foreign keys of the current schema from pg_constraint, each column pair in key order."""
    rows = conn.execute(
        "SELECT c.conname, c.conrelid::regclass::text, c.confrelid::regclass::text, k.position,"
        " child.attname, parent.attname"
        " FROM pg_constraint c"
        " CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(child_col, parent_col, position)"
        " JOIN pg_attribute child ON child.attrelid = c.conrelid AND child.attnum = k.child_col"
        " JOIN pg_attribute parent ON parent.attrelid = c.confrelid AND parent.attnum = k.parent_col"
        " WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace").fetchall()
    parts: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
    for name, table, parent, position, column, parent_column in rows:
        parts[(str(table), str(name), str(parent))].append((int(position), str(column), str(parent_column)))
    keys = []
    for (table, _name, parent), columns in sorted(parts.items()):
        columns.sort()
        keys.append(ForeignKey(table, tuple(c[1] for c in columns), parent, tuple(c[2] for c in columns)))
    return keys


def orphan_problems(conn: Any, keys: list[ForeignKey], check: str = "foreign_keys") -> list[Problem]:
    """Rows whose foreign key names no row of the parent table, by one LEFT JOIN per key (portable SQL)."""
    problems = []
    for key in keys:
        rows = conn.execute(orphan_query(key)).fetchone()[0]
        if rows:
            problems.append(Problem(check, key.table, int(rows), f"{rows} row(s) of {key} name a missing row"))
    return problems


def orphan_query(key: ForeignKey) -> str:
    """SELECT count(*) of the rows of `key.table` whose key is set (every column, as MATCH SIMPLE checks it)
    and matches no parent row."""
    names = [key.table, key.parent, *key.columns, *key.parent_columns]
    bad = [name for name in names if not _IDENTIFIER.match(name)]
    if bad:
        raise ValueError(f"not a plain SQL name: {bad[0]!r}")
    join = " AND ".join(f"p.{p} = c.{c}" for c, p in zip(key.columns, key.parent_columns, strict=True))
    is_set = " AND ".join(f"c.{c} IS NOT NULL" for c in key.columns)
    return (f"SELECT count(*) FROM {key.table} c LEFT JOIN {key.parent} p ON {join}"
            f" WHERE {is_set} AND p.{key.parent_columns[0]} IS NULL")


# ---- the search index -------------------------------------------------------------------------------------


def search_text_problems(conn: Any, dialect: str) -> list[Problem]:
    """search_text (the indexed text) has a row for each search_docs row and no other: portable SQL, and on
    PostgreSQL the whole of the index check (its tsvector is a generated column of search_text)."""
    missing = conn.execute("SELECT count(*) FROM search_docs d LEFT JOIN search_text t ON t.id = d.id"
                           " WHERE t.id IS NULL").fetchone()[0]
    extra = conn.execute("SELECT count(*) FROM search_text t LEFT JOIN search_docs d ON d.id = t.id"
                         " WHERE d.id IS NULL").fetchone()[0]
    problems = []
    if missing:
        problems.append(Problem("search_index", "search_text", int(missing),
                                f"{missing} search_docs row(s) have no indexed text: search cannot find them"))
    if extra:
        problems.append(Problem("search_index", "search_text", int(extra),
                                f"{extra} search_text row(s) belong to no search_docs row"))
    return problems


def fts_problems(conn: Any) -> list[Problem]:
    """SQLite: FTS5's own 'integrity-check' with rank 1, which also compares the index with its external
    content table (search_text). A mismatch is reported as SQLITE_CORRUPT_VTAB."""
    try:
        conn.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)")
    except DatabaseError as error:
        return [Problem("search_index", "search_fts", 0, f"the FTS5 index does not match search_text ({error})")]
    return []


def search_index_problems(conn: Any, dialect: str) -> list[Problem]:
    problems = search_text_problems(conn, dialect)
    if dialect == "sqlite":
        problems += fts_problems(conn)
    return problems


# ---- the target ledger ------------------------------------------------------------------------------------------

LEDGER_SOURCE_KEYS = [
    ForeignKey("ledger_sources", ("ledger_target_id",), "ledger_targets", ("id",)),
    ForeignKey("ledger_sources", ("target_id",), "targets", ("id",)),
    ForeignKey("ledger_sources", ("outcome_id",), "ledger_outcomes", ("id",)),
    ForeignKey("ledger_sources", ("entry_id",), "entries", ("id",)),
    ForeignKey("ledger_sources", ("record_id",), "records", ("id",)),
]


def ledger_problems(conn: Any, dialect: str) -> list[Problem]:
    problems = orphan_problems(conn, LEDGER_SOURCE_KEYS, check="ledger")
    lost = conn.execute("SELECT count(*) FROM ledger_sources WHERE (role = 'target' AND target_id IS NULL)"
                        " OR (role = 'outcome' AND outcome_id IS NULL)").fetchone()[0]
    if lost:
        problems.append(Problem("ledger", "ledger_sources", int(lost),
                                f"{lost} ledger source(s) lost the statement or outcome they were built from"))
    miscounted = conn.execute(
        "SELECT count(*) FROM ledger_targets lt LEFT JOIN"
        " (SELECT ledger_target_id, count(*) AS n FROM ledger_sources GROUP BY ledger_target_id) s"
        " ON s.ledger_target_id = lt.id WHERE COALESCE(s.n, 0) != lt.source_count").fetchone()[0]
    if miscounted:
        problems.append(Problem("ledger", "ledger_targets", int(miscounted),
                                f"{miscounted} ledger target(s) have a source_count that is not their number"
                                " of ledger_sources rows"))
    waiting = conn.execute("SELECT count(*) FROM ledger_pending").fetchone()[0]
    if waiting:
        problems.append(Problem("ledger", "ledger_pending", int(waiting),
                                f"{waiting} stored record(s) wait for the target ledger (a batch ingest stopped"
                                " before taking them in): the next ingest takes them in"))
    return problems


# ---- sources and records ----------------------------------------------------------------------------------------


def source_problems(conn: Any, dialect: str) -> list[Problem]:
    problems = []
    no_blob = conn.execute("SELECT count(*) FROM sources s LEFT JOIN blobs b ON b.sha256 = s.sha256"
                           " WHERE b.sha256 IS NULL").fetchone()[0]
    if no_blob:
        problems.append(Problem("sources", "sources", int(no_blob),
                                f"{no_blob} source(s) have no original bytes in blobs"))
    no_source = conn.execute("SELECT count(*) FROM records r LEFT JOIN sources s ON s.record_id = r.id"
                             " WHERE s.id IS NULL").fetchone()[0]
    if no_source:
        problems.append(Problem("sources", "records", int(no_source), f"{no_source} record(s) have no source"))
    return problems


def database_problems(conn: Any, dialect: str) -> list[Problem]:
    """SQLite: the file's own structure (PRAGMA quick_check: pages, indexes, NOT NULL). PostgreSQL keeps its
    files consistent itself: nothing to ask."""
    if dialect != "sqlite":
        # PostgreSQL checks its pages itself; what can be asked cheaply is that every index is usable
        invalid = conn.execute("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                               " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
                               " AND NOT (i.indisvalid AND i.indisready)").fetchone()[0]
        return [Problem("database", "", int(invalid), f"{invalid} index(es) not valid")] if invalid else []
    found = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    if found == ["ok"]:
        return []
    return [Problem("database", "", len(found), "; ".join(found[:5]))]


CHECKS: list[tuple[str, str, Check]] = [
    ("database", "the database's own structure (SQLite quick_check; PostgreSQL: valid indexes)", database_problems),
    ("foreign_keys", "every reference names an existing row", foreign_key_problems),
    ("search_index", "the search index is in step with its table", search_index_problems),
    ("ledger", "ledger sources point at existing rows; source counts match; nothing waits", ledger_problems),
    ("sources", "every source has its bytes; every record has a source", source_problems),
]
