"""Russian, French and Arabic analyses: one test a pattern, on sentences written for them.

The fast tests build the reader's layer by hand (regex tokens, lemmas given or from
pymorphy3, names given) so no statistical model loads; the slow ones run natasha and
``fr_core_news_sm`` for real, each loaded once per session.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from newsprism.models import Claim
from newsprism.nlp.languages import analyses_for, analyze_foreign, coverage_note, rules
from newsprism.nlp.languages.crossing import skeleton
from newsprism.nlp.languages.cues import load_cues
from newsprism.nlp.languages.layers import Name, TextLayer, Token, regex_sentences
from newsprism.nlp.languages.names import lookup

_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


def _russian_lemma(word: str) -> str:
    import pymorphy3

    return str(pymorphy3.MorphAnalyzer().parse(word)[0].normal_form).replace("ё", "е")


_RU_POS = {
    "NOUN": "NOUN", "ADJF": "ADJ", "VERB": "VERB", "INFN": "VERB", "PREP": "ADP",
    "CONJ": "CCONJ", "NPRO": "PRON", "ADVB": "ADV", "PRTF": "ADJ", "PRCL": "PART",
}  # fmt: skip


def _russian_pos(word: str) -> str:
    import pymorphy3

    return _RU_POS.get(str(pymorphy3.MorphAnalyzer().parse(word)[0].tag.POS), "X")


def layer(
    text: str,
    language: str,
    names: Sequence[tuple[str, str]] = (),
    lemmas: Mapping[str, str] | None = None,
    pos: Mapping[str, str] | None = None,
    normal: Mapping[str, str] | None = None,
) -> TextLayer:
    """A hand-built layer: regex tokens, lemmas (given, or pymorphy3 for Russian), parts of
    speech (given, pymorphy3 for Russian, PUNCT for marks), names (with nominative forms)."""
    lemmas, pos, normal = lemmas or {}, pos or {}, normal or {}
    tokens = []
    for match in _WORD.finditer(text):
        word = match.group()
        lemma = lemmas.get(word) or (
            _russian_lemma(word) if language == "ru" and word.isalpha() else word.lower()
        )
        tag = pos.get(word) or (
            "PUNCT"
            if not word[:1].isalnum()
            else _russian_pos(word)
            if language == "ru" and word.isalpha()
            else ""
        )
        tokens.append(Token(word, match.start(), match.end(), lemma, tag))
    found = []
    for name, label in names:
        start = text.index(name)
        found.append(Name(start, start + len(name), label, name, normal.get(name, "")))
    return TextLayer(text, tuple(tokens), regex_sentences(text), tuple(found))


def claims(text: str, language: str, **kwargs: object) -> list[Claim]:
    built = layer(text, language, **kwargs)  # type: ignore[arg-type]
    cues = load_cues(language)
    return rules.find_claims(built, cues, "a", None, rules.find_citations(built, cues, "a"))


def figures(found: Sequence[Claim]) -> list[tuple[str, float | None, float | None, str]]:
    return [(c.category, c.value_min, c.value_max, c.qualifier) for c in found]


# --- claims -----------------------------------------------------------------------------


def test_russian_qualifier_between_trigger_and_number() -> None:
    found = claims("В результате столкновений задержаны не менее 45 человек.", "ru")
    assert figures(found) == [("detained", 45.0, None, "at_least")]
    assert found[0].who == "people" and found[0].who_text == "человек"


def test_russian_declined_trigger_after_the_number() -> None:
    found = claims("Более 300 демонстрантов было задержано в субботу.", "ru")
    assert figures(found) == [("detained", 301.0, None, "more_than")]


def test_russian_trigger_before_number_wins_over_a_farther_one_after() -> None:
    text = "Во время пожара погибли 7 человек, ещё около 20 пострадали."
    assert figures(claims(text, "ru")) == [
        ("killed", 7.0, 7.0, "exact"),
        ("injured", 20.0, 20.0, "about"),
    ]


def test_russian_vague_quantity_and_spaced_thousands() -> None:
    text = "Десятки человек ранены. Эвакуированы 1 200 жителей."
    assert figures(claims(text, "ru")) == [
        ("injured", 24.0, 99.0, "vague"),
        ("other", 1200.0, 1200.0, "exact"),
    ]


def test_russian_years_ages_and_dates_are_not_figures() -> None:
    text = "В 2019 году 5 января погиб мужчина 40 лет."
    assert claims(text, "ru") == []


def test_french_qualifier_and_lemma_trigger() -> None:
    text = "Au moins 14 personnes ont été tuées et plus de 50 blessées."
    found = claims(text, "fr", lemmas={"tuées": "tuer", "blessées": "blesser"})
    assert figures(found) == [
        ("killed", 14.0, None, "at_least"),
        ("injured", 51.0, None, "more_than"),
    ]
    assert found[0].who == "people"


def test_french_vague_quantity_and_who_after_de() -> None:
    found = claims(
        "Des dizaines de manifestants ont été interpellés.",
        "fr",
        lemmas={"interpellés": "interpeller"},
    )
    assert figures(found) == [("detained", 24.0, 99.0, "vague")]
    assert found[0].who == "protesters"


def test_arabic_eastern_digits_and_qualifier() -> None:
    found = claims("قتل ما لا يقل عن ٢٣ شخصا وأصيب أكثر من ١٠٠ آخرين.", "ar")
    assert figures(found) == [
        ("killed", 23.0, None, "at_least"),
        ("injured", 101.0, None, "more_than"),
    ]


def test_arabic_clitic_on_a_trigger() -> None:
    assert figures(claims("سقط ١٥ قتيلا والجرحى بالعشرات.", "ar"))[:1] == [
        ("killed", 15.0, 15.0, "exact")
    ]


def test_one_round_figure_is_about_it_and_takes_a_qualifier() -> None:
    found = claims(
        "Une vingtaine de blessés et au moins une dizaine de morts.",
        "fr",
        lemmas={"blessés": "blessé", "morts": "mort"},
    )
    assert figures(found) == [("injured", 20.0, 20.0, "about"), ("killed", 10.0, None, "at_least")]


def test_sub_count_after_dont_takes_the_category_before_it() -> None:
    found = claims(
        "Au moins 30 personnes ont été tuées, dont 4 enfants.", "fr", lemmas={"tuées": "tuer"}
    )
    assert figures(found) == [("killed", 30.0, None, "at_least"), ("killed", 4.0, 4.0, "exact")]
    assert found[1].who == "enfants"
    ru = claims("Погибли 12 человек, в том числе трое детей.", "ru")
    assert [c.category for c in ru] == ["killed", "killed"]
    assert claims("Dont 4 enfants.", "fr") == []  # nothing before it to be part of


def test_trigger_of_several_words() -> None:
    assert figures(claims("Douze personnes ont été placées en garde à vue.", "fr")) == [
        ("detained", 12.0, 12.0, "exact")
    ]
    assert figures(claims("Четверо находятся в тяжёлом состоянии.", "ru")) == [
        ("injured", 4.0, 4.0, "exact")
    ]


def test_bracketed_counts_after_list_items_take_the_trigger_heading_the_list() -> None:
    text = "Людей задерживают в Барнауле (минимум 1 человек), Иркутске (15 человек) и Томске."
    assert figures(claims(text, "ru")) == [
        ("detained", 1.0, None, "at_least"),
        ("detained", 15.0, 15.0, "exact"),
    ]
    assert claims("Манифестанты прошли по улицам Омска (около 300 человек).", "ru") == []


def test_others_count_the_group_counted_just_before() -> None:
    found = claims(
        "Trois policiers ont été tués et 12 autres blessés.",
        "fr",
        lemmas={"tués": "tuer", "blessés": "blesser"},
    )
    assert [(c.category, c.value_min, c.who) for c in found] == [
        ("killed", 3.0, "police officers"),
        ("injured", 12.0, "police officers"),
    ]
    [alone] = claims("12 autres ont été blessés.", "fr", lemmas={"blessés": "blesser"})
    assert alone.who == "people"


def test_toll_noun_heads_a_figure_later_in_its_clause() -> None:
    text = "Число погибших при обрушении кровли рынка в Самаре выросло до девяти."
    [found] = claims(text, "ru")
    assert figures([found]) == [("killed", 9.0, 9.0, "exact")]
    assert found.text.startswith("Число погибших")
    text = "Число раненых в давке на стадионе не изменилось - 31 человек."
    assert figures(claims(text, "ru")) == [("injured", 31.0, 31.0, "exact")]
    text = "Les secours estiment le nombre de morts du naufrage à plus de 40."
    assert figures(claims(text, "fr", lemmas={"morts": "mort"})) == [
        ("killed", 41.0, None, "more_than")
    ]
    # a toll noun in another clause, after ", а", does not reach the figure
    assert claims("Число погибших уточняется, а 5 домов сгорели.", "ru") == []


def test_growth_verb_reads_to_not_up_to_and_exceeded_is_more_than() -> None:
    assert figures(claims("До шести увеличилось количество пострадавших.", "ru")) == [
        ("injured", 6.0, 6.0, "exact")
    ]
    assert figures(claims("Количество задержанных превысило 200 человек.", "ru")) == [
        ("detained", 201.0, None, "more_than")
    ]
    assert figures(claims("Пострадали до 30 человек.", "ru")) == [("injured", 0.0, 30.0, "up_to")]


def test_sub_count_between_commas_lets_the_trigger_count_the_figure_before() -> None:
    text = "Ещё 14 человек, в том числе 3 ребенка, получили ранения."
    assert figures(claims(text, "ru")) == [
        ("injured", 14.0, 14.0, "exact"),
        ("injured", 3.0, 3.0, "exact"),
    ]


def test_participle_clause_after_a_comma_counts_the_people() -> None:
    text = "Водолазы ищут троих человек, пропавших после крушения катера."
    assert figures(claims(text, "ru")) == [("other", 3.0, 3.0, "exact")]


def test_sub_count_opening_a_sentence_counts_the_figure_before() -> None:
    text = "У здания суда задержаны 25 человек. Среди них двое журналистов."
    assert figures(claims(text, "ru")) == [
        ("detained", 25.0, 25.0, "exact"),
        ("detained", 2.0, 2.0, "exact"),
    ]


def test_phrase_trigger_before_the_figure() -> None:
    assert figures(claims("La tempête a coûté la vie à 9 marins.", "fr")) == [
        ("killed", 9.0, 9.0, "exact")
    ]
    assert figures(claims("Наводнение унесло жизни не менее 11 человек.", "ru")) == [
        ("killed", 11.0, None, "at_least")
    ]


def test_hypothetical_figures_are_not_claims() -> None:
    lemmas = {"tuées": "tuer", "morts": "mort"}
    text = "Selon les sismologues, 300 personnes pourraient avoir été tuées."
    assert claims(text, "fr", lemmas=lemmas) == []
    text = "Si la digue cède, le bilan atteindrait 60 morts."
    assert claims(text, "fr", lemmas=lemmas) == []
    assert claims("Если дамбу прорвет, могут погибнуть 500 человек.", "ru") == []
    # the conditional of a reported toll stays a claim
    assert figures(claims("L'attaque aurait fait 12 morts.", "fr", lemmas=lemmas)) == [
        ("killed", 12.0, 12.0, "exact")
    ]


def test_rate_figures_are_not_claims() -> None:
    assert claims("La rougeole fait chaque année 800 morts dans la région.", "fr") == []
    assert claims("Ежегодно в регионе тонут 40 человек.", "ru") == []


def test_total_after_a_part_and_one_of_a_set_are_not_counts() -> None:
    text = "Погибшими считаются 12 из 300 пассажиров."
    assert figures(claims(text, "ru")) == [("killed", 12.0, 12.0, "exact")]
    text = "Водитель одного из двух автобусов погиб."
    assert claims(text, "ru") == []
    text = "При обрушении одного из пролетов моста погибли 6 человек."
    assert figures(claims(text, "ru")) == [("killed", 6.0, 6.0, "exact")]


def test_clock_time_is_not_a_figure() -> None:
    assert claims("В 22:40 всех задержанных отпустили.", "ru") == []


def test_range_of_two_tolls() -> None:
    text = "Le parquet évoque 27 ou 28 morts."
    assert figures(claims(text, "fr", lemmas={"morts": "mort"})) == [
        ("killed", 27.0, 28.0, "exact")
    ]
    assert figures(claims("Пострадали 5 или 6 человек.", "ru")) == [("injured", 5.0, 6.0, "exact")]


def test_russian_triggers_for_drowning_shelters_police_stations_and_fatalities() -> None:
    text = "На озере утонули 4 человека, 60 жителей эвакуировались, 12 размещены в ПВР."
    assert figures(claims(text, "ru")) == [
        ("killed", 4.0, 4.0, "exact"),
        ("other", 60.0, 60.0, "exact"),
        ("other", 12.0, 12.0, "exact"),
    ]
    assert figures(claims("Пятерых оставили в ОВД до утра.", "ru")) == [
        ("detained", 5.0, 5.0, "exact")
    ]
    text = "Власти подтвердили три смертельных случая и сообщили об одном погибшем спасателе."
    assert figures(claims(text, "ru")) == [
        ("killed", 3.0, 3.0, "exact"),
        ("killed", 1.0, 1.0, "exact"),
    ]


def test_french_pertes_de_vie() -> None:
    assert figures(claims("On déplore 15 pertes de vie.", "fr")) == [
        ("killed", 15.0, 15.0, "exact")
    ]


# --- citations and quotes -------------------------------------------------------------------


def test_russian_intro_citation_attributes_the_figure() -> None:
    text = "По данным Минздрава, погибли 12 человек."
    found = claims(text, "ru", names=[("Минздрава", "ORG")])
    assert found[0].attributed_to == "Минздрава"


def test_russian_report_verb_after_and_before_its_source() -> None:
    text = "Об этом сообщает агентство Интерфакс. Как передает ТАСС, пожар потушен."
    built = layer(text, "ru", names=[("Интерфакс", "ORG"), ("ТАСС", "ORG")])
    found = rules.find_citations(built, load_cues("ru"), "a")
    assert [c.source for c in found] == ["Интерфакс", "ТАСС"]


def test_citation_of_a_declined_name_gives_its_nominative() -> None:
    text = "По словам активистки Аллы Фроловой, пикет прошел спокойно."
    built = layer(
        text, "ru", names=[("Аллы Фроловой", "PER")], normal={"Аллы Фроловой": "Алла Фролова"}
    )
    [citation] = rules.find_citations(built, load_cues("ru"), "a")
    assert citation.source == "Алла Фролова"


def test_intro_without_a_name_takes_the_words_up_to_punctuation() -> None:
    text = "Selon les secours locaux, le pont s'est effondré."
    found = rules.find_citations(layer(text, "fr"), load_cues("fr"), "a")
    assert [c.source for c in found] == ["les secours locaux"]
    assert text[found[0].start : found[0].end] == "Selon les secours locaux"


def test_body_that_speaks_is_a_cited_source() -> None:
    text = "Пресс-служба регионального управления рассказала, что дорога закрыта."
    [citation] = rules.find_citations(layer(text, "ru"), load_cues("ru"), "a")
    assert citation.source.startswith("Пресс-служба")
    text = "Les autorités locales ont annoncé que le pont restait fermé."
    built = layer(text, "fr", lemmas={"annoncé": "annoncer"}, pos={"ont": "AUX"})
    [citation] = rules.find_citations(built, load_cues("fr"), "a")
    assert citation.source == "autorités locales"
    # a person who speaks is quoted, not cited
    text = "Le maire Paul Martin a annoncé que le pont restait fermé."
    built = layer(text, "fr", names=[("Paul Martin", "PER")], lemmas={"annoncé": "annoncer"})
    assert rules.find_citations(built, load_cues("fr"), "a") == []


def test_outlet_spoken_to_is_the_source_and_the_speaker_its_originator() -> None:
    text = "Пожар потушен, сообщил РИА Новости представитель Минздрава."
    built = layer(text, "ru", names=[("РИА Новости", "ORG"), ("Минздрава", "ORG")])
    [citation] = rules.find_citations(built, load_cues("ru"), "a")
    assert citation.source == "РИА Новости"
    assert citation.originator and citation.originator.startswith("представитель")
    text = "Об этом Медиазоне рассказала координатор движения Анна Иванова."
    built = layer(text, "ru", names=[("Медиазоне", "ORG"), ("Анна Иванова", "PER")])
    [citation] = rules.find_citations(built, load_cues("ru"), "a")
    assert citation.source == "Медиазона" and citation.originator == "Анна Иванова"


def test_statement_cited_at_its_verb_is_its_author_named_before() -> None:
    text = "Пожар потушен, сообщает Интерфакс. Пострадавших нет, говорится в сообщении."
    built = layer(text, "ru", names=[("Интерфакс", "ORG")])
    found = rules.find_citations(built, load_cues("ru"), "a")
    assert [(c.source, c.text) for c in found] == [
        ("Интерфакс", "сообщает Интерфакс"),
        ("Интерфакс", "говорится в сообщении"),
    ]


def test_outlet_in_marks_after_the_verb_is_spoken_to_not_the_speaker() -> None:
    text = 'Пожар в здании склада потушен, сообщили "Интерфаксу" в управлении МЧС.'
    built = layer(text, "ru", names=[("Интерфаксу", "ORG"), ("МЧС", "ORG")])
    [citation] = rules.find_citations(built, load_cues("ru"), "a")
    assert citation.source == "Интерфакс"  # in the nominative
    assert citation.originator is not None and "МЧС" in citation.originator
    [(kind, speaker)] = quotes_of(built, "ru")
    assert kind == "indirect" and speaker is not None and "МЧС" in speaker
    # nobody after it: the outlet in marks is the speaker
    text = 'Пожар в здании склада потушен, сообщила "Новая газета".'
    built = layer(text, "ru", names=[("Новая газета", "ORG")])
    assert quotes_of(built, "ru") == [("indirect", "Новая газета")]


def test_verbs_of_estimating_and_recording_cite_a_body() -> None:
    text = "Геологическая служба Чили оценила магнитуду толчков в 6,2."
    built = layer(text, "ru", names=[("Геологическая служба", "ORG")])
    [citation] = rules.find_citations(built, load_cues("ru"), "a")
    assert citation.source == "Геологическая служба"
    text = "Le centre sismologique a enregistré une secousse de magnitude 5."
    built = layer(text, "fr", lemmas={"enregistré": "enregistrer"}, pos={"a": "AUX"})
    [citation] = rules.find_citations(built, load_cues("fr"), "a")
    assert citation.source == "centre sismologique"


def test_outlet_word_alone_is_the_outlet_cited_before() -> None:
    text = "Об этом сообщает газета Ведомости. По данным издания, завод закрыт."
    built = layer(text, "ru", names=[("Ведомости", "ORG")])
    found = rules.find_citations(built, load_cues("ru"), "a")
    assert [c.source for c in found] == ["Ведомости", "Ведомости"]


def test_selon_a_role_then_a_person_in_apposition_cites_the_person() -> None:
    text = "Selon le maire de la commune, Paul Martin, deux maisons ont brûlé."
    built = layer(text, "fr", names=[("Paul Martin", "PER")])
    [citation] = rules.find_citations(built, load_cues("fr"), "a")
    assert citation.source == "Paul Martin"


def test_source_phrase_runs_past_an_elided_article() -> None:
    text = "Selon le procureur chargé de l’enquête, le suspect a fui."
    words = ["Selon", "le", "procureur", "chargé", "de", "l’", "enquête", ",", "le"]
    tokens, at = [], 0
    for word in words:
        start = text.index(word, at)
        tokens.append(Token(word, start, start + len(word), word.lower()))
        at = start + len(word)
    built = TextLayer(text, tuple(tokens), regex_sentences(text), ())
    [citation] = rules.find_citations(built, load_cues("fr"), "a")
    assert citation.source == "le procureur chargé de l’enquête"


def test_guillemet_quote_with_speaker_after_the_dash() -> None:
    text = "«Мы восстановим все дома до зимы», — заявил Иван Петров журналистам."
    built = layer(text, "ru", names=[("Иван Петров", "PER")])
    [quote] = rules.find_quotes(built, load_cues("ru"), "a")
    assert quote.kind == "direct" and quote.text == "Мы восстановим все дома до зимы"
    assert quote.speaker == "Иван Петров"
    assert text[quote.speaker_start : quote.speaker_end] == "Иван Петров"  # type: ignore[misc]


def test_french_quote_with_spaces_inside_marks_and_speaker_before() -> None:
    text = "Marie Dupont a déclaré : « Nous resterons mobilisés jusqu'au bout. »"
    built = layer(text, "fr", names=[("Marie Dupont", "PER")], lemmas={"déclaré": "déclarer"})
    [quote] = rules.find_quotes(built, load_cues("fr"), "a")
    assert (
        quote.text == "Nous resterons mobilisés jusqu'au bout." and quote.speaker == "Marie Dupont"
    )


def test_quote_introduced_by_a_verb_of_judging_or_naming() -> None:
    text = "Le maire, Paul Martin, qualifie l'incendie de « drame pour toute la ville »."
    built = layer(text, "fr", names=[("Paul Martin", "PER")], lemmas={"qualifie": "qualifier"})
    [quote] = rules.find_quotes(built, load_cues("fr"), "a")
    assert quote.speaker == "Paul Martin"
    text = "Губернатор Иван Петров назвал пожар «страшной трагедией для города»."
    built = layer(text, "ru", names=[("Иван Петров", "PER")])
    [quote] = rules.find_quotes(built, load_cues("ru"), "a")
    assert quote.speaker == "Иван Петров"


def test_any_verb_inverted_after_a_closing_quote_names_its_speaker() -> None:
    text = "« On nous traite comme des voleurs », s'est indignée Claire, une riveraine."
    built = layer(
        text, "fr", names=[("Claire", "PER")], lemmas={"indignée": "indigner"},
        pos={"indignée": "VERB"},
    )  # fmt: skip
    assert quotes_of(built, "fr") == [("direct", "Claire")]
    # no inversion, no speaker: the name is the subject of another clause
    text = "« On nous traite comme des voleurs », et Claire est partie."
    built = layer(text, "fr", names=[("Claire", "PER")], pos={"partie": "VERB"})
    assert quotes_of(built, "fr") == [("direct", None)]


def test_calling_for_and_exhorting_introduce_a_quote() -> None:
    text = "Le ministre Paul Martin a appelé à « la plus grande prudence sur les routes »."
    built = layer(text, "fr", names=[("Paul Martin", "PER")], lemmas={"appelé": "appeler"})
    assert quotes_of(built, "fr") == [("direct", "Paul Martin")]
    text = "« Restez chez vous ce soir », a exhorté Paul Martin."
    built = layer(text, "fr", names=[("Paul Martin", "PER")], lemmas={"exhorté": "exhorter"})
    assert quotes_of(built, "fr") == [("direct", "Paul Martin")]


def test_indirect_speech_after_que() -> None:
    text = "Le préfet Jean Martin a indiqué que la situation restait tendue dans le centre."
    built = layer(text, "fr", names=[("Jean Martin", "PER")], lemmas={"indiqué": "indiquer"})
    [quote] = rules.find_quotes(built, load_cues("fr"), "a")
    assert quote.kind == "indirect" and quote.text == "la situation restait tendue dans le centre"
    assert quote.speaker == "Jean Martin"


def test_short_marked_words_are_not_quotes() -> None:
    text = "Партия «Зелёный фронт» провела митинг."
    assert rules.find_quotes(layer(text, "ru"), load_cues("ru"), "a") == []


def quotes_of(built: TextLayer, language: str) -> list[tuple[str, str | None]]:
    return [(q.kind, q.speaker) for q in rules.find_quotes(built, load_cues(language), "a")]


def test_phrase_after_verb_names_the_speaker_without_its_article() -> None:
    text = "« Une vague est possible sur toute la côte », a estimé un responsable de la météo."
    built = layer(text, "fr", lemmas={"estimé": "estimer"}, pos={"a": "AUX", "de": "ADP"})
    assert quotes_of(built, "fr") == [("direct", "responsable de la météo")]


def test_person_after_verb_behind_a_title_and_a_recipient() -> None:
    text = "«Мы восстановим все дома до зимы», — заявил журналистам глава МВД Иван Петров."
    built = layer(text, "ru", names=[("МВД", "ORG"), ("Иван Петров", "PER")])
    assert quotes_of(built, "ru") == [("direct", "Иван Петров")]
    text = "« La route restera fermée trois jours », a indiqué à l'AFP le préfet Jean Roux."
    built = layer(
        text,
        "fr",
        names=[("AFP", "ORG"), ("Jean Roux", "PER")],
        lemmas={"indiqué": "indiquer"},
        pos={"a": "AUX"},
    )
    assert quotes_of(built, "fr") == [("direct", "Jean Roux")]


def test_pronoun_after_verb_resolves_to_the_person_named_before() -> None:
    text = (
        "Le maire Paul Martin s'est rendu sur place. "
        "« Nous reconstruirons tout le quartier », a-t-il ajouté."
    )
    built = layer(text, "fr", names=[("Paul Martin", "PER")], lemmas={"ajouté": "ajouter"})
    assert quotes_of(built, "fr") == [("direct", "Paul Martin")]
    text = "Ирина Волк приехала в город. «Все пострадавшие получат помощь», — отметила она."
    built = layer(text, "ru", names=[("Ирина Волк", "PER")])
    assert quotes_of(built, "ru") == [("direct", "Ирина Волк")]


def test_institution_after_verb_is_named_in_the_nominative() -> None:
    text = "«Эвакуация жителей завершена полностью», — сообщили в пресс-службе МЧС."
    built = layer(text, "ru", names=[("МЧС", "ORG")], lemmas={"пресс-службе": "пресс-служба"})
    assert quotes_of(built, "ru") == [("direct", "пресс-служба МЧС")]


def test_phrase_before_verb_is_the_subject_of_indirect_speech() -> None:
    text = "Les autorités américaines ont estimé que le risque restait faible sur les côtes."
    built = layer(
        text, "fr", lemmas={"estimé": "estimer", "autorités": "autorité"}, pos={"ont": "AUX"}
    )
    assert quotes_of(built, "fr") == [("indirect", "autorités américaines")]


def test_noun_subject_before_verb_after_a_determiner() -> None:
    text = "On entend sur la vidéo les assaillants crier « nous avons gagné la bataille »."
    built = layer(
        text,
        "fr",
        lemmas={"crier": "crier"},
        pos={"les": "DET", "assaillants": "NOUN", "entend": "VERB"},
    )
    assert quotes_of(built, "fr") == [("direct", "assaillants")]


def test_person_after_an_adjunct_after_the_verb() -> None:
    text = "« Rien ne justifie cela », a déclaré dans la nuit de jeudi le président Jean Roux."
    built = layer(
        text,
        "fr",
        names=[("Jean Roux", "PER")],
        lemmas={"déclaré": "déclarer"},
        pos={"a": "AUX", "dans": "ADP"},
    )
    assert quotes_of(built, "fr") == [("direct", "Jean Roux")]


def test_definite_description_refers_back_to_the_name_it_introduced() -> None:
    text = (
        "Le journal Le Soir publie une enquête. "
        "Le journal affirme que les secours sont arrivés avec trois heures de retard."
    )
    built = layer(
        text,
        "fr",
        names=[("Le Soir", "ORG")],
        lemmas={"affirme": "affirmer", "Le": "le"},
        pos={"Le": "DET", "journal": "NOUN", "publie": "VERB"},
    )
    assert quotes_of(built, "fr") == [("indirect", "Le Soir")]


def test_po_slovam_opens_the_indirect_speech_of_the_person_named() -> None:
    text = "По словам Анны Ковалёвой, полиция задержала всех участников пикета у здания суда."
    built = layer(
        text, "ru", names=[("Анны Ковалёвой", "PER")], normal={"Анны Ковалёвой": "Анна Ковалёва"}
    )
    [quote] = rules.find_quotes(built, load_cues("ru"), "a")
    assert (quote.kind, quote.speaker) == ("indirect", "Анна Ковалёва")
    assert quote.text == "полиция задержала всех участников пикета у здания суда"


def test_trailing_clause_before_an_inverted_speech_verb_is_indirect_speech() -> None:
    text = "Une première secousse a fait au moins seize morts, a annoncé la présidente Ana Ruiz."
    built = layer(
        text,
        "fr",
        names=[("Ana Ruiz", "PER")],
        lemmas={"annoncé": "annoncer"},
        pos={"a": "AUX"},
    )
    [quote] = rules.find_quotes(built, load_cues("fr"), "a")
    assert (quote.kind, quote.speaker) == ("indirect", "Ana Ruiz")
    assert quote.text == "Une première secousse a fait au moins seize morts"


def test_ob_etom_makes_the_sentence_before_reported_speech() -> None:
    text = "Полиция задержала в центре города восемь человек. Об этом сообщила Мария Орлова."
    built = layer(text, "ru", names=[("Мария Орлова", "PER")])
    [quote] = rules.find_quotes(built, load_cues("ru"), "a")
    assert (quote.kind, quote.speaker) == ("indirect", "Мария Орлова")
    assert quote.text == "Полиция задержала в центре города восемь человек"


def test_quote_parts_in_one_sentence_share_their_speaker() -> None:
    text = "« Le caractère criminel » de l'incendie « ne fait aucun doute », a déclaré Jean Roux."
    built = layer(
        text, "fr", names=[("Jean Roux", "PER")], lemmas={"déclaré": "déclarer"}, pos={"a": "AUX"}
    )
    assert quotes_of(built, "fr") == [("direct", "Jean Roux"), ("direct", "Jean Roux")]


def test_verb_far_before_a_quote_does_not_name_its_speaker() -> None:
    text = (
        "Un homme qui a lancé un camion sur la foule le soir de la fête a tué 84 personnes, "
        "« dont dix enfants et adolescents », selon le procureur de la ville."
    )
    built = layer(text, "fr", lemmas={"lancé": "lancer"}, pos={"a": "AUX", "Un": "DET"})
    assert quotes_of(built, "fr") == [("direct", "procureur de la ville")]


def test_reporting_clause_inside_a_quote_names_its_speaker() -> None:
    text = "« Nous avons quatre morts à déplorer, a déclaré Jean Roux hier. Nous pensons à eux. »"
    built = layer(
        text, "fr", names=[("Jean Roux", "PER")], lemmas={"déclaré": "déclarer"}, pos={"a": "AUX"}
    )
    assert quotes_of(built, "fr") == [("direct", "Jean Roux")]


def test_statement_given_as_speaker_stands_for_the_organisation_named() -> None:
    text = "Об этом сообщает ТАСС. «Эвакуация завершена в трех селах», — говорится в сообщении."
    built = layer(text, "ru", names=[("ТАСС", "ORG")], lemmas={"говорится": "говориться"})
    assert quotes_of(built, "ru") == [("direct", "ТАСС")]


def test_person_closing_a_long_title_with_a_quoted_name_in_it() -> None:
    text = "«Задержаны все участники пикета», — рассказала координатор «Весны» Анна Орлова."
    built = layer(text, "ru", names=[("Анна Орлова", "PER")])
    assert quotes_of(built, "ru") == [("direct", "Анна Орлова")]
    text = (
        "«Наш сотрудник погиб героически», — сказал начальник управления информации и "
        "общественных связей Виктор Бирюков."
    )
    built = layer(text, "ru", names=[("Виктор Бирюков", "PER")])
    assert quotes_of(built, "ru") == [("direct", "Виктор Бирюков")]


def test_hyphenated_name_stays_inside_the_speaker_phrase() -> None:
    text = "« Huit personnes restent disparues », a annoncé la préfecture des Alpes-Maritimes."
    built = layer(text, "fr", lemmas={"annoncé": "annoncer"}, pos={"a": "AUX"})
    built = TextLayer(
        built.text,
        tuple(
            t
            for piece in built.tokens
            for t in (
                [piece]
                if "-" not in piece.text or not piece.text[:1].isupper()
                else _split_hyphen(piece)
            )
        ),
        built.sentences,
        built.names,
    )
    assert quotes_of(built, "fr") == [("direct", "préfecture des Alpes-Maritimes")]


def _split_hyphen(token: Token) -> list[Token]:
    """ "Alpes-Maritimes" as the French model cuts it: "Alpes", "-", "Maritimes"."""
    left, _, right = token.text.partition("-")
    middle = token.start + len(left)
    return [
        Token(left, token.start, middle, left.lower(), "PROPN"),
        Token("-", middle, middle + 1, "-", "PUNCT"),
        Token(right, middle + 1, token.end, right.lower(), "PROPN"),
    ]


def test_back_reference_with_a_name_before_the_verb() -> None:
    text = (
        "Полиция задержала трех участников акции у здания. Об этом ОВД-Инфо рассказала Анна Орлова."
    )
    built = layer(text, "ru", names=[("ОВД-Инфо", "ORG"), ("Анна Орлова", "PER")])
    assert quotes_of(built, "ru") == [("indirect", "Анна Орлова")]


def test_french_sentences_end_at_punctuation_not_after_a_title() -> None:
    from newsprism.nlp.languages.layers import french_sentences

    text = "M. Dupont est arrivé. « Il pleut », dit-il. Le ministre Jean Roux est venu."
    assert [text[a:b] for a, b in french_sentences(text)] == [
        "M. Dupont est arrivé.",
        "« Il pleut », dit-il.",
        "Le ministre Jean Roux est venu.",
    ]


def test_french_sentences_end_at_line_breaks() -> None:
    from newsprism.nlp.languages.layers import split_at_lines

    text = "Une phrase se termine ici.\n\nUne autre commence là"
    assert split_at_lines(text, [(0, len(text))]) == ((0, 26), (28, len(text)))


# --- dates ------------------------------------------------------------------------------------


def test_russian_genitive_month_and_relative_day() -> None:
    text = "Вчера спасатели нашли ещё двоих. Наводнение началось 28 декабря."
    found = rules.find_dates(layer(text, "ru"), load_cues("ru"), "a", "2024-01-03")
    assert [(d.text, d.date) for d in found] == [
        ("Вчера", "2024-01-02"),
        ("28 декабря", "2023-12-28"),
    ]


def test_french_first_of_month_and_year() -> None:
    text = "Le 1er mars 2023, puis en avril 2023."
    found = rules.find_dates(layer(text, "fr"), load_cues("fr"), "a", None)
    assert [(d.text, d.date, d.granularity) for d in found] == [
        ("1er mars 2023", "2023-03-01", "day"),
        ("avril 2023", "2023-04", "month"),
    ]


def test_article_un_is_the_number_one_only_before_people() -> None:
    text = (
        "Une bombe a explosé dans une banque où des soldats étaient postés; un mort est à déplorer."
    )
    found = claims(text, "fr", lemmas={"soldats": "soldat", "mort": "mort"})
    assert figures(found) == [("killed", 1.0, 1.0, "exact")]


def test_round_figure_words_in_aine() -> None:
    found = claims(
        "Les attentats ont fait une cinquantaine de morts.", "fr", lemmas={"morts": "mort"}
    )
    assert figures(found) == [("killed", 50.0, 50.0, "about")]


def test_trigger_before_a_conjunction_counts_the_figure_before_it() -> None:
    text = "Le bilan fait état de 214 morts et 400 000 sinistrés."
    found = claims(text, "fr", lemmas={"morts": "mort"})
    assert figures(found) == [("killed", 214.0, 214.0, "exact")]


def test_phrase_trigger_perdu_la_vie() -> None:
    text = "Au total, 45 personnes ont perdu la vie dans l'explosion."
    assert figures(claims(text, "fr")) == [("killed", 45.0, 45.0, "exact")]


# --- places -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gazetteer():  # type: ignore[no-untyped-def]
    from newsprism.nlp.gazetteer import load_gazetteer

    return load_gazetteer()


def test_russian_declined_city_finds_its_geonames_entry(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert 1526384 in lookup("Алматы", "ru")  # Almaty
    assert lookup("Алмате", "ru") == lookup("Алматы", "ru")
    text = "Митинг прошёл в Новосибирске и в Казани."
    built = layer(text, "ru", names=[("Новосибирске", "LOC"), ("Казани", "LOC")])
    found = rules.find_places(built, gazetteer, "ru", "a")
    assert [(p.name, p.country_code) for p in found] == [("Novosibirsk", "RU"), ("Kazan", "RU")]


def test_arabic_place_with_a_clitic_preposition(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "وقع الانفجار في دمشق وامتد إلى بحلب."
    found = rules.find_places(layer(text, "ar"), gazetteer, "ar", "a")
    assert [(p.text, p.name) for p in found] == [("دمشق", "Damascus"), ("بحلب", "Aleppo")]


def test_russian_district_by_its_adjective_is_the_second_level_division(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Режим ЧС ввели в Хасанском районе после ливней."
    built = layer(text, "ru", names=[("Хасанском районе", "LOC")])
    found = rules.find_places(built, gazetteer, "ru", "a")
    assert [(p.text, p.name, p.feature) for p in found] == [
        ("Хасанском районе", "Khasanskiy Rayon", "admin2")
    ]


def test_russian_region_by_its_adjective_is_the_region_not_the_town(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Паводок затронул села в Амурской области."
    built = layer(text, "ru", names=[("Амурской области", "LOC")])
    found = rules.find_places(built, gazetteer, "ru", "a")
    assert [(p.name, p.feature) for p in found] == [("Amurskaya oblast'", "admin1")]


def test_russian_region_adjective_sharing_the_region_word_after_the_next(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Дороги размыло в Тверской и Псковской областях."
    built = layer(text, "ru", names=[("Тверской", "LOC"), ("Псковской областях", "LOC")])
    found = rules.find_places(built, gazetteer, "ru", "a")
    assert [p.name for p in found] == ["Tverskaya oblast'", "Pskovskaya oblast'"]


def test_japanese_name_in_russian_transcription_after_a_region_word(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Тайфун обрушился на префектуру Сидзуока в субботу."
    built = layer(text, "ru", names=[("Сидзуока", "LOC")])
    found = rules.find_places(built, gazetteer, "ru", "a")
    assert [(p.name, p.country_code, p.feature) for p in found] == [("Shizuoka", "JP", "admin1")]


def test_russian_romanisations_for_the_gazetteer() -> None:
    from newsprism.nlp.languages.names import bgn_romanisation, japanese_romanisation

    assert bgn_romanisation("калачеевский") == "kalacheyevskiy"
    assert japanese_romanisation("Тиба") == "chiba"
    assert japanese_romanisation("Иватэ") == "iwate"


def test_country_names_in_russian_and_french(gazetteer) -> None:  # type: ignore[no-untyped-def]
    built = layer("Власти Казахстана закрыли границу.", "ru", names=[("Казахстана", "LOC")])
    assert [p.country_code for p in rules.find_places(built, gazetteer, "ru", "a")] == ["KZ"]
    built = layer("Les autorités d'Allemagne ont réagi.", "fr", names=[("Allemagne", "LOC")])
    assert [p.country_code for p in rules.find_places(built, gazetteer, "fr", "a")] == ["DE"]


def test_place_inside_a_wider_ner_span_starts_at_its_capitalised_word(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Samedi, la France a rendu hommage aux victimes en gare de Nanterre."
    built = layer(text, "fr", names=[("la France", "LOC"), ("gare de Nanterre", "LOC")])
    found = rules.find_places(built, gazetteer, "fr", "a")
    assert [(p.text, p.country_code) for p in found] == [("France", "FR"), ("Nanterre", "FR")]
    assert [text[p.start : p.end] for p in found] == ["France", "Nanterre"]


def test_region_word_beside_a_name_gives_the_region_not_the_city(gazetteer) -> None:  # type: ignore[no-untyped-def]
    def places(text: str, name: str) -> list[tuple[str, str]]:
        built = layer(text, "ru", names=[(name, "LOC")])
        return [(p.text, p.feature) for p in rules.find_places(built, gazetteer, "ru", "a")]

    assert places("Паводок в Воронежской области.", "Воронежской области") == [
        ("Воронежской области", "admin1")
    ]
    assert places("Дамбу прорвало в Красноярском крае.", "Красноярском крае") == [
        ("Красноярском крае", "admin1")
    ]
    assert places("Митинг прошёл в Воронеже.", "Воронеже") == [("Воронеже", "city")]


def test_country_opening_a_headline_is_a_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Irak : des attentats à Bagdad\nDouze personnes sont mortes."
    built = layer(text, "fr", names=[("Douze", "LOC")])
    assert [p.text for p in rules.find_places(built, gazetteer, "fr", "a")] == ["Irak", "Bagdad"]


def test_region_found_by_its_transliteration(gazetteer) -> None:  # type: ignore[no-untyped-def]
    built = layer("Паводок в Дагестане усилился.", "ru", names=[("Дагестане", "LOC")])
    [place] = rules.find_places(built, gazetteer, "ru", "a")
    assert (place.feature, place.country_code) == ("admin1", "RU")
    built = layer("Un séisme au large du Kamtchatka.", "fr", names=[("Kamtchatka", "LOC")])
    [place] = rules.find_places(built, gazetteer, "fr", "a")
    assert (place.feature, place.country_code) == ("admin1", "RU")


def test_lower_case_country_the_morphology_knows_is_a_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Начались акции против войны рф с соседней страной."
    built = layer(text, "ru", pos={"рф": "PROPN"})
    assert [(p.text, p.country_code) for p in rules.find_places(built, gazetteer, "ru", "a")] == [
        ("рф", "RU")
    ]


def test_region_exonyms_from_the_lexicon() -> None:
    assert lookup("Hawaï", "fr") == (5855797,)
    assert 569665 in lookup("Чечне", "ru")  # Chechnya, the republic
    assert lookup("Чечне", "ru") == lookup("Чечня", "ru")


def test_hyphenated_russian_city_declines_its_first_word() -> None:
    assert lookup("Ростове-на-Дону", "ru") == lookup("Ростов-на-Дону", "ru") != ()


def test_place_at_the_start_of_a_wider_ner_span(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Des évacuations de Hawaï jusqu'au Japon."
    built = layer(text, "fr", names=[("Hawaï jusqu'", "LOC"), ("Japon", "LOC")])
    found = rules.find_places(built, gazetteer, "fr", "a")
    assert [p.text for p in found] == ["Hawaï", "Japon"]


def test_adjective_cut_from_a_longer_name_is_not_a_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Взрыв произошел на Центральном рынке города."
    built = layer(text, "ru", names=[("Центральном рынке", "LOC")])
    assert rules.find_places(built, gazetteer, "ru", "a") == []


def test_one_word_organisation_after_a_place_word_may_be_a_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "L'attentat a été commis dans la ville de Mossoul."
    built = layer(text, "fr", names=[("Mossoul", "ORG")])
    assert [p.name for p in rules.find_places(built, gazetteer, "fr", "a")] == ["Mosul"]


def test_short_country_names_from_the_lexicon_in_three_scripts() -> None:
    russia = 2017370
    assert lookup("Россия", "ru") == lookup("России", "ru") == lookup("РФ", "ru") == (russia,)
    assert lookup("Russie", "fr") == lookup("روسيا", "ar") == (russia,)
    assert 6252001 in lookup("США", "ru")  # United States


def test_declined_adjective_noun_name_finds_its_nominative() -> None:
    assert lookup("Новой Зеландии", "ru") == lookup("Новая Зеландия", "ru") != ()
    assert lookup("Южной Корее", "ru") == lookup("Южная Корея", "ru") != ()


# --- coverage, crossing, evaluation --------------------------------------------------------


def test_coverage_per_language_is_stated() -> None:
    assert "claims" in analyses_for("ru") and "events" not in analyses_for("fr")
    assert analyses_for("de") == ()
    assert coverage_note("de").startswith("not analysed: no pipeline")
    assert "not run in this language: mentions, events" in coverage_note("ar")


def test_article_without_a_pipeline_gets_an_empty_analysis_not_an_english_one() -> None:
    import spacy

    from newsprism.nlp.analysis import AnalysisInput, analyze_texts

    items = [AnalysisInput("de-1", "Mindestens 12 Menschen starben in Berlin.", language="de")]
    [analysis] = list(analyze_texts(spacy.blank("en"), items, version="v"))
    assert analysis.article_id == "de-1" and not analysis.places and not analysis.claims


def test_arabic_article_runs_without_any_model() -> None:
    text = "قالت وزارة الصحة إن ٨ أشخاص قتلوا في حمص أمس، بحسب وكالة الأنباء."
    analysis = analyze_foreign("ar-1", text, "ar", version="v", published="2024-02-10")
    assert [(c.category, c.value_min) for c in analysis.claims] == [("killed", 8.0)]
    assert [p.name for p in analysis.places] == ["Homs"]
    assert [d.date for d in analysis.dates] == ["2024-02-09"]
    for fact in (*analysis.claims, *analysis.places, *analysis.dates, *analysis.citations):
        assert text[fact.start : fact.end] == fact.text


@pytest.mark.slow
def test_a_language_model_loads_only_when_an_article_in_it_is_met() -> None:
    """In a fresh process, an Arabic article loads neither natasha nor the French model."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from newsprism.nlp.languages import analyze_foreign\n"
        "from newsprism.nlp.languages import layers\n"
        "analyze_foreign('a', 'قتل ٨ أشخاص في حمص.', 'ar', version='v')\n"
        "print('natasha' in sys.modules, layers._french_model.cache_info().currsize)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["False", "0"]


def test_surname_skeleton_is_script_neutral() -> None:
    assert skeleton("Токаев") == skeleton("Tokayev") == skeleton("Tokaïev")
    assert skeleton("Макрон") == skeleton("Macron")
    assert skeleton("Петров") != skeleton("Ivanov")


def test_gold_language_field_selects_texts(tmp_path: Path) -> None:
    from newsprism.evaluation import load_gold

    (tmp_path / "annotations").mkdir()
    for name, language in (("a", "ru"), ("b", None)):
        record = {"source": f"texts/{name}.txt", "published": "2024-01-01"}
        if language:
            record["language"] = language
        (tmp_path / "annotations" / f"{name}.json").write_text(json.dumps(record))
    assert [(d.name, d.language) for d in load_gold(tmp_path)] == [("a", "ru"), ("b", "en")]


# --- real models --------------------------------------------------------------------------


@pytest.mark.slow
def test_declined_russian_name_in_the_nominative() -> None:
    from newsprism.nlp.languages.layers import russian_nominative

    assert russian_nominative("Аллы Фроловой") == "Алла Фролова"
    assert russian_nominative("Ивана Петрова") == "Иван Петров"
    assert russian_nominative("Афанасьевой") == "Афанасьева"
    assert russian_nominative("Афанасьева") == "Афанасьева"


@pytest.mark.slow
def test_russian_article_with_natasha() -> None:
    text = (
        "По данным МВД, в Екатеринбурге задержаны не менее 120 человек, сообщает ТАСС. "
        "«Мы не допустим беспорядков», — заявил губернатор Евгений Куйвашев."
    )
    analysis = analyze_foreign("ru-1", text, "ru", version="v", published="2024-05-02")
    assert [(c.category, c.value_min, c.qualifier) for c in analysis.claims] == [
        ("detained", 120.0, "at_least")
    ]
    assert analysis.claims[0].attributed_to == "МВД"
    assert [p.name for p in analysis.places] == ["Yekaterinburg"]
    assert {c.source for c in analysis.citations} == {"МВД", "ТАСС"}
    [quote] = analysis.quotes
    assert quote.speaker == "Евгений Куйвашев"


@pytest.mark.slow
def test_french_article_with_the_french_model() -> None:
    text = (
        "Selon la préfecture, au moins 12 personnes ont été blessées à Marseille. "
        "« La situation est sous contrôle », a déclaré le ministre Gérald Darmanin."
    )
    analysis = analyze_foreign("fr-1", text, "fr", version="v", published="2023-07-01")
    assert [(c.category, c.value_min) for c in analysis.claims] == [("injured", 12.0)]
    assert [p.name for p in analysis.places] == ["Marseille"]
    [quote] = analysis.quotes
    assert quote.speaker == "Gérald Darmanin"


def dates(text: str, language: str, published: str | None, **kwargs: object) -> list[tuple]:
    built = layer(text, language, **kwargs)  # type: ignore[arg-type]
    found = rules.find_dates(built, load_cues(language), "a", published)
    return [(d.text, d.date, d.granularity) for d in found]


def test_date_form_night_is_dated_by_its_first_evening() -> None:
    assert dates("Dans la nuit de jeudi à vendredi, un camion.", "fr", "2016-07-15") == [
        ("Dans la nuit de jeudi à vendredi", "2016-07-14", "day")
    ]
    assert dates("В ночь с 5 на 6 сентября прогремел взрыв.", "ru", "2010-09-06") == [
        ("В ночь с 5 на 6 сентября", "2010-09-05", "day")
    ]


def test_date_form_night_eve_is_the_evening_before() -> None:
    assert dates("В ночь на пятницу начался пожар.", "ru", "2024-03-09") == [
        ("В ночь на пятницу", "2024-03-07", "day")
    ]


def test_date_form_month_date_with_weekday_and_first_of_month() -> None:
    text = "Ce vendredi 15 octobre, une explosion; le 1er octobre, une autre."
    assert dates(text, "fr", "2021-10-16") == [
        ("Ce vendredi 15 octobre", "2021-10-15", "day"),
        ("1er octobre", "2021-10-01", "day"),
    ]


def test_date_form_month_date_takes_the_nearest_year() -> None:
    assert dates("Le sommet aura lieu le 3 janvier.", "fr", "2021-12-20") == [
        ("3 janvier", "2022-01-03", "day")
    ]
    assert dates("Le feu a pris le 28 décembre.", "fr", "2022-01-05") == [
        ("28 décembre", "2021-12-28", "day")
    ]


def test_date_form_month_date_dernier_is_the_past_one() -> None:
    assert dates("Le 12 juillet dernier, un train.", "fr", "2013-07-30") == [
        ("12 juillet dernier", "2013-07-12", "day")
    ]
    # nearest would be 2014-01-03; "dernier" says it is behind the publication
    assert dates("Le 3 janvier dernier, un train.", "fr", "2013-12-30") == [
        ("3 janvier dernier", "2013-01-03", "day")
    ]


def test_date_form_month_abbreviation_only_after_a_day() -> None:
    assert dates("Авария произошла 1 дек. на трассе.", "ru", "2023-12-02") == [
        ("1 дек", "2023-12-01", "day")
    ]
    assert dates("Дек не был назван.", "ru", "2023-12-02") == []


def test_date_form_arabic_day_of_month_in_two_calendars() -> None:
    text = "وقع الهجوم في 11 من سبتمبر/أيلول، 2012 في بنغازي."
    assert dates(text, "ar", "2012-09-12") == [("11 من سبتمبر/أيلول، 2012", "2012-09-11", "day")]


def test_date_form_period_week_month_year() -> None:
    text = "La semaine dernière, puis en début de semaine, et l'an dernier."
    assert dates(text, "fr", "2013-07-31") == [
        ("La semaine dernière", "2013-07-22", "week"),
        ("en début de semaine", "2013-07-29", "week"),
        ("l'an dernier", "2012", "year"),
    ]
    assert dates("На прошлой неделе и в прошлом месяце.", "ru", "2024-03-13") == [
        ("На прошлой неделе", "2024-03-04", "week"),
        ("в прошлом месяце", "2024-02", "month"),
    ]


def test_date_form_ago_counts_back_from_publication() -> None:
    assert dates("Il y a deux jours, un séisme.", "fr", "2025-07-30") == [
        ("Il y a deux jours", "2025-07-28", "day")
    ]
    assert dates("Три дня назад начался пожар.", "ru", "2024-03-13") == [
        ("Три дня назад", "2024-03-10", "day")
    ]


def test_date_form_weekday_bare_is_the_latest_on_or_before_publication() -> None:
    # 2013-07-12 is a Friday: "vendredi" is the publication day itself
    assert dates("Le train a déraillé vendredi.", "fr", "2013-07-12") == [
        ("vendredi", "2013-07-12", "day")
    ]
    assert dates("Пожар начался в пятницу.", "ru", "2024-03-13") == [
        ("пятницу", "2024-03-08", "day")
    ]


def test_date_form_weekday_in_a_future_clause_is_ahead() -> None:
    text = "Le parlement votera mardi le texte."
    assert dates(text, "fr", "2021-10-16", pos={"votera": "VERB"}) == [
        ("mardi", "2021-10-19", "day")
    ]
    assert dates("Le vote est prévu mardi.", "fr", "2021-10-16") == [("mardi", "2021-10-19", "day")]


def test_date_form_weekday_marks_this_past_next_and_daypart() -> None:
    text = "Mardi dernier, jeudi soir, ce dimanche et lundi prochain."
    assert dates(text, "fr", "2016-07-15") == [
        ("Mardi dernier", "2016-07-12", "day"),
        ("jeudi soir", "2016-07-14", "day"),
        ("ce dimanche", "2016-07-17", "day"),
        ("lundi prochain", "2016-07-18", "day"),
    ]
    assert dates("В прошлую пятницу прошли акции.", "ru", "2024-03-08") == [
        ("прошлую пятницу", "2024-03-01", "day")
    ]


def test_russian_wednesday_needs_its_preposition() -> None:
    # "среда" is also "environment": only "в среду" is the weekday
    assert dates("Защита окружающей среды. Акция прошла в среду.", "ru", "2024-03-08") == [
        ("в среду", "2024-03-06", "day")
    ]
