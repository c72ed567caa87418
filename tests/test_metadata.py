"""Language, outlet and date-string metadata (newsprism.ingest.metadata)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.ingest.metadata import (
    detect_language,
    normalize_date,
    outlet_from_site,
    outlet_from_url,
    read_date_parts,
)
from newsprism.settings import Settings

LANGUAGES = ("en", "ru", "ar", "fr", "de", "es")

# --- language -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police detained dozens of protesters near the central square on Tuesday.", "en"),
        ("Полиция задержала десятки протестующих у центральной площади во вторник.", "ru"),
        ("اعتقلت الشرطة العشرات من المحتجين قرب الساحة المركزية يوم الثلاثاء", "ar"),
        ("La police a arrêté des dizaines de manifestants près de la place centrale mardi.", "fr"),
    ],
)
def test_language_detected_among_allowed(text: str, expected: str) -> None:
    assert detect_language(text, languages=LANGUAGES) == expected


@pytest.mark.parametrize("text", ["", "   ", "OK", "Hi there", "12345 67890 !!!", "— 2022 —"])
def test_language_is_none_for_empty_or_tiny_text(text: str) -> None:
    assert detect_language(text, languages=LANGUAGES) is None


def test_language_restricted_to_allowed_picks_most_probable_allowed() -> None:
    # Short Ukrainian: unrestricted langdetect leans Russian; only Ukrainian is allowed here.
    text = "Президент заявив у п'ятницю про порядок"
    assert detect_language(text, languages=("en", "uk")) == "uk"
    assert detect_language(text, languages=("en", "ru")) == "ru"


def test_language_outside_allowed_set_is_not_forced() -> None:
    text = "Die Polizei nahm gestern viele Demonstranten in der Hauptstadt fest."
    assert detect_language(text, languages=("en", "ru")) is None
    assert detect_language(text, languages=("en", "de")) == "de"


def test_language_detection_is_deterministic() -> None:
    text = "Protesters and police clashed again overnight in the port city."
    answers = {detect_language(text, languages=LANGUAGES) for _ in range(5)}
    assert answers == {"en"}


def test_language_base_code_matches_regional_variant() -> None:
    text = "警方周二在中央广场附近拘留了数十名抗议者。"
    assert detect_language(text, languages=("en", "zh")) == "zh"


# --- outlet -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.reuters.com/world/asia-pacific/story-2023-05-02/", "Reuters"),
        ("http://news.bbc.co.uk/2/hi/europe/123.stm", "BBC"),
        ("https://www.bbc.com/news/world-123", "BBC"),
        ("https://amp.theguardian.com/world/2021/mar/04/story", "The Guardian"),
        ("https://m.aljazeera.net/news/2020/1/2/x", "Al Jazeera"),
        ("edition.cnn.com/2022/06/01/europe/story/index.html", "CNN"),
        ("HTTPS://WWW.NYTIMES.COM/2020/01/01/world/x.html", "The New York Times"),
        ("https://tass.com/politics/1234", "TASS"),
    ],
)
def test_outlet_from_url_uses_lexicon_for_host_and_parent_domains(url: str, expected: str) -> None:
    assert outlet_from_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example-daily.org/politics/a-story", "example-daily.org"),
        ("http://m.local-news.co.uk:8080/x?id=3", "local-news.co.uk"),
        ("www.somewhere.info", "somewhere.info"),
    ],
)
def test_outlet_from_url_falls_back_to_the_domain(url: str, expected: str) -> None:
    assert outlet_from_url(url) == expected


@pytest.mark.parametrize(
    "url", ["", "not a url", "http://127.0.0.1/x", "https://[bad", "file:///a"]
)
def test_outlet_from_url_is_none_without_a_domain(url: str) -> None:
    assert outlet_from_url(url) is None


def test_outlet_lexicon_merges_user_additions() -> None:
    user = Settings(lexicons={"outlets": ("example-daily.org\tExample Daily",)})
    assert outlet_from_url("https://example-daily.org/a", settings=user) == "Example Daily"
    assert outlet_from_site("example-daily.org/about", settings=user) == "Example Daily"


@pytest.mark.parametrize(
    ("site", "expected"),
    [
        ("Example.info", "example.info"),
        ("example.com/declare", "example.com"),
        ("https://www.Reuters.com", "Reuters"),
        ("Example News", "Example News"),
        ("© 2021 Example News. All rights reserved.", "Example News"),
        ("Copyright 2019-2023 Northern Courier", "Northern Courier"),
        ("THE GUARDIAN", "The Guardian"),
        ("al jazeera", None),
    ],
)
def test_outlet_from_site_signature(site: str, expected: str | None) -> None:
    assert outlet_from_site(site) == expected


@pytest.mark.parametrize(
    "site",
    ["", "...", "© 2022", "click here to share this article", "a" * 80, "12 34 56 // ##"],
)
def test_outlet_from_site_rejects_junk(site: str) -> None:
    assert outlet_from_site(site) is None


# --- dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-06", "2022-01-06"),
        ("2019-11-30T23:30:00-05:00", "2019-11-30"),  # the local day, not converted to UTC
        ("2021/3/4", "2021-03-04"),
        ("20200815", "2020-08-15"),
        ("Thu, 06 Jan 2022 10:00:00 +0000", "2022-01-06"),
        ("Mon, 1 Mar 2021 08:15:00 GMT", "2021-03-01"),
        ("Sat, 05 Jun 99 12:00:00 GMT", "1999-06-05"),  # RFC 822 two-digit year
        ("Jan 6, 2022", "2022-01-06"),
        ("Sept. 14, 2020", "2020-09-14"),
        ("6th of December 2018", "2018-12-06"),
        ("Thursday, October 7, 2021 at 10:30 am EST", "2021-10-07"),
        ("Published 22 May 2023", "2023-05-22"),
        ("06.01.2022", "2022-01-06"),
        ("25/12/2020", "2020-12-25"),
        ("6 января 2022 г.", "2022-01-06"),
        ("7 janvier 2022", "2022-01-07"),
        ("29 Feb 2024", "2024-02-29"),
    ],
)
def test_normalize_date_reads_common_forms(value: str, expected: str) -> None:
    assert normalize_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "January 6",  # no year: never invented
        "6 March",
        "yesterday",
        "last Friday",
        "2022",
        "March 2022",
        "Feb 30, 2022",  # impossible
        "29 Feb 2023",  # not a leap year
        "2021-13-01",
        "06/01/2022",  # June 1 or January 6: ambiguous
        "0001-01-01",
        "not a date at all",
    ],
)
def test_normalize_date_refuses_partial_impossible_or_ambiguous_dates(value: str) -> None:
    assert normalize_date(value) is None


def test_partial_date_keeps_month_and_day_without_year() -> None:
    parts = read_date_parts("Jan. 7")
    assert parts is not None
    assert (parts.year, parts.month_day()) == (None, "01-07")
    assert read_date_parts("Feb 29") is not None  # exists in leap years
    assert read_date_parts("Feb 30") is None


ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_normalize_date_never_raises_and_returns_iso_or_none(value: str) -> None:
    result = normalize_date(value)
    assert result is None or (ISO.match(result) and date.fromisoformat(result))


@settings(max_examples=150, deadline=None)
@given(
    st.from_regex(
        r"(Mon|Thu)?,? ?[0-9]{1,2} (Jan|Feb|Mar|Sept?|Dec)[a-z]{0,6}\.? ?,? [0-9]{2,4}( [0-9:]+)?",
        fullmatch=True,
    )
)
def test_normalize_date_on_date_like_strings_is_iso_or_none(value: str) -> None:
    result = normalize_date(value)
    assert result is None or date.fromisoformat(result).isoformat() == result


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_outlet_functions_never_raise(value: str) -> None:
    outlet_from_url(value)
    outlet_from_site(value)


def test_found_by_says_how_each_field_was_found() -> None:
    from newsprism.ingest.assemble import IngestOverrides, assemble_article
    from newsprism.models import RawDocument

    text = "Floods kill 12\n\nHeavy rain flooded the town on Monday, officials said."
    record = RawDocument(
        source="feed.jsonl#line 1",
        format="jsonl",
        text=text,
        url="https://www.reuters.com/world/floods",
        language="en",
    )
    article = assemble_article(record, settings=Settings())
    assert article.how_found("url") == "from the record"
    assert article.how_found("outlet") == "from the URL's domain"
    assert article.how_found("language") == "from the record"
    given = assemble_article(
        RawDocument(source="a.txt", format="text", text=text),
        settings=Settings(languages=("en",)),
        overrides=IngestOverrides(outlet="Local Paper"),
    )
    assert given.how_found("outlet") == "given on the command line"
    assert given.how_found("language") == "detected from the text"


_LANGDETECT_SAMPLES = [
    "Police detained dozens of protesters near the central square on Tuesday.",
    "Полиция ЗАДЕРЖАЛА десятки протестующих у центральной площади во вторник.",
    "La police a interpellé des dizaines de manifestants mardi, selon l'AFP.",
    "اعتقلت الشرطة عشرات المتظاهرين قرب الساحة المركزية يوم الثلاثاء",
    "警方周二在中央广场附近拘留了数十名抗议者。ひらがな カタカナ 한국어",
    "Tiếng Việt có dấu: Việt Nam, Hà Nội. See https://example.org/a?b=1 or mail x@y.org",
    "NATO and the UN said   the USA  ÉTAT ÜBER straße, İstanbul ș ț «quoted» 1,200 — end",
    "aBcD EfGh IJK l",
    "Die Polizei nahm am Dienstag Dutzende Demonstranten fest. Ανακοίνωση της αστυνομίας.",
]


@pytest.mark.parametrize("text", _LANGDETECT_SAMPLES)
@pytest.mark.parametrize("prior", [None, ("en", "ru", "fr")])
def test_language_probabilities_equal_langdetects_own(
    text: str, prior: tuple[str, ...] | None
) -> None:
    from newsprism.ingest.language import extract_rows, probabilities
    from newsprism.ingest.metadata import _language_factory, _language_profiles

    factory, profiles = _language_factory(), _language_profiles()
    prior_map = {code: 1.0 for code in prior} if prior else None
    for sample in (text, text[: len(text) // 2], text.upper(), f"{text} {text.lower()}"):
        reference = factory.create()
        reference.append(sample)
        if prior_map:
            reference.set_prior_map(prior_map)
        expected = [(found.lang, found.prob) for found in reference.get_probabilities()]
        assert probabilities(extract_rows(sample, profiles), profiles, prior=prior_map) == expected


def test_language_profiles_read_as_langdetect_reads_them() -> None:
    import numpy as np

    from newsprism.ingest.language import profiles_of
    from newsprism.ingest.metadata import _language_factory, _language_profiles

    ours, reference = _language_profiles(), profiles_of(_language_factory())
    assert ours.langs == reference.langs and ours.seed == reference.seed
    assert list(ours.rows) == list(reference.rows)
    assert np.array_equal(ours.matrix, reference.matrix)
