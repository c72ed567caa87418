"""The ``newsprism_paragraphs`` component: a line break starts a sentence.

News text arrives one paragraph (or headline) a line. The small parser sometimes runs a
headline, a byline or a paragraph's last words into the next line as one sentence, and
every extractor that works sentence by sentence then mixes two paragraphs. Run before the
parser, this component marks the first token after a whitespace token holding a newline as
a sentence start; the parser keeps preset boundaries and decides the rest.

One exception keeps hard-wrapped text whole: after a single line break (no blank line),
a line that does not end a sentence followed by a lower-case word is one sentence wrapped
in two, so nothing is forced there.

A dateline opening a line ("KHARTOUM, Sudan (AFP) — More than 35 protesters were killed")
ends there too: the sentence starts after its dash, so the parser does not take the city
for the subject of the lede.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

_SENTENCE_END = set(".!?…:;\"'”’»)]")


def _ends_sentence(token: Token) -> bool:
    return bool(token.text) and token.text[-1] in _SENTENCE_END


def _is_wrapped(doc: Doc, newline: Token) -> bool:
    """A single line break inside a sentence: "... the\\nsummit" (hard-wrapped text)."""
    if newline.text.count("\n") > 1 or newline.i == 0 or newline.i + 1 >= len(doc):
        return False
    following = doc[newline.i + 1]
    return following.text[:1].islower() and not _ends_sentence(doc[newline.i - 1])


_DATELINE_DASHES = {"—", "–", "-", "--"}
_DATELINE_REACH = 12
"""A dateline's dash comes within this many tokens of the line's start."""


def _dateline_end(doc: Doc, start: int) -> int | None:
    """Index of the token after a dateline's dash, when the line at ``start`` opens with one:
    capitalised words, commas and a bracketed agency, one of them a word in capitals."""
    capitals = marked = long_caps = False
    for token in doc[start : min(len(doc), start + _DATELINE_REACH)]:
        if token.text in _DATELINE_DASHES:
            if not capitals or token.i == start or token.i + 1 >= len(doc):
                return None
            rest = 0
            for after in doc[token.i + 1 :]:
                if "\n" in after.text:
                    break
                rest += 1
            # "EU - Ukraine talks resume" is a headline: a dateline has a comma or a bracketed
            # agency, or a long city name in capitals before a whole lede
            return token.i + 1 if marked or (long_caps and rest >= 12) else None
        if token.is_space or "\n" in token.text:
            return None
        if token.is_punct and token.text in {",", "(", ")", "."}:
            marked = marked or token.text in {",", "("}
            continue
        if not token.text[:1].isupper():
            return None
        capitals = capitals or (token.is_upper and len(token.text) >= 2)
        long_caps = long_caps or (token.is_upper and len(token.text) >= 4)
    return None


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token of every line after the first, and on the
    first word after a dateline that opens a line."""
    line_starts = [0] if len(doc) else []
    for token in doc[:-1]:
        if not (token.is_space and "\n" in token.text):
            continue
        following = doc[token.i + 1]
        if following.is_space or _is_wrapped(doc, token):
            continue
        following.is_sent_start = True
        line_starts.append(following.i)
    for start in line_starts:
        after = _dateline_end(doc, start)
        if after is not None and not doc[after].is_space:
            doc[after].is_sent_start = True
    return doc


@Language.component("newsprism_paragraphs")
def newsprism_paragraphs(doc: Doc) -> Doc:
    return mark_paragraph_starts(doc)


__all__ = ["mark_paragraph_starts", "newsprism_paragraphs"]
