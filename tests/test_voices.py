"""Voices each outlet quotes, and those it leaves out."""

from __future__ import annotations

from newsprism.compare.voices import voices_by_outlet
from newsprism.models import Actor, Mention
from tests.ledger_helpers import analysis, article, quote, story_of


def test_voices_are_canonical_and_absent_voices_are_those_quoted_elsewhere() -> None:
    a = article("a", "Outlet A", '"We will rebuild," President Ana Ruiz said. "Calm," Ruiz added.')
    b = article(
        "b", "Outlet B", '"They shot at us," a witness said. "We acted lawfully," said Ruiz.'
    )
    c = article("c", "Outlet C", '"Order is back," the Interior Ministry said. "Nothing," he said.')
    analyses = {
        "a": analysis(
            a, quotes=(quote(a, "We will rebuild", "President Ana Ruiz"), quote(a, "Calm", "Ruiz"))
        ),
        "b": analysis(
            b,
            quotes=(
                quote(b, "They shot at us", "a witness"),
                quote(b, "We acted lawfully", "Ruiz"),
            ),
        ),
        "c": analysis(
            c,
            quotes=(quote(c, "Order is back", "the Interior Ministry"), quote(c, "Nothing", "he")),
        ),
    }
    voices = voices_by_outlet(story_of(a, b, c), [a, b, c], analyses)
    assert voices["Outlet A"] == (("President Ana Ruiz",), ("Interior Ministry", "witness"))
    assert set(voices["Outlet B"][0]) == {"President Ana Ruiz", "witness"}
    assert voices["Outlet B"][1] == ("Interior Ministry",)
    assert voices["Outlet C"] == (("Interior Ministry",), ("President Ana Ruiz", "witness"))


def test_linked_speakers_are_named_by_their_actor() -> None:
    a = article("a", "Outlet A", '"No comment," the spokesman said. Jo Park spoke.')
    b = article("b", "Outlet B", '"Later," said the spokesman.')
    mention = Mention(
        "a",
        "Jo Park",
        "PERSON",
        a.text.index("Jo Park"),
        a.text.index("Jo Park") + 7,
        actor_id="act-1",
    )
    analyses = {
        "a": analysis(
            a, mentions=(mention,), quotes=(quote(a, "No comment", "the spokesman", "act-1"),)
        ),
        "b": analysis(b, quotes=(quote(b, "Later", "the spokesman", "act-2"),)),
    }
    voices = voices_by_outlet(
        story_of(a, b), [a, b], analyses, actors=[Actor("act-2", "Kim Lee", "person")]
    )
    assert voices["Outlet A"] == (("Jo Park",), ("Kim Lee",))
    assert voices["Outlet B"] == (("Kim Lee",), ("Jo Park",))


def test_outlet_without_quotes_has_no_voices_and_misses_everyone() -> None:
    a = article("a", "Outlet A", "No one was quoted here.")
    b = article("b", "Outlet B", '"Help," a resident said.')
    analyses = {"a": analysis(a), "b": analysis(b, quotes=(quote(b, "Help", "a resident"),))}
    voices = voices_by_outlet(story_of(a, b), [a, b], analyses)
    assert voices["Outlet A"] == ((), ("resident",))
