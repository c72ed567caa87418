"""Settings: defaults, newsprism.toml, environment, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.lexicons import load_lexicon
from newsprism.settings import DEFAULT_DB, Settings, load_settings


def test_defaults_without_a_settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSPRISM_DB", raising=False)
    monkeypatch.delenv("NEWSPRISM_CONFIG", raising=False)
    assert load_settings() == Settings()
    assert load_settings().db == DEFAULT_DB


def test_toml_then_environment_then_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "newsprism.toml"
    config.write_text(
        'db = "sqlite:///from-file.db"\n'
        "dedupe_threshold = 0.7\n"
        'languages = ["en", "fr"]\n'
        '[lexicons]\nboilerplate = ["Abonnez-vous"]\n'
        "[vague_quantities]\ndozens = [20, 99]\nhundreds = [100, -1]\n"
        '[outlet_notes]\n"example.info" = "anonymous blog"\n',
        encoding="utf-8",
    )
    monkeypatch.delenv("NEWSPRISM_DB", raising=False)
    settings = load_settings(config)
    assert settings.db == "sqlite:///from-file.db"
    assert settings.dedupe_threshold == 0.7
    assert settings.languages == ("en", "fr")
    assert settings.vague_quantities == {"dozens": (20.0, 99.0), "hundreds": (100.0, None)}
    assert settings.outlet_notes == {"example.info": "anonymous blog"}
    assert load_lexicon("boilerplate", settings)[-1] == "Abonnez-vous"
    monkeypatch.setenv("NEWSPRISM_DB", "sqlite:///from-env.db")
    assert load_settings(config).db == "sqlite:///from-env.db"
    assert load_settings(config, db="sqlite:///flag.db").db == "sqlite:///flag.db"


@pytest.mark.parametrize(
    "content, message",
    [
        ("db = \n", "cannot read settings"),
        ("colour = 'blue'\n", "unknown setting 'colour'"),
        ("languages = 'en'\n", "must be a list of strings"),
        ("[vague_quantities]\ndozens = 12\n", r"must be \[min, max\]"),
    ],
)
def test_bad_settings_file_is_an_input_error(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "newsprism.toml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        load_settings(config)
    assert caught.value.where == str(config)


def test_every_shipped_lexicon_states_its_scope() -> None:
    from importlib import resources

    folder = resources.files("newsprism.lexicons")
    names = [p.name for p in folder.iterdir() if p.name.endswith(".txt")]
    assert names
    for name in names:
        first = folder.joinpath(name).read_text(encoding="utf-8").lstrip().splitlines()[0]
        assert first.startswith("#"), f"{name} has no header stating its scope"
