"""Real-browser tests (Debian chromium driven by Playwright) against uvicorn on loopback, and schemathesis
against the same server's OpenAPI spec. Screenshots go to test-artifacts/ (gitignored)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("POLICYWATCH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT_MS = 10_000
FUZZ_EXAMPLES = 30


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"no chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium) for these tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors (a CSP violation or a failed script shows up there)."""
    opened = browser.new_page(viewport={"width": 1280, "height": 900})
    opened.set_default_timeout(WAIT_MS)
    opened.console_errors = []
    opened.on("console", lambda message: message.type == "error" and opened.console_errors.append(message.text))
    yield opened
    opened.close()


@pytest.mark.browser
def test_pages_render_without_errors_and_are_captured(page: Any, live_server: str, artifacts: Path) -> None:
    for name, url in (("home", "/"), ("briefs", "/briefs"), ("bodies", "/bodies"), ("body", "/bodies/MIIT"),
                      ("policies", "/policies")):
        response = page.goto(live_server + url)
        assert response is not None and response.status == 200, url
        assert page.locator("h1").first.is_visible()
        if name == "home":
            page.screenshot(path=str(artifacts / "home.png"), full_page=True)
    assert page.console_errors == []


@pytest.mark.browser
def test_chinese_search_facet_click_and_entry(page: Any, live_server: str, artifacts: Path) -> None:
    page.goto(live_server + "/search")
    page.evaluate("window.__sameDocument = true")  # survives HTMX swaps, not page loads
    page.fill("#q", "储能")
    page.press("#q", "Enter")
    page.wait_for_selector("li.hit")
    assert "储能" in page.locator("li.hit mark").first.inner_text()
    assert "q=" in page.url and page.evaluate("window.__sameDocument") is True
    page.screenshot(path=str(artifacts / "search.png"), full_page=True)
    total_before = page.locator("li.hit").count()
    page.locator('[data-facet="section"] a', has_text="Top 5").click()
    page.wait_for_selector(".active-filters .chip")
    assert "section=top" in page.url and page.evaluate("window.__sameDocument") is True
    assert page.locator("li.hit").count() <= total_before
    page.locator("li.hit a.title").first.click()
    page.wait_for_url("**/entries/**")
    assert page.locator("h1").inner_text()
    page.wait_for_selector("#related h2")  # related reading, loaded by HTMX after the page
    page.screenshot(path=str(artifacts / "entry.png"), full_page=True)
    assert page.console_errors == []


@pytest.mark.browser
def test_robots_search_in_chinese_without_javascript_form_submit(browser: Any, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(live_server + "/search?q=机器人")
    assert plain.locator("li.hit").count() >= 1
    plain.locator('[data-facet="year"] a').first.click()  # an ordinary link without HTMX
    assert "year=" in plain.url and plain.locator("li.hit").count() >= 1
    context.close()


@pytest.mark.browser
def test_entry_marks_targets_and_ledger_chart_is_drawn(page: Any, live_server: str, artifacts: Path) -> None:
    page.goto(live_server + "/search?q=储能&section=top")
    page.locator("li.hit a.title").first.click()
    page.wait_for_selector("mark.target")
    page.locator("mark.target a").first.click()
    page.wait_for_selector("#goal-chart svg circle.goal")
    assert page.locator("#goal-chart polyline.growth").count() == 1
    page.goto(live_server + "/targets")
    page.wait_for_selector("#year-chart svg rect")
    assert page.locator("#year-chart svg rect").count() >= 2
    assert page.locator("table.targets tbody tr").count() >= 8
    page.screenshot(path=str(artifacts / "ledger.png"), full_page=True)
    assert page.console_errors == []


def test_openapi_spec_holds_under_schemathesis(live_server: str) -> None:
    """Generated requests for every operation of /openapi.json: no answer is a 5xx."""
    schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis.checks import not_a_server_error

    schema = schemathesis.openapi.from_url(live_server + "/openapi.json")
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:
        @settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            case.validate_response(case.call(timeout=10), checks=[not_a_server_error])

        try:
            check()
        except Exception as error:  # one operation's failure must not hide the others'
            failures.append(f"{operation.label}: {error}")
    assert failures == []
