"""Bilingual search: stemming, Chinese substrings, traditional ↔ simplified, filters, snippets, bad input."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_records import article, brief_pdf, brief_web, other_brief, policy

from policywatch.errors import QueryError
from policywatch.store import SearchResults, Store, open_store
from policywatch.store.query import parse_query
from policywatch.store.search import SearchFilters, hits_for, run_search
from policywatch.store.snippets import MARK_CLOSE, MARK_OPEN, original_spans
from policywatch.store.textfold import index_text, index_text_with_origins

TRADITIONAL_TITLE = "鋰離子電池行業規範條件（2024年本）"
TRADITIONAL_TEXT = "為推動鋰離子電池產業高質量發展，工業和信息化部發布規範條件。"


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(tmp_path_factory.mktemp("search") / "search.db")
    store.ingest(*brief_pdf())
    store.ingest(*brief_web())
    store.ingest(*other_brief())
    store.ingest(*policy("trad.html", title_zh=TRADITIONAL_TITLE, doc_number="工信部公告2024年第5號",
                         text=TRADITIONAL_TEXT))
    store.ingest(*article("ev.html", title="Batteries for export", text="Exporters of electric vehicles"
                          " face new tariffs, and battery makers are moving plants abroad."))
    yield store
    store.close()


def _titles(results: SearchResults) -> list[str]:
    return [hit.title for hit in results.hits]


def test_english_stemming_finds_plural_and_singular(filled: Store) -> None:
    singular = filled.search("battery")
    plural = filled.search("batteries")
    assert singular.total == plural.total == 2
    assert "Batteries for export" in _titles(singular)


@pytest.mark.parametrize(
    ("query", "expected_title"),
    [
        ("技术", "工信部公布第五批专精特新“小巨人”企业名单"),  # two characters inside a longer run
        ("专精特新", "工信部公布第五批专精特新“小巨人”企业名单"),  # a four-character compound
        ("小巨人", "工信部公布第五批专精特新“小巨人”企业名单"),
        ("锂离子电池", TRADITIONAL_TITLE),  # simplified query, traditional text
        ("鋰離子電池", "MIIT tightens rules for battery makers"),  # traditional query, simplified text
    ],
)
def test_chinese_substrings_and_scripts(filled: Store, query: str, expected_title: str) -> None:
    assert expected_title in _titles(filled.search(query))


def test_chinese_query_does_not_match_scattered_characters(filled: Store) -> None:
    # 业 and 电 both occur in the policy text, but never as 业电
    assert filled.search("业电").total == 0


def test_or_between_languages(filled: Store) -> None:
    both = filled.search("tariffs OR 规范条件")
    assert {"Batteries for export", TRADITIONAL_TITLE} <= set(_titles(both))
    assert filled.search("tariffs 规范条件").total == 0  # AND by default


def test_quoted_phrase_is_kept_together(filled: Store) -> None:
    assert filled.search('"battery makers"').total >= 1
    assert filled.search('"makers battery"').total == 0


def test_snippet_shows_match_from_original_text(filled: Store) -> None:
    hit = next(h for h in filled.search("锂离子电池").hits if h.kind == "policy")
    assert "[鋰離子電池]" in hit.snippet.marked()
    start, end = hit.snippet.matches[0]
    assert hit.snippet.text[start:end] == "鋰離子電池"
    assert hit.title[hit.title_matches[0][0] : hit.title_matches[0][1]] == "鋰離子電池"


def test_snippet_marks_stemmed_english(filled: Store) -> None:
    hit = next(h for h in filled.search("battery").hits if h.title == "Batteries for export")
    assert "[battery]" in hit.snippet.marked()
    assert hit.title_matches == ((0, 9),)


def test_snippet_falls_back_to_title_match(filled: Store) -> None:
    hit = filled.search("rare earth").hits[0]
    assert hit.title == "Beijing caps rare earth mining quotas"
    assert "[rare] [earth]" in hit.snippet.marked()


def test_hits_carry_ids_kind_section_date_and_bodies(filled: Store) -> None:
    hit = next(h for h in filled.search("hydrogen").hits)
    assert (hit.kind, hit.section, hit.date, hit.bodies) == ("entry", "policy_news", "2023-05-12", ("NDRC",))
    assert hit.entry_id is not None and hit.record_title == "Battery rules + chip start-ups + little giants"
    assert filled.get_entry(hit.entry_id).entry.headline == hit.title
    policy_hit = next(h for h in filled.search("规范条件").hits if h.kind == "policy")
    assert policy_hit.entry_id is None and policy_hit.bodies == ("MIIT", "NDRC")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"body": "MIIT"}, {"MIIT tightens rules for battery makers", TRADITIONAL_TITLE}),
        ({"body": "MOFCOM"}, {"Batteries for export"}),
        ({"body": "State Council"}, set()),
        ({"section": "top"}, {"MIIT tightens rules for battery makers"}),
        ({"section": "article"}, {"Batteries for export"}),
        ({"since": "2023-05-01", "until": "2023-05-31"}, {"MIIT tightens rules for battery makers"}),
        ({"since": "2023-04"}, {"MIIT tightens rules for battery makers", "Batteries for export"}),
        ({"until": "2022"}, {TRADITIONAL_TITLE}),
    ],
)
def test_filters(filled: Store, filters: dict[str, Any], expected: set[str]) -> None:
    assert set(_titles(filled.search("battery OR 电池", **filters))) == expected


def test_paging_and_ranking(filled: Store) -> None:
    query = "battery OR 电池 OR chip"
    everything = filled.search(query, limit=50)
    pages = [filled.search(query, limit=2, offset=o) for o in range(0, everything.total, 2)]
    assert [h.entry_id or -h.record_id for p in pages for h in p.hits] == [
        h.entry_id or -h.record_id for h in everything.hits
    ]
    scores = [h.score for h in everything.hits]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    "bad",
    [{"section": "middle"}, {"since": "May 2023"}, {"until": "2023-5-1"}, {"limit": 0}, {"offset": -1},
     {"body": "MIIT\ud800"}, {"since": "２０２３"}],
)
def test_bad_filters_raise_query_error(filled: Store, bad: dict[str, Any]) -> None:
    with pytest.raises(QueryError):
        filled.search("battery", **bad)


HOSTILE = [
    "lithium", "锂离子电池", "技术", "专精特新", "battery OR 电池", '"foo', "a*", "-x", "NEAR(a b)", "'",
    ";drop table", "title_index:battery", "^battery", "(battery", "battery)", '""', "OR", "AND NOT",
    "\x00battery", "电池\ud800", "* * *", "🔋", "battery\u200b makers", "’", "“锂电池”", "NOT battery",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_work_or_raise_query_error(filled: Store, query: str) -> None:
    try:
        results = filled.search(query)
    except QueryError as error:
        assert str(error)
    else:
        assert results.total >= len(results.hits)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40))
def test_random_queries_never_raise_anything_but_query_error(filled: Store, query: str) -> None:
    with contextlib.suppress(QueryError):
        filled.search(query)


def test_search_survives_unusual_stored_text(tmp_path: Path) -> None:
    with open_store(tmp_path / "odd.db") as store:
        brief, raw = brief_web()
        wide = "Ｆｕｌｌ ｗｉｄｔｈ ＭＩＩＴ ＰＬＡＮ\x00"
        odd = replace(brief.entries[0], headline=wide, summary="㍿ and ﬁnance ①")
        store.ingest(replace(brief, entries=(odd,)), raw)
        hit = store.search("finance").hits[0]
        assert hit.snippet.text[slice(*hit.snippet.matches[0])] == "ﬁnance"
        assert store.search("miit plan").total == 1


# ---- ranking elsewhere, hits here -------------------------------------------------------------------------


def _doc_ids(store: Store, query: str) -> list[int]:
    expression = parse_query(query).fts5()
    return [row[0] for row in store._conn.execute(
        "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY bm25(search_fts, 3.0, 1.0), rowid",
        (expression,))]


@pytest.mark.parametrize("query", ["battery", "锂离子电池", "chip OR 稀土"])
def test_hits_for_gives_the_hits_the_search_gives(filled: Store, query: str) -> None:
    expected = filled.search(query).hits
    ids = _doc_ids(filled, query)
    assert hits_for(filled._conn, parse_query(query), ids) == expected
    scores = {i: -hit.score for i, hit in zip(ids, expected, strict=True)}
    assert hits_for(filled._conn, parse_query(query), ids, scores) == expected
    assert hits_for(filled._conn, parse_query(query), ids[::-1]) == expected[::-1]


def test_doc_ids_restrict_the_search_and_its_count(filled: Store) -> None:
    ids = _doc_ids(filled, "battery")
    other = _doc_ids(filled, "稀土")
    found = run_search(filled._conn, parse_query("battery"), SearchFilters(doc_ids=(ids[-1], *other)), limit=5,
                       offset=0)
    assert found.total == 1 and [hit.title for hit in found.hits] == [filled.search("battery").hits[-1].title]
    assert hits_for(filled._conn, parse_query("battery"), other) == ()


def test_snippet_of_a_match_deep_in_a_long_text(tmp_path: Path) -> None:
    filler = "储能项目按计划推进。Grid operators report progress. " * 800
    text = filler + "The Zanzibar clause applies to 鋰電池 exports. " + filler
    with open_store(tmp_path / "long.db") as store:
        store.ingest(*article("long.html", title="Export rules", text=text))
        hit = store.search("zanzibar 锂电池").hits[0]
    assert "[Zanzibar] clause applies to [鋰電池]" in hit.snippet.marked()


_TEXT = st.text(st.sampled_from("ab 技術锂電,\u200b\uff21\u00e9\n"), max_size=40)


def _reference_spans(original: str, marked: str) -> tuple[tuple[int, int], ...]:
    """The spans mapped one character at a time (how snippets.py mapped them before IndexOrigins)."""
    indexed, origins = index_text_with_origins(original)
    plain = marked.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    if plain != indexed:
        return ()
    mapped: list[tuple[int, int]] = []
    offset = start = 0
    for char in marked:
        if char == MARK_OPEN:
            start = offset
        elif char == MARK_CLOSE:
            if offset > start:
                first, last = origins[start], origins[offset - 1] + 1
                if mapped and first <= mapped[-1][1]:
                    mapped[-1] = (mapped[-1][0], max(last, mapped[-1][1]))
                else:
                    mapped.append((first, last))
        else:
            offset += 1
    return tuple(mapped)


@given(original=_TEXT, cuts=st.lists(st.integers(0, 200), max_size=6))
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_original_spans_map_every_marked_offset(original: str, cuts: list[int]) -> None:
    indexed = index_text(original)
    bounds = sorted({c % (len(indexed) + 1) for c in cuts})
    pairs = list(zip(bounds[::2], bounds[1::2], strict=False))
    marked, cursor = "", 0
    for start, end in pairs:
        marked += indexed[cursor:start] + MARK_OPEN + indexed[start:end] + MARK_CLOSE
        cursor = end
    marked += indexed[cursor:]
    assert original_spans(original, marked) == _reference_spans(original, marked)
