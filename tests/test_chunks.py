"""Long articles: cut at paragraph breaks, analysed in pieces, offsets put back right."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.models import ArticleAnalysis, Claim, Quote
from newsprism.nlp.chunks import join_analyses, shift_fact, split_text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .\n", max_size=400), st.integers(min_value=5, max_value=60))
def test_chunks_cover_the_text_exactly_and_respect_the_limit(text: str, limit: int) -> None:
    chunks = split_text(text, max_chars=limit)
    assert "".join(chunk for _, chunk in chunks) == text
    assert all(len(chunk) <= limit for _, chunk in chunks) or len(text) <= limit
    position = 0
    for offset, chunk in chunks:
        assert offset == position
        position += len(chunk)


def test_cuts_fall_at_paragraph_breaks_when_there_are_some() -> None:
    paragraph = "Police detained forty people in Lima. " * 3
    text = "\n\n".join([paragraph] * 6)
    chunks = split_text(text, max_chars=300)
    assert all(chunk.endswith("\n\n") for _, chunk in chunks[:-1])


def test_facts_are_shifted_back_to_offsets_in_the_whole_text() -> None:
    quote = Quote("a", "calm", "direct", 5, 9, speaker="X", speaker_start=0, speaker_end=1)
    claim = Claim("a", "detained", 40, 40, "exact", "40 detained", 2, 13)
    first = ArticleAnalysis("a", "v", quotes=(quote,))
    second = ArticleAnalysis("a", "v", claims=(claim,))
    joined = join_analyses([(0, first), (100, second)])
    assert joined.quotes == (quote,)
    assert joined.claims[0].start == 102 and joined.claims[0].end == 113
    assert shift_fact(quote, 10).speaker_start == 10


@pytest.mark.slow
def test_a_long_article_analysed_in_chunks_keeps_valid_offsets(spacy_model: object) -> None:
    from newsprism.nlp.analysis import AnalysisInput, analyze_texts, make_nlp

    nlp = make_nlp()
    paragraphs = [
        f"On Monday police in Lima detained {n} protesters, the interior ministry said."
        for n in range(20, 60)
    ]
    text = "\n\n".join(paragraphs)
    [whole] = analyze_texts(nlp, [AnalysisInput("a", text, "2023-01-10")])
    [pieces] = analyze_texts(nlp, [AnalysisInput("a", text, "2023-01-10")], max_chars=700)
    for analysis in (whole, pieces):
        for kind in ("places", "dates", "claims"):
            for fact in getattr(analysis, kind):
                assert text[fact.start : fact.end] == fact.text
    assert [c.value_min for c in pieces.claims] == [c.value_min for c in whole.claims]
    assert len(pieces.claims) == 40
