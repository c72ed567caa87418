"""Analyses of articles not in English: one pipeline per language, the same dataclasses.

English runs through the spaCy pipeline (``nlp/analysis.py``). Russian and French run the
rule-based extractors of ``rules.py`` over a reader's tokens, lemmas and names (natasha with
pymorphy3; spaCy's ``fr_core_news_sm``); Arabic runs them over plain tokens, with places from
the gazetteer's Arabic names. A language's models load once per process, when its first
article is met. What each language gets is stated in :data:`COVERAGE`, and shown per article
in the exports and the briefing, so no gap is silent.
"""

from __future__ import annotations

from newsprism.models import ArticleAnalysis

ENGLISH_ANALYSES = ("places", "dates", "mentions", "citations", "quotes", "claims", "events")
COVERAGE: dict[str, tuple[str, ...]] = {
    "en": ENGLISH_ANALYSES,
    "ru": ("places", "dates", "mentions", "citations", "quotes", "claims"),
    "fr": ("places", "dates", "mentions", "citations", "quotes", "claims"),
    "ar": ("places", "dates", "citations", "quotes", "claims"),
}
"""Analyses run per language; a language missing here gets none."""

FOREIGN_LANGUAGES = frozenset(COVERAGE) - {"en"}
NON_LATIN_SCRIPTS = frozenset({"ru", "ar"})
"""Languages whose articles may quote English passages that their own cues cannot read."""


def _latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isascii() for ch in letters)


def analyses_for(language: str | None) -> tuple[str, ...]:
    """The analyses run for an article in ``language`` (unknown language: read as English)."""
    if not language:
        return ENGLISH_ANALYSES
    return COVERAGE.get(language.split("-")[0].lower(), ())


def coverage_note(language: str | None) -> str:
    """One line for a reader: which analyses ran, or that none did."""
    ran = analyses_for(language)
    if not ran:
        return f"not analysed: no pipeline for language {language!r}"
    missing = [a for a in ENGLISH_ANALYSES if a not in ran]
    note = "analysed: " + ", ".join(ran)
    return note + (f" (not run in this language: {', '.join(missing)})" if missing else "")


def analyze_foreign(
    article_id: str,
    text: str,
    language: str,
    *,
    version: str,
    published: str | None = None,
    outlet: str | None = None,
) -> ArticleAnalysis:
    """The analysis of one Russian, French or Arabic article (rules over its reader's layer)."""
    from newsprism.nlp.gazetteer import load_gazetteer
    from newsprism.nlp.languages import rules
    from newsprism.nlp.languages.cues import load_cues
    from newsprism.nlp.languages.layers import READERS

    layer = READERS[language](text)
    cues = load_cues(language)
    gazetteer = load_gazetteer()
    citations = rules.find_citations(layer, cues, article_id)
    claims = rules.find_claims(layer, cues, article_id, outlet, citations)
    if language in NON_LATIN_SCRIPTS:
        # figures in an English passage quoted in the original ("More than fifty protesters
        # were shot dead"), read with the English figure cues; Latin-script claims only
        english = rules.find_claims(layer, load_cues("en"), article_id, outlet, citations)
        claims = sorted([*claims, *(c for c in english if _latin(c.text))], key=lambda c: c.start)
    return ArticleAnalysis(
        article_id=article_id,
        pipeline_version=version,
        mentions=tuple(rules.find_mentions(layer, article_id)),
        places=tuple(rules.find_places(layer, gazetteer, language, article_id)),
        dates=tuple(rules.find_dates(layer, cues, article_id, published)),
        quotes=tuple(rules.find_quotes(layer, cues, article_id)),
        citations=tuple(citations),
        claims=tuple(claims),
        anchor=published,
        anchor_basis="publication date" if published else None,
    )


def unanalysed(article_id: str, *, version: str, published: str | None = None) -> ArticleAnalysis:
    """The empty analysis of an article whose language has no pipeline (listed as such)."""
    return ArticleAnalysis(article_id=article_id, pipeline_version=version, anchor=published)


__all__ = [
    "COVERAGE",
    "FOREIGN_LANGUAGES",
    "analyses_for",
    "analyze_foreign",
    "coverage_note",
    "unanalysed",
]
