"""Lexicons: plain data files shipped with the package, extendable in ``newsprism.toml``.

Each ``NAME.txt`` starts with ``#`` lines stating its scope; then one entry a line.
An entry may carry a value after a tab (``term<TAB>value``). Lines starting with
``#`` and blank lines are ignored. Matching is the caller's business; entries are
returned as written, in file order, followed by the user's own.

The user's own entries reach the spaCy components through their factory config
(``make_nlp(settings)`` passes ``settings.lexicons``); each factory hands them to
:func:`use_user_entries`, which every :func:`load_lexicon` call then includes. Loaders that
cache what they build from a lexicon use :func:`lexicon_cache`, so new entries clear them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from newsprism.settings import Settings


@cache
def _read_shipped(name: str) -> tuple[str, ...]:
    path = resources.files("newsprism.lexicons").joinpath(f"{name}.txt")
    if not path.is_file():
        raise KeyError(f"no lexicon named {name!r}")
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.rstrip() for line in lines if line.strip() and not line.startswith("#"))


_F = TypeVar("_F", bound=Callable[..., Any])
_user_entries: dict[str, tuple[str, ...]] = {}
_caches: list[Any] = []


def lexicon_cache(function: _F) -> _F:
    """``functools.cache`` for a loader built from lexicons, cleared when user entries change."""
    cached = cache(function)
    _caches.append(cached)
    return cached  # type: ignore[return-value]


def use_user_entries(entries: Mapping[str, Sequence[str]]) -> None:
    """Make ``entries`` (lexicon name -> extra lines) the user's additions for this process."""
    wanted = {str(k): tuple(str(x) for x in v) for k, v in entries.items()}
    if wanted == _user_entries:
        return
    _user_entries.clear()
    _user_entries.update(wanted)
    for cached in _caches:
        cached.cache_clear()


def user_entries() -> dict[str, tuple[str, ...]]:
    """The user's additions in force (set by the components' factories)."""
    return dict(_user_entries)


def load_lexicon(name: str, settings: Settings | None = None) -> tuple[str, ...]:
    """Entries of lexicon ``name``: the shipped file, then the user's additions.

    The additions are those in force for the pipeline (:func:`use_user_entries`) and those
    of ``settings`` when given, each once."""
    shipped = _read_shipped(name)
    extra = _user_entries.get(name, ()) + (settings.lexicons.get(name, ()) if settings else ())
    seen = set(shipped)
    added: list[str] = []
    for entry in extra:
        if entry not in seen:
            seen.add(entry)
            added.append(entry)
    return shipped + tuple(added)


def load_mapping(name: str, settings: Settings | None = None) -> dict[str, str]:
    """A lexicon of ``term<TAB>value`` lines as a dict (later entries win)."""
    mapping: dict[str, str] = {}
    for entry in load_lexicon(name, settings):
        term, _, value = entry.partition("\t")
        mapping[term.strip()] = value.strip()
    return mapping
