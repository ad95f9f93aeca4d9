"""Watchlists, percolator matching on ingest, spans and previews."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alert_briefs import BATTERY_SUMMARY, battery_brief, subsidy_policy

from policywatch.alerts import (
    AlertsError,
    WatchSpec,
    add_watch,
    list_alerts,
    list_watches,
    preview_watch,
    remove_watch,
)
from policywatch.errors import QueryError
from policywatch.pipeline import parse_file
from policywatch.records import Brief
from policywatch.store import Store

BATTERY = WatchSpec(text="battery OR 电池", bodies=("SAMR",))


def test_watch_round_trip_and_removal(conn: sqlite3.Connection) -> None:
    add_watch(conn, "batteries", BATTERY, webhook_url="http://127.0.0.1:1/x")
    (watch,) = list_watches(conn)
    assert (watch.name, watch.spec, len(watch.secret)) == ("batteries", BATTERY, 64)
    with pytest.raises(AlertsError):
        add_watch(conn, "batteries", BATTERY)
    remove_watch(conn, "batteries")
    assert list_watches(conn) == []
    with pytest.raises(AlertsError):
        remove_watch(conn, "batteries")


@pytest.mark.parametrize("spec, error", [(WatchSpec(), AlertsError), (WatchSpec(text="*** ()"), QueryError)])
def test_unmatchable_specs_are_refused(conn: sqlite3.Connection, spec: WatchSpec, error: type) -> None:
    with pytest.raises(error):
        add_watch(conn, "bad", spec)


def test_battery_watch_fires_on_entry_two_with_span(store: Store, conn: sqlite3.Connection) -> None:
    add_watch(conn, "batteries", BATTERY)
    store.ingest(battery_brief(), b"hand-built brief")
    (alert,) = list_alerts(conn, "batteries")
    entry_ids = store.get_record(alert.record_id).entry_ids
    assert alert.entry_id == entry_ids[1]
    assert alert.title.startswith("Oversight")
    # "电池" is in the headline (first field); the span points at it exactly
    assert (alert.span.field, alert.span.text) == ("headline", "电池")
    assert "Oversight for the 电池 supply"[alert.span.start:alert.span.end] == "电池"


def test_english_stemmed_span_in_summary(store: Store, conn: sqlite3.Connection) -> None:
    add_watch(conn, "supply", WatchSpec(text='"supply chains" lithium'))
    store.ingest(battery_brief(), b"hand-built brief")
    (alert,) = list_alerts(conn)
    # Porter stemming: "supply chains" finds the headline's "supply chain" (the first field that matches)
    headline = battery_brief().entries[1].headline
    assert (alert.span.field, alert.span.text) == ("headline", "supply chain")
    assert headline[alert.span.start:alert.span.end] == "supply chain"
    assert "lithium" in BATTERY_SUMMARY  # the second term matched another field of the same entry


def test_reingest_and_changed_record_add_no_duplicates(store: Store, conn: sqlite3.Connection) -> None:
    add_watch(conn, "batteries", BATTERY)
    store.ingest(battery_brief(), b"hand-built brief")
    store.ingest(battery_brief(), b"hand-built brief")  # unchanged
    store.ingest(battery_brief("hand/copy.md"), b"another edition")  # same brief, another edition
    assert len(list_alerts(conn)) == 1
    assert conn.execute("SELECT count(*) FROM alert_outbox").fetchone()[0] == 0  # no channels configured


def test_a_watch_saved_later_does_not_fire_on_an_unchanged_reingest(store: Store, conn: sqlite3.Connection) -> None:
    store.ingest(battery_brief(), b"hand-built brief")
    add_watch(conn, "batteries", BATTERY)
    again = store.ingest(battery_brief(), b"hand-built brief")
    assert again.status == "unchanged" and list_alerts(conn) == []  # only new and changed documents are matched
    store.ingest(battery_brief("hand/copy.md"), b"another edition")  # the record changes: now it is matched
    assert [alert.watch for alert in list_alerts(conn)] == ["batteries"]


@pytest.mark.parametrize("spec, fires", [
    (WatchSpec(text="电池", bodies=("MOST",)), False),
    (WatchSpec(text="battery", companies=("catl",)), True),
    (WatchSpec(sectors=("batteries",)), True),
    (WatchSpec(text="battery technology"), False),  # AND: both terms in one entry
    (WatchSpec(target_due_by=2025, target_unit="CNY", target_min_value=1e11), True),
    (WatchSpec(target_due_by=2024), False),
    (WatchSpec(target_unit="CNY", target_min_value=1e13), False),
    (WatchSpec(doc_form="通知"), False),  # briefs' entries have no document form
])
def test_conditions(store: Store, conn: sqlite3.Connection, spec: WatchSpec, fires: bool) -> None:
    add_watch(conn, "w", spec)
    store.ingest(battery_brief(), b"hand-built brief")
    assert bool(list_alerts(conn)) is fires


def test_policy_target_and_form_conditions(store: Store, conn: sqlite3.Connection) -> None:
    add_watch(conn, "big", WatchSpec(text="电池 OR battery", doc_form="通知", target_due_by=2027,
                                     target_unit="CNY", target_min_value=1e11))
    add_watch(conn, "later", WatchSpec(target_due_by=2026))
    store.ingest(subsidy_policy(), b"policy bytes")
    (alert,) = list_alerts(conn)
    assert (alert.watch, alert.entry_id, alert.span.field, alert.span.text) == ("big", None, "title_zh", "电池")


def test_preview_counts_by_month(store: Store, conn: sqlite3.Connection) -> None:
    store.ingest(battery_brief(), b"hand-built brief")
    store.ingest(subsidy_policy(), b"policy bytes")
    assert preview_watch(conn, WatchSpec(text="battery OR 电池")) == {"2022-12": 1, "2023-03": 1}
    assert preview_watch(conn, BATTERY) == {"2022-12": 1}
    assert preview_watch(conn, WatchSpec(target_unit="CNY")) == {"2022-12": 1, "2023-03": 1}
    assert list_alerts(conn) == []  # previews store nothing


def test_seed_brief_entry_two(shared_dir: Path, store: Store, conn: sqlite3.Connection) -> None:
    add_watch(conn, "batteries", BATTERY)
    record, raw = parse_file(shared_dir / "seeds" / "000_61a2b85d103903a0.txt")
    assert isinstance(record, Brief)
    store.ingest(record, raw)
    alerts = list_alerts(conn, "batteries")
    entry_ids = store.get_record(alerts[0].record_id).entry_ids
    assert entry_ids[1] in {a.entry_id for a in alerts}
    second = next(a for a in alerts if a.entry_id == entry_ids[1])
    assert second.span.field == "headline" and second.span.text.casefold() == "battery"
    assert record.entries[1].headline[second.span.start:second.span.end] == second.span.text
