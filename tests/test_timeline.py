"""Story events: one record per event, however many outlets report it."""

from __future__ import annotations

from newsprism.compare.timeline import merge_story_events
from newsprism.models import Article, ArticleAnalysis, Event, Story


def article(article_id: str, outlet: str, duplicate_of: str | None = None) -> Article:
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        text="x" * 200,
        content_hash=article_id,
        outlet=outlet,
        duplicate_of=duplicate_of,
    )


def event(
    article_id: str,
    kind: str,
    date: str | None,
    place: str | None,
    *,
    precision: str = "exact",
    count: float | None = None,
    actor: str | None = None,
    start: int = 0,
) -> Event:
    return Event(
        article_id=article_id,
        type=kind,
        text="x" * 10,
        start=start,
        end=start + 10,
        date=date,
        place=place,
        lat=1.0 if place else None,
        lon=2.0 if place else None,
        geo_precision=precision if place else None,
        time_precision="day" if date else None,
        actor=actor,
        count=count,
    )


def analysis(article_id: str, *events: Event) -> ArticleAnalysis:
    return ArticleAnalysis(article_id=article_id, pipeline_version="t", events=events)


def test_same_event_from_three_outlets_is_one_record_with_every_article() -> None:
    articles = [article("a", "Wire"), article("b", "Daily"), article("c", "Blog")]
    analyses = {
        "a": analysis("a", event("a", "arrest", "2023-03-07", "Lima", count=40, actor="police")),
        "b": analysis("b", event("b", "arrest", "2023-03-07", "Lima", count=45, actor="police")),
        "c": analysis("c", event("c", "arrest", "2023-03-07", None)),
    }
    story = Story(id="s1", article_ids=("a", "b", "c"), title="Lima arrests")
    [merged] = merge_story_events(story, articles, analyses)
    assert merged.article_ids == ("a", "b", "c")
    assert merged.place == "Lima" and merged.geo_precision == "exact"
    assert merged.count == 40
    assert merged.actor == "police"
    assert len(merged.reports) == 3


def test_different_days_places_and_types_stay_apart_and_are_ordered_by_date() -> None:
    articles = [article("a", "Wire")]
    analyses = {
        "a": analysis(
            "a",
            event("a", "protest", "2023-03-08", "Cusco"),
            event("a", "protest", "2023-03-07", "Lima", start=20),
            event("a", "protest", "2023-03-07", "Puno", start=40),
            event("a", "riot", "2023-03-07", "Lima", start=60),
            event("a", "emergency", None, None, start=80),
        )
    }
    story = Story(id="s1", article_ids=("a",), title="Peru")
    merged = merge_story_events(story, articles, analyses)
    assert [(e.date, e.type, e.place) for e in merged] == [
        ("2023-03-07", "protest", "Lima"),
        ("2023-03-07", "protest", "Puno"),
        ("2023-03-07", "riot", "Lima"),
        ("2023-03-08", "protest", "Cusco"),
        (None, "emergency", None),
    ]
    assert len({e.id for e in merged}) == 5


def test_reposts_add_no_reports_and_ids_are_stable() -> None:
    articles = [article("a", "Wire"), article("b", "Mirror", duplicate_of="a")]
    analyses = {
        "a": analysis("a", event("a", "kill", "2023-03-07", "Juliaca", count=17)),
        "b": analysis("b", event("b", "kill", "2023-03-07", "Juliaca", count=17)),
    }
    story = Story(id="s1", article_ids=("a", "b"), title="Juliaca")
    first = merge_story_events(story, articles, analyses)
    assert [e.article_ids for e in first] == [("a",)]
    assert merge_story_events(story, articles, analyses)[0].id == first[0].id
