"""What the body pages count: how often each body is named, by year, with which other bodies, and its newest
entries and documents. Read from the search side tables (docindex.py: one narrow row per entry, policy or
article, and its bodies), which answer in milliseconds where the store's wide rows take tens of them."""

from __future__ import annotations

from dataclasses import dataclass

from policywatch.web.docindex import SearchTables

# One row per body: named by how many entries and records (a brief counts through its entries), first and
# last date — the same figures as Store.bodies().
_ALL_BODIES = (
    "SELECT b.body, count(d.entry_id), count(DISTINCT d.record_id), min(d.date), max(d.date)"
    " FROM doc_bodies b JOIN docs d ON d.id = b.id GROUP BY b.body"
    " ORDER BY count(DISTINCT d.record_id) DESC, b.body"
)


@dataclass(frozen=True)
class BodyCount:
    """How often a body is named: entries, records, first and last date seen."""

    body_id: str
    entry_count: int
    record_count: int
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True)
class YearCount:
    """How many entries and documents name the body in one year."""

    year: str
    count: int


@dataclass(frozen=True)
class CoIssuer:
    """Another body named on the same entries or documents, and how often."""

    body_id: str
    count: int


def all_bodies(tables: SearchTables) -> list[BodyCount]:
    """Every body named, most records first."""
    with tables.current():
        return [BodyCount(*row) for row in tables.rows(_ALL_BODIES)]


def is_named(tables: SearchTables, body_id: str) -> bool:
    """Whether any stored entry or document names the body."""
    with tables.current():
        return bool(tables.rows("SELECT 1 FROM doc_bodies WHERE body = ? LIMIT 1", (body_id,)))


def years(tables: SearchTables, body_id: str) -> list[YearCount]:
    """Entries and documents naming the body, by year (undated ones left out)."""
    with tables.current():
        rows = tables.rows("SELECT d.year, count(*) FROM doc_bodies b JOIN docs d ON d.id = b.id"
                           " WHERE b.body = ? AND d.year IS NOT NULL GROUP BY d.year ORDER BY d.year", (body_id,))
    return [YearCount(*row) for row in rows]


def co_issuers(tables: SearchTables, body_id: str, limit: int) -> list[CoIssuer]:
    """Bodies named together with `body_id` on the same entries or documents, most often first."""
    with tables.current():
        rows = tables.rows("SELECT o.body, count(*) FROM doc_bodies b JOIN doc_bodies o ON o.id = b.id"
                           " AND o.body <> b.body WHERE b.body = ? GROUP BY o.body ORDER BY count(*) DESC, o.body"
                           " LIMIT ?", (body_id, limit))
    return [CoIssuer(*row) for row in rows]


def newest(tables: SearchTables, body_id: str, limit: int) -> tuple[list[int], list[int]]:
    """Ids of the newest entries and of the newest policies/articles naming the body."""
    order = "ORDER BY d.date IS NULL, d.date DESC, d.id DESC LIMIT ?"
    with tables.current():
        entries = tables.rows("SELECT d.entry_id FROM doc_bodies b JOIN docs d ON d.id = b.id WHERE b.body = ?"
                              f" AND d.entry_id IS NOT NULL {order}", (body_id, limit))
        records = tables.rows("SELECT d.record_id FROM doc_bodies b JOIN docs d ON d.id = b.id WHERE b.body = ?"
                              f" AND d.entry_id IS NULL {order}", (body_id, limit))
    return [row[0] for row in entries], [row[0] for row in records]
