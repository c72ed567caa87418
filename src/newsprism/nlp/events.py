"""Typed events: who did what to whom, where and when, one event per trigger clause.

The spaCy component ``newsprism_events`` finds event triggers (words and phrases of the
``event_types`` lexicon, read as lemmas on the parse), keeps those the text asserts
(not negated, not under a modal, a condition or a word of intent such as "threatened to"),
and fills each event from the parse and from the earlier components' results:
actor and target from the trigger's subject and object (the "by" agent in the passive),
place from ``doc._.places``, date from ``doc._.time_expressions`` and count from
``doc._.claims``. The ontology and its rules are documented in docs/events.md.

Results go to ``doc._.events`` as :class:`newsprism.models.Event` records whose
``start``/``end`` delimit the trigger's clause in ``doc.text``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsprism.lexicons import lexicon_cache, load_lexicon, load_mapping, use_user_entries
from newsprism.models import Claim, Event, Mention, Place, TimeExpression
from newsprism.nlp.doc_index import doc_text
from newsprism.nlp.extensions import register_extensions

EVENT_TYPES = (
    "protest",
    "riot",
    "attack",
    "kill",
    "arrest",
    "deploy",
    "seize",
    "emergency",
    "resign_dismiss",
    "restrict",
    "statement_accuse",
    "assist",
)
# The claim category whose figure counts an event of each type.
COUNT_CATEGORIES = {"kill": "killed", "arrest": "detained", "deploy": "troops"}
# States a verb such as "lift" can end; other events cannot be undone by a later verb.
UNDOABLE_TYPES = frozenset({"emergency", "restrict"})

# Grammar, not vocabulary: closed classes that decide how the parse is read.
_MODALS = {"could", "would", "may", "might", "will", "shall", "should", "must", "can", "'ll", "wo"}
_CONDITIONS = {"if", "unless", "whether", "lest"}
_NEGATING_DETERMINERS = {"no", "neither"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_PREDICATE_DEPS = {"acomp", "oprd"}
_NEGATIVE_SUBJECTS = {"nobody", "none", "nothing", "noone", "neither"}
_CLAUSE_BREAKS = {"relcl", "advcl", "acl"}
_SEPARATE_CLAUSES = {"conj", "advcl", "parataxis"}
_TARGET_PREPOSITIONS = {"on", "against", "with", "upon"}
_PHRASE_TARGET_PREPOSITIONS = {"of", "to", "on", "against", "upon", "into", "over"}
_SPEAKER_PRONOUNS = {"it", "he", "she", "they"}
_NOUN_TARGET_PREPOSITIONS = {"on", "against", "of", "upon", "with"}
_DROPPED_IN_PHRASE = {"relcl", "acl", "appos", "punct", "advcl", "cc", "prep", "ccomp", "parataxis"}
_ARTICLES = {"the", "a", "an"}
_PHRASE_MAX_TOKENS = 12
_CITY_FEATURES = {"city", "PPLC"}
_PRECISION_BY_FEATURE = {"city": "exact", "PPLC": "exact", "admin1": "region", "country": "country"}
_PRECISION_RANK = {"exact": 0, "region": 1, "country": 2}
_TIME_PRECISIONS = {"day", "week", "month", "year"}
_REPORTING_ROLES = {"speech", "report", "write", "relay"}


@dataclass(frozen=True)
class TriggerEntry:
    """One line of the event_types lexicon."""

    type: str
    words: tuple[str, ...]
    pos: frozenset[str] = frozenset()
    patient: bool = False
    carrier: bool = False
    role: bool = False
    person: bool = False


@dataclass(frozen=True)
class EventLexicon:
    """Triggers, longest first, and the grammar-helper word classes."""

    triggers: tuple[TriggerEntry, ...]
    irrealis: frozenset[str]
    undo: frozenset[str]
    reporting: frozenset[str]
    by_first_word: Mapping[str, tuple[int, ...]] = field(default_factory=dict, compare=False)
    """Positions in ``triggers`` of the entries whose first word is the key."""


@dataclass(frozen=True)
class _Trigger:
    entry: TriggerEntry
    anchor: Token
    tokens: tuple[Token, ...]


# --- the lexicon ------------------------------------------------------------------------


def build_lexicon(extra_lines: Sequence[str] = ()) -> EventLexicon:
    """The shipped ``event_types`` lexicon plus user lines (``trigger<TAB>type[<TAB>flags]``)."""
    return _build_lexicon(tuple(extra_lines))


@lexicon_cache
def _build_lexicon(extra_lines: tuple[str, ...]) -> EventLexicon:
    triggers: list[TriggerEntry] = []
    irrealis: set[str] = set()
    undo: set[str] = set()
    for line in (*load_lexicon("event_types"), *extra_lines):
        term, _, rest = line.partition("\t")
        kind, _, flag_text = rest.strip().partition("\t")
        words = tuple(term.lower().split())
        if not words or not kind:
            continue
        if kind == "~irrealis":
            irrealis.add(" ".join(words))
        elif kind == "~undo":
            undo.add(" ".join(words))
        else:
            flags = {f.strip() for f in flag_text.split(",") if f.strip()}
            triggers.append(
                TriggerEntry(
                    type=kind,
                    words=words,
                    pos=frozenset(flags & {"VERB", "NOUN", "ADJ"}),
                    patient="patient" in flags,
                    carrier="carrier" in flags,
                    role="role" in flags,
                    person="person" in flags,
                )
            )
    triggers.sort(key=lambda e: -len(e.words))  # stable: file order within a length
    reporting = {
        term.lower()
        for term, role in load_mapping("speech_verbs").items()
        if role in _REPORTING_ROLES and " " not in term.strip()
    }
    by_first_word: dict[str, list[int]] = {}
    for position, entry in enumerate(triggers):
        by_first_word.setdefault(entry.words[0], []).append(position)
    return EventLexicon(
        tuple(triggers),
        frozenset(irrealis),
        frozenset(undo),
        frozenset(reporting),
        {word: tuple(positions) for word, positions in by_first_word.items()},
    )


# --- finding triggers -------------------------------------------------------------------


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _is_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")


def _pos_allows(entry: TriggerEntry, token: Token) -> bool:
    if token.pos_ == "PROPN":
        return False  # "March", a headline's "Riot Police" as a name
    if not entry.pos:
        return True
    pos = "VERB" if _is_verb(token) else token.pos_
    return pos in entry.pos


def _consecutive(sentence: Span, start: int, words: tuple[str, ...]) -> tuple[Token, ...] | None:
    doc = sentence.doc
    if start + len(words) > sentence.end:
        return None
    tokens = tuple(doc[start + k] for k in range(len(words)))
    if all(_lemma(t) == w or t.lower_ == w for t, w in zip(tokens, words, strict=True)):
        return tokens
    return None


def _dependents(anchor: Token, words: tuple[str, ...]) -> tuple[Token, ...] | None:
    """Tokens for ``words`` among the anchor's children and grandchildren, or None."""
    near = [c for c in anchor.children] + [g for c in anchor.children for g in c.children]
    if anchor.dep_ in _PREDICATE_DEPS:  # "banks were closed" read as an adjective
        near += [s for s in anchor.head.children if s.i != anchor.i]
    found: list[Token] = []
    for word in words:
        match = next((t for t in near if t not in found and _lemma(t) == word), None)
        if match is None:
            return None
        found.append(match)
    return tuple(found)


def _syntactic_head(tokens: tuple[Token, ...]) -> Token:
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1]


def _match(entry: TriggerEntry, sentence: Span, token: Token) -> _Trigger | None:
    if len(entry.words) == 1:
        if _lemma(token) == entry.words[0] or token.lower_ == entry.words[0]:
            return _Trigger(entry, token, (token,)) if _pos_allows(entry, token) else None
        return None
    if _lemma(token) != entry.words[0] and token.lower_ != entry.words[0]:
        return None
    run = _consecutive(sentence, token.i, entry.words)
    if run is not None:
        anchor = _syntactic_head(run)
        return _Trigger(entry, anchor, run) if anchor.pos_ != "PROPN" else None
    others = _dependents(token, entry.words[1:])
    if others is not None and _pos_allows(entry, token):
        return _Trigger(entry, token, (token, *others))
    return None


def find_triggers(sentence: Span, lexicon: EventLexicon) -> list[_Trigger]:
    """Trigger matches in a sentence; a token belongs to at most one trigger.

    Entries are tried in lexicon order and each on the sentence's tokens from left to
    right, but only entries whose first word is a token's lemma or lower form, and only on
    those tokens (a first-word index, instead of every entry on every token)."""
    starting: dict[int, list[Token]] = {}
    for token in sentence:
        lemma, lower = _lemma(token), token.lower_
        positions = set(lexicon.by_first_word.get(lemma, ()))
        if lower != lemma:
            positions.update(lexicon.by_first_word.get(lower, ()))
        for position in positions:
            starting.setdefault(position, []).append(token)
    used: set[int] = set()
    found: list[_Trigger] = []
    for position in sorted(starting):
        entry = lexicon.triggers[position]
        for token in starting[position]:
            if token.i in used:
                continue
            trigger = _match(entry, sentence, token)
            if trigger is None or any(t.i in used for t in trigger.tokens):
                continue
            used.update(t.i for t in trigger.tokens)
            found.append(trigger)
    found.sort(key=lambda t: t.anchor.i)
    return found


# --- is it asserted? --------------------------------------------------------------------


def _negated_here(node: Token, *, as_anchor: bool) -> bool:
    for child in node.children:
        if child.dep_ == "neg":
            return True
        if as_anchor and child.dep_ == "det" and child.lower_ in _NEGATING_DETERMINERS:
            return True
    return False


def _has_negative_subject(anchor: Token) -> bool:
    """ "Nobody was arrested", "no troops were sent": the subject denies the event."""
    holder = anchor.head if anchor.dep_ in _PREDICATE_DEPS else anchor
    for child in holder.children:
        if child.dep_ in _SUBJECT_DEPS and (
            child.lower_ in _NEGATIVE_SUBJECTS or _negated_here(child, as_anchor=True)
        ):
            return True
    return False


def _unreal_here(node: Token, lexicon: EventLexicon) -> bool:
    """A modal, a condition or an infinitive of intent on this node."""
    for child in node.children:
        if child.dep_ == "aux" and (child.tag_ == "MD" or child.lower_ in _MODALS):
            return True
        if child.dep_ == "mark" and child.lower_ in _CONDITIONS:
            return True
        if (
            child.dep_ == "aux"
            and child.tag_ == "TO"
            and _lemma(node.head) not in lexicon.reporting
        ):
            return True  # "plans to deploy"; but "were said to have stormed" stands
    return False


def is_asserted(trigger: _Trigger, lexicon: EventLexicon) -> bool:
    """False for negated, hypothetical, future or intended events and for undone states."""
    anchor = trigger.anchor
    if _negated_here(anchor, as_anchor=True) or _has_negative_subject(anchor):
        return False
    head = anchor.head
    if (
        trigger.entry.type in UNDOABLE_TYPES
        and head.i != anchor.i
        and _lemma(head) in lexicon.undo
        and anchor.dep_ in {"dobj", "nsubjpass", "pobj"}
    ):
        return False
    node, via_weak = anchor, False
    for _ in range(64):
        if node.i != anchor.i and _lemma(node) in lexicon.irrealis:
            return False
        if _unreal_here(node, lexicon):
            return False
        if node.i != anchor.i and not via_weak and _negated_here(node, as_anchor=False):
            return False
        parent = node.head
        if parent.i == node.i or node.dep_ in _CLAUSE_BREAKS:
            break
        if node.dep_ in {"ccomp", "parataxis"} and _lemma(parent) in lexicon.reporting:
            break  # a reported event is still an event
        if node.dep_ == "prep" and _is_verb(parent) and _lemma(parent) not in lexicon.irrealis:
            break  # an adjunct ("after the riots") does not share its verb's mood
        via_weak = node.dep_ in {"conj", *_SUBJECT_DEPS} or (via_weak and not _is_verb(node))
        node = parent
    return True


# --- clause, roles, phrases -------------------------------------------------------------


def _clause_head(anchor: Token, sentence: Span) -> Token:
    node = anchor
    while (
        not _is_verb(node)
        and node.head.i != node.i
        and sentence.start <= node.head.i < sentence.end
    ):
        node = node.head
    return node


def _clause_bounds(anchor: Token, sentence: Span) -> tuple[int, int]:
    """Character bounds of the anchor's clause, without coordinated or adverbial clauses."""
    head = _clause_head(anchor, sentence)
    path = [anchor]
    while path[-1].i != head.i and len(path) < 64:
        path.append(path[-1].head)
    excluded: set[int] = set()
    for child in (c for node in path for c in node.children):
        separate = child.dep_ in _SEPARATE_CLAUSES and (_is_verb(child) or child.dep_ != "conj")
        if separate and not (child.left_edge.i <= anchor.i <= child.right_edge.i):
            excluded.update(t.i for t in child.subtree)
    tokens = [t for t in head.subtree if t.i not in excluded and sentence.start <= t.i]
    tokens = [t for t in tokens if t.i < sentence.end]
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in {"cc", "mark"} or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc" or tokens[-1].is_space):
        tokens.pop()
    if len(tokens) < 2:
        return _trimmed(sentence)
    first, last = tokens[0], tokens[-1]
    return first.idx, last.idx + len(last.text)


def _trimmed(sentence: Span) -> tuple[int, int]:
    text = sentence.text
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    end = sentence.start_char + len(text.rstrip())
    return start, max(start, end)


def _child(token: Token, deps: Iterable[str]) -> Token | None:
    wanted = set(deps)
    return next((c for c in token.children if c.dep_ in wanted), None)


def _prep_object(token: Token, prepositions: set[str]) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            found = _child(child, {"pobj"})
            if found is not None:
                return found
    return None


def _agent(token: Token) -> Token | None:
    agent = _child(token, {"agent"})
    return _child(agent, {"pobj"}) if agent is not None else None


def _inherited_subject(verb: Token) -> Token | None:
    """The subject a coordinated or controlled verb shares with the verb above it."""
    node = verb
    for _ in range(8):
        shared = node.dep_ in {"conj", "xcomp"} or (node.dep_ == "advcl" and node.tag_ == "VBG")
        if not shared or node.head.i == node.i:
            return None
        node = node.head
        subject = _child(node, _SUBJECT_DEPS)
        if subject is not None:
            return subject
    return None


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return True
    reduced = verb.dep_ == "acl" and verb.tag_ == "VBN"  # "activists detained by police"
    return reduced and not any(c.dep_ in {"nsubj", "aux"} for c in verb.children)


def _verb_roles(trigger: _Trigger) -> tuple[Token | None, Token | None]:
    verb = trigger.anchor
    subject = _child(verb, _SUBJECT_DEPS) or _inherited_subject(verb)
    if subject is not None and subject.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
        subject = verb.head  # "protesters who stormed the building"
    if verb.dep_ == "acl" and subject is None:
        subject = verb.head  # "activists detained by police"
    obj = _child(verb, {"dobj", "obj"}) or _prep_object(verb, _TARGET_PREPOSITIONS)
    if trigger.entry.patient:
        return _agent(verb), subject
    if _is_passive(verb):
        return _agent(verb), subject
    return subject, obj


def _noun_roles(trigger: _Trigger) -> tuple[Token | None, Token | None]:
    noun = trigger.anchor
    possessor = _child(noun, {"poss"})
    target = _prep_object(noun, _NOUN_TARGET_PREPOSITIONS)
    actor = _prep_object(noun, {"by", "between"})
    if trigger.entry.patient and possessor is not None:
        target = target or possessor
    elif possessor is not None:
        actor = actor or possessor
    light = noun.head
    if actor is None and light.i != noun.i and _is_verb(light):
        if noun.dep_ in {"dobj", "obj"}:
            actor = _child(light, {"nsubj"}) or _inherited_subject(light)
        elif noun.dep_ == "nsubjpass":
            actor = _agent(light)
    return actor, target


def find_roles(trigger: _Trigger) -> tuple[Token | None, Token | None]:
    """(actor, target) head tokens of a trigger, read from the parse."""
    anchor = trigger.anchor
    if anchor.dep_ in _PREDICATE_DEPS and not _is_verb(anchor):
        actor, target = None, _child(anchor.head, _SUBJECT_DEPS)
    elif _is_verb(anchor):
        actor, target = _verb_roles(trigger)
    else:
        actor, target = _noun_roles(trigger)
    return _outside_phrase(trigger, actor), _outside_phrase(trigger, target)


def _outside_phrase(trigger: _Trigger, token: Token | None) -> Token | None:
    """A role filled by the trigger's own words ("set fire") passes to what they govern."""
    phrase = {t.i for t in trigger.tokens}
    if token is None or token.i not in phrase or trigger.entry.role:
        return token
    for word in (token, trigger.anchor):
        inner = _prep_object(word, _PHRASE_TARGET_PREPOSITIONS)
        if inner is not None and inner.i not in phrase:
            return inner
    return None


def reported_speaker(token: Token | None, lexicon: EventLexicon) -> Token | None:
    """The speaker a pronoun subject stands for in a reported clause ("X said it had sent")."""
    if token is None or token.pos_ != "PRON" or token.dep_ not in _SUBJECT_DEPS:
        return token
    clause = token.head
    if clause.dep_ != "ccomp" or _lemma(clause.head) not in lexicon.reporting:
        return token
    speaker = _child(clause.head, {"nsubj"})
    if speaker is None or speaker.pos_ == "PRON" or token.lower_ not in _SPEAKER_PRONOUNS:
        return token
    return speaker


def _phrase_bounds(head: Token, within: Span | None) -> tuple[int, int]:
    kept = [head]
    stack = [c for c in head.children if c.dep_ not in _DROPPED_IN_PHRASE or _keeps_of(c)]
    while stack:
        token = stack.pop()
        kept.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _DROPPED_IN_PHRASE or _keeps_of(c))
    if within is not None:
        kept = [t for t in kept if within.start <= t.i < within.end]
    kept.sort(key=lambda t: t.i)
    while len(kept) > 1 and kept[0].dep_ == "det" and kept[0].lower_ in _ARTICLES:
        kept = kept[1:]
    while len(kept) > 1 and (kept[-1].is_punct or kept[-1].is_space or kept[-1].dep_ == "case"):
        kept = kept[:-1]
    if len(kept) > _PHRASE_MAX_TOKENS:
        kept = [t for t in kept if t.i == head.i or (t.head.i == head.i and t.dep_ == "compound")]
    return kept[0].idx, kept[-1].idx + len(kept[-1].text)


def _keeps_of(token: Token) -> bool:
    return token.dep_ == "prep" and token.lower_ in {"of", "from"} and token.head.pos_ != "VERB"


def name_phrase(
    head: Token | None, mentions: Sequence[Mention], *, within: Span | None = None
) -> str | None:
    """The phrase a role token heads, as the name a mention gives it when one covers it."""
    if head is None or head.pos_ == "PRON" or head.tag_ in {"WP", "WDT", "PRP"}:
        return None  # no coreference here: "they" names nobody
    for mention in mentions:
        if mention.start <= head.idx < mention.end:
            return mention.text
    start, end = _phrase_bounds(head, within)
    text = doc_text(head.doc)[start:end].strip()
    return text or None


# --- place, date, count -----------------------------------------------------------------


def _inside(start: int, end: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= start and end <= bounds[1]


def _place_precision(place: Place) -> str | None:
    return _PRECISION_BY_FEATURE.get(place.feature or "")


def choose_place(
    places: Sequence[Place], clause: tuple[int, int], sentence: tuple[int, int], at: int
) -> Place | None:
    """The lowest-level place in the clause, else in the sentence; nearest the trigger on ties."""
    for bounds in (clause, sentence):
        inside = [
            p for p in places if _inside(p.start, p.end, bounds) and _place_precision(p) is not None
        ]
        if inside:
            return min(
                inside,
                key=lambda p: (
                    _PRECISION_RANK[_place_precision(p) or "country"],
                    abs(p.start - at),
                ),
            )
    return None


@dataclass(frozen=True)
class Location:
    """Where an event is placed, and how precisely."""

    name: str
    lat: float | None
    lon: float | None
    precision: str


def _location(place: Place) -> Location:
    return Location(place.name, place.lat, place.lon, _place_precision(place) or "country")


def focus_country(places: Sequence[Place]) -> Location | None:
    """The article's most mentioned country, counting every place in it (ties: first named)."""
    counts = Counter(p.country_code for p in places if p.country_code)
    if not counts:
        return None
    code = counts.most_common(1)[0][0]
    named = [p for p in places if p.country_code == code and p.feature == "country"]
    if named:
        return _location(named[0])
    from newsprism.nlp.gazetteer import load_gazetteer  # cached; loaded already when places ran

    entry = load_gazetteer().country(code)
    return Location(entry.name, entry.lat, entry.lon, "country") if entry is not None else None


def _dates_a_name(doc: Doc, time: TimeExpression) -> bool:
    """A date that belongs to a noun ("the Treaty of May 15, 1992"), not to the event."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    preposition = root.head
    return (
        root.dep_ == "pobj"
        and preposition.lower_ == "of"
        and preposition.head.pos_ in {"NOUN", "PROPN"}
    )


def _bare_year(time: TimeExpression) -> bool:
    """ "stepped down in 2019": a year alone places a fact in the past, it does not date
    the event the sentence reports."""
    return time.granularity == "year" and time.text.strip().isdigit()


def choose_date(
    doc: Doc,
    times: Sequence[TimeExpression],
    clause: tuple[int, int],
    sentence: tuple[int, int],
    at: int,
) -> TimeExpression | None:
    for bounds in (clause, sentence):
        inside = [
            t
            for t in times
            if t.date
            and _inside(t.start, t.end, bounds)
            and not _dates_a_name(doc, t)
            and not _bare_year(t)
        ]
        if inside:
            return min(inside, key=lambda t: abs(t.start - at))
    return None


def choose_count(
    claims: Sequence[Claim],
    event_type: str,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    at: int,
) -> float | None:
    category = COUNT_CATEGORIES.get(event_type)
    if category is None:
        return None
    for bounds in (clause, sentence):
        inside = [
            c
            for c in claims
            if c.category == category and c.value_min is not None and _overlaps(c, bounds)
        ]
        if inside:
            return min(inside, key=lambda c: abs(c.start - at)).value_min
    return None


def _overlaps(claim: Claim, bounds: tuple[int, int]) -> bool:
    return claim.start < bounds[1] and bounds[0] < claim.end


# --- the component ----------------------------------------------------------------------


def in_headline(token: Token, sentence: Span) -> bool:
    """Whether the token's line is headline-style: unpunctuated, most longer words capitalised."""
    text = doc_text(token.doc)
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    end = len(text) if end < 0 else end
    if text[start:end].rstrip().endswith((".", "!", "?", "…")):
        return False  # a headline has no full stop
    words = [t for t in sentence if start <= t.idx < end and t.is_alpha and len(t.text) >= 4]
    capitals = sum(1 for t in words if t.text[0].isupper())
    return len(words) >= 3 and capitals >= 0.7 * len(words)


def _names_person(token: Token | None, mentions: Sequence[Mention]) -> bool:
    if token is None:
        return False
    if token.ent_type_ == "PERSON":
        return True
    return any(m.label == "PERSON" and m.start <= token.idx < m.end for m in mentions)


def _asserted_triggers(sentence: Span, lexicon: EventLexicon) -> list[_Trigger]:
    triggers = [
        t
        for t in find_triggers(sentence, lexicon)
        if is_asserted(t, lexicon) and not in_headline(t.anchor, sentence)
    ]
    carried = set()
    for trigger in triggers:
        if trigger.entry.carrier:
            inner = {t.i for t in trigger.anchor.subtree} - {trigger.anchor.i}
            if any(o.anchor.i in inner and not o.entry.carrier for o in triggers):
                carried.add(trigger.anchor.i)
    return [t for t in triggers if t.anchor.i not in carried]


def paragraph_parts(sentence: Span) -> Iterator[Span]:
    """The sentence cut at blank lines: the parser sometimes runs a headline into the text."""
    doc = sentence.doc
    start = sentence.start
    for token in sentence:
        if token.is_space and token.text.count("\n") >= 2:
            if token.i > start:
                yield doc[start : token.i]
            start = token.i + 1
    if start < sentence.end:
        yield doc[start : sentence.end]


def find_events(
    doc: Doc, *, lexicon: EventLexicon | None = None, country_fallback: bool = True
) -> list[Event]:
    """Typed events in a parsed ``doc``, in text order."""
    if not doc.has_annotation("DEP") or not doc_text(doc).strip():
        return []
    lexicon = lexicon or build_lexicon()
    places: list[Place] = list(doc._.places or [])
    fallback = focus_country(places) if country_fallback else None
    events: list[Event] = []
    for sentence in (part for sent in doc.sents for part in paragraph_parts(sent)):
        if sentence.text.rstrip().endswith("?"):
            continue  # a question asserts no event
        events.extend(_sentence_events(doc, sentence, lexicon, places, fallback))
    return events


def _sentence_events(
    doc: Doc,
    sentence: Span,
    lexicon: EventLexicon,
    places: Sequence[Place],
    fallback: Location | None,
) -> Iterator[Event]:
    seen: set[tuple[str, int, int]] = set()
    for trigger in _asserted_triggers(sentence, lexicon):
        clause = _clause_bounds(trigger.anchor, sentence)
        key = (trigger.entry.type, *clause)
        if key in seen:
            continue
        event = _make_event(doc, lexicon, trigger, sentence, clause, places, fallback)
        if event is not None:
            seen.add(key)
            yield event


def _within(token: Token | None, part: Span) -> Token | None:
    return token if token is not None and part.start <= token.i < part.end else None


def _make_event(
    doc: Doc,
    lexicon: EventLexicon,
    trigger: _Trigger,
    part: Span,
    clause: tuple[int, int],
    places: Sequence[Place],
    fallback: Location | None,
) -> Event | None:
    at = trigger.anchor.idx
    sentence = _trimmed(part)
    mentions: list[Mention] = list(doc._.mentions or [])
    actor, target = (_within(t, part) for t in find_roles(trigger))
    actor = reported_speaker(actor, lexicon)
    if trigger.entry.person and not _names_person(target, mentions):
        return None  # "dismissed the accusations" is no dismissal
    found = choose_place(places, clause, sentence, at)
    place = _location(found) if found is not None else fallback
    when = choose_date(doc, doc._.time_expressions or [], clause, sentence, at)
    granularity = when.granularity if when is not None else None
    return Event(
        article_id=doc._.article_id,
        type=trigger.entry.type,
        text=doc_text(doc)[clause[0] : clause[1]],
        start=clause[0],
        end=clause[1],
        date=when.date if when is not None else None,
        place=place.name if place is not None else None,
        lat=place.lat if place is not None else None,
        lon=place.lon if place is not None else None,
        geo_precision=place.precision if place is not None else None,
        time_precision=granularity if granularity in _TIME_PRECISIONS else None,
        actor=name_phrase(actor, mentions, within=part),
        target=name_phrase(target, mentions, within=part),
        count=choose_count(doc._.claims or [], trigger.entry.type, clause, sentence, at),
    )


class EventFinder:
    """The ``newsprism_events`` pipeline component: sets ``doc._.events``.

    ``lexicons``: extra lexicon lines by lexicon name (``event_types`` is read).
    ``country_fallback``: place an event with no place in its sentence in the article's
    most mentioned country (geo_precision "country").
    """

    def __init__(
        self,
        *,
        lexicons: Mapping[str, Sequence[str]] | None = None,
        country_fallback: bool = True,
    ) -> None:
        register_extensions()
        self.lexicon = build_lexicon(tuple((lexicons or {}).get("event_types", ())))
        self.country_fallback = country_fallback

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = find_events(
            doc, lexicon=self.lexicon, country_fallback=self.country_fallback
        )
        return doc


@Language.factory(
    "newsprism_events",
    default_config={"lexicons": {}, "country_fallback": True},
)
def make_event_finder(
    nlp: Language,
    name: str,
    *,
    lexicons: dict[str, list[str]],
    country_fallback: bool,
) -> EventFinder:
    use_user_entries(lexicons)
    return EventFinder(lexicons=lexicons, country_fallback=country_fallback)


__all__ = [
    "EVENT_TYPES",
    "EventFinder",
    "EventLexicon",
    "Location",
    "TriggerEntry",
    "build_lexicon",
    "choose_place",
    "find_events",
    "find_roles",
    "find_triggers",
    "focus_country",
    "is_asserted",
]
