"""Number expressions: digits, words, vague quantities, qualifiers, ranges, offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.nlp.numbers import (
    QUALIFIERS,
    default_vague_quantities,
    find_quantities,
    parse_quantity,
)


def bounds(text: str) -> tuple[float, float | None, str]:
    quantity = parse_quantity(text)
    assert quantity is not None, text
    return quantity.value_min, quantity.value_max, quantity.qualifier


@pytest.mark.parametrize("text", ["3,000", "3 000", "3.000", "3\u00a0000", "3\u202f000"])
def test_digit_groups_all_read_as_thousands(text: str) -> None:
    assert bounds(text) == (3000, 3000, "exact")


def test_decimal_point_is_not_a_thousands_separator() -> None:
    assert bounds("3.5") == (3.5, 3.5, "exact")
    assert bounds("1.5 million") == (1_500_000, 1_500_000, "exact")
    assert bounds("3,000.5") == (3000.5, 3000.5, "exact")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two", 2),
        ("Eighteen", 18),
        ("twenty-six", 26),
        ("twenty six", 26),
        ("two hundred and fifty", 250),
        ("a thousand", 1000),
        ("one hundred thousand", 100_000),
        ("two dozen", 24),
        ("10 000 000", 10_000_000),
        ("half a million", 500_000),
        ("Half a thousand", 500),
    ],
)
def test_spelled_and_scaled_numbers(text: str, value: float) -> None:
    assert bounds(text) == (value, value, "exact")


def test_half_a_scale_is_one_number_not_the_a_scale_inside_it() -> None:
    assert bounds("about half a million") == (500_000, 500_000, "about")
    assert [q.value_min for q in find_quantities("they displaced half a million people")] == [
        500_000
    ]
    assert bounds("half a dozen") == (6, 6, "about")  # a lexicon figure is approximate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at least 200", (200, None, "at_least")),
        ("200 or more", (200, None, "at_least")),
        ("200-plus", (200, None, "at_least")),
        ("over 3,000", (3000, None, "more_than")),
        ("more than 3,000", (3000, None, "more_than")),
        ("about 750", (750, 750, "about")),
        ("around 20,000", (20000, 20000, "about")),
        ("nearly 100", (100, 100, "about")),
        ("almost 40", (40, 40, "about")),
        ("roughly 60", (60, 60, "about")),
        ("some 300", (300, 300, "about")),
        ("40 or so", (40, 40, "about")),
        ("up to 50", (0, 50, "up_to")),
        ("as many as 300", (0, 300, "up_to")),
        ("between 10 and 15", (10, 15, "exact")),
        ("10-15", (10, 15, "exact")),
        ("10 to 15", (10, 15, "exact")),
        ("two or three", (2, 3, "exact")),
        ("about 10 to 15", (10, 15, "about")),
        ("some 20-30", (20, 30, "about")),
        ("above 2.000", (2000, None, "more_than")),
        ("fewer than 10", (0, 9, "up_to")),
        ("under 50", (0, 49, "up_to")),
        ("less than 1.000", (0, 999, "up_to")),
        ("no more than 10", (0, 10, "up_to")),
        ("in excess of 3,000", (3000, None, "more_than")),
        ("upwards of 40", (40, None, "more_than")),
        ("no fewer than 200", (200, None, "at_least")),
    ],
)
def test_qualifiers_and_ranges(text: str, expected: tuple[float, float | None, str]) -> None:
    assert bounds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("a dozen", (12, 12, "about"), "a dozen -> 12..12"),
        ("dozens", (24, 99, "vague"), "dozens -> 24..99"),
        ("more than a dozen", (13, None, "more_than"), "more than a dozen -> 13.."),
        ("hundreds", (200, 999, "vague"), "hundreds -> 200..999"),
        ("thousands", (2000, 9999, "vague"), "thousands -> 2000..9999"),
        ("tens of thousands", (20000, 99999, "vague"), "tens of thousands -> 20000..99999"),
        ("several", (3, 9, "vague"), "several -> 3..9"),
        ("scores", (40, 99, "vague"), "scores -> 40..99"),
        (
            "several hundred",
            (300, 900, "vague"),
            "several hundred -> 300..900 (several x hundred)",
        ),
        ("at least dozens", (24, None, "at_least"), "dozens -> 24..99"),
        ("hundreds or thousands", (200, 9999, "vague"), "hundreds or thousands -> 200..9999"),
    ],
)
def test_vague_quantities_follow_the_documented_rule(
    text: str, expected: tuple[float, float | None, str], rule: str
) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert (quantity.value_min, quantity.value_max, quantity.qualifier) == expected
    assert quantity.vague_rule == rule


def test_caller_rules_override_the_lexicon() -> None:
    quantity = parse_quantity("dozens", vague={"dozens": (13, 50)})
    assert quantity is not None
    assert (quantity.value_min, quantity.value_max) == (13, 50)
    assert quantity.vague_rule == "dozens -> 13..50"
    assert default_vague_quantities()["dozens"] == (24, 99)  # the shipped table is untouched


@pytest.mark.parametrize(
    "text",
    ["40km", "18th", "40%", "40 percent", "$5", "10:30", "23-year-old", "2,3", "v2", "007"],
)
def test_units_ordinals_prices_and_times_are_not_counts(text: str) -> None:
    assert find_quantities(text) == []


def test_space_after_a_month_does_not_group_digits() -> None:
    found = find_quantities("On January 6 200 people marched.")
    assert [(q.value_min, q.qualifier) for q in found] == [(6, "exact"), (200, "exact")]


def test_from_to_is_a_change_not_a_range() -> None:
    found = find_quantities("the toll rose from 10 to 15")
    assert [q.value_min for q in found] == [10, 15]


def test_offsets_point_at_the_expression() -> None:
    text = "Officials said over 3,000 people and dozens of officers were hurt."
    spans = [text[q.start : q.end] for q in find_quantities(text)]
    assert spans == ["over 3,000", "dozens"]


def test_parse_quantity_rejects_text_that_is_not_one_expression() -> None:
    assert parse_quantity("hello") is None
    assert parse_quantity("3 and 4") is None
    assert parse_quantity("") is None
    assert parse_quantity("  over 3,000 ") is not None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"0123456789 ,.-–+%$:\u00a0\u202f\u200b\u200f",
                *("at least ", "over ", "dozens", "a dozen", "hundred", "two", "or more", "and "),
            ]
        ),
        max_size=30,
    ).map("".join)
    | st.text(max_size=40)
)
def test_find_quantities_never_raises_and_offsets_are_valid(text: str) -> None:
    for quantity in find_quantities(text):
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert text[quantity.start : quantity.end].strip() == text[quantity.start : quantity.end]
        assert quantity.qualifier in QUALIFIERS
        assert quantity.value_max is None or quantity.value_max >= quantity.value_min


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1000, max_value=999_999), st.sampled_from([",", ".", " ", "\u00a0"]))
def test_any_grouped_thousands_reads_back(value: int, separator: str) -> None:
    text = f"{value:,}".replace(",", separator)
    assert bounds(text) == (value, value, "exact")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("estimates range from 400 to 600 people", [(400, 600)]),
        ("figures varying from 20 to 30", [(20, 30)]),
        ("the toll rose from 40 to 60", [(40, 40), (60, 60)]),
        ("arrests climbed from 1,000 to 1,500", [(1000, 1000), (1500, 1500)]),
    ],
)
def test_from_to_is_a_range_only_after_range_or_vary(
    text: str, expected: list[tuple[float, float]]
) -> None:
    assert [(q.value_min, q.value_max) for q in find_quantities(text)] == expected
