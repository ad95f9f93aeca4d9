"""The issuing-body registry: integrity of bodies.toml and lookup of single names."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from policywatch.registry import IssuingBody, all_bodies, get_body, lookup, lookup_doc_number_prefix
from policywatch.registry.bodies import BODY_KINDS, doc_number_prefixes, to_simplified
from policywatch.registry.local_bodies import all_places, find_unplaced_local_bodies
from policywatch.registry.name_index import normalise_name

# The ids the evaluation spec lists (its body list and the extra ids its conventions settled on).
SPEC_IDS = [
    "State Council",
    "GOSC",
    "CPCCC",
    "GOCPCCC",
    "NPC",
    "NPCSC",
    "NDRC",
    "MIIT",
    "MOST",
    "MOF",
    "MOFCOM",
    "MEE",
    "NEA",
    "SAMR",
    "CNIPA",
    "CSRC",
    "CAC",
    "MOE",
    "MCT",
    "NRTA",
    "GASC",
    "MOT",
    "MNR",
    "NHC",
    "PBOC",
    "CBIRC",
    "NFRA",
    "SASAC",
    "GAC",
    "MPS",
    "MOHURD",
    "MWR",
    "MARA",
    "NBS",
    "CAAC",
    "NMPA",
    "SAFE",
    "NDA",
    "CAS",
    "CAE",
    "MOHRSS",
    "MCA",
    "MEM",
    "SASTIND",
    "NHSA",
    "MSS",
    "MFA",
    "NAO",
    "CAST",
    "NSFC",
    "SPC",
    "SPP",
    "MOJ",
    "NRA",
    "NFGA",
    "CMA",
    "CNSA",
    "CAEA",
    "SCIO",
    "NGOA",
    "STA",
    "CTCSC",
    "Politburo",
    "CFEAC",
    "CCST",
    "Leading Small Group on Carbon Peaking and Carbon Neutrality",
]


def test_ids_are_unique() -> None:
    counts = Counter(body.id for body in all_bodies())
    assert [body_id for body_id, n in counts.items() if n > 1] == []


def test_no_name_or_acronym_is_claimed_by_two_bodies() -> None:
    owners: dict[tuple[str, str], set[str]] = {}
    for body in all_bodies():
        keys = [("en", normalise_name(n, ignore_case=True)) for n in body.all_names_en()]
        keys += [("zh", n) for n in body.all_names_zh()] + [("acronym", a) for a in body.acronyms]
        for key in keys:
            owners.setdefault(key, set()).add(body.id)
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}


def test_history_links_point_both_ways() -> None:
    for body in all_bodies():
        if body.successor is not None:
            assert body.id in get_body(body.successor).predecessors, body.id
        for predecessor in body.predecessors:
            assert get_body(predecessor).successor == body.id, (body.id, predecessor)


def test_defunct_bodies_name_a_successor_and_active_ones_do_not() -> None:
    for body in all_bodies():
        assert (body.successor is None) == body.active, body.id


def test_kinds_are_known_and_names_present() -> None:
    for body in all_bodies():
        assert body.kind in BODY_KINDS, body.id
        assert body.name_en and body.name_zh, body.id


@pytest.mark.parametrize("body_id", SPEC_IDS)
def test_every_spec_id_is_registered(body_id: str) -> None:
    assert get_body(body_id).id == body_id
    assert lookup(body_id) == get_body(body_id)


def test_every_id_used_in_the_gold_annotations_resolves(shared_dir: Path) -> None:
    used = set()
    for path in (shared_dir / "eval" / "gold").glob("*/*.json"):
        gold = json.loads(path.read_text("utf-8"))
        used |= set(gold["bodies"]) | {b for entry in gold["entries"] for b in entry["bodies"]}
    assert used, "no gold annotations found"
    assert sorted(b for b in used if lookup(b) is None) == []


def test_get_body_raises_for_an_unknown_id() -> None:
    with pytest.raises(KeyError):
        get_body("Ministry of Magic")


LOOKUPS = [
    # (name as written, id)
    ("MIIT", "MIIT"),
    ("MoIIT", "MIIT"),
    ("MOPS", "MPS"),
    ("MoF", "MOF"),
    ("mofcom", "MOFCOM"),
    ("Ministry of Industry and Information Technology", "MIIT"),
    ("the ministry of industry and information technology", "MIIT"),
    ("Ministry of Industry and Information Technology of China", "MIIT"),
    ("China's Ministry of Commerce", "MOFCOM"),
    ("Cybersecurity Administration of China", "CAC"),
    ("The Cyberspace Administration of China", "CAC"),
    ("National Development and Reform\nCommission", "NDRC"),
    ("General Office of the State Council", "GOSC"),
    ("State Council", "State Council"),
    ("General Office of the Ministry of Finance", "MOF"),
    ("CCPCC", "CPCCC"),
    ("Central Committee of the Communist Party of China", "CPCCC"),
    ("Information Office of the State Council", "SCIO"),
    ("工业和信息化部", "MIIT"),
    ("工信部", "MIIT"),
    ("国家发展改革委", "NDRC"),
    ("国家发改委", "NDRC"),
    ("发改委", "NDRC"),
    ("市场监管总局", "SAMR"),
    ("国家知识产权局", "CNIPA"),
    ("国务院办公厅", "GOSC"),
    ("国务院", "State Council"),
    ("中共中央", "CPCCC"),
    ("中共中央办公厅", "GOCPCCC"),
    ("国家税务总局", "STA"),
    ("国务院关税税则委员会", "CTCSC"),
    ("工業和信息化部辦公廳", "MIIT"),
    ("國家發展和改革委員會", "NDRC"),
    ("科学技术部办公厅", "MOST"),
    # a defunct body resolves to itself, not to its successor
    ("中国银行保险监督管理委员会", "CBIRC"),
    ("银保监会", "CBIRC"),
    ("国家工商行政管理总局", "SAIC-Admin"),
    ("环境保护部", "MEP"),
    ("国家新闻出版广电总局", "SAPPRFT"),
    ("国家卫生和计划生育委员会", "NHFPC"),
    ("国家安全生产监督管理总局", "SAWS"),
    ("国土资源部", "MLR"),
    # provinces and cities, by rule
    ("Anhui Department of Economy and Information Technology", "Anhui DEIT"),
    ("安徽省经济和信息化厅", "Anhui DEIT"),
    ("安徽省经济和信息化委员会", "Anhui DEIT"),
    ("吉林省工业和信息化厅", "Jilin DIIT"),
    ("Jilin Provincial Department of Industry and Information Technology", "Jilin DIIT"),
    ("北京市人民政府", "Beijing Municipal Government"),
    ("Beijing Municipal Government", "Beijing Municipal Government"),
    ("安徽省人民政府", "Anhui Provincial Government"),
    ("广东省发展和改革委员会", "Guangdong DRC"),
    ("Development and Reform Commission of Zhejiang Province", "Zhejiang DRC"),
    ("内蒙古自治区人民政府", "Inner Mongolia Regional Government"),
]


@pytest.mark.parametrize(("name", "expected"), LOOKUPS)
def test_lookup(name: str, expected: str) -> None:
    found = lookup(name)
    assert found is not None, name
    assert found.id == expected


@pytest.mark.parametrize(
    "name", ["", "Ministry of Magic", "MERICS", "SOE", "the government", "Beijing", "公司", "CCP"]
)
def test_lookup_of_a_non_body_is_none(name: str) -> None:
    assert lookup(name) is None


def test_successor_chain_leads_to_an_active_body() -> None:
    body: IssuingBody = get_body("CBRC")
    chain = [body.id]
    while body.successor is not None:
        body = get_body(body.successor)
        chain.append(body.id)
    assert chain == ["CBRC", "CBIRC", "NFRA"]
    assert get_body("SAMR").predecessors == ("SAIC-Admin", "AQSIQ", "CFDA")


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("工信部联节", "MIIT"),
        ("工信厅规函", "MIIT"),
        ("工信廳政法函", "MIIT"),
        ("国办发", "GOSC"),
        ("国发", "State Council"),
        ("税委会", "CTCSC"),
        ("皖经信电子", "Anhui DEIT"),
        ("京政发", "Beijing Municipal Government"),
        ("京政办发", "Beijing Government General Office"),
        ("粤发改能源", "Guangdong DRC"),
    ],
)
def test_doc_number_prefix(prefix: str, expected: str) -> None:
    found = lookup_doc_number_prefix(prefix)
    assert found is not None and found.id == expected


def test_doc_number_prefixes_point_at_registered_bodies() -> None:
    assert all(get_body(body_id) for body_id in doc_number_prefixes().values())
    assert lookup_doc_number_prefix("某某") is None


def test_local_bodies_have_names_in_both_languages() -> None:
    body = get_body("Anhui DEIT")
    assert (body.name_en, body.name_zh, body.active) == (
        "Anhui Department of Economy and Information Technology",
        "安徽省经济和信息化厅",
        True,
    )
    with pytest.raises(KeyError):
        get_body("Atlantis DEIT")


def test_traditional_characters_are_simplified_and_others_left_alone() -> None:
    assert to_simplified("工業和信息化部辦公廳") == "工业和信息化部办公厅"
    assert to_simplified("工业和信息化部") == "工业和信息化部"
    assert to_simplified("Ministry of Finance") == "Ministry of Finance"


def test_unplaced_departments_take_the_place_given() -> None:
    found = [hit.body_id for hit in find_unplaced_local_bodies("经省政府同意，报省经信厅备案", "Anhui")]
    assert found == ["Anhui Provincial Government", "Anhui DEIT"]
    assert list(find_unplaced_local_bodies("经省政府同意", "Atlantis")) == []


def test_every_province_is_known_with_an_abbreviation() -> None:
    provinces = [p for p in all_places() if p.kind != "city"]
    assert len(provinces) == 31
    assert all(p.abbr for p in provinces)
