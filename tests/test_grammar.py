"""The shared grammar: asserted or hedged, phrase extent, governing verb, subjects."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from newsprism.nlp import grammar


def _token(doc: Doc, word: str) -> Token:
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("sentence", "word", "asserted"),
    [
        ("Police killed 12 protesters on Monday.", "killed", True),
        ("Police did not kill anyone on Monday.", "kill", False),
        ("The storm could kill dozens of people.", "kill", False),
        ("If the dam breaks, it will flood the valley.", "breaks", False),
        ("The army plans to deploy 500 troops.", "deploy", False),
        ("Officials said 12 people died in the blast.", "died", True),
        ("At least 40 people were said to have died.", "died", True),
        ("The floods forced 19,000 people to flee.", "flee", True),
    ],
)
def test_is_asserted(spacy_model: Language, sentence: str, word: str, asserted: bool) -> None:
    doc = spacy_model(sentence)
    words = {
        "intent_verbs": {"plan", "threaten", "intend"},
        "reporting_verbs": {"say", "report"},
        "causative_verbs": {"force"},
    }
    assert grammar.is_asserted(_token(doc, word), **words) is asserted
    assert grammar.is_hedged(_token(doc, word), **words) is not asserted


def test_is_negated_here_and_is_unreal_here(spacy_model: Language) -> None:
    doc = spacy_model("The rebels did not attack, but they might attack tomorrow.")
    first, second = (t for t in doc if t.text == "attack")
    assert grammar.is_negated_here(first) and not grammar.is_unreal_here(first)
    assert grammar.is_unreal_here(second) and not grammar.is_negated_here(second)


def test_phrase_bounds_stop_before_a_relative_clause(spacy_model: Language) -> None:
    doc = spacy_model("The regional governor of Almaty, who resigned on Friday, said nothing.")
    head = _token(doc, "governor")
    assert grammar.phrase_span(head).text == "regional governor of Almaty"


def test_clause_verb_and_governing_verb(spacy_model: Language) -> None:
    doc = spacy_model("The minister said that the ferries had stopped running.")
    ferries = _token(doc, "ferries")
    assert grammar.clause_verb(ferries) is not None
    assert grammar.clause_verb(ferries).text == "stopped"  # type: ignore[union-attr]
    clause = doc[_token(doc, "that").i : len(doc) - 1]
    verb = grammar.governing_verb(clause)
    assert verb is not None and verb.text == "said"
    assert grammar.span_root(clause).text == "stopped"


def test_subject_of_climbs_from_a_coordinated_verb(spacy_model: Language) -> None:
    doc = spacy_model("The spokesman arrived late and said the talks had failed.")
    subject = grammar.subject_of(_token(doc, "said"))
    assert subject is not None and subject.text == "spokesman"


def test_according_object(spacy_model: Language) -> None:
    doc = spacy_model("According to the ministry, 30 people were hurt.")
    found = grammar.according_object(_token(doc, "According"))
    assert found is not None and found.text == "ministry"
    assert grammar.according_object(_token(doc, "ministry")) is None
