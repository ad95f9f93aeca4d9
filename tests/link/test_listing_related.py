"""Reading links back: the policy list and page, and related documents with their reasons."""

from __future__ import annotations

from pathlib import Path

import pytest
from link_records import (
    BATTERY_TITLE,
    GRID_TITLE,
    STORAGE_TARGET,
    brief,
    entry,
    entry_ids,
    ingest,
    ingest_file,
    policy,
)

from conftest import NOTICES, SAMPLES, SEED
from policywatch.errors import QueryError
from policywatch.link import (
    HashingEmbedder,
    Subject,
    links_for_entry,
    links_for_policy,
    list_policies,
    policy_detail,
    related,
    using_embedder,
)
from policywatch.records import Relation
from policywatch.store import RecordNotFound, Store


@pytest.fixture
def stocked(store: Store) -> dict[str, int]:
    """Two policies (one with a linked entry), a brief with three entries."""
    ids = {
        "grid": ingest(store, policy(GRID_TITLE, bodies=("NEA",), sectors=("energy_storage",),
                                     relations=(Relation("issues", "新型储能并网调度规则"),)), "grid"),
        "battery": ingest(store, policy(BATTERY_TITLE, bodies=("MIIT", "NDRC"), date_written="2022-06-01",
                                        date_published=None), "battery"),
    }
    ids["brief"] = ingest(store, brief(
        entry("Grid storage dispatch", title_zh=GRID_TITLE, bodies=("NEA",), sectors=("energy_storage",)),
        entry("Battery makers", bodies=("MIIT",), rank=2),
        entry("Storage subsidies", bodies=("NEA",), rank=3, sectors=("energy_storage",)),
    ), "brief")
    return ids


def test_list_policies_newest_first_with_link_counts(store: Store, stocked: dict[str, int]) -> None:
    listed = list_policies(store)
    assert [p.id for p in listed] == [stocked["grid"], stocked["battery"]]
    assert (listed[0].asserted_links, listed[0].proposed_links, listed[0].source_count) == (1, 0, 1)
    assert listed[0].bodies == ("NEA",) and listed[0].doc_form == "通知"


@pytest.mark.parametrize(("filters", "expected"), [
    ({"body": "MIIT"}, ["battery"]),
    ({"body": "工业和信息化部"}, ["battery"]),  # a name resolves through the registry
    ({"body": "NDRC", "since": "2023"}, []),
    ({"since": "2023-03"}, ["grid"]),
    ({"form": "通知"}, ["grid", "battery"]),
    ({"form": "意见"}, []),
])
def test_list_policies_filters(store: Store, stocked: dict[str, int], filters: dict[str, str],
                               expected: list[str]) -> None:
    assert [p.id for p in list_policies(store, **filters)] == [stocked[k] for k in expected]


def test_list_policies_refuses_a_bad_date(store: Store) -> None:
    with pytest.raises(QueryError):
        list_policies(store, since="last week")


def test_policy_detail(store: Store, stocked: dict[str, int]) -> None:
    detail = policy_detail(store, stocked["grid"])
    assert detail.policy.title_zh == GRID_TITLE
    assert detail.relations == (Relation("issues", "新型储能并网调度规则"),)
    (linked,) = detail.links
    assert (linked.brief_id, linked.headline, linked.method, linked.status) == (
        stocked["brief"], "Grid storage dispatch", "exact", "asserted")
    assert [s.path for s in detail.sources] == ["/in/grid"]
    assert links_for_policy(store, stocked["grid"])[0].entry_id == linked.entry_id
    with pytest.raises(RecordNotFound):
        policy_detail(store, stocked["brief"])


def test_related_to_an_entry(store: Store, stocked: dict[str, int]) -> None:
    grid_entry = entry_ids(store, stocked["brief"])[0]
    found = related(store, Subject.entry(grid_entry))
    assert [(r.kind, r.id) for r in found] == [("policy", stocked["grid"])]  # siblings in the brief are left out
    assert found[0].reason == "Chinese original (same title); same issuing body NEA; same sector energy_storage"
    assert found[0].score == 1.0


def test_related_to_a_policy(store: Store, stocked: dict[str, int]) -> None:
    first, _, third = entry_ids(store, stocked["brief"])
    found = {(r.kind, r.id): r for r in related(store, Subject.record(stocked["grid"]))}
    assert set(found) == {("entry", first), ("entry", third)}
    assert found[("entry", first)].reason.startswith("reports on this document; same issuing body NEA")
    assert found[("entry", third)].reason == "same issuing body NEA; same sector energy_storage"
    assert found[("entry", first)].score > found[("entry", third)].score
    with pytest.raises(RecordNotFound):
        related(store, Subject.record(stocked["brief"]))
    with pytest.raises(RecordNotFound):
        related(store, Subject.entry(10_000))


def test_related_shows_shared_ledger_targets(store: Store) -> None:
    first = ingest(store, policy(GRID_TITLE, bodies=("NEA",), targets=(STORAGE_TARGET,)), "grid")
    second = ingest(store, policy("关于印发新型储能发展实施方案的通知", bodies=("NDRC",), targets=(STORAGE_TARGET,)),
                    "plan")
    found = related(store, Subject.record(first))
    assert [(r.kind, r.id, r.reason) for r in found] == [("policy", second, "shares target 30 GW 2025")]


def test_related_skips_the_ledger_when_its_tables_are_absent(store: Store, stocked: dict[str, int]) -> None:
    for table in ("ledger_events", "ledger_sources", "ledger_targets"):
        store._conn.execute(f"DROP TABLE {table}" + (" CASCADE" if store.dialect == "postgres" else ""))
    assert related(store, Subject.record(stocked["grid"]))


def test_related_by_similar_text(store: Store) -> None:
    text = "推动新型储能参与电力市场，完善调度运行机制，提升新型储能利用水平"
    with using_embedder(HashingEmbedder()):
        first = ingest(store, policy(GRID_TITLE, bodies=("NEA",), text=f"{GRID_TITLE}\n{text}"), "a")
        second = ingest(store, policy("关于促进新型储能并网和调度运用的通知", bodies=("MOF",),
                                      text=f"关于促进新型储能并网和调度运用的通知\n{text}"), "b")
        found = related(store, Subject.record(first))
    assert [(r.kind, r.id) for r in found] == [("policy", second)]
    assert found[0].reason.startswith("similar text 0.")


@pytest.mark.shared
def test_seed_entry_and_its_notice_relate_through_link_and_ledger(store: Store, shared_dir: Path) -> None:
    brief_id = ingest_file(store, shared_dir / SEED)
    plan = ingest_file(store, NOTICES / "high-tech-zones-plan.txt")
    ingest_file(store, SAMPLES / "notice-ip-smes.txt")
    fourth = entry_ids(store, brief_id)[3]
    assert links_for_entry(store, fourth)[0].record_id == plan
    (top, *_) = related(store, Subject.entry(fourth))
    assert (top.kind, top.id) == ("policy", plan)
    assert "Chinese original" in top.reason and "same issuing body MOST" in top.reason
    assert "shares target 7.8 percent 2025" in top.reason
