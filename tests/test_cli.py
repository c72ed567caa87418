"""The command line end to end, in a subprocess: exit codes, error lines, idempotence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEMO_DIR

WIRE = (
    "Heavy rain pushed the Jamuna river over its banks on Tuesday, flooding hundreds of villages "
    "in northern Bangladesh. Officials said at least 12 people had drowned and more than 40,000 "
    "families were stranded.\n\nThe disaster management ministry said army boats were being sent "
    "to the worst-hit districts of Sirajganj and Bogura. Relief workers warned that drinking "
    "water was running short and that waterborne disease could spread within days.\n\n"
    "The meteorological office forecast more rain for the rest of the week."
)


def newsprism(*args: str, db: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsprism.cli", "--db", f"sqlite:///{db}", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
    )


def exported(db: Path, kind: str = "articles") -> list[dict[str, object]]:
    result = newsprism("export", kind, "--format", "jsonl", db=db)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_ingest_demo_corpus_then_reingest_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    first = newsprism("ingest", str(DEMO_DIR), db=db)
    assert first.returncode == 0, first.stderr
    records = exported(db)
    assert len(records) == 5
    second = newsprism("ingest", str(DEMO_DIR), db=db)
    assert second.returncode == 0
    assert "unchanged" in second.stderr
    assert exported(db) == records


def test_exported_articles_have_design_fields_and_no_comments(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    newsprism("ingest", str(DEMO_DIR), db=db)
    records = exported(db)
    fields = {
        "id",
        "source",
        "url",
        "outlet",
        "title",
        "author",
        "published",
        "language",
        "text",
        "duplicate_of",
        "story_id",
    }
    for record in records:
        assert fields <= set(record)
        text = str(record["text"])
        assert "Leave a Reply" not in text
        assert "Comment by" not in text
        assert "Powered by WordPress" not in text
        assert record["language"] == "en"
        assert record["removed"], "what cleaning removed is kept"
    authored = [r for r in records if r["author"]]
    assert authored and all(r["author"] == "Stephen Lendman" for r in authored)
    # Four of the five name no year: their publication date stays empty.
    assert sum(1 for r in records if r["published"] is None) >= 4


def test_missing_input_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    result = newsprism("ingest", str(tmp_path / "nope.txt"), db=tmp_path / "n.db")
    assert result.returncode == 2
    assert f"error: no such file or directory ({tmp_path / 'nope.txt'})" in result.stderr
    assert "Traceback" not in result.stderr


def test_one_bad_file_never_stops_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(WIRE, encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "slides.pdf").write_bytes(b"%PDF-1.4 not really")
    db = tmp_path / "n.db"
    result = newsprism("ingest", str(folder), db=db)
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3
    assert any("image.txt" in line and ("binary" in line or "PNG" in line) for line in errors)
    assert any("empty.txt" in line and "empty" in line for line in errors)
    assert any("slides.pdf" in line and "unsupported" in line for line in errors)
    assert [r["source"] for r in exported(db)] == [str(folder / "good.txt")]


def test_malformed_json_line_is_named_and_other_records_are_stored(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": WIRE,
                "outlet": "Dhaka Wire",
                "url": "https://example.org/a",
                "date": "2024-06-18",
            }
        ),
        '{"text": "broken',
        json.dumps({"title": "no body"}),
    ]
    db = tmp_path / "n.db"
    result = newsprism("ingest", "-", db=db, stdin="\n".join(lines) + "\n")
    assert result.returncode == 1
    assert "error: malformed JSON" in result.stderr and "(stdin#line 2)" in result.stderr
    assert "(stdin#line 3)" in result.stderr
    [record] = exported(db)
    assert record["outlet"] == "Dhaka Wire"
    assert record["published"] == "2024-06-18"


def test_edited_repost_is_marked_duplicate_of_the_original(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(WIRE, encoding="utf-8")
    (folder / "b.txt").write_text(
        "Flood disaster\n\n"
        + WIRE.replace("on Tuesday", "on Tuesday night")
        + "\n\nShare this article",
        encoding="utf-8",
    )
    (folder / "c.txt").write_text(WIRE, encoding="utf-8")
    db = tmp_path / "n.db"
    assert newsprism("ingest", str(folder), db=db).returncode == 0
    by_source = {Path(str(r["source"])).name: r for r in exported(db)}
    original = by_source["a.txt"]["id"]
    assert by_source["a.txt"]["duplicate_of"] is None
    assert by_source["b.txt"]["duplicate_of"] == original
    assert by_source["c.txt"]["duplicate_of"] == original
    assert by_source["c.txt"]["duplicate_kind"] == "exact"


def test_export_formats_and_parquet_needs_a_file(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    newsprism("ingest", str(DEMO_DIR), db=db)
    result = newsprism("export", "articles", "--format", "parquet", db=db)
    assert result.returncode == 2
    assert result.stderr.strip() == "error: parquet is binary: name a file with -o (export)"
    out = tmp_path / "a.parquet"
    assert (
        newsprism("export", "articles", "--format", "parquet", "-o", str(out), db=db).returncode
        == 0
    )
    import pyarrow.parquet as pq

    assert pq.read_table(out).num_rows == 5
    csv_out = newsprism("export", "articles", "--format", "csv", db=db)
    assert csv_out.stdout.splitlines()[0].startswith("id,source,url,outlet,title,author")


def test_search_finds_articles_by_words(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    newsprism("ingest", str(DEMO_DIR), db=db)
    result = newsprism("search", "peacekeepers", "--json", db=db)
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(hits) >= 3
    assert all("[peacekeepers]" in h["snippet"].lower() for h in hits)


@pytest.mark.parametrize("args", [["export", "nonsense"], ["ingest"], ["frobnicate"]])
def test_bad_usage_exits_2_with_one_error_line(tmp_path: Path, args: list[str]) -> None:
    result = newsprism(*args, db=tmp_path / "n.db")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = newsprism("--debug", "export", "articles", "--format", "parquet", db=tmp_path / "n.db")
    assert result.returncode != 0
    assert "Traceback" in result.stderr
