"""The briefing as one self-contained HTML file: inline CSS and SVG, no network request.

The map and the timeline are drawn here as SVG geometry (numbers only) and handed to
the Jinja2 template with the briefing; the template autoescapes every string, so
article text can never become markup.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from itertools import pairwise
from typing import Any

import jinja2

from newsprism.report.worldmap import MapView, fit_view, graticule, outline_paths

MAP_WIDTH = 800.0
TIMELINE_WIDTH = 800.0
TIMELINE_HEIGHT = 150.0
TIMELINE_PLOT_TOP = 12.0
TIMELINE_PLOT_BOTTOM = 120.0
MAX_MAP_LABELS = 12
OVERVIEW_WIDTH = 320.0
OVERVIEW_STEP = 3
"""The overview map keeps every third vertex of the outlines."""
SIGNIFICANT_SHARE = 0.1
"""A place with this share of the story's place weight is always on the main map."""
FOCUS_SPAN_DEGREES = 45.0
"""Widest scene (degrees of longitude or latitude) minor places may stretch the main map to."""
COARSE_FEATURES = frozenset(
    {"country", "continent", "region", "ocean", "sea", "PCL", "PCLI", "PCLD", "PCLF", "PCLS",
     "PCLIX", "CONT", "OCN", "SEA", "RGN"}
)  # fmt: skip
CONTINUOUS_DAYS = 62
"""Up to this many days the timeline spaces days by the calendar, else evenly."""
TYPE_COLOURS = (
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#7f7f7f", "#bcbd22",
)  # fmt: skip


def short_outlet(outlet: str) -> str:
    """An outlet as shown in tight spots: a bare file's name without its folders."""
    if "/" in outlet and "://" not in outlet and not outlet.endswith("/"):
        return outlet.rsplit("/", 1)[1]
    return outlet


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("newsprism.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["short_outlet"] = short_outlet
    return environment


def _type_colours(stories: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    types = sorted(
        {kind for story in stories for day in story["timeline"]["days"] for kind in day["types"]}
    )
    return {kind: TYPE_COLOURS[i % len(TYPE_COLOURS)] for i, kind in enumerate(types)}


def _weight(point: Mapping[str, Any]) -> int:
    return int(point["mentions"]) + len(point["events"])


def _span(points: Sequence[Mapping[str, Any]]) -> float:
    lons = [p["lon"] for p in points]
    lats = [p["lat"] for p in points]
    return float(max(max(lons) - min(lons), max(lats) - min(lats)))


def focus_points(points: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The points the main map zooms to.

    Country- and continent-level places (a centroid standing for a whole country) are
    left out when finer places exist. Starting from the most weighted place (mentions
    plus events), a place joins when it carries at least SIGNIFICANT_SHARE of the
    weight, or when the scene stays within FOCUS_SPAN_DEGREES: one passing mention of
    a far capital would otherwise shrink the scene to a world map. The others still
    show on the overview map and in the table.
    """
    fine = [p for p in points if (p.get("feature") or "") not in COARSE_FEATURES]
    pool = sorted(fine or points, key=lambda p: -_weight(p))
    total = sum(_weight(p) for p in pool) or 1
    chosen: list[Mapping[str, Any]] = pool[:1]
    for point in pool[1:]:
        if (
            _weight(point) >= SIGNIFICANT_SHARE * total
            or _span([*chosen, point]) <= FOCUS_SPAN_DEGREES
        ):
            chosen.append(point)
    return chosen


def _point_kind(point: Mapping[str, Any]) -> str:
    """CSS class of a map circle: a place named, an area (country or larger), events only."""
    if point["mentions"] == 0:
        return "event-point"
    return "area-point" if (point.get("feature") or "") in COARSE_FEATURES else "point"


def _drawn_points(
    points: Sequence[Mapping[str, Any]], view: MapView, *, labels: bool
) -> list[dict[str, Any]]:
    most = max((p["mentions"] for p in points), default=0) or 1
    drawn = []
    shown = [p for p in points if view.contains(p["lon"], p["lat"])]
    labelled = {id(p) for p in sorted(shown, key=lambda p: -_weight(p))[:MAX_MAP_LABELS]}
    for point in points:
        x, y = view.project(point["lon"], point["lat"])
        scale = 10.0 if labels else 5.0
        radius = (2.0 if not labels else 4.0) + scale * math.sqrt(point["mentions"] / most)
        events = "; ".join(f"{e['type']} ({e['date'] or 'undated'})" for e in point["events"])
        tooltip = (
            f"{point['name']}: {point['mentions']} mention(s) in {len(point['outlets'])} outlet(s)"
            + (f"; events: {events}" if events else "")
        )
        drawn.append(
            {
                "id": point["id"],
                "x": round(x, 1),
                "y": round(y, 1),
                "r": round(radius, 1),
                "name": point["name"],
                "tooltip": tooltip,
                "label": labels and id(point) in labelled,
                "kind": _point_kind(point),
            }
        )
    return list(reversed(drawn))  # biggest drawn last, on top


def _overview(points: Sequence[Mapping[str, Any]], main: MapView) -> dict[str, Any]:
    view = fit_view([(p["lon"], p["lat"]) for p in points], width=OVERVIEW_WIDTH)
    left, top = view.project(main.min_lon, main.max_lat)
    right, bottom = view.project(main.max_lon, main.min_lat)
    return {
        "width": view.width,
        "height": round(view.height, 1),
        "countries": outline_paths(view, step=OVERVIEW_STEP),
        "points": _drawn_points(points, view, labels=False),
        "frame": {
            "x": round(left, 1),
            "y": round(top, 1),
            "width": round(right - left, 1),
            "height": round(bottom - top, 1),
        },
        "outside": [p["name"] for p in points if not main.contains(p["lon"], p["lat"])],
    }


def draw_map(points: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """Country outlines, graticule and sized circles for the story's places (None if none),
    with a small overview of every place when some lie outside the main view."""
    if not points:
        return None
    view = fit_view([(p["lon"], p["lat"]) for p in focus_points(points)], width=MAP_WIDTH)
    outside = any(not view.contains(p["lon"], p["lat"]) for p in points)
    return {
        "width": view.width,
        "height": round(view.height, 1),
        "countries": outline_paths(view),
        "graticule": graticule(view),
        "points": _drawn_points(points, view, labels=True),
        "bbox": [round(v, 2) for v in view.bbox()],
        "overview": _overview(points, view) if outside else None,
    }


def _day_positions(days: Sequence[Mapping[str, Any]], left: float, right: float) -> list[float]:
    if len(days) == 1:
        return [(left + right) / 2]
    try:
        ordinals = [date.fromisoformat(d["date"]).toordinal() for d in days]
    except ValueError:  # a day we cannot read as a calendar date: space evenly
        ordinals = [0] * len(days)
    spread = ordinals[-1] - ordinals[0]
    if 0 < spread <= CONTINUOUS_DAYS:
        return [left + (right - left) * (o - ordinals[0]) / spread for o in ordinals]
    return [left + (right - left) * i / (len(days) - 1) for i in range(len(days))]


def draw_timeline(timeline: Mapping[str, Any], colours: Mapping[str, str]) -> dict[str, Any] | None:
    """Bars per day, stacked by event type (None when no event has a day)."""
    days = [day for day in timeline["days"] if day["precision"] == "day"]
    if not days:
        return None
    left, right = 40.0, TIMELINE_WIDTH - 40.0
    xs = _day_positions(days, left, right)
    gap = min((b - a for a, b in pairwise(xs)), default=right - left)
    bar = max(4.0, min(36.0, gap * 0.7))
    most = max(day["event_count"] for day in days)
    unit = (TIMELINE_PLOT_BOTTOM - TIMELINE_PLOT_TOP) / most
    bars = []
    for x, day in zip(xs, days, strict=True):
        segments = []
        top = TIMELINE_PLOT_BOTTOM
        for kind, count in sorted(day["types"].items()):
            top -= count * unit
            segments.append(
                {"y": round(top, 1), "height": round(count * unit, 1), "colour": colours[kind]}
            )
        summary = ", ".join(f"{kind} {count}" for kind, count in day["types"].items())
        bars.append(
            {
                "id": day["id"],
                "x": round(x - bar / 2, 1),
                "centre": round(x, 1),
                "width": round(bar, 1),
                "segments": segments,
                "label": day["date"][5:],
                "tooltip": f"{day['date']}: {day['event_count']} event report(s): {summary}",
            }
        )
    return {
        "width": TIMELINE_WIDTH,
        "height": TIMELINE_HEIGHT,
        "axis_y": TIMELINE_PLOT_BOTTOM,
        "bars": bars,
        "rotate_labels": len(days) > 12,
        "legend": [(kind, colours[kind]) for kind in sorted({k for d in days for k in d["types"]})],
    }


def render_html(briefing: Mapping[str, Any]) -> str:
    """The briefing as one self-contained HTML page (works offline, makes no request)."""
    colours = _type_colours(briefing["stories"])
    drawings = {
        story["id"]: {
            "map": draw_map(story["map"]["points"]),
            "timeline": draw_timeline(story["timeline"], colours),
            "narrative_max": max(
                (
                    n["score"]
                    for outlet in story["outlets"]
                    for n in outlet.get("narratives", ())
                    if n["score"] > 0
                ),
                default=1.0,
            ),
        }
        for story in briefing["stories"]
    }
    template = _environment().get_template("briefing.html.j2")
    return with_content_security_policy(template.render(briefing=briefing, drawings=drawings))


_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def content_security_policy(page: str) -> str:
    """A strict policy for ``page``: its own inline scripts by hash, nothing fetched.

    Every byte of article text in the page is untrusted; were escaping ever to fail, an
    injected script has no hash and does not run, and nothing can be loaded or sent.
    Inline styles stay allowed (style attributes cannot run code).
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in _SCRIPT.findall(page)
    )
    return (
        f"default-src 'none'; script-src {hashes or chr(39) + 'none' + chr(39)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )


def with_content_security_policy(page: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(page)}">'
    return page.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{meta}', 1)
