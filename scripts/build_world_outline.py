"""Convert world-atlas ``countries-110m.json`` (TopoJSON) into the briefing map's outline.

Run once when the bundled outline needs rebuilding::

    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_outline.py package/countries-110m.json \
        src/newsprism/report/assets/world-110m.json

The output is plain JSON the report reads without any GIS library: one record per
country with its name, ISO 3166 numeric id, bounding box and rings as flat
``[lon, lat, lon, lat, ...]`` lists rounded to two decimals (about 1 km, finer than
the 1:110m source). Rings crossing the antimeridian are unwrapped (longitudes may run
past 180) so a planar drawing shows no stripe across the map. Only the standard library
is used.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

Ring = list[tuple[float, float]]


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Undo TopoJSON quantisation and delta encoding: absolute lon/lat points per arc."""
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def stitch_ring(arc_indexes: list[int], arcs: list[Ring]) -> Ring:
    """A closed ring from its arcs (a negative index ``~i`` means arc i reversed)."""
    ring: Ring = []
    for index in arc_indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points[1:] if ring else points)
    return ring


def unwrap_ring(ring: Ring) -> Ring:
    """Keep a ring crossing the antimeridian continuous (longitudes may pass 180).

    A ring that circles a pole (Antarctica) ends 360 degrees from where it began:
    it is closed along that pole's parallel instead of across the whole map.
    """
    unwrapped: Ring = ring[:1]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        unwrapped.append((lon, lat))
    drift = unwrapped[-1][0] - unwrapped[0][0]
    if abs(drift) > 180:
        pole = 90.0 if sum(lat for _, lat in unwrapped) > 0 else -90.0
        unwrapped += [(unwrapped[-1][0], pole), (unwrapped[0][0], pole), unwrapped[0]]
    return unwrapped


def round_ring(ring: Ring, digits: int) -> list[float]:
    flat: list[float] = []
    previous: tuple[float, float] | None = None
    for lon, lat in ring:
        point = (round(lon, digits), round(lat, digits))
        if point != previous:
            flat.extend(point)
            previous = point
    return flat


def convert(topology: dict[str, Any], *, digits: int = 2) -> dict[str, Any]:
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [
            round_ring(unwrap_ring(stitch_ring(ring, arcs)), digits)
            for polygon in polygons
            for ring in polygon
        ]
        rings = [ring for ring in rings if len(ring) >= 6]
        lons = [v for ring in rings for v in ring[0::2]]
        lats = [v for ring in rings for v in ring[1::2]]
        countries.append(
            {
                "id": geometry.get("id"),
                "name": geometry.get("properties", {}).get("name"),
                "bbox": [min(lons), min(lats), max(lons), max(lats)],
                "rings": rings,
            }
        )
    return {
        "source": "world-atlas 2.0.2 countries-110m.json (Natural Earth 1:110m admin 0)",
        "license": "Natural Earth: public domain; world-atlas packaging: ISC",
        "digits": digits,
        "countries": countries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--digits", type=int, default=2)
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    outline = convert(topology, digits=args.digits)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(outline, separators=(",", ":")), encoding="utf-8")
    print(
        f"{args.output}: {len(outline['countries'])} countries, {args.output.stat().st_size} bytes"
    )


if __name__ == "__main__":
    main()
