"""One text and one sentence index per doc: the same answers as spaCy, bounded sentences."""

from __future__ import annotations

import itertools
from typing import Any

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from newsprism.nlp.doc_index import (
    MAX_SENTENCE_TOKENS,
    doc_text,
    entities_overlapping,
    entities_within,
    install,
)


def _parsed(spacy_model: Any, text: str) -> Doc:
    return install(spacy_model(text))


def test_sentence_lookups_match_spacy_on_ordinary_prose(spacy_model: Any) -> None:
    text = (
        "Police detained 40 people on Monday. The ministry said 12 were released.\n\n"
        "Protests spread to three cities, officials said."
    )
    plain = spacy_model(text)
    indexed = _parsed(spacy_model, text)
    assert [s.text for s in indexed.sents] == [s.text for s in plain.sents]
    for token in indexed:
        assert token.sent.text == plain[token.i].sent.text
    assert indexed[2:4].sent.text == plain[2:4].sent.text
    assert doc_text(indexed) == text


def test_text_without_sentence_breaks_is_cut_into_bounded_pseudo_sentences(
    spacy_model: Any,
) -> None:
    text = " ".join(f"{n} houses, {n + 1} schools" for n in range(400))
    doc = _parsed(spacy_model, text)
    sentences = list(doc.sents)
    assert len(sentences) > 1
    assert all(len(s) <= MAX_SENTENCE_TOKENS for s in sentences)
    assert sentences[0].start == 0 and sentences[-1].end == len(doc)
    assert all(a.end == b.start for a, b in itertools.pairwise(sentences))
    middle = doc[len(doc) // 2]
    assert middle.sent.start <= middle.i < middle.sent.end


def test_cached_text_follows_a_new_doc(spacy_model: Any) -> None:
    first = _parsed(spacy_model, "One sentence here.")
    second = _parsed(spacy_model, "Another, longer sentence is here.")
    assert doc_text(first) == "One sentence here."
    assert doc_text(second) == "Another, longer sentence is here."


def _with_entities() -> Doc:
    words = [
        "Ana",
        "Silva",
        "of",
        "the",
        "United",
        "Nations",
        "met",
        "Kenyan",
        "officials",
        "in",
        "Nairobi",
        "on",
        "Monday",
    ]
    doc = Doc(Vocab(), words=words)
    doc.ents = [
        Span(doc, 0, 2, label="PERSON", kb_id="Q1"),
        Span(doc, 4, 6, label="ORG"),
        Span(doc, 7, 8, label="NORP"),
        Span(doc, 10, 11, label="GPE", span_id="nairobi"),
    ]
    return doc


def test_entities_within_a_span_are_spacy_s_span_ents() -> None:
    doc = _with_entities()
    for start in range(len(doc) + 1):
        for end in range(start, len(doc) + 1):
            span = doc[start:end]
            found = entities_within(span)
            assert [(e.start, e.end, e.label_, e.kb_id_, e.id_) for e in found] == [
                (e.start, e.end, e.label_, e.kb_id_, e.id_) for e in span.ents
            ]


def test_entities_overlapping_share_a_token_with_the_range() -> None:
    doc = _with_entities()
    for start in range(len(doc) + 1):
        for end in range(start, len(doc) + 1):
            expected = [e for e in doc.ents if not (e.start >= end or e.end <= start)]
            assert entities_overlapping(doc, start, end) == expected
