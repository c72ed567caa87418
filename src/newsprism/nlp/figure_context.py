"""What a reported figure's sentence says about it besides the number.

A ledger compares figures that count the same thing over the same period, so each claim
carries:

- ``stated``: the day the figure was given when the text dates the statement ("the ministry
  said on Friday that ..."): a time expression attached to the reporting verb that governs
  the claim, not to the event it counts ("last Tuesday's bombing has killed 64").
- ``covers``: the period counted: ``since YYYY-MM-DD`` ("since January 2"), ``cumulative``
  (a toll, "so far", "in total"), or the incident day the sentence dates.
- ``subset``: the figure is a part of a total just given ("30 dead, including 5 children",
  "two of them were beheaded").
- ``rising``: the text presents it as replacing a smaller figure ("the toll rose to 64").
- ``site``: the one facility the figure was counted at ("52 bodies were brought to the Royal
  Care hospital", "killed at St Anthony's Church"): the ``count_sites`` lexicon; or, for
  deaths, the kind of place they happened in when the text names it in general ("6 had died
  in hospitals", "two died on the way to hospital"): those who died there, a part of the
  toll, never the toll itself.
- ``operation``: the one raid or sweep a count of detentions was made in ("arrested 18 in
  overnight raids", "we raided three locations and arrested 17"): the ``operations``
  lexicon.

The cue phrases are the ``figure_context`` lexicon, matched with a spaCy ``PhraseMatcher``
whose pattern names are the roles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from newsprism.lexicons import lexicon_cache, load_lexicon, load_mapping
from newsprism.models import TimeExpression
from newsprism.nlp.doc_index import doc_text

ROLES = ("cumulative", "since", "subset", "rise")
_PATH_DEPS = frozenset(
    {"pobj", "prep", "npadvmod", "nmod", "obl", "compound", "amod", "det", "pcomp", "advmod"}
)
"""Dependencies a time expression climbs through to the verb it modifies ("on Friday")."""
_SUBSET_WINDOW = 4
"""A subset cue counts when it ends at most this many tokens before the number."""


@dataclass(frozen=True)
class FigureContext:
    stated: str | None = None
    covers: str | None = None
    subset: bool = False
    rising: bool = False
    site: str | None = None
    operation: str | None = None


@lexicon_cache
def _cues() -> dict[str, tuple[str, ...]]:
    by_role: dict[str, list[str]] = {role: [] for role in ROLES}
    for phrase, role in load_mapping("figure_context").items():
        if role in by_role:
            by_role[role].append(phrase.lower())
    return {role: tuple(phrases) for role, phrases in by_role.items()}


_matchers: dict[tuple[int, int], PhraseMatcher] = {}


def _matcher(vocab: Vocab) -> PhraseMatcher:
    cues = _cues()
    key = (id(vocab), id(cues))
    matcher = _matchers.get(key)
    if matcher is None:
        matcher = PhraseMatcher(vocab, attr="LOWER")
        for role, phrases in cues.items():
            if phrases:
                matcher.add(role, [Doc(vocab, words=p.split()) for p in phrases])
        _matchers.clear()
        _matchers[key] = matcher
    return matcher


def _matches(sentence: Span) -> list[tuple[str, int, int]]:
    """(role, start token index, end token index) of every cue in the sentence."""
    matcher = _matcher(sentence.doc.vocab)
    strings = sentence.doc.vocab.strings
    return [
        (strings[match_id], sentence.start + start, sentence.start + end)
        for match_id, start, end in matcher(sentence)
    ]


def _attached_verb(span: Span) -> Token:
    node = span.root
    for _ in range(8):
        if node.dep_ not in _PATH_DEPS or node.head.i == node.i:
            break
        node = node.head
    return node


def _statement_time(
    trigger: Token, times: Sequence[tuple[TimeExpression, Span]], reporting_verbs: frozenset[str]
) -> TimeExpression | None:
    """The time expression dating the reporting verb that governs ``trigger``, if any."""
    verb = trigger.head
    speech: Token | None = None
    for _ in range(12):
        if verb.lemma_.lower() in reporting_verbs and verb.i != trigger.i:
            speech = verb
            break
        if verb.head.i == verb.i:
            break
        verb = verb.head
    if speech is None:
        return None
    for time, span in times:
        if span.root.i in {t.i for t in trigger.subtree}:
            continue
        if _attached_verb(span).i == speech.i:
            return time
    return None


def figure_context(
    sentence: Span,
    number: Token,
    trigger: Token,
    times: Sequence[TimeExpression],
    reporting_verbs: frozenset[str],
) -> FigureContext:
    doc = sentence.doc
    spans: list[tuple[TimeExpression, Span]] = []
    for time in times:
        if time.date and sentence.start_char <= time.start and time.end <= sentence.end_char:
            span = doc.char_span(time.start, time.end, alignment_mode="expand")
            if span is not None and len(span):
                spans.append((time, span))
    stated = _statement_time(trigger, spans, reporting_verbs)
    cues = _matches(sentence)
    covers: str | None = None
    for role, _start, end in cues:
        if role != "since":
            continue
        after = [t for t, s in spans if s.start >= end and s.start - end <= 2]
        if after and after[0].date:
            covers = f"since {after[0].date[:10]}"
            break
    if covers is None and any(role == "cumulative" for role, _s, _e in cues):
        covers = "cumulative"
    if covers is None:
        counted = [t for t, _s in spans if t is not stated]
        if counted:
            nearest = min(counted, key=lambda t: abs(t.start - number.idx))
            covers = nearest.date[:10] if nearest.date else None
    subset = any(
        role == "subset" and end <= number.i and number.i - end <= _SUBSET_WINDOW
        for role, _s, end in cues
    ) or _partitive_of_pronoun(number)
    rising = any(role == "rise" and abs(start - number.i) <= 6 for role, start, _e in cues)
    return FigureContext(
        stated=stated.date[:10] if stated and stated.date else None,
        covers=covers,
        subset=subset,
        rising=rising,
        site=count_site(number, trigger),
        operation=count_operation(trigger),
    )


def _partitive_of_pronoun(number: Token) -> bool:
    """ "two of them", "three of whom": a count taken out of a total named before."""
    return any(
        child.dep_ == "prep"
        and child.lower_ in {"of", "among"}
        and any(g.lower_ in {"them", "whom", "those", "these"} for g in child.children)
        for child in number.children
    )


SITE_PREPOSITIONS = frozenset({"at", "in", "to", "into", "from", "inside", "outside"})
"""Prepositions that put a count at a place ("at the morgue", "brought to the hospital")."""


@lexicon_cache
def _site_words() -> frozenset[str]:
    return frozenset(word.lower() for word in load_lexicon("count_sites"))


def _site_noun(prep: Token) -> Token | None:
    """The object of ``prep`` when it names one facility of the ``count_sites`` lexicon."""
    words = _site_words()
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        if any(c.dep_ == "conj" for c in obj.children):
            return None  # "at the hospital and the morgue": several sites
        if obj.tag_ in {"NNS", "NNPS"} and _site_set_place(obj) is None:
            return None  # "in hospitals": any number of sites, the toll's own wording
        modifiers = [c for c in obj.children if c.dep_ in {"compound", "amod"} and c.i < obj.i]
        names = {obj.lemma_.lower(), obj.lower_}
        names |= {f"{m.lower_} {obj.lower_}" for m in modifiers}
        names |= {m.lower_ for m in modifiers if m.dep_ == "compound"}
        if not names & words:
            return None
        determined = any(c.dep_ in {"det", "poss", "nummod"} for c in obj.children)
        named = obj.pos_ == "PROPN" or any(m.pos_ == "PROPN" for m in modifiers)
        named = named or _site_set_place(obj) is not None
        if not (determined or named):
            return None  # "taken to hospital": no one place
        return obj
    return None


def _own_clause(word: Token) -> bool:
    """A verb with its own subject heading a clause of its own: its head's places are
    another clause's."""
    return (
        word.pos_ in {"VERB", "AUX"}
        and word.dep_ in {"advcl", "conj", "ccomp", "relcl", "parataxis"}
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in word.children)
    )


def _site_set_place(noun: Token) -> Token | None:
    """A plural site noun that names a set of facilities ("site_set"): counted ("six
    hospitals"), named ("Kampala hospitals") or placed ("hospitals in the capital Khartoum");
    the word that bounds the set (the number, the name, the place's preposition)."""
    for child in noun.children:
        if child.dep_ == "nummod" and child.i < noun.i and child.like_num:
            return child
        if child.dep_ == "compound" and child.pos_ == "PROPN" and child.i < noun.i:
            return child
        placed = any(g.pos_ == "PROPN" or g.ent_type_ in {"GPE", "LOC"} for g in child.subtree)
        if child.dep_ == "prep" and child.lower_ == "in" and placed:
            return child
    return None


def _site_text(noun: Token) -> str:
    words = [t for t in noun.subtree if t.i <= noun.i and t.dep_ != "det"]
    first = min(words, key=lambda t: t.i) if words else noun
    end = noun
    placed = _site_set_place(noun) if noun.tag_ in {"NNS", "NNPS"} else None
    if placed is not None and placed.i > noun.i:  # "hospitals in the capital Khartoum"
        end = max(placed.subtree, key=lambda t: t.i)
    return doc_text(noun.doc)[first.idx : end.idx + len(end.text)]


def _site_right_after(number: Token, trigger: Token) -> str | None:
    """Site right after the count ("site_right_after_count"): "31 remains at the X hospital,
    14 at the Y hospital": in a list the words right after each number say where it was
    counted, wherever the parser hung the preposition."""
    doc = number.doc
    at = number.i + 1
    if at < len(doc) and doc[at].i == trigger.i and trigger.i != number.i:
        at += 1  # "31 remains at ...": past the counted noun
    if at >= len(doc) or doc[at].lower_ not in SITE_PREPOSITIONS or doc[at].dep_ != "prep":
        return None
    noun = _site_noun(doc[at])
    return _site_text(noun) if noun is not None else None


DYING_VERBS = frozenset({"die", "succumb", "perish", "pass"})
"""Verbs of dying (not of killing): where the text says the counted people died, the count is
of that place's deaths ("pass" only with "away")."""
WAY_NOUNS = frozenset({"way", "route"})
"""Nouns of the journey to a site: "on the way to hospital", "en route to hospital"."""


def _dying(trigger: Token) -> bool:
    lemma = trigger.lemma_.lower()
    if lemma == "pass":
        return any(c.dep_ == "prt" and c.lower_ == "away" for c in trigger.children)
    return lemma in DYING_VERBS and trigger.pos_ in {"VERB", "AUX"}


def _site_kind(noun: Token) -> bool:
    """A site word of the ``count_sites`` lexicon, whatever its number or determiner."""
    words = _site_words()
    return noun.lemma_.lower() in words or noun.lower_ in words


def _death_place(trigger: Token) -> str | None:
    """Where deaths happened, said in general ("died_at_facilities"): "6 had died in
    hospitals", "three later died in hospital" (a plural or bare site word after "in / at"),
    "two died on the way to hospital" / "en route to the hospital" (the journey there). The
    count is of those who died there, a part of the toll: the site as written."""
    if not _dying(trigger):
        return None
    doc = trigger.doc
    for prep in trigger.children:
        if prep.dep_ != "prep":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if prep.lower_ in {"in", "at"} and _site_kind(obj):
                if any(c.dep_ == "conj" for c in obj.children):
                    return None  # "in hospitals and at home": no one kind of place
                return obj.text
            if obj.lower_ in WAY_NOUNS or (prep.lower_ == "en" and obj.lower_ == "route"):
                for to in obj.children:
                    site = next((g for g in to.children if g.dep_ == "pobj"), None)
                    if to.lower_ == "to" and site is not None and _site_kind(site):
                        return doc_text(doc)[prep.idx : site.idx + len(site.text)]
    return None


def count_site(number: Token, trigger: Token) -> str | None:
    """The facility a figure was counted at, as written ("the Royal Care hospital"), if any;
    for deaths, the kind of place they happened in ("in hospitals", ``_death_place``)."""
    adjacent = _site_right_after(number, trigger)
    if adjacent is not None:
        return adjacent
    anchors = [number, trigger]
    # "140 remains which lay at the morgue": the counted noun's own relative clause
    anchors.extend(c for c in trigger.children if c.dep_ in {"relcl", "acl"})
    listed = trigger.lower_ == "remains" or trigger.pos_ in {"NUM", "NOUN", "PROPN"}
    for word in (number, trigger):  # a counted noun's sibling in a list is no governor:
        if word.dep_ == "conj" and (listed or word.head.pos_ in {"NUM", "NOUN", "PROPN"}):
            continue  # "102 at the X hospital ... and 140 remains"
        if _own_clause(word):
            continue  # "64 were counted at hospitals while four were killed in their homes"
        anchors.append(word.head)
    if trigger.dep_ in {"xcomp", "conj"} and trigger.head.pos_ not in {"NUM", "NOUN", "PROPN"}:
        anchors.append(trigger.head.head)
    sentence = number.sent
    seen: set[int] = set()
    for anchor in anchors:
        if anchor.i in seen or not (sentence.start <= anchor.i < sentence.end):
            continue
        seen.add(anchor.i)
        for prep in anchor.children:
            if prep.dep_ != "prep" or prep.lower_ not in SITE_PREPOSITIONS:
                continue
            noun = _site_noun(prep)
            if noun is not None:
                return _site_text(noun)
    return _death_place(trigger)


OPERATION_PREPOSITIONS = frozenset({"in", "during"})
"""Prepositions that put a count of detentions in one operation ("in overnight raids")."""


@lexicon_cache
def _operation_words() -> tuple[frozenset[str], frozenset[str]]:
    """(nouns, verbs) of the ``operations`` lexicon."""
    nouns: set[str] = set()
    verbs: set[str] = set()
    for word, kinds in load_mapping("operations").items():
        roles = {k.strip() for k in kinds.split(",")}
        if "noun" in roles:
            nouns.add(word.lower())
        if "verb" in roles:
            verbs.add(word.lower())
    return frozenset(nouns), frozenset(verbs)


def _left_phrase(noun: Token) -> str:
    """The noun with the words written before it that belong to it, without the article
    ("overnight raids", "dawn operation")."""
    words = [t for t in noun.subtree if t.i <= noun.i and t.dep_ not in {"det", "poss", "case"}]
    first = min(words, key=lambda t: t.i) if words else noun
    return doc_text(noun.doc)[first.idx : noun.idx + len(noun.text)]


def _operation_noun(word: Token, nouns: frozenset[str], depth: int = 0) -> Token | None:
    """An operation noun in "in / during" phrases under ``word``, not crossing into a clause
    with its own subject ("operation_in_phrase")."""
    for child in word.children:
        if child.dep_ == "prep" and child.lower_ in OPERATION_PREPOSITIONS:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in nouns:
                    return obj
        if depth < 2 and child.dep_ in {"dobj", "acl", "relcl", "nsubjpass"}:
            if _own_clause(child):
                continue
            found = _operation_noun(child, nouns, depth + 1)
            if found is not None:
                return found
    return None


def count_operation(trigger: Token) -> str | None:
    """The one operation a count was made in, as written, if the text names one: an
    operation noun after "in / during" on the verb or its counted noun ("arrested 18 suspects
    linked to the bombings in overnight raids", "during a dawn operation, troops detained
    30"), or an operation verb the arrest verb is coordinated with ("we raided three
    locations and arrested 17": "raided three locations", pattern "operation_verb")."""
    nouns, verbs = _operation_words()
    if trigger.pos_ not in {"VERB", "AUX"}:
        return None
    noun = _operation_noun(trigger, nouns)
    if noun is not None:
        return _left_phrase(noun)
    partners = [trigger.head] if trigger.dep_ == "conj" else []
    partners += [c for c in trigger.children if c.dep_ == "conj"]
    for verb in partners:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs:
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        end = max((t for o in objects for t in o.subtree), key=lambda t: t.i, default=verb)
        return doc_text(verb.doc)[verb.idx : end.idx + len(end.text)]
    return None
