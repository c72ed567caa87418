"""Pure date resolution (newsprism.nlp.temporal): no spaCy involved."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.nlp.temporal import (
    find_candidates,
    find_time_expressions,
    parse_anchor,
    parse_explicit_date,
    resolve_relative_date,
    resolve_time_expression,
    resolve_weekday,
    select_longest,
)

FRIDAY = date(2022, 1, 7)
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY_WD, SATURDAY, SUNDAY = range(7)


def resolve(expression: str, anchor: date | None, **options: object) -> str | None:
    resolved = resolve_time_expression(expression, anchor=anchor, **options)  # type: ignore[arg-type]
    assert resolved is not None, expression
    return resolved.iso


# --- weekdays -------------------------------------------------------------------


def test_weekday_resolves_to_latest_before_publication() -> None:
    assert resolve_weekday(THURSDAY, anchor=FRIDAY) == date(2022, 1, 6)
    assert resolve_weekday(SATURDAY, anchor=FRIDAY) == date(2022, 1, 1)
    assert resolve_weekday(MONDAY, anchor=date(2024, 3, 6)) == date(2024, 3, 4)


def test_weekday_on_publication_day_is_that_day() -> None:
    assert resolve_weekday(FRIDAY_WD, anchor=FRIDAY) == FRIDAY
    assert resolve_weekday(FRIDAY_WD, anchor=FRIDAY, future=True) == FRIDAY


def test_future_weekday_is_next_on_or_after_publication() -> None:
    assert resolve_weekday(THURSDAY, anchor=FRIDAY, future=True) == date(2022, 1, 13)
    assert resolve_weekday(MONDAY, anchor=FRIDAY, future=True) == date(2022, 1, 10)


def test_weekday_crosses_year_and_leap_day() -> None:
    # 1 January 2022 was a Saturday; 1 March 2024 a Friday after a leap day.
    assert resolve("Thursday", date(2022, 1, 1)) == "2021-12-30"
    assert resolve("Thursday", date(2024, 3, 1)) == "2024-02-29"
    assert resolve("Tuesday", date(2021, 12, 30), future=True) == "2022-01-04"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("last Sunday", "2022-01-02"),
        ("last Friday", "2021-12-31"),  # strictly before, even on a Friday
        ("past Tuesday", "2022-01-04"),
        ("next Monday", "2022-01-10"),
        ("next Friday", "2022-01-14"),
        ("coming Saturday", "2022-01-08"),
        ("this Sunday", "2022-01-09"),  # the Sunday of the anchor's Monday-Sunday week
        ("this Monday", "2022-01-03"),
        ("early Friday", "2022-01-07"),
        ("late Wednesday", "2022-01-05"),
        ("Thursday afternoon", "2022-01-06"),
        ("Tuesday night", "2022-01-04"),
    ],
)
def test_weekday_with_modifiers(expression: str, expected: str) -> None:
    resolved = resolve_relative_date(expression, anchor=FRIDAY)
    assert resolved is not None
    assert (resolved.iso, resolved.method) == (expected, "weekday")


# --- relative days -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "anchor", "expected"),
    [
        ("today", FRIDAY, "2022-01-07"),
        ("this morning", FRIDAY, "2022-01-07"),
        ("tonight", FRIDAY, "2022-01-07"),
        ("yesterday", date(2023, 1, 1), "2022-12-31"),
        ("yesterday afternoon", date(2024, 3, 1), "2024-02-29"),
        ("the day before yesterday", date(2021, 3, 1), "2021-02-27"),
        ("tomorrow", date(2021, 12, 31), "2022-01-01"),
        ("the day after tomorrow", date(2024, 2, 28), "2024-03-01"),
        ("last night", FRIDAY, "2022-01-06"),
        ("overnight", date(2022, 3, 1), "2022-02-28"),
    ],
)
def test_relative_day_counts_from_publication(expression: str, anchor: date, expected: str) -> None:
    resolved = resolve_relative_date(expression, anchor=anchor, previous=date(2000, 1, 1))
    assert resolved is not None
    assert (resolved.iso, resolved.method) == (expected, "relative_day")
    assert resolved.anchor == f"published {anchor.isoformat()}"


def test_relative_day_with_weekday_apposition_is_one_expression() -> None:
    text = "The minister spoke today, Friday, and again yesterday (Thursday) in parliament."
    found = [f.text for f in find_time_expressions(text)]
    assert found == ["today, Friday", "yesterday (Thursday)"]
    assert resolve("the day before yesterday, Wednesday", FRIDAY) == "2022-01-05"


def test_disagreeing_weekday_apposition_keeps_relative_day_and_says_so() -> None:
    resolved = resolve_relative_date("yesterday, Monday", anchor=FRIDAY)
    assert resolved is not None and resolved.iso == "2022-01-06"
    assert resolved.anchor is not None and "disagrees" in resolved.anchor


# --- explicit dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "expected", "granularity"),
    [
        ("January 5, 2022", "2022-01-05", "day"),
        ("5 January 2022", "2022-01-05", "day"),
        ("Jan. 5, 2022", "2022-01-05", "day"),
        ("Sept. 30 2019", "2019-09-30", "day"),
        ("the 21st of March, 2015", "2015-03-21", "day"),
        ("Wednesday, 29 February 2012", "2012-02-29", "day"),
        ("2021-12-31", "2021-12-31", "day"),
        ("March 2020", "2020-03-01", "month"),
        ("late August 2008", "2008-08-01", "month"),
        ("2019", "2019-01-01", "year"),
        ("in 1998", "1998-01-01", "year"),
    ],
)
def test_explicit_dates_with_year_need_no_anchor(
    expression: str, expected: str, granularity: str
) -> None:
    resolved = parse_explicit_date(expression, anchor=None)
    assert resolved is not None
    assert (resolved.iso, resolved.granularity, resolved.method) == (
        expected,
        granularity,
        "explicit",
    )


@pytest.mark.parametrize(
    ("expression", "anchor", "expected"),
    [
        ("January 5", FRIDAY, "2022-01-05"),
        ("5 January", FRIDAY, "2022-01-05"),
        ("Jan. 5", FRIDAY, "2022-01-05"),
        ("the ninth of January", FRIDAY, "2022-01-09"),
        ("January 14", FRIDAY, "2022-01-14"),  # seven days ahead: nearest
        ("January 15", FRIDAY, "2022-01-15"),  # eight days ahead: still nearest this year
        ("June 30", FRIDAY, "2022-06-30"),  # 174 days ahead, 191 back: ahead is nearer
        ("July 30", FRIDAY, "2021-07-30"),  # 206 days ahead, 161 back: back is nearer
        ("December 28", FRIDAY, "2021-12-28"),
        ("twenty-third of October", date(2019, 11, 2), "2019-10-23"),
        ("February 29", date(2024, 3, 10), "2024-02-29"),
        ("February 29", date(2023, 6, 1), "2024-02-29"),  # the nearest year that has one
        ("February 29", date(2022, 6, 1), "2020-02-29"),  # none beside: the latest before
        ("3rd July", date(2016, 7, 4), "2016-07-03"),
    ],
)
def test_explicit_date_without_year_takes_the_year_nearest_the_anchor(
    expression: str, anchor: date, expected: str
) -> None:
    resolved = parse_explicit_date(expression, anchor=anchor)
    assert resolved is not None
    assert (resolved.iso, resolved.method) == (expected, "explicit_no_year")
    assert resolved.anchor == f"published {anchor.isoformat()}"


def test_future_explicit_date_is_next_on_or_after_publication() -> None:
    assert resolve("December 28", FRIDAY, future=True) == "2022-12-28"
    assert resolve("January 5", FRIDAY, future=True) == "2023-01-05"
    assert resolve("February 29", date(2023, 3, 1), future=True) == "2024-02-29"


def test_weekday_given_with_date_chooses_the_agreeing_year() -> None:
    # 8 January fell on a Friday in 2021, a Saturday in 2022.
    assert resolve("Friday, January 8", date(2022, 6, 1)) == "2021-01-08"
    assert resolve("Saturday, January 8", date(2022, 6, 1)) == "2022-01-08"
    assert resolve("Sunday, the ninth of January", FRIDAY) == "2022-01-09"


def test_impossible_day_is_not_a_date() -> None:
    assert parse_explicit_date("February 30", anchor=FRIDAY) is None
    assert parse_explicit_date("April 31, 2020", anchor=None) is None
    assert parse_explicit_date("2021-13-01", anchor=None) is None


def test_year_less_date_without_anchor_is_unanchored_or_uses_anchor_year() -> None:
    resolved = parse_explicit_date("March 3", anchor=None)
    assert resolved is not None and (resolved.value, resolved.method) == (None, "unanchored")
    with_year = parse_explicit_date("March 3", anchor_year=2020, anchor=None)
    assert with_year is not None and with_year.iso == "2020-03-03"


@pytest.mark.parametrize(
    ("expression", "future", "expected"),
    [
        ("in January", False, "2022-01-01"),
        ("in March", False, "2021-03-01"),
        ("in March", True, "2022-03-01"),
        ("early December", False, "2021-12-01"),
        ("last March", False, "2021-03-01"),
        ("next January", False, "2023-01-01"),
    ],
)
def test_month_without_year_is_dated_by_its_first_day(
    expression: str, future: bool, expected: str
) -> None:
    resolved = parse_explicit_date(expression, anchor=FRIDAY, future=future)
    assert resolved is not None
    assert (resolved.iso, resolved.granularity) == (expected, "month")


# --- weeks, months, years --------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "anchor", "expected", "granularity"),
    [
        ("this week", date(2022, 1, 9), "2022-01-03", "week"),  # Sunday: week began Monday
        ("earlier this week", FRIDAY, "2022-01-03", "week"),
        ("last week", date(2022, 1, 3), "2021-12-27", "week"),
        ("next week", date(2021, 12, 29), "2022-01-03", "week"),
        ("this month", date(2024, 2, 29), "2024-02-01", "month"),
        ("last month", FRIDAY, "2021-12-01", "month"),
        ("next month", date(2021, 12, 15), "2022-01-01", "month"),
        ("late last year", FRIDAY, "2021-01-01", "year"),
        ("this year", FRIDAY, "2022-01-01", "year"),
        ("three days ago", date(2022, 3, 2), "2022-02-27", "day"),
        ("two weeks ago", FRIDAY, "2021-12-20", "week"),
    ],
)
def test_periods_relative_to_publication(
    expression: str, anchor: date, expected: str, granularity: str
) -> None:
    resolved = resolve_relative_date(expression, anchor=anchor)
    assert resolved is not None
    assert (resolved.iso, resolved.granularity) == (expected, granularity)


# --- chains ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "previous", "expected"),
    [
        ("two days later", date(2022, 1, 2), "2022-01-04"),
        ("a day earlier", date(2022, 1, 2), "2022-01-01"),
        ("three days after", date(2019, 12, 30), "2020-01-02"),
        ("the next day", date(2024, 2, 28), "2024-02-29"),
        ("the following day", date(2023, 2, 28), "2023-03-01"),
        ("the day before", date(2021, 1, 1), "2020-12-31"),
        ("the same day", date(2020, 6, 6), "2020-06-06"),
        ("a week later", date(2022, 1, 2), "2022-01-09"),
        ("10 days earlier", date(2022, 1, 2), "2021-12-23"),
    ],
)
def test_chain_counts_from_the_date_last_mentioned_not_publication(
    expression: str, previous: date, expected: str
) -> None:
    resolved = resolve_relative_date(
        expression, anchor=date(2030, 5, 5), previous=previous, previous_text="earlier"
    )
    assert resolved is not None
    assert (resolved.iso, resolved.method) == (expected, "chain")
    assert resolved.anchor == f"previous 'earlier' {previous.isoformat()}"


def test_chain_to_week_and_month_granularity() -> None:
    week = resolve_relative_date("the following week", anchor=None, previous=date(2022, 1, 5))
    assert week is not None and (week.iso, week.granularity) == ("2022-01-10", "week")
    month = resolve_relative_date("two months later", anchor=None, previous=date(2021, 11, 30))
    assert month is not None and (month.iso, month.granularity) == ("2022-01-01", "month")


def test_chain_without_earlier_date_falls_back_to_publication_or_stays_unanchored() -> None:
    fallback = resolve_relative_date("the next day", anchor=FRIDAY)
    assert fallback is not None and fallback.iso == "2022-01-08"
    assert fallback.anchor == "published 2022-01-07 (no earlier date in the text)"
    lost = resolve_relative_date("the next day", anchor=None)
    assert lost is not None and (lost.value, lost.method) == (None, "unanchored")


def test_relative_expressions_without_anchor_are_unanchored() -> None:
    for expression in ("Thursday", "yesterday", "last week", "next Monday"):
        resolved = resolve_relative_date(expression, anchor=None)
        assert resolved is not None and resolved.method == "unanchored", expression
        assert resolved.value is None


# --- finding in text ---------------------------------------------------------------------


def test_finder_keeps_the_longest_expression() -> None:
    text = (
        "Flights to Lagos were cancelled until Sunday, the ninth of January, and the "
        "protests began on Monday, 3 January 2022, after the day before yesterday's vote."
    )
    assert [f.text for f in find_time_expressions(text)] == [
        "Sunday, the ninth of January",
        "Monday, 3 January 2022",
        "the day before yesterday",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Officials may announce new measures; We will see.",
        "Thousands march through the capital.",
        "A 35-year-old man and his 60-year-old mother were detained.",
        "The siege lasted for three days before police withdrew.",
        "Two decades of rule ended in violence, a legacy of the 19th century.",
        "The curfew starts at 10:30 and 2,019 people were held.",
        "He reviewed the first of many reports.",
        "The court split 5/1 on the appeal, filed 3/4.",
    ],
)
def test_non_dates_are_not_found(text: str) -> None:
    assert find_time_expressions(text) == []


def test_bare_month_and_year_need_support() -> None:
    candidates = find_candidates("June said 2019 was hard. In May 2019 she left.")
    by_text = {c.text: c.confirmed for c in candidates}
    assert by_text["June"] is False
    assert by_text["2019"] is False
    assert by_text["May 2019"] is True


def test_parse_anchor_reads_dates_and_datetimes() -> None:
    assert parse_anchor("2022-01-07T10:15:00+00:00") == FRIDAY
    assert parse_anchor("7 January") is None
    assert parse_anchor(None) is None


# --- properties --------------------------------------------------------------------------

_TIMEY = st.sampled_from(
    ["January", "Jan.", "5", "31st", "the", "of", "Friday", ",", " ", "2022", "days", "later",
     "ago", "yesterday", "next", "\u00a0", "\u200b", "-", "February 29", "9999", "0"]
)  # fmt: skip
_TEXTS = st.one_of(st.text(max_size=80), st.lists(_TIMEY, max_size=12).map(" ".join))


@settings(max_examples=200, deadline=None)
@given(
    _TEXTS,
    st.one_of(st.none(), st.dates()),
    st.one_of(st.none(), st.dates()),
    st.booleans(),
)
def test_resolvers_never_raise(
    expression: str, anchor: date | None, previous: date | None, future: bool
) -> None:
    resolve_relative_date(expression, anchor=anchor, previous=previous, future=future)
    parse_explicit_date(expression, anchor_year=None, anchor=anchor, future=future)
    resolved = resolve_time_expression(expression, anchor=anchor, previous=previous)
    assert resolved is None or resolved.granularity in {"day", "week", "month", "year"}


@settings(max_examples=150, deadline=None)
@given(_TEXTS)
def test_finder_offsets_are_valid_and_disjoint(text: str) -> None:
    found = select_longest(find_candidates(text))
    for item in found:
        assert text[item.start : item.end] == item.text
    for left, right in itertools.pairwise(found):
        assert left.end <= right.start


@pytest.mark.parametrize(
    "text",
    [
        "It came 18 years after the invasion of the country.",
        "The strike began two days before the referendum.",
        "Protests resumed three weeks after his arrest.",
    ],
)
def test_chain_count_from_a_named_event_is_not_a_date(text: str) -> None:
    assert [c.form for c in find_time_expressions(text)] == []


def test_chain_count_at_the_end_of_a_clause_is_still_a_date() -> None:
    found = find_time_expressions("The army withdrew on January 3. Two days later, talks began.")
    assert [c.form for c in found] == ["month_day", "chain_count"]


# --- named holidays -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "anchor", "expected"),
    [
        ("Election Day", date(2022, 11, 10), "2022-11-08"),  # Tuesday after the first Monday
        ("Election Day", date(2024, 10, 1), "2024-11-05"),
        ("Christmas", date(2023, 1, 4), "2022-12-25"),  # nearest the anchor: last year's
        ("Christmas Eve", date(2022, 12, 20), "2022-12-24"),
        ("New Year’s Day", date(2022, 12, 28), "2023-01-01"),
        ("Thanksgiving", date(2021, 12, 1), "2021-11-25"),
        ("Memorial Day", date(2023, 6, 1), "2023-05-29"),  # the last Monday of May
        ("Easter", date(2024, 4, 10), "2024-03-31"),
        ("Good Friday", date(2023, 4, 12), "2023-04-07"),
        ("Christmas 2019", date(2023, 3, 1), "2019-12-25"),
    ],
)
def test_named_holiday_resolves_to_its_day_nearest_the_anchor(
    expression: str, anchor: date, expected: str
) -> None:
    resolved = resolve_time_expression(expression, anchor=anchor)
    assert resolved is not None and resolved.iso == expected
    assert resolved.granularity == "day"


def test_future_holiday_is_the_next_one() -> None:
    resolved = resolve_time_expression("Christmas", anchor=date(2023, 1, 4), future=True)
    assert resolved is not None and resolved.iso == "2023-12-25"


def test_holiday_as_a_modifier_needs_support() -> None:
    text = "Easter eggs sold out, but shops were shut over Easter and on Election Day."
    by_text = [(c.text, c.confirmed) for c in find_candidates(text) if c.form == "holiday"]
    assert by_text == [("Easter", False), ("Easter", True), ("Election Day", True)]
    assert find_time_expressions("He bought a christmas tree.") == []


def test_count_from_a_holiday_keeps_the_holiday_not_the_count() -> None:
    found = find_time_expressions("The strike began two days before Easter.")
    assert [(c.text, c.form) for c in found] == [("Easter", "holiday")]


def test_resolve_month_day_nearest_past_and_weekday() -> None:
    from newsprism.nlp.temporal import resolve_month_day

    anchor = date(2022, 1, 5)
    assert resolve_month_day(12, 28, anchor=anchor) == date(2021, 12, 28)
    assert resolve_month_day(1, 14, anchor=anchor) == date(2022, 1, 14)
    assert resolve_month_day(1, 14, anchor=anchor, past=True) == date(2021, 1, 14)
    # 9 January 2022 was a Sunday; 9 January 2021 a Saturday
    assert resolve_month_day(1, 9, anchor=anchor, weekday=5) == date(2021, 1, 9)


def test_shift_dates_weeks_months_years_by_their_first_day() -> None:
    from newsprism.nlp.temporal import shift

    day = date(2024, 3, 13)  # a Wednesday
    assert shift(day, "day", -3) == date(2024, 3, 10)
    assert shift(day, "week", -1) == date(2024, 3, 4)
    assert shift(day, "month", -1) == date(2024, 2, 1)
    assert shift(day, "year", 1) == date(2025, 1, 1)
