"""Bad input to the full analysis: no crash, and every offset points at its span."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from newsprism.ingest.clean import normalize_text
from newsprism.models import ArticleAnalysis
from newsprism.nlp.analysis import AnalysisInput, analyze_texts, make_nlp

pytestmark = pytest.mark.slow

ODD = [
    "",
    "   \n\n  \t ",
    "1 2 3 4 5 6 7 8 9",
    "\u200b\u200bPolice\u200b detained 40 people\u200b in Lima.\u200b",
    "\u200fالشرطة\u200f said 12 people were killed in Mosul.\u200e",
    "Officials\u00a0said\u00a0at\u00a0least\u00a01.000\u00a0people were detained in Caracas.",
    "More than 3 000 people were evacuated from Derna on Tuesday, officials said.",
    "“Unclosed quote about 40 dead in Goma, he said",
    '”Closing mark first,” she said. """"',
    "Lima." * 2000,
    "\n".join(f"{n} killed" for n in range(300)),
]


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield make_nlp()


def offsets_valid(text: str, analysis: ArticleAnalysis) -> None:
    for kind in ("mentions", "places", "dates", "quotes", "citations", "claims", "events"):
        for fact in getattr(analysis, kind):
            assert 0 <= fact.start <= fact.end <= len(text), (kind, fact)
            assert text[fact.start : fact.end] == fact.text, (kind, fact)
            if getattr(fact, "speaker_start", None) is not None:
                assert 0 <= fact.speaker_start <= fact.speaker_end <= len(text)


@pytest.mark.parametrize("text", ODD, ids=range(len(ODD)))
def test_odd_texts_analyse_without_crash_and_with_valid_offsets(nlp: Language, text: str) -> None:
    [analysis] = analyze_texts(nlp, [AnalysisInput("x", text, "2024-03-01")])
    offsets_valid(text, analysis)


def test_european_and_spaced_thousands_are_read_as_thousands(nlp: Language) -> None:
    # Ingest normalises odd spaces (normalize_text) before anything is analysed.
    text = normalize_text(ODD[5] + "\n\n" + ODD[6])
    [analysis] = analyze_texts(nlp, [AnalysisInput("x", text, "2024-03-01")])
    assert sorted(c.value_min for c in analysis.claims) == [1000, 3000]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(
            [
                "Police",
                "killed",
                "40",
                "1.000",
                "3 000",
                "people",
                "in",
                "Kyiv",
                "on",
                "Monday",
                "“",
                "”",
                '"',
                ",",
                ".",
                "\n\n",
                "\u200b",
                "\u00a0",
                "said",
                "at least",
                "dozens",
            ]
        ),
        max_size=60,
    )
)
def test_random_news_like_texts_never_break_offsets(nlp: Language, words: list[str]) -> None:
    text = " ".join(words)
    [analysis] = analyze_texts(nlp, [AnalysisInput("x", text, None)])
    offsets_valid(text, analysis)
