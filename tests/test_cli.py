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


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """`newsprism run` on the demo corpus once: (database, output folder, stderr)."""
    root = tmp_path_factory.mktemp("demo")
    db, out = root / "demo.db", root / "out"
    result = newsprism("run", str(DEMO_DIR), "--out", str(out), db=db)
    assert result.returncode == 0, result.stderr
    return db, out, result.stderr


@pytest.mark.slow
def test_run_writes_the_three_briefing_files(demo_run: tuple[Path, Path, str]) -> None:
    _, out, stderr = demo_run
    assert {p.name for p in out.iterdir()} >= {"briefing.html", "briefing.md", "briefing.json"}
    briefing = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
    assert len(briefing["stories"]) == 1
    assert "stories 1" in stderr
    html = (out / "briefing.html").read_text(encoding="utf-8")
    assert "<svg" in html and 'src="http' not in html and 'href="http' not in html


@pytest.mark.slow
def test_run_again_analyses_nothing_new(demo_run: tuple[Path, Path, str], tmp_path: Path) -> None:
    db, _, _ = demo_run
    result = newsprism("run", str(DEMO_DIR), "--out", str(tmp_path / "again"), db=db)
    assert result.returncode == 0
    assert "analyzed 0" in result.stderr and "re-analysed 0" in result.stderr


@pytest.mark.slow
def test_comparison_exports_show_the_detention_history(demo_run: tuple[Path, Path, str]) -> None:
    db, _, _ = demo_run
    [detained] = [r for r in exported(db, "comparisons") if r["category"] == "detained"]
    assert detained["status"] == "updated"
    fields = {"story_id", "category", "who", "status", "independent_sources", "reports"}
    assert fields <= set(detained)
    assert {"scope", "why", "parent", "series", "latest_min", "latest_max"} <= set(detained)
    assert all(r["date"] == r["stated"] for r in detained["reports"])
    assert {"stated", "covers", "originator"} <= set(detained["reports"][0])
    assert "Interior Ministry" in {s["originator"] for s in detained["series"]}
    assert {
        "outlet",
        "article_id",
        "value_min",
        "value_max",
        "date",
        "attributed_to",
        "retracted",
    } <= set(detained["reports"][0])
    framing = exported(db, "framing")
    assert {
        "story_id",
        "outlet",
        "labels",
        "quoted_labels",
        "label_groups",
        "narratives",
        "hedges",
        "loaded_terms",
        "rhetorical_questions",
        "quote_share",
        "voices",
        "cited_sources",
    } <= set(framing[0])
    [story] = exported(db, "stories")
    assert len(story["article_ids"]) == 5


@pytest.mark.slow
def test_fact_exports_carry_valid_offsets(demo_run: tuple[Path, Path, str]) -> None:
    db, _, _ = demo_run
    texts = {str(r["id"]): str(r["text"]) for r in exported(db)}
    for kind in ("places", "dates", "quotes", "citations", "claims"):
        records = exported(db, kind)
        assert records, kind
        for record in records:
            text = texts[str(record["article_id"])]
            span = text[int(record["start"]) : int(record["end"])]  # type: ignore[call-overload]
            assert span and span == record["text"], (kind, record)


@pytest.mark.slow
def test_events_export_as_acled_csv_and_geojson(demo_run: tuple[Path, Path, str]) -> None:
    db, _, _ = demo_run
    acled = newsprism("export", "events", "--format", "acled", db=db)
    header = acled.stdout.splitlines()[0].split(",")
    assert header[:7] == [
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "disorder_type",
        "event_type",
        "sub_event_type",
    ]
    geo = json.loads(newsprism("export", "events", "--format", "geojson", db=db).stdout)
    assert geo["type"] == "FeatureCollection" and geo["features"]
    wrong = newsprism("export", "claims", "--format", "acled", db=db)
    assert wrong.returncode == 2
    assert wrong.stderr.strip() == (
        "error: the acled format applies to events only, not to claims (export)"
    )


@pytest.mark.slow
def test_report_writes_one_format_and_unknown_story_is_an_error(
    demo_run: tuple[Path, Path, str], tmp_path: Path
) -> None:
    db, _, _ = demo_run
    [story] = exported(db, "stories")
    out = tmp_path / "story.md"
    result = newsprism(
        "report", "--story", str(story["id"]), "--format", "md", "-o", str(out), db=db
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("# Briefing")
    missing = newsprism("report", "--story", "nope", db=db)
    assert missing.returncode == 2
    assert missing.stderr.strip().startswith("error: no story 'nope'")


def test_a_folder_of_mixed_formats_is_ingested_with_each_bad_file_named(tmp_path: Path) -> None:
    readers = Path(__file__).resolve().parent / "fixtures" / "readers"
    db = tmp_path / "n.db"
    result = newsprism("ingest", str(readers), db=db)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    for name in (
        "empty.txt",
        "image.png",
        "report.pdf",
        "truncated.warc.gz",
        "records.jsonl#line 4",
    ):
        assert any(name in line for line in errors), name
    records = exported(db)
    formats = {str(r["format"]) for r in records}
    assert {"text", "html"} <= formats
    by_source = {str(r["source"]).rsplit("/", 1)[-1]: r for r in records}
    assert by_source["crawl.warc.gz#record 2"]["url"]
    assert by_source["feed_rss.xml#record 1"]["language"] == "en"
    assert by_source["russian_cp1251.txt"]["language"] == "ru"
    assert (
        by_source["truncated.warc.gz#record 2"]["duplicate_of"]
        == (by_source["crawl.warc.gz#record 2"]["id"])
    )
