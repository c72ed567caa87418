"""Adding articles to a grouped store: ids stay, only what was added is analysed and placed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from newsprism.models import Actor, Article, PublicationDate, Story
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


@pytest.mark.slow
def test_redated_article_facts_equal_a_fresh_analysis_with_its_new_anchor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from newsprism import pipeline
    from newsprism.store.analysis import load_actors, load_analyses

    merges: list[None] = []
    resolve = pipeline.resolve_actors

    def counted(*, engine: Engine) -> list[Actor]:
        merges.append(None)
        return resolve(engine=engine)

    monkeypatch.setattr(pipeline, "resolve_actors", counted)
    grown = tmp_path / "grown.db"
    settings = Settings(db=f"sqlite:///{grown}")
    engine = open_store(settings.db)
    report = run([str(DEMO)], engine=engine, settings=settings)
    assert report.stories is not None and report.stories.reanalyzed  # the story re-dated some
    assert len(merges) == 1  # re-dating changed no names or places: no second merge
    fresh = tmp_path / "fresh.db"
    with sqlite3.connect(grown) as source, sqlite3.connect(fresh) as copy:
        source.backup(copy)
    fresh_engine = open_store(f"sqlite:///{fresh}")
    again = pipeline.analyze(engine=fresh_engine, settings=settings, force=True)
    assert set(again.analyzed) >= set(report.stories.reanalyzed)
    with engine.connect() as conn, fresh_engine.connect() as fresh_conn:
        assert load_analyses(conn) == load_analyses(fresh_conn)  # every fact and link
        assert load_actors(conn) == load_actors(fresh_conn)
    engine.dispose()
    fresh_engine.dispose()
