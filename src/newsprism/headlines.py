"""Headline neutrality: why a headline would make a poor title for a story.

A story is named after one of its articles' headlines. The most central article is often
a commentary whose headline is a rhetorical question or a charged label; the title an
analyst needs reads like a news headline. Each mark below is a linguistic signal, not a
judgement of the outlet:

* a question or an exclamation ("Made-in-the-USA Violence?");
* a genre label before a colon, dash or bar ("Opinion: ...", "Analysis | ..."), or a URL
  under an opinion or commentary section (``/opinion/``, ``/commentisfree/``);
* the first or second person ("we", "your");
* loaded vocabulary and criminalising or securitising participant labels (the framing
  lexicons) outside quotation marks;
* scare quotes: one to three words in quotation marks ("'Liquidated'").

The ``headline_markers`` lexicon holds the genre labels, section names and pronouns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from newsprism.framing import compile_terms, find_marked_spans
from newsprism.lexicons import load_lexicon, load_mapping
from newsprism.nlp.languages.cues import foreign_participant_labels

SCARE_QUOTE_WORDS = 3
"""Quoted stretches of at most this many words are scare quotes, longer ones quotations."""


@dataclass(frozen=True)
class HeadlineMarks:
    """What keeps a headline from being a neutral story title (empty: nothing)."""

    question: bool = False
    exclamation: bool = False
    genre: str | None = None
    opinion_section: str | None = None
    personal: tuple[str, ...] = ()
    loaded: tuple[str, ...] = ()
    scare_quotes: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        """How many marks: a question and an opinion genre weigh two, the rest one each."""
        return (
            2 * self.question
            + self.exclamation
            + 2 * bool(self.genre or self.opinion_section)
            + len(self.personal)
            + len(self.loaded)
            + len(self.scare_quotes)
        )


@dataclass(frozen=True)
class _Markers:
    genres: frozenset[str]
    sections: frozenset[str]
    personal: re.Pattern[str] | None


@cache
def _markers(lines: tuple[str, ...]) -> _Markers:
    kinds: dict[str, set[str]] = {"genre": set(), "section": set(), "personal": set()}
    for line in lines:
        term, _, kind = line.partition("\t")
        if term.strip() and kind.strip() in kinds:
            kinds[kind.strip()].add(term.strip().lower())
    words = sorted(kinds["personal"], key=len, reverse=True)
    personal = (
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)
        if words
        else None
    )
    return _Markers(frozenset(kinds["genre"]), frozenset(kinds["section"]), personal)


def _charged_terms() -> tuple[str, ...]:
    labels = {**load_mapping("participant_labels"), **foreign_participant_labels()}
    charged = [term for term, group in labels.items() if group != "neutral"]
    return (*load_lexicon("loaded_terms"), *charged)


_GENRE_LABEL = re.compile(r"^\s*([^\W\d_][\w' -]{0,30}?)\s*[:|–—-]\s+\S")
_QUESTION = re.compile(r"[?؟]\s*[\"'”’»]?\s*$")


def headline_marks(title: str, url: str | None = None) -> HeadlineMarks:
    """The marks of ``title`` (and of the article's ``url``) that make it a poor story title."""
    markers = _markers(load_lexicon("headline_markers"))
    text = title.strip()
    label = _GENRE_LABEL.match(text)
    genre = (
        label.group(1).strip()
        if label and label.group(1).strip().lower() in markers.genres
        else None
    )
    section = None
    if url:
        for segment in urlsplit(url).path.lower().split("/"):
            if segment in markers.sections:
                section = segment
                break
    quoted = find_marked_spans(text)
    scare = tuple(
        text[span.start : span.end]
        for span in quoted
        if span.closed and len(text[span.start : span.end].split()) <= SCARE_QUOTE_WORDS
    )

    def outside_quotes(start: int) -> bool:
        return not any(span.start <= start < span.end for span in quoted)

    loaded = tuple(
        text[start:end]
        for _, start, end in compile_terms(_charged_terms(), verbs=True).find(text)
        if outside_quotes(start)
    )
    personal = (
        tuple(m.group(0) for m in markers.personal.finditer(text) if outside_quotes(m.start()))
        if markers.personal
        else ()
    )
    return HeadlineMarks(
        question=bool(_QUESTION.search(text)),
        exclamation=text.rstrip("\"'”’» ").endswith("!"),
        genre=genre,
        opinion_section=section,
        personal=personal,
        loaded=loaded,
        scare_quotes=scare,
    )
