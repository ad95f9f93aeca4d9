"""Linking through the store: every ingest links in both directions, in its transaction, idempotently."""

from __future__ import annotations

from pathlib import Path

import pytest
from link_records import (
    BATTERY_TITLE,
    GRID_TITLE,
    all_links,
    brief,
    entry,
    entry_ids,
    ingest,
    ingest_file,
    policy,
)

from conftest import NOTICES, SAMPLES, SEED
from policywatch.link import (
    HashingEmbedder,
    Link,
    link_record,
    links_for_entry,
    links_for_policy,
    relink_all,
    using_embedder,
)
from policywatch.records import Brief, Relation
from policywatch.store import Store

IP_SAMPLE = SAMPLES / "notice-ip-smes.txt"
IP_TRADITIONAL = SAMPLES / "notice-ip-smes-traditional.txt"
LITHIUM_SAMPLE = SAMPLES / "notice-lithium-battery-supply-chain.html"


def _seed_entry(store: Store, brief_id: int, rank: int) -> int:
    stored = store.get_record(brief_id)
    assert isinstance(stored.record, Brief)
    for entry_id, item in zip(stored.entry_ids, stored.record.entries, strict=True):
        if item.section == "top" and item.rank == rank:
            return entry_id
    raise AssertionError(f"no top entry {rank}")


# ---- acceptance: the seed brief and the samples ------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.parametrize("brief_first", [True, False], ids=["brief first", "notice first"])
@pytest.mark.parametrize(("sample", "rank", "method", "reason"), [
    (IP_SAMPLE, 3, "normalised", "same title (without issuer)"),
    (LITHIUM_SAMPLE, 2, "normalised", "truncated title (96%)"),
], ids=["IP measures", "lithium truncated"])
def test_sample_notice_links_to_its_seed_entry_in_either_order(
        store: Store, shared_dir: Path, brief_first: bool, sample: Path, rank: int, method: str,
        reason: str) -> None:
    if brief_first:
        brief_id, policy_id = ingest_file(store, shared_dir / SEED), ingest_file(store, sample)
    else:
        policy_id, brief_id = ingest_file(store, sample), ingest_file(store, shared_dir / SEED)
    entry_id = _seed_entry(store, brief_id, rank)
    (link,) = links_for_entry(store, entry_id)
    assert (link.entry_id, link.record_id, link.method, link.status, link.reason) == (
        entry_id, policy_id, method, "asserted", reason)
    assert [k.entry_id for k in links_for_policy(store, policy_id)] == [entry_id]


@pytest.mark.shared
def test_truncated_title_of_entry_two_links_to_the_full_title(store: Store, shared_dir: Path) -> None:
    brief_id = ingest_file(store, shared_dir / SEED)
    policy_id = ingest_file(store, LITHIUM_SAMPLE)
    entry_two = _seed_entry(store, brief_id, 2)
    quoted = store.get_entry(entry_two).entry.document
    assert quoted is not None and quoted.title_zh is not None and quoted.title_zh.endswith("工作的通")
    (link,) = links_for_entry(store, entry_two)
    assert (link.record_id, link.method, link.status) == (policy_id, "normalised", "asserted")
    assert 0.8 <= link.score < 0.95  # a truncated match scores below a whole-title match


@pytest.mark.shared
def test_seed_entries_without_a_stored_original_get_no_link(store: Store, shared_dir: Path) -> None:
    brief_id = ingest_file(store, shared_dir / SEED)
    ingest_file(store, IP_SAMPLE)
    ingest_file(store, LITHIUM_SAMPLE)
    linked = {k.entry_id for k in all_links(store._conn)}
    assert linked == {_seed_entry(store, brief_id, 2), _seed_entry(store, brief_id, 3)}


def test_traditional_and_simplified_copies_are_one_policy_found_by_a_simplified_query(store: Store) -> None:
    simplified = ingest_file(store, IP_SAMPLE)
    traditional = ingest_file(store, IP_TRADITIONAL)
    assert traditional == simplified
    assert store.counts().policies == 1
    assert len(store.get_record(simplified).sources) == 2
    for query in ("专精特新 知识产权", "專精特新"):
        hits = store.search(query, section="policy").hits
        assert [(h.kind, h.record_id) for h in hits] == [("policy", simplified)]


# ---- hand-built records: methods and statuses ---------------------------------------------------------------


def test_a_policy_stored_later_links_to_the_stored_entry(store: Store) -> None:
    brief_id = ingest(store, brief(entry("Battery recycling push", title_zh=BATTERY_TITLE, bodies=("MIIT",))), "b")
    (entry_id,) = entry_ids(store, brief_id)
    assert links_for_entry(store, entry_id) == []
    policy_id = ingest(store, policy(BATTERY_TITLE), "p")
    assert links_for_entry(store, entry_id) == [
        Link(entry_id, policy_id, "exact", 1.0, "asserted", "same title")]


def test_doc_number_in_the_named_title_is_an_exact_link(store: Store) -> None:
    policy_id = ingest(store, policy("关于印发储能产业行动方案的通知", doc_number="工信部联电子〔2023〕12号"), "p")
    brief_id = ingest(store, brief(entry("Storage plan", title_zh="储能方案（工信部联电子[2023]12号）")), "b")
    (link,) = links_for_entry(store, entry_ids(store, brief_id)[0])
    assert (link.record_id, link.method, link.status, link.reason) == (policy_id, "exact", "asserted", "same 发文字号")


def test_weak_fuzzy_title_is_only_proposed(store: Store) -> None:
    policy_id = ingest(store, policy("关于加快推进新型储能规模化发展的指导意见"), "p")
    brief_id = ingest(store, brief(entry("Storage", title_zh="关于加快推进新型储能规模化发展的实施意见")), "b")
    (link,) = links_for_entry(store, entry_ids(store, brief_id)[0])
    assert (link.record_id, link.method, link.status) == (policy_id, "fuzzy", "proposed")
    assert "weak title match" in link.reason


def test_same_title_years_apart_is_only_proposed(store: Store) -> None:
    ingest(store, policy(GRID_TITLE, date_written="2019-03-02", date_published=None, doc_number="国能发〔2019〕1号"),
           "old")
    brief_id = ingest(store, brief(entry("Grid storage", title_zh=GRID_TITLE)), "b")
    (link,) = links_for_entry(store, entry_ids(store, brief_id)[0])
    assert link.status == "proposed" and "days apart" in link.reason


def test_one_asserted_original_per_named_document(store: Store) -> None:
    first = ingest(store, policy(GRID_TITLE, doc_number="国能发〔2023〕7号"), "first")
    second = ingest(store, policy("国家能源局" + GRID_TITLE, doc_number="国能发〔2023〕8号",
                                  date_written="2023-01-02", date_published="2023-01-05"), "second")
    brief_id = ingest(store, brief(entry("Grid storage", title_zh=GRID_TITLE)), "b")
    links = links_for_entry(store, entry_ids(store, brief_id)[0])
    assert [(k.record_id, k.status) for k in links] == [(first, "asserted"), (second, "proposed")]
    assert "another document matches better" in links[1].reason


def test_a_plan_named_by_the_brief_links_to_the_notice_issuing_it(store: Store) -> None:
    notice = policy("国家能源局关于印发《新型储能发展行动方案》的通知",
                    relations=(Relation("issues", "新型储能发展行动方案"),))
    policy_id = ingest(store, notice, "p")
    brief_id = ingest(store, brief(entry("Storage plan", title_zh="新型储能发展行动方案")), "b")
    (link,) = links_for_entry(store, entry_ids(store, brief_id)[0])
    assert (link.record_id, link.method, link.status) == (policy_id, "normalised", "asserted")


def test_linking_twice_writes_nothing_and_relink_all_agrees(store: Store) -> None:
    policy_id = ingest(store, policy(BATTERY_TITLE), "p")
    brief_id = ingest(store, brief(entry("Battery recycling", title_zh=BATTERY_TITLE[:-1] + "知（征求意见稿）")), "b")
    ingest(store, brief(entry("Battery recycling", title_zh=BATTERY_TITLE), published="2023-05-01",
                        title="Second issue"), "b2")
    before = all_links(store._conn)
    changes = store._conn.total_changes
    assert link_record(store._conn, policy_id) == links_for_policy(store, policy_id)
    link_record(store._conn, brief_id)
    assert store._conn.total_changes == changes
    update = relink_all(store._conn)
    assert all_links(store._conn) == before
    assert (update.links, update.asserted + update.proposed) == (len(before), len(before))


def test_reingesting_the_same_files_keeps_the_links(store: Store) -> None:
    ingest(store, policy(BATTERY_TITLE), "p")
    ingest(store, brief(entry("Battery recycling", title_zh=BATTERY_TITLE)), "b")
    before = all_links(store._conn)
    ingest(store, policy(BATTERY_TITLE), "p")
    ingest(store, brief(entry("Battery recycling", title_zh=BATTERY_TITLE)), "b")
    assert all_links(store._conn) == before and len(before) == 1


def _replace_in_json(store: Store, table: str, column: str, where: str, old: str, new: str) -> None:
    """Edit stored (compressed) JSON behind the store's back, as a changed parser would."""
    from policywatch.store.record_codec import pack_json, unpack_json

    rows = store._conn.execute(f"SELECT id, {column} FROM {table} WHERE {where}").fetchall()
    store._conn.executemany(f"UPDATE {table} SET {column} = ? WHERE id = ?",
                            [(pack_json(unpack_json(value).replace(old, new)), row_id) for row_id, value in rows])


def test_an_entry_that_loses_its_title_loses_its_link(store: Store) -> None:
    ingest(store, policy(BATTERY_TITLE), "p")
    ingest(store, brief(entry("Battery recycling", title_zh=BATTERY_TITLE)), "b")
    assert len(all_links(store._conn)) == 1
    _replace_in_json(store, "entries", "entry_json", "1 = 1", BATTERY_TITLE, "另一份文件")
    _replace_in_json(store, "records", "record_json", "type = 'brief'", BATTERY_TITLE, "另一份文件")
    relink_all(store._conn)
    assert all_links(store._conn) == []


def test_articles_are_never_linked(store: Store) -> None:
    from link_records import with_source

    from policywatch.records import Article, Source
    article = Article(title=BATTERY_TITLE, source=Source(path="", sha256="", format="text"), text=BATTERY_TITLE)
    stamped, raw = with_source(article, "a")
    article_id = store.ingest(stamped, raw).record_id
    ingest(store, brief(entry("Battery recycling", title_zh=BATTERY_TITLE)), "b")
    assert links_for_policy(store, article_id) == [] and all_links(store._conn) == []


# ---- text similarity (a deterministic hashing embedder stands in for the [embed] model) ---------------------


def test_semantic_link_for_an_entry_without_a_title(store: Store) -> None:
    text = "加快新型储能并网调度运行，完善储能参与电力市场机制，到2025年新型储能装机规模达到3000万千瓦以上"
    with using_embedder(HashingEmbedder()):
        policy_id = ingest(store, policy(GRID_TITLE, text=f"{GRID_TITLE}\n{text}"), "p")
        other = ingest(store, policy(BATTERY_TITLE, text=f"{BATTERY_TITLE}\n推进动力电池梯次利用和再生利用"), "q")
        brief_id = ingest(store, brief(entry(f"{GRID_TITLE[2:-3]}：{text}", bodies=("MIIT",), date="2023-03-10")),
                          "b")
    (link,) = links_for_entry(store, entry_ids(store, brief_id)[0])
    assert (link.record_id, link.method, link.status) == (policy_id, "semantic", "asserted")
    assert link.reason.startswith("similar text") and "same bodies MIIT" in link.reason
    assert other != policy_id


def test_semantic_link_respects_the_date_window(store: Store) -> None:
    text = "加快新型储能并网调度运行，完善储能参与电力市场机制，到2025年新型储能装机规模达到3000万千瓦以上"
    with using_embedder(HashingEmbedder()):
        ingest(store, policy(GRID_TITLE, text=f"{GRID_TITLE}\n{text}", date_written="2022-01-02",
                             date_published="2022-01-09"), "p")
        brief_id = ingest(store, brief(entry(text, bodies=("MIIT",), date="2023-03-10")), "b")
    assert links_for_entry(store, entry_ids(store, brief_id)[0]) == []


def test_an_unchanged_reingest_links_again_only_when_an_embedder_came_in(store: Store) -> None:
    text = "加快新型储能并网调度运行，完善储能参与电力市场机制，到2025年新型储能装机规模达到3000万千瓦以上"
    grid = policy(GRID_TITLE, text=f"{GRID_TITLE}\n{text}")
    entry_only = brief(entry(f"{GRID_TITLE[2:-3]}：{text}", bodies=("MIIT",), date="2023-03-10"))
    with using_embedder(None):
        policy_id = ingest(store, grid, "p")
        brief_id = ingest(store, entry_only, "b")
        ingest(store, entry_only, "b")  # unchanged, and linked with the methods in use: nothing to redo
    assert links_for_entry(store, entry_ids(store, brief_id)[0]) == []
    with using_embedder(HashingEmbedder()):  # the folder ingested again: both stored before the embedder came in
        assert (ingest(store, grid, "p"), ingest(store, entry_only, "b")) == (policy_id, brief_id)
    (link,) = links_for_entry(store, entry_ids(store, brief_id)[0])
    assert (link.record_id, link.method) == (policy_id, "semantic")


def test_vectors_are_stored_once_per_text(store: Store) -> None:
    with using_embedder(HashingEmbedder()):
        ingest(store, policy(GRID_TITLE), "p")
        ingest(store, brief(entry("Grid storage", title_en="Notice on grid storage dispatch", title_zh=GRID_TITLE)),
               "b")
        kinds = store._conn.execute("SELECT kind, entry_id IS NULL, count(*) FROM link_vectors"
                                    " GROUP BY kind, entry_id IS NULL ORDER BY 1, 2").fetchall()
        relink_all(store._conn)
        assert store._conn.execute("SELECT count(*) FROM link_vectors").fetchone()[0] == 4
    assert kinds == [("text", 0, 1), ("text", 1, 1), ("title", 0, 1), ("title", 1, 1)]


def test_notices_of_the_eval_set_parse_as_policies() -> None:
    from policywatch.parse import parse_path
    from policywatch.records import Policy

    parsed = [parse_path(path) for path in sorted(NOTICES.glob("*.txt"))]
    assert len(parsed) >= 15 and all(isinstance(p, Policy) and p.title_zh and p.bodies for p in parsed)


@pytest.mark.parametrize("brief_first", [True, False], ids=["brief first", "notice first"])
def test_a_truncated_plan_title_links_to_the_notice_issuing_it_in_either_order(store: Store,
                                                                               brief_first: bool) -> None:
    notice = policy("国家能源局 工业和信息化部关于印发《新型储能并网调度运行管理实施细则》的通知",
                    relations=(Relation("issues", "新型储能并网调度运行管理实施细则"),))
    quoted = brief(entry("Storage dispatch rules", title_zh="新型储能并网调度运行管理实施细"))
    if brief_first:
        brief_id, policy_id = ingest(store, quoted, "b"), ingest(store, notice, "p")
    else:
        policy_id, brief_id = ingest(store, notice, "p"), ingest(store, quoted, "b")
    (link,) = links_for_entry(store, entry_ids(store, brief_id)[0])
    assert (link.record_id, link.method, link.status) == (policy_id, "normalised", "asserted")
    assert link.reason.startswith("truncated title")
