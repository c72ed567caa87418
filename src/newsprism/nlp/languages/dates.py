"""Dates in the rule-based languages (Russian, French, Arabic) over a reader's tokens.

A table of named forms, tried at each token; the longest match wins, then the earlier form
of the table. The words come from the language's cue lexicon (``lexicons/<lang>/cues.txt``),
the calendar from :mod:`newsprism.nlp.temporal`, so a date resolves the same way in every
language (nearest year for a year-less date, a bare weekday the latest one on or before the
publication unless its clause is in the future, weeks dated by their Monday).

============  ==========================================  =================================
form          example                                     dated by
============  ==========================================  =================================
night         "dans la nuit de jeudi à vendredi",         the evening of the first day
              "в ночь с 5 на 6 сентября"
night_eve     "в ночь на пятницу"                         the evening before the day
month_date    "ce vendredi 15 octobre", "le 12 juillet    the day (a weekday picks the year it
              dernier", "1er mars 2023", "en avril"       agrees with; "dernier" the past one)
period        "la semaine dernière", "в прошлом году"     that week, month or year
ago           "il y a deux jours", "три дня назад"        the publication minus the count
weekday       "mardi dernier", "jeudi soir", "ce          the weekday before (or, in a future
              vendredi", "в прошлую пятницу"              clause, after) the publication
relative      "hier", "вчера"                             the publication plus the offset
============  ==========================================  =================================
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from newsprism.models import TimeExpression
from newsprism.nlp.languages.cues import EASTERN_DIGITS, Cues, fold
from newsprism.nlp.languages.layers import TextLayer, Token
from newsprism.nlp.temporal import resolve_month_day, resolve_weekday, shift

_DAY = re.compile(r"^(\d{1,2})(?:er|re)?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_CLAUSE_END = {".", "!", "?", ";"}


@dataclass(frozen=True)
class _Found:
    """A form's match: tokens [first, stop), the date and its granularity."""

    form: str
    first: int
    stop: int
    value: dt.date | None
    granularity: str
    anchored: bool = True
    """Whether the value came from the publication date (so the anchor is stated)."""


@dataclass(frozen=True)
class _Scan:
    tokens: Sequence[Token]
    cues: Cues
    anchor: dt.date | None
    sentences: Sequence[tuple[int, int]]

    def word(self, index: int) -> str:
        if index >= len(self.tokens):
            return ""
        return fold(self.tokens[index].text, self.cues.language).translate(EASTERN_DIGITS)

    def phrase(self, index: int, phrases: Sequence[str] | set[str] | frozenset[str]) -> int:
        """Tokens covered by the longest of ``phrases`` starting at ``index`` (0: none)."""
        best = 0
        for phrase in phrases:
            best = max(best, self._width(index, phrase))
        return best

    def lookup(self, index: int, table: Mapping[str, object]) -> tuple[str, int]:
        """The longest key of ``table`` starting at ``index`` and its width."""
        best, width = "", 0
        for phrase in table:
            w = self._width(index, phrase)
            if w > width:
                best, width = phrase, w
        return best, width

    def _width(self, index: int, phrase: str) -> int:
        """Readers split "l'an" in two tokens or keep it whole: either matches."""
        return max(
            self._width_of(index, phrase.split()),
            self._width_of(index, phrase.replace("'", "' ").split()),
        )

    def _width_of(self, index: int, parts: list[str]) -> int:
        position = index
        for part in parts:
            token = self.word(position)
            if not token:
                return 0
            if token == part or (part.endswith("'") and token.startswith(part[:-1])):
                position += 1
            else:
                return 0
        return position - index

    def number(self, index: int) -> int | None:
        word = self.word(index)
        if word.isdigit():
            return int(word)
        value = self.cues.numbers.get(word)
        return int(value) if value is not None and value == int(value) else None

    def future(self, index: int) -> bool:
        """Whether the clause holding token ``index`` is in the future tense."""
        start = stop = index
        while start > 0 and self.word(start - 1) not in _CLAUSE_END:
            start -= 1
        while stop < len(self.tokens) and self.word(stop) not in _CLAUSE_END:
            stop += 1
        for position in range(start, stop):
            word = self.word(position)
            if word in self.cues.future_words:
                return True
            verb = self.tokens[position].pos in {"VERB", "AUX"} and len(word) > 4
            if verb and any(word.endswith(ending) for ending in self.cues.future_endings):
                return True
        return False


def _weekday_date(scan: _Scan, weekday: int, mode: str, index: int) -> tuple[dt.date | None, bool]:
    anchor = scan.anchor
    if anchor is None:
        return None, False
    if mode == "past":
        return anchor - dt.timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1), True
    if mode == "next":
        return anchor + dt.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1), True
    if mode == "this":
        return anchor + dt.timedelta(days=weekday - anchor.weekday()), True
    return resolve_weekday(weekday, anchor=anchor, future=scan.future(index)), True


def _weekday_at(scan: _Scan, index: int) -> tuple[int, str, int] | None:
    """(weekday, mode, stop) of "ce vendredi", "mardi dernier", "в прошлую пятницу"."""
    cues = scan.cues
    position, mode = index, ""
    if scan.phrase(position, cues.this_marks) and scan.lookup(position + 1, cues.weekdays)[1]:
        position, mode = position + 1, "this"
    elif scan.phrase(position, cues.past_marks) and scan.lookup(position + 1, cues.weekdays)[1]:
        position, mode = position + 1, "past"
    elif scan.phrase(position, cues.next_marks) and scan.lookup(position + 1, cues.weekdays)[1]:
        position, mode = position + 1, "next"
    name, width = scan.lookup(position, cues.weekdays)
    if not width:
        return None
    position += width
    if not mode and (w := scan.phrase(position, cues.past_marks)):
        position, mode = position + w, "past"
    elif not mode and (w := scan.phrase(position, cues.next_marks)):
        position, mode = position + w, "next"
    if w := scan.phrase(position, cues.dayparts):
        position += w
    return cues.weekdays[name], mode or "bare", position


def _weekday(scan: _Scan, index: int) -> _Found | None:
    found = _weekday_at(scan, index)
    if found is None:
        return None
    weekday, mode, stop = found
    value, anchored = _weekday_date(scan, weekday, mode if mode != "bare" else "", index)
    return _Found("weekday", index, stop, value, "day", anchored)


@dataclass(frozen=True)
class _DayMonth:
    stop: int
    day: int | None
    month: int | None
    year: int | None
    weekday: int | None
    mode: str


def _day_month_at(scan: _Scan, index: int) -> _DayMonth | None:
    """[ce] [weekday] [day] month [year] [dernier|prochain], or a bare day number."""
    cues = scan.cues
    position, weekday = index, None
    found = _weekday_at(scan, position)
    if found is not None and found[1] in {"this", "bare"}:
        weekday, position = found[0], found[2]
    day = None
    if match := _DAY.match(scan.word(position)):
        day = int(match.group(1))
        position += 1
        if scan.word(position) in cues.day_links and scan.lookup(position + 1, cues.months)[1]:
            position += 1
    name, width = scan.lookup(position, cues.months)
    month = cues.months.get(name)
    if not width and day is not None:  # "1 дек": a short month word only after a day
        name, width = scan.lookup(position, cues.month_abbreviations)
        month = cues.month_abbreviations.get(name)
    if not width or month is None:  # a night's first part alone: "de jeudi à ...", "с 5 на ..."
        if (day is None) == (weekday is None):
            return None
        return _DayMonth(position, day, None, None, weekday, "")
    position += width
    if scan.word(position) == "/" and (alternate := scan.lookup(position + 1, cues.months)[1]):
        position += 1 + alternate  # "سبتمبر/أيلول": the same month in a second calendar
    if scan.word(position) in cues.year_links and _YEAR.match(scan.word(position + 1)):
        position += 1
    year = None
    if _YEAR.match(scan.word(position)):
        year = int(scan.word(position))
        position += 1
    mode = ""
    if w := scan.phrase(position, cues.past_marks):
        position, mode = position + w, "past"
    elif w := scan.phrase(position, cues.next_marks):
        position, mode = position + w, "next"
    return _DayMonth(position, day, month, year, weekday, mode)


def _resolve_day_month(scan: _Scan, parts: _DayMonth, index: int) -> _Found | None:
    anchor = scan.anchor
    if parts.month is None:
        return None
    if parts.day is None:
        year = parts.year
        if year is None and anchor is not None:
            year = anchor.year - (1 if parts.month > anchor.month + 1 else 0)
        if year is None:
            return None  # a bare month without a year or a publication date
        return _Found(
            "month_date",
            index,
            parts.stop,
            dt.date(year, parts.month, 1),
            "month",
            parts.year is None,
        )
    if parts.year is not None:
        try:
            value = dt.date(parts.year, parts.month, parts.day)
        except ValueError:
            return None
        return _Found("month_date", index, parts.stop, value, "day", False)
    if anchor is None:
        return _Found("month_date", index, parts.stop, None, "day", False)
    resolved = resolve_month_day(
        parts.month,
        parts.day,
        anchor=anchor,
        future=parts.mode == "next",
        past=parts.mode == "past",
        weekday=parts.weekday,
    )
    return _Found("month_date", index, parts.stop, resolved, "day")


def _month_date(scan: _Scan, index: int) -> _Found | None:
    parts = _day_month_at(scan, index)
    if parts is None:
        return None
    return _resolve_day_month(scan, parts, index)


def _night(scan: _Scan, index: int) -> _Found | None:
    """ "dans la nuit de jeudi à vendredi", "в ночь с 5 на 6 сентября": the first day."""
    width = scan.phrase(index, scan.cues.nights)
    if not width:
        return None
    first = _day_month_at(scan, index + width)
    if first is None:
        return None
    link = scan.phrase(first.stop, scan.cues.night_links)
    if not link:
        return None
    second = _day_month_at(scan, first.stop + link)
    if second is None:
        return None
    if first.day is None and first.weekday is not None and first.month is None:
        value, anchored = _weekday_date(scan, first.weekday, "", index)
        return _Found("night", index, second.stop, value, "day", anchored)
    if first.month is None:  # "с 5 на 6 сентября": the month and year come after
        first = _DayMonth(first.stop, first.day, second.month, second.year, None, second.mode)
    resolved = _resolve_day_month(scan, first, index)
    if resolved is None or resolved.granularity != "day":
        return None
    return _Found("night", index, second.stop, resolved.value, "day", resolved.anchored)


def _night_eve(scan: _Scan, index: int) -> _Found | None:
    """ "в ночь на пятницу", "в ночь на 6 сентября": the evening before that day."""
    width = scan.phrase(index, scan.cues.night_eves)
    if not width:
        return None
    day = _month_date(scan, index + width) or _weekday(scan, index + width)
    if day is None or day.granularity != "day":
        return None
    value = day.value - dt.timedelta(days=1) if day.value else None
    return _Found("night_eve", index, day.stop, value, "day", day.anchored)


def _period(scan: _Scan, index: int) -> _Found | None:
    phrase, width = scan.lookup(index, scan.cues.periods)
    if not width:
        return None
    unit, offset = scan.cues.periods[phrase]
    value = shift(scan.anchor, unit, offset) if scan.anchor else None
    return _Found("period", index, index + width, value, unit)


def _ago(scan: _Scan, index: int) -> _Found | None:
    cues = scan.cues
    before = scan.phrase(index, cues.ago_before)
    position = index + before
    count = scan.number(position)
    unit, width = scan.lookup(position + 1, cues.units)
    if count is None or not width or not 0 < count <= 400:
        return None
    stop = position + 1 + width
    if not before:
        after = scan.phrase(stop, cues.ago_after)
        if not after:
            return None
        stop += after
    granularity = cues.units[unit]
    value = shift(scan.anchor, granularity, -count) if scan.anchor else None
    return _Found("ago", index, stop, value, granularity)


def _relative(scan: _Scan, index: int) -> _Found | None:
    offset = scan.cues.relative.get(scan.word(index))
    if offset is None or scan.anchor is None:
        return None
    return _Found("relative", index, index + 1, scan.anchor + dt.timedelta(days=offset), "day")


FORMS: tuple[tuple[str, Callable[[_Scan, int], _Found | None]], ...] = (
    ("night", _night),
    ("night_eve", _night_eve),
    ("month_date", _month_date),
    ("period", _period),
    ("ago", _ago),
    ("weekday", _weekday),
    ("relative", _relative),
)
"""The forms in priority order (between matches of the same length)."""


def _iso(value: dt.date | None, granularity: str) -> str | None:
    if value is None:
        return None
    if granularity == "month":
        return value.isoformat()[:7]
    if granularity == "year":
        return value.isoformat()[:4]
    return value.isoformat()


def find_dates(
    layer: TextLayer, cues: Cues, article_id: str, published: str | None
) -> list[TimeExpression]:
    """Every date expression of ``layer``, in text order (see the module's table)."""
    anchor = None
    if published:
        try:
            anchor = dt.date.fromisoformat(published[:10])
        except ValueError:
            anchor = None
    scan = _Scan(layer.tokens, cues, anchor, layer.sentences)
    found: list[TimeExpression] = []
    index = 0
    while index < len(layer.tokens):
        matches = [m for _, form in FORMS if (m := form(scan, index)) is not None]
        matches = [m for m in matches if m.stop > m.first]
        if not matches:
            index += 1
            continue
        best = max(matches, key=lambda m: m.stop)
        start, end = layer.tokens[best.first].start, layer.tokens[best.stop - 1].end
        found.append(
            TimeExpression(
                article_id=article_id,
                text=layer.text[start:end],
                start=start,
                end=end,
                date=_iso(best.value, best.granularity),
                granularity=best.granularity,
                anchor=f"published {published}" if published and best.anchored else None,
                method=f"{cues.language}-rules:{best.form}",
            )
        )
        index = best.stop
    return found


__all__ = ["FORMS", "find_dates"]
