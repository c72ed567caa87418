"""Saving and loading stories, and the story-anchored publication dates of their articles."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Connection, and_, case, delete, insert, select, update

from newsprism.errors import NotFound
from newsprism.models import AnchoredDate, Story
from newsprism.store.tables import articles, stories

ANCHOR_METHOD_PREFIX = "story:"
"""Publication dates fixed by a story carry this prefix, so a regrouping can revise them."""


def save_stories(conn: Connection, found: Sequence[Story]) -> None:
    """Replace the stored stories and every article's story id."""
    conn.execute(update(articles).values(story_id=None))
    conn.execute(delete(stories))
    for story in found:
        conn.execute(
            insert(stories).values(
                id=story.id,
                title=story.title,
                first_date=story.first_date,
                last_date=story.last_date,
                terms=json.dumps(list(story.terms), ensure_ascii=False),
            )
        )
        if story.article_ids:
            conn.execute(
                update(articles)
                .where(articles.c.id.in_(story.article_ids))
                .values(story_id=story.id)
            )


def update_stories(conn: Connection, changed: Sequence[Story]) -> None:
    """Write ``changed`` stories (new, or with new members or description), leaving the
    other stored stories and their articles alone."""
    for story in changed:
        conn.execute(delete(stories).where(stories.c.id == story.id))
        conn.execute(
            insert(stories).values(
                id=story.id,
                title=story.title,
                first_date=story.first_date,
                last_date=story.last_date,
                terms=json.dumps(list(story.terms), ensure_ascii=False),
            )
        )
        ids = list(story.article_ids)
        for first in range(0, len(ids), 500):
            conn.execute(
                update(articles)
                .where(articles.c.id.in_(ids[first : first + 500]))
                .values(story_id=story.id)
            )


def load_stories(conn: Connection) -> list[Story]:
    members: dict[str, list[str]] = {}
    for article_id, story_id in conn.execute(
        select(articles.c.id, articles.c.story_id)
        .where(articles.c.story_id.is_not(None))
        .order_by(articles.c.ingested_at, articles.c.source)
    ):
        members.setdefault(story_id, []).append(article_id)
    return [
        Story(
            id=row.id,
            title=row.title,
            first_date=row.first_date,
            last_date=row.last_date,
            terms=tuple(json.loads(row.terms)),
            article_ids=tuple(members.get(row.id, ())),
        )
        # Undated stories first on every engine (PostgreSQL would sort NULL last).
        for row in conn.execute(
            select(stories).order_by(stories.c.first_date.asc().nulls_first(), stories.c.id)
        )
    ]


def load_story(conn: Connection, story_id: str) -> Story:
    for story in load_stories(conn):
        if story.id == story_id:
            return story
    raise NotFound(f"no story {story_id!r}")


def clear_story_anchors(conn: Connection, article_ids: Sequence[str] | None = None) -> None:
    """Forget publication dates a previous grouping fixed (of every article, or of
    ``article_ids``), keeping the article's own evidence."""
    if article_ids is None:
        _clear_anchors(conn, None)
        return
    ids = list(article_ids)
    for first in range(0, len(ids), 500):
        _clear_anchors(conn, ids[first : first + 500])


def _clear_anchors(conn: Connection, ids: Sequence[str] | None) -> None:
    anchored = articles.c.published_method.like(f"{ANCHOR_METHOD_PREFIX}%")
    chosen = anchored if ids is None else and_(anchored, articles.c.id.in_(list(ids)))
    conn.execute(
        update(articles)
        .where(chosen)
        .values(
            published=None,
            published_method=case(
                (articles.c.published_hints == "[]", "none"), else_="text_partial"
            ),
            published_confidence=0.0,
            published_evidence=None,
        )
    )


def save_anchored_dates(conn: Connection, anchored: Sequence[AnchoredDate]) -> None:
    for anchor in anchored:
        conn.execute(
            update(articles)
            .where(articles.c.id == anchor.article_id, articles.c.published.is_(None))
            .values(
                published=anchor.value,
                published_method=f"{ANCHOR_METHOD_PREFIX}{anchor.method}",
                published_confidence=0.6,
                published_evidence=anchor.evidence,
            )
        )
