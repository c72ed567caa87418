"""Quotes: marks on the text, speakers from the parse, pronoun and title resolution."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from newsprism.nlp import quotes as quotes_module
from newsprism.nlp.quotes import find_marked_quotes

DEMO = Path(__file__).resolve().parent.parent / "examples" / "kazakhstan-2022"


def _contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_marked_quotes(text)]


# --- marks on the text (no model) ------------------------------------------------------------


def test_straight_and_curly_marks_give_content_without_marks() -> None:
    text = 'She said "the border is shut" and he said “we will reopen it.”'
    assert _contents(text) == ["the border is shut", "we will reopen it."]


def test_apostrophes_do_not_open_or_close_single_quotes() -> None:
    text = "Nigeria’s army said the rebels’ camp fell, but it’s unclear."
    assert _contents(text) == []


def test_single_curly_quote_in_a_headline() -> None:
    text = "Minister calls strike ‘sabotage’ as ports’ queues grow"
    assert _contents(text) == ["sabotage"]


def test_missing_opening_mark_runs_from_the_colon() -> None:
    text = "The mayor said: The water is unsafe to drink for now,” she added."
    assert _contents(text) == ["The water is unsafe to drink for now,"]


def test_missing_opening_mark_runs_from_paragraph_start() -> None:
    text = 'Intro line.\n\nWe have no fuel left and no food either," a resident said.'
    assert _contents(text) == ["We have no fuel left and no food either,"]


def test_unclosed_paragraph_continues_into_next_quote_paragraph() -> None:
    text = "“We waited for hours.\n\n“Then the soldiers came,” he said."
    found = find_marked_quotes(text)
    assert [text[q.start : q.end] for q in found] == [
        "We waited for hours.",
        "Then the soldiers came,",
    ]
    assert found[0].continues and not found[0].closed


def test_odd_unicode_keeps_offsets_valid() -> None:
    text = '\u200f«Nous\u00a0restons», a dit\u200b le maire. "1.000 morts" selon 3 000 témoins'
    for quote in find_marked_quotes(text):
        assert 0 <= quote.start < quote.end <= len(text)
    assert "1.000 morts" in _contents(text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,:\n\"“”‘’«»'—")), max_size=80))
def test_marked_quotes_never_crash_and_stay_inside_text(text: str) -> None:
    for quote in find_marked_quotes(text):
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end].strip() == text[quote.start : quote.end]


# --- speakers (real model) -------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    from newsprism.nlp.extensions import register_extensions
    from newsprism.nlp.model import load_model

    assert quotes_module is not None  # registers the factory
    register_extensions()
    pipeline = load_model()
    pipeline.add_pipe("newsprism_quotes")
    yield pipeline


# (text, a fragment of the quote, expected speaker substring or None)
SPEAKER_CASES: list[tuple[str, str, str | None]] = [
    ("“The dam will hold,” Governor Maria Alvarez said on Monday.", "dam will hold", "Alvarez"),
    (
        '"We have lost everything," said Ahmed Karimi, a farmer in Herat.',
        "lost everything",
        "Karimi",
    ),
    (
        "Prime Minister Kwame Mensah told reporters: “There will be no curfew.”",
        "no curfew",
        "Mensah",
    ),
    (
        "“Stay indoors,” the Turkish interior ministry said in a statement.",
        "Stay indoors",
        "Interior",
    ),
    (
        "Chile's health minister Rosa Díaz spoke on Tuesday. “The hospitals are full,” she said.",
        "hospitals are full",
        "Díaz",
    ),
    (
        "Opposition leader Tomas Berg addressed the crowd. “We will not leave,” he said. "
        "“Not today.”",
        "Not today",
        "Berg",
    ),
    (
        "Mexican President Andrés López visited the site. The president said the aid was "
        "“arriving too slowly.”",
        "arriving too slowly",
        "López",
    ),
    (
        "Police chief Omar Haddad spoke to the press.\n\nThe police chief said the following:\n\n"
        "“Nobody was hurt.”\n\n“The suspects fled north.”",
        "suspects fled north",
        "Haddad",
    ),
    (
        "Ukraine's foreign ministry said the following:\n\nThe strike hit a residential block.",
        "residential block",
        "Ukrainian Foreign Ministry",
    ),
    (
        "Election chief Lena Park said: Turnout was higher than in any previous vote,” Park said.",
        "Turnout was higher",
        "Park",
    ),
    (
        "Senator Paul Okafor called the protesters “paid agitators” on Sunday.",
        "paid agitators",
        "Okafor",
    ),
    (
        "“The camp is overcrowded and water is scarce,” Sara Lind of the aid group wrote on "
        "Twitter.",
        "camp is overcrowded",
        "Sara Lind",
    ),
    (
        "According to the Peruvian army, “the situation is under control in the south.”",
        "under control",
        "Peruvian",
    ),
    (
        "Kenyan police said that six people were arrested in Nairobi overnight.",
        "six people",
        "police",
    ),
    (
        "Health official Ana Ruiz warned that the outbreak could spread to three more provinces.",
        "outbreak could spread",
        "Ana Ruiz",
    ),
    (
        "Aid worker Jonas Weber arrived on Friday. He told reporters that the convoy had been "
        "stopped at the border.",
        "convoy had been stopped",
        "Jonas Weber",
    ),
    (
        "“We were not warned,\n\n“and nobody came to help,” said resident Fatima Noor.",
        "We were not warned",
        "Fatima Noor",
    ),
]


def _speaker_of(nlp: Language, text: str, fragment: str) -> str | None:
    doc = nlp(text)
    for quote in doc._.quotes:
        assert doc.text[quote.start : quote.end] == quote.text
        if fragment in quote.text:
            return quote.speaker or ""
    return None


@pytest.mark.slow
def test_speaker_accuracy_on_varied_patterns(nlp: Language) -> None:
    correct = []
    for text, fragment, speaker in SPEAKER_CASES:
        found = _speaker_of(nlp, text, fragment)
        correct.append(found is not None and speaker is not None and speaker in found)
    accuracy = sum(correct) / len(correct)
    failures = [case[0][:50] for case, ok in zip(SPEAKER_CASES, correct, strict=True) if not ok]
    assert accuracy >= 0.85, (accuracy, failures)


@pytest.mark.slow
def test_pronoun_resolves_to_nearest_person_outside_quotes(nlp: Language) -> None:
    text = (
        "Defence Minister Ivan Petrov met the envoy. “We discussed the ceasefire with "
        "Karl Jensen,” he said."
    )
    assert _speaker_of(nlp, text, "ceasefire") == "Ivan Petrov"


@pytest.mark.slow
def test_resolved_speaker_points_at_the_name_span(nlp: Language) -> None:
    text = "Ukrainian President Olena Koval spoke late. “We hold the line,” she said."
    doc = nlp(text)
    quote = next(q for q in doc._.quotes if "hold the line" in q.text)
    assert quote.speaker_start is not None and quote.speaker_end is not None
    assert doc.text[quote.speaker_start : quote.speaker_end] == "Olena Koval"


@pytest.mark.slow
def test_indirect_quote_has_the_reported_clause(nlp: Language) -> None:
    doc = nlp("The Syrian foreign ministry claimed that rebels had shelled the market.")
    indirect = [q for q in doc._.quotes if q.kind == "indirect"]
    assert [q.text for q in indirect] == ["rebels had shelled the market"]
    assert indirect[0].speaker == "Syrian Foreign Ministry"


@pytest.mark.slow
def test_scare_quote_without_speaker_and_titles_are_not_quotes(nlp: Language) -> None:
    doc = nlp(
        "The so-called “reforms” stalled. Crowds watched the film “The Long Night Of Lagos” "
        "outside."
    )
    assert doc._.quotes == []


@pytest.mark.slow
def test_long_quote_without_speaker_is_kept_unattributed(nlp: Language) -> None:
    doc = nlp("The banner read “no peace without justice for the victims of the massacre.”")
    assert [(q.text, q.speaker) for q in doc._.quotes] == [
        ("no peace without justice for the victims of the massacre.", None)
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text", ["", "   \n\n ", "“", "”,” he said.", "\u200f\u200b", "1.000 3 000"]
)
def test_degenerate_texts_do_not_crash(nlp: Language, text: str) -> None:
    doc = nlp(text)
    for quote in doc._.quotes:
        assert doc.text[quote.start : quote.end] == quote.text


# --- demo corpus ---------------------------------------------------------------------------


def _demo_quotes(nlp: Language, prefix: str) -> list[tuple[str, str | None]]:
    path = next(DEMO.glob(f"{prefix}_*.txt"))
    doc = nlp(path.read_text(encoding="utf-8"))
    return [(q.text, q.speaker) for q in doc._.quotes]


@pytest.mark.slow
def test_demo_belarusian_leader_quotes_are_his(nlp: Language) -> None:
    found = _demo_quotes(nlp, "001")
    leader = [s for t, s in found if t.startswith("The riots in Kazakhstan are very much")]
    head_of_state = [s for t, s in found if t.startswith("But, most important is")]
    assert leader and leader[0] is not None and "Lukashenko" in leader[0]
    assert head_of_state and head_of_state[0] is not None and "Lukashenko" in head_of_state[0]


@pytest.mark.slow
def test_demo_said_the_following_hands_the_speaker_to_the_next_paragraphs(
    nlp: Language,
) -> None:
    first = dict(_demo_quotes(nlp, "000"))
    worse = next(s for t, s in first.items() if t.startswith("And to make matters worse"))
    assert worse is not None and "Slutsky" in worse
    second = dict(_demo_quotes(nlp, "002"))
    calm = next(s for t, s in second.items() if t.startswith("The situation near the buildings"))
    assert calm == "Russian Foreign Ministry"
