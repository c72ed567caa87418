"""Attribution on PolNeAR (Political News Attribution Relations corpus) beside simple peers.

PolNeAR annotates every attribution in 1,008 US election news articles (2015-2016) as a
source, a cue and a content span in brat standoff files. Its licence does not say the
text may be shipped, so this script reads a local copy (``--data``, default
``/work/data/polnear`` or ``$POLNEAR_DIR``: the repository's ``data/`` folder with
``train/`` and ``dev/``); the corpus asks that its test split stay unseen, and this script
refuses to read it.

For each split it prints, for newsprism and for the peers run on the same texts:

- **found**: share of gold attributions whose content one extracted quote covers
  (overlap of at least half the shorter span), for all attributions, for direct ones
  (content in quotation marks), for indirect ones, and for indirect ones cued by
  "say"/"tell"/"according to" (the "X said that ...", "X told reporters ..." kind);
- **precision**: share of extracted quotes that cover some gold content;
- **speaker right**: among found attributions whose gold source is not a pronoun, the
  extracted speaker overlaps the gold source or shares its last name word;
- **cue right**: among found attributions, the verb that governs the extracted quote (for
  newsprism, from the shared grammar; for the peers, their own cue) lies in the gold cue;
- **cited sources found**: distinct non-pronoun gold sources of an article named as the
  origin of information, that a citation or a quote speaker of ours points at (peers: their
  speakers) at the source's first such gold mention. A gold attribution cites its source
  when its cue is a verb of saying, telling, writing or reporting, "according to", "citing"
  / "quoted", a document's finding ("polls show", "the study found") or a colon labelling
  a speaker (:data:`REPORT_CUES`); PolNeAR's other attributions are beliefs, wishes, stances
  and evaluations ("X thinks", "X supports", "X criticized"), whose holder is no cited
  source. "any mention" counts a source found when we point at any of its reporting gold
  mentions; "named sources, any cue" is the figure before this definition: every named
  source of any attribution, at its first mention.

A second newsprism column adds what our citations attribute: the project keeps
"according to X, ..." a citation, not a quote (gold/README.md), and the claims stage credits a
sentence's figures to a citation in it; that column counts, for each "according to"
citation whose sentence no quote covers, the sentence as content, the citation as speaker
and "according to" as cue (the peer's reading of "according to X").

Peers: textacy's ``direct_quotations`` (install with ``pip install -e '.[bench]'``; skipped
with a message when missing) and a plain "said"-pattern peer written here (the subject of a
say/tell verb and its clause, "according to X").

    python benchmarks/attribution_polnear.py --split train --limit 200
    python benchmarks/attribution_polnear.py --split dev
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATA = Path(os.environ.get("POLNEAR_DIR", "/work/data/polnear"))
ALLOWED_SPLITS = ("train", "dev")
PRONOUNS = {
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me",
    "who", "which", "that", "his", "their", "its", "our", "my", "your", "one", "this",
}  # fmt: skip
SAY_CUES = re.compile(r"\b(?:say|says|said|saying|tell|tells|told|telling|according)\b", re.I)
# Cues that name a source as the origin of information (issue 9's "cited source"): verbs of
# saying and telling, writing and posting, reporting and disclosing, citing and quoting, and
# a document's finding; a lone colon labels who speaks ("Roe: ..."). Stated here, apart from
# the project's own lexicons, so the measure does not follow what the extractors know.
REPORT_CUES = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|telling|according|"
    r"reports?|reported|reporting|writes?|wrote|written|writing|tweets?|tweeted|tweeting|"
    r"posts?|posted|posting|announc\w*|stat(?:e|es|ed|ing)|adds?|added|adding|"
    r"notes?|noted|noting|explain\w*|claim\w*|assert\w*|alleg\w*|confirm\w*|reveal\w*|"
    r"disclos\w*|acknowledg\w*|admit\w*|insist\w*|declar\w*|warn\w*|argu\w*|"
    r"respond\w*|repl(?:y|ies|ied|ying)|answer\w*|recall\w*|remark\w*|comment\w*|"
    r"mention\w*|observ\w*|testif\w*|stress\w*|emphasi[sz]\w*|point(?:s|ed|ing)? out|"
    r"conced\w*|den(?:y|ies|ied|ying)|cit(?:e|es|ed|ing)|quot(?:e|es|ed|ing)|"
    r"show|shows|showed|shown|showing|find|finds|found|finding|indicat\w*|estimat\w*|"
    r"suggest\w*|predict\w*)\b|^\s*:\s*$",
    re.I,
)
QUOTE_MARKS = set('“”"«»')
WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


@dataclass(frozen=True)
class GoldAttribution:
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    source_text: str
    cue_text: str
    direct: bool


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    gold: tuple[GoldAttribution, ...]


@dataclass(frozen=True)
class Predicted:
    """One extracted attribution: content range, speaker range/text, cue token range."""

    content: tuple[int, int]
    speaker: tuple[int, int] | None
    speaker_text: str | None
    cue: tuple[int, int] | None


@dataclass
class Tally:
    found: dict[str, list[int]] = field(
        default_factory=lambda: {k: [0, 0] for k in ("all", "direct", "indirect", "said")}
    )
    predicted: int = 0
    predicted_matched: int = 0
    speaker: list[int] = field(default_factory=lambda: [0, 0])
    cue: list[int] = field(default_factory=lambda: [0, 0])
    sources: list[int] = field(default_factory=lambda: [0, 0])
    sources_any: list[int] = field(default_factory=lambda: [0, 0])
    sources_all_cues: list[int] = field(default_factory=lambda: [0, 0])


# --- reading PolNeAR ---------------------------------------------------------------------


def _ranges(field_text: str) -> tuple[int, int] | None:
    """brat "Type start end[;start end]" -> the covering range."""
    numbers = [int(n) for n in re.findall(r"\d+", field_text.split(" ", 1)[1])]
    return (min(numbers), max(numbers)) if numbers else None


def read_ann(path: Path, text: str) -> tuple[GoldAttribution, ...]:
    spans: dict[str, tuple[str, tuple[int, int] | None]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            spans[parts[0]] = (parts[1].split(" ", 1)[0], _ranges(parts[1]))
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            events.append(roles)
    found: list[GoldAttribution] = []
    for roles in events:
        content = spans.get(roles.get("Content", ""), ("", None))[1]
        if content is None:
            continue
        cue = spans.get(roles.get("Cue", ""), ("", None))[1]
        source = spans.get(roles.get("Source", ""), ("", None))[1]
        content_text = text[content[0] : content[1]]
        found.append(
            GoldAttribution(
                content=content,
                cue=cue,
                source=source,
                source_text=text[source[0] : source[1]] if source else "",
                cue_text=text[cue[0] : cue[1]] if cue else "",
                direct=any(ch in QUOTE_MARKS for ch in content_text),
            )
        )
    return tuple(found)


def read_split(data: Path, split: str, limit: int | None) -> list[Article]:
    if split not in ALLOWED_SPLITS:
        raise SystemExit(
            f"error: split {split!r} is not allowed (PolNeAR's test split stays unseen)"
        )
    root = data / "data" / split if (data / "data").is_dir() else data / split
    texts = sorted((root / "text").glob("*.txt"))
    annotations = {
        p.name.rsplit("_", 1)[0]: p for p in sorted((root / "attributions").glob("*.ann"))
    }
    articles: list[Article] = []
    for path in texts:
        ann = annotations.get(path.stem)
        if ann is None:
            continue
        text = path.read_text(encoding="utf-8")
        articles.append(Article(path.stem, text, read_ann(ann, text)))
        if limit and len(articles) >= limit:
            break
    return articles


# --- extractors ----------------------------------------------------------------------------


def newsprism_extract(
    docs: Iterable[object],
) -> Iterator[tuple[list[Predicted], list[tuple[int, int]]]]:
    from spacy.tokens import Doc

    from newsprism.nlp.grammar import governing_verb

    for doc in docs:
        assert isinstance(doc, Doc)
        predicted: list[Predicted] = []
        for quote in doc._.quotes or ():
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            verb = governing_verb(span) if span is not None and len(span) else None
            speaker = (
                (quote.speaker_start, quote.speaker_end)
                if quote.speaker_start is not None and quote.speaker_end is not None
                else None
            )
            cue = (verb.idx, verb.idx + len(verb.text)) if verb is not None else None
            predicted.append(Predicted((quote.start, quote.end), speaker, quote.speaker, cue))
        cited = [(c.start, c.end) for c in doc._.citations or ()]
        cited += [p.speaker for p in predicted if p.speaker]
        yield predicted, cited


def according_clauses(doc: object, predicted: list[Predicted]) -> list[Predicted]:
    """The sentences our "according to" citations attribute, where no quote covers them."""
    from spacy.tokens import Doc

    assert isinstance(doc, Doc)
    found: list[Predicted] = []
    for citation in doc._.citations or ():
        if not citation.text.lower().startswith("according"):
            continue
        span = doc.char_span(citation.start, citation.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        sentence = span[0].sent
        content = (sentence.start_char, sentence.end_char)
        if any(_overlap(p.content, content) > 0 for p in predicted + found):
            continue
        cue = (citation.start, citation.start + len("according to"))
        found.append(Predicted(content, (citation.start, citation.end), citation.source, cue))
    return found


def said_peer(doc: object) -> list[Predicted]:
    """The plain peer: "X said (that) ...", "X told Y ...", "according to X, ..."."""
    from spacy.tokens import Doc

    assert isinstance(doc, Doc)
    found: list[Predicted] = []
    for token in doc:
        if token.lemma_.lower() in {"say", "tell"} and token.pos_ in {"VERB", "AUX"}:
            subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            clause = next((c for c in token.children if c.dep_ in {"ccomp", "parataxis"}), None)
            if clause is None:
                continue
            start, end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
            speaker = (subject.left_edge.idx, subject.idx + len(subject.text)) if subject else None
            found.append(
                Predicted(
                    (start, end),
                    speaker,
                    subject.text if subject is not None else None,
                    (token.idx, token.idx + len(token.text)),
                )
            )
        elif (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            to = doc[token.i + 1]
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            sentence = token.sent
            found.append(
                Predicted(
                    (sentence.start_char, sentence.end_char),
                    (obj.left_edge.idx, obj.idx + len(obj.text)),
                    obj.text,
                    (token.idx, to.idx + len(to.text)),
                )
            )
    return found


def textacy_peer(doc: object) -> list[Predicted] | None:
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    found: list[Predicted] = []
    try:
        triples = list(direct_quotations(doc))
    except Exception:  # textacy raises on some texts (unbalanced quotes); count none there
        return []
    for triple in triples:
        speaker = triple.speaker
        cue = triple.cue
        content = triple.content
        found.append(
            Predicted(
                (content.start_char, content.end_char),
                (speaker[0].idx, speaker[-1].idx + len(speaker[-1].text)) if speaker else None,
                " ".join(t.text for t in speaker) if speaker else None,
                (cue[0].idx, cue[-1].idx + len(cue[-1].text)) if cue else None,
            )
        )
    return found


# --- scoring -----------------------------------------------------------------------------


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def covers(pred: tuple[int, int], gold: tuple[int, int]) -> bool:
    shorter = min(pred[1] - pred[0], gold[1] - gold[0])
    return shorter > 0 and _overlap(pred, gold) >= 0.5 * shorter


def _is_pronoun(text: str) -> bool:
    words = text.lower().split()
    return not words or (len(words) <= 2 and words[-1] in PRONOUNS)


def speaker_right(pred: Predicted, gold: GoldAttribution) -> bool:
    if gold.source is None:
        return False
    if pred.speaker is not None and _overlap(pred.speaker, gold.source) > 0:
        return True
    if not pred.speaker_text:
        return False
    said = [w.lower().strip(".’'") for w in WORD.findall(pred.speaker_text)]
    gold_words = {w.lower().strip(".’'") for w in WORD.findall(gold.source_text)}
    return bool(said) and said[-1] in gold_words


def score(
    article: Article, predicted: list[Predicted], cited: list[tuple[int, int]], tally: Tally
) -> None:
    tally.predicted += len(predicted)
    tally.predicted_matched += sum(
        1 for p in predicted if any(covers(p.content, g.content) for g in article.gold)
    )
    for gold in article.gold:
        kinds = ["all", "direct" if gold.direct else "indirect"]
        if not gold.direct and SAY_CUES.search(gold.cue_text):
            kinds.append("said")
        match = next((p for p in predicted if covers(p.content, gold.content)), None)
        for kind in kinds:
            tally.found[kind][1] += 1
            tally.found[kind][0] += match is not None
        if match is None:
            continue
        if gold.source is not None and not _is_pronoun(gold.source_text):
            tally.speaker[1] += 1
            tally.speaker[0] += speaker_right(match, gold)
        if gold.cue is not None:
            tally.cue[1] += 1
            tally.cue[0] += match.cue is not None and _overlap(match.cue, gold.cue) > 0
    every_cue = _named_sources(article.gold, reporting_only=False)
    tally.sources_all_cues[1] += len(every_cue)
    tally.sources_all_cues[0] += sum(
        1 for spans in every_cue.values() if _pointed_at(spans[:1], cited)
    )
    reporting = _named_sources(article.gold, reporting_only=True)
    tally.sources[1] += len(reporting)
    tally.sources[0] += sum(1 for spans in reporting.values() if _pointed_at(spans[:1], cited))
    tally.sources_any[1] += len(reporting)
    tally.sources_any[0] += sum(1 for spans in reporting.values() if _pointed_at(spans, cited))


def is_report_cue(cue_text: str) -> bool:
    """Whether a gold cue names its source as the origin of information (:data:`REPORT_CUES`)."""
    return bool(REPORT_CUES.search(cue_text))


def _named_sources(
    gold: Iterable[GoldAttribution], *, reporting_only: bool
) -> dict[str, list[tuple[int, int]]]:
    """Distinct non-pronoun sources (by lower-cased text) -> their gold mentions in order."""
    named: dict[str, list[tuple[int, int]]] = {}
    for item in gold:
        if item.source is None or _is_pronoun(item.source_text):
            continue
        if reporting_only and not is_report_cue(item.cue_text):
            continue
        named.setdefault(item.source_text.lower(), []).append(item.source)
    return named


def _pointed_at(spans: list[tuple[int, int]], cited: list[tuple[int, int]]) -> bool:
    return any(_overlap(span, c) > 0 for span in spans for c in cited)


def _ratio(pair: list[int]) -> str:
    return f"{pair[0] / pair[1]:.3f} ({pair[0]}/{pair[1]})" if pair[1] else "-"


def report(split: str, tallies: dict[str, Tally], articles: int, seconds: float) -> None:
    print(f"\nPolNeAR {split}: {articles} articles ({seconds:.0f} s for newsprism's pipeline)")
    rows = [
        ("attributions found (all)", lambda t: _ratio(t.found["all"])),
        ("  direct (quoted) found", lambda t: _ratio(t.found["direct"])),
        ("  indirect found", lambda t: _ratio(t.found["indirect"])),
        ("  indirect, say/tell/according", lambda t: _ratio(t.found["said"])),
        ("precision of quotes", lambda t: _ratio([t.predicted_matched, t.predicted])),
        ("speaker right (named gold)", lambda t: _ratio(t.speaker)),
        ("cue right", lambda t: _ratio(t.cue)),
        ("cited sources found", lambda t: _ratio(t.sources)),
        ("  any mention", lambda t: _ratio(t.sources_any)),
        ("named sources, any cue (old)", lambda t: _ratio(t.sources_all_cues)),
    ]
    names = list(tallies)
    print(f"{'measure':34}" + "".join(f"{n:>24}" for n in names))
    for label, value in rows:
        print(f"{label:34}" + "".join(f"{value(tallies[n]):>24}" for n in names))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", action="append", choices=ALLOWED_SPLITS)
    parser.add_argument("--limit", type=int, default=None, help="first N articles of a split")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: no local PolNeAR copy at {args.data} (set --data or POLNEAR_DIR)")
        return 0
    from newsprism.nlp.analysis import make_nlp
    from newsprism.settings import Settings

    nlp = make_nlp(Settings())
    for split in args.split or ["train", "dev"]:
        articles = read_split(args.data, split, args.limit)
        if not articles:
            print(f"skipped: no {split} articles under {args.data}")
            continue
        tallies = {
            "newsprism": Tally(),
            "+ according-to": Tally(),
            "said-pattern peer": Tally(),
            "textacy (direct)": Tally(),
        }
        began = time.perf_counter()
        docs = list(nlp.pipe((a.text for a in articles), batch_size=8))
        seconds = time.perf_counter() - began
        have_textacy = True
        for article, doc, (predicted, cited) in zip(
            articles, docs, newsprism_extract(docs), strict=True
        ):
            score(article, predicted, cited, tallies["newsprism"])
            score(
                article,
                predicted + according_clauses(doc, predicted),
                cited,
                tallies["+ according-to"],
            )
            peer = said_peer(doc)
            score(
                article, peer, [p.speaker for p in peer if p.speaker], tallies["said-pattern peer"]
            )
            direct = textacy_peer(doc)
            if direct is None:
                have_textacy = False
            else:
                score(
                    article,
                    direct,
                    [p.speaker for p in direct if p.speaker],
                    tallies["textacy (direct)"],
                )
        if not have_textacy:
            del tallies["textacy (direct)"]
            print("textacy not installed (pip install -e '.[bench]'): its column is left out")
        report(split, tallies, len(articles), seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
