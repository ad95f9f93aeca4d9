"""Security: response headers everywhere, stored markup escaped on every page, SQL-injection attempts in every
parameter, and the write token / CSRF rules of the upload endpoint."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from web_records import HOSTILE_BODY, IMG_PAYLOAD, PAYLOAD, PROBE, SAMPLES, TOKEN

from policywatch.store.connections import open_connection
from policywatch.web.security import SECURITY_HEADERS, bearer_token, csrf_valid, new_csrf_token, token_matches

ALLOWED_SCRIPT = '<script src="/static/htmx.min.js" defer></script>'


# ---- headers ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/index.json", "/search?q=储能", "/entries/999999", "/entries/999999.json",
                                 "/no/such/page", "/static/app.css", "/static/htmx.min.js", "/openapi.json",
                                 "/search.json?q="])
def test_every_response_carries_the_security_headers(client: TestClient, url: str) -> None:
    response = client.get(url)
    for name, value in SECURITY_HEADERS:
        assert response.headers[name] == value, (url, name)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_pages_load_no_inline_script_or_style(client: TestClient) -> None:
    for url in ("/", "/search?q=储能", "/targets", "/bodies/MIIT"):
        html = client.get(url).text
        assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/htmx.min.js" defer>']
        assert "<style" not in html and " style=" not in html and " onclick=" not in html


# ---- stored markup is text -------------------------------------------------------------------------------

def _hostile_urls(client: TestClient) -> list[str]:
    """Every page that can show one of the hostile records' fields."""
    hits = client.get(f"/search.json?q={PROBE}").json()["hits"]
    assert len(hits) >= 3, hits
    urls = ["/", f"/search?q={PROBE}", "/search?q=alert", f"/search?q={PROBE}&sort=date", "/briefs", "/bodies",
            f"/bodies/{quote(HOSTILE_BODY, safe='')}", "/bodies/MIIT", "/targets", "/policies"]
    urls += [hit["url"] for hit in hits]
    urls += [f"/records/{hit['record_id']}" for hit in hits]
    urls += [f"/policies/{hit['record_id']}" for hit in hits if hit["kind"] == "policy"]
    urls += [f"{hit['url']}/related" for hit in hits if hit["kind"] == "entry"]
    targets = client.get("/targets.json").json()["targets"]
    urls += [f"/targets/{t['id']}" for t in targets if "output" in t["metric"]]
    facets = client.get(f"/search.json?q={PROBE}").json()["facets"]
    urls += [value["url"] for facet in facets for value in facet["values"]]
    return list(dict.fromkeys(urls))


def test_stored_markup_is_escaped_on_every_page(hostile_client: TestClient) -> None:
    shown = 0
    for url in _hostile_urls(hostile_client):
        response = hostile_client.get(url)
        assert response.status_code == 200, url
        html = response.text
        assert PAYLOAD not in html and IMG_PAYLOAD not in html, url
        assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/htmx.min.js" defer>'], url
        assert "<img" not in html and "javascript:" not in html.lower(), url
        shown += "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert shown >= 10  # the payload was shown, as text, on most of them


def test_stored_markup_is_escaped_in_htmx_fragments(hostile_client: TestClient) -> None:
    fragment = hostile_client.get(f"/search?q={PROBE}", headers={"HX-Request": "true", "HX-Target": "results"}).text
    assert PAYLOAD not in fragment and "&lt;script&gt;" in fragment
    assert "<mark class=\"match\">xssprobe</mark>" in fragment


def test_json_keeps_stored_text_exactly(hostile_client: TestClient) -> None:
    hits = hostile_client.get(f"/search.json?q={PROBE}").json()["hits"]
    entry = next(hit for hit in hits if hit["kind"] == "entry" and hit["section"] == "top")
    stored = hostile_client.get(f"/entries/{entry['entry_id']}.json").json()["entry"]["entry"]
    assert stored["headline"] == f"Headline {PROBE} {PAYLOAD}"
    assert stored["document"]["url"] == "javascript:alert(3)"  # data stays as stored; only HTML drops the link


def test_markup_in_the_query_or_the_path_is_escaped(hostile_client: TestClient) -> None:
    response = hostile_client.get("/search", params={"q": PAYLOAD})
    assert response.status_code in (200, 400)
    assert PAYLOAD not in response.text
    error = hostile_client.get("/entries/" + quote(PAYLOAD, safe=""))
    assert error.status_code in (400, 404) and PAYLOAD not in error.text


# ---- SQL injection ---------------------------------------------------------------------------------------

INJECTIONS = [
    "' OR '1'='1", "\" OR 1=1 --", "1; DROP TABLE records; --", "x') UNION SELECT sqlite_version() --",
    "%' --", "NEAR(a b)", "title_index : a*", "a\x00b", "]] OR [[", "' || (SELECT group_concat(name) FROM"
    " sqlite_master) || '", "1 OR 1=1", "2024' OR '1'='1",
]
QUERY_PARAMETERS = {
    "/search.json": ["q", "section", "body", "sector", "year", "form", "has_targets", "since", "until", "sort",
                     "page", "per_page"],
    "/targets.json": ["year", "body", "unit", "sector", "status", "page"],
    "/briefs.json": ["page"],
    "/policies.json": ["body", "since", "form"],
}
PATH_TEMPLATES = ["/records/{}.json", "/entries/{}.json", "/targets/{}.json", "/bodies/{}.json", "/source/{}",
                  "/policies/{}.json"]


def _table_counts(db: Path) -> dict[str, int]:
    conn = open_connection(str(db), read_only=True)
    try:
        if getattr(conn, "dialect", "sqlite") == "postgres":
            names = [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables"
                                                " WHERE table_schema = current_schema()")]
        else:
            names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                                " AND name NOT LIKE 'search_fts%'")]
        return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}
    finally:
        conn.close()


def test_injection_attempts_in_every_parameter_are_data(client: TestClient, sample_db: Path) -> None:
    before = _table_counts(sample_db)
    for path, names in QUERY_PARAMETERS.items():
        for name in names:
            for attempt in INJECTIONS:
                params = {"q": "battery", name: attempt}
                response = client.get(path, params=params)
                assert response.status_code in (200, 400), (path, name, attempt, response.text)
                assert response.json()["ok"] is (response.status_code == 200)
    for template in PATH_TEMPLATES:
        for attempt in INJECTIONS:
            response = client.get(template.format(quote(attempt, safe="")), headers={"Accept": "application/json"})
            assert response.status_code in (400, 404), (template, attempt)
            assert response.json()["ok"] is False
    assert _table_counts(sample_db) == before


def test_an_injection_in_the_query_matches_its_words_not_everything(client: TestClient) -> None:
    everything = client.get("/search.json", params={"q": "the OR a OR 的"}).json()["total"]
    injected = client.get("/search.json", params={"q": "zzqx' OR '1'='1"}).json()
    assert injected["total"] == 0 < everything


def test_injection_in_a_filter_finds_nothing_instead_of_everything(client: TestClient) -> None:
    for name in ("body", "sector", "form"):
        page = client.get("/search.json", params={"q": "the", name: "x' OR '1'='1"}).json()
        assert page["total"] == 0, name
    assert client.get("/targets.json", params={"body": "x' OR '1'='1"}).json()["total"] == 0


# ---- the write token and CSRF ----------------------------------------------------------------------------

def _upload(client: TestClient, headers: dict[str, str] | None = None) -> Response:
    sample = (SAMPLES / "notice-lithium-battery-supply-chain.html").read_bytes()
    return client.post("/ingest.json", files={"file": ("notice.html", sample, "text/html")}, headers=headers)


def test_uploads_are_off_without_a_token(client: TestClient) -> None:
    response = _upload(client, headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403
    assert response.json()["ok"] is False


def test_upload_needs_the_right_bearer_token(writable_client: TestClient) -> None:
    missing = _upload(writable_client)
    assert missing.status_code == 401 and "Bearer" in missing.headers["www-authenticate"]
    wrong = _upload(writable_client, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    right = _upload(writable_client, headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200, right.text
    assert right.json()["status"] == "unchanged"  # the samples hold it already


UPLOADED_NOTICE = """工业和信息化部关于推进智能网联汽车准入试点工作的通知

各省、自治区、直辖市工业和信息化主管部门：

为推进试点工作（uploadprobe），现就有关事项通知如下。

工业和信息化部
2024年6月1日
"""


def test_upload_of_a_new_document_is_searchable(writable_client: TestClient) -> None:
    assert writable_client.get("/search.json?q=uploadprobe").json()["total"] == 0
    response = writable_client.post("/ingest.json", headers={"Authorization": f"Bearer {TOKEN}"},
                                    files={"file": ("../../etc/通知 <x>.txt", UPLOADED_NOTICE.encode(), "text/plain")})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["status"] == "new" and result["kind"] == "policy" and result["filename"] == "通知_x_.txt"
    assert "智能网联汽车" in writable_client.get(result["url"]).text
    assert writable_client.get("/search.json?q=uploadprobe").json()["total"] == 1


def test_upload_form_needs_csrf_bound_to_its_cookie(writable_client: TestClient) -> None:
    form_page = writable_client.get("/ingest")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form_page.text)
    assert csrf is not None and writable_client.cookies.get("policywatch_csrf") == csrf.group(1)
    sample = (SAMPLES / "sample-brief.txt").read_bytes()
    files = {"file": ("brief.txt", sample, "text/plain")}
    ok = writable_client.post("/ingest", data={"token": TOKEN, "csrf": csrf.group(1)}, files=files)
    assert ok.status_code == 200 and "unchanged" in ok.text
    no_csrf = writable_client.post("/ingest", data={"token": TOKEN}, files=files)
    assert no_csrf.status_code == 403
    forged = writable_client.post("/ingest", data={"token": TOKEN, "csrf": csrf.group(1) + "x"}, files=files)
    assert forged.status_code == 403
    writable_client.cookies.clear()
    no_cookie = writable_client.post("/ingest", data={"token": TOKEN, "csrf": csrf.group(1)}, files=files)
    assert no_cookie.status_code == 403


def test_upload_limits_and_bad_files(writable_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    missing = writable_client.post("/ingest.json", headers=auth, data={"other": "x"})
    assert missing.status_code == 400 and missing.json()["ok"] is False
    junk_pdf = {"file": ("x.pdf", b"%PDF-1.4 junk", "application/pdf")}
    junk = writable_client.post("/ingest.json", headers=auth, files=junk_pdf)
    assert junk.status_code == 422 and junk.json()["status"] == "failed"
    monkeypatch.setenv("POLICYWATCH_MAX_BYTES", "100")
    big = writable_client.post("/ingest.json", headers=auth, files={"file": ("big.txt", b"x" * 5000, "text/plain")})
    assert big.status_code == 413 and big.json()["status"] == 413


# ---- units -----------------------------------------------------------------------------------------------

def test_csrf_tokens_expire_and_cannot_be_forged() -> None:
    secret = b"s" * 32
    token = new_csrf_token(secret, now=1_000_000)
    assert csrf_valid(secret, token, token, now=1_000_100)
    assert not csrf_valid(secret, token, token, now=1_000_000 + 3 * 3600)  # expired
    assert not csrf_valid(b"t" * 32, token, token, now=1_000_100)  # another process's secret
    assert not csrf_valid(secret, token, token.replace(".", "!", 1), now=1_000_100)  # not the cookie's
    assert not csrf_valid(secret, "a.b.c", "a.b.c") and not csrf_valid(secret, None, token)


@pytest.mark.parametrize(("header", "token"), [
    ("Bearer abc", "abc"), ("bearer  abc ", "abc"), ("Basic abc", None), ("Bearer", None), (None, None), ("", None),
])
def test_bearer_token_parsing(header: str | None, token: str | None) -> None:
    assert bearer_token(header) == token


def test_token_matching_is_off_without_a_configured_token() -> None:
    assert token_matches("abc", "abc") and not token_matches("abc", "abd")
    assert not token_matches(None, "") and not token_matches("", "") and not token_matches(None, None)
    assert token_matches("令牌", "令牌")
