"""The typed context of each page: what the HTML template renders and the JSON twin returns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from newsprism.api import Figure, Newsprism, OutletProfile, StorySummary, figure_ids
from newsprism.ingest.sources import source_label
from newsprism.models import Article, ArticleAnalysis, ClaimReport, RemovedText
from newsprism.report.charts import VEGA_LITE_SCHEMA, figure_history_spec
from newsprism.search import SearchResults
from newsprism.store.stories import ANCHOR_METHOD_PREFIX
from newsprism.web.jobs import JobState
from newsprism.web.security import safe_href

HIGHLIGHT_KINDS = ("places", "dates", "quotes", "claims", "citations")


@dataclass(frozen=True)
class StoriesPage:
    stories: tuple[StorySummary, ...]
    total: int
    filters: Mapping[str, str]
    outlets: tuple[str, ...]
    languages: tuple[str, ...]
    charts: Mapping[str, Any]
    """Vega-Lite spec of each story's articles per day, by story id."""


@dataclass(frozen=True)
class StoryPage:
    summary: StorySummary
    figure_ids: tuple[str, ...]
    briefing: Mapping[str, Any]
    """The story's entry of the briefing: figures, timeline, map, outlets, relays."""
    charts: Mapping[str, Any]
    """Vega-Lite spec of each figure's history, by figure id."""


@dataclass(frozen=True)
class FigureReport:
    report: ClaimReport
    link: str


@dataclass(frozen=True)
class FigurePage:
    figure: Figure
    originators: tuple[tuple[str, tuple[FigureReport, ...]], ...]
    chart: Mapping[str, Any]


@dataclass(frozen=True)
class Segment:
    """A stretch of cleaned text covered by the same facts (none: plain text)."""

    text: str
    start: int
    end: int
    kinds: tuple[str, ...] = ()
    record: str | None = None
    """Anchor of the innermost fact's record row on the page."""
    label: str = ""
    target: bool = False


@dataclass(frozen=True)
class FactRow:
    kind: str
    anchor: str
    text: str
    start: int
    end: int
    detail: Mapping[str, Any]


@dataclass(frozen=True)
class MetadataField:
    name: str
    value: str | None
    how: str


@dataclass(frozen=True)
class ArticlePage:
    article_id: str
    title: str | None
    outlet: str | None
    url: str | None
    safe_url: str | None
    """The URL as a link target only when it is http(s); never ``javascript:``."""
    language: str | None
    story_id: str | None
    story_title: str | None
    duplicate_of: str | None
    metadata: tuple[MetadataField, ...]
    segments: tuple[Segment, ...]
    facts: tuple[FactRow, ...]
    removed: tuple[RemovedText, ...]
    analysed: bool
    highlight: tuple[int, int] | None = None


@dataclass(frozen=True)
class OutletArticle:
    article_id: str
    title: str | None
    published: str | None
    story_id: str | None


@dataclass(frozen=True)
class OutletPage:
    profile: OutletProfile
    stories: tuple[tuple[str, str], ...]
    articles: tuple[OutletArticle, ...] = ()
    """The outlet's articles by publication date (undated last), with their titles."""


@dataclass(frozen=True)
class SearchPage:
    results: SearchResults
    buckets: tuple[str, ...]
    stories: Mapping[str, str]
    next_offset: int | None
    previous_offset: int | None


@dataclass(frozen=True)
class UploadPage:
    jobs: tuple[JobState, ...]
    max_megabytes: int
    extensions: tuple[str, ...]


@dataclass(frozen=True)
class JobPage:
    job: JobState
    percent: int
    finished: bool
    story_titles: Mapping[str, str] = field(default_factory=dict)


# --- charts: Vega-Lite specs -----------------------------------------------------------


def articles_per_day_spec(days: Sequence[tuple[str, int]]) -> dict[str, Any]:
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "width": 160,
        "height": 36,
        "data": {"values": [{"day": d, "articles": n} for d, n in days]},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "day", "type": "ordinal", "axis": None},
            "y": {"field": "articles", "type": "quantitative", "axis": None},
        },
        "config": {"view": {"stroke": None}},
    }


# --- builders ---------------------------------------------------------------------------


def stories_page(prism: Newsprism, filters: Mapping[str, str]) -> StoriesPage:
    every = prism.stories().items
    chosen = every
    if filters.get("outlet"):
        chosen = tuple(s for s in chosen if filters["outlet"] in s.outlets)
    if filters.get("language"):
        chosen = tuple(s for s in chosen if filters["language"] in s.languages)
    if filters.get("since"):
        chosen = tuple(s for s in chosen if (s.last_date or "")[:10] >= filters["since"])
    if filters.get("until"):
        chosen = tuple(s for s in chosen if (s.first_date or "~")[:10] <= filters["until"])
    return StoriesPage(
        stories=chosen,
        total=len(every),
        filters=dict(filters),
        outlets=tuple(sorted({o for s in every for o in s.outlets})),
        languages=tuple(sorted({lang for s in every for lang in s.languages})),
        charts={s.id: articles_per_day_spec(s.articles_per_day) for s in chosen},
    )


def article_link(article_id: str, start: int, end: int) -> str:
    return f"/articles/{article_id}?hl={start}-{end}#hl"


def story_page(prism: Newsprism, story_id: str) -> StoryPage:
    comparison = prism.story(story_id)
    summary = next((s for s in prism.stories() if s.id == story_id), None)
    if summary is None:
        from newsprism.api import summarize

        summary = summarize(comparison, prism.article_index)
    entry = prism.story_briefing(story_id)
    ids = tuple(figure_ids(story_id, comparison.ledger))
    charts = {
        fid: figure_history_spec(group) for fid, group in zip(ids, comparison.ledger, strict=True)
    }
    return StoryPage(summary=summary, figure_ids=ids, briefing=entry, charts=charts)


def figure_page(prism: Newsprism, figure_id: str) -> FigurePage:
    figure = prism.figure(figure_id)
    originators = tuple(
        (
            name,
            tuple(FigureReport(r, article_link(r.article_id, r.start, r.end)) for r in reports),
        )
        for name, reports in figure.originators().items()
    )
    chart = figure_history_spec(figure.group)
    return FigurePage(figure=figure, originators=originators, chart=chart)


def _fact_label(kind: str, fact: Any) -> str:
    if kind == "claims":
        value = (
            fact.value_min
            if fact.value_max in (None, fact.value_min)
            else (f"{fact.value_min}-{fact.value_max}")
        )
        who = f" {fact.who}" if fact.who else ""
        by = f" (according to {fact.attributed_to})" if fact.attributed_to else ""
        return f"figure: {fact.category}{who} {value}{by}"
    if kind == "places":
        return f"place: {fact.name}" + (f" ({fact.country_code})" if fact.country_code else "")
    if kind == "dates":
        return f"date: {fact.date or 'unresolved'} ({fact.granularity})"
    if kind == "quotes":
        return f"quote ({fact.kind})" + (f" by {fact.speaker}" if fact.speaker else "")
    return f"citation: {fact.source} ({fact.kind})"


def _fact_detail(kind: str, fact: Any) -> dict[str, Any]:
    skip = {"article_id", "text", "start", "end"}
    return {k: v for k, v in vars(fact).items() if k not in skip and v not in (None, "", ())}


def article_segments(
    text: str, spans: Sequence[tuple[int, int, str, str, str]], highlight: tuple[int, int] | None
) -> tuple[Segment, ...]:
    """Cut ``text`` at every fact boundary; each piece knows every fact that covers it."""
    bounds = {0, len(text)}
    for start, end, *_ in spans:
        bounds.update((start, end))
    if highlight:
        bounds.update(highlight)
    cuts = sorted(b for b in bounds if 0 <= b <= len(text))
    segments = []
    for start, end in pairwise(cuts):
        if start >= end:
            continue
        covering = [s for s in spans if s[0] <= start and end <= s[1]]
        covering.sort(key=lambda s: s[1] - s[0])
        target = bool(highlight and highlight[0] <= start and end <= highlight[1])
        segments.append(
            Segment(
                text=text[start:end],
                start=start,
                end=end,
                kinds=tuple(dict.fromkeys(s[2] for s in covering)),
                record=covering[0][3] if covering else None,
                label="; ".join(dict.fromkeys(s[4] for s in covering)),
                target=target,
            )
        )
    return tuple(segments)


PUBLISHED_METHODS = {
    "record": "given by the record",
    "page_metadata": "from the page's metadata",
    "url": "from the URL",
    "text_dateline": "from the article's dateline",
    "text_inferred": "inferred from dates in the text",
    "text_partial": "not fixed: the text names a day but nothing gives its year",
    "none": "not found",
}
"""How each publication-date method reads on the article page; the code stays in the JSON."""


def published_how(method: str | None) -> str:
    """A publication date's method in words; one anchored on its story says so."""
    if not method:
        return "not found"
    anchored = method.startswith(ANCHOR_METHOD_PREFIX)
    base = method.removeprefix(ANCHOR_METHOD_PREFIX)
    words = PUBLISHED_METHODS.get(base, base)
    return f"inferred from the story ({words})" if anchored else words


def _metadata(article: Article) -> tuple[MetadataField, ...]:
    published = article.published
    how = published_how(published.method)
    if published.evidence:
        how += f": {published.evidence}"
    if published.confidence:
        how += f" (confidence {published.confidence:.2f})"

    def found(name: str) -> str:
        # articles stored before ingest recorded it say so rather than guess
        return article.how_found(name) or "not recorded (ingested by an earlier version)"

    return (
        MetadataField("title", article.title, found("title") if article.title else "not found"),
        MetadataField("outlet", article.outlet, found("outlet")),
        MetadataField("author", article.author, found("author") if article.author else "not found"),
        MetadataField("published", published.value, how),
        MetadataField("language", article.language, found("language")),
        MetadataField("url", article.url, found("url") if article.url else "not found"),
        MetadataField("source", source_label(article.source), f"read as {article.format}"),
    )


def article_page(
    prism: Newsprism, article_id: str, highlight: tuple[int, int] | None = None
) -> ArticlePage:
    article = prism.article(article_id)
    analysis: ArticleAnalysis | None = prism.analysis(article_id)
    spans: list[tuple[int, int, str, str, str]] = []
    facts: list[FactRow] = []
    if analysis is not None:
        for kind in HIGHLIGHT_KINDS:
            for n, fact in enumerate(getattr(analysis, kind)):
                if not (0 <= fact.start < fact.end <= len(article.text)):
                    continue
                anchor = f"{kind}-{n}"
                spans.append((fact.start, fact.end, kind, anchor, _fact_label(kind, fact)))
                facts.append(
                    FactRow(
                        kind,
                        anchor,
                        article.text[fact.start : fact.end],
                        fact.start,
                        fact.end,
                        _fact_detail(kind, fact),
                    )
                )
    if highlight and not (0 <= highlight[0] < highlight[1] <= len(article.text)):
        highlight = None
    return ArticlePage(
        article_id=article.id,
        title=article.title,
        outlet=article.outlet,
        url=article.url,
        safe_url=safe_href(article.url),
        language=article.language,
        story_id=article.story_id,
        story_title=_story_title(prism, article.story_id),
        duplicate_of=article.duplicate_of,
        metadata=_metadata(article),
        segments=article_segments(article.text, spans, highlight),
        facts=tuple(facts),
        removed=article.removed,
        analysed=analysis is not None,
        highlight=highlight,
    )


def _story_title(prism: Newsprism, story_id: str | None) -> str | None:
    comparison = prism.comparisons.get(story_id) if story_id else None
    return comparison.story.title if comparison else None


def outlet_page(prism: Newsprism, name: str) -> OutletPage:
    profile = prism.outlet(name)
    titles = {c.story.id: c.story.title for c in prism.comparisons.values()}
    articles = tuple(
        OutletArticle(a.id, a.title, a.published.value, a.story_id)
        for a in (prism.article(article_id) for article_id in profile.article_ids)
    )
    return OutletPage(
        profile=profile,
        stories=tuple((sid, titles.get(sid, sid)) for sid in profile.story_ids),
        articles=tuple(sorted(articles, key=lambda a: (a.published or "9999", a.title or ""))),
    )


def search_page(prism: Newsprism, results: SearchResults, size: int) -> SearchPage:
    from newsprism.search import BUCKETS

    titles = {c.story.id: c.story.title for c in prism.comparisons.values()}
    end = results.offset + len(results.hits)
    return SearchPage(
        results=results,
        buckets=BUCKETS,
        stories=titles,
        next_offset=end if end < results.total else None,
        previous_offset=max(0, results.offset - size) if results.offset else None,
    )
