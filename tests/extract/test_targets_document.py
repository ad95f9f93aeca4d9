"""`extract_document_targets` on whole texts written for these tests: bullets under lead-ins, years carried
from paragraph openings, plan periods from titles, restated goals, statistics, company news, spans."""

from __future__ import annotations

from policywatch.extract.targets import extract_document_targets, plan_period_of
from policywatch.records import Target

ARTICLE = """Ministries publish charging plan
BEIJING, May 3 (Xinhua) -- China will build chargers for more than 20 million electric vehicles by 2025.
The country had 5.2 million charging points at the end of 2022, up 100 percent year on year.
By 2025, public charging piles should reach 4 million. Average charging time should be cut by 30 percent.
Key targets for 2027 include:
• Raise the share of renewable power to 40 percent of total generation
• Install 50 GW of offshore wind capacity, up from 30 GW in 2022
The plan was drafted by 12 ministries and covers 31 provinces.
Electric vehicle sales rose 35 percent to 9.5 million units last year.
A carmaker's joint venture announced plans to invest CNY 20 billion by 2026.
Chargers for more than 20 million electric vehicles should be built by 2025, officials said.
"""

NOTICE = """关于加快充电基础设施建设的指导意见
二、主要目标
到2025年，全国充电基础设施数量达到2000万台以上。
（一）城市公共充电桩平均服务半径缩小到1公里以内。
（二）新建居住社区充电设施100%覆盖。
2022年，全国新增充电基础设施259.3万台，同比增长近100%。
截至2022年底，全国累计建成充电基础设施521万台。
“十四五”期间，培育10家以上龙头企业。
"""


def _keys(targets: tuple[Target, ...]) -> list[tuple[float, str, int | None, str]]:
    return [(t.value, t.unit, t.year, t.year_source) for t in targets if not t.corporate]


def test_article_goals_and_nothing_else() -> None:
    assert _keys(extract_document_targets(ARTICLE)) == [
        (2e7, "vehicles", 2025, "sentence"),
        (4e6, "piles", 2025, "sentence"),
        (30, "percent", 2025, "lead_in"),  # the year of the sentence that opens "By 2025,"
        (40, "percent", 2027, "lead_in"),
        (50, "GW", 2027, "lead_in"),
    ]


def test_article_spans_point_into_the_document() -> None:
    for t in extract_document_targets(ARTICLE):
        quoted = ARTICLE[t.span[0] : t.span[1]]
        assert any(c.isdigit() for c in quoted) and quoted in t.text


def test_bullet_keeps_its_baseline_and_text_loses_its_marker() -> None:
    wind = next(t for t in extract_document_targets(ARTICLE) if t.unit == "GW")
    assert wind.text.startswith("Install 50 GW")
    assert wind.baseline is not None and (wind.baseline.value, wind.baseline.year) == (30, 2022)
    assert wind.metric == "offshore wind capacity"


def test_company_plan_is_kept_but_marked_corporate() -> None:
    corporate = [t for t in extract_document_targets(ARTICLE) if t.corporate]
    assert [(t.value, t.unit, t.year) for t in corporate] == [(2e10, "CNY", 2026)]


def test_chinese_notice_carries_the_year_to_its_items() -> None:
    found = extract_document_targets(NOTICE, title="关于加快充电基础设施建设的指导意见（2023—2025年）")
    assert [(t.value, t.unit, t.comparator, t.year) for t in found] == [
        (2e7, "units", ">=", 2025),
        (1, "km", "<=", 2025),
        (100, "percent", "=", 2025),
        (10, "enterprises", ">=", 2025),
    ]
    assert all(t.language == "zh" for t in found)
    assert found[1].metric == "城市公共充电桩平均服务半径"


def test_bilingual_text_keeps_both_languages() -> None:
    text = "By 2025, the share of non-fossil energy should reach 20%.\n到2025年，非化石能源消费比重达到20%左右。\n"
    found = extract_document_targets(text)
    assert [(t.value, t.comparator, t.language) for t in found] == [(20, "=", "en"), (20, "~", "zh")]


def test_draft_title_marks_every_target() -> None:
    found = extract_document_targets("到2025年，新能源汽车新车销量占比达到25%。", title="发展规划（征求意见稿）")
    assert [(t.value, t.draft) for t in found] == [(25, True)]


def test_plan_period_is_the_last_resort() -> None:
    text = "Key targets are:\n- Create 30 application benchmarks in each focus area\n"
    (t,) = extract_document_targets(text, title="Action Plan (2023-2025)")
    assert (t.year, t.year_source) == (2025, "plan_period")


def test_plan_period_of_titles() -> None:
    assert plan_period_of("虚拟现实与行业应用融合发展行动计划（2022—2026年）") == (2022, 2026)
    assert plan_period_of("Action Plan (2022-2026)") == (2022, 2026)
    assert plan_period_of("Guiding Opinions") is None
