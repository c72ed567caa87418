"""One text and one sentence index per ``Doc``, built once, so components cost linear time.

spaCy rebuilds ``Doc.text`` from the tokens on every access and finds a token's sentence by
walking out to its boundaries; components asking inside loops pay for the whole document (or
sentence) each time. :func:`doc_text` keeps the text in ``doc.user_data``. The
``newsprism_sentence_index`` component (the first of ours) records sentence starts once and
answers ``token.sent``, ``span.sent`` and ``doc.sents`` by bisection through spaCy's user
hooks. A sentence longer than :data:`MAX_SENTENCE_TOKENS` (a table of figures, text without
full stops) is cut into bounded pseudo-sentences at its last line break or punctuation
before the bound, so no rule ever scans an unbounded sentence. ``doc.ents`` is rebuilt the
same way, by a walk over every token: :func:`entities_within` (``span.ents``) and
:func:`entities_overlapping` find entities by bisection in bounds kept once.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

MAX_SENTENCE_TOKENS = 250
"""Longest (pseudo-)sentence the components see; real sentences are far shorter."""

_TEXT_KEY = "newsprism.text"
_INDEX_KEY = "newsprism.sentence_starts"
_ENTITIES_KEY = "newsprism.entities"
_BREAK_TOKENS = frozenset({";", ":", ",", "—", "–", "-", "|", "•"})


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc (the doc's tokens never change after parsing)."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str) or len(text) != _text_length(doc):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def _text_length(doc: Doc) -> int:
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


@dataclass(frozen=True)
class EntityIndex:
    """Bounds and labels of ``doc.ents``, in order (they never overlap).

    Only numbers: a span holds its doc, and a doc holding its spans would wait for a full
    garbage collection to be freed."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    labels: tuple[int, ...]
    kb_ids: tuple[int, ...]
    ids: tuple[int, ...]

    def spans(self, doc: Doc, first: int, stop: int) -> list[Span]:
        """Entities ``first`` to ``stop`` (positions in the index) as spaCy builds them."""
        return [
            Span(doc, s, e, label=label, kb_id=kb_id, span_id=span_id)
            for s, e, label, kb_id, span_id in zip(
                self.starts[first:stop],
                self.ends[first:stop],
                self.labels[first:stop],
                self.kb_ids[first:stop],
                self.ids[first:stop],
                strict=True,
            )
        ]


def entity_index(doc: Doc) -> EntityIndex:
    """The doc's entities, indexed once (the entity recognizer runs before our components)."""
    found = doc.user_data.get(_ENTITIES_KEY)
    if isinstance(found, EntityIndex):
        return found
    ents = doc.ents
    index = EntityIndex(
        starts=tuple(e.start for e in ents),
        ends=tuple(e.end for e in ents),
        labels=tuple(e.label for e in ents),
        kb_ids=tuple(e.kb_id for e in ents),
        ids=tuple(e.id for e in ents),
    )
    doc.user_data[_ENTITIES_KEY] = index
    return index


def entities_within(span: Span) -> list[Span]:
    """``span.ents`` (the entities wholly inside ``span``) without rebuilding ``doc.ents``."""
    index = entity_index(span.doc)
    first = bisect_left(index.starts, span.start)
    stop = first
    while stop < len(index.ends) and index.ends[stop] <= span.end:
        stop += 1
    return index.spans(span.doc, first, stop)


def entities_overlapping(doc: Doc, start: int, end: int) -> list[Span]:
    """The entities sharing a token with tokens [start, end), in order."""
    index = entity_index(doc)
    first = bisect_right(index.ends, start)
    stop = max(first, bisect_left(index.starts, end))
    return index.spans(doc, first, stop)


@dataclass(frozen=True)
class SentenceIndex:
    starts: tuple[int, ...]
    """Token index where each (pseudo-)sentence starts; the first is 0."""

    def bounds(self, doc: Doc, token_index: int) -> tuple[int, int]:
        number = bisect_right(self.starts, token_index) - 1
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(doc)
        return self.starts[number], end


def _bounded(doc: Doc, start: int, end: int, limit: int) -> list[int]:
    """Starts of the pieces of sentence [start, end), none longer than ``limit`` tokens."""
    starts = [start]
    while end - starts[-1] > limit:
        piece_start = starts[-1]
        cut = piece_start + limit
        for i in range(piece_start + limit - 1, piece_start + limit // 2, -1):
            token = doc[i]
            if "\n" in token.text_with_ws or token.is_space or token.text in _BREAK_TOKENS:
                cut = i + 1
                break
        starts.append(cut)
    return starts


def build_index(doc: Doc, *, limit: int = MAX_SENTENCE_TOKENS) -> SentenceIndex:
    if not len(doc):
        return SentenceIndex(starts=(0,))
    boundaries = [0]
    if doc.has_annotation("SENT_START"):
        boundaries += [t.i for t in doc[1:] if t.is_sent_start]
    boundaries.append(len(doc))
    starts: list[int] = []
    for start, end in pairwise(boundaries):
        starts.extend(_bounded(doc, start, end, limit))
    return SentenceIndex(starts=tuple(starts))


def sentence_index(doc: Doc) -> SentenceIndex:
    found = doc.user_data.get(_INDEX_KEY)
    if isinstance(found, SentenceIndex):
        return found
    index = build_index(doc)
    doc.user_data[_INDEX_KEY] = index
    return index


def _doc_sents(doc: Doc) -> list[Span]:
    index = sentence_index(doc)
    ends = [*index.starts[1:], len(doc)]
    return [doc[start:end] for start, end in zip(index.starts, ends, strict=True) if end > start]


def _token_sent(token: Token) -> Span:
    start, end = sentence_index(token.doc).bounds(token.doc, token.i)
    return token.doc[start:end]


def _span_sent(span: Span) -> Span:
    doc = span.doc
    if not len(doc):
        return doc[0:0]
    start, end = sentence_index(doc).bounds(doc, min(span.start, len(doc) - 1))
    return doc[start:end]


def install(doc: Doc) -> Doc:
    """Index ``doc`` once and route spaCy's sentence lookups through the index."""
    doc.user_data.pop(_INDEX_KEY, None)
    doc.user_data.pop(_TEXT_KEY, None)
    doc.user_data.pop(_ENTITIES_KEY, None)
    if doc.has_annotation("SENT_START"):
        sentence_index(doc)
        doc.user_hooks["sents"] = _doc_sents
        doc.user_token_hooks["sent"] = _token_sent
        doc.user_span_hooks["sent"] = _span_sent
    doc_text(doc)
    return doc


@Language.component("newsprism_sentence_index")
def sentence_index_component(doc: Doc) -> Doc:
    return install(doc)
