"""What a figure's sentence says about it: when it was stated, what period it counts, whether it
is a part of a total, whether it replaces a smaller figure."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from spacy.language import Language

from newsprism.models import Claim, TimeExpression
from newsprism.nlp.extensions import register_extensions
from newsprism.nlp.model import load_model

pytestmark = pytest.mark.slow

DAYS = {
    "Friday": "2024-03-08",
    "Tuesday": "2024-03-05",
    "Monday": "2024-03-04",
    "January 2": "2024-01-02",
    "Wednesday": "2024-03-06",
}


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    register_extensions()
    model = load_model()
    model.add_pipe("newsprism_claims")
    yield model


def claims_of(nlp: Language, text: str) -> list[Claim]:
    doc = nlp.make_doc(text)
    doc._.article_id = "a1"
    doc._.time_expressions = [
        TimeExpression("a1", m.group(0), m.start(), m.end(), DAYS[m.group(0)])
        for m in re.finditer("|".join(DAYS), text)
    ]
    return list(nlp(doc)._.claims)


def test_stated_is_the_reporting_verbs_day_not_the_events(nlp: Language) -> None:
    (claim,) = claims_of(
        nlp, "The health ministry said on Friday that Tuesday's bombing killed at least 64 people."
    )
    assert claim.stated == "2024-03-08"
    assert claim.covers == "2024-03-05"


def test_an_event_day_alone_is_what_the_figure_covers(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "Last Tuesday's bombing has killed at least 64 people.")
    assert claim.stated is None
    assert claim.covers == "2024-03-05"


def test_since_a_day_is_a_cumulative_period(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "Since January 2, 225 people have been killed, officials said.")
    assert claim.covers == "since 2024-01-02"


def test_a_toll_so_far_is_cumulative(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "So far 41 people have been killed in the unrest, state media said.")
    assert claim.covers == "cumulative"


def test_including_children_is_a_subset_of_the_total(nlp: Language) -> None:
    claims = claims_of(nlp, "The attack killed 30 people, including 5 children.")
    total, part = sorted(claims, key=lambda c: c.start)
    assert (total.value_min, part.value_min) == (30, 5)
    assert total.subset_of is None
    assert part.subset_of == total.start


def test_two_of_them_in_the_next_sentence_is_a_subset(nlp: Language) -> None:
    claims = claims_of(
        nlp, "More than a dozen police officers died in the clashes. Two of them were beheaded."
    )
    total, part = sorted(claims, key=lambda c: c.start)
    assert part.value_min == 2
    assert part.subset_of == total.start


def test_rose_to_marks_a_rising_figure(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "The death toll rose to 64 on Wednesday, the ministry said.")
    assert claim.rising
    assert claim.covers == "cumulative"


def test_a_plain_figure_has_no_context(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "Police arrested 12 people.")
    assert (claim.stated, claim.covers, claim.subset_of, claim.rising) == (None, None, None, False)


def test_site_a_count_taken_at_a_named_facility(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "At least 52 bodies were brought to the Royal Care hospital.")
    assert claim.site == "Royal Care hospital"
    assert claim.category == "killed"


def test_site_a_toll_at_a_place_of_worship(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "Thirty people were killed at St Anthony's Church in Colombo.")
    assert claim.site == "St Anthony's Church"


def test_site_generic_hospital_is_no_site(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "Nine people were taken to hospital with burns.")
    assert claim.site is None


def test_site_several_facilities_are_no_one_site(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "Twelve people died at the hospital and the morgue.")
    assert claim.site is None


def test_site_a_town_is_a_place_not_a_site(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "Police said 45 people died in Palu.")
    assert claim.site is None


def test_site_bodies_recovered_from_a_river(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "Doctors said 40 bodies were pulled from the Nile River on Tuesday.")
    assert claim.site == "Nile River"


def test_remains_after_number_is_a_count_of_the_dead_at_its_site(nlp: Language) -> None:
    claims = claims_of(
        nlp,
        "The count was based on 31 remains at the Kandy General Hospital, 14 at the Galle Base "
        "Hospital and six at the Matara Hospital.",
    )
    got = sorted((c.value_min, c.site, c.category) for c in claims)
    assert got == [
        (6, "Matara Hospital", "killed"),
        (14, "Galle Base Hospital", "killed"),  # a lone "14" the tagger takes for a date
        (31, "Kandy General Hospital", "killed"),
    ]


def test_remains_as_a_verb_is_no_count(nlp: Language) -> None:
    assert claims_of(nlp, "The toll of 31 remains unchanged.") == []


def test_weighing_verb_with_a_counted_object_is_asserted(nlp: Language) -> None:
    text = "The toll was revised after considering 41 bodies at the city morgue."
    (claim,) = claims_of(nlp, text)
    assert (claim.value_min, claim.site) == (41, "city morgue")
    assert claims_of(nlp, "The government is considering sending 500 troops.") == []


def test_site_right_after_count_and_a_relative_clause_give_each_site(nlp: Language) -> None:
    claims = claims_of(
        nlp,
        "Doctors counted 12 remains at the Mercy Clinic, 9 at the City Hospital and 40 remains "
        "which lay at the central morgue.",
    )
    assert sorted((c.value_min, c.site) for c in claims) == [
        (9, "City Hospital"),
        (12, "Mercy Clinic"),
        (40, "central morgue"),
    ]


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("Doctors said 64 wounded were admitted to four hospitals.", "four hospitals"),
        ("Nearly 40 bodies were taken to Kampala hospitals.", "Kampala hospitals"),
        (
            "Sixty people died at hospitals in the capital Nairobi.",
            "hospitals in the capital Nairobi",
        ),
        ("Officials said 300 people were treated in hospitals.", None),
    ],
)
def test_site_set_counted_named_or_placed_plural_is_a_site(
    nlp: Language, text: str, site: str | None
) -> None:
    (claim,) = claims_of(nlp, text)
    assert claim.site == site


def test_own_clause_does_not_borrow_the_other_clauses_site(nlp: Language) -> None:
    claims = claims_of(
        nlp,
        "Sixty of the dead were counted at hospitals in the capital Nairobi while four people "
        "were killed in their homes.",
    )
    assert sorted((c.value_min, c.site) for c in claims) == [
        (4, None),
        (60, "hospitals in the capital Nairobi"),
    ]


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("Only 5 had died in hospitals, the director said.", "hospitals"),
        ("Three of the injured later died in hospital.", "hospital"),
        ("Two people died on the way to hospital, police said.", "on the way to hospital"),
        ("Four people died en route to the hospital.", "en route to the hospital"),
        ("Eleven patients succumbed at clinics across the province.", "clinics"),
        ("Twelve people died at the hospital and the morgue.", None),
        ("Nine people were taken to hospital with burns.", None),
    ],
)
def test_died_at_facilities_in_general_is_a_site_of_those_deaths(
    nlp: Language, text: str, site: str | None
) -> None:
    # dying (not being treated, not being taken) in hospitals said in general: the count is
    # of those who died there, a part of the toll, not the toll
    (claim,) = claims_of(nlp, text)
    assert claim.site == site


def test_as_of_a_day_is_the_count_standing_that_day_not_the_days_own(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "As of Friday, 40 people had been killed, officials said.")
    assert claim.covers == "cumulative"


@pytest.mark.parametrize(
    ("text", "operation"),
    [
        (
            "Security forces arrested 18 suspects linked to the bombings in overnight raids, "
            "police said.",
            "overnight raids",
        ),
        ("During a dawn operation, troops detained 30 men.", "dawn operation"),
        ("Ten suspects were arrested in raids across the city.", "raids"),
        (
            '"We raided three locations and arrested 17 suspects," he said.',
            "raided three locations",
        ),
        ("Forty people were detained in the crackdown.", None),
        ("Police have so far arrested 58 people in connection with the attacks.", None),
    ],
)
def test_operation_in_phrase_or_verb_names_the_raid_a_count_of_arrests_was_made_in(
    nlp: Language, text: str, operation: str | None
) -> None:
    (claim,) = claims_of(nlp, text)
    assert claim.category == "detained"
    assert claim.operation == operation


def test_operation_only_for_counts_of_detentions(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "Twelve people were killed in overnight raids.")
    assert (claim.category, claim.operation) == ("killed", None)
