"""The briefing's offline map: country outlines projected into an SVG view around the places.

The projection is equirectangular with its standard parallel at the middle of the
view (x scaled by the cosine of that latitude), which keeps a region's shape close
to true at the scale of one crisis. Outlines come from the bundled Natural Earth
1:110m file (see ``assets/README.md``); nothing is fetched.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from newsprism.errors import NewsprismError

MIN_SPAN_DEGREES = 6.0
"""Smallest view, so a single place still shows its region and borders."""
MARGIN = 0.25
"""Share of the places' extent added on each side."""


@dataclass(frozen=True)
class MapView:
    """A lon/lat window and the pixel size it is drawn at."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float
    width: float

    @property
    def _kx(self) -> float:
        return math.cos(math.radians((self.min_lat + self.max_lat) / 2))

    @property
    def scale(self) -> float:
        return self.width / ((self.max_lon - self.min_lon) * self._kx)

    @property
    def height(self) -> float:
        return (self.max_lat - self.min_lat) * self.scale

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            (lon - self.min_lon) * self._kx * self.scale,
            (self.max_lat - lat) * self.scale,
        )

    def contains(self, lon: float, lat: float) -> bool:
        return self.min_lon <= lon <= self.max_lon and self.min_lat <= lat <= self.max_lat

    def bbox(self) -> list[float]:
        return [self.min_lon, self.min_lat, self.max_lon, self.max_lat]


@cache
def load_outline() -> list[dict[str, Any]]:
    """The bundled country outlines (read once)."""
    path = resources.files("newsprism.report").joinpath("assets/world-110m.json")
    try:
        countries: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["countries"]
    except (OSError, ValueError, KeyError) as exc:
        raise NewsprismError("bundled world outline is unreadable", where=str(path)) from exc
    return countries


def _widen(low: float, high: float, span: float) -> tuple[float, float]:
    middle = (low + high) / 2
    return middle - span / 2, middle + span / 2


def fit_view(
    points: Sequence[tuple[float, float]],
    *,
    width: float = 800.0,
    min_aspect: float = 0.45,
    max_aspect: float = 0.8,
) -> MapView:
    """A view around (lon, lat) points with a margin, its height/width between the aspects."""
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    lon_span = max(max(lons) - min(lons), MIN_SPAN_DEGREES) * (1 + 2 * MARGIN)
    lat_span = max(max(lats) - min(lats), MIN_SPAN_DEGREES / 2) * (1 + 2 * MARGIN)
    min_lon, max_lon = _widen(min(lons), max(lons), min(lon_span, 360.0))
    min_lat, max_lat = _widen(min(lats), max(lats), min(lat_span, 170.0))
    min_lat, max_lat = _clamp_lat(min_lat, max_lat)
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    aspect = (max_lat - min_lat) / ((max_lon - min_lon) * kx)
    if aspect < min_aspect:
        min_lat, max_lat = _clamp_lat(
            *_widen(min_lat, max_lat, min(min_aspect * (max_lon - min_lon) * kx, 170.0))
        )
    elif aspect > max_aspect:
        min_lon, max_lon = _widen(min_lon, max_lon, (max_lat - min_lat) / (max_aspect * kx))
    return MapView(min_lon, min_lat, max_lon, max_lat, width)


def _clamp_lat(low: float, high: float) -> tuple[float, float]:
    """Shift a latitude window back inside [-85, 85] without shrinking it."""
    if high > 85.0:
        low, high = low - (high - 85.0), 85.0
    if low < -85.0:
        low, high = -85.0, min(85.0, high + (-85.0 - low))
    return low, high


def _overlaps(bbox: Sequence[float], view: MapView) -> bool:
    return not (
        bbox[2] < view.min_lon
        or bbox[0] > view.max_lon
        or bbox[3] < view.min_lat
        or bbox[1] > view.max_lat
    )


def _ring_path(ring: Sequence[float], view: MapView, step: int) -> str:
    coords = []
    last = len(ring) - 2
    for index in range(0, len(ring) - 1, 2 * step):
        x, y = view.project(ring[index], ring[index + 1])
        coords.append(f"{x:.1f} {y:.1f}")
    if step > 1 and last % (2 * step):
        x, y = view.project(ring[last], ring[last + 1])
        coords.append(f"{x:.1f} {y:.1f}")
    return "M" + "L".join(coords) + "Z"


def outline_paths(view: MapView, *, step: int = 1) -> list[dict[str, str]]:
    """SVG path data (``name``, ``d``) for every country that shows in the view.

    ``step`` keeps every n-th vertex: coarser outlines for a small overview map.
    """
    paths = []
    for country in load_outline():
        if not _overlaps(country["bbox"], view):
            continue
        rings = [
            ring
            for ring in country["rings"]
            if _overlaps([min(ring[0::2]), min(ring[1::2]), max(ring[0::2]), max(ring[1::2])], view)
        ]
        d = "".join(_ring_path(ring, view, step) for ring in rings if len(ring) >= 6 * step)
        if d:
            paths.append({"name": str(country.get("name") or ""), "d": d})
    return paths


def graticule(view: MapView) -> list[dict[str, Any]]:
    """Meridians and parallels at a round step giving a handful of lines, with their labels."""
    span = max(view.max_lon - view.min_lon, view.max_lat - view.min_lat)
    step = next((s for s in (1, 2, 5, 10, 15, 30, 45) if span / s <= 8), 60)
    lines: list[dict[str, Any]] = []
    lon = math.ceil(view.min_lon / step) * step
    while lon <= view.max_lon:
        x, _ = view.project(lon, view.max_lat)
        lines.append(
            {
                "x1": x,
                "y1": 0.0,
                "x2": x,
                "y2": view.height,
                "label": _degrees(lon, "EW"),
                "label_x": x + 3,
                "label_y": view.height - 4,
            }
        )
        lon += step
    lat = math.ceil(view.min_lat / step) * step
    while lat <= view.max_lat:
        _, y = view.project(view.min_lon, lat)
        lines.append(
            {
                "x1": 0.0,
                "y1": y,
                "x2": view.width,
                "y2": y,
                "label": _degrees(lat, "NS"),
                "label_x": 3.0,
                "label_y": y - 3,
            }
        )
        lat += step
    return lines


def _degrees(value: float, hemispheres: str) -> str:
    if value == 0:
        return "0°"
    return f"{abs(value):g}°{hemispheres[0] if value > 0 else hemispheres[1]}"
