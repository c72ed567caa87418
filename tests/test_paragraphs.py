"""Paragraph breaks: a line break starts a sentence, hard-wrapped lines stay whole."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsprism.nlp.paragraphs import mark_paragraph_starts

_VOCAB = spacy.blank("en").vocab  # English lexical attributes: "\n" is a space token


_VOCAB_TOKENIZER = spacy.blank("en").tokenizer


def _doc(words: list[str], spaces: list[bool]) -> Doc:
    return Doc(_VOCAB, words=words, spaces=spaces)


def test_token_after_a_blank_line_starts_a_sentence() -> None:
    doc = mark_paragraph_starts(
        _doc(
            ["Floods", "hit", "Dhaka", "\n\n", "Rescuers", "arrived", "."],
            [True, True, False, False, True, False, False],
        )
    )
    assert doc[4].is_sent_start is True
    assert [t.is_sent_start for t in doc[1:4]] == [None, None, None]


def test_headline_without_punctuation_is_cut_from_the_next_line() -> None:
    doc = mark_paragraph_starts(
        _doc(
            ["Quake", "kills", "40", "\n", "The", "toll", "rose"],
            [True, True, False, False, True, True, False],
        )
    )
    assert doc[4].is_sent_start is True


def test_hard_wrapped_line_continuing_in_lower_case_is_left_to_the_parser() -> None:
    doc = mark_paragraph_starts(
        _doc(
            ["the", "army", "said", "\n", "that", "roads", "closed"],
            [True, True, False, False, True, True, False],
        )
    )
    assert doc[4].is_sent_start is None


def test_lower_case_line_after_a_finished_sentence_still_starts_one() -> None:
    doc = mark_paragraph_starts(
        _doc(
            ["Roads", "closed", ".", "\n", "iPhones", "died"],
            [True, False, False, False, True, False],
        )
    )
    assert doc[4].is_sent_start is True


@pytest.mark.parametrize("words", [[], ["\n"], ["\n\n", "\n"], ["Word", "\n"]])
def test_degenerate_docs_do_not_crash(words: list[str]) -> None:
    doc = mark_paragraph_starts(_doc(words, [False] * len(words)))
    assert len(doc) == len(words)


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    from newsprism.nlp import paragraphs  # noqa: F401  (registers the component)
    from newsprism.nlp.model import load_model

    pipeline = load_model()
    pipeline.add_pipe("newsprism_paragraphs", before="parser")
    yield pipeline


@pytest.mark.slow
def test_parser_keeps_the_paragraph_boundaries(nlp: Language) -> None:
    text = "Ferry fire kills 39 in Bangladesh\n\nDHAKA - At least 39 people died, police said."
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences[0] == "Ferry fire kills 39 in Bangladesh"
    assert sentences[1].startswith("DHAKA")


@pytest.mark.slow
def test_make_nlp_runs_the_component_before_the_parser() -> None:
    from newsprism.nlp.analysis import make_nlp

    names = make_nlp().pipe_names
    assert names.index("newsprism_paragraphs") < names.index("parser")


@pytest.mark.parametrize(
    "text",
    [
        "KHARTOUM, Sudan (AFP) — More than 35 protesters were killed on Monday when troops came.",
        "Title\nCOLOMBO (Reuters) - At least 207 people were killed on Sunday in the blasts.",
        "MOSCOW — Police detained at least 300 people at protests across the country on Sunday.",
    ],
)
def test_a_dateline_ends_before_the_lede(text: str) -> None:
    doc = mark_paragraph_starts(_VOCAB_TOKENIZER(text))
    lede = next(t for t in doc if t.text in {"More", "At", "Police"})
    assert lede.is_sent_start


def test_a_headline_with_a_dash_is_no_dateline() -> None:
    doc = mark_paragraph_starts(_VOCAB_TOKENIZER("EU - Ukraine talks resume as 40 are killed"))
    assert not doc[2].is_sent_start
