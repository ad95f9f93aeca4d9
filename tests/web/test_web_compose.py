"""The composer on the web: drafting, picking, reordering, editing, preview, publishing, the permanent page and
its PDF/JSON, and the write-token, CSRF and read-only rules."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from web_records import PAYLOAD, TOKEN

PERIOD = "/compose?from=2000-01-01&to=2030-12-31&top=3"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


def field(page: str, name: str) -> str:
    """The value of the hidden input `name` in an HTML form."""
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, name
    return html.unescape(match.group(1))


def form_of(page: str, **changes: object) -> dict[str, object]:
    """What the browser would post from the composer page, with `changes`."""
    data: dict[str, object] = {"csrf": field(page, "csrf"), "state": field(page, "state"), "edited": "1"}
    data["pick"] = re.findall(r'name="pick" value="(\d+)" checked', page)
    for name in re.findall(r'name="((?:headline|summary|key_points|comment)_\d+)"', page):
        found = re.search(rf'name="{name}" value="([^"]*)"', page) or re.search(
            rf'name="{name}"[^>]*>(.*?)</textarea>', page, re.DOTALL)
        data[name] = html.unescape(found.group(1)) if found else ""
    for section in ("policy_news", "corporate_news"):
        data[f"keep_{section}"] = re.findall(rf'name="keep_{section}" value="(\d+)"', page)
    data.update(changes)
    return data


def top_headlines(response: Response) -> list[str]:
    return [item["headline"] for item in json.loads(field(response.text, "state"))["top"]]


def test_compose_is_forbidden_on_a_read_only_server(client: TestClient) -> None:
    for response in (client.get(PERIOD), client.get("/compose.json"), client.post("/compose.json", data={}),
                     client.post("/compose/publish.json", data={})):
        assert response.status_code == 403
    body = client.get("/compose.json").json()
    assert body == {"ok": False, "error": body["error"], "status": 403} and "read-only" in body["error"]


def test_compose_json_drafts_the_period(writable_client: TestClient) -> None:
    body = writable_client.get(PERIOD.replace("/compose", "/compose.json")).json()
    assert body["ok"] is True and body["start"] == "2000-01-01" and body["end"] == "2030-12-31"
    assert len(body["draft"]["top"]) == 3 and body["draft"]["candidates"]
    assert body["draft"]["policy_news"] or body["draft"]["corporate_news"]


@pytest.mark.parametrize("query", ["from=2024-13-01", "to=soon", "from=2025-01-01&to=2024-01-01", "top=0"])
def test_bad_periods_are_400_envelopes(writable_client: TestClient, query: str) -> None:
    response = writable_client.get(f"/compose.json?{query}")
    assert response.status_code == 400 and response.json()["ok"] is False


def test_edit_pick_reorder_and_preview(writable_client: TestClient) -> None:
    page = writable_client.get(PERIOD).text
    first, second = top_headlines_of(page)[:2]
    picks = [p for p in re.findall(r'name="pick" value="(\d+)" checked', page) if p != "2"]
    data = form_of(page, token=TOKEN, action="down:0", headline_1=f"Edited {PAYLOAD}", key_points_1="one\n\ntwo\n",
                   pick=picks)
    response = writable_client.post("/compose", data=data)
    assert response.status_code == 200
    assert top_headlines(response) == [f"Edited {PAYLOAD}", first]
    state = json.loads(field(response.text, "state"))
    assert state["top"][0]["key_points"] == ["one", "two"]
    assert len(state["candidates"]) == len(json.loads(field(page, "state"))["candidates"]) + 1
    assert second != first and '<section class="preview">' in response.text and "<article" in response.text
    assert PAYLOAD not in response.text and "Edited &lt;script&gt;" in response.text


def top_headlines_of(page: str) -> list[str]:
    return [item["headline"] for item in json.loads(field(page, "state"))["top"]]


def test_missing_token_and_bad_csrf_are_refused(writable_client: TestClient) -> None:
    page = writable_client.get(PERIOD).text
    no_token = writable_client.post("/compose", data=form_of(page), headers={"Accept": "application/json"})
    assert no_token.status_code == 401 and no_token.json()["ok"] is False
    wrong = writable_client.post("/compose", data=form_of(page, token="nope"), headers={"Accept": "application/json"})
    assert wrong.status_code == 401
    forged = writable_client.post("/compose/publish", data=form_of(page, token=TOKEN, csrf="forged"),
                                  headers={"Accept": "application/json"})
    assert forged.status_code == 403 and forged.json() == {
        "ok": False, "error": forged.json()["error"], "status": 403}
    writable_client.cookies.clear()
    no_cookie = writable_client.post("/compose", data=form_of(page, token=TOKEN))
    assert no_cookie.status_code == 403


def test_publish_then_permanent_page_pdf_and_json(writable_client: TestClient) -> None:
    page = writable_client.get(PERIOD).text
    headlines = top_headlines_of(page)
    published = writable_client.post("/compose/publish", data=form_of(page, token=TOKEN, title="Week 1"),
                                     follow_redirects=False)
    assert published.status_code == 303
    url = published.headers["location"]
    assert re.fullmatch(r"/published/\d+", url)
    brief = writable_client.get(url)
    assert brief.status_code == 200 and brief.headers["content-type"].startswith("text/html")
    assert "script-src" not in brief.headers["content-security-policy"]
    assert html.escape(headlines[0], quote=False) in brief.text
    pdf = writable_client.get(url + ".pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    record = writable_client.get(url + ".json").json()
    assert record["ok"] is True and record["draft"]["title"] == "Week 1"
    assert [item["headline"] for item in record["draft"]["top"]] == headlines


def test_the_writer_cookie_spares_retyping_the_token(writable_client: TestClient) -> None:
    page = writable_client.post("/compose", data=form_of(writable_client.get(PERIOD).text, token=TOKEN)).text
    response = writable_client.post("/compose/publish", data=form_of(page), follow_redirects=False)
    assert response.status_code == 303


def test_scripts_publish_a_draft_with_the_bearer_token(writable_client: TestClient) -> None:
    state = writable_client.get("/compose.json?from=2000-01-01&to=2030-12-31").json()["state"]
    response = writable_client.post("/compose/publish.json", data={"state": state}, headers=BEARER)
    assert response.status_code == 201
    body = response.json()
    assert writable_client.get(body["url"] + ".json").json()["id"] == body["id"]
    wrong = writable_client.post("/compose/publish.json", data={"state": state},
                                 headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


@pytest.mark.parametrize("data", [{}, {"state": "not json"}, {"state": json.dumps({"series": "S"})}])
def test_malformed_drafts_are_400(writable_client: TestClient, data: dict[str, str]) -> None:
    response = writable_client.post("/compose/publish.json", data=data, headers=BEARER)
    assert response.status_code == 400 and response.json()["ok"] is False


def test_publishing_nothing_picked_is_refused(writable_client: TestClient) -> None:
    page = writable_client.get(PERIOD).text
    response = writable_client.post("/compose/publish.json", data=form_of(page, pick=[]), headers=BEARER)
    assert response.status_code == 400 and "pick" in response.json()["error"]


@pytest.mark.parametrize("url", ["/published/999999", "/published/999999.json", "/published/999999.pdf"])
def test_unknown_published_briefs_are_404(client: TestClient, url: str) -> None:
    response = client.get(url, headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error": "no published brief 999999", "status": 404}
