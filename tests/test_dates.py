"""The newsprism_dates component: on a bare tokenizer (fast) and on the real model (slow)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

import newsprism.nlp.dates  # noqa: F401  (registers the factory)
from newsprism.models import TimeExpression
from newsprism.nlp.dates import ANAPHORIC_DAY_PATTERNS
from newsprism.nlp.extensions import register_extensions


def run(nlp: Language, text: str, published: str | None = "2022-01-07") -> list[TimeExpression]:
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.article_id = "a1"
    doc = nlp(doc)
    found: list[TimeExpression] = doc._.time_expressions
    for expression in found:
        assert doc.text[expression.start : expression.end] == expression.text
        assert expression.article_id == "a1"
    return found


def dates_by_text(found: list[TimeExpression]) -> dict[str, str | None]:
    return {expression.text: expression.date for expression in found}


@pytest.fixture(scope="module")
def blank_nlp() -> Language:
    """No parser, no entities: the component must work on patterns alone."""
    nlp = spacy.blank("en")
    nlp.add_pipe("newsprism_dates")
    return nlp


def test_component_resolves_against_publication(blank_nlp: Language) -> None:
    text = (
        "Protests spread to Lima on Tuesday. Police said yesterday that 40 people were "
        "held on 3 January, and the vote set for December 28 had been annulled."
    )
    assert dates_by_text(run(blank_nlp, text)) == {
        "Tuesday": "2022-01-04",
        "yesterday": "2022-01-06",
        "3 January": "2022-01-03",
        "December 28": "2021-12-28",
    }


def test_chain_uses_last_mentioned_date_and_records_it(blank_nlp: Language) -> None:
    text = "Strikes began on March 3, 2021. Two days later the army moved in; the next day it left."
    found = run(blank_nlp, text, published="2021-04-20")
    assert [(e.text, e.date, e.method) for e in found] == [
        ("March 3, 2021", "2021-03-03", "explicit"),
        ("Two days later", "2021-03-05", "chain"),
        ("the next day", "2021-03-06", "chain"),
    ]
    assert found[1].anchor == "previous 'March 3, 2021' 2021-03-03"
    assert found[2].anchor == "previous 'Two days later' 2021-03-05"


def test_future_clause_moves_weekday_forward_without_parser(blank_nlp: Language) -> None:
    # Published on a Wednesday (2021-06-02).
    found = run(
        blank_nlp,
        "The premier will address parliament on Friday. Troops left on Monday.",
        published="2021-06-02",
    )
    assert dates_by_text(found) == {"Friday": "2021-06-04", "Monday": "2021-05-31"}
    assert found[0].anchor == "published 2021-06-02 (future tense)"


def test_without_publication_date_only_dated_expressions_resolve(blank_nlp: Language) -> None:
    text = "Riots began on 4 May 2020. Two days later, on Thursday, curfews followed on June 2."
    found = run(blank_nlp, text, published=None)
    assert [(e.text, e.date, e.method) for e in found] == [
        ("4 May 2020", "2020-05-04", "explicit"),
        ("Two days later", "2020-05-06", "chain"),
        ("Thursday", None, "unanchored"),
        ("June 2", None, "unanchored"),
    ]


def test_chain_after_unresolved_date_stays_unanchored(blank_nlp: Language) -> None:
    found = run(blank_nlp, "Clashes erupted on Sunday. The next day, shops closed.", None)
    assert [(e.text, e.method) for e in found] == [
        ("Sunday", "unanchored"),
        ("The next day", "unanchored"),
    ]
    assert found[1].anchor == "previous 'Sunday' (unresolved)"


def test_granularities_and_methods(blank_nlp: Language) -> None:
    text = "Prices rose last week, earlier this month and in 2019; exports fell in March."
    found = {e.text: (e.date, e.granularity, e.method) for e in run(blank_nlp, text)}
    assert found == {
        "last week": ("2021-12-27", "week", "relative_period"),
        "earlier this month": ("2022-01-01", "month", "relative_period"),
        "2019": ("2019-01-01", "year", "explicit"),
        "March": ("2021-03-01", "month", "explicit_no_year"),
    }


def test_chain_is_no_more_precise_than_what_it_counts_from(blank_nlp: Language) -> None:
    found = run(blank_nlp, "In 2015 the army seized power. Two weeks later, talks began.")
    assert [(e.text, e.date, e.granularity, e.method) for e in found] == [
        ("2015", "2015-01-01", "year", "explicit"),
        ("Two weeks later", "2015-01-01", "year", "chain"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "\u200b\u200f\u202e Thursday\u00a0morning \u200b",
        "On\u00a0January\u00a05 about 1.000 or 3 000 people marched.",
        "\u0627\u0644\u062e\u0645\u064a\u0633 Friday \u05d0",
    ],
)
def test_odd_texts_do_not_crash_and_offsets_hold(blank_nlp: Language, text: str) -> None:
    run(blank_nlp, text)


def test_non_breaking_spaces_inside_expression(blank_nlp: Language) -> None:
    found = run(blank_nlp, "Shops reopened on\u00a0January\u00a05.")
    assert [(e.text, e.date) for e in found] == [("January\u00a05", "2022-01-05")]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["On", "Friday", "January 5", "two days later", "yesterday, Monday", "May",
             "will", "2019", "the", "\u00a0", "\u200b", ".", ",", "next week", "x"]
        ) | st.text(max_size=6),
        max_size=25,
    ).map(" ".join),
    st.sampled_from([None, "2022-01-07", "2024-02-29", "not a date"]),
)  # fmt: skip
def test_component_never_gives_invalid_offsets(
    blank_nlp: Language, text: str, published: str | None
) -> None:
    run(blank_nlp, text, published)


# --- real model ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def model_nlp() -> Iterator[Language]:
    from newsprism.nlp.model import load_model

    register_extensions()
    nlp = load_model()
    nlp.add_pipe("newsprism_dates")
    yield nlp


@pytest.mark.slow
def test_demo_broadcaster_article_resolves_its_day_words(
    model_nlp: Language, demo_paths: list[Path]
) -> None:
    texts = [path.read_text(encoding="utf-8") for path in demo_paths]
    text = next(t for t in texts if "the ninth of January" in t)
    found = dates_by_text(run(model_nlp, text, published="2022-01-07"))
    assert found["today, Friday"] == "2022-01-07"
    assert found["last Sunday"] == "2022-01-02"
    assert found["the day before yesterday, Wednesday"] == "2022-01-05"
    assert found["Sunday, the ninth of January"] == "2022-01-09"


@pytest.mark.slow
def test_demo_chain_counts_from_the_date_before_it(
    model_nlp: Language, demo_paths: list[Path]
) -> None:
    texts = [path.read_text(encoding="utf-8") for path in demo_paths]
    text = next(t for t in texts if "Two days later" in t)
    found = run(model_nlp, text, published="2022-01-07")
    chain = next(e for e in found if e.text == "Two days later")
    assert (chain.date, chain.method) == ("2022-01-04", "chain")
    assert chain.anchor == "previous 'January 2' 2022-01-02"


@pytest.mark.slow
def test_parse_decides_tense_per_clause(model_nlp: Language) -> None:
    # Published on a Wednesday (2023-03-15).
    found = run(
        model_nlp,
        "The ministry said on Monday that the envoy will arrive on Friday. "
        "Talks are scheduled for Tuesday. The court ruled on Thursday.",
        published="2023-03-15",
    )
    assert dates_by_text(found) == {
        "Monday": "2023-03-13",
        "Friday": "2023-03-17",
        "Tuesday": "2023-03-21",
        "Thursday": "2023-03-09",
    }


@pytest.mark.slow
def test_model_confirms_bare_months_and_rejects_modals(model_nlp: Language) -> None:
    text = (
        "Officials may extend the curfew. Turnout in May was low, and the April vote "
        "was annulled. An overnight curfew began in Bamako overnight."
    )
    found = run(model_nlp, text, published="2023-06-10")
    texts = [e.text for e in found]
    assert "may" not in texts
    assert dates_by_text(found).get("May") == "2023-05-01"
    assert "overnight" in texts and texts.count("overnight") == 1
    assert next(e for e in found if e.text == "overnight").start > text.index("Bamako")


@pytest.mark.slow
def test_durations_and_ages_are_not_dates(model_nlp: Language) -> None:
    text = (
        "The 45-year-old leader, in power for two decades, said the siege lasted "
        "three days, a record since the 19th century."
    )
    assert run(model_nlp, text) == []


def test_same_period_a_year_back_takes_up_the_month_before_it(blank_nlp: Language) -> None:
    text = (
        "Exports fell 12% in March compared with the same month last year. "
        "Imports rose in the week of 4 February, above the same period a year earlier."
    )
    found = run(blank_nlp, text, published="2016-04-05")
    assert [(e.text, e.date, e.granularity, e.method) for e in found] == [
        ("March", "2016-03-01", "month", "explicit_no_year"),
        ("the same month last year", "2015-03-01", "month", "chain"),
        ("4 February", "2016-02-04", "day", "explicit_no_year"),
        ("the same period a year earlier", "2015-02-04", "day", "chain"),
    ]
    assert found[1].anchor == "previous 'March' 2016-03-01 (same_period_a_year_back)"


def test_same_period_after_a_year_or_nothing_stays_a_year(blank_nlp: Language) -> None:
    text = "Profit in 2015 beat the same period last year. Last year was calm."
    found = run(blank_nlp, text, published="2016-04-05")
    assert [(e.text, e.date, e.granularity) for e in found] == [
        ("2015", "2015-01-01", "year"),
        ("last year", "2015-01-01", "year"),
        ("Last year", "2015-01-01", "year"),
    ]


@pytest.mark.slow
def test_future_modal_moves_a_month_forward_unless_perfect(model_nlp: Language) -> None:
    found = run(
        model_nlp,
        "The sale should be completed in October. The bridge should have opened in April.",
        published="2023-06-10",
    )
    assert dates_by_text(found) == {"October": "2023-10-01", "April": "2023-04-01"}
    found = run(model_nlp, "The old bridge should have reopened in October.", "2023-06-10")
    assert dates_by_text(found) == {"October": "2022-10-01"}


@pytest.mark.slow
def test_future_intent_dates_the_intended_act_not_the_intending(model_nlp: Language) -> None:
    # Published on a Tuesday (2023-05-16).
    found = run(
        model_nlp,
        "The hearing is set to open on Wednesday. The firm wants to close 300 stores by "
        "early June. The mayor promised on Monday to cut fares.",
        published="2023-05-16",
    )
    assert dates_by_text(found) == {
        "Wednesday": "2023-05-17",
        "early June": "2023-06-01",
        "Monday": "2023-05-15",
    }


ANAPHORIC_DAY_EXAMPLES = {
    "close_the_day": ("The index fell on Tuesday to close the day at 4,210 points.", "the day"),
    "part_of_the_day": (
        "Shares rose on Tuesday at the start of the day, then slid.",
        "the start of the day",
    ),
    "end_of_the_day": (
        "On Tuesday the tally was known by the end of the day.",
        "the end of the day",
    ),
    "later_in_the_day": (
        "Troops entered on Tuesday, a year after the coup of 2021; earlier in the day, "
        "talks had failed.",
        "the day",
    ),
    "on_the_day": ("The index fell 3% on Tuesday and was down 41 points on the day.", "the day"),
    "consecutive_day": (
        "On Tuesday prices fell for a third straight day in Oslo.",
        "a third straight day",
    ),
}


@pytest.mark.parametrize("name", [name for name, _ in ANAPHORIC_DAY_PATTERNS])
def test_anaphoric_day_takes_up_the_day_last_mentioned(blank_nlp: Language, name: str) -> None:
    text, phrase = ANAPHORIC_DAY_EXAMPLES[name]
    # Published on a Thursday (2022-01-06): "Tuesday" is 2022-01-04.
    found = {e.text: (e.date, e.method) for e in run(blank_nlp, text, published="2022-01-06")}
    assert found["Tuesday"] == ("2022-01-04", "weekday")
    assert found[phrase] == ("2022-01-04", "chain")  # a year named between is no day


def test_other_phrases_with_the_day_are_no_anaphoric_day(blank_nlp: Language) -> None:
    text = (
        "The day of the vote came. She recalled the day "
        "he died; the day's events ended the day's talks. Most of the day they waited. "
        "At the end of the day, voters decide."
    )
    assert run(blank_nlp, text, published="2022-01-06") == []
