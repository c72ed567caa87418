"""A story's period runs over the days its events happened, not only when it was published."""

from __future__ import annotations

from newsprism.models import ArticleAnalysis, Claim, Event
from newsprism.stories import EVENT_LOOKBACK_DAYS, story_period


def _event(article_id: str, day: str | None, kind: str = "protest") -> Event:
    return Event(article_id=article_id, type=kind, text="x", start=0, end=1, date=day)


def _claim(article_id: str, day: str | None) -> Claim:
    return Claim(article_id, "killed", 4, 4, "exact", "4 killed", 0, 8, date=day)


def _analysis(
    article_id: str, events: list[Event], claims: tuple[Claim, ...] = ()
) -> ArticleAnalysis:
    return ArticleAnalysis(article_id, "test", events=tuple(events), claims=tuple(claims))


def test_a_week_of_events_reported_on_one_day_spans_the_week() -> None:
    # A wire round-up and a live blog, both published on the 9th, look back on the week.
    analyses = {
        "wire": _analysis("wire", [_event("wire", "2023-03-02"), _event("wire", "2023-03-05")]),
        "blog": _analysis("blog", [_event("blog", "2023-03-08", "attack")]),
    }
    published = {"wire": "2023-03-09", "blog": "2023-03-09T14:00:00"}
    assert story_period(["wire", "blog"], published, analyses) == ("2023-03-02", "2023-03-08")


def test_claim_dates_count_and_approximate_days_are_read() -> None:
    # A state-media article with no publication date whose figures are dated approximately.
    analyses = {"state": _analysis("state", [], (_claim("state", "~2021-11-20"),))}
    analyses["ngo"] = _analysis("ngo", [_event("ngo", "2021-11-18")], (_claim("ngo", None),))
    assert story_period(["state", "ngo"], {}, analyses) == ("2021-11-18", "2021-11-20")


def test_forecasts_and_old_background_do_not_stretch_the_period() -> None:
    # "flights are suspended until the 30th"; "as in the floods of 2019".
    events = [
        _event("a", "2024-06-10"),
        _event("a", "2024-06-30", "restrict"),
        _event("a", "2019-08-01", "emergency"),
    ]
    period = story_period(["a"], {"a": "2024-06-12"}, {"a": _analysis("a", events)})
    assert period == ("2024-06-10", "2024-06-10")
    assert EVENT_LOOKBACK_DAYS < (365 * 5)


def test_publication_dates_are_the_fallback_and_months_do_not_count() -> None:
    analyses = {"a": _analysis("a", [_event("a", "2022-05"), _event("a", None)])}
    published = {"a": "2022-05-14", "b": "2022-05-11"}
    assert story_period(["a", "b"], published, analyses) == ("2022-05-11", "2022-05-14")
    assert story_period(["c"], {}, {}) == (None, None)


def test_only_the_storys_own_articles_count() -> None:
    analyses = {
        "a": _analysis("a", [_event("a", "2020-02-03")]),
        "other": _analysis("other", [_event("other", "2020-01-20")]),
    }
    period = story_period(["a"], {"a": "2020-02-04"}, analyses)
    assert period == ("2020-02-03", "2020-02-03")
