"""Scoring the extractors against the hand-annotated gold set in ``gold/``.

The gold set is the independent check on the NLP components: texts annotated by
hand (see ``gold/README.md`` for the conventions). Annotations name their span
by text, not offsets (``"occurrence": N`` picks the N-th match), so the same
annotation works on the raw and on the cleaned text. A predicted fact matches a
gold one when their character spans overlap; each prediction pairs with at most
one gold annotation. Figures are micro-averaged over all texts.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import math
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, TypeVar

from newsprism.errors import InputError
from newsprism.models import ArticleAnalysis
from newsprism.settings import Settings

CATEGORIES = frozenset({"killed", "injured", "detained", "troops", "casualties", "other"})
QUALIFIERS = frozenset({"exact", "about", "at_least", "more_than", "up_to", "vague"})
GRANULARITIES = frozenset({"day", "week", "month", "year"})
QUOTE_KINDS = frozenset({"direct", "indirect"})

# (figure name, minimum): the targets the extractors are measured against.
TARGETS: dict[str, float] = {
    "claims_precision": 0.9,
    "claims_recall": 0.85,
    "quote_speaker_accuracy": 0.9,
    "places_recall": 0.95,
    "places_id_accuracy": 0.9,
    "dates_right": 0.9,
}

LANGUAGE_TARGETS: dict[str, float] = {
    "claims_precision": 0.9,
    "claims_recall": 0.8,
    "quote_speaker_accuracy": 0.85,
    "places_recall": 0.9,
}
"""Targets for the Russian and French pipelines (lower than English: smaller models, rules)."""

LOCAL_GOLD_ENV = "NEWSPRISM_LOCAL_GOLD"
DEFAULT_LOCAL_GOLD = Path("/work/data/langgold")
"""Where gold texts that may not be shipped live (see ``gold/README.md``)."""

# --- gold annotations --------------------------------------------------------


@dataclass(frozen=True)
class GoldPlace:
    text: str
    geonames_id: int | None
    country_code: str | None = None
    occurrence: int = 1
    context: str | None = None
    required: bool = True


@dataclass(frozen=True)
class GoldDate:
    text: str
    date: str
    granularity: str = "day"
    occurrence: int = 1
    context: str | None = None
    required: bool = True


@dataclass(frozen=True)
class GoldQuote:
    text: str
    speaker: str
    kind: str = "direct"
    aliases: tuple[str, ...] = ()
    occurrence: int = 1
    context: str | None = None


@dataclass(frozen=True)
class GoldCitation:
    text: str
    source: str
    originator: str | None = None
    aliases: tuple[str, ...] = ()
    occurrence: int = 1
    context: str | None = None


@dataclass(frozen=True)
class GoldClaim:
    text: str
    category: str
    value_min: float | None
    value_max: float | None
    qualifier: str
    who: str | None = None
    occurrence: int = 1
    context: str | None = None


@dataclass(frozen=True)
class GoldDocument:
    """One annotated text: ``name`` is the annotation file's stem."""

    name: str
    source: str
    published: str
    clean: bool = False
    places: tuple[GoldPlace, ...] = ()
    dates: tuple[GoldDate, ...] = ()
    quotes: tuple[GoldQuote, ...] = ()
    citations: tuple[GoldCitation, ...] = ()
    claims: tuple[GoldClaim, ...] = ()
    language: str = "en"
    local_only: bool = False
    """The text may not be shipped: ``source`` is relative to the local gold folder."""


_ITEM_TYPES: dict[str, type[Any]] = {
    "places": GoldPlace,
    "dates": GoldDate,
    "quotes": GoldQuote,
    "citations": GoldCitation,
    "claims": GoldClaim,
}


def _check_item(kind: str, item: Any, where: str) -> None:
    if kind == "claims":
        if item.category not in CATEGORIES:
            raise InputError(f"unknown claim category {item.category!r}", where=where)
        if item.qualifier not in QUALIFIERS:
            raise InputError(f"unknown claim qualifier {item.qualifier!r}", where=where)
    if kind == "dates" and item.granularity not in GRANULARITIES:
        raise InputError(f"unknown date granularity {item.granularity!r}", where=where)
    if kind == "quotes" and item.kind not in QUOTE_KINDS:
        raise InputError(f"unknown quote kind {item.kind!r}", where=where)
    if not item.text:
        raise InputError(f"empty {kind} annotation text", where=where)
    if item.occurrence < 1:
        raise InputError(f"occurrence must be >= 1 in {item.text!r}", where=where)


def _read_item(kind: str, record: Any, where: str) -> Any:
    cls = _ITEM_TYPES[kind]
    if not isinstance(record, dict):
        raise InputError(f"{kind} entries must be objects", where=where)
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(record) - known)
    if unknown:
        raise InputError(f"unknown {kind} field {unknown[0]!r}", where=where)
    values = dict(record)
    if "aliases" in values:
        values["aliases"] = tuple(values["aliases"])
    try:
        item = cls(**values)
    except TypeError as exc:
        raise InputError(f"bad {kind} entry {record!r}: {exc}", where=where) from exc
    _check_item(kind, item, where)
    return item


def read_gold_document(path: Path) -> GoldDocument:
    """One annotation file, validated: unknown fields and labels are errors, not skipped."""
    where = str(path)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read gold annotation: {exc}", where=where) from exc
    if not isinstance(record, dict) or "source" not in record or "published" not in record:
        raise InputError("gold annotation needs 'source' and 'published'", where=where)
    try:
        dt.date.fromisoformat(record["published"])
    except (TypeError, ValueError) as exc:
        raise InputError(f"bad published date {record['published']!r}", where=where) from exc
    items = {
        kind: tuple(_read_item(kind, entry, where) for entry in record.get(kind, []))
        for kind in _ITEM_TYPES
    }
    return GoldDocument(
        name=path.stem,
        source=str(record["source"]),
        published=str(record["published"]),
        clean=bool(record.get("clean", False)),
        language=str(record.get("language") or "en"),
        local_only=bool(record.get("text_local_only", False)),
        **items,
    )


def load_gold(gold_dir: Path) -> list[GoldDocument]:
    """Every ``annotations/*.json`` under ``gold_dir``, in name order."""
    folder = gold_dir / "annotations"
    if not folder.is_dir():
        raise InputError("no annotations folder", where=str(folder))
    return [read_gold_document(path) for path in sorted(folder.glob("*.json"))]


# --- locating gold spans -----------------------------------------------------


def locate(text: str, needle: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Offsets of the ``occurrence``-th match of ``needle`` in ``text``.

    A needle that starts or ends with a letter or digit only matches whole
    words ("Niger" is not found inside "Nigeria"), and any run of whitespace
    matches any other, since a cleaner may reflow the text the annotator saw.
    """
    if not needle.strip():
        return None
    body = r"\s+".join(re.escape(part) for part in needle.split())
    before = r"(?<!\w)" if re.match(r"\w", needle.strip()) else ""
    after = r"(?!\w)" if re.search(r"\w$", needle.strip()) else ""
    matches = list(re.finditer(before + body + after, text))
    if len(matches) >= occurrence:
        return matches[occurrence - 1].span()
    return None


# --- comparing ---------------------------------------------------------------

_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})
# Last words that make a capitalised name an institution rather than a person,
# so that "Chinese Foreign Ministry" never passes for "Russian Foreign Ministry".
_INSTITUTION_HEADS = frozenset(
    {
        "agency", "army", "association", "authority", "authorities", "bureau", "club",
        "commission", "committee", "council", "court", "forces", "government", "group",
        "guard", "media", "ministry", "network", "office", "organization", "organisation",
        "police", "service", "society", "television", "tv", "union", "nations",
    }
)  # fmt: skip


def _looks_personal(name: str) -> bool:
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and normalize_name(words[-1]) not in _INSTITUTION_HEADS
    )


def normalize_name(name: str) -> str:
    """Lower-cased name without possessives, punctuation or a leading article."""
    lowered = name.lower().replace("’", "'")
    lowered = re.sub(r"'s\b", "", lowered)
    lowered = re.sub(r"[^\w\s-]", " ", lowered)
    lowered = re.sub(r"\s+", " ", lowered).strip()
    return re.sub(r"^the ", "", lowered)


def names_match(gold: str, predicted: str | None, *, aliases: Sequence[str] = ()) -> bool:
    """Whether ``predicted`` names the same speaker or source as ``gold``.

    Accepts the full name, the surname (last word) alone or after a title, an
    alias, or a whole-word containment either way ("Foreign Ministry" for
    "Russian Foreign Ministry").
    A bare pronoun never matches: it was not resolved.
    """
    if not predicted:
        return False
    guess = normalize_name(predicted)
    if not guess or guess in _PRONOUNS:
        return False
    for name in (gold, *aliases):
        canon = normalize_name(name)
        if not canon:
            continue
        surname = canon.split()[-1]
        if guess in (canon, surname):
            return True
        # "Peruvian President Boluarte" names the gold's "Dina Boluarte".
        if _looks_personal(name) and guess.split()[-1] == surname:
            return True
        if re.search(rf"\b{re.escape(guess)}\b", canon) or re.search(
            rf"\b{re.escape(canon)}\b", guess
        ):
            return True
    return False


def _same_value(gold: float | None, predicted: float | None) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return math.isclose(gold, predicted)


def same_range(gold: GoldClaim, low: float | None, high: float | None) -> bool:
    """Whether a predicted range denotes the same counts as the gold one.

    Counts are non-negative, so an open lower bound equals 0; and the gold
    stores "more than N" as N+1 (the first count it allows), while a bound of
    N read as exclusive says the same once the qualifier is ``more_than``.
    """
    gold_low = gold.value_min or 0.0
    lows = {gold_low}
    if gold.qualifier == "more_than" and gold.value_min is not None:
        lows.add(gold_low - 1)
    low_ok = any(math.isclose(low or 0.0, candidate) for candidate in lows)
    return low_ok and _same_value(gold.value_max, high)


def dates_agree(gold: GoldDate, predicted: str | None) -> bool:
    """Whether a resolved date is right at the gold annotation's granularity."""
    if not predicted:
        return False
    if gold.granularity == "year":
        return predicted[:4] == gold.date[:4]
    if gold.granularity == "month":
        return predicted[:7] == gold.date[:7]
    if gold.granularity == "week":
        target = dt.date.fromisoformat(gold.date[:10]).isocalendar()
        week = re.fullmatch(r"(\d{4})-W(\d{2})", predicted)
        if week:
            return (int(week[1]), int(week[2])) == (target.year, target.week)
        try:
            guess = dt.date.fromisoformat(predicted[:10]).isocalendar()
        except ValueError:
            return False
        return (guess.year, guess.week) == (target.year, target.week)
    return predicted[:10] == gold.date[:10]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


G = TypeVar("G")
P = TypeVar("P")


def pair_up(
    gold: Sequence[tuple[G, tuple[int, int]]],
    predicted: Sequence[P],
    span_of: Callable[[P], tuple[int, int]],
    *,
    prefer: Callable[[G, P], bool],
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans.

    A first pass pairs only those ``prefer`` accepts, so a right prediction is
    not stolen by a wrong one that happens to overlap the same gold span.
    """
    used: set[int] = set()
    pairs: dict[int, int] = {}
    for strict in (True, False):
        for g_index, (item, span) in enumerate(gold):
            if g_index in pairs:
                continue
            for p_index, guess in enumerate(predicted):
                if p_index in used or not _overlaps(span, span_of(guess)):
                    continue
                if strict and not prefer(item, guess):
                    continue
                pairs[g_index] = p_index
                used.add(p_index)
                break
    return sorted(pairs.items())


# --- figures -----------------------------------------------------------------


@dataclass(frozen=True)
class Ratio:
    """``hits`` out of ``total``; None when there was nothing to count."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)


def f1(precision: Ratio, recall: Ratio) -> float | None:
    p, r = precision.value, recall.value
    if p is None or r is None:
        return None
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@dataclass(frozen=True)
class Miss:
    """One disagreement, for reading what went wrong."""

    text_name: str
    extractor: str
    kind: str  # missed | wrong | spurious | unlocated
    gold: str | None
    predicted: str | None


@dataclass(frozen=True)
class TextScores:
    name: str
    claims_precision: Ratio = Ratio()
    claims_recall: Ratio = Ratio()
    claims_category_precision: Ratio = Ratio()
    claims_category_recall: Ratio = Ratio()
    quote_recall: Ratio = Ratio()
    quote_precision: Ratio = Ratio()
    quote_speaker_accuracy: Ratio = Ratio()
    places_recall: Ratio = Ratio()
    places_precision: Ratio = Ratio()
    places_id_accuracy: Ratio = Ratio()
    dates_recall: Ratio = Ratio()
    dates_right: Ratio = Ratio()
    citations_recall: Ratio = Ratio()
    citations_source_accuracy: Ratio = Ratio()

    @property
    def claims_f1(self) -> float | None:
        return f1(self.claims_precision, self.claims_recall)

    def __add__(self, other: TextScores) -> TextScores:
        summed = {
            f.name: getattr(self, f.name) + getattr(other, f.name)
            for f in fields(self)
            if f.name != "name"
        }
        return TextScores(name=self.name, **summed)


@dataclass(frozen=True)
class EvaluationReport:
    overall: TextScores
    texts: tuple[TextScores, ...] = ()
    misses: tuple[Miss, ...] = ()
    targets: dict[str, float] = field(default_factory=lambda: dict(TARGETS))
    absent: tuple[str, ...] = ()
    """Local-only gold texts not scored because their local copy is missing."""

    def meets(self, figure: str) -> bool | None:
        """Whether the overall figure reaches its target (None: nothing measured)."""
        value = getattr(self.overall, figure).value
        return None if value is None else value >= self.targets[figure]


def _span(item: Any) -> tuple[int, int]:
    return int(item.start), int(item.end)


def locate_item(text: str, item: Any) -> tuple[int, int] | None:
    """Where a gold annotation sits: its ``text`` inside its ``context`` when given.

    ``context`` (a longer phrase, counted by ``occurrence``) pins down one
    mention of a name that recurs, robustly against a cleaner dropping an
    earlier one; without it, ``occurrence`` counts matches of ``text`` itself.
    """
    if item.context is None:
        return locate(text, item.text, item.occurrence)
    outer = locate(text, item.context, item.occurrence)
    if outer is None:
        return None
    inner = locate(text[outer[0] : outer[1]], item.text)
    return None if inner is None else (outer[0] + inner[0], outer[0] + inner[1])


def _located(
    doc: GoldDocument, kind: str, items: Sequence[G], text: str, misses: list[Miss]
) -> list[tuple[G, tuple[int, int]]]:
    found: list[tuple[G, tuple[int, int]]] = []
    for item in items:
        span = locate_item(text, item)
        if span is None:
            if getattr(item, "required", True):
                misses.append(Miss(doc.name, kind, "unlocated", item.text, None))  # type: ignore[attr-defined]
            span = (-2, -1)  # overlaps nothing: counts as missed
        found.append((item, span))
    return found


def _judge_pairs(
    doc: GoldDocument,
    kind: str,
    gold: Sequence[tuple[G, tuple[int, int]]],
    preds: Sequence[Any],
    misses: list[Miss],
    *,
    agree: Callable[[G, Any], bool],
    describe: Callable[[G, Any], tuple[str, str]],
    judged: Callable[[G], bool] = lambda item: True,
) -> tuple[list[tuple[int, int]], int]:
    """Pair gold spans with predictions; count the pairs that agree and note every miss.

    Returns the (gold index, prediction index) pairs and how many of the judged ones agree.
    """
    pairs = pair_up(gold, preds, _span, prefer=agree)
    paired = dict(pairs)
    right = 0
    for g_index, (item, _) in enumerate(gold):
        if g_index not in paired:
            misses.append(Miss(doc.name, kind, "missed", item.text, None))  # type: ignore[attr-defined]
        elif not judged(item):
            continue
        elif agree(item, preds[paired[g_index]]):
            right += 1
        else:
            expected, found = describe(item, preds[paired[g_index]])
            misses.append(Miss(doc.name, kind, "wrong", expected, found))
    return pairs, right


def _score_claims(
    doc: GoldDocument, analysis: ArticleAnalysis, text: str, misses: list[Miss]
) -> dict[str, Ratio]:
    gold = _located(doc, "claims", doc.claims, text, misses)
    preds = analysis.claims

    def strict(g: GoldClaim, p: Any) -> bool:
        return (
            g.category == p.category
            and g.qualifier == p.qualifier
            and same_range(g, p.value_min, p.value_max)
        )

    def loose(g: GoldClaim, p: Any) -> bool:
        return bool(g.category == p.category)

    exact = [(g, p) for g, p in pair_up(gold, preds, _span, prefer=strict)]
    right = [(g, p) for g, p in exact if strict(gold[g][0], preds[p])]
    by_category = pair_up(gold, preds, _span, prefer=loose)
    category_right = [(g, p) for g, p in by_category if loose(gold[g][0], preds[p])]
    paired = dict(exact)
    for g_index, (item, _) in enumerate(gold):
        if g_index not in paired:
            misses.append(Miss(doc.name, "claims", "missed", item.text, None))
        elif (g_index, paired[g_index]) not in right:
            p = preds[paired[g_index]]
            shown = f"{p.category} {p.value_min}..{p.value_max} {p.qualifier} <{p.text}>"
            expected = f"{item.category} {item.value_min}..{item.value_max} {item.qualifier}"
            misses.append(Miss(doc.name, "claims", "wrong", f"{expected} <{item.text}>", shown))
    for p_index in sorted(set(range(len(preds))) - set(paired.values())):
        p = preds[p_index]
        shown = f"{p.category} {p.value_min}..{p.value_max} {p.qualifier} <{p.text}>"
        misses.append(Miss(doc.name, "claims", "spurious", None, shown))
    return {
        "claims_precision": Ratio(len(right), len(preds)),
        "claims_recall": Ratio(len(right), len(gold)),
        "claims_category_precision": Ratio(len(category_right), len(preds)),
        "claims_category_recall": Ratio(len(category_right), len(gold)),
    }


def _score_quotes(
    doc: GoldDocument, analysis: ArticleAnalysis, text: str, misses: list[Miss]
) -> dict[str, Ratio]:
    gold = _located(doc, "quotes", doc.quotes, text, misses)
    preds = analysis.quotes

    def same_speaker(g: GoldQuote, p: Any) -> bool:
        return names_match(g.speaker, p.speaker, aliases=g.aliases)

    pairs, right = _judge_pairs(
        doc,
        "quotes",
        gold,
        preds,
        misses,
        agree=same_speaker,
        describe=lambda g, p: (f"{g.speaker} <{g.text}>", str(p.speaker)),
    )
    overlapping = sum(1 for p in preds if any(_overlaps(_span(p), s) for _, s in gold))
    return {
        "quote_recall": Ratio(len(pairs), len(gold)),
        "quote_precision": Ratio(overlapping, len(preds)),
        "quote_speaker_accuracy": Ratio(right, len(pairs)),
    }


def _score_places(
    doc: GoldDocument, analysis: ArticleAnalysis, text: str, misses: list[Miss]
) -> dict[str, Ratio]:
    located = _located(doc, "places", doc.places, text, misses)
    required = [(g, s) for g, s in located if g.required]
    preds = analysis.places

    def same_id(g: GoldPlace, p: Any) -> bool:
        return g.geonames_id is not None and g.geonames_id == p.geonames_id

    # A gold place without an id (a village outside the bundled gazetteer) counts
    # for recall but not for the id rate.
    pairs, right = _judge_pairs(
        doc,
        "places",
        required,
        preds,
        misses,
        agree=same_id,
        describe=lambda g, p: (f"{g.text} {g.geonames_id}", f"{p.text} {p.geonames_id}"),
        judged=lambda g: g.geonames_id is not None,
    )
    with_id = sum(1 for g, _ in pairs if required[g][0].geonames_id is not None)
    # Optional spans (continents, landmarks) neither count as missed nor as spurious.
    any_gold = [s for _, s in located]
    matched = 0
    for p in preds:
        if any(_overlaps(_span(p), s) for s in any_gold):
            matched += 1
        else:
            misses.append(Miss(doc.name, "places", "spurious", None, p.text))
    return {
        "places_recall": Ratio(len(pairs), len(required)),
        "places_precision": Ratio(matched, len(preds)),
        "places_id_accuracy": Ratio(right, with_id),
    }


def _score_dates(
    doc: GoldDocument, analysis: ArticleAnalysis, text: str, misses: list[Miss]
) -> dict[str, Ratio]:
    located = _located(doc, "dates", doc.dates, text, misses)
    required = [(g, s) for g, s in located if g.required]
    preds = analysis.dates

    def agree(g: GoldDate, p: Any) -> bool:
        return dates_agree(g, p.date)

    pairs, right = _judge_pairs(
        doc,
        "dates",
        required,
        preds,
        misses,
        agree=agree,
        describe=lambda g, p: (f"{g.text} {g.date}", f"{p.text} {p.date}"),
    )
    return {
        "dates_recall": Ratio(len(pairs), len(required)),
        "dates_right": Ratio(right, len(pairs)),
    }


def _score_citations(
    doc: GoldDocument, analysis: ArticleAnalysis, text: str, misses: list[Miss]
) -> dict[str, Ratio]:
    gold = _located(doc, "citations", doc.citations, text, misses)
    preds = analysis.citations

    def same_source(g: GoldCitation, p: Any) -> bool:
        return names_match(g.source, p.source, aliases=g.aliases)

    pairs, right = _judge_pairs(
        doc,
        "citations",
        gold,
        preds,
        misses,
        agree=same_source,
        describe=lambda g, p: (f"{g.source} <{g.text}>", str(p.source)),
    )
    return {
        "citations_recall": Ratio(len(pairs), len(gold)),
        "citations_source_accuracy": Ratio(right, len(pairs)),
    }


_SCORERS = (_score_claims, _score_quotes, _score_places, _score_dates, _score_citations)


def score_document(
    doc: GoldDocument, analysis: ArticleAnalysis, text: str
) -> tuple[TextScores, list[Miss]]:
    """Figures for one text and the disagreements behind them."""
    misses: list[Miss] = []
    figures: dict[str, Ratio] = {}
    for scorer in _SCORERS:
        figures.update(scorer(doc, analysis, text, misses))
    return TextScores(name=doc.name, **figures), misses


def score_documents(
    gold: Sequence[GoldDocument],
    analyses: Mapping[str, ArticleAnalysis],
    texts: Mapping[str, str],
) -> EvaluationReport:
    """Score each gold document against its analysis (keyed by the document's name).

    A document without an analysis is scored as if nothing had been found.
    """
    per_text: list[TextScores] = []
    misses: list[Miss] = []
    for doc in gold:
        if doc.name not in texts:
            raise InputError("no text given for gold document", where=doc.name)
        analysis = analyses.get(doc.name) or ArticleAnalysis(doc.name, pipeline_version="none")
        scores, found = score_document(doc, analysis, texts[doc.name])
        per_text.append(scores)
        misses.extend(found)
    overall = TextScores(name="overall")
    for scores in per_text:
        overall = overall + scores
    return EvaluationReport(overall=overall, texts=tuple(per_text), misses=tuple(misses))


# --- running the pipeline ----------------------------------------------------


def local_gold_dir() -> Path:
    """The folder holding local-only gold texts: ``$NEWSPRISM_LOCAL_GOLD`` or the default."""
    return Path(os.environ.get(LOCAL_GOLD_ENV) or DEFAULT_LOCAL_GOLD)


def gold_text_path(doc: GoldDocument, root: Path) -> Path:
    """Where the text of ``doc`` is read from: the repository, or the local copy."""
    return (local_gold_dir() if doc.local_only else root) / doc.source


def read_gold_text(doc: GoldDocument, root: Path, *, settings: Settings | None = None) -> str:
    """The text a gold document annotates, cleaned when the annotation asks for it."""
    path = gold_text_path(doc, root)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read gold text: {exc}", where=str(path)) from exc
    if not doc.clean:
        return raw
    try:
        cleaner = importlib.import_module("newsprism.ingest.clean")
    except ImportError:
        return raw
    cleaned: Any = cleaner.clean_text(raw, settings=settings)
    return str(cleaned if isinstance(cleaned, str) else cleaned.text)


SPLITS = ("all", "dev", "heldout")


def heldout_names(gold_dir: Path) -> frozenset[str]:
    """Texts kept out of rule development (``heldout.txt``): their figures are the honest ones."""
    path = gold_dir / "heldout.txt"
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def select_split(gold: Sequence[GoldDocument], gold_dir: Path, split: str) -> list[GoldDocument]:
    if split not in SPLITS:
        raise InputError(
            f"unknown split {split!r}; choose from {', '.join(SPLITS)}", where="evaluate"
        )
    heldout = heldout_names(gold_dir)
    if split == "heldout":
        return [doc for doc in gold if doc.name in heldout]
    if split == "dev":
        return [doc for doc in gold if doc.name not in heldout]
    return list(gold)


def evaluate(
    gold_dir: Path,
    *,
    settings: Settings | None = None,
    root: Path | None = None,
    split: str = "all",
    language: str | None = None,
) -> EvaluationReport:
    """Run the full pipeline over the gold texts (those in ``language`` if given) and score it.

    Sources in the annotations are relative to ``root`` (default: the folder
    holding ``gold_dir``), and each text is analysed with its gold publication
    date as the anchor for relative dates.
    """
    from newsprism.nlp.analysis import AnalysisInput, analyze_texts, make_nlp

    gold = select_split(load_gold(gold_dir), gold_dir, split)
    if language is not None:
        gold = [doc for doc in gold if doc.language == language]
    base = root or gold_dir.resolve().parent
    absent = tuple(
        doc.name for doc in gold if doc.local_only and not gold_text_path(doc, base).is_file()
    )
    gold = [doc for doc in gold if doc.name not in absent]
    texts = {doc.name: read_gold_text(doc, base, settings=settings) for doc in gold}
    targets = dict(LANGUAGE_TARGETS) if language not in (None, "en") else dict(TARGETS)
    if not gold:
        return EvaluationReport(overall=TextScores(name="overall"), absent=absent, targets=targets)
    nlp = make_nlp(settings)
    items = [
        AnalysisInput(
            article_id=doc.name,
            text=texts[doc.name],
            published=doc.published,
            language=doc.language,
        )
        for doc in gold
    ]
    analyses = {analysis.article_id: analysis for analysis in analyze_texts(nlp, items)}
    report = score_documents(gold, analyses, texts)
    return replace(report, absent=absent, targets=targets)


# --- display -----------------------------------------------------------------

_SUMMARY = (
    ("claims", "precision", "claims_precision"),
    ("claims", "recall", "claims_recall"),
    ("claims", "precision (category only)", "claims_category_precision"),
    ("claims", "recall (category only)", "claims_category_recall"),
    ("quotes", "recall", "quote_recall"),
    ("quotes", "precision", "quote_precision"),
    ("quotes", "speaker accuracy", "quote_speaker_accuracy"),
    ("places", "recall", "places_recall"),
    ("places", "precision", "places_precision"),
    ("places", "right GeoNames id", "places_id_accuracy"),
    ("dates", "recall", "dates_recall"),
    ("dates", "resolved right", "dates_right"),
    ("citations", "recall", "citations_recall"),
    ("citations", "right source", "citations_source_accuracy"),
)

_PER_TEXT = (
    ("clm P", "claims_precision"),
    ("clm R", "claims_recall"),
    ("qt R", "quote_recall"),
    ("spkr", "quote_speaker_accuracy"),
    ("plc R", "places_recall"),
    ("plc id", "places_id_accuracy"),
    ("plc P", "places_precision"),
    ("dt R", "dates_recall"),
    ("dt ok", "dates_right"),
)


def _shown(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def format_report(report: EvaluationReport) -> str:
    """A plain-text table: overall figures with their targets, then one row per text."""
    lines = [f"{'extractor':<10} {'figure':<26} {'value':>6} {'target':>7} {'count':>9}  ok"]
    for extractor, label, attr in _SUMMARY:
        ratio: Ratio = getattr(report.overall, attr)
        target = report.targets.get(attr)
        met = report.meets(attr) if target is not None else None
        lines.append(
            f"{extractor:<10} {label:<26} {_shown(ratio.value):>6} "
            f"{'>=' + format(target, '.2f') if target is not None else '':>7} "
            f"{f'{ratio.hits}/{ratio.total}':>9}  {'' if met is None else ('yes' if met else 'NO')}"
        )
    lines.append(f"{'claims':<10} {'F1':<26} {_shown(report.overall.claims_f1):>6}")
    lines.append("")
    width = max([len(t.name) for t in report.texts] + [4])
    lines.append(f"{'text':<{width}} " + " ".join(f"{label:>6}" for label, _ in _PER_TEXT))
    for scores in report.texts:
        cells = " ".join(f"{_shown(getattr(scores, attr).value):>6}" for _, attr in _PER_TEXT)
        lines.append(f"{scores.name:<{width}} {cells}")
    if report.absent:
        lines.append("")
        lines.append(
            f"not scored: {len(report.absent)} local-only gold texts absent from "
            f"{local_gold_dir()} (set {LOCAL_GOLD_ENV}; see gold/README.md): "
            + ", ".join(report.absent)
        )
    return "\n".join(lines)


def format_misses(report: EvaluationReport, *, extractor: str | None = None) -> str:
    """One line per disagreement, to see what an extractor got wrong."""
    return "\n".join(
        f"{m.text_name}\t{m.extractor}\t{m.kind}\tgold={m.gold!r}\tpredicted={m.predicted!r}"
        for m in report.misses
        if extractor is None or m.extractor == extractor
    )


__all__ = [
    "LANGUAGE_TARGETS",
    "TARGETS",
    "EvaluationReport",
    "GoldCitation",
    "GoldClaim",
    "GoldDate",
    "GoldDocument",
    "GoldPlace",
    "GoldQuote",
    "Miss",
    "Ratio",
    "TextScores",
    "dates_agree",
    "evaluate",
    "format_misses",
    "format_report",
    "gold_text_path",
    "load_gold",
    "local_gold_dir",
    "locate",
    "locate_item",
    "names_match",
    "read_gold_document",
    "same_range",
    "score_documents",
]
