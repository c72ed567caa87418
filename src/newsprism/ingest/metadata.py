"""Article metadata read from the text, the URL and date strings: language, outlet, date.

Each function takes what a reader or the cleaner found and returns a normal form,
or None when the input does not support one. Nothing here guesses: a date without
a year is not a date (see ``read_date_parts`` for the partial form), an unknown
domain stays a domain.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_tz
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from newsprism.ingest.language import Profiles, extract_rows, load_profiles
from newsprism.ingest.language import probabilities as language_probabilities
from newsprism.lexicons import load_mapping
from newsprism.settings import Settings

# --- language ---------------------------------------------------------------

MIN_LETTERS = 12  # below this langdetect's answer is noise ("OK", "Hi there")
LANGUAGE_SAMPLE_CHARS = 3000  # a few paragraphs decide; the whole text adds cost, not certainty
FOREIGN_CONFIDENCE = 0.95  # langdetect this sure of a language outside `languages` -> None


@cache
def _language_factory() -> Any:
    """langdetect's profiles, loaded once, with a fixed seed so answers are reproducible.

    We seed our own factory instance (langdetect's ``DetectorFactory.seed = 0``
    idiom, without touching the module-wide factory other code may use).
    """
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = 0
    return factory


@cache
def _language_profiles() -> Profiles:
    from langdetect.detector_factory import PROFILES_DIRECTORY

    return load_profiles(PROFILES_DIRECTORY, seed=0)  # the seed of _language_factory


def load_language_profiles() -> None:
    """Load langdetect's profiles now (a second or so): processes forked after share them."""
    _language_profiles()


def _allowed_code(code: str, allowed: frozenset[str]) -> str | None:
    """The caller's spelling of langdetect's ``code`` (``zh-cn`` counts as ``zh``)."""
    if code in allowed:
        return code
    base = code.split("-")[0]
    return base if base in allowed else None


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def detect_language(text: str, *, languages: Sequence[str]) -> str | None:
    """The most probable of ``languages`` for ``text``, or None.

    None when the text has too few letters to judge, when langdetect finds no
    features, or when it is confident the text is in a language outside
    ``languages`` (forcing a Ukrainian text to "ru" would be a lie). An empty
    ``languages`` allows every language langdetect knows.
    """
    if _letters(text[:200]) < MIN_LETTERS and _letters(text) < MIN_LETTERS:
        return None
    profiles = _language_profiles()
    allowed = frozenset(code.lower() for code in languages) or frozenset(profiles.langs)
    prior = {code: 1.0 for code in profiles.langs if _allowed_code(code, allowed)}
    if not prior:
        return None
    # langdetect's algorithm on arrays (newsprism.ingest.language): its answers, faster.
    rows = extract_rows(text[:LANGUAGE_SAMPLE_CHARS], profiles)
    try:
        top = language_probabilities(rows, profiles)[0]
        if _allowed_code(top[0], allowed) is not None:
            return _allowed_code(top[0], allowed)  # one pass is enough when it is allowed
        if top[1] >= FOREIGN_CONFIDENCE:
            return None
        best = language_probabilities(rows, profiles, prior=prior)[0]
    except (ValueError, IndexError):
        return None
    return _allowed_code(best[0], allowed)


# --- outlet -----------------------------------------------------------------

_HOST_PREFIXES = ("www.", "www1.", "www2.", "m.", "amp.", "mobile.")
_DOMAIN = re.compile(r"^(?:[\w-]{1,63}\.)+[^\W\d_]{2,63}$")
_SITE_AS_DOMAIN = re.compile(
    r"^(?:https?://)?(?P<host>(?:[\w-]{1,63}\.)+(?P<tld>[^\W\d_]{2,24}))(?:[/?#:]\S*)?$",
    re.IGNORECASE,
)
_SITE_NOISE = re.compile(
    r"©|\(c\)|\bcopyright\b|\ball rights reserved\b"
    r"|\b(?:19|20)\d\d\b(?:\s*[-–]\s*(?:19|20)\d\d\b)?",
    re.IGNORECASE,
)
MAX_SITE_WORDS = 6
MAX_SITE_CHARS = 60


def _outlet_names(settings: Settings | None) -> dict[str, str]:
    return {domain.lower(): name for domain, name in load_mapping("outlets", settings).items()}


def _host_of(url: str) -> str | None:
    """The lower-case host of ``url`` without www./m./amp. prefixes, if it is a domain."""
    url = url.strip()
    if "://" not in url and not url.startswith("//"):
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    stripped = True
    while stripped:
        stripped = False
        for prefix in _HOST_PREFIXES:
            if host.startswith(prefix) and host.count(".") >= 2:
                host = host[len(prefix) :]
                stripped = True
    return host if _DOMAIN.match(host) else None


def outlet_from_url(url: str, *, settings: Settings | None = None) -> str | None:
    """The outlet behind ``url``: its lexicon name, else its domain; None if no domain.

    The host and each parent domain are looked up, so ``edition.cnn.com`` and
    ``news.bbc.co.uk`` find ``cnn.com`` and ``bbc.co.uk``.
    """
    host = _host_of(url)
    if host is None:
        return None
    names = _outlet_names(settings)
    labels = host.split(".")
    for i in range(len(labels) - 1):
        name = names.get(".".join(labels[i:]))
        if name:
            return name
    return host


def outlet_from_site(site: str, *, settings: Settings | None = None) -> str | None:
    """An outlet name from a site signature ("Example.info", "Example News"), or None.

    A signature that is a domain goes through the lexicon like a URL; a name is
    cleaned of copyright noise and matched against the lexicon's outlet names.
    Junk (sentences, bare punctuation, lower-case phrases) gives None.
    """
    cleaned = " ".join(unicodedata.normalize("NFKC", site).split())
    as_domain = _SITE_AS_DOMAIN.match(cleaned)
    tld = as_domain.group("tld") if as_domain else ""
    if as_domain and (tld.islower() or tld.isupper()):
        return outlet_from_url(as_domain.group("host"), settings=settings)
    name = _SITE_NOISE.sub(" ", cleaned)
    name = " ".join(name.split()).strip(" .,;:|-–—·•")
    if not _looks_like_name(name):
        return None
    for outlet in _outlet_names(settings).values():
        if outlet.casefold() == name.casefold():
            return outlet
    return name


def _looks_like_name(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 2 or len(letters) < len(name.replace(" ", "")) / 2:
        return False
    if len(name) > MAX_SITE_CHARS or len(name.split()) > MAX_SITE_WORDS:
        return False
    cased = [ch for ch in letters if ch.lower() != ch.upper()]
    return not cased or any(ch.isupper() for ch in cased)


# --- dates ------------------------------------------------------------------

MIN_YEAR = 1800
MAX_YEAR = 2199
MAX_DATE_CHARS = 120

# English month names and abbreviations; other languages go through dateparser.
MONTH = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october"
    r"|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?"
)
_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?"
MONTH_DAY = rf"\b{MONTH}\s+(?P<day>\d{{1,2}}){ORDINAL_SUFFIX}\b(?:,?\s+(?P<year>\d{{4}})\b)?"
DAY_MONTH = (
    rf"\b(?P<day>\d{{1,2}}){ORDINAL_SUFFIX}(?:\s+of)?\s+{MONTH}(?:,?\s+(?P<year>\d{{4}})\b)?"
)
ISO_DATE = r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"

_ISO_START = re.compile(
    r"^(?P<year>\d{4})(?:(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"|(?P<cmonth>\d{2})(?P<cday>\d{2}))(?:$|[T\s])"
)
_RFC822_SHORT_YEAR = re.compile(
    r"^(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{2}\s+\d{1,2}:\d{2}", re.I
)
_WORDY_DATES = (re.compile(MONTH_DAY, re.I), re.compile(DAY_MONTH, re.I))
_DOTTED = re.compile(r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\b")
_SLASHED = re.compile(r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b")
_YEAR_TOKEN = re.compile(r"(?<!\d)\d{4}(?!\d)")


@dataclass(frozen=True)
class DateParts:
    """A calendar date as written: the year may be missing ("Jan 7")."""

    month: int
    day: int
    year: int | None = None

    def iso(self) -> str | None:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year else None

    def month_day(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


def month_number(name: str) -> int | None:
    """1-12 for an English month name or abbreviation ("Sept."), else None."""
    return _MONTH_NUMBERS.get(name.lower().rstrip("."))


def make_date_parts(year: int | None, month: int, day: int) -> DateParts | None:
    """DateParts if the date exists (Feb 29 without a year is allowed), else None."""
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        date(year if year is not None else 2000, month, day)  # 2000 is a leap year
    except ValueError:
        return None
    return DateParts(month=month, day=day, year=year)


def parts_from_match(match: re.Match[str]) -> DateParts | None:
    """DateParts from a match of MONTH_DAY, DAY_MONTH or ISO_DATE."""
    raw_month = match.group("month")
    month = int(raw_month) if raw_month.isdigit() else month_number(raw_month)
    year = match.group("year")
    if month is None:
        return None
    return make_date_parts(int(year) if year else None, month, int(match.group("day")))


def read_date_parts(value: str) -> DateParts | None:
    """The date a short string states, with or without its year; None if none.

    ISO 8601 and RFC 2822 dates are read as written, in their own time zone (the
    local publication day), not converted to UTC. Numeric d/m/y dates are read
    only when unambiguous (dotted d.m.y, or one part above 12).
    """
    text = " ".join(value.split())
    if not text or len(text) > MAX_DATE_CHARS:
        return None
    if match := _ISO_START.match(text):
        month = match.group("month") or match.group("cmonth")
        day = match.group("day") or match.group("cday")
        return make_date_parts(int(match.group("year")), int(month), int(day))
    if _RFC822_SHORT_YEAR.match(text):
        parsed = parsedate_tz(text)
        if parsed:
            return make_date_parts(parsed[0], parsed[1], parsed[2])
    wordy = [m for pattern in _WORDY_DATES if (m := pattern.search(text))]
    if wordy:
        with_year = [m for m in wordy if m.group("year")]
        first = min(with_year or wordy, key=lambda m: m.start())
        return parts_from_match(first)
    if match := _DOTTED.match(text):
        return parts_from_match(match)
    if match := _SLASHED.match(text):
        a, b = int(match.group("a")), int(match.group("b"))
        if a != b and a <= 12 and b <= 12:
            return None  # 06/01/2022: January 6 or June 1? Not ours to choose.
        month, day = (a, b) if b > 12 else (b, a)
        return make_date_parts(int(match.group("year")), month, day)
    return _parse_foreign_date(text)


def _parse_foreign_date(text: str) -> DateParts | None:
    """Dates with month names in other languages, via dateparser, only with a stated year.

    Relative and timestamp parsers are off, all of day, month and year are
    required, and the year read must be one written in the string.
    """
    years = {int(token) for token in _YEAR_TOKEN.findall(text)}
    if not years or not any(ch.isalpha() for ch in text):
        return None
    import dateparser

    try:
        parsed = dateparser.parse(
            text,
            settings={
                "REQUIRE_PARTS": ["day", "month", "year"],
                "PARSERS": ["custom-formats", "absolute-time"],
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    except (ValueError, OverflowError, TypeError, AttributeError, KeyError, IndexError):
        return None
    if parsed is None or parsed.year not in years:
        return None
    return make_date_parts(parsed.year, parsed.month, parsed.day)


def normalize_date(value: str) -> str | None:
    """``YYYY-MM-DD`` from a record, page or feed date; None without a full date and year.

    Accepts ISO 8601, RFC 2822 ("Thu, 06 Jan 2022 10:00:00 +0000"), English forms
    ("Jan 6, 2022", "6th of January 2022") and, via dateparser, other languages.
    """
    parts = read_date_parts(value)
    return parts.iso() if parts else None
