"""The SQL the stages write (SQLite's dialect, `?` placeholders) as PostgreSQL runs it.

The stages write one SQL for both backends: the portable core (RETURNING, ON CONFLICT, COALESCE, CASE) plus
the few SQLite spellings rewritten here, so no call site needs two versions:

* `?` placeholders become psycopg's `%s` (and a literal `%` becomes `%%`); string literals are left alone;
* `BEGIN IMMEDIATE` (SQLite: take the write lock now) becomes `BEGIN` plus a transaction-scoped advisory
  lock, so writers queue one at a time as they do on SQLite;
* ORDER BY terms get SQLite's NULL placement (NULLs first ascending, last descending), which PostgreSQL
  reverses by default;
* `sqlite_master` lookups of a table name read information_schema instead;
* an empty `IN ()` list becomes an empty array;
* `? IS NULL` gets a type, and SQLite's `a IS b` becomes `a IS NOT DISTINCT FROM b`;
* `rowid` (of a table without a key of its own) becomes PostgreSQL's row address, `ctid`.

Migrations (DDL) are translated by `migration_statements`: `-- sqlite {` … `-- }` blocks (FTS5, triggers)
are dropped, `-- postgres {` … `-- }` blocks (written as comments, so SQLite skips them) are uncommented, and
column types are mapped (INTEGER → BIGINT, REAL → DOUBLE PRECISION, BLOB → BYTEA, TEXT → TEXT COLLATE "C"
so text sorts by code point as in SQLite, `id INTEGER PRIMARY KEY` → an identity column).
"""

from __future__ import annotations

import re
from functools import lru_cache

WRITE_LOCK_KEY = 7_240_001  # pg_advisory_xact_lock key every writing transaction takes
MIGRATION_LOCK_KEY = 7_240_000  # session lock held while migrations are checked and applied

_BLOCK_START = re.compile(r"^\s*--\s*(sqlite|postgres)\s*\{\s*$")
_BLOCK_END = re.compile(r"^\s*--\s*\}\s*$")
_COMMENT_PREFIX = re.compile(r"^\s*--\s?")
_LINE_COMMENT = re.compile(r"--[^\n]*")
_IDENTITY = re.compile(r"\b(\w+)\s+INTEGER\s+PRIMARY\s+KEY\b(?!\s*\()")
_TYPES = (
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\bTEXT\b(?!\s+COLLATE)"), 'TEXT COLLATE "C"'),
)
_DDL_WITH_TYPES = re.compile(r"^\s*(CREATE\s+TABLE|ALTER\s+TABLE\s+\w+\s+ADD\s+COLUMN)\b", re.IGNORECASE)
_TABLE_EXISTS = re.compile(
    r"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = \?", re.IGNORECASE)
_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)
_ORDER_END = re.compile(r"\b(LIMIT|OFFSET|UNION|EXCEPT|INTERSECT|RETURNING|FOR)\b", re.IGNORECASE)
_DIRECTION = re.compile(r"\s(ASC|DESC)\s*$", re.IGNORECASE)
_HAS_NULLS = re.compile(r"\bNULLS\s+(FIRST|LAST)\b", re.IGNORECASE)
_CONSTANT = re.compile(r"^\s*(\d+|'[^']*')\s*$")  # ORDER BY 1 or a literal: nothing to place


def _blank_literals(sql: str) -> str:
    """`sql` with the inside of every '…' literal replaced by spaces (same length), so searching for syntax
    never looks inside a string."""
    return re.sub(r"'(?:[^']|'')*'", lambda m: "'" + " " * (len(m.group(0)) - 2) + "'", sql)


def _placeholders(sql: str) -> str:
    """`?` → `%s` and `%` → `%%` outside string literals (psycopg's format)."""
    blanked = _blank_literals(sql)
    out: list[str] = []
    for char, seen in zip(sql, blanked, strict=True):
        if seen == "?" :
            out.append("%s")
        elif char == "%":
            out.append("%%")
        else:
            out.append(char)
    return "".join(out)


def _split_top_level(text: str) -> list[str]:
    """Split on commas outside parentheses."""
    parts: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _clause_end(blanked: str, start: int) -> int:
    """Where the ORDER BY list starting at `start` ends: at a closing parenthesis of an enclosing level, a
    keyword that follows the list at this level, or the end."""
    depth = 0
    index = start
    while index < len(blanked):
        char = blanked[index]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return index
            depth -= 1
        elif depth == 0:
            keyword = _ORDER_END.match(blanked, index)
            if keyword and (index == 0 or not (blanked[index - 1].isalnum() or blanked[index - 1] == "_")):
                return index
        index += 1
    return index


def _place_nulls(term: str) -> str:
    if _HAS_NULLS.search(term) or _CONSTANT.match(term) or not term.strip():
        return term
    stripped = term.rstrip()
    direction = _DIRECTION.search(stripped)
    placement = " NULLS LAST" if direction and direction.group(1).upper() == "DESC" else " NULLS FIRST"
    return stripped + placement + term[len(stripped):]


def _sqlite_nulls_order(sql: str) -> str:
    """Every ORDER BY term gets NULLS FIRST (ascending) or NULLS LAST (descending), as SQLite sorts."""
    blanked = _blank_literals(sql)
    pieces: list[str] = []
    cursor = 0
    for match in _ORDER_BY.finditer(blanked):
        if match.start() < cursor:
            continue
        end = _clause_end(blanked, match.end())
        terms = _split_top_level(sql[match.end():end])
        pieces.append(sql[cursor:match.end()])
        pieces.append(",".join(_place_nulls(term) for term in terms))
        cursor = end
    pieces.append(sql[cursor:])
    return "".join(pieces)


_PARAM_NULL_TEST = re.compile(r"\?(\s+IS\s+(?:NOT\s+)?NULL)\b", re.IGNORECASE)
_IS_OPERAND = re.compile(r"\bIS(\s+NOT)?\s+(?!NULL\b|NOT\b|TRUE\b|FALSE\b|DISTINCT\b)(\?|[A-Za-z_][\w.]*)",
                         re.IGNORECASE)


def _typed_null_tests(sql: str) -> str:
    """`? IS NULL` gets a type PostgreSQL can infer (a NULL parameter alone has none); SQLite's `a IS b`
    becomes `a IS NOT DISTINCT FROM b`."""
    sql = _PARAM_NULL_TEST.sub(r"CAST(? AS TEXT)\1", sql)
    return _IS_OPERAND.sub(lambda m: ("IS DISTINCT FROM " if m.group(1) else "IS NOT DISTINCT FROM ") + m.group(2),
                           sql)


@lru_cache(maxsize=4096)
def postgres_sql(sql: str) -> str:
    """One statement written for SQLite, as PostgreSQL runs it (cached: the stages repeat their SQL)."""
    if _TABLE_EXISTS.search(sql):
        sql = _TABLE_EXISTS.sub("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()"
                                " AND table_name = ?", sql)
    if _ORDER_BY.search(sql):
        sql = _sqlite_nulls_order(sql)
    if "?" in sql:
        sql = _typed_null_tests(sql)
    if "()" in sql.replace(" ", ""):  # SQLite takes an empty IN list; PostgreSQL needs an empty array
        sql = re.sub(r"\bNOT\s+IN\s*\(\s*\)", "<> ALL ('{}')", sql, flags=re.IGNORECASE)
        sql = re.sub(r"\bIN\s*\(\s*\)", "= ANY ('{}')", sql, flags=re.IGNORECASE)
    if "rowid" in sql:  # a table without a key of its own (link_vectors): PostgreSQL's row address
        sql = re.sub(r"\browid\b", "ctid", sql)
    return _placeholders(sql)


def _dialect_lines(script: str, dialect: str) -> str:
    """The script with the other dialect's blocks dropped and this dialect's commented blocks uncommented."""
    kept: list[str] = []
    block: str | None = None
    for line in script.splitlines():
        start = _BLOCK_START.match(line)
        if start:
            block = start.group(1)
            continue
        if block and _BLOCK_END.match(line):
            block = None
            continue
        if block is None:
            kept.append(line)
        elif block == dialect:
            kept.append(_COMMENT_PREFIX.sub("", line, count=1) if block == "postgres" else line)
    return "\n".join(kept) + "\n"


def _postgres_ddl(statement: str) -> str:
    statement = _LINE_COMMENT.sub("", statement)
    if not _DDL_WITH_TYPES.match(statement):
        return statement
    statement = _IDENTITY.sub(r"\1 INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", statement)
    for pattern, replacement in _TYPES:
        statement = pattern.sub(replacement, statement)
    return statement


def migration_script(script: str, dialect: str) -> str:
    """A migration file as `dialect` ('sqlite' or 'postgres') runs it (statements still to be split)."""
    return _dialect_lines(script, dialect)


def postgres_statement(statement: str) -> str:
    """One migration statement (already split) with its column types mapped for PostgreSQL."""
    return _postgres_ddl(statement)
