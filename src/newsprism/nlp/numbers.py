"""Number expressions in English news text: "over 3,000", "dozens", "between 10 and 15".

Pure text parsing, no spaCy: :func:`find_quantities` scans a text for every number
expression with its character offsets; :func:`parse_quantity` reads one expression.

A :class:`Quantity` is the interval of counts the expression allows, plus how it was
qualified. ``value_max`` is None when the interval is open ("at least 200", "over
3,000"); "up to 50" allows 0..50, "fewer than 50" 0..49. "From 400 to 600" is a range
only after "range"/"vary" (elsewhere it is a change: "rose from 40 to 60"). Vague words
("dozens", "hundreds") map to ranges by the ``vague_quantities`` lexicon (overridable by
the caller), and ``vague_rule`` records the rule used so a reader can see where a range
came from.

Digit groups: "3,000", "3.000", "3 000" (also with no-break or thin spaces) all read as
three thousand; "3.5" is three and a half. A regular space does not group digits right
after a month name ("January 6 200 people" is a date, then 200).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from newsprism.lexicons import load_mapping

VagueTable = Mapping[str, tuple[float, float | None]]
_V = TypeVar("_V")

QUALIFIERS = ("exact", "about", "at_least", "more_than", "up_to", "vague")

# Qualifier phrases before a number, longest first when matched.
_PREFIXES: dict[str, str] = {
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "a minimum of": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "above": "more_than",
    "well above": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "greater than": "more_than",
    "well over": "more_than",
    "just over": "more_than",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "approx": "about",
    "roughly": "about",
    "some": "about",
    "nearly": "about",
    "almost": "about",
    "close to": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "up to": "up_to",
    "as many as": "up_to",
    "no more than": "up_to",
    "not more than": "up_to",
    "fewer than": "up_to",
    "less than": "up_to",
    "under": "up_to",
    "just under": "up_to",
    "at most": "up_to",
    "a maximum of": "up_to",
}
# "fewer than 10" allows at most 9: the bound itself is excluded (counts are whole numbers)
_EXCLUSIVE_UPPER = {"fewer than", "less than", "under", "just under"}
# "estimates range from 400 to 600": a stated range, not a change ("rose from 40 to 60")
_RANGE_WORDS = {"range", "ranges", "ranged", "ranging", "vary", "varies", "varied", "varying"}
_SUFFIXES: dict[str, str] = {
    "or more": "at_least",
    "or over": "at_least",
    "and more": "at_least",
    "plus": "at_least",
    "- plus": "at_least",
    "+": "at_least",
    "or so": "about",
}

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
_NOT_COUNTS = {"percent", "per", "pct"}  # "40 percent", "40 per cent"

_SPACES = " \u00a0\u202f\u2009"
_DIGITS = re.compile(
    r"(?<![\w.,:])"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:\.\d{3})+(?![.,]\d)"
    r"|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+"
    r"|\d+(?:\.\d+)?)"
    r"(?![\w]|[.,:]\d|-[^\W\d_])"
)
_TOKEN = re.compile(r"\d[\d,. \u00a0\u202f\u2009]*\d|\d|[^\W\d_]+|[^\w\s]")


@dataclass(frozen=True)
class Quantity:
    """A number expression: the interval of counts it allows and where it is in the text."""

    value_min: float
    value_max: float | None
    qualifier: str
    vague_rule: str | None
    start: int
    end: int


@dataclass(frozen=True)
class _Token:
    text: str
    lower: str
    start: int
    end: int
    value: float | None  # set for digit tokens


@dataclass(frozen=True)
class _Core:
    """A bare number (no qualifier) spanning tokens [first, stop)."""

    low: float
    high: float | None
    kind: str  # "exact", "about" (a lexicon figure: "a dozen") or "vague"
    rule: str | None
    stop: int


@dataclass(frozen=True)
class _PhraseTable(Generic[_V]):
    """A table of word phrases filed under their first word, in table order.

    A number is read at every token, so each token consults only the phrases that can
    start there instead of every phrase of the table."""

    entries: tuple[tuple[tuple[str, ...], _V], ...]
    by_first_word: Mapping[str, tuple[int, ...]]
    empty: tuple[int, ...]
    """Positions of phrases with no words (they match anywhere)."""

    @classmethod
    def of(cls, table: Mapping[tuple[str, ...], _V]) -> _PhraseTable[_V]:
        entries = tuple(table.items())
        by_first_word: dict[str, list[int]] = {}
        for position, (phrase, _) in enumerate(entries):
            if phrase:
                by_first_word.setdefault(phrase[0], []).append(position)
        empty = tuple(position for position, (phrase, _) in enumerate(entries) if not phrase)
        return cls(entries, {w: tuple(p) for w, p in by_first_word.items()}, empty)

    def matching(
        self, tokens: Sequence[_Token], index: int
    ) -> Iterator[tuple[tuple[str, ...], _V]]:
        """The entries whose phrase the tokens from ``index`` spell, in table order."""
        positions = self.by_first_word.get(tokens[index].lower, ()) if index < len(tokens) else ()
        if self.empty:
            positions = tuple(sorted((*positions, *self.empty)))
        for position in positions:
            phrase, value = self.entries[position]
            if _match_phrase(tokens, index, phrase):
                yield phrase, value


@cache
def _shipped_vague() -> dict[str, tuple[float, float | None]]:
    table: dict[str, tuple[float, float | None]] = {}
    for phrase, bounds in load_mapping("vague_quantities").items():
        parts = bounds.split("\t")
        low = float(parts[0])
        high = float(parts[1]) if len(parts) > 1 and parts[1].strip() else None
        table[phrase.lower()] = (low, high)
    return table


def default_vague_quantities() -> dict[str, tuple[float, float | None]]:
    """The shipped vague-quantity rules (``lexicons/vague_quantities.txt``)."""
    return dict(_shipped_vague())


def _vague_table(vague: VagueTable | None) -> _PhraseTable[tuple[float, float | None]]:
    merged = dict(_shipped_vague())
    if vague:
        merged.update({k.lower(): v for k, v in vague.items()})
    return _PhraseTable.of({tuple(k.split()): v for k, v in merged.items()})


def _format_bound(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else str(value)


def _rule(phrase: str, low: float, high: float | None) -> str:
    return f"{phrase} -> {_format_bound(low)}..{_format_bound(high)}"


def _digit_value(text: str, previous_word: str | None) -> float | None:
    """Value of a digit token as the tokenizer cut it, or None if it is not one number."""
    match = _DIGITS.fullmatch(text)
    if match is None:
        return None
    raw = match.group("num")
    if any(ch in _SPACES for ch in raw) and previous_word in _MONTHS:
        return None
    if re.fullmatch(r"\d{1,3}(?:[,. \u00a0\u202f\u2009]\d{3})+", raw):
        return float(re.sub(r"[^\d]", "", raw))
    return float(raw.replace(",", ""))


def _tokenize(text: str) -> list[_Token]:
    """Words, punctuation and digit numbers with offsets; digit runs are split at real breaks."""
    tokens: list[_Token] = []
    previous_word: str | None = None
    for match in _TOKEN.finditer(text):
        piece = match.group()
        if piece[0].isdigit():
            tokens.extend(_split_digits(text, match.start(), match.end(), previous_word))
            previous_word = None
            continue
        tokens.append(_Token(piece, piece.lower(), match.start(), match.end(), None))
        if piece.isalpha():
            previous_word = piece.lower()
    return tokens


def _split_digits(text: str, start: int, end: int, previous_word: str | None) -> list[_Token]:
    """Cut a run like "6 200," or "3,000." into numbers, honouring the digit-group rules."""
    out: list[_Token] = []
    position = start
    while position < end:
        match = _DIGITS.match(text, position, end)
        value = None
        if match is not None:
            raw = match.group("num")
            value = _digit_value(raw, previous_word if not out else None)
            if value is None:  # space-grouped after a month: take the first group only
                raw = re.match(r"\d+", raw).group()  # type: ignore[union-attr]
                value = float(raw)
            stop = position + len(raw)
            # the match must not stop inside a longer digit sequence
            if stop < len(text) and (text[stop].isdigit() or text[stop].isalpha()):
                value = None
        if value is None:
            stop = position + 1
            while stop < end and text[stop].isdigit():
                stop += 1
            out.append(_Token(text[position:stop], text[position:stop], position, stop, None))
        else:
            out.append(_Token(raw, raw, position, stop, value))
        position = stop
        while position < end and not text[position].isdigit():
            ch = text[position]
            if ch not in _SPACES:
                out.append(_Token(ch, ch, position, position + 1, None))
            position += 1
    return out


def _is_glued(text: str, token: _Token) -> bool:
    """Digits glued to letters or units ("40km", "18th", "10:30", "$5", "40%", "23-year")."""
    before = text[token.start - 1] if token.start > 0 else " "
    after = text[token.end] if token.end < len(text) else " "
    if before.isalpha() or before in "$€£¥₽₸:+#" or after.isalpha() or after in "%:":
        return True
    if len(token.text) > 1 and token.text[0] == "0" and token.text[1].isdigit():
        return True  # "007", "05": codes, not counts
    rest = text[token.end + 1 : token.end + 5].lower()
    return after == "-" and rest[:1].isalpha() and rest != "plus"


def _match_phrase(tokens: Sequence[_Token], index: int, phrase: tuple[str, ...]) -> bool:
    if index + len(phrase) > len(tokens):
        return False
    return all(tokens[index + k].lower == word for k, word in enumerate(phrase))


def _read_half(tokens: Sequence[_Token], index: int) -> tuple[float, int] | None:
    """ "half a million" is 500,000, not the "a million" inside it."""
    if index + 2 >= len(tokens) or tokens[index].lower != "half" or tokens[index + 1].lower != "a":
        return None
    scale = _SCALES.get(tokens[index + 2].lower)
    return (scale / 2, index + 3) if scale is not None and scale >= 1_000 else None


def _read_words(tokens: Sequence[_Token], index: int) -> tuple[float, int] | None:
    """A spelled-out number ("twenty-six", "two hundred and fifty", "a thousand")."""
    total = 0.0
    current = 0.0
    last = "start"  # kind of the previous word: start, unit, tens, scale, and
    position = index
    half = _read_half(tokens, index)
    if half is not None:
        return half
    if position + 1 < len(tokens) and tokens[position].lower == "a":
        if tokens[position + 1].lower not in _SCALES:
            return None
        current, last, position = 1.0, "unit", position + 1
    while position < len(tokens):
        word = tokens[position].lower
        if word in _UNITS and (
            last in {"start", "scale", "and"} or (last == "tens" and _UNITS[word] < 10)
        ):
            current += _UNITS[word]
            last = "unit"
        elif word in _TENS and last in {"start", "scale", "and"}:
            current += _TENS[word]
            last = "tens"
            hyphen_unit = tokens[position + 2].lower if position + 2 < len(tokens) else None
            if (
                hyphen_unit in _UNITS
                and tokens[position + 1].text == "-"
                and _UNITS[hyphen_unit] < 10
            ):
                current += _UNITS[hyphen_unit]
                last = "unit"
                position += 2
        elif word in _SCALES and (
            last in {"unit", "tens"} or (last == "scale" and _SCALES[word] > 100 and current >= 100)
        ):
            scale = _SCALES[word]
            if scale == 100:
                if current >= 100:
                    break
                current *= 100
            else:
                total += current * scale
                current = 0.0
            last = "scale"
        elif (
            word == "and"
            and last == "scale"
            and position + 1 < len(tokens)
            and (tokens[position + 1].lower in _UNITS or tokens[position + 1].lower in _TENS)
        ):
            last = "and"
        else:
            break
        position += 1
    if last in {"start", "and"}:
        return None
    return total + current, position


def _read_core(
    text: str,
    tokens: Sequence[_Token],
    index: int,
    table: _PhraseTable[tuple[float, float | None]],
) -> _Core | None:
    """The longest bare number starting at token ``index``."""
    if index >= len(tokens):
        return None
    best: _Core | None = None
    for phrase, (low, high) in table.matching(tokens, index):
        stop = index + len(phrase)
        if best is not None and stop <= best.stop:
            continue
        rule = _rule(" ".join(phrase), low, high)
        kind = "about" if high is not None and low == high else "vague"  # "a dozen" ~ 12
        best = _Core(low, high, kind, rule, stop)
        # "several hundred", "a few thousand": a count word times a scale word
        if stop < len(tokens) and tokens[stop].lower in _SCALES and high is not None:
            scale = _SCALES[tokens[stop].lower]
            name = " ".join(phrase)
            word = tokens[stop].lower
            rule = f"{_rule(f'{name} {word}', low * scale, high * scale)} ({name} x {word})"
            best = _Core(low * scale, high * scale, "vague", rule, stop + 1)
    if best is not None:
        return best
    token = tokens[index]
    if token.value is not None:
        if _is_glued(text, token):
            return None
        value, stop = token.value, index + 1
        if stop < len(tokens) and tokens[stop].lower in _SCALES:
            value *= _SCALES[tokens[stop].lower]
            stop += 1
        elif stop < len(tokens) and tokens[stop].lower == "dozen":
            value *= 12
            stop += 1
        return _Core(value, value, "exact", None, stop)
    words = _read_words(tokens, index)
    if words is not None:
        value, stop = words
        if stop < len(tokens) and tokens[stop].lower == "dozen":
            value *= 12
            stop += 1
        return _Core(value, value, "exact", None, stop)
    return None


def _longest_affix(
    tokens: Sequence[_Token], index: int, affixes: _PhraseTable[str]
) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for words, qualifier in affixes.matching(tokens, index):
        if best is None or len(words) > best[1]:
            best = (qualifier, len(words))
    return best


_PREFIX_TABLE = _PhraseTable.of({tuple(k.split()): v for k, v in _PREFIXES.items()})
_SUFFIX_TABLE = _PhraseTable.of({tuple(k.split()): v for k, v in _SUFFIXES.items()})
_START_WORDS = frozenset(
    {"between", "half", "a", *_UNITS, *_TENS, *_PREFIX_TABLE.by_first_word}
)  # with the vague table's first words, every word _read_quantity can start at


def _is_exclusive_upper(tokens: Sequence[_Token], index: int, width: int) -> bool:
    """Whether the qualifier phrase at ``index`` excludes its bound ("fewer than 10")."""
    return " ".join(t.lower for t in tokens[index : index + width]) in _EXCLUSIVE_UPPER


def _is_stated_range(tokens: Sequence[_Token], index: int) -> bool:
    """ "from 400 to 600" is a range after "range"/"vary", a change elsewhere."""
    if index == 0 or tokens[index - 1].lower != "from":
        return True
    return index >= 2 and tokens[index - 2].lower in _RANGE_WORDS


def _is_count_suffix(tokens: Sequence[_Token], stop: int) -> bool:
    """Units that make a number something other than a count ("40 percent")."""
    return stop < len(tokens) and tokens[stop].lower in _NOT_COUNTS


def _read_quantity(
    text: str,
    tokens: Sequence[_Token],
    index: int,
    table: _PhraseTable[tuple[float, float | None]],
) -> tuple[Quantity, int] | None:
    """The quantity starting at token ``index`` (qualifier included), with its end token."""
    qualifier: str | None = None
    exclusive = False
    position = index
    between = False
    core = _read_core(text, tokens, position, table)
    if core is None:
        if _match_phrase(tokens, index, ("between",)):
            between = True
            position += 1
        else:
            prefix = _longest_affix(tokens, index, _PREFIX_TABLE)
            if prefix is None:
                return None
            qualifier, width = prefix
            exclusive = _is_exclusive_upper(tokens, index, width)
            position += width
        core = _read_core(text, tokens, position, table)
        if core is None:
            return None
    low, high, kind, rule, stop = core.low, core.high, core.kind, core.rule, core.stop
    if rule and qualifier is None:
        first = tokens[index].lower
        inner = _longest_affix(tokens, index, _PREFIX_TABLE)
        if inner is not None and first not in {"a", "half"}:
            qualifier = inner[0]  # the lexicon phrase began with a qualifier ("more than a dozen")
    # ranges: "10-15", "10 to 15", "between 10 and 15", "hundreds or thousands", "two or three"
    joiners = ("and",) if between else ("-", "–", "—", "to", "or")
    if stop + 1 < len(tokens) and tokens[stop].lower in joiners:
        second = _read_core(text, tokens, stop + 1, table)
        if second is not None and _is_stated_range(tokens, index) and second.low >= low:
            high = second.high
            if rule or second.rule:
                rule = _rule(text[tokens[position].start : tokens[second.stop - 1].end], low, high)
            # a stated range is exact about its bounds; a hedge before it ("about 10 to 15")
            # still wins below, as the qualifier read before the number
            kind = "vague" if (core.kind == "vague" or second.kind == "vague") else "exact"
            stop = second.stop
    elif between:
        return None
    if _is_count_suffix(tokens, stop):
        return None
    suffix = _longest_affix(tokens, stop, _SUFFIX_TABLE) if qualifier is None else None
    if suffix is not None:
        qualifier = suffix[0]
        stop += suffix[1]
    final = qualifier or kind
    if final in {"at_least", "more_than"}:
        high = None
    elif final == "up_to":
        high = high if high is not None else low
        if exclusive and high == int(high) and high >= 1:
            high -= 1
        low = 0.0
    quantity = Quantity(low, high, final, rule, tokens[index].start, tokens[stop - 1].end)
    return quantity, stop


def find_quantities(text: str, *, vague: VagueTable | None = None) -> list[Quantity]:
    """Every number expression in ``text``, left to right, longest match first."""
    tokens = _tokenize(text)
    table = _vague_table(vague)
    # Words a quantity can start with; any other word starts none (a digit always may).
    starts = None if table.empty else _START_WORDS | table.by_first_word.keys()
    found: list[Quantity] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if starts is not None and token.value is None and token.lower not in starts:
            index += 1
            continue
        read = _read_quantity(text, tokens, index, table)
        if read is None:
            index += 1
            continue
        quantity, index = read
        found.append(quantity)
    return found


def parse_quantity(text: str, *, vague: VagueTable | None = None) -> Quantity | None:
    """``text`` read as one number expression, or None if it is not exactly one."""
    stripped = text.strip()
    if not stripped:
        return None
    found = find_quantities(text, vague=vague)
    if len(found) != 1:
        return None
    quantity = found[0]
    offset = len(text) - len(text.lstrip())
    if quantity.start != offset or quantity.end != offset + len(stripped):
        return None
    return quantity


__all__ = [
    "QUALIFIERS",
    "Quantity",
    "default_vague_quantities",
    "find_quantities",
    "parse_quantity",
]
