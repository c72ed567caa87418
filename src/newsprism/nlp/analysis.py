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
from newsprism.nlp.languages import FOREIGN_LANGUAGES, analyze_foreign, unanalysed
from newsprism.nlp.model import choose_model, load_model
from newsprism.nlp.parse_cache import ParseCache
from newsprism.settings import Settings

# Order matters: later components read what earlier ones put on ``doc._``.
COMPONENTS = (
    "newsprism_sentence_index",
    "newsprism_places",
    "newsprism_dates",
    "newsprism_actors",
    "newsprism_citations",
    "newsprism_quotes",
    "newsprism_claims",
    "newsprism_events",
)
COMPONENTS_VERSION = "3"


@dataclass(frozen=True)
class AnalysisInput:
    article_id: str
    text: str
    published: str | None = None
    outlet: str | None = None
    anchor_basis: str | None = None
    """How ``published`` is known when it is not the article's own date (a provisional anchor)."""
    language: str | None = None
    """The article's language code; None or English goes through the spaCy pipeline."""


def _import_components() -> None:
    from newsprism.nlp import (  # noqa: F401
        actors,
        citations,
        claims,
        dates,
        doc_index,
        events,
        paragraphs,
        places,
        quotes,
    )


def component_config(name: str, settings: Settings) -> dict[str, object]:
    """The factory config ``make_nlp`` gives component ``name``: what the settings say."""
    config: dict[str, object] = {
        "lexicons": {key: list(entries) for key, entries in settings.lexicons.items()}
    }
    if name == "newsprism_claims":
        config["vague_quantities"] = {
            word: [low, high] for word, (low, high) in settings.vague_quantities.items()
        }
    return config


def make_nlp(settings: Settings | None = None) -> Language:
    """The spaCy model chosen by ``settings.model`` with every newsprism component added.

    Settings reach each component through its factory config (``component_config``): the
    user's ``[lexicons]`` entries, and for claims the user's vague quantities; a component
    whose factory takes no such setting gets none."""
    settings = settings or Settings()
    register_extensions()
    _import_components()
    nlp = load_model(settings.model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsprism_paragraphs", before="parser")
    for name in COMPONENTS:
        accepted = Language.get_factory_meta(name).default_config or {}
        config = component_config(name, settings)
        nlp.add_pipe(name, config={k: v for k, v in config.items() if k in accepted})
    return nlp


def pipeline_version(nlp: Language) -> str:
    """Changes whenever the model or our components change, so analysis can resume safely."""
    meta = nlp.meta
    key = (
        f"{meta.get('name')}-{meta.get('version')}|{','.join(nlp.pipe_names)}|{COMPONENTS_VERSION}"
    )
    return hashlib.sha1(key.encode()).hexdigest()[:12]


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


def _run_components(nlp: Language, doc: Doc) -> Doc:
    """Only newsprism's own components, on a doc whose parse came from the cache."""
    for name in COMPONENTS:
        if name in nlp.pipe_names:
            doc = nlp.get_pipe(name)(doc)
    return doc


def _with_context(doc: Doc, item: AnalysisInput) -> Doc:
    doc._.article_id = item.article_id
    doc._.published = item.published
    doc._.outlet = item.outlet
    doc._.anchor_basis = item.anchor_basis
    return doc


def analyze_texts(
    nlp: Language,
    items: Iterable[AnalysisInput],
    *,
    batch_size: int = 16,
    version: str | None = None,
    max_chars: int = MAX_CHARS,
    parse_cache: ParseCache | None = None,
) -> Iterator[ArticleAnalysis]:
    """Run ``nlp`` over the articles in batches, yielding one analysis per article.

    Articles longer than ``max_chars`` are analysed in chunks (see nlp/chunks.py); texts
    found in ``parse_cache`` skip the statistical model and run only our components.
    """
    register_extensions()
    version = version or pipeline_version(nlp)
    english: list[AnalysisInput] = []
    for item in items:
        language = (item.language or "en").split("-")[0].lower()
        if language == "en":
            english.append(item)
        elif language in FOREIGN_LANGUAGES:
            yield analyze_foreign(
                item.article_id,
                item.text,
                language,
                version=version,
                published=item.published,
                outlet=item.outlet,
            )
        else:
            yield unanalysed(item.article_id, version=version, published=item.published)
    items = english
    pieces: list[tuple[AnalysisInput, int, int]] = []  # (chunk, offset, chunks in article)
    for item in items:
        parts = split_text(item.text, max_chars=max_chars)
        pieces.extend((replace(item, text=chunk), offset, len(parts)) for offset, chunk in parts)
    docs: list[Doc | None] = [
        parse_cache.get(nlp, piece.text) if parse_cache else None for piece, _, _ in pieces
    ]
    to_parse = [i for i, doc in enumerate(docs) if doc is None]
    parsed = nlp.pipe(
        (_with_context(nlp.make_doc(pieces[i][0].text), pieces[i][0]) for i in to_parse),
        batch_size=batch_size,
    )
    for index, doc in zip(to_parse, parsed, strict=True):
        docs[index] = doc
        if parse_cache is not None:
            parse_cache.put(nlp, doc)
    collected: list[tuple[int, ArticleAnalysis]] = []
    parsed_now = set(to_parse)
    for index, (piece, offset, total) in enumerate(pieces):
        found = docs[index]
        assert found is not None
        if index not in parsed_now:
            found = _run_components(nlp, _with_context(found, piece))
        collected.append((offset, to_analysis(found, version)))
        if len(collected) == total:
            yield join_analyses(collected)
            collected = []


__all__ = ["AnalysisInput", "analyze_texts", "choose_model", "make_nlp", "pipeline_version"]
