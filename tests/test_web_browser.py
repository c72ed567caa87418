"""The web app in a real browser (Debian's chromium through Playwright), against a live server.

A user's path: stories list, a story, a figure, its sentence in the article, a faceted
search, an upload analysed in the background; hostile article content stays inert. Every
request must go to this server, no console error may appear, and screenshots land in
test-output/web-*.png for a person to look at.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsprism.api import Newsprism
from newsprism.store.database import open_store
from newsprism.web.app import create_app
from tests.synthetic import build_store
from tests.test_briefing_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.slow
OUTPUT = Path(__file__).resolve().parent.parent / "test-output"
DEMO = Path(__file__).resolve().parent.parent / "examples" / "kazakhstan-2022"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str | None]]:
    import uvicorn

    url = f"sqlite:///{tmp_path_factory.mktemp('webb') / 'web.db'}"
    engine = open_store(url)
    built = build_store(engine, articles=24, per_story=8)
    engine.dispose()
    port = _free_port()
    prism = Newsprism(url)
    config = uvicorn.Config(create_app(prism), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(100):
        if instance.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", built.hostile_id
    instance.should_exit = True
    thread.join(timeout=10)
    prism.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (CI installs it: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Watched:
    """A page whose requests, console errors and dialogs are recorded."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1366, "height": 900})
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on(
            "console",
            lambda m: self.problems.append(m.text) if m.type in ("error", "warning") else None,
        )
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.on(
            "console",
            lambda m: self.problems.append(f"at {m.location}") if m.type == "error" else None,
        )
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shot(self, name: str) -> None:
        OUTPUT.mkdir(exist_ok=True)
        self.page.screenshot(path=str(OUTPUT / f"web-{name}.png"), full_page=False)

    def check(self) -> None:
        outside = [u for u in self.requests if not u.startswith(self.base)]
        assert outside == [], outside
        assert self.problems == [], self.problems
        assert self.dialogs == [], self.dialogs
        self.page.close()


def test_stories_story_figure_sentence(browser: Any, server: tuple[str, str | None]) -> None:
    base = server[0]
    watched = Watched(browser, base)
    page = watched.page
    page.goto(f"{base}/stories", wait_until="networkidle")
    assert page.locator("table.stories tbody tr").count() == 3
    page.wait_for_selector(".vega-chart canvas", timeout=10000)
    watched.shot("stories")
    page.locator("a.story-link").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".card").count() >= 1
    page.wait_for_selector(".leaflet-map path.leaflet-interactive", timeout=10000)
    watched.shot("story")
    page.locator("#map").scroll_into_view_if_needed()
    watched.shot("story-map")
    page.locator("a.figure-link").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("section.originator").count() >= 1
    watched.shot("figure")
    page.locator("a.sentence-link").first.click()
    page.wait_for_load_state("networkidle")
    target = page.locator("#hl")
    assert target.is_visible()
    assert "killed" in target.inner_text()
    watched.shot("article")
    watched.check()


def test_search_with_a_facet(browser: Any, server: tuple[str, str | None]) -> None:
    base = server[0]
    watched = Watched(browser, base)
    page = watched.page
    page.goto(f"{base}/search", wait_until="networkidle")
    page.fill("form.search input[name=q]", "killed")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_selector(".hit")
    total = page.locator("p.total").inner_text()
    page.locator('[data-facet="outlet"] a.facet-value').first.click()
    page.wait_for_load_state("networkidle")
    assert "outlet = " in page.locator("p.total").inner_text()
    assert page.locator("p.total").inner_text() != total
    assert page.locator(".snippet mark").count() >= 1
    watched.shot("search")
    watched.check()


def test_upload_is_analysed_in_the_background(
    browser: Any, server: tuple[str, str | None], tmp_path: Path
) -> None:
    base = server[0]
    bad = tmp_path / "notes.exe"
    bad.write_bytes(b"MZ")
    watched = Watched(browser, base)
    page = watched.page
    page.goto(f"{base}/upload", wait_until="networkidle")
    page.set_input_files("input[type=file]", [str(sorted(DEMO.glob("*.txt"))[0]), str(bad)])
    page.click("form.upload button[type=submit]")
    page.wait_for_selector(".job progress")
    assert page.url == f"{base}/upload"  # htmx: no reload
    page.wait_for_selector('.job[data-status="done"]', timeout=300000)
    assert "notes.exe" in page.locator(".failures").inner_text()
    assert page.locator(".job a[href^='/articles/']").count() == 1
    watched.shot("upload")
    page.locator(".job a[href^='/articles/']").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".text a.hl").count() > 0  # analysed: facts are highlighted
    watched.check()


def test_hostile_article_renders_inert(browser: Any, server: tuple[str, str | None]) -> None:
    base, hostile = server
    watched = Watched(browser, base)
    page = watched.page
    page.goto(f"{base}/articles/{hostile}", wait_until="networkidle")
    assert "<script>" in page.locator("h1").inner_text()
    assert page.locator("a[href^='javascript']").count() == 0
    watched.shot("hostile")
    page.goto(f"{base}/stories/story-0000", wait_until="networkidle")
    page.goto(f"{base}/search?q=attackers", wait_until="networkidle")
    watched.check()
