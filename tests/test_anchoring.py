"""Anchoring undated articles in time through their story, on hand-written stories
and on the demo corpus. Texts are written for these tests (other events and years)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.anchoring import anchor_story, decide_anchors, story_window, years_for_weekday
from newsprism.models import AnchoredDate, Article, ArticleAnalysis, Story
from newsprism.stories import group_stories
from tests.test_stories import demo_corpus, make_analysis, make_article

TODAY = date(2026, 11, 22)
FILLER = "Rescue teams searched the rubble as aftershocks shook the coastal towns."


def story_of(articles: Sequence[Article]) -> Story:
    return Story(id="story-test", article_ids=tuple(a.id for a in articles), title="test")


def decisions(
    articles: Sequence[Article], analyses: dict[str, ArticleAnalysis] | None = None
) -> dict[str, tuple[str | None, str, str]]:
    found = decide_anchors(story_of(articles), articles, analyses or {}, today=TODAY)
    return {d.article_id: (d.value, d.method, d.evidence) for d in found}


def dated(article_id: str, value: str) -> Article:
    return make_article(article_id, FILLER, published=value)


def undated(article_id: str, *hints: tuple[str, str], text: str = FILLER) -> Article:
    return make_article(article_id, text, hints=hints)


# --- with dated articles in the story --------------------------------------------------


def test_weekday_hint_takes_the_only_such_day_in_the_window() -> None:
    articles = [
        dated("a", "2023-02-06"),
        dated("b", "2023-02-07"),
        undated("sat", ("weekday", "Wednesday")),
    ]
    value, method, evidence = decisions(articles)["sat"]
    assert value == "2023-02-08"
    assert method == "story_window+weekday"
    assert "Wednesday" in evidence and "2023-02-04..2023-02-09" in evidence


def test_month_day_hint_takes_the_year_of_the_window_across_new_year() -> None:
    articles = [
        dated("a", "2023-12-30"),
        dated("b", "2023-12-31"),
        undated("jan", ("month_day", "01-02")),
    ]
    value, method, _ = decisions(articles)["jan"]
    assert (value, method) == ("2024-01-02", "story_window+month_day")


def test_month_day_and_agreeing_weekday_anchor_together() -> None:
    articles = [
        dated("a", "2023-02-06"),
        undated("u", ("month_day", "02-07"), ("weekday", "Tuesday")),
    ]
    value, method, evidence = decisions(articles)["u"]
    assert (value, method) == ("2023-02-07", "story_window+month_day+weekday")
    assert "Tuesday" in evidence


def test_weekday_contradicting_the_month_day_is_not_anchored() -> None:
    articles = [
        dated("a", "2023-02-06"),
        undated("u", ("month_day", "02-07"), ("weekday", "Friday")),
    ]
    value, method, evidence = decisions(articles)["u"]
    assert value is None and method == "not_anchored"
    assert "contradiction" in evidence and "Tuesday" in evidence and "Friday" in evidence
    assert anchor_story(story_of(articles), articles, {}, today=TODAY) == []


def test_weekday_outside_the_window_is_not_anchored() -> None:
    # window 2023-02-04..2023-02-08 (Saturday to Wednesday) has no Thursday
    articles = [dated("a", "2023-02-06"), undated("u", ("weekday", "Thursday"))]
    value, _, evidence = decisions(articles)["u"]
    assert value is None
    assert "no date fits" in evidence


def test_weekday_twice_in_a_wide_window_is_ambiguous() -> None:
    articles = [
        dated("a", "2023-02-01"),
        dated("b", "2023-02-10"),
        undated("u", ("weekday", "Friday")),
    ]
    value, _, evidence = decisions(articles)["u"]
    assert value is None
    assert "ambiguous" in evidence and "2023-02-03" in evidence and "2023-02-10" in evidence


def test_not_before_bound_removes_the_earlier_candidate() -> None:
    articles = [
        dated("a", "2023-02-01"),
        dated("b", "2023-02-10"),
        undated("u", ("weekday", "Friday"), ("not_before", "2023-02-05")),
    ]
    value, _, evidence = decisions(articles)["u"]
    assert value == "2023-02-10"
    assert "not before 2023-02-05" in evidence


def test_date_before_the_articles_own_bound_is_refused() -> None:
    articles = [
        dated("a", "2023-02-06"),
        undated("u", ("month_day", "02-05"), ("not_before", "2023-02-06")),
    ]
    value, _, evidence = decisions(articles)["u"]
    assert value is None and "not-before 2023-02-06" in evidence


def test_disagreeing_hints_are_not_anchored() -> None:
    articles = [
        dated("a", "2023-02-06"),
        undated("u", ("weekday", "Monday"), ("weekday", "Tuesday")),
    ]
    value, _, evidence = decisions(articles)["u"]
    assert value is None and "disagree" in evidence


def test_article_without_hints_stays_unanchored() -> None:
    articles = [dated("a", "2023-02-06"), undated("u")]
    assert decisions(articles)["u"][0] is None


def test_dated_articles_get_no_decision() -> None:
    articles = [dated("a", "2023-02-06"), undated("u", ("weekday", "Monday"))]
    assert set(decisions(articles)) == {"u"}


def test_anchor_story_returns_anchored_dates_only() -> None:
    articles = [
        dated("a", "2023-02-06"),
        undated("mon", ("weekday", "Monday")),
        undated("none"),
    ]
    found = anchor_story(story_of(articles), articles, {}, today=TODAY)
    assert [(a.article_id, a.value, a.method) for a in found] == [
        ("mon", "2023-02-06", "story_window+weekday")
    ]
    assert all(isinstance(a, AnchoredDate) and a.evidence for a in found)


def test_articles_outside_the_story_are_ignored() -> None:
    inside = [dated("a", "2023-02-06"), undated("u", ("weekday", "Monday"))]
    outside = dated("far", "2019-07-01")
    found = decide_anchors(story_of(inside), [*inside, outside], {}, today=TODAY)
    assert [(d.article_id, d.value) for d in found] == [("u", "2023-02-06")]


# --- without dated articles: dates stated in the text ---------------------------------


def test_weekday_and_date_pair_in_the_text_fixes_the_year() -> None:
    pair = "Officials said the vote would go ahead on Sunday, the ninth of January, as planned."
    bound = "The ceasefire signed on November 20, 2021 collapsed within weeks."
    articles = [
        undated("pair", text=pair),
        undated("bound", ("not_before", "2021-11-20"), text=bound),
        undated("tue", ("weekday", "Tuesday")),
    ]
    window = story_window(articles, {}, today=TODAY)
    assert window is not None and window.basis == "text_dates"
    assert window.start == date(2022, 1, 9)
    assert "year 2022" in window.evidence
    value, method, _ = decisions(articles)["tue"]
    assert (value, method) == ("2022-01-11", "story_window+weekday")


def test_time_expressions_come_from_the_analysis_when_given() -> None:
    text = "Talks resumed on March 3, 2023 after a week of strikes."
    article = undated("stated", text=text)
    other = undated("fri", ("weekday", "Friday"))
    analyses = {"stated": make_analysis(article, dates=[("March 3, 2023", "2023-03-03")])}
    window = story_window([article, other], analyses, today=TODAY)
    assert window is not None and window.start == date(2023, 3, 3)
    assert decisions([article, other], analyses)["fri"][0] == "2023-03-03"
    # the analysis is the source: an analysis without dates gives no window
    empty = {"stated": make_analysis(article)}
    assert story_window([article, other], empty, today=TODAY) is None


def test_background_date_does_not_stretch_the_text_window() -> None:
    articles = [
        undated("old", ("not_before", "1998-04-10")),
        undated("new1", ("not_before", "2023-03-01")),
        undated("new2", ("not_before", "2023-03-02")),
        undated("thu", ("weekday", "Thursday")),
    ]
    window = story_window(articles, {}, today=TODAY)
    assert window is not None
    assert (window.start, window.end) == (date(2023, 3, 1), date(2023, 3, 4))
    assert decisions(articles)["thu"][0] == "2023-03-02"


def test_own_weekday_and_month_day_fix_the_year_between_bound_and_today() -> None:
    articles = [
        undated("u", ("month_day", "03-14"), ("weekday", "Monday"), ("not_before", "2019-06-01"))
    ]
    value, method, evidence = decisions(articles)["u"]
    assert (value, method) == ("2022-03-14", "weekday+month_day")
    assert "Monday" in evidence


def test_weekday_and_month_day_without_any_bound_are_ambiguous() -> None:
    articles = [undated("u", ("month_day", "03-14"), ("weekday", "Monday"))]
    value, _, evidence = decisions(articles)["u"]
    assert value is None and "ambiguous" in evidence


def test_no_evidence_anywhere_gives_no_window_and_no_anchor() -> None:
    articles = [undated("u", ("weekday", "Friday")), undated("v")]
    assert story_window(articles, {}, today=TODAY) is None
    assert all(value is None for value, _, _ in decisions(articles).values())


def test_window_never_reaches_past_today() -> None:
    articles = [dated("a", "2026-11-21"), undated("u", ("weekday", "Monday"))]
    window = story_window(articles, {}, today=TODAY)
    assert window is not None and window.end == TODAY
    # the only Monday would be 2026-11-23, after today
    assert decisions(articles)["u"][0] is None


def test_years_for_weekday_lists_every_agreeing_year() -> None:
    found = years_for_weekday(1, 9, 6, earliest=date(2000, 1, 1), latest=date(2030, 1, 1))
    assert [d.year for d in found] == [2000, 2005, 2011, 2022, 2028]
    assert years_for_weekday(2, 29, 1, earliest=date(2000, 1, 1), latest=date(2030, 1, 1)) == [
        date(2000, 2, 29), date(2028, 2, 29),
    ]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    first=st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 1, 1)),
    span=st.integers(min_value=0, max_value=10),
    weekday=st.sampled_from(["Monday", "Wednesday", "Friday", "Sunday"]),
    bound_offset=st.integers(min_value=-5, max_value=12),
)
def test_an_anchor_always_agrees_with_its_evidence(
    first: date, span: int, weekday: str, bound_offset: int
) -> None:
    bound = first + timedelta(days=bound_offset)
    articles = [
        dated("a", first.isoformat()),
        dated("b", (first + timedelta(days=span)).isoformat()),
        undated("u", ("weekday", weekday), ("not_before", bound.isoformat())),
    ]
    window = story_window(articles, {}, today=TODAY)
    assert window is not None
    value, _, _ = decisions(articles)["u"]
    if value is not None:
        found = date.fromisoformat(value)
        assert found.strftime("%A") == weekday
        assert found >= bound
        assert window.start <= found <= window.end
        others = [
            window.start + timedelta(days=n)
            for n in range((window.end - window.start).days + 1)
            if (window.start + timedelta(days=n)).strftime("%A") == weekday
            and window.start + timedelta(days=n) >= bound
        ]
        assert others == [found]  # unique, never a guess between two


# --- the demo corpus ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[Article], dict[str, ArticleAnalysis]]:
    return demo_corpus(str(tmp_path_factory.mktemp("demo") / "demo.db"))


@pytest.mark.slow
def test_demo_undated_articles_anchor_only_where_their_evidence_pins_a_date(
    demo: tuple[list[Article], dict[str, ArticleAnalysis]],
) -> None:
    articles, analyses = demo
    [story] = group_stories(articles, analyses)
    by_file = {Path(a.source).name[:3]: a.id for a in articles}
    found = {d.article_id: d for d in decide_anchors(story, articles, analyses, today=TODAY)}
    assert set(found) == {a.id for a in articles}  # none of the five states its own date
    anchored = {d.article_id: d.value for d in found.values() if d.value}
    # 000: "the sixth day since January 2" (month-day 01-07) + the window's year;
    # 004: "today, Friday" + the only Friday in the window.
    assert anchored == {by_file["000"]: "2022-01-07", by_file["004"]: "2022-01-07"}
    assert found[by_file["000"]].method == "story_window+month_day"
    assert found[by_file["004"]].method == "story_window+weekday"
    # 001 states "January 6, 2022" (a lower bound only); 002 and 003 give no day of writing.
    for name in ("001", "002", "003"):
        assert found[by_file[name]].value is None
