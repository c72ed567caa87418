"""Natural-language analysis: the spaCy pipeline and newsprism's components.

The spaCy ``Doc`` never leaves this package: :func:`analyze_texts` hands back
:class:`newsprism.models.ArticleAnalysis` records with character offsets. The names below
load spaCy when first used, so that importing a plain-text helper of this package does not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsprism.nlp.analysis import AnalysisInput, analyze_texts, make_nlp

__all__ = ["AnalysisInput", "analyze_texts", "make_nlp"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from newsprism.nlp import analysis

        return getattr(analysis, name)
    raise AttributeError(f"module 'newsprism.nlp' has no attribute {name!r}")
