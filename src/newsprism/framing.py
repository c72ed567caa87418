"""Framing per outlet: what it calls the participants, which narratives it carries, how it talks.

Works on cleaned text and the stored analysis (no spaCy). For each outlet of a story
(re-posts skipped: they would count the original's framing twice):

- **Own voice vs. quotation.** Quoted text is the union of the analysis's direct quotes and
  any text between quotation marks on the page (``"..."``, ``“...”``, ``«...»``, ``‘...’``;
  a mark left open runs to the end of its paragraph). Everything else is the outlet's own
  voice. Indirect quotes ("the ministry said that ...") are own voice: the outlet chose the
  words. Labels inside quotation count in ``quoted_labels``, all other measures use own voice.
- **Lexicon terms** (participant labels, hedges, loaded terms): case-insensitive whole words;
  the last word of an entry also matches its regular plural (-s, -es, -ies, -man -> -men);
  hedges and loaded terms also match verb forms (-ed, -ing). The longest entry wins.
- **Narratives**: cue patterns from ``narratives.txt``; the score is cue hits per 1,000 words
  of own voice (0 when absent), with up to ten evidence sentences per narrative.
- **Scare quotes**: a quoted span of one to three words, set in running text, that no direct
  quote attributes to a speaker and whose sentence has no reporting verb.
- **Rhetorical questions**: own-voice sentences ending in "?" outside quotation marks and
  outside a question-and-answer layout (Q:/A: labels or a recurring interviewer label).
- **Genre**: "opinion" when at least two of five signals fire (thresholds in ``_OPINION``):
  first-person singular, rhetorical questions, loaded-term density, a question or exclamation
  headline, and a low share of attributed sentences. Hedge density is reported in
  ``genre_features`` but does not vote: wire copy hedges ("reportedly") as much as opinion.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from newsprism.layout import iter_paragraphs
from newsprism.lexicons import load_lexicon, load_mapping
from newsprism.models import Article, ArticleAnalysis, OutletFraming, Story
from newsprism.nlp.languages.cues import foreign_participant_labels
from newsprism.settings import Settings

LABEL_GROUPS = ("neutral", "criminalising", "securitising")
MAX_EVIDENCE = 10
MAX_SCARE_WORDS = 3
SPEAKER_WINDOW = 6  # words between a short quote and its speaker or reporting verb

_OPINION = {
    "first_person_per_1000": 3.0,  # at least
    "rhetorical_questions_per_1000": 1.0,  # at least
    "loaded_per_1000": 4.0,  # at least
    "headline_question_share": 0.5,  # at least
    "attributed_share": 0.3,  # below
}
_OPINION_VOTES = 2

_HYPHENS = "\u2010\u2011-"
_HYPHEN_RE = f"[{_HYPHENS}]"
_WORD = re.compile(r"[^\W_][\w'’\u2010\u2011-]*")
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)\b")
_VOWELS = frozenset("aeiou")
_IRREGULAR_VERBS = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
    "go": ("went", "gone"),
    "broadcast": ("broadcast",),
}
_ABBREVIATION = re.compile(
    r"(?:mr|mrs|ms|dr|prof|gen|col|lt|sgt|capt|st|jr|sr|vs|etc|jan|feb|mar|apr|jun|jul|aug"
    r"|sep|sept|oct|nov|dec|rep|sen|gov|inc|ltd|co|corp|dept|[^\W\d_])",
    re.IGNORECASE,
)  # a full stop after these (or an initial) does not end a sentence
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s)")
_QA_LABEL = re.compile(r"(?:Q|A|Question|Answer)\s*[:.)]\s|(?:Q|A)\s*[-–—]\s")
_ANSWER_LABEL = re.compile(r"(?:A|Answer)\s*[:.)]\s|A\s*[-–—]\s")
_NAME_LABEL = re.compile(r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s")
_OPENERS = {"“": "double", "„": "double", "«": "double", "‘": "single"}
_CLOSERS = {"”": "double", "»": "double", "’": "single"}
_OPEN_AFTER = set("([{—–-/:") | {"\u00a0"}
_CLOSE_BEFORE = set(".,;:!?)]}—–-…")


# --- inflection and lexicon matching -----------------------------------------------------


def _plurals(word: str) -> set[str]:
    if word.endswith("man"):
        return {word[:-3] + "men", word + "s"}
    if len(word) > 1 and word.endswith("y") and word[-2] not in _VOWELS:
        return {word[:-1] + "ies"}
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return {word + "es"}
    return {word + "s"}


def _verb_forms(word: str) -> set[str]:
    forms = set(_IRREGULAR_VERBS.get(word, ()))
    doubled = (
        len(word) <= 4
        and len(word) >= 3
        and word[-1] not in _VOWELS | {"w", "x", "y"}
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )
    stems = [word + word[-1]] if doubled else []
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    elif len(word) > 1 and word.endswith("y") and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ied", word + "ing"}
    else:
        forms |= {word + "ed", word + "ing"}
    forms |= {stem + suffix for stem in stems for suffix in ("ed", "ing")}
    return forms


def inflect(word: str, *, verbs: bool = False) -> tuple[str, ...]:
    """The word, its regular plural and, with ``verbs``, its -ed and -ing forms (a small rule)."""
    lower = word.lower()
    forms = {lower} | _plurals(lower)
    if verbs:
        forms |= _verb_forms(lower)
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


def _word_pattern(word: str) -> str:
    """A regex for one written word: hyphens match a hyphen or space, apostrophes either form."""
    escaped = re.escape(word)
    escaped = escaped.replace(r"\-", f"(?:{_HYPHEN_RE}|\\s+)")
    return escaped.replace("'", "['’]")


def normalize_term(text: str) -> str:
    """Lower case, one space for any run of spaces or hyphens, straight apostrophes."""
    return re.sub(rf"[\s{_HYPHENS}]+", " ", text.lower().replace("’", "'")).strip()


@dataclass(frozen=True)
class TermMatcher:
    """A compiled lexicon: one regex over every form, and each form's lexicon entry."""

    pattern: re.Pattern[str] | None
    entries: Mapping[str, str]

    def find(self, text: str) -> Iterator[tuple[str, int, int]]:
        """(entry, start, end) of each non-overlapping match, longest form first."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            entry = self.entries.get(normalize_term(match.group(0)))
            if entry is not None:
                yield entry, match.start(), match.end()


def _bounded(alternatives: str) -> str:
    return rf"(?<![\w{_HYPHENS}])(?:{alternatives})(?![\w{_HYPHENS}])"


def _matcher(forms: Mapping[str, str]) -> TermMatcher:
    """A matcher for written forms (``form -> entry``); the longest form is tried first."""
    if not forms:
        return TermMatcher(None, {})
    ordered = sorted(forms, key=lambda form: (-len(form), form))
    alternatives = "|".join(r"\s+".join(_word_pattern(w) for w in form.split()) for form in ordered)
    entries = {normalize_term(form): entry for form, entry in reversed(list(forms.items()))}
    return TermMatcher(re.compile(_bounded(alternatives), re.IGNORECASE), entries)


@cache
def compile_terms(entries: tuple[str, ...], *, verbs: bool) -> TermMatcher:
    """Match lexicon entries; the last word of each is inflected (see :func:`inflect`).

    An entry written in the plural matches only as written and its plural, never a
    singular: "criminals" does not find "criminal case". The first entry owns a form.
    """
    forms: dict[str, str] = {}
    for entry in entries:
        words = entry.strip().split()
        if not words:
            continue
        *head, last = words
        for ending in inflect(last, verbs=verbs):
            forms.setdefault(" ".join([*head, ending]).lower(), entry.strip())
    return _matcher(forms)


@cache
def compile_reporting_verbs(lemmas: tuple[str, ...]) -> TermMatcher:
    """Forms of reporting verbs that are rarely nouns: past, -ing, "says" and phrases.

    Bare lemmas and -s forms are left out because many are nouns too ("state media",
    "reports", "charges"); multi-word entries ("according to") match as written.
    """
    forms: dict[str, str] = {}
    for lemma in lemmas:
        words = lemma.strip().lower().split()
        if not words:
            continue
        if words[0] == "according":
            forms.setdefault(" ".join(words), lemma)
            continue
        head, *rest = words
        endings = _verb_forms(head) | ({head + "s"} if head in _IRREGULAR_VERBS else set())
        for ending in endings:
            forms.setdefault(" ".join([ending, *rest]), lemma)
    return _matcher(forms)


def _cue_token(token: str) -> str:
    options: list[str] = []
    for option in token.split("|"):
        if option.endswith("*"):
            options.append(_word_pattern(option[:-1].lower()) + r"[\w'’]*")
        else:
            options.extend(_word_pattern(form) for form in inflect(option, verbs=True))
    return "(?:" + "|".join(options) + ")"


def compile_cue(pattern: str) -> str:
    """A regex for one narrative cue (syntax in ``narratives.txt``): words, stem*, a|b, ..."""
    parts: list[str] = []
    for token in pattern.split():
        if token == "...":
            parts.append(r"(?:\s+[\w'’-]+){0,3}")
        else:
            if parts:
                parts.append(r"\s+")
            parts.append(_cue_token(token))
    return _bounded("".join(parts))


@cache
def compile_narratives(entries: tuple[str, ...]) -> dict[str, re.Pattern[str]]:
    """One regex per narrative, from ``narrative<TAB>cue`` lines."""
    cues: dict[str, list[str]] = {}
    for entry in entries:
        name, _, cue = entry.partition("\t")
        if name.strip() and cue.strip():
            cues.setdefault(name.strip(), []).append(compile_cue(cue.strip()))
    return {name: re.compile("|".join(found), re.IGNORECASE) for name, found in cues.items()}


@dataclass(frozen=True)
class _Lexicons:
    labels: TermMatcher
    groups: Mapping[str, str]
    hedges: TermMatcher
    loaded: TermMatcher
    narratives: Mapping[str, re.Pattern[str]]
    reporting: TermMatcher


def _load_lexicons(settings: Settings | None) -> _Lexicons:
    groups = {**load_mapping("participant_labels", settings), **foreign_participant_labels()}
    reporting = tuple(load_mapping("speech_verbs", settings))
    return _Lexicons(
        labels=compile_terms(tuple(groups), verbs=False),
        groups=groups,
        hedges=compile_terms(load_lexicon("hedges", settings), verbs=True),
        loaded=compile_terms(load_lexicon("loaded_terms", settings), verbs=True),
        narratives=compile_narratives(load_lexicon("narratives", settings)),
        reporting=compile_reporting_verbs(reporting),
    )


# --- paragraphs, quotation marks, sentences --------------------------------------------


@dataclass(frozen=True)
class MarkedSpan:
    """Text between quotation marks: ``text[start:end]``, marks excluded."""

    start: int
    end: int
    closed: bool


def _straight_opens(text: str, i: int, start: int, end: int, inside: bool) -> bool:
    before = text[i - 1] if i > start else None
    after = text[i + 1] if i + 1 < end else None
    can_open = (before is None or before.isspace() or before in _OPEN_AFTER) and (
        after is not None and not after.isspace()
    )
    can_close = (after is None or after.isspace() or after in _CLOSE_BEFORE) and (
        before is not None and not before.isspace()
    )
    if can_open != can_close:
        return can_open
    return not inside


def _between_letters(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Every stretch between quotation marks, paragraph by paragraph.

    A mark left open runs to the end of its paragraph; a closing mark with no opening one
    is ignored here (the quotes component attributes those).
    """
    spans: list[MarkedSpan] = []
    for p_start, p_end in iter_paragraphs(text):
        open_at: int | None = None
        open_kind = ""
        for i in range(p_start, p_end):
            ch = text[i]
            if ch == '"':
                opens = _straight_opens(text, i, p_start, p_end, open_kind == '"')
                kind = '"'
            elif ch in _OPENERS:
                if ch == "‘" and (open_at is not None or _between_letters(text, i)):
                    continue
                opens, kind = True, _OPENERS[ch]
            elif ch in _CLOSERS:
                kind = _CLOSERS[ch]
                if kind == "single" and (open_kind != "single" or _between_letters(text, i)):
                    continue
                opens = False
            else:
                continue
            if opens and open_at is None:
                open_at, open_kind = i, kind
            elif (
                not opens
                and open_at is not None
                and (kind == open_kind or kind == '"' or open_kind == '"')
            ):
                start, end = _trimmed(text, open_at + 1, i)
                if end > start:
                    spans.append(MarkedSpan(start, end, closed=True))
                open_at, open_kind = None, ""
        if open_at is not None:
            start, end = _trimmed(text, open_at + 1, p_end)
            if end > start:
                spans.append(MarkedSpan(start, end, closed=False))
    return spans


def _merge(ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True)
class QuotedRanges:
    """Sorted, disjoint (start, end) ranges of quoted text, with fast membership."""

    ranges: tuple[tuple[int, int], ...]
    starts: tuple[int, ...] = field(default=())

    @classmethod
    def of(cls, ranges: Sequence[tuple[int, int]]) -> QuotedRanges:
        merged = tuple(_merge(ranges))
        return cls(merged, tuple(start for start, _ in merged))

    def contains(self, position: int) -> bool:
        index = bisect.bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ranges[index][1]

    def covered(self, start: int, end: int) -> int:
        """How many characters of [start, end) are quoted."""
        return sum(max(0, min(end, hi) - max(start, lo)) for lo, hi in self.ranges)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of sentences: a paragraph is split after . ! ? before a capital or quote.

    A full stop after a single letter (an initial) or a common abbreviation does not end a
    sentence. A rule of thumb, good enough to show evidence and find questions.
    """
    sentences: list[tuple[int, int]] = []
    for p_start, p_end in iter_paragraphs(text):
        start = p_start
        for match in _SENTENCE_END.finditer(text, p_start, p_end):
            after = match.end()
            while after < p_end and text[after].isspace():
                after += 1
            if after >= p_end:
                continue
            following = text[after]
            if not (following.isupper() or following.isdigit() or following in '"“‘«(['):
                continue
            if match.group(0) == ".":  # ".”" after a quote is never an abbreviation
                word = re.search(r"(\w+)$", text[start : match.start()])
                if word and _ABBREVIATION.fullmatch(word.group(1)):
                    continue
            sentences.append(_trimmed(text, start, match.end()))
            start = after
        if start < p_end:
            sentences.append(_trimmed(text, start, p_end))
    return [(s, e) for s, e in sentences if e > s]


# --- one article --------------------------------------------------------------------------


@dataclass
class _Reading:
    """Counts found in one article, summed per outlet later."""

    labels: Counter[str] = field(default_factory=Counter)
    quoted_labels: Counter[str] = field(default_factory=Counter)
    hedges: Counter[str] = field(default_factory=Counter)
    loaded: Counter[str] = field(default_factory=Counter)
    narrative_hits: Counter[str] = field(default_factory=Counter)
    evidence: dict[str, list[tuple[str, str, int, int]]] = field(default_factory=dict)
    scare_quotes: list[tuple[str, str, int, int]] = field(default_factory=list)
    questions: list[tuple[str, str, int, int]] = field(default_factory=list)
    own_words: int = 0
    quoted_chars: int = 0
    total_chars: int = 0
    first_person: int = 0
    own_sentences: int = 0
    attributed_sentences: int = 0
    headlines: int = 0
    question_headlines: int = 0


def _valid(text: str, start: int, end: int, expected: str | None = None) -> bool:
    if not 0 <= start < end <= len(text):
        return False
    return expected is None or text[start:end] == expected


def _quoted_ranges(
    text: str, analysis: ArticleAnalysis, marked: Sequence[MarkedSpan]
) -> QuotedRanges:
    ranges = [
        (q.start, q.end)
        for q in analysis.quotes
        if q.kind == "direct" and _valid(text, q.start, q.end, q.text)
    ]
    ranges.extend((span.start, span.end) for span in marked)
    return QuotedRanges.of(ranges)


def _headline(article: Article) -> str | None:
    if article.title:
        return article.title.strip()
    for start, end in iter_paragraphs(article.text):
        first = article.text[start:end]
        return first if len(first.split()) <= 20 and not first.endswith(".") else None
    return None


def _name_label(text: str, start: int, end: int) -> str | None:
    match = _NAME_LABEL.match(text, start, end)
    return match.group(1) if match else None


def _qa_paragraphs(text: str) -> set[int]:
    """Starts of paragraphs that belong to a question-and-answer layout."""
    paragraphs = list(iter_paragraphs(text))
    names = Counter(
        label for start, end in paragraphs if (label := _name_label(text, start, end)) is not None
    )
    recurring = {name for name, count in names.items() if count >= 2}

    def labelled(start: int, end: int, *, answer: bool) -> bool:
        if (_ANSWER_LABEL if answer else _QA_LABEL).match(text, start, end):
            return True
        return _name_label(text, start, end) in recurring

    found: set[int] = set()
    for index, (start, end) in enumerate(paragraphs):
        follows = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if labelled(start, end, answer=False) or (
            follows is not None and labelled(*follows, answer=True)
        ):
            found.add(start)
    return found


def _paragraph_start(paragraph_starts: Sequence[int], position: int) -> int:
    index = bisect.bisect_right(paragraph_starts, position) - 1
    return paragraph_starts[max(index, 0)] if paragraph_starts else 0


def _is_name_like(words: Sequence[str], sentence_words: Sequence[str]) -> bool:
    """Capitalised words in a sentence that is not itself in headline case."""
    if not all(word[0].isupper() for word in words):
        return False
    long_words = [w for w in sentence_words if len(w) >= 4]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return not long_words or capitalised / len(long_words) < 0.6


def _words_between(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text[start:end])) if start < end else 0


def _has_near_speaker(text: str, span: MarkedSpan, analysis: ArticleAnalysis) -> bool:
    """A direct quote covering the span names a speaker within a few words of it."""
    for quote in analysis.quotes:
        if quote.kind != "direct" or not quote.speaker or not quote.start <= span.start:
            continue
        if span.end > quote.end:
            continue
        if quote.speaker_start is None or quote.speaker_end is None:
            return True
        gap = _words_between(text, quote.speaker_end, quote.start) + _words_between(
            text, quote.end, quote.speaker_start
        )
        if gap <= SPEAKER_WINDOW:
            return True
    return False


def _window(words: Sequence[re.Match[str]], *, last: bool) -> str:
    chosen = words[-SPEAKER_WINDOW:] if last else words[:SPEAKER_WINDOW]
    return " ".join(match.group(0) for match in chosen)


def _find_scare_quotes(
    article: Article,
    analysis: ArticleAnalysis,
    marked: Sequence[MarkedSpan],
    sentences: Sequence[tuple[int, int]],
    lexicons: _Lexicons,
) -> list[tuple[str, str, int, int]]:
    """Short quoted spans in running text with no speaker or reporting verb close by."""
    text = article.text
    sentence_starts = [s for s, _ in sentences]
    found: list[tuple[str, str, int, int]] = []
    for span in marked:
        words = _WORD.findall(text[span.start : span.end])
        if not sentences or not span.closed or not 1 <= len(words) <= MAX_SCARE_WORDS:
            continue
        s_start, s_end = sentences[max(bisect.bisect_right(sentence_starts, span.start) - 1, 0)]
        before = list(_WORD.finditer(text, s_start, max(s_start, span.start - 1)))
        after = list(_WORD.finditer(text, min(span.end + 1, s_end), s_end))
        if len(before) + len(after) < 2:
            continue  # the whole sentence is the quotation: not set in running text
        near = _window(before, last=True) + " | " + _window(after, last=False)
        if _has_near_speaker(text, span, analysis) or any(lexicons.reporting.find(near)):
            continue
        outside = [match.group(0) for match in before + after]
        if before and _is_name_like(words, outside):
            continue
        found.append((article.id, text[span.start : span.end], span.start, span.end))
    return found


def _find_questions(
    article: Article, sentences: Sequence[tuple[int, int]], quoted: QuotedRanges
) -> list[tuple[str, str, int, int]]:
    text = article.text
    qa = _qa_paragraphs(text)
    paragraph_starts = [start for start, _ in iter_paragraphs(text)]
    found: list[tuple[str, str, int, int]] = []
    for start, end in sentences:
        sentence = text[start:end].rstrip('"”’») ]')
        if not sentence.endswith("?"):
            continue
        mark = start + len(sentence) - 1
        if quoted.contains(mark) or _paragraph_start(paragraph_starts, start) in qa:
            continue
        found.append((article.id, text[start:end], start, end))
    return found


def _is_attributed(
    start: int,
    end: int,
    sentence: str,
    facts: Sequence[tuple[int, int]],
    lexicons: _Lexicons,
) -> bool:
    if any(lo < end and start < hi for lo, hi in facts):
        return True
    return any(True for _ in lexicons.reporting.find(sentence))


def _read_narratives(
    reading: _Reading,
    article: Article,
    sentences: Sequence[tuple[int, int]],
    quoted: QuotedRanges,
    lexicons: _Lexicons,
) -> None:
    """Count own-voice cue hits; each sentence holding one is evidence (once per narrative)."""
    text = article.text
    sentence_starts = [start for start, _ in sentences]
    for name, pattern in lexicons.narratives.items():
        seen: set[int] = set()
        for match in pattern.finditer(text):
            if quoted.contains(match.start()):
                continue
            reading.narrative_hits[name] += 1
            index = bisect.bisect_right(sentence_starts, match.start()) - 1
            if index < 0 or index in seen:
                continue
            seen.add(index)
            start, end = sentences[index]
            reading.evidence.setdefault(name, []).append((article.id, text[start:end], start, end))


def _read_article(article: Article, analysis: ArticleAnalysis, lexicons: _Lexicons) -> _Reading:
    """Every framing count for one article, own voice and quotation apart."""
    text = article.text
    reading = _Reading(total_chars=len(text))
    marked = find_marked_spans(text)
    quoted = _quoted_ranges(text, analysis, marked)
    reading.quoted_chars = quoted.covered(0, len(text))
    sentences = split_sentences(text)

    for entry, start, _ in lexicons.labels.find(text):
        (reading.quoted_labels if quoted.contains(start) else reading.labels)[entry] += 1
    for matcher, counter in ((lexicons.hedges, reading.hedges), (lexicons.loaded, reading.loaded)):
        for entry, start, _ in matcher.find(text):
            if not quoted.contains(start):
                counter[entry] += 1
    reading.own_words = sum(1 for m in _WORD.finditer(text) if not quoted.contains(m.start()))
    reading.first_person = sum(
        1 for m in _FIRST_PERSON.finditer(text) if not quoted.contains(m.start())
    )
    _read_narratives(reading, article, sentences, quoted, lexicons)
    reading.scare_quotes = _find_scare_quotes(article, analysis, marked, sentences, lexicons)
    reading.questions = _find_questions(article, sentences, quoted)

    facts = [(q.start, q.end) for q in analysis.quotes if _valid(text, q.start, q.end)]
    facts += [(c.start, c.end) for c in analysis.citations if _valid(text, c.start, c.end)]
    for start, end in sentences:
        own = sum(1 for m in _WORD.finditer(text, start, end) if not quoted.contains(m.start()))
        if own < 3:
            continue
        reading.own_sentences += 1
        if _is_attributed(start, end, text[start:end], facts, lexicons):
            reading.attributed_sentences += 1

    headline = _headline(article)
    if headline:
        reading.headlines += 1
        reading.question_headlines += headline.rstrip('"”’») ').endswith(("?", "!"))
    return reading


# --- one outlet ---------------------------------------------------------------------------


def _ordered(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def _per_thousand(count: float, words: int) -> float:
    return round(1000 * count / words, 2) if words else 0.0


def classify_genre(features: Mapping[str, float]) -> str:
    """Label a genre: "opinion" when two or more signals in ``_OPINION`` fire, else "news"."""
    votes = sum(
        features.get(name, 0.0) >= threshold
        for name, threshold in _OPINION.items()
        if name != "attributed_share"
    )
    votes += features.get("own_sentences", 0.0) > 0 and (
        features.get("attributed_share", 1.0) < _OPINION["attributed_share"]
    )
    return "opinion" if votes >= _OPINION_VOTES else "news"


def _genre_features(total: _Reading, questions: int) -> dict[str, float]:
    words = total.own_words
    return {
        "own_words": float(words),
        "own_sentences": float(total.own_sentences),
        "first_person_per_1000": _per_thousand(total.first_person, words),
        "rhetorical_questions_per_1000": _per_thousand(questions, words),
        "loaded_per_1000": _per_thousand(sum(total.loaded.values()), words),
        "hedges_per_1000": _per_thousand(sum(total.hedges.values()), words),
        "headline_question_share": (
            round(total.question_headlines / total.headlines, 2) if total.headlines else 0.0
        ),
        "attributed_share": (
            round(total.attributed_sentences / total.own_sentences, 2)
            if total.own_sentences
            else 0.0
        ),
    }


def _sum_readings(readings: Sequence[_Reading]) -> _Reading:
    total = _Reading()
    for reading in readings:
        total.labels.update(reading.labels)
        total.quoted_labels.update(reading.quoted_labels)
        total.hedges.update(reading.hedges)
        total.loaded.update(reading.loaded)
        total.narrative_hits.update(reading.narrative_hits)
        for name, found in reading.evidence.items():
            total.evidence.setdefault(name, []).extend(found)
        total.scare_quotes.extend(reading.scare_quotes)
        total.questions.extend(reading.questions)
        for name in (
            "own_words",
            "quoted_chars",
            "total_chars",
            "first_person",
            "own_sentences",
            "attributed_sentences",
            "headlines",
            "question_headlines",
        ):
            setattr(total, name, getattr(total, name) + getattr(reading, name))
    return total


def _unique_by_text(found: Sequence[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
    """Keep the first of identical texts (a headline repeated by the page counts once)."""
    seen: set[str] = set()
    kept = []
    for item in found:
        key = " ".join(item[1].split()).lower()
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def frame_outlet(
    story_id: str,
    outlet: str,
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    settings: Settings | None = None,
) -> OutletFraming:
    """The framing of one outlet's articles (all assumed to be originals of one story)."""
    lexicons = _load_lexicons(settings)
    readings = [
        _read_article(
            article,
            analyses.get(article.id) or ArticleAnalysis(article.id, pipeline_version=""),
            lexicons,
        )
        for article in articles
    ]
    total = _sum_readings(readings)
    questions = _unique_by_text(total.questions)
    label_groups = dict.fromkeys(LABEL_GROUPS, 0)
    for term, count in total.labels.items():
        group = lexicons.groups.get(term)
        if group:
            label_groups[group] = label_groups.get(group, 0) + count
    evidence = {
        name: _unique_by_text(found)[:MAX_EVIDENCE] for name, found in total.evidence.items()
    }
    narratives = {
        name: _per_thousand(hits, total.own_words)
        for name, hits in sorted(total.narrative_hits.items(), key=lambda item: -item[1])
    }
    speakers: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    for article in articles:
        analysis = analyses.get(article.id)
        if analysis is not None:
            speakers.update(q.speaker for q in analysis.quotes if q.speaker)
            sources.update(c.source for c in analysis.citations if c.source)
    features = _genre_features(total, len(questions))
    scare = _unique_by_text(total.scare_quotes)
    return OutletFraming(
        story_id=story_id,
        outlet=outlet,
        article_ids=tuple(article.id for article in articles),
        labels=_ordered(total.labels),
        quoted_labels=_ordered(total.quoted_labels),
        label_groups=label_groups,
        narratives=narratives,
        narrative_evidence={
            n: tuple((t, s, e) for _, t, s, e in found) for n, found in evidence.items()
        },
        narrative_evidence_articles={
            n: tuple(a for a, *_ in found) for n, found in evidence.items()
        },
        hedges=_ordered(total.hedges),
        loaded_terms=_ordered(total.loaded),
        scare_quotes=tuple(text for _, text, _, _ in scare),
        scare_quote_spans=tuple(scare),
        rhetorical_questions=tuple(questions),
        quote_share=round(total.quoted_chars / total.total_chars, 4) if total.total_chars else 0.0,
        genre=classify_genre(features),
        genre_features=features,
        voices=tuple(name for name, _ in speakers.most_common()),
        cited_sources=_ordered(sources),
    )


def outlet_of(article: Article) -> str:
    """The outlet an article speaks for; its source when no outlet is known."""
    return article.outlet or article.source


def frame_outlets(
    story: Story,
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    settings: Settings | None = None,
) -> list[OutletFraming]:
    """One framing per outlet of the story, in the order of the story's articles.

    Re-posts (``duplicate_of`` set) are skipped: they would count the original's framing
    twice; an outlet whose only articles are re-posts gets no framing.
    """
    by_id = {article.id: article for article in articles}
    by_outlet: dict[str, list[Article]] = {}
    for article_id in story.article_ids:
        article = by_id.get(article_id)
        if article is None or article.duplicate_of:
            continue
        by_outlet.setdefault(outlet_of(article), []).append(article)
    return [
        frame_outlet(story.id, outlet, members, analyses, settings=settings)
        for outlet, members in by_outlet.items()
    ]
