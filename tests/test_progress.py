"""Long steps report progress: the briefing per story, stories per stage."""

from __future__ import annotations

from pathlib import Path

from newsprism.pipeline import (
    ANCHORING_STAGE,
    GROUPING_STAGE,
    group_into_stories,
    make_briefing,
)
from newsprism.settings import Settings
from newsprism.store.database import open_store
from tests.synthetic import build_store


def test_report_path_calls_progress_with_per_story_counts(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    store = build_store(engine, articles=24, per_story=8)
    calls: list[tuple[str, int, int]] = []
    briefing = make_briefing(
        engine=engine, settings=Settings(), progress=lambda *call: calls.append(call)
    )
    engine.dispose()
    stories = len(store.story_ids)
    assert stories == 3 and len(briefing["stories"]) == stories
    assert calls[0] == ("loading the corpus", 0, 0)
    for stage in ("comparing stories", "writing the briefing"):
        counts = [(done, total) for name, done, total in calls if name == stage]
        assert counts == [(n, stories) for n in range(1, stories + 1)], stage
    stages = [name for name, _, _ in calls]
    assert stages.index("writing the briefing") > stages.index("comparing stories")


def test_report_of_one_story_counts_one(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    store = build_store(engine, articles=16, per_story=8)
    calls: list[tuple[str, int, int]] = []
    make_briefing(
        engine=engine,
        settings=Settings(),
        story_id=store.story_ids[1],
        progress=lambda *call: calls.append(call),
    )
    engine.dispose()
    assert [c for c in calls if c[0] == "comparing stories"] == [("comparing stories", 1, 1)]


def test_stories_stage_reports_grouping_then_each_story_anchored(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    build_store(engine, articles=24, per_story=8, hostile=False)
    calls: list[tuple[str, int, int]] = []
    report = group_into_stories(engine=engine, progress=lambda *call: calls.append(call))
    engine.dispose()
    stories = len(report.stories)
    assert stories >= 3
    assert calls[:2] == [(GROUPING_STAGE, 0, 0), (GROUPING_STAGE, 1, 1)]
    anchoring = [(done, total) for name, done, total in calls if name == ANCHORING_STAGE]
    assert anchoring == [(n, stories) for n in range(1, stories + 1)]
