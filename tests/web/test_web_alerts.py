"""Watchlists and alerts on the web: /watches, /alerts (filters), the Atom feed, JSON twins and error envelopes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_records import SAMPLES

from policywatch.alerts import WatchSpec, add_watch, open_alerts
from policywatch.pipeline import ingest_files, iter_files
from policywatch.web import create_app

ATOM = "{http://www.w3.org/2005/Atom}"
MARKUP_WATCH = "<b>bold</b>"


@pytest.fixture(scope="module")
def alerts_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A store whose watches were saved before samples/ went in, so the ingest raised alerts."""
    db = tmp_path_factory.mktemp("web-alerts") / "alerts.db"
    conn = open_alerts(db)
    add_watch(conn, "storage", WatchSpec(text="storage"), webhook_url="http://127.0.0.1:9/hook?key=hidden-key")
    add_watch(conn, MARKUP_WATCH, WatchSpec(text="robot"))
    add_watch(conn, "nothing", WatchSpec(text="zeppelin"))
    conn.close()
    from policywatch.store import open_store

    with open_store(db) as store:
        assert not ingest_files(store, iter_files([SAMPLES])).failed
    with TestClient(create_app(str(db), token=""), raise_server_exceptions=False) as client:
        yield client


def test_watches_json_lists_each_watch_with_its_feed_and_no_delivery_settings(alerts_client: TestClient) -> None:
    response = alerts_client.get("/watches.json")
    assert response.status_code == 200
    watches = {w["name"]: w for w in response.json()["watches"]}
    assert set(watches) == {"storage", MARKUP_WATCH, "nothing"}
    assert watches["storage"]["feed_url"] == "/watches/storage/feed.atom"
    assert watches["storage"]["spec"]["text"] == "storage"
    assert "hidden-key" not in response.text and "secret" not in response.text


def test_watches_page_links_feeds_and_escapes_names(alerts_client: TestClient) -> None:
    html = alerts_client.get("/watches").text
    assert 'href="/watches/storage/feed.atom"' in html
    assert MARKUP_WATCH not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "hidden-key" not in html


def test_alerts_json_filters_by_watch_and_since(alerts_client: TestClient) -> None:
    every = alerts_client.get("/alerts.json").json()["alerts"]
    storage = alerts_client.get("/alerts.json?watch=storage").json()["alerts"]
    assert storage and len(storage) < len(every)
    assert {card["alert"]["watch"] for card in storage} == {"storage"}
    assert all(card["url"].startswith(("/entries/", "/records/")) for card in storage)
    assert alerts_client.get("/alerts.json?since=2999-01-01").json()["alerts"] == []
    assert alerts_client.get("/alerts.json?watch=nothing").json()["alerts"] == []


def test_alerts_page_shows_the_matches(alerts_client: TestClient) -> None:
    response = alerts_client.get("/alerts?watch=storage")
    assert response.status_code == 200
    assert "<mark>" in response.text and "/entries/" in response.text


@pytest.mark.parametrize(("url", "status"), [("/alerts.json?watch=nope", 404), ("/alerts?watch=nope", 404),
                                             ("/alerts.json?since=yesterday", 400),
                                             ("/watches/nope/feed.atom", 404)])
def test_errors_use_the_envelope(alerts_client: TestClient, url: str, status: int) -> None:
    response = alerts_client.get(url)
    assert response.status_code == status
    if url.endswith(".atom") or ".json" in url:
        body = response.json()
        assert body["ok"] is False and body["status"] == status and body["error"]
    else:
        assert "nope" in response.text


def test_atom_feed_is_valid_atom_with_one_entry_per_alert(alerts_client: TestClient) -> None:
    response = alerts_client.get("/watches/storage/feed.atom")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    alerts = alerts_client.get("/alerts.json?watch=storage").json()["alerts"]
    assert len(entries) == len(alerts) > 0
    assert response.headers["x-content-type-options"] == "nosniff"


def test_feed_of_a_watch_whose_name_holds_a_slash_is_found(alerts_client: TestClient) -> None:
    response = alerts_client.get("/watches/%3Cb%3Ebold%3C%2Fb%3E/feed.atom")
    assert response.status_code == 200
    assert ET.fromstring(response.content).find(f"{ATOM}title") is not None


def test_alerts_of_an_empty_store(tmp_path: Path) -> None:
    with TestClient(create_app(str(tmp_path / "empty.db"), token=""), raise_server_exceptions=False) as client:
        assert client.get("/watches.json").json() == {"ok": True, "watches": []}
        assert client.get("/alerts.json").json()["alerts"] == []
