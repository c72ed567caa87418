"""Recognising re-posts: exact copies by content hash, near copies by MinHash LSH.

Re-posts with light edits (a different headline, a trimmed paragraph, a site footer)
sit near Jaccard 0.75 on word 5-shingles; the default LSH threshold of 0.5 finds
them while unrelated articles on the same event stay well below it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"\w+", re.UNICODE)
# Stored signatures are only comparable under one hashing scheme; name it explicitly.
MINHASH_SCHEME = "affine32"
_SIGNATURE_DTYPE = np.uint32


def content_hash(text: str) -> str:
    """Hash of the text with case and whitespace differences folded away."""
    folded = " ".join(_WORD.findall(text.casefold()))
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def shingles(text: str, *, size: int = 5) -> set[str]:
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@cache
def _permutations(num_perm: int) -> Any:
    """The seeded permutations every MinHash here shares: drawn once, not per article."""
    return MinHash(num_perm=num_perm, seed=1, scheme=MINHASH_SCHEME).permutations


def make_minhash(text: str, *, num_perm: int = 128, shingle_words: int = 5) -> MinHash:
    minhash = MinHash(
        num_perm=num_perm, seed=1, scheme=MINHASH_SCHEME, permutations=_permutations(num_perm)
    )
    minhash.update_batch([s.encode("utf-8") for s in shingles(text, size=shingle_words)])
    return minhash


def signature_bytes(minhash: MinHash) -> bytes:
    return bytes(np.asarray(minhash.hashvalues, dtype=_SIGNATURE_DTYPE).tobytes())


def minhash_from_bytes(signature: bytes, *, num_perm: int) -> MinHash:
    values = np.frombuffer(signature, dtype=_SIGNATURE_DTYPE)
    return MinHash(
        num_perm=num_perm,
        seed=1,
        hashvalues=values,
        scheme=MINHASH_SCHEME,
        permutations=_permutations(num_perm),
    )


@dataclass(frozen=True)
class NearDuplicate:
    original_id: str
    similarity: float


class DuplicateIndex:
    """An LSH index over the originals seen so far (stored and newly ingested)."""

    def __init__(self, *, threshold: float = 0.5, num_perm: int = 128) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._minhashes: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._minhashes)

    def add(self, article_id: str, minhash: MinHash) -> None:
        if article_id in self._minhashes:
            return
        self._lsh.insert(article_id, minhash)
        self._minhashes[article_id] = minhash

    def remove(self, article_id: str) -> None:
        """Forget an original that is no longer stored (replaced by a newer version)."""
        if self._minhashes.pop(article_id, None) is not None:
            self._lsh.remove(article_id)

    def add_stored(self, rows: Iterable[tuple[str, str | None, int, bytes]]) -> None:
        """Index stored originals; re-posts are left out so matches point at originals."""
        for article_id, duplicate_of, num_perm, signature in rows:
            if duplicate_of is None and num_perm == self.num_perm:
                self.add(article_id, minhash_from_bytes(signature, num_perm=num_perm))

    def find(self, minhash: MinHash) -> NearDuplicate | None:
        """The most similar indexed original at or above the threshold, if any."""
        best: NearDuplicate | None = None
        for candidate in sorted(self._lsh.query(minhash)):
            similarity = float(minhash.jaccard(self._minhashes[candidate]))
            if similarity >= self.threshold and (best is None or similarity > best.similarity):
                best = NearDuplicate(candidate, similarity)
        return best
