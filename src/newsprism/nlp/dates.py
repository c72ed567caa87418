"""The ``newsprism_dates`` component: time expressions resolved to calendar dates.

Candidates come from the grammar of :mod:`newsprism.nlp.temporal` run over
``doc.text``; spaCy's DATE/TIME entities confirm the forms that are often something
else (a bare "May", a bare "2019") and veto those the model reads as a number or a
name. Overlaps are merged (the longest expression wins), so "Sunday, the ninth of
January" is one expression although the model splits it. Entity spans the grammar
cannot read (durations, ages, "the 19th century", clock times) are left out: they do
not name a calendar date.

Expressions are resolved in text order against ``doc._.published``; chains ("two
days later") count from the last day-level expression before them. Whether a clause
is in the future tense (which moves "on Friday" forward, see temporal.py) is read from
the dependency parse when there is one, otherwise from the words of the sentence.
Without a publication date, only expressions that carry their own year (or count from
one) resolve; the rest are kept with ``date=None`` and method ``unanchored`` so a later
stage can re-resolve them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsprism.lexicons import load_mapping, use_user_entries
from newsprism.models import TimeExpression
from newsprism.nlp.doc_index import doc_text
from newsprism.nlp.extensions import register_extensions
from newsprism.nlp.temporal import (
    GRACE_DAYS,
    GRANULARITIES,
    FoundExpression,
    ResolvedDate,
    find_candidates,
    future_auxiliaries,
    future_verbs,
    parse_anchor,
    resolve_time_expression,
    select_longest,
    start_of,
)

_SUPPORTING_LABELS = {"DATE", "TIME"}
# A bare month or year inside one of these entities is a name or a number, not a date.
_VETO_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "PERSON", "ORG", "PRODUCT", "ORDINAL"}
_VETOABLE_FORMS = {"month", "year"}
_CLAUSE_BREAK = re.compile(r"[.!?;\n]|\bthat\b|\bwho\b|\bwhich\b", re.IGNORECASE)
_WORD = re.compile(r"[\w'’]+")


class DateFinder:
    """Puts ``doc._.time_expressions`` (a list of TimeExpression) on each doc."""

    def __init__(self, *, grace_days: int = GRACE_DAYS, use_entities: bool = True) -> None:
        register_extensions()
        self.grace_days = grace_days
        self.use_entities = use_entities

    def __call__(self, doc: Doc) -> Doc:
        doc._.time_expressions = find_doc_time_expressions(
            doc, grace_days=self.grace_days, use_entities=self.use_entities
        )
        return doc


@Language.factory(
    "newsprism_dates",
    default_config={"grace_days": GRACE_DAYS, "use_entities": True, "lexicons": {}},
)
def make_date_finder(
    nlp: Language,
    name: str,
    grace_days: int,
    use_entities: bool,
    lexicons: dict[str, list[str]],
) -> DateFinder:
    use_user_entries(lexicons)
    return DateFinder(grace_days=grace_days, use_entities=use_entities)


def _overlaps(start: int, end: int, spans: Iterable[Span]) -> list[Span]:
    return [span for span in spans if span.start_char < end and start < span.end_char]


def _keep(candidate: FoundExpression, doc: Doc, entities: list[Span]) -> bool:
    touching = _overlaps(candidate.start, candidate.end, entities)
    supported = any(span.label_ in _SUPPORTING_LABELS for span in touching)
    vetoed = any(span.label_ in _VETO_LABELS for span in touching)
    if candidate.form in _VETOABLE_FORMS and vetoed and not supported:
        return False
    if not (candidate.confirmed or supported):
        return False
    return not _is_adjective(candidate, doc)


def _is_adjective(candidate: FoundExpression, doc: Doc) -> bool:
    """ "an overnight curfew": a day word modifying a noun is not a date reference."""
    if " " in candidate.text or not doc.has_annotation("DEP"):
        return False
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].dep_ == "amod"


def _governing_verb(token: Token) -> list[Token]:
    """The tokens from ``token`` up to (and including) the verb it attaches to."""
    path = [token]
    while path[-1].pos_ not in {"VERB", "AUX"} and path[-1].head is not path[-1]:
        path.append(path[-1].head)
        if len(path) > 12:
            break
    return path


def _tense_words(kind: str) -> frozenset[str]:
    """``future:modal`` and ``future:intent`` entries of the time_words lexicon."""
    return frozenset(
        phrase.lower()
        for phrase, value in load_mapping("time_words").items()
        if value == f"future:{kind}"
    )


def _is_future_parsed(span: Span) -> bool:
    path = _governing_verb(span.root)
    verb = path[-1]
    verbs = [verb]
    if verb.dep_ in {"xcomp", "conj"} and verb.head is not verb:
        verbs.append(verb.head)
    aux_words = future_auxiliaries()
    modal_words = _tense_words("modal")
    for candidate in verbs:
        auxiliaries = [c for c in candidate.children if c.dep_ in {"aux", "auxpass"}]
        words = {c.lower_ for c in auxiliaries}
        if words & aux_words:
            return True
        # "should be completed in October" points forward, "should have been" back
        if words & modal_words and not any(c.lemma_.lower() == "have" for c in auxiliaries):
            return True
        if candidate.lower_ == "going" and verb.dep_ == "xcomp":
            return True
    # "is set to begin on Wednesday", "wants to close them by June": the date belongs to
    # the intended act; "promised on Monday to ..." dates the promise (no xcomp).
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _tense_words("intent"):
        return True
    lemmas = future_verbs()
    return any(token.lemma_.lower() in lemmas for token in path + verbs)


def _is_future_text(text: str, start: int, end: int) -> bool:
    """Without a parse: a future auxiliary in the same clause as the expression."""
    left = text[max(0, start - 200) : start]
    right = text[end : end + 200]
    left_breaks = list(_CLAUSE_BREAK.finditer(left))
    if left_breaks:
        left = left[left_breaks[-1].end() :]
    right_break = _CLAUSE_BREAK.search(right)
    if right_break:
        right = right[: right_break.start()]
    words = {word.lower() for word in _WORD.findall(left + " " + right)}
    return bool(words & (future_auxiliaries() | future_verbs()))


def _is_future(doc: Doc, candidate: FoundExpression) -> bool:
    if doc.has_annotation("DEP"):
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        if span is not None and len(span) > 0:
            return _is_future_parsed(span)
    return _is_future_text(doc_text(doc), candidate.start, candidate.end)


@dataclass(frozen=True)
class _Previous:
    """The expression a chain ("two days later") counts from."""

    text: str
    value: date | None
    granularity: str


def _chain_from(resolved: ResolvedDate, previous: _Previous) -> ResolvedDate:
    """A chain is never more precise than the date it counts from, nor resolved from an
    unresolved one."""
    if previous.value is None:
        note = f"previous '{previous.text}' (unresolved)"
        return ResolvedDate(None, resolved.granularity, "unanchored", note)
    coarse = GRANULARITIES.index(previous.granularity) > GRANULARITIES.index(resolved.granularity)
    if resolved.value is None or not coarse:
        return resolved
    return ResolvedDate(
        start_of(resolved.value, previous.granularity),
        previous.granularity,
        resolved.method,
        f"{resolved.anchor} (no more precise than that {previous.granularity})",
    )


# (name, words just before the expression, the expression, years back): "sales rose in
# March compared with the same month last year" is March of the year before, at the
# granularity of the date it takes up, not the whole of last year.
SAME_PERIOD_PATTERNS = [
    (
        "same_period_a_year_back",
        re.compile(
            r"\bthe\s+same\s+(?:day|week|month|period|quarter|season|time)\s+$", re.IGNORECASE
        ),
        re.compile(
            r"(?:a|one)\s+year\s+(?:ago|earlier|before)|last\s+year"
            r"|the\s+(?:previous|prior|preceding)\s+year|the\s+year\s+before",
            re.IGNORECASE,
        ),
        1,
    ),
]


def _years_back(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _same_period(
    text: str, candidate: FoundExpression, previous: _Previous | None
) -> tuple[int, ResolvedDate] | None:
    """The start and date of "the same month a year ago", from the date last mentioned."""
    if previous is None or previous.value is None or previous.granularity == "year":
        return None
    before = text[max(0, candidate.start - 40) : candidate.start]
    for name, lead, expression, years in SAME_PERIOD_PATTERNS:
        opening = lead.search(before)
        if opening is None or not expression.fullmatch(candidate.text):
            continue
        value = start_of(_years_back(previous.value, years), previous.granularity)
        note = f"previous '{previous.text}' {previous.value.isoformat()} ({name})"
        start = candidate.start - len(before) + opening.start()
        return start, ResolvedDate(value, previous.granularity, "chain", note)
    return None


# (name, pattern): a bare "the day" that takes up the day last mentioned, as "the same day"
# does: market reports ("fell 3% on the day", "to end the day at 7,114"), the day's parts
# ("the start of the day", "by the end of the day"), runs ("for a second straight day").
# "The day of the vote", "the day after", "the day he died", "the day's events" are other
# phrases, not these.
_NOT_ANAPHORIC = r"(?!['’]s|\s+(?:of|after|before|when|that|which|who|where)\b)"
ANAPHORIC_DAY_PATTERNS = [
    (
        "close_the_day",
        re.compile(
            r"\b(?:end|ends|ended|ending|close|closes|closed|closing|finish|finished|"
            r"finishing|start|starts|started|starting|begin|begins|began|open|opens|opened)"
            r"\s+(?P<day>the\s+day)\b" + _NOT_ANAPHORIC,
            re.IGNORECASE,
        ),
    ),
    (
        "part_of_the_day",
        re.compile(
            r"\b(?P<day>the\s+(?:start|close|beginning|rest|course)\s+of\s+the\s+day)\b"
            r"(?!['’]s)",
            re.IGNORECASE,
        ),
    ),
    (  # "at the end of the day" is "in the end", an idiom: "by the end of the day" is a day
        "end_of_the_day",
        re.compile(r"(?<![Aa]t\s)\b(?P<day>the\s+end\s+of\s+the\s+day)\b(?!['’]s)", re.IGNORECASE),
    ),
    (
        "later_in_the_day",
        re.compile(
            r"\b(?:later|earlier)\s+(?:on\s+)?in\s+(?P<day>the\s+day)\b" + _NOT_ANAPHORIC,
            re.IGNORECASE,
        ),
    ),
    (
        "on_the_day",
        re.compile(
            r"\b(?:on|for|during|throughout|over)\s+(?P<day>the\s+day)"
            r"(?=\s*(?:[.,;:!?)]|and\b|but\b|$))",
            re.IGNORECASE,
        ),
    ),
    (
        "consecutive_day",
        re.compile(
            r"\bfor\s+(?P<day>(?:a|the)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|"
            r"ninth|tenth|\d+(?:st|nd|rd|th))\s+(?:consecutive|straight|successive|running)"
            r"\s+day)\b",
            re.IGNORECASE,
        ),
    ),
]
_ANAPHORIC_DAY = "anaphoric_day"


def find_anaphoric_days(text: str) -> list[FoundExpression]:
    """Every "the day" of :data:`ANAPHORIC_DAY_PATTERNS` in ``text``."""
    found = []
    for _name, pattern in ANAPHORIC_DAY_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span("day")
            found.append(FoundExpression(start, end, text[start:end], _ANAPHORIC_DAY))
    return found


_CHAIN_FORMS = {"chain_count", "chain_phrase", _ANAPHORIC_DAY}
_TENSE_SENSITIVE = {"weekday", "month_day", "day_month", "month"}


def find_doc_time_expressions(
    doc: Doc, *, grace_days: int = GRACE_DAYS, use_entities: bool = True
) -> list[TimeExpression]:
    """Every time expression of ``doc``, resolved in text order."""
    text = doc_text(doc)
    entities = list(doc.ents) if use_entities else []
    candidates = select_longest(
        c for c in find_candidates(text) + find_anaphoric_days(text) if _keep(c, doc, entities)
    )
    anchor = parse_anchor(doc._.published)
    article_id = doc._.article_id or ""
    previous: _Previous | None = None
    previous_day: _Previous | None = None  # "the day" takes up a day, not "a year ago"
    found: list[TimeExpression] = []
    for candidate in candidates:
        future = candidate.form in _TENSE_SENSITIVE and _is_future(doc, candidate)
        counted_from = previous
        if candidate.form == _ANAPHORIC_DAY and previous_day is not None:
            counted_from = previous_day
        resolved = resolve_time_expression(
            "the same day" if candidate.form == _ANAPHORIC_DAY else candidate.text,
            anchor=anchor,
            previous=counted_from.value if counted_from else None,
            previous_text=counted_from.text if counted_from else None,
            future=future,
            grace_days=grace_days,
        )
        if resolved is None:
            continue
        if candidate.form in _CHAIN_FORMS and counted_from is not None:
            resolved = _chain_from(resolved, counted_from)
        start = candidate.start
        same_period = _same_period(text, candidate, previous)
        if same_period is not None:
            start, resolved = same_period
        found.append(
            TimeExpression(
                article_id=article_id,
                text=text[start : candidate.end],
                start=start,
                end=candidate.end,
                date=resolved.iso,
                granularity=resolved.granularity,
                anchor=resolved.anchor,
                method=resolved.method,
            )
        )
        previous = _Previous(candidate.text, resolved.value, resolved.granularity)
        if resolved.value is not None and resolved.granularity == "day":
            previous_day = previous
    return found


__all__ = ["DateFinder", "find_doc_time_expressions", "make_date_finder"]
