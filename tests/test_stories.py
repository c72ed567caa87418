"""Grouping articles into stories, on hand-written corpora and on the demo corpus.

Corpus (written for these tests, not taken from the demo articles):

Events: a flood in north-eastern Bangladesh, a coup in Niger in the same week, and
protests in Bolivia described by one outlet as "demonstrators" and by another as
"terrorists". GeoNames ids are the real ones of the places named.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.models import (
    Article,
    ArticleAnalysis,
    Mention,
    Place,
    PublicationDate,
    Story,
    TimeExpression,
)
from newsprism.stories import (
    DEFAULT_THRESHOLD,
    group_stories,
    similarity_matrix,
    story_id_for,
    tokenize,
)

GEONAMES = {
    "Bangladesh": 1210997,
    "Sylhet": 1185099,
    "Sunamganj": 1185095,
    "Dhaka": 1185241,
    "Niger": 2440476,
    "Niamey": 2440485,
    "France": 3017382,
    "Bolivia": 3923057,
    "La Paz": 3911925,
    "El Alto": 3919998,
    "Cochabamba": 3919968,
}


def make_article(
    article_id: str,
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    hints: Sequence[tuple[str, str]] = (),
    duplicate_of: str | None = None,
) -> Article:
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        text=text,
        content_hash=hashlib.sha1(text.encode()).hexdigest(),
        outlet=outlet or f"{article_id}.txt",
        title=title,
        published=PublicationDate(
            value=published,
            method="record" if published else ("text_partial" if hints else "none"),
            confidence=1.0 if published else 0.0,
            hints=tuple(hints),
        ),
        duplicate_of=duplicate_of,
        duplicate_kind="near" if duplicate_of else None,
    )


def make_analysis(
    article: Article,
    *,
    places: Sequence[str] = (),
    actors: Sequence[str] = (),
    dates: Sequence[tuple[str, str | None]] = (),
) -> ArticleAnalysis:
    """Facts pointing at the first occurrence of each given string in the article's text."""
    text = article.text

    def span(needle: str) -> tuple[int, int]:
        start = text.index(needle)
        return start, start + len(needle)

    found_places = tuple(
        Place(article.id, name, name, *span(name), geonames_id=GEONAMES[name]) for name in places
    )
    mentions = tuple(Mention(article.id, name, "PERSON", *span(name), key=name) for name in actors)
    expressions = tuple(
        TimeExpression(article.id, expression, *span(expression), date=value)
        for expression, value in dates
    )
    return ArticleAnalysis(
        article.id, "test", mentions=mentions, places=found_places, dates=expressions
    )


FLOOD_A = (
    "Flood waters have submerged hundreds of villages in Sylhet and Sunamganj after days of "
    "torrential monsoon rain, leaving millions of people stranded. The army has been deployed "
    "to rescue families trapped on rooftops. Disaster management minister Enamur Rahman said "
    "rivers were still rising and shelters in Sylhet were overflowing. At least 18 people have "
    "drowned and four million are cut off from drinking water."
)
FLOOD_B = (
    "Bangladesh: relief agencies scramble as floods swamp the north-east. In Sunamganj district, "
    "boats are the only way to reach villages where flood water reached the roofs. Enamur Rahman, "
    "the minister for disaster management, told reporters that rain upstream in India would keep "
    "rivers high. Aid workers in Sylhet distributed drinking water and dry food to stranded "
    "families as the death toll from the flooding rose."
)
FLOOD_C = (
    "The worst flooding in a century has hit Sylhet, officials in Dhaka said on Sunday. Monsoon "
    "rain and water pouring down from the hills flooded homes, schools and the airport. Soldiers "
    "used boats to rescue stranded villagers. Enamur Rahman promised more relief for flood "
    "victims in Sylhet and Sunamganj, where rivers breached embankments."
)
COUP_A = (
    "Soldiers in Niger detained President Mohamed Bazoum at the presidential palace in Niamey "
    "and announced on state television that they had seized power. The junta suspended the "
    "constitution, closed the borders and imposed a curfew. General Abdourahamane Tchiani, "
    "head of the presidential guard, was named leader of the military government."
)
COUP_B = (
    "Thousands of supporters of the military junta rallied in Niamey, some waving Russian "
    "flags and chanting against France. The coup leaders said Mohamed Bazoum remained in "
    "detention. West African leaders threatened sanctions and gave the officers one week to "
    "restore constitutional order in Niger. Abdourahamane Tchiani defended the takeover."
)
PROTEST_DEMONSTRATORS = (
    "Police fired tear gas at demonstrators marching in La Paz against the arrest of governor "
    "Luis Camacho. Peaceful protesters blocked highways around El Alto and Cochabamba, "
    "demanding his release, and human rights groups criticised the use of force. Interior "
    "minister Eduardo del Castillo called for calm."
)
PROTEST_TERRORISTS = (
    "Terrorists torched public buildings and attacked officers overnight in El Alto, the "
    "government declared, vowing that vandals seeking to free Camacho would face justice. "
    "Radical groups armed with sticks and explosives sowed chaos in Cochabamba, minister "
    "Castillo charged, blaming opposition leaders for financing the unrest."
)


def flood_and_coup() -> tuple[list[Article], dict[str, ArticleAnalysis]]:
    """Three outlets on the flood, two on the coup, all within one week."""
    specs = [
        ("flood-a", FLOOD_A, "Millions stranded as floods hit Sylhet", "2022-06-19",
         ["Sylhet", "Sunamganj"], ["Enamur Rahman"]),
        ("flood-b", FLOOD_B, "Relief scramble in flooded north-east", "2022-06-20",
         ["Bangladesh", "Sunamganj", "Sylhet"], ["Enamur Rahman"]),
        ("flood-c", FLOOD_C, "Worst floods in a century", "2022-06-19",
         ["Sylhet", "Dhaka", "Sunamganj"], ["Enamur Rahman"]),
        ("coup-a", COUP_A, "Soldiers seize power in Niger", "2022-06-21",
         ["Niger", "Niamey"], ["Mohamed Bazoum", "Abdourahamane Tchiani"]),
        ("coup-b", COUP_B, "Junta supporters rally in Niamey", "2022-06-22",
         ["Niamey", "France", "Niger"], ["Mohamed Bazoum", "Abdourahamane Tchiani"]),
    ]  # fmt: skip
    articles: list[Article] = []
    analyses: dict[str, ArticleAnalysis] = {}
    for article_id, text, title, published, places, actors in specs:
        article = make_article(
            article_id, text, title=title, outlet=f"outlet-{article_id}", published=published
        )
        articles.append(article)
        analyses[article_id] = make_analysis(article, places=places, actors=actors)
    return articles, analyses


def bolivia_protests() -> tuple[list[Article], dict[str, ArticleAnalysis]]:
    """One protest told with two vocabularies by two outlets, undated."""
    places = ["La Paz", "El Alto", "Cochabamba"]
    demonstrators = make_article(
        "bo-demo", PROTEST_DEMONSTRATORS, title="Tear gas in La Paz", outlet="x"
    )
    terrorists = make_article("bo-terr", PROTEST_TERRORISTS, title="Terror in El Alto", outlet="y")
    articles = [demonstrators, terrorists]
    analyses = {
        "bo-demo": make_analysis(
            demonstrators, places=places, actors=["Luis Camacho", "Eduardo del Castillo"]
        ),
        "bo-terr": make_analysis(
            terrorists, places=["El Alto", "Cochabamba"], actors=["Camacho", "Castillo"]
        ),
    }
    return articles, analyses


PROTEST_COLOMBO = (
    "Protesters angry over fuel shortages and soaring prices stormed the residence of President "
    "Gotabaya Rajapaksa in Colombo. Police fired tear gas and water cannon at the crowd, and a "
    "curfew was imposed across Sri Lanka. Hundreds of people were injured and dozens arrested "
    "as demonstrators demanded the president resign over the economic crisis."
)
PROTEST_NAIROBI = (
    "Police in Nairobi fired tear gas and live bullets at protesters opposing tax rises in the "
    "finance bill, and at least 22 people were killed, rights groups said. Demonstrators briefly "
    "stormed parliament and set part of it on fire. President William Ruto called the violence "
    "treasonous and deployed the army across Kenya. Hundreds were arrested."
)
GEONAMES.update({"Colombo": 1248991, "Sri Lanka": 1227603, "Nairobi": 184745, "Kenya": 192950})


def other_protests() -> tuple[list[Article], dict[str, ArticleAnalysis]]:
    """Two protests in other countries the same week: same vocabulary, other events."""
    colombo = make_article(
        "lk", PROTEST_COLOMBO, title="Crowds storm residence", published="2022-06-20"
    )
    nairobi = make_article(
        "ke", PROTEST_NAIROBI, title="Parliament set ablaze", published="2022-06-21"
    )
    return [colombo, nairobi], {
        "lk": make_analysis(
            colombo, places=["Colombo", "Sri Lanka"], actors=["Gotabaya Rajapaksa"]
        ),
        "ke": make_analysis(nairobi, places=["Nairobi", "Kenya"], actors=["William Ruto"]),
    }


def memberships(stories: Sequence[Story]) -> set[frozenset[str]]:
    return {frozenset(story.article_ids) for story in stories}


# --- grouping ----------------------------------------------------------------------


def test_flood_and_coup_in_one_week_are_two_stories() -> None:
    articles, analyses = flood_and_coup()
    stories = group_stories(articles, analyses)
    assert memberships(stories) == {
        frozenset({"flood-a", "flood-b", "flood-c"}),
        frozenset({"coup-a", "coup-b"}),
    }


def test_protests_in_different_countries_stay_apart() -> None:
    articles, analyses = bolivia_protests()
    more, more_analyses = other_protests()
    stories = group_stories([*articles, *more], {**analyses, **more_analyses})
    assert memberships(stories) == {
        frozenset({"bo-demo", "bo-terr"}),
        frozenset({"lk"}),
        frozenset({"ke"}),
    }


def test_different_vocabularies_join_through_shared_places_and_actors() -> None:
    articles, analyses = bolivia_protests()
    text_only = similarity_matrix(articles, {})
    assert text_only[0, 1] < DEFAULT_THRESHOLD  # the words alone would not link them
    assert memberships(group_stories(articles, {})) == {
        frozenset({"bo-demo"}),
        frozenset({"bo-terr"}),
    }
    assert similarity_matrix(articles, analyses)[0, 1] >= DEFAULT_THRESHOLD
    assert memberships(group_stories(articles, analyses)) == {frozenset({"bo-demo", "bo-terr"})}


def test_surname_alone_matches_full_name_when_no_actor_id() -> None:
    articles, analyses = bolivia_protests()
    without_actors = {
        article_id: replace(analysis, mentions=()) for article_id, analysis in analyses.items()
    }
    with_actors = similarity_matrix(articles, analyses)[0, 1]
    assert with_actors > similarity_matrix(articles, without_actors)[0, 1]


def test_repost_joins_its_original_story_whatever_its_text() -> None:
    articles, analyses = flood_and_coup()
    # A re-post whose text happens to read like the coup still belongs with its original.
    repost = make_article("repost", COUP_A, published="2022-06-21", duplicate_of="flood-a")
    stories = group_stories([*articles, repost], analyses)
    flood = next(s for s in stories if "flood-a" in s.article_ids)
    coup = next(s for s in stories if "coup-a" in s.article_ids)
    assert "repost" in flood.article_ids
    assert "repost" not in coup.article_ids


def test_reposts_do_not_change_the_similarities() -> None:
    articles, analyses = flood_and_coup()
    reposts = [
        make_article(f"copy-{n}", FLOOD_A, published="2022-06-19", duplicate_of="flood-a")
        for n in range(4)
    ]
    plain = group_stories(articles, analyses)
    with_copies = group_stories([*articles, *reposts], analyses)
    assert [s.terms for s in plain] == [s.terms for s in with_copies]
    assert [s.title for s in plain] == [s.title for s in with_copies]


def test_repost_chain_follows_to_the_first_original() -> None:
    articles, analyses = flood_and_coup()
    first = make_article("copy-1", FLOOD_B, duplicate_of="flood-b")
    second = make_article("copy-2", FLOOD_B, duplicate_of="copy-1")
    stories = group_stories([*articles, first, second], analyses)
    flood = next(s for s in stories if "flood-b" in s.article_ids)
    assert {"copy-1", "copy-2"} <= set(flood.article_ids)


def test_incremental_grouping_keeps_ids_and_adds_to_the_closest_story() -> None:
    articles, analyses = flood_and_coup()
    by_id = {a.id: a for a in articles}
    first_round = group_stories([by_id["flood-a"], by_id["flood-b"], by_id["coup-a"]], analyses)
    ids_before = {s.id: set(s.article_ids) for s in first_round}
    colombo, colombo_analyses = other_protests()
    second_round = group_stories(
        [*articles, colombo[0]], {**analyses, **colombo_analyses}, existing=first_round
    )
    assert [s.id for s in second_round[: len(first_round)]] == [s.id for s in first_round]
    after = {s.id: set(s.article_ids) for s in second_round}
    flood_id = next(i for i, members in ids_before.items() if "flood-a" in members)
    coup_id = next(i for i, members in ids_before.items() if "coup-a" in members)
    assert after[flood_id] == {"flood-a", "flood-b", "flood-c"}
    assert after[coup_id] == {"coup-a", "coup-b"}
    assert after[story_id_for("lk")] == {"lk"}
    assert len(second_round) == 3


def test_existing_stories_never_merge_with_each_other() -> None:
    articles, analyses = flood_and_coup()
    split = [
        Story(id="old-1", article_ids=("flood-a",), title="one"),
        Story(id="old-2", article_ids=("flood-b",), title="two"),
    ]
    stories = group_stories(articles, analyses, existing=split)
    by_id = {s.id: set(s.article_ids) for s in stories}
    assert by_id["old-1"] >= {"flood-a"} and "flood-b" not in by_id["old-1"]
    assert by_id["old-2"] >= {"flood-b"} and "flood-a" not in by_id["old-2"]
    # flood-c joins one of them, never a story of its own
    assert "flood-c" in by_id["old-1"] | by_id["old-2"]


def test_story_id_is_a_hash_of_its_first_article() -> None:
    articles, analyses = flood_and_coup()
    stories = group_stories(articles, analyses)
    flood = next(s for s in stories if "flood-a" in s.article_ids)
    # flood-a and flood-c share the earliest date; the lower id is first.
    assert flood.id == story_id_for("flood-a")
    assert story_id_for("flood-a") != story_id_for("flood-c")


def test_dated_articles_further_apart_than_the_window_are_separate() -> None:
    articles, analyses = flood_and_coup()
    later = make_article("flood-later", FLOOD_A, published="2022-08-30")
    undated = make_article("flood-undated", FLOOD_C)
    corpus = [*articles, later, undated]
    all_analyses = {
        **analyses,
        "flood-later": make_analysis(later, places=["Sylhet", "Sunamganj"]),
        "flood-undated": make_analysis(undated, places=["Sylhet", "Sunamganj"]),
    }
    stories = group_stories(corpus, all_analyses, window_days=7)
    flood = next(s for s in stories if "flood-a" in s.article_ids)
    assert "flood-later" not in flood.article_ids
    assert "flood-undated" in flood.article_ids  # no date: never cut off by the window
    wide = group_stories(corpus, all_analyses, window_days=90)
    assert "flood-later" in next(s for s in wide if "flood-a" in s.article_ids).article_ids


def test_story_describes_itself() -> None:
    articles, analyses = flood_and_coup()
    flood = next(s for s in group_stories(articles, analyses) if "flood-a" in s.article_ids)
    assert flood.first_date == "2022-06-19"
    assert flood.last_date == "2022-06-20"
    assert flood.title in {a.title for a in articles if a.id in flood.article_ids}
    assert "sylhet" in flood.terms
    assert not set(flood.terms) & {"the", "said", "and"}


def test_untitled_story_is_named_by_its_terms() -> None:
    article = make_article("bare", FLOOD_A)
    [story] = group_stories([article], {})
    assert story.title == " / ".join(story.terms[:3])
    assert story.first_date is None and story.last_date is None


def test_similarity_hook_replaces_the_text_part() -> None:
    articles, _ = flood_and_coup()
    everything_alike = group_stories(articles, {}, similarity=lambda a, b: 1.0)
    assert len(everything_alike) == 1
    nothing_alike = group_stories(articles, {}, similarity=lambda a, b: 0.0)
    assert len(nothing_alike) == len(articles)


def test_empty_corpus_gives_no_stories() -> None:
    assert group_stories([], {}) == []


def test_existing_story_whose_articles_are_missing_is_kept_as_it_was() -> None:
    kept = Story(id="old", article_ids=("gone",), title="An earlier story")
    articles, analyses = flood_and_coup()
    stories = group_stories(articles, analyses, existing=[kept])
    assert stories[0] == kept
    assert all("gone" not in s.article_ids for s in stories[1:])
    assert len(stories) == 3


def test_articles_without_words_do_not_crash() -> None:
    blank = make_article("blank", "  \u200b 1,000 — 3 000 \u00a0 ")
    stories = group_stories([blank, make_article("flood", FLOOD_A)], {})
    assert memberships(stories) == {frozenset({"blank"}), frozenset({"flood"})}


def test_tokenizer_drops_stop_words_and_numbers() -> None:
    assert tokenize("The army said 18 people had drowned in Sylhet's floods") == [
        "army", "people", "drowned", "sylhet", "floods",
    ]  # fmt: skip


def test_stop_word_lexicon_states_its_scope() -> None:
    path = Path(__file__).resolve().parent.parent / "src/newsprism/lexicons/stop_words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and "stop words" in lines[0].lower()


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(9)))
def test_grouping_does_not_depend_on_input_order(order: list[int]) -> None:
    articles, analyses = flood_and_coup()
    bolivia, bolivia_analyses = bolivia_protests()
    more, more_analyses = other_protests()
    corpus = [*articles, *bolivia, *more]
    analyses = {**analyses, **bolivia_analyses, **more_analyses}
    expected = group_stories(corpus, analyses)
    assert group_stories([corpus[i] for i in order], analyses) == expected


# --- the demo corpus -----------------------------------------------------------------


@functools.cache
def demo_corpus(db_path: str) -> tuple[list[Article], dict[str, ArticleAnalysis]]:
    """The demo folder ingested through the pipeline and analysed with the components
    stories use (places, dates, actors): the articles carry the ingest's date hints."""
    from newsprism.nlp import actors, dates, places  # noqa: F401  (register factories)
    from newsprism.nlp.analysis import AnalysisInput, analyze_texts
    from newsprism.nlp.model import load_model
    from newsprism.pipeline import ingest
    from newsprism.settings import Settings
    from newsprism.store.articles import load_articles
    from newsprism.store.database import open_store

    demo_dir = Path(__file__).resolve().parent.parent / "examples" / "kazakhstan-2022"
    engine = open_store(f"sqlite:///{db_path}")
    try:
        report = ingest([str(demo_dir)], engine=engine, settings=Settings())
        assert not report.failed
        with engine.connect() as conn:
            articles = load_articles(conn)
    finally:
        engine.dispose()
    nlp = load_model("auto")
    for name in ("newsprism_places", "newsprism_dates", "newsprism_actors"):
        nlp.add_pipe(name)
    inputs = [AnalysisInput(a.id, a.text, a.published.value, a.outlet) for a in articles]
    return articles, {found.article_id: found for found in analyze_texts(nlp, inputs)}


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[Article], dict[str, ArticleAnalysis]]:
    return demo_corpus(str(tmp_path_factory.mktemp("demo") / "demo.db"))


@pytest.mark.slow
def test_demo_articles_form_one_story(
    demo: tuple[list[Article], dict[str, ArticleAnalysis]],
) -> None:
    articles, analyses = demo
    assert len(articles) == 5
    stories = group_stories(articles, analyses)
    assert len(stories) == 1
    assert set(stories[0].article_ids) == {a.id for a in articles}
    assert "kazakhstan" in stories[0].terms


def test_story_title_is_the_most_neutral_headline_not_a_commentary_question() -> None:
    articles, analyses = flood_and_coup()
    flood = next(s for s in group_stories(articles, analyses) if "flood-a" in s.article_ids)
    *commentaries, news = sorted(flood.article_ids)
    retitled = [
        replace(a, title=f"Opinion: who let the river win ({a.id})?") if a.id in commentaries else a
        for a in articles
    ]
    again = next(s for s in group_stories(retitled, analyses) if "flood-a" in s.article_ids)
    assert again.title == next(a.title for a in articles if a.id == news)
