"""Retractions: telling that a reported figure was later withdrawn or called an error.

Cues come from ``lexicons/retraction_cues.txt`` (cue words, reference nouns such as "the
figure", and replacement words that mark the new figure), merged with the user's own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache, lru_cache

from newsprism.lexicons import load_mapping
from newsprism.models import Claim
from newsprism.settings import Settings

LATER_SENTENCES = 3
"""How many sentences after a claim a cue + "the figure" (without a number) may retract it."""
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
_NUMBER = re.compile(r"\d[\d,.\s]*\d|\d")
_WORDS = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@cache
def _retraction_terms(extra: tuple[str, ...] = ()) -> dict[str, frozenset[str]]:
    by_role: dict[str, set[str]] = defaultdict(set)
    mapping = load_mapping("retraction_cues", Settings(lexicons={"retraction_cues": extra}))
    for term, role in mapping.items():
        by_role[role].add(" ".join(term.lower().split()))
    return {role: frozenset(terms) for role, terms in by_role.items()}


@lru_cache(maxsize=64)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence bounds of an article, split once however many of its claims are checked."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return tuple(bounds)


def _find_terms(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of every whole-word occurrence of a term in ``text`` (lower case)."""
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORDS.finditer(text)]
    found = []
    for i in range(len(words)):
        for size in (4, 3, 2, 1):
            if i + size <= len(words) and " ".join(w[2] for w in words[i : i + size]) in terms:
                found.append((words[i][0], words[i + size - 1][1]))
                break
    return found


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _claim_number(claim: Claim) -> str | None:
    if claim.value_min is None or claim.value_min != int(claim.value_min):
        return None
    return str(int(claim.value_min))


def is_revision(text: str, claim: Claim, *, extra_cues: tuple[str, ...] = ()) -> bool:
    """True when the claim's figure is the one a correction puts in place: its own sentence
    has a cue before it with a replacement word between ("the toll was revised down to 253",
    "revised down from 40 to 18": 18)."""
    terms = _retraction_terms(extra_cues)
    sentences = _sentences(text)
    own = next(((s, e) for s, e in sentences if s <= claim.start < e), None)
    if own is None:
        return False
    sentence = text[own[0] : own[1]].lower()
    figure = claim.start - own[0]
    replacements = terms.get("replacement", frozenset())
    return any(
        cue_end <= figure and _find_terms(sentence[cue_end:figure], replacements)
        for _cue_start, cue_end in _find_terms(sentence, terms.get("cue", frozenset()))
    )


def is_retracted(text: str, claim: Claim, *, extra_cues: tuple[str, ...] = ()) -> bool:
    """True when the claim's sentence, or a later one of its article, withdraws its figure.

    In the claim's own sentence, a cue retracts the figure unless a replacement word stands
    between the cue and the figure ("revised down from 40 to 18": 40 is withdrawn, 18 is
    the new figure). A later sentence retracts it when it has a cue and the same number,
    or a cue and a reference noun ("the figure was an error") within LATER_SENTENCES.
    """
    terms = _retraction_terms(extra_cues)
    cues, refs = terms.get("cue", frozenset()), terms.get("reference", frozenset())
    replacements = terms.get("replacement", frozenset())
    sentences = _sentences(text)
    own = next((i for i, (s, e) in enumerate(sentences) if s <= claim.start < e), None)
    if own is None:
        return False
    s_start, s_end = sentences[own]
    sentence = text[s_start:s_end].lower()
    figure = claim.start - s_start
    lead = sentence[:figure].rstrip()[-16:]
    denied = any(
        end == len(lead) for _start, end in _find_terms(lead, terms.get("denial", frozenset()))
    )
    if denied and (_find_terms(sentence, cues) or _find_terms(sentence, refs)):
        return True  # "the toll stands at 253 and not at 359 as declared previously"
    for cue_start, cue_end in _find_terms(sentence, cues):
        if cue_start > figure:
            return True  # "40 deaths, a figure later withdrawn"
        between = sentence[cue_end:figure]
        if not _find_terms(between, replacements):
            return True
    number = _claim_number(claim)
    for offset, (start, end) in enumerate(sentences[own + 1 :], start=1):
        later = text[start:end].lower()
        if not _find_terms(later, cues):
            continue
        numbers = {_digits(m.group()) for m in _NUMBER.finditer(later)}
        if number and number in numbers:
            return True
        if not numbers and offset <= LATER_SENTENCES and _find_terms(later, refs):
            return True
    return False
