"""Every page in-process: HTML that works without JavaScript, its JSON twin (URL + .json and Accept header),
the HTMX partial, and what each page must show for the bundled samples."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient


def json_of(client: TestClient, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["ok"] is True
    return body


def html_of(client: TestClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def first_entry_id(client: TestClient, query: str) -> int:
    hits = [hit for hit in json_of(client, f"/search.json?q={query}")["hits"] if hit["entry_id"] is not None]
    assert hits, f"no entry matches {query}"
    return int(hits[0]["entry_id"])


def brief_id(client: TestClient) -> int:
    return int(json_of(client, "/briefs.json")["briefs"][0]["id"])


def ledger_target_id(client: TestClient, metric_part: str) -> int:
    targets = json_of(client, "/targets.json")["targets"]
    return next(t["id"] for t in targets if metric_part in t["metric"])


def page_urls(client: TestClient) -> list[str]:
    """One URL of every page kind, for the samples."""
    entry = first_entry_id(client, "储能")
    policy = json_of(client, "/policies.json")["policies"][0]["id"]
    target = ledger_target_id(client, "storage")
    return ["/", "/search?q=储能", "/briefs", f"/records/{brief_id(client)}", f"/records/{policy}",
            f"/entries/{entry}", f"/entries/{entry}/related", "/bodies", "/bodies/MIIT", "/targets",
            f"/targets/{target}", "/policies", f"/policies/{policy}", f"/policies/{policy}/related", "/ingest"]


def test_every_page_has_html_and_a_json_twin(client: TestClient) -> None:
    for url in page_urls(client):
        html = html_of(client, url)
        assert "<html" in html and "</html>" in html
        path, _, query = url.partition("?")
        twin = ("/index" if path == "/" else path) + ".json" + (f"?{query}" if query else "")
        json_of(client, twin)


def test_accept_header_selects_json_and_browsers_get_html(client: TestClient) -> None:
    for url in page_urls(client):
        as_json = client.get(url, headers={"Accept": "application/json"})
        assert as_json.headers["content-type"].startswith("application/json"), url
        assert as_json.json()["ok"] is True
        browser = client.get(url, headers={"Accept": "text/html,application/xhtml+xml,application/json;q=0.9"})
        assert browser.headers["content-type"].startswith("text/html"), url


def test_home_shows_counts_latest_brief_entries_and_due_targets(client: TestClient) -> None:
    home = json_of(client, "/index.json")
    assert home["counts"]["briefs"] == 1 and home["counts"]["entries"] == 8
    assert home["briefs"][0]["title"].startswith("Grid storage")
    assert len(home["entries"]) == 8
    assert {d["type"] for d in home["documents"]} == {"policy"}
    html = html_of(client, "/")
    assert 'href="/records/' in html and 'href="/entries/' in html
    # targets falling due are those from this year on; the sample's run to 2027
    for target in home["due_targets"]:
        assert f'href="/targets/{target["id"]}"' in html


def test_search_in_chinese_marks_the_match_in_the_snippet(client: TestClient) -> None:
    page = json_of(client, "/search.json?q=储能")
    assert page["total"] == len(page["hits"]) >= 2  # the grid-storage entry and the battery notice
    for hit in page["hits"]:
        assert hit["url"] == (f"/entries/{hit['entry_id']}" if hit["entry_id"] else f"/records/{hit['record_id']}")
        start, end = hit["snippet"]["matches"][0]
        assert hit["snippet"]["text"][start:end] == "储能"
    html = html_of(client, "/search?q=储能")
    assert "<mark class=\"match\">储能</mark>" in html


def test_search_robots_in_english_and_chinese(client: TestClient) -> None:
    english = json_of(client, "/search.json?q=robot")
    chinese = json_of(client, "/search.json?q=机器人")
    assert english["total"] >= 1 and chinese["total"] >= 1
    either = json_of(client, "/search.json?q=机器人 OR robot")
    assert either["total"] >= max(english["total"], chinese["total"])


def test_search_facets_count_the_whole_result_and_link_to_filtered_searches(client: TestClient) -> None:
    page = json_of(client, "/search.json?q=the&per_page=2")
    assert page["total"] > 2 and len(page["hits"]) == 2
    facets = {f["name"]: f for f in page["facets"]}
    assert set(facets) == {"section", "body", "sector", "year", "form", "has_targets"}
    assert sum(v["count"] for v in facets["section"]["values"]) == page["total"]
    assert sum(v["count"] for v in facets["has_targets"]["values"]) == page["total"]
    top = next(v for v in facets["section"]["values"] if v["value"] == "top")
    narrowed = json_of(client, top["url"].replace("/search?", "/search.json?"))
    assert narrowed["total"] == top["count"]
    assert [f["name"] for f in narrowed["filters"]] == ["section"]
    chosen = next(f for f in narrowed["facets"] if f["name"] == "section")["values"][0]
    assert chosen["selected"] and "section" not in chosen["url"]  # a selected value's link removes it


@pytest.mark.parametrize(("params", "check"), [
    ("section=top", lambda hit: hit["section"] == "top"),
    ("body=MIIT", lambda hit: "MIIT" in hit["bodies"]),
    ("year=2024", lambda hit: hit["date"].startswith("2024")),
    ("since=2024-03-01", lambda hit: hit["date"] >= "2024-03-01"),
    ("until=2024-02-20", lambda hit: hit["date"] <= "2024-02-20"),
    ("section=policy", lambda hit: hit["kind"] == "policy"),
])
def test_search_filters_restrict_every_hit(client: TestClient, params: str, check: Any) -> None:
    page = json_of(client, f"/search.json?q=the OR 的&{params}")
    assert page["hits"], params
    assert all(check(hit) for hit in page["hits"]), params


def test_search_sorts_by_date_newest_first_and_pages(client: TestClient) -> None:
    dated = json_of(client, "/search.json?q=the&sort=date&per_page=3")
    dates = [hit["date"] for hit in dated["hits"]]
    assert dates == sorted(dates, reverse=True)
    second = json_of(client, dated["next_url"].replace("/search?", "/search.json?"))
    assert second["page"] == 2 and second["hits"][0]["date"] <= dates[-1]
    assert json_of(client, "/search.json?q=the&sort=relevance")["total"] == dated["total"]


def test_search_without_a_query_shows_the_form(client: TestClient) -> None:
    html = html_of(client, "/search")
    assert 'id="search-form"' in html and "Type English or Chinese" in html


def test_htmx_request_gets_only_the_results_fragment(client: TestClient) -> None:
    response = client.get("/search?q=储能", headers={"HX-Request": "true", "HX-Target": "results"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="results"')
    assert "<html" not in response.text
    assert "HX-Request" in response.headers["vary"]


def test_brief_page_shows_top5_and_noteworthy_with_links_to_entries(client: TestClient) -> None:
    record = json_of(client, f"/records/{brief_id(client)}.json")["record"]
    html = html_of(client, f"/records/{record['id']}")
    assert "Top 5" in html and "Noteworthy" in html
    for entry_id in record["entry_ids"]:
        assert f'href="/entries/{entry_id}"' in html
    assert html.count('href="/source/') == len(record["sources"]) == 3


def test_entry_page_marks_targets_inside_key_points_and_links_the_ledger(client: TestClient) -> None:
    entry_id = first_entry_id(client, "储能")
    page = json_of(client, f"/entries/{entry_id}.json")
    entry = page["entry"]["entry"]
    assert len(page["ledger_ids"]) == len(entry["targets"]) == 3
    html = html_of(client, f"/entries/{entry_id}")
    first = entry["targets"][0]
    start, end = first["span"]
    marked = re.search(r'<mark class="target" title="[^"]*"><a href="/targets/(\d+)">([^<]*)</a></mark>', html)
    assert marked is not None
    assert marked.group(2) == entry["key_points"][0][start:end] == "120 GW"
    assert int(marked.group(1)) == page["ledger_ids"][0]
    assert "新型储能发展实施方案" in html  # the document line in Chinese
    assert 'href="/bodies/NEA"' in html and "国家能源局" in html


def test_source_download_returns_the_original_bytes_as_an_attachment(client: TestClient, sample_db: Any) -> None:
    record = json_of(client, f"/records/{brief_id(client)}.json")["record"]
    for source in record["sources"]:
        response = client.get(f"/source/{source['sha256']}")
        assert response.status_code == 200
        assert len(response.content) == source["size"]
        assert response.headers["content-disposition"].startswith("attachment;")
        assert not response.headers["content-type"].startswith("text/html")
        assert "sandbox" in response.headers["content-security-policy"]


def test_body_page_has_names_history_chart_and_co_issuers(client: TestClient) -> None:
    body = json_of(client, "/bodies/MIIT.json")
    assert body["name_zh"] == "工业和信息化部" and body["kind"] == "ministry"
    assert [p["id"] for p in body["predecessors"]] == ["MII"]
    assert {c["body"]["id"] for c in body["co_issuers"]} >= {"MOF"}
    # every entry and document naming it is dated in the samples, so the yearly counts add up to them
    assert sum(y["count"] for y in body["years"]) == len(body["entries"]) + len(body["documents"]) >= 4
    assert "2024" in {y["year"] for y in body["years"]}
    html = html_of(client, "/bodies/MIIT")
    assert 'id="body-chart"' in html and "<svg" in html and "<rect" in html
    assert 'href="/bodies/MII"' in html


def test_targets_page_filters_and_draws_charts(client: TestClient) -> None:
    everything = json_of(client, "/targets.json")
    assert everything["total"] == len(everything["targets"]) >= 8
    assert sum(row["total"] for row in everything["by_year"]) == everything["total"]
    only_2027 = json_of(client, "/targets.json?year=2027")
    assert only_2027["total"] >= 1 and {t["year"] for t in only_2027["targets"]} == {2027}
    assert json_of(client, "/targets.json?unit=GW")["total"] >= 1
    html = html_of(client, "/targets")
    assert 'id="year-chart"' in html and 'id="unit-chart"' in html
    assert 'class="status-stated"' in html


def test_target_page_draws_baseline_growth_path_and_goal(client: TestClient) -> None:
    target_id = ledger_target_id(client, "storage capacity")
    detail = json_of(client, f"/targets/{target_id}.json")["target"]
    assert detail["baseline"]["value"] == 31.0 and detail["derived"]["growth"]["from_year"] == 2023
    html = html_of(client, f"/targets/{target_id}")
    assert 'id="goal-chart"' in html
    assert '<polyline class="growth"' in html and 'class="marker goal"' in html
    assert 'class="marker baseline"' in html


def test_related_reading_is_its_own_page_loaded_into_the_entry_page(client: TestClient) -> None:
    entry_id = first_entry_id(client, "储能")
    html = html_of(client, f"/entries/{entry_id}")
    assert f'hx-get="/entries/{entry_id}/related"' in html and f'href="/entries/{entry_id}/related"' in html
    related = json_of(client, f"/entries/{entry_id}/related.json")
    assert related["subject_url"] == f"/entries/{entry_id}"
    for item in related["items"]:
        assert item["url"] in (f"/entries/{item['id']}", f"/records/{item['id']}") and item["reason"]
    assert 'id="related"' in html_of(client, f"/entries/{entry_id}/related")


def test_policy_pages_list_documents(client: TestClient) -> None:
    policies = json_of(client, "/policies.json")
    assert policies["total"] >= 2
    titles = [p["title"] for p in policies["policies"]]
    assert any("锂离子电池" in title for title in titles)
    first = policies["policies"][0]
    detail = json_of(client, f"/policies/{first['id']}.json")
    assert detail["detail"]["policy"]["title_zh"] == first["title"]


def test_upload_form_says_read_only_when_no_token(client: TestClient) -> None:
    html = html_of(client, "/ingest")
    assert "read-only" in html and 'type="file"' not in html
    assert 'href="/ingest"' not in html  # no Upload link in the navigation


def test_openapi_documents_every_page_and_its_json_twin(client: TestClient) -> None:
    spec = json_of_raw(client, "/openapi.json")
    paths = set(spec["paths"])
    for page in ("/search", "/briefs", "/records/{record_id}", "/entries/{entry_id}", "/bodies", "/bodies/{body_id}",
                 "/targets", "/targets/{target_id}", "/policies", "/policies/{record_id}"):
        assert page in paths and page + ".json" in paths, page
    assert {"/", "/index.json", "/ingest", "/source/{sha256}"} <= paths
    assert "ErrorBody" in spec["components"]["schemas"]
    assert "400" in spec["paths"]["/search.json"]["get"]["responses"]


def json_of_raw(client: TestClient, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200
    return dict(response.json())
