"""The newsprism_events component on hand-written sentences and on the demo corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

import newsprism.nlp.events  # noqa: F401  (registers the factory)
from newsprism.models import Claim, Event, Mention, Place, TimeExpression
from newsprism.nlp.events import EVENT_TYPES, EventFinder, build_lexicon
from newsprism.nlp.extensions import register_extensions
from newsprism.nlp.model import load_model

pytestmark = pytest.mark.slow

DEMO_DIR = Path(__file__).resolve().parent.parent / "examples" / "kazakhstan-2022"


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    register_extensions()
    yield load_model()


@pytest.fixture(scope="module")
def finder() -> EventFinder:
    return EventFinder()


def parse(
    nlp: Language,
    text: str,
    *,
    places: list[Place] | None = None,
    times: list[TimeExpression] | None = None,
    claims: list[Claim] | None = None,
    mentions: list[Mention] | None = None,
) -> Doc:
    """Parse with the bare model, then set what earlier components would have set."""
    doc = nlp(text)
    doc._.article_id = "a1"
    doc._.places = places
    doc._.time_expressions = times
    doc._.claims = claims
    doc._.mentions = mentions
    return doc


def events_in(nlp: Language, finder: EventFinder, text: str, **results: object) -> list[Event]:
    doc = finder(parse(nlp, text, **results))  # type: ignore[arg-type]
    events: list[Event] = doc._.events
    for event in events:
        assert doc.text[event.start : event.end] == event.text
        assert event.type in EVENT_TYPES
    return events


def types_in(nlp: Language, finder: EventFinder, text: str) -> set[str]:
    return {e.type for e in events_in(nlp, finder, text)}


def only(events: list[Event], kind: str) -> Event:
    found = [e for e in events if e.type == kind]
    assert len(found) == 1, events
    return found[0]


def place(text: str, name: str, *, feature: str, code: str, lat: float, lon: float) -> Place:
    start = text.index(name)
    return Place("a1", name, name, start, start + len(name), 1, lat, lon, code, feature)


# --- one sentence per type, from various crises -------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Thousands of farmers rallied outside parliament in New Delhi.", "protest"),
        ("Students took to the streets of Dhaka on Monday.", "protest"),
        ("Crowds looted shops in the centre of Durban.", "riot"),
        ("Youths set fire to several police cars in the suburb.", "riot"),
        ("Militants attacked an army post near the border.", "attack"),
        ("Soldiers opened fire on the crowd outside the palace.", "attack"),
        ("Unknown gunmen killed seven miners in the north.", "kill"),
        ("Twelve civilians died when the market was shelled.", "kill"),
        ("Police detained dozens of journalists in Tehran.", "arrest"),
        ("The government deployed the army to the capital.", "deploy"),
        ("Nigeria sent 300 soldiers to the neighbouring country.", "deploy"),
        ("Armed men seized the state television building.", "seize"),
        ("Demonstrators occupied the main square for a week.", "seize"),
        ("The president declared a state of emergency in three provinces.", "emergency"),
        ("The cabinet resigned after the vote.", "resign_dismiss"),
        ("Authorities imposed a nighttime curfew in Quito.", "restrict"),
        ("Mobile internet was blocked across the region.", "restrict"),
        ("The opposition accused the army of rigging the election.", "statement_accuse"),
        ("Peru's government requested assistance from its neighbours.", "assist"),
    ],
)
def test_sentence_yields_event_of_type(
    nlp: Language, finder: EventFinder, sentence: str, kind: str
) -> None:
    assert kind in types_in(nlp, finder, sentence)


# --- actor and target -----------------------------------------------------------------------


def test_active_voice_subject_is_actor_and_object_is_target(
    nlp: Language, finder: EventFinder
) -> None:
    event = only(events_in(nlp, finder, "Rebels stormed the airport in Goma."), "seize")
    assert (event.actor, event.target) == ("Rebels", "airport")


def test_passive_voice_agent_is_actor_and_subject_is_target(
    nlp: Language, finder: EventFinder
) -> None:
    text = "Hundreds of activists were detained by security forces in Minsk."
    event = only(events_in(nlp, finder, text), "arrest")
    assert event.actor == "security forces"
    assert event.target == "Hundreds of activists"


def test_subject_of_dying_is_the_target(nlp: Language, finder: EventFinder) -> None:
    event = only(events_in(nlp, finder, "Three police officers died in Nairobi."), "kill")
    assert event.actor is None
    assert event.target == "Three police officers"


def test_light_verb_subject_is_actor_of_noun_trigger(nlp: Language, finder: EventFinder) -> None:
    text = "Tokayev accepted the government's resignation."
    event = only(events_in(nlp, finder, text), "resign_dismiss")
    assert (event.actor, event.target) == ("Tokayev", "government")


def test_phrase_noun_passes_target_to_its_preposition(nlp: Language, finder: EventFinder) -> None:
    text = "Protesters set fire to the mayor's office."
    event = only(events_in(nlp, finder, text), "riot")
    assert event.target == "mayor's office"


def test_coordinated_verb_shares_the_subject(nlp: Language, finder: EventFinder) -> None:
    text = "Gunmen attacked a checkpoint near Peshawar, killing four soldiers."
    event = only(events_in(nlp, finder, text), "kill")
    assert (event.actor, event.target) == ("Gunmen", "four soldiers")


def test_reported_pronoun_subject_stands_for_the_speaker(
    nlp: Language, finder: EventFinder
) -> None:
    text = "Russia announced that it had sent 2,500 paratroopers to Kazakhstan."
    events = events_in(nlp, finder, text)
    event = only(events, "deploy")
    assert event.actor == "Russia"
    assert "statement_accuse" not in {e.type for e in events}  # the announcement carries it


def test_mention_names_the_actor(nlp: Language, finder: EventFinder) -> None:
    text = "Yesterday President Ruto dismissed Interior Minister Kindiki."
    start = text.index("Kindiki")
    mentions = [Mention("a1", "Kindiki", "PERSON", start, start + len("Kindiki"))]
    event = only(events_in(nlp, finder, text, mentions=mentions), "resign_dismiss")
    assert event.target == "Kindiki"


def test_dismissing_an_accusation_is_no_dismissal(nlp: Language, finder: EventFinder) -> None:
    text = "The spokeswoman dismissed the accusations as absurd."
    assert "resign_dismiss" not in types_in(nlp, finder, text)


# --- not asserted: negated, hypothetical, future, intended ---------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The army did not attack the village.",
        "Troops could be deployed within days.",
        "Russia will send troops to the region.",
        "The rebels threatened to seize the oil field.",
        "If the army deploys, there could be bloodshed.",
        "There were no arrests in Lagos.",
        "Nobody was arrested.",
        "The curfew was lifted on Monday.",
        "Police plan to detain the organisers.",
        "Did soldiers storm the parliament?",
    ],
)
def test_unasserted_trigger_makes_no_event(
    nlp: Language, finder: EventFinder, sentence: str
) -> None:
    kinds = types_in(nlp, finder, sentence) - {"statement_accuse"}
    assert kinds == set()


def test_announced_future_deployment_is_a_statement(nlp: Language, finder: EventFinder) -> None:
    text = "The government announced it will deploy peacekeepers next week."
    assert types_in(nlp, finder, text) == {"statement_accuse"}


def test_reported_event_is_still_an_event(nlp: Language, finder: EventFinder) -> None:
    text = "Officials said that gunmen had killed twelve villagers near Kidal."
    event = only(events_in(nlp, finder, text), "kill")
    assert event.text.startswith("gunmen had killed")


def test_call_for_protests_is_a_statement_not_a_protest(nlp: Language, finder: EventFinder) -> None:
    text = "The opposition called for nationwide protests."
    assert types_in(nlp, finder, text) == {"statement_accuse"}


def test_coordinated_clauses_give_separate_events(nlp: Language, finder: EventFinder) -> None:
    text = "Protesters stormed the airport and set fire to the terminal."
    events = events_in(nlp, finder, text)
    assert [e.type for e in events] == ["seize", "riot"]
    assert events[0].end <= events[1].start


# --- place, date, count ---------------------------------------------------------------------------


def test_city_is_preferred_over_country(nlp: Language, finder: EventFinder) -> None:
    text = "In Myanmar, soldiers opened fire on protesters in Mandalay."
    places = [
        place(text, "Myanmar", feature="country", code="MM", lat=21.0, lon=96.0),
        place(text, "Mandalay", feature="city", code="MM", lat=21.97, lon=96.08),
    ]
    event = only(events_in(nlp, finder, text, places=places), "attack")
    assert (event.place, event.lat, event.lon) == ("Mandalay", 21.97, 96.08)
    assert event.geo_precision == "exact"


def test_region_gives_region_precision(nlp: Language, finder: EventFinder) -> None:
    text = "Militants attacked a convoy in Cabo Delgado."
    places = [place(text, "Cabo Delgado", feature="admin1", code="MZ", lat=-12.3, lon=39.3)]
    event = only(events_in(nlp, finder, text, places=places), "attack")
    assert (event.place, event.geo_precision) == ("Cabo Delgado", "region")


def test_no_place_in_sentence_falls_back_to_most_mentioned_country(
    nlp: Language, finder: EventFinder
) -> None:
    text = "Chile is tense. Santiago was calm. Police arrested forty students."
    places = [
        place(text, "Chile", feature="country", code="CL", lat=-30.0, lon=-71.0),
        place(text, "Santiago", feature="PPLC", code="CL", lat=-33.45, lon=-70.65),
    ]
    event = only(events_in(nlp, finder, text, places=places), "arrest")
    assert (event.place, event.geo_precision, event.lat) == ("Chile", "country", -30.0)


def test_without_places_the_event_has_no_place(nlp: Language, finder: EventFinder) -> None:
    event = only(events_in(nlp, finder, "Police arrested forty students."), "arrest")
    assert (event.place, event.geo_precision, event.lat) == (None, None, None)


def test_date_and_precision_come_from_the_sentence_time_expression(
    nlp: Language, finder: EventFinder
) -> None:
    text = "Crowds looted shops on Friday. Last week troops were deployed in Tigray."
    friday, week = text.index("Friday"), text.index("Last week")
    times = [
        TimeExpression("a1", "Friday", friday, friday + 6, "2023-05-12", "day"),
        TimeExpression("a1", "Last week", week, week + 9, "2023-05-01", "week"),
    ]
    events = events_in(nlp, finder, text, times=times)
    riot, deploy = only(events, "riot"), only(events, "deploy")
    assert (riot.date, riot.time_precision) == ("2023-05-12", "day")
    assert (deploy.date, deploy.time_precision) == ("2023-05-01", "week")


def test_date_naming_a_treaty_is_not_the_event_date(nlp: Language, finder: EventFinder) -> None:
    text = "The deployment follows the Treaty of May 15, 1992."
    start = text.index("May 15, 1992")
    times = [TimeExpression("a1", "May 15, 1992", start, start + 12, "1992-05-15", "day")]
    event = only(events_in(nlp, finder, text, times=times), "deploy")
    assert event.date is None


def test_count_comes_from_a_matching_claim(nlp: Language, finder: EventFinder) -> None:
    text = "Police arrested 1,200 people while gunmen killed 14 guards."
    arrested, killed = text.index("1,200"), text.index("14")
    claims = [
        Claim("a1", "detained", 1200, 1200, "exact", "1,200 people", arrested, arrested + 12),
        Claim("a1", "killed", 14, 14, "exact", "14 guards", killed, killed + 9),
    ]
    events = events_in(nlp, finder, text, claims=claims)
    assert only(events, "arrest").count == 1200
    assert only(events, "kill").count == 14


def test_claim_of_another_category_gives_no_count(nlp: Language, finder: EventFinder) -> None:
    text = "Rioters torched 30 cars."
    start = text.index("30")
    claims = [Claim("a1", "other", 30, 30, "exact", "30 cars", start, start + 7)]
    assert only(events_in(nlp, finder, text, claims=claims), "riot").count is None


# --- configuration, robustness --------------------------------------------------------------------


def test_user_lexicon_adds_a_trigger(nlp: Language) -> None:
    extended = EventFinder(lexicons={"event_types": ["blockade\trestrict"]})
    doc = extended(parse(nlp, "Truckers blockaded the port of Calais."))
    assert [e.type for e in doc._.events] == ["restrict"]
    assert build_lexicon().triggers != extended.lexicon.triggers


def test_factory_works_in_a_pipeline() -> None:
    register_extensions()
    pipeline = load_model()
    pipeline.add_pipe("newsprism_events", config={"country_fallback": False})
    doc = pipeline("Soldiers stormed the presidential palace in Niamey.")
    assert [e.type for e in doc._.events] == ["seize"]


def test_headline_lines_are_skipped(nlp: Language, finder: EventFinder) -> None:
    text = "Rebels Seize Airport In Northern City\n\nRebels seized the airport on Sunday."
    events = events_in(nlp, finder, text)
    assert len(events) == 1
    assert events[0].start > text.index("\n")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "Police\u00a0arrested 3\u00a0000 people.",
        "Troops\u200b were deployed \u200fin\u200e the city.",
        "Protesters stormed\u2028the building; 1.000 detained.",
        "\u202bالشرطة اعتقلت\u202c police arrested them.",
        "!!! ??? ...",
    ],
)
def test_odd_text_never_crashes_and_offsets_hold(
    nlp: Language, finder: EventFinder, text: str
) -> None:
    events_in(nlp, finder, text)


_WORDS = st.sampled_from(
    ["police", "arrested", "troops", "were", "deployed", "not", "will", "attack", "the",
     "protest", "in", "Lima", ",", ".", "\u200b", "\u00a0", "\n", "state", "of", "emergency"]
)  # fmt: skip


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_WORDS, max_size=25).map(" ".join))
def test_random_word_salad_keeps_offsets_valid(
    nlp: Language, finder: EventFinder, text: str
) -> None:
    events_in(nlp, finder, text)


# --- the demo corpus, with the earlier components that exist -----------------------------


@pytest.fixture(scope="module")
def demo_events() -> list[Event]:
    import importlib

    register_extensions()
    pipeline = load_model()
    for name in ("places", "dates", "claims", "events"):
        importlib.import_module(f"newsprism.nlp.{name}")
        pipeline.add_pipe(f"newsprism_{name}")
    events: list[Event] = []
    for path in sorted(DEMO_DIR.glob("*.txt")):
        doc = pipeline.make_doc(path.read_text(encoding="utf-8"))
        doc._.article_id = path.stem
        doc._.published = "2022-01-07"
        doc = pipeline(doc)
        for event in doc._.events:
            assert doc.text[event.start : event.end] == event.text
        events.extend(doc._.events)
    return events


def test_demo_has_a_peacekeeper_deployment(demo_events: list[Event]) -> None:
    assert any(e.type == "deploy" and "peacekeep" in e.text.lower() for e in demo_events)


def test_demo_has_a_state_of_emergency(demo_events: list[Event]) -> None:
    assert any(e.type == "emergency" and "emergency" in e.text for e in demo_events)


def test_demo_has_an_airport_seizure(demo_events: list[Event]) -> None:
    seized = [e for e in demo_events if e.type == "seize" and e.target]
    assert any("airport" in (e.target or "").lower() for e in seized)


def test_demo_counts_and_places_are_filled(demo_events: list[Event]) -> None:
    counted = [e for e in demo_events if e.count is not None]
    assert any(e.type == "arrest" and e.count >= 2000 for e in counted)
    assert all(e.geo_precision in {"exact", "region", "country", None} for e in demo_events)
    assert any(e.geo_precision == "exact" for e in demo_events)


def test_bare_year_does_not_date_the_event(nlp: Language, finder: EventFinder) -> None:
    text = "Crowds, angry since the closure in 2019, looted shops in the market."
    year = text.index("2019")
    times = [TimeExpression("a1", "2019", year, year + 4, "2019-01-01", "year")]
    riot = only(events_in(nlp, finder, text, times=times), "riot")
    assert (riot.date, riot.time_precision) == (None, None)
