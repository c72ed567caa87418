"""Headline neutrality marks: each signal on a headline written for it."""

from __future__ import annotations

from importlib import resources

import pytest

from newsprism.headlines import HeadlineMarks, headline_marks
from newsprism.lexicons import load_lexicon


def test_plain_news_headline_has_no_marks() -> None:
    marks = headline_marks("Flood kills 40 in northern province, officials say")
    assert marks == HeadlineMarks()
    assert marks.count == 0


@pytest.mark.parametrize(
    "title", ["Who is behind the blasts?", "Who ordered the raid?\u201d", "ما الذي حدث؟"]
)
def test_question_headline(title: str) -> None:
    assert headline_marks(title).question
    assert headline_marks(title).count == 2


def test_exclamation_headline() -> None:
    assert headline_marks("Enough is enough!").exclamation


@pytest.mark.parametrize(
    ("title", "genre"),
    [
        ("Opinion: The crackdown will backfire", "Opinion"),
        ("Analysis | What the toll tells", "Analysis"),
        ("Éditorial — La rue gronde", "Éditorial"),
        ("Мнение: протесты не утихнут", "Мнение"),
    ],
)
def test_genre_label_before_colon_dash_or_bar(title: str, genre: str) -> None:
    assert headline_marks(title).genre == genre


def test_a_place_before_a_colon_is_not_a_genre() -> None:
    assert headline_marks("Chile: thousands march in Santiago").genre is None


def test_opinion_section_in_the_url() -> None:
    marks = headline_marks("The square will not forget", "https://example.org/commentisfree/2021/x")
    assert marks.opinion_section == "commentisfree"
    assert headline_marks("Police disperse crowd", "https://example.org/world/2021/x").count == 0


def test_first_and_second_person_words() -> None:
    assert headline_marks("Why we cannot look away").personal == ("we",)
    assert headline_marks("Ce que nous savons").personal == ("nous",)


def test_us_and_roman_numerals_are_not_personal() -> None:
    assert headline_marks("US sends envoy after World War I memorial attack").personal == ()


def test_loaded_terms_and_charged_labels_outside_quotes() -> None:
    assert headline_marks("Army battles armed terrorists in the capital").loaded == ("terrorists",)
    assert headline_marks('Minister calls protesters "terrorists" as crowds grow').loaded == ()


def test_scare_quotes_are_short_quoted_stretches() -> None:
    assert headline_marks("Dozens \u2018liquidated\u2019 as troops arrive").scare_quotes == (
        "liquidated",
    )
    long_quote = headline_marks('"We will rebuild every house in the valley," mayor says')
    assert long_quote.scare_quotes == ()


def test_headline_markers_lexicon_states_its_scope() -> None:
    shipped = resources.files("newsprism.lexicons") / "headline_markers.txt"
    assert "Scope:" in shipped.read_text(encoding="utf-8")
    assert load_lexicon("headline_markers")
