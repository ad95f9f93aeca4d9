"""Read-only queries the pages need beyond the store's API: the newest briefs, entries and documents, what a
body issued over time and with whom, and which ledger target each stated target feeds. Fixed SQL with bound
parameters, run on the web app's read-only connection."""

from __future__ import annotations

from dataclasses import dataclass

from policywatch.web.reader import ReadOnlyDatabase

ACTIVE_STATUSES = ("stated", "restated", "revised")


@dataclass(frozen=True)
class BriefCard:
    """A brief in a list: id, series, title, date, entry count."""

    id: int
    series: str | None
    title: str | None
    published: str | None
    entry_count: int


@dataclass(frozen=True)
class EntryCard:
    """An entry in a list, with the brief it belongs to."""

    id: int
    record_id: int
    section: str
    headline: str
    date: str | None
    brief_title: str | None


@dataclass(frozen=True)
class DocumentCard:
    """A policy or article in a list."""

    id: int
    type: str
    title: str | None
    doc_number: str | None
    published: str | None


@dataclass(frozen=True)
class DueTarget:
    """A ledger target still open, with its deadline year."""

    id: int
    metric: str
    value: float
    unit: str
    comparator: str
    year: int
    status: str


def latest_briefs(db: ReadOnlyDatabase, limit: int, offset: int = 0) -> list[BriefCard]:
    """The newest briefs (undated last), a page at a time."""
    rows = db.rows(
        "SELECT r.id, r.series, r.title, r.published, (SELECT count(*) FROM entries e WHERE e.record_id = r.id)"
        " FROM records r WHERE r.type = 'brief'"
        " ORDER BY r.published IS NULL, r.published DESC, r.id DESC LIMIT ? OFFSET ?", (limit, offset))
    return [BriefCard(*row) for row in rows]


def brief_count(db: ReadOnlyDatabase) -> int:
    """How many briefs are stored."""
    return int(db.rows("SELECT count(*) FROM records WHERE type = 'brief'")[0][0])


def entries_of_briefs(db: ReadOnlyDatabase, brief_ids: list[int], limit: int) -> list[EntryCard]:
    """The newest entries of the given briefs (the home page shows those of the latest briefs)."""
    if not brief_ids:
        return []
    marks = ", ".join("?" for _ in brief_ids)
    rows = db.rows(
        "SELECT e.id, e.record_id, e.section, e.headline, COALESCE(e.date, r.published), r.title"
        f" FROM entries e JOIN records r ON r.id = e.record_id WHERE e.record_id IN ({marks})"
        " ORDER BY COALESCE(e.date, r.published) IS NULL, COALESCE(e.date, r.published) DESC, e.id"
        " LIMIT ?", (*brief_ids, limit))
    return [EntryCard(*row) for row in rows]


def latest_documents(db: ReadOnlyDatabase, limit: int) -> list[DocumentCard]:
    """The newest policies and articles."""
    rows = db.rows(
        "SELECT id, type, title, doc_number, published FROM records WHERE type IN ('policy', 'article')"
        " ORDER BY published IS NULL, published DESC, id DESC LIMIT ?", (limit,))
    return [DocumentCard(*row) for row in rows]


def has_table(db: ReadOnlyDatabase, name: str) -> bool:
    """Whether the database has this table (a later stage's migration may not have run)."""
    return bool(db.rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))


def due_targets(db: ReadOnlyDatabase, from_year: int, limit: int) -> list[DueTarget]:
    """Open ledger targets (stated, restated, revised) due in `from_year` or later, soonest first."""
    if not has_table(db, "ledger_targets"):
        return []
    rows = db.rows(
        "SELECT id, metric, value, unit, comparator, year, status FROM ledger_targets"
        " WHERE year >= ? AND status IN (?, ?, ?) AND corporate = 0 ORDER BY year, id LIMIT ?",
        (from_year, *ACTIVE_STATUSES, limit))
    return [DueTarget(*row) for row in rows]


def entry_cards(db: ReadOnlyDatabase, entry_ids: list[int]) -> list[EntryCard]:
    """Entries by id, in the order given (ids not stored are left out)."""
    if not entry_ids:
        return []
    marks = ", ".join("?" for _ in entry_ids)
    rows = db.rows(
        "SELECT e.id, e.record_id, e.section, e.headline, COALESCE(e.date, r.published), r.title"
        f" FROM entries e JOIN records r ON r.id = e.record_id WHERE e.id IN ({marks})", entry_ids)
    found = {row[0]: EntryCard(*row) for row in rows}
    return [found[i] for i in entry_ids if i in found]


def document_cards(db: ReadOnlyDatabase, record_ids: list[int]) -> list[DocumentCard]:
    """Policies and articles by id, in the order given."""
    if not record_ids:
        return []
    marks = ", ".join("?" for _ in record_ids)
    rows = db.rows(f"SELECT id, type, title, doc_number, published FROM records WHERE id IN ({marks})", record_ids)
    found = {row[0]: DocumentCard(*row) for row in rows}
    return [found[i] for i in record_ids if i in found]


def ledger_ids_of_targets(db: ReadOnlyDatabase, record_id: int, entry_id: int | None) -> list[int | None]:
    """For each target an entry states (or, with entry_id None, a document states outside entries), in order:
    the ledger target it was matched into, if any."""
    if not has_table(db, "ledger_sources"):
        return []
    rows = db.rows(
        "SELECT (SELECT ls.ledger_target_id FROM ledger_sources ls WHERE ls.target_id = t.id LIMIT 1)"
        " FROM targets t WHERE t.record_id = ? AND t.entry_id IS ? ORDER BY t.position", (record_id, entry_id))
    return [row[0] for row in rows]
