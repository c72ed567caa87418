"""The cue classes and source scoring of benchmarks/attribution_polnear.py, on attributions
written for the test (no corpus text)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "attribution_polnear.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("attribution_polnear_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "cue",
    ["said", "told", "according to", "reported", "wrote", "citing", "as quoted by", "shows",
     "has found", "pointed out", ":", "tweeted"],
)  # fmt: skip
def test_reporting_cues_name_a_cited_source(bench: ModuleType, cue: str) -> None:
    assert bench.is_report_cue(cue)


@pytest.mark.parametrize(
    "cue", ["thinks", "wants", "supports", "has criticized", "called for", "hopes", "in", "for"]
)
def test_beliefs_wishes_and_stances_cite_no_source(bench: ModuleType, cue: str) -> None:
    assert not bench.is_report_cue(cue)


def _gold(bench: ModuleType, text: str, source: str, cue: str, content: str) -> object:
    s, c, k = text.index(source), text.index(cue), text.index(content)
    return bench.GoldAttribution(
        content=(k, k + len(content)),
        cue=(c, c + len(cue)),
        source=(s, s + len(source)),
        source_text=source,
        cue_text=cue,
        direct=False,
    )


def test_cited_sources_count_reporting_attributions_only(bench: ModuleType) -> None:
    text = "Ana Ruiz thinks the dam is safe. The ministry said the dam was inspected in May."
    gold = (
        _gold(bench, text, "Ana Ruiz", "thinks", "the dam is safe"),
        _gold(bench, text, "The ministry", "said", "the dam was inspected in May"),
    )
    article = bench.Article("a", text, gold)
    ministry = text.index("ministry")
    tally = bench.Tally()
    bench.score(article, [], [(ministry, ministry + len("ministry"))], tally)
    assert tally.sources == [1, 1]  # the ministry, named as the origin of information
    assert tally.sources_all_cues == [1, 2]  # the old figure also counted Ana Ruiz's belief
