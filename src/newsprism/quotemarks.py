"""Quotation marks on plain text: where quoted content starts and ends (no model needed).

Curly, angle and straight marks, apostrophes told apart from closing single quotes, a
missing opening or closing mark bounded by its paragraph. The quote component builds
speakers on these spans; the citation component uses them to skip quoted words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.layout import iter_paragraphs

OPENERS = {"“": "double", "„": "double", "«": "double", "‘": "single"}
CLOSERS = {"”": "double", "»": "double", "’": "single"}
OPEN_BEFORE = set("([{—–-/:") | {"\u00a0"}
CLOSE_AFTER = set(".,;:!?)]}—–-…")
SENTENCE_BREAK = re.compile(r"[.!?…][\"”’»]?\s+(?=[\"“‘«]?[A-Z])")
SINGLE_CLOSE = re.compile(r"(?<=\S)'(?=[\s.,;:!?)\]}—–…-]|$)")


@dataclass(frozen=True)
class MarkedQuote:
    """Quoted content found on the text: ``text[start:end]``, marks excluded."""

    start: int
    end: int
    paragraph: int
    opened: bool
    closed: bool
    continues: bool = False


# --- quotation marks on the text -----------------------------------------------------------


def _straight_role(text: str, i: int, start: int, end: int, inside: bool) -> str:
    before = text[i - 1] if i > start else None
    after = text[i + 1] if i + 1 < end else None
    can_open = (before is None or before.isspace() or before in OPEN_BEFORE) and (
        after is not None and not after.isspace()
    )
    can_close = (after is None or after.isspace() or after in CLOSE_AFTER) and (
        before is not None and not before.isspace()
    )
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "close" if inside else "open"


def _is_apostrophe(text: str, i: int, end: int) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < end else ""
    return bool(before.isalnum() and after.isalnum())


def _straight_single_role(
    text: str, i: int, start: int, end: int, open_kind: str | None
) -> str | None:
    """A straight ``'`` as a quotation mark (British style), or None for an apostrophe.

    It opens only before a word, with a closing ``'`` later in the paragraph; it closes
    only an open single quote, and "the workers' houses" (an ``s'`` before a lower-case
    word, with another closing mark to come) stays an apostrophe.
    """
    if _is_apostrophe(text, i, end):
        return None
    before = text[i - 1] if i > start else None
    after = text[i + 1] if i + 1 < end else None
    if open_kind == "single":
        if before is None or before.isspace():
            return None
        if not (after is None or after.isspace() or after in CLOSE_AFTER):
            return None
        later = text[i + 2 : i + 3] if i + 2 < end else ""
        possessive = before == "s" and after == " " and later.islower()
        if possessive and SINGLE_CLOSE.search(text, i + 1, end):
            return None
        return "close"
    if open_kind is not None:
        return None
    opens = (before is None or before.isspace() or before in OPEN_BEFORE) and (
        after is not None and not after.isspace()
    )
    return "open" if opens and SINGLE_CLOSE.search(text, i + 1, end) else None


def _scan_paragraph(text: str, start: int, end: int) -> list[tuple[int | None, int | None]]:
    """(open mark index, close mark index) pairs in one paragraph; None where a mark is missing."""
    pairs: list[tuple[int | None, int | None]] = []
    open_at: int | None = None
    open_kind: str | None = None
    last_close = start - 1
    for i in range(start, end):
        ch = text[i]
        if ch == '"':
            role = _straight_role(text, i, start, end, open_at is not None and open_kind == '"')
            kind = '"'
        elif ch == "'":
            found = _straight_single_role(text, i, start, end, open_kind)
            if found is None:
                continue
            role, kind = found, "single"
        elif ch in OPENERS:
            if ch == "‘" and (open_at is not None or _is_apostrophe(text, i, end)):
                continue
            role, kind = "open", OPENERS[ch]
        elif ch in CLOSERS:
            kind = CLOSERS[ch]
            if kind == "single" and (open_kind != "single" or _is_apostrophe(text, i, end)):
                continue
            role = "close"
        else:
            continue
        if role == "open" and open_at is None:
            open_at, open_kind = i, kind
        elif role == "close" and open_at is not None and kind in {open_kind, '"', "double"}:
            if open_kind == "single" and kind != "single":
                continue
            pairs.append((open_at, i))
            open_at, open_kind, last_close = None, None, i
        elif role == "close" and open_at is None and kind != "single":
            pairs.append((None, i))
            last_close = i
    if open_at is not None:
        pairs.append((open_at, None))
    del last_close
    return pairs


def _missing_open_start(
    text: str, paragraph_start: int, floor: int, close: int, *, continued: bool
) -> int:
    """Where a quote closed without an opening mark begins: after a colon, else the floor.

    The paragraph start when the previous paragraph left a quote open; otherwise narrative
    may come first ("Traders counted their losses. Nothing is left,” he said."), so the
    quote starts at the last sentence break.
    """
    colon = text.rfind(": ", floor, close)
    if colon >= 0:
        return colon + 2
    if floor > paragraph_start or not continued:
        breaks = list(SENTENCE_BREAK.finditer(text, floor, close))
        if breaks:
            return breaks[-1].end()
    return floor


def trim_marks(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_marked_quotes(text: str) -> list[MarkedQuote]:
    """Every stretch of text between quotation marks (or a missing mark and a paragraph edge)."""
    paragraphs = list(iter_paragraphs(text))
    found: list[MarkedQuote] = []
    for index, (p_start, p_end) in enumerate(paragraphs):
        floor = p_start
        continued = bool(found) and found[-1].paragraph == index - 1 and not found[-1].closed
        for open_at, close_at in _scan_paragraph(text, p_start, p_end):
            if open_at is None and close_at is not None:
                start = _missing_open_start(
                    text, p_start, floor, close_at, continued=continued and floor == p_start
                )
                end = close_at
            elif open_at is not None:
                start = open_at + 1
                end = close_at if close_at is not None else p_end
            else:
                continue
            continues = False
            if close_at is None and index + 1 < len(paragraphs):
                following = text[paragraphs[index + 1][0]]
                continues = following in OPENERS or following == '"'
            start, end = trim_marks(text, start, end)
            if end > start:
                found.append(
                    MarkedQuote(
                        start, end, index, open_at is not None, close_at is not None, continues
                    )
                )
            floor = (close_at + 1) if close_at is not None else p_end
    return found


def find_quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted content in ``text``: for components that must skip quotations."""
    return [(q.start, q.end) for q in find_marked_quotes(text)]
