"""Related documents: what to read next from an entry, a policy or an article, each with the reason shown.

Evidence, strongest first: links (the entry's Chinese original, or the entries reporting on a policy),
shared ledger targets (when the ledger tables exist), similar text (when an embedder is active and vectors
are stored), the same issuing bodies, the same sectors. One row per related item: its reasons joined, its
score the best reason's plus a little for each further reason.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from policywatch.link import thresholds as t
from policywatch.link.embedding import active_embedder, similarities
from policywatch.link.listing import reading
from policywatch.link.records import Related, RelatedKind
from policywatch.link.tables import table_exists, vector_of, vectors_of
from policywatch.store.results import RecordNotFound

if TYPE_CHECKING:
    from policywatch.store.sqlite import Store

Item = tuple[RelatedKind, int]
_ROW_LIMIT = 2000  # name rows read per kind of evidence: the most recent first
_EXTRA_REASON_BONUS = 0.05
_SCORES = {"asserted link": 1.0, "target": 0.6, "bodies": 0.3, "body step": 0.05, "sector": 0.2}


@dataclass(frozen=True)
class Subject:
    """What related documents are asked for: an entry (`kind="entry"`) or a stored policy/article."""

    kind: Literal["entry", "record"]
    id: int

    @classmethod
    def entry(cls, entry_id: int) -> Subject:
        return cls("entry", entry_id)

    @classmethod
    def record(cls, record_id: int) -> Subject:
        return cls("record", record_id)


@dataclass
class _Evidence:
    reasons: list[tuple[float, str]] = field(default_factory=list)

    def add(self, score: float, reason: str) -> None:
        self.reasons.append((score, reason))

    def total(self) -> float:
        best = max(score for score, _ in self.reasons)
        return min(1.0, round(best + _EXTRA_REASON_BONUS * (len(self.reasons) - 1), 4))

    def text(self) -> str:
        return "; ".join(reason for _, reason in sorted(self.reasons, key=lambda r: -r[0]))


class _Finder:
    """Collects evidence for one subject."""

    def __init__(self, conn: sqlite3.Connection, subject: Subject) -> None:
        self.conn = conn
        self.subject = subject
        self.evidence: dict[Item, _Evidence] = {}
        self.record_id, self.entry_id = self._locate()

    def _locate(self) -> tuple[int, int | None]:
        if self.subject.kind == "entry":
            row = self.conn.execute("SELECT record_id FROM entries WHERE id = ?", (self.subject.id,)).fetchone()
            if row is None:
                raise RecordNotFound(f"no entry #{self.subject.id}")
            return int(row[0]), self.subject.id
        row = self.conn.execute("SELECT type FROM records WHERE id = ?", (self.subject.id,)).fetchone()
        if row is None or row[0] == "brief":
            raise RecordNotFound(f"no policy or article #{self.subject.id}")
        return self.subject.id, None

    def _is_self(self, item: Item) -> bool:
        if self.entry_id is not None:
            return item == ("entry", self.entry_id)
        return item[0] != "entry" and item[1] == self.record_id

    def add(self, item: Item, score: float, reason: str) -> None:
        if not self._is_self(item):
            self.evidence.setdefault(item, _Evidence()).add(score, reason)

    def record_kinds(self, ids: Iterable[int]) -> dict[int, RelatedKind]:
        wanted = sorted(set(ids))
        marks = ", ".join("?" for _ in wanted)
        rows = self.conn.execute(f"SELECT id, type FROM records WHERE id IN ({marks})", wanted) if wanted else []
        return {row[0]: row[1] for row in rows if row[1] in ("policy", "article")}


def _names_of(finder: _Finder, entry_table: str, record_table: str, column: str) -> list[str]:
    if finder.entry_id is not None:
        sql, key = f"SELECT {column} FROM {entry_table} WHERE entry_id = ?", finder.entry_id
    else:
        sql, key = f"SELECT {column} FROM {record_table} WHERE record_id = ?", finder.record_id
    return [row[0] for row in finder.conn.execute(sql, (key,))]


def _sharing(finder: _Finder, names: list[str], entry_table: str, record_table: str,
             column: str) -> dict[Item, list[str]]:
    """Entries (of other briefs) and policies/articles naming any of `names`, with the names they share."""
    if not names:
        return {}
    marks = ", ".join("?" for _ in names)
    shared: dict[Item, list[str]] = {}
    entry_rows = finder.conn.execute(
        f"SELECT x.entry_id, x.{column} FROM {entry_table} x JOIN entries e ON e.id = x.entry_id"
        f" WHERE x.{column} IN ({marks}) AND e.record_id != ? ORDER BY e.date DESC, e.id DESC LIMIT ?",
        (*names, finder.record_id, _ROW_LIMIT))
    for entry_id, name in entry_rows:
        shared.setdefault(("entry", entry_id), []).append(name)
    record_rows = finder.conn.execute(
        f"SELECT x.record_id, x.{column} FROM {record_table} x JOIN records r ON r.id = x.record_id"
        f" WHERE x.{column} IN ({marks}) ORDER BY r.published DESC, r.id DESC LIMIT ?", (*names, _ROW_LIMIT))
    rows = list(record_rows)
    kinds = finder.record_kinds(row[0] for row in rows)
    for record_id, name in rows:
        if record_id in kinds:
            shared.setdefault((kinds[record_id], record_id), []).append(name)
    return shared


def _add_bodies(finder: _Finder) -> None:
    names = _names_of(finder, "entry_bodies", "record_bodies", "body_id")
    for item, shared in _sharing(finder, names, "entry_bodies", "record_bodies", "body_id").items():
        label = "same issuing body" if len(shared) == 1 else "same issuing bodies"
        score = _SCORES["bodies"] + _SCORES["body step"] * min(len(shared) - 1, 3)
        finder.add(item, score, f"{label} {', '.join(shared)}")


def _add_sectors(finder: _Finder) -> None:
    names = _names_of(finder, "entry_sectors", "record_sectors", "sector")
    for item, shared in _sharing(finder, names, "entry_sectors", "record_sectors", "sector").items():
        finder.add(item, _SCORES["sector"], f"same sector {', '.join(shared)}")


def _add_links(finder: _Finder) -> None:
    if finder.entry_id is not None:
        rows = finder.conn.execute("SELECT record_id, status, score, reason FROM links WHERE entry_id = ?",
                                   (finder.entry_id,))
        for record_id, status, score, reason in rows:
            label = "Chinese original" if status == "asserted" else "possible Chinese original"
            finder.add(("policy", record_id), 1.0 if status == "asserted" else score * 0.8, f"{label} ({reason})")
        return
    rows = finder.conn.execute("SELECT entry_id, status, score FROM links WHERE record_id = ?", (finder.record_id,))
    for entry_id, status, score in rows:
        label = "reports on this document" if status == "asserted" else "may report on this document"
        finder.add(("entry", entry_id), 1.0 if status == "asserted" else score * 0.8, label)


def _target_label(value: float, unit: str, year: int | None) -> str:
    number = f"{value:g}".replace("e+", "e")
    return " ".join(part for part in (number, unit, str(year) if year else "") if part)


def _add_targets(finder: _Finder) -> None:
    if not table_exists(finder.conn, "ledger_sources"):
        return
    own = "mine.entry_id = ?" if finder.entry_id is not None else "mine.record_id = ? AND mine.entry_id IS NULL"
    rows = finder.conn.execute(
        "SELECT DISTINCT other.record_id, other.entry_id, lt.value, lt.unit, lt.year FROM ledger_sources mine"
        " JOIN ledger_sources other ON other.ledger_target_id = mine.ledger_target_id"
        f" JOIN ledger_targets lt ON lt.id = mine.ledger_target_id WHERE {own}",
        (finder.entry_id if finder.entry_id is not None else finder.record_id,)).fetchall()
    kinds = finder.record_kinds(row[0] for row in rows if row[1] is None)
    for record_id, entry_id, value, unit, year in rows:
        item: Item | None = ("entry", entry_id) if entry_id is not None else (
            (kinds[record_id], record_id) if record_id in kinds else None)
        if item:
            finder.add(item, _SCORES["target"], f"shares target {_target_label(value, unit, year)}")


def _add_similar_text(finder: _Finder) -> None:
    embedder = active_embedder()
    if embedder is None:
        return
    vector = vector_of(finder.conn, embedder.name, "text", finder.record_id, finder.entry_id)
    if vector is None:
        return
    stored = vectors_of(finder.conn, embedder.name, "text", where="r.type != 'brief' OR e.record_id != ?",
                        params=(finder.record_id,))
    kinds = finder.record_kinds(v.record_id for v in stored if v.entry_id is None)
    for v, score in zip(stored, similarities(vector, [v.vector for v in stored]), strict=True):
        item: Item | None = ("entry", v.entry_id) if v.entry_id is not None else (
            (kinds[v.record_id], v.record_id) if v.record_id in kinds else None)
        if item and score >= t.RELATED_SIMILARITY_MIN:
            finder.add(item, round(score, 4), f"similar text {score:.2f}")


def _titles(conn: sqlite3.Connection, items: Iterable[Item]) -> dict[Item, str]:
    titles: dict[Item, str] = {}
    for kind, item_id in items:
        if kind == "entry":
            row = conn.execute("SELECT headline, text FROM entries WHERE id = ?", (item_id,)).fetchone()
            titles[(kind, item_id)] = (row[0] or row[1]) if row else ""
        else:
            row = conn.execute("SELECT title FROM records WHERE id = ?", (item_id,)).fetchone()
            titles[(kind, item_id)] = (row[0] or "") if row else ""
    return titles


def related(source: sqlite3.Connection | Store, subject: Subject, *, limit: int = t.RELATED_LIMIT) -> list[Related]:
    """Entries, policies and articles related to `subject`, best first, each with why. Entries of the
    subject's own brief are left out. RecordNotFound when the subject is not stored (or is a brief)."""
    with reading(source) as conn:
        finder = _Finder(conn, subject)
        for collect in (_add_links, _add_targets, _add_similar_text, _add_bodies, _add_sectors):
            collect(finder)
        ranked = sorted(finder.evidence.items(), key=lambda pair: (-pair[1].total(), pair[0]))[:limit]
        titles = _titles(conn, (item for item, _ in ranked))
    return [Related(kind=item[0], id=item[1], title=titles[item], reason=evidence.text(), score=evidence.total())
            for item, evidence in ranked]
