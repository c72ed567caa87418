"""newsprism: a sourced, cross-checked picture of a crisis from many news articles.

``newsprism.open(db_url)`` gives the Python API (:class:`newsprism.api.Newsprism`); the
library modules load when first used, so importing newsprism stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pathlib import Path

    from newsprism.api import Newsprism


def open(db_url: str | None = None, *, config: Path | None = None) -> Newsprism:
    """Open (creating if needed) the store at ``db_url``: see :class:`newsprism.api.Newsprism`."""
    from newsprism.api import open as open_store

    return open_store(db_url, config=config)


__all__ = ["__version__", "open"]
