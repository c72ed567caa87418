"""A figure's history as one chart: the points, the Vega-Lite spec, the briefing's drawing.

The web app draws the Vega-Lite spec; the briefing (a single file that runs no chart
library) draws the same points as an inline SVG of plain numbers and carries the spec in
its JSON. Both read the ledger's typed :class:`~newsprism.models.ClaimGroup`, so the two
faces never show different histories.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsprism.models import ClaimGroup

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
CHART_WIDTH = 240
CHART_HEIGHT = 60


@dataclass(frozen=True)
class HistoryPoint:
    """One report of a figure on the chart: when it was stated, its range, whose it is."""

    stated: str
    low: float
    high: float
    originator: str
    series: int
    report: int
    """Position of the report in the figure's ``reports``."""


def history_points(group: ClaimGroup) -> tuple[HistoryPoint, ...]:
    """Every report with a value and a stated day, by originator series (the ledger's own)."""
    series = group.series or ()
    owner: dict[int, tuple[int, str]] = {
        i: (number, s.originator) for number, s in enumerate(series) for i in s.report_indexes
    }
    points = []
    for i, report in enumerate(group.reports):
        if report.value_min is None or not report.stated:
            continue
        number, name = owner.get(i, (len(series), report.originator or report.outlet))
        high = report.value_max if report.value_max is not None else report.value_min
        points.append(HistoryPoint(report.stated[:10], report.value_min, high, name, number, i))
    return tuple(points)


def figure_history_spec(group: ClaimGroup) -> dict[str, Any]:
    """The Vega-Lite spec of a figure's history: a range and a point per report, one colour
    per originator, over stated time."""
    values = [
        {
            "stated": p.stated,
            "low": p.low,
            "high": p.high,
            "originator": p.originator,
            "report": p.report,
        }
        for p in history_points(group)
    ]
    colour = {"field": "originator", "type": "nominal", "legend": None}
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "width": 260,
        "height": 90,
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "line", "point": False},
                "encoding": {
                    "x": {"field": "stated", "type": "temporal", "title": None},
                    "y": {"field": "low", "type": "quantitative", "title": None},
                    "color": colour,
                },
            },
            {
                "mark": {"type": "rule"},
                "encoding": {
                    "x": {"field": "stated", "type": "temporal"},
                    "y": {"field": "low", "type": "quantitative"},
                    "y2": {"field": "high"},
                    "color": colour,
                },
            },
            {
                "mark": {"type": "point", "filled": True, "tooltip": True},
                "encoding": {
                    "x": {"field": "stated", "type": "temporal"},
                    "y": {"field": "low", "type": "quantitative"},
                    "color": colour,
                },
            },
        ],
    }


def history_drawing(group: ClaimGroup) -> dict[str, Any] | None:
    """The same points as plain numbers for the briefing's inline SVG (no article text goes
    into the markup); None when there is no history to draw (fewer than two reports)."""
    points = history_points(group)
    if len(group.reports) < 2 or not points:
        return None
    days = sorted({p.stated for p in points})
    top = max(p.low for p in points) or 1.0
    step = (CHART_WIDTH - 20) / max(len(days) - 1, 1)
    lines = []
    for number in sorted({p.series for p in points}):
        coordinates = [
            (
                round(10 + step * days.index(p.stated) if len(days) > 1 else CHART_WIDTH / 2, 1),
                round(CHART_HEIGHT - 8 - (CHART_HEIGHT - 16) * p.low / top, 1),
            )
            for p in points
            if p.series == number
        ]
        path = " ".join(f"{x},{y}" for x, y in coordinates)
        lines.append({"series": number % 6, "points": coordinates, "path": path})
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "lines": lines,
        "first": days[0],
        "last": days[-1],
        "top": top,
    }
