"""RSS and Atom files: one RawDocument per entry, from its full content or its summary.

feedparser reads the raw bytes (it honours the XML encoding declaration) and tolerates
broken feeds (``bozo``): entries it still finds are kept.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import feedparser

from newsprism.models import IngestFailure, RawDocument

_PLAIN_TYPES = frozenset({"text/plain"})


_DOCTYPE = re.compile(rb"<!DOCTYPE\s[^>\[]*(?:\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL)
_MARKUP = re.compile(r"<[a-zA-Z!/][^>]*>")


def without_doctype(content: bytes) -> bytes:
    """The feed with its document type declaration cut out.

    Feeds need none, and its internal subset is where entity definitions live: cutting it
    keeps entity expansion and external entities off, whatever the XML parser allows.
    """
    head, rest = content[:65536], content[65536:]
    return _DOCTYPE.sub(b"", head, count=1) + rest


def read_feed(content: bytes, *, where: str) -> Iterator[RawDocument | IngestFailure]:
    """Each entry as ``where#record N``; a feed without entries is one failure."""
    content = without_doctype(content)
    try:
        # A stream, never a string: feedparser would take a string for a URL to fetch.
        parsed = feedparser.parse(io.BytesIO(content))
    except Exception as exc:  # feedparser wraps most errors in bozo, but not all
        yield IngestFailure(where, f"unreadable feed: {exc}")
        return
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({_first_line(problem)})" if parsed.get("bozo") and problem else ""
        yield IngestFailure(where, f"no entries in feed{detail}")
        return
    feed_info = parsed.get("feed", {})
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_to_document(entry, feed_info, source=f"{where}#record {number}")


def _entry_to_document(entry: Any, feed_info: Any, *, source: str) -> RawDocument | IngestFailure:
    body, body_type, language = _entry_body(entry)
    if body is None:
        return IngestFailure(source, "feed entry has no content or summary")
    # Feeds label descriptions text/html by default, plain sentences included.
    is_plain = body_type in _PLAIN_TYPES or not _MARKUP.search(body)
    return RawDocument(
        source=source,
        format="text" if is_plain else "html",
        text=body if is_plain else None,
        html=None if is_plain else body,
        url=_text(entry.get("link")),
        outlet=_text(feed_info.get("title")),
        title=_text(entry.get("title")),
        author=_text(entry.get("author")),
        date=_text(entry.get("published") or entry.get("updated")),
        language=_text(language or feed_info.get("language")),
    )


def _entry_body(entry: Any) -> tuple[str | None, str | None, str | None]:
    """The longest full content (content:encoded, atom:content), else the summary."""
    contents = [part for part in entry.get("content") or [] if _text(part.get("value")) is not None]
    if contents:
        best = max(contents, key=lambda part: len(part.get("value", "")))
        return best["value"], best.get("type"), best.get("language")
    summary = _text(entry.get("summary"))
    if summary is None:
        return None, None, None
    detail = entry.get("summary_detail") or {}
    return entry.get("summary"), detail.get("type"), detail.get("language")


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _first_line(problem: object) -> str:
    return str(problem).split("\n", 1)[0].strip()
