"""A store with something in every kind of table, for the export/import tests: the repo samples, hand-made
documents (our own sentences) whose targets are restated, revised, superseded and settled by an outcome,
a watchlist with alerts and outbox rows, a published brief, and text that CSV has to quote."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from policywatch.alerts import WatchSpec, add_watch
from policywatch.pipeline import ingest_files, iter_files
from policywatch.records import Article, Brief, DocumentRef, Entry, Period, Policy, Source, Target
from policywatch.store import Store
from policywatch.store.connections import reading

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
HOSTILE_HEADLINE = 'Lathe makers, "smart" plants\nand a second line; back\\slash 🔧'
HOSTILE_TEXT = "Line one,\r\nline two \"quoted\"\rcarriage\ttab  trailing space "


def _source(name: str, raw: bytes) -> Source:
    return Source(path=f"/made/{name}", sha256=hashlib.sha256(raw).hexdigest(), format="text", size=len(raw))


def _goal(text: str, written: str, metric: str, value: float, unit: str, year: int, **fields: Any) -> Target:
    start = max(text.find(written), 0)
    return Target(text=text, span=(start, start + len(written)), metric=metric, value=value, unit=unit, year=year,
                  **fields)


def _brief(name: str, published: str, headline: str, point: str, goals: tuple[Target, ...],
           **entry_fields: Any) -> tuple[Brief, bytes]:
    raw = f"hand-made brief {name} {published} {point}".encode()
    entry = Entry(section="top", rank=1, headline=headline, key_points=(point,), targets=goals, **entry_fields)
    return Brief(series="China Industries", title=f"Workshop notes {name}", published=published,
                 period=Period(published, published), contents=(), entries=(entry,), people=(), truncated=False,
                 source=_source(f"{name}.txt", raw)), raw


def _policy(name: str, title: str, text: str, goals: tuple[Target, ...], written: str,
            draft: bool = False) -> tuple[Policy, bytes]:
    raw = f"hand-made policy {name} {text}".encode()
    return Policy(title_zh=title, source=_source(f"{name}.txt", raw), date_written=written, is_draft=draft,
                  targets=goals, text=text, bodies=("MIIT",), doc_form="通知"), raw


def _article(name: str, title: str, text: str, published: str) -> tuple[Article, bytes]:
    raw = f"hand-made article {name} {text}".encode()
    return Article(title=title, source=_source(f"{name}.txt", raw), published=published, text=text), raw


OLD_POINT = "By 2020, turnover of the lathe sector should climb to CNY 400 billion."
NEW_POINT = "By 2025, turnover of the lathe sector should climb to CNY 900 billion."
OUTCOME = "In 2020, turnover of the lathe sector came to CNY 410 billion."
DRAFT_TEXT = "草案要求，到2027年，数控机床产值占比达到45%。"
FINAL_TEXT = "通知要求，到2027年，数控机床产值占比达到50%。"
LATER_DENSITY_POINT = "Robot density should reach 20 units per 100 workers by 2030."
CNC_TITLE = "关于推动数控机床高质量发展的通知"
DENSITY_POINT = "Robot density should reach 12.345678901234567 units per 100 workers by 2026."


def made_documents() -> list[tuple[Any, bytes]]:
    """Oldest plan first, so the superseded target's row points at a later id (loaded in a second pass)."""
    lathe = "turnover of the lathe sector"
    share = "数控机床产值占比"
    return [
        _brief("lathes-2016", "2016-05-03", "Lathe plan", OLD_POINT,
               (_goal(OLD_POINT, "CNY 400 billion", lathe, 4e11, "CNY", 2020),), bodies=("MIIT",)),
        _brief("lathes-2021", "2021-11-30", HOSTILE_HEADLINE, NEW_POINT,
               (_goal(NEW_POINT, "CNY 900 billion", lathe, 9e11, "CNY", 2025),), companies=("Acme Lathe",),
               sectors=("machinery",), text=HOSTILE_TEXT),
        _article("lathes-2020-result", "Lathe sector results", OUTCOME, "2021-02-01"),
        _policy("cnc-draft", "关于推动数控机床高质量发展的通知（征求意见稿）", DRAFT_TEXT,
                (_goal(DRAFT_TEXT, "45%", share, 45.0, "percent", 2027, language="zh", field="text", draft=True),),
                "2022-03-01", draft=True),
        _policy("cnc-final", CNC_TITLE, FINAL_TEXT,
                (_goal(FINAL_TEXT, "50%", share, 50.0, "percent", 2027, language="zh", field="text"),),
                "2022-09-01"),
        _brief("cnc-news", "2022-09-20", "MIIT pushes CNC machine tools", "The final notice raises the share.",
               (), document=DocumentRef(title_zh=CNC_TITLE, bodies=("MIIT",), date="2022-09-01"), bodies=("MIIT",)),
        _brief("robots-2023", "2023-01-09", "Robot density goal", DENSITY_POINT,
               (_goal(DENSITY_POINT, "12.345678901234567", "robot density", 12.345678901234567, "units", 2026),)),
        _brief("robots-2024", "2024-06-18", "Robot density goal raised", LATER_DENSITY_POINT,
               (_goal(LATER_DENSITY_POINT, "20", "robot density", 20.0, "units", 2030),)),
    ]


def populate(store: Store) -> None:
    """Watch first (alerts are raised at ingest), then the samples and the hand-made documents, then a
    published brief."""
    with reading(store) as conn:
        add_watch(conn, "lathes", WatchSpec(text="lathe"), webhook_url="http://127.0.0.1:9/hook",
                  secret="fixed-for-tests", email="desk@example.org")
    report = ingest_files(store, list(iter_files([SAMPLES])))
    assert not report.failed, report.failed
    for record, raw in made_documents():
        store.ingest(record, raw)
    with reading(store) as conn:
        conn.execute("INSERT INTO published (created_at, draft_json) VALUES (?, ?)",
                     ("2024-01-02T03:04:05+00:00", json.dumps({"title": "Desk draft", "entries": []})))
