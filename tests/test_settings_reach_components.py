"""User ``[lexicons]`` entries in settings reach the spaCy components through make_nlp."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsprism.lexicons import load_lexicon, use_user_entries, user_entries
from newsprism.nlp.analysis import COMPONENTS, component_config
from newsprism.settings import Settings

SENTENCE = "Harbour master Ann Roe grumbled that the ferries had stopped running."
EXTRA = {"speech_verbs": ("grumble\tspeech",)}


@pytest.fixture
def restore_entries() -> Iterator[None]:
    yield
    use_user_entries({})


def test_component_config_carries_the_user_lexicons() -> None:
    settings = Settings(lexicons=EXTRA, vague_quantities={"a handful": (3.0, 8.0)})
    for name in COMPONENTS:
        assert component_config(name, settings)["lexicons"] == {"speech_verbs": ["grumble\tspeech"]}
    assert component_config("newsprism_claims", settings)["vague_quantities"] == {
        "a handful": [3.0, 8.0]
    }


def test_user_entries_join_every_load_and_clear_cached_loaders(restore_entries: None) -> None:
    from newsprism.nlp.citations import speech_roles

    assert "grumble" not in speech_roles()
    use_user_entries(EXTRA)
    assert load_lexicon("speech_verbs")[-1] == "grumble\tspeech"
    assert speech_roles()["grumble"] == "speech"
    use_user_entries({})
    assert "grumble" not in speech_roles()
    assert user_entries() == {}


@pytest.mark.slow
def test_a_speech_verb_added_in_settings_finds_its_quote(restore_entries: None) -> None:
    from newsprism.nlp.analysis import make_nlp

    plain = make_nlp(Settings())
    assert not [q for q in plain(SENTENCE)._.quotes if q.kind == "indirect"]
    extended = make_nlp(Settings(lexicons=EXTRA))
    assert extended.config["components"]["newsprism_quotes"]["lexicons"] == {
        "speech_verbs": ["grumble\tspeech"]
    }
    quotes = [q for q in extended(SENTENCE)._.quotes if q.kind == "indirect"]
    assert [(q.speaker, q.text) for q in quotes] == [("Ann Roe", "the ferries had stopped running")]
