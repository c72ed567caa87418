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
