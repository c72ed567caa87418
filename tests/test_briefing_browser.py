"""The HTML briefing in a real browser: it renders offline and asks the network for nothing.

Headless Chromium (the system's /usr/bin/chromium, driven by Playwright's Python
package) opens the file, every request and console message is recorded, and a
screenshot lands in test-output/briefing.png for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsprism.report import render_html
from tests.test_report import build

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path(__file__).resolve().parent.parent / "test-output" / "briefing.png"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("briefing") / "briefing.html"
    path.write_text(render_html(build()), encoding="utf-8")
    return path


def test_briefing_renders_offline_without_requests_or_console_errors(page_file: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (CI installs it: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    requests: list[str] = []
    console: list[Any] = []
    errors: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda message: console.append(message))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(page_file.as_uri(), wait_until="load")

            assert page.locator("svg.map").first.is_visible()
            assert page.locator("svg.timeline").first.is_visible()
            assert page.locator("svg.map circle").count() == 2
            assert page.locator("svg.timeline rect").count() == 3  # one bar per type and day
            assert page.locator(".headline", has_text="more than 400").is_visible()
            assert page.locator(".badge-conflicting").first.is_visible()
            box = page.locator("svg.map").first.bounding_box()
            assert box is not None and box["width"] > 600 and box["height"] > 250

            # the inline script works: the filter hides figures that are not flagged
            page.check("#flagged-only")
            assert page.locator(".figure.flagged").first.is_visible()
            assert not page.locator(".figure:not(.flagged)").first.is_visible()
            page.uncheck("#flagged-only")

            # an evidence link jumps to its sentence inside the page
            page.locator("a.ev").first.click()
            assert page.evaluate("location.hash").startswith("#ev-")

            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=True)
        finally:
            browser.close()

    assert errors == []
    assert [m.text for m in console if m.type in {"error", "warning"}] == []
    assert {url.split("#")[0] for url in requests} == {page_file.as_uri()}
