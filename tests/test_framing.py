"""Framing per outlet: three outlets cover one invented event in different frames."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.framing import (
    classify_genre,
    compile_cue,
    compile_terms,
    find_marked_spans,
    frame_outlets,
    inflect,
    split_sentences,
)
from newsprism.models import Article, ArticleAnalysis, Citation, OutletFraming, Quote, Story
from newsprism.settings import Settings

WIRE = """Police fire tear gas at bread price protest in Veskaria

DORAVA, March 3 - Thousands of protesters marched through the capital of Veskaria on Saturday \
after the government raised the price of bread by 40 percent, witnesses said.
Police used tear gas to disperse crowds near the parliament, according to local media. At least \
12 demonstrators were detained, the interior ministry said in a statement.
"We cannot feed our children," said Ana Roic, a teacher who joined the march.
Interior Minister Petar Dulic told state television that "terrorists" had infiltrated the rally.
The ministry's claims could not be independently verified. Opposition leaders said the \
protests were peaceful.
"""

STATE = """Security forces neutralise terrorist groups in Dorava

Law enforcement officers restored constitutional order in Dorava on Saturday after armed \
militants attacked government buildings. The terrorists, trained and financed from abroad, \
tried to seize the parliament.
The extremists were supported by foreign agents seeking to destabilise the country, the \
national security committee said.
The situation is fully under control in all districts. Residents thanked the police.
"""

BLOG = """Who Really Benefits From the Dorava Chaos?

I have watched the so-called “spontaneous” protests in Dorava with growing suspicion. Are we \
really supposed to believe that bread prices alone brought thousands onto the streets?
Once again the regime's thugs crushed ordinary citizens, while pundits cheered on a colour \
revolution made in foreign capitals. The crowds were allegedly peaceful, but who paid for the \
banners?
My guess is that outside forces orchestrated the whole affair. The “peacekeeping” mission that \
followed was nothing of the kind.
Why does nobody ask who trained the gunmen?
A minister even claimed: “These terrorists want to destroy our nation.”
"""


def span_of(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def quote(article_id: str, text: str, phrase: str, speaker: str | None, kind: str = "direct"):  # type: ignore[no-untyped-def]
    start, end = span_of(text, phrase)
    return Quote(article_id, phrase, kind, start, end, speaker=speaker)


def citation(article_id: str, text: str, phrase: str, source: str) -> Citation:
    start, end = span_of(text, phrase)
    return Citation(article_id, source, "official", start, end)


def make_article(article_id: str, text: str, outlet: str, **extra: str) -> Article:
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        text=text,
        content_hash=article_id,
        outlet=outlet,
        **extra,
    )  # type: ignore[arg-type]


def corpus() -> tuple[list[Article], dict[str, ArticleAnalysis]]:
    articles = [
        make_article("wire", WIRE, "Wire Agency"),
        make_article("state", STATE, "State Channel"),
        make_article("blog", BLOG, "A Blog"),
    ]
    analyses = {
        "wire": ArticleAnalysis(
            "wire",
            "test",
            quotes=(
                quote("wire", WIRE, "We cannot feed our children,", "Ana Roic"),
                quote("wire", WIRE, "terrorists", "Petar Dulic"),
                quote("wire", WIRE, "the protests were peaceful", "Opposition leaders", "indirect"),
            ),
            citations=(
                citation("wire", WIRE, "witnesses said", "witnesses"),
                citation("wire", WIRE, "according to local media", "local media"),
                citation("wire", WIRE, "the interior ministry said", "interior ministry"),
            ),
        ),
        "state": ArticleAnalysis(
            "state",
            "test",
            citations=(
                citation("state", STATE, "national security committee said", "security committee"),
            ),
        ),
        "blog": ArticleAnalysis(
            "blog",
            "test",
            quotes=(
                quote("blog", BLOG, "These terrorists want to destroy our nation.", "minister"),
            ),
        ),
    }
    return articles, analyses


def story_of(articles: list[Article]) -> Story:
    return Story(id="s1", article_ids=tuple(a.id for a in articles), title="Dorava protests")


@pytest.fixture(scope="module")
def framings() -> dict[str, OutletFraming]:
    articles, analyses = corpus()
    return {f.outlet: f for f in frame_outlets(story_of(articles), articles, analyses)}


def assert_offsets(articles: dict[str, Article], framing: OutletFraming) -> None:
    for article_id, text, start, end in framing.rhetorical_questions + framing.scare_quote_spans:
        assert articles[article_id].text[start:end] == text
    for name, evidence in framing.narrative_evidence.items():
        owners = framing.narrative_evidence_articles[name]
        assert len(owners) == len(evidence)
        for owner, (text, start, end) in zip(owners, evidence, strict=True):
            assert articles[owner].text[start:end] == text


# --- lexicon matching ---------------------------------------------------------------------


def test_inflection_covers_regular_and_man_plurals_and_verb_forms() -> None:
    assert "gunmen" in inflect("gunman")
    assert "militias" in inflect("militia")
    assert "mercenaries" in inflect("mercenary")
    assert {"crushed", "crushing", "crushes"} <= set(inflect("crush", verbs=True))
    assert {"massacred", "massacring"} <= set(inflect("massacre", verbs=True))
    assert "crushed" not in inflect("crush")


def test_plural_entry_does_not_match_adjective_use() -> None:
    matcher = compile_terms(("criminals", "rioter"), verbs=False)
    found = [entry for entry, *_ in matcher.find("A criminal case against rioters and criminals.")]
    assert found == ["rioter", "criminals"]


def test_hyphen_matches_space_and_longest_entry_wins() -> None:
    matcher = compile_terms(("so-called", "group", "armed group"), verbs=False)
    text = "The so called armed groups; a so-called group. Anti-group? no."
    assert [(e, text[s:t]) for e, s, t in matcher.find(text)] == [
        ("so-called", "so called"),
        ("armed group", "armed groups"),
        ("so-called", "so-called"),
        ("group", "group"),
    ]


def test_cue_pattern_supports_alternatives_stems_and_gaps() -> None:
    import re

    cue = re.compile(compile_cue("crush ... protest|uprising"), re.IGNORECASE)
    assert cue.search("troops crushed the student uprising")
    assert cue.search("crushing protests")
    assert not cue.search("crushed under the weight of four heavy stones in a protest")
    stem = re.compile(compile_cue("destabili*"), re.IGNORECASE)
    assert stem.search("a destabilising influence") and stem.search("Destabilization")


# --- quotation marks and sentences --------------------------------------------------------


def test_marked_spans_skip_apostrophes_and_run_open_quote_to_paragraph_end() -> None:
    text = 'The troops’ ‘liquidated’ men and "we stay". He said: “It goes on\nNext line.'
    spans = [(text[s.start : s.end], s.closed) for s in find_marked_spans(text)]
    assert spans == [("liquidated", True), ("we stay", True), ("It goes on", False)]


def test_sentences_do_not_split_after_initials_and_titles() -> None:
    text = "Dr. Ames met J. K. Lowe in Lima. Was it planned? “No.” They left."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Dr. Ames met J. K. Lowe in Lima.",
        "Was it planned?",
        "“No.”",
        "They left.",
    ]


# --- one framing per outlet ---------------------------------------------------------------


def test_labels_in_quotes_count_as_quoted_not_own_voice(framings: dict[str, OutletFraming]) -> None:
    wire = framings["Wire Agency"]
    assert wire.labels == {"protester": 1, "demonstrator": 1, "crowd": 1}
    assert wire.quoted_labels == {"terrorist": 1}
    assert wire.label_groups == {"neutral": 3, "criminalising": 0, "securitising": 0}


def test_state_media_securitises_and_blog_mixes(framings: dict[str, OutletFraming]) -> None:
    state = framings["State Channel"]
    assert state.label_groups["securitising"] == 4  # terrorist group, armed militant, 2 more
    assert state.labels["armed militant"] == 1
    assert state.label_groups["neutral"] == 1
    blog = framings["A Blog"]
    assert blog.labels == {"citizen": 1, "crowd": 1, "gunman": 1, "thug": 1}
    assert blog.quoted_labels == {"terrorist": 1}


def test_narratives_found_with_valid_evidence(framings: dict[str, OutletFraming]) -> None:
    articles = {a.id: a for a in corpus()[0]}
    state = framings["State Channel"]
    assert {"order_and_stability", "foreign_interference", "terrorism_threat"} <= set(
        state.narratives
    )
    assert state.narratives["foreign_interference"] > 0
    assert "foreign_interference" in framings["A Blog"].narratives
    assert "foreign_interference" not in framings["Wire Agency"].narratives
    assert "economic_grievance" in framings["Wire Agency"].narratives
    for framing in framings.values():
        assert_offsets(articles, framing)
    evidence = state.narrative_evidence["foreign_interference"]
    assert any("from abroad" in text for text, _, _ in evidence)


def test_narrative_score_is_hits_per_thousand_own_words(framings: dict[str, OutletFraming]) -> None:
    state = framings["State Channel"]
    words = state.genre_features["own_words"]
    # "from abroad", "foreign agents", "destabilise"
    assert state.narratives["foreign_interference"] == pytest.approx(3000 / words, abs=0.01)


def test_quote_share_reflects_quotation(framings: dict[str, OutletFraming]) -> None:
    assert framings["State Channel"].quote_share == 0.0
    assert 0.02 < framings["Wire Agency"].quote_share < 0.1
    assert 0.0 < framings["A Blog"].quote_share < framings["Wire Agency"].quote_share + 0.05


def test_opinion_blog_has_questions_hedges_loaded_terms_and_scare_quotes(
    framings: dict[str, OutletFraming],
) -> None:
    blog = framings["A Blog"]
    assert blog.genre == "opinion"
    assert [text for _, text, _, _ in blog.rhetorical_questions] == [
        "Who Really Benefits From the Dorava Chaos?",
        "Are we really supposed to believe that bread prices alone brought thousands onto the "
        "streets?",
        "The crowds were allegedly peaceful, but who paid for the banners?",
        "Why does nobody ask who trained the gunmen?",
    ]
    assert set(blog.hedges) == {"so-called", "allegedly", "claimed"}
    assert {"regime", "thugs", "crush", "colour revolution"} <= set(blog.loaded_terms)
    assert blog.scare_quotes == ("spontaneous", "peacekeeping")
    assert blog.voices == ("minister",)


def test_wire_and_state_media_are_news(framings: dict[str, OutletFraming]) -> None:
    for outlet in ("Wire Agency", "State Channel"):
        framing = framings[outlet]
        assert framing.genre == "news", framing.genre_features
        assert framing.rhetorical_questions == ()
    wire = framings["Wire Agency"]
    assert wire.scare_quotes == ()  # "terrorists" has a speaker and a reporting verb
    assert wire.hedges == {"could not be independently verified": 1}
    assert wire.voices == ("Ana Roic", "Petar Dulic", "Opposition leaders")
    assert wire.cited_sources == {"interior ministry": 1, "local media": 1, "witnesses": 1}


def test_reposts_are_skipped() -> None:
    articles, analyses = corpus()
    repost = make_article("copy", BLOG, "Mirror Site", duplicate_of="blog")
    same_outlet_copy = make_article("copy2", BLOG, "A Blog", duplicate_of="blog")
    everything = [*articles, repost, same_outlet_copy]
    framings = frame_outlets(story_of(everything), everything, analyses)
    assert [f.outlet for f in framings] == ["Wire Agency", "State Channel", "A Blog"]
    blog = framings[2]
    assert blog.article_ids == ("blog",)
    assert blog.labels["thug"] == 1


def test_articles_outside_the_story_are_ignored_and_outlet_falls_back_to_source() -> None:
    articles, analyses = corpus()
    bare = Article(id="bare", source="files/bare.txt", text=WIRE, content_hash="b")
    story = Story(id="s2", article_ids=("bare", "state"), title="t")
    framings = frame_outlets(story, [*articles, bare], analyses)
    assert [f.outlet for f in framings] == ["files/bare.txt", "State Channel"]
    assert framings[0].voices == ()  # no analysis stored for it: text measures only
    assert framings[0].labels["demonstrator"] == 1


def test_question_and_answer_layout_is_not_rhetorical() -> None:
    interview = (
        "Q: Why did the strike start?\nA: Workers were angry about wages.\n"
        "Q: Will the government fall?\nA: I doubt it.\n"
        "MARA LENK: And what happens next?\nJON OSS: Nobody knows.\n"
        "MARA LENK: Is the army loyal?\nJON OSS: So far.\n"
        "Yet the real question remains: who will pay for all this?\n"
    )
    article = make_article("qa", interview, "Radio")
    [framing] = frame_outlets(story_of([article]), [article], {})
    assert [text for _, text, _, _ in framing.rhetorical_questions] == [
        "Yet the real question remains: who will pay for all this?"
    ]


def test_questions_inside_quotes_are_not_rhetorical() -> None:
    text = (
        '"Where is my son?" asked one mother outside the prison. She asked: “Who ordered this?”\n'
    )
    article = make_article("q", text, "Paper")
    [framing] = frame_outlets(story_of([article]), [article], {})
    assert framing.rhetorical_questions == ()


def test_user_lexicon_additions_are_used() -> None:
    text = "Youths set fire to grain stocks. The youths fled."
    article = make_article("u", text, "Paper")
    extra = Settings(
        lexicons={
            "participant_labels": ("youth\tcriminalising",),
            "narratives": ("food_security\tgrain|wheat stock",),
        }
    )
    [framing] = frame_outlets(story_of([article]), [article], {}, settings=extra)
    assert framing.labels == {"youth": 2}
    assert framing.label_groups["criminalising"] == 2
    assert framing.narratives["food_security"] > 0


def test_genre_needs_two_signals() -> None:
    base = {"own_sentences": 10.0, "attributed_share": 0.6}
    assert classify_genre({**base, "rhetorical_questions_per_1000": 5.0}) == "news"
    assert (
        classify_genre({**base, "rhetorical_questions_per_1000": 5.0, "first_person_per_1000": 8.0})
        == "opinion"
    )
    assert classify_genre({**base, "attributed_share": 0.1, "loaded_per_1000": 6.0}) == "opinion"


def test_empty_and_odd_texts_do_not_crash() -> None:
    texts = ["", "   \n\n", "\u200b\u200f?\u00a0“", '"""', "‘’“”«»„", "1.000 or 3 000?"]
    articles = [make_article(f"a{i}", text, f"o{i}") for i, text in enumerate(texts)]
    framings = frame_outlets(story_of(articles), articles, {})
    assert len(framings) == len(texts)
    assert all(0.0 <= f.quote_share <= 1.0 for f in framings)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"ab ?.!\n\"“”‘’«»:-'", "terrorists", "I", "regime", "Q: ", "from abroad", "\u200b"]
        ),
        max_size=40,
    ).map("".join)
)
def test_offsets_always_point_at_their_text(text: str) -> None:
    article = make_article("h", text, "Outlet")
    articles = {"h": article}
    for framing in frame_outlets(story_of([article]), [article], {}):
        assert_offsets(articles, framing)
        assert 0.0 <= framing.quote_share <= 1.0


# --- the demo corpus ----------------------------------------------------------------------


@pytest.mark.slow
def test_demo_blogs_are_opinion_and_news_outlets_are_news(
    tmp_path: Path, demo_paths: list[Path]
) -> None:
    from newsprism.nlp.analysis import AnalysisInput, analyze_texts, make_nlp
    from newsprism.pipeline import ingest
    from newsprism.store.articles import load_articles
    from newsprism.store.database import open_store

    settings_ = Settings(db=f"sqlite:///{tmp_path / 'demo.db'}")
    engine = open_store(settings_.db)
    ingest([str(p) for p in demo_paths], engine=engine, settings=settings_)
    with engine.connect() as conn:
        articles = load_articles(conn)
    engine.dispose()
    nlp = make_nlp(settings_)
    inputs = [AnalysisInput(a.id, a.text, a.published.value, a.outlet) for a in articles]
    analyses = {a.article_id: a for a in analyze_texts(nlp, inputs)}
    framings = frame_outlets(story_of(articles), articles, analyses)
    by_file = {}
    for framing in framings:
        for article_id in framing.article_ids:
            source = next(a.source for a in articles if a.id == article_id)
            by_file[Path(source).name[:3]] = framing
    blogs, news = [by_file["000"], by_file["002"]], [by_file["003"], by_file["004"]]
    assert all(f.genre == "opinion" for f in blogs), [f.genre_features for f in blogs]
    assert all("foreign_interference" in f.narratives for f in blogs)
    assert any(f.rhetorical_questions for f in blogs)
    assert all(f.genre == "news" for f in news), [f.genre_features for f in news]
    by_id = {a.id: a for a in articles}
    for framing in framings:
        assert_offsets(by_id, framing)
