"""Hand-built records for the ledger tests (our own sentences), and helpers to store and snapshot them."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace
from typing import Any

from policywatch.records import Article, Baseline, Brief, Entry, Period, Policy, Source, Target
from policywatch.store import Store


def _source(name: str, raw: bytes, fmt: str = "text") -> Source:
    return Source(path=f"/in/{name}", sha256=hashlib.sha256(raw).hexdigest(), format=fmt, size=len(raw))


def target(text: str, metric: str, value: float, unit: str, year: int | None, **fields: Any) -> Target:
    """A target stated in `text`; the span points at the first occurrence of the value as written."""
    written = fields.pop("written", f"{value:g}")
    start = max(text.find(written), 0)
    return Target(text=text, span=(start, start + len(written)), metric=metric, value=value, unit=unit,
                  year=year, **fields)


def brief(name: str, published: str, entries: list[Entry]) -> tuple[Brief, bytes]:
    raw = f"brief {name} {published}".encode()
    record = Brief(series="China Industries", title=f"Brief {name}", published=published,
                   period=Period(published, published), contents=(), entries=tuple(entries), people=(),
                   truncated=False, source=_source(f"{name}.txt", raw))
    return record, raw


def entry(headline: str, point: str, targets: tuple[Target, ...], *, bodies: tuple[str, ...] = (),
          sectors: tuple[str, ...] = (), date: str | None = None) -> Entry:
    return Entry(section="top", rank=1, headline=headline, key_points=(point,), targets=targets, bodies=bodies,
                 sectors=sectors, date=date)


def policy(name: str, title: str, text: str, targets: tuple[Target, ...], *, written: str | None,
           draft: bool = False, bodies: tuple[str, ...] = ()) -> tuple[Policy, bytes]:
    raw = f"policy {name} {text}".encode()
    record = Policy(title_zh=title, source=_source(f"{name}.txt", raw), date_written=written, is_draft=draft,
                    targets=targets, text=text, bodies=bodies)
    return record, raw


def article(name: str, title: str, text: str, targets: tuple[Target, ...] = (), *,
            published: str | None, language: str = "en") -> tuple[Article, bytes]:
    raw = f"article {name} {text}".encode()
    record = Article(title=title, source=_source(f"{name}.txt", raw), published=published, targets=targets,
                     text=text, language=language)
    return record, raw


# ---- the goals -----------------------------------------------------------------------------------------------

NEV_EN_POINT = "By 2025, new energy vehicles are to make up about 20 percent of all new car sales."
NEV_EN = target(NEV_EN_POINT, "share of new car sales", 20.0, "percent", 2025, comparator="~",
                field="key_points[0]")
NEV_ZH_TEXT = "规划提出，到2025年，新能源汽车新车销售量达到汽车新车销售总量的20%左右。"
NEV_ZH = target(NEV_ZH_TEXT, "新能源汽车新车销售量占比", 20.0, "percent", 2025, comparator="~", language="zh",
                field="text", written="20%")

DRAFT_TEXT = "征求意见稿提出，到2025年，新能源汽车新车销量占比达到25%，智能网联汽车新车销量占比达到30%。"
DRAFT_NEV = target(DRAFT_TEXT, "新能源汽车新车销量占比", 25.0, "percent", 2025, language="zh", field="text",
                   draft=True, written="25%")
DRAFT_ICV = target(DRAFT_TEXT, "智能网联汽车新车销量占比", 30.0, "percent", 2025, language="zh", field="text",
                   draft=True, written="30%")

PATENT_POINT = "By 2025, the number of high-value invention patents per 10,000 people should reach 12."
PATENT_EN = target(PATENT_POINT, "high-value invention patents per 10,000 people", 12.0, "patents", 2025,
                   comparator=">=", field="key_points[0]")

ENERGY_TEXT = "到2025年，单位工业增加值能耗比2020年下降13.5%。"
ENERGY_ZH = target(ENERGY_TEXT, "单位工业增加值能耗", 13.5, "percent", 2025, kind="change", direction="decrease",
                   baseline=Baseline(year=2020), language="zh", field="text", written="13.5%")

EMISSIONS_POINT = "By 2025, sulphur dioxide emissions per plant should fall to no more than 40 tonnes."
EMISSIONS_EN = target(EMISSIONS_POINT, "sulphur dioxide emissions per plant", 40.0, "tonnes", 2025,
                      comparator="<=", direction="decrease", field="key_points[0]")

OUTPUT_POINT = ("By 2025, the output value of the robot industry should reach CNY 1 trillion, almost twice the "
                "2020 figure.")
OUTPUT_EN = target(OUTPUT_POINT, "output value of the robot industry", 1e12, "CNY", 2025,
                   baseline=Baseline(year=2020, factor=2.0, approximate=True), field="key_points[0]",
                   written="CNY 1 trillion")


def nev_brief(name: str = "nev", published: str = "2020-11-20") -> tuple[Brief, bytes]:
    return brief(name, published, [entry("State Council issues NEV plan", NEV_EN_POINT, (NEV_EN,),
                                         bodies=("GOSC",), sectors=("automotive",))])


def nev_final(written: str = "2020-10-20") -> tuple[Policy, bytes]:
    return policy("nev-final", "新能源汽车产业发展规划（2021—2035年）", NEV_ZH_TEXT, (NEV_ZH,), written=written,
                  bodies=("GOSC",))


def nev_draft(written: str = "2019-12-03") -> tuple[Policy, bytes]:
    return policy("nev-draft", "新能源汽车产业发展规划（2021—2035年）（征求意见稿）", DRAFT_TEXT,
                  (DRAFT_NEV, DRAFT_ICV), written=written, draft=True, bodies=("MIIT",))


def patent_brief(value: float = 12.0, comparator: str = ">=") -> tuple[Brief, bytes]:
    point = PATENT_POINT.replace("12", f"{value:g}")
    goal = replace(PATENT_EN, text=point, value=value, comparator=comparator)  # type: ignore[arg-type]
    return brief(f"patents-{value:g}-{comparator}", "2021-10-15",
                 [entry("IPR guidelines set 2025 targets", point, (goal,), bodies=("CNIPA",))])


def outcome_article(name: str, text: str, published: str = "2026-03-01", language: str = "en") -> tuple[Article,
                                                                                                        bytes]:
    return article(name, f"Statistics release {name}", text, published=published, language=language)


def ingest(store: Store, *documents: tuple[Any, bytes]) -> None:
    for record, raw in documents:
        store.ingest(record, raw)


def ledger_snapshot(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """The ledger independent of ids and ingest order: each target's fields, its sources and events by
    document title."""
    titles = dict(conn.execute("SELECT id, title FROM records"))
    snapshot = []
    for row in conn.execute("SELECT id, unit_class, year, metric, value, status, corporate, draft FROM ledger_targets"):
        sources = sorted((titles[r[0]], r[1], r[2], r[3]) for r in conn.execute(
            "SELECT record_id, role, sentence, value FROM ledger_sources WHERE ledger_target_id = ?", (row[0],)))
        events = [(e[0], e[1], titles.get(e[2]), e[3], e[4]) for e in conn.execute(
            "SELECT event, event_date, record_id, value, previous_value FROM ledger_events"
            " WHERE ledger_target_id = ? ORDER BY position", (row[0],))]
        snapshot.append((*row[1:], tuple(sources), tuple(events)))
    return sorted(snapshot, key=repr)


def table_rows(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every ledger table's rows, ids included (for idempotency checks)."""
    tables = ("ledger_documents", "ledger_outcomes", "ledger_targets", "ledger_sources", "ledger_events")
    return {t: sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {t}")) for t in tables}
