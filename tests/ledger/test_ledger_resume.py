"""Resumed matching (ledger/resume.py) against matching from scratch: archives that restate the same goals
often, arrive out of date order, get re-parsed and report outcomes must end exactly where `rebuild_ledger`
does — the resumable state (migration 0007) included — and a record's cost must not be the whole group's."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from ledger_records import brief, entry, ingest, ledger_snapshot, outcome_article, policy, table_rows, target

from policywatch.ledger import list_targets, rebuild_ledger
from policywatch.link import using_embedder
from policywatch.records import Brief, Policy, Record
from policywatch.store import Store, open_store

STATE_TABLES = ("ledger_steps", "ledger_target_values", "ledger_target_keys", "ledger_target_tokens",
                "ledger_target_outcomes")
SUBJECTS = (("robot", "机器人"), ("battery", "动力电池"), ("hydrogen", "氢能"), ("chip", "集成电路"))
OFFICIAL = {2025: 20.0, 2030: 35.0}  # the value a goal is usually restated with


@pytest.fixture(autouse=True)
def _no_embedder() -> Iterator[None]:
    with using_embedder(None):  # linking runs in every ingest; these tests are about the ledger
        yield


def all_rows(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    rows = table_rows(conn)
    rows.update({t: sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {t}")) for t in STATE_TABLES})
    return rows


def goal_sentence(rng: random.Random, subject: tuple[str, str], year: int,
                  steady: float) -> tuple[str, str, float, str]:
    """(sentence, metric, value, language): the official value with probability `steady`, else a revision or a
    repeat."""
    value = OFFICIAL[year] if rng.random() < steady else float(rng.choice((15, 18, 20, 25, 35, 40)))
    if rng.random() < 0.5:  # two wordings with the same tokens: which one is shown is a tie to break
        metric = rng.choice((f"share of {subject[0]} output exported", f"exported {subject[0]} output share"))
        return f"By {year}, the {metric} should reach {value:g}%.", metric, value, "en"
    metric = f"{subject[1]}出口占比"
    return f"到{year}年，{subject[1]}出口占比达到{value:g}%。", metric, value, "zh"


def random_document(rng: random.Random, n: int, day: int, steady: float = 0.7) -> tuple[Record, bytes]:
    published = f"20{20 + day // 300:02d}-{1 + day // 25 % 12:02d}-{1 + day % 25:02d}"
    goals = []
    for _ in range(rng.randint(1, 3)):
        sentence, metric, value, language = goal_sentence(rng, rng.choice(SUBJECTS), rng.choice((2025, 2030)),
                                                        steady)
        year = 2025 if "2025" in sentence else 2030
        goals.append(target(sentence, metric, value, "percent", year, language=language, field="text",
                            written=f"{value:g}%"))
    if rng.random() < 0.3:
        text = "".join(dict.fromkeys(g.text for g in goals))
        return policy(f"p{n}", f"规划{n}", text, tuple(goals), written=published, draft=rng.random() < 0.1)
    entries = [entry(f"Headline {n}-{i}", g.text, (replace(g, field="key_points[0]"),),
                     date=published if rng.random() < 0.5 else None) for i, g in enumerate(goals)]
    return brief(f"b{n}", published, entries)


def archive(seed: int, count: int) -> list[tuple[Record, bytes]]:
    rng = random.Random(seed)
    documents = [random_document(rng, n, n * 3 + rng.randint(0, 40)) for n in range(count)]
    documents.append(outcome_article("stats", "In 2025, the share of robot output exported reached 21%.",
                                     published="2026-02-01"))
    return documents


def check_equals_rebuild(conn: sqlite3.Connection) -> None:
    incremental = all_rows(conn)
    assert not rebuild_ledger(conn).changed
    assert all_rows(conn) == incremental


def reparse(store: Store, document: tuple[Record, bytes]) -> None:
    record, raw = document
    if isinstance(record, Policy):
        store.ingest(replace(record, text=record.text + "（修订）"), raw)
    elif isinstance(record, Brief):
        store.ingest(replace(record, entries=record.entries[:-1] or record.entries), raw)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_a_restating_archive_in_random_order_ends_as_a_rebuild(new_db_target: Callable[[str], str],
                                                                seed: int) -> None:
    documents = archive(seed, 45)
    random.Random(seed).shuffle(documents)
    with open_store(new_db_target("t")) as store:
        ingest(store, *documents[:30])
        check_equals_rebuild(store._conn)
        ingest(store, *documents[30:])
        for document in documents[:4]:
            reparse(store, document)
        check_equals_rebuild(store._conn)
        assert any(r.status == "revised" for r in list_targets(store))
        assert max(r.source_count for r in list_targets(store)) >= 8  # often-restated goals


@pytest.mark.parametrize("seed", [21, 22])
def test_date_order_with_jitter_ends_as_a_rebuild(new_db_target: Callable[[str], str], seed: int) -> None:
    documents = archive(seed, 45)
    documents.sort(key=lambda d: (getattr(d[0], "published", None) or getattr(d[0], "date_written", "")))
    rng = random.Random(seed)
    for i in range(0, len(documents) - 1, 3):  # neighbours arrive out of order
        if rng.random() < 0.5:
            documents[i], documents[i + 1] = documents[i + 1], documents[i]
    with open_store(new_db_target("t")) as store:
        ingest(store, *documents)
        check_equals_rebuild(store._conn)


def test_a_restatement_reads_the_targets_it_reaches_not_their_histories(new_db_target: Callable[[str], str]) -> None:
    """Appending the 41st restatement of a goal reads a bounded number of ledger rows."""
    rng = random.Random(5)
    with open_store(new_db_target("t")) as store:
        if store.dialect != "sqlite":
            pytest.skip("counts the statements SQLite runs")
        for n in range(40):
            ingest(store, random_document(rng, n, n * 5))
        conn = store._conn
        statements: list[str] = []
        conn.set_trace_callback(statements.append)
        try:
            ingest(store, random_document(rng, 99, 400))
        finally:
            conn.set_trace_callback(None)
        ledger_reads = [s for s in statements if "ledger_s" in s and s.lstrip().upper().startswith("SELECT")]
        assert len(ledger_reads) < 120
        check_equals_rebuild(conn)


def test_an_upgraded_store_fills_the_resumable_state_once(new_db_target: Callable[[str], str]) -> None:
    rng = random.Random(8)
    documents = [random_document(rng, n, n * 4) for n in range(12)]
    with open_store(new_db_target("t")) as store:
        ingest(store, *documents[:10])
        conn = store._conn
        expected = all_rows(conn)
        for table in STATE_TABLES:  # as a store migrated from 0006 holds them
            conn.execute(f"DELETE FROM {table}")
        conn.execute("DELETE FROM stage_versions")
        ingest(store, *documents[10:])
        assert conn.execute("SELECT version FROM stage_versions WHERE name = 'ledger_steps'").fetchone() == (1,)
        check_equals_rebuild(conn)
        assert all_rows(conn)["ledger_steps"]
        assert len(all_rows(conn)["ledger_targets"]) >= len(expected["ledger_targets"]) - 2


def test_running_aggregates_equal_their_definitions(new_db_target: Callable[[str], str]) -> None:
    """What a target's row shows, kept as running state, equals its definition over all its statements:
    the shown metric is the latest most telling wording among statements agreeing with the current value,
    the baseline the current statement's or else the last one stated, dates the extremes."""
    from policywatch.ledger.glossary import GENERIC_CONCEPTS
    from policywatch.ledger.loading import load_statements
    from policywatch.ledger.matching import match_statements
    from policywatch.ledger.similarity import clause_of, metric_tokens, values_agree

    rng = random.Random(3)
    with open_store(new_db_target("t")) as store:
        ingest(store, *(random_document(rng, n, n * 2, steady=0.7 if n % 2 else 0.97) for n in range(80)))
        goals = match_statements(load_statements(store._conn, ("percent", 2025), reuse_tokens=True))
    assert len(goals) >= 4 and any(len(g.statements) >= 10 for g in goals)
    assert len({g.metric for g in goals}) > len(goals) / 2
    for goal in goals:
        current = goal.current
        agreeing = [s for s in goal.statements if values_agree(s.base_value, current.base_value)]
        best = max(reversed(agreeing), key=lambda s: len(metric_tokens(s.metric) - GENERIC_CONCEPTS))
        assert goal.metric == (best.metric or clause_of(best.sentence, best.value, best.metric).strip())
        with_baseline = [s for s in goal.statements if s.baseline is not None]
        assert goal.baseline == ((current if current.baseline is not None else with_baseline[-1]).baseline
                                 if with_baseline else None)
        dates = sorted(s.date for s in goal.statements if s.date)
        assert (goal.first_date, goal.last_date) == ((dates[0], dates[-1]) if dates else (None, None))
        assert goal.draft == all(s.draft for s in goal.statements)
        assert goal.tokens == frozenset().union(*(s.tokens for s in goal.statements))


def chain_document(rng: random.Random, n: int) -> tuple[Record, bytes]:
    """A brief restating goals for one of several deadlines, so later documents' goals for later years
    supersede earlier ones (and, out of order, un-supersede them)."""
    published = f"20{20 + n // 12:02d}-{1 + n % 12:02d}-{1 + rng.randint(0, 26):02d}"
    goals = []
    for _ in range(rng.randint(1, 3)):
        subject = rng.choice(SUBJECTS)
        year = rng.choice(((2025, 2027), (2027, 2030), (2030, 2035))[n // 20])  # deadlines move on
        value = float(rng.choice((15, 20, 30, 45)))
        metric = rng.choice((f"share of {subject[0]} output exported", f"{subject[0]} export share of output"))
        text = f"By {year}, the {metric} should reach {value:g}%."
        goals.append(target(text, metric, value, "percent", year, field="key_points[0]", written=f"{value:g}%"))
    entries = [entry(f"Headline {n}-{i}", g.text, (g,)) for i, g in enumerate(goals)]
    return brief(f"c{n}", published, entries)


@pytest.mark.parametrize("seed", [31, 32])
def test_successor_chains_in_any_order_end_as_a_rebuild(new_db_target: Callable[[str], str], seed: int) -> None:
    """Successors are found through indexes after each document (`ledger/successors.py`); however the
    documents arrive, the result equals deciding them over the whole ledger at once."""
    rng = random.Random(seed)
    documents = [chain_document(rng, n) for n in range(60)]
    rng.shuffle(documents)
    with open_store(new_db_target("t")) as store:
        for start in range(0, len(documents), 20):
            ingest(store, *documents[start:start + 20])
            check_equals_rebuild(store._conn)
        statuses = [r.status for r in list_targets(store)]
    assert statuses.count("superseded") >= 4


# ---- a batch ingest: the ledger takes many stored records in at once ----------------------------------------


@pytest.mark.parametrize("seed", [31, 32])
def test_records_taken_in_by_the_batch_end_as_one_at_a_time(new_db_target: Callable[[str], str], seed: int) -> None:
    """`Store.catch_up_ledger` over a batch of queued records gives the ledger that one update per record gives
    (modulo the ids of the targets it creates), and what a rebuild gives, re-parses queued included."""
    documents = archive(seed, 45)
    random.Random(seed).shuffle(documents)
    with open_store(new_db_target("one")) as one, open_store(new_db_target("batch")) as batch:
        ingest(one, *documents)
        for document in documents[:3]:
            reparse(one, document)
        taken_in = []
        for n, (record, raw) in enumerate(documents, start=1):
            batch.ingest(record, raw, defer_ledger=True)
            if n % 16 == 0:
                taken_in.append(batch.catch_up_ledger())
        changed = sum(_reparse_deferred(batch, document) for document in documents[:3])
        taken_in.append(batch.catch_up_ledger())
        assert taken_in == [16, 16, 14 + changed]  # a re-parse that changes nothing is not queued again
        assert batch.pending_ledger() == []
        assert ledger_snapshot(batch._conn) == ledger_snapshot(one._conn)
        check_equals_rebuild(batch._conn)


def _reparse_deferred(store: Store, document: tuple[Record, bytes]) -> bool:
    """`reparse`, queued for the ledger; whether the stored record changed."""
    record, raw = document
    changed: Record
    if isinstance(record, Policy):
        changed = replace(record, text=record.text + "（修订）")
    elif isinstance(record, Brief):
        changed = replace(record, entries=record.entries[:-1] or record.entries)
    else:
        return False
    return store.ingest(changed, raw, defer_ledger=True).status != "unchanged"


def test_records_a_stopped_batch_left_queued_are_reported_then_taken_in(new_db_target: Callable[[str], str]) -> None:
    """A batch that stops between storing files and taking them into the ledger leaves them queued: `check`
    says so, and the next ingest (one at a time) takes them in with its own."""
    from policywatch.store.integrity import check_store

    documents = archive(41, 12)
    with open_store(new_db_target("t")) as store:
        for record, raw in documents[:10]:
            store.ingest(record, raw, defer_ledger=True)
        assert len(store.pending_ledger()) == 10
        assert not list_targets(store)
        waiting = [p for p in check_store(store).problems if p.table == "ledger_pending"]
        assert [p.rows for p in waiting] == [10]
        ingest(store, documents[10])
        assert store.pending_ledger() == []
        assert list_targets(store)
        assert check_store(store).ok
        check_equals_rebuild(store._conn)
        assert store.catch_up_ledger() == 0
