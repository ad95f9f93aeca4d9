"""extract_outcomes: sentence → achieved values with a year; forward-looking statements are never outcomes."""

from __future__ import annotations

import pytest

from policywatch.extract.outcomes import extract_outcomes

# sentence → [(value, unit, year, kind, direction, comparator, metric)]
CASES: list[tuple[str, list[tuple[float, str, int, str, str | None, str, str]]]] = [
    ("In 2025, high-value invention patents per 10,000 people reached 16.",
     [(16.0, "", 2025, "level", None, "=", "high-value invention patents per 10,000 people")]),
    ("By the end of 2025 the number stood at 16.", [(16.0, "", 2025, "level", None, "=", "number")]),
    ("2025年，全国每万人口高价值发明专利拥有量达到16件。",
     [(16.0, "items", 2025, "level", None, "=", "全国每万人口高价值发明专利拥有量")]),
    ("截至2025年底，每万人口高价值发明专利拥有量已达16件。",
     [(16.0, "items", 2025, "level", None, "=", "每万人口高价值发明专利拥有量")]),
    ("到2025年底，已累计建成充电桩500万个。", [(5e6, "items", 2025, "level", None, "=", "充电桩")]),
    ("NEV sales reached 12.9 million units in 2024.", [(12.9e6, "units", 2024, "level", None, "=", "NEV sales")]),
    ("In 2024, the share of NEVs in new car sales rose from 25.6 percent to 40.9 percent.",
     [(40.9, "percent", 2024, "level", "increase", "=", "share of NEVs in new car sales")]),
    ("Energy consumption per unit of GDP fell by 13.5 percent in 2025 compared with 2020.",
     [(13.5, "percent", 2025, "change", "decrease", "=", "Energy consumption per unit of GDP")]),
    ("2025年，单位GDP能耗比2020年下降了13.5%。", [(13.5, "percent", 2025, "change", "decrease", "=", "单位GDP能耗")]),
    ("In 2025 output exceeded CNY 1 trillion.", [(1e12, "CNY", 2025, "level", None, ">", "output")]),
    ("2023年，软件业务收入突破12万亿元。", [(1.2e13, "CNY", 2023, "level", None, ">", "软件业务收入")]),
    ("Exports grew 8 percent in 2023.", [(8.0, "percent", 2023, "change", "increase", "=", "Exports")]),
    ("2024年，新能源汽车新车销量占比达到40.9%，预计2025年将超过50%。",
     [(40.9, "percent", 2024, "level", None, "=", "新能源汽车新车销量占比")]),
    # the year is carried to a later clause, and so is the metric
    ("到2025年，每万人口高价值发明专利拥有量达到12件，2020年为6.3件。",
     [(6.3, "items", 2020, "level", None, "=", "每万人口高价值发明专利拥有量")]),
    ("The plan aims to raise the figure to 12 by 2025, and it reached 9 in 2021.",
     [(9.0, "", 2021, "level", None, "=", "it")]),
    ("2025年，全国累计建成5G基站450万个，每万人拥有5G基站32个。",
     [(4.5e6, "items", 2025, "level", None, "=", "全国累计5G基站"),
      (32.0, "items", 2025, "level", None, "=", "每万人5G基站")]),
]

# forward-looking statements, deadlines, periods and dates without a reported value: never outcomes
TRAPS = [
    "By 2025, high-value invention patents per 10,000 people will reach 12.",
    "By 2025, the number of high-value invention patents per 10,000 people should reach 12.",
    "The plan aims for 12 high-value invention patents per 10,000 people in 2025.",
    "Patents per 10,000 people are expected to reach 16 in 2025.",
    "China is set to reach 16 patents per 10,000 people in 2025.",
    "The target for 2025 is 12 patents per 10,000 people.",
    "到2025年，每万人口高价值发明专利拥有量达到12件。",
    "力争到2025年，每万人口高价值发明专利拥有量达到12件。",
    "预计2025年，新能源汽车新车销量占比达到50%。",
    "2025年新能源汽车新车销售占比将达25%",
    "到2025年，建成充电桩500万个。",
    "2021—2025年，累计培育专精特新企业1万家。",
    "2023年以来，销量达到100万辆。",
    "The plan was issued in 2021 by 12 ministries.",
    "2020年11月10日10:32 来源：人民网",
    "High-value invention patents per 10,000 people reached 16.",  # no year
    "要确保2025年研发投入强度达到3%。",
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_outcomes(sentence: str, expected: list[tuple[float, str, int, str, str | None, str, str]]) -> None:
    found = extract_outcomes(sentence, field="text")
    assert [(o.value, o.unit, o.year, o.kind, o.direction, o.comparator, o.metric) for o in found] == expected
    for outcome in found:
        assert outcome.field == "text" and outcome.text == sentence
        assert sentence[outcome.span[0] : outcome.span[1]].startswith(("1", "2", "3", "4", "5", "6", "8", "9",
                                                                         "C"))


@pytest.mark.parametrize("sentence", TRAPS)
def test_forward_looking_and_undated_statements_are_not_outcomes(sentence: str) -> None:
    assert extract_outcomes(sentence) == ()


def test_spans_point_into_a_longer_text_and_traditional_characters_fold() -> None:
    text = "前言。\n2025年，全國每萬人口高價值發明專利擁有量達到16件。其他內容。"
    (outcome,) = extract_outcomes(text)
    assert text[outcome.span[0] : outcome.span[1]] == "16件"
    assert outcome.text == "2025年，全國每萬人口高價值發明專利擁有量達到16件。"
    assert outcome.language == "zh" and outcome.year == 2025


def test_several_sentences() -> None:
    text = ("In 2024, NEV sales reached 12.9 million units. By 2027 they will reach 20 million units. "
            "In 2025, exports rose to 2 million units.")
    assert [(o.value, o.year) for o in extract_outcomes(text)] == [(12.9e6, 2024), (2e6, 2025)]
