"""Every input of the bad-input corpus gets its expected outcome, in one run, nothing lost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.errors import shown
from newsprism.ingest.clean import clean_text
from newsprism.ingest.degenerate import degenerate_reason
from newsprism.ingest.feed import read_feed, without_doctype
from newsprism.ingest.records import read_json_lines
from newsprism.models import IngestFailure, RawDocument
from tests.bad_inputs import CORPUS, LOOP_FOLDER, PROSE, SPORTS_REPORT, write_corpus


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[dict]]:
    root = tmp_path_factory.mktemp("bad")
    folder = root / "in"
    write_corpus(folder)
    db = root / "n.db"
    result = subprocess.run(
        [sys.executable, "-m", "newsprism.cli", "--db", f"sqlite:///{db}", "ingest", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr  # some failed, the rest was stored
    exported = subprocess.run(
        [sys.executable, "-m", "newsprism.cli", "--db", f"sqlite:///{db}", "export", "articles"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    return folder, result.stderr, records


@pytest.mark.parametrize("case", CORPUS, ids=[shown(c.name) for c in CORPUS])
def test_each_bad_input_gets_its_outcome(corpus_run, case) -> None:  # type: ignore[no-untyped-def]
    folder, stderr, records = corpus_run
    where = shown(str(folder / case.name))
    lines = [line for line in stderr.splitlines() if where in line]
    stored = [r for r in records if r["source"].split("#")[0] == str(folder / case.name)]
    if case.outcome == "refused":
        assert not stored
        assert any(line.startswith("error: ") and case.reason in line for line in lines), lines
    else:
        assert stored, (case.name, lines)
    if case.outcome == "warned":
        assert any(line.startswith("warning: ") and case.reason in line for line in lines)
    if case.outcome == "stored":
        assert not any(line.startswith("error: ") for line in lines), lines


def test_records_after_a_broken_one_and_later_files_are_stored(corpus_run) -> None:  # type: ignore[no-untyped-def]
    folder, _, records = corpus_run
    sources = {r["source"] for r in records}
    assert f"{folder / 'surrogate.jsonl'}#line 3" in sources
    assert str(folder / "one-paragraph.txt") in sources


def test_deep_html_keeps_every_paragraph(corpus_run) -> None:  # type: ignore[no-untyped-def]
    folder, _, records = corpus_run
    (deep,) = [r for r in records if r["source"] == str(folder / "deep.html")]
    assert "Paragraph 399" in deep["text"] and "Paragraph 0" in deep["text"]


def test_a_single_paragraph_sports_report_is_kept_whole(corpus_run) -> None:  # type: ignore[no-untyped-def]
    folder, _, records = corpus_run
    kept = [r for r in records if r["source"].startswith(str(folder / "sports-report"))]
    assert len(kept) == 3
    for record in kept:
        assert record["text"].split() == SPORTS_REPORT.split(), record["source"]


def test_entities_are_never_expanded(corpus_run) -> None:  # type: ignore[no-untyped-def]
    folder, _, records = corpus_run
    (entry,) = [r for r in records if r["source"].startswith(str(folder / "entities.rss"))]
    assert "root:" not in entry["text"] and "lollollol" not in entry["text"]


def test_a_folder_with_a_link_loop_is_walked_once(corpus_run) -> None:  # type: ignore[no-untyped-def]
    folder, _, records = corpus_run
    inside = [r for r in records if "Inside a folder with a link loop" in r["text"]]
    assert len(inside) == 1 and inside[0]["source"].startswith(str(folder / LOOP_FOLDER))


def test_names_with_terminal_codes_are_escaped(corpus_run) -> None:  # type: ignore[no-untyped-def]
    _, stderr, _ = corpus_run
    assert "\x1b" not in stderr
    assert "escape\\x1b[31mname\\n.txt" in stderr


# --- properties -------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=3000))
def test_degenerate_check_never_fails_and_passes_prose(noise: str) -> None:
    degenerate_reason(noise)
    assert degenerate_reason(PROSE + " " + PROSE) is None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=8))
def test_json_lines_reader_gives_one_outcome_per_line_and_never_raises(values: list[str]) -> None:
    import io

    lines = [json.dumps({"text": v}) for v in values]
    data = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    found = list(read_json_lines(io.BytesIO(data), where="fuzz", max_bytes=1_000_000))
    assert all(isinstance(f, RawDocument | IngestFailure) for f in found)
    for document in found:
        if isinstance(document, RawDocument) and document.text is not None:
            document.text.encode("utf-8")  # always storable


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_feed_reader_never_raises(description: str) -> None:
    from xml.sax.saxutils import escape

    feed = (
        '<!DOCTYPE rss>\n<rss version="2.0"><channel><title>T</title><item><title>x</title>'
        f"<description>{escape(description)}</description></item></channel></rss>"
    ).encode("utf-8", "replace")
    assert b"DOCTYPE" not in without_doctype(feed)
    list(read_feed(feed, where="fuzz"))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([PROSE, "Home | News", "Share this", "", "Subscribe"]), max_size=8))
def test_cleaning_keeps_prose_whatever_chrome_surrounds_it(lines: list[str]) -> None:
    cleaned = clean_text("\n".join(lines))
    if PROSE in lines:
        assert PROSE in cleaned.text
