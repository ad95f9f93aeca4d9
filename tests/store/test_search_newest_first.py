"""PostgreSQL's guard for huge result sets (search_postgres.rank): past RANK_LIMIT matches an unfiltered query
lists the most recently stored matches, walking the ids backwards, and says its total is a lower bound; below
it, or with filters, every match is ranked as before."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from store_records import article

from policywatch.store import Store, open_store, search_postgres


@pytest.fixture()
def store(db_target: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setattr(search_postgres, "RANK_LIMIT", 4)
    monkeypatch.setattr(search_postgres, "WALK_ROWS", 3)  # pages fill over several steps of the walk
    with open_store(db_target) as opened:
        if opened.dialect != "postgres":
            pytest.skip("the guard is PostgreSQL's: SQLite ranks every match (run with POLICYWATCH_TEST_POSTGRES)")
        for n in range(9):
            tariff = " Tariff tariff tariff." if n == 2 else ""
            opened.ingest(*article(f"a{n}.html", title=f"Solar makers report {n}",
                                   text=f"Solar module exports rose in month {n}.{tariff}"))
        opened.ingest(*article("b.html", title="Wind tariffs", text="Wind turbine makers face a tariff."))
        yield opened


def test_a_query_with_few_matches_is_ranked_and_counted(store: Store) -> None:
    results = store.search("tariff")
    assert (results.total, results.newest_first) == (2, False)
    assert [hit.title for hit in results.hits] == ["Wind tariffs", "Solar makers report 2"]  # title match first


def test_a_query_past_the_limit_lists_the_newest_matches(store: Store) -> None:
    results = store.search("solar", limit=3)
    assert results.newest_first and results.total == search_postgres.RANK_LIMIT + 1
    assert [hit.title for hit in results.hits] == [f"Solar makers report {n}" for n in (8, 7, 6)]
    second = store.search("solar", limit=3, offset=3)
    assert [hit.title for hit in second.hits] == [f"Solar makers report {n}" for n in (5, 4, 3)]
    assert all(hit.title_matches for hit in second.hits)  # highlights as on a ranked page
    assert [hit.title for hit in store.search("solar", limit=3, offset=8).hits] == ["Solar makers report 0"]
    assert store.search("solar", offset=9).hits == ()


def test_a_filtered_query_is_still_ranked(store: Store) -> None:
    results = store.search("solar", section="article")
    assert (results.total, results.newest_first) == (9, False)
