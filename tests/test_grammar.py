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


def _parsed(
    spacy_model: Language, words: list[str], heads: list[int], deps: list[str], ents: list[str]
) -> Doc:
    """A doc with the parse given, so a subject rule is tested apart from the parser's mood."""
    pos = ["PROPN" if ent != "O" else "NOUN" for ent in ents]
    return Doc(spacy_model.vocab, words=words, heads=heads, deps=deps, ents=ents, pos=pos)


def test_main_subject_skips_an_introduction_set_off_by_a_dash(spacy_model: Language) -> None:
    # WASHINGTON , Aug. 24 — A spokesman called ...: the parser made both words subjects
    words = ["WASHINGTON", ",", "Aug.", "24", "—", "A", "spokesman", "called", "it", "outrageous"]
    heads = [7, 0, 0, 2, 0, 6, 7, 7, 7, 7]
    deps = ["nsubj", "punct", "appos", "nummod", "punct", "det", "nsubj", "ROOT", "dobj", "oprd"]
    ents = ["B-GPE", "O", "B-DATE", "I-DATE", "O", "O", "O", "O", "O", "O"]
    doc = _parsed(spacy_model, words, heads, deps, ents)
    subject = grammar.subject_of(doc[7])
    assert subject is not None and subject.text == "spokesman"


def test_main_subject_keeps_a_split_name_without_punctuation(spacy_model: Language) -> None:
    # the rights group Hengaw said ...: two subjects, no punctuation, the name wins
    words = ["the", "rights", "group", "Hengaw", "said", "it"]
    heads = [2, 2, 4, 4, 4, 4]
    deps = ["det", "compound", "nsubj", "nsubj", "ROOT", "dobj"]
    ents = ["O", "O", "O", "B-ORG", "O", "O"]
    subject = grammar.subject_of(_parsed(spacy_model, words, heads, deps, ents)[4])
    assert subject is not None and subject.text == "Hengaw"


def test_a_time_taken_for_the_subject_gives_the_name_inside_it(spacy_model: Language) -> None:
    # Saturday at the convention Sen. Warren said ...: the parser hung the name in the time
    words = ["Saturday", "at", "the", "convention", "Sen.", "Warren", "said", "it"]
    heads = [6, 0, 3, 1, 5, 3, 6, 6]
    deps = ["nsubj", "prep", "det", "pobj", "compound", "appos", "ROOT", "dobj"]
    ents = ["B-DATE", "O", "O", "O", "O", "B-PERSON", "O", "O"]
    doc = _parsed(spacy_model, words, heads, deps, ents)
    subject = grammar.subject_of(doc[6])
    assert subject is not None and subject.text == "Warren"
    # a time with no name in it is no subject at all
    bare = _parsed(
        spacy_model,
        ["Saturday", "said", "it"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
        ["B-DATE", "O", "O"],
    )
    assert grammar.subject_of(bare[1]) is None


def test_a_time_beside_another_subject_is_not_the_subject(spacy_model: Language) -> None:
    words = ["Tuesday", "the", "mayor", "said", "it"]
    heads = [3, 2, 3, 3, 3]
    deps = ["nsubj", "det", "nsubj", "ROOT", "dobj"]
    ents = ["B-DATE", "O", "O", "O", "O"]
    subject = grammar.subject_of(_parsed(spacy_model, words, heads, deps, ents)[3])
    assert subject is not None and subject.text == "mayor"


def test_an_age_taken_for_a_time_stays_the_subject(spacy_model: Language) -> None:
    # "said the 46-year-old": the model tags the age DATE; it is the person
    words = ["the", "46", "-", "year", "-", "old", "said", "it"]
    heads = [5, 3, 3, 5, 5, 6, 6, 6]
    deps = ["det", "nummod", "punct", "npadvmod", "punct", "nsubj", "ROOT", "dobj"]
    ents = ["O", "B-DATE", "I-DATE", "I-DATE", "I-DATE", "I-DATE", "O", "O"]
    subject = grammar.subject_of(_parsed(spacy_model, words, heads, deps, ents)[6])
    assert subject is not None and subject.text == "old"
