"""The reader and the scoring rules of benchmarks/dates_timex.py, on a CAT file written for
the test (tests/fixtures/timex/)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "dates_timex.py"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "timex" / "sample_bridge.xml"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dates_timex_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_cat_reader_rebuilds_text_dateline_and_gold_spans(bench: ModuleType) -> None:
    document = bench.read_cat(FIXTURE)
    assert document.dct == "2021-03-04"
    assert document.text.startswith("Council approves new bridge\nMarch 4, 2021\nThe city")
    assert 'Residents said "it is about time".' in document.text
    assert document.text[slice(*document.dateline)] == "March 4, 2021"
    texts = [(t.text, t.value, t.kind) for t in document.timexes]
    assert texts == [
        ("Wednesday", "2021-03-03", "DATE"),
        ("2019", "2019", "DATE"),
        ("April 12", "2021-04-12", "DATE"),
        ("two years", "P2Y", "DURATION"),
        ("time", "PRESENT_REF", "DATE"),
    ]
    # the last markable is in sentence 4: "on Thursday" (sentence 5) lies after scored_end
    assert document.text.index("Thursday") >= document.scored_end
    assert document.text[: document.scored_end].endswith('about time".')


def test_only_day_month_year_values_are_calendar_dates(bench: ModuleType) -> None:
    assert bench.granularity_of("2008-10-10") == "day"
    assert bench.granularity_of("2008-10") == "month"
    assert bench.granularity_of("2008") == "year"
    for value in ("PRESENT_REF", "2008-W41", "2008-Q3", "2008-SU", "200X", "XXXX-10", "P2Y"):
        assert bench.granularity_of(value) is None


def test_resolved_right_at_gold_granularity_never_coarser(bench: ModuleType) -> None:
    def predicted(value: str, granularity: str) -> object:
        return bench.Predicted(0, 1, "x", value, granularity)

    assert bench.resolved_right("2019", predicted("2019-01-01", "year"))
    assert bench.resolved_right("2019-03", predicted("2019-03-05", "day"))
    assert not bench.resolved_right("2019-03-05", predicted("2019-03-01", "month"))
    assert not bench.resolved_right("2019-03-05", predicted("2019-03-04", "week"))
    assert not bench.resolved_right("2019-03-05", predicted("2019-03-06", "day"))
    assert not bench.resolved_right("2019-03-05", predicted("", "day"))


def test_score_counts_found_right_spurious_and_skips_dateline_and_unannotated_tail(
    bench: ModuleType,
) -> None:
    document = bench.read_cat(FIXTURE)
    text = document.text

    def at(phrase: str, value: str | None, granularity: str = "day") -> object:
        start = text.index(phrase)
        return bench.Predicted(start, start + len(phrase), phrase, value, granularity)

    predictions = [
        at("March 4, 2021", "2021-03-04"),  # the dateline: ignored
        at("Wednesday", "2021-03-03"),  # right
        at("2019", "2019-01-01", "year"),  # right
        at("April 12", "2020-04-12"),  # found, wrong year
        at("new bridge", None),  # spurious: overlaps no TIMEX3
        at("two years", None),  # overlaps a DURATION: not spurious, not scored
        at("Thursday", "2021-03-04"),  # after the annotated sentences: ignored
    ]
    tally, excluded = bench.Tally(), bench.Excluded()
    bench.score(document, predictions, tally, excluded)
    assert (tally.gold, tally.found, tally.right) == (3, 3, 2)
    assert (tally.predicted, tally.spurious) == (5, 1)
    assert excluded.other_values == {"PRESENT_REF": 1}
    assert any("wrong" in line and "April 12" in line for line in tally.misses)


def test_portions_alternate_by_position(bench: ModuleType) -> None:
    documents = list(range(7))
    assert bench.portion(documents, "dev") == [0, 2, 4, 6]
    assert bench.portion(documents, "test") == [1, 3, 5]
    assert bench.portion(documents, "all") == documents


def test_day_first_creation_time_is_read_as_iso(bench: ModuleType) -> None:
    assert bench.creation_date("03-02-2009") == "2009-02-03"
    assert bench.creation_date("2009-02-03") == "2009-02-03"
    assert bench.creation_date("2009-02-03T10:00") == "2009-02-03T10:00"


WIKIWARS_FIXTURE = FIXTURE.parent / "sample_siege.key.xml"


def test_wikiwars_reader_takes_inline_timex2_and_first_date_as_anchor(
    bench: ModuleType,
) -> None:
    document = bench.read_wikiwars(WIKIWARS_FIXTURE)
    assert document.name == "sample_siege"
    assert document.dct == "1811-03-02"
    assert document.text.startswith("\nThe siege of the river fort began on 2 March 1811.")
    assert document.text[slice(*document.dateline)] == "2 March 1811"
    assert "rebuilt & re-armed" in document.text
    assert document.scored_end == len(document.text)
    assert [(t.text, t.value, t.kind) for t in document.timexes] == [
        ("three days", "P3D", "DURATION"),
        ("7 March", "1811-03-07", "DATE"),
        ("April", "1811-04", "DATE"),
        ("the next year", "1812", "DATE"),
        ("night", "1812-05-XXTNI", "DATE"),
        ("Every year", "P1Y", "SET"),
        ("now", "PRESENT_REF", "DATE"),
    ]
    for timex in document.timexes:
        assert document.text[timex.start : timex.end] == timex.text


def test_wikiwars_scoring_skips_the_anchor_and_counts_calendar_values(
    bench: ModuleType,
) -> None:
    document = bench.read_wikiwars(WIKIWARS_FIXTURE)
    text = document.text

    def at(phrase: str, value: str | None, granularity: str) -> object:
        start = text.index(phrase)
        return bench.Predicted(start, start + len(phrase), phrase, value, granularity)

    tally, excluded = bench.Tally(), bench.Excluded()
    predictions = [
        at("2 March 1811", "1811-03-02", "day"),  # the anchor: ignored
        at("7 March", "1811-03-07", "day"),  # right
        at("April", "1810-04-01", "month"),  # found, wrong year
        at("rebuilt", "1812-01-01", "year"),  # spurious
    ]
    bench.score(document, predictions, tally, excluded)
    assert (tally.gold, tally.found, tally.right) == (3, 2, 1)  # "the next year" missed
    assert (tally.predicted, tally.spurious) == (3, 1)
    assert excluded.other_values == {"9999-99-XXTNI": 1, "PRESENT_REF": 1}


def test_wikiwars_corpus_reads_only_timex2_files(bench: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "b.key.xml").write_text(WIKIWARS_FIXTURE.read_text(encoding="utf-8"))
    (tmp_path / "a.sgm").write_text("<DOC><TEXT>No tags here.</TEXT></DOC>")
    documents = bench.read_corpus(tmp_path, "wikiwars")
    assert [d.name for d in documents] == ["b"]
