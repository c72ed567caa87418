"""Builders for hand-made articles and analyses used by the comparison tests."""

from __future__ import annotations

import hashlib

from newsprism.models import (
    Article,
    ArticleAnalysis,
    Citation,
    Claim,
    Place,
    PublicationDate,
    Quote,
    Story,
)


def article(
    article_id: str,
    outlet: str | None,
    text: str,
    *,
    published: str | None = None,
    duplicate_of: str | None = None,
) -> Article:
    return Article(
        id=article_id,
        source=f"/corpus/{article_id}.txt",
        text=text,
        content_hash=hashlib.sha1(text.encode()).hexdigest(),
        outlet=outlet,
        published=PublicationDate(value=published, method="given", confidence=1.0),
        duplicate_of=duplicate_of,
    )


def span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def claim(
    art: Article,
    phrase: str,
    category: str,
    low: float | None,
    high: float | None,
    qualifier: str = "exact",
    *,
    who: str | None = "unspecified",
    attributed_to: str | None = None,
    relayed_by: str | None = None,
    date: str | None = None,
    place: str | None = None,
    vague_rule: str | None = None,
) -> Claim:
    start, end = span(art.text, phrase)
    return Claim(
        article_id=art.id,
        category=category,
        value_min=low,
        value_max=high,
        qualifier=qualifier,
        text=art.text[start:end],
        start=start,
        end=end,
        outlet=art.outlet,
        who=who,
        place=place,
        date=date,
        attributed_to=attributed_to,
        relayed_by=relayed_by,
        vague_rule=vague_rule,
    )


def citation(
    art: Article, phrase: str, source: str, kind: str, originator: str | None = None
) -> Citation:
    start, end = span(art.text, phrase)
    return Citation(art.id, source, kind, start, end, originator)


def quote(art: Article, phrase: str, speaker: str | None, speaker_id: str | None = None) -> Quote:
    start, end = span(art.text, phrase)
    return Quote(art.id, art.text[start:end], "direct", start, end, speaker, speaker_id)


def place(art: Article, name: str, country: str, feature: str = "city") -> Place:
    start, end = span(art.text, name)
    return Place(art.id, name, name, start, end, country_code=country, feature=feature)


def analysis(art: Article, **facts: object) -> ArticleAnalysis:
    return ArticleAnalysis(article_id=art.id, pipeline_version="test", **facts)  # type: ignore[arg-type]


def story_of(*articles: Article) -> Story:
    return Story(id="story-1", article_ids=tuple(a.id for a in articles), title="test story")
