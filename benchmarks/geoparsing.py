"""Toponyms found and places within 161 km on public hand-annotated news corpora.

    PYTHONPATH=src .venv/bin/python benchmarks/geoparsing.py [--data DIR] [--corpus lgl|trnews]
        [--portion dev|test] [--limit N] [--misses N]

Corpora (read from a local copy, never shipped: ``--data`` defaults to ``/work/data/geo``):
``lgl.xml`` (Local-Global Lexicon, Lieberman et al. 2010: 588 US local news articles) and
``TR-News.xml`` (Kamalloo and Rafiei 2018: 118 news articles), both in the XML layout of the
"Pragmatic Guide to Geoparsing Evaluation" release (GPL-3.0): ``<article>`` with ``<text>``
and ``<toponym>`` elements carrying character offsets and a GeoNames point.

Portions: articles are taken in file order; every article at an even position is **dev**
(used to develop the rules), every article at an odd position is **test** (kept unseen while
developing: run it only to report). The default is dev.

Scored toponyms: gold toponyms with a GeoNames point, except adjectival demonyms and their
plurals ("Turkish" for Turkey, "Americans", which newsprism deliberately reads as nationality
words) -- the same exclusion
for both systems. A gold toponym is *found* when a predicted place overlaps its span;
*within 161 km* when that place's point lies within 161 km (100 miles) of the gold point,
counted over all scored gold toponyms (so a miss counts as wrong). Precision: predicted
places overlapping any gold toponym (demonyms included) over all predicted places.

Peer (same texts, same run): spaCy's NER spans labelled GPE, LOC or FAC, each geocoded to
the most populous gazetteer entry of that name ("most-populous-match" geocoding), the
baseline of the geoparsing literature.
"""

from __future__ import annotations

import argparse
import math
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path("/work/data/geo")
FILES = {"lgl": "lgl.xml", "trnews": "TR-News.xml"}
RADIUS_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class GoldArticle:
    docid: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True)
class Predicted:
    start: int
    end: int
    lat: float | None
    lon: float | None
    name: str


def read_corpus(path: Path) -> list[GoldArticle]:
    """Articles of a corpus in the Pragmatic-Guide XML layout."""
    root = ET.parse(path).getroot()
    articles = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for node in article.iter("toponym"):
            start, end = int(node.findtext("start") or 0), int(node.findtext("end") or 0)
            gaz = node.find("gaztag")
            lat = lon = None
            if gaz is not None and gaz.findtext("lat") and gaz.findtext("lon"):
                lat, lon = float(gaz.findtext("lat") or 0), float(gaz.findtext("lon") or 0)
            phrase = node.findtext("phrase") or text[start:end]
            toponyms.append(GoldToponym(start, end, phrase.strip(), lat, lon))
        articles.append(GoldArticle(article.get("docid", ""), text, tuple(toponyms)))
    return articles


def portion(articles: list[GoldArticle], name: str) -> list[GoldArticle]:
    """Even positions are dev, odd positions test."""
    return [a for i, a in enumerate(articles) if (i % 2 == 0) == (name == "dev")]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    within: int = 0
    predicted: int = 0
    correct_predicted: int = 0

    def line(self, label: str) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:.3f}" if b else "  -  "

        return (
            f"{label:<28} found {ratio(self.found, self.gold)}  "
            f"<=161km {ratio(self.within, self.gold)}  "
            f"precision {ratio(self.correct_predicted, self.predicted)}  "
            f"(gold {self.gold}, predicted {self.predicted})"
        )


def score(
    article: GoldArticle,
    predicted: list[Predicted],
    tally: Tally,
    excluded: frozenset[str],
    misses: list[str] | None = None,
) -> None:
    for place in predicted:
        tally.predicted += 1
        if any(place.start < g.end and g.start < place.end for g in article.toponyms):
            tally.correct_predicted += 1
        elif misses is not None:
            misses.append(f"  false  {article.docid}: {place.name!r}")
    for gold in article.toponyms:
        if gold.lat is None or gold.lon is None or _is_demonym(gold.phrase, excluded):
            continue
        tally.gold += 1
        hits = [p for p in predicted if p.start < gold.end and gold.start < p.end]
        if hits:
            tally.found += 1
        close = [
            p
            for p in hits
            if p.lat is not None
            and p.lon is not None
            and distance_km((p.lat, p.lon), (gold.lat, gold.lon)) <= RADIUS_KM
        ]
        if close:
            tally.within += 1
        elif misses is not None:
            where = article.text[max(0, gold.start - 40) : gold.end + 40].replace("\n", " ")
            kind = "far" if hits else "missed"
            misses.append(f"  {kind:<6} {article.docid}: {gold.phrase!r} in ...{where}...")


def _is_demonym(phrase: str, excluded: frozenset[str]) -> bool:
    """ "Turkish", "Americans": a nationality word or its plural."""
    word = phrase.lower()
    return word in excluded or (word.endswith("s") and word[:-1] in excluded)


def _ours(nlp: object, text: str) -> list[Predicted]:
    doc = nlp(text)  # type: ignore[operator]
    return [Predicted(p.start, p.end, p.lat, p.lon, p.text) for p in doc._.places]


def _peer(nlp: object, gazetteer: object, text: str) -> list[Predicted]:
    from newsprism.nlp.gazetteer import Gazetteer

    assert isinstance(gazetteer, Gazetteer)
    doc = nlp(text)  # type: ignore[operator]
    found = []
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "LOC", "FAC"}:
            continue
        candidates = gazetteer.candidates(ent.text)
        best = max(candidates, key=lambda c: c.population, default=None)
        found.append(
            Predicted(
                ent.start_char,
                ent.end_char,
                best.lat if best else None,
                best.lon if best else None,
                ent.text,
            )
        )
    return found


def _iter_progress(items: list[GoldArticle]) -> Iterator[GoldArticle]:
    for i, item in enumerate(items, 1):
        if i % 25 == 0:
            print(f"  ... {i}/{len(items)}", file=sys.stderr)
        yield item


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--corpus", choices=sorted(FILES), action="append")
    parser.add_argument("--portion", choices=["dev", "test"], default="dev")
    parser.add_argument("--limit", type=int, default=0, help="at most N articles per corpus")
    parser.add_argument("--misses", type=int, default=0, help="print N misses of ours")
    args = parser.parse_args(argv)
    corpora = args.corpus or sorted(FILES)
    missing = [FILES[c] for c in corpora if not (args.data / FILES[c]).exists()]
    if missing:
        print(f"skipped: corpus files not found under {args.data}: {', '.join(missing)}")
        return 0

    import spacy

    import newsprism.nlp.places  # noqa: F401  (registers the factory)
    from newsprism.lexicons import load_mapping
    from newsprism.nlp.gazetteer import load_gazetteer
    from newsprism.nlp.model import load_model

    ours_nlp = load_model()
    ours_nlp.add_pipe("newsprism_places")
    peer_nlp = spacy.load(ours_nlp.meta["lang"] + "_" + ours_nlp.meta["name"])
    gazetteer = load_gazetteer()
    excluded = frozenset(k.lower() for k in load_mapping("demonyms"))

    for corpus in corpora:
        articles = portion(read_corpus(args.data / FILES[corpus]), args.portion)
        if args.limit:
            articles = articles[: args.limit]
        ours, peer = Tally(), Tally()
        misses: list[str] = []
        for article in _iter_progress(articles):
            score(article, _ours(ours_nlp, article.text), ours, excluded, misses)
            score(article, _peer(peer_nlp, gazetteer, article.text), peer, excluded)
        print(f"{corpus} ({args.portion}, {len(articles)} articles)")
        print(ours.line("  newsprism"))
        print(peer.line("  peer (NER + most populous)"))
        for line in misses[: args.misses]:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
