"""How an article's cleaned text is laid out: its paragraphs, as character ranges.

No spaCy here, so the NLP components and the framing stage share one reading.
"""

from __future__ import annotations

from collections.abc import Iterator


def iter_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line, surrounding whitespace excluded."""
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + line.index(stripped[0])
            yield start, start + len(stripped)
        position += len(line) + 1
