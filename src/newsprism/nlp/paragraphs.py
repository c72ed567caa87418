"""The ``newsprism_paragraphs`` component: a line break starts a sentence.

News text arrives one paragraph (or headline) a line. The small parser sometimes runs a
headline, a byline or a paragraph's last words into the next line as one sentence, and
every extractor that works sentence by sentence then mixes two paragraphs. Run before the
parser, this component marks the first token after a whitespace token holding a newline as
a sentence start; the parser keeps preset boundaries and decides the rest.

One exception keeps hard-wrapped text whole: after a single line break (no blank line),
a line that does not end a sentence followed by a lower-case word is one sentence wrapped
in two, so nothing is forced there.
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


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token of every line after the first."""
    for token in doc[:-1]:
        if not (token.is_space and "\n" in token.text):
            continue
        following = doc[token.i + 1]
        if following.is_space or _is_wrapped(doc, token):
            continue
        following.is_sent_start = True
    return doc


@Language.component("newsprism_paragraphs")
def newsprism_paragraphs(doc: Doc) -> Doc:
    return mark_paragraph_starts(doc)


__all__ = ["mark_paragraph_starts", "newsprism_paragraphs"]
