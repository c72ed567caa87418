"""When an article was published, from the best evidence available, and how sure we are.

Evidence in order of trust: the record's own date, the page's metadata, a date in
the URL, a dateline at the start of the text, then clues in the text that only
narrow the date down. Clues that do not fix a year stay hints (a month and day,
a weekday, a lower bound) for later stages to anchor against the story the
article belongs to: most text dumps never state a year, and we never guess one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from newsprism.ingest.metadata import (
    DAY_MONTH,
    ISO_DATE,
    MONTH_DAY,
    DateParts,
    make_date_parts,
    month_number,
    parts_from_match,
    read_date_parts,
)
from newsprism.models import PublicationDate

RECORD_CONFIDENCE = 1.0
PAGE_CONFIDENCE = 0.9
URL_CONFIDENCE = 0.8
DATELINE_CONFIDENCE = 0.7
# Inference from a lower bound plus a weekday or month-day: below any stated date.
INFERRED_CONFIDENCE = {"month_day_and_weekday": 0.6, "month_day": 0.5, "weekday": 0.5}
INFERRED_WEEKDAY_CLOSE_CONFIDENCE = 0.55  # the weekday falls 0-1 days after the bound
MAX_WEEKDAY_GAP_DAYS = 3  # "today, Friday" is read against a bound at most 3 days back
MAX_MONTH_DAY_GAP_DAYS = 31  # "01-07" is read against a bound at most a month back
DATELINE_LINES = 6  # a dateline sits in the first few non-empty lines
DATELINE_CHARS = 800

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

# --- dates in URLs ------------------------------------------------------------

_URL_DATES = (
    re.compile(
        r"(?<![0-9a-z])(?P<year>(?:19|20)\d\d)/(?P<month>\d{1,2}|[a-z]{3,9})/(?P<day>\d{1,2})"
        r"(?![0-9])",
        re.I,
    ),
    re.compile(r"(?<![0-9a-z])(?P<year>(?:19|20)\d\d)[-_.](?P<month>\d\d)[-_.](?P<day>\d\d)(?!\d)"),
    re.compile(
        r"(?<![0-9a-z])(?P<year>(?:19|20)\d\d)(?P<month>\d\d)(?P<day>\d\d)(?![0-9a-z])", re.I
    ),
)


def date_from_url(url: str) -> str | None:
    """The ISO date in a URL's path or query (/2022/01/06/, /2022/jan/06/, /20220106/,
    -2022-01-06-), or None. The host is ignored: digits there are not dates."""
    after_host = re.sub(r"^[a-z][a-z0-9+.-]*://[^/?#]*", "", url.strip(), flags=re.I)
    for pattern in _URL_DATES:
        for match in pattern.finditer(after_host):
            month = month_number(match.group("month")) or (
                int(match.group("month")) if match.group("month").isdigit() else None
            )
            if month is None:
                continue
            parts = make_date_parts(int(match.group("year")), month, int(match.group("day")))
            if parts:
                return parts.iso()
    return None


# --- clues in the text --------------------------------------------------------


@dataclass(frozen=True)
class _Clue:
    """One piece of textual evidence: a full or partial date and the text it came from."""

    parts: DateParts
    evidence: str


_DATES_IN_TEXT = (re.compile(MONTH_DAY, re.I), re.compile(DAY_MONTH, re.I))
_AGENCY_TAIL = r"(?:\s*\.)?\s*(?:\([^()\n]{2,40}\)|/\s*[A-Za-z ]{2,20}\s*/)?\s*(?:[-–—:|.]|$)"
_DATELINES = tuple(
    re.compile(pattern, re.I)
    for date_pattern in (MONTH_DAY, DAY_MONTH)
    for pattern in (
        # ALMATY, Jan 7 (Reuters) -   /   MOSCOW, January 7, 2022 —   /   MOSCOW, January 7. /TASS/.
        rf"^(?P<place>[^\W\d_][\w.'’ -]{{1,40}}?(?:,\s*[^\W\d_][\w.'’ -]{{1,30}}?)?)\s*,\s*"
        rf"(?:{WEEKDAY},?\s+)?{date_pattern}{_AGENCY_TAIL}",
        # 7 January 2022 |   /   Published: Friday, January 7, 2022 10:30
        rf"^(?:(?:published|updated|posted|last updated)(?:\s+on)?\s*:?\s*)?"
        rf"(?:{WEEKDAY},?\s+)?{date_pattern}"
        r"\s*(?:$|[|•·–—-]|,?\s*(?:at\s+)?\d{1,2}[:.]\d\d)",
    )
)


def _is_place(name: str) -> bool:
    words = name.replace(",", " ").split()
    return 0 < len(words) <= 5 and all(word[0].isupper() for word in words)


def find_dateline(text: str) -> _Clue | None:
    """A date opening one of the first lines: an agency dateline or a date line."""
    lines = [line.strip() for line in text[:DATELINE_CHARS].splitlines() if line.strip()]
    for line in lines[:DATELINE_LINES]:
        for pattern in _DATELINES:
            match = pattern.match(line)
            if not match or not match.group("month")[0].isupper():
                continue
            if "place" in pattern.groupindex and not _is_place(match.group("place")):
                continue
            parts = parts_from_match(match)
            if parts:
                return _Clue(parts, match.group(0).strip())
    return None


_FUTURE_CONTEXT = re.compile(
    r"(?:\b(?:until|till|by|before|through|to|due|next)"
    r"|\b(?:scheduled|planned|set|slated|expected|due)\s+(?:for|on|by)"
    r"|\bwill\b[^.!?\n]{0,40}?\bon)\s+(?:the\s+)?$",
    re.I,
)
_URL_IN_TEXT = re.compile(r"(?:https?://|www\.)[^\s)\]>\"']+", re.I)


def find_explicit_dates(text: str) -> list[_Clue]:
    """Full dates with a year that the article looks back on (not "until March 3, 2024"),
    including dates in the URLs it cites: the article cannot predate them."""
    clues: list[_Clue] = []
    for pattern in (*_DATES_IN_TEXT, re.compile(ISO_DATE)):
        for match in pattern.finditer(text):
            month = match.group("month")
            if not match.group("year") or month[0].islower():
                continue  # "may 5, 2000 ..." is a verb and a number, not a date
            if _FUTURE_CONTEXT.search(text[max(0, match.start() - 60) : match.start()]):
                continue
            parts = parts_from_match(match)
            if parts:
                clues.append(_Clue(parts, match.group(0)))
    for match in _URL_IN_TEXT.finditer(text):
        iso = date_from_url(match.group(0))
        parts = read_date_parts(iso) if iso else None
        if parts:
            clues.append(_Clue(parts, match.group(0)))
    return clues


_APPOSITION = r"\s*(?:,|\(|–|—|-)\s*(?:on\s+)?"
# (pattern, days from the weekday named to the day of writing)
_SELF_WEEKDAYS = tuple(
    (re.compile(pattern, re.I), offset)
    for pattern, offset in (
        (rf"\b(?:today|this (?:morning|afternoon|evening)|tonight){_APPOSITION}{WEEKDAY}\b", 0),
        (rf"\b{WEEKDAY}\s*(?:,|\()\s*(?:today|this (?:morning|afternoon|evening))\b", 0),
        (rf"\b(?<!before )yesterday{_APPOSITION}{WEEKDAY}\b", 1),
        (rf"\bday before yesterday{_APPOSITION}{WEEKDAY}\b", 2),
        (rf"\b(?<!after )tomorrow{_APPOSITION}{WEEKDAY}\b", -1),
        (rf"\bday after tomorrow{_APPOSITION}{WEEKDAY}\b", -2),
    )
)


# Every pattern above names one of these: a text without them is not searched further.
_SELF_WEEKDAY_WORDS = re.compile(
    r"today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)", re.I
)


def find_publication_weekdays(text: str) -> list[tuple[str, str]]:
    """(weekday of writing, evidence) from "today, Friday", "yesterday, Thursday", ..."""
    if not _SELF_WEEKDAY_WORDS.search(text):
        return []
    found: list[tuple[int, str, str]] = []
    for pattern, offset in _SELF_WEEKDAYS:
        for match in pattern.finditer(text):
            named = WEEKDAYS.index(match.group("weekday").capitalize())
            found.append((match.start(), WEEKDAYS[(named + offset) % 7], match.group(0)))
    return [(weekday, evidence) for _, weekday, evidence in sorted(found)]


_ORDINAL_WORDS = [
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    *("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"),
    *("seventeenth", "eighteenth", "nineteenth", "twentieth"),
]
_ORDINALS = {word: n for n, word in enumerate(_ORDINAL_WORDS, start=1)}
_ORDINALS |= {f"twenty-{word}": 20 + n for n, word in enumerate(_ORDINAL_WORDS[:9], start=1)}
_ORDINALS |= {"thirtieth": 30, "thirty-first": 31}
_ORDINAL = (
    r"(?P<ordinal>\d{1,3}(?:st|nd|rd|th)|"
    + "|".join(sorted((w.replace("-", "[- ]") for w in _ORDINALS), key=len, reverse=True))
    + ")"
)
_DAY_COUNTS = tuple(
    re.compile(
        rf"\b{_ORDINAL}(?:\s+(?:straight|consecutive|successive))?\s+day"
        r"(?:\s+of(?:\s+[\w'’-]+){1,5}?)?\s+"
        r"(?:since|starting|from|(?:that|which)\s+(?:began|started|erupted|broke out|flared up)"
        rf"(?:\s+on)?)\s+{date_pattern}",
        re.I,
    )
    for date_pattern in (MONTH_DAY, DAY_MONTH)
)


# The part of _DAY_COUNTS after the ordinal, which every match contains: a cheap first look.
_DAY_COUNT_TAIL = re.compile(
    r"day(?:\s+of(?:\s+[\w'’-]+){1,5}?)?\s+"
    r"(?:since|starting|from|(?:that|which)\s+(?:began|started|erupted|broke out|flared up))",
    re.I,
)


def _ordinal_value(word: str) -> int:
    word = re.sub(r"\s+", "-", word.lower())
    return int(word[:-2]) if word[:-2].isdigit() else _ORDINALS[word]


def find_day_counts(text: str) -> list[_Clue]:
    """The day reached by "the sixth day since January 2" or "the third day of protests
    that began on May 30".

    Convention: the start date is day one, as in "the first day of protests" for
    the day they began; so the Nth day is the start plus N - 1 days. Without a
    year, a count crossing the end of February is ambiguous (leap years) and
    gives nothing.
    """
    clues: list[_Clue] = []
    if not _DAY_COUNT_TAIL.search(text):
        return clues
    for pattern in _DAY_COUNTS:
        for match in pattern.finditer(text):
            start = parts_from_match(match)
            if start is None or not match.group("month")[0].isupper():
                continue
            days = _ordinal_value(match.group("ordinal")) - 1
            if days < 0:
                continue
            years = (start.year,) if start.year else (2000, 2001)  # a leap and a common year
            reached = {date(y, start.month, start.day) + timedelta(days=days) for y in years}
            month_days = {(d.month, d.day) for d in reached}
            if len(month_days) != 1:
                continue
            month, day = month_days.pop()
            year = next(iter(reached)).year if start.year else None
            clues.append(_Clue(DateParts(month=month, day=day, year=year), match.group(0)))
    return clues


# --- putting the evidence together --------------------------------------------


@dataclass(frozen=True)
class _TextEvidence:
    dateline: _Clue | None
    month_days: list[_Clue]
    weekdays: list[tuple[str, str]]
    not_before: _Clue | None

    def hints(self) -> tuple[tuple[str, str], ...]:
        pairs = [("month_day", clue.parts.month_day()) for clue in self.month_days]
        pairs += [("weekday", weekday) for weekday, _ in self.weekdays]
        if self.not_before:
            pairs.append(("not_before", self.not_before.parts.iso() or ""))
        return tuple(dict.fromkeys(pairs))

    def describe(self) -> str:
        """The texts behind the hints, for a reader checking them."""
        texts = [clue.evidence for clue in self.month_days]
        texts += [text for _, text in self.weekdays]
        texts += [self.not_before.evidence] if self.not_before else []
        return " + ".join(dict.fromkeys(texts))


def _read_text(text: str, partial_dates: list[_Clue]) -> _TextEvidence:
    dateline = find_dateline(text)
    month_days = list(partial_dates)
    if dateline and dateline.parts.year is None:
        month_days.insert(0, dateline)
    month_days += find_day_counts(text)
    explicit = [clue for clue in find_explicit_dates(text) + month_days if clue.parts.year]
    latest = max(explicit, key=lambda clue: clue.parts.iso() or "", default=None)
    return _TextEvidence(dateline, month_days, find_publication_weekdays(text), latest)


def _next_on_or_after(bound: date, month: int, day: int) -> date | None:
    for year in (bound.year, bound.year + 1):
        parts = make_date_parts(year, month, day)
        if parts and parts.year and date(parts.year, month, day) >= bound:
            return date(parts.year, month, day)
    return None


def _infer(evidence: _TextEvidence) -> PublicationDate | None:
    """A date pinned by a lower bound plus an agreeing month-day and/or weekday.

    Assumes the article was written soon after the latest date it states (within
    MAX_MONTH_DAY_GAP_DAYS for a month-day, MAX_WEEKDAY_GAP_DAYS for a weekday);
    conflicting clues give nothing.
    """
    if evidence.not_before is None or evidence.not_before.parts.year is None:
        return None
    bound_parts = evidence.not_before.parts
    bound = date(bound_parts.year or 1, bound_parts.month, bound_parts.day)
    month_days = {clue.parts.month_day() for clue in evidence.month_days}
    weekdays = {weekday for weekday, _ in evidence.weekdays}
    if len(month_days) > 1 or len(weekdays) > 1 or not (month_days or weekdays):
        return None
    pieces = [clue.evidence for clue in evidence.month_days[:1]]
    pieces += [text for _, text in evidence.weekdays[:1]]
    pieces.append(evidence.not_before.evidence)
    if month_days:
        month, day = (int(x) for x in next(iter(month_days)).split("-"))
        found = _next_on_or_after(bound, month, day)
        if found is None or (found - bound).days > MAX_MONTH_DAY_GAP_DAYS:
            return None
        if weekdays and WEEKDAYS[found.weekday()] not in weekdays:
            return None
        confidence = INFERRED_CONFIDENCE["month_day_and_weekday" if weekdays else "month_day"]
    else:
        wanted = WEEKDAYS.index(next(iter(weekdays)))
        gap = (wanted - bound.weekday()) % 7
        if gap > MAX_WEEKDAY_GAP_DAYS:
            return None
        found = bound + timedelta(days=gap)
        confidence = (
            INFERRED_WEEKDAY_CLOSE_CONFIDENCE if gap <= 1 else INFERRED_CONFIDENCE["weekday"]
        )
    return PublicationDate(
        value=found.isoformat(),
        method="text_inferred",
        confidence=confidence,
        evidence=" + ".join(pieces),
        hints=evidence.hints(),
    )


def _stated(
    record_date: str | None, page_date: str | None, url: str | None
) -> Iterator[tuple[str, float, str, DateParts]]:
    """(method, confidence, evidence, parts) for each date stated outside the text."""
    for method, confidence, value in (
        ("record", RECORD_CONFIDENCE, record_date),
        ("page_metadata", PAGE_CONFIDENCE, page_date),
    ):
        parts = read_date_parts(value) if value else None
        if value and parts:
            yield method, confidence, value, parts
    iso = date_from_url(url) if url else None
    parts = read_date_parts(iso) if iso else None
    if url and parts:
        yield "url", URL_CONFIDENCE, url, parts


def infer_publication_date(
    text: str,
    *,
    record_date: str | None = None,
    page_date: str | None = None,
    url: str | None = None,
) -> PublicationDate:
    """The publication date from the best evidence, with the text's hints attached.

    A record or page date without a year ("Jan 7") becomes a month-day hint.
    When no evidence fixes a year the value stays None: method "text_partial"
    if the text gave hints, "none" if it gave nothing.
    """
    stated = list(_stated(record_date, page_date, url))
    partial = [_Clue(parts, where) for _, _, where, parts in stated if parts.year is None]
    evidence = _read_text(text, partial)
    hints = evidence.hints()
    for method, confidence, where, parts in stated:
        if parts.year is not None:
            return PublicationDate(parts.iso(), method, confidence, where, hints)
    if evidence.dateline and evidence.dateline.parts.year:
        return PublicationDate(
            evidence.dateline.parts.iso(),
            "text_dateline",
            DATELINE_CONFIDENCE,
            evidence.dateline.evidence,
            hints,
        )
    inferred = _infer(evidence)
    if inferred:
        return inferred
    if hints:
        return PublicationDate(None, "text_partial", 0.0, evidence.describe(), hints)
    return PublicationDate(None, "none", 0.0)
