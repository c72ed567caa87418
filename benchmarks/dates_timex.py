"""Dates found and resolved right on a public hand-annotated temporal corpus of news.

    PYTHONPATH=src .venv/bin/python benchmarks/dates_timex.py [--data DIR]
        [--format meantime|wikiwars] [--portion dev|test|all] [--limit N] [--misses]

Corpus (read from a local copy, never shipped: ``--data`` defaults to
``/work/data/meantime``): the English part of MEANTIME (NewsReader; Minard et al., LREC
2016: 120 Wikinews articles; the SemEval-2015 TimeLine release built on it states CC-BY
3.0, and Wikinews text is CC-BY 2.5), in its CAT XML layout: a
``<Document>`` of ``<token t_id sentence>`` elements and ``<Markables>`` whose ``<TIMEX3
type value functionInDocument>`` elements point at tokens through ``<token_anchor>``. Every
``*.xml`` file under the directory is read (``intra-doc_annotation/corpus_*/``).

Text and publication date: the tokens joined back into text (a space between tokens,
none before closing punctuation); the document creation time (the TIMEX3 with
``functionInDocument="CREATION_TIME"``, the article's dateline) is the publication date
newsprism anchors on, exactly as ``newsprism analyze`` gets it from an article's metadata.

Scored gold: TIMEX3 of type DATE whose value names a calendar day, month or year
(``2008-10-10``, ``2008-10``, ``2008``), outside the dateline. Left out, and counted in the
report: the dateline itself (it is the anchor), and DATE values that are no calendar unit
of those three (``PRESENT_REF``, ``2008-W41``, ``2008-Q3``, ``2008-SU``, ``200X``,
``XXXX-10``). MEANTIME annotates the first sentences of each article only; an expression
we find after the last annotated sentence is neither scored nor counted as spurious.

*found*: an expression of ours (or of the peer) overlaps the gold span. *resolved right*:
its value equals the gold value at the gold's granularity (day: the same date; month: the
same year and month; year: the same year), and its granularity is no coarser than the
gold's ("March 2008" is not right for 2008-03-05). Reported: found / gold, right / found,
and right / gold. Spurious: our expressions inside the annotated sentences overlapping no
TIMEX3 of any type (durations and clock times are not dates, but we do not count as
spurious an expression the annotators did mark as a time).

Portions: documents sorted by path; even positions are **dev** (read while developing the
rules), odd positions **test** (run once, to report). ``--misses`` lists the misses of the
dev portion only.

``--format wikiwars`` reads WikiWars instead (Mazur & Dale, EMNLP 2010: 22 English
Wikipedia articles on wars, CC BY-SA 3.0), its ``keyinline`` files: SGML ``<DOC>`` with a
``<TEXT>`` whose TIMEX2 tags (nested ones too) carry ``VAL``. Every ``*.key.xml`` (or
``*.sgm`` holding TIMEX2) under the directory is read. The whole text is annotated. Its
``DATETIME`` is the day the page was downloaded (2009-12), no reference for a history, and
the corpus gives no other creation time; HeidelTime's "narratives" mode resolves against
the date last mentioned instead. Here, as newsprism needs one anchor, the anchor is the
article's first TIMEX2 whose VAL is a calendar day, month or year (its first day), and that
expression is left out of the scoring as the dateline is. A TIMEX2 with ``SET="YES"`` is a
SET, a VAL opening with P a DURATION, one with a clock time a TIME, the rest DATE.

Peer (same texts, same run): ``dateparser.search.search_dates`` with ``RELATIVE_BASE`` set
to the document creation time and its other settings at their defaults, each found string's
granularity read with ``DateDataParser.get_date_data`` (day, week, month, year; a time is a
day).
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

DEFAULT_DATA = Path("/work/data/meantime")
DEFAULT_WIKIWARS = Path("/work/data/wikiwars")
GRANULARITY_ORDER = ("day", "week", "month", "year")
_CALENDAR_VALUE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_DAY_FIRST_DATE = re.compile(r"(\d{2})-(\d{2})-(\d{4})")
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|'s|'|n't|''|'re|'ve|'ll|'d|'m)$", re.IGNORECASE)
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$", "US$"}
_QUOTES = {"``": '"', "''": '"'}


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    value: str
    kind: str  # TIMEX3 type: DATE, TIME, DURATION, SET


@dataclass(frozen=True)
class GoldDocument:
    name: str
    text: str
    dct: str
    scored_end: int
    """End of the last annotated sentence: nothing after it is scored."""
    timexes: tuple[GoldTimex, ...]
    dateline: tuple[int, int] | None


@dataclass(frozen=True)
class Predicted:
    start: int
    end: int
    text: str
    value: str | None
    granularity: str | None


def granularity_of(value: str) -> str | None:
    """day / month / year for a calendar TIMEX3 value, None for anything else."""
    if not _CALENDAR_VALUE.fullmatch(value):
        return None
    return {4: "year", 7: "month", 10: "day"}[len(value)]


def creation_date(value: str) -> str:
    """A creation time as ISO ``YYYY-MM-DD...``; a few MEANTIME files write it day first
    (``03-02-2009`` for an article of 3 February 2009 whose "January" is ``2009-01``)."""
    day_first = _DAY_FIRST_DATE.fullmatch(value)
    if day_first:
        day, month, year = day_first.groups()
        return f"{year}-{month}-{day}"
    return value


def detokenize(
    tokens: Sequence[str], sentences: Sequence[int] | None = None
) -> tuple[str, list[tuple[int, int]]]:
    """Tokens joined back into text, and each token's character span in it.

    A sentence that does not end in ., ! or ? (a title, a dateline) ends its line.
    """
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    previous = ""
    for index, raw in enumerate(tokens):
        token = _QUOTES.get(raw, raw)
        new_sentence = (
            sentences is not None and index > 0 and sentences[index] != sentences[index - 1]
        )
        if new_sentence and previous not in {".", "!", "?", "''", '"'}:
            separator = "\n"
        elif index == 0 or (
            not new_sentence and (_NO_SPACE_BEFORE.match(raw) or previous in _NO_SPACE_AFTER)
        ):
            separator = ""
        else:
            separator = " "
        parts.append(separator)
        position += len(separator)
        spans.append((position, position + len(token)))
        parts.append(token)
        position += len(token)
        previous = raw
    return "".join(parts), spans


def read_cat(path: Path) -> GoldDocument:
    """One MEANTIME document in CAT XML."""
    root = ET.parse(path).getroot()
    tokens = root.findall("token")
    words = [t.text or "" for t in tokens]
    sentence_of = [int(t.get("sentence", "0")) for t in tokens]
    text, spans = detokenize(words, sentence_of)
    by_id = {t.get("t_id", ""): i for i, t in enumerate(tokens)}
    markables = root.find("Markables")
    annotated_sentences: set[int] = set()
    timexes: list[GoldTimex] = []
    dct = ""
    dateline: tuple[int, int] | None = None
    for element in list(markables) if markables is not None else []:
        indices = sorted(
            by_id[a.get("t_id", "")]
            for a in element.findall("token_anchor")
            if a.get("t_id", "") in by_id
        )
        annotated_sentences.update(sentence_of[i] for i in indices)
        if element.tag != "TIMEX3":
            continue
        value = element.get("value", "")
        if element.get("functionInDocument") == "CREATION_TIME":
            dct = dct or creation_date(value)
            if indices:
                dateline = (spans[indices[0]][0], spans[indices[-1]][1])
            continue
        if not indices:
            continue  # an instance without a mention in the text
        start, end = spans[indices[0]][0], spans[indices[-1]][1]
        timexes.append(GoldTimex(start, end, text[start:end], value, element.get("type", "")))
    last = max(annotated_sentences, default=-1)
    scored_end = max((spans[i][1] for i, s in enumerate(sentence_of) if s <= last), default=0)
    return GoldDocument(
        name=path.stem,
        text=text,
        dct=dct,
        scored_end=scored_end,
        timexes=tuple(sorted(timexes, key=lambda t: t.start)),
        dateline=dateline,
    )


_SGML_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)((?:\s+[^>]*)?)>")
_SGML_ATTRIBUTE = re.compile(r"([A-Za-z_]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}
_ENTITY = re.compile("|".join(_ENTITIES))


def _timex2_kind(attributes: dict[str, str]) -> str:
    value = attributes.get("VAL", "")
    if attributes.get("SET", "").upper() == "YES":
        return "SET"
    if re.match(r"PT?[\dX]", value):  # P3D, PT2H, PXY; not PRESENT_REF
        return "DURATION"
    if re.search(r"T\d", value):
        return "TIME"
    return "DATE"


def read_wikiwars(path: Path) -> GoldDocument:
    """One WikiWars document with inline TIMEX2 (``keyinline``); see the module docstring."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    body_start = raw.find("<TEXT>")
    body_end = raw.find("</TEXT>", body_start)
    body = raw[body_start + len("<TEXT>") : body_end if body_end >= 0 else len(raw)]
    parts: list[str] = []
    position = 0
    cursor = 0
    open_timexes: list[tuple[int, dict[str, str]]] = []
    spans: list[tuple[int, int, dict[str, str]]] = []
    for tag in _SGML_TAG.finditer(body):
        chunk = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], body[cursor : tag.start()])
        parts.append(chunk)
        position += len(chunk)
        cursor = tag.end()
        if tag.group(2).upper() != "TIMEX2":
            continue
        if tag.group(1):
            if open_timexes:
                start, attributes = open_timexes.pop()
                spans.append((start, position, attributes))
            continue
        attributes = {
            m.group(1).upper(): next(g for g in m.groups()[1:] if g is not None)
            for m in _SGML_ATTRIBUTE.finditer(tag.group(3))
        }
        open_timexes.append((position, attributes))
    parts.append(_ENTITY.sub(lambda m: _ENTITIES[m.group(0)], body[cursor:]))
    text = "".join(parts)
    timexes = sorted(
        (
            GoldTimex(start, end, text[start:end], a.get("VAL", ""), _timex2_kind(a))
            for start, end, a in spans
        ),
        key=lambda t: (t.start, -t.end),
    )
    anchor = next((t for t in timexes if t.kind == "DATE" and granularity_of(t.value)), None)
    dct = ""
    if anchor is not None:
        dct = {4: "-01-01", 7: "-01", 10: ""}[len(anchor.value)]
        dct = anchor.value + dct
    return GoldDocument(
        name=path.name.split(".")[0],
        text=text,
        dct=dct,
        scored_end=len(text),
        timexes=tuple(t for t in timexes if t is not anchor),
        dateline=(anchor.start, anchor.end) if anchor is not None else None,
    )


def read_corpus(directory: Path, corpus_format: str = "meantime") -> list[GoldDocument]:
    if corpus_format == "wikiwars":
        paths = sorted(
            p
            for p in directory.rglob("*")
            if p.name.endswith((".key.xml", ".sgm"))
            and "TIMEX2" in p.read_text(encoding="utf-8", errors="replace")
        )
        return [read_wikiwars(path) for path in paths]
    return [read_cat(path) for path in sorted(directory.rglob("*.xml"))]


def portion(documents: list[GoldDocument], name: str) -> list[GoldDocument]:
    if name == "all":
        return documents
    return documents[0 if name == "dev" else 1 :: 2]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def resolved_right(gold_value: str, predicted: Predicted) -> bool:
    """The predicted value equals the gold's at the gold's granularity, and is as fine."""
    gold_granularity = granularity_of(gold_value)
    if gold_granularity is None or not predicted.value or predicted.granularity is None:
        return False
    if predicted.granularity not in GRANULARITY_ORDER:
        return False
    if GRANULARITY_ORDER.index(predicted.granularity) > GRANULARITY_ORDER.index(gold_granularity):
        return False
    if predicted.granularity == "week" and gold_granularity == "day":
        return False
    return predicted.value[: len(gold_value)] == gold_value


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    right: int = 0
    predicted: int = 0
    spurious: int = 0
    misses: list[str] = field(default_factory=list)

    def line(self, label: str) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:.3f} ({a}/{b})" if b else "-"

        kept = self.predicted - self.spurious
        return (
            f"{label:<10} found {ratio(self.found, self.gold):<18} "
            f"right/found {ratio(self.right, self.found):<18} "
            f"right/gold {ratio(self.right, self.gold):<18} "
            f"precision {ratio(kept, self.predicted)}"
        )


@dataclass
class Excluded:
    datelines: int = 0
    other_values: dict[str, int] = field(default_factory=dict)


def score(
    document: GoldDocument, predicted: Iterable[Predicted], tally: Tally, excluded: Excluded
) -> None:
    """Add one document's counts to ``tally`` (see the module docstring for the rules)."""
    scored = [
        p
        for p in predicted
        if p.start < document.scored_end
        and not (document.dateline and _overlaps((p.start, p.end), document.dateline))
    ]
    for timex in document.timexes:
        if timex.kind != "DATE":
            continue
        if granularity_of(timex.value) is None:
            shape = re.sub(r"\d", "9", timex.value)
            excluded.other_values[shape] = excluded.other_values.get(shape, 0) + 1
            continue
        tally.gold += 1
        touching = [p for p in scored if _overlaps((p.start, p.end), (timex.start, timex.end))]
        if not touching:
            tally.misses.append(f"{document.name}\tmissed\t{timex.text!r} {timex.value}")
            continue
        tally.found += 1
        if any(resolved_right(timex.value, p) for p in touching):
            tally.right += 1
        else:
            got = "; ".join(f"{p.text!r} {p.value} {p.granularity}" for p in touching)
            tally.misses.append(f"{document.name}\twrong\t{timex.text!r} {timex.value}\t{got}")
    spans = [(t.start, t.end) for t in document.timexes]
    for p in scored:
        tally.predicted += 1
        if not any(_overlaps((p.start, p.end), span) for span in spans):
            tally.spurious += 1
            tally.misses.append(f"{document.name}\tspurious\t{p.text!r} {p.value}")


def run_ours(documents: Sequence[GoldDocument]) -> list[list[Predicted]]:
    from newsprism.nlp import make_nlp
    from newsprism.nlp.analysis import AnalysisInput, analyze_texts
    from newsprism.settings import load_settings

    nlp = make_nlp(load_settings())
    items = [AnalysisInput(d.name, d.text, published=d.dct[:10], language="en") for d in documents]
    return [
        [Predicted(t.start, t.end, t.text, t.date, t.granularity) for t in analysis.dates]
        for analysis in analyze_texts(nlp, items)
    ]


def _locate(text: str, phrase: str, start: int) -> tuple[int, int] | None:
    index = text.find(phrase, start)
    return (index, index + len(phrase)) if index >= 0 else None


def run_peer(document: GoldDocument) -> list[Predicted]:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    base = datetime.fromisoformat(document.dct[:10])
    settings = {"RELATIVE_BASE": base}
    found = search_dates(document.text, languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings)
    predicted: list[Predicted] = []
    cursor = 0
    for phrase, value in found:
        span = _locate(document.text, phrase, cursor)
        if span is None:
            continue
        cursor = span[1]
        period = parser.get_date_data(phrase).period or "day"
        granularity = "day" if period == "time" else period
        predicted.append(Predicted(span[0], span[1], phrase, value.date().isoformat(), granularity))
    return predicted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--format", choices=["meantime", "wikiwars"], default="meantime")
    parser.add_argument("--portion", choices=["dev", "test", "all"], default="dev")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--misses", action="store_true", help="list dev misses (ours)")
    args = parser.parse_args(argv)
    if args.misses and args.portion != "dev":
        parser.error("--misses lists the dev portion only")
    data = args.data or (DEFAULT_WIKIWARS if args.format == "wikiwars" else DEFAULT_DATA)
    if not data.is_dir():
        print(f"no corpus at {data}", file=sys.stderr)
        return 2
    documents = portion(read_corpus(data, args.format), args.portion)
    undated = sum(1 for d in documents if not d.dct)
    documents = [d for d in documents if d.dct]
    if args.limit:
        documents = documents[: args.limit]
    ours, peer, excluded, peer_excluded = Tally(), Tally(), Excluded(), Excluded()
    for document, predicted in zip(documents, run_ours(documents), strict=True):
        score(document, predicted, ours, excluded)
        score(document, run_peer(document), peer, peer_excluded)
        excluded.datelines += document.dateline is not None
    corpus = "WikiWars" if args.format == "wikiwars" else "MEANTIME English"
    print(f"{corpus}, {args.portion}: {len(documents)} documents, {ours.gold} gold dates")
    shapes = ", ".join(f"{k} {v}" for k, v in sorted(excluded.other_values.items()))
    anchors = "anchor dates" if args.format == "wikiwars" else "datelines"
    print(
        f"left out: {undated} documents without a creation time, {excluded.datelines} "
        f"{anchors}; other DATE values: {shapes or 'none'}"
    )
    print(ours.line("newsprism"))
    print(peer.line("dateparser"))
    if args.misses:
        print("\n".join(ours.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
