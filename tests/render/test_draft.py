"""Drafting from the store: the seed's period reproduces its Top 5; the score parts behave as documented."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from policywatch.pipeline import ingest_one
from policywatch.render import draft_brief, load_draft, save_draft
from policywatch.render.draft import body_rank
from policywatch.store import Store, open_store

SEED = Path("seeds") / "000_61a2b85d103903a0.txt"


@pytest.fixture
def seeded(tmp_path: Path, shared_dir: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "render.db")
    assert ingest_one(store, shared_dir / SEED).status == "new"
    yield store
    store.close()


def test_seed_period_reproduces_top_five(seeded: Store) -> None:
    draft = draft_brief(seeded, start="2022-10-25", end="2022-11-29")
    stored = seeded.get_record(seeded.briefs()[0].id).record
    expected = {e.headline for e in stored.entries if e.section == "top"}  # type: ignore[union-attr]
    assert {item.headline for item in draft.top} == expected
    assert len(draft.policy_news) == 8 and len(draft.corporate_news) == 7
    assert [p.group for p in draft.people].count("editor") == 2


def test_watchlist_lifts_a_news_line_into_the_top(seeded: Store) -> None:
    draft = draft_brief(seeded, start="2022-10-25", end="2022-11-29", watch_sectors=("aerospace", "robotics"))
    assert any("Future Industry" in item.headline for item in draft.top)


def test_earlier_top_entry_scores_lower(seeded: Store) -> None:
    # drafting the next period: the seed is now an earlier brief, so its Top items carry the repeat penalty
    draft = draft_brief(seeded, start="2022-12-08", end="2022-12-31")
    assert draft.top == ()
    same = draft_brief(seeded, start="2022-10-25", end="2022-11-29")
    assert all("earlier Top entry" not in " ".join(i.reasons) for i in same.top)


def test_period_outside_the_store_is_empty(seeded: Store) -> None:
    draft = draft_brief(seeded, start="2019-01-01", end="2019-02-01")
    assert draft.top == () and draft.policy_news == ()


@pytest.mark.parametrize(("body", "rank"), [("State Council", 3.0), ("CPCCC", 3.0), ("MIIT", 2.0),
                                             ("SAMR", 1.5), ("Nowhere Bureau", 0.5)])
def test_body_rank_orders_state_council_over_ministries(body: str, rank: float) -> None:
    assert body_rank(body) == rank


def test_draft_file_round_trip(seeded: Store, tmp_path: Path) -> None:
    draft = draft_brief(seeded, start="2022-10-25", end="2022-11-29")
    save_draft(draft, tmp_path / "draft.yaml")
    assert load_draft(tmp_path / "draft.yaml") == draft
    save_draft(draft, tmp_path / "draft.json")
    assert load_draft(tmp_path / "draft.json") == draft
