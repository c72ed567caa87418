"""Citations: attribution phrases, relay chains, canonical source names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from newsprism.models import Citation
from newsprism.nlp import citations as citations_module
from newsprism.nlp.citations import attribution_for_sentence, canonical_source, classify_source

DEMO = Path(__file__).resolve().parent.parent / "examples" / "kazakhstan-2022"


# --- pure helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("the Russian foreign ministry", "Russian Foreign Ministry"),
        ("Russia's Foreign Ministry", "Russian Foreign Ministry"),
        ("Ukraine’s defence ministry", "Ukrainian Defence Ministry"),
        ("the Ministry of the Interior", "Interior Ministry"),
        ("the Anadolu news agency", "Anadolu"),
        ("state broadcaster Channel-4", "Channel 4"),
        ("the Belarussian news agency Minsk Today", "Minsk Today"),
        ("State TV", "state TV"),
        ("local media", "local media"),
        ("Russian Information Agency", "Russian Information Agency"),
    ],
)
def test_canonical_source_merges_spellings(written: str, canonical: str) -> None:
    assert canonical_source(written) == canonical


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("the Xinhua news agency", "media"),
        ("state television", "media"),
        ("Peru's interior ministry", "official"),
        ("a police spokesperson", "official"),
        ("his Telegram channel", "social"),
        ("witnesses", "other"),
        ("Maria Lopez", "other"),
    ],
)
def test_classify_source_by_longest_term(source: str, kind: str) -> None:
    assert classify_source(source) == kind


def test_attribution_prefers_the_chain_in_the_sentence() -> None:
    cites = [
        Citation("a", "state TV", "media", 0, 16),
        Citation("a", "Reuters", "media", 60, 80, originator="state TV"),
        Citation("a", "police", "official", 200, 215),
    ]
    assert attribution_for_sentence(cites, 0, 100) == ("state TV", "Reuters")
    assert attribution_for_sentence(cites, 190, 230) == ("police", None)
    assert attribution_for_sentence(cites, 100, 190) == (None, None)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_canonical_source_never_crashes(text: str) -> None:
    assert isinstance(canonical_source(text), str)


# --- the component (real model) -----------------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    from newsprism.nlp.extensions import register_extensions
    from newsprism.nlp.model import load_model

    assert citations_module is not None  # registers the factory
    register_extensions()
    pipeline = load_model()
    pipeline.add_pipe("newsprism_citations")
    yield pipeline


def _cites(nlp: Language, text: str) -> list[tuple[str, str, str | None, str]]:
    doc = nlp(text)
    for cite in doc._.citations:
        assert 0 <= cite.start < cite.end <= len(doc.text)
    return [(c.source, c.kind, c.originator, doc.text[c.start : c.end]) for c in doc._.citations]


@pytest.mark.slow
def test_according_to_names_the_source_and_its_span(nlp: Language) -> None:
    found = _cites(nlp, "Forty people died, according to Ecuador's health ministry.")
    assert found == [
        (
            "Ecuadorian Health Ministry",
            "official",
            None,
            "according to Ecuador's health ministry",
        )
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source", "originator"),
    [
        (
            "Interfax, citing the Interior Ministry, said 12 people were killed.",
            "Interfax",
            "Interior Ministry",
        ),
        (
            "Reuters, quoting a police source, said the bridge was closed.",
            "Reuters",
            "police source",
        ),
        (
            "The Anadolu agency quoted the Turkish Defence Ministry as saying two drones fell.",
            "Anadolu",
            "Turkish Defence Ministry",
        ),
        (
            "Shots were heard overnight, with the Xinhua news agency citing witnesses.",
            "Xinhua",
            "witnesses",
        ),
    ],
)
def test_relay_chains_keep_relay_and_originator(
    nlp: Language, text: str, source: str, originator: str
) -> None:
    chains = [(s, o) for s, _, o, _ in _cites(nlp, text) if o]
    assert (source, originator) in chains


@pytest.mark.slow
def test_according_to_media_relays_the_reporting_source(nlp: Language) -> None:
    found = _cites(nlp, "State TV reported that nine soldiers died, according to AFP.")
    assert ("AFP", "media", "state TV", "according to AFP") in found
    assert any(s == "state TV" for s, *_ in found)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        ("Local media reported that the airport in Goma was closed.", "local media", "media"),
        ("Witnesses said the convoy was hit near Kherson.", "witnesses", "other"),
        ("The Philippine police said three suspects were held.", "Filipino police", "official"),
        ("Mayor Ana Silva wrote on Telegram that power was restored.", "Telegram", "social"),
        ("The ministry said in a statement that talks would resume.", "ministry", "official"),
        ("Meduza reports that the volunteers were detained.", "Meduza", "media"),
    ],
)
def test_reporting_verbs_name_sources(nlp: Language, text: str, source: str, kind: str) -> None:
    found = _cites(nlp, text)
    assert any(s.lower() == source.lower() and k == kind for s, k, _, _ in found), found


@pytest.mark.slow
def test_pronoun_and_non_source_subjects_make_no_citation(nlp: Language) -> None:
    assert _cites(nlp, "The storm said goodbye to summer. They said nothing.") == []


@pytest.mark.slow
@pytest.mark.parametrize("text", ["", "\n\n", "according to", "said", "\u200f\u00a0 3 000"])
def test_degenerate_texts_do_not_crash(nlp: Language, text: str) -> None:
    assert isinstance(_cites(nlp, text), list)


@pytest.mark.slow
def test_demo_television_and_ministry_citations_are_found(nlp: Language) -> None:
    path = next(DEMO.glob("000_*.txt"))
    found = _cites(nlp, path.read_text(encoding="utf-8"))
    spans = {span: source for source, _, _, span in found}
    television = [s for span, s in spans.items() if span.startswith("according to Khabar")]
    assert television == ["Khabar 24"]
    ministry = [s for span, s in spans.items() if "Interior Ministry" in span]
    assert ministry == ["Kazakh Interior Ministry"]


# --- parse helpers on hand-built docs ------------------------------------------------------


def test_split_subject_prefers_the_name_after_the_generic_noun() -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsprism.nlp.grammar import subject_of

    words = ["The", "rights", "group", "Hengaw", "said", "it", "."]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[2, 2, 4, 4, 4, 4, 4],
        deps=["det", "compound", "nsubj", "nsubj", "ROOT", "dobj", "punct"],
        pos=["DET", "NOUN", "NOUN", "PROPN", "VERB", "PRON", "PUNCT"],
    )
    subject = subject_of(doc[4])
    assert subject is not None and subject.text == "Hengaw"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("our correspondent", "correspondent"), ("her press secretary", "press secretary")],
)
def test_canonical_source_drops_possessive_determiners(written: str, canonical: str) -> None:
    assert canonical_source(written) == canonical


@pytest.mark.slow
def test_statement_by_a_description_names_the_person_in_apposition(nlp: Language) -> None:
    doc = nlp(
        "On Monday, a statement by the current chair of the regional bloc — Ghanaian "
        "President Kofi Addo — said the troops would stay."
    )
    assert any("Addo" in c.source for c in doc._.citations), doc._.citations


# --- general source phrases (each varies the pattern: other countries, other wording) -------


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("agency", "agencies"),
        ("aid agency", "aid agencies"),
        ("spokesman", "spokesmen"),
        ("witness", "witnesses"),
        ("party", "parties"),
        ("survey", "surveys"),
    ],
)
def test_plural_of_regular_nouns(singular: str, plural: str) -> None:
    assert citations_module.plural_of(singular) == plural


def test_plural_of_a_kind_is_a_group_not_a_person() -> None:
    assert classify_source("opposition parties") == "official"
    assert not citations_module.names_person_role("the relief agencies")


def _sources(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    doc = nlp(text)
    for citation in doc._.citations:
        assert doc.text[citation.start : citation.end] == citation.text
    return [(c.source, c.originator) for c in doc._.citations]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source"),
    [
        # plural kinds and bodies that speak as one
        ("Relief agencies warned that typhoid could spread in the shelters.", "relief agencies"),
        ("Opposition parties say the count in Lahore was rigged.", "opposition parties"),
        ("The coast guard said two fishing boats were still missing off Mindanao.", "coast guard"),
        ("The junta said late on Sunday that it had closed the border with Benin.", "junta"),
        ("The prefecture said a teenager was hurt in Lyon.", "prefecture"),
        # a trailing attribution the parser left without a subject
        (
            "Rebels shelled a market in the east of the country on Friday, in one of the "
            "worst attacks this year, hospital sources and relief workers said.",
            "hospital sources",
        ),
        (
            "Thirty people have died in the floods across the valley, the Nairobi-based "
            "group Haki Watch said on Tuesday.",
            "Haki Watch",
        ),
        # figures and counts attribute information without being speech
        ("Human Rights Watch counted 41 dead in the two provinces.", "Human Rights Watch"),
        (
            "The national weather service has forecast heavy rain for the coast on Monday.",
            "national weather service",
        ),
        # a passive participle's agent
        ("The death toll reported by local media has doubled since Monday.", "local media"),
        # a document that carries a source's figures
        (
            "According to figures from the Syrian Red Crescent, 40 people were hurt.",
            "Syrian Red Crescent",
        ),
    ],
)
def test_source_phrases_of_many_shapes_are_citations(nlp: Language, text: str, source: str) -> None:
    found = _sources(nlp, text)
    assert any(s.lower() == source.lower() for s, _ in found), found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source", "originator"),
    [
        # "quoted by X": X relays, in an "according to" phrase and after a subject
        (
            "Two students died in Bouaké, according to police sources quoted by the private "
            "radio Nostalgie.",
            "Nostalgie",
            "police sources",
        ),
        (
            "The health ministry, quoted by state television RTB, said 12 people had died.",
            "RTB",
            "Health Ministry",
        ),
        # "told <outlet>": the outlet carries the speaker's words
        (
            "Governor Amina Bello told state radio that the dam had burst at dawn.",
            "state radio",
            "Amina Bello",
        ),
        # "wrote on <platform>": the platform carries the writer's words
        (
            "Opposition leader Tomas Varga wrote on Facebook that the vote had been stolen.",
            "Facebook",
            "Tomas Varga",
        ),
    ],
)
def test_relays_and_carriers_name_the_outlet_and_the_speaker(
    nlp: Language, text: str, source: str, originator: str
) -> None:
    found = _sources(nlp, text)
    assert any(
        s.lower() == source.lower() and o is not None and o.lower() == originator.lower()
        for s, o in found
    ), found


@pytest.mark.slow
def test_telling_reporters_keeps_the_speaker_as_source(nlp: Language) -> None:
    found = _sources(nlp, "Police chief Omar Said told reporters that nine men were held.")
    assert ("Omar Said", None) in found


def test_named_body_resolves_according_to_the_organization(nlp: Language) -> None:
    text = (
        "The Syrian Observatory for Human Rights said 14 people died. "
        "According to the organization, most were civilians."
    )
    sources = [c.source for c in nlp(text)._.citations]
    assert len(sources) == 2 and "Observatory" in sources[1]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The strike hit the market, reported the broadcaster Al Arabiya.", "Al Arabiya"),
        ("The town was cut off, indicated this weekend Colonel Ann Roe.", "Ann Roe"),
    ],
)
def test_speaker_after_verb_is_the_source(nlp: Language, text: str, source: str) -> None:
    assert [c.source for c in nlp(text)._.citations] == [source]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Turnout was 61 percent, according to the results.", "results"),
        ("The contract was signed in May, according to the indictment.", "indictment"),
    ],
)
def test_according_to_any_noun_names_a_source(nlp: Language, text: str, source: str) -> None:
    assert [c.source for c in nlp(text)._.citations] == [source]


@pytest.mark.slow
def test_according_to_a_manner_is_no_citation(nlp: Language) -> None:
    assert nlp("The handover went ahead according to plan.")._.citations == []


@pytest.mark.slow
def test_participle_of_tell_cites_the_outlet_for_the_clause_subject(nlp: Language) -> None:
    found = _cites(
        nlp, "The mayor thanked the volunteers, telling Reuters the bridge would reopen."
    )
    assert [(source, originator) for source, _, originator, _ in found] == [("Reuters", "mayor")]
    assert found[0][1] == "media"


@pytest.mark.slow
def test_told_outlet_after_a_comma_is_not_an_inverted_source(nlp: Language) -> None:
    found = _cites(nlp, "The bridge will reopen next week, the mayor told AFP on Monday.")
    assert all(source != "AFP" or originator == "mayor" for source, _, originator, _ in found)


@pytest.mark.slow
def test_manner_of_speaking_verb_makes_no_citation(nlp: Language) -> None:
    assert _cites(nlp, "Police continued their search along the river on Monday.") == []


@pytest.mark.slow
def test_a_document_that_shows_something_is_cited(nlp: Language) -> None:
    found = _cites(nlp, "A new poll by Gallup shows Senator Ana Ruiz leading by 12 points.")
    assert [source for source, _, _, _ in found] == ["Gallup"]


@pytest.mark.slow
def test_someone_finding_something_is_no_citation(nlp: Language) -> None:
    assert _cites(nlp, "Police found the car near the river on Monday.") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("BAMAKO (Reuters) – Gunmen killed 12 soldiers in central Mali on Sunday.", "Reuters"),
        ("LIMA, July 25 (EFE) — The storm destroyed 40 homes in the north.", "EFE"),
    ],
)
def test_dateline_agency_credit_line_is_cited(nlp: Language, text: str, agency: str) -> None:
    found = _cites(nlp, text)
    assert (agency, "media", None, agency) in found


@pytest.mark.slow
def test_byline_agency_credit_line_is_cited(nlp: Language) -> None:
    found = _cites(nlp, "By: Prensa Latina | The storm destroyed 40 homes in the north.")
    assert ("Prensa Latina", "media", None, "Prensa Latina") in found


@pytest.mark.slow
def test_as_quoted_by_cites_the_agent(nlp: Language) -> None:
    found = _cites(nlp, "The toll rose to 40, as quoted by the state news agency IRNA.")
    assert [(source, kind) for source, kind, _, _ in found] == [("IRNA", "media")]


@pytest.mark.slow
def test_citing_after_a_passive_clause_cites_the_named_group(nlp: Language) -> None:
    found = _cites(
        nlp, "Twelve protesters were executed last year, citing the Oslo-based rights group Hengaw."
    )
    assert [(source, originator) for source, _, originator, _ in found] == [("Hengaw", None)]


@pytest.mark.slow
def test_citing_inside_a_reported_clause_is_relayed_by_the_reporter(nlp: Language) -> None:
    text = (
        "The agency said 12 protesters were executed last year, citing the Oslo-based rights"
        " group Hengaw."
    )
    found = _cites(nlp, text)
    assert ("agency", "Hengaw") in [(source, originator) for source, _, originator, _ in found]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The council delayed the vote again, its third delay this year. [Harbour Ledger.]",
        "“We will not sign it,” the mayor said. [Harbour Ledger]\n\nMore news follows.",
    ],
)
def test_closing_bracket_credit_names_the_outlet(nlp: Language, text: str) -> None:
    assert "Harbour Ledger" in [source for source, _, _, _ in _cites(nlp, text)]


@pytest.mark.slow
def test_a_bracketed_aside_inside_a_paragraph_credits_nobody(nlp: Language) -> None:
    text = "She [Ana Ruiz] is right on these points, the analyst said on Monday."
    assert "Ana Ruiz" not in [source for source, _, _, _ in _cites(nlp, text)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("After a long inquiry, the Department of Justice found that the port police had"
         " fleeced the traders.", "Department of Justice"),
        ("And Gallup finds voters shifting toward the opposition in the north.", "Gallup"),
    ],
)  # fmt: skip
def test_an_organisation_finding_a_clause_is_cited(nlp: Language, text: str, source: str) -> None:
    assert [s for s, _, _, _ in _cites(nlp, text)] == [source]


@pytest.mark.slow
def test_a_person_finding_something_is_no_citation(nlp: Language) -> None:
    assert _cites(nlp, "The senator found that the hearing had been moved to May.") == []


def test_phrasal_reporting_verb_is_read_with_its_particle(nlp: Language) -> None:
    from newsprism.nlp.citations import speech_role, speech_roles

    doc = nlp("The minister pointed out that the road was closed.")
    verb = next(t for t in doc if t.lower_ == "pointed")
    assert speech_role(verb) == speech_roles()["point out"]
