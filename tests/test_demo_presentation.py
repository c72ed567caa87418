"""The demo briefing as a user sees it: outlets by name, a neutral title, the events' period."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsprism.pipeline import make_briefing, run
from newsprism.report import render_html, render_json, render_markdown
from newsprism.settings import Settings
from newsprism.store.database import open_store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def demo_briefing(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    settings = Settings()
    engine = open_store(f"sqlite:///{db}")
    try:
        run([str(ROOT / "examples" / "kazakhstan-2022")], engine=engine, settings=settings)
        return make_briefing(engine=engine, settings=settings)
    finally:
        engine.dispose()


@pytest.mark.slow
def test_demo_briefing_shows_no_file_path(demo_briefing: dict[str, Any]) -> None:
    for text in (
        render_markdown(demo_briefing),
        render_html(demo_briefing),
        render_json(demo_briefing),
    ):
        assert "examples/" not in text and str(ROOT) not in text


@pytest.mark.slow
def test_demo_story_period_runs_over_its_events(demo_briefing: dict[str, Any]) -> None:
    (story,) = demo_briefing["stories"]
    assert (story["first_date"], story["last_date"]) == ("2022-01-02", "2022-01-07")


@pytest.mark.slow
def test_demo_story_is_titled_by_a_news_headline_not_the_commentary_question(
    demo_briefing: dict[str, Any],
) -> None:
    (story,) = demo_briefing["stories"]
    assert story["title"] and not story["title"].rstrip().endswith("?")
