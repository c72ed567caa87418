"""Exports: records of one kind written as JSON lines, CSV, Parquet or GeoJSON.

Field names follow DESIGN.md; extra fields come after them. Nested values are
JSON-encoded in CSV.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Connection, Engine

from newsprism.compare.corpus import Corpus, StoryComparison, compare_corpus, load_corpus
from newsprism.errors import InputError
from newsprism.lexicons import load_mapping
from newsprism.nlp.languages import analyses_for, coverage_note
from newsprism.settings import Settings
from newsprism.store.analysis import load_actors, load_facts
from newsprism.store.articles import load_articles

Record = dict[str, Any]


class ExportContext:
    """What exports read: the store, and (loaded once, when asked) the compared corpus."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings

    @cached_property
    def corpus(self) -> Corpus:
        return load_corpus(self.engine)

    @cached_property
    def comparisons(self) -> list[StoryComparison]:
        return compare_corpus(self.corpus, settings=self.settings)


RecordSource = Callable[[ExportContext], Iterator[Record]]

FORMATS = ("jsonl", "csv", "parquet", "geojson", "acled")
"""``acled`` is for events only: one ACLED-style CSV row per story event."""


def article_records(conn: Connection) -> Iterator[Record]:
    for article in load_articles(conn):
        yield {
            "id": article.id,
            "source": article.source,
            "url": article.url,
            "outlet": article.outlet,
            "title": article.title,
            "author": article.author,
            "published": article.published.value,
            "language": article.language,
            "analyses": list(analyses_for(article.language)),
            "analysis_note": coverage_note(article.language),
            "text": article.text,
            "duplicate_of": article.duplicate_of,
            "story_id": article.story_id,
            "format": article.format,
            "published_method": article.published.method,
            "published_confidence": article.published.confidence,
            "published_evidence": article.published.evidence,
            "published_hints": {kind: value for kind, value in article.published.hints},
            "duplicate_kind": article.duplicate_kind,
            "content_hash": article.content_hash,
            "removed": [
                {"text": r.text, "reason": r.reason, "line": r.line} for r in article.removed
            ],
            "found_by": dict(article.found_by),
        }


EVENT_FIELDS = (
    "id",
    "story_id",
    "type",
    "date",
    "place",
    "lat",
    "lon",
    "geo_precision",
    "time_precision",
    "actor",
    "target",
    "count",
    "article_ids",
)
FRAMING_FIELDS = (
    "story_id",
    "outlet",
    "labels",
    "quoted_labels",
    "label_groups",
    "narratives",
    "hedges",
    "loaded_terms",
    "rhetorical_questions",
    "quote_share",
    "voices",
    "cited_sources",
)

FACT_FIELDS: dict[str, tuple[str, ...]] = {
    "places": (
        "article_id",
        "text",
        "name",
        "geonames_id",
        "lat",
        "lon",
        "country_code",
        "feature",
        "start",
        "end",
    ),
    "dates": ("article_id", "text", "date", "start", "end"),
    "quotes": ("article_id", "speaker", "speaker_id", "text", "kind", "start", "end"),
    "citations": ("article_id", "source", "kind", "originator", "start", "end"),
    "claims": (
        "article_id",
        "outlet",
        "category",
        "value_min",
        "value_max",
        "qualifier",
        "who",
        "place",
        "date",
        "attributed_to",
        "relayed_by",
        "text",
        "start",
        "end",
    ),
}
"""DESIGN.md's fields first; every other field of the fact follows."""


def _ordered(record: Record, first: tuple[str, ...]) -> Record:
    return {key: record.get(key) for key in first} | {
        key: value for key, value in record.items() if key not in first
    }


def _fact_source(kind: str) -> Callable[[Connection], Iterator[Record]]:
    def records(conn: Connection) -> Iterator[Record]:
        for fact in load_facts(conn, kind):
            yield _ordered(asdict(fact), FACT_FIELDS[kind])

    return records


def entity_records(conn: Connection) -> Iterator[Record]:
    """Mentions of people and organisations with the corpus-wide actor they belong to."""
    by_id = {actor.id: actor for actor in load_actors(conn)}
    for mention in load_facts(conn, "mentions"):
        actor = by_id.get(mention.actor_id) if mention.actor_id else None
        yield {
            "article_id": mention.article_id,
            "text": mention.text,
            "label": mention.label,
            "actor_id": mention.actor_id,
            "actor": actor.name if actor else None,
            "kind": actor.kind if actor else None,
            "role": actor.role if actor else None,
            "start": mention.start,
            "end": mention.end,
        }


def _stored(source: Callable[[Connection], Iterator[Record]]) -> RecordSource:
    def records(ctx: ExportContext) -> Iterator[Record]:
        with ctx.engine.connect() as conn:
            yield from source(conn)

    return records


def story_records(ctx: ExportContext) -> Iterator[Record]:
    outlets = {a.id: a.outlet for a in ctx.corpus.articles}
    for story in ctx.corpus.stories:
        yield {
            "id": story.id,
            "title": story.title,
            "first_date": story.first_date,
            "last_date": story.last_date,
            "terms": list(story.terms),
            "article_ids": list(story.article_ids),
            "outlets": sorted({outlets.get(i) or i for i in story.article_ids}),
        }


def comparison_records(ctx: ExportContext) -> Iterator[Record]:
    languages = {article.id: article.language for article in ctx.corpus.articles}
    for comparison in ctx.comparisons:
        for index, group in enumerate(comparison.ledger):
            yield {
                "story_id": group.story_id,
                "category": group.category,
                "who": group.who,
                "status": group.status,
                "independent_sources": group.independent_sources,
                "reports": [
                    {
                        "outlet": r.outlet,
                        "article_id": r.article_id,
                        "value_min": r.value_min,
                        "value_max": r.value_max,
                        "date": r.date,
                        "attributed_to": r.attributed_to,
                        "retracted": r.retracted,
                        "qualifier": r.qualifier,
                        "relayed_by": r.relayed_by,
                        "published": r.published,
                        "text": r.text,
                        "start": r.start,
                        "end": r.end,
                        "language": languages.get(r.article_id),
                        "stated": r.stated,
                        "approximate": r.approximate,
                        "covers": r.covers,
                        "originator": r.originator,
                        "rising": r.rising,
                        "site": r.site,
                        "operation": r.operation,
                    }
                    for r in group.reports
                ],
                "place": group.place,
                "headline_min": group.headline_min,
                "headline_max": group.headline_max,
                "headline_rule": group.headline_rule,
                "why": group.why,
                "index": index,
                "scope": group.scope,
                "parent": group.parent,
                "latest_min": group.latest_min,
                "latest_max": group.latest_max,
                "group_labels": list(group.group_labels),
                "series": [
                    {
                        "originator": series.originator,
                        "reports": list(series.report_indexes),
                        "latest_min": series.latest_min,
                        "latest_max": series.latest_max,
                        "latest_stated": series.latest_stated,
                    }
                    for series in group.series
                ],
            }


def framing_records(ctx: ExportContext) -> Iterator[Record]:
    for comparison in ctx.comparisons:
        for framing in comparison.framings:
            record = asdict(framing)
            yield _ordered(record, FRAMING_FIELDS)


def relay_records(ctx: ExportContext) -> Iterator[Record]:
    for comparison in ctx.comparisons:
        for edge in comparison.relays:
            yield asdict(edge)


def event_records(ctx: ExportContext) -> Iterator[Record]:
    """Events per story: one record per distinct event, with every article that reports it."""
    for comparison in ctx.comparisons:
        for event in comparison.events:
            record = asdict(event)
            if comparison.story.id.startswith("article-"):
                record["story_id"] = None
            yield _ordered(record, EVENT_FIELDS)


_TIME_PRECISION_CODES = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION_CODES = {"exact": 1, "region": 2, "country": 3}


def _country_names(corpus: Corpus) -> dict[str, str]:
    """Place name -> country name, from the places the corpus geocoded."""
    import pycountry

    names: dict[str, str] = {}
    for analysis in corpus.analyses.values():
        for place in analysis.places:
            if place.country_code and place.name not in names:
                country = pycountry.countries.get(alpha_2=place.country_code)
                names[place.name] = country.name if country else place.country_code
    return names


ACLED_REFINED_TYPES = ("attack", "kill")
"""newsprism event types whose ACLED type the event's own words refine (acled_sub_events.txt)."""


def acled_type(
    event_type: str,
    texts: Sequence[str],
    mapping: Mapping[str, Sequence[str]],
    refinements: Sequence[tuple[str, Sequence[str]]],
) -> tuple[str, str, str]:
    """(disorder type, event type, sub-event type) of one event for the ACLED-style export:
    the type's row, refined for attacks and killings by the first ``refinements`` word that
    starts a word (or, for two words, a word pair) of the event's sentences."""
    row = list(mapping.get(event_type) or ["", "", ""])
    if event_type in ACLED_REFINED_TYPES:
        words = [w for text in texts for w in re.findall(r"[a-z][a-z-]*", text.lower())]
        pairs = [f"{a} {b}" for a, b in pairwise(words)]
        for cue, refined in refinements:
            pool = pairs if " " in cue else words
            if any(w.startswith(cue) for w in pool):
                row = list(refined)
                break
    padded = [*row, "", "", ""]
    return padded[0], padded[1], padded[2]


def acled_records(ctx: ExportContext) -> Iterator[Record]:
    """Story events as ACLED-style rows (docs/events.md, lexicons/acled_event_types.txt and
    lexicons/acled_sub_events.txt)."""
    mapping = {
        term: value.split("\t")
        for term, value in load_mapping("acled_event_types", ctx.settings).items()
    }
    refinements = [
        (cue.lower(), value.split("\t"))
        for cue, value in load_mapping("acled_sub_events", ctx.settings).items()
    ]
    countries = _country_names(ctx.corpus)
    for comparison in ctx.comparisons:
        for event in comparison.events:
            disorder, event_type, sub_event = acled_type(
                event.type, [r.text for r in event.reports], mapping, refinements
            )
            outlets = sorted({r.outlet or r.article_id for r in event.reports})
            first = event.reports[0]
            yield {
                "event_id_cnty": event.id,
                "event_date": event.date,
                "year": event.date[:4] if event.date else None,
                "time_precision": _TIME_PRECISION_CODES.get(event.time_precision or ""),
                "disorder_type": disorder,
                "event_type": event_type,
                "sub_event_type": sub_event,
                "actor1": event.actor,
                "actor2": event.target,
                "country": countries.get(event.place or ""),
                "location": event.place,
                "latitude": event.lat,
                "longitude": event.lon,
                "geo_precision": _GEO_PRECISION_CODES.get(event.geo_precision or ""),
                "source": "; ".join(outlets),
                "notes": first.text,
                "fatalities": int(event.count) if event.type == "kill" and event.count else 0,
                "tags": f"newsprism_type={event.type}; story={event.story_id}",
                "article_ids": ";".join(event.article_ids),
                "evidence": f"{first.article_id}:{first.start}-{first.end}",
            }


EXPORT_KINDS: dict[str, RecordSource] = {
    "articles": _stored(article_records),
    "entities": _stored(entity_records),
    "places": _stored(_fact_source("places")),
    "dates": _stored(_fact_source("dates")),
    "quotes": _stored(_fact_source("quotes")),
    "citations": _stored(_fact_source("citations")),
    "claims": _stored(_fact_source("claims")),
    "events": event_records,
    "stories": story_records,
    "comparisons": comparison_records,
    "framing": framing_records,
    "relays": relay_records,
}


FORMAT_KINDS: dict[str, tuple[str, ...]] = {
    "geojson": ("events", "places"),
    "acled": ("events",),
}
"""Formats that apply to some kinds only (points need coordinates; ACLED rows are events)."""


def check_format(kind: str, fmt: str) -> None:
    """Refuse a format that does not apply to ``kind``, naming the kinds it applies to."""
    kinds = FORMAT_KINDS.get(fmt)
    if kinds is not None and kind not in kinds:
        raise InputError(
            f"the {fmt} format applies to {' and '.join(kinds)} only, not to {kind}",
            where="export",
        )


def export_records(engine: Engine, kind: str, *, settings: Settings | None = None) -> list[Record]:
    source = EXPORT_KINDS.get(kind)
    if source is None:
        raise InputError(
            f"unknown export kind {kind!r}; choose from {', '.join(sorted(EXPORT_KINDS))}",
            where="export",
        )
    return list(source(ExportContext(engine, settings or Settings())))


def export_acled(engine: Engine, *, settings: Settings | None = None) -> list[Record]:
    """Story events as ACLED-style CSV records."""
    return list(acled_records(ExportContext(engine, settings or Settings())))


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """One CSV cell, safe to open in a spreadsheet.

    Article text is untrusted: a cell starting with ``= + - @``, a tab or a carriage return
    would run as a formula in Excel, LibreOffice or Google Sheets, so such text cells are
    prefixed with ``'`` (OWASP's advice on CSV injection). Numbers are left as numbers.
    """
    if isinstance(value, (dict, list, tuple)):
        value = json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_jsonl(records: Iterable[Record], stream: TextIO) -> None:
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_csv(records: list[Record], stream: TextIO) -> None:
    columns: list[str] = []
    for record in records:
        columns.extend(key for key in record if key not in columns)
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({key: csv_cell(record.get(key)) for key in columns})


def write_geojson(records: list[Record], stream: TextIO) -> None:
    features = []
    for record in records:
        lat, lon = record.get("lat"), record.get("lon")
        if lat is None or lon is None:
            continue
        properties = {k: v for k, v in record.items() if k not in {"lat", "lon"}}
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": properties,
            }
        )
    json.dump({"type": "FeatureCollection", "features": features}, stream, ensure_ascii=False)
    stream.write("\n")


def write_parquet(records: list[Record], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [
        {
            k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list, tuple)) else v)
            for k, v in record.items()
        }
        for record in records
    ]
    pq.write_table(pa.Table.from_pylist(rows), path)


def write_records(
    records: list[Record], *, fmt: str, stream: TextIO | None = None, path: Path | None = None
) -> None:
    """Write ``records`` as ``fmt`` to ``path`` (or ``stream`` for the text formats)."""
    if fmt not in FORMATS:
        raise InputError(
            f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}", where="export"
        )
    if fmt == "parquet":
        if path is None:
            raise InputError("parquet is binary: name a file with -o", where="export")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_parquet(records, path)
        except OSError as exc:
            raise InputError(
                f"cannot write the export: {exc.strerror or exc}", where=str(path)
            ) from exc
        return
    writers: dict[str, Callable[[list[Record], TextIO], None]] = {
        "jsonl": write_jsonl,
        "csv": write_csv,
        "acled": write_csv,
        "geojson": write_geojson,
    }
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="") as handle:
                writers[fmt](records, handle)
        except OSError as exc:
            raise InputError(
                f"cannot write the export: {exc.strerror or exc}", where=str(path)
            ) from exc
    elif stream is not None:
        writers[fmt](records, stream)
    else:
        raise InputError("nowhere to write the export", where="export")
