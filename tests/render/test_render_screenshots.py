"""The rendered HTML brief as a reader sees it: Debian chromium (driven by Playwright) opens the standalone file
and saves screenshots of its first two screens into test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest

from policywatch.render import load_draft, render_brief

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "render" / "two-items.yaml"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.browser
def test_html_brief_screenshots(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install Debian's chromium for the screenshot test")
    playwright = pytest.importorskip("playwright.sync_api")
    out = render_brief(load_draft(FIXTURE), "html", tmp_path / "brief.html")
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 900, "height": 1200})
        page.goto(out.as_uri())
        assert page.locator("h1").first.inner_text().strip()  # the cover title is drawn
        assert "Noteworthy" in page.content() or "NOTEWORTHY" in page.content()
        page.screenshot(path=str(ARTIFACTS / "brief-html-1.png"))
        page.mouse.wheel(0, 1200)
        page.evaluate("window.scrollTo(0, 1200)")
        page.screenshot(path=str(ARTIFACTS / "brief-html-2.png"))
        browser.close()
    assert (ARTIFACTS / "brief-html-2.png").stat().st_size > 1000
