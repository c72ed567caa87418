"""Arabic speakers, figures, citations and places: one test a rule, on sentences written
for them (no model: Arabic is read by regular expressions)."""

from __future__ import annotations

import pytest

from newsprism.models import Quote
from newsprism.nlp.languages import rules
from newsprism.nlp.languages.arabic_speakers import ARABIC_SPEAKER_RULES
from newsprism.nlp.languages.cues import load_cues
from newsprism.nlp.languages.layers import read_arabic

CUES = load_cues("ar")


def quotes(text: str) -> list[Quote]:
    return rules.find_quotes(read_arabic(text), CUES, "a")


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in quotes(text)]


def test_rule_table_names_each_rule_once() -> None:
    names = [name for name, _, _ in ARABIC_SPEAKER_RULES]
    assert len(names) == len(set(names))


def test_phrase_after_verb_up_to_the_conjunction() -> None:
    found = quotes("قال وزير الداخلية سامي نصر إن الوضع في المدينة تحت السيطرة الكاملة.")
    assert [(q.kind, q.speaker) for q in found] == [("indirect", "وزير الداخلية سامي نصر")]
    assert found[0].text.startswith("الوضع في المدينة")


def test_phrase_after_verb_passes_over_times_and_asides() -> None:
    text = "وقالت مساء الأحد في بيان وزارة الصحة إن المستشفيات تعمل بكامل طاقتها منذ أيام."
    assert speakers(text) == ["وزارة الصحة"]


def test_phrase_after_verb_ends_before_a_recipient() -> None:
    text = "صرح المتحدث باسم البلدية للصحفيين بأن الطرق ستفتح أمام السيارات غدا."
    assert speakers(text) == ["المتحدث باسم البلدية"]


def test_phrase_after_verb_before_a_colon_and_a_marked_quote() -> None:
    text = "يقول حساب Gaza Now (غزة الآن):\n\n«الكهرباء مقطوعة عن كل الأحياء الشرقية»"
    assert speakers(text) == ["حساب Gaza Now"]


def test_phrase_after_verb_keeps_the_name_before_its_other_name() -> None:
    text = "تقول سلمى خليل أو أم يوسف:\n\n«الخبز لم يصل إلى المخيم منذ يومين»"
    assert speakers(text) == ["سلمى خليل"]


def test_pronoun_in_verb_takes_the_speaker_named_before() -> None:
    text = (
        "قال المتحدث باسم البلدية: «سنعيد فتح الطرق غدا صباحا».\n\n"
        "وأضاف: «لا توجد إصابات بين العمال حتى الآن»."
    )
    assert speakers(text) == ["المتحدث باسم البلدية", "المتحدث باسم البلدية"]


def test_pronoun_in_verb_without_anyone_before_names_nobody() -> None:
    assert speakers("وأضاف أن الأسعار ارتفعت كثيرا في الأسواق الشعبية.") == [None]


def test_subject_before_verb_after_a_preposition() -> None:
    text = "وفي تقرير من منظمة العفو الدولية صرحت، أن السجون مكتظة أكثر من أي وقت مضى."
    found = quotes(text)
    assert [(q.kind, q.speaker) for q in found] == [("indirect", "منظمة العفو الدولية")]


def test_subject_before_verb_passes_over_an_auxiliary() -> None:
    text = "الوزير كان قد قال إن الحكومة ستدفع التعويضات للأسر المتضررة."
    assert speakers(text) == ["الوزير"]


def test_doer_of_light_verb_before_a_colon_quote() -> None:
    text = (
        "قامت ليلى حداد الصحفية والمدونة بنشر هذه الرسائل على تويتر:\n"
        "@LeilaH: Shelling continues near the port since dawn"
    )
    [quote] = quotes(text)
    assert quote.speaker == "ليلى حداد"
    assert quote.text == "Shelling continues near the port since dawn"


def test_title_with_nisba_before_a_colon_quote() -> None:
    text = (
        "وواصل المدون التونسي نشر آخر الأخبار على صفحته:\n"
        "انقطعت الكهرباء عن الحي كله منذ الصباح الباكر."
    )
    [quote] = quotes(text)
    assert (quote.kind, quote.speaker) == ("direct", "المدون التونسي")


def test_a_line_after_a_colon_with_nobody_named_is_no_quote() -> None:
    text = "وهذه أهم الأرقام:\nارتفعت الأسعار في الأسواق بنسبة كبيرة هذا الشهر."
    assert quotes(text) == []


def test_handle_opening_quote_names_its_author() -> None:
    text = "ونشر هذا الصباح:\n\n«@Nour_Gaza: The bakery on our street is closed since morning»"
    assert speakers(text) == ["Nour_Gaza"]


def test_translation_of_quote_before_repeats_its_speaker() -> None:
    text = (
        "يكتب المغرد سامر حداد:\n\n«النص الأصلي: The roads are closed again tonight»\n\n"
        "«ترجمة: الطرق مغلقة مجددا الليلة»"
    )
    assert speakers(text) == ["المغرد سامر حداد", "المغرد سامر حداد"]


def test_words_of_on_the_tongue_of_names_the_speaker() -> None:
    text = "وجاء ذلك على لسان مدير المستشفى أحمد يوسف، «لا نملك ما يكفي من الأدوية»."
    assert speakers(text) == ["مدير المستشفى أحمد يوسف"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("قتل خمسة أشخاص، بحسب ما ذكرته وكالة الأنباء الرسمية.", "وكالة الأنباء الرسمية"),
        ("قتل خمسة أشخاص وفقا لمصادر طبية محلية.", "مصادر طبية محلية"),
    ],
)
def test_words_of_source_passes_over_the_relative_clause(text: str, source: str) -> None:
    citations = rules.find_citations(read_arabic(text), CUES, "a")
    assert [c.source for c in citations] == [source]
