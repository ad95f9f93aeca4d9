"""The error envelope on every error path: JSON twins answer {"ok": false, "error": …, "status": …}, HTML pages
show an error page with the same status; nothing answers 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

ERROR_CASES = [
    # unknown ids → 404
    ("/records/999999", 404),
    ("/entries/999999", 404),
    ("/targets/999999", 404),
    ("/policies/999999", 404),
    ("/entries/999999/related", 404),
    ("/policies/999999/related", 404),
    ("/bodies/NO-SUCH-BODY", 404),
    ("/source/" + "ab" * 32, 404),
    ("/no/such/page", 404),
    # malformed → 400
    ("/records/abc", 400),
    ("/records/0", 400),
    ("/entries/99999999999999999999999999", 400),
    ("/source/not-a-hash", 400),
    ("/search?q=a&year=20x4", 400),
    ("/search?q=a&year=99999", 400),
    ("/search?q=a&page=0", 400),
    ("/search?q=a&per_page=1000", 400),
    ("/search?q=a&sort=random", 400),
    ("/search?q=a&section=nowhere", 400),
    ("/search?q=a&since=yesterday", 400),
    ("/search?q=a&until=2024-13", 400),
    ("/search?q=a&has_targets=maybe", 400),
    ("/search?q=a&body=%00", 400),
    ("/search?q=" + "x" * 501, 400),
    ("/search?q=%22%22%20()%20*", 400),  # nothing searchable left
    ("/targets?status=lost", 400),
    ("/targets?year=abc", 400),
    ("/briefs?page=0", 400),
    ("/policies?since=last-year", 400),
]


def _json_url(url: str) -> str:
    path, sep, query = url.partition("?")
    return path + ".json" + sep + query


@pytest.mark.parametrize(("url", "status"), ERROR_CASES)
def test_json_twin_answers_the_error_envelope(client: TestClient, url: str, status: int) -> None:
    if url.startswith("/source/"):
        response = client.get(url, headers={"Accept": "application/json"})
    else:
        response = client.get(_json_url(url))
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]


@pytest.mark.parametrize(("url", "status"), ERROR_CASES)
def test_html_page_shows_an_error_page_with_the_same_status(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert f'<h1 class="error">{status}</h1>' in response.text
    assert 'class="error-message"' in response.text


def test_accept_json_gets_the_envelope_on_html_urls(client: TestClient) -> None:
    response = client.get("/entries/999999", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error": "no entry #999999", "status": 404}


def test_wrong_method_is_405_in_the_envelope(client: TestClient) -> None:
    response = client.post("/search.json?q=a")
    assert response.status_code == 405
    assert response.json()["status"] == 405


def test_empty_query_is_an_error_only_for_json(client: TestClient) -> None:
    assert client.get("/search.json?q=").json() == {"ok": False, "error": "give a query: q is empty", "status": 400}
    assert client.get("/search?q=").status_code == 200


def test_error_messages_do_not_leak_sql_or_tracebacks(client: TestClient) -> None:
    for url, _ in ERROR_CASES:
        text = client.get(_json_url(url) if not url.startswith("/source/") else url).text
        assert "Traceback" not in text and "SELECT" not in text and "sqlite" not in text.lower()
