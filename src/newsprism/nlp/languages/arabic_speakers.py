"""Who speaks in Arabic: named speaker rules over plain tokens (no parser, no names).

Arabic news puts the speaker after the speech verb ("قال وزير الداخلية سامي نصر إن"), less
often before it ("منظمة العفو الدولية صرحت، أن"), or leaves it in the verb's person ending
("وأضاف:" he added). With no statistical names to go by, a speaker phrase is the words after
(or before) the verb up to a delimiter: a mark, the conjunction أن / إن, a preposition, a
time word or an aside of the cue lexicon ("في بيان", "للصحفيين"). A quote introduced by a
colon and no speech verb takes the subject of a light verb ("قامت X بإرسال ...:") or a
phrase headed by a title noun with its nisba adjectives ("المدون السوري"). A quoted post
opening with "@handle:" names its author; a translation repeats the speaker of the quote
before it. :data:`ARABIC_SPEAKER_RULES` lists the readers per position, first match wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsprism.nlp.languages.cues import Cues, arabic_variants, fold
from newsprism.nlp.languages.layers import TextLayer, Token
from newsprism.nlp.languages.speakers import Speaker


def _folded(words: set[str]) -> frozenset[str]:
    return frozenset(fold(w, "ar") for w in words)


_CONJUNCTIONS = _folded(
    {"ان", "انه", "انها", "انهم", "انهن", "بان", "بانه", "بانها", "بانهم", "لان", "اذ"}
)
_PREPOSITIONS = _folded(
    {"في", "على", "عن", "إلى", "من", "مع", "منذ", "حول", "خلال", "عبر", "بعد", "قبل", "عند",
     "لدى", "امام", "ضد", "بين", "حتى"}
)  # fmt: skip
_PARTICLES = _folded(
    {"لا", "لم", "لن", "قد", "ما", "هذا", "هذه", "ذلك", "تلك", "هؤلاء", "كل", "كما", "ثم",
     "و", "ف", "حيث", "بينما", "فيما", "بدوره", "بدورها", "ايضا", "انه", "انها", "هو", "هي",
     "هم", "الذي", "التي", "الذين", "اي", "او", "ام", "بل", "لكن", "ولكن", "اما", "اذا",
     "به", "بها", "له", "لها", "لهم", "جانبه", "جانبها", "جهته", "جهتها", "ناحيته",
     "ناحيتها"}
)  # fmt: skip
"""Words that are no speaker: particles, pronouns, "من جانبه" / "من جهته" (for his part)."""
_PHRASE_LIMIT = 7
_HANDLE = re.compile(r"\s*@(\w{2,30})\s*:")


def _word(token: Token) -> str:
    return fold(token.text, "ar")


def _variants(token: Token) -> list[str]:
    return arabic_variants(_word(token))


def _is_word(token: Token) -> bool:
    return token.text[:1].isalnum() or token.text[:1] == "_"


def _in(token: Token, words: frozenset[str]) -> bool:
    return any(v in words for v in _variants(token))


def _is_verb(token: Token, cues: Cues) -> bool:
    """A speech, report or light verb, with "و" / "ف" at most: a verb never takes the
    article or a preposition ("النقل", transport, is not "نقل", he relayed)."""
    word = _word(token)
    forms = {word, *(word[1:] for c in ("و", "ف") if word.startswith(c))}
    return bool(forms & (cues.speech | cues.report | cues.doers))


def _phrase_width(tokens: Sequence[Token], index: int, phrases: Sequence[str]) -> int:
    """Tokens covered by the longest phrase of ``phrases`` starting at ``index``."""
    best = 0
    for phrase in phrases:
        words = phrase.split()
        if index + len(words) > len(tokens):
            continue
        forms = [set(_variants(tokens[index + i])) for i in range(len(words))]
        if all(word in form for word, form in zip(words, forms, strict=True)):
            best = max(best, len(words))
    return best


@dataclass(frozen=True)
class _Context:
    layer: TextLayer
    cues: Cues
    sentence: tuple[int, int]
    skip: tuple[int, int]
    earlier: tuple[Speaker, ...]

    def inside(self, token: Token) -> bool:
        """Whether the token is in the sentence and outside the quoted span."""
        return (
            self.sentence[0] <= token.start < self.sentence[1]
            and not self.skip[0] <= token.start < self.skip[1]
        )


def _ends_phrase(context: _Context, index: int) -> bool:
    tokens = context.layer.tokens
    token = tokens[index]
    if not context.inside(token) or not _is_word(token):
        return True
    word = _word(token)
    if word in _CONJUNCTIONS or word in _PREPOSITIONS or _is_verb(token, context.cues):
        return True
    return bool(_phrase_width(tokens, index, context.cues.aside))


def _phrase(context: _Context, first: int, stop: int) -> Speaker:
    tokens = context.layer.tokens
    start, end = tokens[first].start, tokens[stop - 1].end
    return Speaker(context.layer.text[start:end], start, end, "")


def _phrase_after(context: _Context, index: int) -> Speaker | None:
    """The words from ``index`` up to a delimiter (at most seven): "قال وزير الداخلية X إن".
    "X أو Y" gives X (Y is another name of X)."""
    tokens = context.layer.tokens
    if index >= len(tokens) or _ends_phrase(context, index) or _word(tokens[index]) in _PARTICLES:
        return None
    stop = index
    while stop < len(tokens) and stop - index < _PHRASE_LIMIT:
        closing = _closing_of_a_quoted_name(context, stop) if stop > index else None
        if closing is not None:  # "قناة “الوطنية” التونسية": a quoted name inside the phrase
            stop = closing + 1
            continue
        if _ends_phrase(context, stop):
            break
        stop += 1
    if stop - index >= _PHRASE_LIMIT and stop < len(tokens) and not _ends_phrase(context, stop):
        return None  # no delimiter in reach: not a speaker phrase but a clause
    alias = next((i for i in range(index + 1, stop) if _word(tokens[i]) == "او"), None)
    return _trimmed(context, index, alias or stop)


def _titled_name(context: _Context, index: int) -> Speaker | None:
    """A title, a name and a long title in apposition, up to the comma before "إن" ("قال
    الدكتور خالد سالم رئيس الإدارة المركزية ...، إن"): the title and the name, cut before
    the second title noun."""
    tokens, speakers = context.layer.tokens, context.cues.speakers
    if index >= len(tokens) or not _in(tokens[index], speakers):
        return None
    comma = next(
        (
            i
            for i in range(index + 1, min(index + 2 * _PHRASE_LIMIT, len(tokens)))
            if not _is_word(tokens[i]) or not context.inside(tokens[i])
        ),
        None,
    )
    if comma is None or tokens[comma].text not in {"،", ","}:
        return None
    first_name = next((i for i in range(index + 1, comma) if not _in(tokens[i], speakers)), None)
    if first_name is None:
        return None
    second = next((i for i in range(first_name, comma) if _in(tokens[i], speakers)), comma)
    return _phrase(context, index, second)


_NAME_MARKS = {"“": "”", "«": "»", '"': '"'}


def _closing_of_a_quoted_name(context: _Context, index: int) -> int | None:
    """Where a quoted name of one to three words that opens at ``index`` closes."""
    tokens = context.layer.tokens
    closing = _NAME_MARKS.get(tokens[index].text)
    if closing is None:
        return None
    for position in range(index + 2, min(index + 5, len(tokens))):
        if tokens[position].text == closing:
            return position
        if not _is_word(tokens[position]):
            return None
    return None


def _trimmed(context: _Context, first: int, stop: int) -> Speaker:
    """A name followed by its titles in apposition ("نورا يونس الصحفية والناشطة") is
    reported as the name (two words at least: "التقارير الصحفية" is a noun and its
    adjective); a phrase opening with a title keeps all its words."""
    tokens, speakers = context.layer.tokens, context.cues.speakers
    if not _in(tokens[first], speakers):
        while stop - 1 > first + 1 and _in(tokens[stop - 1], speakers):
            stop -= 1
    return _phrase(context, first, stop)


def _pronoun_in_verb(context: _Context, index: int) -> Speaker | None:
    """No phrase after the verb ("وأضاف:", "ويضيف أن"): its person ending refers to the
    speaker named last before it."""
    tokens = context.layer.tokens
    if index < len(tokens) and not _ends_phrase(context, index):
        return None
    verb_start = tokens[index - 1].start if index > 0 else 0
    before = [s for s in context.earlier if s.end <= verb_start]
    if not before:
        return None
    last = max(before, key=lambda s: s.end)  # the nearest before the verb, found in any order
    return Speaker(last.text, last.start, last.end, "")


def _subject_before(context: _Context, index: int) -> Speaker | None:
    """The subject ending at token ``index`` before the verb, back to a mark, a preposition
    or the sentence's start ("كعنوان من منظمة العفو الدولية صرحت، أن")."""
    tokens, cues = context.layer.tokens, context.cues
    while index >= 0 and context.inside(tokens[index]) and _in(tokens[index], cues.auxiliaries):
        index -= 1
    first = index
    text = context.layer.text
    while first >= 0 and index - first < _PHRASE_LIMIT - 1:
        token = tokens[first]
        word = _word(token)
        if not context.inside(token) or not _is_word(token) or word in _PREPOSITIONS:
            break
        if "\n" in text[token.end : tokens[first + 1].start]:
            break  # a dateline line ("الجزائر ـ وكالات") is no subject of the verb below it
        if word in _PARTICLES or word in _CONJUNCTIONS or _is_verb(token, cues):
            break
        if _in(token, cues.auxiliaries):  # "وكان الوزير X أعلن": the subject starts after it
            break
        first -= 1
    first += 1
    if first > index:
        return None
    boundary = tokens[first - 1] if first > 0 else None
    if (
        boundary is not None
        and context.inside(boundary)
        and _is_word(boundary)
        and _word(boundary) not in _PREPOSITIONS
        and not _in(boundary, cues.auxiliaries)  # "وكان الوزير X أعلن"
    ):
        return None  # a verb or particle before the words: they are not its subject
    return _phrase(context, first, index + 1)


_RELAYED_WORDS = _folded({"قوله", "قولها", "قولهم", "قولهما", "قولهن"})
_RELAY_REACH = 10


def _relayed_from(context: _Context, index: int) -> Speaker | None:
    """The one whose words a relay quotes: "نقلت وسائل إعلام عن X قولها إن" names X (the
    relaying outlet is the citation's source), a name in marks after X ("“آفاد”") aside."""
    tokens = context.layer.tokens
    if index + 1 >= len(tokens) or _word(tokens[index + 1]) not in _RELAYED_WORDS:
        return None
    stop = index + 1
    if tokens[index].text in _NAME_MARKS.values():  # "X “آفاد” قولها": the alias in marks
        opening = next(
            (i for i in range(index - 1, max(index - 5, -1), -1) if tokens[i].text in _NAME_MARKS),
            None,
        )
        if opening is None:
            return None
        stop, index = opening, opening - 1
    for first in range(index, max(index - _RELAY_REACH, -1), -1):
        token = tokens[first]
        if not context.inside(token) or not _is_word(token):
            return None
        if _word(token) == "عن":
            return _phrase(context, first + 1, stop) if first + 1 < stop else None
    return None


def _doer(context: _Context, index: int) -> Speaker | None:
    """The subject of a light verb: "قامت X بإرسال تلك الرسائل:" names X."""
    tokens, cues = context.layer.tokens, context.cues
    if not _in(tokens[index], cues.doers):
        return None
    stop = index + 1
    while stop < len(tokens) and stop - index <= _PHRASE_LIMIT and context.inside(tokens[stop]):
        word = _word(tokens[stop])
        if word.startswith("ب") and len(word) > 3 and stop > index + 1:
            return _trimmed(context, index + 1, stop)
        if not _is_word(tokens[stop]) or word in _PREPOSITIONS:
            return None
        stop += 1
    return None


def _nisba(token: Token) -> bool:
    """An adjective of origin or affiliation ("الهايتي", "السورية", "المصريين")."""
    word = _word(token)
    return len(word) >= 4 and bool(re.search(r"(?:ي|يه|يون|يين|يات)$", word))


def _title_phrase(context: _Context, index: int) -> Speaker | None:
    """A title noun and the nisba adjectives after it: "المدون الهايتي"."""
    tokens, cues = context.layer.tokens, context.cues
    if not _in(tokens[index], cues.speakers):
        return None
    stop = index + 1
    while stop < len(tokens) and context.inside(tokens[stop]) and _nisba(tokens[stop]):
        stop += 1
    return _phrase(context, index, stop)


Reader = Callable[[_Context, int], Speaker | None]

ARABIC_SPEAKER_RULES: tuple[tuple[str, str, Reader], ...] = (
    # (name, where the speaker stands, reader) -- read top to bottom per position
    ("phrase_after_verb", "after", _phrase_after),  # "قال وزير الداخلية سامي نصر إن"
    ("titled_name_after_verb", "after", _titled_name),  # "قال الدكتور X رئيس ...، إن"
    ("pronoun_in_verb", "after", _pronoun_in_verb),  # "وأضاف:" -> the speaker named before
    ("relayed_from", "before", _relayed_from),  # "نقلت وسائل إعلام عن X قولها إن"
    ("subject_before_verb", "before", _subject_before),  # "منظمة العفو صرحت، أن"
    ("doer_of_light_verb", "intro", _doer),  # "قامت X بإرسال الرسائل:"
    ("title_with_nisba", "intro", _title_phrase),  # "أحسن المدون السوري إذ كتب:"
)
"""Speaker readers of an Arabic speech verb (after, before) or colon intro (intro)."""

NAMING_RULES = frozenset(
    {"phrase_after_verb", "titled_name_after_verb", "subject_before_verb", "relayed_from"}
)
"""Rules whose speaker is named by a phrase of the clause (a source the verb cites)."""


def _sentence(layer: TextLayer, offset: int) -> tuple[int, int]:
    return next(((s, e) for s, e in layer.sentences if s <= offset < e), (0, len(layer.text)))


def _after_start(context: _Context, verb: int) -> int:
    """The first token after the verb and any asides ("قال اليوم في بيان وزير ...")."""
    tokens = context.layer.tokens
    index = verb + 1
    while index < len(tokens):
        width = _phrase_width(tokens, index, context.cues.aside)
        if not width or not context.inside(tokens[index]):
            break
        index += width
    return index


def find_arabic_speaker(
    layer: TextLayer,
    cues: Cues,
    verb: int,
    *,
    skip: tuple[int, int],
    earlier: Sequence[Speaker] = (),
    after_first: bool = True,
    sentence: tuple[int, int] | None = None,
) -> Speaker | None:
    """The speaker of the Arabic speech verb at token ``verb`` (``skip``: the quoted span)."""
    tokens = layer.tokens
    bounds = sentence or _sentence(layer, tokens[verb].start)
    context = _Context(layer, cues, bounds, skip, tuple(earlier))
    sides: tuple[str, ...] = ("after", "before") if after_first else ("before", "after")
    if _in(tokens[verb], cues.participles):
        sides = ("after",)  # "مشيرة إلى أن": the participle's speaker is its clause's
    for side in sides:
        position = _after_start(context, verb) if side == "after" else verb - 1
        for name, where, reader in ARABIC_SPEAKER_RULES:
            if where != side or position < 0:
                continue
            found = reader(context, position)
            if found is not None:
                return Speaker(found.text, found.start, found.end, name)
    return None


def speaker_of_intro(
    layer: TextLayer, cues: Cues, intro: tuple[int, int], earlier: Sequence[Speaker]
) -> Speaker | None:
    """The speaker named in the words before a colon that introduces a quote: a speech
    verb's speaker, else a light verb's subject, else a title phrase."""
    tokens = layer.tokens
    inside = [i for i, t in enumerate(tokens) if intro[0] <= t.start < intro[1]]
    for index in inside:
        if _in(tokens[index], cues.speech | cues.report):
            found = find_arabic_speaker(
                layer, cues, index, skip=(0, 0), earlier=earlier, sentence=intro
            )
            if found is not None:
                return found
    context = _Context(layer, cues, intro, (0, 0), tuple(earlier))
    for name, where, reader in ARABIC_SPEAKER_RULES:
        if where != "intro":
            continue
        for index in inside:
            found = reader(context, index)
            if found is not None:
                return Speaker(found.text, found.start, found.end, name)
    return None


def colon_intro(layer: TextLayer, start: int) -> tuple[int, int] | None:
    """The words before a colon that ends just before ``start`` (past spaces, line breaks
    and an opening mark): from the sentence's start, or the line's, to the colon."""
    text = layer.text
    position = start
    while position > 0 and text[position - 1] in " \n\t«“\"'":
        position -= 1
    if position == 0 or text[position - 1] != ":":
        return None
    colon = position - 1
    begin = max(_sentence(layer, max(colon - 1, 0))[0], text.rfind("\n", 0, colon) + 1)
    return (begin, colon) if colon - begin >= 3 else None


def label_of(text: str, cues: Cues) -> tuple[str, int] | None:
    """The label opening a quoted post ("ترجمة:" -> translation) and where the post starts."""
    head = fold(text[:40], "ar")
    for label, kind in sorted(cues.labels.items(), key=lambda item: -len(item[0])):
        if head.startswith(label):
            colon = text.find(":", 0, len(label) + 6)
            if colon >= 0:
                return kind, colon + 1
    return None


def handle_of(text: str, start: int) -> Speaker | None:
    """The author of a post quoted with its "@handle:" ("@ShababLibya: What did ...")."""
    match = _HANDLE.match(text, start)
    if match is None:
        return None
    return Speaker(match.group(1), match.start(1), match.end(1), "handle_opening_quote")


def speaker_of_quote(
    layer: TextLayer,
    cues: Cues,
    span: tuple[int, int],
    earlier: Sequence[Speaker],
    previous: Speaker | None,
) -> Speaker | None:
    """The speaker of a quote no speech verb in its sentence names: a translation repeats
    the ``previous`` quote's speaker; else the colon intro before it; else its "@handle:"."""
    text = layer.text
    start, end = span
    label = label_of(text[start:end], cues)
    if label is not None and label[0] == "translation" and previous is not None:
        return Speaker(previous.text, previous.start, previous.end, "translation_of_quote_before")
    intro = colon_intro(layer, start)
    if intro is not None:
        found = speaker_of_intro(layer, cues, intro, earlier)
        if found is not None:
            return found
    return handle_of(text, start + (label[1] if label else 0))


def speaker_after_words(
    layer: TextLayer, cues: Cues, index: int, *, earlier: Sequence[Speaker] = ()
) -> Speaker | None:
    """The speaker or source named after "على لسان" / "بحسب" / "وفقا لـ" ending before token
    ``index``; "بحسب ما ذكرته X" names X (the relative "ما" and its verb are passed over)."""
    tokens = layer.tokens
    if index < len(tokens) and _word(tokens[index]) == "ما":
        index += 1
    if index < len(tokens) and _is_verb_stem(tokens[index], cues):
        index += 1  # "وفقا لما نقلته X", "حسب ما صرح به X"
        if index < len(tokens) and _word(tokens[index]) in {"به", "بها"}:
            index += 1
    if index >= len(tokens):
        return None
    bounds = _sentence(layer, tokens[index].start)
    context = _Context(layer, cues, bounds, (0, 0), tuple(earlier))
    found = _phrase_after(context, index)
    return Speaker(found.text, found.start, found.end, "words_of_phrase") if found else None


def _is_verb_stem(token: Token, cues: Cues) -> bool:
    """A speech or report verb, also with an object pronoun ("ذكرته", "أوردها")."""
    word = _word(token)
    forms = {word, *(word[: -len(s)] for s in ("ته", "ه", "ها", "تها") if word.endswith(s))}
    return bool(forms & (cues.speech | cues.report)) or _is_verb(token, cues)


def source_after_report(layer: TextLayer, cues: Cues, verb: int) -> Speaker | None:
    """The source a report verb names after it ("تفيد التقارير الإخبارية بأن", "ذكرت
    وكالة الأنباء الرسمية أن"): a phrase up to a delimiter."""
    tokens = layer.tokens
    context = _Context(layer, cues, _sentence(layer, tokens[verb].start), (0, 0), ())
    found = _phrase_after(context, _after_start(context, verb))
    return Speaker(found.text, found.start, found.end, "source_after_report") if found else None
