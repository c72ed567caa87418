"""Running the pipeline over many articles: batches in one process, or a local process pool.

A crash on one article never stops the run: its batch is retried article by article and
the one that fails is reported with its reason.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from spacy.language import Language

from newsprism.models import ArticleAnalysis, IngestFailure
from newsprism.nlp.analysis import (
    COMPONENTS,
    COMPONENTS_VERSION,
    AnalysisInput,
    analyze_texts,
    make_nlp,
)
from newsprism.nlp.model import choose_model
from newsprism.settings import Settings

Outcome = ArticleAnalysis | IngestFailure


def expected_pipeline_version(settings: Settings) -> str:
    """The version tag analyses get, known without loading the model."""
    model = choose_model(settings.model)
    try:
        model_version = importlib.metadata.version(model)
    except importlib.metadata.PackageNotFoundError:
        model_version = "unknown"
    key = f"{model}-{model_version}|{','.join(COMPONENTS)}|{COMPONENTS_VERSION}"
    return hashlib.sha1(key.encode()).hexdigest()[:12]


def _batches(items: Sequence[AnalysisInput], size: int) -> Iterator[Sequence[AnalysisInput]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def analyze_batch(
    nlp: Language, batch: Sequence[AnalysisInput], *, version: str, batch_size: int
) -> list[Outcome]:
    try:
        return list(analyze_texts(nlp, batch, batch_size=batch_size, version=version))
    except Exception:
        if len(batch) == 1:
            raise
    outcomes: list[Outcome] = []
    for item in batch:
        try:
            outcomes.extend(analyze_batch(nlp, [item], version=version, batch_size=1))
        except Exception as exc:
            outcomes.append(IngestFailure(item.article_id, f"analysis failed: {exc}"))
    return outcomes


_worker_nlp: Language | None = None
_worker_version = ""


def _init_worker(settings: Settings) -> None:
    global _worker_nlp, _worker_version
    _worker_nlp = make_nlp(settings)
    _worker_version = expected_pipeline_version(settings)


def _analyze_in_worker(batch: Sequence[AnalysisInput], batch_size: int) -> list[Outcome]:
    assert _worker_nlp is not None
    return analyze_batch(_worker_nlp, batch, version=_worker_version, batch_size=batch_size)


def run_analysis(
    items: Sequence[AnalysisInput],
    *,
    settings: Settings,
    workers: int = 1,
    nlp: Language | None = None,
) -> Iterator[Outcome]:
    """Analyse ``items`` in order, yielding one outcome per article."""
    if not items:
        return
    version = expected_pipeline_version(settings)
    size = max(1, settings.batch_size)
    if workers <= 1:
        nlp = nlp or make_nlp(settings)
        for batch in _batches(items, size):
            yield from analyze_batch(nlp, batch, version=version, batch_size=size)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(settings,)
    ) as pool:
        futures = [pool.submit(_analyze_in_worker, batch, size) for batch in _batches(items, size)]
        for future in futures:
            yield from future.result()
