"""Ingest with a process pool stores exactly what one process stores, and reruns change nothing."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsprism import pipeline
from newsprism.models import IngestReport
from newsprism.pipeline import ingest
from newsprism.settings import Settings
from newsprism.store.articles import load_articles
from newsprism.store.database import open_store
from tests.test_cli import WIRE, newsprism

# Short lines the site repeats and no lexicon knows: only the store can teach them.
CHROME = ["Valley desk | Weather | Roads", "Tip line open around the clock"]
TOWNS = [
    *("Arden", "Belmont", "Carver", "Dunmore", "Elkton", "Fairlie", "Glenrock", "Harlow"),
    *("Inverly", "Jasper", "Kelso", "Linden", "Marlow", "Norwood", "Oakridge", "Pelham"),
    *("Quarry", "Rosslyn", "Selby", "Thornton", "Upton", "Varley", "Weston", "Yarrow"),
]


def _page(n: int) -> str:
    town, river = TOWNS[n % len(TOWNS)], TOWNS[(n * 7 + 3) % len(TOWNS)]
    body = (
        f"Officials in {town} said families were evacuated on Tuesday after the {river} "
        "river rose above its banks and damaged homes near the old bridge.\n\n"
        f"Rescue teams from the provincial capital reached {town} by boat on Wednesday, "
        f"a spokesman for the emergency service in {town} told reporters.\n\n"
        f"Forecasters expect more rain in the {river} valley and around {town} for the rest "
        "of the week, the weather office said."
    )
    return "\n".join([CHROME[0], f"Flood report from {town}", "", body, "", CHROME[1]])


def _corpus(root: Path) -> Path:
    """A site with chrome, exact and near re-posts, records, and inputs that fail."""
    folder = root / "site"
    folder.mkdir()
    for n in range(len(TOWNS)):
        (folder / f"article{n:02d}.txt").write_text(_page(n), encoding="utf-8")
    (folder / "copy.txt").write_text(_page(3), encoding="utf-8")
    (folder / "repost.txt").write_text(_page(5) + "\nUpdated at noon.", encoding="utf-8")
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "noise.txt").write_text("x" * 5000, encoding="utf-8")
    records = [
        {"text": WIRE.replace("Tuesday", "Monday"), "outlet": "Wire A", "date": "2024-07-02"},
        {"text": _page(30), "outlet": "Wire A", "language": "en"},
        {"text": "", "outlet": "Wire A"},
        {"text": WIRE, "outlet": "Wire B"},
    ]
    (folder / "feed.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8"
    )
    return folder


def _store_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row that ingest writes, ingestion times left out."""
    with closing(sqlite3.connect(db)) as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(articles)")]
        kept = ", ".join(c for c in columns if c != "ingested_at")
        return {
            "articles": sorted(conn.execute(f"SELECT {kept} FROM articles")),
            "minhashes": sorted(conn.execute("SELECT * FROM minhashes")),
            "site_lines": sorted(conn.execute("SELECT * FROM site_lines")),
            "ingested_inputs": sorted(conn.execute("SELECT * FROM ingested_inputs")),
        }


def _ingest(folder: Path, db: Path, *, workers: int) -> IngestReport:
    engine = open_store(f"sqlite:///{db}")
    try:
        # Small batches: several transactions, as on a large corpus.
        settings = replace(Settings(), ingest_batch_size=4)
        return ingest([str(folder)], engine=engine, settings=settings, workers=workers)
    finally:
        engine.dispose()


def test_two_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    one = _ingest(folder, tmp_path / "one.db", workers=1)
    two = _ingest(folder, tmp_path / "two.db", workers=2)
    assert one == two
    assert one.stored and one.duplicates and one.failed
    assert _store_rows(tmp_path / "one.db") == _store_rows(tmp_path / "two.db")
    engine = open_store(f"sqlite:///{tmp_path / 'two.db'}", readonly=True)
    with engine.connect() as conn:
        reasons = {a.source: {r.reason for r in a.removed} for a in load_articles(conn)}
    engine.dispose()
    # Chrome is learned from the stored pages of the site: not on the first, on later ones.
    assert "repeated_across_articles" not in reasons[str(folder / "article00.txt")]
    assert "repeated_across_articles" in reasons[str(folder / "article20.txt")]


def test_a_parallel_rerun_changes_nothing(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    first = _ingest(folder, tmp_path / "n.db", workers=2)
    rows = _store_rows(tmp_path / "n.db")
    again = _ingest(folder, tmp_path / "n.db", workers=2)
    assert not again.stored and not again.duplicates
    assert sorted(again.unchanged) == sorted(first.stored + first.duplicates)
    assert _store_rows(tmp_path / "n.db") == rows


def test_articles_cleaned_against_lines_that_changed_in_flight_are_cleaned_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the guess of what documents in flight will store, the workers clean the
    # site's pages before any chrome is stored; the writes must clean them again.
    folder = _corpus(tmp_path)
    one = _ingest(folder, tmp_path / "one.db", workers=1)
    cleaned_here: list[str] = []
    prepare = pipeline._prepare

    def counting(document: Any, repeated: frozenset[str], **options: Any) -> Any:
        cleaned_here.append(document.source)
        return prepare(document, repeated, **options)

    monkeypatch.setattr(pipeline, "_likely_copy", lambda keys, stored: True)
    monkeypatch.setattr(pipeline, "_prepare", counting)
    two = _ingest(folder, tmp_path / "two.db", workers=2)
    assert one == two
    assert str(folder / "article20.txt") in cleaned_here
    assert _store_rows(tmp_path / "one.db") == _store_rows(tmp_path / "two.db")


def test_cli_ingest_with_workers_matches_one_process(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    one = newsprism("ingest", str(folder), db=tmp_path / "one.db")
    two = newsprism("ingest", "--workers", "2", str(folder), db=tmp_path / "two.db")
    assert one.returncode == two.returncode
    assert one.stderr == two.stderr
    assert _store_rows(tmp_path / "one.db") == _store_rows(tmp_path / "two.db")


def test_a_grown_and_edited_folder_reingests_in_parallel_as_in_one_process(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    for workers in (1, 2):
        assert _ingest(folder, tmp_path / f"w{workers}.db", workers=workers).stored
    # An edited page replaces its old version, a re-post of it comes along, and re-posts
    # of older pages (the same towns) join.
    (folder / "article04.txt").write_text(_page(4) + "\nCorrected: the bridge held.")
    (folder / "repost4.txt").write_text(_page(4) + "\nCorrected: the bridge held.")
    for n in range(len(TOWNS), len(TOWNS) + 6):
        (folder / f"later{n}.txt").write_text(_page(n).replace("Tuesday", "Friday"))
    one = _ingest(folder, tmp_path / "w1.db", workers=1)
    two = _ingest(folder, tmp_path / "w2.db", workers=2)
    assert one == two
    edited = _store_rows(tmp_path / "w2.db")["ingested_inputs"]
    assert len(one.stored) == 1 and len(one.duplicates) == 7 and len(one.unchanged) == 29
    assert len(edited) == len(_store_rows(tmp_path / "w2.db")["articles"])
    assert _store_rows(tmp_path / "w1.db") == _store_rows(tmp_path / "w2.db")


def test_run_changes_bring_an_earlier_lookup_up_to_date() -> None:
    changes = pipeline._Changes()
    start = changes.now()
    stored = [("h1", "s", "old")]
    changes.saved_lines("site", "new", [("h1", "s"), ("h2", "l")])
    changes.saved_lines("other site", "far", [("h1", "s")])
    changes.recorded("digest", "new")
    assert changes.known_input(start, "digest", None) == "new"
    assert changes.site_lines(start, "site", {"h1"}, stored) == [*stored, ("h1", "s", "new")]
    changes.deleted(["old", "new"])  # replaced: their inputs and lines go with them
    assert changes.known_input(start, "digest", None) is None
    assert changes.site_lines(start, "site", {"h1", "h2"}, stored) is None  # ask the store
    assert changes.site_lines(changes.now(), "site", {"h1"}, stored) == stored


def test_site_line_evidence_decides_chrome_as_all_stored_lines_do(tmp_path: Path) -> None:
    from newsprism.ingest.chrome import family_threshold, line_keys, repeated_lines
    from newsprism.store.ingest_state import site_line_evidence, stored_site_lines

    folder = _corpus(tmp_path)
    _ingest(folder, tmp_path / "n.db", workers=1)
    engine = open_store(f"sqlite:///{tmp_path / 'n.db'}")
    site = f"folder:{folder}"
    fewer = 0
    with engine.connect() as conn:
        for path in sorted(folder.glob("*.txt")):
            keys = line_keys(path.read_text(encoding="utf-8") + "\nA line of its own here.")
            every = stored_site_lines(conn, site, [*keys.shorts, *keys.longs])
            least = family_threshold(len(keys.longs))
            evidence = site_line_evidence(conn, site, [*keys.shorts], [*keys.longs], least=least)
            assert repeated_lines(keys, evidence) == repeated_lines(keys, every)
            fewer += len(evidence) < len(every)
    engine.dispose()
    assert fewer  # the point: fewer rows than the site stores
