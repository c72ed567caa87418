"""Publication dates and their evidence (newsprism.ingest.published)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.ingest.published import date_from_url, infer_publication_date
from newsprism.models import PublicationDate

# --- URLs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/world/2022/01/06/story-slug/", "2022-01-06"),
        ("https://www.example.com/world/2021/mar/4/story", "2021-03-04"),
        ("https://example.com/news/20190615/some-story.html", "2019-06-15"),
        ("https://example.com/politics/leaders-meet-2020-11-03-abc", "2020-11-03"),
        ("https://example.com/a/b_2018_07_21.html", "2018-07-21"),
        ("https://example.com/article?id=9&date=2023-02-14", "2023-02-14"),
        ("/2017/12/31/relative-path", "2017-12-31"),
    ],
)
def test_date_from_url_reads_common_shapes(url: str, expected: str) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/2022/02/30/impossible",
        "https://example.com/2022/01/",  # no day
        "https://example.com/story-146797-2022/",
        "https://example.com/ew20223938654.html",  # digits inside an id
        "https://www20220106.example.com/story",  # digits in the host
        "https://example.com/world/story",
        "",
    ],
)
def test_date_from_url_ignores_non_dates(url: str) -> None:
    assert date_from_url(url) is None


# --- order of evidence --------------------------------------------------------

BODY_WITH_DATELINE = "BEIRUT, March 5, 2020 (Reuters) - Hundreds marched through the capital."


def test_record_date_beats_every_other_source() -> None:
    published = infer_publication_date(
        BODY_WITH_DATELINE,
        record_date="2020-03-06T09:00:00Z",
        page_date="2020-03-07",
        url="https://example.com/2020/03/08/x",
    )
    assert (published.value, published.method, published.confidence) == (
        "2020-03-06",
        "record",
        1.0,
    )
    assert published.evidence == "2020-03-06T09:00:00Z"


def test_page_metadata_beats_url_and_text() -> None:
    published = infer_publication_date(
        BODY_WITH_DATELINE, page_date="Sat, 07 Mar 2020 10:00:00 GMT", url="/2020/03/08/x"
    )
    assert (published.value, published.method) == ("2020-03-07", "page_metadata")


def test_url_beats_text_dateline() -> None:
    published = infer_publication_date(BODY_WITH_DATELINE, url="https://x.org/2020/03/08/x")
    assert (published.value, published.method) == ("2020-03-08", "url")


def test_unreadable_record_date_falls_through_to_next_evidence() -> None:
    published = infer_publication_date(BODY_WITH_DATELINE, record_date="last week")
    assert (published.value, published.method) == ("2020-03-05", "text_dateline")


def test_confidence_falls_with_weaker_evidence() -> None:
    text = "A report dated 3 March 2022 was cited. Today, Friday, the minister spoke again."
    ladder = [
        infer_publication_date(text, record_date="2022-03-04"),
        infer_publication_date(text, page_date="2022-03-04"),
        infer_publication_date(text, url="https://x.org/2022/03/04/a"),
        infer_publication_date("MOSCOW, March 4, 2022 — " + text),
        infer_publication_date(text),
        infer_publication_date("Today, Friday, the minister spoke again."),
        infer_publication_date("The minister spoke again."),
    ]
    methods = [p.method for p in ladder]
    assert methods == [
        "record",
        "page_metadata",
        "url",
        "text_dateline",
        "text_inferred",
        "text_partial",
        "none",
    ]
    confidences = [p.confidence for p in ladder]
    assert confidences == sorted(confidences, reverse=True)
    assert confidences[3] > confidences[4] > confidences[5] == 0.0


def test_record_date_without_year_becomes_a_hint_not_a_date() -> None:
    published = infer_publication_date("Nothing dated here.", record_date="Jan 7")
    assert published.value is None
    assert ("month_day", "01-07") in published.hints


# --- datelines ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MOSCOW, January 7, 2022 — Russian paratroopers landed.", "2022-01-07"),
        ("BOGOTÁ, Colombia, 12 May 2021 (AFP) - Thousands marched.", "2021-05-12"),
        ("Headline here\n\n7 January 2022 | 10:32 GMT\n\nBody text.", "2022-01-07"),
        ("Published: Friday, March 4, 2022 10:30\nBody text.", "2022-03-04"),
        ("Title\nUpdated on Sept. 9, 2019\nBody.", "2019-09-09"),
    ],
)
def test_dateline_with_year_sets_the_value(text: str, expected: str) -> None:
    published = infer_publication_date(text)
    assert (published.value, published.method) == (expected, "text_dateline")
    assert published.evidence and published.evidence in text


@pytest.mark.parametrize(
    ("text", "month_day"),
    [
        ("ALMATY, Jan 7 (Reuters) - Kazakhstan's president said...", "01-07"),
        ("NAIROBI, Kenya, Oct. 21 (Xinhua) -- Police said on Thursday.", "10-21"),
        ("KYIV, 24 August (AP) — Crowds gathered.", "08-24"),
        ("MOSCOW, March 3. /TASS/. The Kremlin said.", "03-03"),
    ],
)
def test_dateline_without_year_gives_only_a_hint(text: str, month_day: str) -> None:
    published = infer_publication_date(text)
    assert published.value is None
    assert published.method == "text_partial"
    assert ("month_day", month_day) in published.hints


@pytest.mark.parametrize(
    "text",
    [
        "On January 5, riots spread to the capital.",  # a sentence, not a dateline
        "MOSCOW, Feb 30 (Reuters) - Impossible dates give nothing.",
        "the city, march 3 - lower case is not a dateline",
    ],
)
def test_non_datelines_give_no_month_day(text: str) -> None:
    published = infer_publication_date(text)
    assert not [hint for hint in published.hints if hint[0] == "month_day"]


# --- clues in the text --------------------------------------------------------


def test_explicit_dates_give_the_latest_as_lower_bound() -> None:
    text = (
        "The law passed on 2 February 2021. A court upheld it on March 15, 2021, "
        "and officials met again on Monday."
    )
    published = infer_publication_date(text)
    assert published.value is None
    assert published.hints == (("not_before", "2021-03-15"),)


def test_future_dates_are_not_lower_bounds() -> None:
    text = "Talks are scheduled for June 10, 2024 and last until July 1, 2024. Polls closed."
    assert infer_publication_date(text).hints == ()


def test_dates_in_cited_urls_are_lower_bounds() -> None:
    text = "As reported (https://example.org/news/2020/11/30/story.html), the border shut."
    assert ("not_before", "2020-11-30") in infer_publication_date(text).hints


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("The ministry said today, Friday, that order was restored.", "Friday"),
        ("Crowds returned this morning (Sunday) to the square.", "Sunday"),
        ("Yesterday, Thursday, the embassy urged caution.", "Friday"),
        ("The protests escalated the day before yesterday, Wednesday, in the south.", "Friday"),
        ("Officials will meet tomorrow, Tuesday, in the capital.", "Monday"),
        ("On Monday (today) the court opened its session.", "Monday"),
    ],
)
def test_weekday_self_references_give_publication_weekday(text: str, weekday: str) -> None:
    published = infer_publication_date(text)
    assert published.value is None
    assert published.hints == (("weekday", weekday),)


def test_plain_weekday_mentions_are_not_publication_weekdays() -> None:
    text = "On Thursday, police fired tear gas. Talks resume on Monday."
    assert infer_publication_date(text).method == "none"


@pytest.mark.parametrize(
    ("text", "month_day"),
    [
        ("Violence continued for the sixth day since January 2 in the capital.", "01-07"),
        ("On the third day of protests that began on May 30, crowds grew.", "06-01"),
        ("Strikes went on for the 10th straight day since 25 October.", "11-03"),
        ("It is the first day of the walkout that started on April 4.", "04-04"),
        ("Clashes entered the twenty-first day of fighting since March 1.", "03-21"),
        ("Roads stayed shut for the fifth consecutive day since Dec. 29.", "01-02"),
    ],
)
def test_day_counts_give_month_day_with_start_as_day_one(text: str, month_day: str) -> None:
    published = infer_publication_date(text)
    assert published.value is None
    assert published.hints == (("month_day", month_day),)


def test_day_count_across_february_without_year_is_ambiguous() -> None:
    # Feb 27 + 4 days is March 3 in a common year, March 2 in a leap year.
    text = "Clashes continued for the fifth day since February 27."
    assert infer_publication_date(text).hints == ()


def test_day_count_with_year_pins_the_date() -> None:
    text = "Unrest continued for the sixth day since March 27, 2023."
    published = infer_publication_date(text)
    assert (published.value, published.method) == ("2023-04-01", "text_inferred")
    assert 0.0 < published.confidence < 0.7


def test_weekday_and_lower_bound_pin_the_day_after() -> None:
    text = "A report released on March 3, 2022 said so. Today, Friday, the minister spoke."
    published = infer_publication_date(text)
    assert (published.value, published.method) == ("2022-03-04", "text_inferred")
    assert date.fromisoformat(published.value).strftime("%A") == "Friday"
    assert published.evidence and "Today, Friday" in published.evidence


def test_weekday_far_after_lower_bound_stays_a_hint() -> None:
    # Thursday 3 March 2022 then "today, Wednesday": six days later, or thirteen? Not ours.
    text = "A report released on March 3, 2022 said so. Today, Wednesday, the minister spoke."
    published = infer_publication_date(text)
    assert published.value is None
    assert published.hints == (("weekday", "Wednesday"), ("not_before", "2022-03-03"))


def test_conflicting_weekdays_infer_nothing() -> None:
    text = "On 3 March 2022 it began. Today, Friday, it goes on. Yesterday, Monday, it paused."
    published = infer_publication_date(text)
    assert published.value is None
    assert ("weekday", "Friday") in published.hints
    assert ("weekday", "Tuesday") in published.hints


def test_month_day_contradicting_weekday_infers_nothing() -> None:
    # 5 March 2022 was a Saturday, not a Friday.
    text = "BERLIN, March 5 (dpa) - A report from March 2, 2022 was cited. Today, Friday, ..."
    assert infer_publication_date(text).value is None


def test_month_day_agreeing_with_weekday_and_bound_is_inferred() -> None:
    text = "BERLIN, March 4 (dpa) - A report from March 2, 2022 was cited. Today, Friday, ..."
    published = infer_publication_date(text)
    assert (published.value, published.method) == ("2022-03-04", "text_inferred")


def test_years_are_never_invented() -> None:
    text = (
        "TUNIS, Jan 14 (Reuters) - Protests continued for the fourth day since January 11. "
        "Yesterday, Thursday, the president spoke. On Monday, shops closed."
    )
    published = infer_publication_date(text)
    assert published.value is None
    assert published.method == "text_partial"
    assert published.hints == (("month_day", "01-14"), ("weekday", "Friday"))


# --- the demo corpus ------------------------------------------------------------


def _demo(demo_paths: list[Path], prefix: str) -> PublicationDate:
    path = next(p for p in demo_paths if p.name.startswith(prefix))
    return infer_publication_date(path.read_text(encoding="utf-8"))


def test_demo_corpus_names_no_publication_year_so_no_value(demo_paths: list[Path]) -> None:
    assert len(demo_paths) == 5
    for path in demo_paths:
        published = infer_publication_date(path.read_text(encoding="utf-8"))
        assert published.value is None, path.name


def test_demo_day_count_yields_month_day(demo_paths: list[Path]) -> None:
    assert ("month_day", "01-07") in _demo(demo_paths, "000").hints


def test_demo_explicit_date_yields_lower_bound(demo_paths: list[Path]) -> None:
    assert ("not_before", "2022-01-06") in _demo(demo_paths, "001").hints


def test_demo_today_and_yesterday_agree_on_friday(demo_paths: list[Path]) -> None:
    published = _demo(demo_paths, "004")
    assert published.method == "text_partial"
    assert published.hints == (("weekday", "Friday"),)


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_demo_without_clues_has_method_none(demo_paths: list[Path], prefix: str) -> None:
    assert _demo(demo_paths, prefix).method == "none"


# --- properties -----------------------------------------------------------------

METHODS = {"record", "page_metadata", "url", "text_dateline", "text_inferred"}
CLUE_WORDS = st.sampled_from(
    [
        "today, Friday",
        "Yesterday, Monday,",
        "on January 6, 2022",
        "6 March 2021",
        "for the sixth day since February 27",
        "MOSCOW, Feb 30 (Reuters) -",
        "https://x.org/2020/13/45/a",
        "Sept. 31, 2020",
        "\n",
        "the",
        " ",
    ]
)


def _check(published: PublicationDate) -> None:
    if published.value is None:
        assert published.method in {"text_partial", "none"}
        assert published.confidence == 0.0
    else:
        assert date.fromisoformat(published.value).isoformat() == published.value
        assert published.method in METHODS
        assert 0.0 < published.confidence <= 1.0
    for kind, value in published.hints:
        assert kind in {"month_day", "weekday", "not_before"}
        assert value


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=300),
    st.none() | st.text(max_size=40),
    st.none() | st.text(max_size=40),
    st.none() | st.text(max_size=60),
)
def test_infer_never_raises_on_arbitrary_strings(
    text: str, record: str | None, page: str | None, url: str | None
) -> None:
    _check(infer_publication_date(text, record_date=record, page_date=page, url=url))


@settings(max_examples=200, deadline=None)
@given(st.lists(CLUE_WORDS | st.text(max_size=8), max_size=12))
def test_infer_on_date_heavy_text_returns_valid_dates(pieces: list[str]) -> None:
    _check(infer_publication_date(" ".join(pieces)))
