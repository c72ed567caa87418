"""Originators: one institution however a story names it; names that are no source at all.

Each test is one named rule of ``newsprism.compare.originators`` on names written for it.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.compare.originators import (
    Originators,
    antecedent_body,
    apposed_descriptions,
    apposed_roles,
    institution_of,
    spelled_out_initials,
    story_originators,
)
from newsprism.compare.sourcenames import name_sources


def _story(
    names: Sequence[str],
    *,
    texts: Sequence[str] = (),
    places: Sequence[str] = (),
    titled: dict[str, str] | None = None,
) -> Originators:
    sources = name_sources(names)
    return story_originators(sources, names, titled or {}, texts=texts, place_names=places)


def test_description_with_every_word_in_one_name_is_that_body() -> None:
    story = _story(["Central Committee of Sudan Doctors", "committee of doctors", "committee"])
    assert story.key("committee of doctors") == story.key("Central Committee of Sudan Doctors")
    assert story.key("committee") == story.key("Central Committee of Sudan Doctors")


def test_description_sharing_a_distinctive_word_with_one_name_is_that_body() -> None:
    story = _story(["Central Committee of Sudan Doctors", "doctors close to the protesters"])
    assert story.key("doctors close to the protesters") == story.key(
        "Central Committee of Sudan Doctors"
    )


def test_description_sharing_only_an_institution_head_stays_itself() -> None:
    story = _story(["Sudanese Professionals Association", "medical association"])
    assert story.key("medical association") != story.key("Sudanese Professionals Association")


def test_description_two_names_share_words_with_stays_itself() -> None:
    story = _story(["National Disaster Agency", "Disaster Relief Committee", "disaster officials"])
    assert story.key("disaster officials") not in {
        story.key("National Disaster Agency"),
        story.key("Disaster Relief Committee"),
    }


def test_vague_words_leave_the_distinctive_ones_to_match() -> None:
    story = _story(["Ministry of Health", "health authorities"])
    assert story.key("health authorities") == story.key("Ministry of Health")


def test_one_word_description_must_be_the_head_of_the_name() -> None:
    story = _story(["Opposition and Protest Group Alliance", "group"])
    assert story.key("group") != story.key("Opposition and Protest Group Alliance")


def test_initials_after_a_name_in_brackets_whatever_their_language() -> None:
    text = "The National Disaster Mitigation Agency (BNPB) said 832 people had died."
    assert spelled_out_initials([text]) == {"BNPB": {"National Disaster Mitigation Agency": 1}}
    story = _story(["BNPB", "National Disaster Mitigation Agency"], texts=[text])
    assert story.key("BNPB") == story.key("National Disaster Mitigation Agency")


def test_a_unit_of_an_initialled_body_and_its_head_by_name_are_the_body() -> None:
    text = "The National Disaster Mitigation Agency (BNPB) gave a new toll."
    head = "Head of the BNPB Data and Information Center Sutopo Purwo Nugroho"
    story = _story([head, "Sutopo Purwo Nugroho", "Sutopo", "BNPB"], texts=[text])
    agency = story.key("National Disaster Mitigation Agency")
    assert {story.key(n) for n in (head, "Sutopo Purwo Nugroho", "Sutopo", "BNPB")} == {agency}


def test_a_person_of_a_body_is_the_body() -> None:
    story = _story(["Mohamed Babakr of the Central Committee of Doctors"])
    assert story.institution("Mohamed Babakr of the Central Committee of Doctors") == (
        "Central Committee of Doctors"
    )
    assert _story(["Ministry of Health"]).institution("Ministry of Health") == "Ministry of Health"


def test_names_in_another_word_order_are_one_body() -> None:
    sources = name_sources(["Central Committee of Doctors", "Doctors Central Committee"])
    assert sources.key("Central Committee of Doctors") == sources.key("Doctors Central Committee")


def test_time_words_and_communications_are_no_source() -> None:
    story = _story(["Earlier", "reports", "a clarification", "Earlier authorities"])
    assert not story.is_source("Earlier")
    assert not story.is_source("Reports")
    assert not story.is_source("a clarification")
    assert story.is_source("Earlier authorities")
    assert story.institution("Earlier authorities") == "authorities"


def test_a_dateline_place_in_capitals_is_no_source() -> None:
    story = _story(["PALU", "BNPB"], places=["Palu"])
    assert not story.is_source("PALU")
    assert story.is_source("BNPB")


def test_vague_officialdom_names_nobody_to_ask() -> None:
    story = _story(["officials", "local authorities", "state media", "Interior Ministry"])
    assert story.is_vague("officials") and story.is_vague("local authorities")
    assert not story.is_vague("state media") and not story.is_vague("Interior Ministry")


def test_antecedent_body_the_committee_is_the_committee_named_before() -> None:
    text = (
        "The Central Committee of Sudan Doctors said 30 were killed. The Ministry of Health "
        "gave 46. Later the committee said the toll had risen to 60."
    )
    names = ["Central Committee of Sudan Doctors", "Ministry of Health", "the committee"]
    before = text.index("Later")
    assert antecedent_body("the committee", text, before, names) == names[0]
    assert antecedent_body("the ministry", text, before, names) == "Ministry of Health"


def test_antecedent_body_needs_a_mention_before_and_an_institution_head() -> None:
    text = "The committee said 30 were killed, the Central Committee of Sudan Doctors added."
    names = ["Central Committee of Sudan Doctors", "the committee"]
    assert antecedent_body("the committee", text, 0, names) is None
    assert antecedent_body("the witness", text, len(text), ["Key Witness Group"]) is None


def test_apposed_roles_a_role_beside_a_name_is_that_persons_body() -> None:
    texts = [
        "In a statement, the Undersecretary of the Ministry of Health, Suleiman Abdul-Jabbar "
        "said the toll was 46.",
        "A National Hospital spokesman, Dr. Samindi Samarakoon, told AP they received 47 dead.",
        "Jane Doe, the country's health minister, said four died.",
        '"The total now is 45," UNICEF spokesman Christophe Boulierac told reporters.',
        "Addressing the media, Police spokesperson Ruwan Gunasekara said 290 died.",
        "The toll rose. Agency spokesman Sutopo Purwo Nugroho said so.",
    ]
    people = ["Suleiman Abdul-Jabbar", "Samindi Samarakoon", "Jane Doe"]
    others = ["Christophe Boulierac", "Ruwan Gunasekara", "Sutopo Purwo Nugroho"]
    found = apposed_roles([*people, *others], texts)
    assert found == {
        "Christophe Boulierac": "UNICEF",
        "Ruwan Gunasekara": "police",
        "Suleiman Abdul-Jabbar": "ministry of health",
        "Samindi Samarakoon": "national hospital",
        "Jane Doe": "health ministry",
    }


def test_apposed_descriptions_a_description_before_a_name_is_that_body() -> None:
    texts = [
        "shortly after the medical association the Central Committee of Sudan Doctors said",
        "reports by a pro-democracy group, Central Committee of Sudanese Doctors (CCSD)",
    ]
    names = [
        "medical association",
        "Central Committee of Sudan Doctors",
        "pro-democracy group",
        "Central Committee of Sudanese Doctors",
        "officials",
        "Suleiman Abdul Jabbar",
    ]
    texts.append("the Undersecretary for the health ministry, Suleiman Abdul Jabbar, said")
    assert apposed_descriptions(names, texts) == {
        "medical association": "Central Committee of Sudan Doctors",
        "pro-democracy group": "Central Committee of Sudanese Doctors",
    }


def test_double_title_speaks_for_its_last_office() -> None:
    name = "Minister of Mass Media and State Minister of Defense Ruwan Wijewardana"
    assert institution_of(name) == "defense ministry"
    assert institution_of("Deputy Health Minister") == "health ministry"
    assert institution_of("police media spokesperson") == "police"


def test_person_part_stops_at_an_institution_head() -> None:
    name = "Head of the National Disaster Agency Sutopo Purwo Nugroho"
    assert institution_of(name) == "national disaster agency"
    assert institution_of("Minister of Health and Indigenous Medicine") == (
        "health and indigenous medicine ministry"
    )


def test_a_rank_after_a_body_belongs_to_the_person() -> None:
    name = "Spokesman of joint task force for Central Sulawesi province Col. Infantry Muh Thohir"
    assert institution_of(name) == "joint task force for central sulawesi province"


def test_apposed_roles_a_rank_before_the_name_is_skipped() -> None:
    texts = ["Police Spokesperson, SP Ruwan Gunasekara, said 24 suspects were held."]
    assert apposed_roles(["SP Ruwan Gunasekara"], texts) == {"SP Ruwan Gunasekara": "police"}


def test_spelling_variants_of_a_titled_surname_are_that_person() -> None:
    names = ["Anil Jayasinghe", "Jasinghe", "Ruwan Gunasekara", "Gunaeskara", "Hassan"]
    titled = {"Anil Jayasinghe": "Health Minister", "Ruwan Gunasekara": "Police spokesperson"}
    story = _story(names, titled=titled)
    assert story.key("Jasinghe") == story.key("Anil Jayasinghe") == story.key("health ministry")
    assert story.key("Gunaeskara") == story.key("police")
    assert story.key("Hassan") != story.key("police")


def test_agency_of_parent_description_and_full_name_are_the_agency() -> None:
    names = [
        "the United Nations",
        "WFP spokesman Tomson Phiri",
        "the UN food agency",
        "World Food Programme",
        "officials who saw the camp",
    ]
    story = _story(names)
    wfp = story.key("WFP spokesman Tomson Phiri")
    assert story.key("the UN food agency") == wfp
    assert story.key("World Food Programme") == wfp
    assert story.key("the United Nations") != wfp  # the organisation stays itself
    assert story.parents[wfp] >= {story.key("the United Nations")}
    assert story.key("officials who saw the camp") not in story.parents  # "who" is no WHO


def test_spelling_variants_defense_and_defence_are_one_ministry() -> None:
    story = _story(["Defense ministry", "the Defence Ministry", "World Health Organization"])
    assert story.key("Defense ministry") == story.key("the Defence Ministry")
    assert story.key("World Health Organisation") == story.key("World Health Organization")


def test_not_originators_a_cause_is_no_source() -> None:
    story = _story(["a calculation error", "the health ministry"])
    assert not story.is_source("a calculation error")
    assert story.is_source("the health ministry")
