"""Running the analysis: one bad article never stops a batch; pools and Dask give the same."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsprism.models import ArticleAnalysis, IngestFailure
from newsprism.nlp.analysis import AnalysisInput
from newsprism.nlp.extensions import register_extensions
from newsprism.nlp.runner import analyze_batch, run_analysis
from newsprism.settings import Settings

TEXTS = [
    AnalysisInput("a1", "Police detained 40 protesters in Lima on Monday.", "2023-01-10"),
    AnalysisInput(
        "a2", "Floods killed at least 12 people in Sylhet, officials said.", "2024-06-20"
    ),
    AnalysisInput("a3", "Soldiers were deployed to Niamey after the coup.", "2023-07-27"),
]


@Language.component("explode_on_boom")
def explode_on_boom(doc: Doc) -> Doc:
    if "BOOM" in doc.text:
        raise ValueError("component failed")
    return doc


def test_a_failing_article_is_reported_and_the_rest_of_its_batch_analysed() -> None:
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("explode_on_boom")
    batch = [
        AnalysisInput("ok1", "Calm returned."),
        AnalysisInput("bad", "BOOM goes the parser."),
        AnalysisInput("ok2", "Shops reopened."),
    ]
    outcomes = analyze_batch(nlp, batch, version="v", batch_size=8)
    assert [type(o).__name__ for o in outcomes] == [
        "ArticleAnalysis",
        "IngestFailure",
        "ArticleAnalysis",
    ]
    failure = outcomes[1]
    assert isinstance(failure, IngestFailure)
    assert failure.where == "bad" and "component failed" in failure.reason


@Language.component("stall_on_slow")
def stall_on_slow(doc: Doc) -> Doc:
    if "SLOW" in doc.text:
        import time

        time.sleep(5)
    return doc


def test_an_article_over_its_time_budget_is_set_aside_and_the_run_goes_on() -> None:
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("stall_on_slow")
    batch = [
        AnalysisInput("ok1", "Calm returned."),
        AnalysisInput("slow", "SLOW text that takes too long."),
        AnalysisInput("ok2", "Shops reopened."),
    ]
    outcomes = analyze_batch(nlp, batch, version="v", batch_size=8, budget=0.3)
    assert [type(o).__name__ for o in outcomes] == [
        "ArticleAnalysis",
        "IngestFailure",
        "ArticleAnalysis",
    ]
    failure = outcomes[1]
    assert isinstance(failure, IngestFailure)
    assert failure.where == "slow" and "time budget of 0.3 s" in failure.reason


def _by_id(outcomes: list[ArticleAnalysis | IngestFailure]) -> dict[str, ArticleAnalysis]:
    assert all(isinstance(o, ArticleAnalysis) for o in outcomes)
    return {o.article_id: o for o in outcomes if isinstance(o, ArticleAnalysis)}


@pytest.mark.slow
def test_process_pool_and_dask_give_the_same_analyses_as_one_process() -> None:
    settings = Settings(batch_size=1)
    single = _by_id(list(run_analysis(TEXTS, settings=settings)))
    pooled = _by_id(list(run_analysis(TEXTS, settings=settings, workers=2)))
    on_dask = _by_id(list(run_analysis(TEXTS, settings=settings, workers=2, executor="dask")))
    assert single == pooled == on_dask
    assert [c.value_min for c in single["a1"].claims] == [40]


@pytest.mark.slow
def test_a_cached_parse_gives_the_same_analysis_as_a_fresh_one() -> None:
    from newsprism.nlp.analysis import analyze_texts, make_nlp
    from newsprism.nlp.parse_cache import ParseCache

    nlp = make_nlp()
    cache = ParseCache()
    text = (
        "On Thursday police in Lima detained 40 protesters, the interior ministry said.\n\n"
        "“We will not stop,” said Ana Flores, a teacher. Two days later 12 people were injured."
    )
    first = [AnalysisInput("a", text, "2023-01-13")]
    again = [AnalysisInput("a", text, "2023-01-20")]
    fresh = list(analyze_texts(nlp, first, version="v"))
    assert list(analyze_texts(nlp, first, version="v", parse_cache=cache)) == fresh
    assert len(cache) == 1
    cached = list(analyze_texts(nlp, again, version="v", parse_cache=cache))
    assert cached == list(analyze_texts(nlp, again, version="v"))
    assert [d.date for d in cached[0].dates][:1] == ["2023-01-19"]
