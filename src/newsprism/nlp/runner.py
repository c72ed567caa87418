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
import signal
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
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


class OverBudget(BaseException):
    """Raised by the timer inside a batch that ran past its time budget.

    A BaseException, so no ``except Exception`` of a component swallows it.
    """


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise OverBudget after ``seconds`` of wall time (a no-op off the main thread).

    Timers are signals: they work in the command line's process and in each process of
    the local pool; Dask runs tasks in threads, where no budget is enforced.
    """
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def over_budget_reason(budget: float) -> str:
    return (
        f"analysis set aside: over the time budget of {budget:g} s for one article "
        "(setting article_time_budget)"
    )


def analyze_batch(
    nlp: Language,
    batch: Sequence[AnalysisInput],
    *,
    version: str,
    batch_size: int,
    budget: float | None = None,
) -> list[Outcome]:
    """Outcomes of one batch; on a crash or an overrun, article by article, naming the culprit.

    ``budget`` is seconds per article: the batch as a whole gets ``budget`` times its size,
    and an article alone past ``budget`` is reported with that reason while the run goes on.
    """
    try:
        with time_budget(budget * len(batch) if budget else None):
            return list(
                analyze_texts(
                    nlp, batch, batch_size=batch_size, version=version, parse_cache=_PARSE_CACHE
                )
            )
    except OverBudget:
        if len(batch) == 1 and budget:
            return [IngestFailure(batch[0].article_id, over_budget_reason(budget))]
    except Exception:
        if len(batch) == 1:
            raise
    outcomes: list[Outcome] = []
    for item in batch:
        try:
            outcomes.extend(
                analyze_batch(nlp, [item], version=version, batch_size=1, budget=budget)
            )
        except Exception as exc:
            outcomes.append(IngestFailure(item.article_id, f"analysis failed: {exc}"))
    return outcomes


_worker_nlp: Language | None = None
_worker_version = ""
_worker_budget: float | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_nlp, _worker_version, _worker_budget
    _worker_nlp = make_nlp(settings)
    _worker_version = expected_pipeline_version(settings)
    _worker_budget = settings.article_time_budget


def _analyze_in_worker(batch: Sequence[AnalysisInput], batch_size: int) -> list[Outcome]:
    assert _worker_nlp is not None
    return analyze_batch(
        _worker_nlp, batch, version=_worker_version, batch_size=batch_size, budget=_worker_budget
    )


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
            yield from analyze_batch(
                nlp, batch, version=version, batch_size=size, budget=settings.article_time_budget
            )
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(settings,)
    ) as pool:
        futures = [pool.submit(_analyze_in_worker, batch, size) for batch in _batches(items, size)]
        for future in futures:
            yield from future.result()
