"""Shared test data of the web tests: hostile records for the XSS tests (every text field a page may show holds
markup), the samples folder and the write token."""

from __future__ import annotations

import hashlib
from pathlib import Path

from policywatch.records import Brief, DocumentRef, Entry, Period, Person, Policy, Source, Target

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TOKEN = "test-write-token"  # the write token of the writable test apps
PAYLOAD = "<script>alert(1)</script>"
IMG_PAYLOAD = '<img src=x onerror="alert(2)">'
PROBE = "xssprobe"  # a word the search tests look for
HOSTILE_BODY = f"Bureau {IMG_PAYLOAD}"


def _source(name: str, raw: bytes, fmt: str) -> Source:
    return Source(path=f"/uploads/{name}", sha256=hashlib.sha256(raw).hexdigest(), format=fmt, size=len(raw))


def hostile_brief() -> tuple[Brief, bytes]:
    point = f"Raise output to 50 GW by 2030 {PAYLOAD}"
    target = Target(text=point, span=(18, 23), metric=f"output {PAYLOAD}", value=50.0, unit="GW", year=2030,
                    field="key_points[0]", direction="increase")
    top = Entry(
        section="top", rank=1, headline=f"Headline {PROBE} {PAYLOAD}", summary=f"Summary {PROBE} {IMG_PAYLOAD}",
        key_points=(point,), comment=(f"Comment {PAYLOAD}",), date="2024-05-02",
        document=DocumentRef(title_en=f"Plan {PAYLOAD}", title_zh=f"方案{PAYLOAD}", bodies=(HOSTILE_BODY, "MIIT"),
                             date="2024-05-01", url="javascript:alert(3)"),
        bodies=(HOSTILE_BODY, "MIIT"), companies=(PAYLOAD,), sectors=(f"sector {PAYLOAD}",), targets=(target,),
    )
    news = Entry(section="policy_news", rank=None, headline=f"News {PROBE} {PAYLOAD}",
                 text=f"News {PROBE} {PAYLOAD}", source_label=PAYLOAD, date="2024-05-03")
    raw = f"hostile brief {PAYLOAD}".encode()
    brief = Brief(series=f"Series {PAYLOAD}", title=f"Title {PROBE} {PAYLOAD}", published="2024-05-10",
                  period=Period("2024-04-01", "2024-04-30"), contents=(PAYLOAD,), entries=(top, news),
                  people=(Person(name=PAYLOAD, role=PAYLOAD, group="author"),), truncated=False,
                  source=_source(f"brief {PAYLOAD}.html", raw, "html"))
    return brief, raw


def hostile_policy() -> tuple[Policy, bytes]:
    raw = f"hostile policy {PAYLOAD}".encode()
    policy = Policy(title_zh=f"关于{PAYLOAD}的通知", title_en=f"Notice {PROBE} {PAYLOAD}", doc_number=PAYLOAD,
                    bodies=("MIIT", HOSTILE_BODY), date_published="2024-05-05", doc_form="通知",
                    text=f"正文 {PROBE} {PAYLOAD} 第二段 {IMG_PAYLOAD}", source=_source("policy.txt", raw, "text"))
    return policy, raw


def hostile_records() -> list[tuple[Brief | Policy, bytes]]:
    """The records to ingest directly (the pipeline would not produce some of these values)."""
    return [hostile_brief(), hostile_policy()]
