"""The newsprism_claims component on hand-written sentences and on the demo corpus."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from spacy.language import Language

import newsprism.nlp.claims  # noqa: F401  (registers the factory)
from newsprism.models import Citation, Claim, Place, TimeExpression
from newsprism.nlp.claims import build_lexicons, find_claims
from newsprism.nlp.extensions import register_extensions
from newsprism.nlp.model import load_model

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "claims"


def load_fixture(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"claims_fixture_{name}", FIXTURES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sentences = load_fixture("sentences")
heldout = load_fixture("heldout")
generalisation = load_fixture("generalisation")
figures = load_fixture("figures")
retired = load_fixture("retired")

Row = tuple[str, float | None, float | None, str, str | None]


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    register_extensions()
    model = load_model()
    model.add_pipe("newsprism_claims")
    yield model


def claims_of(nlp: Language, text: str) -> list[Claim]:
    doc = nlp(text)
    for claim in doc._.claims:
        assert doc.text[claim.start : claim.end] == claim.text
    return list(doc._.claims)


def rows(claims: list[Claim]) -> list[Row]:
    return [(c.category, c.value_min, c.value_max, c.qualifier, c.who) for c in claims]


def expected_rows(expected: list[tuple[str, float, float | None, str, str]]) -> list[Row]:
    return [
        (
            cat,
            float(low) if low is not None else None,
            float(high) if high is not None else None,
            q,
            who,
        )
        for cat, low, high, q, who in expected
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    sentences.POSITIVE
    + heldout.POSITIVE
    + generalisation.POSITIVE
    + figures.POSITIVE
    + retired.POSITIVE,
)
def test_claims_are_read_with_category_range_qualifier_and_group(
    nlp: Language, text: str, expected: list[tuple[str, float, float | None, str, str]]
) -> None:
    assert sorted(rows(claims_of(nlp, text)), key=str) == sorted(expected_rows(expected), key=str)


@pytest.mark.parametrize(
    "text",
    sentences.NEGATIVE
    + heldout.NEGATIVE
    + generalisation.NEGATIVE
    + figures.NEGATIVE
    + retired.NEGATIVE,
)
def test_non_claims_give_no_claim(nlp: Language, text: str) -> None:
    assert claims_of(nlp, text) == []


@pytest.mark.parametrize(("text", "category", "origin", "relay"), sentences.ATTRIBUTED)
def test_attribution_names_the_originator_and_the_relay(
    nlp: Language, text: str, category: str, origin: str | None, relay: str | None
) -> None:
    found = [c for c in claims_of(nlp, text) if c.category == category]
    assert [(c.attributed_to, c.relayed_by) for c in found] == [(origin, relay)]


def test_claim_text_runs_from_qualifier_through_trigger(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "On Monday, at least 5 protesters were shot dead in the square.")
    assert claim.text == "at least 5 protesters were shot dead"


def test_user_counted_group_suffix_rule_and_exclusion_apply() -> None:
    lexicons = build_lexicons(
        {"counted_groups": ["*naut\tcivilians", "juggernaut\t-"]},
    )
    model = load_model()
    doc = model("Two cosmonauts were injured. Two juggernauts were injured.")
    found = find_claims(doc, lexicons=lexicons)
    assert [(c.category, c.value_min, c.who) for c in found] == [("injured", 2, "civilians")]


def test_sub_count_in_next_sentence_takes_the_category_but_not_a_larger_figure(
    nlp: Language,
) -> None:
    text = "Five miners were hurt in Potosi. Seven of them were brothers."
    assert [(c.category, c.value_min) for c in claims_of(nlp, text)] == [("injured", 5)]


def test_killed_and_wounded_on_one_number_is_casualties(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "Officials said 18 guards were killed and wounded.")
    assert (claim.category, claim.value_min, claim.who) == ("casualties", 18, "security forces")
    assert claim.text.endswith("killed and wounded")


def test_context_and_earlier_components_fill_outlet_place_date_and_source(
    nlp: Language,
) -> None:
    text = "In Almaty on Friday, 40 people were arrested, the agency said."
    doc = nlp.make_doc(text)
    doc._.article_id = "a1"
    doc._.outlet = "Example Wire"
    city = text.index("Almaty")
    friday = text.index("Friday")
    doc._.places = [Place("a1", "Almaty", "Almaty", city, city + 6)]
    doc._.time_expressions = [TimeExpression("a1", "Friday", friday, friday + 6, "2022-01-07")]
    doc._.citations = [
        Citation("a1", "TASS", "media", 0, 2, originator="Kazakh police"),
    ]
    (claim,) = nlp(doc)._.claims
    assert (claim.article_id, claim.outlet) == ("a1", "Example Wire")
    assert (claim.place, claim.date) == ("Almaty", "2022-01-07")
    assert (claim.attributed_to, claim.relayed_by) == ("Kazakh police", "TASS")


def test_without_earlier_components_place_date_are_none_and_source_is_parsed(
    nlp: Language,
) -> None:
    (claim,) = claims_of(nlp, "In Almaty on Friday, 40 people were arrested, the agency said.")
    assert (claim.place, claim.date, claim.attributed_to) == (None, None, "agency")


def test_vague_rule_is_configurable_through_the_factory() -> None:
    model = load_model()
    model.add_pipe("newsprism_claims", config={"vague_quantities": {"dozens": [13, -1]}})
    (claim,) = model("Dozens of miners were injured.")._.claims
    assert (claim.value_min, claim.value_max, claim.vague_rule) == (13, None, "dozens -> 13..")


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\u200b\u200f", "3 000\u00a0people\u200b were\u200f detained.", "?" * 50],
)
def test_odd_text_never_crashes_and_offsets_stay_valid(nlp: Language, text: str) -> None:
    claims_of(nlp, text)


# --- demo corpus -----------------------------------------------------------------------


def demo_claims(nlp: Language, demo_paths: list[Path], marker: str) -> list[Claim]:
    (path,) = [p for p in demo_paths if marker in p.read_text(encoding="utf-8")]
    return claims_of(nlp, path.read_text(encoding="utf-8"))


def test_demo_over_3000_detained_by_the_interior_ministry(
    nlp: Language, demo_paths: list[Path]
) -> None:
    found = demo_claims(nlp, demo_paths, "over 3,000 people were detained")
    detained = [c for c in found if c.text == "over 3,000 people were detained"]
    assert [(c.category, c.value_min, c.value_max, c.qualifier) for c in detained] == [
        ("detained", 3000, None, "more_than")
    ]
    assert "interior ministry" in (detained[0].attributed_to or "").lower()


def test_demo_200_or_more_detained_is_at_least(nlp: Language, demo_paths: list[Path]) -> None:
    found = demo_claims(nlp, demo_paths, "200 or more detained")
    assert ("detained", 200, None, "at_least") in [
        (c.category, c.value_min, c.value_max, c.qualifier) for c in found
    ]


def test_demo_liquidated_criminals_are_killed(nlp: Language, demo_paths: list[Path]) -> None:
    found = demo_claims(nlp, demo_paths, "26 armed criminals were liquidated")
    assert ("killed", 26, 26, "exact", "rioters") in rows(found)


def test_demo_count_of_attackers_is_not_a_claim(nlp: Language, demo_paths: list[Path]) -> None:
    found = demo_claims(nlp, demo_paths, "around 20,000 armed rioters attacked")
    assert not [c for c in found if c.value_min == 20000]


def test_demo_predicted_deaths_are_not_claims(nlp: Language, demo_paths: list[Path]) -> None:
    found = demo_claims(nlp, demo_paths, "hundreds or thousands of deaths")
    assert not [c for c in found if c.value_max == 9999]


def test_nationality_plural_is_a_count_of_people(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "Three Danes died in the attacks.")
    assert (claim.category, claim.value_min, claim.who_text) == ("killed", 3, "Danes")


def test_toll_group_noun_names_who_the_number_of_counts(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "The number of foreigners killed has risen to 40.")
    assert (claim.category, claim.value_min, claim.who) == ("killed", 40, "foreigners")


def test_bodies_taken_to_hospital_are_the_dead(nlp: Language) -> None:
    (claim,) = claims_of(nlp, "At least 52 bodies were taken to the city's main hospital.")
    assert claim.category == "killed"


@pytest.mark.parametrize(
    "text",
    [
        "Colombo: At least 207 people were killed in blasts in Sri Lanka on Sunday.",
        "COLOMBO (Reuters) - At least 207 people were killed in blasts in Sri Lanka on Sunday.",
    ],
)
def test_dateline_place_is_not_the_place_a_figure_counts(nlp: Language, text: str) -> None:
    doc = nlp.make_doc(text)
    doc._.article_id = "a1"
    city, country = text.lower().index("colombo"), text.index("Sri Lanka")
    doc._.places = [
        Place("a1", text[city : city + 7], "Colombo", city, city + 7),
        Place("a1", "Sri Lanka", "Sri Lanka", country, country + 9),
    ]
    (claim,) = nlp(doc)._.claims
    assert claim.place == "Sri Lanka"


def test_a_number_or_both_is_no_count(nlp: Language) -> None:
    assert claims_of(nlp, "Many children lost one or both parents in the attacks.") == []
    (claim,) = claims_of(nlp, "One or two people were injured.")
    assert claim.category == "injured"


def test_a_parts_place_is_not_the_totals_place(nlp: Language) -> None:
    text = "The death toll rose to 113, including four in Port Sudan, the committee said."
    doc = nlp.make_doc(text)
    doc._.article_id = "a1"
    at = text.index("Port Sudan")
    doc._.places = [Place("a1", "Port Sudan", "Port Sudan", at, at + 10)]
    claims = nlp(doc)._.claims
    total = next(c for c in claims if c.value_min == 113)
    part = next(c for c in claims if c.value_min == 4)
    assert total.place is None and part.place == "Port Sudan"


def test_a_count_site_list_shares_the_first_counts_category(nlp: Language) -> None:
    text = (
        "Rescuers recovered 29 bodies at the Batticaloa Teaching Hospital, 102 at the "
        "Meegamuwa Base Hospital and seven at the Colombo North Teaching Hospital."
    )
    claims = claims_of(nlp, text)
    assert [(c.category, c.value_min, c.site) for c in claims] == [
        ("killed", 29, "Batticaloa Teaching Hospital"),
        ("killed", 102, "Meegamuwa Base Hospital"),
        ("killed", 7, "Colombo North Teaching Hospital"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The blast claimed the lives of 48 people.", ("killed", 48)),
        ("The latest figure for fatalities was 48.", ("killed", 48)),
        ("The toll has surged to 48.", ("killed", 48)),
        ("The number of people killed since the coup rose to 126.", ("killed", 126)),
        ("One of its soldiers was wounded in the clash.", ("injured", 1)),
        ("The agency updated the number of dead to 1,558 on Twitter.", ("killed", 1558)),
        ("The death toll had been revised down to 253.", ("killed", 253)),
        ("The number of bodies at the morgue has reduced to 26 from 29.", ("killed", 26)),
        ("Police have so far taken 58 people into detention.", ("detained", 58)),
    ],
    ids=[
        "lives_of",
        "figure_for",
        "surge_verb",
        "misread_since_clause",
        "own_members",
        "updated_number",
        "revised_toll",
        "reduced_number",
        "into_detention",
    ],
)
def test_toll_wordings_from_unseen_coverage(
    nlp: Language, text: str, expected: tuple[str, float]
) -> None:
    (claim,) = claims_of(nlp, text)
    assert (claim.category, claim.value_min) == expected


def test_one_of_the_protesters_stays_an_individual(nlp: Language) -> None:
    assert claims_of(nlp, "One of the protesters was arrested.") == []


def test_another_n_continues_the_group_just_named(nlp: Language) -> None:
    text = "At least 32 foreigners were among the dead and another 30 were hospitalized."
    _dead, hurt = claims_of(nlp, text)
    assert (hurt.category, hurt.value_min, hurt.who) == ("injured", 30, "foreigners")
    _first, second = claims_of(nlp, "Twelve people were killed and 20 were wounded.")
    assert second.who == "unspecified"


def test_counts_things_two_of_the_neighbourhoods_is_no_count_of_people(nlp: Language) -> None:
    text = (
        "There could be as many as 5,000 victims buried in Balaroa and Petobo, two of "
        "Palu's hardest-hit neighbourhoods."
    )
    assert [c.value_max for c in claims_of(nlp, text)] == [5000]
    (_total, part) = claims_of(nlp, "Thirty people were killed, including two of the attackers.")
    assert part.value_min == 2


@pytest.mark.parametrize(
    "text",
    [
        "At least 45 children were among the more than 320 people killed in the attacks, "
        "the United Nations said.",
        "Among the 40 killed were 12 children, police said.",
    ],
)
def test_referenced_total_a_part_is_taken_from_has_no_originator(nlp: Language, text: str) -> None:
    claims = claims_of(nlp, text)
    children = [c for c in claims if c.who == "civilians"]
    totals = [c for c in claims if c.who == "unspecified"]
    assert len(children) == 1 and len(totals) == 1
    assert children[0].attributed_to is not None
    assert totals[0].attributed_to is None and totals[0].relayed_by is None


def test_a_total_the_source_reports_keeps_its_originator(nlp: Language) -> None:
    claims = claims_of(nlp, "The ministry said 320 people were killed, among them 45 children.")
    assert [c.attributed_to for c in claims] == ["ministry", "ministry"]
