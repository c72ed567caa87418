"""Frozen dataclasses (and export records) as pandas data frames, for the Python API."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from typing import Any


def as_record(item: Any) -> dict[str, Any]:
    if is_dataclass(item) and not isinstance(item, type):
        return asdict(item)
    if isinstance(item, dict):
        return dict(item)
    raise TypeError(f"cannot tabulate {type(item).__name__}")


def to_pandas(items: Iterable[Any]) -> Any:
    """A ``pandas.DataFrame`` with one row per item (pandas is the optional ``pandas`` extra)."""
    try:
        pandas = importlib.import_module("pandas")
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError("to_pandas() needs pandas: pip install 'newsprism[pandas]'") from exc
    return pandas.DataFrame([as_record(item) for item in items])
