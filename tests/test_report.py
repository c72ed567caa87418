"""The briefing: JSON model, Markdown and offline HTML built from hand-made stage results.

The corpus is written here (protests in Peru reported by two outlets, one re-post, and
a second story on a dam in Ghana with no analysis); no demo article is used.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.errors import NotFound
from newsprism.models import (
    AnchoredDate,
    Article,
    ArticleAnalysis,
    ClaimGroup,
    ClaimReport,
    Event,
    OutletFraming,
    Place,
    PublicationDate,
    RelayEdge,
    Story,
)
from newsprism.report import (
    build_briefing,
    render_html,
    render_json,
    render_markdown,
    write_briefing,
)
from newsprism.report.briefing import describe_headline, describe_value
from newsprism.report.evidence import evidence_id, sentence_bounds
from newsprism.report.html import draw_map, focus_points
from newsprism.report.worldmap import fit_view, load_outline, outline_paths

TEXT_A = (
    "Police detained at least 150 protesters in Lima on Tuesday, the Interior Ministry said. "
    "On Wednesday, demonstrators marched through Cusco. Three people were killed in the "
    "clashes, a hospital said. Is this really a spontaneous movement? Officials blamed "
    "foreign agitators for <script>alert('x')</script> posts on the live page at "
    "https://example.org/live."
)
TEXT_B = (
    "More than 400 people were detained across the country, the ministry said on Thursday. "
    "Rioters clashed with police in Lima on Wednesday. At least 5 people were killed, "
    "according to hospital staff. Roads to Puno were blocked."
)
TEXT_C = "Engineers inspected the cracked dam near Akosombo as the river rose."

LIMA = (3936456, -12.0432, -77.0282)
CUSCO = (3941584, -13.5183, -71.9781)


def span(text: str, part: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def make_article(
    article_id: str,
    text: str,
    outlet: str,
    *,
    published: str | None,
    method: str = "page_metadata",
    duplicate_of: str | None = None,
) -> Article:
    return Article(
        id=article_id,
        source=f"{article_id}.html",
        text=text,
        content_hash=article_id,
        outlet=outlet,
        title=f"{outlet} report {article_id}",
        published=PublicationDate(published, method, 0.9 if published else 0.0),
        duplicate_of=duplicate_of,
    )


def make_place(
    article_id: str,
    text: str,
    name: str,
    where: tuple[int, float, float] | None,
    occurrence: int = 0,
) -> Place:
    start, end = span(text, name, occurrence)
    return Place(
        article_id=article_id,
        text=name,
        name=name,
        start=start,
        end=end,
        geonames_id=where[0] if where else None,
        lat=where[1] if where else None,
        lon=where[2] if where else None,
        country_code="PE",
    )


def make_event(
    article_id: str,
    text: str,
    part: str,
    kind: str,
    *,
    date: str | None,
    place: tuple[str, tuple[int, float, float]] | None = None,
    actor: str | None = None,
    count: float | None = None,
) -> Event:
    start, end = span(text, part)
    return Event(
        article_id=article_id,
        type=kind,
        text=part,
        start=start,
        end=end,
        date=date,
        place=place[0] if place else None,
        lat=place[1][1] if place else None,
        lon=place[1][2] if place else None,
        time_precision="day" if date else None,
        actor=actor,
        count=count,
    )


def make_report(
    article: Article,
    part: str,
    value: tuple[float | None, float | None],
    qualifier: str,
    *,
    attributed_to: str | None = None,
) -> ClaimReport:
    start, end = span(article.text, part)
    return ClaimReport(
        outlet=article.outlet or article.source,
        article_id=article.id,
        value_min=value[0],
        value_max=value[1],
        qualifier=qualifier,
        date=article.published.value,
        attributed_to=attributed_to,
        relayed_by=None,
        text=part,
        start=start,
        end=end,
        published=article.published.value,
    )


ARTICLE_A = make_article("a1", TEXT_A, "Daily Ledger", published="2023-03-02")
ARTICLE_B = make_article("b1", TEXT_B, "Eastern Wire", published="2023-03-03")
REPOST_B = make_article("b2", TEXT_B, "Mirror | Site", published="2023-03-03", duplicate_of="b1")
ARTICLE_C = make_article("c1", TEXT_C, "River News", published=None, method="none")
ARTICLES = [ARTICLE_A, ARTICLE_B, REPOST_B, ARTICLE_C]

STORIES = [
    Story(
        id="peru",
        article_ids=("a1", "b1", "b2"),
        title="Protests in Peru",
        first_date="2023-03-02",
        last_date="2023-03-03",
        terms=("protest", "lima"),
    ),
    Story(id="dam", article_ids=("c1",), title="Cracked dam"),
]

ANALYSES = {
    "a1": ArticleAnalysis(
        article_id="a1",
        pipeline_version="test",
        places=(
            make_place("a1", TEXT_A, "Lima", LIMA),
            make_place("a1", TEXT_A, "Cusco", CUSCO),
        ),
        events=(
            make_event(
                "a1",
                TEXT_A,
                "Police detained at least 150 protesters in Lima",
                "arrest",
                date="2023-02-28",
                place=("Lima", LIMA),
                actor="Police",
                count=150,
            ),
            make_event(
                "a1",
                TEXT_A,
                "demonstrators marched through Cusco",
                "protest",
                date="2023-03-01",
                place=("Cusco", CUSCO),
                actor="demonstrators",
            ),
            make_event(
                "a1",
                TEXT_A,
                "Officials blamed foreign agitators",
                "statement",
                date=None,
                actor="Officials",
            ),
        ),
    ),
    "b1": ArticleAnalysis(
        article_id="b1",
        pipeline_version="test",
        places=(
            make_place("b1", TEXT_B, "Lima", LIMA),
            make_place("b1", TEXT_B, "Puno", None),
        ),
        events=(
            make_event(
                "b1",
                TEXT_B,
                "Rioters clashed with police in Lima",
                "riot",
                date="2023-03-01",
                place=("Lima", LIMA),
                actor="Rioters",
            ),
        ),
    ),
    # the re-post's own analysis must not add mentions or events a second time
    "b2": ArticleAnalysis(
        article_id="b2",
        pipeline_version="test",
        places=(make_place("b2", TEXT_B, "Lima", LIMA),),
        events=(
            make_event(
                "b2",
                TEXT_B,
                "Rioters clashed with police in Lima",
                "riot",
                date="2023-03-01",
                place=("Lima", LIMA),
            ),
        ),
    ),
}

LEDGERS = {
    "peru": [
        ClaimGroup(
            story_id="peru",
            category="detained",
            who="protesters",
            status="updated",
            independent_sources=1,
            # listed out of time order on purpose
            reports=(
                make_report(
                    ARTICLE_B,
                    "More than 400 people were detained",
                    (400, None),
                    "more_than",
                    attributed_to="Interior Ministry",
                ),
                make_report(
                    ARTICLE_A,
                    "detained at least 150 protesters",
                    (150, None),
                    "at_least",
                    attributed_to="Interior Ministry",
                ),
            ),
            headline_min=400,
            headline_max=None,
            why="later report raises the count from the same ministry",
        ),
        ClaimGroup(
            story_id="peru",
            category="killed",
            who="people",
            status="conflicting",
            independent_sources=2,
            reports=(
                make_report(ARTICLE_A, "Three people were killed", (3, 3), "exact"),
                make_report(
                    ARTICLE_B,
                    "At least 5 people were killed",
                    (5, None),
                    "at_least",
                    attributed_to="hospital staff",
                ),
            ),
            headline_min=3,
            headline_max=5,
            why="3 and at least 5 reported for the same day",
        ),
    ]
}

RELAYS = {"peru": [RelayEdge("peru", "Eastern Wire", "Interior Ministry", "official", 1, ("b1",))]}

QUESTION = "Is this really a spontaneous movement?"
FRAMINGS = {
    "peru": [
        OutletFraming(
            story_id="peru",
            outlet="Daily Ledger",
            article_ids=("a1",),
            labels={"demonstrators": 1, "protesters": 1},
            label_groups={"neutral": 2},
            narratives={"foreign interference": 0.6, "cover-up": 0.2},
            narrative_evidence={
                "foreign interference": (
                    ("blamed foreign agitators", *span(TEXT_A, "blamed foreign agitators")),
                ),
                # no article list for this one: found by its text at those offsets
                "cover-up": (("spontaneous", *span(TEXT_A, "spontaneous")),),
            },
            narrative_evidence_articles={"foreign interference": ("a1",)},
            scare_quotes=("movement",),
            scare_quote_spans=(("a1", "movement", *span(TEXT_A, "movement")),),
            hedges={"really": 1},
            rhetorical_questions=(("a1", QUESTION, *span(TEXT_A, QUESTION)),),
            quote_share=0.1,
            voices=("Interior Ministry", "hospital"),
            absent_voices=("protesters",),
            cited_sources={"Interior Ministry": 1},
        ),
        OutletFraming(
            story_id="peru",
            outlet="Eastern Wire",
            article_ids=("b1",),
            labels={"rioters": 1},
            label_groups={"criminalising": 1},
            narratives={"public order": 0.4},
            loaded_terms={"rioters": 1},
            quote_share=0.0,
            voices=("ministry",),
            absent_voices=("protesters", "opposition"),
            cited_sources={"ministry": 1, "hospital staff": 1},
        ),
    ]
}

NOTES = {"eastern wire": "State-owned; check its figures against others."}


def build(**changes: Any) -> dict[str, Any]:
    options: dict[str, Any] = {
        "stories": STORIES,
        "articles": ARTICLES,
        "analyses": ANALYSES,
        "ledgers": LEDGERS,
        "relays": RELAYS,
        "framings": FRAMINGS,
        "outlet_notes": NOTES,
    }
    options.update(changes)
    return build_briefing(**options)


@pytest.fixture(scope="module")
def briefing() -> dict[str, Any]:
    return build()


@pytest.fixture(scope="module")
def peru(briefing: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in briefing["stories"] if s["id"] == "peru")


def evidence_refs(value: Any) -> Iterator[str]:
    """Every evidence id a briefing refers to, wherever it sits."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "evidence" and isinstance(item, str):
                yield item
            elif (
                key == "evidence"
                and isinstance(item, list)
                and all(isinstance(i, str) for i in item)
            ):
                yield from item
            else:
                yield from evidence_refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from evidence_refs(item)


# --- JSON model -----------------------------------------------------------------


def test_briefing_is_json_round_trippable(briefing: dict[str, Any]) -> None:
    assert json.loads(render_json(briefing)) == briefing
    assert [s["id"] for s in briefing["stories"]] == ["peru", "dam"]


def test_every_evidence_entry_points_at_its_span(briefing: dict[str, Any]) -> None:
    texts = {a.id: a.text for a in ARTICLES}
    assert briefing["evidence"]
    for entry in briefing["evidence"]:
        text = texts[entry["article_id"]]
        assert text[entry["start"] : entry["end"]] == entry["text"]
        assert entry["before"] == text[entry["sentence_start"] : entry["start"]]
        assert entry["after"] == text[entry["end"] : entry["sentence_end"]]
        assert entry["id"] == evidence_id(entry["article_id"], entry["start"], entry["end"])


def test_every_statement_links_to_an_existing_evidence_entry(
    briefing: dict[str, Any], peru: dict[str, Any]
) -> None:
    ids = {entry["id"] for entry in briefing["evidence"]}
    refs = list(evidence_refs(briefing["stories"]))
    assert refs and set(refs) <= ids
    assert all(r["evidence"] for f in peru["figures"] for r in f["reports"])
    daily = next(o for o in peru["outlets"] if o["outlet"] == "Daily Ledger")
    narratives = {n["name"]: n["evidence"] for n in daily["narratives"]}
    assert narratives == {
        "foreign interference": [evidence_id("a1", *span(TEXT_A, "blamed foreign agitators"))],
        "cover-up": [evidence_id("a1", *span(TEXT_A, "spontaneous"))],
    }
    assert daily["scare_quote_spans"][0]["evidence"] == evidence_id("a1", *span(TEXT_A, "movement"))
    assert daily["rhetorical_questions"][0]["evidence"] == evidence_id(
        "a1", *span(TEXT_A, QUESTION)
    )


def test_figures_carry_status_headline_sources_and_history_in_time_order(
    peru: dict[str, Any],
) -> None:
    detained, killed = peru["figures"]
    assert detained["status"] == "updated" and not detained["flagged"]
    assert detained["headline"]["text"] == "more than 400"  # the qualifier of its report
    assert detained["independent_sources"] == 1
    assert [r["published"] for r in detained["reports"]] == ["2023-03-02", "2023-03-03"]
    assert [r["value_text"] for r in detained["reports"]] == ["at least 150", "more than 400"]
    assert detained["reports"][0]["attributed_to"] == "Interior Ministry"
    assert killed["status"] == "conflicting" and killed["flagged"]
    assert killed["why"] == "3 and at least 5 reported for the same day"
    assert peru["flagged"] == [killed["id"]]


def test_timeline_groups_events_by_day_and_lists_undated_apart(peru: dict[str, Any]) -> None:
    timeline = peru["timeline"]
    assert [d["date"] for d in timeline["days"]] == ["2023-02-28", "2023-03-01"]
    march_first = timeline["days"][1]
    assert march_first["types"] == {"protest": 1, "riot": 1}  # the re-post's riot is not counted
    riot = next(e for e in march_first["events"] if e["type"] == "riot")
    assert riot["outlets"] == ["Eastern Wire"] and riot["place"] == "Lima"
    assert [e["type"] for e in timeline["undated"]] == ["statement"]
    assert timeline["undated"][0]["actors"] == ["Officials"]


def test_map_aggregates_places_by_geonames_id_with_the_events_there(peru: dict[str, Any]) -> None:
    points = {p["name"]: p for p in peru["map"]["points"]}
    assert set(points) == {"Lima", "Cusco"}
    lima = points["Lima"]
    assert lima["geonames_id"] == LIMA[0]
    assert lima["mentions"] == 2  # a1 and b1; the re-post b2 counts once, through b1
    assert lima["outlets"] == ["Daily Ledger", "Eastern Wire"]
    assert sorted(e["type"] for e in lima["events"]) == ["arrest", "riot"]
    assert [e["type"] for e in points["Cusco"]["events"]] == ["protest"]
    assert peru["map"]["ungeocoded"] == [{"name": "Puno", "mentions": 1}]
    assert peru["map"]["bbox"] == [LIMA[2], CUSCO[1], CUSCO[2], LIMA[1]]


def test_outlets_carry_framing_relays_and_the_users_note(peru: dict[str, Any]) -> None:
    by_name = {o["outlet"]: o for o in peru["outlets"]}
    wire = by_name["Eastern Wire"]
    assert wire["note"] == "State-owned; check its figures against others."
    assert wire["relays"] == [
        {
            "outlet": "Eastern Wire",
            "source": "Interior Ministry",
            "kind": "official",
            "count": 1,
            "article_ids": ["b1"],
        }
    ]
    assert wire["label_groups"] == {"criminalising": 1}
    assert wire["absent_voices"] == ["protesters", "opposition"]
    assert by_name["Daily Ledger"]["note"] is None
    assert list(by_name["Daily Ledger"]["labels"]) == ["demonstrators", "protesters"]


def test_partial_notes_say_what_is_missing(briefing: dict[str, Any], peru: dict[str, Any]) -> None:
    dam = briefing["stories"][1]
    assert "No dated events." in dam["partial"]
    assert "No figures were compared for this story." in dam["partial"]
    assert any(n.startswith("Not analysed yet") for n in dam["partial"])
    assert any(n.startswith("Publication date unknown") for n in dam["partial"])
    assert any("Puno" in n for n in peru["partial"])
    assert any("re-post" in n for n in peru["partial"])
    assert "No dated events." not in peru["partial"]


def test_anchored_publication_date_is_marked_as_inferred_from_the_story() -> None:
    anchored = {"c1": AnchoredDate("c1", "2023-03-04", "story_median", "story peers")}
    briefing = build(anchored_dates=anchored, story_id="dam")
    (article,) = briefing["stories"][0]["articles"]
    assert article["published"] == "2023-03-04"
    assert article["published_note"] == "publication date inferred from the story"
    assert any("inferred from the story" in n for n in briefing["stories"][0]["partial"])


def test_story_id_selects_one_story_and_unknown_id_is_not_found() -> None:
    assert [s["id"] for s in build(story_id="peru")["stories"]] == ["peru"]
    with pytest.raises(NotFound):
        build(story_id="nope")


def test_offsets_that_do_not_fit_the_text_are_not_linked_but_reported() -> None:
    bad = ClaimReport(
        "Daily Ledger", "a1", 7, 7, "exact", None, None, None, "seven", start=5, end=10
    )
    ledger = {"peru": [ClaimGroup("peru", "injured", None, "single_source", 1, (bad,))]}
    briefing = build(ledgers=ledger, story_id="peru")
    assert briefing["stories"][0]["figures"][0]["reports"][0]["evidence"] is None
    assert any("could not be linked" in n for n in briefing["partial"])


@pytest.mark.parametrize(
    ("value_min", "value_max", "qualifier", "expected"),
    [
        (2000, 2000, "exact", "2,000"),
        (200, None, "at_least", "at least 200"),
        (3000, None, "more_than", "more than 3,000"),
        (None, 50, "up_to", "up to 50"),
        (12, 100, "vague", "12-100 (vague)"),
        (24, 26, "about", "about 24-26"),
        (None, None, "vague", "unknown"),
    ],
)
def test_reported_values_read_as_their_qualifier(
    value_min: float | None, value_max: float | None, qualifier: str, expected: str
) -> None:
    assert describe_value(value_min, value_max, qualifier) == expected


def test_headline_reads_open_and_closed_ranges() -> None:
    assert describe_headline(3, 5) == "3-5"
    assert describe_headline(26, 26) == "26"
    assert describe_headline(401, None) == "401 or more"
    assert describe_headline(None, None) == "no headline figure"


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet='ab .!?\n"', min_size=1, max_size=120), data=st.data())
def test_sentence_bounds_always_contain_the_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    left, right = sentence_bounds(text, start, end)
    assert 0 <= left <= start < end <= right <= len(text)


def test_sentence_bounds_stop_at_sentence_ends() -> None:
    start, end = span(TEXT_A, "Cusco")
    left, right = sentence_bounds(TEXT_A, start, end)
    assert TEXT_A[left:right] == "On Wednesday, demonstrators marched through Cusco."


# --- Markdown --------------------------------------------------------------------


def test_markdown_lists_key_figures_flags_and_evidence_anchors(briefing: dict[str, Any]) -> None:
    markdown = render_markdown(briefing)
    assert "## Key figures" in markdown
    assert "more than 400" in markdown and "3-5" in markdown
    assert "### Flags" in markdown
    assert (
        "⚠ **conflicting**: killed people: 3 and at least 5 reported for the same day" in markdown
    )
    assert "**updated over time**" in markdown
    anchor = evidence_id("a1", *span(TEXT_A, "Three people were killed"))
    assert f"(#{anchor})" in markdown and f'<a id="{anchor}"></a>' in markdown
    assert "No dated events." in markdown


def test_markdown_escapes_article_text_and_table_cells(briefing: dict[str, Any]) -> None:
    markdown = render_markdown(briefing)
    assert "<script>" not in markdown
    assert r"\<script\>" in markdown
    assert r"Mirror \| Site" in markdown


# --- HTML ------------------------------------------------------------------------

EXTERNAL_REFERENCE = re.compile(
    r"""(?:\b(?:src|href|xlink:href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)""",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def page(briefing: dict[str, Any]) -> str:
    return render_html(briefing)


def test_html_references_no_external_resource(page: str) -> None:
    assert EXTERNAL_REFERENCE.search(page) is None
    assert "https://example.org/live" in page  # as escaped text of the evidence only
    assert re.search(r"""<(?:link|img|iframe|object|embed)\b""", page) is None
    assert page.count("<script") == 1  # the page's own inline script


def test_html_escapes_script_in_article_text(page: str) -> None:
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def test_html_draws_the_map_and_timeline_as_inline_svg(page: str) -> None:
    assert '<svg class="map" id="s1-map"' in page
    assert '<svg class="timeline" id="s1-timeline"' in page
    assert "<title>Peru</title>" in page  # country outline from the bundled data
    assert re.search(r"<title>Lima: 2 mention\(s\) in 2 outlet\(s\); events: ", page)
    assert 'href="#s1-place-gn-3936456"' in page and 'id="s1-place-gn-3936456"' in page
    assert 'href="#s1-day-2023-03-01"' in page
    assert "No geocoded places: no map." in page  # the dam story


def test_html_shows_figures_flags_outlets_and_evidence(page: str) -> None:
    assert "more than 400" in page
    assert 'class="badge badge-conflicting">conflicting<' in page
    assert "State-owned; check its figures against others." in page
    anchor = evidence_id("a1", *span(TEXT_A, QUESTION))
    assert f'href="#{anchor}"' in page and f'id="{anchor}"' in page
    assert "<mark>Is this really a spontaneous movement?</mark>" in page


def test_write_briefing_writes_html_markdown_and_json(
    briefing: dict[str, Any], tmp_path: Path
) -> None:
    paths = write_briefing(briefing, tmp_path / "out")
    assert sorted(p.name for p in paths) == ["briefing.html", "briefing.json", "briefing.md"]
    assert json.loads((tmp_path / "out" / "briefing.json").read_text("utf-8")) == briefing


def test_empty_corpus_still_renders_with_a_note() -> None:
    briefing = build_briefing(
        stories=[], articles=[], analyses={}, ledgers={}, relays={}, framings={}
    )
    assert briefing["partial"] == ["No stories were formed: nothing to brief on."]
    assert "nothing to brief on" in render_html(briefing)
    assert "nothing to brief on" in render_markdown(briefing)


# --- map data ----------------------------------------------------------------------


def test_bundled_outline_is_small_and_complete() -> None:
    asset = Path(__file__).resolve().parent.parent / "src/newsprism/report/assets/world-110m.json"
    assert asset.stat().st_size < 300_000
    names = {c["name"] for c in load_outline()}
    assert len(names) > 170 and {"Peru", "Kazakhstan", "Ghana"} <= names


def test_view_fits_the_places_with_a_margin_and_keeps_them_inside() -> None:
    points = [(LIMA[2], LIMA[1]), (CUSCO[2], CUSCO[1])]
    view = fit_view(points, width=800)
    for lon, lat in points:
        x, y = view.project(lon, lat)
        assert 40 < x < 760 and 0 < y < view.height
    assert 0.45 * 800 - 1 <= view.height <= 0.8 * 800 + 1
    names = {p["name"] for p in outline_paths(view)}
    assert "Peru" in names and "Kazakhstan" not in names


def test_single_place_gets_a_regional_view() -> None:
    view = fit_view([(71.45, 51.17)], width=800)
    assert view.max_lon - view.min_lon >= 6 and view.min_lat < 51.17 < view.max_lat


def point(
    name: str, lon: float, lat: float, mentions: int, feature: str = "city"
) -> dict[str, Any]:
    return {
        "name": name,
        "lon": lon,
        "lat": lat,
        "mentions": mentions,
        "events": [],
        "feature": feature,
        "id": f"p-{name}",
        "outlets": ["x"],
    }


def test_main_map_leaves_out_country_centroids_and_a_far_passing_mention() -> None:
    points = [
        point("Almaty", 76.9, 43.2, 20),
        point("Astana", 71.4, 51.2, 8),
        point("Kazakhstan", 69.4, 48.7, 60, feature="country"),
        point("Reykjavik", -21.9, 64.1, 1),
    ]
    assert [p["name"] for p in focus_points(points)] == ["Almaty", "Astana"]
    drawing = draw_map(points)
    assert drawing is not None and drawing["overview"] is not None
    assert drawing["overview"]["outside"] == ["Reykjavik"]
    kinds = {p["name"]: p["kind"] for p in drawing["points"]}
    assert kinds["Kazakhstan"] == "area-point" and kinds["Almaty"] == "point"


def test_far_place_with_a_large_share_of_mentions_stays_on_the_main_map() -> None:
    points = [point("Kyiv", 30.5, 50.4, 10), point("Washington", -77.0, 38.9, 6)]
    assert {p["name"] for p in focus_points(points)} == {"Kyiv", "Washington"}
    drawing = draw_map(points)
    assert drawing is not None and drawing["overview"] is None


def test_outline_has_no_ring_jumping_across_the_map() -> None:
    for country in load_outline():
        for ring in country["rings"]:
            lons, lats = ring[0::2], ring[1::2]
            for index in range(1, len(lons)):
                on_pole = abs(lats[index]) == 90 and abs(lats[index - 1]) == 90
                assert on_pole or abs(lons[index] - lons[index - 1]) < 180, country["name"]


def test_briefing_html_has_a_strict_csp_allowing_its_own_script_by_hash(
    briefing: dict[str, Any],
) -> None:
    import base64
    import hashlib
    import re

    page = render_html(briefing)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    directives = dict(d.strip().split(" ", 1) for d in policy.group(1).split(";"))
    assert directives["default-src"] == "'none'"
    assert "unsafe-inline" not in directives["script-src"]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert scripts
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in directives["script-src"]
    assert page.index("Content-Security-Policy") < page.index("<script>")
