"""Lexicons: plain data files shipped with the package, extendable in ``newsprism.toml``.

Each ``NAME.txt`` starts with ``#`` lines stating its scope; then one entry a line.
An entry may carry a value after a tab (``term<TAB>value``). Lines starting with
``#`` and blank lines are ignored. Matching is the caller's business; entries are
returned as written, in file order, followed by the user's own.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from newsprism.settings import Settings


@cache
def _read_shipped(name: str) -> tuple[str, ...]:
    path = resources.files("newsprism.lexicons").joinpath(f"{name}.txt")
    if not path.is_file():
        raise KeyError(f"no lexicon named {name!r}")
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.rstrip() for line in lines if line.strip() and not line.startswith("#"))


def load_lexicon(name: str, settings: Settings | None = None) -> tuple[str, ...]:
    """Entries of lexicon ``name``: the shipped file, then the user's additions."""
    extra = settings.lexicons.get(name, ()) if settings else ()
    return _read_shipped(name) + tuple(extra)


def load_mapping(name: str, settings: Settings | None = None) -> dict[str, str]:
    """A lexicon of ``term<TAB>value`` lines as a dict (later entries win)."""
    mapping: dict[str, str] = {}
    for entry in load_lexicon(name, settings):
        term, _, value = entry.partition("\t")
        mapping[term.strip()] = value.strip()
    return mapping
