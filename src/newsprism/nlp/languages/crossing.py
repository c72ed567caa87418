"""What links two reports of one event written in different languages.

Shared words do not: a Russian and an English report share almost none. Their places
(GeoNames ids) do, and so do the figures they give (a claim's category and value) and the
names of the people they quote, compared through a script-neutral consonant skeleton:
Cyrillic is transliterated, then vowels and the letters transliterations disagree on
(y, j, h, w) are dropped and c, q read k, so "Зеленский", "Zelenskyy" and "Zélensky" all
read ``zlnsk``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable, Sequence

import numpy as np
import numpy.typing as npt

from newsprism.models import Article, ArticleAnalysis

CROSS_WEIGHTS = {"figures": 0.25, "names": 0.25}
"""Weights of the parts only pairs across languages use (beside places and actors)."""

_CYRILLIC_TABLE = """
а=a б=b в=v г=g д=d е=e ё=e ж=zh з=z и=i й=i к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u
ф=f х=kh ц=ts ч=ch ш=sh щ=shch ъ=- ы=y ь=- э=e ю=iu я=ia
"""
_CYRILLIC = dict(pair.split("=") for pair in _CYRILLIC_TABLE.split())
_DROPPED = set("aeiouyjhw-")


def skeleton(name: str) -> str:
    """Consonants of a Latin transliteration of ``name`` (see the module docstring)."""
    lowered = unicodedata.normalize("NFKD", name.lower())
    latin = "".join(_CYRILLIC.get(ch, ch) for ch in lowered if not unicodedata.combining(ch))
    latin = latin.replace("x", "ks").replace("c", "k").replace("q", "k")
    letters = [ch for ch in latin if ch.isalpha() and ch.isascii() and ch not in _DROPPED]
    collapsed = [ch for i, ch in enumerate(letters) if i == 0 or letters[i - 1] != ch]
    return "".join(collapsed)


def surname_skeletons(analysis: ArticleAnalysis | None) -> set[Hashable]:
    """Skeletons of the surnames (last word) of the people an article names."""
    if analysis is None:
        return set()
    keys: set[Hashable] = set()
    for mention in analysis.mentions:
        if mention.label != "PERSON":
            continue
        words = (mention.key or mention.text).split()
        if words and len(found := skeleton(words[-1])) >= 3:
            keys.add(found)
    return keys


def figure_keys(analysis: ArticleAnalysis | None) -> set[Hashable]:
    """(category, value) of an article's claims with a definite figure."""
    if analysis is None:
        return set()
    return {
        (claim.category, round(claim.value_min))
        for claim in analysis.claims
        if claim.value_min is not None and claim.value_min >= 2
    }


def _language(article: Article) -> str:
    return (article.language or "en").split("-")[0].lower()


def cross_language_pairs(articles: Sequence[Article]) -> npt.NDArray[np.bool_]:
    """Pair mask: True where two articles are in different languages."""
    codes = np.array([_language(a) for a in articles])
    return np.asarray(codes[:, None] != codes[None, :], dtype=bool)
