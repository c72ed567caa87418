"""Very long articles are analysed in paragraph-aligned chunks, then put back together.

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters) and the parser's memory
grows with the text, so an article longer than ``MAX_CHARS`` is cut at paragraph breaks
(at a line break, or at a space, when a paragraph alone is too long). Each chunk is
analysed on its own and the facts are shifted back to offsets in the whole text. What
spans a cut (a quote whose speaker is named in the previous chunk) may be missed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from typing import Any, TypeVar

from newsprism.models import ArticleAnalysis

MAX_CHARS = 100_000
_OFFSET_FIELDS = ("start", "end", "speaker_start", "speaker_end")
_FACT_KINDS = ("mentions", "places", "dates", "quotes", "citations", "claims", "events")

Fact = TypeVar("Fact")


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to end the chunk that starts at ``start``: the last break before ``limit``."""
    if limit >= len(text):
        return len(text)
    for separator in ("\n\n", "\n", ". ", " "):
        cut = text.rfind(separator, start + 1, limit)
        if cut > start:
            return cut + len(separator)
    return limit


def split_text(text: str, *, max_chars: int = MAX_CHARS) -> list[tuple[int, str]]:
    """(offset, chunk) pairs covering ``text`` exactly, each at most ``max_chars`` long."""
    if len(text) <= max_chars:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = _cut_point(text, start, start + max_chars)
        chunks.append((start, text[start:end]))
        start = end
    return chunks


def shift_fact(fact: Fact, offset: int) -> Fact:
    if offset == 0:
        return fact
    names = {f.name for f in fields(fact)}  # type: ignore[arg-type]
    changes: dict[str, Any] = {
        name: getattr(fact, name) + offset
        for name in _OFFSET_FIELDS
        if name in names and getattr(fact, name) is not None
    }
    return replace(fact, **changes)  # type: ignore[type-var]


def join_analyses(parts: Sequence[tuple[int, ArticleAnalysis]]) -> ArticleAnalysis:
    """One analysis of the whole text from the analyses of its chunks at their offsets."""
    first = parts[0][1]
    merged: dict[str, Any] = {
        kind: tuple(
            shift_fact(fact, offset) for offset, part in parts for fact in getattr(part, kind)
        )
        for kind in _FACT_KINDS
    }
    return replace(first, **merged)
