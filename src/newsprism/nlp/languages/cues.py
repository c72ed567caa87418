"""Per-language cue lexicons (``lexicons/<lang>/cues.txt``) read into lookup tables."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from newsprism.lexicons import load_lexicon

_ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


ARABIC_CLITICS = ("و", "ف", "ب", "ل")


def arabic_variants(word: str) -> list[str]:
    """A folded Arabic word with one leading clitic and the article stripped."""
    variants = [word]
    for form in (word, *(word[1:] for c in ARABIC_CLITICS if word.startswith(c))):
        variants.append(form)
        if form.startswith("ال") and len(form) > 4:
            variants.append(form[2:])
    return list(dict.fromkeys(variants))


def fold(text: str, language: str) -> str:
    """The form cue words are compared in: lower case, ``ё`` as ``е``, Arabic normalised."""
    folded = unicodedata.normalize("NFC", text).lower().replace("’", "'")
    if language == "ru":
        folded = folded.replace("ё", "е")
    if language == "ar":
        folded = _ARABIC_MARKS.sub("", folded).translate(_ARABIC_FOLD)
    return folded


@dataclass(frozen=True)
class Cues:
    """A language's cue words by kind; keys are folded (see :func:`fold`)."""

    language: str
    speech: frozenset[str]
    report: frozenset[str]
    intro: tuple[str, ...]
    qualifiers: dict[str, str]
    numbers: dict[str, float]
    scales: dict[str, float]
    vague: dict[str, tuple[float, float | None]]
    triggers: dict[str, str]
    relative: dict[str, int]
    months: dict[str, int]
    who: dict[str, str]
    subsets: tuple[str, ...] = ()
    """Words opening a sub-count of the figure before ("dont", "в том числе", "منهم")."""
    tolls: frozenset[str] = frozenset()
    """Nouns heading a toll before its figure ("число погибших", "le nombre de morts",
    "عدد الوفيات")."""
    toll_links: frozenset[str] = frozenset()
    """Words right before a toll's figure, far from the toll noun ("... بلغ 12")."""
    people_triggers: dict[str, str] = field(default_factory=dict)
    """A trigger that counts only a figure of people after it ("فقدان 3 أشخاص") -> category."""
    speakers: frozenset[str] = frozenset()
    """Nouns heading a phrase that names a speaker ("глава", "porte-parole", "autorités")."""
    pronouns: dict[str, str] = field(default_factory=dict)
    """A personal pronoun -> person | group."""
    words_of: dict[str, str] = field(default_factory=dict)
    """A phrase before a speaker ("по словам", "selon") -> quote | source."""
    aside: tuple[str, ...] = ()
    """Words between a speech verb and its speaker after it ("журналистам", "samedi")."""
    recipients: frozenset[str] = frozenset()
    """Prepositions whose object is the one spoken to ("à l'AFP")."""
    articles: frozenset[str] = frozenset()
    """Number words that are also indefinite articles ("un", "une")."""
    documents: frozenset[str] = frozenset()
    """Nouns for a statement or release ("говорится в сообщении", "selon le communiqué")."""
    back: tuple[str, ...] = ()
    """Phrases before a speech verb pointing at the sentence before ("Об этом сообщил X")."""
    auxiliaries: frozenset[str] = frozenset()
    """Words between a subject and its speech verb ("قد", "كان")."""
    doers: frozenset[str] = frozenset()
    """Light verbs whose subject does the act named after "بـ" ("قامت X بإرسال")."""
    labels: dict[str, str] = field(default_factory=dict)
    """A label opening a quoted post -> original | translation ("النص الأصلي:", "ترجمة:")."""
    place_words: frozenset[str] = frozenset()
    """Words before a place name that show it is one ("في", "مدينة")."""
    common: frozenset[str] = frozenset()
    """Ordinary words a gazetteer also lists as place names, never read as places."""
    participles: frozenset[str] = frozenset()
    """Speech participles opening a second reported clause of the same speaker ("مشيرا")."""
    region_words: frozenset[str] = frozenset()
    """Words before a name that make it the first-level region of that name ("منطقة", "والي")."""
    month_abbreviations: dict[str, int] = field(default_factory=dict)
    """A short month word ("дек", "janv"): a month only right after a day number."""
    day_links: frozenset[str] = frozenset()
    """A word between a day number and its month ("11 من سبتمبر")."""
    year_links: frozenset[str] = frozenset()
    """A mark between a month and its year ("سبتمبر، 2012")."""
    weekdays: dict[str, int] = field(default_factory=dict)
    """A weekday name (or a preposition and the name: "в пятницу") -> 0 (Monday) to 6."""
    past_marks: frozenset[str] = frozenset()
    """Words that put a weekday or a date strictly in the past ("dernier", "прошлую")."""
    next_marks: frozenset[str] = frozenset()
    """Words that put a weekday or a date strictly in the future ("prochain", "следующую")."""
    this_marks: frozenset[str] = frozenset()
    """Determiners for the weekday of the publication's week ("ce vendredi")."""
    dayparts: frozenset[str] = frozenset()
    """Parts of a day after a weekday, kept in its span ("jeudi soir")."""
    units: dict[str, str] = field(default_factory=dict)
    """A word for a calendar unit -> day, week, month or year ("jours", "недели")."""
    ago_before: tuple[str, ...] = ()
    """Phrases before a count back from the publication ("il y a deux jours")."""
    ago_after: tuple[str, ...] = ()
    """Words after a count back from the publication ("два дня назад")."""
    periods: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Fixed phrases for a week, month or year near the publication -> (unit, offset)."""
    nights: tuple[str, ...] = ()
    """Phrases opening "the night of X to Y", dated by the evening X ("dans la nuit de")."""
    night_links: frozenset[str] = frozenset()
    """The word between the two days of a night ("à", "au", "на")."""
    night_eves: tuple[str, ...] = ()
    """Phrases for the night before a day, dated by the evening before ("в ночь на")."""
    future_words: frozenset[str] = frozenset()
    """Words that put a clause in the future ("va", "prévu"), for a bare weekday."""
    future_endings: tuple[str, ...] = ()
    """Endings of a future-tense verb ("-ra", "-ront"), for a bare weekday."""
    hypotheses: dict[str, str] = field(default_factory=dict)
    """Words making a figure hypothetical -> near | opening ("pourraient", "Si ...")."""
    rates: tuple[str, ...] = ()
    """Phrases making a figure a rate, not a count ("chaque année", "ежегодно")."""
    references: tuple[str, ...] = ()
    """Phrases before a figure naming the set one is taken from ("l'un des", "один из")."""
    totals: frozenset[str] = frozenset()
    bodies: frozenset[str] = frozenset()
    """Speaker nouns naming a body, not a person ("пресс-служба", "autorités"): a body
    that speaks is a cited source."""
    outlet_words: frozenset[str] = frozenset()
    """Nouns for a news outlet ("издание", "journal"): alone, the outlet cited before."""
    """Words between a part and its total ("25 из 682", "25 sur 682"): the total is no count."""


def _vague(value: str) -> tuple[float, float | None]:
    low, _, high = value.partition(":")
    return float(low), float(high) if high else None


def _period(value: str) -> tuple[str, int]:
    unit, _, offset = value.partition(":")
    return unit, int(offset or 0)


@cache
def load_cues(language: str) -> Cues:
    """The cue lexicon of ``language`` (a KeyError when none is shipped)."""
    rows: dict[str, list[tuple[str, str]]] = {}
    for line in load_lexicon(f"{language}/cues"):
        kind, _, rest = line.partition("\t")
        term, _, value = rest.partition("\t")
        rows.setdefault(kind.strip(), []).append((fold(term.strip(), language), value.strip()))

    def terms(kind: str) -> list[tuple[str, str]]:
        return rows.get(kind, [])

    return Cues(
        language=language,
        speech=frozenset(t for t, _ in terms("speech")),
        report=frozenset(t for t, _ in terms("report")),
        intro=tuple(sorted((t for t, _ in terms("intro")), key=len, reverse=True)),
        qualifiers={t: v for t, v in terms("qualifier")},
        numbers={t: float(v) for t, v in terms("number")},
        scales={t: float(v) for t, v in terms("scale")},
        vague={t: _vague(v) for t, v in terms("vague")},
        triggers={t: v for t, v in terms("trigger")},
        relative={t: int(v) for t, v in terms("relative")},
        months={t: int(v) for t, v in terms("month")},
        who={t: v for t, v in terms("who")},
        subsets=tuple(t for t, _ in terms("subset")),
        tolls=frozenset(t for t, _ in terms("toll")),
        toll_links=frozenset(t for t, _ in terms("toll_link")),
        people_triggers={t: v for t, v in terms("people_trigger")},
        speakers=frozenset(t for t, _ in terms("speaker")),
        pronouns={t: v for t, v in terms("pronoun")},
        words_of={t: v for t, v in terms("words_of")},
        aside=tuple(sorted((t for t, _ in terms("aside")), key=len, reverse=True)),
        recipients=frozenset(t for t, _ in terms("recipient")),
        articles=frozenset(t for t, _ in terms("article")),
        back=tuple(t for t, _ in terms("back")),
        documents=frozenset(t for t, _ in terms("document")),
        auxiliaries=frozenset(t for t, _ in terms("auxiliary")),
        doers=frozenset(t for t, _ in terms("doer")),
        labels={t: v for t, v in terms("label")},
        place_words=frozenset(t for t, _ in terms("place_word")),
        common=frozenset(t for t, _ in terms("common")),
        region_words=frozenset(t for t, _ in terms("region_word")),
        participles=frozenset(t for t, _ in terms("participle")),
        month_abbreviations={t: int(v) for t, v in terms("month_abbr")},
        day_links=frozenset(t for t, _ in terms("day_link")),
        year_links=frozenset(t for t, _ in terms("year_link")),
        weekdays={t: int(v) for t, v in terms("weekday")},
        past_marks=frozenset(t for t, _ in terms("past_mark")),
        next_marks=frozenset(t for t, _ in terms("next_mark")),
        this_marks=frozenset(t for t, _ in terms("this_mark")),
        dayparts=frozenset(t for t, _ in terms("daypart")),
        units={t: v for t, v in terms("unit")},
        ago_before=tuple(t for t, _ in terms("ago_before")),
        ago_after=tuple(t for t, _ in terms("ago_after")),
        periods={t: _period(v) for t, v in terms("period")},
        nights=tuple(t for t, _ in terms("night")),
        night_links=frozenset(t for t, _ in terms("night_link")),
        night_eves=tuple(t for t, _ in terms("night_eve")),
        future_words=frozenset(t for t, _ in terms("future")),
        future_endings=tuple(t for t, _ in terms("future_ending")),
        hypotheses={t: v for t, v in terms("hypothesis")},
        rates=tuple(t for t, _ in terms("rate")),
        references=tuple(t for t, _ in terms("reference")),
        totals=frozenset(t for t, _ in terms("total")),
        bodies=frozenset(t for t, _ in terms("body")),
        outlet_words=frozenset(t for t, _ in terms("outlet_word")),
    )


def participant_labels(language: str) -> dict[str, str]:
    """term -> framing group for ``language`` (empty when none is shipped)."""
    try:
        lines = load_lexicon(f"{language}/participant_labels")
    except KeyError:
        return {}
    table: dict[str, str] = {}
    for line in lines:
        term, _, group = line.partition("\t")
        table[term.strip()] = group.strip()
    return table


def foreign_participant_labels() -> dict[str, str]:
    """Every shipped non-English participant label -> its framing group."""
    merged: dict[str, str] = {}
    for language in ("ru", "fr", "ar"):
        merged.update(participant_labels(language))
    return merged
