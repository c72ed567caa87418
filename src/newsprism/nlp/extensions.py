"""``Doc._`` extensions shared by the newsprism components.

Context (set before the pipeline runs, by :func:`newsprism.nlp.analysis.analyze_texts`):
``doc._.article_id`` and ``doc._.published`` (ISO date or None, the anchor for
relative dates). Results (set by the components): lists of the frozen dataclasses
of :mod:`newsprism.models`, with character offsets into ``doc.text``.
"""

from __future__ import annotations

from spacy.tokens import Doc

CONTEXT = {"article_id": "", "published": None, "outlet": None, "anchor_basis": None}
RESULTS = ("places", "time_expressions", "mentions", "citations", "quotes", "claims", "events")


def register_extensions() -> None:
    """Register every extension once; safe to call again."""
    for name, default in CONTEXT.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in RESULTS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
