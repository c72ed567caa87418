"""Who speaks: the speaker of a speech verb in Russian, French or Arabic, by named rules.

A speech verb's speaker stands after it in an inverted clause ("», a déclaré le ministre",
"— заявил глава МВД Иван Петров", "a-t-il ajouté", "заявили в пресс-службе"), or before it as
its subject ("Les autorités américaines ont estimé que", "Пресс-служба ГУ МЧС рассказала").
:data:`SPEAKER_RULES` lists the readers of one position, read top to bottom: the first that
names a speaker wins, and its name travels with the speaker. A speaker is a person's name
(in the nominative where the language declines names), else an organisation's name, else a
phrase headed by a speaker noun of the cue lexicon (roles, offices, institutions, witnesses),
else a pronoun resolved to the person (or organisation) named last before it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsprism.nlp.languages.cues import Cues, fold
from newsprism.nlp.languages.layers import Name, TextLayer, Token


@dataclass(frozen=True)
class Speaker:
    """``text`` as reported (a name in the nominative, a phrase); offsets name it in the text."""

    text: str
    start: int
    end: int
    rule: str


_STOP_MARKS = frozenset('.!?;:«»“”„"()[]—–')
_NOUN_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "NUM", "X", ""})
_OF_WORDS = frozenset({"de", "du", "des", "d'", "d’"})
_DETERMINERS = frozenset(
    {"le", "la", "les", "l'", "l’", "un", "une", "des", "du", "ce", "cette", "ces", "son", "sa"}
)
_AUXILIARIES = frozenset(
    {"a", "ont", "avait", "avaient", "aurait", "auraient", "est", "sont", "était", "étaient",
     "ne", "n'", "n’", "pas", "не"}
)  # fmt: skip
_PHRASE_LIMIT = 9
_SCAN_LIMIT = 14


def _fold(token: Token, language: str) -> str:
    return fold(token.text, language)


def _keys(token: Token, language: str) -> set[str]:
    return {_fold(token, language), fold(token.lemma, language)}


def _is_speaker_head(token: Token, cues: Cues) -> bool:
    return bool(_keys(token, cues.language) & cues.speakers)


def _is_verb(token: Token, cues: Cues) -> bool:
    keys = _keys(token, cues.language)
    return token.pos in {"VERB", "AUX"} or bool(keys & (cues.speech | cues.report))


def _names_at(layer: TextLayer, start: int) -> Name | None:
    return next((n for n in layer.names if n.start == start and n.label in {"PER", "ORG"}), None)


def _name_ending(layer: TextLayer, end: int) -> Name | None:
    return next((n for n in layer.names if n.end == end and n.label in {"PER", "ORG"}), None)


def _index_at(tokens: Sequence[Token], offset: int) -> int:
    return next((i for i, t in enumerate(tokens) if t.start >= offset), len(tokens))


@dataclass(frozen=True)
class _Context:
    layer: TextLayer
    cues: Cues
    sentence: tuple[int, int]
    skip: tuple[int, int]
    earlier: tuple[Speaker, ...]
    """Speakers found before this one, for pronouns."""


def _pronoun_kind(token: Token, cues: Cues) -> str | None:
    """person | group for a pronoun, also one hung on a verb by a hyphen ("a-t-il")."""
    word = _fold(token, cues.language)
    if word in cues.pronouns:
        return cues.pronouns[word]
    return next(
        (v for k, v in cues.pronouns.items() if k.startswith("-") and word.endswith(k)), None
    )


def _pronoun(context: _Context, index: int) -> Speaker | None:
    """A pronoun resolves to the nearest person (else organisation) named before it."""
    token = context.layer.tokens[index]
    kind = _pronoun_kind(token, context.cues)
    if kind is None:
        return None
    wanted = "PER" if kind == "person" else "ORG"
    quoted = context.skip
    names = [
        Speaker(n.canonical, n.start, n.end, "")
        for n in context.layer.names
        if n.label == wanted and n.end <= token.start and not (quoted[0] <= n.start < quoted[1])
    ]
    speakers = [s for s in context.earlier if s.end <= token.start]
    if kind == "person":
        speakers = [s for s in speakers if any(n.text == s.text for n in names)] or [
            s for s in speakers if s.rule.endswith("name")
        ]
    candidates = names + speakers
    if not candidates:
        return None
    antecedent = max(candidates, key=lambda s: s.end)
    return Speaker(antecedent.text, antecedent.start, antecedent.end, "")


def _apposed_person(context: _Context, stop: int) -> Name | None:
    """A person named in apposition after a phrase ("le ministre de l'Intérieur, Gérald X")."""
    tokens = context.layer.tokens
    comma = next(
        (i for i in range(stop, min(stop + 3, len(tokens))) if tokens[i].text == ","), None
    )
    if comma is None or any(tokens[i].text in _STOP_MARKS for i in range(stop, comma)):
        return None
    stop = comma
    name = _names_at(context.layer, tokens[stop + 1].start) if stop + 1 < len(tokens) else None
    if name is None or name.label != "PER" or name.end > context.sentence[1]:
        return None
    after = _index_at(tokens, name.end)
    if (
        after < len(tokens)
        and tokens[after].start < context.sentence[1]
        and tokens[after].text not in {",", ".", "»", "”", '"', ";"}
    ):
        return None
    return name


_NAME_MARKS = {"«": "»", "„": "“", "“": "”", '"': '"'}


def _closing_of_a_quoted_name(tokens: Sequence[Token], index: int) -> int | None:
    """Where a short quoted name inside a title closes ("депутат «Единой России»")."""
    closing = _NAME_MARKS.get(tokens[index].text)
    if closing is None:
        return None
    for position in range(index + 2, min(index + 5, len(tokens))):
        if tokens[position].text == closing:
            return position
        if not tokens[position].text[:1].isalnum() and tokens[position].text != "-":
            return None
    return None


def _touches_neighbours(layer: TextLayer, index: int) -> bool:
    tokens = layer.tokens
    return (
        0 < index < len(tokens) - 1
        and tokens[index - 1].end == tokens[index].start
        and tokens[index].end == tokens[index + 1].start
    )


def _person_closing_the_title(context: _Context, stop: int) -> Name | None:
    """A person named a few words after a title phrase, with no mark between ("начальник
    Управления информации и общественных связей ГУВД Москвы Виктор Бирюков")."""
    tokens = context.layer.tokens
    position = stop
    while position < min(stop + 8, len(tokens)):
        token = tokens[position]
        closing = _closing_of_a_quoted_name(tokens, position)
        if closing is not None:
            position = closing + 1
            continue
        position += 1
        if token.start >= context.sentence[1] or token.text in _STOP_MARKS | {","}:
            return None
        if _is_verb(token, context.cues):
            return None
        name = _names_at(context.layer, token.start)
        if name is not None and name.label == "PER":
            return name
    return None


def _phrase_from(
    context: _Context, index: int, *, oblique: bool, any_noun: bool = False
) -> Speaker | None:
    """A phrase headed by a speaker noun, starting at ``index`` (a determiner or adjectives
    may come first): the head and the words that depend on it up to a verb, a mark, a
    conjunction or a preposition other than "de"; a person named in it or in apposition
    after it is the speaker."""
    tokens, cues = context.layer.tokens, context.cues
    language = cues.language

    def is_head(position: int) -> bool:
        token = tokens[position]
        if any_noun:  # a determiner, then any noun: "les assaillants"
            return position > index and token.pos == "NOUN"
        return _is_speaker_head(token, cues)

    head = index
    while head < min(index + 3, len(tokens)) and not is_head(head):
        if tokens[head].pos not in {"DET", "ADJ", ""} and _fold(tokens[head], language) not in (
            _DETERMINERS
        ):
            return None
        head += 1
    if head >= len(tokens) or not is_head(head):
        return None
    stop = head + 1
    while stop < len(tokens) and stop - head < _PHRASE_LIMIT:
        token = tokens[stop]
        word = _fold(token, language)
        if token.start >= context.sentence[1] or context.skip[0] <= token.start < context.skip[1]:
            break
        closing = _closing_of_a_quoted_name(tokens, stop)
        if closing is not None:  # "координатор «Весны» Надежда Афанасьева"
            stop = closing + 1
            continue
        joined = token.text in {"-", "‑"} and _touches_neighbours(context.layer, stop)
        if (not token.text[:1].isalnum() and not joined) or word in {
            "que",
            "qu'",
            "что",
            "et",
            "и",
        }:
            break  # a hyphen inside a name ("Alpes-Maritimes") does not end the phrase
        if word in cues.aside or (_is_verb(token, cues) and not _is_speaker_head(token, cues)):
            break
        if token.pos == "ADP" and word not in _OF_WORDS:
            break
        if token.pos not in _NOUN_PHRASE_POS and token.pos != "ADP" and not joined:
            break
        stop += 1
    while stop - 1 > head and _fold(tokens[stop - 1], language) in _OF_WORDS | _DETERMINERS:
        stop -= 1
    start, end = tokens[index].start, tokens[stop - 1].end
    person = (
        next((n for n in context.layer.names if n.label == "PER" and start <= n.start < end), None)
        or _apposed_person(context, stop)
        or _person_closing_the_title(context, stop)
    )
    if person is not None:
        return Speaker(person.canonical, person.start, person.end, "")
    first = index
    while first < head and _fold(tokens[first], language) in _DETERMINERS:
        first += 1  # "les autorités américaines" is reported as "autorités américaines"
    if first == head and stop == head + 1:
        named = _name_introduced_by(context, head)  # "le journal" -> "Le Monde" named before
        if named is not None:
            return named
    start = tokens[first].start
    text = context.layer.text[start:end]
    if oblique and language == "ru" and not tokens[head].text.isupper():
        # "в пресс-службе МВД" -> "пресс-служба МВД"
        lemma = tokens[head].lemma
        if tokens[head].text[:1].isupper():
            lemma = lemma[:1].upper() + lemma[1:]
        before = context.layer.text[start : tokens[head].start]
        text = before + lemma + context.layer.text[tokens[head].end : end]
    return Speaker(text, start, end, "")


def _name_introduced_by(context: _Context, head: int) -> Speaker | None:
    """The name an earlier mention put right after the same head noun ("le journal Le
    Monde ... le journal affirme"): a definite description refers back to it."""
    tokens, language = context.layer.tokens, context.cues.language
    lemma = fold(tokens[head].lemma, language)
    for index in range(head - 1, -1, -1):
        if fold(tokens[index].lemma, language) != lemma:
            continue
        for after in range(index + 1, min(index + 4, head)):
            name = _names_at(context.layer, tokens[after].start)
            if name is not None:
                return Speaker(name.canonical, name.start, name.end, "")
    return None


def _document(context: _Context, index: int) -> Speaker | None:
    """A statement standing for its author ("говорится в сообщении МЧС", "dans un
    communiqué"): the organisation named in the phrase, else the one named last before."""
    tokens, cues = context.layer.tokens, context.cues
    head = index
    while head < min(index + 3, len(tokens)) and not (
        _keys(tokens[head], cues.language) & cues.documents
    ):
        if tokens[head].pos not in {"DET", "ADJ", ""}:
            return None
        head += 1
    if head >= len(tokens) or not _keys(tokens[head], cues.language) & cues.documents:
        return None
    for position in range(head + 1, min(head + 4, len(tokens))):
        name = _names_at(context.layer, tokens[position].start)
        if name is not None and name.label == "ORG":
            return Speaker(name.canonical, name.start, name.end, "")
    before = [
        n
        for n in context.layer.names
        if n.label == "ORG"
        and n.end <= tokens[index].start
        and not (context.skip[0] <= n.start < context.skip[1])
    ]
    if not before:
        return None
    name = before[-1]
    return Speaker(name.canonical, name.start, name.end, "")


def _name(context: _Context, index: int) -> Speaker | None:
    name = _names_at(context.layer, context.layer.tokens[index].start)
    if name is None:
        return None
    return Speaker(name.canonical, name.start, name.end, "")


def _phrase(context: _Context, index: int) -> Speaker | None:
    tokens = context.layer.tokens
    after_in = index > 0 and _fold(tokens[index - 1], context.cues.language) in {"в", "во"}
    return _phrase_from(context, index, oblique=after_in)  # "В ведомстве добавили"


def _oblique_phrase(context: _Context, index: int) -> Speaker | None:
    return _phrase_from(context, index, oblique=True)


def _determined_noun(context: _Context, index: int) -> Speaker | None:
    if not {"DET"} & {t.pos for t in context.layer.tokens[index : index + 1]}:
        return None
    return _phrase_from(context, index, oblique=False, any_noun=True)


Reader = Callable[[_Context, int], Speaker | None]

SPEAKER_RULES: tuple[tuple[str, str, Reader], ...] = (
    # (name, where the speaker stands, reader) -- read top to bottom per position
    ("pronoun_after_verb", "after", _pronoun),  # "a-t-il ajouté", "— отметила она"
    ("person_after_verb", "after", _name),  # ", a précisé Jacques Gobert"
    (
        "phrase_after_verb",
        "after",
        _phrase,
    ),  # "a déclaré le centre d'alerte ...", "заявил глава МВД"
    ("document_after_verb", "after_in", _document),  # "говорится в сообщении"
    ("institution_after_verb", "after_in", _oblique_phrase),  # "заявили в пресс-службе МВД"
    ("institution_name_after_verb", "after_in", _name),  # "сообщили в МЧС"
    ("pronoun_before_verb", "before", _pronoun),  # "Il a ajouté que"
    ("name_before_verb", "before", _name),  # "Marie Dupont a déclaré"
    ("phrase_before_verb", "before", _phrase),  # "Les autorités américaines ont estimé"
    ("noun_subject_before_verb", "before", _determined_noun),  # "les assaillants crier"
)
"""Speaker readers of a speech verb, by priority within each side of it."""


def _after_positions(context: _Context, verb: int) -> list[tuple[int, bool]]:
    """Where an inverted speaker may start after the verb: (token index, after "в"/"à")."""
    tokens, cues = context.layer.tokens, context.cues
    positions: list[tuple[int, bool]] = []
    index = verb + 1
    oblique = False
    fallback: int | None = None
    while index < len(tokens) and index - verb <= _SCAN_LIMIT:
        token = tokens[index]
        word = _fold(token, cues.language)
        if token.start >= context.sentence[1] or context.skip[0] <= token.start < context.skip[1]:
            break
        closing = _closing_of_a_quoted_name(tokens, index)
        quoted = _names_at(context.layer, tokens[index + 1].start) if closing else None
        if closing is not None and quoted is not None and quoted.label == "ORG":
            # 'сообщили "Интерфаксу" в ГУ МЧС': the outlet spoken to, unless nobody follows
            fallback = fallback if fallback is not None else index + 1
            index, oblique = closing + 1, False
            continue
        if token.text in _STOP_MARKS or token.text == "," or word in {"que", "qu'", "что"}:
            break
        if word in cues.recipients:  # "à l'AFP": the one spoken to
            index += 1
            while index < len(tokens) and _fold(tokens[index], cues.language) in _DETERMINERS:
                index += 1
            name = _names_at(context.layer, tokens[index].start) if index < len(tokens) else None
            index = _index_at(tokens, name.end) if name is not None else index + 1
            continue
        if word in {"в", "во"}:
            oblique = True
            index += 1
            continue
        if word in cues.aside or token.pos == "ADV":
            index += 1
            continue
        if token.pos == "ADP" and not oblique:  # "a déclaré dans la nuit ... le président X"
            person = _person_beyond_adjunct(context, index)
            if person is not None:
                positions.append((person, False))
            break
        positions.append((index, oblique))
        name = _names_at(context.layer, token.start)
        if name is not None and name.label == "ORG":  # "сообщил РИА Новости представитель"
            index = _index_at(tokens, name.end)
            oblique = False
            continue
        break
    if not positions and fallback is not None:
        positions.append((fallback, False))
    return positions


def _person_beyond_adjunct(context: _Context, index: int) -> int | None:
    """A person named after an adjunct that follows the verb ("a déclaré dans la nuit de
    jeudi le président François Hollande", "raconte par ailleurs à l'AFP Pierre X")."""
    tokens = context.layer.tokens
    for position in range(index, min(index + _SCAN_LIMIT, len(tokens))):
        token = tokens[position]
        if token.start >= context.sentence[1] or token.text in _STOP_MARKS | {","}:
            return None
        if _fold(token, context.cues.language) in {"que", "qu'", "что"}:
            return None
        name = _names_at(context.layer, token.start)
        if name is not None and name.label == "PER":
            return position
    return None


def _before_position(context: _Context, verb: int) -> int | None:
    """Where the verb's subject ends before it: the last token before any auxiliary."""
    tokens, cues = context.layer.tokens, context.cues
    index = verb - 1
    while index >= 0 and tokens[index].start >= context.sentence[0]:
        word = _fold(tokens[index], cues.language)
        if context.skip[0] <= tokens[index].start < context.skip[1]:
            return None
        if word in _AUXILIARIES or word in cues.aside or tokens[index].pos in {"ADV", "AUX"}:
            index -= 1
            continue
        if tokens[index].text == ",":  # "Le maire, Paul Martin, qualifie ..."
            opening = index - 1
            while opening >= 0 and tokens[opening].text not in {",", "."}:
                opening -= 1
            for name in context.layer.names:
                if (
                    name.label == "PER"
                    and tokens[max(opening, 0)].start <= name.start
                    and name.end <= tokens[index].start
                ):
                    return _index_at(tokens, name.start)
            return None
        return index if tokens[index].text not in _STOP_MARKS else None
    return None


def _subject_start(context: _Context, last: int) -> list[int]:
    """Starts of the subject ending at token ``last``: a name ending there, else each token
    back to the clause's start (the phrase reader keeps the one whose head comes first)."""
    tokens = context.layer.tokens
    name = _name_ending(context.layer, tokens[last].end)
    starts = [_index_at(tokens, name.start)] if name is not None else []
    index = last
    while index >= 0 and last - index < _PHRASE_LIMIT:
        token = tokens[index]
        if token.start < context.sentence[0] or token.text in _STOP_MARKS or token.text == ",":
            break
        if context.skip[0] <= token.start < context.skip[1]:
            break
        index -= 1
    return starts + list(range(index + 1, last + 1))


def find_speaker(
    layer: TextLayer,
    cues: Cues,
    verb: int,
    *,
    skip: tuple[int, int],
    earlier: Sequence[Speaker] = (),
    after_first: bool = True,
) -> Speaker | None:
    """The speaker of the speech verb at token ``verb`` (``skip``: the quoted span).

    ``after_first``: look for an inverted speaker after the verb before its subject (the
    verb follows what was said); otherwise the subject first ("X a déclaré que ...").
    """
    tokens = layer.tokens
    sentence = next(
        ((s, e) for s, e in layer.sentences if s <= tokens[verb].start < e), (0, len(layer.text))
    )
    context = _Context(layer, cues, sentence, skip, tuple(earlier))
    # a pronoun hung on the auxiliary before the participle: "a-t-il déclaré"
    for index in range(max(0, verb - 2), verb):
        if "-" in _fold(tokens[index], cues.language):
            found = _pronoun(context, index)
            if found is not None:
                return Speaker(found.text, found.start, found.end, "pronoun_after_verb")
    sides = ("after", "before") if after_first else ("before", "after")
    for side in sides:
        if side == "after":
            for position, oblique in _after_positions(context, verb):
                for name, where, reader in SPEAKER_RULES:
                    if where != ("after_in" if oblique else "after"):
                        continue
                    found = reader(context, position)
                    if found is not None:
                        return Speaker(found.text, found.start, found.end, name)
        else:
            last = _before_position(context, verb)
            if last is None:
                continue
            for name, where, reader in SPEAKER_RULES:
                if where != "before":
                    continue
                for start in _subject_start(context, last) if reader is not _pronoun else [last]:
                    found = reader(context, start)
                    if found is not None and found.end <= tokens[verb].start:
                        return Speaker(found.text, found.start, found.end, name)
    return None


def speaker_after_phrase(
    layer: TextLayer, cues: Cues, index: int, *, earlier: Sequence[Speaker] = ()
) -> Speaker | None:
    """The speaker named after a phrase such as "по словам" / "selon" ending before token
    ``index``: a pronoun ("по его словам" is read by the caller), a name or a phrase."""
    tokens = layer.tokens
    if index >= len(tokens):
        return None
    sentence = next(
        ((s, e) for s, e in layer.sentences if s <= tokens[index].start < e), (0, len(layer.text))
    )
    context = _Context(layer, cues, sentence, (0, 0), tuple(earlier))
    for name, reader in (
        ("words_of_pronoun", _pronoun),
        ("words_of_name", _name),
        ("words_of_phrase", _oblique_phrase),
    ):
        found = reader(context, index)
        if found is not None:
            return Speaker(found.text, found.start, found.end, name)
    return None
