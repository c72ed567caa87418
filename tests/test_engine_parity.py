"""The pipeline on PostgreSQL gives what it gives on SQLite: articles, facts, stories, figures."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from newsprism.pipeline import make_briefing, run
from newsprism.settings import Settings
from newsprism.store.analysis import load_analyses
from newsprism.store.articles import load_articles
from newsprism.store.database import open_store
from newsprism.store.stories import load_stories
from tests.conftest import DEMO_DIR, ROOT


def _second_corpus(folder: Path) -> Path:
    """Eight gold texts (reporting on other crises), one file each."""
    folder.mkdir()
    for gold in sorted((ROOT / "gold" / "texts").glob("*.txt"))[:8]:
        (folder / gold.name).write_bytes(gold.read_bytes())
    return folder


def _snapshot(engine: Engine, settings: Settings) -> dict[str, Any]:
    with engine.connect() as conn:
        articles = sorted(
            (a.id, a.text, a.duplicate_of, a.published.value) for a in load_articles(conn)
        )
        analyses = {
            article_id: {
                kind: sorted(json.dumps(asdict(f), sort_keys=True) for f in getattr(a, kind))
                for kind in ("places", "dates", "quotes", "citations", "claims", "events")
            }
            for article_id, a in load_analyses(conn).items()
        }
        stories = sorted((s.id, tuple(sorted(s.article_ids))) for s in load_stories(conn))
    briefing = make_briefing(engine=engine, settings=settings)
    figures = sorted(
        json.dumps(figure, sort_keys=True, default=str)
        for story in briefing["stories"]
        for figure in story.get("figures", ())
    )
    return {"articles": articles, "facts": analyses, "stories": stories, "figures": figures}


def _fresh_database(url: str, name: str) -> str:
    """A new, empty database in the test cluster (the cluster is shared by the session)."""
    from sqlalchemy import create_engine, make_url, text

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    database = f"parity_{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{database}"'))
        conn.execute(text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    return make_url(url).set(database=database).render_as_string(hide_password=False)


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["demo", "second"])
def test_postgresql_gives_what_sqlite_gives(corpus: str, postgres_url: str, tmp_path: Path) -> None:
    inputs = DEMO_DIR if corpus == "demo" else _second_corpus(tmp_path / "second")
    settings = Settings()
    snapshots = []
    for url in (f"sqlite:///{tmp_path / 'n.db'}", _fresh_database(postgres_url, corpus)):
        engine = open_store(url)
        try:
            run([str(inputs)], engine=engine, settings=settings)
            snapshots.append(_snapshot(engine, settings))
        finally:
            engine.dispose()
    sqlite, postgres = snapshots
    assert sqlite["articles"] and sqlite["facts"]
    for part in ("articles", "facts", "stories", "figures"):
        assert postgres[part] == sqlite[part], part
