"""Table-driven tests of the notice parser's field rules: 发文字号 normalisation, language, document form,
and the traps of real pages (repost timestamps, year-less dates, addressees, citations)."""

from __future__ import annotations

import pytest

from policywatch.parse import notice
from policywatch.parse.notice import (
    doc_form,
    looks_like_chinese_document,
    normalise_doc_number,
    parse_chinese,
)
from policywatch.records import Article, Policy, ReadDocument, Source


def _doc(text: str) -> ReadDocument:
    return ReadDocument(source=Source(path="case.txt", sha256="0" * 64, format="text"), text=text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("工信部联节〔2022〕9号", ("工信部联节〔2022〕9号", None)),
        ("工信部联规[2017]243号", ("工信部联规〔2017〕243号", None)),
        ("税委会[2000]17号", ("税委会〔2000〕17号", None)),
        ("财税【2019】13号", ("财税〔2019〕13号", None)),
        ("国发(2023)16号", ("国发〔2023〕16号", None)),
        ("国发（2023）16号", ("国发〔2023〕16号", None)),
        ("国办发［2022］34号", ("国办发〔2022〕34号", None)),
        ("国办发﹝2022﹞34号", ("国办发〔2022〕34号", None)),
        ("（国发〔2023〕16号）", ("国发〔2023〕16号", None)),
        ("国发 〔 2023 〕 16 号", ("国发〔2023〕16号", None)),
        ("国发〔２０２３〕１６号", ("国发〔2023〕16号", None)),
        ("工信廳政法函〔2023〕42號", ("工信廳政法函〔2023〕42號", None)),
        ("国务院令第708号", ("国务院令第708号", None)),
        ("工业和信息化部公告2022年第3号", ("工业和信息化部公告2022年第3号", None)),
        ("国办发〔201682号", ("国办发〔201682号", "malformed")),
        ("国发〔2023〕号", ("国发〔2023〕号", "malformed")),
        ("国发2023年16", ("国发2023年16", "malformed")),
    ],
)
def test_normalise_doc_number(raw: str, expected: tuple[str, str | None]) -> None:
    assert normalise_doc_number(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("工业和信息化部关于印发《工业领域数字化转型行动方案》的通知", True),
        ("The State Council issued a plan.\n国务院印发《2030年前碳达峰行动方案》，"
         "提出到2025年非化石能源消费比重达到20%左右。", True),
        ("MIIT and 15 other ministries issued the guideline (工信部联规[2017]243号) on private investment in "
         "manufacturing, asking local governments to remove barriers and open more sectors to private firms.",
         False),
        ("A plain English report about industrial policy and its targets for 2025.", False),
    ],
)
def test_looks_like_chinese_document(text: str, expected: bool) -> None:
    assert looks_like_chinese_document(_doc(text)) is expected


@pytest.mark.parametrize(
    ("title", "form"),
    [
        ("关于印发加快推动工业资源综合利用实施方案的通知", "通知"),
        ("国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见", "意见"),
        ("关于加快推动工业资源综合利用的实施方案", "实施方案"),
        ("《新能源汽车产业发展规划(2021—2035年)》", "规划"),
        ("电动自行车充电设施安全管理办法（征求意见稿）", "办法"),
        ("关于推动未来产业创新发展的实施意见", "实施意见"),
        ("“十四五”原材料工业发展路线明晰", None),
    ],
)
def test_doc_form(title: str, form: str | None) -> None:
    assert doc_form(title) == form


def test_repost_timestamp_is_not_a_document_date() -> None:
    text = (
        "发布时间:2024-11-01 21:09:52 来源: sp20241101\n"
        "国务院关于支持某地高质量发展的意见\n国发〔2024〕9号\n"
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n现提出如下意见。\n"
    )
    record = parse_chinese(_doc(text))
    assert isinstance(record, Policy)
    assert (record.doc_number, record.date_written, record.date_published) == ("国发〔2024〕9号", None, None)


def test_lone_publication_date_outside_a_metadata_block_is_a_page_date() -> None:
    text = "发布日期：2024-05-22\n国务院关于支持某地高质量发展的意见\n国发〔2024〕9号\n现提出如下意见。\n"
    record = parse_chinese(_doc(text))
    assert isinstance(record, Policy)
    assert record.date_published is None


def test_cited_doc_number_is_not_the_documents_own() -> None:
    text = (
        "各省、自治区、直辖市工业和信息化主管部门：\n"
        "根据《关于促进服务型制造发展的指导意见》（工信部联政法〔2020〕101号）有关要求，现予以公布。\n"
        "工业和信息化部办公厅\n2023年11月29日\n"
    )
    record = parse_chinese(_doc(text))
    assert isinstance(record, Policy)
    assert record.doc_number is None
    assert record.date_written == "2023-11-29"
    assert [(r.kind, r.doc_number) for r in record.relations] == [("cites", "工信部联政法〔2020〕101号")]


@pytest.mark.parametrize(
    "text",
    [
        "12月3日，工业和信息化部对《某产业发展规划》（征求意见稿）公开征求意见。",
        "本报北京11月2日电 国务院办公厅日前印发《某产业发展规划》，提出到2025年实现若干目标。",
        "摘要\n<正>11月17日从工业和信息化部获悉，四部门联合印发通知，部署开展试点工作。",
    ],
)
def test_news_about_a_document_is_an_article_without_a_guessed_year(text: str) -> None:
    record = parse_chinese(_doc(text))
    assert isinstance(record, Article)
    assert record.kind == "news"
    assert record.published is None


def test_signature_in_chinese_numerals_and_circle_zero() -> None:
    text = "关于某项工作的通知\n各有关单位：\n特此通知。\n工业和信息化部\n二○二二年一月二十七日\n"
    record = parse_chinese(_doc(text))
    assert isinstance(record, Policy)
    assert record.date_written == "2022-01-27"


def test_draft_flag_reaches_the_target_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def spy(text: str, *, title: str | None = None, draft: bool = False) -> tuple[()]:
        seen.append(draft)
        return ()

    monkeypatch.setattr(notice, "extract_document_targets", spy)
    record = parse_chinese(_doc("某管理办法（征求意见稿）\n第一条 为加强管理，制定本办法。\n"))
    assert isinstance(record, Policy)
    assert record.is_draft and seen == [True]


@pytest.mark.parametrize(
    ("text", "title", "number"),
    [
        (  # title and number share a line
            "国务院办公厅关于加快构建某项体系的意见 国办发〔2024〕7号\n"
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n经国务院同意，现提出以下意见。\n",
            "国务院办公厅关于加快构建某项体系的意见",
            "国办发〔2024〕7号",
        ),
        (  # an announcement number under the title
            "中华人民共和国工业和信息化部公告\n2024年第3号\n现将符合条件的企业予以公告。\n特此公告。\n"
            "工业和信息化部\n2024年1月26日\n",
            "中华人民共和国工业和信息化部公告",
            "2024年第3号",
        ),
        (  # labels and values on separate lines (a table flattened by the reader)
            "发文机关：\n国务院办公厅\n成文日期：\n2020年08月05日\n标题：\n国务院办公厅关于某项工作的意见\n"
            "发文字号：\n国办发〔2020〕28号\n发布日期：\n2020年08月12日\n",
            "国务院办公厅关于某项工作的意见",
            "国办发〔2020〕28号",
        ),
        (  # a citation line is not the document's own title and number
            "各有关单位：\n1.《关于某项工作的通知》（国发〔2019〕3号）\n现予以废止。\n国务院\n2024年2月1日\n",
            None,
            None,
        ),
    ],
)
def test_title_and_number_layouts(text: str, title: str | None, number: str | None) -> None:
    record = parse_chinese(_doc(text))
    assert isinstance(record, Policy)
    assert (record.title_zh, record.doc_number) == (title, number)


def test_metadata_block_dates_on_following_lines() -> None:
    text = (
        "发文机关：\n国务院办公厅\n成文日期：\n2020年08月05日\n"
        "发文字号：\n国办发〔2020〕28号\n发布日期：\n2020年08月12日\n"
    )
    record = parse_chinese(_doc(text))
    assert isinstance(record, Policy)
    assert (record.date_written, record.date_published) == ("2020-08-05", "2020-08-12")
    assert record.bodies == ("GOSC",)


def test_unregistered_issuer_is_listed_once() -> None:
    text = (
        "某某市发展和改革委员会关于做好重点项目申报工作的通知\n某发改投资〔2024〕12号\n各区县发展改革局：\n"
        "现就有关事项通知如下：\n某某市发展和改革委员会\n2024年2月20日\n"
    )
    record = parse_chinese(_doc(text))
    assert isinstance(record, Policy)
    assert record.bodies == ()
    assert record.unknown_bodies == ("某某市发展和改革委员会",)


def test_issuer_from_doc_number_prefix_when_nothing_else_names_it() -> None:
    text = "皖经信电子〔2017〕217号\n各市人民政府：\n现将该指南转发你们，请认真贯彻实施。\n"
    record = parse_chinese(_doc(text))
    assert isinstance(record, Policy)
    assert record.bodies == ("Anhui DEIT",)
