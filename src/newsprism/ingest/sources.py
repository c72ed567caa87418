"""Expand what the user typed (files, folders, globs, ``-``) into a list of inputs to read.

The order is deterministic (the user's order, then sorted within a folder or glob) and
each file appears once, so re-running an ingest reads the same inputs the same way.
"""

from __future__ import annotations

import glob
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from newsprism.models import IngestFailure

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class InputItem:
    """One input to read: a file (as the user gave it or as found under a folder) or stdin."""

    where: str
    path: Path | None


def expand_inputs(inputs: Sequence[str]) -> tuple[list[InputItem], list[IngestFailure]]:
    """Files, folders (recursively, hidden entries skipped), globs (``**`` too) and ``-``."""
    items: list[InputItem] = []
    failures: list[IngestFailure] = []
    seen: set[str] = set()
    for given in inputs:
        for found in _expand_one(given):
            if isinstance(found, IngestFailure):
                failures.append(found)
                continue
            key = STDIN if found.path is None else _identity(found.path)
            if key not in seen:
                seen.add(key)
                items.append(found)
    return items, failures


def _expand_one(given: str) -> Iterator[InputItem | IngestFailure]:
    if given == STDIN:
        yield InputItem(where=STDIN, path=None)
        return
    path = Path(given)
    if path.is_dir():
        yield from _walk_folder(given)
    elif path.exists():
        yield _file_item(given)
    elif _GLOB_CHARS & set(given):
        yield from _expand_glob(given)
    elif path.is_symlink():
        yield IngestFailure(given, "broken symbolic link")
    else:
        yield IngestFailure(given, "no such file or directory")


def _expand_glob(pattern: str) -> Iterator[InputItem | IngestFailure]:
    matches = _glob(pattern)
    if not matches:
        yield IngestFailure(pattern, "no file matches")
        return
    for match in matches:
        if Path(match).is_dir():
            yield from _walk_folder(match)
        else:
            yield _file_item(match)


def _glob(pattern: str) -> list[str]:
    """``glob.glob(pattern, recursive=True)``, but ``**`` follows each linked folder once.

    The standard ``**`` walks a link loop (``a/up -> ..``) again and again, down to the
    operating system's path limit, and a few loops make that exponential. Here the part
    before the first wildcard is walked once (as folders are) and matched as a whole.
    """
    if "**" not in pattern:
        return sorted(glob.glob(pattern))
    parts = pattern.split(os.sep)
    fixed = next(i for i, part in enumerate(parts) if _GLOB_CHARS & set(part))
    base = os.sep.join(parts[:fixed]) or ("/" if pattern.startswith(os.sep) else "")
    matcher = re.compile(_translate(parts[fixed:]))
    found: list[str] = []
    for path in _walk_paths(base or os.curdir):
        relative = os.path.relpath(path, base or os.curdir)
        if matcher.fullmatch(relative.replace(os.sep, "/")):
            found.append(os.path.join(base, relative) if base else relative)
    return sorted(found)


def _translate(parts: Sequence[str]) -> str:
    """A regular expression for the wildcard parts of a path pattern (``**`` is any depth)."""
    pieces: list[str] = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            pieces.append(".*" if last else "(?:.*/)?")
        else:
            pieces.append(_translate_part(part) + ("" if last else "/"))
    return "".join(pieces)


def _translate_part(part: str) -> str:
    """One path component: ``*`` and ``?`` never cross a ``/``; ``[...]`` is a class."""
    out: list[str] = []
    i = 0
    while i < len(part):
        char = part[i]
        if char == "*":
            while i + 1 < len(part) and part[i + 1] == "*":
                i += 1
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and (close := part.find("]", i + 2)) != -1:
            body = part[i + 1 : close]
            negate = body.startswith("!")
            body = body[1:] if negate else body
            out.append("[" + ("^" if negate else "") + body.replace("\\", "\\\\") + "]")
            i = close
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def _walk_paths(base: str) -> Iterator[str]:
    """Every visible folder and file under ``base``, each real folder entered once."""
    visited: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(base, followlinks=True):
        try:
            info = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in visited:
            dirs[:] = []
            continue
        visited.add((info.st_dev, info.st_ino))
        dirs[:] = sorted(
            name
            for name in dirs
            if not name.startswith(".") and _unvisited(os.path.join(root, name), visited)
        )
        for name in dirs:
            yield os.path.join(root, name)
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def _walk_folder(folder: str) -> Iterator[InputItem | IngestFailure]:
    """Files under ``folder``; linked folders are followed, each real folder walked once."""
    errors: list[OSError] = []
    found_any = False
    visited: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, onerror=errors.append, followlinks=True):
        try:
            info = os.stat(root)
        except OSError as exc:
            errors.append(exc)
            dirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in visited:
            dirs[:] = []
            continue
        visited.add((info.st_dev, info.st_ino))
        dirs[:] = sorted(
            name
            for name in dirs
            if not name.startswith(".") and _unvisited(os.path.join(root, name), visited)
        )
        for name in sorted(files):
            if not name.startswith("."):
                found_any = True
                yield _file_item(os.path.join(root, name))
    for error in errors:
        yield IngestFailure(error.filename or folder, f"cannot read folder: {error.strerror}")
    if not found_any and not errors:
        yield IngestFailure(folder, "no files in folder")


def _unvisited(path: str, visited: set[tuple[int, int]]) -> bool:
    try:
        info = os.stat(path)
    except OSError:
        return True  # os.walk reports it
    return (info.st_dev, info.st_ino) not in visited


def _file_item(where: str) -> InputItem | IngestFailure:
    """A regular file (or a link to one); FIFOs and devices would block or never end."""
    try:
        mode = os.stat(where).st_mode
    except FileNotFoundError:
        return IngestFailure(where, "broken symbolic link")
    except OSError as exc:
        return IngestFailure(where, f"cannot read file: {exc.strerror}")
    if not stat.S_ISREG(mode):
        return IngestFailure(where, "not a regular file")
    return InputItem(where=where, path=Path(where))


def _identity(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


def source_label(source: str) -> str:
    """What a source shows as when it stands for an unknown outlet: its file name, not its path.

    ``folder/sub/001.txt`` gives ``001.txt``, ``feeds/x.xml#record 3`` gives
    ``x.xml#record 3``; a URL or ``-`` (standard input) stays as it is.
    """
    if "://" in source:
        return source
    path, mark, fragment = source.partition("#")
    name = PurePath(path.replace("\\", "/")).name or path
    return f"{name}{mark}{fragment}"
