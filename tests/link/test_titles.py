"""Title matching, table-driven: a brief's quote of a title (left) against the title a document carries."""

from __future__ import annotations

import pytest

from policywatch.link.titles import (
    bigram_dice,
    doc_numbers_in,
    match_english_titles,
    match_titles,
    numbers_conflict,
    same_doc_number,
    title_forms,
    truncation_coverage,
)

LITHIUM = "关于做好锂离子电池产业链供应链协同稳定发展工作的通知"
IP_SMES = "关于知识产权助力专精特新中小企业创新发展若干措施的通知"

# (quoted title, document title, expected method or None, lowest score, highest score)
CASES = [
    ("same text", LITHIUM, LITHIUM, "exact", 1.0, 1.0),
    ("spacing only", "“十四五” 技术要素市场专项规划", "“十四五”技术要素市场专项规划", "exact", 1.0, 1.0),
    ("quote styles", "「十四五」技术要素市场专项规划", '"十四五"技术要素市场专项规划', "normalised", 0.95, 0.95),
    ("full width", "关于开展２０２４年试点工作的通知", "关于开展2024年试点工作的通知", "normalised", 0.95, 0.95),
    ("book-title marks", "《新能源汽车产业发展规划》", "新能源汽车产业发展规划", "normalised", 0.95, 0.95),
    ("traditional", "關於做好鋰離子電池產業鏈供應鏈協同穩定發展工作的通知", LITHIUM, "normalised", 0.95, 0.95),
    ("brackets", "虚拟现实与行业应用融合发展行动计划 (2022—2026 年)",
     "虚拟现实与行业应用融合发展行动计划（2022—2026年）", "normalised", 0.95, 0.95),
    ("issuer prefix", IP_SMES, "国家知识产权局 工业和信息化部" + IP_SMES, "normalised", 0.92, 0.92),
    ("issuer prefix, traditional", IP_SMES,
     "國家知識產權局 工業和信息化部關於知識產權助力專精特新中小企業創新發展若干措施的通知", "normalised", 0.92, 0.92),
    ("plan inside 印发《》", "“十四五” 技术要素市场专项规划", "科技部关于印发《“十四五”技术要素市场专项规划》的通知",
     "normalised", 0.92, 0.92),
    ("unnamed issuers 五部门", "虚拟现实与行业应用融合发展行动计划（2022—2026年）",
     "五部门关于印发《虚拟现实与行业应用融合发展行动计划（2022—2026年）》的通知", "normalised", 0.92, 0.92),
    ("truncated by one character", LITHIUM[:-1], LITHIUM, "normalised", 0.86, 0.90),
    ("truncated, issuer prefix", LITHIUM[:-1], "工业和信息化部办公厅 市场监管总局办公厅" + LITHIUM,
     "normalised", 0.86, 0.90),
    ("near-duplicate wording", "关于加快推动工业资源综合利用的实施方案", "加快推动工业资源综合利用实施方案",
     "fuzzy", 0.80, 0.99),
    ("truncated too much", LITHIUM[:12], LITHIUM, None, 0, 0),
    ("forwarding notice is not the original", "关于推进5G轻量化技术演进和应用创新发展的通知",
     "浙江省经济和信息化厅转发工业和信息化部关于推进5G轻量化技术演进和应用创新发展的通知", None, 0, 0),
    ("similar topic, other document", IP_SMES, "知识产权助力产业创新发展行动（2023—2027年）", None, 0, 0),
    ("same body, other plan", "“十四五”软件和信息技术服务业发展规划", "“十四五”信息通信行业发展规划", None, 0, 0),
    ("empty title", "", LITHIUM, None, 0, 0),
]


@pytest.mark.parametrize(("case", "quoted", "carried", "method", "low", "high"), CASES, ids=[c[0] for c in CASES])
def test_match_titles(case: str, quoted: str, carried: str, method: str | None, low: float, high: float) -> None:
    match = match_titles(quoted, carried)
    if method is None:
        assert match is None, match
        return
    assert match is not None
    assert match.method == method
    assert low <= match.score <= high


def test_titles_of_one_series_in_different_years_conflict() -> None:
    match = match_titles("关于开展2022年度智能制造试点示范行动的通知", "关于开展2023年度智能制造试点示范行动的通知")
    assert match is not None and match.method == "fuzzy"
    assert match.conflict == "numbers differ"


def test_issued_titles_from_the_parser_count_as_forms() -> None:
    match = match_titles("工业领域数据安全能力提升实施方案", "工业和信息化部印发通知",
                         b_issued=["工业领域数据安全能力提升实施方案"])
    assert match is not None and match.method == "normalised"


def test_title_forms() -> None:
    forms = title_forms("工业和信息化部等五部门关于印发《虚拟现实与行业应用融合发展行动计划》的通知")
    assert [f.kind for f in forms] == ["title", "without issuer", "issued document"]
    assert forms[2].key == "虚拟现实与行业应用融合发展行动计划"


def test_truncation_coverage_needs_a_prefix_of_eight_characters() -> None:
    assert truncation_coverage("关于做好锂离子", "关于做好锂离子电池") is None  # 7 characters
    assert truncation_coverage("关于做好锂离子电池", "关于做好锂离子电池工作") == pytest.approx(9 / 11)
    assert truncation_coverage("电池产业链供应链工作", "关于做好锂离子电池产业链供应链工作") is None  # not a prefix


def test_bigram_dice_bounds() -> None:
    assert bigram_dice("锂离子电池", "锂离子电池") == 1.0
    assert bigram_dice("锂离子电池", "稀土管理") == 0.0
    assert 0 < bigram_dice("锂离子电池产业", "锂离子电池行业") < 1


@pytest.mark.parametrize(("a", "b", "conflict"), [
    ("第四批专精特新小巨人名单", "第五批专精特新小巨人名单", True),
    ("2024年本", "2021年本", True),
    ("行动计划", "行动计划（2022—2026年）", False),  # one side has no numbers: nothing to compare
    ("２０２４年工作要点", "2024年工作要点", False),  # full-width digits fold
])
def test_numbers_conflict(a: str, b: str, conflict: bool) -> None:
    assert numbers_conflict(a, b) is conflict


@pytest.mark.parametrize(("a", "b", "method"), [
    ("Notice on Strengthening the Management of Rare Earth Trade", "notice on strengthening the management of "
     "rare-earth trade", "normalised"),
    ("Guiding Opinions on the Development of Hydrogen Energy Industry Standards",
     "Guiding Opinions on Hydrogen Energy Industry Standards Development", "normalised"),
    ("Action Plan for Computing Power Infrastructure", "Plan for Rare Earth Management Regulations", None),
    ("Plan", "Plan", None),  # too short to tell
])
def test_match_english_titles(a: str, b: str, method: str | None) -> None:
    match = match_english_titles(a, b)
    assert (match.method if match else None) == method


def test_doc_numbers_in_text_and_suffix_match() -> None:
    found = doc_numbers_in("根据工信部联电子〔2022〕148号和国办发[2022] 34号的要求")
    assert found == ("根据工信部联电子〔2022〕148号", "和国办发〔2022〕34号")
    assert same_doc_number(found[0], "工信部联电子〔2022〕148号")
    assert same_doc_number(found[1], "国办发〔2022〕34号")
    assert not same_doc_number(found[1], "国办发〔2022〕3号")
    assert not same_doc_number(found[0], "")
