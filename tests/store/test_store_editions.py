"""Edition matching and merging, as pure functions."""

from __future__ import annotations

from dataclasses import replace

import pytest
from store_records import (
    BATTERY,
    CHIPS,
    ENERGY_NUMBER,
    ENERGY_TITLE,
    ENERGY_TITLE_TRAD,
    NEWS_LINE,
    SPECIALISED,
    article,
    brief_pdf,
    brief_web,
    other_brief,
    policy,
)

from policywatch.records import Brief, DocumentRef, Entry, Policy
from policywatch.store.editions import (
    entry_key,
    match_keys,
    merge_briefs,
    merge_editions,
    merge_entry,
    same_article,
    same_issue,
    same_policy,
    same_record,
)
from policywatch.store.textfold import doc_number_key, headline_key, title_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("MIIT tightens rules for battery makers", "miit tightens  rules for battery makers."),
        ("工信部公布第五批专精特新“小巨人”企业名单", '工信部公布第五批专精特新"小巨人"企业名单。'),
        ("Ｆｕｌｌ‐width ＭＩＩＴ", "full‐width miit"),
        ("China’s chip push", "China's chip push!"),
        ("國務院發布規劃", "国务院发布规划"),
    ],
)
def test_headline_key_folds_what_editions_differ_in(a: str, b: str) -> None:
    assert headline_key(a) == headline_key(b)


def test_headline_key_keeps_different_headlines_apart() -> None:
    assert headline_key("MIIT tightens rules") != headline_key("MIIT loosens rules")


@pytest.mark.parametrize(
    "number", ["国办发〔2022〕34号", "国办发[2022]34号", "国办发（2022）34号", "國辦發 【2022】 34號"]
)
def test_doc_number_key_ignores_bracket_style(number: str) -> None:
    assert doc_number_key(number) == doc_number_key("国办发〔2022〕34号")


def test_title_key_ignores_punctuation_and_script() -> None:
    assert title_key(ENERGY_TITLE_TRAD) == title_key(ENERGY_TITLE + "。")


def test_pdf_and_web_editions_are_the_same_issue() -> None:
    (pdf, _), (web, _) = brief_pdf(), brief_web()
    assert same_issue(pdf, web) and same_issue(web, pdf)


def test_issue_sharing_one_headline_among_several_is_another_issue() -> None:
    (web, _), (other, _) = brief_web(), other_brief()
    assert not same_issue(web, replace(other, published=None))


def _brief(headlines: list[str], *, title: str | None = None, published: str | None = None,
           series: str = "S", contents: tuple[str, ...] = ()) -> Brief:
    web, _ = brief_web()
    entries = tuple(Entry("top", i + 1, h) for i, h in enumerate(headlines))
    return replace(web, series=series, title=title, published=published, entries=entries, contents=contents)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (_brief(["A", "B"]), _brief(["a.", "b", "C"]), True),  # two shared headlines
        (_brief(["A", "B"], series="T"), _brief(["A", "B"]), False),  # another series
        (_brief(["A", "B"], published="2023-05-14"), _brief(["A", "B"], published="2023-05-21"), False),
        (_brief(["A", "B"], published="2023-05"), _brief(["A", "B"], published="2023-05-14"), True),
        (_brief(["A", "B"], published=None), _brief(["A", "B"], published="2023-05-14"), True),
        (_brief(["A"]), _brief(["A", "X"]), True),  # one top entry, first headlines agree
        (_brief(["A"]), _brief(["X", "A"]), False),  # one shared, nothing else agrees
        (_brief(["A"], title="T1"), _brief(["X", "A"], title="t1"), True),  # titles agree
        (_brief(["A", "B"]), _brief(["X", "A", "Y"]), False),  # one shared among several
        (_brief([], contents=("A", "B", "C")), _brief(["A", "B"]), True),  # contents lines count
        (_brief([]), _brief([]), False),
    ],
)
def test_same_issue_rules(a: Brief, b: Brief, same: bool) -> None:
    assert same_issue(a, b) is same
    assert same_issue(b, a) is same


def test_merged_brief_takes_web_title_and_pdf_people() -> None:
    (pdf, _), (web, _) = brief_pdf(), brief_web()
    merged = merge_briefs([pdf, web])
    assert merged.title == web.title
    assert merged.people == pdf.people
    assert merged.period == web.period
    assert merged.source == web.source
    assert merged.truncated is False


def test_merged_brief_keeps_every_entry_once_in_web_order() -> None:
    (pdf, _), (web, _) = brief_pdf(), brief_web()
    merged = merge_briefs([pdf, web])
    expected = (BATTERY, CHIPS, SPECIALISED, NEWS_LINE)
    assert [entry_key(e) for e in merged.entries] == [entry_key(e) for e in expected]


def test_merged_entry_takes_the_fuller_field_each_time() -> None:
    (pdf, _), (web, _) = brief_pdf(), brief_web()
    merged = {entry_key(e): e for e in merge_briefs([pdf, web]).entries}
    battery = merged[entry_key(BATTERY)]
    assert battery.summary == BATTERY.summary and battery.key_points == BATTERY.key_points
    assert battery.targets == BATTERY.targets
    assert battery.document == BATTERY.document
    specialised = merged[entry_key(SPECIALISED)]
    assert specialised.summary == SPECIALISED.summary  # the PDF's summary is the longer one here


def test_merge_entry_fills_document_fields_from_both() -> None:
    left = replace(BATTERY, document=DocumentRef(title_en="Plan", bodies=("MIIT",)))
    right = replace(BATTERY, document=DocumentRef(title_zh="规划", bodies=("NDRC",), date="2023-01-02"))
    assert merge_entry(left, right).document == DocumentRef(title_en="Plan", title_zh="规划",
                                                            bodies=("MIIT", "NDRC"), date="2023-01-02")


def test_truncated_stays_when_every_edition_is_truncated() -> None:
    (pdf, _), (web, _) = brief_pdf(), brief_web()
    assert merge_briefs([pdf, replace(web, truncated=True)]).truncated is True


def test_contents_are_united_in_order() -> None:
    (pdf, _), (web, _) = brief_pdf(), brief_web()
    web = replace(web, contents=("Extra line", "MIIT tightens rules for battery makers."))
    merged = merge_briefs([web, pdf])
    assert merged.contents[:2] == ("Extra line", "MIIT tightens rules for battery makers.")
    assert len(merged.contents) == 4


def test_merging_one_edition_changes_nothing() -> None:
    pdf, _ = brief_pdf()
    assert merge_editions([pdf]) == pdf


def test_policies_match_on_doc_number_or_folded_title() -> None:
    a, _ = policy("a.html", title_zh=ENERGY_TITLE, doc_number=ENERGY_NUMBER, text="x")
    b, _ = policy("b.pdf", title_zh="另一个标题", doc_number="工信部联电子[2022]181号", text="y", fmt="pdf")
    c, _ = policy("c.html", title_zh=ENERGY_TITLE_TRAD, doc_number=None, text="z")
    d, _ = policy("d.html", title_zh=ENERGY_TITLE, doc_number="工信部联电子〔2023〕1号", text="w")
    assert same_policy(a, b) and same_policy(a, c)
    assert not same_policy(a, d)  # same title, different document numbers
    assert not same_policy(a, replace(c, is_draft=True))


def test_merged_policy_keeps_longest_text_and_all_bodies() -> None:
    a, _ = policy("a.html", title_zh=ENERGY_TITLE, doc_number=None, text="短文")
    b, _ = policy("b.pdf", title_zh=ENERGY_TITLE, doc_number=ENERGY_NUMBER, text="更长的正文内容", fmt="pdf")
    merged = merge_editions([a, replace(b, bodies=("MOST",))])
    assert isinstance(merged, Policy)
    assert merged.text == "更长的正文内容"
    assert merged.doc_number == ENERGY_NUMBER
    assert merged.bodies == ("MIIT", "NDRC", "MOST")


def test_articles_match_on_kind_and_title() -> None:
    a, _ = article("a.html", title="Why the EV price war is not over", text="one")
    b, _ = article("b.html", title="Why the EV price-war is not over.", text="two")
    assert same_article(a, b)
    assert not same_article(a, replace(b, kind="report"))
    assert not same_article(a, replace(b, published="2024-01-01"))


def test_no_record_matches_another_type() -> None:
    pdf, _ = brief_pdf()
    a, _ = article("a.html", title="x", text="y")
    assert not same_record(pdf, a)


def test_match_keys_share_a_key_between_editions() -> None:
    (pdf, _), (web, _) = brief_pdf(), brief_web()
    assert set(match_keys(pdf)) & set(match_keys(web))
