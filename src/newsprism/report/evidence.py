"""Evidence entries: the sentence behind every statement a briefing makes.

Each statement in a briefing (a reported figure, an event, a narrative cue, a
rhetorical question) points at an entry ``ev-<article>-<start>-<end>`` holding the
span ``text[start:end]`` of the article's cleaned text and the sentence around it.
A reference whose offsets do not fit the article is not linked but counted, so the
briefing can say how many statements it could not trace.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from newsprism.models import Article

CONTEXT_LIMIT = 300
"""Most characters of sentence context kept on each side of a span."""

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+|\n\s*")
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


def evidence_id(article_id: str, start: int, end: int) -> str:
    """The anchor of one span: ``ev-<article>-<start>-<end>`` (safe in HTML ids and URLs)."""
    return f"ev-{_UNSAFE_ID.sub('_', article_id)}-{start}-{end}"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around ``text[start:end]``, at most CONTEXT_LIMIT each side."""
    low = max(0, start - CONTEXT_LIMIT)
    left = low
    for boundary in _SENTENCE_END.finditer(text, low, start):
        left = boundary.end()
    high = min(len(text), end + CONTEXT_LIMIT)
    match = _SENTENCE_END.search(text, end, high)
    right = match.start() + len(match.group().rstrip()) if match else high
    return left, max(right, end)


class EvidenceIndex:
    """Collects the evidence entries of one briefing, each span once."""

    def __init__(self, articles: Mapping[str, Article]) -> None:
        self._articles = articles
        self._entries: dict[str, dict[str, Any]] = {}
        self.unlinked = 0

    def language(self, article_id: str) -> str | None:
        """The language of the article a statement was read from (None when unknown)."""
        article = self._articles.get(article_id)
        return article.language if article is not None else None

    def link(self, article_id: str, start: int, end: int, *, span: str | None = None) -> str | None:
        """The evidence id for a span, or None (counted) when it cannot be pointed at.

        ``span`` is the text the statement says it was read from; when given, it must
        equal ``text[start:end]`` (up to surrounding white space).
        """
        article = self._articles.get(article_id)
        if article is None or not 0 <= start < end <= len(article.text):
            self.unlinked += 1
            return None
        found = article.text[start:end]
        if span is not None and span != found and span.strip() != found.strip():
            self.unlinked += 1
            return None
        key = evidence_id(article_id, start, end)
        if key not in self._entries:
            left, right = sentence_bounds(article.text, start, end)
            self._entries[key] = {
                "id": key,
                "article_id": article_id,
                "outlet": article.outlet or article.source,
                "title": article.title,
                "start": start,
                "end": end,
                "text": found,
                "sentence_start": left,
                "sentence_end": right,
                "before": article.text[left:start],
                "after": article.text[end:right],
            }
        return key

    def entries(self) -> list[dict[str, Any]]:
        """Entries ordered by article, then position."""
        return sorted(self._entries.values(), key=lambda e: (e["article_id"], e["start"], e["end"]))
