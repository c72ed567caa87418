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
    notes: tuple[str, ...] = ()
    """What the reader set aside or repaired (a field of the wrong type, a date that is none)."""


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
    found_by: tuple[tuple[str, str], ...] = ()
    """How each metadata field was found: ("outlet", "site signature"), ("language",
    "detected from the text") ...; the publication date says it in ``published.method``."""

    def how_found(self, field_name: str) -> str | None:
        return dict(self.found_by).get(field_name)


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
    warnings: tuple[IngestFailure, ...] = ()
    """Articles stored with part of their record set aside, each with the reason."""

    @property
    def read_any(self) -> bool:
        return bool(self.stored or self.duplicates or self.unchanged)


# --- analysis -------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A person or organisation named in an article, linked to a corpus-wide actor.

    ``title`` is the office the text gives the person ("president"), ``country`` the
    nationality it gives (ISO alpha-2, from "Kazakh President ..." or "Peru's ministry"),
    ``key`` the canonical form the corpus-wide merge groups by.
    """

    article_id: str
    text: str
    label: str
    start: int
    end: int
    actor_id: str | None = None
    title: str | None = None
    country: str | None = None
    key: str | None = None


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
    """A source an article relies on; ``text`` is the attribution phrase at ``start:end``."""

    article_id: str
    source: str
    kind: str
    start: int
    end: int
    originator: str | None = None
    text: str = ""


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
    stated: str | None = None
    """The day the figure was given when the text dates the statement ("said on Friday")."""
    covers: str | None = None
    """The period counted: an incident day, ``since YYYY-MM-DD`` or ``cumulative``."""
    subset_of: int | None = None
    """``start`` of the claim this one is a part of ("including 5 children", "two of them")."""
    rising: bool = False
    """The text presents the figure as replacing a smaller one ("rose to", "up from")."""
    site: str | None = None
    """The one facility the figure was counted at, as written ("the Royal Care hospital")."""
    operation: str | None = None
    """The one operation a count of detentions was made in, as written ("overnight raids",
    "raided three locations"): a raid's arrests are not the running arrest total."""


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
    anchor: str | None = None
    anchor_basis: str | None = None


# --- stories and comparison -------------------------------------------------


@dataclass(frozen=True)
class Story:
    """Articles grouped by the event they cover."""

    id: str
    article_ids: tuple[str, ...]
    title: str
    first_date: str | None = None
    last_date: str | None = None
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnchoredDate:
    """A publication date fixed by the story an undated article belongs to."""

    article_id: str
    value: str
    method: str
    evidence: str


@dataclass(frozen=True)
class ClaimReport:
    """One reported figure in a claim ledger: who reported what, when, on whose word."""

    outlet: str
    article_id: str
    value_min: float | None
    value_max: float | None
    qualifier: str
    date: str | None
    attributed_to: str | None
    relayed_by: str | None
    text: str
    start: int
    end: int
    published: str | None = None
    retracted: bool = False
    approximate: bool = False
    """True when ``date`` is the latest date the undated article mentions, not a stated one."""
    stated: str | None = None
    """When the figure was given: the statement's own day, else the publication day
    (``approximate`` when that comes from story anchoring). ``date`` repeats it."""
    covers: str | None = None
    """The period counted: an incident day, ``since YYYY-MM-DD``, ``cumulative`` or unknown."""
    originator: str | None = None
    """The institution the figure comes from (a person's title resolved to their body), or
    the outlet itself for its own unattributed figure."""
    rising: bool = False
    """The text presents the figure as a rise over an earlier one ("rose to")."""
    site: str | None = None
    """The facility the figure was counted at ("the Royal Care hospital"), if the text says."""
    operation: str | None = None
    """The operation a count of detentions was made in ("overnight raids"), if the text says."""


@dataclass(frozen=True)
class OriginatorSeries:
    """One originator's own reports of a figure, in ``stated`` order, with its latest value."""

    originator: str
    report_indexes: tuple[int, ...]
    """Positions in the figure's ``reports``."""
    latest_min: float | None
    latest_max: float | None
    latest_stated: str | None


@dataclass(frozen=True)
class ClaimGroup:
    """Every report of one figure (category, group counted) within a story, with its status."""

    story_id: str
    category: str
    who: str | None
    status: str
    independent_sources: int
    reports: tuple[ClaimReport, ...]
    headline_min: float | None = None
    headline_max: float | None = None
    headline_rule: str = "conservative"
    why: str = ""
    place: str | None = None
    scope: str = "unspecified"
    """``national``, ``local: <place>``, or ``unspecified`` where no place is named; with
    ``, cumulative`` or ``, incident <day>`` where all its reports count one period."""
    parent: int | None = None
    """Index in the story's ledger of the total this figure is a part of."""
    series: tuple[OriginatorSeries, ...] = ()
    latest_min: float | None = None
    latest_max: float | None = None
    group_labels: tuple[str, ...] = ()
    """How the outlets name the counted group ("police", "law enforcement"): framing."""


@dataclass(frozen=True)
class RelayEdge:
    """An outlet citing a source (or another outlet), with how often and where."""

    story_id: str
    outlet: str
    source: str
    kind: str
    count: int
    article_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutletFraming:
    """How one outlet frames a story: its labels, narratives, hedges and voices."""

    story_id: str
    outlet: str
    article_ids: tuple[str, ...]
    labels: dict[str, int] = field(default_factory=dict)
    quoted_labels: dict[str, int] = field(default_factory=dict)
    label_groups: dict[str, int] = field(default_factory=dict)
    narratives: dict[str, float] = field(default_factory=dict)
    narrative_evidence: dict[str, tuple[tuple[str, int, int], ...]] = field(default_factory=dict)
    hedges: dict[str, int] = field(default_factory=dict)
    loaded_terms: dict[str, int] = field(default_factory=dict)
    scare_quotes: tuple[str, ...] = ()
    rhetorical_questions: tuple[tuple[str, str, int, int], ...] = ()
    quote_share: float = 0.0
    genre: str = "news"
    voices: tuple[str, ...] = ()
    absent_voices: tuple[str, ...] = ()
    cited_sources: dict[str, int] = field(default_factory=dict)
    # provenance and reasons (framing.py): the article of each narrative_evidence entry, in
    # order; (article_id, text, start, end) of each scare quote; the signals behind ``genre``
    narrative_evidence_articles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    scare_quote_spans: tuple[tuple[str, str, int, int], ...] = ()
    genre_features: dict[str, float] = field(default_factory=dict)
