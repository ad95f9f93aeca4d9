"""Issuing bodies in issuer lines and running text: table-driven cases, then the annotated corpus."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from policywatch.extract import bodies
from policywatch.extract import body_patterns as bp
from policywatch.extract.bodies import BodyMentions, body_spans, extract_bodies, parse_body_list

# Floors measured on ../shared/eval/gold (whole texts vs the top-level "bodies"): 138 of 139 found, no false
# positive. Kept slightly below the measurement so a harmless wording change does not fail the run.
CORPUS_PRECISION_FLOOR = 0.97
CORPUS_RECALL_FLOOR = 0.97
ENTRY_AGREEMENT_FLOOR = 1.0

BODY_LISTS = [
    # (issuer line, ids, unknown, unnamed)
    ("MIIT, MOE, MCT, NRTA and GASC", ("MIIT", "MOE", "MCT", "NRTA", "GASC"), (), 0),
    ("Issuing bodies: CNIPA, MIIT", ("CNIPA", "MIIT"), (), 0),
    ("Issuing body: MOST", ("MOST",), (), 0),
    ("Issuing bodies: MIIT, SAMR", ("MIIT", "SAMR"), (), 0),
    ("工业和信息化部 国家发展改革委 科技部", ("MIIT", "NDRC", "MOST"), (), 0),
    ("工业和信息化部\n国家发展和改革委员会\n科学技术部\n财政部", ("MIIT", "NDRC", "MOST", "MOF"), (), 0),
    ("工业和信息化部、公安部、交通运输部", ("MIIT", "MPS", "MOT"), (), 0),
    ("工业和信息化部，商务部", ("MIIT", "MOFCOM"), (), 0),
    ("发文机关：国家能源局 国家发展改革委 国家数据局", ("NEA", "NDRC", "NDA"), (), 0),
    ("ISSUING AUTHORITIES: NEA, NDRC, NDA", ("NEA", "NDRC", "NDA"), (), 0),
    (
        "Promulgated by: CAC, NDRC, MOE, MOST, MOIIT, MOPS, NRTA",
        ("CAC", "NDRC", "MOE", "MOST", "MIIT", "MPS", "NRTA"),
        (),
        0,
    ),
    ("National Development and Reform\nCommission, National Energy Administration", ("NDRC", "NEA"), (), 0),
    # ambiguous acronyms count in an issuer line
    ("Issuing bodies: CAS, CAE", ("CAS", "CAE"), (), 0),
    ("Issuing bodies: MIIT, Bureau of Fictional Affairs", ("MIIT",), ("Bureau of Fictional Affairs",), 0),
    ("工业和信息化部、某某事务管理局", ("MIIT",), ("某某事务管理局",), 0),
    ("工业和信息化部等四部门", ("MIIT",), (), 3),
    ("MIIT and six other agencies", ("MIIT",), (), 6),
    ("工業和信息化部辦公廳", ("MIIT",), (), 0),
    ("", (), (), 0),
]


@pytest.mark.parametrize(("line", "ids", "unknown", "unnamed"), BODY_LISTS)
def test_parse_body_list(line: str, ids: tuple[str, ...], unknown: tuple[str, ...], unnamed: int) -> None:
    assert parse_body_list(line) == BodyMentions(ids, unknown, unnamed)


FREE_TEXT = [
    # (text, ids, unnamed)
    (
        "The Ministry of Ecology and Environment published a plan for its monitoring satellites",
        ("MEE",),
        0,
    ),
    (
        "The National Development and Reform Commission and National Energy Administration outlined measures",
        ("NDRC", "NEA"),
        0,
    ),
    ("MIIT opened applications for the third batch of pilots", ("MIIT",), 0),
    ("The CSRC and MIIT issued instructions", ("CSRC", "MIIT"), 0),
    ("rules on certification ([MEE notice](#))", ("MEE",), 0),
    ("(MEE notice)", ("MEE",), 0),
    ("MIIT and six other agencies published a roadmap for future industries", ("MIIT",), 6),
    ("Five government agencies led by MIIT released a plan", ("MIIT",), 4),
    ("17 departments including MIIT jointly issued the plan", ("MIIT",), 16),
    ("four departments including China's Ministry of Commerce announced export controls", ("MOFCOM",), 3),
    ("Four central agencies published the plan for carbon peaking in building materials", (), 4),
    (
        "The Central Committee of the Communist Party of China and the State Council issued opinions",
        ("CPCCC", "State Council"),
        0,
    ),
    ("The Chinese Communist Party Central Committee (CCPCC) met", ("CPCCC",), 0),
    (
        "the Chinese Communist Party (CCP)’s Central Committee and State Council released Opinions in April",
        ("CPCCC", "State Council"),
        0,
    ),
    (
        "Opinions of the CPC Central Committee and the State Council on building a unified market",
        ("CPCCC", "State Council"),
        0,
    ),
    ("The Cybersecurity Administration of China published measures", ("CAC",), 0),
    ("The General Office of the State Council issued a circular", ("GOSC",), 0),
    ("The Information Office of China's State Council held a briefing", ("SCIO",), 0),
    (
        "issued by the Leading Small Group on peak carbon emissions and achieving carbon neutrality",
        ("Leading Small Group on Carbon Peaking and Carbon Neutrality",),
        0,
    ),
    (
        "the equipment industry department of the Ministry of industry and information technology",
        ("MIIT",),
        0,
    ),
    ("The MIIT and the Ministry of Natural Resources set quotas", ("MIIT", "MNR"), 0),
    # Chinese, simplified and traditional
    ("国务院办公厅印发《关于促进平台经济规范健康发展的指导意见》", ("GOSC",), 0),
    ("经国务院同意，现印发给你们", ("State Council",), 0),
    ("工业和信息化部、国家发展改革委等八部门近日联合印发实施方案", ("MIIT", "NDRC"), 6),
    ("工业和信息化部等四部门遴选具备量产条件的产品", ("MIIT",), 3),
    ("国家五部委联合发布通知", (), 5),
    ("工業和信息化部辦公廳\n2023年11月29日", ("MIIT",), 0),
    ("工信部原材料工业司有关负责人介绍", ("MIIT",), 0),
    ("中国银行保险监督管理委员会、国家能源局确定了名单", ("CBIRC", "NEA"), 0),
    ("党中央赋予内蒙古的战略定位", ("CPCCC",), 0),
    (
        "经省政府同意，现将安徽省经济和信息化委员会的意见转发你们",
        ("Anhui Provincial Government", "Anhui DEIT"),
        0,
    ),
    ("吉林省工业和信息化厅发布通知", ("Jilin DIIT",), 0),
    ("The Anhui Department of Economy and Information Technology issued a guide", ("Anhui DEIT",), 0),
    ("工信部联节〔2022〕9号", ("MIIT",), 0),
    ("皖经信电子〔2017〕217号", ("Anhui DEIT",), 0),
    ("中国人民银行印发工信部联节〔2022〕9号文件", ("PBOC", "MIIT"), 0),
    ("提交国发〔2015〕28号", ("State Council",), 0),
    ("根据《国务院办公厅关于…的通知》（国办发〔2019〕10号）", ("GOSC",), 0),
    ("Xi spoke at the MIIT-led forum while 工信部 officials listened", ("MIIT",), 0),
    # addressees of a notice are not issuers
    ("各省、自治区、直辖市及计划单列市工业和信息化主管部门、发展改革委：\n现将有关事项通知如下", (), 0),
    ("海关总署:\n  经国务院关税税则委员会审议通过", ("CTCSC",), 0),
    # no body
    ("MERICS analysts see SOE and SME support; EV, IP and AI policy", (), 0),
    ("CAS number 7439-93-2 identifies lithium", (), 0),
    ("CAS researchers said", (), 0),
    ("the Chinese Academy of Sciences (CAS) said CAS would lead", ("CAS",), 0),
    ("MIIT, CAS and CAE experts", ("MIIT", "CAS", "CAE"), 0),
    ("GAC Motor opened a plant", (), 0),
    ("Vice Minister Zhang spoke in a State Council news briefing", (), 0),
    ("Japan's Ministry of Finance and the US Department of Commerce", (), 0),
    ("THE MOST IMPORTANT POINT IS SAFE GROWTH", (), 0),
    ("MOST wants technology to be marketized", ("MOST",), 0),
    ("Beijing and the government want growth; the CCP decided", (), 0),
    ("全国办理业务量增长", (), 0),
    ("各省发改委要加强指导", (), 0),
]


@pytest.mark.parametrize(("text", "ids", "unnamed"), FREE_TEXT)
def test_extract_bodies(text: str, ids: tuple[str, ...], unnamed: int) -> None:
    found = extract_bodies(text)
    assert (found.ids, found.unnamed) == (ids, unnamed)


UNKNOWN = [
    ("The Ministry of Something Else issued rules", ("Ministry of Something Else",)),
    ("The State Oceanographic Bureau of Atlantis and MIIT met", ("State Oceanographic Bureau of Atlantis",)),
    (
        "a station of the Chinese Academy of Agricultural Sciences",
        ("Chinese Academy of Agricultural Sciences",),
    ),
    ("工业和信息化部、国家某某管理局等部门", ("国家某某管理局",)),
    ("The European Commission and Xinhua News Agency reported", ()),
    ("The Department of Equipment Industry of the Ministry of Industry and Information Technology said", ()),
    ("The Ministry said", ()),
]


@pytest.mark.parametrize(("text", "unknown"), UNKNOWN)
def test_unknown_bodies_are_kept_as_written(text: str, unknown: tuple[str, ...]) -> None:
    assert extract_bodies(text).unknown == unknown


def test_ids_keep_order_of_first_mention_without_duplicates() -> None:
    text = "NEA and NDRC said. Later the National Energy Administration and 国家发展改革委 and MIIT agreed."
    assert extract_bodies(text).ids == ("NEA", "NDRC", "MIIT")


def test_body_spans_cover_names() -> None:
    text = "The People's Bank of China and 国务院办公厅"
    assert [text[a:b] for a, b in body_spans(text)] == ["People's Bank of China", "国务院办公厅"]


# --- the annotated corpus -----------------------------------------------------------------------------

_ISSUER_LINE = re.compile(r"^\s*Issuing bod(?:y|ies)\s*:.*$", re.MULTILINE | re.IGNORECASE)
_AT_A_GLANCE = re.compile(r"At a glance\s*:?(.*)", re.IGNORECASE)
_NEXT_ITEM = re.compile(r"^\s*\d\.\s", re.MULTILINE)
_PARAGRAPH = re.compile(r"\S[^\n]{40,}")


def _gold_files(shared_dir: Path) -> list[tuple[dict, str]]:
    files = []
    for path in sorted((shared_dir / "eval" / "gold").glob("*/*.json")):
        gold = json.loads(path.read_text("utf-8"))
        files.append((gold, (shared_dir / "corpus" / gold["file"]).read_text("utf-8")))
    assert files, "no gold annotations"
    return files


def _item_blocks(text: str, headline: str | None) -> Iterator[str]:
    """The text after each printing of an item's headline, up to the next numbered item."""
    if not headline:
        yield text
        return
    for match in re.finditer(re.escape(headline), text):
        rest = text[match.end() :]
        following = _NEXT_ITEM.search(rest)
        yield rest[: following.start()] if following else rest


def _entry_bodies(text: str, headline: str | None) -> tuple[str, ...]:
    """Issuers of a brief item: its "Issuing bodies:" line, else its "At a glance" text, else its lead."""
    blocks = list(_item_blocks(text, headline))
    for block in blocks:
        line = _ISSUER_LINE.search(block)
        if line:
            return parse_body_list(line.group()).ids
        glance = _AT_A_GLANCE.search(block)
        if glance:
            return extract_bodies(glance.group(1)).ids
    lead = next((p for b in blocks if (p := _PARAGRAPH.search(b))), None)
    return extract_bodies(lead.group()).ids if lead else ()


@pytest.mark.shared
def test_brief_entries_get_their_gold_bodies(shared_dir: Path) -> None:
    entries = [(gold["file"], e, text) for gold, text in _gold_files(shared_dir) for e in gold["entries"]]
    wrong = [
        (f, e["bodies"], got)
        for f, e, text in entries
        if list(got := _entry_bodies(text, e["headline"])) != e["bodies"]
    ]
    agreement = 1 - len(wrong) / len(entries)
    assert agreement >= ENTRY_AGREEMENT_FLOOR, wrong


@pytest.mark.shared
def test_whole_texts_precision_and_recall(shared_dir: Path) -> None:
    true_pos = false_pos = false_neg = 0
    for gold, text in _gold_files(shared_dir):
        expected, got = set(gold["bodies"]), set(extract_bodies(text).ids)
        true_pos += len(expected & got)
        false_pos += len(got - expected)
        false_neg += len(expected - got)
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    assert precision >= CORPUS_PRECISION_FLOOR and recall >= CORPUS_RECALL_FLOOR


@pytest.mark.shared
def test_whole_texts_keep_gold_order(shared_dir: Path) -> None:
    """Where every gold body is found, they come in the annotated order of first mention."""
    misordered = []
    for gold, text in _gold_files(shared_dir):
        got = [b for b in extract_bodies(text).ids if b in gold["bodies"]]
        if set(got) == set(gold["bodies"]) and got != gold["bodies"]:
            misordered.append((gold["file"], gold["bodies"], got))
    assert misordered == []


# --- the shortcuts skip only scans that cannot match -------------------------------------------------------

_GROUP_FRAGMENTS = [
    "MIIT", " and ", "six", "17", " other ", "central ", "agencies", "Ministries", "departments", " led by ",
    "including", ", such as ", "among them", "the ", "等", "四", "部门", "部委", "个", "联合", "、", " ", "\n",
    "Four ", "AGENCIES", "other", "x",
]


def test_group_patterns_are_skipped_only_when_they_cannot_match() -> None:
    rng = random.Random(9)
    for _ in range(3000):
        text = "".join(rng.choice(_GROUP_FRAGMENTS) for _ in range(rng.randint(0, 10)))
        possible = bodies._possible_groups(text)
        for pattern in (bp.EN_AND_OTHERS, bp.EN_GROUP_LED_BY, bp.ZH_DENG_GROUP, bp.EN_GROUP, bp.ZH_GROUP):
            assert pattern in possible or not pattern.search(text), (pattern.pattern, text)


def test_group_patterns_are_skipped_in_a_text_without_counted_bodies() -> None:
    assert bodies._possible_groups("The MIIT released a plan on batteries.") == ()
    assert bodies._possible_groups("MIIT and six other agencies") == (bp.EN_AND_OTHERS, bp.EN_GROUP)


def _fresh(function: Callable[[str], object], text: str) -> object:
    bodies._cached_hits.cache_clear()
    bodies._RECENT_SCANS.clear()
    return function(text)


@pytest.mark.parametrize(
    "longer",
    [
        "MIIT and the State Council (Yicai article)",
        "The State Council Information Office and MIIT",  # "the State Council" alone is another body
        "The National Energy Administration said.\nFour agencies led by NDRC. MOST and MIITX",
        "Anhui Provincial Department of Economy and Information Technology, CAS and GAC Motor",
    ],
)
def test_a_prefix_of_a_text_just_searched_gets_what_it_would_alone(longer: str) -> None:
    for end in range(len(longer) + 1):
        prefix = longer[:end]
        for function in (extract_bodies, body_spans):
            expected = _fresh(function, prefix)
            _fresh(function, longer)
            assert function(prefix) == expected, (prefix, function)
