"""Building the pipeline and running it over articles."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from newsprism.models import ArticleAnalysis, TimeExpression
from newsprism.nlp.chunks import MAX_CHARS, join_analyses, split_text
from newsprism.nlp.extensions import register_extensions
from newsprism.nlp.model import choose_model, load_model
from newsprism.settings import Settings

# Order matters: later components read what earlier ones put on ``doc._``.
COMPONENTS = (
    "newsprism_places",
    "newsprism_dates",
    "newsprism_actors",
    "newsprism_citations",
    "newsprism_quotes",
    "newsprism_claims",
    "newsprism_events",
)
COMPONENTS_VERSION = "2"


@dataclass(frozen=True)
class AnalysisInput:
    article_id: str
    text: str
    published: str | None = None
    outlet: str | None = None
    anchor_basis: str | None = None
    """How ``published`` is known when it is not the article's own date (a provisional anchor)."""


def _import_components() -> None:
    from newsprism.nlp import (  # noqa: F401
        actors,
        citations,
        claims,
        dates,
        events,
        paragraphs,
        places,
        quotes,
    )


def make_nlp(settings: Settings | None = None) -> Language:
    """The spaCy model chosen by ``settings.model`` with every newsprism component added."""
    settings = settings or Settings()
    register_extensions()
    _import_components()
    nlp = load_model(settings.model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsprism_paragraphs", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def pipeline_version(nlp: Language) -> str:
    """Changes whenever the model or our components change, so analysis can resume safely."""
    meta = nlp.meta
    key = (
        f"{meta.get('name')}-{meta.get('version')}|{','.join(nlp.pipe_names)}|{COMPONENTS_VERSION}"
    )
    return hashlib.sha1(key.encode()).hexdigest()[:12]


def make_docs(nlp: Language, items: Iterable[AnalysisInput]) -> Iterator[Doc]:
    register_extensions()
    for item in items:
        doc = nlp.make_doc(item.text)
        doc._.article_id = item.article_id
        doc._.published = item.published
        doc._.outlet = item.outlet
        doc._.anchor_basis = item.anchor_basis
        yield doc


def _restate_anchor(expression: TimeExpression, published: str, basis: str) -> TimeExpression:
    """Say what a provisional anchor is wherever the dates stage wrote "published <date>"."""
    if expression.anchor is None:
        return expression
    return replace(
        expression,
        anchor=expression.anchor.replace(f"published {published}", f"{basis} {published}"),
    )


def to_analysis(doc: Doc, version: str) -> ArticleAnalysis:
    dates = tuple(doc._.time_expressions or ())
    if doc._.published and doc._.anchor_basis:
        dates = tuple(_restate_anchor(d, doc._.published, doc._.anchor_basis) for d in dates)
    return ArticleAnalysis(
        article_id=doc._.article_id,
        pipeline_version=version,
        mentions=tuple(doc._.mentions or ()),
        places=tuple(doc._.places or ()),
        dates=dates,
        quotes=tuple(doc._.quotes or ()),
        citations=tuple(doc._.citations or ()),
        claims=tuple(doc._.claims or ()),
        events=tuple(doc._.events or ()),
        anchor=doc._.published,
        anchor_basis=doc._.anchor_basis or ("publication date" if doc._.published else None),
    )


def analyze_texts(
    nlp: Language,
    items: Iterable[AnalysisInput],
    *,
    batch_size: int = 16,
    version: str | None = None,
    max_chars: int = MAX_CHARS,
) -> Iterator[ArticleAnalysis]:
    """Run ``nlp`` over the articles in batches, yielding one analysis per article.

    Articles longer than ``max_chars`` are analysed in chunks (see nlp/chunks.py).
    """
    version = version or pipeline_version(nlp)
    pieces: list[tuple[int, int]] = []  # (offset, chunks in the article) per piece, in order

    def chunked() -> Iterator[AnalysisInput]:
        for item in items:
            parts = split_text(item.text, max_chars=max_chars)
            for offset, chunk in parts:
                pieces.append((offset, len(parts)))
                yield replace(item, text=chunk)

    collected: list[tuple[int, ArticleAnalysis]] = []
    for index, doc in enumerate(nlp.pipe(make_docs(nlp, chunked()), batch_size=batch_size)):
        offset, total = pieces[index]
        collected.append((offset, to_analysis(doc, version)))
        if len(collected) == total:
            yield join_analyses(collected)
            collected = []


__all__ = ["AnalysisInput", "analyze_texts", "choose_model", "make_nlp", "pipeline_version"]
