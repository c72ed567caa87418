"""The briefing: one JSON-able dict per corpus holding what each story's coverage says.

For each story: its articles, key figures from the claim ledger (status, headline,
independent sources, each figure's history), a timeline of events by day, the places
with what happened there, the outlets side by side (framing, voices, relays, the
user's reliability note) and what is partial. Every statement carries an
``evidence`` id pointing into the briefing's ``evidence`` list, which holds the
article id, character offsets and sentence. Markdown and HTML are rendered from this
dict alone, so the JSON carries everything they show.

Re-posts (``duplicate_of`` set) are listed with their story but add nothing to the
timeline, places or mention counts: they count once, through their original.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from newsprism.compare.timeline import EventReport, StoryEvent, merge_story_events
from newsprism.errors import NotFound
from newsprism.ingest.sources import source_label
from newsprism.models import (
    AnchoredDate,
    Article,
    ArticleAnalysis,
    ClaimGroup,
    ClaimReport,
    OutletFraming,
    Place,
    RelayEdge,
    Story,
)
from newsprism.nlp.languages import ENGLISH_ANALYSES, analyses_for, coverage_note
from newsprism.report.charts import figure_history_spec, history_drawing
from newsprism.report.evidence import EvidenceIndex

SCHEMA = "newsprism.briefing/1"
FLAGGED_STATUSES = ("conflicting", "single_source", "retracted")
STATUS_LABELS = {
    "corroborated": "corroborated",
    "conflicting": "conflicting",
    "single_source": "single source",
    "updated": "updated over time",
    "retracted": "retracted",
}
SAME_PLACE_DEGREES = 0.01
"""Events within this many degrees of a place are drawn at that place."""
MENTION_SAMPLES = 3
"""Evidence links kept per map point for its place mentions."""

_NO_NOTES: Mapping[str, str] = MappingProxyType({})
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")
_STATED_DATE_METHODS = {"record", "page_metadata", "url"}


# --- numbers -----------------------------------------------------------------


def format_number(value: float) -> str:
    """2000.0 -> "2,000"; 2.5 -> "2.5"."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def describe_value(value_min: float | None, value_max: float | None, qualifier: str) -> str:
    """A reported figure in words, as its qualifier reads ("at least 2,000", "12-100")."""
    low = format_number(value_min) if value_min is not None else None
    high = format_number(value_max) if value_max is not None else None
    if low is None and high is None:
        return "unknown"
    if qualifier == "at_least":
        return f"at least {low or high}"
    if qualifier == "more_than":
        return f"more than {low or high}"
    if qualifier == "up_to":
        return f"up to {high or low}"
    if qualifier == "about":
        return f"about {low or high}" if low == high or high is None else f"about {low}-{high}"
    span = low if high == low or high is None else f"{low or 0}-{high}"
    if qualifier == "vague":
        return f"{span} or more (vague)" if high is None else f"{span} (vague)"
    return span or "unknown"


def describe_headline(value_min: float | None, value_max: float | None) -> str:
    if value_min is None and value_max is None:
        return "no headline figure"
    if value_max is None:
        return f"{format_number(value_min or 0)} or more"
    if value_min is None or value_min == value_max:
        return format_number(value_max)
    return f"{format_number(value_min)}-{format_number(value_max)}"


# --- articles ----------------------------------------------------------------


def _published_note(article: Article, anchored: AnchoredDate | None) -> str:
    """How the publication date was obtained, in words, when it was not stated outright."""
    method = article.published.method
    if anchored is not None or "story" in method or "anchor" in method:
        return "publication date inferred from the story"
    if article.published.value is None:
        return "publication date unknown"
    if method.startswith("text"):
        return "publication date inferred from the text"
    if method in _STATED_DATE_METHODS:
        return ""
    return f"publication date from {method.replace('_', ' ')}"


def _article_entry(article: Article, anchored: AnchoredDate | None) -> dict[str, Any]:
    published = anchored.value if anchored is not None else article.published.value
    return {
        "id": article.id,
        "outlet": article.outlet or article.source,
        "title": article.title,
        "source": source_label(article.source),
        "url": article.url,
        "published": published,
        "published_method": anchored.method if anchored else article.published.method,
        "published_note": _published_note(article, anchored),
        "duplicate_of": article.duplicate_of,
        "language": article.language,
        "analyses": list(analyses_for(article.language)),
        "analysis_note": _analysis_note(article.language),
    }


def _analysis_note(language: str | None) -> str:
    """Empty for a fully analysed (English) article, else which analyses ran, or none."""
    if analyses_for(language) == ENGLISH_ANALYSES:
        return ""
    return f"{language}: {coverage_note(language)}"


# --- figures -----------------------------------------------------------------


def _report_entry(report: ClaimReport, evidence: EvidenceIndex) -> dict[str, Any]:
    return {
        "outlet": report.outlet,
        "article_id": report.article_id,
        "value_min": report.value_min,
        "value_max": report.value_max,
        "qualifier": report.qualifier,
        "value_text": describe_value(report.value_min, report.value_max, report.qualifier),
        "date": report.date,
        "published": report.published,
        "attributed_to": report.attributed_to,
        "relayed_by": report.relayed_by,
        "retracted": report.retracted,
        "stated": report.stated,
        "stated_text": (f"~{report.stated}" if report.approximate else report.stated)
        if report.stated
        else "undated",
        "covers": report.covers,
        "originator": report.originator,
        "text": report.text,
        "start": report.start,
        "end": report.end,
        "evidence": evidence.link(report.article_id, report.start, report.end, span=report.text),
        "language": evidence.language(report.article_id),
    }


def _headline_text(group: ClaimGroup) -> str:
    """The headline in words, with the qualifier of the report it was taken from if any."""
    source = next(
        (
            r
            for r in group.reports
            if (r.value_min, r.value_max) == (group.headline_min, group.headline_max)
        ),
        None,
    )
    if source is not None:
        return describe_value(source.value_min, source.value_max, source.qualifier)
    return describe_headline(group.headline_min, group.headline_max)


def _in_time_order(reports: Sequence[ClaimReport]) -> list[ClaimReport]:
    """A figure's history by publication date (else the claim's date).

    The ledger's own order is kept when a report's time is unknown: it may know
    better (dates anchored by the story).
    """
    if any(not (r.published or r.date) for r in reports):
        return list(reports)
    return sorted(reports, key=lambda r: (r.published or r.date or "", r.date or ""))


def _figure_entry(
    group: ClaimGroup,
    anchor: str,
    evidence: EvidenceIndex,
    parent: str | None = None,
    depth: int = 0,
) -> dict[str, Any]:
    reports = list(group.reports) if group.series else _in_time_order(group.reports)
    return {
        "id": anchor,
        "scope": group.scope,
        "parent": parent,
        "depth": min(depth, 3),
        "latest": describe_headline(group.latest_min, group.latest_max)
        if group.latest_min is not None or group.latest_max is not None
        else None,
        "series": [
            {
                "originator": s.originator,
                "reports": len(s.report_indexes),
                "latest": describe_headline(s.latest_min, s.latest_max),
                "latest_stated": s.latest_stated,
            }
            for s in group.series
        ],
        "group_labels": list(group.group_labels),
        "chart": history_drawing(group),
        "chart_spec": figure_history_spec(group),
        "category": group.category,
        "who": group.who,
        "place": group.place,
        "status": group.status,
        "status_label": STATUS_LABELS.get(group.status, group.status.replace("_", " ")),
        "flagged": group.status in FLAGGED_STATUSES,
        "independent_sources": group.independent_sources,
        "outlets": sorted({r.outlet for r in group.reports}),
        "headline": {
            "min": group.headline_min,
            "max": group.headline_max,
            "rule": group.headline_rule,
            "text": _headline_text(group),
        },
        "why": group.why,
        "reports": [_report_entry(report, evidence) for report in reports],
    }


# --- timeline ----------------------------------------------------------------


def _day_key(event: StoryEvent) -> tuple[str, str]:
    """(key, precision) the event is filed under: a day, or a coarser period as given."""
    assert event.date is not None
    precision = event.time_precision or ("day" if len(event.date) >= 10 else "period")
    if precision == "day":
        return event.date[:10], "day"
    return event.date, precision


def _period_label(key: str, precision: str) -> str:
    """How a timeline heading reads: the day, or only as much of the date as is known."""
    if precision == "year":
        return f"{key[:4]} (year)"
    if precision == "month":
        return f"{key[:7]} (month)"
    if precision == "week":
        return f"week of {key[:10]}"
    return key if precision == "day" else f"{key} ({precision})"


def _event_report(report: EventReport, evidence: EvidenceIndex) -> dict[str, Any]:
    return {
        "outlet": report.outlet or report.article_id,
        "article_id": report.article_id,
        "actor": report.actor,
        "target": report.target,
        "count": report.count,
        "date": report.date,
        "time_precision": report.time_precision,
        "text": report.text,
        "start": report.start,
        "end": report.end,
        "evidence": evidence.link(report.article_id, report.start, report.end, span=report.text),
    }


def _event_entry(event: StoryEvent, prefix: str, evidence: EvidenceIndex) -> dict[str, Any]:
    """One story event (timeline.py merged every outlet's report of it) with its reports."""
    reports = [_event_report(report, evidence) for report in event.reports]
    return {
        "id": f"{prefix}-{event.id}",
        "type": event.type,
        "place": event.place,
        "lat": event.lat,
        "lon": event.lon,
        "geo_precision": event.geo_precision,
        "reports": reports,
        "outlets": sorted({r["outlet"] for r in reports}),
        "actors": sorted({r["actor"] for r in reports if r["actor"]}),
        "targets": sorted({r["target"] for r in reports if r["target"]}),
        "counts": sorted({r["count"] for r in reports if r["count"] is not None}),
    }


def _timeline(events: Sequence[StoryEvent], prefix: str, evidence: EvidenceIndex) -> dict[str, Any]:
    by_day: dict[tuple[str, str], list[StoryEvent]] = defaultdict(list)
    undated: list[StoryEvent] = []
    for event in events:
        if event.date:
            by_day[_day_key(event)].append(event)
        else:
            undated.append(event)

    def entries(group: Sequence[StoryEvent]) -> list[dict[str, Any]]:
        ordered = sorted(group, key=lambda e: (e.type, e.place or ""))
        return [_event_entry(event, prefix, evidence) for event in ordered]

    days = []
    for (key, precision), day_events in sorted(by_day.items()):
        days.append(
            {
                "date": key,
                "precision": precision,
                "label": _period_label(key, precision),
                "id": f"{prefix}-day-{_UNSAFE_ID.sub('_', key)}",
                "event_count": sum(len(e.reports) for e in day_events),
                "types": dict(Counter(e.type for e in day_events for _ in e.reports).most_common()),
                "events": entries(day_events),
            }
        )
    return {"days": days, "undated": entries(undated)}


# --- map ---------------------------------------------------------------------


def _place_key(place: Place) -> str:
    if place.geonames_id is not None:
        return f"gn-{place.geonames_id}"
    return "pl-" + _UNSAFE_ID.sub("_", f"{place.name}-{place.lat:.2f}-{place.lon:.2f}")


def _map_points(
    places: Sequence[tuple[Place, str]],
    timeline: Mapping[str, Any],
    prefix: str,
    evidence: EvidenceIndex,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(points with coordinates, names never geocoded) aggregated over the story."""
    points: dict[str, dict[str, Any]] = {}
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    ungeocoded: Counter[str] = Counter()
    for place, outlet in places:
        if place.lat is None or place.lon is None:
            ungeocoded[place.name] += 1
            continue
        key = _place_key(place)
        point = points.get(key)
        if point is None:
            point = points[key] = _new_point(key, prefix, place.name, place.lat, place.lon)
            point.update(
                geonames_id=place.geonames_id,
                country_code=place.country_code,
                feature=place.feature,
            )
        point["mentions"] += 1
        point["_articles"].add(place.article_id)
        point["_outlets"].add(outlet)
        forms[key][place.text] += 1
        if len(point["evidence"]) < MENTION_SAMPLES:
            link = evidence.link(place.article_id, place.start, place.end, span=place.text)
            if link and link not in point["evidence"]:
                point["evidence"].append(link)
    _attach_events(points, timeline, prefix)
    result = []
    for key, point in points.items():
        point["forms"] = dict(forms[key].most_common())
        point["articles"] = sorted(point.pop("_articles"))
        point["outlets"] = sorted(point.pop("_outlets"))
        result.append(point)
    result.sort(key=lambda p: (-p["mentions"], -len(p["events"]), p["name"]))
    missing = [{"name": name, "mentions": n} for name, n in ungeocoded.most_common()]
    return result, missing


def _new_point(key: str, prefix: str, name: str, lat: float, lon: float) -> dict[str, Any]:
    return {
        "key": key,
        "id": f"{prefix}-place-{key}",
        "name": name,
        "lat": lat,
        "lon": lon,
        "geonames_id": None,
        "country_code": None,
        "feature": None,
        "mentions": 0,
        "evidence": [],
        "events": [],
        "_articles": set(),
        "_outlets": set(),
    }


def _timeline_entries(
    timeline: Mapping[str, Any],
) -> Iterable[tuple[Mapping[str, Any] | None, dict[str, Any]]]:
    for day in timeline["days"]:
        for entry in day["events"]:
            yield day, entry
    for entry in timeline["undated"]:
        yield None, entry


def _attach_events(
    points: dict[str, dict[str, Any]], timeline: Mapping[str, Any], prefix: str
) -> None:
    """File each located event under the point it happened at (by coordinates, else name)."""
    for day, entry in _timeline_entries(timeline):
        point = _point_for(points, entry)
        if point is None:
            if entry["lat"] is None or entry["lon"] is None:
                continue
            key = "ev-" + _UNSAFE_ID.sub(
                "_", f"{entry['place']}-{entry['lat']:.2f}-{entry['lon']:.2f}"
            )
            point = points.setdefault(
                key, _new_point(key, prefix, entry["place"] or "?", entry["lat"], entry["lon"])
            )
        point["events"].append(
            {
                "id": entry["id"],
                "type": entry["type"],
                "date": day["date"] if day else None,
                "when": day["label"] if day else "undated",
                "outlets": entry["outlets"],
            }
        )


def _point_for(
    points: Mapping[str, dict[str, Any]], entry: Mapping[str, Any]
) -> dict[str, Any] | None:
    lat, lon = entry["lat"], entry["lon"]
    if lat is not None and lon is not None:
        for point in points.values():
            if (
                abs(point["lat"] - lat) <= SAME_PLACE_DEGREES
                and abs(point["lon"] - lon) <= SAME_PLACE_DEGREES
            ):
                return point
    name = (entry["place"] or "").casefold()
    if name:
        for point in points.values():
            if point["name"].casefold() == name:
                return point
    return None


def _map_bbox(points: Sequence[Mapping[str, Any]]) -> list[float] | None:
    if not points:
        return None
    lons = [p["lon"] for p in points]
    lats = [p["lat"] for p in points]
    return [min(lons), min(lats), max(lons), max(lats)]


# --- outlets -----------------------------------------------------------------


def _ranked(counts: Mapping[str, int] | Mapping[str, float]) -> dict[str, Any]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _note_for(outlet: str, notes: Mapping[str, str]) -> str | None:
    if outlet in notes:
        return notes[outlet]
    folded = {key.casefold(): value for key, value in notes.items()}
    return folded.get(outlet.casefold())


def _question_entry(
    question: tuple[str, str, int, int], article_ids: Sequence[str], evidence: EvidenceIndex
) -> dict[str, Any]:
    """A quoted span (rhetorical question, scare quote), whichever order (article id, text)
    the tuple holds."""
    first, second, start, end = question
    article_id, text = (
        (second, first)
        if second in article_ids and first not in article_ids
        else (
            first,
            second,
        )
    )
    return {
        "article_id": article_id,
        "text": text,
        "start": start,
        "end": end,
        "evidence": evidence.link(article_id, start, end, span=text),
    }


def _narrative_links(
    framing: OutletFraming, name: str, articles: Mapping[str, Article], evidence: EvidenceIndex
) -> list[str]:
    """Evidence ids of a narrative's cue spans.

    Each span is ``(text, start, end)`` with its article in ``narrative_evidence_articles``
    (older producers put the article id first instead of the text); without that list,
    the span belongs to the outlet's article whose text holds it at those offsets.
    """
    owners = framing.narrative_evidence_articles.get(name, ())
    links = []
    for index, (first, start, end) in enumerate(framing.narrative_evidence.get(name, ())):
        if index < len(owners):
            link = evidence.link(owners[index], start, end, span=first)
        elif first in framing.article_ids:
            link = evidence.link(first, start, end)
        else:
            owner = next(
                (
                    a
                    for a in framing.article_ids
                    if a in articles and articles[a].text[start:end] == first
                ),
                None,
            )
            link = evidence.link(owner, start, end, span=first) if owner else None
            if owner is None:
                evidence.unlinked += 1
        if link is not None and link not in links:
            links.append(link)
    return links


def _outlet_entry(
    framing: OutletFraming,
    edges: Sequence[RelayEdge],
    notes: Mapping[str, str],
    articles: Mapping[str, Article],
    evidence: EvidenceIndex,
) -> dict[str, Any]:
    narratives = [
        {
            "name": name,
            "score": score,
            "evidence": _narrative_links(framing, name, articles, evidence),
        }
        for name, score in sorted(framing.narratives.items(), key=lambda i: (-i[1], i[0]))
    ]
    return {
        "outlet": framing.outlet,
        "article_ids": list(framing.article_ids),
        "genre": framing.genre,
        "note": _note_for(framing.outlet, notes),
        "framing": True,
        "labels": _ranked(framing.labels),
        "quoted_labels": _ranked(framing.quoted_labels),
        "label_groups": dict(framing.label_groups),
        "narratives": narratives,
        "hedges": _ranked(framing.hedges),
        "loaded_terms": _ranked(framing.loaded_terms),
        "scare_quotes": list(framing.scare_quotes),
        "scare_quote_spans": [
            _question_entry(q, framing.article_ids, evidence) for q in framing.scare_quote_spans
        ],
        "rhetorical_questions": [
            _question_entry(q, framing.article_ids, evidence) for q in framing.rhetorical_questions
        ],
        "quote_share": framing.quote_share,
        "voices": list(framing.voices),
        "absent_voices": list(framing.absent_voices),
        "cited_sources": _ranked(framing.cited_sources),
        "relays": [_relay_entry(edge) for edge in edges if edge.outlet == framing.outlet],
    }


def _bare_outlet_entry(
    outlet: str, article_ids: Sequence[str], edges: Sequence[RelayEdge], notes: Mapping[str, str]
) -> dict[str, Any]:
    """An outlet of the story for which no framing was computed."""
    return {
        "outlet": outlet,
        "article_ids": list(article_ids),
        "note": _note_for(outlet, notes),
        "framing": False,
        "relays": [_relay_entry(edge) for edge in edges if edge.outlet == outlet],
    }


def _relay_entry(edge: RelayEdge) -> dict[str, Any]:
    return {
        "outlet": edge.outlet,
        "source": edge.source,
        "kind": edge.kind,
        "count": edge.count,
        "article_ids": list(edge.article_ids),
    }


# --- stories -----------------------------------------------------------------


def _partial_notes(
    story_articles: Sequence[dict[str, Any]],
    originals: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    figures: Sequence[Mapping[str, Any]],
    timeline: Mapping[str, Any],
    points: Sequence[Mapping[str, Any]],
    ungeocoded: Sequence[Mapping[str, Any]],
    outlets: Sequence[Mapping[str, Any]],
) -> list[str]:
    notes = []
    by_note: dict[str, list[str]] = defaultdict(list)
    for entry in story_articles:
        if entry["published_note"]:
            by_note[entry["published_note"]].append(entry["title"] or entry["id"])
    for note, titles in by_note.items():
        notes.append(f"{note[0].upper()}{note[1:]}: {'; '.join(titles)}.")
    reposts = sum(1 for e in story_articles if e["duplicate_of"])
    if reposts:
        notes.append(f"{reposts} re-post(s) counted once, through their original.")
    unanalysed = [a.title or a.id for a in originals if a.id not in analyses]
    if unanalysed:
        notes.append(f"Not analysed yet (no figures, events or places): {'; '.join(unanalysed)}.")
    if not figures:
        notes.append("No figures were compared for this story.")
    if not timeline["days"]:
        notes.append("No dated events.")
    if timeline["undated"]:
        notes.append(f"{len(timeline['undated'])} event(s) without a date are listed apart.")
    if not points:
        notes.append("No geocoded places: no map.")
    if ungeocoded:
        names = ", ".join(p["name"] for p in ungeocoded[:10])
        notes.append(f"Places not geocoded (not on the map): {names}.")
    bare = [o["outlet"] for o in outlets if not o["framing"]]
    if bare:
        notes.append(f"No framing computed for: {', '.join(bare)}.")
    return notes


def _story_entry(
    story: Story,
    index: int,
    *,
    by_id: Mapping[str, Article],
    analyses: Mapping[str, ArticleAnalysis],
    ledger: Sequence[ClaimGroup],
    edges: Sequence[RelayEdge],
    framings: Sequence[OutletFraming],
    outlet_notes: Mapping[str, str],
    anchored: Mapping[str, AnchoredDate],
    evidence: EvidenceIndex,
    story_events: Sequence[StoryEvent],
) -> dict[str, Any]:
    prefix = f"s{index}"
    members = [by_id[a] for a in story.article_ids if a in by_id]
    originals = [a for a in members if a.duplicate_of is None]
    article_entries = [_article_entry(a, anchored.get(a.id)) for a in members]
    outlet_of = {a.id: a.outlet or a.source for a in members}
    places = [
        (place, outlet_of[a.id])
        for a in originals
        if a.id in analyses
        for place in analyses[a.id].places
    ]
    anchors = [f"{prefix}-fig-{n}" for n in range(1, len(ledger) + 1)]

    def depth_of(group: ClaimGroup) -> int:
        depth, seen = 0, set()
        while group.parent is not None and group.parent not in seen and group.parent < len(ledger):
            seen.add(group.parent)
            group = ledger[group.parent]
            depth += 1
        return depth

    figures = [
        _figure_entry(
            group,
            anchors[n],
            evidence,
            parent=anchors[group.parent]
            if group.parent is not None and group.parent < len(ledger)
            else None,
            depth=depth_of(group),
        )
        for n, group in enumerate(ledger)
    ]
    timeline = _timeline(story_events, prefix, evidence)
    points, ungeocoded = _map_points(places, timeline, prefix, evidence)
    framed = {f.outlet for f in framings}
    outlet_articles: dict[str, list[str]] = defaultdict(list)
    for article in originals:
        outlet_articles[outlet_of[article.id]].append(article.id)
    outlets = [
        _outlet_entry(f, edges, outlet_notes, by_id, evidence)
        for f in sorted(framings, key=lambda f: f.outlet)
    ] + [
        _bare_outlet_entry(name, ids, edges, outlet_notes)
        for name, ids in sorted(outlet_articles.items())
        if name not in framed
    ]
    return {
        "id": story.id,
        "anchor": prefix,
        "title": story.title,
        "first_date": story.first_date,
        "last_date": story.last_date,
        "terms": list(story.terms),
        "articles": article_entries,
        "figures": figures,
        "flagged": [f["id"] for f in figures if f["flagged"]],
        "timeline": timeline,
        "map": {"bbox": _map_bbox(points), "points": points, "ungeocoded": ungeocoded},
        "outlets": outlets,
        "relays": [_relay_entry(edge) for edge in edges],
        "partial": _partial_notes(
            article_entries, originals, analyses, figures, timeline, points, ungeocoded, outlets
        ),
    }


def build_briefing(
    *,
    stories: Sequence[Story],
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    ledgers: Mapping[str, Sequence[ClaimGroup]],
    relays: Mapping[str, Sequence[RelayEdge]],
    framings: Mapping[str, Sequence[OutletFraming]],
    outlet_notes: Mapping[str, str] = _NO_NOTES,
    story_id: str | None = None,
    anchored_dates: Mapping[str, AnchoredDate] | None = None,
    events: Mapping[str, Sequence[StoryEvent]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """The briefing of every story (or of ``story_id`` alone) as a JSON-able dict.

    ``progress`` is called with (stories done, stories) after each story's entry.

    ``anchored_dates`` (article id -> AnchoredDate) marks publication dates the
    story fixed for articles that gave none; ``events`` (story id -> merged story events,
    see timeline.py) are merged from the analyses when not given. Raises NotFound for an
    unknown story id.
    """
    chosen = list(stories)
    if story_id is not None:
        chosen = [s for s in stories if s.id == story_id]
        if not chosen:
            raise NotFound(f"no story {story_id!r}", where="briefing")
    by_id = {article.id: article for article in articles}
    evidence = EvidenceIndex(by_id)
    story_entries = []
    for index, story in enumerate(chosen, 1):
        story_entries.append(
            _story_entry(
                story,
                index,
                by_id=by_id,
                analyses=analyses,
                ledger=ledgers.get(story.id, ()),
                edges=relays.get(story.id, ()),
                framings=framings.get(story.id, ()),
                outlet_notes=outlet_notes,
                anchored=anchored_dates or {},
                evidence=evidence,
                story_events=(
                    events[story.id]
                    if events is not None and story.id in events
                    else merge_story_events(story, list(by_id.values()), analyses)
                ),
            )
        )
        if progress:
            progress(index, len(chosen))
    partial = []
    if not story_entries:
        partial.append("No stories were formed: nothing to brief on.")
    in_stories = {a for s in chosen for a in s.article_ids}
    if story_id is None:
        loose = [a.title or a.id for a in articles if a.id not in in_stories]
        if loose:
            partial.append(f"Articles in no story (not briefed): {'; '.join(loose)}.")
    if evidence.unlinked:
        partial.append(
            f"{evidence.unlinked} statement(s) could not be linked to their sentence "
            "(offsets outside the article or not matching its text)."
        )
    return {
        "schema": SCHEMA,
        "articles": len([a for a in articles if a.id in in_stories]),
        "outlets": sorted({a.outlet or a.source for a in articles if a.id in in_stories}),
        "stories": story_entries,
        "evidence": evidence.entries(),
        "partial": partial,
    }
