"""Actors: mentions per article (spaCy component) and their corpus-wide merge."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.actors import canonical_org_name, merge_actors, similar_names
from newsprism.models import Mention

# --- helpers --------------------------------------------------------------------------------


def person(
    text: str,
    article: str = "a1",
    *,
    title: str | None = None,
    country: str | None = None,
    start: int = 0,
) -> Mention:
    return Mention(
        article, text, "PERSON", start, start + len(text), title=title, country=country, key=text
    )


def org(text: str, article: str = "a1", *, key: str | None = None, start: int = 0) -> Mention:
    return Mention(article, text, "ORG", start, start + len(text), key=key or text)


def role(
    text: str, title: str, article: str = "a1", *, country: str | None = None, start: int = 0
) -> Mention:
    return Mention(
        article, text, "ROLE", start, start + len(text), title=title, country=country, key=title
    )


def clusters(mentions: list[Mention], focus: str | None = None) -> list[set[int]]:
    _, assignment = merge_actors(mentions, focus_country=focus)
    groups: dict[str, set[int]] = {}
    for index, actor_id in assignment.items():
        groups.setdefault(actor_id, set()).add(index)
    return sorted(groups.values(), key=min)


def same(mentions: list[Mention], *indices: int, focus: str | None = None) -> bool:
    _, assignment = merge_actors(mentions, focus_country=focus)
    return len({assignment[i] for i in indices}) == 1


# --- merge: people ---------------------------------------------------------------------------


def test_full_name_surname_title_and_nationality_role_merge_into_one_person() -> None:
    mentions = [
        person("Emmanuel Macron", "a1", title="president"),
        person("Macron", "a1", start=40),
        person("Macron", "a2", title="president"),
        role("French president", "president", "a3", country="FR"),
    ]
    actors, assignment = merge_actors(mentions)
    assert len(actors) == 1
    assert actors[0].name == "Emmanuel Macron"
    assert actors[0].kind == "person"
    assert set(actors[0].aliases) == {"Emmanuel Macron", "Macron", "French president"}
    assert len(set(assignment.values())) == 1


def test_bare_office_joins_the_only_person_holding_it() -> None:
    mentions = [
        person("Sheikh Hasina", "a1", title="prime minister", start=0),
        person("Hasina", "a1", start=50),
        role("prime minister", "prime minister", "a2", start=10),
    ]
    assert clusters(mentions) == [{0, 1, 2}]


def test_transliteration_variants_of_a_surname_merge() -> None:
    mentions = [
        person("Volodymyr Zelenskyy", "a1", title="president", country="UA"),
        person("Zelensky", "a2"),
        person("Zelenskiy", "a3"),
        person("Zelenskyy", "a4"),
        person("Volodymyr Zelensky", "a5"),
    ]
    assert clusters(mentions) == [{0, 1, 2, 3, 4}]


def test_spelling_variants_of_a_full_name_merge() -> None:
    mentions = [
        person("Kassym-Jomart Tokayev"),
        person("Kassym-Jomart Tokaev", "a2"),
        person("Tokayev", "a3"),
        person("Tokaev", "a4"),
    ]
    assert clusters(mentions) == [{0, 1, 2, 3}]


def test_people_sharing_a_first_name_stay_apart() -> None:
    mentions = [
        person("Alexander Grushko"),
        person("Alexander Lukashenko"),
        person("Lukashenko", "a2"),
        person("Grushko", "a3"),
    ]
    assert clusters(mentions) == [{0, 3}, {1, 2}]


def test_bare_surname_shared_by_two_full_names_stays_its_own_actor() -> None:
    mentions = [person("Joe Biden"), person("Hunter Biden"), person("Biden", "a2")]
    assert clusters(mentions) == [{0}, {1}, {2}]


def test_short_names_need_an_exact_match() -> None:
    assert not similar_names("khan", "khar")
    assert not similar_names("tokayev", "pokayev")  # different first letter
    assert similar_names("lukashenko", "lukashenka")


def test_role_with_two_equally_likely_holders_stays_a_role() -> None:
    mentions = [
        person("Ana Pereira", "a1", title="president"),
        person("Luis Soto", "a2", title="president"),
        role("president", "president", "a3"),
    ]
    actors, assignment = merge_actors(mentions)
    assert actors_by_kind(actors) == {"person": 2, "role": 1}
    assert assignment[2] not in {assignment[0], assignment[1]}


def test_role_prefers_the_office_holder_its_own_article_is_about() -> None:
    mentions = [
        person("Kassym-Jomart Tokayev", "a1", title="president", country="KZ"),
        person("Tokayev", "a1", start=30),
        person("Tokayev", "a2", title="president", country="KZ"),
        person("Alexander Lukashenko", "a3", title="president", country="BY", start=0),
        person("Lukashenko", "a3", start=40),
        role("president", "president", "a3", start=90),
        role("president", "president", "a1", start=90),
    ]
    assert same(mentions, 3, 5, focus="KZ")
    assert same(mentions, 0, 6, focus="KZ")


def test_nationality_in_the_role_picks_that_country_s_holder() -> None:
    mentions = [
        person("Ana Pereira", "a1", title="president", country="PE"),
        person("Luis Soto", "a1", title="president", country="CL"),
        role("Chilean president", "president", "a2", country="CL"),
        role("head of state", "head of state", "a2", country="PE"),
    ]
    assert same(mentions, 1, 2)
    assert same(mentions, 0, 3)


def actors_by_kind(actors: list) -> dict[str, int]:  # type: ignore[type-arg]
    counts: dict[str, int] = {}
    for actor in actors:
        counts[actor.kind] = counts.get(actor.kind, 0) + 1
    return counts


def test_person_role_follows_nationality_against_the_focus_country() -> None:
    mentions = [
        person("Ana Pereira", "a1", title="president", country="PE"),
        person("Luis Soto", "a1", title="foreign minister", country="CL"),
        person("Maria Ruiz", "a1", title="general", country="PE"),
        person("John Smith", "a1"),
    ]
    actors, _ = merge_actors(mentions, focus_country="Peru")
    roles = {a.name: a.role for a in actors}
    assert roles == {
        "Ana Pereira": "government",
        "Luis Soto": "foreign government",
        "Maria Ruiz": "security forces",
        "John Smith": None,
    }


def test_org_mention_of_a_person_name_joins_that_person() -> None:
    mentions = [person("Nursultan Nazarbayev"), org("Nazarbayev", "a2"), org("Interior Ministry")]
    assert clusters(mentions) == [{0, 1}, {2}]


# --- merge: organisations --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Russian foreign ministry", "Russian Foreign Ministry"),
        ("Russia's Foreign Ministry", "Russian Foreign Ministry"),
        ("the Foreign Ministry of Russia", "Russian Foreign Ministry"),
        ("the Interior Ministry of Peru", "Peruvian Interior Ministry"),
        ("Peru's interior ministry", "Peruvian Interior Ministry"),
        ("The Ministry of the Interior", "Interior Ministry"),
        ("Ministry of Foreign Affairs of Kenya", "Kenyan Foreign Ministry"),
        ("the United Nations", "United Nations"),
        ("Bank of America", "Bank of America"),
        ("the Red Cross.", "Red Cross"),
    ],
)
def test_canonical_org_name_normalises_articles_possessives_and_countries(
    text: str, expected: str
) -> None:
    assert canonical_org_name(text) == expected


def test_organisation_spellings_merge_with_their_role() -> None:
    mentions = [
        org("the Interior Ministry of Peru"),
        org("Peru's interior ministry", "a2"),
        org("the Peruvian Interior Ministry", "a3"),
        org("the Chilean Interior Ministry"),
    ]
    actors, _ = merge_actors(mentions, focus_country="PE")
    assert clusters(mentions) == [{0, 1, 2}, {3}]
    roles = {a.name: a.role for a in actors}
    assert roles == {
        "Peruvian Interior Ministry": "government",
        "Chilean Interior Ministry": "foreign government",
    }


def test_acronym_joins_its_expansion_given_in_the_text_or_by_initials() -> None:
    mentions = [
        org("Southern African Development Community"),
        org("SADC", key="Southern African Development Community"),
        org("SADC", "a2"),
        org("North Atlantic Treaty Organization", "a3"),
        org("NATO", "a4"),
        org("AU", "a4"),
    ]
    actors, _ = merge_actors(mentions)
    assert clusters(mentions) == [{0, 1, 2}, {3, 4}, {5}]
    names = {a.name for a in actors}
    assert "Southern African Development Community" in names


def test_organisation_roles_come_from_their_words() -> None:
    mentions = [
        org("the National Police"),
        org("state broadcaster"),
        org("Reuters"),
        org("the African Union"),
        org("the Acme Holding"),
    ]
    actors, _ = merge_actors(mentions, focus_country="KE")
    roles = {a.name: a.role for a in actors}
    assert roles["National Police"] == "security forces"
    assert roles["Reuters"] == "media"
    assert roles["African Union"] == "international organisation"
    assert roles["Acme Holding"] is None


def test_actor_ids_are_stable_across_runs_and_input_order() -> None:
    mentions = [
        person("Emmanuel Macron"),
        person("Macron", "a2"),
        org("the Elysee Palace"),
        org("Peru's interior ministry"),
        role("prime minister", "prime minister"),
    ]
    first, _ = merge_actors(mentions)
    shuffled = mentions[:]
    random.Random(3).shuffle(shuffled)
    second, _ = merge_actors(shuffled)
    assert {(a.name, a.id) for a in first} == {(a.name, a.id) for a in second}


def test_merge_of_nothing_is_empty() -> None:
    assert merge_actors([]) == ([], {})


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12),
)
def test_similar_names_is_symmetric_and_reflexive(a: str, b: str) -> None:
    assert similar_names(a, a)
    assert similar_names(a, b) == similar_names(b, a)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_canonical_org_name_never_crashes_and_is_idempotent(text: str) -> None:
    once = canonical_org_name(text)
    assert canonical_org_name(once) == canonical_org_name(once)


# --- merge accuracy on a hand-labelled set ----------------------------------------------------

LABELLED = [  # (mention, gold actor)
    (person("Emmanuel Macron", "m1", title="president"), "macron"),
    (person("Macron", "m2"), "macron"),
    (role("French president", "president", "m3", country="FR"), "macron"),
    (person("Brigitte Macron", "m4"), "brigitte"),
    (person("Sheikh Hasina", "h1", title="prime minister", country="BD"), "hasina"),
    (person("Hasina", "h2"), "hasina"),
    (role("Bangladeshi prime minister", "prime minister", "h3", country="BD"), "hasina"),
    (person("Zelensky", "z1"), "zelensky"),
    (person("Zelenskyy", "z2"), "zelensky"),
    (person("Zelenskiy", "z3"), "zelensky"),
    (person("Volodymyr Zelensky", "z4", title="president", country="UA"), "zelensky"),
    (person("Alexander Grushko", "g1"), "grushko"),
    (person("Alexander Lukashenko", "l1", title="president", country="BY"), "lukashenko"),
    (person("Lukashenka", "l2"), "lukashenko"),
    (role("Belarusian leader", "leader", "l3", country="BY"), "lukashenko"),
    (org("the Interior Ministry of Peru"), "peru-mi"),
    (org("Peru's interior ministry", "p2"), "peru-mi"),
    (org("the Chilean interior ministry", "p3"), "chile-mi"),
    (org("World Health Organization", "w1"), "who"),
    (org("WHO", "w2"), "who"),
    (org("Human Rights Watch", "r1"), "hrw"),
]


def pairwise_scores(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    pairs = list(itertools.combinations(range(len(gold)), 2))
    same_gold = {p for p in pairs if gold[p[0]] == gold[p[1]]}
    same_pred = {p for p in pairs if predicted[p[0]] == predicted[p[1]]}
    precision = len(same_gold & same_pred) / len(same_pred) if same_pred else 1.0
    recall = len(same_gold & same_pred) / len(same_gold) if same_gold else 1.0
    return precision, recall


def test_merge_accuracy_on_hand_labelled_mentions() -> None:
    mentions = [m for m, _ in LABELLED]
    gold = [g for _, g in LABELLED]
    _, assignment = merge_actors(mentions, focus_country="UA")
    predicted = [assignment[i] for i in range(len(mentions))]
    precision, recall = pairwise_scores(gold, predicted)
    # measured: precision 1.0, recall 0.88 (a bare "Macron" beside two Macrons stays apart)
    assert precision == 1.0
    assert recall >= 0.85


# --- the spaCy component ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    import newsprism.nlp.actors
    import newsprism.nlp.places  # noqa: F401
    from newsprism.nlp.extensions import register_extensions
    from newsprism.nlp.model import load_model

    register_extensions()
    model = load_model()
    model.add_pipe("newsprism_places")
    model.add_pipe("newsprism_actors")
    return model


def analyse(nlp, text: str, article_id: str = "t") -> list[Mention]:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(text)
    doc._.article_id = article_id
    doc = nlp(doc)
    for mention in doc._.mentions:
        assert text[mention.start : mention.end] == mention.text
    return list(doc._.mentions)


@pytest.mark.slow
def test_title_inside_a_name_is_recorded_not_kept(nlp) -> None:  # type: ignore[no-untyped-def]
    mentions = analyse(nlp, "President Emmanuel Macron met farmers in Lyon on Monday.")
    people = [m for m in mentions if m.label == "PERSON"]
    assert [(m.text, m.title) for m in people] == [("Emmanuel Macron", "president")]


@pytest.mark.slow
def test_nationality_and_title_before_a_name_are_recorded(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Kenyan President William Ruto said the police would withdraw."
    people = [m for m in analyse(nlp, text) if m.label == "PERSON"]
    assert [(m.text, m.title, m.country) for m in people] == [("William Ruto", "president", "KE")]


@pytest.mark.slow
def test_role_nominals_with_determiner_or_country_are_mentions(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The French president told reporters he would not resign. "
        "Peru's interior minister visited the site. "
        "A president is elected for five years. "
        "The former president stayed silent."
    )
    roles = [(m.text, m.title, m.country) for m in analyse(nlp, text) if m.label == "ROLE"]
    assert roles == [
        ("French president", "president", "FR"),
        ("Peru's interior minister", "interior minister", "PE"),
    ]


@pytest.mark.slow
def test_possessive_and_article_are_trimmed_from_organisations(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Officials at the Interior Ministry of Peru said Peru's interior ministry had 40 staff."
    orgs = [m for m in analyse(nlp, text) if m.label == "ORG"]
    assert orgs, "the model found no organisation"
    assert all(not m.text.lower().startswith("the ") for m in orgs)
    assert {m.key for m in orgs} == {"Peruvian Interior Ministry"}


@pytest.mark.slow
def test_acronym_in_brackets_carries_its_expansion(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Leaders of the Southern African Development Community (SADC) met in Maputo."
    orgs = [(m.text, m.key) for m in analyse(nlp, text) if m.label == "ORG"]
    assert ("SADC", "Southern African Development Community") in orgs


@pytest.mark.slow
def test_country_named_jordan_is_not_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    country = analyse(nlp, "Jordan closed its border with Syria on Monday.")
    assert [m.text for m in country if m.label == "PERSON"] == []
    athlete = analyse(nlp, "Michael Jordan was not available. Jordan declined to comment.")
    assert [m.text for m in athlete if m.label == "PERSON"] == ["Michael Jordan", "Jordan"]


@pytest.mark.slow
def test_sentences_about_one_leader_merge_into_one_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    mentions = analyse(nlp, "Bangladeshi Prime Minister Sheikh Hasina arrived in Delhi.", "b1")
    mentions += analyse(nlp, "Hasina said the talks went well.", "b2")
    mentions += analyse(nlp, "The Bangladeshi prime minister left on Tuesday.", "b3")
    actors, _ = merge_actors(mentions)
    hasina = [a for a in actors if a.name == "Sheikh Hasina"]
    assert len(hasina) == 1
    assert set(hasina[0].aliases) >= {"Sheikh Hasina", "Hasina", "Bangladeshi prime minister"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n",
        "\u200b\u200fPresident\u00a0Joe Biden\u200b said 3 000 troops.",
        "«The president» said 1.000 — the PM, Gen. Ali (ret.) left.\u202e",
    ],
)
def test_odd_texts_do_not_crash_and_offsets_hold(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    analyse(nlp, text)


# --- the demo corpus --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_mentions(nlp, demo_paths: list[Path]) -> Iterator[list[Mention]]:  # type: ignore[no-untyped-def]
    mentions: list[Mention] = []
    for path in demo_paths:
        mentions += analyse(nlp, path.read_text(encoding="utf-8"), path.stem)
    yield mentions


@pytest.mark.slow
def test_demo_kazakh_president_variants_merge_into_one_actor(demo_mentions: list[Mention]) -> None:
    actors, assignment = merge_actors(demo_mentions, focus_country="KZ")
    by_id = {a.id: a for a in actors}
    ids = {
        assignment[i]
        for i, m in enumerate(demo_mentions)
        if "tokayev" in m.text.lower() or "tokaev" in m.text.lower()
    }
    assert len(ids) == 1
    actor = by_id[ids.pop()]
    assert actor.kind == "person"
    assert actor.role == "government"
    assert {"Tokayev", "Kassym-Jomart Tokayev", "Kassym-Jomart Tokaev"} <= set(actor.aliases)
    assert any(alias.lower().startswith("president of") for alias in actor.aliases)


@pytest.mark.slow
def test_demo_security_treaty_acronym_joins_its_name(demo_mentions: list[Mention]) -> None:
    actors, _ = merge_actors(demo_mentions, focus_country="KZ")
    csto = [a for a in actors if "CSTO" in a.aliases]
    assert len(csto) == 1
    assert csto[0].role == "international organisation"
    assert len(csto[0].aliases) > 1


def test_quote_speakers_link_to_merged_actors_by_alias_or_surname() -> None:
    from newsprism.actors import link_speakers
    from newsprism.models import Actor, Quote

    actors = [
        Actor("p1", "Emmanuel Macron", "person", "government", ("Macron", "Emmanuel Macron")),
        Actor("p2", "Gabriel Attal", "person", "government", ("Attal",)),
        Actor(
            "o1",
            "French Interior Ministry",
            "organisation",
            "government",
            ("the French interior ministry",),
        ),
    ]
    quotes = [
        Quote("a", "We will not give in.", "direct", 0, 20, speaker="President Macron"),
        Quote("a", "Calm must return.", "direct", 0, 17, speaker="the French interior ministry"),
        Quote("a", "No comment.", "direct", 0, 11, speaker="a police union"),
        Quote("a", "Order first.", "direct", 0, 12, speaker="Attal", speaker_id="kept"),
    ]
    assert [q.speaker_id for q in link_speakers(quotes, actors)] == ["p1", "o1", None, "kept"]


@given(st.text(), st.text())
@settings(max_examples=300, deadline=None)
def test_folded_first_token_leads_the_folded_span(first: str, rest: str) -> None:
    """The title finder skips tokens whose folded text leads no title: that needs fold's
    prefix property, accents, curly quotes and spaces included."""
    from newsprism.countries import fold

    assert fold(first + rest).startswith(fold(first))
