"""Shared grammar over a spaCy parse: the questions every extractor asks of a sentence.

One place answers them so that claims, events, quotes and citations agree:

- is a clause **asserted** or hedged (negated, under a modal, a condition or a word of
  intent)? :func:`is_asserted`, :func:`is_negated_here`, :func:`is_unreal_here`;
- where does a **phrase** end? :func:`phrase_bounds` (a noun phrase without its clauses);
- which **verb governs** a token or span? :func:`clause_verb`, :func:`governing_verb`;
- who is the **subject** of a verb, and whom does "according to" name?
  :func:`subject_of`, :func:`according_object`.

The word classes used here are closed English function-word classes, not topic lexicons.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import pairwise

from spacy.tokens import Span, Token

MODALS = frozenset(
    {"could", "would", "may", "might", "will", "shall", "should", "must", "can", "'ll", "wo"}
)
CONDITIONS = frozenset({"if", "unless", "whether", "lest"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PRESUMPTION_DEPS = frozenset({"oprd", "acomp"})
# Dependencies through which a participle or coordinated verb takes its clause's subject.
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "acl", "ccomp", "relcl", "prep"})
_PHRASE_RIGHT_DEPS = frozenset({"compound", "flat", "nmod", "amod", "poss", "case", "nummod"})
_ARTICLES = frozenset({"the", "a", "an"})
_BELIEF_VERBS = frozenset({"believe", "know", "think"})


def lemma(token: Token) -> str:
    """The lower-case lemma (the text when the model gives none)."""
    return (token.lemma_ or token.text).lower()


# --- asserted or hedged ------------------------------------------------------------------


def is_negated_here(node: Token) -> bool:
    """A negation attached to this very node ("did not kill")."""
    return any(child.dep_ == "neg" for child in node.children)


def is_unreal_here(node: Token) -> bool:
    """A modal auxiliary or a condition attached to this node ("could kill", "if they kill")."""
    for child in node.children:
        if child.dep_ == "aux" and (child.tag_ == "MD" or child.lower_ in MODALS):
            return True
        if child.dep_ == "mark" and child.lower_ in CONDITIONS:
            return True
    return False


def is_asserted(
    trigger: Token,
    *,
    intent_verbs: Collection[str] = frozenset(),
    reporting_verbs: Collection[str] = frozenset(),
    causative_verbs: Collection[str] = frozenset(),
) -> bool:
    """False when a negation, modal, condition or verb of intent above ``trigger`` hedges it.

    The walk goes up the parse from ``trigger`` to its clause's root and stops at a relative
    or adverbial clause ("..., when 6,000 people were arrested" is told as fact even under
    "has not ruled out") and at the clause reported by a reporting verb ("officials said
    12 died": the saying is asserted, the dying is what they assert). An infinitive under a
    reporting or belief verb ("were said to have died") or a causative ("forced N to flee")
    stands; any other infinitive is an intention ("plans to deploy"). ``intent_verbs``,
    ``reporting_verbs`` and ``causative_verbs`` are lemma sets the caller owns.
    """
    node = trigger
    below: Token | None = None
    for _ in range(64):
        presumed = below is not None and below.dep_ in PRESUMPTION_DEPS
        if lemma(node) in intent_verbs and node.i != trigger.i and not presumed:
            return False
        if is_negated_here(node) or is_unreal_here(node):
            return False
        reported = lemma(node.head) in set(reporting_verbs) | _BELIEF_VERBS
        caused = _is_caused(node, causative_verbs)
        for child in node.children:
            if child.dep_ == "aux" and child.tag_ == "TO" and not (reported or caused):
                return False
        if node.dep_ in {"relcl", "acl"} and caused:
            below, node = node, node.head.head
            continue
        if node.head.i == node.i or node.dep_ in {"relcl", "advcl"}:
            break
        if node.dep_ == "acl" and node.tag_ == "VBN" and node.i == trigger.i:
            break  # "to reach 14 people trapped under rubble": the state is told as fact
        if node.dep_ == "ccomp" and lemma(node.head) in reporting_verbs:
            break
        below, node = node, node.head
    return True


def is_hedged(trigger: Token, **word_classes: Collection[str]) -> bool:
    """The converse of :func:`is_asserted`, with the same word classes."""
    return not is_asserted(trigger, **word_classes)


def _is_caused(clause: Token, causative_verbs: Collection[str]) -> bool:
    """Whether an infinitive is the caused act of a causative verb ("forced N to flee")."""
    if not causative_verbs:
        return False
    if lemma(clause.head) in causative_verbs and clause.dep_ in {"xcomp", "ccomp"}:
        return True
    return (
        clause.dep_ in {"relcl", "acl"}
        and clause.head.dep_ in {"dobj", "obj"}
        and lemma(clause.head.head) in causative_verbs
    )


# --- phrase extent -----------------------------------------------------------------------


def phrase_bounds(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``head``, without its clauses.

    Left dependents are kept whole; on the right only modifiers that belong to the name
    ("of" directly after it, compounds, appositive numbers) are kept, so a relative clause
    or a trailing time phrase ends the phrase. Leading articles, punctuation and dates go,
    and a line break before the head starts the phrase after it (a dateline, a byline).
    """
    start = head.i
    for child in head.lefts:
        if child.dep_ not in {"punct", "cc"}:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in _PHRASE_RIGHT_DEPS or (
            child.dep_ == "prep" and child.lower_ == "of" and child.i == end
        ):
            end = max(end, child.right_edge.i + 1)
        else:
            break
    doc = head.doc
    for i in range(start, head.i):
        if "\n" in doc[i].text_with_ws:
            start = i + 1
    while start < end - 1 and (
        doc[start].lower_ in _ARTICLES or doc[start].is_punct or doc[start].ent_type_ == "DATE"
    ):
        start += 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return start, end


def phrase_span(head: Token) -> Span:
    """The noun phrase of :func:`phrase_bounds` as a span."""
    start, end = phrase_bounds(head)
    return head.doc[start:end]


# --- the governing verb --------------------------------------------------------------------


def clause_verb(token: Token, *, limit: int = 8) -> Token | None:
    """The nearest verb at or above ``token`` in the parse: the verb of its clause."""
    for _ in range(limit):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def span_root(span: Span) -> Token:
    """The token of ``span`` whose head lies outside it (the first one when several do)."""
    inside = range(span.start, span.end)
    for token in span:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return span[0]


def governing_verb(span: Span) -> Token | None:
    """The verb that governs ``span``: the clause verb above its root, outside the span.

    For a reported clause ("that the ferries had stopped") it is the reporting verb; for a
    noun phrase it is the verb the phrase is an argument of."""
    root = span_root(span)
    node = root.head if root.head.i != root.i else None
    inside = range(span.start, span.end)
    while node is not None and node.i in inside:
        node = node.head if node.head.i != node.i else None
    return clause_verb(node) if node is not None else None


# --- subjects and "according to" --------------------------------------------------------


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, climbing from participles and coordinated verbs to the clause.

    When the parser split one phrase into two subjects ("the rights group | Hengaw said"),
    the proper name is the subject."""
    token: Token | None = verb
    for _ in range(6):
        if token is None:
            return None
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS and c.i != verb.i]
        if subjects:
            subject = main_subject(subjects)
            return _named_in_time(subject) if is_time(subject) else subject
        if token.dep_ == "acl" and token.head.pos_ in {"NOUN", "PROPN"}:
            return token.head
        if token.dep_ not in _CLIMB_DEPS or token.head.i == token.i:
            return None
        token = token.head
    return None


def main_subject(subjects: list[Token]) -> Token:
    """One subject when the parser split a phrase in two ("the rights group | Hengaw said"):
    the name, which is what the generic noun before it introduces.

    A place or time set off by a comma or a dash before the next subject is a dateline or an
    introduction ("WASHINGTON, Aug. 24 (UPI) — A spokesman ... called"), and neither is a time
    ("Tuesday, the mayor said") while another subject is there."""
    if len(subjects) > 1:
        kept = [
            s
            for s, after in pairwise(subjects)
            if not ((is_time(s) or s.ent_type_ in _PLACE_ENTITIES) and _set_off(s, after))
        ]
        kept.append(subjects[-1])
        subjects = [s for s in kept if not is_time(s)] or kept
    named = [t for t in subjects if t.pos_ == "PROPN"]
    return named[-1] if len(subjects) > 1 and named else subjects[0]


TIME_ENTITIES = frozenset({"DATE", "TIME"})
_PLACE_ENTITIES = frozenset({"GPE", "LOC"})
_SETTING_OFF = frozenset({",", "—", "–", "--", "-", ":"})


def is_time(token: Token) -> bool:
    """A token heading a time phrase; an age ("the 46-year-old", tagged DATE) is a person."""
    return token.ent_type_ in TIME_ENTITIES and token.lower_ != "old"


def _set_off(first: Token, then: Token) -> bool:
    between = first.doc[first.i + 1 : then.left_edge.i]
    return any(t.text in _SETTING_OFF for t in between)


def _named_in_time(subject: Token) -> Token | None:
    """The name the parser hung inside a time taken for the subject ("Saturday at the
    convention Sen. Jane Roe said": Roe); none when the time holds no name."""
    names = [
        t
        for t in subject.subtree
        if t.ent_type_ in {"PERSON", "ORG"} and t.i != subject.i and t.head.ent_type_ != t.ent_type_
    ]
    return names[-1] if names else None


def according_object(token: Token) -> Token | None:
    """For the word "according" of "according to X": X (the parse's object, else the next
    word when the parser left "to" without one)."""
    if token.lower_ != "according" or token.i + 1 >= len(token.doc):
        return None
    to = token.doc[token.i + 1]
    if to.lower_ != "to":
        return None
    for child in to.children:
        if child.dep_ == "pobj":
            return child
    following = to.doc[to.i + 1] if to.i + 1 < len(to.doc) else None
    return following if following is not None and not following.is_punct else None


__all__ = [
    "CONDITIONS",
    "MODALS",
    "SUBJECT_DEPS",
    "according_object",
    "clause_verb",
    "governing_verb",
    "is_asserted",
    "is_hedged",
    "is_negated_here",
    "is_unreal_here",
    "lemma",
    "main_subject",
    "phrase_bounds",
    "phrase_span",
    "span_root",
    "subject_of",
]
