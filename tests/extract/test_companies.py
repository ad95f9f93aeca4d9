"""Companies in text: registry names anywhere, unknown firms only where a sentence treats them as firms."""

from __future__ import annotations

from pathlib import Path

import pytest

from policywatch.extract.companies import extract_companies

CASES = [
    # corporate news lines of a brief (facts from a MERICS edition, worded afresh)
    (
        "Shell, Sinopec, Baowu and BASF signed a Memorandum of Understanding on CCUS (Shell press release)",
        ("Shell", "Sinopec", "China Baowu", "BASF"),
    ),
    (
        "General Motors' China JV with SAIC Motor announced plans to invest CNY 20 billion (Yicai article)",
        ("General Motors", "SAIC Motor"),
    ),
    (
        "French and Chinese carmakers Renault and Geely announced a non-binding deal on hybrid powertrains",
        ("Renault", "Geely"),
    ),
    (
        "State-owned China Aviation Supplies announced plans to buy 140 aircraft from Airbus (Yicai article)",
        ("China Aviation Supplies", "Airbus"),
    ),
    (
        "BASF opened a surface-treatment plant in Pinghu, China; the German firm also opened a centre",
        ("BASF",),
    ),
    (
        "11 central SOEs, including Baowu and COFCO, announced projects (Economic Information Daily article)",
        ("China Baowu", "COFCO"),
    ),
    (
        "BMW's China JV with Brilliance Automotive announced a battery plan in Shenyang (Electrive article)",
        ("BMW", "Brilliance Automotive"),
    ),
    # registry aliases in both languages
    ("宁德时代和比亚迪扩大产能，华为发布新品", ("CATL", "BYD", "Huawei")),
    ("Contemporary Amperex Technology and Tesla", ("CATL", "Tesla")),
    ("CNNC is a state-owned company, not a government body", ("CNNC",)),
    # unknown firms, by what the sentence does with them
    ("Acme Robotics and Huawei partnered on humanoid robots", ("Acme Robotics", "Huawei")),
    ("In November, Foo Motors announced a new plant in Hefei", ("Foo Motors",)),
    (
        "Zeekr Intelligent Technology Co., Ltd. filed for a listing in New York",
        ("Zeekr Intelligent Technology",),
    ),
    ("The battery maker Qilin Cells will supply Volkswagen", ("Qilin Cells", "Volkswagen")),
    ("北京某某科技有限公司与中国移动签署协议", ("北京某某科技有限公司", "China Mobile")),
    # ambiguous aliases need a corporate sentence
    ("SAIC and Volkswagen signed a new agreement", ("SAIC Motor", "Volkswagen")),
    ("GAC Motor opened a plant in Guangzhou", ("GAC Group",)),
    ("Tourists visited the Great Wall on Monday", ()),
    ("Total output rose by 5 percent", ()),
    # never companies: bodies, places, months, media, people, generic words
    ("The People's Bank of China cut rates; 中国银行保险监督管理委员会 issued rules", ()),
    ("The European Commission launched an investigation in September", ()),
    ("Authorities said the JV will help SOEs and EV makers adopt CCUS", ()),
    ("Premier Li Keqiang said the plan is sound, Xinhua reported", ()),
    ("Senior Analyst Jane Doe said Beijing wants growth", ()),
    ("In Shenyang, Beijing and Europe, demand grew in March", ()),
    ("The Central Economic Work Conference (CEWC) listed eight priorities", ()),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_extract_companies(text: str, expected: tuple[str, ...]) -> None:
    assert extract_companies(text) == expected


def test_order_of_first_mention_without_duplicates() -> None:
    assert extract_companies("Airbus beat Boeing. Later Boeing and 空客 talked.") == ("Airbus", "Boeing")


@pytest.mark.shared
def test_policy_texts_name_few_companies(shared_dir: Path) -> None:
    """Policy texts should not sprout firms: at most a handful in the whole corpus are not registry names."""
    from policywatch.registry.companies import lookup_company

    unknown = set()
    for path in sorted((shared_dir / "corpus").glob("*/*.txt")):
        unknown |= {
            name for name in extract_companies(path.read_text("utf-8")) if lookup_company(name) is None
        }
    assert len(unknown) <= 3, unknown
