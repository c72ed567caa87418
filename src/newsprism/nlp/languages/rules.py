"""Rule-based places, dates, figures, quotes and citations over a :class:`TextLayer`.

The same rules serve Russian, French and Arabic: the language enters only through its cue
lexicon (``lexicons/<lang>/cues.txt``) and its reader (tokens, lemmas, names). Every fact
carries character offsets into the cleaned text.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsprism.actors import ORG, PERSON
from newsprism.models import Citation, Claim, Mention, Place, Quote, TimeExpression
from newsprism.nlp.citations import classify_source
from newsprism.nlp.gazetteer import Gazetteer, GazetteerEntry
from newsprism.nlp.languages import arabic_speakers
from newsprism.nlp.languages import names as foreign_names
from newsprism.nlp.languages.cues import EASTERN_DIGITS, Cues, arabic_variants, fold, load_cues
from newsprism.nlp.languages.layers import Name, TextLayer, Token
from newsprism.nlp.languages.speakers import Speaker, find_speaker, speaker_after_phrase

_DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")
_GROUP = re.compile(r"^\d{3}$")
_GROUP_GAPS = {" ", "\u00a0", "\u202f", "."}
_QUOTE_MARKS = {"«": "»", "“": "”", "„": "“", '"': '"'}
_CONJUNCTIONS = {"что", "чтобы", "que", "qu", "qu'", "ان"}
_AR_THAT = frozenset({"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها"})
_AR_VERB_REACH = 18
_AR_ENDS = frozenset({".", "!", "?", "؟", ":", "«", "“"})
_WINDOW_AFTER = 6
_WINDOW_BEFORE = 4


def _surface(token: Token, language: str) -> str:
    return fold(token.text, language).translate(EASTERN_DIGITS)


_arabic_variants = arabic_variants


def _keys(token: Token, language: str) -> set[str]:
    """Forms a cue word may be matched by: surface, lemma, and Arabic clitic variants."""
    surface = _surface(token, language)
    keys = {surface, fold(token.lemma, language)}
    if language == "ar":
        keys.update(_arabic_variants(surface))
    return keys


_AR_PREPOSITIONS = frozenset(
    fold(w, "ar") for w in ("في", "على", "عن", "إلى", "من", "مع", "بعد", "قبل", "خلال", "عبر")
)


def _verb_keys(layer: TextLayer, index: int, cues: Cues) -> set[str]:
    """Forms a speech or report verb may be matched by. An Arabic verb takes "و" or "ف"
    but never the article, and a word right after a preposition is a verbal noun ("وسيلة
    النقل", "في نقل الأخبار": transport, conveying), not a verb."""
    token = layer.tokens[index]
    if cues.language != "ar":
        return _keys(token, cues.language)
    if index > 0 and fold(layer.tokens[index - 1].text, "ar") in _AR_PREPOSITIONS:
        return set()
    surface = _surface(token, "ar")
    return {surface, *(surface[1:] for c in ("و", "ف") if surface.startswith(c))}


def _phrase_at(tokens: Sequence[Token], index: int, phrase: str, language: str) -> int:
    """Number of tokens the phrase covers when it starts at ``index`` (0 when it does not)."""
    words = phrase.replace("'", "' ").split()
    position = index
    for word in words:
        if position >= len(tokens):
            return 0
        token = _surface(tokens[position], language)
        if (
            token == word
            or (word.endswith("'") and token in {word, word[:-1]})
            or (word.endswith("'") and token.startswith(word))
        ):
            position += 1
        else:
            return 0
    return position - index


def _phrase_ending(
    tokens: Sequence[Token], stop: int, phrases: Sequence[str], language: str
) -> tuple[str, int] | None:
    """The longest phrase of ``phrases`` ending just before token ``stop``: (phrase, start)."""
    best: tuple[str, int] | None = None
    for phrase in phrases:
        for width in range(1, 5):
            start = stop - width
            if start < 0:
                break
            matches = _phrase_at(tokens, start, phrase, language) == width
            if matches and (best is None or start < best[1]):
                best = (phrase, start)
    return best


# --- numbers -------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    low: float
    high: float | None
    qualifier: str
    first: int
    stop: int
    vague: str | None = None


def _read_number(tokens: Sequence[Token], index: int, cues: Cues, text: str) -> Figure | None:
    language = cues.language
    for phrase in sorted(cues.vague, key=len, reverse=True):
        width = _phrase_at(tokens, index, phrase, language)
        if width:
            after = index + width
            if after < len(tokens) and _DIGITS.match(_surface(tokens[after], language)):
                continue
            low, high = cues.vague[phrase]
            # one round figure ("une vingtaine") is about that figure, as "a dozen" is
            qualifier = "about" if low == high else "vague"
            return Figure(low, high, qualifier, index, after, vague=phrase)
    word = _surface(tokens[index], language)
    stop = index + 1
    if _DIGITS.match(word):
        digits = word
        while (
            stop < len(tokens)
            and _GROUP.match(_surface(tokens[stop], language))
            and text[tokens[stop - 1].end : tokens[stop].start] in _GROUP_GAPS | {""}
            and "," not in digits
        ):
            digits += _surface(tokens[stop], language)
            stop += 1
        if re.match(r"^\d{1,3}\.\d{3}$", digits):
            digits = digits.replace(".", "")
        try:
            value = float(digits.replace(",", "."))
        except ValueError:
            return None
    elif cues.language == "ar" and word[:1] in "وفبل" and _DIGITS.match(word[1:]):
        value = float(word[1:].replace(",", "."))  # "و508 إصابات": a conjunction on a figure
    elif word in cues.numbers or _arabic_number_after_clitic(word, cues):
        if word in cues.articles and not _counts_people(tokens, index + 1, cues):
            return None  # "une banque", "un attentat": an article, not the number one
        value = cues.numbers[word] if word in cues.numbers else cues.numbers[word[1:]]
    else:
        return None
    if stop < len(tokens) and _surface(tokens[stop], language).rstrip(".") in cues.scales:
        value *= cues.scales[_surface(tokens[stop], language).rstrip(".")]
        stop += 1
        if stop < len(tokens) and tokens[stop].text == ".":
            stop += 1
    return Figure(value, value, "exact", index, stop)


def _arabic_number_after_clitic(word: str, cues: Cues) -> bool:
    """An Arabic number word with "و" / "ف" / "ب" / "ل" written on it ("وثلاثة أمريكيين")."""
    return cues.language == "ar" and word[:1] in "وفبل" and word[1:] in cues.numbers


def _counts_people(tokens: Sequence[Token], index: int, cues: Cues) -> bool:
    """Whether the word at ``index`` is a trigger or a word for people ("un mort", "une
    personne"): then "un" / "une" before it is the number one."""
    if index >= len(tokens):
        return False
    token = tokens[index]
    surface = _surface(token, cues.language)
    return (
        surface in cues.who
        or fold(token.lemma, cues.language) in cues.who
        or any(k in cues.triggers for k in _keys(token, cues.language))
    )


def _with_qualifier(figure: Figure, tokens: Sequence[Token], cues: Cues) -> Figure:
    found = _phrase_ending(tokens, figure.first, tuple(cues.qualifiers), cues.language)
    if found is None or figure.qualifier == "vague":
        return figure
    phrase, start = found
    qualifier = cues.qualifiers[phrase]
    low = figure.low
    if qualifier == "at_least":
        return Figure(low, None, qualifier, start, figure.stop)
    if qualifier == "more_than":
        bump = 1.0 if low == int(low) else 0.0
        return Figure(low + bump, None, qualifier, start, figure.stop)
    if qualifier == "up_to" and not _growth_after(tokens, figure, cues):
        return Figure(0.0, low, qualifier, start, figure.stop)
    if qualifier == "up_to":  # "До семи увеличилось число жертв": grew to, not up to
        return Figure(low, figure.high, "exact", start, figure.stop)
    return Figure(low, figure.high, qualifier, start, figure.stop)


_RANGE_LINKS = frozenset({"ou", "или", "à", "-", "–"})
"""A word between the two ends of a range of figures ("41 ou 42", "от 41 до 42" aside)."""


def _range_end(tokens: Sequence[Token], figure: Figure, cues: Cues, text: str) -> Figure:
    """ "41 ou 42 victimes", "5-6 человек": one figure from the first number to the second,
    when the second is larger (a choice between two tolls, not two counts)."""
    link = figure.stop
    if figure.vague or link + 1 >= len(tokens):
        return figure
    if _surface(tokens[link], cues.language) not in _RANGE_LINKS:
        return figure
    second = _read_number(tokens, link + 1, cues, text)
    if second is None or second.vague or second.low <= figure.low:
        return figure
    return Figure(figure.low, second.high, figure.qualifier, figure.first, second.stop)


def _growth_after(tokens: Sequence[Token], figure: Figure, cues: Cues) -> bool:
    """Whether a verb of growth follows the figure ("до семи увеличилось"): the verbs of the
    exact qualifiers "выросло до", "увеличилось до" read in the other order."""
    if figure.stop >= len(tokens):
        return False
    verbs = {p.split()[0] for p, q in cues.qualifiers.items() if q == "exact" and " " in p}
    return _surface(tokens[figure.stop], cues.language) in verbs


def find_figures(layer: TextLayer, cues: Cues) -> list[Figure]:
    tokens = layer.tokens
    found: list[Figure] = []
    index = 0
    while index < len(tokens):
        figure = _read_number(tokens, index, cues, layer.text)
        if figure is None:
            index += 1
            continue
        figure = _range_end(tokens, figure, cues, layer.text)
        found.append(_with_qualifier(figure, tokens, cues))
        index = figure.stop
    return found


# --- claims ---------------------------------------------------------------------------


def _sentence_of(layer: TextLayer, offset: int) -> tuple[int, int]:
    for start, end in layer.sentences:
        if start <= offset < end:
            return start, end
    return 0, len(layer.text)


def _trigger(token: Token, cues: Cues) -> str | None:
    for key in _keys(token, cues.language):
        if key in cues.triggers:
            return cues.triggers[key]
    return None


def _phrase_trigger(tokens: Sequence[Token], index: int, cues: Cues) -> str | None:
    """A trigger of several words starting at ``index`` ("état critique", "garde à vue")."""
    for phrase, category in cues.triggers.items():
        if " " in phrase and _phrase_at(tokens, index, phrase, cues.language):
            return category
    return None


def _is_date_or_unit(tokens: Sequence[Token], figure: Figure, cues: Cues) -> bool:
    language = cues.language
    if figure.stop < len(tokens):
        following = _surface(tokens[figure.stop], language)
        if following in cues.months or following in _UNIT_WORDS.get(language, ()):
            return True
        if following in {"%", "процентов", "процента"}:
            return True
    if (
        figure.first > 0
        and figure.qualifier == "exact"  # "مايو نحو 40 شخصا": a count after a date
        and _surface(tokens[figure.first - 1], language) in cues.months
    ):
        return True
    return (
        figure.qualifier == "exact" and 1900 <= figure.low <= 2100 and figure.low == int(figure.low)
    )


_UNIT_WORDS: dict[str, frozenset[str]] = {
    "ru": frozenset(
        [
            "лет",
            "год",
            "года",
            "году",
            "км",
            "километров",
            "метров",
            "часов",
            "часа",
            "минут",
            "рублей",
            "долларов",
            "тенге",
            "евро",
            "суток",
            "дней",
            "дня",
            "раз",
        ]
    ),
    "fr": frozenset(
        [
            "ans",
            "an",
            "heures",
            "heure",
            "km",
            "kilomètres",
            "mètres",
            "euros",
            "dollars",
            "minutes",
            "jours",
            "fois",
        ]
    ),
    "ar": frozenset(
        ["عاما", "عام", "سنه", "سنوات", "كيلومتر", "دولار", "ساعه", "ساعات", "يوما", "ايام"]
    ),
}


_COORDINATORS = frozenset({"et", "ou", "и", "или", "а"})


def _nearest_trigger(
    tokens: Sequence[Token],
    figure: Figure,
    cues: Cues,
    sentence: tuple[int, int],
    other_figures: set[int],
) -> tuple[str | None, int]:
    """The trigger nearest the figure in its clause: after it, else just before it.

    The search after the figure stops at another figure or a clause comma; a trigger just
    before the figure ("погибли 3 человека") wins when it is nearer than the one after.
    """
    after: tuple[str, int] | None = None
    position, seen = figure.stop, 0
    while seen < _WINDOW_AFTER:
        if position >= len(tokens) or tokens[position].start >= sentence[1]:
            break
        if tokens[position].text == ",":
            inset = _inset_end(tokens, position, cues, sentence)
            if inset is not None:  # "57 человек, в том числе 10 детей, получили ранения"
                position = inset
                continue
            if _participle_after_comma(tokens, figure, position, cues):
                position += 1  # "восьми человек, пропавших без вести"
                continue
        if position in other_figures or tokens[position].text in {",", ";", ":", "،", "؛"}:
            break
        found = _trigger(tokens[position], cues) or _phrase_trigger(tokens, position, cues)
        if found and _opens_next_clause(tokens[position], cues):
            break  # "توفي شخصان وأصيب اثنان": "وأصيب" counts the figure after it
        if found:
            after = (found, position)
            break
        position, seen = position + 1, seen + 1
    before: tuple[str, int] | None = None
    phrase = _phrase_ending(tokens, figure.first, _phrase_triggers(cues), cues.language)
    if phrase is not None:  # "a coûté la vie à 53 personnes", "унесла жизни 20 человек"
        before = (cues.triggers[phrase[0]], phrase[1])
    for offset in range(1, _WINDOW_BEFORE + 1):
        if before is not None:
            break
        position = figure.first - offset
        if position < 0 or tokens[position].end <= sentence[0]:
            break
        if tokens[position].text in {",", ";", ":", "."}:
            break
        if _surface(tokens[position], cues.language) in _COORDINATORS:
            break  # "214 morts et 400 000 sinistrés": the trigger counts the figure before it
        found = _trigger(tokens[position], cues)
        if found:
            before = (found, position)
            break
    if after and before:
        if figure.first - before[1] < after[1] - figure.stop + 1:
            return before
        return after
    chosen = after or before
    return (chosen[0], chosen[1]) if chosen else (None, -1)


def _opens_next_clause(token: Token, cues: Cues) -> bool:
    """An Arabic trigger written with the conjunction "و" ("وأصيب", "وإصابة") opens the
    next clause: it counts the figure after it, not the one before."""
    word = fold(token.text, "ar")
    return cues.language == "ar" and word.startswith("و") and word not in cues.triggers


def _phrase_triggers(cues: Cues) -> tuple[str, ...]:
    return tuple(p for p in cues.triggers if " " in p)


def _inset_end(
    tokens: Sequence[Token], comma: int, cues: Cues, sentence: tuple[int, int]
) -> int | None:
    """The token after a sub-count set between commas after a figure ("57 человек, в том
    числе 10 детей, получили ранения", "30 personnes, dont 4 enfants, ont été tuées"): the
    trigger after it counts the figure before it."""
    if not any(_phrase_at(tokens, comma + 1, p, cues.language) for p in cues.subsets):
        return None
    for position in range(comma + 2, min(comma + 9, len(tokens))):
        if tokens[position].start >= sentence[1] or tokens[position].text in {";", ":", "."}:
            return None
        if tokens[position].text == ",":
            return position + 1
    return None


def _participle_after_comma(
    tokens: Sequence[Token], figure: Figure, comma: int, cues: Cues
) -> bool:
    """A trigger right after the comma that follows a figure and its word for people is a
    participle clause counting them ("восьми человек, пропавших без вести")."""
    if comma != figure.stop + 1 or comma + 1 >= len(tokens):
        return False
    people = tokens[figure.stop]
    if (
        fold(people.text, cues.language) not in cues.who
        and fold(people.lemma, cues.language) not in cues.who
    ):
        return False
    following = tokens[comma + 1]
    return following.pos in {"ADJ", "VERB"} and _trigger(following, cues) is not None


_OF = frozenset({"de", "d'", "des"})


def _toll_noun_before(
    tokens: Sequence[Token],
    figure: Figure,
    cues: Cues,
    sentence: tuple[int, int],
    other_figures: set[int],
) -> tuple[str | None, int]:
    """A figure a toll noun and its trigger head in its clause ("Число погибших ... не
    изменилось - 18 человек", "le nombre de morts de cet attentat à plus de 100"): it takes
    the trigger's category; the claim spans from the toll noun."""
    if not cues.tolls:
        return None, figure.first
    for position in range(figure.first - 1, max(-1, figure.first - 20), -1):
        token = tokens[position]
        if token.end <= sentence[0] or token.text in {";", ":", ".", "!", "?"}:
            break
        if position in other_figures:
            break
        if (
            token.text == ","
            and position + 1 < figure.first
            and _surface(tokens[position + 1], cues.language) in _COORDINATORS
        ):
            break  # ", а 5 домов": another clause
        if _surface(token, cues.language) not in cues.tolls:
            continue
        counted = position + 1
        if counted < len(tokens) and _surface(tokens[counted], cues.language) in _OF:
            counted += 1
        if counted < figure.first:
            category = _trigger(tokens[counted], cues)
            if category:
                return category, position
    return None, figure.first


def _subset_of_previous(
    tokens: Sequence[Token],
    figure: Figure,
    cues: Cues,
    claims: Sequence[Claim],
    sentence: tuple[int, int],
    previous: int | None = None,
) -> tuple[str | None, int]:
    """A figure right after "dont" / "в том числе" / "منهم" counts part of the figure before
    it in the sentence, so it takes that figure's category ("128 morts, dont 7 assaillants");
    opening a sentence, part of the figure of the sentence before (starting at ``previous``)."""
    if not cues.subsets or not claims:
        return None, figure.first
    first = _before_a_bracket(tokens, figure.first)
    found = _phrase_ending(tokens, first, cues.subsets, cues.language)
    if found is None:
        return None, figure.first
    reach = sentence[0]
    if tokens[found[1]].start == sentence[0] and previous is not None:
        reach = previous  # "... задержаны 40 человек. Среди них один несовершеннолетний."
    if claims[-1].start < reach:
        return None, figure.first
    return claims[-1].category, figure.first


def _before_a_bracket(tokens: Sequence[Token], first: int) -> int:
    """The figure's first token, or the bracket opening it ("منهم (5)": the bracket)."""
    return first - 1 if first > 0 and tokens[first - 1].text == "(" else first


def _trigger_before_a_list(
    tokens: Sequence[Token], figure: Figure, cues: Cues, sentence: tuple[int, int]
) -> tuple[str | None, int]:
    """A count in brackets after each item of a list ("задерживают в A (15 человек), B (2
    человека)", "arrêtés à A (3), B (5)") takes the trigger that heads the list."""
    if figure.first == 0 or tokens[figure.first - 1].text != "(":
        return None, figure.first
    closing = next(
        (i for i in range(figure.stop, min(figure.stop + 3, len(tokens))) if tokens[i].text == ")"),
        None,
    )
    if closing is None:
        return None, figure.first
    for position in range(figure.first - 2, -1, -1):
        if tokens[position].end <= sentence[0] or tokens[position].text in {".", ";", ":"}:
            break
        found = _trigger(tokens[position], cues)
        if found:
            return found, figure.first
    return None, figure.first


def _people_trigger_before(
    tokens: Sequence[Token], figure: Figure, cues: Cues, sentence: tuple[int, int]
) -> tuple[str | None, int]:
    """A trigger that counts people only, right before a figure of people ("فقدان 3
    أشخاص": three missing; "فقدان 300 وظيفة", jobs lost, is no claim)."""
    before = _before_a_bracket(tokens, figure.first) - 1
    if before < 0 or tokens[before].end <= sentence[0] or not cues.people_triggers:
        return None, figure.first
    found = next(
        (
            cues.people_triggers[k]
            for k in _keys(tokens[before], cues.language)
            if k in cues.people_triggers
        ),
        None,
    )
    if found is None or not _counts_people(tokens, _after_a_bracket(tokens, figure.stop), cues):
        return None, figure.first
    return found, before


def _after_a_bracket(tokens: Sequence[Token], stop: int) -> int:
    """The token after a figure, past the bracket closing it ("(9) أشخاص": the noun)."""
    return stop + 1 if stop < len(tokens) and tokens[stop].text == ")" else stop


_TOLL_REACH = 16


def _toll_reached(
    tokens: Sequence[Token], figure: Figure, cues: Cues, sentence: tuple[int, int]
) -> tuple[str | None, int]:
    """A toll named before a verb of reaching and its figure: "إن عدد القتلى جراء انهيار
    المبنى ... بلغ (9) أشخاص", "ارتفعت حصيلة القتلى في ... إلى 30": the trigger after
    the toll noun counts the figure after the link word, up to :data:`_TOLL_REACH` words
    back in the sentence and with no other figure between."""
    link = _before_a_bracket(tokens, figure.first) - 1
    if link < 0 or not cues.tolls or not _keys(tokens[link], cues.language) & cues.toll_links:
        return None, figure.first
    for position in range(link - 1, max(link - _TOLL_REACH, -1), -1):
        token = tokens[position]
        if token.end <= sentence[0] or token.text in {".", ";", ":", "؛"}:
            break
        if _DIGITS.match(_surface(token, cues.language)):
            break
        if _surface(token, cues.language) in cues.tolls:
            for after in range(position + 1, min(position + 3, link)):
                found = _trigger(tokens[after], cues)
                if found:
                    return found, link
            return None, figure.first
    return None, figure.first


_BREAKDOWN_REACH = 12


def _breakdown_start(
    tokens: Sequence[Token],
    figure: Figure,
    cues: Cues,
    claims: Sequence[Claim],
    parts: dict[int, int],
) -> int | None:
    """Where the next item of a breakdown starts, when the figure is one: joined by "و" to a
    sub-count just before it ("منهم 4 في A، و(3) في B، وشخص واحد في C", "بينهم خمسة في A
    وستة في B"), that one ending at most :data:`_BREAKDOWN_REACH` words before, with no
    trigger between."""
    if not claims or claims[-1].start not in parts:
        return None
    first = _before_a_bracket(tokens, figure.first)
    word = fold(tokens[figure.first].text, "ar")
    # "وستة", "و3": the conjunction on the figure ("واحد" itself starts with a و)
    joined = word not in cues.numbers and (
        word.startswith("و") and (word[1:] in cues.numbers or bool(_DIGITS.match(word[1:])))
    )
    if first > 0 and not joined:
        before = fold(tokens[first - 1].text, "ar")
        # "و (2)" and "وشخص واحد": the conjunction alone or on the noun before "واحد"
        joined = before == "و" or (
            word in {"واحد", "واحده"} and before.startswith("و") and before[1:] in cues.who
        )
        first -= 1 if joined else 0
    if not joined:
        return None
    previous = claims[-1]
    between = [t for t in tokens if previous.end <= t.start < tokens[first].start]
    if len(between) > _BREAKDOWN_REACH or any(_trigger(t, cues) for t in between):
        return None
    return first


_PEOPLE_REACH = 12


def _trigger_far_before_people(
    tokens: Sequence[Token],
    figure: Figure,
    cues: Cues,
    sentence: tuple[int, int],
    counted: set[int],
) -> tuple[str | None, int]:
    """A figure of people ("100 شخص", "50 متظاهرا") counted by a verb that opens its clause
    further back than the usual window, past the subject and a date: "اعتقلت قوات
    الأمن يوم السبت 3 مايو نحو 40 شخصا". Stops at a clause mark or a figure that is not a date."""
    if not _counts_people(tokens, _after_a_bracket(tokens, figure.stop), cues):
        return None, figure.first
    for position in range(figure.first - 1, max(figure.first - _PEOPLE_REACH, -1), -1):
        token = tokens[position]
        if token.end <= sentence[0] or token.text in {",", "،", ";", ":", ".", "؛"}:
            break
        if position in counted:
            break
        found = _trigger(token, cues)
        if found:
            return found, figure.first  # the span is the figure, not the clause before it
    return None, figure.first


def _not_date_or_unit(
    layer: TextLayer, figure: Figure, cues: Cues, sentence: tuple[int, int]
) -> bool:
    return _is_date_or_unit(layer.tokens, figure, cues)


def _clock_time(layer: TextLayer, figure: Figure, cues: Cues, sentence: tuple[int, int]) -> bool:
    """ "UPD 21:26", "à 9:30": digits joined by a colon are a time of day."""
    text, tokens = layer.text, layer.tokens
    first, last = tokens[figure.first], tokens[figure.stop - 1]
    glued_before = text[max(0, first.start - 2) : first.start]
    glued_after = text[last.end : last.end + 2]
    return bool(re.fullmatch(r"\d[:h]", glued_before) or re.fullmatch(r"[:h]\d", glued_after))


def _total_after_a_part(
    layer: TextLayer, figure: Figure, cues: Cues, sentence: tuple[int, int]
) -> bool:
    """ "25 из 682 человек", "25 sur 682": the second figure is the total the part is of."""
    tokens = layer.tokens
    at = figure.first
    if at < 2 or _surface(tokens[at - 1], cues.language) not in cues.totals:
        return False
    return _read_number(tokens, at - 2, cues, layer.text) is not None or bool(
        _DIGITS.match(_surface(tokens[at - 2], cues.language))
    )


def _one_of(layer: TextLayer, figure: Figure, cues: Cues, sentence: tuple[int, int]) -> bool:
    """ "при обрушении одного из подъездов", "l'un d'eux": the word one before a total
    word picks one of a set, it counts nobody."""
    tokens = layer.tokens
    word = _surface(tokens[figure.first], cues.language)
    return (
        figure.low == 1
        and not _DIGITS.match(word)
        and figure.stop < len(tokens)
        and _surface(tokens[figure.stop], cues.language) in cues.totals
    )


def _reference_set(layer: TextLayer, figure: Figure, cues: Cues, sentence: tuple[int, int]) -> bool:
    """ "le conducteur de l'un des deux trains", "один из двух поездов": the figure names
    the set one is taken from, not a count of people hurt."""
    tokens = layer.tokens
    if _phrase_ending(tokens, figure.first, cues.references, cues.language) is None:
        return False
    # "l'un des 84 morts": a toll all the same
    return figure.stop >= len(tokens) or _trigger(tokens[figure.stop], cues) is None


def _rate(layer: TextLayer, figure: Figure, cues: Cues, sentence: tuple[int, int]) -> bool:
    """ "chaque année ... 21.000 à 143.000 décès", "ежегодно погибают 300 человек": a
    figure in a sentence that gives a rate counts no event."""
    tokens = layer.tokens
    for index in range(len(tokens)):
        token = tokens[index]
        if token.start < sentence[0]:
            continue
        if token.start >= sentence[1]:
            break
        if any(_phrase_at(tokens, index, p, cues.language) for p in cues.rates):
            return True
    return False


NOT_A_COUNT = (
    ("date_or_unit", _not_date_or_unit),
    ("clock_time", _clock_time),
    ("total_after_a_part", _total_after_a_part),
    ("one_of", _one_of),
    ("reference_set", _reference_set),
    ("rate", _rate),
)
"""Named guards, read in order: a figure any of them matches is not a count of people."""


def _hypothetical(
    layer: TextLayer, figure: Figure, cues: Cues, sentence: tuple[int, int], trigger_at: int
) -> bool:
    """A figure the sentence gives as a hypothesis, not a toll: a modal between the
    clause's start (six words back at most) and the trigger ("100 personnes pourraient avoir
    été tuées", "pourrait avoir fait des milliers de blessés"), or a sentence opened by
    "Si" / "Если" ("Si ..., le bilan s'alourdirait à 44 morts")."""
    tokens = layer.tokens
    first = next((i for i, t in enumerate(tokens) if t.start >= sentence[0]), figure.first)
    if first < len(tokens) and cues.hypotheses.get(_surface(tokens[first], cues.language)) == (
        "opening"
    ):
        return True
    low = min(figure.first, trigger_at)
    while low > first and figure.first - low < 6 and tokens[low - 1].text not in {",", ";"}:
        low -= 1
    high = max(figure.stop, trigger_at + 1)
    for index in range(low, min(high, len(tokens))):
        if cues.hypotheses.get(_surface(tokens[index], cues.language)) == "near":
            return True
    return False


SAME_GROUP_AS_BEFORE = "=previous"
"""A ``who`` lexicon value: the word ("autres", "других") counts the group counted just before."""


def find_claims(
    layer: TextLayer, cues: Cues, article_id: str, outlet: str | None, citations: Sequence[Citation]
) -> list[Claim]:
    tokens = layer.tokens
    claims: list[Claim] = []
    figures = find_figures(layer, cues)
    counts = [
        f
        for f in figures
        if not any(
            guard(layer, f, cues, _sentence_of(layer, tokens[f.first].start))
            for _, guard in NOT_A_COUNT
        )
    ]
    counted = {i for f in counts for i in range(f.first, f.stop)}  # no date, measure, time
    parts: dict[int, int] = {}  # start of a sub-count -> start of the count it is part of
    for figure in counts:
        sentence = _sentence_of(layer, tokens[figure.first].start)
        starts = {f.first for f in figures if f is not figure}
        inside = {i for f in counts if f is not figure for i in range(f.first, f.stop)}
        category, trigger_at = _nearest_trigger(tokens, figure, cues, sentence, starts)
        if category is None:
            category, trigger_at = _toll_noun_before(tokens, figure, cues, sentence, inside)
        if category is None:
            previous = next((a for a, b in reversed(layer.sentences) if b <= sentence[0]), None)
            category, trigger_at = _subset_of_previous(
                tokens, figure, cues, claims, sentence, previous
            )
        if category is None:
            category, trigger_at = _trigger_before_a_list(tokens, figure, cues, sentence)
        whole = None
        if cues.language == "ar":
            previous_claim = claims[-1] if claims and claims[-1].start >= sentence[0] else None
            item = _breakdown_start(tokens, figure, cues, claims, parts) if previous_claim else None
            if previous_claim is not None and _subset_of_previous(
                tokens, figure, cues, claims, sentence
            ) != (None, figure.first):
                whole = parts.get(
                    previous_claim.start, previous_claim.start
                )  # "منهم 8": part of 12
            elif previous_claim is not None and item is not None:
                whole = parts[previous_claim.start]  # "و(3) في B": the next part of the same whole
            if category is None:
                category, trigger_at = _people_trigger_before(tokens, figure, cues, sentence)
            if category is None:
                category, trigger_at = _toll_reached(tokens, figure, cues, sentence)
            if category is None and previous_claim is not None and item is not None:
                category, trigger_at = previous_claim.category, item
            if category is None:
                category, trigger_at = _trigger_far_before_people(
                    tokens, figure, cues, sentence, counted
                )
        if category is None or _hypothetical(layer, figure, cues, sentence, trigger_at):
            continue
        first = min(figure.first, trigger_at)
        last = max(figure.stop - 1, trigger_at)
        start, end = tokens[first].start, tokens[last].end
        who = None
        at = _after_a_bracket(tokens, figure.stop) if cues.language == "ar" else figure.stop
        if at < len(tokens) and _surface(tokens[at], cues.language) in {"de", "d'", "des"}:
            at += 1
        if at < len(tokens) and at != trigger_at and tokens[at].text.isalpha():
            who = tokens[at].text
        who_group = cues.who.get(fold(who, cues.language)) if who else None
        if who_group == SAME_GROUP_AS_BEFORE:  # "12 autres": the group of the figure before
            before = claims[-1] if claims and claims[-1].start >= sentence[0] else None
            who_group = before.who if before is not None else "people"
        attributed = next(
            (c.source for c in citations if sentence[0] <= c.start < sentence[1]), None
        )
        claims.append(
            Claim(
                article_id=article_id,
                category=category,
                value_min=figure.low,
                value_max=figure.high,
                qualifier=figure.qualifier,
                text=layer.text[start:end],
                start=start,
                end=end,
                outlet=outlet,
                who=who_group or who,
                attributed_to=attributed,
                vague_rule=figure.vague,
                who_text=who,
                subset_of=whole,
            )
        )
        if whole is not None:
            parts[start] = whole
    return claims


# --- citations and quotes ------------------------------------------------------------


def _name_after(layer: TextLayer, offset: int, limit: int) -> Name | None:
    for name in layer.names:
        if offset <= name.start <= offset + limit and name.label in {"ORG", "PER"}:
            return name
    return None


def _name_before(layer: TextLayer, offset: int, limit: int) -> Name | None:
    best = None
    for name in layer.names:
        if offset - limit <= name.end <= offset and name.label in {"ORG", "PER"}:
            best = name
    return best


def _phrase_source(layer: TextLayer, index: int) -> tuple[int, int] | None:
    """A source named by plain words after an intro: up to punctuation, at most five words
    (more while the last is an elided article: "le procureur chargé de l'enquête")."""
    tokens = layer.tokens
    stop = index
    while stop < len(tokens) and re.match(r"^\w", tokens[stop].text):
        if tokens[stop].text.lower() in _CONJUNCTIONS:
            break
        if stop - index >= 5 and not tokens[stop - 1].text.endswith(("'", "’")):
            break
        stop += 1
    if stop == index:
        return None
    return tokens[index].start, tokens[stop - 1].end


def _apposed_name(layer: TextLayer, phrase: tuple[int, int]) -> tuple[int, int] | None:
    """A person named in apposition after a source phrase ("selon le maire de X, Paul
    Martin, ..."): the person is the source."""
    after = layer.text[phrase[1] :]
    gap = len(after) - len(after.lstrip(" ,"))
    if not after.startswith(","):
        return None
    for name in layer.names:
        if name.label == "PER" and name.start == phrase[1] + gap:
            rest = layer.text[name.end : name.end + 1]
            if rest in {",", ".", ""} or rest.isspace():
                return name.start, name.end
    return None


def _nominative_of_one_word(layer: TextLayer, source: tuple[int, int], text: str) -> str:
    """An outlet spoken to, in the dative, in its nominative by its lemma ("сообщили
    Интерфаксу" -> "Интерфакс"); an acronym, a name of several words and a plural form
    stay as written (the lemma of "Ведомостям" would be singular)."""
    if " " in text or text.isupper() or not re.fullmatch(r"[\u0400-\u04ff-]+", text):
        return text
    if text.endswith(("ам", "ям", "ах", "ях", "ами", "ями")):
        return text
    if not any((n.start, n.end) == source and n.label == "ORG" for n in layer.names):
        return text  # a person's surname has no lemma of its gender: "Афанасьевой"
    token = next((t for t in layer.tokens if (t.start, t.end) == source), None)
    if token is None or not token.lemma or not text[:1].isupper():
        return text
    return token.lemma[:1].upper() + token.lemma[1:]


def _citation(
    layer: TextLayer, article_id: str, start: int, end: int, source: tuple[int, int]
) -> Citation:
    text = layer.text[source[0] : source[1]]
    # a declined name is reported in the nominative: "по словам Аллы Фроловой" -> "Алла Фролова"
    text = next((n.canonical for n in layer.names if (n.start, n.end) == source), text)
    return Citation(
        article_id=article_id,
        source=text,
        kind=classify_source(text),
        start=min(start, source[0]),
        end=max(end, source[1]),
        text=layer.text[min(start, source[0]) : max(end, source[1])],
    )


def _arabic_intro_at(tokens: Sequence[Token], index: int, phrase: str) -> tuple[int, int] | None:
    """Where the source starts after an Arabic intro phrase at ``index``: (token, letters
    to skip in it). A phrase ending in the clitic "ل" ("وفقا ل") takes it off the next word
    ("وفقا لمصادر طبية" -> "مصادر طبية")."""
    words = phrase.split()
    if words[-1] not in {"ل", "لـ"}:
        width = _phrase_at(tokens, index, phrase, "ar")
        return (index + width, 0) if width else None
    width = _phrase_at(tokens, index, " ".join(words[:-1]), "ar")
    if not width or index + width >= len(tokens):
        return None
    word = tokens[index + width].text
    if word in {"ل", "لـ"}:
        return (index + width + 1, 0)
    if word.startswith("ل") and len(word) > 3:
        return (index + width, 2 if word.startswith("لـ") else 1)
    return None


def _arabic_citations(layer: TextLayer, cues: Cues, article_id: str) -> list[Citation]:
    """Arabic sources: the phrase after an intro ("بحسب ما ذكرته X", "وفقا لـX") or after a
    report verb ("تفيد التقارير الإخبارية بأن", "ذكرت وكالة الأنباء أن")."""
    tokens = layer.tokens
    found: list[Citation] = []
    taken: set[int] = set()
    for index in range(len(tokens)):
        for phrase in cues.intro:
            at = _arabic_intro_at(tokens, index, phrase)
            if at is None or at[0] >= len(tokens):
                continue
            source = arabic_speakers.speaker_after_words(layer, cues, at[0])
            if source is None or source.start + at[1] >= source.end:
                continue
            span = (source.start + at[1], source.end)
            found.append(_citation(layer, article_id, tokens[index].start, span[1], span))
            taken.update(range(tokens[index].start, span[1]))
            break
    for index, token in enumerate(tokens):
        keys = _verb_keys(layer, index, cues)
        if not keys & (cues.report | cues.speech) or token.start in taken:
            continue
        if keys & cues.report:
            source = arabic_speakers.source_after_report(layer, cues, index)
        else:
            # as in English, a speech verb cites whoever a phrase names as its speaker
            # ("يقول حساب X:", "منظمة X صرحت، أن"); a speaker left in the verb does not
            source = arabic_speakers.find_arabic_speaker(layer, cues, index, skip=(0, 0))
            if source is not None and source.rule not in arabic_speakers.NAMING_RULES:
                source = None
        if source is None or source.start in taken:
            continue
        span = (source.start, source.end)
        start, end = min(token.start, source.start), max(token.end, source.end)
        found.append(_citation(layer, article_id, start, end, span))
        taken.update(range(*span))
    return sorted(found, key=lambda c: c.start)


def find_citations(layer: TextLayer, cues: Cues, article_id: str) -> list[Citation]:
    if cues.language == "ar":
        return _arabic_citations(layer, cues, article_id)
    tokens = layer.tokens
    found: list[Citation] = []
    taken: set[int] = set()
    for index in range(len(tokens)):
        for phrase in cues.intro:
            width = _phrase_at(tokens, index, phrase, cues.language)
            if not width or index + width >= len(tokens):
                continue
            after = tokens[index + width]
            name = _name_after(layer, after.start, 12)
            if name is not None:
                source = (name.start, name.end)
            else:
                phrase_span = _phrase_source(layer, index + width)
                if phrase_span is None:
                    continue
                source = _apposed_name(layer, phrase_span) or phrase_span
            found.append(_citation(layer, article_id, tokens[index].start, after.end, source))
            taken.add(source[0])
            break
    for token in tokens:
        keys = _keys(token, cues.language)
        if not keys & cues.report:
            continue
        name = _name_after(layer, token.end, 25) or _name_before(layer, token.start, 25)
        if name is None or name.start in taken or name.label != "ORG":
            continue
        found.append(_citation(layer, article_id, token.start, token.end, (name.start, name.end)))
        taken.add(name.start)
    found.extend(_bodies_speaking(layer, cues, article_id, found))
    return _outlet_words_resolved(layer, cues, sorted(found, key=lambda c: c.start))


def _is_body(layer: TextLayer, cues: Cues, speaker: Speaker) -> bool:
    """Whether a speaker is a body (an organisation's name, or a phrase headed by a body
    noun: "пресс-служба ГУ МЧС", "les autorités locales"), not a person or a pronoun."""
    if speaker.rule.startswith("pronoun"):
        return False
    if any(n.start <= speaker.start < n.end and n.label == "PER" for n in layer.names):
        return False
    if any(
        (n.start, n.end) == (speaker.start, speaker.end) and n.label == "ORG" for n in layer.names
    ):
        return True
    head = next((t for t in layer.tokens if t.start >= speaker.start), None)
    if head is None or head.start >= speaker.end:
        return False
    return bool(_keys(head, cues.language) & cues.bodies)


def _bodies_speaking(
    layer: TextLayer, cues: Cues, article_id: str, found: Sequence[Citation]
) -> list[Citation]:
    """A body that speaks is a cited source ("Пресс-служба ГУ МЧС рассказала", ", ont
    annoncé les autorités locales", "L'OMS estimait"); an outlet named between the verb and
    the body is the source and the body its originator ("сообщили "Интерфаксу" в ГУ МЧС",
    "сообщил РИА Новости представитель ...")."""
    tokens = layer.tokens
    extra: list[Citation] = []
    covered = [(c.start, c.end) for c in found]
    for index, token in enumerate(tokens):
        if not _keys(token, cues.language) & (cues.speech | cues.report):
            continue
        if any(s <= token.start < e for s, e in covered):
            continue
        speaker = find_speaker(layer, cues, index, skip=(0, 0))
        if speaker is None:
            continue
        if speaker.rule == "document_after_verb" and speaker.end <= token.start:
            # "говорится в сообщении": the statement's author named before, cited here
            end = tokens[min(index + 3, len(tokens)) - 1].end
            citation = Citation(
                article_id=article_id,
                source=speaker.text,
                kind=classify_source(speaker.text),
                start=token.start,
                end=end,
                text=layer.text[token.start : end],
            )
            extra.append(citation)
            covered.append((citation.start, citation.end))
            continue
        if any(s <= speaker.start < e for s, e in covered):
            continue
        outlet = _outlet_spoken_to(layer, token, speaker)
        if outlet is None:
            outlet, speaker = _relayed(layer, cues, token, speaker)
        if outlet is None and not _is_body(layer, cues, speaker):
            continue
        start, end = min(token.start, speaker.start), max(token.end, speaker.end)
        if outlet is not None:
            citation = _citation(layer, article_id, start, end, (outlet.start, outlet.end))
            source = _nominative_of_one_word(layer, (outlet.start, outlet.end), citation.source)
            citation = replace(citation, source=source, originator=speaker.text)
        else:
            citation = replace(
                _citation(layer, article_id, start, end, (speaker.start, speaker.end)),
                source=speaker.text,
            )
        extra.append(citation)
        covered.append((citation.start, citation.end))
    return extra


def _outlet_spoken_to(layer: TextLayer, verb: Token, speaker: Speaker) -> Name | None:
    """The outlet spoken to, right after the verb before the speaker ("сообщил РИА Новости
    представитель X") or right before a verb whose speaker follows it ("Об этом ОВД-Инфо
    рассказала координатор X"), quotation marks aside."""
    gap = re.compile(r"[\s\"«»“”„]*")
    for name in layer.names:
        if name.label != "ORG":
            continue
        after = (
            verb.end <= name.start
            and name.end <= speaker.start
            and gap.fullmatch(layer.text[verb.end : name.start])
        )
        before = (
            name.end <= verb.start
            and speaker.start >= verb.end
            and gap.fullmatch(layer.text[name.end : verb.start])
        )
        if after or before:
            return name
    return None


def _relayed(
    layer: TextLayer, cues: Cues, verb: Token, speaker: Speaker
) -> tuple[Name | None, Speaker]:
    """ "сообщил РИА Новости представитель X", "сообщили "Интерфаксу" в ГУ МЧС": the
    organisation read as the speaker right after the verb is the outlet spoken to when a
    speaker follows it; that one is the speaker."""
    outlet = next(
        (
            n
            for n in layer.names
            if (n.start, n.end) == (speaker.start, speaker.end) and n.label == "ORG"
        ),
        None,
    )
    if outlet is None or not re.fullmatch(r"[\s\"«»“”„]*", layer.text[verb.end : outlet.start]):
        return None, speaker
    index = _index_at(layer, outlet.end)
    while index < len(layer.tokens) and layer.tokens[index].text in {'"', "»", "”", "в", "во"}:
        index += 1
    after = speaker_after_phrase(layer, cues, index)
    if after is None or after.start < outlet.end:
        return None, speaker
    return outlet, after


def _outlet_words_resolved(
    layer: TextLayer, cues: Cues, citations: list[Citation]
) -> list[Citation]:
    """A source that is only an outlet noun ("по информации издания", "selon le
    journal") is the outlet cited by name before it, else the organisation named last."""
    out: list[Citation] = []
    for citation in citations:
        words = citation.source.split()
        if len(words) == 1 and _folded_lemma(layer, cues, citation) in cues.outlet_words:
            earlier = [
                c.source
                for c in out
                if c.end <= citation.start
                and any(n.canonical == c.source for n in layer.names if n.label == "ORG")
            ]
            names = [
                n.canonical for n in layer.names if n.label == "ORG" and n.end <= citation.start
            ]
            named = earlier or names
            if named:
                citation = replace(citation, source=named[-1])
        out.append(citation)
    return out


def _folded_lemma(layer: TextLayer, cues: Cues, citation: Citation) -> str:
    word = fold(citation.source, cues.language)
    for token in layer.tokens:
        if citation.start <= token.start < citation.end and fold(token.text, cues.language) == word:
            return fold(token.lemma, cues.language)
    return word


def _find_speaker(
    layer: TextLayer,
    cues: Cues,
    verb: int,
    *,
    skip: tuple[int, int],
    earlier: Sequence[Speaker] = (),
    after_first: bool = True,
) -> Speaker | None:
    """The speaker of a speech verb, by the rule table of the text's language."""
    if cues.language == "ar":
        return arabic_speakers.find_arabic_speaker(
            layer, cues, verb, skip=skip, earlier=earlier, after_first=after_first
        )
    return find_speaker(layer, cues, verb, skip=skip, earlier=earlier, after_first=after_first)


def _speech_tokens(layer: TextLayer, cues: Cues, start: int, end: int) -> list[int]:
    return [
        i
        for i, t in enumerate(layer.tokens)
        if start <= t.start < end and _verb_keys(layer, i, cues) & (cues.speech | cues.report)
    ]


def _speaker_near(layer: TextLayer, verb: Token, skip: tuple[int, int]) -> Speaker | None:
    """The person (else organisation) nearest the speech verb, outside the quoted span: the
    last resort when no rule of :data:`~newsprism.nlp.languages.speakers.SPEAKER_RULES`
    names the speaker."""
    sentence = _sentence_of(layer, verb.start)
    candidates = [
        n
        for n in layer.names
        if n.label in {"PER", "ORG"}
        and sentence[0] - 1 <= n.start < sentence[1]
        and not (skip[0] <= n.start < skip[1])
    ]
    if not candidates:
        return None
    name = min(
        candidates,
        key=lambda n: (n.label != "PER", min(abs(n.start - verb.end), abs(verb.start - n.end))),
    )
    return Speaker(name.canonical, name.start, name.end, "nearest_name")


def _words_of(
    layer: TextLayer, cues: Cues, start: int, end: int, kinds: frozenset[str]
) -> list[tuple[int, int]]:
    """Phrases such as "по словам" / "selon" between ``start`` and ``end``: (first token,
    token after the phrase), for the phrase kinds asked for (quote, source)."""
    tokens = layer.tokens
    found = []
    for index, token in enumerate(tokens):
        if not start <= token.start < end:
            continue
        for phrase, kind in sorted(cues.words_of.items(), key=lambda p: -len(p[0])):
            width = _phrase_at(tokens, index, phrase, cues.language)
            if width and kind in kinds:
                found.append((index, index + width))
                break
    return found


def _speaker_of_words(
    layer: TextLayer, cues: Cues, first: int, after: int, earlier: Sequence[Speaker]
) -> Speaker | None:
    """The speaker a "по словам X" / "selon X" phrase names (a pronoun inside the phrase,
    "по его словам", resolves to the person named before)."""
    tokens = layer.tokens
    if cues.language == "ar":
        return arabic_speakers.speaker_after_words(layer, cues, after, earlier=earlier)
    for index in range(first, after):
        if _surface(tokens[index], cues.language) in cues.pronouns:
            return speaker_after_phrase(layer, cues, index, earlier=earlier)
    return speaker_after_phrase(layer, cues, after, earlier=earlier)


def _quote(
    article_id: str, layer: TextLayer, kind: str, start: int, end: int, speaker: Speaker | None
) -> Quote:
    return Quote(
        article_id=article_id,
        text=layer.text[start:end],
        kind=kind,
        start=start,
        end=end,
        speaker=speaker.text if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
    )


def _marked_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks, of three words or more."""
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        opening = text[position]
        closing = _QUOTE_MARKS.get(opening)
        if closing is None:
            position += 1
            continue
        close_at = text.find(closing, position + 1)
        if opening == "«":  # nested «...«...»...» closes at the matching mark
            depth, scan = 1, position + 1
            while scan < len(text) and depth:
                depth += {"«": 1, "»": -1}.get(text[scan], 0)
                scan += 1
            close_at = scan - 1 if depth == 0 else -1
        if close_at < 0 or "\n\n" in text[position:close_at]:
            position += 1
            continue
        start, end = position + 1, close_at
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if len(text[start:end].split()) >= 3:
            spans.append((start, end))
        position = close_at + 1
    return spans


def _clause_end(layer: TextLayer, offset: int) -> int:
    end = _sentence_of(layer, offset)[1]
    while end > offset and layer.text[end - 1] in ".!? \n":
        end -= 1
    return end


def _trailing_clause(
    layer: TextLayer, cues: Cues, verb: int, spans: Sequence[tuple[int, int]]
) -> tuple[int, int, bool] | None:
    """The reported clause before ", a annoncé X" / ", — сообщил X": from the sentence's
    start (or a colon) to the comma before the verb, outside direct quotes, five words or more."""
    tokens = layer.tokens
    index = verb - 1
    while index >= 0 and _surface(tokens[index], cues.language) in {"a", "ont", "—", "–", "-"}:
        index -= 1
    if index < 0 or tokens[index].text != ",":
        return None
    if index == 0:
        return None
    # the clause's own sentence: a model may start a new one at ", a annoncé X"
    sentence = _sentence_of(layer, tokens[index - 1].start)
    start = sentence[0]
    colon = layer.text.rfind(":", start, tokens[index].start)
    if colon >= 0:
        start = colon + 1
    while start < tokens[index].start and layer.text[start] in " \n":
        start += 1
    end = tokens[index].start
    if len(layer.text[start:end].split()) < 5:
        return None
    if any(s < end and start < e for s, e in spans) or any(
        c in layer.text[start:end] for c in '«»“”"'
    ):
        return None
    return start, end, True


def _index_at(layer: TextLayer, offset: int) -> int:
    return next((i for i, t in enumerate(layer.tokens) if t.start >= offset), len(layer.tokens))


def _sentence_before(
    layer: TextLayer, cues: Cues, verb: int, spans: Sequence[tuple[int, int]]
) -> tuple[int, int, bool] | None:
    """The sentence before "Об этом сообщил X": X's reported speech (five words or more,
    no quotation marks, not already a quote)."""
    tokens = layer.tokens
    sentence = _sentence_of(layer, tokens[verb].start)
    first = _index_at(layer, sentence[0])
    width = max((_phrase_at(tokens, first, p, cues.language) for p in cues.back), default=0)
    # "Об этом сообщил X", "Об этом ОВД-Инфо рассказала X": the phrase opens the sentence
    if not width or verb - (first + width) > 4 or verb < first + width or sentence[0] == 0:
        return None
    previous = next((sp for sp in reversed(layer.sentences) if sp[1] <= sentence[0]), None)
    if previous is None:
        return None
    start = previous[0]
    end = _clause_end(layer, start)
    text = layer.text[start:end]
    if len(text.split()) < 5 or any(c in text for c in '«»“”"') or "\n" in text.strip():
        return None
    if any(s < end and start < e for s, e in spans):
        return None
    return start, end, True


def _speaker_of_an_incise(
    layer: TextLayer, cues: Cues, start: int, end: int, earlier: Sequence[Speaker]
) -> Speaker | None:
    """The speaker of a reporting clause set inside a quote between commas, when its marks
    close only at the end ("« Nous avons quatre décès à déplorer, a déclaré X, hier. Nous
    pensons aux familles. »")."""
    tokens = layer.tokens
    for verb in _speech_tokens(layer, cues, start, end):
        before = verb - 1
        while before >= 0 and _surface(tokens[before], cues.language) in {"a", "ont"}:
            before -= 1
        if before < 0 or tokens[before].text != ",":
            continue
        speaker = _find_speaker(layer, cues, verb, skip=(0, 0), earlier=earlier)
        if speaker is not None and speaker.start > tokens[verb].start:
            return Speaker(speaker.text, speaker.start, speaker.end, "incise_in_quote")
    return None


_INCISE_GLUE = frozenset(
    {"a", "ont", "s'", "s’", "s'est", "s’est", "se", "est", "sont", "—", "–", "-"}
)


def _inverted_after_quote(layer: TextLayer, end: int) -> Speaker | None:
    """Any verb set after a closing mark and a comma, with a person's name right after it,
    is a reporting incise: the name is the speaker ("« ... », s'est énervée Brigitte",
    "«...», — возмутился Иван Петров"); the inversion marks it, whatever the verb."""
    tokens = layer.tokens
    index = _index_at(layer, end)
    while index < len(tokens) and tokens[index].text in {"»", "”", '"', "“"}:
        index += 1
    if index >= len(tokens) or tokens[index].text != ",":
        return None
    index += 1
    while index < len(tokens) and fold(tokens[index].text, "fr") in _INCISE_GLUE:
        index += 1
    if index + 1 >= len(tokens) or tokens[index].pos != "VERB":
        return None
    name = next(
        (n for n in layer.names if n.start == tokens[index + 1].start and n.label == "PER"), None
    )
    if name is None:
        return None
    return Speaker(name.canonical, name.start, name.end, "inverted_after_quote")


def _names_outlet(layer: TextLayer, speaker: Speaker) -> bool:
    return any(n.start == speaker.start and n.label == "ORG" for n in layer.names)


_VERB_REACH = 8
"""Words at most between a speech verb and the quote it introduces."""


def _tokens_between(layer: TextLayer, verb: int, offset: int) -> int:
    return sum(
        1
        for t in layer.tokens
        if layer.tokens[verb].end <= t.start < offset and t.text[:1].isalnum()
    )


def _parts_share_a_speaker(text: str, quotes: list[Quote]) -> list[Quote]:
    """A quote with no speaker of its own is a part of the quote next to it in the same
    sentence of its paragraph ("« Le caractère terroriste » de l'attaque « ne peut être
    nié », a déclaré X"), else continues the quote before it in the paragraph."""
    out = list(quotes)
    for i, quote in enumerate(out):
        if quote.speaker:
            continue
        donor = None
        if i + 1 < len(out) and out[i + 1].speaker:
            between = text[quote.end : out[i + 1].start]
            if "\n" not in between and not re.search(r"[.!?]\s", between):
                donor = out[i + 1]
        if (
            donor is None
            and i > 0
            and out[i - 1].speaker
            and "\n" not in text[out[i - 1].end : quote.start]
        ):
            donor = out[i - 1]
        if donor is not None:
            out[i] = replace(
                quote,
                speaker=donor.speaker,
                speaker_start=donor.speaker_start,
                speaker_end=donor.speaker_end,
            )
    return out


def _before_next_report(layer: TextLayer, cues: Cues, first: int, end: int) -> int:
    """An Arabic reported clause ends at a comma before another speech verb or participle
    ("... إن الحريق أخمد، مضيفا أن ..."): what follows is a second reported clause."""
    tokens = layer.tokens
    for index in range(first, len(tokens) - 1):
        if tokens[index].start >= end:
            break
        if tokens[index].text in {"،", ","} and _verb_keys(layer, index + 1, cues) & cues.speech:
            return tokens[index].start
        if index > first + 2 and _verb_keys(layer, index, cues) & cues.participles:
            # "... بكامل طاقتها مشيرا إلى أن ...": a participle needs no comma before it
            return tokens[index - 1].end
        if (
            index > first + 2
            and fold(tokens[index - 1].text, "ar") in _AR_CLAUSE_LINKS
            and _verb_keys(layer, index, cues) & cues.speech
        ):
            # "... نقلوا إلى المستشفى فيما أعلن X عن ...": another speaker's report
            return tokens[index - 2].end
    return end


_AR_CLAUSE_LINKS = frozenset({"فيما", "بينما", "كما", "حيث"})


def _quoted_name_end(tokens: Sequence[Token], index: int) -> int | None:
    """The closing mark of a name of one to three words in marks at ``index`` ("“آفاد”",
    "“غازي عنتاب”"): a name inside a speaker phrase, not the end of the clause."""
    closing = _QUOTE_MARKS.get(tokens[index].text)
    if closing is None:
        return None
    for position in range(index + 2, min(index + 5, len(tokens))):
        if tokens[position].text == closing:
            return position
        if not tokens[position].text[:1].isalnum():
            return None
    return None


_AR_NOMINAL_REACH = 10


def _nominal_report(
    layer: TextLayer, cues: Cues, verb: int, taken: Sequence[tuple[int, int]]
) -> tuple[int, int, bool] | None:
    """An Arabic speech verb reporting a toll by a noun, with no "أن" clause: "أعلن مدير
    المستشفى عن جرح 12 شخصا", "أعلن الوزير في وقت سابق مقتل ثلاثة أشخاص". The reported words run
    from the trigger noun (after "عن", or straight after the speaker phrase) to the clause's
    end; only a trigger with a figure counts: "أعلن عن خطة", "أعلن مقتل قائد" are not one."""
    tokens = layer.tokens
    sentence = _sentence_of(layer, tokens[verb].start)
    for look in range(verb + 1, min(verb + _AR_NOMINAL_REACH, len(tokens))):
        token = tokens[look]
        if token.start >= sentence[1] or token.text in _AR_ENDS | {"،", ","}:
            return None
        if _verb_keys(layer, look, cues) & (cues.speech | cues.report):
            return None
        if _trigger(token, cues) is None or look + 1 >= len(tokens):
            continue
        if not any(
            _read_number(tokens, i, cues, layer.text)
            for i in range(look, min(look + 3, len(tokens)))
        ):
            return None  # "أعلن مقتل قائد": a death reported, no figure
        start = token.start
        end = _before_next_report(layer, cues, look + 1, _clause_end(layer, token.start))
        if end - start < 10 or any(s <= start < e for s, e in taken):
            return None
        return start, end, False
    return None


def _speaker_of(quote: Quote) -> Speaker | None:
    if not quote.speaker:
        return None
    return Speaker(quote.speaker, quote.speaker_start or 0, quote.speaker_end or 0, "quote")


def _colon_quotes(
    layer: TextLayer,
    cues: Cues,
    article_id: str,
    spans: Sequence[tuple[int, int]],
    found: list[Speaker],
) -> list[Quote]:
    """A line after a line ending in a colon, without quotation marks, is a direct quote
    when the words before the colon name a speaker (a blogger's update, a post quoted as
    "@handle: ..."); an "@handle:" opening it is left out of the quote."""
    text = layer.text
    quotes = []
    for match in re.finditer(r":[ \t]*\n\s*", text):
        start = match.end()
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start < 10 or text[start] in _QUOTE_MARKS:
            continue
        if any(s < end and start < e for s, e in spans):
            continue
        intro = arabic_speakers.colon_intro(layer, start)
        speaker = None
        if intro is not None:
            speaker = arabic_speakers.speaker_of_intro(layer, cues, intro, found)
        handle = arabic_speakers.handle_of(text, start)
        speaker = speaker or handle
        if speaker is None:
            continue
        if handle is not None:
            start = handle.end + 1
            while start < end and text[start] in " :":
                start += 1
        found.append(speaker)
        quotes.append(_quote(article_id, layer, "direct", start, end, speaker))
    return quotes


def find_quotes(layer: TextLayer, cues: Cues, article_id: str) -> list[Quote]:
    text = layer.text
    tokens = layer.tokens
    quotes: list[Quote] = []
    found: list[Speaker] = []
    spans = _marked_spans(text)
    for start, end in spans:
        sentence_start = _sentence_of(layer, start)[0]
        previous = next((sp for sp in reversed(layer.sentences) if sp[1] <= sentence_start), None)
        if (
            previous is not None
            and not text[sentence_start:start].strip(' «“„"')
            and "\n" not in text[previous[1] : sentence_start]
            and not text[previous[0] : previous[1]].rstrip(' »”"').endswith((".", "!", "?", "…"))
        ):
            # a model may start a sentence at the opening mark: "X a annoncé « ... »"
            sentence_start = previous[0]
        sentence_end = _sentence_of(layer, max(start, end - 1))[1]
        if text[end : sentence_end + 2].strip(' »”"“') in {"", ","}:
            # the quote closes its sentence ("... », a déclaré X."): the verb is in the next one
            sentence_end = _sentence_of(layer, min(len(text) - 1, sentence_end + 2))[1]
        outside = [
            v
            for v in _speech_tokens(layer, cues, sentence_start, min(len(text), sentence_end + 1))
            if not any(s <= tokens[v].start < e for s, e in spans)
        ]
        after = [v for v in outside if tokens[v].start >= end]
        before = [v for v in outside if tokens[v].start < start]
        # a verb before the quote governs it only when close to it ("X a déclaré : « ... »")
        before = [v for v in before if _tokens_between(layer, v, start) <= _VERB_REACH]
        verbs = [(v, True) for v in after[:1]] + [(v, False) for v in before[-1:]]
        speaker = None
        for verb, after_first in verbs:
            speaker = _find_speaker(
                layer, cues, verb, skip=(start, end), earlier=found, after_first=after_first
            )
            if speaker:
                break
        if speaker is None:
            for first, stop in _words_of(
                layer, cues, sentence_start, sentence_end, frozenset({"quote", "source"})
            ):
                speaker = _speaker_of_words(layer, cues, first, stop, found)
                if speaker:
                    break
        if speaker is None:
            speaker = _speaker_of_an_incise(layer, cues, start, end, found)
        if speaker is None:
            speaker = _inverted_after_quote(layer, end)
        for verb, _ in verbs:
            speaker = speaker or _speaker_near(layer, tokens[verb], (start, end))
        if speaker is None and cues.language == "ar":
            said_before = _speaker_of(quotes[-1]) if quotes else None
            speaker = arabic_speakers.speaker_of_quote(
                layer, cues, (start, end), found, said_before
            )
        if speaker:
            found.append(speaker)
        quotes.append(_quote(article_id, layer, "direct", start, end, speaker))
    if cues.language == "ar":
        quotes.extend(_colon_quotes(layer, cues, article_id, spans, found))
        quotes.sort(key=lambda q: q.start)
    quotes = _parts_share_a_speaker(text, quotes)
    found.extend(
        Speaker(q.speaker, q.speaker_start or 0, q.speaker_end or 0, "quote_part")
        for q in quotes
        if q.speaker
    )
    taken = list(spans)
    for index, token in enumerate(tokens):
        keys = _verb_keys(layer, index, cues)
        if not keys & (cues.speech | cues.report) or any(s <= token.start < e for s, e in taken):
            continue
        clause: tuple[int, int, bool] | None = None
        # an Arabic speaker phrase stands between the verb and "إن" ("قال وزير الداخلية X إن")
        reach = _AR_VERB_REACH if cues.language == "ar" else 4
        skip_to = 0
        for look in range(index + 1, min(index + reach, len(tokens))):
            if look <= skip_to:
                continue
            word = _surface(tokens[look], cues.language).strip("'")
            named = _quoted_name_end(tokens, look) if cues.language == "ar" else None
            if named is not None:  # "عن رئاسة ... “آفاد” قولها إن": a name in marks
                skip_to = named
                continue
            if not keys & cues.speech or (cues.language == "ar" and tokens[look].text in _AR_ENDS):
                break
            if word in _CONJUNCTIONS or (cues.language == "ar" and word in _AR_THAT):
                start = tokens[look].end
                end = _clause_end(layer, token.start)
                while start < end and text[start] in " ,":
                    start += 1
                if cues.language == "ar":  # 'ان "..."': the quote itself, read above
                    while start < end and text[start] in ' "«“':
                        start += 1
                    end = _before_next_report(layer, cues, look + 1, end)
                if end - start >= 10 and not any(s <= start < e for s, e in taken):
                    clause = (start, end, False)
                break
        if clause is None and cues.language == "ar" and keys & cues.speech:
            clause = _nominal_report(layer, cues, index, taken)
        if clause is None:
            clause = _trailing_clause(layer, cues, index, taken) or _sentence_before(
                layer, cues, index, taken
            )
        if clause is None:
            continue
        start, end, inverted = clause
        speaker = _find_speaker(
            layer, cues, index, skip=(start, end), earlier=found, after_first=inverted
        )
        if inverted and speaker is None:
            continue  # ", a-t-il ajouté" with nobody named: not sure it is speech
        if (
            inverted
            and speaker is not None
            and keys & cues.report
            and _names_outlet(layer, speaker)
        ):
            continue  # "..., сообщает ТАСС": an agency's report is a citation, not speech
        speaker = speaker or _speaker_near(layer, token, (start, end))
        if speaker:
            found.append(speaker)
        quotes.append(_quote(article_id, layer, "indirect", start, end, speaker))
        taken.append((start, end))
    # "По словам X, ...": the rest of the sentence is X's reported speech
    for first, stop in _words_of(layer, cues, 0, len(text), frozenset({"quote"})):
        speaker = _speaker_of_words(layer, cues, first, stop, found)
        if speaker is None:
            continue
        comma = next(
            (i for i in range(stop, len(tokens)) if tokens[i].text in {",", "."}), len(tokens)
        )
        if comma >= len(tokens) or tokens[comma].text != ",":
            continue
        start, end = tokens[comma].end, _clause_end(layer, tokens[first].start)
        while start < end and text[start] == " ":
            start += 1
        if end - start < 10 or any(s < end and start < e for s, e in taken):
            continue
        found.append(speaker)
        quotes.append(_quote(article_id, layer, "indirect", start, end, speaker))
        taken.append((start, end))
    return sorted(quotes, key=lambda q: q.start)


# --- places ---------------------------------------------------------------------------


def _entries(gazetteer: Gazetteer, text: str, language: str) -> list[GazetteerEntry]:
    ids = foreign_names.lookup(text, language)
    found = [e for gid in ids if (e := gazetteer.get(gid)) is not None]
    if not found and text[:1].isalpha() and text.isascii() is not None:
        found = list(gazetteer.candidates(text)) if not re.search(r"[\u0400-\u06ff]", text) else []
    if not found and text[:1].isupper() and not text.isupper():
        # a region or a large city under its English spelling ("Камчатка", "Kamtchatka")
        for spelling in foreign_names.transliterations(text, language):
            found = [
                e
                for e in gazetteer.candidates(spelling)
                if e.feature in {"admin1", "country"} or e.population >= 100000
            ]
            if found:
                break
    return found


def _choose(entries: list[GazetteerEntry], countries: Counter[str]) -> GazetteerEntry:
    countries_first = [e for e in entries if e.feature == "country"]
    if countries_first:
        return countries_first[0]
    return max(entries, key=lambda e: (countries[e.country_code] > 0, e.population))


_REGION_WORDS = re.compile(
    r"^(?:област|кра[йяею]|республик|префектур|провинци|штат|департамент|"
    r"région|département|préfecture|province|comté|ولاي|محافظ)",
    re.IGNORECASE,
)
_RU_PLACE_ADJECTIVE = re.compile(r"(?:ой|ом|ая|ую|ий|ого|ому|ое|ои|ии|ым|ых)$")


def _names_a_region(layer: TextLayer, name: Name) -> bool:
    """Whether a region word ("области", "крае", "préfecture") is in the name or just before it."""
    before = [t for t in layer.tokens if t.end <= name.start][-1:]
    inside = [t for t in layer.tokens if name.start <= t.start < name.end]
    return any(_REGION_WORDS.match(t.text) for t in [*before, *inside])


def _entries_of_adjective(gazetteer: Gazetteer, word: str) -> list[GazetteerEntry]:
    """The place a Russian region adjective is made from ("Красноярском" -> Красноярск,
    "Воронежской" -> Воронеж)."""
    bare = _RU_PLACE_ADJECTIVE.sub("", word)
    for stem in (bare, bare[:-2] if bare.endswith("ск") else ""):
        if len(stem) >= 3:
            found = _entries(gazetteer, stem, "ru")
            if found:
                return found
    return []


def _regions_named_after(
    gazetteer: Gazetteer, entries: list[GazetteerEntry], text: str = ""
) -> list[GazetteerEntry]:
    """With a region word beside the name, the first-level region of that name in the same
    country ("Воронежской области" is the oblast, not the city of Voronezh), when there is one;
    else a first-level region whose name is the Russian text read as a Japanese
    transcription ("в префектуре Тиба" -> Chiba, not the village Tibi)."""
    regions = [
        candidate
        for entry in entries
        for candidate in gazetteer.candidates(entry.name)
        if candidate.feature == "admin1" and candidate.country_code == entry.country_code
    ]
    if not regions and re.search(r"[\u0400-\u04ff]", text):
        regions = [
            e
            for e in gazetteer.candidates(foreign_names.japanese_romanisation(text))
            if e.feature == "admin1"
        ]
    return list(dict.fromkeys(regions)) or entries


_DISTRICT_WORDS = re.compile(r"^(?:район|округ|улус)", re.IGNORECASE)
_FEMININE_REGION_WORDS = re.compile(r"^(?:област|республик)", re.IGNORECASE)


def _region_of_adjective(
    layer: TextLayer, gazetteer: Gazetteer, name: Name
) -> list[GazetteerEntry]:
    """A first-level region named by an adjective and a region word inside the name ("в
    Амурской области", "Хабаровском крае"): the region GeoNames romanises from the
    adjective in the region word's gender ("Amurskaya oblast'"), not a town of the stem
    (Amursk)."""
    inside = [t for t in layer.tokens if name.start <= t.start < name.end]
    words = [t for t in inside if _REGION_WORDS.match(t.text)]
    adjectives = [t for t in inside if t.pos == "ADJ" and t.text[:1].isupper()]
    if not words and len(inside) == len(adjectives) == 1:
        # "в Новгородской и Вологодской областях": the region word after the second
        after = [t for t in layer.tokens if t.start >= name.end][:3]
        if (
            len(after) == 3
            and after[0].text in {"и", ","}
            and after[1].pos == "ADJ"
            and _REGION_WORDS.match(after[2].text)
        ):
            words = [after[2]]
    if not words or not adjectives:
        return []
    lemma = adjectives[0].lemma
    if _FEMININE_REGION_WORDS.match(words[0].text):
        lemma = re.sub(r"(?:ий|ый|ой)$", "ая", lemma)
    return [
        e
        for e in gazetteer.candidates(foreign_names.bgn_romanisation(lemma))
        if e.feature == "admin1"
    ]


def _district_of_adjective(
    layer: TextLayer, gazetteer: Gazetteer, name: Name
) -> list[GazetteerEntry]:
    """A district named by an adjective ("в Калачеевском районе"): the second-level
    division GeoNames romanises from the adjective's nominative ("Kalacheyevskiy Rayon")."""
    inside = [t for t in layer.tokens if name.start <= t.start < name.end]
    if not any(_DISTRICT_WORDS.match(t.text) for t in inside):
        return []
    for token in inside:
        if token.pos == "ADJ" and token.text[:1].isupper():
            found = gazetteer.subregions(foreign_names.bgn_romanisation(token.lemma))
            if found:
                return found
    return []


def _capitalised_starts(layer: TextLayer, name: Name) -> list[int]:
    """Where a place name may start inside a NER span: the span's start, then each later
    capitalised word ("la France" -> "France", "gare de Brétigny" -> "Brétigny")."""
    starts = [name.start]
    for token in layer.tokens:
        if name.start < token.start < name.end and token.text[:1].isupper():
            starts.append(token.start)
    return starts


def _name_pieces(layer: TextLayer, name: Name) -> list[tuple[int, int]]:
    """Where a place name may lie inside a NER span: from its start or a later capitalised
    word, to its end or the end of a capitalised word ("Hawaï jusqu'" -> "Hawaï")."""
    capitals = [
        t for t in layer.tokens if name.start <= t.start < name.end and t.text[:1].isupper()
    ]
    pieces = []
    for start in _capitalised_starts(layer, name):
        pieces.append((start, name.end))
        pieces.extend(
            (start, t.end) for t in reversed(capitals) if start <= t.start and t.end < name.end
        )
    return list(dict.fromkeys(pieces))


_PLACE_WORDS = frozenset({"à", "en", "au", "в", "во", "ville", "commune", "город", "города"})


def _after_a_place_word(layer: TextLayer, name: Name) -> bool:
    """Whether a one-word name the model calls an organisation follows a locative word ("à
    Kondoz", "la ville de Kondoz", "в городе ..."): then it may be a place."""
    if " " in name.text:
        return False
    before = [t for t in layer.tokens if t.end <= name.start][-2:]
    words = [fold(t.text, "fr") for t in before]
    return bool(words) and (
        words[-1] in _PLACE_WORDS
        or (len(words) == 2 and words[-1] == "de" and words[0] in _PLACE_WORDS)
    )


_AR_BIG_CITY = 1_000_000
"""A city this large is a place with no word around it to show it ("القاهرة تدين")."""
_AR_CITY = 20_000
_LATIN_CITY = 100_000
_Span = tuple[int, int, list[GazetteerEntry], str]


def _arabic_forms(word: str) -> list[tuple[str, bool]]:
    """(form, clitic removed) an Arabic word may name a place by: as written, without one
    leading clitic ("بحلب", "لمصر"), and with a doubled ي written once ("هاييتي"). The
    article is never taken off: "السورية", "الميدان" are an adjective and a noun."""
    forms = [(word, False)] + [(word[1:], True) for c in ("و", "ف", "ب", "ل") if word.startswith(c)]
    forms += [(f.replace("يي", "ي"), c) for f, c in forms if "يي" in f]
    return [(f, c) for f, c in forms if len(f) >= 3]


def _gazetteer_entries(gazetteer: Gazetteer, ids: Sequence[int]) -> list[GazetteerEntry]:
    return [e for gid in ids if (e := gazetteer.get(gid)) is not None]


def _arabic_lookup(gazetteer: Gazetteer, key: str) -> list[GazetteerEntry]:
    """Entries of an Arabic name: exact, else, for a name of several words, by its
    long-vowel skeleton (countries, regions and cities of 100,000 only, and only when the
    skeleton names one place). One word is not read by its skeleton: "بينما" (while) would
    read "بنما" (Panama), "أمريكي" (American) "أمريكا"."""
    entries = _gazetteer_entries(gazetteer, foreign_names.lookup(key, "ar"))
    if entries or " " not in key:
        return entries
    found = [
        e
        for e in _gazetteer_entries(gazetteer, foreign_names.lookup_arabic_spelling(key))
        if e.feature in {"country", "admin1"} or e.population >= _LATIN_CITY
    ]
    return found if len({e.geonames_id for e in found}) == 1 else []


def _has_place_evidence(
    gazetteer: Gazetteer, tokens: Sequence[Token], first: int, stop: int, cues: Cues, clitic: bool
) -> bool:
    """Whether a city name is shown to be a place: "ب"/"ل" written on it ("بحلب"), a place
    word before it ("في", "مدينة", "شمال"), or a country after a comma ("بنغازي، ليبيا")."""
    if clitic and fold(tokens[first].text, "ar")[:1] in {"ب", "ل"}:
        return True
    if first > 0 and set(_arabic_variants(fold(tokens[first - 1].text, "ar"))) & cues.place_words:
        return True
    return (
        stop + 1 < len(tokens)
        and tokens[stop].text in {"،", ","}
        and any(
            e.feature == "country"
            for form, _ in _arabic_forms(fold(tokens[stop + 1].text, "ar"))
            for e in _gazetteer_entries(gazetteer, foreign_names.lookup(form, "ar"))
        )
    )


def _arabic_place_spans(layer: TextLayer, gazetteer: Gazetteer, cues: Cues) -> list[_Span]:
    """Places in Arabic text with no names to go by: names of one to three words in the
    gazetteer's Arabic names. A country, a name of several words or a city of a million
    counts as it stands; a smaller city needs evidence (:func:`_has_place_evidence`); an
    ordinary word the gazetteer also lists (``common`` in the cue lexicon) or a place word
    itself ("مدينة") never counts. Latin-script names (a quoted tweet's "#Daraa") are
    looked up in the English gazetteer."""
    tokens, text = layer.tokens, layer.text
    spans: list[_Span] = []
    index = 0
    last_stop = -1
    while index < len(tokens):
        # "في القاهرة والإسكندرية والفيوم": a name joined to the place before it is one too
        listed = index == last_stop and fold(tokens[index].text, "ar").startswith("و")
        listed = listed or (index == last_stop + 1 and tokens[index - 1].text in {"،", ","})
        found = _arabic_place_at(layer, gazetteer, cues, index, listed) or _latin_place_at(
            layer, gazetteer, index
        )
        if found is None:
            index += 1
            continue
        stop, entries = found
        if _after_a_region_word(tokens, index, cues):
            entries = _regions_named_after(gazetteer, entries)
        elif any(e.feature == "admin1" for e in entries) and any(e.is_city for e in entries):
            # a city and the region named after it: the city, unless a region word says not
            entries = [e for e in entries if e.feature != "admin1"]
        spans.append((tokens[index].start, tokens[stop - 1].end, entries, "gazetteer"))
        index = last_stop = stop
    return [s for s in spans if text[s[0] : s[1]].strip()]


def _after_a_region_word(tokens: Sequence[Token], index: int, cues: Cues) -> bool:
    """Whether a region word ("منطقة", "بمحافظة", a governor "والي") is just before a name:
    then the name is the first-level region of that name where there is one. "وإلى" (and
    to) folds as "والي" (governor) does, so a word written with "إ" is not one."""
    if index == 0 or "إ" in tokens[index - 1].text:
        return False
    word = fold(tokens[index - 1].text, "ar")
    return bool({word, *_arabic_variants(word)} & cues.region_words)


def _arabic_place_at(
    layer: TextLayer, gazetteer: Gazetteer, cues: Cues, index: int, listed: bool = False
) -> tuple[int, list[GazetteerEntry]] | None:
    tokens, text = layer.tokens, layer.text
    for width in (3, 2, 1):
        piece = tokens[index : index + width]
        if len(piece) < width or not all(re.search(r"[\u0600-\u06ff]", t.text) for t in piece):
            continue
        if any(text[a.end : b.start] != " " for a, b in itertools.pairwise(piece)):
            continue
        words = [fold(t.text, "ar") for t in piece]
        for form, clitic in _arabic_forms(words[0]):
            key = " ".join([form, *words[1:]])
            if key in cues.common or key in cues.place_words:
                continue
            entries = [
                e
                for e in _arabic_lookup(gazetteer, key)
                if e.feature in {"country", "admin1"} or e.population >= _AR_CITY
            ]
            if not entries:
                continue
            cities = [e for e in entries if e.feature not in {"country", "admin1"}]
            if (
                (width > 1 and any(e.feature != "admin1" for e in entries))
                or any(e.feature == "country" for e in entries)
                or max((e.population for e in cities), default=0) >= _AR_BIG_CITY
                or listed
                or _has_place_evidence(gazetteer, tokens, index, index + width, cues, clitic)
            ):
                # a region only by its name ("نينوى", "صلاح الدين", also a man's name) needs
                # a word showing a place, as a town does
                return index + width, entries
    return _arabic_city_spelt_otherwise(layer, gazetteer, cues, index)


_AR_PRONOUN_ENDING = re.compile(r"(?:هما|هم|هن|ها|ه|نا|كم|ي)$")
_AR_PREPOSITION_STEMS = frozenset(
    fold(w, "ar")
    for w in ("بين", "عند", "مع", "من", "عن", "لدى", "فوق", "تحت", "أمام", "خلف", "حول", "ضد",
              "على", "إلى", "في", "دون", "عبر", "نحو", "قرب", "بعد", "قبل", "منذ")
)  # fmt: skip


def _arabic_city_spelt_otherwise(
    layer: TextLayer, gazetteer: Gazetteer, cues: Cues, index: int
) -> tuple[int, list[GazetteerEntry]] | None:
    """A city of 100,000 written with other long vowels than the gazetteer's Arabic names,
    or that GeoNames spells with Persian letters ("ملاطية" for "ملطية", "ألازيغ" for
    "الازیغ"), one word after a place word ("في", "مدينة", "والي"): the one city of the
    nearest spelling of the same skeleton (:func:`names.lookup_arabic_near`). Never a
    country ("بينما" is not Panama) and never a word with no place word before it."""
    tokens = layer.tokens
    if index == 0 or not re.search(r"[\u0600-\u06ff]", tokens[index].text):
        return None
    before = fold(tokens[index - 1].text, "ar")
    # the place word as written or with a clitic, never with the article: "المدينة بينها"
    # (the city, between it) is no "مدينة X"
    forms = {before, *(before[1:] for c in ("و", "ف", "ب", "ل") if before.startswith(c))}
    if not forms & (cues.place_words | cues.region_words):
        return None
    word = fold(tokens[index].text, "ar")
    if word in cues.common or word in cues.place_words or len(word) < 4:
        return None
    if _AR_PRONOUN_ENDING.sub("", word) in _AR_PREPOSITION_STEMS:
        return None  # "العاصمة بينها وبين": a preposition with a pronoun, not "بنها"
    # a word with the article is a noun far more often ("الخارج", abroad, is one letter
    # from "الخرج", Al Kharj): only a spelling in other letters, none with other vowels
    most = 0 if word.startswith("ال") else 1
    entries = [
        e
        for e in _gazetteer_entries(gazetteer, foreign_names.lookup_arabic_near(word, most=most))
        if e.feature not in {"country", "admin1"} and e.population >= _LATIN_CITY
    ]
    return (index + 1, entries) if len({e.geonames_id for e in entries}) == 1 else None


def _latin_place_at(
    layer: TextLayer, gazetteer: Gazetteer, index: int
) -> tuple[int, list[GazetteerEntry]] | None:
    """A Latin-script place inside Arabic text: after "#" a country or a city of 20,000
    (the city before a region of its name), else a capitalised country or city of 100,000
    that does not open a sentence."""
    tokens = layer.tokens
    word = tokens[index].text
    if not word.isascii() or not word[:1].isupper() or word.isupper() or len(word) < 3:
        return None
    tagged = index > 0 and tokens[index - 1].text == "#"
    opening = index == 0 or tokens[index - 1].text in {".", "!", "?", ":", "«", "“", '"'}
    floor = _AR_CITY if tagged else _LATIN_CITY
    entries = [
        e
        for e in gazetteer.candidates(word)
        if e.feature == "country"
        or ((not opening or tagged) and (e.feature == "admin1" or e.population >= floor))
    ]
    cities = [e for e in entries if e.feature not in {"country", "admin1"}]
    if tagged and cities and not any(e.feature == "country" for e in entries):
        entries = cities
    return (index + 1, entries) if entries else None


def find_places(
    layer: TextLayer, gazetteer: Gazetteer, language: str, article_id: str
) -> list[Place]:
    tokens = layer.tokens
    spans: list[tuple[int, int, list[GazetteerEntry], str]] = []
    covered: set[int] = set()
    numbers = load_cues(language).numbers if language in {"ru", "fr"} else {}
    for name in layer.names:
        if name.label != "LOC" or fold(name.text, language) in numbers:
            continue  # "Douze personnes ...": a number word opening a sentence
        region = _names_a_region(layer, name)
        district = (
            _district_of_adjective(layer, gazetteer, name)
            or _region_of_adjective(layer, gazetteer, name)
            if language == "ru"
            else []
        )
        if district:
            spans.append((name.start, name.end, district, "ner+gazetteer"))
            covered.update(range(name.start, name.end))
            continue
        for start, end in _name_pieces(layer, name):
            entries = _entries(gazetteer, layer.text[start:end], language)
            if not entries and language == "ru":
                inside = [t for t in tokens if start <= t.start < end and t.text.isalpha()]
                lemma = " ".join(t.lemma for t in inside)
                entries = _entries(gazetteer, lemma, language) if lemma else []
                if not entries and region and inside:
                    entries = _entries_of_adjective(gazetteer, inside[0].text)
            if end < name.end:  # a piece cut short: only an unmistakable place, not an
                # adjective of a longer name ("Центральном рынке")
                last = next(t for t in tokens if t.end == end)
                entries = [
                    e
                    for e in entries
                    if len(layer.text[start:end]) >= 4
                    and (last.pos != "ADJ" or region)
                    and (e.feature in {"country", "admin1"} or e.population >= 100000)
                ]
            if entries and region:
                entries = _regions_named_after(gazetteer, entries, layer.text[start:end])
            if entries:
                spans.append((start, end, entries, "ner+gazetteer"))
                break
        covered.update(range(name.start, name.end))
    others = {
        (n.start, n.end)
        for n in layer.names
        if n.label == "PER" or (n.label == "ORG" and not _after_a_place_word(layer, n))
    }
    for index, token in enumerate(tokens):
        if token.start in covered or any(s <= token.start < e for s, e in others):
            continue
        word = token.text
        if language == "ar":
            continue
        if not word[:1].isupper() and token.pos == "PROPN" and language == "ru":
            # "войны рф с Украиной": a country name the morphology knows, in lower case
            entries = [
                e for e in _entries(gazetteer, word.title(), language) if e.feature == "country"
            ]
            if entries:
                spans.append((token.start, token.end, entries, "gazetteer"))
            continue
        if not word[:1].isupper() or len(word) < 3:
            continue
        opening = index == 0 or tokens[index - 1].text in {".", "!", "?", "«", "—", "-", '"', "“"}
        opening = opening or "\n" in layer.text[tokens[index - 1].end : token.start]
        entries = [
            e
            for e in _entries(gazetteer, word, language)
            if e.feature in {"country", "PPLC"} or e.population >= 100000
        ]
        if opening:  # a word opening a sentence or a headline is a place if it is a country
            entries = [e for e in entries if e.feature == "country"]
        if entries:
            spans.append((token.start, token.end, entries, "gazetteer"))
    if language == "ar":
        spans = _arabic_place_spans(layer, gazetteer, load_cues("ar"))
    countries: Counter[str] = Counter(
        e.country_code for _, _, entries, _ in spans for e in entries[:1] if e.feature == "country"
    )
    places = []
    for start, end, entries, method in sorted(spans, key=lambda s: s[0]):
        entry = _choose(entries, countries)
        places.append(
            Place(
                article_id=article_id,
                text=layer.text[start:end],
                name=entry.name,
                start=start,
                end=end,
                geonames_id=entry.geonames_id,
                lat=entry.lat,
                lon=entry.lon,
                country_code=entry.country_code or None,
                feature=entry.feature,
                method=method,
            )
        )
    return places


# --- dates and names ------------------------------------------------------------------


def find_dates(
    layer: TextLayer, cues: Cues, article_id: str, published: str | None
) -> list[TimeExpression]:
    """Date expressions of ``layer`` (the forms of :mod:`newsprism.nlp.languages.dates`)."""
    from newsprism.nlp.languages.dates import find_dates as find_language_dates

    return find_language_dates(layer, cues, article_id, published)


def find_mentions(layer: TextLayer, article_id: str) -> list[Mention]:
    labels = {"PER": PERSON, "ORG": ORG}
    return [
        Mention(article_id=article_id, text=n.text, label=labels[n.label], start=n.start, end=n.end)
        for n in layer.names
        if n.label in labels
    ]
