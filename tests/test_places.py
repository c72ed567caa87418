"""The newsprism_places component: gazetteer matching checked against the model's labels."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

import newsprism.nlp.places  # noqa: F401  (registers the factory)
from newsprism.models import Place
from newsprism.nlp.model import load_model

pytestmark = pytest.mark.slow  # the real model and the GeoNames index


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = load_model()
    nlp.add_pipe("newsprism_places")
    return nlp


@pytest.fixture(scope="module")
def blank() -> Language:
    """No tagger, parser or NER: the component must work on the gazetteer alone."""
    nlp = spacy.blank("en")
    nlp.add_pipe("newsprism_places")
    return nlp


def places(nlp: Language, text: str) -> list[Place]:
    doc = nlp(text)
    found: list[Place] = doc._.places
    for place in found:
        assert doc.text[place.start : place.end] == place.text
    return found


def ids(nlp: Language, text: str) -> list[int | None]:
    return [p.geonames_id for p in places(nlp, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protesters gathered in Nur-Sultan on Monday.", [1526273]),  # Astana
        ("Police detained dozens in Uralsk and Karaganda, local media said.", [608668, 609655]),
        ("Officials in Kiev said the talks had failed.", [703448]),
        ("Flights from Bombay were cancelled after the monsoon.", [1275339]),
        ("Heavy rain flooded Mumbai on Tuesday.", [1275339]),
        ("Shelling hit Kharkov and Zaporozhye overnight.", [706483, 687700]),
        ("Thousands rallied in Yangon, formerly Rangoon, against the junta.", [1298824, 1298824]),
        ("Fighting near Mazar-i-Sharif and Kunduz killed ten.", [1133616, 1135689]),
    ],
)
def test_variant_and_former_names_resolve_to_geonames_ids(
    nlp: Language, text: str, expected: list[int]
) -> None:
    assert ids(nlp, text) == expected


def test_region_word_makes_the_name_an_admin1_region(nlp: Language) -> None:
    found = places(nlp, "Fuel prices doubled in the Mangistau region of western Kazakhstan.")
    assert [(p.text, p.geonames_id, p.feature) for p in found] == [
        ("Mangistau region", 608879, "admin1"),
        ("Kazakhstan", 1522867, "country"),
    ]
    kherson = places(nlp, "Gunmen attacked a checkpoint in the Kherson region.")
    assert [(p.text, p.feature, p.country_code) for p in kherson] == [
        ("Kherson region", "admin1", "UA")
    ]


def test_bare_city_name_is_the_city_not_its_region(nlp: Language) -> None:
    found = places(nlp, "Explosions were heard in central Almaty.")
    assert [(p.geonames_id, p.feature) for p in found] == [(1526384, "city")]


def test_nationality_adjectives_are_not_places(nlp: Language) -> None:
    assert places(nlp, "The Kazakh president met Russian and French diplomats.") == []
    assert places(nlp, "Ukrainians and Georgians queued at the border post.") == []


def test_possessive_country_before_an_organisation_is_a_place(nlp: Language) -> None:
    found = places(nlp, "Russia's Foreign Ministry said the troops would leave.")
    assert [(p.text, p.feature) for p in found] == [("Russia", "country")]


def test_place_inside_an_organisation_name_is_not_emitted(nlp: Language) -> None:
    assert places(nlp, "The Almaty Airport Authority said flights resumed.") == []
    found = places(nlp, "The New York Times reported that Ankara had closed the border.")
    assert [p.name for p in found] == ["Ankara"]


def test_person_names_equal_to_place_names_are_not_places(nlp: Language) -> None:
    assert places(nlp, "Denzel Washington starred in the film. Washington said he was proud.") == []
    assert places(nlp, "Michael Jordan scored 30 points. Jordan smiled at the crowd.") == []


def test_common_words_need_place_evidence(nlp: Language) -> None:
    assert (
        places(nlp, "Reading the report, officials frowned. Nice weather returned in March.") == []
    )
    assert places(nlp, "Mobile phones were cut off across the country.") == []
    assert ids(nlp, "A bomb exploded in Nice, the French city said.") == [2990440]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("The storm flooded streets in Paris, Texas, and nearby Dallas.", "Paris", 4717560),
        ("Protests spread in Paris and Lyon over the pension reform.", "Paris", 2988507),
        ("Voters in Atlanta, Georgia, waited for hours.", "Georgia", 4197000),
        ("Protesters in Tbilisi, Georgia, marched on parliament.", "Georgia", 614540),
    ],
)
def test_ambiguous_names_are_resolved_by_context(
    nlp: Language, text: str, name: str, expected: int
) -> None:
    found = {p.text: p.geonames_id for p in places(nlp, text)}
    assert found[name] == expected


def test_city_the_model_tags_as_a_person_is_found_with_context(nlp: Language) -> None:
    text = "Clashes erupted in Mekelle, the capital of Tigray, and Ethiopian troops withdrew."
    found = {p.text: (p.geonames_id, p.feature) for p in places(nlp, text)}
    assert found["Mekelle"] == (331180, "city")
    assert found["Tigray"][1] == "admin1"


def test_places_listed_after_a_preposition_share_its_evidence(nlp: Language) -> None:
    found = places(nlp, "Strikes spread to Lodz, Gdansk and Katowice, unions said.")
    assert [p.country_code for p in found] == ["PL", "PL", "PL"]


def test_every_mention_of_a_name_gets_the_same_place(nlp: Language) -> None:
    text = "Floods hit Paris, Texas. Later, Paris officials closed schools in Paris."
    assert {p.geonames_id for p in places(nlp, text) if p.text == "Paris"} == {4717560}


def test_place_fields_are_complete(nlp: Language) -> None:
    doc = nlp.make_doc("Officials in Kiev said the talks had failed.")
    doc._.article_id = "a1"
    (place,) = nlp(doc)._.places
    assert place == Place(
        article_id="a1",
        text="Kiev",
        name="Kyiv",
        start=13,
        end=17,
        geonames_id=703448,
        lat=place.lat,
        lon=place.lon,
        country_code="UA",
        feature="PPLC",
        method="ner+gazetteer",
    )
    assert place.lat is not None and 50 < place.lat < 51 and place.lon is not None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "Troops\u00a0arrived in\u00a0Almaty,\u200f the largest city.",
        "Troops arrived in Al\u200bmaty and \u202bBishkek\u202c.",
        "Prices rose 1.000 or 3 000 tenge in Shymkent.",
        "\ufeffKraków, Łódź and Zürich reported protests.",
        "NUR-SULTAN (Reuters) - Troops arrived.",
    ],
)
def test_odd_text_never_crashes_and_offsets_stay_valid(nlp: Language, text: str) -> None:
    places(nlp, text)  # the helper checks every offset


def test_odd_unicode_still_finds_the_place(nlp: Language) -> None:
    assert 1526384 in ids(nlp, "Troops\u00a0arrived in\u00a0Almaty,\u200f the largest city.")
    assert ids(nlp, "Protests spread to Kraków and Zürich.") == [3094802, 2657896]


def test_component_works_without_a_statistical_model(blank: Language) -> None:
    found = places(blank, "Heavy rain flooded Mumbai and Karachi.")
    assert [p.geonames_id for p in found] == [1275339, 1174872]
    assert all(p.method == "gazetteer" for p in found)


@given(st.text(alphabet=st.sampled_from(list("AaKkz- \n.,'’\u200b\u00a0ÅéMumbai")), max_size=60))
@settings(max_examples=60, deadline=None)
def test_offsets_are_valid_on_arbitrary_text(blank: Language, text: str) -> None:
    places(blank, text)


# --- the demo corpus --------------------------------------------------------

# GeoNames ids of cities that may be named in the demo articles (test data only).
DEMO_CITIES = {
    "Almaty": 1526384,
    "Nur-Sultan": 1526273,
    "Aktau": 610612,
    "Atyrau": 610529,
    "Aktobe": 610611,
    "Uralsk": 608668,
    "Taraz": 1516905,
    "Shymkent": 1518980,
    "Kyzylorda": 1519922,
    "Karaganda": 609655,
    "Zhanaozen": 607610,
    "Moscow": 524901,
    "Minsk": 625144,
    "Belgrade": 792680,
    "Geneva": 2660646,
}


def test_demo_corpus_cities_are_found_with_the_right_ids(
    nlp: Language, demo_paths: list[Path]
) -> None:
    checked = 0
    for path in demo_paths:
        text = path.read_text(encoding="utf-8")
        found = {(p.start, p.geonames_id) for p in places(nlp, text)}
        for name, geonames_id in DEMO_CITIES.items():
            start = text.find(name)
            while start != -1:
                assert (start, geonames_id) in found, f"{name} at {start} in {path.name}"
                checked += 1
                start = text.find(name, start + 1)
    assert checked >= 30


def test_demo_corpus_has_no_nationality_or_person_places(
    nlp: Language, demo_paths: list[Path]
) -> None:
    for path in demo_paths:
        for place in places(nlp, path.read_text(encoding="utf-8")):
            assert place.text not in {"Kazakh", "Russian", "Belarusian", "Serbian"}
            assert place.feature in {"country", "admin1", "continent", "city", "PPLC"}
