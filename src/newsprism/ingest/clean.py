"""Plain-text cleaning: split a text dump of a web page into the article and the page around it.

A page copied or saved as text carries its site along: labels before the headline, bylines,
share prompts, captions, reader comments, reply forms, CMS footers, a site name on the last
line. Each line is judged on features (where it sits, its length, how it ends, its share of
function words, its case, a domain shape, phrase lexicons, whether other articles of the batch
repeat it), strictly in the article's middle and loosely at its head and tail, where chrome
gathers. Every removed line is reported with a reason, so nothing disappears silently.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from newsprism.lexicons import load_lexicon
from newsprism.models import CleanedText, RemovedText
from newsprism.settings import Settings

__all__ = ["clean_text", "find_repeated_lines", "line_key", "normalize_text"]

# --- normalisation ----------------------------------------------------------

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Zero-width and bidi format characters, soft hyphen, variation selectors, C0/C1 controls.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_RUN = re.compile(r"\n{3,}")


def normalize_text(raw: str) -> str:
    """Canonical form of a text dump: NFC, LF line ends, no invisible characters, plain spaces.

    Invisible characters are dropped before NFC so that letters they separated compose; the
    result has no trailing spaces and at most one blank line in a row, and is a fixed point.
    """
    text = _LINE_BREAKS.sub("\n", raw)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_RUN.sub("\n\n", text)
    return text.strip("\n")


# --- line keys and repeated lines ---------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")
_NON_WORD = re.compile(r"[\W_]+")
SHORT_LINE_WORDS = 12
_SHORT_LINE_WORDS = SHORT_LINE_WORDS
LONG_LINE_WORDS = 15
_LONG_LINE_WORDS = LONG_LINE_WORDS
MAX_PHRASE_LINE_CHARS = 20_000
"""Per-line budget: a longer line is matched against whole phrases and phrase starts, but
its share of boilerplate phrases is not counted (no chrome line is that long, and counting
would scan it once per phrase it contains)."""


def line_key(line: str) -> str:
    """Case-, punctuation- and number-blind form of a line: ``2 Comments:`` -> ``0 comments``."""
    folded = unicodedata.normalize("NFKC", line).casefold()
    folded = _NUMBER.sub("0", folded)
    return " ".join(_NON_WORD.sub(" ", folded).split())


def find_repeated_lines(raw_texts: Sequence[str], *, min_articles: int = 2) -> frozenset[str]:
    """Keys of short lines that several texts of one outlet or batch share: template chrome.

    Re-posts of one story share their prose too, so texts sharing several long lines count
    as one family: a short line must recur in ``min_articles`` different families.
    """
    short_keys: list[set[str]] = []
    long_keys: list[set[str]] = []
    for raw in raw_texts:
        shorts: set[str] = set()
        longs: set[str] = set()
        for line in normalize_text(raw).split("\n"):
            key = line_key(line)
            if not key:
                continue
            words = len(line.split())
            if words <= _SHORT_LINE_WORDS:
                shorts.add(key)
            elif words >= _LONG_LINE_WORDS:
                longs.add(key)
        short_keys.append(shorts)
        long_keys.append(longs)
    family = _group_reposts(long_keys)
    families_of: dict[str, set[int]] = {}
    for index, keys in enumerate(short_keys):
        for key in keys:
            families_of.setdefault(key, set()).add(family[index])
    return frozenset(key for key, fams in families_of.items() if len(fams) >= min_articles)


def _group_reposts(long_keys: list[set[str]]) -> list[int]:
    """Family number of each text; texts sharing 3+ long lines or 30% of them are one family."""
    parent = list(range(len(long_keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, first in enumerate(long_keys):
        for j in range(i + 1, len(long_keys)):
            second = long_keys[j]
            shared = len(first & second)
            smaller = min(len(first), len(second))
            if shared and (shared >= 3 or shared >= 0.3 * smaller):
                parent[root(j)] = root(i)
    return [root(i) for i in range(len(long_keys))]


# --- lexicons -----------------------------------------------------------------


@dataclass(frozen=True)
class _Phrase:
    """A lexicon entry compiled against line keys; ``size`` counts its literal words."""

    whole: re.Pattern[str]
    start: re.Pattern[str]
    inside: re.Pattern[str]
    size: int
    value: str


@dataclass(frozen=True)
class _Label:
    """A metadata label ("Tags", "Photo credit") matched on the raw line with its colon."""

    key: str
    at_start: re.Pattern[str]
    anywhere: re.Pattern[str]
    reason: str


@dataclass(frozen=True)
class _PhraseIndex:
    """All phrases of a lexicon as one matcher keyed by words: one look-up per word of a line.

    Every phrase is filed under its longest literal word; a line can only match phrases
    filed under one of its own words (or phrases with no literal word at all), so a line
    costs a set of its words and the few phrases they name, not a scan of the lexicon.
    Candidates come back in lexicon order, so priorities stay as written.
    """

    phrases: tuple[_Phrase, ...]
    by_word: dict[str, tuple[int, ...]]
    always: tuple[int, ...]

    @classmethod
    def of(cls, phrases: tuple[_Phrase, ...], words: Sequence[Sequence[str]]) -> _PhraseIndex:
        by_word: dict[str, list[int]] = {}
        always: list[int] = []
        for number, tokens in enumerate(words):
            literal = [t for t in tokens if t != "*"]
            if literal:
                by_word.setdefault(max(literal, key=len), []).append(number)
            else:
                always.append(number)
        return cls(phrases, {w: tuple(n) for w, n in by_word.items()}, tuple(always))

    def candidates(self, key: str) -> list[_Phrase]:
        numbers = set(self.always)
        for word in set(key.split()):
            numbers.update(self.by_word.get(word, ()))
        return [self.phrases[n] for n in sorted(numbers)]


@dataclass(frozen=True)
class _Lexicons:
    boilerplate: tuple[_Phrase, ...]
    markers: tuple[_Phrase, ...]
    labels: tuple[_Label, ...]
    byline_prefixes: tuple[re.Pattern[str], ...]
    share_targets: frozenset[str]
    media_words: frozenset[str]
    credit_words: frozenset[str]
    date_words: frozenset[str]
    function_words: frozenset[str]
    boilerplate_index: _PhraseIndex
    markers_index: _PhraseIndex
    label_by_key: dict[str, str]


def _split_entry(entry: str, default: str) -> tuple[list[str], str]:
    term, _, value = entry.partition("\t")
    tokens: list[str] = []
    for token in term.split():
        tokens.extend(["*"] if token == "*" else line_key(token).split())
    return tokens, value.strip() or default


def _compile_phrases(entries: Iterable[str], default: str) -> _PhraseIndex:
    phrases = []
    words: list[list[str]] = []
    for entry in entries:
        tokens, value = _split_entry(entry, default)
        if not tokens:
            continue
        words.append(tokens)
        body = " ".join(r"\S+(?: \S+)*" if t == "*" else re.escape(t) for t in tokens)
        phrases.append(
            _Phrase(
                whole=re.compile(f"^{body}$"),
                start=re.compile(f"^{body}(?= |$)"),
                inside=re.compile(f"(?:^| )({body})(?= |$)"),
                size=sum(1 for t in tokens if t != "*"),
                value=value,
            )
        )
    return _PhraseIndex.of(tuple(phrases), words)


def _compile_labels(entries: Iterable[str]) -> tuple[_Label, ...]:
    labels = []
    for entry in entries:
        tokens, reason = _split_entry(entry, "metadata_line")
        if not tokens or "*" in tokens:
            continue
        body = r"[\W_]+".join(re.escape(t) for t in tokens)
        labels.append(
            _Label(
                key=" ".join(tokens),
                at_start=re.compile(rf"^[\W_]*{body}\s*[:：]"),
                anywhere=re.compile(rf"(?:^|[\W_]){body}\s*[:：]"),
                reason=reason,
            )
        )
    return tuple(labels)


def _word_set(entries: Iterable[str]) -> frozenset[str]:
    return frozenset(key for entry in entries if (key := line_key(entry)))


@cache
def _build_lexicons(
    boilerplate: tuple[str, ...],
    markers: tuple[str, ...],
    labels: tuple[str, ...],
    byline_prefixes: tuple[str, ...],
    share_targets: tuple[str, ...],
    media_words: tuple[str, ...],
    credit_words: tuple[str, ...],
    date_words: tuple[str, ...],
    function_words: tuple[str, ...],
) -> _Lexicons:
    calendar_words = (
        [
            name.casefold()
            for name in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name)
            if name
        ]
        + [name.casefold() for name in calendar.day_abbr]
        + ["sept"]
    )
    prefixes = sorted({line_key(p) for p in byline_prefixes if line_key(p)}, key=len, reverse=True)
    boilerplate_index = _compile_phrases(boilerplate, "boilerplate")
    markers_index = _compile_phrases(markers, "section")
    compiled_labels = _compile_labels(labels)
    return _Lexicons(
        boilerplate=boilerplate_index.phrases,
        markers=markers_index.phrases,
        boilerplate_index=boilerplate_index,
        markers_index=markers_index,
        labels=compiled_labels,
        label_by_key={
            label.key: label.reason for label in reversed(compiled_labels)
        },  # the first label of a key wins, as in the lexicon's order
        byline_prefixes=tuple(
            re.compile(
                r"^" + r"\s+".join(map(re.escape, p.split())) + r"(?:\s*[:：]\s*|\s+)(.+)$",
                re.IGNORECASE,
            )
            for p in prefixes
        ),
        share_targets=_word_set(share_targets),
        media_words=_word_set(media_words),
        credit_words=_word_set(credit_words),
        date_words=_word_set([*date_words, *calendar_words]),
        function_words=_word_set(function_words),
    )


def _load_lexicons(settings: Settings | None) -> _Lexicons:
    names = (
        "boilerplate",
        "comment_markers",
        "label_lines",
        "byline_prefixes",
        "share_targets",
        "media_words",
        "caption_credits",
        "dateline_words",
        "function_words",
    )
    return _build_lexicons(*(load_lexicon(name, settings) for name in names))


# --- line features ------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_DOMAIN = (
    r"(?:https?://)?(?:www\.)?"
    r"((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[a-z]{2,12})(?:/[^\s]*)?"
)
_SIGNATURE = re.compile(rf"^(?:©|\(c\)|copyright)?\s*(?:\d{{4}}\s*)?{_DOMAIN}$", re.IGNORECASE)
_GLUED_SITE = re.compile(rf"^(.*[.!?\"”’)])\s*{_DOMAIN}$")
_DURATION = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d+\s*(?:minutes?|mins?|seconds?|secs?|hours?|hrs?)\b",
    re.IGNORECASE,
)
_CREDIT_PAREN = re.compile(r"\(([^()]{1,60})\)\s*$")
_CREDIT_SLASH = re.compile(r"(?:^|\s)([^\W\d_]+)/[^\W\d_][\w'’.-]*(?:\s[^\W\d_][\w'’.-]*){0,2}\s*$")
_BY_SUFFIX = re.compile(r"^(.*?)\bby\s+(.+)$", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]+")
_NAME_PARTICLES = frozenset(
    {"de", "da", "del", "der", "van", "von", "al", "el", "bin", "ibn", "la", "le", "di", "du"}
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bи\b)\s*")
_BYLINE_CUT = re.compile(r"\s(?:[|•·—–]|-)\s|[|•·(]")
_TITLED_LABEL = re.compile(r"^[^\W\d_][\w'’-]*(?: [\w'’-]+){0,2}:\s+(.+)$")
_SEGMENT_SPLIT = re.compile(r"\s+[|•·]\s+")
_BULLET = re.compile(r"^[\s\-–—•·*>]+")


@dataclass(frozen=True)
class _Line:
    """One non-blank line with the features the classifier reads."""

    number: int
    block: int
    text: str
    key: str
    words: int
    ends_sentence: bool
    function_share: float

    @property
    def prose(self) -> bool:
        """A sentence of running text: punctuated, or long and full of function words."""
        if self.ends_sentence and self.words >= 3:
            return True
        return self.words >= _LONG_LINE_WORDS and self.function_share >= 0.2


def _make_line(number: int, block: int, text: str, lex: _Lexicons) -> _Line:
    key = line_key(text)
    tokens = key.split()
    function = sum(1 for t in tokens if t in lex.function_words)
    return _Line(
        number=number,
        block=block,
        text=text,
        key=key,
        words=len(text.split()),
        ends_sentence=bool(_SENTENCE_END.search(text)),
        function_share=function / len(tokens) if tokens else 0.0,
    )


def _looks_like_headline(line: _Line, lex: _Lexicons) -> bool:
    """No closing period, not too long; a question needs headline case or brevity."""
    if not 2 <= line.words <= 30 or not line.key:
        return False
    last = line.text.rstrip("\"'”’»)]")[-1:]
    if last in {".", ",", ";", ":", "…"}:
        return False
    if last in {"?", "!"}:
        return line.words <= 10 or _title_case_share(line, lex) >= 0.6
    return True


def _title_case_share(line: _Line, lex: _Lexicons) -> float:
    content = [w for w in _LETTERS.findall(line.text) if w.casefold() not in lex.function_words]
    if not content:
        return 0.0
    return sum(1 for w in content if w[0].isupper()) / len(content)


# --- single-line rules --------------------------------------------------------


def _phrase_reason(line: _Line, lex: _Lexicons, *, loose: bool) -> str | None:
    """Reason from the boilerplate lexicon: whole-line match, a short line it starts, coverage."""
    covered = 0
    best: str | None = None
    budgeted = len(line.key) > MAX_PHRASE_LINE_CHARS
    for phrase in lex.boilerplate_index.candidates(line.key):
        if phrase.whole.match(line.key):
            return phrase.value
        if phrase.size < 2:
            continue
        starts = phrase.start.match(line.key) and line.words <= _SHORT_LINE_WORDS
        if starts and (not line.prose or line.words <= 8 or loose):
            return phrase.value
        if budgeted:
            continue
        for match in phrase.inside.finditer(line.key):
            covered += len(match.group(1).split())
            best = best or phrase.value
    tokens = max(len(line.key.split()), 1)
    share = min(covered / tokens, 1.0)
    if best and ((share >= 0.5 and line.words <= _LONG_LINE_WORDS) or (loose and share >= 0.25)):
        return best
    return None


def _label_reason(line: _Line, lex: _Lexicons, *, loose: bool) -> str | None:
    """Reason of a "Label: value" line; loosely also a bare label or a label inside the line."""
    if line.words > 25:  # every rule in the loop below wants a short line or a bare label
        if not loose:
            return None
        reason = lex.label_by_key.get(line.key)
        return reason or ("metadata_line" if _is_titled_label(line, lex) else None)
    lowered = line.text.casefold()
    for label in lex.labels:
        if label.at_start.match(lowered) and line.words <= 25:
            return label.reason
        if not loose:
            continue
        if line.key == label.key or (line.words <= 10 and label.anywhere.search(lowered)):
            return label.reason
        if " " in label.key and line.words <= 6 and line.key.startswith(label.key + " "):
            return label.reason
    if loose and _is_titled_label(line, lex):
        return "metadata_line"
    return None


def _is_titled_label(line: _Line, lex: _Lexicons) -> bool:
    """A short "Some Label: Title Case Value" line, the shape of page furniture."""
    match = _TITLED_LABEL.match(line.text)
    if not match or line.words > 10:
        return False
    value = _make_line(line.number, line.block, match.group(1), lex)
    return value.words >= 1 and _title_case_share(value, lex) >= 0.7


def _is_caption(line: _Line, lex: _Lexicons) -> bool:
    """A caption closing on a photo credit ("... (Reuters)") or a bare credit line."""
    match = _CREDIT_PAREN.search(line.text)
    if match:
        before = line.text[: match.start()].split()
        if len(before) >= 2 and _is_credit(match.group(1), lex):
            return True
    slash = _CREDIT_SLASH.search(line.text)
    if slash and line.words >= 3 and slash.group(1).casefold() in lex.credit_words:
        return True
    return line.words <= 5 and not line.ends_sentence and _is_credit(line.text, lex)


def _is_credit(text: str, lex: _Lexicons) -> bool:
    words = _LETTERS.findall(text)
    if not words or len(words) > 5:
        return False
    known = [w.casefold() in lex.credit_words for w in words]
    return any(known) and all(
        k or (w.isupper() and len(w) > 1) for k, w in zip(known, words, strict=True)
    )


def _media_reason(line: _Line, lex: _Lexicons, *, loose: bool) -> str | None:
    """A player or picture label: a duration on a short line, or a tiny line naming media."""
    if line.ends_sentence or line.words > 8:
        return None
    tokens = line.key.split()
    has_media_word = any(t in lex.media_words for t in tokens)
    duration = _DURATION.search(line.text)
    if duration and (has_media_word or len(_DURATION.sub("", line.text).split()) == 0):
        return "media_label"
    if loose and has_media_word and line.words <= 3:
        return "image_label"
    return None


def _is_share_bar(line: _Line, lex: _Lexicons) -> bool:
    tokens = line.key.split()
    return 0 < len(tokens) <= 10 and all(t in lex.share_targets for t in tokens)


def _is_dateline(line: _Line, lex: _Lexicons) -> bool:
    """A stamp made of dates, times and stamp words: "Updated 7 Jan 2022, 10:15 GMT"."""
    tokens = line.key.split()
    if not tokens or line.words > 12:
        return False
    datey = [t == "0" or t in lex.date_words for t in tokens]
    has_anchor = any(t == "0" or (t in lex.date_words and len(t) > 3) for t in tokens)
    return has_anchor and sum(datey) / len(tokens) >= 0.8


def _signature_site(line: _Line) -> str | None:
    match = _SIGNATURE.match(line.text)
    return match.group(1) if match else None


def _byline_authors(line: _Line, lex: _Lexicons) -> str | None:
    """Author names of a byline ("By Jane Doe and John Roe", "Author: X"), else None.

    A date stamp followed by "by someone" is a byline too; when the someone is no name
    ("by admin") the result is "" (a byline without an author).
    """
    if line.words > 15:
        return None
    text = _BULLET.sub("", line.text)
    for prefix in lex.byline_prefixes:
        match = prefix.match(text)
        if not match:
            continue
        rest = _BYLINE_CUT.split(match.group(1), maxsplit=1)[0]
        names: list[str] = []
        for piece in _NAME_SPLIT.split(rest.strip().rstrip(".")):
            if not piece:
                continue
            if not _is_name(piece, lex):
                break
            names.append(piece)
        return ", ".join(names) if names else None
    stamp = _BY_SUFFIX.match(text)
    if (
        stamp
        and stamp.group(1).strip()
        and len(stamp.group(2).split()) <= 4
        and _is_dateline(_make_line(0, 0, stamp.group(1), lex), lex)
    ):
        return _byline_authors(_make_line(0, 0, "by " + stamp.group(2), lex), lex) or ""
    return None


def _is_name(piece: str, lex: _Lexicons) -> bool:
    tokens = piece.split()
    if not 1 <= len(tokens) <= 4:
        return False
    if len(tokens) == 1 and tokens[0].casefold() in lex.credit_words:
        return False
    for token in tokens:
        if token.casefold() in _NAME_PARTICLES:
            continue
        head = token.split("-")[-1] if token.casefold().startswith(("al-", "el-")) else token
        if not head[:1].isupper() or not all(c.isalpha() or c in "'’.-" for c in head):
            return False
    return any(t.casefold() not in _NAME_PARTICLES for t in tokens)


def _strict_reason(
    line: _Line, lex: _Lexicons, repeated: frozenset[str], title_key: str | None
) -> str | None:
    """Why a line is chrome wherever it stands, or None: the rules safe inside an article."""
    if title_key and line.key == title_key:
        return "title_repeat"
    if "©" in line.text and line.words <= _LONG_LINE_WORDS:
        return "cms_footer"
    if _is_share_bar(line, lex):
        return "share_prompt"
    reason = _phrase_reason(line, lex, loose=False) or _label_reason(line, lex, loose=False)
    if reason:
        return reason
    if _is_caption(line, lex):
        return "caption"
    if (media := _media_reason(line, lex, loose=False)) is not None:
        return media
    if line.key in repeated and not line.prose:
        return "repeated_across_articles"
    return None


def _loose_reason(
    line: _Line, lex: _Lexicons, repeated: frozenset[str], title_key: str | None
) -> str | None:
    """Why a line at the head or tail of a text is chrome, or None."""
    if _signature_site(line):
        return "site_signature"
    strict = _strict_reason(line, lex, repeated, title_key)
    if strict:
        return strict
    reason = _phrase_reason(line, lex, loose=True) or _label_reason(line, lex, loose=True)
    if reason:
        return reason
    if line.key in repeated:
        return "repeated_across_articles"
    if _is_dateline(line, lex):
        return "dateline"
    return _media_reason(line, lex, loose=True) or _segments_reason(line, lex, repeated)


def _segments_reason(line: _Line, lex: _Lexicons, repeated: frozenset[str]) -> str | None:
    """A footer line of "|"-separated parts, each of them chrome: "Posted in X | 4 Comments"."""
    parts = _SEGMENT_SPLIT.split(line.text.strip(" »«"))
    if len(parts) < 2:
        return None
    reasons = []
    for part in parts:
        piece = _make_line(line.number, line.block, part.strip(" »«"), lex)
        reason = _loose_reason(piece, lex, repeated, None) or (
            "comment_section" if _marker_kind(piece, lex) else None
        )
        if reason is None:
            return None
        reasons.append(reason)
    return reasons[0]


# --- comment sections -----------------------------------------------------------


def _marker_kind(line: _Line, lex: _Lexicons) -> str | None:
    """Kind of comment marker a short line is ("N responses to TITLE" may run longer)."""
    if line.words > 25 or not line.key or (line.text.endswith(".") and line.words > 4):
        return None
    for phrase in lex.markers_index.candidates(line.key):
        if phrase.whole.match(line.key) and (line.words <= 8 or phrase.size < line.words // 2):
            return phrase.value
    return None


_THREAD_WINDOW = 4


def _find_comment_start(lines: Sequence[_Line], lex: _Lexicons) -> int | None:
    """Index of the line that opens a reader-comment section near the end, or None.

    A marker must be a short line of its own (never a word inside a sentence) in the back
    part of the text; a weak one ("Comments") also needs thread lines or a reply form after it.
    """
    total = sum(len(line.text) for line in lines) or 1
    before = 0
    kinds = [_marker_kind(line, lex) for line in lines]
    entries_seen = 0
    first_entry: int | None = None
    for index, line in enumerate(lines):
        share = before / total
        before += len(line.text)
        kind = kinds[index]
        if kind is None or share < 0.3:
            continue
        window = slice(index + 1, index + 1 + _THREAD_WINDOW)
        later = _thread_evidence(lines[window], kinds[window], lex)
        if kind == "section" and (share >= 0.5 or later):
            return index
        if kind == "heading" and later:
            return index
        if kind == "entry" and share >= 0.5:
            entries_seen += 1
            first_entry = index if first_entry is None else first_entry
            if entries_seen >= 2:
                return first_entry
    return None


def _thread_evidence(lines: Sequence[_Line], kinds: Sequence[str | None], lex: _Lexicons) -> bool:
    """Whether the lines right after a marker look like a thread, before any long paragraph."""
    for line, kind in zip(lines, kinds, strict=True):
        if kind is not None:
            return True
        if _phrase_reason(line, lex, loose=False) in {"reply_form", "cms_footer"}:
            return True
        if line.words >= 20:
            return False
    return False


def _comment_reason(line: _Line, lex: _Lexicons, *, last: bool) -> str:
    """Reason for a line inside a comment section: its own kind of chrome when it has one."""
    if last and _signature_site(line):
        return "site_signature"
    reason = _phrase_reason(line, lex, loose=False)
    return reason if reason in {"reply_form", "cms_footer"} else "comment_section"


# --- head and tail --------------------------------------------------------------


@dataclass
class _Verdicts:
    """What the classifier decided so far: reasons by line index, and metadata found."""

    reasons: dict[int, str]
    title: str | None = None
    title_key: str | None = None
    author: str | None = None


_HEAD_WINDOW = 10


def _find_title(lines: Sequence[_Line], lex: _Lexicons, repeated: frozenset[str]) -> int | None:
    """Index of the headline, or None when the text starts with its body.

    A head line repeated soon after is the headline; else, of the headline-like lines before
    the body, the last one followed by a byline or a date stamp (a blog's name comes first),
    else the first.
    """
    window = lines[:_HEAD_WINDOW]
    for index, line in enumerate(window):
        if line.ends_sentence and line.text[-1:] not in "?!" and line.words >= 3:
            break
        repeated_soon = any(other.key == line.key for other in window[index + 1 :])
        if repeated_soon and line.words >= 2 and _looks_like_headline(line, lex):
            return index
    candidates: list[int] = []
    for index, line in enumerate(window):
        if _loose_reason(line, lex, repeated, None) or _byline_authors(line, lex) is not None:
            continue
        if line.words <= 2 and not line.ends_sentence:
            continue
        if line.words < 3 or not _looks_like_headline(line, lex):
            break
        candidates.append(index)
    if not candidates:
        return None
    introduced = [i for i in candidates if i + 1 < len(window) and _is_meta(window[i + 1], lex)]
    return introduced[-1] if introduced else candidates[0]


def _is_meta(line: _Line, lex: _Lexicons) -> bool:
    return _byline_authors(line, lex) is not None or _is_dateline(line, lex)


def _classify_head(
    lines: Sequence[_Line], lex: _Lexicons, repeated: frozenset[str], verdicts: _Verdicts
) -> int:
    """Decide the lines before the body starts; returns the index of the first body line."""
    title_index = _find_title(lines, lex, repeated)
    start = 0
    if title_index is not None:
        title = lines[title_index]
        verdicts.title, verdicts.title_key = title.text, title.key
        verdicts.reasons[title_index] = "title"
        for index in range(title_index):
            line = lines[index]
            verdicts.reasons[index] = (
                _loose_reason(line, lex, repeated, None)
                or _media_reason(line, lex, loose=True)
                or "navigation"
            )
        start = title_index + 1
    kept_any = False
    for index in range(start, len(lines)):
        line = lines[index]
        author = _byline_authors(line, lex)
        if author is not None:
            verdicts.author = verdicts.author or author or None
            verdicts.reasons[index] = "byline"
            continue
        reason = _loose_reason(line, lex, repeated, verdicts.title_key)
        fragment = line.words <= 3 and not line.ends_sentence
        if reason is None and fragment and title_index is not None and not kept_any:
            reason = "head_fragment"
        if reason:
            verdicts.reasons[index] = reason
            continue
        if line.prose:
            return index
        kept_any = True
    return len(lines)


def _classify_tail(
    lines: Sequence[_Line],
    lex: _Lexicons,
    repeated: frozenset[str],
    verdicts: _Verdicts,
    *,
    body_start: int,
) -> None:
    """Walk up from the end while lines are chrome; an article never ends on a tiny fragment."""
    for index in range(len(lines) - 1, body_start, -1):
        if index in verdicts.reasons:
            continue
        line = lines[index]
        author = _byline_authors(line, lex)
        reason = (
            "byline"
            if author is not None
            else _loose_reason(line, lex, repeated, verdicts.title_key)
        )
        if reason is None and line.words <= 6 and not line.ends_sentence:
            reason = "trailing_fragment"
        if reason is None:
            return
        if author:
            verdicts.author = verdicts.author or author
        verdicts.reasons[index] = reason


# --- the cleaner ------------------------------------------------------------------


def _split_lines(text: str, lex: _Lexicons) -> list[_Line]:
    lines: list[_Line] = []
    block = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            block += 1
            continue
        lines.append(_make_line(number, block, stripped, lex))
    return lines


def _unglue_site(lines: list[_Line], lex: _Lexicons) -> RemovedText | None:
    """Split a site name glued to the end of the last sentence ("... outcome.Site.info")."""
    if not lines:
        return None
    last = lines[-1]
    match = _GLUED_SITE.match(last.text)
    if not match or len(match.group(1).split()) < 4:
        return None
    body = match.group(1)
    lines[-1] = _make_line(last.number, last.block, body, lex)
    return RemovedText(
        text=last.text[len(body) :].strip(), reason="site_signature", line=last.number
    )


def clean_text(
    raw: str,
    *,
    settings: Settings | None = None,
    repeated_lines: frozenset[str] = frozenset(),
) -> CleanedText:
    """Main text of a plain-text dump, with every removed line, the title, author and site.

    ``repeated_lines`` are keys from :func:`find_repeated_lines` over the same outlet's texts.
    Removed lines carry their 1-based line number in :func:`normalize_text` of ``raw``.
    """
    lex = _load_lexicons(settings)
    lines = _split_lines(normalize_text(raw), lex)
    glued = _unglue_site(lines, lex)
    verdicts = _Verdicts(reasons={})
    site = None
    if glued:
        site = _signature_site(_make_line(0, 0, glued.text, lex))

    comment_start = _find_comment_start(lines, lex)
    article_end = len(lines) if comment_start is None else comment_start
    for index in range(article_end, len(lines)):
        last = index == len(lines) - 1
        verdicts.reasons[index] = _comment_reason(lines[index], lex, last=last)

    article = lines[:article_end]
    body_start = _classify_head(article, lex, repeated_lines, verdicts) if article else 0
    _classify_tail(article, lex, repeated_lines, verdicts, body_start=body_start)
    for index in range(body_start, article_end):
        if index not in verdicts.reasons:
            reason = _strict_reason(article[index], lex, repeated_lines, verdicts.title_key)
            if reason:
                verdicts.reasons[index] = reason

    _keep_some_prose(article, verdicts)
    removed: list[RemovedText] = []
    kept: list[_Line] = []
    for index, line in enumerate(lines):
        reason = verdicts.reasons.get(index)
        if reason is None:
            kept.append(line)
            continue
        removed.append(RemovedText(text=line.text, reason=reason, line=line.number))
        if reason == "site_signature" and site is None:
            site = _signature_site(line)
    if glued:
        removed.append(glued)
    return CleanedText(
        text=_join_lines(kept),
        removed=tuple(sorted(removed, key=lambda r: r.line or 0)),
        title=verdicts.title,
        author=verdicts.author,
        site=site,
    )


_INNER_SENTENCE_END = re.compile(r"\w[.!?]\s+\S")
_SOFT_REASONS = frozenset(
    {
        "navigation",
        "repeated_across_articles",
        "head_fragment",
        "trailing_fragment",
        "title_repeat",
    }
)
"""Reasons that rest on position or on other articles, not on what the line itself says."""


def _keep_some_prose(article: Sequence[_Line], verdicts: _Verdicts) -> None:
    """Never delete a whole article on position or cross-article evidence alone.

    When no running text is left of the article part, its lines removed for such soft
    reasons come back (a one-paragraph article shared by two records of one site, a report
    whose lines all sit before a wrongly picked headline), and a lone long line taken for
    a headline is the article's one paragraph.
    """
    if any(i not in verdicts.reasons and line.prose for i, line in enumerate(article)):
        return
    soft = [i for i, line in enumerate(article) if verdicts.reasons.get(i) in _SOFT_REASONS]
    kept_any = any(i not in verdicts.reasons for i in range(len(article)))
    if any(article[i].prose for i in soft):
        for i in soft:
            del verdicts.reasons[i]
        return
    if kept_any or soft:
        return
    for i, line in enumerate(article):
        if verdicts.reasons.get(i) == "title" and (
            line.words > SHORT_LINE_WORDS or _INNER_SENTENCE_END.search(line.text)
        ):
            del verdicts.reasons[i]
            verdicts.title = verdicts.title_key = None


def _join_lines(lines: Sequence[_Line]) -> str:
    """Kept lines, a line break within a paragraph and one blank line between paragraphs."""
    parts: list[str] = []
    for index, line in enumerate(lines):
        if index:
            parts.append("\n" if lines[index - 1].block == line.block else "\n\n")
        parts.append(line.text)
    return "".join(parts)
