"""Story events: the same event reported by several articles merged into one record.

Two reports are one event when they share the story, the type, the date (both
undated counts as the same) and the place (the same named place, or one of them
unplaced). The merged event keeps every report's provenance, the most precise place
and date any report gives, the actor and target most reports name, and the lowest
count (a conservative figure; each report's own count stays in ``reports``).
Re-posts are left out: their reports are their original's.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsprism.models import Article, ArticleAnalysis, Event, Story

_GEO_RANK = {"exact": 0, "region": 1, "country": 2, None: 3}
_TIME_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, None: 4}


@dataclass(frozen=True)
class EventReport:
    """Where one article reports a story event."""

    article_id: str
    outlet: str | None
    text: str
    start: int
    end: int
    count: float | None
    actor: str | None = None
    target: str | None = None
    date: str | None = None
    time_precision: str | None = None


@dataclass(frozen=True)
class StoryEvent:
    id: str
    story_id: str
    type: str
    date: str | None
    place: str | None
    lat: float | None
    lon: float | None
    geo_precision: str | None
    time_precision: str | None
    actor: str | None
    target: str | None
    count: float | None
    article_ids: tuple[str, ...]
    reports: tuple[EventReport, ...]


def _most_common(values: Sequence[str | None]) -> str | None:
    named = [v for v in values if v]
    return Counter(named).most_common(1)[0][0] if named else None


def _event_id(story_id: str, key: tuple[str, str | None, str | None]) -> str:
    digest = hashlib.sha1(f"{story_id}|{key}".encode()).hexdigest()[:12]
    return f"ev-{digest}"


def _merge(
    story_id: str,
    key: tuple[str, str | None, str | None],
    members: Sequence[tuple[Event, str | None]],
) -> StoryEvent:
    events = [event for event, _ in members]
    best_place = min(events, key=lambda e: _GEO_RANK.get(e.geo_precision, 3))
    best_time = min(events, key=lambda e: _TIME_RANK.get(e.time_precision, 4))
    counts = [e.count for e in events if e.count is not None]
    article_ids = tuple(dict.fromkeys(e.article_id for e in events))
    return StoryEvent(
        id=_event_id(story_id, key),
        story_id=story_id,
        type=key[0],
        date=best_time.date,
        place=best_place.place,
        lat=best_place.lat,
        lon=best_place.lon,
        geo_precision=best_place.geo_precision,
        time_precision=best_time.time_precision,
        actor=_most_common([e.actor for e in events]),
        target=_most_common([e.target for e in events]),
        count=min(counts) if counts else None,
        article_ids=article_ids,
        reports=tuple(
            EventReport(
                e.article_id,
                outlet,
                e.text,
                e.start,
                e.end,
                e.count,
                actor=e.actor,
                target=e.target,
                date=e.date,
                time_precision=e.time_precision,
            )
            for e, outlet in members
        ),
    )


def merge_story_events(
    story: Story, articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis]
) -> list[StoryEvent]:
    """The story's events, one record per distinct event, ordered by date then type."""
    by_id = {article.id: article for article in articles}
    groups: dict[tuple[str, str | None, str | None], list[tuple[Event, str | None]]] = {}
    for article_id in story.article_ids:
        article = by_id.get(article_id)
        analysis = analyses.get(article_id)
        if article is None or analysis is None or article.duplicate_of:
            continue
        for event in analysis.events:
            place = event.place if event.geo_precision in {"exact", "region"} else None
            groups.setdefault((event.type, event.date, place), []).append((event, article.outlet))
    # An unplaced report joins the one placed event of its type and date, when there is one.
    for key in [k for k in groups if k[2] is None]:
        placed = [k for k in groups if k[:2] == key[:2] and k[2] is not None]
        if len(placed) == 1:
            groups[placed[0]].extend(groups.pop(key))
    return [_merge(story.id, key, members) for key, members in sorted(groups.items(), key=_order)]


def _order(item: tuple[tuple[str, str | None, str | None], object]) -> tuple[str, str, str]:
    (kind, date, place), _ = item
    return (date or "9999", kind, place or "")
