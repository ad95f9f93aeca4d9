"""Hand-built records for the store tests (our own text, English and Chinese), plus a table snapshot."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

from policywatch.records import (
    Article,
    Baseline,
    Brief,
    DocumentRef,
    Entry,
    Period,
    Person,
    Policy,
    Relation,
    Source,
    Target,
)


def source(name: str, raw: bytes, fmt: str) -> Source:
    return Source(path=f"/in/{name}", sha256=hashlib.sha256(raw).hexdigest(), format=fmt, size=len(raw))


BATTERY_TARGET = Target(
    text="Installed storage capacity should exceed 30 GW by 2025.",
    span=(41, 46), metric="storage_capacity", value=30.0, unit="GW", comparator=">", year=2025,
    baseline=Baseline(value=5.0, year=2021), field="key_points[0]",
)

BATTERY = Entry(
    section="top", rank=1, headline="MIIT tightens rules for battery makers",
    summary="New standard conditions ask lithium-ion battery producers to cut energy use.",
    key_points=("Installed storage capacity should exceed 30 GW by 2025.",),
    date="2023-05-10", bodies=("MIIT",), companies=("CATL",), sectors=("batteries",),
    document=DocumentRef(title_en="Lithium-ion battery industry standard conditions",
                         title_zh="锂离子电池行业规范条件", bodies=("MIIT",), date="2023-05-10"),
    targets=(BATTERY_TARGET,),
)
CHIPS = Entry(
    section="top", rank=2, headline="State Council backs chip design start-ups",
    summary="Local governments are told to fund early-stage integrated circuit design firms.",
    key_points=("Tax breaks for ten years", "Cheaper loans"),
    bodies=("State Council",), sectors=("semiconductors",),
)
SPECIALISED = Entry(
    section="top", rank=3, headline="工信部公布第五批专精特新“小巨人”企业名单",
    summary="名单覆盖新材料、高端装备和新一代信息技术等领域。",
    bodies=("MIIT",),
)
NEWS_LINE = Entry(
    section="policy_news", rank=None, headline="NDRC consults on hydrogen pricing",
    text="NDRC consults on hydrogen pricing for refuelling stations.", source_label="NDRC notice",
    date="2023-05-12", bodies=("NDRC",),
)


def brief_pdf() -> tuple[Brief, bytes]:
    """The PDF edition: no topic title, truncated, shorter summaries, the chips entry missing."""
    raw = b"%PDF-1.7 China Industries 2023-05-14 (pdf edition)"
    short_battery = replace(BATTERY, summary="New conditions for battery makers.", key_points=(), targets=(),
                            document=DocumentRef(title_zh="锂离子电池行业规范条件"))
    brief = Brief(
        series="MERICS China Industries", title=None, published="2023-05-14", period=None,
        contents=("MIIT tightens rules for battery makers", "State Council backs chip design start-ups",
                  "工信部公布第五批专精特新“小巨人”企业名单"),
        entries=(short_battery, replace(SPECIALISED, headline="工信部公布第五批专精特新\"小巨人\"企业名单.")),
        people=(Person("Ana Example", "Analyst", "author"),), truncated=True,
        source=source("china-industries-2023-05-14.pdf", raw, "pdf"),
    )
    return brief, raw


def brief_web() -> tuple[Brief, bytes]:
    """The web edition: the topic line as title, complete entries, a news line, no people."""
    raw = b"<html>China Industries 2023-05-14 (web edition)</html>"
    brief = Brief(
        series="MERICS China Industries", title="Battery rules + chip start-ups + little giants",
        published="2023-05-14", period=Period("2023-05-01", "2023-05-14"), contents=(),
        entries=(BATTERY, CHIPS, replace(SPECIALISED, summary="名单覆盖新材料、高端装备等领域。"), NEWS_LINE),
        people=(), truncated=False,
        source=source("china-industries-2023-05-14.html", raw, "html"),
    )
    return brief, raw


def other_brief() -> tuple[Brief, bytes]:
    """A different issue of the same series: shares one headline but has many top entries."""
    raw = b"China Industries 2023-06-01 text"
    brief = Brief(
        series="MERICS China Industries", title="Rare earths + chip start-ups", published="2023-06-01",
        period=None, contents=(),
        entries=(
            Entry("top", 1, "Beijing caps rare earth mining quotas", summary="Quotas for 2023 stay flat.",
                  bodies=("MIIT",), date="2023-05-30"),
            Entry("top", 2, "State Council backs chip design start-ups", summary="A follow-up round."),
        ),
        people=(), truncated=False, source=source("china-industries-2023-06-01.txt", raw, "text"),
    )
    return brief, raw


ENERGY_TITLE = "关于推动能源电子产业发展的指导意见"
ENERGY_TITLE_TRAD = "關於推動能源電子產業發展的指導意見"
ENERGY_NUMBER = "工信部联电子〔2022〕181号"


def policy(name: str, *, title_zh: str, doc_number: str | None, text: str,
           fmt: str = "html") -> tuple[Policy, bytes]:
    raw = f"{name}|{title_zh}|{doc_number}|{text}".encode()
    record = Policy(
        title_zh=title_zh, source=source(name, raw, fmt), doc_number=doc_number, bodies=("MIIT", "NDRC"),
        date_published="2022-10-25", doc_form="通知", text=text,
        relations=(Relation("issues", title="新型储能实施方案"),),
    )
    return record, raw


def article(name: str, *, title: str, text: str, kind: str = "comment") -> tuple[Article, bytes]:
    raw = f"{name}|{title}|{text}".encode()
    record = Article(title=title, source=source(name, raw, "html"), kind=kind, published="2023-04-02",
                     bodies=("MOFCOM",), text=text)
    return record, raw


def snapshot(db: Path) -> dict[str, Any]:
    """Every row of every ordinary table (FTS shadow tables included), to compare a database before/after."""
    conn = sqlite3.connect(db)
    try:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            " ORDER BY name")]
        return {table: sorted(map(repr, conn.execute(f'SELECT * FROM "{table}"'))) for table in tables}
    finally:
        conn.close()
