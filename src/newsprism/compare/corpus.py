"""The stored corpus as one value, and the cross-outlet comparison of each of its stories.

Comparisons are computed from the stored analyses when asked for (they are cheap next
to the NLP stage), so they always reflect the current articles, stories and settings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import Engine

from newsprism.compare.ledger import build_ledger
from newsprism.compare.relays import relay_graph
from newsprism.compare.timeline import StoryEvent, merge_story_events
from newsprism.compare.voices import voices_by_outlet
from newsprism.errors import NotFound
from newsprism.framing import frame_outlets
from newsprism.models import (
    Actor,
    Article,
    ArticleAnalysis,
    ClaimGroup,
    OutletFraming,
    RelayEdge,
    Story,
)
from newsprism.settings import Settings
from newsprism.store.analysis import load_actors, load_analyses
from newsprism.store.articles import load_articles
from newsprism.store.stories import load_stories


@dataclass(frozen=True)
class Corpus:
    articles: tuple[Article, ...]
    analyses: Mapping[str, ArticleAnalysis]
    stories: tuple[Story, ...]
    actors: tuple[Actor, ...]

    def story(self, story_id: str) -> Story:
        for story in self.stories + self.unstoried():
            if story.id == story_id:
                return story
        raise NotFound(f"no story {story_id!r}", where="stories")

    def unstoried(self) -> tuple[Story, ...]:
        """Articles not (yet) in a story, each as a story of its own, so nothing is hidden."""
        grouped = {article_id for story in self.stories for article_id in story.article_ids}
        return tuple(
            Story(id=f"article-{a.id}", article_ids=(a.id,), title=a.title or a.source)
            for a in self.articles
            if a.id not in grouped
        )


def load_corpus(engine: Engine) -> Corpus:
    with engine.connect() as conn:
        return Corpus(
            articles=tuple(load_articles(conn)),
            analyses=load_analyses(conn),
            stories=tuple(load_stories(conn)),
            actors=tuple(load_actors(conn)),
        )


@dataclass(frozen=True)
class StoryComparison:
    """What no single article gives: the story's figures, relays, framings and events."""

    story: Story
    ledger: tuple[ClaimGroup, ...]
    relays: tuple[RelayEdge, ...]
    framings: tuple[OutletFraming, ...]
    events: tuple[StoryEvent, ...]


def latest_reported_dates(
    articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis]
) -> dict[str, str]:
    """For each undated article: the latest day it reports on, not after its anchor.

    An article cannot report what happened after it was written, so the latest past day it
    names is the closest known time of its figures; the ledger marks such dates approximate.
    """
    found: dict[str, str] = {}
    for article in articles:
        analysis = analyses.get(article.id)
        if article.published.value or analysis is None or not analysis.anchor:
            continue
        anchor = analysis.anchor
        days = [
            t.date
            for t in analysis.dates
            if t.date and t.granularity == "day" and t.date[:10] <= anchor
        ]
        if days:
            found[article.id] = max(days)[:10]
    return found


def compare_story(corpus: Corpus, story: Story, *, settings: Settings) -> StoryComparison:
    members = [a for a in corpus.articles if a.id in set(story.article_ids)]
    ledger = build_ledger(
        story,
        members,
        corpus.analyses,
        headline_rule=settings.headline_rule,
        published=latest_reported_dates(members, corpus.analyses),
        settings=settings,
    )
    voices = voices_by_outlet(story, members, corpus.analyses, actors=corpus.actors)
    framings = [
        replace(framing, voices=voices[framing.outlet][0], absent_voices=voices[framing.outlet][1])
        if framing.outlet in voices
        else framing
        for framing in frame_outlets(story, members, corpus.analyses, settings=settings)
    ]
    return StoryComparison(
        story=story,
        ledger=tuple(ledger),
        relays=tuple(relay_graph(story, members, corpus.analyses)),
        framings=tuple(framings),
        events=tuple(merge_story_events(story, members, corpus.analyses)),
    )


def compare_corpus(
    corpus: Corpus, *, settings: Settings, story_id: str | None = None
) -> list[StoryComparison]:
    """Comparisons of every story (or of one), articles outside stories each on their own."""
    stories = (corpus.story(story_id),) if story_id else corpus.stories + corpus.unstoried()
    return [compare_story(corpus, story, settings=settings) for story in stories]
