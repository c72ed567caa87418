"""The ledger on small multi-outlet corpora, one per pattern that misleads an analyst:
a rising toll, one originator named many ways, subsets, scopes, labels, re-posts."""

from __future__ import annotations

from dataclasses import replace

from newsprism.compare.ledger import build_ledger
from newsprism.models import Article, Claim, ClaimGroup
from tests.ledger_helpers import analysis, article, claim, place, story_of


def _figure(groups: list[ClaimGroup], category: str, value: float) -> ClaimGroup:
    (group,) = [
        g for g in groups if g.category == category and any(r.value_min == value for r in g.reports)
    ]
    return group


def test_a_toll_stated_a_week_later_is_an_update_not_a_conflict() -> None:
    # wire copy on the evening of the bombing; a live blog a week later, dated by its statement
    evening = article(
        "e", "Metro Wire", "The bombing killed 31 people, police said.", published="2024-03-05"
    )
    later = article(
        "l",
        "Live Desk",
        "Last Tuesday's bombing has killed at least 64 people, the health ministry said on Monday.",
        published="2024-03-12",
    )
    analyses = {
        "e": analysis(
            evening,
            claims=(
                replace(
                    claim(evening, "killed 31 people", "killed", 31, 31, attributed_to="police"),
                    covers="2024-03-05",
                ),
            ),
        ),
        "l": analysis(
            later,
            claims=(
                replace(
                    claim(
                        later,
                        "killed at least 64 people",
                        "killed",
                        64,
                        None,
                        "at_least",
                        attributed_to="health ministry",
                    ),
                    stated="2024-03-11",
                    covers="2024-03-05",
                ),
            ),
        ),
    }
    group = _figure(
        build_ledger(story_of(evening, later), [evening, later], analyses), "killed", 64
    )
    assert group.status == "updated", group.why
    assert [r.stated for r in group.reports] == ["2024-03-05", "2024-03-11"]
    assert (group.latest_min, group.latest_max) == (64, None)


def test_one_ministry_named_four_ways_is_one_independent_source() -> None:
    texts = {
        "a": ("Capital Times", "Health Minister Jane Doe said 12 people died."),
        "b": ("Gulf Wire", "Doe said 12 people died in the blast."),
        "c": ("State News", "The country's health minister said 12 people died."),
        "d": ("Radio Five", "A health ministry spokesperson said 12 people died."),
    }
    sources = {
        "a": "Health Minister Jane Doe",
        "b": "Doe",
        "c": "the country's health minister",
        "d": "a health ministry spokesperson",
    }
    arts = {k: article(k, o, t, published="2024-05-02") for k, (o, t) in texts.items()}
    analyses = {
        k: analysis(
            a, claims=(claim(a, "12 people died", "killed", 12, 12, attributed_to=sources[k]),)
        )
        for k, a in arts.items()
    }
    group = _figure(
        build_ledger(story_of(*arts.values()), list(arts.values()), analyses), "killed", 12
    )
    assert group.independent_sources == 1, group.series
    assert group.status == "single_source"
    assert [s.originator.lower() for s in group.series] == ["health ministry"]


def test_two_of_them_is_nested_under_the_total_not_a_conflict() -> None:
    text = "More than a dozen police officers died in the clashes. Two of them were beheaded."
    tv = article("t", "State TV", text, published="2022-01-06")
    wire = article(
        "w",
        "Wire",
        "Eighteen security officers were killed, the ministry said.",
        published="2022-01-06",
    )
    total = claim(
        tv, "More than a dozen police officers died", "killed", 13, None, "more_than", who="police"
    )
    part = replace(claim(tv, "Two of them were beheaded", "killed", 2, 2), subset_of=total.start)
    analyses = {
        "t": analysis(tv, claims=(total, part)),
        "w": analysis(
            wire,
            claims=(
                claim(
                    wire,
                    "Eighteen security officers were killed",
                    "killed",
                    18,
                    18,
                    who="security forces",
                    attributed_to="ministry",
                ),
            ),
        ),
    }
    groups = build_ledger(story_of(tv, wire), [tv, wire], analyses)
    whole = _figure(groups, "killed", 18)
    assert whole.status != "conflicting", whole.why
    assert any(r.value_min == 13 for r in whole.reports)  # "more than a dozen" agrees with 18
    nested = _figure(groups, "killed", 2)
    assert nested.parent == groups.index(whole)


def test_including_children_is_a_subset_of_the_total() -> None:
    ngo = article(
        "n",
        "Rights Watch release",
        "The strike killed 30 people, including 5 children.",
        published="2024-06-01",
    )
    total = claim(ngo, "killed 30 people", "killed", 30, 30)
    part = replace(claim(ngo, "5 children", "killed", 5, 5, who="civilians"), subset_of=total.start)
    groups = build_ledger(story_of(ngo), [ngo], {"n": analysis(ngo, claims=(total, part))})
    whole = _figure(groups, "killed", 30)
    assert _figure(groups, "killed", 5).parent == groups.index(whole)
    assert whole.status == "single_source"


def test_a_towns_toll_is_not_compared_with_the_national_toll() -> None:
    town = article(
        "a",
        "Local Paper",
        "In Zhanatas, 3 people were killed on Wednesday.",
        published="2022-01-06",
    )
    nation = article(
        "b",
        "National Wire",
        "Across the country 225 people have been killed since January 2.",
        published="2022-01-06",
    )
    analyses = {
        "a": analysis(
            town,
            places=(place(town, "Zhanatas", "KZ"),),
            claims=(
                replace(
                    claim(town, "3 people were killed", "killed", 3, 3, place="Zhanatas"),
                    covers="2022-01-05",
                ),
            ),
        ),
        "b": analysis(
            nation,
            claims=(
                replace(
                    claim(nation, "225 people have been killed", "killed", 225, 225),
                    covers="since 2022-01-02",
                ),
            ),
        ),
    }
    groups = build_ledger(story_of(town, nation), [town, nation], analyses)
    local = _figure(groups, "killed", 3)
    national = _figure(groups, "killed", 225)
    assert local is not national
    assert local.parent == groups.index(national)
    assert national.status != "conflicting" and local.status != "conflicting"
    assert local.scope.startswith("local: Zhanatas")


def test_police_and_law_enforcement_agreeing_are_one_card_with_both_labels() -> None:
    a = article("a", "One", "12 police were killed.", published="2022-01-06")
    b = article(
        "b", "Two", "At least 12 members of the security forces died.", published="2022-01-06"
    )
    analyses = {
        "a": analysis(
            a, claims=(claim(a, "12 police were killed", "killed", 12, 12, who="police"),)
        ),
        "b": analysis(
            b,
            claims=(
                claim(
                    b,
                    "12 members of the security forces died",
                    "killed",
                    12,
                    None,
                    "at_least",
                    who="security forces",
                ),
            ),
        ),
    }
    groups = build_ledger(story_of(a, b), [a, b], analyses)
    killed = [g for g in groups if g.category == "killed"]
    assert len(killed) == 1
    assert set(killed[0].group_labels) == {"police", "security forces"}


def test_casualties_meaning_the_dead_join_the_dead() -> None:
    a = article("a", "One", "18 casualties among the security forces.", published="2022-01-07")
    b = article("b", "Two", "18 security officers were killed.", published="2022-01-07")
    analyses = {
        "a": analysis(
            a, claims=(claim(a, "18 casualties", "casualties", 18, 18, who="security forces"),)
        ),
        "b": analysis(
            b,
            claims=(
                claim(
                    b, "18 security officers were killed", "killed", 18, 18, who="security forces"
                ),
            ),
        ),
    }
    groups = build_ledger(story_of(a, b), [a, b], analyses)
    assert [g.category for g in groups] == ["killed"]


def test_a_repost_and_a_repeated_figure_are_listed_once() -> None:
    text = "RT says 3 people were killed. Again: 3 people were killed."
    original = article("o", "RT", text, published="2022-01-05")
    copy = article("c", "Mirror Site", text, published="2022-01-05", duplicate_of="o")
    claims_of = lambda art: (  # noqa: E731
        claim(art, "3 people were killed", "killed", 3, 3),
        replace(
            claim(art, "3 people were killed", "killed", 3, 3),
            start=text.rindex("3 people"),
            end=text.rindex("3 people") + 20,
        ),
    )
    analyses = {
        "o": analysis(original, claims=claims_of(original)),
        "c": analysis(copy, claims=claims_of(copy)),
    }
    group = _figure(build_ledger(story_of(original, copy), [original, copy], analyses), "killed", 3)
    assert len(group.reports) == 1


def test_state_media_and_a_rights_group_counting_apart_are_two_series_in_conflict() -> None:
    state = article(
        "s",
        "State Agency",
        "State media said 41 people died in the protests.",
        published="2022-10-01",
    )
    ngo = article(
        "n",
        "Rights Group",
        "The rights group said 76 people died in the protests.",
        published="2022-10-01",
    )
    analyses = {
        "s": analysis(
            state,
            claims=(claim(state, "41 people died", "killed", 41, 41, attributed_to="state media"),),
        ),
        "n": analysis(
            ngo,
            claims=(
                claim(ngo, "76 people died", "killed", 76, 76, attributed_to="the rights group"),
            ),
        ),
    }
    group = _figure(build_ledger(story_of(state, ngo), [state, ngo], analyses), "killed", 41)
    assert group.status == "conflicting"
    assert len(group.series) == 2
    assert "state media" in group.why.lower() and "rights group" in group.why.lower()


def test_a_later_lower_figure_from_another_originator_is_a_conflict() -> None:
    doctors = article("d", "Wire", "Doctors said 100 people were killed.", published="2019-06-05")
    ministry = article(
        "m", "Agency", "The health ministry said no more than 46 died.", published="2019-06-06"
    )
    analyses = {
        "d": analysis(
            doctors,
            claims=(
                claim(
                    doctors,
                    "100 people were killed",
                    "killed",
                    100,
                    100,
                    attributed_to="doctors committee",
                ),
            ),
        ),
        "m": analysis(
            ministry,
            claims=(
                claim(
                    ministry,
                    "no more than 46 died",
                    "killed",
                    None,
                    46,
                    "up_to",
                    attributed_to="health ministry",
                ),
            ),
        ),
    }
    group = _figure(
        build_ledger(story_of(doctors, ministry), [doctors, ministry], analyses), "killed", 100
    )
    assert group.status == "conflicting"


def test_a_figures_history_by_originator_follows_the_ledgers_series() -> None:
    from newsprism.api import Figure

    a = article("a", "One", "Health Minister Jane Doe said 12 people died.", published="2024-05-02")
    b = article(
        "b", "Two", "A health ministry spokesperson said 14 people died.", published="2024-05-03"
    )
    analyses = {
        "a": analysis(
            a,
            claims=(
                claim(
                    a, "12 people died", "killed", 12, 12, attributed_to="Health Minister Jane Doe"
                ),
            ),
        ),
        "b": analysis(
            b,
            claims=(
                claim(
                    b,
                    "14 people died",
                    "killed",
                    14,
                    14,
                    attributed_to="a health ministry spokesperson",
                ),
            ),
        ),
    }
    (group,) = build_ledger(story_of(a, b), [a, b], analyses)
    history = Figure("f", "story-1", "test story", group).originators()
    assert [len(reports) for reports in history.values()] == [2]
    assert group.status == "updated"


def test_unattributed_restatements_of_a_rising_toll_are_unnamed_not_sources() -> None:
    # the agency's toll rises; outlets restate it, or a figure between, naming no one
    texts = [
        (
            "a",
            "Wire One",
            "The toll is 384, the disaster agency said.",
            "2018-09-29",
            384,
            "disaster agency",
        ),
        ("b", "Daily Two", "The toll climbed to 844.", "2018-10-01", 844, None),
        (
            "c",
            "Net Three",
            "At least 1,234 people have died, officials said.",
            "2018-10-02",
            1234,
            "officials",
        ),
        (
            "d",
            "Wire One",
            "The toll rose to 2,010, the disaster agency said.",
            "2018-10-09",
            2010,
            "disaster agency",
        ),
    ]
    articles = [article(i, outlet, text, published=day) for i, outlet, text, day, _, _ in texts]
    analyses = {
        a.id: analysis(
            a, claims=(claim(a, a.text.split(",")[0], "killed", v, v, attributed_to=who),)
        )
        for a, (_, _, _, _, v, who) in zip(articles, texts, strict=True)
    }
    group = _figure(build_ledger(story_of(*articles), articles, analyses), "killed", 384)
    assert group.status == "updated"
    assert group.independent_sources == 1
    assert [s.originator for s in group.series][-1] == "unnamed sources"


def test_a_hospitals_count_below_the_toll_is_that_hospitals_own_figure() -> None:
    wire = article(
        "a",
        "National Wire",
        "Police said 207 people were killed in the blasts on Sunday.",
        published="2019-04-21",
    )
    local = article(
        "b",
        "Local Paper",
        "Doctors said 47 bodies were brought to the Colombo National Hospital.",
        published="2019-04-21",
    )
    later = article(
        "c",
        "Daily Paper",
        "The toll rose to 290, police said, as 52 bodies lay at the Colombo National Hospital.",
        published="2019-04-22",
    )
    analyses = {
        "a": analysis(
            wire,
            claims=(
                claim(wire, "207 people were killed", "killed", 207, 207, attributed_to="Police"),
            ),
        ),
        "b": analysis(
            local,
            claims=(
                replace(
                    claim(local, "47 bodies", "killed", 47, 47, attributed_to="Doctors"),
                    site="the Colombo National Hospital",
                ),
            ),
        ),
        "c": analysis(
            later,
            claims=(
                claim(later, "rose to 290", "killed", 290, 290, attributed_to="police"),
                replace(
                    claim(later, "52 bodies", "killed", 52, 52),
                    site="Colombo National Hospital",
                ),
            ),
        ),
    }
    groups = build_ledger(story_of(wire, local, later), [wire, local, later], analyses)
    toll = _figure(groups, "killed", 207)
    hospital = _figure(groups, "killed", 47)
    assert hospital is not toll
    assert {r.value_min for r in hospital.reports} == {47, 52}
    assert hospital.parent == groups.index(toll)
    assert hospital.scope.startswith("local: ")
    assert toll.status == "updated" and hospital.status != "conflicting"


def test_a_site_count_equal_to_the_toll_stays_on_the_toll() -> None:
    wire = article(
        "a", "Wire", "Police said 12 people were killed at the hotel.", published="2024-01-01"
    )
    paper = article("b", "Paper", "Twelve people died in the attack.", published="2024-01-01")
    analyses = {
        "a": analysis(
            wire,
            claims=(
                replace(
                    claim(wire, "12 people were killed", "killed", 12, 12, attributed_to="Police"),
                    site="the hotel",
                ),
            ),
        ),
        "b": analysis(paper, claims=(claim(paper, "Twelve people died", "killed", 12, 12),)),
    }
    groups = build_ledger(story_of(wire, paper), [wire, paper], analyses)
    assert len([g for g in groups if g.category == "killed"]) == 1


def test_nationals_of_other_countries_are_parts_of_the_foreigners_toll() -> None:
    wire = article(
        "a",
        "Wire",
        "At least 31 foreigners were killed, the ministry said. Eight Britons died.",
        published="2019-04-22",
    )
    paper = article(
        "b", "Paper", "Eight Britons and three Danes were among the dead.", published="2019-04-22"
    )
    analyses = {
        "a": analysis(
            wire,
            claims=(
                replace(
                    claim(
                        wire,
                        "31 foreigners were killed",
                        "killed",
                        31,
                        None,
                        "at_least",
                        who="foreigners",
                        attributed_to="the ministry",
                    ),
                    who_text="foreigners",
                ),
                replace(claim(wire, "Eight Britons died", "killed", 8, 8), who_text="Britons"),
            ),
        ),
        "b": analysis(
            paper,
            claims=(
                replace(claim(paper, "Eight Britons", "killed", 8, 8), who_text="Britons"),
                replace(claim(paper, "three Danes", "killed", 3, 3), who_text="Danes"),
            ),
        ),
    }
    groups = build_ledger(story_of(wire, paper), [wire, paper], analyses)
    foreigners = _figure(groups, "killed", 31)
    britons = _figure(groups, "killed", 8)
    danes = _figure(groups, "killed", 3)
    assert len({id(foreigners), id(britons), id(danes)}) == 3
    assert britons.parent == groups.index(foreigners) == danes.parent
    assert britons.who == "Britons" and len(britons.reports) == 2
    assert "conflicting" not in {foreigners.status, britons.status, danes.status}


def test_other_kinds_the_missing_and_the_displaced_are_two_figures() -> None:
    wire = article(
        "a",
        "Wire",
        "The agency said 99 people are still missing and 16,700 were displaced.",
        published="2018-10-02",
    )
    paper = article("b", "Paper", "265 people are reportedly missing.", published="2018-10-07")
    analyses = {
        "a": analysis(
            wire,
            claims=(
                claim(wire, "99 people are still missing", "other", 99, 99, attributed_to="agency"),
                claim(wire, "16,700 were displaced", "other", 16700, 16700, attributed_to="agency"),
            ),
        ),
        "b": analysis(
            paper,
            claims=(claim(paper, "265 people are reportedly missing", "other", 265, 265),),
        ),
    }
    groups = build_ledger(story_of(wire, paper), [wire, paper], analyses)
    missing = _figure(groups, "other", 99)
    displaced = _figure(groups, "other", 16700)
    assert missing is not displaced
    assert missing.who == "missing people" and displaced.who == "displaced"
    assert {r.value_min for r in missing.reports} == {99, 265}
    assert missing.status == "updated"


def _regional_story(region_count: int) -> list[ClaimGroup]:
    wire = article(
        "a",
        "Wire",
        "Doctors said 100 people were killed across Sudan. In Khartoum, 90 died.",
        published="2019-06-05",
    )
    local = article(
        "b", "Paper", "In West Darfur, 9 people were killed, doctors said.", published="2019-06-05"
    )
    analyses = {
        "a": analysis(
            wire,
            places=(
                place(wire, "Sudan", "SD", "country"),
                place(wire, "Khartoum", "SD", "admin1"),
            ),
            claims=(
                claim(
                    wire,
                    "100 people were killed",
                    "killed",
                    100,
                    100,
                    attributed_to="Doctors",
                    place="Sudan",
                ),
                claim(wire, "90 died", "killed", 90, 90, attributed_to="Doctors", place="Khartoum"),
            ),
        ),
        "b": analysis(
            local,
            places=(place(local, "West Darfur", "SD", "admin1"),),
            claims=(
                claim(
                    local,
                    "9 people were killed",
                    "killed",
                    region_count,
                    region_count,
                    attributed_to="doctors",
                    place="West Darfur",
                ),
            ),
        ),
    }
    return build_ledger(story_of(wire, local), [wire, local], analyses)


def test_a_regions_count_below_the_national_toll_is_that_regions_figure() -> None:
    groups = _regional_story(9)
    national = _figure(groups, "killed", 100)
    region = _figure(groups, "killed", 9)
    assert region is not national and region.parent == groups.index(national)
    assert region.scope.startswith("regional: West Darfur")
    assert national.status != "conflicting"


def test_a_same_day_figure_told_as_a_rise_updates_another_originators() -> None:
    wire = article("a", "Wire", "The agency said the toll was 1,649.", published="2018-10-07")
    other = article(
        "b",
        "Other Wire",
        "The death toll has risen to 1,944, military officials said.",
        published="2018-10-07",
    )
    analyses = {
        "a": analysis(
            wire, claims=(claim(wire, "1,649", "killed", 1649, 1649, attributed_to="agency"),)
        ),
        "b": analysis(
            other,
            claims=(
                replace(
                    claim(other, "1,944", "killed", 1944, 1944, attributed_to="military officials"),
                    rising=True,
                ),
            ),
        ),
    }
    (group,) = build_ledger(story_of(wire, other), [wire, other], analyses)
    assert group.status == "updated" and group.independent_sources == 2


def test_site_list_in_a_town_gives_each_facility_its_own_figure() -> None:
    text = (
        "The toll of 90 counted 31 remains at the Kandy General Hospital and 14 at the "
        "Kandy Base Hospital, the ministry said."
    )
    wire = article("a", "Wire", text, published="2024-05-02")
    kandy = {"place": "Kandy"}
    analyses = {
        "a": analysis(
            wire,
            claims=(
                claim(wire, "toll of 90", "killed", 90, 90, attributed_to="the ministry"),
                replace(
                    claim(wire, "31 remains", "killed", 31, 31, attributed_to="the ministry"),
                    site="Kandy General Hospital",
                    **kandy,
                ),
                replace(
                    claim(wire, "14", "killed", 14, 14, attributed_to="the ministry"),
                    site="Kandy Base Hospital",
                    **kandy,
                ),
            ),
            places=(place(wire, "Kandy", "LK"),),
        ),
    }
    other = article("b", "Paper", "In Galle, 20 people died.", published="2024-05-02")
    analyses["b"] = analysis(
        other,
        claims=(claim(other, "20 people died", "killed", 20, 20, place="Galle"),),
        places=(place(other, "Galle", "LK"),),
    )
    groups = build_ledger(story_of(wire, other), [wire, other], analyses)
    general, base = _figure(groups, "killed", 31), _figure(groups, "killed", 14)
    assert general is not base
    assert [r.value_min for r in general.reports] == [31]
    assert "Kandy General Hospital" in general.scope and "Kandy Base Hospital" in base.scope


def test_site_open_count_below_the_toll_is_the_sites_own_figure() -> None:
    # "at least 485" is read [485, 727]: it would agree with the toll's 500, but a count at
    # six hospitals below the day's toll is those hospitals' figure
    wire = article(
        "a",
        "Wire",
        "More than 500 people were injured, police said. At least 485 injured were admitted "
        "to six hospitals, the health service said.",
        published="2024-04-25",
    )
    analyses = {
        "a": analysis(
            wire,
            claims=(
                claim(
                    wire,
                    "500 people were injured",
                    "injured",
                    500,
                    None,
                    "more_than",
                    attributed_to="police",
                ),
                replace(
                    claim(
                        wire,
                        "485 injured",
                        "injured",
                        485,
                        None,
                        "at_least",
                        attributed_to="the health service",
                    ),
                    site="six hospitals",
                ),
            ),
        ),
    }
    groups = build_ledger(story_of(wire), [wire], analyses)
    toll, hospitals = _figure(groups, "injured", 500), _figure(groups, "injured", 485)
    assert hospitals is not toll
    assert hospitals.parent == groups.index(toll)


def test_agency_of_parent_on_one_figure_is_one_originator() -> None:
    wire = article(
        "a",
        "Wire",
        'At least 40 children were killed, the United Nations said. "The total is 40 '
        'children," WFP spokesman Tomson Phiri said. The UN said 300 people died.',
        published="2024-02-01",
    )
    paper = article(
        "b", "Paper", "The police said 310 people died in the attacks.", published="2024-02-01"
    )
    analyses = {
        "a": analysis(
            wire,
            claims=(
                claim(
                    wire,
                    "40 children were killed",
                    "killed",
                    40,
                    None,
                    "at_least",
                    who="children",
                    attributed_to="the United Nations",
                ),
                claim(
                    wire,
                    "40 children,",
                    "killed",
                    40,
                    40,
                    who="children",
                    attributed_to="WFP spokesman Tomson Phiri",
                ),
                claim(wire, "300 people died", "killed", 300, 300, attributed_to="The UN"),
            ),
        ),
        "b": analysis(
            paper,
            claims=(claim(paper, "310 people died", "killed", 310, 310, attributed_to="police"),),
        ),
    }
    groups = build_ledger(story_of(wire, paper), [wire, paper], analyses)
    children = _figure(groups, "killed", 40)
    assert children.independent_sources == 1, children.why
    assert [s.originator for s in children.series] == ["WFP"]
    toll = _figure(groups, "killed", 300)
    assert "UN" in {s.originator for s in toll.series}  # no agency on that figure


def test_died_at_facilities_is_a_part_of_the_toll_not_the_toll() -> None:
    # a wire toll and a health-service briefing the same day: "only 6 had died in hospitals"
    # counts those who died after admission, a part of the 359, never the toll's value
    wire = article("a", "Wire", "The death toll rose to 359, police said.", published="2024-04-24")
    briefing = article(
        "b",
        "Health Desk",
        "The toll stands at 359. Only 6 had died in hospitals, the health service said.",
        published="2024-04-24",
    )
    analyses = {
        "a": analysis(
            wire, claims=(claim(wire, "rose to 359", "killed", 359, 359, attributed_to="police"),)
        ),
        "b": analysis(
            briefing,
            claims=(
                claim(briefing, "stands at 359", "killed", 359, 359),
                replace(
                    claim(
                        briefing,
                        "6 had died",
                        "killed",
                        6,
                        6,
                        attributed_to="the health service",
                    ),
                    site="hospitals",
                ),
            ),
        ),
    }
    groups = build_ledger(story_of(wire, briefing), [wire, briefing], analyses)
    toll, hospitals = _figure(groups, "killed", 359), _figure(groups, "killed", 6)
    assert hospitals is not toll
    assert hospitals.parent == groups.index(toll)
    assert (toll.latest_min, toll.independent_sources) == (359, 1)
    assert toll.status != "conflicting", toll.why


def test_referenced_total_gives_its_subsets_source_no_say_on_the_toll() -> None:
    # "45 children were among the more than 320 killed, the UN said": the UN gives the
    # children; the total, a reference (no originator, as claims.py reads it), is shown on
    # the police toll and never counted as a second source
    police = article("a", "Wire", "The toll has risen to 321, police said.", published="2019-04-23")
    geneva = article(
        "b",
        "Geneva Desk",
        "At least 45 children were among the more than 320 people killed, the UN said.",
        published="2019-04-23",
    )
    analyses = {
        "a": analysis(
            police,
            claims=(claim(police, "risen to 321", "killed", 321, 321, attributed_to="police"),),
        ),
        "b": analysis(
            geneva,
            claims=(
                claim(
                    geneva,
                    "45 children were among",
                    "killed",
                    45,
                    None,
                    "at_least",
                    who="children",
                    attributed_to="the UN",
                ),
                claim(geneva, "more than 320 people killed", "killed", 321, None, "more_than"),
            ),
        ),
    }
    groups = build_ledger(story_of(police, geneva), [police, geneva], analyses)
    toll = _figure(groups, "killed", 321)
    assert toll.independent_sources == 1
    assert {s.originator for s in toll.series} == {"police", "unnamed sources"}


def _dated(
    art: Article,
    phrase: str,
    value: float,
    *,
    covers: str | None = None,
    stated: str | None = None,
    source: str = "the doctors' committee",
) -> Claim:
    return replace(
        claim(art, phrase, "killed", value, value, attributed_to=source),
        covers=covers,
        stated=stated,
    )


def test_later_day_increment_is_a_figure_of_that_day_not_the_toll() -> None:
    # a running toll over a week; on Sunday two outlets report that day's own deaths
    monday = article("m", "Wire", "Nine people were killed on Monday.", published="2019-06-03")
    friday = article("f", "Paper", "The death toll rose to 113.", published="2019-06-07")
    sunday = article(
        "s",
        "Live Blog",
        "Four people died on Sunday, doctors said. The total toll is 118.",
        published="2019-06-09",
    )
    radio = article("r", "Radio", "Four protesters died on Sunday.", published="2019-06-09")
    analyses = {
        "m": analysis(monday, claims=(_dated(monday, "Nine", 9, covers="2019-06-03"),)),
        "f": analysis(friday, claims=(_dated(friday, "rose to 113", 113, covers="cumulative"),)),
        "s": analysis(
            sunday,
            claims=(
                _dated(sunday, "Four people died", 4, covers="2019-06-09"),
                _dated(sunday, "toll is 118", 118, covers="cumulative"),
            ),
        ),
        "r": analysis(radio, claims=(_dated(radio, "Four protesters", 4, covers="2019-06-09"),)),
    }
    arts = [monday, friday, sunday, radio]
    groups = build_ledger(story_of(*arts), arts, analyses)
    toll, sunday_deaths = _figure(groups, "killed", 113), _figure(groups, "killed", 4)
    assert sunday_deaths is not toll
    assert {r.value_min for r in toll.reports} == {9, 113, 118}  # Monday's count is the toll's
    assert (toll.latest_min, toll.status) == (118, "updated")
    assert len(sunday_deaths.reports) == 2
    assert sunday_deaths.scope.endswith("incident 2019-06-09")


def test_a_first_days_count_and_a_larger_later_count_stay_on_the_toll() -> None:
    # no larger figure was stated before the day it counts: not an increment
    first = article("a", "Wire", "Nine people were killed on Monday.", published="2019-06-03")
    later = article("b", "Paper", "Thirteen people were killed on Monday.", published="2019-06-03")
    rise = article("c", "Blog", "Forty died on Tuesday, doctors said.", published="2019-06-04")
    analyses = {
        "a": analysis(first, claims=(_dated(first, "Nine", 9, covers="2019-06-03"),)),
        "b": analysis(later, claims=(_dated(later, "Thirteen", 13, covers="2019-06-03"),)),
        "c": analysis(rise, claims=(_dated(rise, "Forty", 40, covers="2019-06-04"),)),
    }
    groups = build_ledger(story_of(first, later, rise), [first, later, rise], analyses)
    assert len([g for g in groups if g.category == "killed"]) == 1


def _arrests(art: Article, phrase: str, value: float, operation: str | None = None) -> Claim:
    return replace(
        claim(art, phrase, "detained", value, value, attributed_to="police"),
        operation=operation,
        covers="cumulative" if phrase == "detained 58 people" else None,  # "so far"
    )


def test_separate_raids_are_parts_of_the_running_arrest_total() -> None:
    # a running total 24 -> 40 -> 58 and, on the last day, two raids' own arrests
    monday = article(
        "m", "Wire", "Police said 24 people had been arrested.", published="2024-04-22"
    )
    tuesday = article("t", "Paper", "Police have now detained 40 suspects.", published="2024-04-23")
    wednesday = article(
        "w",
        "Desk",
        "Police arrested 18 suspects in overnight raids. 'We raided three locations and "
        "arrested 17 suspects,' a spokesman said. Police have so far detained 58 people.",
        published="2024-04-24",
    )
    analyses = {
        "m": analysis(monday, claims=(_arrests(monday, "24 people", 24),)),
        "t": analysis(tuesday, claims=(_arrests(tuesday, "detained 40", 40),)),
        "w": analysis(
            wednesday,
            claims=(
                _arrests(wednesday, "arrested 18 suspects", 18, "overnight raids"),
                _arrests(wednesday, "arrested 17 suspects", 17, "raided three locations"),
                _arrests(wednesday, "detained 58 people", 58),
            ),
        ),
    }
    arts = [monday, tuesday, wednesday]
    groups = build_ledger(story_of(*arts), arts, analyses)
    total = _figure(groups, "detained", 58)
    raids, locations = _figure(groups, "detained", 18), _figure(groups, "detained", 17)
    assert {r.value_min for r in total.reports} == {24, 40, 58}
    assert (total.status, total.latest_min) == ("updated", 58)
    assert raids is not locations
    assert raids.parent == locations.parent == groups.index(total)
    assert raids.scope.startswith("operation: overnight raids")


def test_one_raid_that_is_the_whole_count_stays_the_total() -> None:
    wire = article("a", "Wire", "Police arrested 12 people in a raid.", published="2024-05-01")
    paper = article("b", "Paper", "Twelve people were arrested.", published="2024-05-01")
    analyses = {
        "a": analysis(wire, claims=(_arrests(wire, "arrested 12 people", 12, "raid"),)),
        "b": analysis(paper, claims=(_arrests(paper, "Twelve people", 12),)),
    }
    groups = build_ledger(story_of(wire, paper), [wire, paper], analyses)
    assert len([g for g in groups if g.category == "detained"]) == 1
