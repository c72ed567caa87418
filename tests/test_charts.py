"""A figure's history chart: points by the ledger's originator series, one spec for both faces."""

from __future__ import annotations

from newsprism.models import ClaimGroup, ClaimReport, OriginatorSeries
from newsprism.report.charts import figure_history_spec, history_drawing, history_points


def _report(value: float, stated: str, outlet: str, originator: str) -> ClaimReport:
    return ClaimReport(
        article_id=f"a-{outlet}-{stated}",
        outlet=outlet,
        date=stated,
        value_min=value,
        value_max=value,
        qualifier="exact",
        attributed_to=originator,
        relayed_by=None,
        start=0,
        end=5,
        text="text",
        stated=stated,
        originator=originator,
    )


def _group() -> ClaimGroup:
    reports = (
        _report(41, "2022-01-05", "state-tv", "Interior Ministry"),
        _report(76, "2022-01-05", "wire", "Rights Group"),
        _report(64, "2022-01-06", "paper", "Interior Ministry"),
        _report(80, "2022-01-07", "wire", "Rights Group"),
    )
    return ClaimGroup(
        story_id="s",
        category="killed",
        who="people",
        status="conflicting",
        independent_sources=2,
        reports=reports,
        series=(
            OriginatorSeries("Interior Ministry", (0, 2), 64, 64, "2022-01-06"),
            OriginatorSeries("Rights Group", (1, 3), 80, 80, "2022-01-07"),
        ),
    )


def test_points_follow_the_ledgers_originator_series() -> None:
    points = history_points(_group())
    assert [(p.originator, p.low, p.series) for p in points] == [
        ("Interior Ministry", 41, 0),
        ("Rights Group", 76, 1),
        ("Interior Ministry", 64, 0),
        ("Rights Group", 80, 1),
    ]


def test_spec_colours_by_originator_over_stated_time() -> None:
    spec = figure_history_spec(_group())
    assert {v["originator"] for v in spec["data"]["values"]} == {
        "Interior Ministry",
        "Rights Group",
    }
    for layer in spec["layer"]:
        assert layer["encoding"]["x"]["field"] == "stated"
        assert layer["encoding"]["color"]["field"] == "originator"


def test_drawing_has_one_line_per_originator_rising_left_to_right() -> None:
    drawing = history_drawing(_group())
    assert drawing is not None
    assert [len(line["points"]) for line in drawing["lines"]] == [2, 2]
    ministry = drawing["lines"][0]["points"]
    assert ministry[0][0] < ministry[1][0] and ministry[0][1] > ministry[1][1]  # later, higher
    assert (drawing["first"], drawing["last"]) == ("2022-01-05", "2022-01-07")


def test_a_single_report_has_no_drawing() -> None:
    group = _group()
    one = ClaimGroup(**{**group.__dict__, "reports": group.reports[:1], "series": ()})
    assert history_drawing(one) is None
    assert len(figure_history_spec(one)["data"]["values"]) == 1
