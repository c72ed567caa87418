"""Ingest is incremental and deterministic: what shares the batch never changes an article."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine

from newsprism.pipeline import ingest
from newsprism.settings import Settings
from newsprism.store.articles import load_articles

CHROME = ["Home | World | Sport", "Subscribe to our newsletter", "Share this story"]


def _page(n: int) -> str:
    body = (
        f"Officials in district {n} said {n + 10} people were evacuated on Tuesday after the "
        f"river rose above its banks, and that {n * 3} homes were damaged.\n\n"
        f"Rescue teams from the provincial capital reached village {n} by boat on Wednesday, "
        "a spokesman for the emergency service told reporters.\n\n"
        f"Forecasters expect more rain in the region for the next {n % 5 + 2} days."
    )
    return "\n".join([CHROME[0], f"Flood report number {n}", "", body, "", *CHROME[1:]])


def _write(folder: Path, numbers: range) -> None:
    folder.mkdir(exist_ok=True)
    for n in numbers:
        (folder / f"article{n:02d}.txt").write_text(_page(n), encoding="utf-8")


def _texts(engine: Engine) -> dict[str, tuple[str, str]]:
    with engine.connect() as conn:
        return {a.source: (a.id, a.text) for a in load_articles(conn)}


def test_a_grown_folder_reingests_without_orphans_or_changed_articles(
    engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "crawl"
    _write(folder, range(0, 4))
    (folder / "repost.txt").write_text(_page(1) + "\nUpdated at noon.", encoding="utf-8")
    first = ingest([str(folder)], engine=engine, settings=Settings())
    assert len(first.stored) == 4 and len(first.duplicates) == 1
    before = _texts(engine)
    _write(folder, range(4, 9))
    second = ingest([str(folder)], engine=engine, settings=Settings())
    assert len(second.stored) == 5 and not second.duplicates
    assert len(second.unchanged) == 5
    after = _texts(engine)
    assert {s: after[s] for s in before} == before
    with engine.connect() as conn:
        articles = load_articles(conn)
    ids = {a.id for a in articles}
    assert all(a.duplicate_of in ids for a in articles if a.duplicate_of)
    third = ingest([str(folder)], engine=engine, settings=Settings())
    assert not third.stored and not third.duplicates and len(third.unchanged) == 10


def test_an_article_is_cleaned_the_same_whatever_shares_its_batch(tmp_path: Path) -> None:
    from newsprism.store.database import open_store

    folder = tmp_path / "site"
    _write(folder, range(0, 6))
    together = open_store(f"sqlite:///{tmp_path / 'together.db'}")
    ingest([str(folder)], engine=together, settings=Settings())
    one_by_one = open_store(f"sqlite:///{tmp_path / 'apart.db'}")
    for path in sorted(folder.iterdir()):
        ingest([str(path)], engine=one_by_one, settings=Settings())
    assert _texts(together) == _texts(one_by_one)
    texts = _texts(together)
    # Chrome learned from stored articles of the site leaves the later ones.
    later = texts[str(folder / "article05.txt")][1]
    assert "Subscribe to our newsletter" not in later
    assert "Rescue teams" in later
    together.dispose()
    one_by_one.dispose()


def test_small_batches_store_everything_once(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    _write(folder, range(0, 7))
    settings = replace(Settings(), ingest_batch_size=2)
    report = ingest([str(folder)], engine=engine, settings=settings)
    assert len(report.stored) == 7
    assert len(_texts(engine)) == 7


def test_an_edited_file_replaces_its_old_version_and_keeps_reposts_pointing_at_a_stored_row(
    engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "edit"
    _write(folder, range(0, 2))
    (folder / "zz-repost.txt").write_text(_page(0) + "\nUpdated.", encoding="utf-8")
    ingest([str(folder)], engine=engine, settings=Settings())
    (folder / "article00.txt").write_text(_page(0) + "\n\nA correction was added.", "utf-8")
    ingest([str(folder)], engine=engine, settings=Settings())
    with engine.connect() as conn:
        articles = load_articles(conn)
    ids = {a.id for a in articles}
    assert len(articles) == 3
    assert all(a.duplicate_of in ids for a in articles if a.duplicate_of)
