"""Numeric claims about people: how many were killed, injured, detained, deployed.

The spaCy component ``newsprism_claims`` reads each sentence's number expressions
(:mod:`newsprism.nlp.numbers`) and keeps one only when the dependency parse ties it to
people and to a category trigger: the number quantifies a person noun ("3,000 people
were detained") or is itself the subject or object of a casualty verb ("26 were
killed", "police arrested 200"), or counts a casualty noun ("40 deaths", "18 dead",
"the death toll rose to 40"). Numbers under a modal, a condition or an infinitive of
intent ("could kill thousands", "if 30 are arrested", "plans to deploy") are predictions,
not claims. Precision comes first: a number the parse does not clearly tie is dropped,
unless it continues a count just made in the same sentence (gapping "and two more",
"including three journalists", "up from 875", "Sylhet (61 dead) and Sunamganj (24)") or,
as a copular sub-count ("Six of them were children"), in the sentence before.
Where the small parser is known to stumble, a few readings do not rest on one arc: a
number right before a casualty participle ("Thirty-one wounded, some ..."), right after
an object-less casualty verb at a headline's end, or misparsed as an apposition before
a subject-less verb, or a count followed by auxiliaries and a subject-less participle ("in
excess of 3,000 people had been detained"). The clause's own verb decides over a state it
puts people in ("in hospital", "to intensive care", "in shelters": lexicon lines opening
with a preposition), and both over the counted noun ("nine detainees were taken to
hospital" is injured). Layouts: key-figure labels ("Injured: 40"), list lines the parser
cut after the number ("78\nbodies recovered"), no reading across list items; sub-counts
after a colon, "of which", "including" and their list ("47 Syrians, 43 Egyptians and ..."),
a fronted "Of the injured, 66 ...", a bare total ("bringing the total to 5,000"), and a
count a later "them" takes up. A raising verb sets a toll as its object ("brought the
death toll to 40", "bring to 39 the number of people killed", the "to" phrase found even
when the parser hung it on the participle); a causative's object undergoes its infinitive
("forced 19,000 residents to flee"); a counted noun reads a casualty participle right after
it ("among the 17 people wounded") and climbs out of qualifier words ("upwards of",
"between") or a misread word of a long subject to its clause. Person nouns come from
``counted_groups`` (entries, word-ending rules such as "-ist", exclusions) and nationality
plurals.

Results go to ``doc._.claims`` as :class:`newsprism.models.Claim` records with character
offsets; place, date and attribution come from ``doc._.places``, ``doc._.time_expressions``
and ``doc._.citations`` when an earlier component set them, else (attribution only) from
:func:`find_attribution` on the parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsprism.countries import demonym_codes, fold
from newsprism.errors import InputError
from newsprism.lexicons import lexicon_cache, load_mapping, use_user_entries
from newsprism.models import Citation, Claim, Place, Quote, TimeExpression
from newsprism.nlp.doc_index import doc_text
from newsprism.nlp.extensions import register_extensions
from newsprism.nlp.figure_context import count_site, figure_context
from newsprism.nlp.grammar import clause_verb, is_asserted
from newsprism.nlp.numbers import Quantity, VagueTable, find_quantities

# Grammar, not vocabulary: these closed classes decide how the parse is read.
_NUMBER_DEPS = {"nummod", "quantmod", "amod", "compound", "nmod", "det", "appos"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_PREDICATE_DEPS = {"acomp", "oprd", "attr", "xcomp", "ccomp"}
_INTENT_VERBS = {
    "threaten",
    "plan",
    "intend",
    "expect",
    "predict",
    "forecast",
    "risk",
    "propose",
    "prepare",
    "promise",
    "pledge",
    "vow",
    "aim",
    "seek",
    "want",
    "hope",
    "agree",
    "decide",
    "order",
    "offer",
    "ask",
    "request",
    "consider",
    "approve",
}
_WEIGHING_VERBS = {"consider"}
"""Intent verbs that with a noun for their object weigh what exists ("after considering 29
bodies at the morgue"), and with a clause plan ("considering sending troops")."""
_UNRESOLVED_PARENT = -1
SUBSET_REACH = 400
"""A subset's total is looked for at most this many characters before it (a sentence or two)."""
_REPORTING_VERBS = {
    "say",
    "report",
    "announce",
    "state",
    "tell",
    "claim",
    "confirm",
    "add",
    "declare",
    "write",
    "note",
    "estimate",
    "tweet",
    "post",
    "allege",
    "insist",
    "reveal",
    "publish",
    "quote",
    "put",
    "acknowledge",
    "admit",
}
_REPORTING_LEMMAS = frozenset(_REPORTING_VERBS)
_PATIENT_SUBJECT_VERBS = {
    "die",
    "perish",
    "drown",
    "succumb",
    "suffocate",
    "starve",
    "arrive",
    "flee",
    "cross",  # a trigger only with "into" or "border": "1.8 million have crossed into Chad"
    "disappear",
    "deploy",
    "mobilize",
}
# "forced 19,000 residents to flee", "caused 40,000 to leave their homes": the object of a
# causative verb is the subject of its infinitive, told as a fact (unlike "ordered ... to")
_CAUSATIVE_VERBS = {"force", "cause", "prompt", "compel", "drive", "oblige", "lead", "make"}
_TOLL_NOUNS = {"toll", "tally", "count"}
_TOLL_VERBS = {
    "rise", "reach", "climb", "stand", "increase", "jump", "hit", "grow", "be", "top", "surge",
    "soar", "swell", "mount", "leap", "revise", "reduce", "drop", "fall",
}  # fmt: skip
_RANGE_VERBS = {"range", "vary"}
# "40 marchers needed medical attention": the subject undergoes what the object names
_EXPERIENCER_VERBS = {"need", "require", "receive", "undergo"}
# "bringing the total to 1,200": a verb that sets a total the text is already counting
_RAISING_VERBS = {"bring", "take", "push", "raise", "lift", "put", "update", "revise", "lower"}
_PASSING_VERBS = {"pass", "exceed", "surpass", "top", "cross"}  # "the toll passes 1,100": > N
_ESTIMATE_VERBS = {"put", "place", "estimate", "set"}  # "put the number of dead at 300"
_TOLL_PREPOSITIONS = {"to", "at", "above", "past", "beyond", "over"}
_TOTAL_NOUNS = {
    "total",
    "number",
    "group",
    "tally",
    "estimate",
    "figure",
}  # "a total of 79 officers were hurt"
_SUBCOUNT_PREPOSITIONS = {"including", "include", "among"}  # "30 people, including 5 children"
_CHANGE_ADVERBS = {"up", "down"}  # "..., up from 875 the day before"
_FORCE_NOUNS = {"force", "contingent", "deployment", "total", "battalion", "unit", "detachment"}
# Closed classes for counts of security personnel that are there (see _is_troop_presence).
_HOLDING_VERBS = {"have", "include", "keep", "maintain", "number", "comprise", "field", "count"}
_PRESENCE_VERBS = {
    "be",
    "remain",
    "stay",
    "patrol",
    "guard",
    "surround",
    "occupy",
    "man",
    "serve",
}  # "feared dead", "presumed dead": not an intention
_LISTING_VERBS = {"be", "include"}
# A state complement ("in hospital", "to intensive care"; lexicon entries starting with one of
# these prepositions) counts only on verbs that put or keep people somewhere: "12 people remain
# in hospital", "were taken to intensive care"; not "40 doctors work in hospital".
_STATE_PREPOSITIONS = {"in", "into", "to"}
_STAYING_VERBS = {
    "be",
    "remain",
    "stay",
    "lie",
    "place",
    "put",
    "keep",
    "hold",
    "shelter",
    "house",
    "sleep",
    "spend",
    "languish",
    "end",
    "admit",
    "recover",
}
_MOVING_VERBS = {
    "take",
    "bring",
    "move",
    "shift",
    "transfer",
    "carry",
    "fly",
    "airlift",
    "rush",
    "send",
    "admit",
    "evacuate",
    "relocate",
    "lead",
    "escort",
    "drive",
    "put",
    "place",
}
_ANY_VERB_STATES = {"custody", "detention"}  # "died in custody" is decided by the verb
_FATAL_ADVERBS = {"fatally", "mortally"}
# "in a critical condition", "in serious condition": hospital wording for the injured
_CONDITION_WORDS = {"critical", "serious", "grave", "stable", "life-threatening", "poor"}
# "suffered injuries", "sustained burns": the verb carries the category of its object
_SUFFER_VERBS = {"suffer", "sustain", "receive", "incur"}
_PARTITIVE_DETS = {"the", "those", "these", "them", "whom", "which", "their", "its", "our", "us"}
_NEGATIONS = {"no", "not", "never", "none", "n't"}
_MEMBER_NOUNS = {"member"}
# people already in custody: "the prison holds 39,000 inmates" is a population, not arrests
_CUSTODY_NOUNS = {"inmate", "prisoner", "convict", "detainee"}
_PRONOUNS_OUT = {"it", "this", "that", "which", "what"}
_TROOP_GROUPS = {"soldiers", "security forces", "police"}
_UNSPECIFIED = "unspecified"
_NOT_PEOPLE = "-"  # counted_groups value for a word that only looks like a person noun
_CLAIM_FIELDS = {f.name for f in fields(Claim)}


@dataclass(frozen=True)
class ClaimLexicons:
    """The data that drives claim finding: trigger words and counted groups."""

    triggers: Mapping[str, str]
    phrase_triggers: tuple[tuple[str, tuple[str, ...], str], ...]
    groups: Mapping[str, str]
    suffix_groups: tuple[tuple[str, str], ...] = ()
    # "in hospital", "to intensive care", "in shelters": a state the clause puts people in
    states: tuple[tuple[str, tuple[str, ...], str], ...] = ()


@dataclass(frozen=True)
class _Reading:
    """One way a number is tied to a category in the parse."""

    category: str
    trigger: Token
    noun: Token | None
    also: tuple[Token, ...] = ()  # further words of the claim's text ("shot dead", "toll")
    passing: bool = False  # "the toll passes 1,100": the figure is a lower bound
    # what the category rests on: the clause's own verb ("verb"), a state it puts people in
    # ("state": "in hospital", "among the dead") or only the counted noun ("noun": "detainees")
    kind: str = "verb"


def build_lexicons(extra: Mapping[str, Sequence[str]] | None = None) -> ClaimLexicons:
    """Triggers and groups from the shipped lexicons plus the user's additions."""
    extra = extra or {}
    return _build_lexicons(
        tuple(extra.get("claim_categories", ())), tuple(extra.get("counted_groups", ()))
    )


@lexicon_cache
def _build_lexicons(
    extra_triggers: tuple[str, ...], extra_groups: tuple[str, ...]
) -> ClaimLexicons:
    triggers: dict[str, str] = {}
    phrases: list[tuple[str, tuple[str, ...], str]] = []
    states: list[tuple[str, tuple[str, ...], str]] = []
    table = load_mapping("claim_categories")
    table.update(_mapping_lines(extra_triggers))
    for term, category in table.items():
        words = term.lower().split()
        if len(words) > 1 and words[0] in _STATE_PREPOSITIONS:
            states.append((words[0], tuple(words[1:]), category))
        elif len(words) == 1:
            triggers[words[0]] = category
        elif words:
            phrases.append((words[0], tuple(words[1:]), category))
    table = {k.lower(): v for k, v in load_mapping("counted_groups").items()}
    table.update({k.lower(): v for k, v in _mapping_lines(extra_groups).items()})
    groups = {k: v for k, v in table.items() if not k.startswith("*")}
    suffixes = sorted(
        ((k[1:], v) for k, v in table.items() if k.startswith("*") and len(k) > 1),
        key=lambda item: -len(item[0]),
    )
    return ClaimLexicons(triggers, tuple(phrases), groups, tuple(suffixes), tuple(states))


def _mapping_lines(lines: Iterable[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for line in lines:
        term, _, value = line.partition("\t")
        if term.strip() and value.strip():
            mapping[term.strip()] = value.strip()
    return mapping


# --- reading the parse ----------------------------------------------------------------


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _trigger_category(token: Token, lex: ClaimLexicons) -> str | None:
    found = _trigger(token, lex)
    return found[0] if found else None


def _trigger(token: Token, lex: ClaimLexicons) -> tuple[str, tuple[Token, ...]] | None:
    """Category of a trigger word and the further words of a multiword trigger."""
    lemma = _lemma(token)
    near = [*token.children, *(g for c in token.children for g in c.children)]
    for head, rest, category in lex.phrase_triggers:
        if head != lemma:
            continue
        words = [t for t in near if _lemma(t) in rest or t.lower_ in rest]
        if {w for t in words for w in (_lemma(t), t.lower_)} >= set(rest):
            return category, tuple(words)
    if token.pos_ in {"VERB", "ADJ"}:
        manner = _manner_of_death(token)  # before the word itself: "stabbed to death"
        if manner:
            return "killed", manner
    for key in (lemma, token.lower_):
        if key in lex.triggers:
            return lex.triggers[key], ()
    return None


def _manner_of_death(verb: Token) -> tuple[Token, ...]:
    """ "burned to death", "beaten to death", "fatally stabbed": any verb can kill."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in _FATAL_ADVERBS:
            return (child,)
        if child.dep_ == "prep" and child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj" and _lemma(obj) == "death":
                    return (child, obj)
    return ()


def _noun_keys(noun: Token) -> list[str]:
    """Lookup keys for a person noun, longest first: "law enforcement officers" ... "officer"."""
    left = [c for c in noun.lefts if c.dep_ in {"compound", "amod"}]
    keys: list[str] = []
    for k in range(len(left)):
        words = [t.lower_ for t in left[k:]]
        keys.append(" ".join([*words, noun.lower_]))
        keys.append(" ".join([*words, _lemma(noun)]))
    keys.extend([noun.lower_, _lemma(noun)])
    return keys


def _group_of(noun: Token, lex: ClaimLexicons) -> str | None:
    """The counted group a noun names, or None when it is not a noun for people.

    "members of the security forces" names the group after "of"; a noun listed with
    the group "-" is not a person noun; then word-ending rules ("-ist", "-man") try
    the common noun, and nationality plurals ("Ukrainians") count as people."""
    if _lemma(noun) in _MEMBER_NOUNS:
        member_of = _of_object(noun)
        if member_of is not None and member_of.i != noun.i:
            group = _group_of(member_of, lex)
            if group is not None:
                return group
    for key in _noun_keys(noun):
        if key in lex.groups:
            return None if lex.groups[key] == _NOT_PEOPLE else lex.groups[key]
    if noun.pos_ == "NOUN":
        for word in (noun.lower_, _lemma(noun)):
            for suffix, group in lex.suffix_groups:
                if len(word) > len(suffix) + 2 and word.endswith(suffix):
                    return group
    if noun.tag_ in {"NNS", "NNPS"} and (
        noun.ent_type_ == "NORP"
        or (noun.lower_.endswith("s") and fold(noun.text) in demonym_codes())
    ):
        return _UNSPECIFIED  # a nationality plural: "Ukrainians", "Kazakhs", "Britons"
    return None


def _of_object(token: Token, preposition: str = "of") -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == preposition:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _counts_things(number: Token, lex: ClaimLexicons) -> bool:
    """ "two of the neighbourhoods": the number's "of" names what it counts, and that is
    neither people nor a casualty word, so it inherits no count of people."""
    obj = _of_object(number)
    return (
        obj is not None
        and obj.pos_ in {"NOUN", "PROPN"}
        and _group_of(obj, lex) is None
        and _trigger_category(obj, lex) is None
    )


def _own_members(obj: Token) -> bool:
    """ "one of its soldiers was wounded": a body counting its own people reports a figure,
    unlike "one of the protesters", one person the story tells of."""
    return any(c.dep_ == "poss" and c.lower_ in {"its", "their", "our"} for c in obj.children)


def _is_partitive(obj: Token) -> bool:
    """ "two of whom", "one of the protesters": a part of a group named elsewhere."""
    if obj.pos_ == "PRON":
        return True
    return any(c.dep_ in {"det", "poss"} and c.lower_ in _PARTITIVE_DETS for c in obj.children)


def _counts_a_part(obj: Token, value: float) -> bool:
    """ "20 of them", "two of whom": a sub-count of a group the text just counted.

    A single member ("one of the officers") is an individual, not a figure."""
    return value >= 2 and obj.pos_ == "PRON" and obj.lower_ in {"them", "whom", "which", "those"}


def _is_negated(token: Token, qualifier: Span | None = None) -> bool:
    """A negation on the token; not the "no" of a qualifier ("no fewer than 200")."""
    inside = range(qualifier.start, qualifier.end) if qualifier is not None else range(0)
    return any(
        c.dep_ in {"neg", "det"} and c.lower_ in _NEGATIONS and c.i not in inside
        for c in token.children
    )


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i and token.head.pos_ == token.pos_:
        token = token.head
    return token


def _has_object(verb: Token) -> bool:
    """Whether the verb has an object on its own line (not a word of the next list item)."""
    return any(
        c.dep_ in {"dobj", "obj"}
        and not _LIST_LINE.search(doc_text(verb.doc)[min(verb.idx, c.idx) : max(verb.idx, c.idx)])
        for c in verb.children
    )


def _predicate_triggers(
    verb: Token, lex: ClaimLexicons, *, agent: bool = False
) -> list[tuple[str, Token]]:
    """ "were dead", "reported dead", "left ... dead", "are missing", "in custody",
    "in a critical condition", "are among the dead", "among those missing"."""
    found: list[tuple[str, Token]] = []
    for child in verb.children:
        if child.dep_ in _PREDICATE_DEPS and child.pos_ in {"ADJ", "VERB", "NOUN"}:
            category = _trigger_category(child, lex)
            if category and child.dep_ != "ccomp":
                found.append((category, child))
        if child.dep_ != "prep":
            continue
        for obj in child.children:
            if obj.dep_ != "pobj":
                continue
            state = _state_category(verb, child, obj, lex, agent=agent)
            if state is not None:
                found.append((state, obj))
            elif child.lower_ == "in" and _lemma(obj) == "condition":
                if any(c.lower_ in _CONDITION_WORDS for c in obj.children):
                    found.append(("injured", obj))
            elif child.lower_ == "among":
                among = _counted_category(obj, lex)  # "among the dead", "among those missing"
                if among is not None:
                    found.append(among)
    return found


def _state_category(
    verb: Token, prep: Token, obj: Token, lex: ClaimLexicons, *, agent: bool = False
) -> str | None:
    """ "remain in hospital", "taken to intensive care", "are in relief camps": the state
    complement's category when the verb puts or keeps people there. The agent of an active
    moving verb ("20 medics took patients to hospital") is not the one moved."""
    words = {w for c in obj.children for w in (_lemma(c), c.lower_)}
    for head, rest, category in lex.states:
        if head != prep.lower_ or _lemma(obj) != rest[-1] or not set(rest[:-1]) <= words:
            continue
        if _lemma(obj) in _ANY_VERB_STATES:
            return category
        verbs = _STAYING_VERBS if head == "in" else _MOVING_VERBS
        if _lemma(verb) in verbs and not (agent and head != "in"):
            return category
    return None


def _verb_readings(
    verb: Token, relation: str, noun: Token | None, lex: ClaimLexicons
) -> list[_Reading]:
    """Readings where the counted phrase hangs on ``verb`` as ``relation``."""
    readings: list[_Reading] = []
    found = _trigger(verb, lex) if verb.pos_ in {"VERB", "AUX", "ADJ"} else None
    if found is None and verb.pos_ == "VERB":
        found = _conjunct_trigger(verb, lex)  # "were shot and wounded"
    if found:
        category, words = found
        own = relation == "nsubj" and (
            _own_object(verb, words, lex)  # "lost their lives"
            or (_lemma(verb) in _EXPERIENCER_VERBS and any(w.dep_ == "dobj" for w in words))
        )
        patient = (
            relation in {"nsubjpass", "dobj"}
            or own
            or (
                relation == "nsubj"
                and (not _has_object(verb) or _lemma(verb) in _PATIENT_SUBJECT_VERBS)
                and (
                    verb.tag_ == "VBN"
                    or verb.pos_ == "ADJ"
                    or _lemma(verb) in _PATIENT_SUBJECT_VERBS
                    or (verb.lower_ in lex.triggers and verb.lower_ != _lemma(verb))  # "missing"
                    or _is_reduced_passive(verb)
                )
            )
        )
        if patient:
            readings.append(_Reading(category, verb, noun, words))
    if relation == "nsubj" and _lemma(verb) in _SUFFER_VERBS:
        for obj in verb.children:  # "61 people suffered injuries"
            suffered = _trigger_category(obj, lex) if obj.dep_ in {"dobj", "obj"} else None
            if suffered and obj.pos_ == "NOUN":
                readings.append(_Reading(suffered, obj, noun, (verb,)))
    agent = relation == "nsubj" and not any(c.dep_ == "auxpass" for c in verb.children)
    for category, trigger in _predicate_triggers(verb, lex, agent=agent):
        readings.append(_Reading(category, trigger, noun, kind="state"))
    return readings


def _is_reduced_passive(verb: Token) -> bool:
    """ "2,300 people evacuated", "9 people arrested" in a headline or a list: a casualty verb
    in the past with a counted subject, no object and no auxiliary reports what was done to
    the subject (not when a conjunct carries the object: "three gunmen killed and hurt 40")."""
    if verb.tag_ != "VBD" or _lemma(verb) in _PATIENT_SUBJECT_VERBS:
        return False
    text = doc_text(verb.doc)
    for child in verb.children:
        if child.dep_ not in {"aux", "auxpass", "dobj", "obj", "ccomp", "xcomp"}:
            continue
        low, high = sorted((verb.idx, child.idx))
        if not _LIST_LINE.search(text[low:high]):  # not a word of the next list item
            return False
    return not any(c.dep_ == "conj" and _has_object(c) for c in verb.children)


def _conjunct_trigger(verb: Token, lex: ClaimLexicons) -> tuple[str, tuple[Token, ...]] | None:
    """The trigger of a verb's subject-sharing conjunct: "were shot and wounded"."""
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.pos_ != "VERB":
            continue
        if any(c.dep_ in _SUBJECT_DEPS for c in conj.children):
            continue
        found = _trigger(conj, lex)
        if found is not None:
            return found[0], (conj, *found[1])
    return None


def _own_object(verb: Token, words: tuple[Token, ...], lex: ClaimLexicons) -> bool:
    """ "lost their lives", "took refuge", "crossed the border": a multiword trigger whose
    object is the subject's own or a word of the idiom, not people ("took 30 hostages")."""
    return any(
        w.dep_ in {"dobj", "obj"}
        and w.head.i == verb.i
        and (
            any(c.dep_ == "poss" and c.pos_ == "PRON" for c in w.children)
            or (
                _group_of(w, lex) is None
                and _trigger_category(w, lex) is None
                and not any(c.like_num for c in w.children)
            )
        )
        for w in words
    )


def _toll_subject(verb: Token, lex: ClaimLexicons) -> _Reading | None:
    """The toll or "number of X" that ``verb`` talks about, as subject or (put) object."""
    deps = {"nsubj", "nsubjpass"}
    if _lemma(verb) in _ESTIMATE_VERBS:  # "put the number of dead at 300"
        deps.add("dobj")
    elif _lemma(verb) in _RAISING_VERBS:  # "the new deaths brought the toll to 40": the object
        deps = {"dobj", "nsubjpass"}
    for subject in verb.children:
        if subject.dep_ not in deps:
            continue
        counted = (
            _of_object(subject) or _of_object(subject, "for")
            if _lemma(subject) in _TOTAL_NOUNS
            else None
        )  # "the number of dead", "the latest figure for fatalities"
        if counted is not None:
            found = _counted_category(counted, lex)  # "the number of dead rose to 88"
            if found is None:
                return None
            return _Reading(found[0], subject, _toll_group_noun(counted, lex), (counted, found[1]))
        if _lemma(subject) in _TOLL_NOUNS:
            return _toll_noun_reading(subject, lex)
        counted_noun = _counted_category(subject, lex) if subject.tag_ == "NNS" else None
        if counted_noun is not None and not any(c.like_num for c in subject.children):
            return _Reading(counted_noun[0], subject, None)  # "heat deaths climb to 31"
        if subject.lower_ == "it":
            toll = _recent_toll(verb)  # "the toll has risen: on Saturday it stood at 35"
            if toll is not None:
                reading = _toll_noun_reading(toll, lex)
                return _Reading(reading.category, subject, None)
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and _lemma(before) == "toll" and before.pos_ == "NOUN":
        return _toll_noun_reading(before, lex)  # headline "... mine toll reaches 11", misparsed
    return None


def _toll_group_noun(counted: Token, lex: ClaimLexicons) -> Token | None:
    """ "the number of foreigners killed has risen to 40": the people the toll counts, when
    "of" names a group of people rather than the dead themselves ("the number of dead")."""
    if counted.pos_ not in {"NOUN", "PROPN"} or _trigger_category(counted, lex):
        return None
    return counted if _group_of(counted, lex) is not None else None


def _counted_category(counted: Token, lex: ClaimLexicons) -> tuple[str, Token] | None:
    """Category of "dead" or of "people killed in ..." after "the number of"."""
    category = _trigger_category(counted, lex)
    if category:
        return category, counted
    for child in counted.children:
        if child.dep_ in {"acl", "relcl", "amod"} and child.pos_ in {"VERB", "ADJ"}:
            category = _trigger_category(child, lex)
            if category:
                return category, child
    after = _participle_after_noun(counted, lex) if counted.pos_ == "NOUN" else []
    return (after[0].category, after[0].trigger) if after else None


def _toll_noun_reading(toll: Token, lex: ClaimLexicons) -> _Reading:
    category = "killed"
    for left in toll.lefts:
        found = _trigger_category(left, lex)
        if found and left.dep_ in {"compound", "amod", "nmod"}:
            category = found
    return _Reading(category, toll, None, tuple(toll.lefts))


def _recent_toll(verb: Token) -> Token | None:
    """A toll noun earlier in this sentence or in the previous one (what "it" refers to)."""
    sentence = verb.sent
    start = sentence.start
    if start > 0:
        start = verb.doc[start - 1].sent.start
    for token in reversed(verb.doc[start : verb.i]):
        if token.lemma_.lower() in _TOLL_NOUNS and token.pos_ == "NOUN":
            return token
    return None


def _toll_reading(phrase: Token, lex: ClaimLexicons) -> _Reading | None:
    """ "the death toll rose to 40", "the toll stands at 40", "the casualty toll is 40"."""
    verb = phrase.head
    if phrase.dep_ == "pobj" and phrase.head.lower_ in _TOLL_PREPOSITIONS:
        verb = _toll_setter(phrase.head.head)
    elif phrase.dep_ == "pobj" and phrase.head.lower_ == "from":
        verb = phrase.head.head  # "estimates of the dead range from 150 to 200"
        if _lemma(verb) not in _RANGE_VERBS:
            return None
    elif phrase.dep_ not in {"attr", "dobj"}:
        return None
    if _lemma(verb) not in _TOLL_VERBS | _PASSING_VERBS | _ESTIMATE_VERBS | _RANGE_VERBS | (
        _RAISING_VERBS if phrase.dep_ == "pobj" else set()
    ):
        return None
    reading = _toll_subject(verb, lex)
    if reading is not None and _lemma(verb) in _PASSING_VERBS:
        return replace(reading, passing=True)
    return reading


def _toll_setter(word: Token) -> Token:
    """The verb a "to N" phrase belongs to when the parser hung it on the counted group:
    in "bringing the number of people killed since the coup to 126", "to 126" goes with
    "bringing", not with "killed"."""
    if word.dep_ not in {"acl", "relcl", "amod"}:
        return word
    counted = word.head
    if counted.dep_ != "pobj" or counted.head.lower_ != "of":
        return word
    total = counted.head.head
    if _lemma(total) not in _TOTAL_NOUNS | _TOLL_NOUNS or total.dep_ not in {"dobj", "nsubj"}:
        return word
    return total.head


def _number_token(span: Span) -> Token:
    """The number itself, not a preposition the parser made the head ("above 2.000").

    When the parser made a word of the qualifier the object ("in excess of 3,000 people":
    "excess"), the number is the one that counts something outside the span; when the
    number hangs inside ("upwards of 5,000"), the span's root shows where the phrase sits."""
    number = span.root
    if number.pos_ in {"ADV", "ADP"}:
        # "pulled upwards of 40 people", "Between 2,000 and 2,500 people spent ...": a
        # qualifier word took the number's place; the number that counts a noun outside wins
        for count in reversed(span):
            outside = not span.start <= count.head.i < span.end
            if (count.pos_ == "NUM" or count.like_num) and outside and count.dep_ == "nummod":
                return count
    if number.pos_ == "ADV":
        for count in span:
            if (
                count.pos_ == "NUM" or count.like_num
            ) and not span.start <= count.head.i < span.end:
                return count
    if number.pos_ != "ADP":
        return number
    objects = [t for t in span if t.dep_ == "pobj" and t.head.i == number.i]
    if objects and (objects[0].pos_ == "NUM" or objects[0].like_num):
        return objects[0]
    if number.dep_ == "prep":  # a qualifier read as a prepositional phrase
        for count in span:
            if count.pos_ == "NUM" and not span.start <= count.head.i < span.end:
                return count
    return objects[0] if objects else number


def _counted_noun(number: Token, lex: ClaimLexicons) -> Token | None:
    """The noun a number counts ("40 people"), or None when the number stands alone.

    An apposition to a name ("Taroudant (452 dead)") is a number standing alone; "N dead"
    parsed as an adverbial of "dead" counts the dead."""
    head = number.head
    if number.dep_ == "appos" and head.pos_ == "PROPN":
        return None
    if number.dep_ == "appos" and head.i < number.i and number.nbor(-1).text in _LABEL_MARKS:
        return None  # "Injured: 40": a label, not a counted noun
    if head.pos_ == "VERB" and head.i > number.i and head.tag_ in {"VBN", "VBD"}:
        return None  # "over 35,000 displaced": the participle describes the count
    if number.dep_ == "npadvmod" and head.pos_ in {"ADJ", "NOUN"} and head.i > number.i:
        if head.dep_ == "amod" and head.head.pos_ == "NOUN":
            return head.head  # "thirty injured soldiers"
        return head if _trigger_category(head, lex) else None
    return head if number.dep_ in _NUMBER_DEPS else None


def _readings(span: Span, lex: ClaimLexicons, *, vague: bool, value: float) -> list[_Reading]:
    """Every category reading of the number in ``span``; empty when it is not a claim."""
    number = _number_token(span)
    if _counts_things(number, lex):
        return []
    inside = set(range(span.start, span.end))
    noun: Token | None = None
    phrase = number
    counted = _counted_noun(number, lex)
    if counted is not None and counted.i not in inside and _crosses_line(span, counted):
        phrase = counted  # "police detain more than 200\nNews bulletin": a headline's end
    elif counted is not None and counted.i not in inside:
        noun = counted
        phrase = noun
    else:
        for token in span:
            obj = _of_object(token)
            if obj is not None and obj.i not in inside:
                if _counts_a_part(obj, value):
                    break  # "20 of them were treated": the number is the phrase
                if _is_partitive(obj) and not vague and value < 2 and not _own_members(obj):
                    return []  # "one of the protesters": an individual, not a figure
                noun = obj
                break
    if any(_is_negated(t, span) for t in (*span, phrase)):
        return []
    readings: list[_Reading] = []
    if noun is not None:
        nominal = noun.pos_ in {"NOUN", "ADJ"} or (
            noun.dep_ == "pobj" and any(c.dep_ == "det" for c in noun.children)
        )  # "two of the wounded": a participle used as a noun
        noun_category = _trigger_category(noun, lex) if nominal else None
        if noun_category is None and noun.lower_ == _REMAINS and value >= 2 and noun.i > number.i:
            noun_category = "killed"  # "recovered 12 remains": a counted noun, never the verb
        if noun_category:
            readings.append(_Reading(noun_category, noun, None, kind="noun"))
        elif _group_of(noun, lex) is None:
            return []
    elif number.lower_ in _PRONOUNS_OUT:
        return []
    # the counted phrase's own modifiers: "26 gunmen killed", "people who were killed"
    for child in phrase.children:
        if child.dep_ in {"acl", "relcl", "amod"} and child.i not in inside:
            relation = "nsubjpass" if child.dep_ != "relcl" else _relative_relation(child)
            if relation:
                readings.extend(_verb_readings(child, relation, noun, lex))
    # where the phrase sits in its clause; "a total of 79 officers" sits where "total" does
    anchor = _first_conjunct(phrase)
    while (
        anchor.dep_ == "pobj"
        and anchor.head.lower_ == "of"
        and _lemma(anchor.head.head) in _TOTAL_NOUNS | {"life"}  # "claimed the lives of 48"
        and anchor.head.head.dep_ != "pobj"
    ):
        anchor = _first_conjunct(anchor.head.head)
    relation = anchor.dep_
    head = anchor.head
    lifted = False
    while relation in {"pobj", "prep"} and head.i in inside and head.head.i != head.i:
        # "pulled upwards of 40 people", "between 10,000 and 15,000 people were killed": the
        # phrase sits where the parser hung the qualifier words around it
        relation, head, lifted = head.dep_, head.head, True
    if (
        lifted
        and relation in {"advmod", "prep", "npadvmod"}
        and head.pos_ == "VERB"
        and head.i < anchor.i
        and not _has_object(head)
    ):
        relation = "dobj"
    while relation in _SUBJECT_DEPS and head.pos_ != "VERB" and head.head.i != head.i:
        # "3,000 residents of the Parque da Cachoeira and Córrego do Feijão ... were
        # evacuated": a word inside a long subject ("do") misread as its head, itself a
        # subject or an auxiliary of the clause's verb above
        if head.dep_ in _SUBJECT_DEPS:
            relation, head = head.dep_, head.head
        elif head.pos_ == "AUX" and head.dep_ in {"aux", "auxpass"}:
            verb = head.head
            passive = any(c.dep_ == "auxpass" for c in verb.children)
            relation, head = ("nsubjpass" if passive else "nsubj"), verb
        else:
            break
    if relation == "npadvmod" and head.tag_ == "VBN" and anchor.i < head.i:
        relation = "nsubj"  # headline style: "200 or more arrested as protests spread"
    stray = _subjectless_verb(anchor) if relation in {"appos", "dep", "npadvmod"} else None
    if stray is not None:
        relation, head = stray
    if relation in {"dobj", "obj", "nsubjpass"} and _lemma(head) in _CAUSATIVE_VERBS:
        readings.extend(_caused_readings(head, anchor, noun, lex))
    if relation in {"attr", "dobj", "obj"} and _lemma(head) in _LISTING_VERBS:
        readings.extend(_listed_among(head, noun, lex))
    if relation in _SUBJECT_DEPS:
        readings.extend(_fronted_partitive(head, anchor, noun, lex))
    if relation in _SUBJECT_DEPS or relation in {"dobj", "obj"}:
        readings.extend(_verb_readings(head, "dobj" if relation == "obj" else relation, noun, lex))
        if relation in {"dobj", "obj"}:
            readings.extend(_shared_object_readings(head, noun, lex))
    elif relation == "conj" and anchor.pos_ == "NUM" and head.pos_ == "VERB":
        pass  # "18 were killed and 750 [wounded]": handled by the number's own acl
    elif relation == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        category = _trigger_category(head.head, lex)
        if category:
            readings.append(_Reading(category, head.head, noun))
    toll = _toll_reading(anchor, lex) if noun is None else None
    if toll is not None:
        readings.append(toll)
    readings = [
        r for r in readings if not _crosses_list_line(span.doc, span.start_char, span.end_char, r)
    ]
    if not readings and noun is not None and _is_troop_presence(noun, anchor, lex):
        present = _present_word(noun)  # a fact even in "which will add to the 1,700 ... present"
        readings.append(_Reading("troops", present or noun, noun))
    if not readings and noun is None and phrase is number:
        readings.extend(_adjacent_participle(span, lex) or _adjacent_object(span, lex))
    if not readings and noun is not None and noun.i >= span.end:
        readings.extend(_participle_after_noun(noun, lex))
    if not readings and noun is None:
        readings.extend(_misparsed_toll(number, lex) or _labelled_figure(span, lex))
    if not readings and noun is None:
        readings.extend(_remains_counted(span, value))
    if not readings and noun is None:
        readings.extend(_line_continues(span, lex))
    if not readings and noun is not None and _group_of(noun, lex) is not None:
        readings.extend(_pronoun_taken_up(noun, lex))
    if not any(r.kind != "noun" for r in readings):
        readings.extend(_following_predicate(span, noun, lex))
    if noun is not None and _lemma(noun) in _CUSTODY_NOUNS:
        readings = [r for r in readings if r.category != "detained" or r.trigger.i == noun.i]
    return _strongest(readings)


_LABEL_MARKS = {":", "=", "-", "\u2013", "\u2014"}
_LABEL_START = re.compile(r"(?:^|[\n;•*·|]|[.!?]\s|\s[-\u2013\u2014]\s)[^\n;:•*·|.!?]*$")


def _labelled_figure(span: Span, lex: ClaimLexicons) -> list[_Reading]:
    """ "Injured: 40", "Total deaths: 57", "- Missing: 5; detained: 120": a key figure after
    a label that opens a line, a list item or a clause of a list."""
    doc = span.doc
    colon = doc[span.start - 1] if span.start > 0 else None
    if colon is None or colon.text not in _LABEL_MARKS or span.start < 2:
        return []
    label = doc[span.start - 2]
    found = _trigger(label, lex)
    if found is None or found[0] == "troops":
        return []
    opening = _LABEL_START.search(doc_text(doc)[: label.idx])
    if opening is None or len(opening.group().split()) > 3:
        return []
    return [_Reading(found[0], label, None, found[1])]


def _line_continues(span: Span, lex: ClaimLexicons) -> list[_Reading]:
    """ "78 bodies recovered", "9 people arrested" as list lines the parser cut after the
    number: the words that follow on the same line say what the number counts."""
    doc = span.doc
    if span.end + 1 >= len(doc) or not doc[span.end].is_sent_start:
        return []
    first, second = doc[span.end], doc[span.end + 1]
    if "\n" in doc_text(doc)[span.end_char : first.idx]:
        return []
    category = _trigger_category(first, lex) if first.pos_ == "NOUN" else None
    if category is not None and category != "troops":
        return [_Reading(category, first, first, kind="noun")]
    if _group_of(first, lex) is None or second.tag_ not in {"VBN", "VBD", "JJ"}:
        return []
    found = _trigger(second, lex)
    if found is None or found[0] == "troops" or _has_object(second):
        return []
    return [_Reading(found[0], second, first, found[1])]


def _pronoun_taken_up(noun: Token, lex: ClaimLexicons) -> list[_Reading]:
    """ "When 14 health workers protested, the authorities detained them": a counted group
    that a later "them" (object) or "they" (passive subject) of a casualty verb takes up,
    with no other count in between."""
    for token in noun.sent:
        if token.i <= noun.i:
            continue
        if token.pos_ == "NOUN" and any(c.like_num for c in token.children):
            return []  # another count could be the one meant
        relation = {"them": "dobj", "they": "nsubjpass"}.get(token.lower_)
        if relation is None or token.dep_ != relation:
            continue
        readings = _verb_readings(token.head, relation, noun, lex)
        return [replace(r, also=(*r.also, token)) for r in readings if r.kind == "verb"]
    return []


def _misparsed_toll(number: Token, lex: ClaimLexicons) -> list[_Reading]:
    """ "The number of people unaccounted for stands at 292" with "stands" tagged a noun: a
    figure right after a toll verb form and "at"/"to" reads the toll or "number of X" that
    opens the sentence, whatever the parse made of the verb."""
    prep = number.doc[number.i - 1] if number.i > 0 else None
    verb = number.doc[number.i - 2] if number.i > 1 else None
    if prep is None or verb is None or prep.lower_ not in {"at", "to"}:
        return []
    if _lemma(verb) not in _TOLL_VERBS - {"be"}:
        return []
    if verb.pos_ == "VERB" and not _subject_misread(verb):
        return []  # a verb the parser saw is read by the parse itself
    for token in number.sent:
        if token.i >= verb.i:
            break
        counted = _of_object(token) if _lemma(token) in _TOTAL_NOUNS else None
        found = None
        if counted is not None:  # "number of dead", "number of people unaccounted for"
            found = _counted_category(counted, lex) or _counted_category(token, lex)
        if found is not None:
            return [_Reading(found[0], token, None, (counted, found[1]) if counted else ())]
        if _lemma(token) in _TOLL_NOUNS and token.pos_ == "NOUN":
            return [_toll_noun_reading(token, lex)]
    return []


_REMAINS = "remains"
_NOT_REMAINS_BEFORE = {"of", "the", "toll", "figure", "number", "total", "count"}


def _remains_counted(span: Span, value: float) -> list[_Reading]:
    """ "after considering 29 remains at the X hospital": "remains" right after a number above
    one is the noun (human remains, the dead), whatever the parser made of it: a plural count
    cannot take the verb "remains" ("the toll of 29 remains unchanged" keeps its verb)."""
    doc = span.doc
    if value < 2 or span.end >= len(doc) or doc[span.end].lower_ != _REMAINS:
        return []
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and (before.lower_ in _NOT_REMAINS_BEFORE or before.like_num):
        return []
    word = doc[span.end]
    return [_Reading("killed", word, None, (word,), kind="noun")]


def _subject_misread(verb: Token) -> bool:
    """ "The number of people killed since the coup rose to 126": the parser took "since the
    coup" for a clause and "coup" for what rose; the verb sits in a subordinate clause under
    a participle, its subject no toll or total."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    return (
        verb.dep_ == "advcl"
        and any(c.dep_ == "mark" for c in verb.children)
        and bool(subjects)
        and all(_lemma(c) not in _TOTAL_NOUNS | _TOLL_NOUNS for c in subjects)
        and verb.head.dep_ == "acl"
    )


def _strongest(readings: list[_Reading]) -> list[_Reading]:
    """What the clause's verb says decides over a state or the counted noun.

    "Nine detainees were taken to hospital" is injured, not detained; "36 survivors are
    being treated" injured; "three died in custody" killed. A state in turn decides over the
    noun ("two detainees were in intensive care"), except that the dead are never hurt:
    "52 bodies were taken to hospital" counts the dead."""
    dead = [r for r in readings if r.kind == "noun" and r.category == "killed"]
    for kind in ("verb", "state"):
        decided = {r.category for r in readings if r.kind == kind and r.category != "troops"}
        if decided == {"injured"} and dead:
            return dead  # "52 bodies were brought to the hospital": the dead stay dead
        if decided:
            weaker = {"verb": {"state", "noun"}, "state": {"noun"}}[kind]
            return [
                r
                for r in readings
                if r.kind not in weaker or r.category in decided or _outlasts(r, decided)
            ]
    return readings


def _outlasts(reading: _Reading, decided: set[str]) -> bool:
    """ "Divers pulled 12 bodies from the river", "140 wounded were evacuated": being moved,
    found or rescued (`other`) does not undo being dead or hurt, which the noun says."""
    return (
        decided == {"other"}
        and reading.kind == "noun"
        and reading.category
        in {
            "killed",
            "injured",
        }
    )


def _fronted_partitive(
    verb: Token, anchor: Token, noun: Token | None, lex: ClaimLexicons
) -> list[_Reading]:
    """ "Of the injured, 66 were taken to hospitals", "of those arrested, 60 were women":
    a fronted "of" phrase names the group the subject count is part of."""
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ != "of" or child.i > anchor.i:
            continue
        for obj in child.children:  # "of the dead", "of the people missing" (a clause)
            found = _counted_category(obj, lex) if obj.dep_ in {"pobj", "pcomp"} else None
            if found is not None:
                return [_Reading(found[0], found[1], noun, (child,), kind="noun")]
    return []


def _following_predicate(span: Span, noun: Token | None, lex: ClaimLexicons) -> list[_Reading]:
    """ "in excess of 3,000 people had been detained", "Several more are being treated":
    when the parse lost the subject, a count followed at once by auxiliaries and a casualty
    participle that has no subject of its own is that participle's subject."""
    doc = span.doc
    position = span.end
    if noun is not None:
        if noun.i < span.end or noun.i - span.end > 2:
            return []
        if any(t.pos_ not in {"ADJ", "NOUN", "PROPN"} for t in doc[span.end : noun.i]):
            return []
        position = noun.i + 1
    auxiliaries = 0
    while position < len(doc) and doc[position].pos_ in {"AUX", "PART", "ADV"}:
        if doc[position].lower_ in _NEGATIONS:
            return []
        auxiliaries += doc[position].pos_ == "AUX"
        position += 1
    if not auxiliaries or position >= len(doc) or position - span.end > 6:
        return []
    verb = doc[position]
    if verb.tag_ != "VBN" or any(c.dep_ in _SUBJECT_DEPS | {"expl"} for c in verb.children):
        return []
    return [r for r in _verb_readings(verb, "nsubjpass", noun, lex) if r.kind == "verb"]


def _adjacent_object(span: Span, lex: ClaimLexicons) -> list[_Reading]:
    """ "as police detain more than 200" at a headline's end: a bare number right after an
    active casualty verb that has no object is that object, however it was attached."""
    if span.start == 0:
        return []
    verb = span.doc[span.start - 1]
    if verb.pos_ != "VERB" or _has_object(verb) or verb.tag_ == "VBN":
        return []
    found = _trigger(verb, lex)
    if found is None or found[0] == "troops" or _lemma(verb) in _PATIENT_SUBJECT_VERBS:
        return []
    return [_Reading(found[0], verb, None, found[1])]


def _caused_readings(
    verb: Token, anchor: Token, noun: Token | None, lex: ClaimLexicons
) -> list[_Reading]:
    """ "forced 19,000 tourists to flee", "were compelled to abandon their homes": the
    infinitive under a causative verb (or hung on its object) says what the count underwent."""
    clauses = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}]
    clauses += [c for c in anchor.children if c.dep_ in {"relcl", "acl"} and c.tag_ == "VB"]
    readings: list[_Reading] = []
    for clause in clauses:
        found = _trigger(clause, lex) if clause.pos_ == "VERB" else None
        if found is not None and found[0] != "troops":
            readings.append(_Reading(found[0], clause, noun, (verb, *found[1])))
    return readings


def _is_caused(clause: Token) -> bool:
    """Whether an infinitive is the caused act of a causative verb ("forced N to flee")."""
    if _lemma(clause.head) in _CAUSATIVE_VERBS and clause.dep_ in {"xcomp", "ccomp"}:
        return True
    return (
        clause.dep_ in {"relcl", "acl"}
        and clause.head.dep_ in {"dobj", "obj"}
        and _lemma(clause.head.head) in _CAUSATIVE_VERBS
    )


def _listed_among(verb: Token, noun: Token | None, lex: ClaimLexicons) -> list[_Reading]:
    """ "Among the dead were 12 children", "the dead include four officers", "those
    killed included 11 soldiers": the count is listed in a group named as a casualty."""
    found: list[_Reading] = []
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS:
            category = _counted_category(child, lex)
            if category is not None:
                found.append(_Reading(category[0], category[1], noun, (child,)))
        elif child.dep_ == "prep" and child.lower_ == "among" and _lemma(verb) == "be":
            for obj in child.children:
                category = _counted_category(obj, lex) if obj.dep_ == "pobj" else None
                if category is not None:
                    found.append(_Reading(category[0], category[1], noun, (child,)))
    return found


def _subjectless_verb(anchor: Token) -> tuple[str, Token] | None:
    """ "In Mindanao, 27 worshippers ... were injured" with the count parsed as an apposition
    of the place: a verb later in the sentence that lacks a subject takes the count."""
    verb = anchor.sent.root
    if verb.pos_ not in {"VERB", "AUX"} or verb.i <= anchor.i:
        return None
    if any(c.dep_ in _SUBJECT_DEPS | {"csubj", "expl"} for c in verb.children):
        return None
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return ("nsubjpass" if passive else "nsubj"), verb


def _crosses_line(span: Span, counted: Token) -> bool:
    """A number at the end of a line does not count a noun on the next one."""
    if counted.i < span.end:
        return False
    return "\n" in doc_text(span.doc)[span.end_char : counted.idx]


def _adjacent_participle(span: Span, lex: ClaimLexicons) -> list[_Reading]:
    """ "Thirty-one wounded, some with ...", "80 dead": a bare number followed at once by
    a casualty participle or adjective counts the people it describes, however the parser
    attached the two. Not when the word has its own counted object ("three killed two")."""
    if span.end >= len(span.doc):
        return []
    word = span.doc[span.end]
    if any(t.ent_type_ in {"DATE", "TIME", "ORDINAL"} for t in span):
        return []
    if word.pos_ not in {"VERB", "ADJ"} or word.tag_ not in {"VBN", "VBD", "JJ"}:
        return []
    found = _trigger(word, lex)
    if found is None or found[0] == "troops":
        return []
    if word.pos_ == "VERB" and word.lower_ == _lemma(word):
        return []  # an uninflected verb is not a participle
    for child in word.children:
        if child.dep_ in {"dobj", "obj"} and (
            child.pos_ == "NUM" or child.like_num or _group_of(child, lex) is not None
        ):
            return []
    return [_Reading(found[0], word, None, found[1])]


def _participle_after_noun(noun: Token, lex: ClaimLexicons) -> list[_Reading]:
    """ "were among the 17 people wounded" with "wounded" hung elsewhere: a casualty
    participle right after the counted noun, with no subject or object of its own,
    describes that noun (as its reduced relative clause would)."""
    if noun.i + 1 >= len(noun.doc):
        return []
    word = noun.doc[noun.i + 1]
    if word.pos_ != "VERB" or word.tag_ not in {"VBN", "VBD"} or word.head.i == noun.i:
        return []
    if any(c.dep_ in _SUBJECT_DEPS | {"dobj", "obj", "aux", "auxpass"} for c in word.children):
        return []
    found = _trigger(word, lex)
    if found is None or found[0] == "troops":
        return []
    return [_Reading(found[0], word, noun, found[1])]


def _present_word(noun: Token) -> Token | None:
    """ "the 1,700 gendarmes already present on the island": the word saying they are there."""
    after = noun.right_edge.i + 1  # after "gendarmes and policemen"
    while after < len(noun.doc) and noun.doc[after].pos_ == "ADV":
        after += 1
    if after < len(noun.doc) and noun.doc[after].lower_ == "present":
        return noun.doc[after]
    return None


def _is_troop_presence(noun: Token, anchor: Token, lex: ClaimLexicons) -> bool:
    """ "the US has 1,100 soldiers in the country", "a force of 2,500 personnel".

    A count of soldiers or police that are present, held or patrolling states how many
    were deployed; not when something else happened to them ("five officers were
    suspended") or they are a source ("two officers told AFP")."""
    if _group_of(noun, lex) not in _TROOP_GROUPS:
        return False
    if _present_word(noun) is not None:
        return True
    if anchor.dep_ == "pobj":
        return anchor.head.lower_ == "of" and _lemma(anchor.head.head) in _FORCE_NOUNS
    verb = _lemma(anchor.head)
    if anchor.dep_ in {"dobj", "obj", "attr"}:
        return verb in _HOLDING_VERBS
    if anchor.dep_ in _SUBJECT_DEPS:
        listed = any(c.dep_ == "prep" and c.lower_ == "among" for c in anchor.head.children)
        return verb in _PRESENCE_VERBS and not listed  # "two officers were among the dead"
    return anchor.dep_ == "ROOT"


def _shared_object_readings(verb: Token, noun: Token | None, lex: ClaimLexicons) -> list[_Reading]:
    """ "killed or injured 8,400 people": the first verb shares the last one's object."""
    if verb.dep_ != "conj" or verb.head.pos_ != "VERB" or _has_object(verb.head):
        return []
    found = _trigger(verb.head, lex)
    if found is None or not any(c.dep_ == "cc" for c in verb.head.children):
        return []
    return [_Reading(found[0], verb.head, noun, found[1])]


def _relative_relation(clause: Token) -> str | None:
    """How the relative pronoun of a relative clause relates to its verb ("who were killed")."""
    for child in clause.children:
        relative = child.tag_ in {"WP", "WDT"} or child.lower_ in {"who", "that", "which"}
        if relative and (child.dep_ in _SUBJECT_DEPS or child.dep_ in {"dobj", "obj"}):
            return child.dep_
    return None


def _is_asserted(trigger: Token) -> bool:
    """False for predictions, conditions, intentions and negations above the trigger
    (the shared grammar's test, with the claim stage's verbs of intent, report and cause).
    "Feared dead", "presumed dead" are estimates, not intentions; "after considering 29
    bodies" (a verb of weighing with a counted noun for its object) takes them into account."""
    weighed = trigger.dep_ in {"dobj", "obj"} and _lemma(trigger.head) in _WEIGHING_VERBS
    return is_asserted(
        trigger,
        intent_verbs=_INTENT_VERBS - _WEIGHING_VERBS if weighed else _INTENT_VERBS,
        reporting_verbs=_REPORTING_VERBS,
        causative_verbs=_CAUSATIVE_VERBS,
    )


def _combine(readings: Sequence[_Reading]) -> list[_Reading]:
    """One reading per category; killed and injured on one number make casualties."""
    by_category: dict[str, _Reading] = {}
    for reading in readings:
        by_category.setdefault(reading.category, reading)
    other = by_category.get("other")
    if other is not None and ("injured" in by_category or "killed" in by_category):
        del by_category["other"]  # "140 wounded were evacuated", "pulled seven injured men out"
    if "killed" in by_category and "injured" in by_category:
        killed = by_category.pop("killed")
        injured = by_category.pop("injured")
        first = killed if killed.trigger.i < injured.trigger.i else injured
        words = (*killed.also, *injured.also, killed.trigger, injured.trigger)
        by_category["casualties"] = _Reading("casualties", first.trigger, first.noun, words)
    return list(by_category.values())


def _with_coordinated(readings: Sequence[_Reading], lex: ClaimLexicons) -> list[_Reading]:
    """ "were killed and wounded": a trigger verb's conjuncts share its subject."""
    out = list(readings)
    for reading in readings:
        if reading.trigger.pos_ not in {"VERB", "ADJ"}:
            continue  # "one death and numerous injuries" are two counts, not one
        for conj in reading.trigger.children:
            if conj.dep_ != "conj" or any(
                c.dep_ in _SUBJECT_DEPS | {"dobj", "nummod"} for c in conj.children
            ):
                continue
            category = _trigger_category(conj, lex)
            if category:
                out.append(_Reading(category, conj, reading.noun))
    return out


# --- who, where, when, according to whom ----------------------------------------------


def _who(noun: Token | None, lex: ClaimLexicons) -> tuple[str, str | None]:
    """The counted group and its surface noun phrase ("security forces", "police and ...")."""
    if noun is None:
        return _UNSPECIFIED, None
    group = _group_of(noun, lex)
    target = noun
    if _lemma(noun) in _MEMBER_NOUNS:
        member_of = _of_object(noun)
        if member_of is not None and _group_of(member_of, lex) is not None:
            target = member_of
    tokens = [c for c in noun.lefts if c.dep_ in {"compound", "amod"}] + [noun, target]
    for conj in noun.conjuncts:
        tokens.extend([conj, *[c for c in conj.lefts if c.dep_ in {"compound", "amod"}]])
        other = _group_of(conj, lex)
        if group and other and other != group and {group, other} <= _TROOP_GROUPS:
            group = "security forces"
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return group or _UNSPECIFIED, doc_text(noun.doc)[start:end]


def _phrase_text(head: Token) -> str:
    """A source's noun phrase without relative clauses, appositions or leading articles."""
    dropped = {"relcl", "acl", "appos", "punct", "advcl", "cc", "prep"}
    kept = [head]
    stack = [c for c in head.children if c.dep_ not in dropped or _keeps_prep(c)]
    while stack:
        token = stack.pop()
        kept.append(token)
        stack.extend(c for c in token.children if c.dep_ not in dropped or _keeps_prep(c))
    kept.sort(key=lambda t: t.i)
    while len(kept) > 1 and kept[0].dep_ == "det" and kept[0].lower_ in {"the", "a", "an"}:
        kept = kept[1:]
    text = doc_text(head.doc)
    return text[kept[0].idx : kept[-1].idx + len(kept[-1].text)]


def _keeps_prep(token: Token) -> bool:
    return token.dep_ == "prep" and token.lower_ == "of"


def _according_to(token: Token) -> Token | None:
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _cited(token: Token) -> list[Token]:
    """ "citing Y" hanging on a reporting verb or its subject."""
    return [
        obj
        for child in token.children
        if _lemma(child) == "cite"
        for obj in child.children
        if obj.dep_ in {"dobj", "obj"}
    ]


def _reporter(verb: Token) -> list[Token]:
    """Sources of a reporting verb, innermost first: "X, citing Y, said" gives [Y, X]."""
    if _lemma(verb) not in _REPORTING_VERBS:
        return []
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    subjects += [o for c in verb.children if c.dep_ == "agent" for o in c.children]
    found: list[Token] = list(_cited(verb))
    for subject in subjects:
        if subject.pos_ == "PRON":
            continue  # "he said": who "he" is needs coreference, which we do not have
        found.extend(_cited(subject))
        found.append(subject)
    return found


def find_attribution(trigger: Token, sentence: Span) -> tuple[str | None, str | None]:
    """(originator, relay) of a claim from the sentence's parse.

    Walks up from the trigger: "according to X" and "X said/reported" met first are the
    originator, sources further out relay them ("State TV reported ..., according to
    Reuters": State TV originates, Reuters relays; "X, citing Y": Y originates). A
    citations component may replace this when it has linked sources to sentences.
    """
    chain: list[Token] = []
    trailing: list[Token] = []  # "according to X" after the claim: the outermost relay
    node = trigger
    for _ in range(64):
        for child in node.children:
            source = _according_to(child)
            if source is not None:
                (trailing if child.i > trigger.i else chain).append(source)
            if child.dep_ == "parataxis":
                chain.extend(_reporter(child))
        if node is not trigger:
            chain.extend(_reporter(node))
        if node.head.i == node.i:
            break
        node = node.head
    for token in sentence:
        source = _according_to(token)
        if source is not None and source not in chain and source not in trailing:
            trailing.append(source)
    chain.extend(trailing)
    names: list[str] = []
    heads: set[str] = set()
    for token in chain:
        if _lemma(token) in heads:
            continue  # "the Ministry of the Interior said ... the ministry added": one source
        heads.add(_lemma(token))
        names.append(_phrase_text(token))
    return (names[0] if names else None, names[1] if len(names) > 1 else None)


def _citation_attribution(
    citations: Sequence[Citation], start: int, sentence: Span
) -> tuple[str | None, str | None] | None:
    inside = [c for c in citations if c.start >= sentence.start_char and c.end <= sentence.end_char]
    if not inside:
        return None
    nearest = min(inside, key=lambda c: abs(c.start - start))
    if nearest.originator and nearest.originator != nearest.source:
        return nearest.originator, nearest.source
    return nearest.source, None


def _nearest_place(places: Sequence[Place], start: int, sentence: Span) -> str | None:
    """The place nearest the figure in its sentence, never the dateline's ("COLOMBO: At least
    207 people were killed in Sri Lanka": where the story was filed, not what it counts) nor
    one of its parts' ("113, including four in Port Sudan")."""
    text = doc_text(sentence.doc)
    inside = [
        p
        for p in places
        if p.start >= sentence.start_char
        and p.end <= sentence.end_char
        and not _is_dateline_place(p, text)
        and not (p.start > start and _PART_CUE.search(text, start, p.start))
    ]
    return min(inside, key=lambda p: abs(p.start - start)).name if inside else None


_PART_CUE = re.compile(r"\b(?:including|among them|among whom|of whom|of them)\b", re.I)
"""Between a figure and a later place, the place belongs to a part of the figure ("113,
including four in Port Sudan"), not to the figure itself."""
_DATELINE_AFTER = re.compile(r"^(?:\s*[:(—–]|\s+-\s|,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d|\d))")
"""After a dateline place: a colon, a bracket or a dash ("COLOMBO:", "KHARTOUM (Reuters) -"),
or a comma and a date ("DHAKA, Dec 25")."""


def _is_dateline_place(place: Place, text: str) -> bool:
    if place.start > 0 and text[place.start - 1] != "\n":
        return False
    return bool(_DATELINE_AFTER.match(text[place.end : place.end + 16]))


def _nearest_date(times: Sequence[TimeExpression], start: int, sentence: Span) -> str | None:
    inside = [
        t for t in times if t.date and t.start >= sentence.start_char and t.end <= sentence.end_char
    ]
    return min(inside, key=lambda t: abs(t.start - start)).date if inside else None


def _quote_speaker(quotes: Sequence[Quote], start: int, end: int) -> str | None:
    for quote in quotes:
        if quote.speaker and quote.start <= start and end <= quote.end:
            return quote.speaker
    return None


# --- the component ---------------------------------------------------------------------


def _is_year(quantity: Quantity, text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1800 <= quantity.value_min <= 2100


def find_claims(
    doc: Doc,
    *,
    vague: VagueTable | None = None,
    lexicons: ClaimLexicons | None = None,
) -> list[Claim]:
    """Numeric claims in a parsed ``doc``, in text order."""
    if not doc.has_annotation("DEP") or not doc_text(doc).strip():
        return []
    lex = lexicons or build_lexicons()
    claims: list[Claim] = []
    previous: list[Claim] = []
    for sentence in doc.sents:
        if sentence.text.rstrip().endswith("?"):
            previous = []
            continue  # a question asserts no figure
        previous = _sentence_claims(doc, sentence, lex, vague, previous)
        claims.extend(previous)
    return _link_subsets(claims)


@dataclass(frozen=True)
class _Found:
    """One number expression of a sentence, where it sits, and the claims read from it."""

    quantity: Quantity
    start: int
    end: int
    number: Token
    claims: tuple[Claim, ...]


def _sentence_claims(
    doc: Doc,
    sentence: Span,
    lex: ClaimLexicons,
    vague: VagueTable | None,
    previous: Sequence[Claim] = (),
) -> list[Claim]:
    found: list[_Found] = []
    seen: set[tuple[str, int]] = set()
    for quantity in find_quantities(sentence.text, vague=vague):
        start = sentence.start_char + quantity.start
        end = sentence.start_char + quantity.end
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if any(t.ent_type_ in {"MONEY", "PERCENT"} for t in span):
            continue
        if any(c.dep_ == "conj" and c.lower_ in {"both", "all"} for t in span for c in t.children):
            continue  # "lost one or both parents": how many of each one's, not a count
        readings = _readings(
            span,
            lex,
            vague=quantity.vague_rule is not None,
            value=max(quantity.value_min, quantity.value_max or 0.0),  # "fewer than 20 of"
        )
        readings = _combine(
            [r for r in _with_coordinated(readings, lex) if _is_asserted(r.trigger)]
        )
        claims: list[Claim] = []
        for reading in readings:
            if _crosses_list_line(doc, start, end, reading):
                continue  # "* 45 injured\n* 4 dead": one list item does not read another
            who, who_text = _who(reading.noun, lex)
            if reading.noun is None and _is_year(quantity, span.text):
                continue
            if reading.category == "troops" and who not in _TROOP_GROUPS:
                continue
            if (reading.category, start) in seen:
                continue
            seen.add((reading.category, start))
            read = quantity
            if reading.passing and quantity.qualifier == "exact":
                read = replace(quantity, qualifier="more_than", value_max=None)
            claims.append(_make_claim(doc, sentence, read, start, end, reading, who, who_text))
        found.append(_Found(quantity, start, end, _number_token(span), tuple(claims)))
    out: list[Claim] = []
    wholes: dict[int, Claim] = {}  # sub-count list members -> the count they are part of
    for index, item in enumerate(found):
        if item.claims:
            if out and _is_sub_count(doc, sentence, item):
                wholes[index] = out[-1]
            out.extend(item.claims)
            continue
        if index and _LIST_LINE.search(doc_text(doc)[found[index - 1].end : item.start]):
            continue  # a new list item starts its own count
        if _counts_things(item.number, lex):
            continue  # "Balaroa and Petobo, two of Palu's hardest-hit neighbourhoods"
        earlier = [f for f in found[:index] if f.claims]
        source = _inherited_from(item, earlier, lex) if earlier else None
        if source is None and out:
            whole: Claim | None = None
            if _is_sub_count(doc, sentence, item):
                whole = out[-1]
            elif index - 1 in wholes and _continues_list(doc, found[index - 1], item):
                whole = wholes[index - 1]
            if whole is not None and _fits_within(item.quantity, whole):
                source = whole
                wholes[index] = whole
        if source is None and _continues_a_total(item.number, lex):
            source = out[-1] if out else (previous[-1] if previous else None)
        if source is None and not earlier and previous and _is_part_of_them(item):
            source = previous[-1]  # "30 people were hurt. Six of them were children."
            if not _fits_within(item.quantity, source):
                source = None
        if source is not None and not _is_year(item.quantity, doc_text(doc)[item.start : item.end]):
            claim = _inherit(doc, item, source, lex)
            if claim.category != "troops" or claim.who in _TROOP_GROUPS:
                out.append(claim)
    return _with_continued_groups(doc, out, previous)


_CONTINUATION = re.compile(r"\b(?:another|a further|further|an additional)\s+$", re.I)
"""Right before a number: "another 30 were hospitalized" counts more of the group just named."""


def _with_continued_groups(doc: Doc, claims: list[Claim], previous: Sequence[Claim]) -> list[Claim]:
    """ "At least 32 foreigners were among the dead and another 30 were hospitalized": a count
    introduced by "another" that names no group counts the group the last count named."""
    text = doc_text(doc)
    named = next((c for c in reversed(previous) if c.who != _UNSPECIFIED), None)
    out: list[Claim] = []
    for claim in claims:
        lead = text[max(0, claim.start - 20) : claim.start]
        if claim.who == _UNSPECIFIED and named is not None and _CONTINUATION.search(lead):
            claim = replace(claim, who=named.who, who_text=named.who_text)
        out.append(claim)
        if claim.who != _UNSPECIFIED:
            named = claim
    return out


_LIST_LINE = re.compile(r"\n\s*(?:[-*•·▪\u2013\u2014]|\d+[.)]\s)")


def _crosses_list_line(doc: Doc, start: int, end: int, reading: _Reading) -> bool:
    """Whether the number and the words it was read with sit on different list lines."""
    points = [start, end]
    for token in (reading.trigger, reading.noun, *reading.also):
        if token is not None:
            points.extend([token.idx, token.idx + len(token)])
    return bool(_LIST_LINE.search(doc_text(doc)[min(points) : max(points)]))


# Words right before a count that make it part of the count just made: "...: 47 Syrians",
# "of which 64 gendarmes", "including nine in ...", "among them 12"; and " of them" after it.
_SUB_COUNT_BEFORE = re.compile(
    r"(?:[:\u2013\u2014]|\bof (?:which|whom)|\bincluding|\bamong(?:st)? (?:them|whom|those))"
    r"\s*$",
    re.IGNORECASE,
)
_SUB_COUNT_AFTER = re.compile(r"^\s+of (?:them|whom|those)\b", re.IGNORECASE)
_LIST_JOIN = re.compile(r"^[^.;:!?()\d]{0,40}?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")


def _is_sub_count(doc: Doc, sentence: Span, item: _Found) -> bool:
    """A count introduced as a part of the one before it in the sentence."""
    before = doc_text(doc)[sentence.start_char : item.start]
    return bool(
        _SUB_COUNT_BEFORE.search(before)
        or _SUB_COUNT_AFTER.match(doc_text(doc)[item.end : sentence.end_char])
    )


def _continues_list(doc: Doc, member: _Found, item: _Found) -> bool:
    """ "47 Syrians, 43 Egyptians and 2 Palestinians": the next member of a sub-count list,
    joined by a comma or "and" with no verb in between."""
    gap = doc.char_span(member.end, item.start, alignment_mode="contract")
    if gap is not None and any(t.pos_ in {"VERB", "AUX"} for t in gap):
        return False
    return bool(_LIST_JOIN.match(doc_text(doc)[member.end : item.start]))


def _continues_a_total(number: Token, lex: ClaimLexicons) -> bool:
    """ "bringing the total to 5,000", "estimates range from 400 to 600 people": a bare total
    or estimate, counted in no words of its own, continues the count the text just made."""
    noun = _counted_noun(number, lex)
    if noun is not None and _group_of(noun, lex) != _UNSPECIFIED:
        return False
    phrase = noun if noun is not None else number
    if phrase.dep_ != "pobj" or phrase.head.lower_ not in {"to", "at", "from"}:
        return False
    verb = phrase.head.head
    if _lemma(verb) not in _RAISING_VERBS | _TOLL_VERBS | _RANGE_VERBS:
        return False
    return any(
        c.dep_ in {"nsubj", "dobj"} and _lemma(c) in _TOTAL_NOUNS and _of_object(c) is None
        for c in verb.children
    )


def _frame(number: Token, lex: ClaimLexicons) -> tuple[str, str, bool]:
    """How a number's phrase attaches: "(452 dead)" ~ "(191)", "with 347 dead" ~ "with 238"."""
    noun = _counted_noun(number, lex)
    phrase = noun if noun is not None else number
    head = phrase.head.lower_ if phrase.dep_ == "pobj" else ""
    left = phrase.doc[phrase.left_edge.i - 1] if phrase.left_edge.i > 0 else None
    bracketed = left is not None and left.text in {"(", "["}
    return phrase.dep_, head, bracketed


def _inherited_from(item: _Found, earlier: Sequence[_Found], lex: ClaimLexicons) -> Claim | None:
    """The claim an elliptical count continues, or None.

    "37 bodies were recovered from the vessel and two more from the river" (gapping);
    "55 people, including three journalists, were injured" and "among them 1,404" (sub-
    counts); "..., up from 875 the night before" (an earlier figure); "Taroudant (452
    dead) and Chichaoua (191)", "with 347 dead ..., followed by Balochistan with 238"
    (a bare number in the same frame as a count just made); "29 bodies at the X hospital,
    102 at the Y hospital" (a count site list)."""
    number = item.number
    noun = _counted_noun(number, lex)
    listed = noun is None or (noun.i < number.i and number.dep_ == "appos")
    if listed and _alone_in_entity(number) and count_site(number, number) is not None:
        for before in reversed(earlier):  # "29 bodies at the X hospital, 102 at the Y ..."
            if before.claims[0].site:
                return before.claims[0]
    if any(t.ent_type_ in {"DATE", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"} for t in [number]):
        return None
    last = earlier[-1].claims[0]
    if _is_part_of_them(item) and _fits_within(item.quantity, last):
        return last
    if noun is None and number.dep_ == "conj" and number.head.pos_ in {"VERB", "AUX"}:
        for before in reversed(earlier):
            verb = clause_verb(before.number)
            if verb is not None and verb.i == number.head.i:
                return before.claims[0]
    phrase = _first_conjunct(noun if noun is not None else number)
    among_them = any(
        c.dep_ == "prep" and c.lower_ == "among" and any(g.pos_ == "PRON" for g in c.children)
        for c in phrase.children
    )
    if among_them or (phrase.dep_ == "pobj" and phrase.head.lower_ in _SUBCOUNT_PREPOSITIONS):
        is_people = noun is None or _group_of(noun, lex) is not None
        return last if is_people else None
    if (
        noun is None
        and phrase.dep_ == "pobj"
        and phrase.head.lower_ == "from"
        and phrase.head.head.lower_ in _CHANGE_ADVERBS
    ):
        return last
    if noun is None and _is_bare(number):
        frame = _frame(number, lex)
        if frame[0] in {"appos", "pobj"}:
            for before in reversed(earlier):
                if _frame(before.number, lex) == frame:
                    return before.claims[0]
    return None


def _alone_in_entity(number: Token) -> bool:
    """The number is no part of a longer entity ("May 14"); a lone number the tagger took for
    a date ("..., 14 at the Galle hospital") is still a count in a list of sites."""
    if not number.ent_type_:
        return True
    return number.ent_iob_ == "B" and (
        number.i + 1 >= len(number.doc) or number.doc[number.i + 1].ent_iob_ != "I"
    )


def _fits_within(part: Quantity, whole: Claim) -> bool:
    """A sub-count cannot be larger than the count it is part of."""
    bound = whole.value_max if whole.value_max is not None else whole.value_min
    return bound is None or part.value_min <= bound


def _is_part_of_them(item: _Found) -> bool:
    """ "14 of them were children": a copular sub-count of the group counted just before."""
    number = item.number
    part = any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(g.dep_ == "pobj" and g.lower_ in {"them", "whom"} for g in c.children)
        for c in number.children
    )
    return part and number.dep_ in _SUBJECT_DEPS and _lemma(number.head) == "be"


def _is_bare(number: Token) -> bool:
    """A number with nothing hanging on it but punctuation or a qualifier."""
    return all(c.dep_ in {"punct", "advmod", "quantmod", "compound"} for c in number.children)


def _inherit(doc: Doc, item: _Found, source: Claim, lex: ClaimLexicons) -> Claim:
    """A claim for an elliptical count: the category of ``source``, its own figure and group."""
    noun = _counted_noun(item.number, lex)
    who, who_text = _who(noun, lex) if noun is not None else (source.who, None)
    start = item.start
    end = item.end
    if noun is not None and noun.i >= item.number.i:
        end = max(end, noun.idx + len(noun.text))
    extra: dict[str, Any] = {}
    if "who_text" in _CLAIM_FIELDS:
        extra["who_text"] = who_text
    context = figure_context(item.number.sent, item.number, item.number, [], _REPORTING_LEMMAS)
    return replace(
        source,
        value_min=item.quantity.value_min,
        value_max=item.quantity.value_max,
        qualifier=item.quantity.qualifier,
        vague_rule=item.quantity.vague_rule,
        text=doc_text(doc)[start:end],
        start=start,
        end=end,
        who=who,
        subset_of=_UNRESOLVED_PARENT if context.subset else None,
        rising=context.rising or source.rising,
        site=context.site or source.site,
        place=_nearest_place(doc._.places or [], item.start, item.number.sent) or source.place,
        **extra,
    )


def _make_claim(
    doc: Doc,
    sentence: Span,
    quantity: Quantity,
    start: int,
    end: int,
    reading: _Reading,
    who: str,
    who_text: str | None,
) -> Claim:
    points = [(start, end), (reading.trigger.idx, reading.trigger.idx + len(reading.trigger))]
    for token in (reading.noun, *reading.also):
        if token is not None and token.sent == sentence:
            points.append((token.idx, token.idx + len(token)))
    text_start = min(p[0] for p in points)
    text_end = max(p[1] for p in points)
    citations = doc._.citations
    attribution = (
        _citation_attribution(citations, start, sentence) if citations is not None else None
    )
    if attribution is None:
        attribution = find_attribution(reading.trigger, sentence)
    if attribution[0] is None and doc._.quotes:
        attribution = (_quote_speaker(doc._.quotes, text_start, text_end), None)
    extra: dict[str, Any] = {}
    if "who_text" in _CLAIM_FIELDS:
        extra["who_text"] = who_text
    number = doc.char_span(start, end, alignment_mode="expand")
    if number is not None and len(number) and _is_referenced_total(number.root, reading.noun):
        attribution = (None, None)
    context = figure_context(
        sentence,
        number.root if number is not None and len(number) else reading.trigger,
        reading.trigger,
        doc._.time_expressions or [],
        _REPORTING_LEMMAS,
    )
    return Claim(
        article_id=doc._.article_id,
        category=reading.category,
        value_min=quantity.value_min,
        value_max=quantity.value_max,
        qualifier=quantity.qualifier,
        text=doc_text(doc)[text_start:text_end],
        start=text_start,
        end=text_end,
        outlet=doc._.outlet,
        who=who,
        place=_nearest_place(doc._.places or [], start, sentence),
        date=_nearest_date(doc._.time_expressions or [], start, sentence),
        attributed_to=attribution[0],
        relayed_by=attribution[1],
        vague_rule=quantity.vague_rule,
        stated=context.stated,
        covers=context.covers,
        subset_of=_UNRESOLVED_PARENT if context.subset else None,
        rising=context.rising,
        site=context.site,
        operation=context.operation if reading.category == "detained" else None,
        **extra,
    )


_REFERENCE_DETERMINERS = {"the", "those", "these"}
_PART_PREPOSITIONS = {"among", "amongst"}


def _is_referenced_total(number: Token, noun: Token | None) -> bool:
    """ "45 children were among the more than 320 people killed, the UN said", "12 of the
    300 dead were children" ("referenced_total"): a definite total a part is taken from is
    referred to as known, not reported; the sentence's source gives the part only, so the
    total carries no originator of its own (the ledger shows it, never counts it)."""
    phrase = noun if noun is not None and number.head.i == noun.i else number
    if phrase.dep_ != "pobj":
        return False
    prep = phrase.head
    part_of = prep.lower_ in _PART_PREPOSITIONS or (
        prep.lower_ == "of" and (prep.head.like_num or prep.head.pos_ == "NUM")
    )
    definite = any(c.dep_ == "det" and c.lower_ in _REFERENCE_DETERMINERS for c in phrase.children)
    return part_of and definite


def _link_subsets(claims: Sequence[Claim]) -> list[Claim]:
    """Point each subset at its total: the nearest earlier claim that is not itself a subset,
    of the same category where there is one, at most ``SUBSET_REACH`` characters before it."""
    linked: list[Claim] = []
    for index, claim in enumerate(claims):
        if claim.subset_of != _UNRESOLVED_PARENT:
            linked.append(claim)
            continue
        earlier = [
            c
            for c in claims[:index]
            if c.subset_of is None and 0 <= claim.start - c.start <= SUBSET_REACH
        ]
        same = [c for c in earlier if c.category == claim.category]
        candidates = same or earlier
        parent = candidates[-1].start if candidates else None
        linked.append(replace(claim, subset_of=parent))
    return linked


class ClaimFinder:
    """The ``newsprism_claims`` pipeline component: sets ``doc._.claims``."""

    def __init__(
        self,
        *,
        vague_quantities: Mapping[str, Sequence[float | None]] | None = None,
        lexicons: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        register_extensions()
        self.vague: dict[str, tuple[float, float | None]] = {
            word: _bounds(word, value) for word, value in (vague_quantities or {}).items()
        }
        self.lexicons = build_lexicons(lexicons)

    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = find_claims(doc, vague=self.vague, lexicons=self.lexicons)
        return doc


def _bounds(word: str, value: Sequence[float | None]) -> tuple[float, float | None]:
    """[min, max] from settings; a missing or negative max is open."""
    if len(value) != 2 or value[0] is None:
        raise InputError(
            f"vague quantity {word!r} must be [min, max], not {value!r}", where="vague_quantities"
        )
    high = value[1]
    return float(value[0]), None if high is None or high < 0 else float(high)


@Language.factory(
    "newsprism_claims",
    default_config={"vague_quantities": {}, "lexicons": {}},
)
def make_claim_finder(
    nlp: Language,
    name: str,
    *,
    vague_quantities: dict[str, list[float | None]],
    lexicons: dict[str, list[str]],
) -> ClaimFinder:
    use_user_entries(lexicons)
    return ClaimFinder(vague_quantities=vague_quantities, lexicons=lexicons)


__all__ = ["ClaimFinder", "ClaimLexicons", "build_lexicons", "find_attribution", "find_claims"]
