"""English time expressions found in text and resolved to calendar dates, without spaCy.

Other stages reuse these pure functions (to anchor undated articles later, to date
events), so nothing here needs a ``Doc``. :func:`find_candidates` scans a text for
every expression the grammar knows, :func:`select_longest` keeps non-overlapping ones,
and :func:`resolve_time_expression` turns one expression into a :class:`ResolvedDate`.

Conventions (each a choice, stated so a reader can check an output):

* Weekdays: "Thursday" is the latest Thursday on or before the anchor (the publication
  date itself counts). In a future-tense clause ("will address the nation on Friday")
  it is the first such day on or after the anchor. "last Sunday" / "past Sunday" is
  strictly before the anchor, "next Monday" / "coming Monday" strictly after, and
  "this Sunday" is the Sunday of the anchor's Monday-to-Sunday week.
* Day words: "today", "tonight", "this morning" are the anchor; "yesterday" one day
  before; "last night" and "overnight" the night that began the evening before,
  dated by that evening (anchor - 1). "today, Friday" is one expression; when the
  weekday disagrees with the relative day, the relative day wins and the anchor
  text says so.
* Explicit dates without a year take the year that puts them nearest the anchor
  (HeidelTime's rule for news: "December 28" in an article of 7 January 2022 is
  2021-12-28; "Jan. 14" in an article of 5 January 2022 is 2022-01-14). In a
  future-tense clause the date is the first one on or after the anchor. A weekday given
  with the date ("Sunday, the ninth of January") picks the year in which they agree.
* Chains ("two days later", "the next day", "a day earlier", "three days after") count
  from the date LAST mentioned in the text (the caller passes it as ``previous``), and
  fall back to the anchor only when the text mentioned no date before.
* Weeks start on Monday (ISO 8601): "last week" is dated by its Monday, granularity
  ``week``; months by their first day (``month``), years by 1 January (``year``).
* Durations ("for three days", "two decades"), ages, centuries and clock times are not
  resolved: the grammar does not produce them. Nor are offsets from a named event ("18
  years after the invasion", "two days before the vote"): the event's date is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from newsprism.lexicons import lexicon_cache, load_mapping

GRACE_DAYS = 7
# Larger counts in "N days later" are not calendar references we trust.
MAX_COUNT = 400
# How far a year-less date may be moved looking for a valid day (29 February).
_YEAR_SEARCH = 8
_FUTURE_DIRECTIONS = {"later", "after", "afterwards", "afterward"}
# Words before "three days later" that make it a duration ("for three days before ...").
_DURATION_WORDS = {"for", "over", "within", "during", "lasting", "than", "about", "some"}
_PARTS_OF_DAY = r"(?:morning|afternoon|evening|night)"
_PREPOSITIONS = r"(?:in|since|during|until|till|through|by|from|before|after|of)"
# Before a one-word holiday ("on Christmas", "over Easter"): without one it is often a
# modifier ("Easter eggs") and needs a DATE entity's support.
_HOLIDAY_PREPOSITIONS = r"(?:on|at|over|for|around|in|since|during|until|till|by|before|after)"


@dataclass(frozen=True)
class ResolvedDate:
    """A date (or the first day of a week, month or year) and how it was reached."""

    value: date | None
    granularity: str
    method: str
    anchor: str | None = None

    @property
    def iso(self) -> str | None:
        return self.value.isoformat() if self.value else None


@dataclass(frozen=True)
class FoundExpression:
    """A span of text the grammar reads as a time expression.

    ``confirmed`` is False for forms that are often something else (a bare month name,
    a bare four-digit number): a caller should keep them only with outside support,
    such as a named-entity DATE span.
    """

    start: int
    end: int
    text: str
    form: str
    confirmed: bool = True


@dataclass(frozen=True)
class _Vocabulary:
    months: dict[str, int]
    weekdays: dict[str, int]
    ordinals: dict[str, int]
    numbers: dict[str, int]
    day_offsets: dict[str, int]
    chains: dict[str, tuple[str, int]]
    future_aux: frozenset[str]
    future_verbs: frozenset[str]
    holidays: dict[str, str]


def _normalise_phrase(phrase: str) -> str:
    return " ".join(phrase.lower().replace("-", " ").split())


@lexicon_cache
def _vocabulary() -> _Vocabulary:
    sections: dict[str, dict[str, str]] = {}
    for phrase, value in load_mapping("time_words").items():
        kind, _, rest = value.partition(":")
        sections.setdefault(kind, {})[_normalise_phrase(phrase)] = rest

    def numeric(kind: str) -> dict[str, int]:
        table: dict[str, int] = {}
        for phrase, rest in sections.get(kind, {}).items():
            try:
                table[phrase] = int(rest)
            except ValueError:
                continue
        return table

    chains: dict[str, tuple[str, int]] = {}
    for phrase, rest in sections.get("chain", {}).items():
        unit, _, count = rest.partition(":")
        try:
            chains[phrase] = (unit, int(count))
        except ValueError:
            continue
    future = sections.get("future", {})
    return _Vocabulary(
        months=numeric("month"),
        weekdays=numeric("weekday"),
        ordinals=numeric("ordinal"),
        numbers=numeric("number"),
        day_offsets=numeric("day"),
        chains=chains,
        future_aux=frozenset(p for p, kind in future.items() if kind == "aux"),
        future_verbs=frozenset(p for p, kind in future.items() if kind == "verb"),
        holidays={_normalise_phrase(p): rule for p, rule in sections.get("holiday", {}).items()},
    )


def future_auxiliaries() -> frozenset[str]:
    """Words that put a clause in the future tense ("will", "shall", "'ll")."""
    return _vocabulary().future_aux


def future_verbs() -> frozenset[str]:
    """Lemmas that point a date forward ("scheduled for Friday", "due on Monday")."""
    return _vocabulary().future_verbs


def _alternation(phrases: Iterable[str]) -> str:
    """A regex alternation, longest phrase first; spaces and hyphens match either."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [re.escape(word) for word in phrase.split()]
        parts.append(r"[\s-]+".join(words))
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _holiday_key(phrase: str) -> str:
    return _normalise_phrase(phrase.replace("’", "'"))


def _names_of(vocab: _Vocabulary, month: int) -> list[str]:
    return [name for name, number in vocab.months.items() if number == month]


@dataclass(frozen=True)
class _Form:
    name: str
    pattern: re.Pattern[str]
    needs_support: bool = False


@lexicon_cache
def _forms() -> tuple[_Form, ...]:
    """The grammar, in priority order (earlier wins between equally long matches)."""
    vocab = _vocabulary()
    weekdays = _alternation(vocab.weekdays)
    weekday = rf"(?P<wd>{weekdays})\b"
    abbreviations = {
        short
        for short, number in vocab.months.items()
        if any(full != short and full.startswith(short) for full in _names_of(vocab, number))
    }
    full_names = _alternation(set(vocab.months) - abbreviations)
    month = rf"(?P<month>{full_names}\b|{_alternation(abbreviations)}\b\.?)"
    day = r"(?<![\d.,])(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
    ordinal = rf"(?P<ordw>{_alternation(vocab.ordinals)})\b"
    year = r"(?<![\d.$€£#])(?P<year>(?:1[89]|2[01])\d\d)(?![\d]|[.,]\d)"
    opt_year = rf"(?:\s*,?\s*{year})?"
    lead_weekday = rf"(?:{weekday}\s*,?\s*)?"
    number = rf"(?P<n>{_alternation(vocab.numbers)}|\d{{1,3}})"
    holidays = _alternation(vocab.holidays).replace("'", "['’]")
    unit = r"(?P<unit>day|week|month|year)s?"
    specs: list[tuple[str, str, bool]] = [
        ("iso", r"(?<![\d-])(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?![\d-])", False),
        (
            "month_day",
            rf"\b{lead_weekday}{month}\s*(?:the\s+)?(?:{day}|{ordinal}){opt_year}",
            False,
        ),
        (
            "day_month",
            rf"(?:\b{lead_weekday})?(?:\bthe\s+)?(?:{day}|\b{ordinal})\s+(?:of\s+)?{month}{opt_year}",
            False,
        ),
        ("month_year", rf"\b(?:(?P<mod>early|late|mid)[\s-]+)?{month}\s*,?\s+{year}", False),
        (
            "holiday",
            rf"(?:\b(?P<prep>{_HOLIDAY_PREPOSITIONS})\s+)?"
            rf"(?P<expr>\b(?P<hol>{holidays})(?![\w'’]){opt_year})",
            True,
        ),
        (
            "month",
            rf"(?:\b(?P<prep>{_PREPOSITIONS})\s+)?"
            rf"(?P<expr>\b(?:(?P<mod>early|late|mid|last|this|next)[\s-]+)?{month})(?!\s*\d)",
            True,
        ),
        (
            "year",
            rf"(?:\b(?P<prep>{_PREPOSITIONS})\s+)?"
            rf"(?P<expr>(?:\b(?P<mod>early|late|mid)[\s-]+)?{year})(?!s\b|['’]s\b|\s*%)",
            True,
        ),
        (
            "relative_day",
            rf"\b(?P<rel>{_alternation(vocab.day_offsets)})\b(?:\s+{_PARTS_OF_DAY}\b)?"
            rf"(?:\s*,\s*{weekday}|\s*\(\s*(?P<wd2>{weekdays})\s*\))?",
            False,
        ),
        (
            "weekday",
            r"\b(?:(?P<mod>early|late)\s+)?"
            r"(?:(?P<rel>this\s+coming|this\s+past|last|next|this|past|coming)\s+)?"
            rf"{weekday}(?:\s+{_PARTS_OF_DAY}\b)?",
            False,
        ),
        ("ago", rf"\b{number}\s+{unit}\s+ago\b", False),
        (
            "chain_count",
            rf"\b{number}\s+{unit}\s+(?P<dir>later|earlier|afterwards?|after|before)\b",
            False,
        ),
        ("chain_phrase", rf"\b(?P<chain>{_alternation(vocab.chains)})\b", False),
        (
            "period",
            r"\b(?:(?P<mod>earlier|later|early|late)\s+)?"
            r"(?P<rel>this|last|next)\s+(?P<unit>week|month|year)\b",
            False,
        ),
    ]
    return tuple(
        _Form(name, re.compile(pattern, re.IGNORECASE), needs) for name, pattern, needs in specs
    )


def _group(match: re.Match[str], name: str) -> str | None:
    try:
        return match.group(name)
    except IndexError:
        return None


def _span(match: re.Match[str]) -> tuple[int, int]:
    if _group(match, "expr") is not None:
        return match.span("expr")
    return match.span()


def _preceding_word(text: str, start: int) -> str:
    before = text[max(0, start - 30) : start].split()
    return before[-1].lower() if before else ""


_EVENT_AFTER = re.compile(r"\s+(?:the|a|an|his|her|their|its|this|that)\b|\s+[A-Z]", re.UNICODE)


def _counts_from_event(match: re.Match[str], text: str) -> bool:
    """ "18 years after the invasion", "two days before Easter": an offset from an event
    the text names, not from the last date it mentioned, so not a date we can resolve."""
    direction = (_group(match, "dir") or "").lower()
    return direction in {"after", "before"} and bool(_EVENT_AFTER.match(text, match.end()))


def find_candidates(text: str) -> list[FoundExpression]:
    """Every match of every form in ``text``, overlapping ones included."""
    found: list[FoundExpression] = []
    for form in _forms():
        for match in form.pattern.finditer(text):
            start, end = _span(match)
            if end <= start:
                continue
            month = _group(match, "month")
            # "may", "march", "august" in lower case are words, not months.
            if month is not None and not month[0].isupper():
                continue
            holiday = _group(match, "hol")
            if holiday is not None and not holiday[0].isupper():
                continue  # "a christmas tree", "easter eggs" in lower case: not a date
            if form.name == "chain_count" and (
                _preceding_word(text, start) in _DURATION_WORDS or _counts_from_event(match, text)
            ):
                continue
            confirmed = not form.needs_support or bool(
                _group(match, "prep") or _group(match, "mod")
            )
            if holiday is not None and (" " in holiday.strip() or _group(match, "year")):
                confirmed = True  # "Election Day", "Christmas Eve", "Easter 2021"
            found.append(FoundExpression(start, end, text[start:end], form.name, confirmed))
    return found


def select_longest(candidates: Iterable[FoundExpression]) -> list[FoundExpression]:
    """Non-overlapping candidates, longer first, then by grammar priority; in text order."""
    priority = {form.name: index for index, form in enumerate(_forms())}
    ranked = sorted(
        candidates, key=lambda c: (-(c.end - c.start), priority.get(c.form, 99), c.start)
    )
    kept: list[FoundExpression] = []
    for candidate in ranked:
        if all(candidate.end <= k.start or candidate.start >= k.end for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


def find_time_expressions(text: str) -> list[FoundExpression]:
    """Confirmed, non-overlapping time expressions in ``text`` (no entity support needed)."""
    return select_longest(c for c in find_candidates(text) if c.confirmed)


# --- calendar arithmetic ----------------------------------------------------


def resolve_weekday(weekday: int, *, anchor: date, future: bool = False) -> date:
    """The latest ``weekday`` (0 = Monday) on or before ``anchor``; with ``future`` the
    first on or after it."""
    if future:
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _weekday_relative(weekday: int, relation: str, *, anchor: date, future: bool) -> date:
    if relation in {"last", "past", "this past"}:
        return anchor - timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)
    if relation in {"next", "coming", "this coming"}:
        return anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)
    if relation == "this":
        return anchor + timedelta(days=weekday - anchor.weekday())
    return resolve_weekday(weekday, anchor=anchor, future=future)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


GRANULARITIES = ("day", "week", "month", "year")


def start_of(day: date, granularity: str) -> date:
    """The first day of the week (Monday), month or year holding ``day``."""
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    if granularity == "year":
        return day.replace(month=1, day=1)
    return day


def _shift(day: date, unit: str, count: int) -> date:
    """``day`` moved by ``count`` units, then taken to the start of that unit."""
    if unit == "day":
        return day + timedelta(days=count)
    if unit == "week":
        return start_of(day + timedelta(weeks=count), "week")
    if unit == "month":
        return _add_months(day, count)
    return date(day.year + count, 1, 1)


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(
    month: int,
    day: int,
    *,
    anchor: date,
    future: bool,
    weekday: int | None,
    grace_days: int,
) -> date | None:
    """The anchor-relative year of a year-less month and day (see the module docstring)."""
    if weekday is not None:
        agreeing = [
            candidate
            for offset in (0, -1, 1)
            if (candidate := _make_date(anchor.year + offset, month, day)) is not None
            and candidate.weekday() == weekday
        ]
        if agreeing:
            return min(agreeing, key=lambda d: abs((d - anchor).days))
    if future:
        for offset in range(_YEAR_SEARCH + 1):
            candidate = _make_date(anchor.year + offset, month, day)
            if candidate is not None and candidate >= anchor:
                return candidate
        return None
    # HeidelTime's news rule: the year that puts the date nearest the anchor.
    # A 29 February with no leap year beside the anchor's is the latest one before it.
    nearby = [
        candidate
        for offset in (-1, 0, 1)
        if (candidate := _make_date(anchor.year + offset, month, day)) is not None
    ]
    if nearby:
        return min(nearby, key=lambda d: (abs((d - anchor).days), d > anchor))
    for offset in range(2, _YEAR_SEARCH + 1):
        if (candidate := _make_date(anchor.year - offset, month, day)) is not None:
            return candidate
    return None


def resolve_month_day(
    month: int,
    day: int,
    *,
    anchor: date,
    future: bool = False,
    past: bool = False,
    weekday: int | None = None,
) -> date | None:
    """A year-less month and day against ``anchor``, by the conventions above (nearest
    year; with ``future`` the first on or after the anchor; a stated ``weekday`` picks the
    year it agrees with). ``past`` ("le 12 juillet dernier") takes the latest on or before
    the anchor. Other languages' rules share this, so every language dates alike."""
    if past and weekday is None:
        for offset in range(_YEAR_SEARCH + 1):
            candidate = _make_date(anchor.year - offset, month, day)
            if candidate is not None and candidate <= anchor:
                return candidate
        return None
    return _year_for(
        month, day, anchor=anchor, future=future, weekday=weekday, grace_days=GRACE_DAYS
    )


def shift(day: date, unit: str, count: int) -> date:
    """``day`` moved by ``count`` days, weeks, months or years; a week, month or year is
    dated by its first day (Monday, the 1st, 1 January), as "last week" is."""
    return _shift(day if unit == "day" else start_of(day, unit), unit, count)


def _month_year_for(month: int, *, anchor: date, future: bool, grace_days: int) -> date:
    start = date(anchor.year, month, 1)
    if future:
        end = _add_months(start, 1) - timedelta(days=1)
        return start if end >= anchor else start.replace(year=anchor.year + 1)
    if start <= anchor + timedelta(days=grace_days):
        return start
    return start.replace(year=anchor.year - 1)


def _count(text: str | None) -> int | None:
    if text is None:
        return None
    key = _normalise_phrase(text)
    value = int(key) if key.isdigit() else _vocabulary().numbers.get(key)
    return value if value is not None and 0 < value <= MAX_COUNT else None


def _published(anchor: date, future: bool = False) -> str:
    return f"published {anchor.isoformat()}" + (" (future tense)" if future else "")


# --- parsing ----------------------------------------------------------------


def _match_form(expression: str, names: set[str]) -> tuple[str, re.Match[str]] | None:
    text = " ".join(expression.split())
    if not text or len(text) > 200:
        return None
    for form in _forms():
        if form.name in names and (match := form.pattern.fullmatch(text)):
            return form.name, match
    return None


_EXPLICIT_FORMS = {"iso", "month_day", "day_month", "month_year", "month", "year", "holiday"}
_RELATIVE_FORMS = {"relative_day", "weekday", "ago", "chain_count", "chain_phrase", "period"}


def parse_explicit_date(
    expression: str,
    *,
    anchor_year: int | None = None,
    anchor: date | None = None,
    future: bool = False,
    grace_days: int = GRACE_DAYS,
) -> ResolvedDate | None:
    """A calendar date written out ("January 5", "5 Jan. 2022", "the ninth of January",
    "in March", "2019"), or None when ``expression`` is not one. Never raises."""
    try:
        parsed = _match_form(expression, _EXPLICIT_FORMS)
        if parsed is None:
            return None
        return _resolve_explicit(
            *parsed,
            anchor_year=anchor.year if anchor else anchor_year,
            anchor=anchor,
            future=future,
            grace_days=grace_days,
        )
    except (ValueError, OverflowError):
        return None


def _resolve_explicit(
    form: str,
    match: re.Match[str],
    *,
    anchor_year: int | None,
    anchor: date | None,
    future: bool,
    grace_days: int,
) -> ResolvedDate | None:
    vocab = _vocabulary()
    year_text = _group(match, "year")
    year = int(year_text) if year_text else None
    if form == "year":
        assert year is not None
        return ResolvedDate(date(year, 1, 1), "year", "explicit")
    if form == "holiday":
        return _resolve_holiday(match, year, anchor=anchor, future=future)
    month_text = _group(match, "month")
    if form == "iso":
        month = int(match.group("mnum"))
    else:
        month = vocab.months.get(_normalise_phrase((month_text or "").rstrip(".")), 0)
    if not 1 <= month <= 12:
        return None
    if form in {"month", "month_year"}:
        return _resolve_month(match, month, year, anchor=anchor, future=future, grace=grace_days)
    day_text = _group(match, "day")
    ordinal_text = _group(match, "ordw")
    day = int(day_text) if day_text else vocab.ordinals.get(_normalise_phrase(ordinal_text or ""))
    if day is None:
        return None
    weekday_text = _group(match, "wd")
    weekday = vocab.weekdays.get(_normalise_phrase(weekday_text)) if weekday_text else None
    if year is not None:
        value = _make_date(year, month, day)
        return ResolvedDate(value, "day", "explicit") if value else None
    if _make_date(2000, month, day) is None:  # not a day of any year (30 February)
        return None
    if anchor is not None:
        value = _year_for(
            month, day, anchor=anchor, future=future, weekday=weekday, grace_days=grace_days
        )
        return ResolvedDate(value, "day", "explicit_no_year", _published(anchor, future))
    if anchor_year is not None:
        value = _make_date(anchor_year, month, day)
        return ResolvedDate(value, "day", "explicit_no_year", f"year {anchor_year}")
    return ResolvedDate(None, "day", "unanchored")


def holiday_date(rule: str, year: int) -> date | None:
    """The day a holiday rule of the ``time_words`` lexicon gives in ``year``."""
    kind, _, rest = rule.partition(":")
    parts = rest.split(":")
    if kind == "fixed":
        month_text, _, day_text = rest.partition("-")
        return _make_date(year, int(month_text), int(day_text))
    if kind == "nth" and len(parts) >= 3:
        number, weekday, nth = int(parts[0]), int(parts[1]), int(parts[2])
        extra = int(parts[3]) if len(parts) > 3 else 0
        if nth > 0:
            first = date(year, number, 1)
            value = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
        else:
            last = _add_months(date(year, number, 1), 1) - timedelta(days=1)
            value = last - timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-nth - 1))
        return value + timedelta(days=extra)
    if kind == "easter":
        return _easter(year) + timedelta(days=int(rest))
    return None


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _resolve_holiday(
    match: re.Match[str], year: int | None, *, anchor: date | None, future: bool
) -> ResolvedDate | None:
    rule = _vocabulary().holidays.get(_holiday_key(match.group("hol")))
    if rule is None:
        return None
    if year is not None:
        value = holiday_date(rule, year)
        return ResolvedDate(value, "day", "explicit") if value else None
    if anchor is None:
        return ResolvedDate(None, "day", "unanchored")
    days = [d for offset in (-1, 0, 1) if (d := holiday_date(rule, anchor.year + offset))]
    if future:
        later = [d for d in days if d >= anchor]
        value = min(later) if later else None
    else:  # the year that puts it nearest the anchor, as for a date without a year
        value = min(days, key=lambda d: (abs((d - anchor).days), d > anchor), default=None)
    if value is None:
        return None
    return ResolvedDate(value, "day", "explicit_no_year", _published(anchor, future))


def _resolve_month(
    match: re.Match[str],
    month: int,
    year: int | None,
    *,
    anchor: date | None,
    future: bool,
    grace: int,
) -> ResolvedDate:
    if year is not None:
        return ResolvedDate(date(year, month, 1), "month", "explicit")
    if anchor is None:
        return ResolvedDate(None, "month", "unanchored")
    modifier = (_group(match, "mod") or "").lower()
    this_year = date(anchor.year, month, 1)
    if modifier == "this":
        value = this_year
    elif modifier == "last":
        value = this_year if month < anchor.month else this_year.replace(year=anchor.year - 1)
    elif modifier == "next":
        value = this_year if month > anchor.month else this_year.replace(year=anchor.year + 1)
    else:
        value = _month_year_for(month, anchor=anchor, future=future, grace_days=grace)
    return ResolvedDate(value, "month", "explicit_no_year", _published(anchor, future))


def resolve_relative_date(
    expression: str,
    *,
    anchor: date | None,
    previous: date | None = None,
    previous_text: str | None = None,
    future: bool = False,
) -> ResolvedDate | None:
    """A date said relative to the publication (``anchor``: "yesterday", "on Thursday",
    "last week") or to the date last mentioned (``previous``: "two days later", "the next
    day"). None when ``expression`` is not such a phrase. Never raises."""
    try:
        parsed = _match_form(expression, _RELATIVE_FORMS)
        if parsed is None:
            return None
        form, match = parsed
        if form in {"chain_count", "chain_phrase"}:
            return _resolve_chain(form, match, anchor, previous, previous_text)
        return _resolve_anchored(form, match, anchor, future)
    except (ValueError, OverflowError):
        return None


def _resolve_anchored(
    form: str, match: re.Match[str], anchor: date | None, future: bool
) -> ResolvedDate | None:
    vocab = _vocabulary()
    unit_text = (_group(match, "unit") or "day").lower()
    granularity = "day" if form in {"relative_day", "weekday"} else unit_text
    if form == "ago" and _count(_group(match, "n")) is None:
        return None
    if anchor is None:
        return ResolvedDate(None, granularity, "unanchored")
    if form == "relative_day":
        offset = vocab.day_offsets[_normalise_phrase(match.group("rel"))]
        value = anchor + timedelta(days=offset)
        note = _published(anchor)
        stated = _group(match, "wd") or _group(match, "wd2")
        if stated and vocab.weekdays.get(stated.lower()) != value.weekday():
            note += f" (stated weekday {stated} disagrees)"
        return ResolvedDate(value, "day", "relative_day", note)
    if form == "weekday":
        weekday = vocab.weekdays[_normalise_phrase(match.group("wd"))]
        relation = " ".join((_group(match, "rel") or "").lower().split())
        value = _weekday_relative(weekday, relation, anchor=anchor, future=future)
        return ResolvedDate(value, "day", "weekday", _published(anchor, future and not relation))
    if form == "ago":
        count = _count(match.group("n"))
        assert count is not None
        return ResolvedDate(
            _shift(anchor, unit_text, -count),
            granularity,
            "relative_day" if unit_text == "day" else "relative_period",
            _published(anchor),
        )
    # period: this / last / next week, month, year
    step = {"this": 0, "last": -1, "next": 1}[match.group("rel").lower()]
    value = _shift(start_of(anchor, unit_text), unit_text, step)
    return ResolvedDate(value, unit_text, "relative_period", _published(anchor))


def _resolve_chain(
    form: str,
    match: re.Match[str],
    anchor: date | None,
    previous: date | None,
    previous_text: str | None,
) -> ResolvedDate | None:
    if form == "chain_phrase":
        unit, count = _vocabulary().chains[_normalise_phrase(match.group("chain"))]
    else:
        unit = match.group("unit").lower()
        number = _count(match.group("n"))
        if number is None:
            return None
        direction = match.group("dir").lower()
        count = number if direction in _FUTURE_DIRECTIONS else -number
    granularity = unit if form == "chain_phrase" or unit in {"month", "year"} else "day"
    if previous is not None:
        base = previous
        quoted = f"'{previous_text}' " if previous_text else ""
        note = f"previous {quoted}{previous.isoformat()}"
    elif anchor is not None:
        base = anchor
        note = f"{_published(anchor)} (no earlier date in the text)"
    else:
        return ResolvedDate(None, granularity, "unanchored")
    if granularity == "day":
        days = count * 7 if unit == "week" else count
        value = base + timedelta(days=days)
    else:
        value = _shift(start_of(base, granularity), granularity, count)
    return ResolvedDate(value, granularity, "chain", note)


def is_chain(expression: str) -> bool:
    """Whether ``expression`` counts from the date last mentioned ("two days later")."""
    parsed = _match_form(expression, {"chain_count", "chain_phrase"})
    return parsed is not None


def resolve_time_expression(
    expression: str,
    *,
    anchor: date | None,
    previous: date | None = None,
    previous_text: str | None = None,
    future: bool = False,
    grace_days: int = GRACE_DAYS,
) -> ResolvedDate | None:
    """Any expression the grammar knows, explicit or relative; None otherwise."""
    resolvers: tuple[Callable[[], ResolvedDate | None], ...] = (
        lambda: parse_explicit_date(
            expression, anchor=anchor, future=future, grace_days=grace_days
        ),
        lambda: resolve_relative_date(
            expression,
            anchor=anchor,
            previous=previous,
            previous_text=previous_text,
            future=future,
        ),
    )
    for resolve in resolvers:
        resolved = resolve()
        if resolved is not None:
            return resolved
    return None


def parse_anchor(value: str | None) -> date | None:
    """An ISO date or datetime string as a date; None when missing or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


__all__ = [
    "GRACE_DAYS",
    "GRANULARITIES",
    "FoundExpression",
    "ResolvedDate",
    "find_candidates",
    "find_time_expressions",
    "future_auxiliaries",
    "future_verbs",
    "is_chain",
    "parse_anchor",
    "parse_explicit_date",
    "resolve_month_day",
    "resolve_relative_date",
    "resolve_time_expression",
    "resolve_weekday",
    "select_longest",
    "shift",
    "start_of",
]
