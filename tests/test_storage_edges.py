"""The store at its edges: read-only files, concurrent first starts, empty and missing databases."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import inspect

from newsprism.errors import StoreError
from newsprism.store.database import current_revision, head_revision, open_store
from tests.test_cli import WIRE, newsprism


def _ingested(tmp_path: Path) -> Path:
    db = tmp_path / "n.db"
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    result = newsprism("ingest", str(tmp_path / "wire.txt"), db=db)
    assert result.returncode == 0, result.stderr
    return db


def test_read_commands_work_on_a_read_only_database_and_write_nothing(tmp_path: Path) -> None:
    db = _ingested(tmp_path)
    for side in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        side.unlink(missing_ok=True)
    before = db.read_bytes()
    db.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        exported = newsprism("export", "articles", db=db)
        assert exported.returncode == 0, exported.stderr
        assert len(exported.stdout.splitlines()) == 1
        found = newsprism("search", "Jamuna", "--json", db=db)
        assert found.returncode == 0, found.stderr
        assert json.loads(found.stdout.splitlines()[0])["article_id"]
        report = newsprism("report", "--format", "json", db=db)
        assert report.returncode == 0, report.stderr
    finally:
        db.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert db.read_bytes() == before


def test_read_only_open_refuses_a_missing_database_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    with pytest.raises(StoreError, match="no database here"):
        open_store(f"sqlite:///{db}", readonly=True)
    result = newsprism("export", "articles", db=db)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: no database here")
    assert str(db) in result.stderr
    assert not db.exists()


def test_read_commands_warn_when_the_database_holds_no_articles(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    open_store(f"sqlite:///{db}").dispose()
    result = newsprism("export", "articles", db=db)
    assert result.returncode == 0
    assert f"warning: the database holds no articles ({db})" in result.stderr


def _create(url: str) -> str | None:
    engine = open_store(url)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def test_concurrent_first_starts_all_succeed_on_one_new_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'race.db'}"
    with ProcessPoolExecutor(max_workers=4) as pool:
        revisions = list(pool.map(_create, [url] * 4))
    assert revisions == [head_revision()] * 4
    engine = open_store(url, readonly=True)
    assert "articles" in inspect(engine).get_table_names()
    engine.dispose()


def test_concurrent_ingests_on_a_new_database_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "race.db"
    folders = []
    for n in range(3):
        folder = tmp_path / f"in{n}"
        folder.mkdir()
        (folder / "a.txt").write_text(f"Report number {n}.\n\n{WIRE}\n\nFiled {n}.", "utf-8")
        folders.append(folder)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "newsprism.cli", "--db", f"sqlite:///{db}", "ingest", str(f)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in folders
    ]
    said = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        said.append(out + err)
    exported = newsprism("export", "articles", db=db)
    with sqlite3.connect(db) as direct:
        stored = direct.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert (len(exported.stdout.splitlines()), stored) == (3, 3), (exported.stderr, said)


def test_export_format_that_does_not_apply_exits_2_naming_the_kinds(tmp_path: Path) -> None:
    db = _ingested(tmp_path)
    result = newsprism("export", "claims", "--format", "geojson", db=db)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: the geojson format applies to events and places only, not to claims (export)"
    )
    assert result.stdout == ""


def test_export_into_a_missing_folder_creates_it(tmp_path: Path) -> None:
    db = _ingested(tmp_path)
    target = tmp_path / "new" / "deeper" / "articles.jsonl"
    result = newsprism("export", "articles", "-o", str(target), db=db)
    assert result.returncode == 0, result.stderr
    assert len(target.read_text(encoding="utf-8").splitlines()) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_export_into_an_unwritable_folder_is_one_error_line(tmp_path: Path) -> None:
    db = _ingested(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = newsprism("export", "articles", "-o", str(locked / "x" / "a.jsonl"), db=db)
    finally:
        locked.chmod(stat.S_IRWXU)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot write the export")


def test_a_full_disk_stops_with_the_database_named_and_what_was_stored(tmp_path: Path) -> None:
    """SQLite's page limit gives the same SQLITE_FULL error a full disk does."""
    from sqlalchemy import event

    from newsprism.pipeline import ingest
    from newsprism.settings import Settings
    from newsprism.store.articles import load_articles

    db = tmp_path / "full.db"
    engine = open_store(f"sqlite:///{db}")
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
    engine.dispose()

    def limit_pages(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 300}")

    engine = open_store(f"sqlite:///{db}")
    event.listen(engine, "connect", limit_pages)
    engine.dispose()  # connections from now on carry the limit
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(60):
        words = " ".join(f"word{n}x{i} rose" for i in range(900))
        (folder / f"a{n:02d}.txt").write_text(
            f"Report {n}.\n\nOfficials said {n} people were moved. {words}.", encoding="utf-8"
        )
    settings = Settings(ingest_batch_size=5)
    with pytest.raises(StoreError) as caught:
        ingest([str(folder)], engine=engine, settings=settings)
    message = str(caught.value)
    assert "the disk is full" in message and str(db) in message
    stored = int(message.split("ingest stopped, ")[1].split()[0])
    assert 0 < stored < 60
    with engine.connect() as conn:
        assert len(load_articles(conn)) == stored
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"


def test_progress_bars_are_quiet_when_standard_error_is_not_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    result = newsprism("ingest", str(tmp_path / "wire.txt"), db=tmp_path / "q.db")
    assert result.returncode == 0, result.stderr
    assert "1/1" not in result.stderr and "0:00:0" not in result.stderr  # no bar, no clock
    assert "ingested" in result.stderr + result.stdout  # the summary still prints


_UNMERGED_WRITER = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA wal_autocheckpoint=0")
conn.execute("UPDATE articles SET title = 'changed in the log'")
conn.commit()
os._exit(0)  # no checkpoint: the change lives in the write-ahead log only
"""


def _failing_first_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The read-only (non-immutable) open fails once, as it does without a writable folder."""
    from sqlalchemy.exc import OperationalError

    from newsprism.store import database

    real = database.current_revision
    calls = {"n": 0}

    def flaky(engine: object) -> str | None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("open", {}, Exception("unable to open database file"))
        return real(engine)  # type: ignore[arg-type]

    monkeypatch.setattr(database, "current_revision", flaky)


def test_read_only_open_never_hides_changes_still_in_the_write_ahead_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _ingested(tmp_path)
    subprocess.run([sys.executable, "-c", _UNMERGED_WRITER, str(db)], check=True)
    assert Path(f"{db}-wal").stat().st_size > 0
    _failing_first_read(monkeypatch)
    with pytest.raises(StoreError, match="write-ahead log holds changes not yet merged"):
        open_store(f"sqlite:///{db}", readonly=True)


def test_read_only_open_falls_back_to_immutable_reading_when_the_log_is_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _ingested(tmp_path)
    Path(f"{db}-wal").unlink(missing_ok=True)
    _failing_first_read(monkeypatch)
    engine = open_store(f"sqlite:///{db}", readonly=True)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
