"""read_item: every format, every kind of bad input, and never an exception for content."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.ingest.readers import read_item
from newsprism.ingest.sources import InputItem
from newsprism.models import IngestFailure, RawDocument

READERS = Path(__file__).resolve().parent / "fixtures" / "readers"
LIMIT = 1_000_000

Outcome = RawDocument | IngestFailure


def read(path: Path, *, max_bytes: int = LIMIT) -> list[Outcome]:
    return list(read_item(InputItem(where=str(path), path=path), max_bytes=max_bytes))


def read_fixture(name: str) -> list[Outcome]:
    return read(READERS / name)


def only_document(outcomes: list[Outcome]) -> RawDocument:
    assert len(outcomes) == 1 and isinstance(outcomes[0], RawDocument), outcomes
    return outcomes[0]


def write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# --- text and HTML ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected_start"),
    [
        ("plain_utf8.txt", "Floods close mountain road"),
        ("bom_utf8.txt", "Résumé"),
        ("utf16le_bom.txt", "Officials in Zürich"),
        ("utf16be_bom.txt", "Officials in Zürich"),
        ("russian_cp1251.txt", "Жители прибрежного посёлка"),
        ("french_latin1.txt", "Les enseignants du lycée"),
    ],
)
def test_text_files_become_text_documents_named_by_their_path(
    name: str, expected_start: str
) -> None:
    document = only_document(read_fixture(name))
    assert document.format == "text"
    assert document.html is None
    assert document.text is not None and document.text.startswith(expected_start)
    assert document.source == str(READERS / name)


def test_html_files_become_html_documents_for_the_extractor() -> None:
    document = only_document(read_fixture("page.html"))
    assert document.format == "html"
    assert document.text is None
    assert document.html is not None and "<h1>Wildfire forces evacuation" in document.html


def test_a_declared_legacy_charset_in_html_is_honoured() -> None:
    document = only_document(read_fixture("page_cp1251.html"))
    assert document.html is not None and "Совет директоров утвердил план" in document.html


def test_a_txt_file_that_is_really_html_is_read_as_html() -> None:
    document = only_document(read_fixture("really_html.txt"))
    assert document.format == "html"
    assert document.html is not None and "saved with the wrong extension" in document.html


@pytest.mark.parametrize("name", ["article", "index.php", "story.asp"])
def test_pages_without_an_html_extension_are_sniffed(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, "<!doctype html><html><body><p>Saved page.</p></body></html>")
    assert only_document(read(path)).format == "html"


def test_an_extensionless_plain_file_is_text(tmp_path: Path) -> None:
    path = write(tmp_path, "README", "Just words about a storm, in no particular format.\n")
    assert only_document(read(path)).format == "text"


def test_a_name_with_a_date_for_extension_is_sniffed_as_text(tmp_path: Path) -> None:
    path = write(tmp_path, "report.2023-01-07", "Residents were evacuated overnight.\n")
    assert only_document(read(path)).text == "Residents were evacuated overnight.\n"


def test_text_that_merely_mentions_tags_stays_text(tmp_path: Path) -> None:
    path = write(tmp_path, "note.txt", "The <title> element and a < b comparison.\n")
    assert only_document(read(path)).format == "text"


# --- bad files --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("image.png", "unsupported format: .png"),
        ("report.pdf", "unsupported format: .pdf"),
        ("notes.odd", "unsupported format: .odd"),
    ],
)
def test_unreadable_fixtures_fail_with_their_reason(name: str, reason: str) -> None:
    assert read_fixture(name) == [IngestFailure(str(READERS / name), reason)]


def test_binary_content_under_a_text_name_is_named_by_its_kind(tmp_path: Path) -> None:
    path = write(tmp_path, "photo.txt", (READERS / "image.png").read_bytes())
    assert read(path) == [IngestFailure(str(path), "unsupported format: PNG image")]


def test_binary_content_without_a_signature_is_not_text(tmp_path: Path) -> None:
    path = write(tmp_path, "blob", bytes(range(256)) * 4)
    assert read(path) == [IngestFailure(str(path), "binary file, not text")]


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.txt", "  \n\t\n")
    assert read(path) == [IngestFailure(str(path), "empty file (only whitespace)")]


def test_a_file_over_the_limit_fails_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:  # sparse: reading it whole would take minutes
        stream.write(b"Start of a very long text.\n")
        stream.truncate(8 * 1024**3)
    size = path.stat().st_size
    assert read(path, max_bytes=LIMIT) == [
        IngestFailure(str(path), f"file too large ({size} bytes > limit {LIMIT})")
    ]


def test_an_xml_file_that_is_no_feed_is_unsupported(tmp_path: Path) -> None:
    path = write(tmp_path, "config.xml", '<?xml version="1.0"?><settings><a>1</a></settings>')
    assert read(path) == [
        IngestFailure(str(path), "unsupported format: .xml (not an RSS or Atom feed)")
    ]


def test_an_unreadable_file_is_a_failure_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    outcomes = list(read_item(InputItem(where="gone.txt", path=path), max_bytes=LIMIT))
    assert len(outcomes) == 1 and isinstance(outcomes[0], IngestFailure)
    assert outcomes[0].where == "gone.txt"
    assert outcomes[0].reason.startswith("cannot read file")


# --- gzip -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected_format"),
    [
        ("story.txt.gz", "A compressed story about a drought.\n", "text"),
        ("page.html.gz", "<html><body><p>Compressed page</p></body></html>", "html"),
        ("mystery.gz", "<html><body><p>Compressed page</p></body></html>", "html"),
    ],
)
def test_gzipped_files_are_decompressed_then_sniffed(
    tmp_path: Path, name: str, content: str, expected_format: str
) -> None:
    path = write(tmp_path, name, gzip.compress(content.encode("utf-8")))
    assert only_document(read(path)).format == expected_format


def test_gzipped_json_lines_are_streamed(tmp_path: Path) -> None:
    lines = "\n".join(json.dumps({"text": f"Article {n}."}) for n in range(1, 4))
    path = write(tmp_path, "dump.jsonl.gz", gzip.compress(lines.encode("utf-8")))
    outcomes = read(path)
    assert [o.source for o in outcomes if isinstance(o, RawDocument)] == [
        f"{path}#line 1",
        f"{path}#line 2",
        f"{path}#line 3",
    ]


def test_a_corrupt_gzip_file_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.txt.gz", b"\x1f\x8b\x08\x00garbage that is not deflate")
    outcomes = read(path)
    assert len(outcomes) == 1 and isinstance(outcomes[0], IngestFailure)
    assert outcomes[0].reason.startswith("corrupt gzip file")


def test_a_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "bomb.txt.gz", gzip.compress(b"a" * 3_000_000))
    assert read(path, max_bytes=LIMIT) == [
        IngestFailure(str(path), f"file too large when decompressed (over limit {LIMIT} bytes)")
    ]


# --- JSON records -----------------------------------------------------------


def test_a_json_record_keeps_its_metadata_and_ignores_source_and_unknown_keys() -> None:
    document = only_document(read_fixture("record.json"))
    assert document == RawDocument(
        source=str(READERS / "record.json"),
        format="text",
        text="The port reopened on Saturday after a three-day closure.",
        url="https://example.com/a/1",
        outlet="Example Daily",
        title="Port reopens",
        author="J. Smith",
        date="2023-03-04",
        language="en",
    )


def test_a_json_array_yields_each_record_and_fails_the_empty_one() -> None:
    where = str(READERS / "records.json")
    outcomes = read_fixture("records.json")
    assert outcomes == [
        RawDocument(
            source=f"{where}#record 1",
            format="html",
            html="<p>Talks resumed in the capital.</p>",
            url="https://example.org/1",
            date="Tue, 07 Mar 2023 10:00:00 GMT",
        ),
        RawDocument(
            source=f"{where}#record 2",
            format="text",
            text="Schools will stay closed until Monday.",
            date="2023-03-08",
        ),
        IngestFailure(f"{where}#record 3", "record has no 'text' or 'html'"),
    ]


def test_json_lines_go_on_past_malformed_and_empty_records() -> None:
    where = str(READERS / "records.jsonl")
    outcomes = read_fixture("records.jsonl")
    summary = [
        (o.source, o.format) if isinstance(o, RawDocument) else (o.where, o.reason)
        for o in outcomes
    ]
    assert summary == [
        (f"{where}#line 1", "text"),
        (f"{where}#line 2", "text"),
        (f"{where}#line 4", "malformed JSON: Expecting value (column 44)"),
        (f"{where}#line 5", "record has no 'text' or 'html'"),
        (f"{where}#line 6", "html"),
        (f"{where}#line 7", "record is not a JSON object but an array"),
        (f"{where}#line 8", "text"),
    ]
    first, second, sixth, eighth = [o for o in outcomes if isinstance(o, RawDocument)]
    assert (first.outlet, first.date) == ("Morning Post", "2023-04-01")
    assert (second.text, second.language) == (
        "Second article: aid convoys crossed the border.",
        "en",
    )
    assert sixth.author == "A. One, B. Two"
    assert eighth.text == "Eighth line: Ünïcödé survives — “quotes” too."


def test_a_malformed_json_file_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", '{\n  "text": "x",\n  "title": oops\n}')
    assert read(path) == [
        IngestFailure(str(path), "malformed JSON: Expecting value (line 3, column 12)")
    ]


def test_a_json_file_holding_json_lines_is_read_line_by_line(tmp_path: Path) -> None:
    path = write(tmp_path, "export.json", '{"text": "One."}\n{"text": "Two."}\n')
    assert [o.source for o in read(path) if isinstance(o, RawDocument)] == [
        f"{path}#line 1",
        f"{path}#line 2",
    ]


def test_markup_given_as_text_is_handed_on_as_html(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl", json.dumps({"content": "<div><p>Body</p></div>"}) + "\n")
    document = only_document(read(path))
    assert (document.format, document.html, document.text) == (
        "html",
        "<div><p>Body</p></div>",
        None,
    )


def test_a_record_whose_text_is_not_a_string_fails(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl", json.dumps({"text": ["a", "b"]}) + "\n")
    assert read(path) == [IngestFailure(f"{path}#line 1", "field 'text' is an array, not a string")]


def test_text_wins_over_html_when_a_record_has_both(tmp_path: Path) -> None:
    record = {"text": "Clean text.", "html": "<p>Clean text.</p>", "source": "Some Wire"}
    document = only_document(read(write(tmp_path, "a.json", json.dumps(record))))
    assert (document.format, document.text, document.html, document.outlet) == (
        "text",
        "Clean text.",
        None,
        None,
    )


def test_utf16_json_lines_are_decoded_whole(tmp_path: Path) -> None:
    lines = '{"text": "Première ligne."}\n{"text": "Вторая строка."}\n'
    path = write(tmp_path, "wide.jsonl", b"\xff\xfe" + lines.encode("utf-16-le"))
    texts = [o.text for o in read(path) if isinstance(o, RawDocument)]
    assert texts == ["Première ligne.", "Вторая строка."]


def test_an_overlong_json_line_fails_alone(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "short"}),
        json.dumps({"text": "x" * 500}),
        json.dumps({"text": "also short"}),
    ]
    path = write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")
    outcomes = read(path, max_bytes=100)
    assert outcomes[1] == IngestFailure(f"{path}#line 2", "line too long (over 100 bytes)")
    assert [o.text for o in outcomes if isinstance(o, RawDocument)] == ["short", "also short"]


def test_an_extensionless_json_array_is_sniffed(tmp_path: Path) -> None:
    path = write(tmp_path, "dump", json.dumps([{"text": "One."}, {"text": "Two."}]))
    assert [o.source for o in read(path)] == [f"{path}#record 1", f"{path}#record 2"]


# --- stdin ------------------------------------------------------------------


def test_stdin_is_read_as_json_lines() -> None:
    stdin = io.BytesIO(b'{"text": "From a pipe.", "outlet": "Pipe Post"}\n\nnot json\n')
    outcomes = list(read_item(InputItem("-", None), max_bytes=LIMIT, stdin=stdin))
    assert outcomes == [
        RawDocument(source="stdin#line 1", format="text", text="From a pipe.", outlet="Pipe Post"),
        IngestFailure("stdin#line 3", "malformed JSON: Expecting value (column 1)"),
    ]


def test_empty_stdin_is_a_failure() -> None:
    outcomes = list(read_item(InputItem("-", None), max_bytes=LIMIT, stdin=io.BytesIO(b"")))
    assert outcomes == [IngestFailure("stdin", "empty input")]


# --- WARC -------------------------------------------------------------------


def test_warc_yields_only_successful_html_responses_without_crawl_dates() -> None:
    where = str(READERS / "crawl.warc.gz")
    outcomes = read_fixture("crawl.warc.gz")
    assert all(isinstance(o, RawDocument) for o in outcomes)
    documents = [o for o in outcomes if isinstance(o, RawDocument)]
    assert [(d.source, d.url) for d in documents] == [
        (f"{where}#record 2", "https://news.example.org/news/strike"),
        (f"{where}#record 4", "https://other.example.net/ministry-answers"),
    ]
    assert all(d.format == "html" and d.text is None and d.date is None for d in documents)
    assert (
        documents[0].html is not None and "“We will stay until they listen,”" in documents[0].html
    )
    # windows-1252 from the Content-Type header
    assert documents[1].html is not None and "the café owners" in documents[1].html


def test_a_truncated_warc_keeps_the_records_before_the_damage() -> None:
    where = str(READERS / "truncated.warc.gz")
    outcomes = read_fixture("truncated.warc.gz")
    assert isinstance(outcomes[0], RawDocument) and outcomes[0].source == f"{where}#record 2"
    assert len(outcomes) == 2 and isinstance(outcomes[1], IngestFailure)
    assert outcomes[1].where == where
    assert outcomes[1].reason.startswith("truncated or corrupt WARC: ")


def test_an_uncompressed_warc_cut_inside_a_record_reports_the_damage(tmp_path: Path) -> None:
    archive = gzip.decompress((READERS / "crawl.warc.gz").read_bytes())
    cut = archive.index(b"Ministry answers the strikers") + 10
    path = write(tmp_path, "cut.warc", archive[:cut])
    outcomes = read(path)
    assert [type(o).__name__ for o in outcomes] == ["RawDocument", "IngestFailure"]
    failure = outcomes[1]
    assert isinstance(failure, IngestFailure)
    assert failure.reason.startswith("truncated or corrupt WARC: ")


def test_a_warc_without_html_pages_is_a_failure(tmp_path: Path) -> None:
    archive = gzip.decompress((READERS / "crawl.warc.gz").read_bytes())
    first_response = archive.index(b"WARC/1.", 10)
    path = write(tmp_path, "requests.warc", archive[:first_response])
    assert read(path) == [
        IngestFailure(str(path), "no HTML pages in WARC (only non-HTML or failed responses)")
    ]


def test_a_file_named_warc_that_is_not_one_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path, "fake.warc", "This is a plain sentence, not an archive.\n")
    assert read(path) == [IngestFailure(str(path), "not a WARC archive")]


def test_garbage_between_warc_records_is_reported(tmp_path: Path) -> None:
    archive = gzip.decompress((READERS / "crawl.warc.gz").read_bytes())
    second = archive.index(b"WARC/1.", 10)
    path = write(tmp_path, "messy.warc", archive[:second] + b"junk\r\n" + archive[second:])
    outcomes = read(path)
    assert isinstance(outcomes[-1], IngestFailure)
    assert outcomes[-1].reason.startswith("truncated or corrupt WARC: ")


def test_an_extensionless_warc_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "crawl-0001"
    shutil.copy(READERS / "crawl.warc.gz", path)
    assert len([o for o in read(path) if isinstance(o, RawDocument)]) == 2


# --- feeds ------------------------------------------------------------------


def test_rss_entries_prefer_full_content_and_carry_feed_metadata() -> None:
    where = str(READERS / "feed_rss.xml")
    outcomes = read_fixture("feed_rss.xml")
    assert len(outcomes) == 3
    first, second, third = outcomes
    assert first == RawDocument(
        source=f"{where}#record 1",
        format="html",
        html=(
            "<p>The council voted 9 to 2 on Monday to build a second bridge over the river.</p>"
            "<p>Work starts in May.</p>"
        ),
        url="https://chronicle.example.org/bridge",
        outlet="Riverside Chronicle",
        title="Council approves new bridge",
        author="Maria Lopez",
        date="Mon, 06 Mar 2023 08:30:00 +0000",
        language="en-gb",
    )
    assert isinstance(second, RawDocument)
    assert second.html == "<p>The central library will stay open until 9 pm on weekdays.</p>"
    assert third == IngestFailure(f"{where}#record 3", "feed entry has no content or summary")


def test_atom_entries_use_content_then_plain_summary_and_published_then_updated() -> None:
    outcomes = read_fixture("feed_atom.atom")
    assert all(isinstance(o, RawDocument) for o in outcomes)
    dam, ferry = [o for o in outcomes if isinstance(o, RawDocument)]
    assert dam.format == "html"
    assert dam.html == (
        "<p>Inspectors found hairline cracks in the dam wall, the water authority said.</p>"
    )
    assert (dam.author, dam.date, dam.outlet) == (
        "Tomas Berg",
        "2023-05-01T16:20:00Z",
        "Valley Wire",
    )
    assert (ferry.format, ferry.text, ferry.html) == (
        "text",
        "The morning ferry will leave at 7:15 from next week.",
        None,
    )
    assert ferry.date == "2023-05-02T09:00:00Z"


def test_a_feed_without_entries_is_a_failure() -> None:
    assert read_fixture("feed_empty.rss") == [
        IngestFailure(str(READERS / "feed_empty.rss"), "no entries in feed")
    ]


def test_a_broken_feed_still_yields_the_entries_it_has(tmp_path: Path) -> None:
    broken = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Half Feed</title>"
        "<item><title>Kept</title><description>Still here &amp; readable.</description></item>"
        "<item><title>Cut off"
    )
    path = write(tmp_path, "broken.rss", broken)
    outcomes = read(path)
    assert isinstance(outcomes[0], RawDocument)
    assert outcomes[0].title == "Kept" and outcomes[0].outlet == "Half Feed"


def test_an_extensionless_feed_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "feed"
    shutil.copy(READERS / "feed_atom.atom", path)
    assert [o.source for o in read(path)] == [f"{path}#record 1", f"{path}#record 2"]


# --- never raise --------------------------------------------------------------

EXTENSIONS = ["", ".txt", ".html", ".json", ".jsonl", ".warc", ".warc.gz", ".xml", ".gz", ".md"]
PREFIXES = [b"", b"\x1f\x8b", b"WARC/1.0\r\n", b"<rss>", b"<html>", b"{", b"[{", b"\xff\xfe"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=600),
    extension=st.sampled_from(EXTENSIONS),
)
def test_arbitrary_bytes_yield_documents_or_failures_and_never_raise(
    tmp_path: Path, prefix: bytes, body: bytes, extension: str
) -> None:
    path = tmp_path / f"fuzz{extension}"
    path.write_bytes(prefix + body)
    outcomes = list(read_item(InputItem(where=str(path), path=path), max_bytes=4096))
    assert outcomes, "every input yields at least one outcome"
    for outcome in outcomes:
        assert isinstance(outcome, RawDocument | IngestFailure)
        if isinstance(outcome, RawDocument):
            assert (outcome.text is None) != (outcome.html is None)
            assert outcome.format == ("text" if outcome.text is not None else "html")
    os.remove(path)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_on_stdin_never_raise(data: bytes) -> None:
    outcomes = list(read_item(InputItem("-", None), max_bytes=4096, stdin=io.BytesIO(data)))
    assert outcomes
    assert all(isinstance(o, RawDocument | IngestFailure) for o in outcomes)


def test_the_demo_corpus_reads_as_text_documents(demo_paths: list[Path]) -> None:
    for path in demo_paths:
        document = only_document(read(path))
        assert document.format == "text" and document.text and len(document.text) > 1000
