"""Frozen dataclasses passed between the stages.

Every fact extracted from an article carries ``article_id`` and ``start``/``end``
character offsets into that article's cleaned ``text``: ``text[start:end]`` is
the span the fact was read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- ingest ---------------------------------------------------------------


@dataclass(frozen=True)
class RawDocument:
    """One article as a reader found it, before cleaning.

    ``source`` is where it came from as the user gave it (a path, ``path#line 3``
    for a JSON lines record, ``path#record 2`` for a WARC or feed entry).
    Exactly one of ``text`` and ``html`` is set.
    """

    source: str
    format: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class RemovedText:
    """A piece of the raw text that cleaning dropped, and why."""

    text: str
    reason: str
    line: int | None = None


@dataclass(frozen=True)
class CleanedText:
    """Main text of an article with what was removed and metadata found on the way."""

    text: str
    removed: tuple[RemovedText, ...] = ()
    title: str | None = None
    author: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class PublicationDate:
    """A publication date with how it was obtained and how sure we are of it.

    ``value`` is an ISO date (``2022-01-07``) or None when the evidence does not
    fix a year. ``hints`` keeps partial evidence (a month and day, a weekday) for
    later stages to anchor against the story's other articles.
    """

    value: str | None
    method: str
    confidence: float
    evidence: str | None = None
    hints: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Article:
    id: str
    source: str
    text: str
    content_hash: str
    format: str = "text"
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: PublicationDate = field(
        default_factory=lambda: PublicationDate(value=None, method="none", confidence=0.0)
    )
    language: str | None = None
    raw_text: str = ""
    removed: tuple[RemovedText, ...] = ()
    duplicate_of: str | None = None
    duplicate_kind: str | None = None
    story_id: str | None = None


@dataclass(frozen=True)
class IngestFailure:
    where: str
    reason: str


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did: nothing is lost silently."""

    stored: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    failed: tuple[IngestFailure, ...] = ()

    @property
    def read_any(self) -> bool:
        return bool(self.stored or self.duplicates or self.unchanged)


# --- analysis -------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A person or organisation named in an article, linked to a corpus-wide actor."""

    article_id: str
    text: str
    label: str
    start: int
    end: int
    actor_id: str | None = None


@dataclass(frozen=True)
class Actor:
    """A person or organisation merged across the corpus."""

    id: str
    name: str
    kind: str
    role: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    article_id: str
    text: str
    name: str
    start: int
    end: int
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    feature: str | None = None
    method: str = "gazetteer"


@dataclass(frozen=True)
class TimeExpression:
    """A time expression resolved to a calendar date against an anchor."""

    article_id: str
    text: str
    start: int
    end: int
    date: str | None = None
    granularity: str = "day"
    anchor: str | None = None
    method: str = ""


@dataclass(frozen=True)
class Quote:
    article_id: str
    text: str
    kind: str
    start: int
    end: int
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(frozen=True)
class Citation:
    article_id: str
    source: str
    kind: str
    start: int
    end: int
    originator: str | None = None


@dataclass(frozen=True)
class Claim:
    article_id: str
    category: str
    value_min: float | None
    value_max: float | None
    qualifier: str
    text: str
    start: int
    end: int
    outlet: str | None = None
    who: str | None = None
    place: str | None = None
    date: str | None = None
    attributed_to: str | None = None
    relayed_by: str | None = None
    vague_rule: str | None = None
    who_text: str | None = None


@dataclass(frozen=True)
class Event:
    """One typed event as one article reports it."""

    article_id: str
    type: str
    text: str
    start: int
    end: int
    date: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    time_precision: str | None = None
    actor: str | None = None
    target: str | None = None
    count: float | None = None


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything the NLP stage found in one article."""

    article_id: str
    pipeline_version: str
    mentions: tuple[Mention, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[TimeExpression, ...] = ()
    quotes: tuple[Quote, ...] = ()
    citations: tuple[Citation, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
