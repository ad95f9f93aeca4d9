"""The ledger as the store keeps it: records ingested through `open_store(...).ingest` and read back with
`list_targets` / `get_target`."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from ledger_records import (
    EMISSIONS_EN,
    EMISSIONS_POINT,
    ENERGY_TEXT,
    ENERGY_ZH,
    NEV_EN,
    NEV_EN_POINT,
    article,
    brief,
    entry,
    ingest,
    ledger_snapshot,
    nev_brief,
    nev_draft,
    nev_final,
    outcome_article,
    patent_brief,
    policy,
    table_rows,
    target,
)

from policywatch.errors import QueryError
from policywatch.ledger import get_target, list_targets, rebuild_ledger, targets_csv, update_ledger
from policywatch.records import Policy, Record, Target
from policywatch.store import RecordNotFound, Store, open_store
from policywatch.store.connections import open_connection


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    opened = open_store(db_target)
    yield opened
    opened.close()


def connection(store: Store) -> sqlite3.Connection:
    return store._conn


# ---- restatements and revisions ------------------------------------------------------------------------------


def test_english_bullet_and_chinese_policy_are_one_target(store: Store) -> None:
    ingest(store, nev_brief(), nev_final())
    rows = list_targets(store)
    assert len(rows) == 1
    nev = rows[0]
    assert (nev.status, nev.source_count, nev.record_count, nev.value, nev.year) == ("restated", 2, 2, 20.0, 2025)
    detail = get_target(store, nev.id)
    assert [s.language for s in detail.sources] == ["zh", "en"]  # the policy (October) before the brief
    assert [s.record_type for s in detail.sources] == ["policy", "brief"]
    assert detail.sources[1].sentence == NEV_EN_POINT and detail.sources[1].headline == "State Council issues NEV plan"
    assert [e.kind for e in detail.events] == ["stated", "restated"]


def test_draft_and_final_are_one_target_with_a_revision(store: Store) -> None:
    ingest(store, nev_final(), nev_draft())  # the final first: history order does not depend on ingest order
    rows = list_targets(store, unit="percent")
    assert len(rows) == 2
    nev = next(r for r in rows if r.record_count == 2)
    assert (nev.value, nev.status, nev.draft) == (20.0, "revised", False)
    detail = get_target(store, nev.id)
    assert [(e.kind, e.value, e.previous_value) for e in detail.events] == [("stated", 25.0, None),
                                                                            ("revised", 20.0, 25.0)]
    assert [(s.value, s.draft) for s in detail.sources] == [(25.0, True), (20.0, False)]
    icv = next(r for r in rows if r.id != nev.id)  # the draft's other goal stays apart (a different metric)
    assert (icv.value, icv.draft, icv.status, icv.record_count) == (30.0, True, "stated", 1)


def test_a_draft_is_earlier_than_its_final_whatever_the_dates(store: Store) -> None:
    ingest(store, nev_draft(written="2021-06-01"), nev_final(written="2020-10-20"))
    nev = next(r for r in list_targets(store) if r.record_count == 2)
    assert nev.value == 20.0 and nev.status == "revised"


def test_three_documents_restate_and_revise(store: Store) -> None:
    ingest(store, nev_draft(), nev_final(), nev_brief())
    nev = next(r for r in list_targets(store) if r.record_count == 3)
    assert (nev.value, nev.status, nev.source_count) == (20.0, "revised", 3)
    assert [e.kind for e in get_target(store, nev.id).events] == ["stated", "revised", "restated"]


def test_corporate_goal_never_merges_with_government_goal(store: Store) -> None:
    corporate = replace(NEV_EN, text="The carmaker wants new energy vehicles to make up about 20 percent of its"
                        " new car sales by 2025.", corporate=True)
    ingest(store, nev_final(), article("carmaker", "Carmaker plan", corporate.text, (corporate,),
                                       published="2021-01-05"))
    rows = list_targets(store)
    assert sorted(r.corporate for r in rows) == [False, True]
    assert all(r.record_count == 1 and r.status == "stated" for r in rows)


def test_different_value_and_metric_stay_apart(store: Store) -> None:
    other = replace(NEV_EN, text="By 2025, renewables should cover about 20 percent of energy consumption.",
                    metric="share of energy consumption")
    ingest(store, nev_final(), brief("energy", "2021-02-01", [entry("Energy plan", other.text, (other,))]))
    assert len(list_targets(store)) == 2


# ---- outcomes --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("goal", "report", "status"), [
    ("patents >= 12", "In 2025, high-value invention patents per 10,000 people reached 16.", "achieved"),
    ("patents >= 12", "By the end of 2025, high-value invention patents per 10,000 people stood at 10.", "missed"),
    ("emissions <= 40", "In 2025, sulphur dioxide emissions per plant fell to 35 tonnes.", "achieved"),
    ("emissions <= 40", "Sulphur dioxide emissions per plant stood at 46 tonnes in 2025.", "missed"),
    ("energy -13.5%", "2025年，单位工业增加值能耗比2020年下降了14.2%。", "achieved"),
    ("energy -13.5%", "2025年，全国单位工业增加值能耗较2020年实际下降12%。", "missed"),
])
def test_outcome_for_the_target_year_decides_achieved_or_missed(store: Store, goal: str, report: str,
                                                                status: str) -> None:
    documents = {
        "patents >= 12": patent_brief(),
        "emissions <= 40": brief("emissions", "2021-05-01", [entry("Clean air", EMISSIONS_POINT, (EMISSIONS_EN,))]),
        "energy -13.5%": policy("energy", "工业能效提升计划", ENERGY_TEXT, (ENERGY_ZH,), written="2021-12-01"),
    }
    language = "zh" if "年" in report else "en"
    ingest(store, documents[goal], outcome_article("stats", report, language=language))
    rows = list_targets(store)
    assert len(rows) == 1
    assert rows[0].status == status
    detail = get_target(store, rows[0].id)
    assert detail.outcome is not None and detail.outcome.sentence == report
    assert detail.events[-1].kind == "outcome"
    assert rows[0].outcome_value == detail.outcome.value


def test_outcome_before_the_goal_year_is_ignored(store: Store) -> None:
    # a document of 2024 cannot report the result for 2025: the sentence restates a plan
    ingest(store, patent_brief(), outcome_article("early", "In 2025, high-value invention patents per 10,000"
                                                  " people reached 16.", published="2024-06-01"))
    assert list_targets(store)[0].status == "stated"


def test_latest_outcome_wins(store: Store) -> None:
    ingest(store, patent_brief(),
           outcome_article("first", "In 2025, high-value invention patents per 10,000 people reached 11.",
                           published="2026-01-10"),
           outcome_article("revised", "In 2025, high-value invention patents per 10,000 people reached 12.5.",
                           published="2026-06-10"))
    row = list_targets(store)[0]
    assert (row.status, row.outcome_value, row.outcome_date) == ("achieved", 12.5, "2026-06-10")


# ---- successors ------------------------------------------------------------------------------------------------

OLD_POINT = "By 2020, the output value of the robot industry should reach CNY 300 billion."
NEW_POINT = "By 2025, the output value of the robot industry should reach CNY 1 trillion."


def robot_goal(point: str, value: float, year: int) -> Target:
    return target(point, "output value of the robot industry", value, "CNY", year, field="key_points[0]",
                  written="CNY")


def test_a_later_plan_for_a_later_year_supersedes(store: Store) -> None:
    old = brief("robots-2016", "2016-04-01", [entry("Robot plan", OLD_POINT, (robot_goal(OLD_POINT, 3e11, 2020),))])
    new = brief("robots-2021", "2021-12-28", [entry("Robot plan", NEW_POINT, (robot_goal(NEW_POINT, 1e12, 2025),))])
    ingest(store, new, old)
    by_year = {r.year: r for r in list_targets(store)}
    assert by_year[2020].status == "superseded" and by_year[2020].superseded_by == by_year[2025].id
    assert by_year[2025].status == "stated"
    event = get_target(store, by_year[2020].id).events[-1]
    assert (event.kind, event.date, event.other_target_id) == ("superseded", "2021-12-28", by_year[2025].id)
    # an outcome for 2020 settles the old goal: achieved beats superseded
    ingest(store, outcome_article("robots-2020", "In 2020, the output value of the robot industry reached CNY"
                                  " 320 billion.", published="2021-03-01"))
    old_row = next(r for r in list_targets(store) if r.year == 2020)
    assert (old_row.status, old_row.superseded_by) == ("achieved", None)
    assert [e.kind for e in get_target(store, old_row.id).events] == ["stated", "outcome"]


# ---- order, idempotency, rebuild ----------------------------------------------------------------------------


def documents() -> list[tuple[Record, bytes]]:
    return [nev_draft(), nev_final(), nev_brief(), patent_brief(),
            outcome_article("stats", "In 2025, high-value invention patents per 10,000 people reached 16.")]


def test_ingest_order_does_not_change_the_ledger(new_db_target: Callable[[str], str]) -> None:
    snapshots = []
    for name, order in (("forward", documents()), ("reversed", documents()[::-1])):
        with open_store(new_db_target(name)) as opened:
            ingest(opened, *order)
            snapshots.append(ledger_snapshot(connection(opened)))
    assert snapshots[0] == snapshots[1]
    assert len(snapshots[0]) == 3


def test_update_and_reingest_are_idempotent(store: Store) -> None:
    ingest(store, *documents())
    conn = connection(store)
    before, changes = table_rows(conn), conn.total_changes
    for (record_id,) in conn.execute("SELECT id FROM records").fetchall():
        update = update_ledger(conn, record_id)
        assert not update.changed and update.groups >= 1
    ingest(store, *documents())
    assert conn.total_changes == changes
    assert table_rows(conn) == before


def test_a_reparsed_record_keeps_its_ledger_ids(store: Store) -> None:
    record, raw = nev_brief()
    ingest(store, nev_final(), (record, raw))
    before = list_targets(store)
    reparsed = replace(record, entries=(replace(record.entries[0], summary="A new summary."),))
    outcome = store.ingest(reparsed, raw)
    assert outcome.status == "updated"
    after = list_targets(store)
    assert [(r.id, r.status, r.source_count) for r in after] == [(r.id, r.status, r.source_count) for r in before]
    linked = connection(store).execute("SELECT count(*) FROM ledger_sources s JOIN targets t"
                                       " ON t.id = s.target_id").fetchone()[0]
    assert linked == 2  # the rewritten targets rows are linked again


def test_rebuild_gives_the_same_ledger_and_fills_an_empty_one(store: Store) -> None:
    ingest(store, *documents())
    conn = connection(store)
    before = table_rows(conn)
    assert not rebuild_ledger(conn).changed
    assert table_rows(conn) == before
    snapshot = ledger_snapshot(conn)
    for table in ("ledger_targets", "ledger_outcomes", "ledger_documents"):
        conn.execute(f"DELETE FROM {table}")
    update = rebuild_ledger(conn)
    assert update.created == 3 and update.outcomes == 1
    assert ledger_snapshot(conn) == snapshot


# ---- listing ----------------------------------------------------------------------------------------------------


def test_list_filters_and_csv(store: Store) -> None:
    ingest(store, *documents())
    assert {r.metric for r in list_targets(store, body="CNIPA")} == {"high-value invention patents per 10,000 people"}
    assert [r.value for r in list_targets(store, body="gosc")] == [20.0]
    assert [r.value for r in list_targets(store, sector="automotive")] == [20.0]
    assert [r.value for r in list_targets(store, status="revised")] == [20.0]
    assert [r.status for r in list_targets(store, unit="count")] == ["achieved"]
    assert len(list_targets(store, year=2025)) == 3 and list_targets(store, year=2030) == []
    with pytest.raises(QueryError):
        list_targets(store, status="done")
    csv_text = targets_csv(list_targets(store))
    lines = csv_text.splitlines()
    assert lines[0].startswith("id,metric,value,unit,unit_class,") and len(lines) == 4
    assert any(",20,percent,percent,~," in line for line in lines)


def test_get_target_unknown_id(store: Store) -> None:
    with pytest.raises(RecordNotFound):
        get_target(store, 999)


def test_reading_from_a_plain_connection(store: Store) -> None:
    ingest(store, nev_brief(), nev_final())
    reader = open_connection(store.target, read_only=True)
    try:
        assert [r.status for r in list_targets(reader)] == ["restated"]
    finally:
        reader.close()


# ---- incremental updates equal a full recomputation ----------------------------------------------------------

SUBJECTS = ("新能源汽车", "智能网联汽车", "光伏", "数据中心", "集成电路", "机器人", "钢铁")
FRAMES = ("{}销量占比", "{}产值", "{}企业数量", "{}能耗")


def random_policy(rng: random.Random, number: int) -> tuple[Policy, bytes]:
    goals = []
    for _ in range(rng.randint(1, 4)):
        metric = rng.choice(FRAMES).format(rng.choice(SUBJECTS))
        value = float(rng.choice((10, 12, 15, 20, 25)))
        year = rng.choice((2020, 2025, 2025, 2030))
        sentence = f"到{year}年，{metric}达到{value:g}%。"
        goals.append(target(sentence, metric, value, "percent", year, language="zh", field="text",
                            written=f"{value:g}%"))
    text = "".join(dict.fromkeys(g.text for g in goals))
    return policy(f"random-{number}", f"规划{number}", text, tuple(goals), written=f"20{15 + number % 9}-03-01",
                  draft=rng.random() < 0.15)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_updates_equal_a_rebuild(new_db_target: Callable[[str], str], seed: int) -> None:
    rng = random.Random(seed)
    documents = [random_policy(rng, n) for n in range(40)]
    rng.shuffle(documents)
    with open_store(new_db_target("t")) as opened:
        ingest(opened, *documents)
        record, raw = documents[0]
        opened.ingest(replace(record, text=record.text + "（修订）"), raw)  # a re-parse rewrites its targets
        conn = connection(opened)
        incremental = table_rows(conn)
        assert any(status != "stated" for (status,) in conn.execute("SELECT status FROM ledger_targets"))
        assert not rebuild_ledger(conn).changed
        assert table_rows(conn) == incremental


@pytest.mark.parametrize("seed", [4, 5])
def test_appending_in_date_order_matches_only_the_targets_reached(new_db_target: Callable[[str], str], seed: int,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """An archive growing in date order resumes matching where each record enters a group's history (never
    recomputing a group) and still ends where a rebuild does."""
    import policywatch.ledger.update as update_module

    calls: list[int] = []
    real = update_module.resume_group

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(update_module, "resume_group", spy)
    monkeypatch.setattr(update_module, "match_statements", None)  # only rebuild_ledger matches from scratch
    rng = random.Random(seed)
    documents = sorted((random_policy(rng, n) for n in range(40)), key=lambda d: (not d[0].is_draft, d[0].date_written))
    with open_store(new_db_target("t")) as opened:
        ingest(opened, *documents)
        conn = connection(opened)
        incremental = table_rows(conn)
        assert any(status == "revised" for (status,) in conn.execute("SELECT status FROM ledger_targets"))
        assert len(calls) > 10
        monkeypatch.undo()
        assert not rebuild_ledger(conn).changed
        assert table_rows(conn) == incremental
