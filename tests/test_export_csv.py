"""CSV exports are safe to open in a spreadsheet: no cell of article text runs as a formula."""

from __future__ import annotations

import csv
import io

import pytest

from newsprism.export import csv_cell, write_csv


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x.example")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"],
)
def test_text_starting_like_a_formula_is_prefixed(text: str) -> None:
    assert csv_cell(text) == "'" + text


def test_other_cells_are_unchanged() -> None:
    assert csv_cell("Officials said 12 died") == "Officials said 12 died"
    assert csv_cell(-5) == -5 and csv_cell(2.5) == 2.5
    assert csv_cell(None) == ""
    assert csv_cell(["=a"]) == '["=a"]'


def test_written_csv_reads_back_with_the_prefix() -> None:
    stream = io.StringIO()
    write_csv([{"id": "a1", "title": "=1+1", "count": -3}], stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert rows == [{"id": "a1", "title": "'=1+1", "count": "-3"}]


def test_acled_type_is_refined_by_the_events_own_words() -> None:
    from newsprism.export import acled_type
    from newsprism.lexicons import load_mapping

    mapping = {k: v.split("\t") for k, v in load_mapping("acled_event_types").items()}
    refinements = [(k, v.split("\t")) for k, v in load_mapping("acled_sub_events").items()]

    def sub(event_type: str, text: str) -> str:
        return acled_type(event_type, [text], mapping, refinements)[2]

    assert sub("kill", "A suicide bomber killed 12 people at a market.") == "Suicide bomb"
    assert sub("kill", "An airstrike killed 9 people.") == "Air/drone strike"
    assert sub("attack", "Gunmen clashed with soldiers near the border.") == "Armed clash"
    assert sub("kill", "Police shot dead 4 protesters.") == "Attack"
    assert sub("protest", "Protesters set off a bomb scare.") == "Peaceful protest"
    assert acled_type("kill", ["A car bomb exploded."], mapping, refinements)[1] == (
        "Explosions/Remote violence"
    )
