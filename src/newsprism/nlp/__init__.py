"""Natural-language analysis: the spaCy pipeline and newsprism's components.

The spaCy ``Doc`` never leaves this package: :func:`analyze_texts` hands back
:class:`newsprism.models.ArticleAnalysis` records with character offsets.
"""

from newsprism.nlp.analysis import AnalysisInput, analyze_texts, make_nlp

__all__ = ["AnalysisInput", "analyze_texts", "make_nlp"]
