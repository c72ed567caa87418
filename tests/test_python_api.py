"""The Python API: the README's example runs as written, and the object answers like the CLI."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import newsprism
from newsprism.errors import NotFound
from newsprism.store.database import open_store
from tests.synthetic import build_store

ROOT = Path(__file__).resolve().parent.parent


def test_open_reads_stories_figures_outlets_and_search(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'api.db'}"
    engine = open_store(url)
    built = build_store(engine, articles=16, per_story=8)
    engine.dispose()
    with newsprism.open(url) as prism:
        stories = prism.stories()
        assert len(stories) == 2 and stories[0].article_count == 9
        frame = stories.to_pandas()
        assert list(frame["id"]) == [s.id for s in stories]
        comparison = prism.story(built.story_ids[0])
        assert comparison.ledger and comparison.story.id == built.story_ids[0]
        figure_id = next(iter(prism.figures))
        assert prism.figure(figure_id).group.reports
        profile = prism.outlet("news.example.org/world")
        assert profile.article_ids and profile.story_ids
        hits = prism.search("killed", outlet="wire.example.com", limit=None)
        assert hits.total == len(hits.hits) == 4
        assert prism.briefing(built.story_ids[0])["stories"][0]["id"] == built.story_ids[0]
        assert len(prism.records("claims")) == 17
        with pytest.raises(NotFound):
            prism.story("no-such-story")
        with pytest.raises(NotFound):
            prism.outlet("no.such/outlet")


@pytest.mark.slow
def test_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- python-example -->\n```python\n(.*?)```", readme, re.DOTALL)
    assert found, "the README has no Python example"
    code = found.group(1).replace(
        '"examples/kazakhstan-2022"', repr(str(ROOT / "examples" / "kazakhstan-2022"))
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSPRISM_DB", raising=False)
    exec(compile(code, "README.md", "exec"), {"__name__": "readme_example"})
    assert (tmp_path / "kazakhstan.db").exists()
    assert os.path.getsize(tmp_path / "kazakhstan.db") > 0


@pytest.mark.slow
@pytest.mark.postgres
def test_faceted_search_on_postgresql(postgres_url: str) -> None:
    from sqlalchemy import text

    engine = open_store(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE articles CASCADE"))
    build_store(engine, articles=16, per_story=8)
    engine.dispose()
    with newsprism.open(postgres_url) as prism:
        hits = prism.search("killed", bucket="month", limit=5)
        assert hits.total == 17 and len(hits.hits) == 5
        assert "[killed]" in hits.hits[0].snippet
        dates = next(f for f in hits.facets if f.name == "date")
        assert [(v.value, v.count) for v in dates.values] == [("2022-01", 16), ("undated", 1)]
        narrowed = prism.search("killed", language="fr", limit=None)
        assert narrowed.total == 4 and all(h.language == "fr" for h in narrowed.hits)


def test_reading_calls_open_the_store_read_only_and_write_nothing(tmp_path: Path) -> None:
    db = tmp_path / "api.db"
    engine = open_store(f"sqlite:///{db}")
    build_store(engine, articles=4, per_story=2)
    engine.dispose()
    for side in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        side.unlink(missing_ok=True)
    before = db.read_bytes()
    db.chmod(0o444)
    try:
        with newsprism.open(f"sqlite:///{db}") as prism:
            assert len(prism.stories()) == 2
            assert len(prism.records("articles")) >= 4
            assert prism.search("killed", limit=None).total >= 1
            assert "engine" not in prism.__dict__
    finally:
        db.chmod(0o644)
    assert db.read_bytes() == before


def test_reading_a_missing_store_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    from newsprism.errors import StoreError

    with newsprism.open(f"sqlite:///{tmp_path / 'none.db'}") as prism, pytest.raises(StoreError):
        prism.stories()
    assert not (tmp_path / "none.db").exists()
