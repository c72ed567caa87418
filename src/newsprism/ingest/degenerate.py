"""Text that decodes but is no language: one repeated character, noise without words.

A binary check catches files with NUL bytes or invalid sequences; what gets through it can
still be 4 KB of one byte, or random printable characters. Such a text is judged on shape
alone (no lexicon): the share of its most common character, the share of letters, how
long its "words" run, and its share of control or replacement characters.
"""

from __future__ import annotations

from collections import Counter

MIN_CHARS = 200
"""Shorter texts are judged by the cleaner (too short to tell noise from a headline)."""


def degenerate_reason(text: str) -> str | None:
    """Why ``text`` is not article text, or None when it may be."""
    sample = text[:20_000]
    words = sample.split()  # str.split breaks on exactly the characters str.isspace knows
    visible = "".join(words)
    if len(visible) < MIN_CHARS:
        return None
    counts = Counter(visible)
    top, top_count = counts.most_common(1)[0]
    if top_count / len(visible) > 0.5:
        share = f"{top_count} of {len(visible)}"
        return f"not article text: one character repeated ({top!a} is {share})"
    if len(counts) < 8:
        return f"not article text: only {len(counts)} distinct characters"
    # Counted over distinct characters: an article has a few dozen, not thousands.
    bad = sum(
        n for ch, n in counts.items() if ch == "\ufffd" or ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0
    )
    if bad / len(visible) > 0.1:
        return "not article text: mostly control or undecodable characters"
    letters = sum(n for ch, n in counts.items() if ch.isalpha())
    digits = sum(n for ch, n in counts.items() if ch.isdigit())
    if letters / len(visible) < 0.3 and digits / len(visible) < 0.3:
        return "not article text: too few letters (noise or symbols)"
    long_words = sum(len(w) for w in words if len(w) > 40)
    if long_words / len(visible) > 0.5:
        return "not article text: no word breaks (characters without spaces)"
    return None
