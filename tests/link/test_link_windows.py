"""Bounded linking: vectors are compared only within a date window, found through indexed look-ups
(link_dates, entries.date), so that linking one record costs the same in a large archive."""

from __future__ import annotations

import pytest
from link_records import BATTERY_TITLE, GRID_TITLE, brief, entry, ingest, policy

from policywatch.link import HashingEmbedder, using_embedder
from policywatch.link.subjects import EntrySide, semantic_window
from policywatch.link.tables import entry_vectors_near, policy_vectors_near
from policywatch.store import Store

EMBEDDER = HashingEmbedder()


def _side(date: str | None, published: str | None) -> EntrySide:
    return EntrySide(1, 1, (), (), (), (), date, published, None, "text")


@pytest.mark.parametrize(("date", "published", "window"), [
    ("2023-03-10", "2023-04-01", ("2023-02-08", "2023-04-09")),
    ("2023-03", "2023-04-01", ("2023-01-30", "2023-04-30")),
    (None, "2023-04-01", ("2022-04-01", "2023-04-08")),
    ("not a date", "2023-04", ("2022-04-01", "2023-05-07")),
    (None, None, None),
])
def test_semantic_window(date: str | None, published: str | None, window: tuple[str, str] | None) -> None:
    assert semantic_window(_side(date, published)) == window


def _policy_ids(store: Store, window: tuple[str, str] | None) -> set[int]:
    return {v.record_id for v in policy_vectors_near(store._conn, EMBEDDER.name, "title", window)}


def test_policy_vectors_near_a_window_and_undated(store: Store) -> None:
    with using_embedder(EMBEDDER):
        near = ingest(store, policy(BATTERY_TITLE, date_written="2023-03-02", date_published="2023-03-09"), "near")
        far = ingest(store, policy(GRID_TITLE, date_written="2021-01-05", date_published=None), "far")
        undated = ingest(store, policy("关于加强储能安全管理的通知", date_written=None, date_published=None), "undated")
        year = ingest(store, policy("关于氢能产业发展的意见", date_written="2022", date_published=None), "year")
    assert _policy_ids(store, ("2023-02-08", "2023-04-09")) == {near, undated}
    assert _policy_ids(store, ("2022-12-20", "2023-01-10")) == {year, undated}
    assert _policy_ids(store, None) == {near, far, undated, year}
    rows = store._conn.execute("SELECT record_id, first_day, last_day FROM link_dates ORDER BY record_id, first_day")
    assert rows.fetchall() == [(near, "2023-03-02", "2023-03-02"), (near, "2023-03-09", "2023-03-09"),
                               (far, "2021-01-05", "2021-01-05"), (undated, None, None),
                               (year, "2022-01-01", "2022-12-31")]


def test_entry_vectors_near_a_window_and_undated(store: Store) -> None:
    with using_embedder(EMBEDDER):
        brief_id = ingest(store, brief(entry("Battery recycling rules", date="2023-03-10"),
                                       entry("Grid storage dispatch", date="2021-06-01", rank=2),
                                       entry("Hydrogen plans", date=None, rank=3)), "b")
    entries = dict(store._conn.execute("SELECT headline, id FROM entries WHERE record_id = ?", (brief_id,)))
    found = {v.entry_id for v in entry_vectors_near(store._conn, EMBEDDER.name, "text", ("2023-02-01", "2023-04-01"))}
    assert found == {entries["Battery recycling rules"], entries["Hydrogen plans"]}


def test_a_policy_too_far_from_an_entry_is_not_proposed(store: Store) -> None:
    text = "关于推进动力电池回收利用体系建设的通知 各有关单位 回收 利用 电池"
    with using_embedder(EMBEDDER):
        ingest(store, policy("另一份文件", date_written="2019-01-02", date_published=None, text=text), "old")
        brief_id = ingest(store, brief(entry(text, date="2023-03-10")), "b")
    links = store._conn.execute("SELECT count(*) FROM links l JOIN entries e ON e.id = l.entry_id"
                                " WHERE e.record_id = ?", (brief_id,)).fetchone()[0]
    assert links == 0


def test_title_keys_are_looked_up_within_a_window_plus_the_nearest_same_title(store: Store) -> None:
    """A brief's entry finds same-titled policies dated near it, and of those further away only the nearest
    CANDIDATE_NEAREST_OUTSIDE on each side: the look-up costs the same however many years of reissues exist."""
    from policywatch.link import thresholds as t
    from policywatch.link.subjects import candidate_window, entry_days, entry_lookup
    from policywatch.link.tables import entry_sides, key_candidates

    years = range(2010, 2023)  # one reissue a year, all before the entry
    ids = {year: ingest(store, policy(GRID_TITLE, date_written=f"{year}-03-02", date_published=None,
                                      doc_number=f"国能发〔{year}〕1号"), f"p{year}") for year in years}
    near = ingest(store, policy(GRID_TITLE, date_written="2023-02-20", date_published=None,
                                doc_number="国能发〔2023〕1号"), "near")
    brief_id = ingest(store, brief(entry("Grid storage", title_zh=GRID_TITLE)), "b")
    side = entry_sides(store._conn, record_id=brief_id)[0]
    window = candidate_window(entry_days(side))
    assert window is not None and window[0] <= "2023-02-20" <= window[1]
    found = key_candidates(store._conn, entry_lookup(side), want="policies", window=window)
    nearest_before = {ids[y] for y in list(years)[-t.CANDIDATE_NEAREST_OUTSIDE:]}
    assert found == {near} | nearest_before
    assert key_candidates(store._conn, entry_lookup(side), want="policies") == {near, *ids.values()}
    links = store._conn.execute("SELECT record_id, status FROM links WHERE entry_id = ?", (side.entry_id,)).fetchall()
    assert (near, "asserted") in links and len(links) <= t.MAX_LINKS_PER_ENTRY


def test_a_window_look_up_finds_day_month_and_year_dates_reaching_into_it(store: Store) -> None:
    """Key rows covering a day or a month are read from a month before the window, those covering a year
    (migration 0012's `wide`) from a year before: each owner whose days reach into the window is found, and
    none whose days end before it."""
    from policywatch.link.tables import _owners_sharing

    dates = {"year": "2022", "month": "2022-12", "day-before": "2022-12-30", "day-in": "2023-01-02",
             "old-year": "2021", "after": "2023-09"}
    ids = {name: ingest(store, policy(GRID_TITLE, date_written=written, date_published=None,
                                      doc_number=f"国能发〔{written[:4]}〕{n}号"), name)
           for n, (name, written) in enumerate(dates.items(), start=1)}
    assert len(set(ids.values())) == len(dates)  # six documents, not editions of one
    wide = dict(store._conn.execute("SELECT record_id, max(wide) FROM link_keys WHERE kind = 'gram' GROUP BY 1"))
    assert {name for name, i in ids.items() if wide[i]} == {"year", "old-year"}
    keys = sorted({r[0] for r in store._conn.execute(
        "SELECT key FROM link_keys WHERE kind = 'gram' AND record_id = ?", (ids["day-in"],))})
    found = _owners_sharing(store._conn, "record_id", "gram", keys, len(keys), ("2022-12-31", "2023-08-31"))
    assert found == {ids["year"], ids["month"], ids["day-in"]}
    assert _owners_sharing(store._conn, "record_id", "gram", keys, len(keys), None) == set(ids.values())
