"""Running the pipeline over many articles: batches in one process, a local process pool,
or a Dask cluster (``executor="dask"``, the ``dask`` extra).

A crash on one article never stops the run: its batch is retried article by article and
the one that fails is reported with its reason. Workers build the pipeline once each;
results come back to the caller, which stores them.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from spacy.language import Language

from newsprism.errors import NewsprismError
from newsprism.models import ArticleAnalysis, IngestFailure
from newsprism.nlp.analysis import (
    COMPONENTS,
    COMPONENTS_VERSION,
    AnalysisInput,
    analyze_texts,
    make_nlp,
)
from newsprism.nlp.model import choose_model
from newsprism.nlp.parse_cache import ParseCache
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


_PARSE_CACHE = ParseCache()
"""Parses kept across runs in this process (the story stage re-analyses some articles)."""


def analyze_batch(
    nlp: Language, batch: Sequence[AnalysisInput], *, version: str, batch_size: int
) -> list[Outcome]:
    try:
        return list(
            analyze_texts(
                nlp, batch, batch_size=batch_size, version=version, parse_cache=_PARSE_CACHE
            )
        )
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


def analyze_remote(batch: Sequence[AnalysisInput], settings: Settings) -> list[Outcome]:
    """A Dask task: analyse one batch, building the worker's pipeline on first use."""
    if _worker_nlp is None:
        _init_worker(settings)
    return _analyze_in_worker(batch, max(1, settings.batch_size))


def _run_on_dask(
    items: Sequence[AnalysisInput], *, settings: Settings, workers: int, scheduler: str | None
) -> Iterator[Outcome]:
    try:
        # Typed as Any: dask.distributed is only partly annotated.
        distributed: Any = importlib.import_module("dask.distributed")
    except ImportError as exc:
        raise NewsprismError(
            "the dask executor needs the dask extra: pip install 'newsprism[dask]'"
        ) from exc
    cluster = None
    try:
        if scheduler:
            client = distributed.Client(scheduler, timeout="30s")
        else:
            cluster = distributed.LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            client = distributed.Client(cluster)
    except OSError as exc:
        raise NewsprismError(f"cannot reach the Dask scheduler: {exc}", where=scheduler) from exc
    try:
        batches = list(_batches(items, max(1, settings.batch_size)))
        futures = client.map(analyze_remote, batches, settings=settings, pure=False)
        for future in futures:
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_analysis(
    items: Sequence[AnalysisInput],
    *,
    settings: Settings,
    workers: int = 1,
    nlp: Language | None = None,
    executor: str = "local",
    scheduler: str | None = None,
) -> Iterator[Outcome]:
    """Analyse ``items`` in order, yielding one outcome per article."""
    if not items:
        return
    if executor == "dask":
        yield from _run_on_dask(items, settings=settings, workers=workers, scheduler=scheduler)
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
