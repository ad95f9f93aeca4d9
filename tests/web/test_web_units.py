"""The web app's pure parts: marking text, chart geometry, document forms, facet filters."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from policywatch.errors import QueryError
from policywatch.ledger import get_target, list_targets
from policywatch.records import Entry, Target
from policywatch.store import search_postgres
from policywatch.store.results import Snippet
from policywatch.web.charts import Column, Segment, column_chart, count_ceiling, goal_chart, nice_ceiling, short_number
from policywatch.web.doc_forms import document_form
from policywatch.web.docindex import PostgresSearchTables, open_search_tables
from policywatch.web.facets import FacetedSearch, FacetFilters
from policywatch.web.highlight import Mark, mark_entry, marked, marked_snippet
from policywatch.web.reader import ReadOnlyDatabase
from policywatch.web.template_env import safe_url

# ---- marking ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "marks", "expected"), [
    ("a <b> c", [Mark(2, 5)], 'a <mark class="match">&lt;b&gt;</mark> c'),
    ("储能发展", [Mark(0, 2)], '<mark class="match">储能</mark>发展'),
    ("abcdef", [Mark(3, 5), Mark(0, 2)], '<mark class="match">ab</mark>c<mark class="match">de</mark>f'),
    ("abcdef", [Mark(0, 4), Mark(2, 6)], '<mark class="match">abcd</mark>ef'),  # overlaps: first wins
    ("abc", [Mark(2, 9), Mark(-1, 1), Mark(2, 2)], "abc"),  # outside the text or empty: ignored
    ("x & y", [Mark(0, 1, "target", 'say "hi"', "/targets/3")],
     '<mark class="target" title="say &#34;hi&#34;"><a href="/targets/3">x</a></mark> &amp; y'),
])
def test_marked_escapes_then_marks(text: str, marks: list[Mark], expected: str) -> None:
    assert str(marked(text, marks)) == expected


def test_snippet_marks_matches_and_shows_where_it_was_cut() -> None:
    snippet = Snippet("the <i>battery</i> plan", ((7, 14),), clipped_start=True, clipped_end=True)
    assert str(marked_snippet(snippet)) == '…the &lt;i&gt;<mark class="match">battery</mark>&lt;/i&gt; plan…'


def test_entry_targets_are_marked_in_the_field_they_were_found_in() -> None:
    point = "Raise capacity to 120 GW by 2027"
    entry = Entry(section="top", rank=1, headline="h", summary="Cut costs by 30 percent.", key_points=(point,),
                  targets=(Target(point, (18, 24), "capacity", 120, "GW", field="key_points[0]", year=2027),
                           Target("Cut costs by 30 percent.", (13, 23), "costs", 30, "percent", field="summary")))
    marked_entry = mark_entry(entry, [7, None])
    assert '<a href="/targets/7">120 GW</a>' in marked_entry.key_points[0]
    assert '<mark class="target" title="costs: 30 percent">30 percent</mark>' in marked_entry.summary


@pytest.mark.parametrize(("url", "kept"), [
    ("https://www.gov.cn/a.html", True), ("http://example.org", True), ("javascript:alert(1)", False),
    (" JavaScript:alert(1)", False), ("data:text/html,x", False), ("//evil.example", False), ("", False),
    (None, False), ("http://[::1", False),
])
def test_only_http_links_become_hrefs(url: str | None, kept: bool) -> None:
    assert (safe_url(url) is not None) is kept


# ---- charts ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "ceiling"), [(0, 1), (0.7, 1), (3, 5), (7, 10), (12, 20), (23, 25), (260, 500),
                                                (1e6, 1e6)])
def test_nice_ceiling(value: float, ceiling: float) -> None:
    assert nice_ceiling(value) == ceiling


@pytest.mark.parametrize(("value", "ceiling"), [(1, 4), (5, 8), (9, 12), (38, 40), (130, 200)])
def test_count_axes_have_whole_number_ticks(value: float, ceiling: float) -> None:
    assert count_ceiling(value) == ceiling
    assert (ceiling / 4).is_integer()


@pytest.mark.parametrize(("value", "text"), [(12, "12"), (2.5, "2.5"), (1200, "1.2k"), (3e6, "3M"), (5e12, "5T")])
def test_short_numbers(value: float, text: str) -> None:
    assert short_number(value) == text


def test_column_chart_stacks_segments_in_proportion() -> None:
    chart = column_chart("t", [Column("2025", (Segment(2, "status-stated", "a"), Segment(2, "status-revised", "b"))),
                               Column("2026", (Segment(8, "status-stated", "c"),))])
    first, second, tall = chart.rects
    assert first.height == second.height and tall.height == pytest.approx(first.height * 4, abs=0.2)
    assert second.y + second.height == pytest.approx(first.y, abs=0.2)  # stacked on top
    assert tall.y == pytest.approx(chart.axes.top, abs=0.2)  # 8 is the axis maximum
    assert [label.text for label in chart.axes.labels if label.anchor == "middle"] == ["2025", "2026"]


def test_column_chart_labels_every_nth_of_many_columns() -> None:
    chart = column_chart("t", [Column(str(year), (Segment(1, "bar", ""),)) for year in range(2000, 2040)])
    assert len([label for label in chart.axes.labels if label.anchor == "middle"]) <= 14


def _reader(db: Path) -> ReadOnlyDatabase:
    return ReadOnlyDatabase(db)


def _searcher(db: Path) -> FacetedSearch:
    return FacetedSearch(ReadOnlyDatabase(db), open_search_tables(str(db)))


def test_goal_chart_of_a_sample_target(sample_db: Path) -> None:
    reader = _reader(sample_db)
    conn = reader.connection()
    capacity = next(t for t in list_targets(conn) if "storage capacity" in t.metric)
    chart = goal_chart(get_target(conn, capacity.id))
    points = [tuple(map(float, p.split(","))) for p in chart.growth_path.split()]
    assert len(points) == 2027 - 2023 + 1  # one point a year from the baseline to the target
    assert all(b[1] < a[1] for a, b in itertools.pairwise(points))  # rising: smaller y is higher
    assert {m.css.split()[0] for m in chart.markers} >= {"baseline", "goal", "event-stated"}
    goal = next(m for m in chart.markers if m.css == "goal")
    assert goal.x == pytest.approx(points[-1][0], abs=0.2) and goal.y == pytest.approx(points[-1][1], abs=0.2)
    no_baseline = next(t for t in list_targets(conn) if t.metric == "demonstration projects")
    assert goal_chart(get_target(conn, no_baseline.id)).growth_path == ""
    reader.close()


# ---- document forms and facets ---------------------------------------------------------------------------


@pytest.mark.parametrize(("title_zh", "title_en", "form"), [
    ("新型储能发展实施方案（2024—2027年）", None, "实施方案"),
    ("关于做好锂离子电池产业链供应链协同稳定发展工作的通知", None, "通知"),
    (None, "Implementation Plan for the Development of New-Type Energy Storage", "实施方案"),
    (None, "Guiding Opinions on Hydrogen", "指导意见"),
    (None, "Measures for Rare-Earth Traceability", "办法"),
    ("工业机器人", "Robots", None),
    (None, None, None),
])
def test_document_form(title_zh: str | None, title_en: str | None, form: str | None) -> None:
    assert document_form(title_zh, title_en) == form


def test_each_facet_filter_keeps_exactly_the_counted_hits(sample_db: Path) -> None:
    searcher = _searcher(sample_db)
    everything = searcher.search("the OR 的", FacetFilters(), limit=100)
    assert everything.results.total == len(everything.results.hits) > 5
    for name in ("section", "body", "sector", "year", "form", "has_targets"):
        for value, count in everything.facets[name]:
            narrowed = searcher.search("the OR 的", _filter(name, value), limit=100)
            assert narrowed.results.total == len(narrowed.results.hits) == count, (name, value)
            assert narrowed.facets[name] == [(value, count)] or name in ("body", "sector"), (name, value)


def test_in_memory_filters_agree_with_the_store_sql(sample_db: Path) -> None:
    """The store's own filters (body, section, dates) give the same hits through the store and through here."""
    from policywatch.store import open_store

    searcher = _searcher(sample_db)
    with open_store(sample_db) as store:
        for body, section, since, until in (("MIIT", None, None, None), (None, "top", None, None),
                                            (None, "policy", None, None), (None, None, "2024-02-20", None),
                                            (None, None, None, "2024-02"), (None, None, "2022", "2024-02-27")):
            filters = FacetFilters(body=body, section=section, since=since, until=until)
            mine = searcher.search("the OR 的", filters, limit=100).results.hits
            theirs = store.search("the OR 的", body=body, section=section, since=since, until=until, limit=100).hits
            assert [(h.record_id, h.entry_id) for h in mine] == [(h.record_id, h.entry_id) for h in theirs], filters


def test_date_sort_is_newest_first_and_answers_are_cached(sample_db: Path) -> None:
    searcher = _searcher(sample_db)
    newest = searcher.search("the OR 的", FacetFilters(), sort="date", limit=100)
    dates = [hit.date or "" for hit in newest.results.hits]
    assert dates == sorted(dates, reverse=True)
    assert searcher.search("the OR 的", FacetFilters(), sort="date", limit=100) is newest


def test_too_many_matches_to_rank_are_listed_newest_first_on_postgresql(sample_db: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL ranks at most RANK_LIMIT matches (ts_rank reads each one's tsvector); past it the relevance
    order becomes newest first, and says so, while the total and the facets still count every match."""
    searcher = _searcher(sample_db)
    if not isinstance(searcher._tables, PostgresSearchTables):
        pytest.skip("SQLite ranks every match (run with POLICYWATCH_TEST_POSTGRES)")
    ranked = searcher.search("the OR 的", FacetFilters(), limit=100)
    monkeypatch.setattr(search_postgres, "RANK_LIMIT", 3)
    listed = _searcher(sample_db).search("the OR 的", FacetFilters(), limit=100)
    assert not ranked.results.newest_first and listed.results.newest_first
    assert listed.results.total == ranked.results.total > 3 and listed.facets == ranked.facets
    dates = [hit.date or "" for hit in listed.results.hits]
    assert dates == sorted(dates, reverse=True)


def _filter(name: str, value: str) -> FacetFilters:
    if name == "year":
        return FacetFilters(year=int(value))
    if name == "has_targets":
        return FacetFilters(has_targets=value == "1")
    if name == "section":
        return FacetFilters(section=value)
    if name == "body":
        return FacetFilters(body=value)
    return FacetFilters(sector=value) if name == "sector" else FacetFilters(form=value)


@pytest.mark.parametrize("filters", [FacetFilters(year=99), FacetFilters(since="2024-02-30"),
                                     FacetFilters(sector="a\nb"), FacetFilters(form="x" * 200),
                                     FacetFilters(section="elsewhere")])
def test_bad_filters_are_query_errors(sample_db: Path, filters: FacetFilters) -> None:
    with pytest.raises(QueryError):
        _searcher(sample_db).search("battery", filters)


def test_the_read_only_connection_refuses_writes(sample_db: Path) -> None:
    reader = _reader(sample_db)
    with pytest.raises(Exception, match=r"readonly|read-only|query_only"):
        reader.connection().execute("DELETE FROM records")
    reader.close()


def test_body_counts_from_the_side_tables_equal_the_store_s(hostile_db: Path) -> None:
    from policywatch.store import open_store
    from policywatch.web import body_stats

    tables = open_search_tables(str(hostile_db))
    mine = [(b.body_id, b.entry_count, b.record_count, b.first_date, b.last_date)
            for b in body_stats.all_bodies(tables)]
    with open_store(hostile_db) as store:
        theirs = [(b.body_id, b.entry_count, b.record_count, b.first_date, b.last_date) for b in store.bodies()]
    assert mine == theirs and len(mine) >= 6
    tables.close()


def test_the_app_needs_a_database_file() -> None:
    from policywatch.errors import StoreError
    from policywatch.web import create_app

    with pytest.raises(StoreError, match="database file"):
        create_app(":memory:", token="")
