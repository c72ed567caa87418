"""Story-wide source names and the relay graph on hand-built corpora."""

from __future__ import annotations

from newsprism.compare.relays import relay_graph
from newsprism.compare.sourcenames import classify_name, name_sources
from tests.ledger_helpers import analysis, article, citation, claim, story_of


def test_focus_country_qualifier_and_possessive_are_dropped() -> None:
    names = name_sources(
        [
            "Nigeria's Interior Ministry",
            "the interior ministry",
            "Nigerian Interior Ministry",
            "Ministry of Internal Affairs of Nigeria",
        ],
        focus_country="NG",
    )
    assert {names.key(n) for n in names.keys} == {"interior ministry"}
    assert names.canonical("the interior ministry") == "Interior Ministry"


def test_other_countries_keep_their_qualifier_and_never_merge_with_the_focus() -> None:
    names = name_sources(
        ["Russia's Foreign Ministry", "the Russian foreign ministry", "Foreign Ministry"],
        focus_country="NG",
    )
    assert names.key("Russia's Foreign Ministry") == names.key("the Russian foreign ministry")
    assert names.key("Foreign Ministry") != names.key("Russian Foreign Ministry")


def test_spelling_variants_and_surnames_join_one_person() -> None:
    written = ["Bola Tinubu", "President Bola Tinubu", "Tinubu", "President Tinubu", "Bola Tinnubu"]
    names = name_sources(written, focus_country="NG")
    assert len({names.key(n) for n in written}) == 1
    assert names.canonical("Tinubu") == "President Bola Tinubu"
    assert name_sources(["Khabar-24", "Khabar 24"]).key("Khabar-24") == "khabar 24"


def test_a_generic_name_shared_by_two_longer_names_stays_apart() -> None:
    names = name_sources(
        ["the ministry", "Health Ministry", "Defence Ministry"], focus_country="NG"
    )
    assert names.key("the ministry") == "ministry"
    assert names.key("Health Ministry") != names.key("Defence Ministry")


def test_unknown_outlets_given_as_paths_never_merge() -> None:
    names = name_sources(["/data/reuters/a.txt", "Reuters"])
    assert names.key("/data/reuters/a.txt") != names.key("Reuters")


def test_source_kinds_come_from_the_lexicon() -> None:
    assert classify_name("the Defence Ministry spokesman") == "official"
    assert classify_name("Reuters") == "media"
    assert classify_name("Zorblat") is None


def test_relay_edges_cover_chains_corpus_outlets_and_reposts() -> None:
    wire = article("w", "Reuters", "Reuters reported 12 dead, citing hospital staff.")
    daily = article(
        "d",
        "Daily Sun",
        "According to Reuters, 12 died. TASS, citing witnesses, said 15 died. TASS also said more.",
    )
    copy = article("c", "Copycat News", wire.text, duplicate_of="w")
    analyses = {
        "w": analysis(
            wire,
            citations=(
                citation(wire, "citing hospital staff", "Reuters", "media", "hospital staff"),
            ),
        ),
        "d": analysis(
            daily,
            citations=(
                citation(daily, "According to Reuters", "Reuters", "media"),
                citation(daily, "TASS, citing witnesses", "TASS", "media", "witnesses"),
                citation(daily, "TASS also said", "TASS", "media"),
            ),
            claims=(
                claim(
                    daily,
                    "15 died",
                    "killed",
                    15,
                    15,
                    attributed_to="the police",
                    relayed_by="Interfax",
                ),
            ),
        ),
        "c": analysis(copy),
    }
    edges = {
        (e.outlet, e.source): e
        for e in relay_graph(story_of(wire, daily, copy), [wire, daily, copy], analyses)
    }
    assert edges[("Daily Sun", "Reuters")].kind == "outlet"
    assert edges[("Daily Sun", "TASS")].count == 2
    assert edges[("Daily Sun", "TASS")].article_ids == ("d",)
    assert edges[("TASS", "witnesses")].kind == "other"
    assert edges[("Reuters", "hospital staff")].article_ids == ("w",)
    assert edges[("Copycat News", "Reuters")].kind == "repost"
    # a claim attribution the citations missed: outlet -> relay -> originator
    assert edges[("Daily Sun", "Interfax")].kind == "media"
    assert edges[("Interfax", "police")].kind == "official"
    assert ("Reuters", "Reuters") not in edges


def test_the_countrys_ministry_is_the_focus_countrys_ministry() -> None:
    names = name_sources(
        ["Sudanese Health Ministry", "the country's health ministry"], focus_country="SD"
    )
    assert names.key("the country's health ministry") == names.key("Sudanese Health Ministry")


def test_a_shorter_form_may_leave_out_linking_words() -> None:
    names = name_sources(
        ["Central Committee of Sudan Doctors", "committee of doctors"], focus_country="SD"
    )
    assert names.key("committee of doctors") == names.key("Central Committee of Sudan Doctors")
