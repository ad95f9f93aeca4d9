"""Hand-built records for the link tests (our own text), and small helpers to store them."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace
from pathlib import Path

from policywatch.link import Link
from policywatch.pipeline import parse_file
from policywatch.records import Brief, DocumentRef, Entry, Policy, Record, Relation, Source, Target
from policywatch.store import Store
from policywatch.store.record_codec import record_to_json

BATTERY_TITLE = "关于推进动力电池回收利用体系建设的通知"
GRID_TITLE = "关于加快推进新型储能并网调度运行的通知"
STORAGE_TARGET = Target(
    text="到2025年，新型储能装机规模达到30GW以上。", span=(14, 18), metric="新型储能装机规模", value=30.0,
    unit="GW", comparator=">=", year=2025, language="zh", field="text",
)


def with_source(record: Record, name: str) -> tuple[Record, bytes]:
    """The record with a source whose sha256 matches the bytes returned (its own JSON)."""
    raw = record_to_json(record).encode()
    source = Source(path=f"/in/{name}", sha256=hashlib.sha256(raw).hexdigest(), format="text", size=len(raw))
    return replace(record, source=source), raw


def entry(headline: str, *, title_zh: str | None = None, title_en: str | None = None, bodies: tuple[str, ...] = (),
          date: str | None = "2023-03-10", rank: int = 1, summary: str = "", sectors: tuple[str, ...] = (),
          targets: tuple[Target, ...] = ()) -> Entry:
    document = DocumentRef(title_en=title_en, title_zh=title_zh, bodies=bodies, date=date) \
        if title_zh or title_en or bodies else None
    return Entry(section="top", rank=rank, headline=headline, summary=summary, date=date, document=document,
                 bodies=bodies, sectors=sectors, targets=targets)


def brief(*entries: Entry, published: str = "2023-04-01", title: str = "Storage + batteries") -> Brief:
    return Brief(series="Test Industries", title=title, published=published, period=None,
                 contents=tuple(e.headline for e in entries), entries=entries, people=(), truncated=False,
                 source=Source(path="", sha256="", format="text"))


def policy(title_zh: str, *, bodies: tuple[str, ...] = ("MIIT",), date_written: str | None = "2023-03-02",
           date_published: str | None = "2023-03-09", doc_number: str | None = None, text: str = "",
           relations: tuple[Relation, ...] = (), sectors: tuple[str, ...] = (),
           targets: tuple[Target, ...] = ()) -> Policy:
    return Policy(title_zh=title_zh, source=Source(path="", sha256="", format="text"), doc_number=doc_number,
                  bodies=bodies, date_written=date_written, date_published=date_published, doc_form="通知",
                  relations=relations, sectors=sectors, targets=targets, text=text or f"{title_zh}\n各有关单位：")


def ingest(store: Store, record: Record, name: str) -> int:
    """Store a hand-built record; returns its record id."""
    stamped, raw = with_source(record, name)
    return store.ingest(stamped, raw).record_id


def ingest_file(store: Store, path: Path) -> int:
    record, raw = parse_file(path)
    return store.ingest(record, raw).record_id  # type: ignore[arg-type]


def entry_ids(store: Store, record_id: int) -> list[int]:
    return list(store.get_record(record_id).entry_ids)


def all_links(conn: sqlite3.Connection) -> list[Link]:
    rows = conn.execute("SELECT entry_id, record_id, method, score, status, reason FROM links"
                        " ORDER BY entry_id, record_id")
    return [Link(*row) for row in rows]
