"""The Python API: one object over a store, with the same functions the CLI and web app call.

>>> import newsprism
>>> with newsprism.open("sqlite:///crisis.db") as prism:   # doctest: +SKIP
...     prism.run(["articles/"])
...     for story in prism.stories():
...         print(story.title, story.article_count)
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from newsprism.errors import NotFound
from newsprism.models import ClaimGroup, ClaimReport
from newsprism.settings import Settings, load_settings
from newsprism.tables import to_pandas

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from newsprism.compare.corpus import Corpus, StoryComparison
    from newsprism.models import Article, ArticleAnalysis, IngestReport
    from newsprism.pipeline import AnalyzeReport, RunReport, StageProgress
    from newsprism.search import SearchResults

T = TypeVar("T")


@dataclass(frozen=True)
class Rows(Generic[T]):
    """A tuple of frozen records that also turns into a data frame."""

    items: tuple[T, ...]

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> T:
        return self.items[index]

    def to_pandas(self) -> Any:
        return to_pandas(self.items)


@dataclass(frozen=True)
class StorySummary:
    """One line of the stories list: size, outlets, languages, period, and figure flags."""

    id: str
    title: str
    article_count: int
    outlets: tuple[str, ...]
    languages: tuple[str, ...]
    first_date: str | None
    last_date: str | None
    articles_per_day: tuple[tuple[str, int], ...]
    figures: int
    conflicting_figures: int
    single_source_figures: int


SINGLE_SOURCE = "single_source"
CONFLICTING = "conflicting"


def summarize(comparison: StoryComparison, articles: Mapping[str, Article]) -> StorySummary:
    story = comparison.story
    members = [articles[i] for i in story.article_ids if i in articles]
    days = Counter((a.published.value or "")[:10] for a in members if a.published.value)
    statuses = Counter(group.status for group in comparison.ledger)
    return StorySummary(
        id=story.id,
        title=story.title,
        article_count=len(members),
        outlets=tuple(sorted({a.outlet for a in members if a.outlet})),
        languages=tuple(sorted({a.language for a in members if a.language})),
        first_date=story.first_date,
        last_date=story.last_date,
        articles_per_day=tuple(sorted(days.items())),
        figures=len(comparison.ledger),
        conflicting_figures=statuses[CONFLICTING],
        single_source_figures=statuses[SINGLE_SOURCE],
    )


@dataclass(frozen=True)
class Figure:
    """One ledger group (every report of one figure in a story) under a stable id."""

    id: str
    story_id: str
    story_title: str
    group: ClaimGroup
    parent_id: str | None = None
    """The id of the total this figure is a part of ("two of them"), if any."""

    def originators(self) -> dict[str, tuple[ClaimReport, ...]]:
        """Each originator's own series (institutions, as the ledger counts them), in order."""
        if self.group.series:
            return {
                series.originator: tuple(self.group.reports[i] for i in series.report_indexes)
                for series in self.group.series
            }
        found: dict[str, list[ClaimReport]] = {}
        for report in self.group.reports:
            found.setdefault(report.attributed_to or "unattributed", []).append(report)
        return {name: tuple(reports) for name, reports in found.items()}


def figure_ids(story_id: str, ledger: Sequence[ClaimGroup]) -> list[str]:
    """Ids that stay the same while a figure's story, category, group and place do."""
    ids: list[str] = []
    for group in ledger:
        key = f"{story_id}|{group.category}|{group.who or ''}|{group.place or ''}"
        base = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
        candidate, n = base, 1
        while candidate in ids:
            n += 1
            candidate = f"{base}-{n}"
        ids.append(candidate)
    return ids


@dataclass(frozen=True)
class OutletFigure:
    figure_id: str
    story_id: str
    category: str
    who: str | None
    status: str
    how: str
    """``first`` (this outlet reported it before any other) or ``alone`` (no other did)."""


@dataclass(frozen=True)
class OutletProfile:
    """One outlet across stories: its labels, narratives, relayed sources, and its figures."""

    name: str
    article_ids: tuple[str, ...]
    story_ids: tuple[str, ...]
    labels: tuple[tuple[str, int], ...]
    narratives: tuple[tuple[str, float], ...]
    relayed_sources: tuple[tuple[str, int], ...]
    figures: tuple[OutletFigure, ...]
    note: str | None = None


def _ranked(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _report_time(report: ClaimReport) -> str:
    return report.published or report.date or ""


class Newsprism:
    """A newsprism store: ingest, analyse and group articles; read stories, figures, hits.

    Comparisons are computed from the store when first asked for and kept until the
    store changes through this object (``ingest``, ``analyze``, ``run``).
    """

    def __init__(
        self,
        db_url: str | None = None,
        *,
        settings: Settings | None = None,
        config: Path | None = None,
    ) -> None:
        if settings is None:
            settings = load_settings(config, db=db_url)
        elif db_url is not None:
            settings = replace(settings, db=db_url)
        self.settings = settings

    # --- the store -----------------------------------------------------------------
    @cached_property
    def engine(self) -> Engine:
        from newsprism.store.database import open_store

        return open_store(self.settings.db)

    @cached_property
    def read_engine(self) -> Engine:
        """The store opened for reading only (nothing created, migrated or journalled).

        Reading calls use it, so reading a database never writes to it; once this object
        has written (``run``, ``ingest``, ``analyze``), its writable engine serves reads too.
        """
        if "engine" in self.__dict__:
            return self.engine
        from newsprism.store.database import open_store

        return open_store(self.settings.db, readonly=True)

    def close(self) -> None:
        self._drop_read_engine()
        if "engine" in self.__dict__:
            self.__dict__.pop("engine").dispose()
        self.forget()

    def _drop_read_engine(self) -> None:
        reader = self.__dict__.pop("read_engine", None)
        if reader is not None and reader is not self.__dict__.get("engine"):
            reader.dispose()

    def __enter__(self) -> Newsprism:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def forget(self) -> None:
        """Drop what was computed from the store (after it changed elsewhere)."""
        for name in (
            "corpus",
            "comparisons",
            "summaries",
            "figures",
            "article_index",
            "_story_briefings",
        ):
            self.__dict__.pop(name, None)

    # --- stages ----------------------------------------------------------------------
    def run(
        self,
        paths: Sequence[str | Path] = (),
        *,
        stages: Sequence[str] | None = None,
        workers: int = 1,
        progress: StageProgress | None = None,
        outlet: str | None = None,
    ) -> RunReport:
        """Ingest ``paths``, analyse, and group into stories (or only the ``stages`` named).

        ``outlet`` names the outlet of every article read (it wins over what is found).
        """
        from newsprism.ingest.assemble import IngestOverrides
        from newsprism.pipeline import STAGES, run

        self._drop_read_engine()  # from now on reads follow this object's writes
        try:
            return run(
                [str(p) for p in paths],
                engine=self.engine,
                settings=self.settings,
                stages=STAGES if stages is None else tuple(stages),
                workers=workers,
                progress=progress,
                overrides=IngestOverrides(outlet=outlet) if outlet else None,
            )
        finally:
            self.forget()

    def ingest(
        self, paths: Sequence[str | Path], *, outlet: str | None = None, workers: int = 1
    ) -> IngestReport:
        """Read, clean and store ``paths``; ``outlet`` names the outlet of every article.

        ``workers`` > 1 cleans in that many processes; the stored articles are the same.
        """
        report = self.run(paths, stages=("ingest",), outlet=outlet, workers=workers).ingest
        assert report is not None
        return report

    def analyze(self, *, workers: int = 1) -> AnalyzeReport:
        """Analyse new articles, then group into stories (which can re-date some)."""
        report = self.run(stages=("analyze", "stories"), workers=workers).analysis
        assert report is not None
        return report

    # --- reading ---------------------------------------------------------------------
    @cached_property
    def corpus(self) -> Corpus:
        from newsprism.compare.corpus import load_corpus

        return load_corpus(self.read_engine)

    @cached_property
    def comparisons(self) -> dict[str, StoryComparison]:
        from newsprism.compare.corpus import compare_corpus

        return {c.story.id: c for c in compare_corpus(self.corpus, settings=self.settings)}

    @cached_property
    def summaries(self) -> tuple[StorySummary, ...]:
        articles = {a.id: a for a in self.corpus.articles}
        grouped = [c for c in self.comparisons.values() if not c.story.id.startswith("article-")]
        return tuple(summarize(c, articles) for c in grouped)

    def stories(self) -> Rows[StorySummary]:
        """Every story, largest first."""
        return Rows(tuple(sorted(self.summaries, key=lambda s: (-s.article_count, s.id))))

    def story(self, story_id: str) -> StoryComparison:
        """A story's figures (ledger), relays, outlet framings and merged events."""
        found = self.comparisons.get(story_id)
        if found is None:
            raise NotFound(f"no story {story_id!r}", where="stories")
        return found

    @cached_property
    def article_index(self) -> dict[str, Article]:
        return {article.id: article for article in self.corpus.articles}

    def article(self, article_id: str) -> Article:
        found = self.article_index.get(article_id)
        if found is None:
            raise NotFound(f"no article {article_id!r}", where="articles")
        return found

    @cached_property
    def figures(self) -> dict[str, Figure]:
        found: dict[str, Figure] = {}
        for comparison in self.comparisons.values():
            story = comparison.story
            ids = figure_ids(story.id, comparison.ledger)
            for figure_id, group in zip(ids, comparison.ledger, strict=True):
                parent = ids[group.parent] if group.parent is not None else None
                found[figure_id] = Figure(figure_id, story.id, story.title, group, parent)
        return found

    def figure(self, figure_id: str) -> Figure:
        found = self.figures.get(figure_id)
        if found is None:
            raise NotFound(f"no figure {figure_id!r}", where="figures")
        return found

    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({a.outlet for a in self.corpus.articles if a.outlet}))

    def outlet(self, name: str) -> OutletProfile:
        """What one outlet says across every story, and the figures it had first or alone."""
        articles = tuple(a.id for a in self.corpus.articles if a.outlet == name)
        if not articles:
            raise NotFound(f"no outlet {name!r}", where="outlets")
        labels: Counter[str] = Counter()
        narratives: Counter[str] = Counter()
        sources: Counter[str] = Counter()
        stories: list[str] = []
        for comparison in self.comparisons.values():
            for framing in comparison.framings:
                if framing.outlet != name:
                    continue
                stories.append(comparison.story.id)
                labels.update(framing.labels)
                for narrative, score in framing.narratives.items():
                    narratives[narrative] = max(narratives[narrative], score)  # type: ignore[assignment]
            for edge in comparison.relays:
                if edge.outlet == name:
                    sources[edge.source] += edge.count
        figures = []
        for figure in self.figures.values():
            reports = figure.group.reports
            own = [r for r in reports if r.outlet == name]
            if not own:
                continue
            if all(r.outlet == name for r in reports):
                how = "alone"
            elif min(_report_time(r) or "~" for r in own) < min(
                _report_time(r) or "~" for r in reports if r.outlet != name
            ):
                how = "first"
            else:
                continue
            group = figure.group
            figures.append(
                OutletFigure(
                    figure.id, figure.story_id, group.category, group.who, group.status, how
                )
            )
        story_ids = tuple(dict.fromkeys(stories)) or tuple(
            dict.fromkeys(
                a.story_id for a in self.corpus.articles if a.outlet == name and a.story_id
            )
        )
        return OutletProfile(
            name=name,
            article_ids=articles,
            story_ids=story_ids,
            labels=_ranked(labels),
            narratives=tuple(sorted(narratives.items(), key=lambda kv: (-kv[1], kv[0]))),
            relayed_sources=_ranked(sources),
            figures=tuple(figures),
            note=self.settings.outlet_notes.get(name),
        )

    def analysis(self, article_id: str) -> ArticleAnalysis | None:
        return self.corpus.analyses.get(article_id)

    def briefing(self, story_id: str | None = None) -> dict[str, Any]:
        """The briefing (as in ``newsprism report --format json``) of all stories or one."""
        from newsprism.pipeline import briefing_of

        chosen = [self.story(story_id)] if story_id else list(self.comparisons.values())
        return briefing_of(self.corpus, chosen, settings=self.settings)

    @cached_property
    def _story_briefings(self) -> dict[str, dict[str, Any]]:
        return {}

    def story_briefing(self, story_id: str) -> dict[str, Any]:
        """The briefing's entry of one story (figures with evidence, timeline, map, outlets)."""
        cache = self._story_briefings
        if story_id not in cache:
            cache[story_id] = self.briefing(story_id)["stories"][0]
        return cache[story_id]

    def search(
        self,
        query: str,
        *,
        outlet: str | None = None,
        language: str | None = None,
        story: str | None = None,
        date: str | None = None,
        bucket: str = "day",
        offset: int = 0,
        limit: int | None = 20,
    ) -> SearchResults:
        """Full-text search with facets; ``limit=None`` for every hit."""
        from newsprism.search import search

        filters = {"outlet": outlet, "language": language, "story": story, "date": date}
        with self.read_engine.connect() as conn:
            return search(
                conn,
                query,
                filters={k: v for k, v in filters.items() if v},
                bucket=bucket,
                offset=offset,
                limit=limit,
            )

    def records(self, kind: str) -> Rows[dict[str, Any]]:
        """Every record of an export kind (articles, claims, ... stories), as exported."""
        from newsprism.export import export_records

        return Rows(tuple(export_records(self.read_engine, kind, settings=self.settings)))


def open(db_url: str | None = None, *, config: Path | None = None) -> Newsprism:
    """Open (creating if needed) the store at ``db_url`` (default: settings, then newsprism.db)."""
    return Newsprism(db_url, config=config)
