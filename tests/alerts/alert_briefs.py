"""Hand-built records for the alerts tests (own text; figures as in a real brief)."""

from __future__ import annotations

from policywatch.records import Brief, Entry, Policy, Source, Target

BATTERY_SUMMARY = "Regulators want steadier lithium-ion battery supply chains and fairer raw material prices."


def battery_brief(path: str = "hand/battery-brief.txt") -> Brief:
    """A two-entry brief: entry 1 about technology markets (MOST), entry 2 about batteries (MIIT, SAMR)."""
    first = Entry(section="top", rank=1, headline="Technology markets get a five-year plan",
                  summary="The science ministry plans trading hubs for patents.",
                  key_points=("By 2025, technology contracts should reach 5 trillion CNY",),
                  bodies=("MOST",), sectors=("science_technology",),
                  targets=(Target(text="By 2025, technology contracts should reach 5 trillion CNY",
                                  span=(43, 58), metric="technology contract value", value=5e12, unit="CNY",
                                  year=2025, field="key_points[0]"),))
    second = Entry(section="top", rank=2, headline="Oversight for the 电池 supply chain tightens",
                   summary=BATTERY_SUMMARY, bodies=("MIIT", "SAMR"), sectors=("batteries",),
                   companies=("CATL",))
    return Brief(series="China Industries", title="Hand-built brief", published="2022-12-07", period=None,
                 contents=(), entries=(first, second), people=(), truncated=False,
                 source=Source(path=path, sha256="", format="text"))


def subsidy_policy() -> Policy:
    """A policy with a Chinese title and a 2027 target."""
    return Policy(title_zh="关于支持储能电池产业发展的通知", doc_number="工信部发〔2023〕9号", doc_form="通知",
                  date_published="2023-03-01", bodies=("MIIT",), text="到2027年，产值超过1000亿元。",
                  targets=(Target(text="到2027年，产值超过1000亿元。", span=(11, 18), metric="output", value=1e11,
                                  unit="CNY", year=2027, field="text", language="zh"),),
                  source=Source(path="hand/policy.txt", sha256="", format="text"))
