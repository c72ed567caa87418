"""Adding articles to a grouped store: ids stay, only what was added is analysed and placed."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.models import Article, PublicationDate, Story
from newsprism.pipeline import PROVISIONAL_BASIS, analysis_anchors, run
from newsprism.settings import Settings
from newsprism.store.database import open_store
from newsprism.store.stories import load_stories

DEMO = Path(__file__).resolve().parent.parent / "examples" / "kazakhstan-2022"


@pytest.mark.slow
def test_story_keeps_its_id_when_it_gains_articles_and_only_new_ones_are_analysed(
    tmp_path: Path,
) -> None:
    files = sorted(DEMO.glob("*.txt"))
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for path in files[:3]:
        (first / path.name).write_bytes(path.read_bytes())
    for path in files[3:]:
        (second / path.name).write_bytes(path.read_bytes())
    settings = Settings(db=f"sqlite:///{tmp_path / 'grow.db'}")
    engine = open_store(settings.db)
    before_report = run([str(first)], engine=engine, settings=settings)
    with engine.connect() as conn:
        before = {s.id: set(s.article_ids) for s in load_stories(conn)}
    report = run([str(second)], engine=engine, settings=settings)
    with engine.connect() as conn:
        after = {s.id: set(s.article_ids) for s in load_stories(conn)}
    engine.dispose()
    assert before_report.analysis is not None and before and report.ingest is not None
    added = set(report.ingest.stored) | set(report.ingest.duplicates)
    assert added and report.analysis is not None and report.stories is not None
    assert set(report.analysis.analyzed) == added  # nothing stored before is analysed again
    assert set(report.stories.reanalyzed) <= added
    for story_id, members in before.items():
        assert members <= after[story_id]  # every earlier story keeps its id and members
    grown = [i for i in before if after[i] - before[i]]
    assert grown, "the added reports of the same events join the existing story"
    assert set().union(*(after[i] - before[i] for i in grown)) <= added


def _undated(article_id: str) -> Article:
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        text="Protesters gathered on Thursday.",
        content_hash=article_id,
        published=PublicationDate(value=None, method="none", confidence=0.0),
    )


def test_undated_article_keeps_the_provisional_anchor_it_was_analysed_against() -> None:
    old, new = _undated("old"), _undated("new")
    grown = Story(id="s", article_ids=("old", "new"), title="t", last_date="2022-01-14")
    anchors = analysis_anchors([old, new], [grown], {"old": "2022-01-07"})
    assert anchors["old"] == ("2022-01-07", PROVISIONAL_BASIS)  # not moved by the new report
    assert anchors["new"] == ("2022-01-14", PROVISIONAL_BASIS)
    assert analysis_anchors([old], [grown])["old"] == ("2022-01-14", PROVISIONAL_BASIS)
