"""Site chrome learned from what is stored, never from what shares the batch.

An article's cleaning must depend only on the article and on the store, or re-reading a
folder that grew would clean old articles differently. Each stored original leaves its
short and long line keys (hashed) under its site: the outlet, else the folder it came from.
A short line of a new article is chrome evidence when a stored article of the same site,
not a re-post of this one (sharing 3+ long lines, or 30% of its long lines), has it too.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from newsprism.ingest.clean import LONG_LINE_WORDS, SHORT_LINE_WORDS, line_key, normalize_text
from newsprism.models import RawDocument

SHORT = "s"
LONG = "l"


def site_key(document: RawDocument) -> str:
    """Articles that may share site chrome: one outlet, else one folder."""
    if document.outlet:
        return f"outlet:{document.outlet}"
    path = document.source.split("#", 1)[0]
    return f"folder:{PurePath(path).parent}"


def line_hash(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class LineKeys:
    """The hashed short and long line keys of one text, with the key behind each short hash."""

    shorts: dict[str, str]
    longs: frozenset[str]

    def rows(self) -> Iterable[tuple[str, str]]:
        """(hash, kind) pairs to store."""
        for hashed in self.shorts:
            yield hashed, SHORT
        for hashed in self.longs:
            if hashed not in self.shorts:
                yield hashed, LONG


def line_keys(raw_text: str) -> LineKeys:
    shorts: dict[str, str] = {}
    longs: set[str] = set()
    for line in normalize_text(raw_text).split("\n"):
        key = line_key(line)
        if not key:
            continue
        words = len(line.split())
        if words <= SHORT_LINE_WORDS:
            shorts[line_hash(key)] = key
        elif words >= LONG_LINE_WORDS:
            longs.add(line_hash(key))
    return LineKeys(shorts=shorts, longs=frozenset(longs))


def family_threshold(long_lines: int) -> float:
    """Long lines another article must share with a text of ``long_lines`` to be its re-post."""
    return min(3, 0.3 * long_lines)


def repeated_lines(keys: LineKeys, stored: Iterable[tuple[str, str, str]]) -> frozenset[str]:
    """Keys of this text's short lines that another stored family of its site has.

    ``stored`` holds (line hash, kind, article id) rows of the site matching this text's
    hashes.
    """
    shorts_of: dict[str, set[str]] = defaultdict(set)
    shared_longs: dict[str, int] = defaultdict(int)
    for hashed, kind, article_id in stored:
        if kind == LONG:
            if hashed in keys.longs:
                shared_longs[article_id] += 1
        elif hashed in keys.shorts:
            shorts_of[hashed].add(article_id)
    least = family_threshold(len(keys.longs))
    family = {article_id for article_id, shared in shared_longs.items() if shared >= least}
    return frozenset(
        keys.shorts[hashed] for hashed, articles in shorts_of.items() if articles - family
    )
