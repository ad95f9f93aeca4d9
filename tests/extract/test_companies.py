"""Companies in text: registry names anywhere, unknown firms only where a sentence treats them as firms."""

from __future__ import annotations

import random
import re
from pathlib import Path
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest

from policywatch.extract import companies
from policywatch.extract import company_patterns as cp
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


# --- the fast paths find exactly what the plain patterns find ---------------------------------------------

# The capitalised-run pattern as first written: its look-behind first, which makes the regex engine try every
# offset. The shipped one has the look-behind after the first capital.
_PLAIN_CAPITALISED_RUN = re.compile(
    r"(?<![\w'’.-])(?:[A-Z][\w&'’.-]*)(?:\s+(?:[A-Z][\w&'’.-]*|&|de|von|van|der)(?=[\s,;:.)'’]|$))*"
    r"(?:,?\s+(?:Co\.,?\s+)?(?:Ltd|Inc|Limited|LLC)\.?)?"
)
_ALPHABET = ["A", "b", "Co", ".", "!", "?", " ", "  ", "\n", "\n\n", "。", "；", ";", "“", "(", "’", "-", "3",
             "Ltd", ",", "de", "&", "U.S.", "Inc"]


def _random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 25))) for _ in range(count)]


def test_sentence_breaks_equal_a_full_scan() -> None:
    for text in _random_texts(1, 3000):
        found = [(m.span(), m.group()) for m in companies._sentence_breaks(text)]
        assert found == [(m.span(), m.group()) for m in companies._SENTENCE_BREAK.finditer(text)], text


def test_abbreviation_test_looks_only_at_the_end() -> None:
    for text in _random_texts(2, 3000):
        for end in range(len(text) + 1):
            expected = companies._ABBREVIATION_END.search(text[:end]) is not None
            assert companies._ends_with_abbreviation(text, 0, end) == expected, (text, end)


def test_capitalised_runs_equal_the_plain_pattern() -> None:
    for text in _random_texts(3, 3000):
        found = [m.span() for m in cp.CAPITALISED_RUN.finditer(text, 1)]
        assert found == [m.span() for m in _PLAIN_CAPITALISED_RUN.finditer(text, 1)], text


def _first_words(items: list[tuple[Any, Any]], prefix: str = "") -> set[str]:
    """The lowercase first words of every string a parsed regex can match (a sketch that knows the few node
    kinds CORPORATE_SENTENCE uses; anything else ends the word)."""
    prefixes = {prefix}
    for op, av in items:
        prefixes = {grown for before in prefixes for grown in _grow(op, av, before)}
    return {re.match(r"[A-Za-z0-9]*", p).group().lower() for p in prefixes}  # type: ignore[union-attr]


def _grow(op: Any, av: Any, before: str) -> set[str]:
    if op is sre_constants.LITERAL:
        return {before + chr(av)}
    if op is sre_constants.AT:
        return {before}
    if op is sre_constants.SUBPATTERN:
        return _first_words(av[3], before)
    if op is sre_constants.BRANCH:
        return {word for alternative in av[1] for word in _first_words(alternative, before)}
    if op is sre_constants.IN and all(kind is sre_constants.LITERAL for kind, _ in av):
        return {before + chr(char) for _, char in av}
    if op is sre_constants.MAX_REPEAT and av[:2] == (0, 1):
        return {before} | _first_words(av[2], before)
    return {before + " "}  # a repeat or class: the first word has ended


def test_corporate_sentence_words_are_every_first_word_of_the_pattern() -> None:
    words = _first_words(list(sre_parse.parse(cp.CORPORATE_SENTENCE.pattern)))
    assert words == set(cp.CORPORATE_SENTENCE_WORDS)


def test_corporate_sentence_test_equals_a_search() -> None:
    sentences = [c[0] for c in CASES] + ["The plant opened.", "Orders grew", "A joint\nventure", "joints"]
    for sentence in sentences:
        starts = companies._corporate_word_starts(sentence)
        expected = bool(cp.CORPORATE_SENTENCE.search(sentence))
        assert companies._is_corporate(sentence, (0, len(sentence)), starts) == expected, sentence
