"""The claim ledger on small hand-built corpora: updates, conflicts, independence, retractions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsprism.compare.ledger import HEADLINE_RULES, build_ledger, format_figure
from newsprism.compare.retractions import is_retracted
from newsprism.errors import InputError
from newsprism.models import ClaimGroup
from newsprism.settings import Settings
from tests.ledger_helpers import analysis, article, citation, claim, place, story_of


def only_group(groups: list[ClaimGroup], category: str) -> ClaimGroup:
    found = [g for g in groups if g.category == category]
    assert len(found) == 1, found
    return found[0]


# --- updates and conflicts -------------------------------------------------------------------


def test_growing_count_on_successive_days_is_an_update_not_a_conflict() -> None:
    a = article(
        "a", "Lima Post", "Police said 150 or more people were arrested.", published="2023-03-01"
    )
    b = article(
        "b", "Andes Wire", "At least 1,400 people have been arrested.", published="2023-03-02"
    )
    c = article(
        "c", "Coast Daily", "Over 2,500 people were arrested so far.", published="2023-03-03"
    )
    analyses = {
        "a": analysis(
            a,
            claims=(
                claim(
                    a,
                    "150 or more people were arrested",
                    "detained",
                    150,
                    None,
                    "at_least",
                    attributed_to="Police",
                ),
            ),
        ),
        "b": analysis(
            b, claims=(claim(b, "At least 1,400 people", "detained", 1400, None, "at_least"),)
        ),
        "c": analysis(
            c,
            claims=(
                claim(c, "Over 2,500 people were arrested", "detained", 2500, None, "more_than"),
            ),
        ),
    }
    group = only_group(build_ledger(story_of(c, a, b), [a, b, c], analyses), "detained")
    assert group.status == "updated"
    assert [r.value_min for r in group.reports] == [150, 1400, 2500]  # a history, in time order
    assert "->" in group.why and "at least 150" in group.why
    assert (group.headline_min, group.headline_rule) == (2500, "conservative")


def test_same_day_incompatible_figures_from_independent_sources_conflict_with_a_why() -> None:
    a = article(
        "a", "Outlet A", "The Interior Ministry said 18 people were killed.", published="2023-05-07"
    )
    b = article("b", "Outlet B", "Witnesses said 40 people were killed.", published="2023-05-07")
    analyses = {
        "a": analysis(
            a,
            claims=(
                claim(
                    a, "18 people were killed", "killed", 18, 18, attributed_to="Interior Ministry"
                ),
            ),
        ),
        "b": analysis(
            b,
            claims=(
                claim(b, "40 people were killed", "killed", 40, 40, attributed_to="witnesses"),
            ),
        ),
    }
    group = only_group(build_ledger(story_of(a, b), [a, b], analyses), "killed")
    assert group.status == "conflicting"
    assert group.independent_sources == 2
    assert "Outlet A says 18 (Interior Ministry, 2023-05-07)" in group.why
    assert "Outlet B says 40 (witnesses, 2023-05-07)" in group.why


def test_later_lower_figure_from_another_source_is_a_conflict_not_an_update() -> None:
    a = article("a", "Outlet A", "Doctors counted 60 dead.", published="2023-05-07")
    b = article("b", "Outlet B", "The army said 12 died.", published="2023-05-08")
    analyses = {
        "a": analysis(a, claims=(claim(a, "60 dead", "killed", 60, 60, attributed_to="doctors"),)),
        "b": analysis(b, claims=(claim(b, "12 died", "killed", 12, 12, attributed_to="the army"),)),
    }
    assert (
        only_group(build_ledger(story_of(a, b), [a, b], analyses), "killed").status == "conflicting"
    )


def test_one_source_revising_its_own_figure_is_an_update() -> None:
    a = article("a", "Outlet A", "The health ministry said 60 died.", published="2023-05-07")
    b = article("b", "Outlet B", "The health ministry said 45 died.", published="2023-05-08")
    analyses = {
        "a": analysis(
            a, claims=(claim(a, "60 died", "killed", 60, 60, attributed_to="The health ministry"),)
        ),
        "b": analysis(
            b, claims=(claim(b, "45 died", "killed", 45, 45, attributed_to="the Health Ministry"),)
        ),
    }
    group = only_group(build_ledger(story_of(a, b), [a, b], analyses), "killed")
    assert group.status == "updated"
    assert group.independent_sources == 1


def test_open_lower_bound_agrees_with_exact_and_vague_figures() -> None:
    a = article("a", "Outlet A", "At least 18 were killed.", published="2023-05-07")
    b = article("b", "Outlet B", "18 were killed.", published="2023-05-07")
    c = article("c", "Outlet C", "More than a dozen were killed.", published="2023-05-07")
    analyses = {
        "a": analysis(
            a, claims=(claim(a, "At least 18 were killed", "killed", 18, None, "at_least"),)
        ),
        "b": analysis(b, claims=(claim(b, "18 were killed", "killed", 18, 18),)),
        "c": analysis(
            c,
            claims=(
                claim(
                    c,
                    "More than a dozen were killed",
                    "killed",
                    13,
                    None,
                    "more_than",
                    vague_rule="more than a dozen",
                ),
            ),
        ),
    }
    group = only_group(build_ledger(story_of(a, b, c), [a, b, c], analyses), "killed")
    assert group.status == "corroborated"
    assert group.independent_sources == 3


# --- independent sources ---------------------------------------------------------------------


def _peru_story(attributions: list[str | None]) -> tuple[list, dict]:
    """One article per attribution, each reporting 26 killed in Peru's south."""
    articles, analyses = [], {}
    for i, source in enumerate(attributions):
        said = f"{source} said" if source else "Our reporter counted"
        text = f"{said} 26 people were killed in Juliaca, Peru."
        art = article(f"p{i}", f"Outlet {i}", text, published="2023-01-10")
        articles.append(art)
        analyses[art.id] = analysis(
            art,
            places=(place(art, "Juliaca", "PE"), place(art, "Peru", "PE", "country")),
            claims=(claim(art, "26 people were killed", "killed", 26, 26, attributed_to=source),),
        )
    return articles, analyses


def test_three_outlets_citing_one_ministry_are_one_independent_source() -> None:
    articles, analyses = _peru_story(
        ["Peru's Interior Ministry", "the interior ministry", "Interior Ministry"]
    )
    group = only_group(build_ledger(story_of(*articles), articles, analyses), "killed")
    assert group.independent_sources == 1
    assert group.status == "single_source"
    assert len(group.reports) == 3


def test_two_outlets_with_own_reporters_and_one_citing_a_ministry_are_three_sources() -> None:
    articles, analyses = _peru_story([None, None, "Peru's Interior Ministry"])
    settings = Settings(infer_shared_figures=False)
    group = only_group(
        build_ledger(story_of(*articles), articles, analyses, settings=settings), "killed"
    )
    assert group.independent_sources == 3
    assert group.status == "corroborated"


def test_the_same_specific_figure_without_a_source_counts_with_the_one_named_source() -> None:
    articles, analyses = _peru_story([None, None, "Peru's Interior Ministry"])
    group = only_group(build_ledger(story_of(*articles), articles, analyses), "killed")
    assert group.independent_sources == 1
    assert group.status == "single_source"
    assert "same specific figure" in group.why


def test_small_or_inexact_figures_are_not_taken_to_share_a_source() -> None:
    articles, analyses = _peru_story([None, "Peru's Interior Ministry"])
    for art in articles:
        old = analyses[art.id].claims[0]
        analyses[art.id] = replace(
            analyses[art.id], claims=(replace(old, value_min=4, value_max=4),)
        )
    group = only_group(build_ledger(story_of(*articles), articles, analyses), "killed")
    # the outlet's own 4 is not read as the ministry's: it stays an unnamed report, shown
    # apart and never counted as a second source
    assert group.independent_sources == 1
    assert "same specific figure" not in group.why
    assert [s.originator for s in group.series] == ["Interior Ministry", "unnamed sources"]


def test_ministries_of_two_countries_stay_two_sources() -> None:
    articles, analyses = _peru_story(["Peru's Interior Ministry", "the Bolivian interior ministry"])
    group = only_group(build_ledger(story_of(*articles), articles, analyses), "killed")
    assert group.independent_sources == 2


def test_reposts_and_outlets_relaying_a_corpus_outlet_collapse_into_the_original() -> None:
    text = "Rescuers pulled 31 bodies from the rubble."
    original = article("o", "Quake Wire", text, published="2023-02-06")
    repost = article("r", "Aggregator", text, published="2023-02-06", duplicate_of="o")
    relay_text = "Quake Wire reported that 31 bodies were pulled from the rubble."
    relay = article("q", "Morning Star", relay_text, published="2023-02-06")
    analyses = {
        "o": analysis(original, claims=(claim(original, "31 bodies", "killed", 31, 31),)),
        "r": analysis(repost, claims=(claim(repost, "31 bodies", "killed", 31, 31),)),
        "q": analysis(
            relay,
            citations=(citation(relay, "Quake Wire reported", "Quake Wire", "media"),),
            claims=(claim(relay, "31 bodies", "killed", 31, 31),),
        ),
    }
    group = only_group(
        build_ledger(story_of(original, repost, relay), [original, repost, relay], analyses),
        "killed",
    )
    assert len(group.reports) == 2  # the re-post is the original: never listed twice
    assert group.independent_sources == 1
    assert group.status == "single_source"


# --- grouping ----------------------------------------------------------------------------------


def test_tolls_in_two_cities_are_two_figures() -> None:
    a = article("a", "Outlet A", "In Homs, 12 people died.", published="2023-02-07")
    b = article("b", "Outlet B", "In Aleppo, 40 people died.", published="2023-02-07")
    analyses = {
        "a": analysis(
            a,
            places=(place(a, "Homs", "SY"),),
            claims=(claim(a, "12 people died", "killed", 12, 12, place="Homs"),),
        ),
        "b": analysis(
            b,
            places=(place(b, "Aleppo", "SY"),),
            claims=(claim(b, "40 people died", "killed", 40, 40, place="Aleppo"),),
        ),
    }
    groups = build_ledger(story_of(a, b), [a, b], analyses)
    assert sorted((g.place, g.status) for g in groups) == [
        ("Aleppo", "single_source"),
        ("Homs", "single_source"),
    ]


def test_unspecified_count_joins_the_only_named_group_when_it_agrees() -> None:
    a = article("a", "Outlet A", "Troops killed 9 militants.", published="2023-02-07")
    b = article("b", "Outlet B", "9 were killed, and 300 people were hurt.", published="2023-02-07")
    analyses = {
        "a": analysis(a, claims=(claim(a, "killed 9 militants", "killed", 9, 9, who="rioters"),)),
        "b": analysis(b, claims=(claim(b, "9 were killed", "killed", 9, 9),)),
    }
    group = only_group(build_ledger(story_of(a, b), [a, b], analyses), "killed")
    assert group.who == "rioters" and group.status == "corroborated"


def test_unspecified_total_stays_apart_when_two_named_groups_exist() -> None:
    text = "5 soldiers and 20 rebels died; 25 people died in all."
    a = article("a", "Outlet A", text, published="2023-02-07")
    analyses = {
        "a": analysis(
            a,
            claims=(
                claim(a, "5 soldiers", "killed", 5, 5, who="soldiers"),
                claim(a, "20 rebels", "killed", 20, 20, who="rioters"),
                claim(a, "25 people died", "killed", 25, 25),
            ),
        )
    }
    groups = build_ledger(story_of(a), [a], analyses)
    assert sorted(g.who or "" for g in groups) == ["rioters", "soldiers", "unspecified"]
    assert all(g.status == "single_source" for g in groups)


# --- retractions ---------------------------------------------------------------------------------


def test_figure_withdrawn_in_a_later_sentence_is_retracted() -> None:
    text = "The agency said 40 people were killed. It later retracted the figure."
    a = article("a", "Outlet A", text, published="2023-05-07")
    c = claim(a, "40 people were killed", "killed", 40, 40)
    assert is_retracted(text, c)
    group = only_group(build_ledger(story_of(a), [a], {"a": analysis(a, claims=(c,))}), "killed")
    assert group.status == "retracted"
    assert group.reports[0].retracted


def test_revised_down_withdraws_the_old_figure_and_keeps_the_new_one() -> None:
    text = "Officials revised down the toll from 40 deaths to 18 deaths on Monday."
    a = article("a", "Outlet A", text, published="2023-05-08")
    old = claim(a, "40 deaths", "killed", 40, 40)
    new = claim(a, "18 deaths", "killed", 18, 18)
    assert is_retracted(text, old)
    assert not is_retracted(text, new)
    group = only_group(
        build_ledger(story_of(a), [a], {"a": analysis(a, claims=(old, new))}), "killed"
    )
    assert group.status == "retracted"
    assert group.why.startswith("revised down: 40")
    assert group.headline_min == 18


def test_a_later_correction_below_the_earlier_toll_is_a_retraction() -> None:
    first = article("a", "Wire", "Police said 359 people were killed.", published="2019-04-24")
    later = article(
        "b",
        "Paper",
        "Police revised the toll down to 253 on Thursday.",
        published="2019-04-25",
    )
    rising = article("c", "Daily", "Police said the toll rose to 359.", published="2019-04-24")
    analyses = {
        "a": analysis(
            first, claims=(claim(first, "359 people", "killed", 359, 359, attributed_to="Police"),)
        ),
        "b": analysis(
            later, claims=(claim(later, "253", "killed", 253, 253, attributed_to="Police"),)
        ),
        "c": analysis(
            rising, claims=(claim(rising, "359", "killed", 359, 359, attributed_to="Police"),)
        ),
    }
    group = only_group(
        build_ledger(story_of(first, later, rising), [first, later, rising], analyses), "killed"
    )
    assert group.status == "retracted"
    assert "revised down: 359" in group.why
    assert group.latest_min == 253


def test_unrelated_later_sentence_does_not_retract() -> None:
    text = (
        "Police said 40 people were killed. A newspaper retracted an unrelated story about 7 banks."
    )
    a = article("a", "Outlet A", text)
    assert not is_retracted(text, claim(a, "40 people were killed", "killed", 40, 40))


def test_user_retraction_cues_are_honoured() -> None:
    from newsprism.settings import Settings

    text = "The ministry said 40 people were killed. The ministry rectified that figure."
    a = article("a", "Outlet A", text, published="2023-05-07")
    c = claim(a, "40 people were killed", "killed", 40, 40)
    assert not is_retracted(text, c)
    settings = Settings(lexicons={"retraction_cues": ("rectified\tcue",)})
    group = only_group(
        build_ledger(story_of(a), [a], {"a": analysis(a, claims=(c,))}, settings=settings), "killed"
    )
    assert group.status == "retracted"


# --- headline rules ---------------------------------------------------------------------------


def _headline_corpus() -> tuple[list, dict]:
    a = article(
        "a", "Outlet A", "The Interior Ministry said at least 18 died.", published="2023-05-07"
    )
    b = article("b", "Outlet B", "Witnesses said 20 died.", published="2023-05-07")
    c = article("c", "Outlet C", "About 19 died, our reporter found.", published="2023-05-07")
    analyses = {
        "a": analysis(
            a,
            citations=(citation(a, "The Interior Ministry said", "Interior Ministry", "official"),),
            claims=(
                claim(
                    a,
                    "at least 18 died",
                    "killed",
                    18,
                    None,
                    "at_least",
                    attributed_to="Interior Ministry",
                ),
            ),
        ),
        "b": analysis(
            b, claims=(claim(b, "20 died", "killed", 20, 20, attributed_to="Witnesses"),)
        ),
        "c": analysis(c, claims=(claim(c, "About 19 died", "killed", 19, 19, "about"),)),
    }
    return [a, b, c], analyses


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("conservative", (18, None)),
        ("latest_official", (18, None)),
        ("median", (19, 19)),
        ("range", (18, None)),
    ],
)
def test_each_headline_rule_gives_its_figure(
    rule: str, expected: tuple[float, float | None]
) -> None:
    articles, analyses = _headline_corpus()
    group = only_group(
        build_ledger(story_of(*articles), articles, analyses, headline_rule=rule), "killed"
    )
    # the ministry and the witnesses; "our reporter found" names no one the ledger can count
    assert group.status == "corroborated" and group.independent_sources == 2
    assert (group.headline_min, group.headline_max) == expected
    assert group.headline_rule == rule


def test_range_rule_closes_when_every_report_is_bounded() -> None:
    articles, analyses = _peru_story([None, "witnesses"])
    group = only_group(
        build_ledger(story_of(*articles), articles, analyses, headline_rule="range"), "killed"
    )
    assert (group.headline_min, group.headline_max) == (26, 26)


def test_latest_official_without_an_official_figure_falls_back_and_says_so() -> None:
    articles, analyses = _peru_story([None, "witnesses"])
    group = only_group(
        build_ledger(story_of(*articles), articles, analyses, headline_rule="latest_official"),
        "killed",
    )
    assert group.headline_rule == "conservative" and group.headline_min == 26


def test_unknown_headline_rule_is_an_input_error() -> None:
    articles, analyses = _peru_story([None])
    with pytest.raises(InputError, match="headline rule"):
        build_ledger(story_of(*articles), articles, analyses, headline_rule="loudest")
    assert "conservative" in HEADLINE_RULES


def test_figures_read_as_a_reader_would_say_them() -> None:
    articles, analyses = _peru_story([None])
    report = build_ledger(story_of(*articles), articles, analyses)[0].reports[0]
    assert format_figure(report) == "26"


def test_story_without_claims_or_analyses_gives_an_empty_ledger() -> None:
    a = article("a", "Outlet A", "Nothing was counted.")
    assert build_ledger(story_of(a), [a], {}) == []
    assert build_ledger(story_of(a), [a], {"a": analysis(a)}) == []


# --- the demo corpus's facts -------------------------------------------------------------------


def test_demo_facts_detention_series_updates_and_ministry_toll_is_one_source() -> None:
    """The demo's figures rebuilt by hand: detentions growing over three days, and one
    ministry toll repeated by three outlets (what the extractors should deliver)."""
    days = ["2022-01-06", "2022-01-07", "2022-01-08"]
    figures = [
        (200, "at_least", "200 or more"),
        (2000, "at_least", "at least 2,000"),
        (3000, "more_than", "over 3,000"),
    ]
    articles, analyses = [], {}
    for i, (day, (value, qualifier, words)) in enumerate(zip(days, figures, strict=True)):
        text = (
            f"{words} people were detained. The Interior Ministry said 26 gunmen were liquidated."
        )
        art = article(f"k{i}", f"Outlet {i}", text, published=day)
        articles.append(art)
        analyses[art.id] = analysis(
            art,
            claims=(
                claim(art, f"{words} people were detained", "detained", value, None, qualifier),
                claim(
                    art,
                    "26 gunmen were liquidated",
                    "killed",
                    26,
                    26,
                    who="rioters",
                    attributed_to="Kazakhstan's Interior Ministry"
                    if i == 0
                    else "Interior Ministry",
                ),
            ),
        )
    groups = build_ledger(story_of(*articles), articles, analyses)
    assert only_group(groups, "detained").status == "updated"
    killed = only_group(groups, "killed")
    assert killed.independent_sources == 1 and killed.status == "single_source"


@pytest.mark.slow
def test_demo_corpus_end_to_end(tmp_path: Path, demo_paths: list[Path]) -> None:
    """Through the real pipeline: ingest, analyze, stories (anchoring), then the ledger."""
    from newsprism import pipeline
    from newsprism.compare.corpus import compare_story, load_corpus
    from newsprism.store.database import open_store

    engine = open_store(f"sqlite:///{tmp_path / 'demo.db'}")
    settings = Settings()
    try:
        pipeline.ingest([str(p) for p in demo_paths], engine=engine, settings=settings)
        pipeline.analyze(engine=engine, settings=settings)
        pipeline.build_stories(engine=engine, settings=settings)
        corpus = load_corpus(engine)
    finally:
        engine.dispose()
    [story] = corpus.stories
    groups = compare_story(corpus, story, settings=settings).ledger
    detained = [g for g in groups if g.category == "detained"]
    # 200 or more (Wednesday) -> at least 2,000 -> over 3,000: a history, not a conflict.
    assert [g.status for g in detained] == ["updated"], [(g.status, g.why) for g in detained]
    values = [r.value_min for r in detained[0].reports]
    assert values[0] == 200 and values[-1] == 3000
    killed26 = [
        g for g in groups if g.category == "killed" and any(r.value_min == 26 for r in g.reports)
    ]
    [group] = killed26
    outlets = {r.outlet for r in group.reports if r.value_min == 26}
    # Four outlets give 26; those naming no source count with the Interior Ministry.
    assert len(outlets) >= 3
    sources_of_26 = {
        series.originator
        for series in group.series
        if any(group.reports[i].value_min == 26 for i in series.report_indexes)
    }
    assert len(sources_of_26) == 1, group.series
    assert "Counted with Interior Ministry" in group.why
    # The security forces' toll is one figure: 18 per the Interior Ministry, state TV's "more
    # than a dozen" agreeing with it, and the two beheaded nested under it as a part.
    security = [g for g in groups if g.category == "killed" and g.who == "security forces"]
    [toll] = security
    assert toll.status != "conflicting", toll.why
    assert any(r.value_min == 18 and r.originator == "Interior Ministry" for r in toll.reports)
    assert any(r.value_min == 13 for r in toll.reports)
    parts = [g for g in groups if g.parent == groups.index(toll)]
    assert [(g.latest_min, g.latest_max) for g in parts] == [(2, 2)]
    assert all("/" not in s.originator for g in groups for s in g.series)


def test_headline_prefers_a_precise_figure_to_a_vague_range() -> None:
    wire = article("w", "Wire", "Police said dozens of gunmen were killed.", published="2023-05-02")
    daily = article(
        "d", "Daily", "The ministry said 31 gunmen were killed.", published="2023-05-02"
    )
    analyses = {
        "w": analysis(
            wire,
            claims=(
                claim(
                    wire,
                    "dozens of gunmen were killed",
                    "killed",
                    24,
                    99,
                    qualifier="vague",
                    vague_rule="dozens -> 24..99",
                    who="gunmen",
                ),
            ),
        ),
        "d": analysis(
            daily, claims=(claim(daily, "31 gunmen were killed", "killed", 31, 31, who="gunmen"),)
        ),
    }
    group = only_group(build_ledger(story_of(wire, daily), [wire, daily], analyses), "killed")
    assert group.status == "corroborated"
    assert (group.headline_min, group.headline_max) == (31, 31)


def test_an_open_small_figure_agrees_with_a_slightly_larger_one() -> None:
    blog = article(
        "b", "Blog", "Violence caused at least one death, witnesses said.", published="2023-05-02"
    )
    wire = article("w", "Wire", "Two people were killed, the police said.", published="2023-05-02")
    analyses = {
        "b": analysis(
            blog,
            claims=(
                claim(
                    blog,
                    "at least one death",
                    "killed",
                    1,
                    None,
                    qualifier="at_least",
                    attributed_to="witnesses",
                ),
            ),
        ),
        "w": analysis(
            wire,
            claims=(claim(wire, "Two people were killed", "killed", 2, 2, attributed_to="police"),),
        ),
    }
    group = only_group(build_ledger(story_of(blog, wire), [blog, wire], analyses), "killed")
    assert group.status == "corroborated"


def test_a_figure_denied_beside_its_correction_is_retracted() -> None:
    text = (
        "The Health Ministry issued a clarification stating that the death toll stands at "
        "nearly 253 and not at 359 as declared previously."
    )
    a = article("a", "Outlet A", text)
    assert is_retracted(text, claim(a, "359", "killed", 359, 359))
    assert not is_retracted(text, claim(a, "253", "killed", 253, 253, "about"))
    later = "The toll has not risen above 40, police said."
    b = article("b", "Outlet B", later)
    assert not is_retracted(later, claim(b, "40", "killed", 40, 40))
