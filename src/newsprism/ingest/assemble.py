"""Turning one RawDocument into an Article: clean text, then metadata from all the evidence."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from newsprism.errors import InputError
from newsprism.ingest.clean import clean_text, normalize_text
from newsprism.ingest.dedupe import content_hash
from newsprism.ingest.degenerate import degenerate_reason
from newsprism.ingest.html import extract_html
from newsprism.ingest.metadata import (
    detect_language,
    normalize_date,
    outlet_from_site,
    outlet_from_url,
)
from newsprism.ingest.published import infer_publication_date
from newsprism.ingest.sources import source_label
from newsprism.models import Article, CleanedText, PublicationDate, RawDocument
from newsprism.settings import Settings


@dataclass(frozen=True)
class IngestOverrides:
    """Metadata the user states on the command line; it wins over what is found."""

    outlet: str | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None


def article_id(source: str, digest: str) -> str:
    """Stable id: the same content from the same source is the same article."""
    return hashlib.sha256(f"{source}\n{digest}".encode()).hexdigest()[:16]


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return value.strip()
    return None


def _first_found(*candidates: tuple[str | None, str]) -> tuple[str | None, str | None]:
    """The first (value, how it was found) pair with a value, or (None, None)."""
    for value, how in candidates:
        if value and value.strip():
            return value.strip(), how
    return None, None


def _primary_language(code: str | None) -> str | None:
    """ "en-GB", "en_US", "EN" -> "en": the primary language subtag, lower case."""
    if not code:
        return None
    return code.replace("_", "-").split("-", 1)[0].strip().lower() or None


def assemble_article(
    raw: RawDocument,
    *,
    settings: Settings,
    repeated_lines: frozenset[str] = frozenset(),
    overrides: IngestOverrides | None = None,
) -> Article:
    """Clean ``raw`` and gather its metadata; raises InputError when no article text remains."""
    overrides = overrides or IngestOverrides()
    page_date = page_site = page_language = page_url = None
    if raw.html is not None:
        page = extract_html(raw.html, url=raw.url)
        cleaned = CleanedText(
            text=page.text,
            removed=page.removed,
            title=page.title,
            author=page.author,
            site=page.site,
        )
        raw_text = normalize_text(raw.html)
        page_date, page_site, page_language, page_url = (
            page.date,
            page.site,
            page.language,
            page.url,
        )
    else:
        raw_text = normalize_text(raw.text or "")
        cleaned = clean_text(raw_text, settings=settings, repeated_lines=repeated_lines)
    if not cleaned.text.strip():
        raise InputError("no article text left after cleaning", where=raw.source)
    degenerate = degenerate_reason(cleaned.text)
    if degenerate:
        raise InputError(degenerate, where=raw.source)

    url, url_how = _first_found(
        (overrides.url, "given on the command line"),
        (raw.url, "from the record"),
        (page_url, "from the page's canonical link"),
    )
    outlet, outlet_how = _first_found(
        (overrides.outlet, "given on the command line"),
        (raw.outlet, "from the record"),
        (outlet_from_url(url, settings=settings) if url else None, "from the URL's domain"),
        (
            outlet_from_site(page_site, settings=settings) if page_site else None,
            "from the page's site name",
        ),
        (
            outlet_from_site(cleaned.site, settings=settings) if cleaned.site else None,
            "from a site signature in the text",
        ),
    )
    if overrides.date:
        stated = normalize_date(overrides.date)
        if stated is None:
            raise InputError(f"cannot read the date {overrides.date!r}", where="--date")
        published = PublicationDate(
            value=stated, method="user", confidence=1.0, evidence=overrides.date
        )
    else:
        # A date stamp line that cleaning took out of the body is still evidence of the date.
        stamps = [r.text for r in cleaned.removed if r.reason == "dateline"]
        published = infer_publication_date(
            "\n\n".join([*stamps, cleaned.text]),
            record_date=raw.date,
            page_date=page_date,
            url=url,
        )
    # Detected once, and only when neither the user, the record nor the page says.
    stated_language, language_how = _first_found(
        (overrides.language, "given on the command line"),
        (raw.language, "from the record"),
        (page_language, "from the page's language attribute"),
    )
    if stated_language is None:
        language_how = "detected from the text"
    language = _primary_language(
        stated_language or detect_language(cleaned.text, languages=settings.languages)
    )
    title, title_how = _first_found(
        (raw.title, "from the record"), (cleaned.title, "from the page or the first line")
    )
    author, author_how = _first_found(
        (raw.author, "from the record"), (cleaned.author, "from the byline")
    )
    found_by = {
        "url": url_how,
        "outlet": outlet_how or "not found: the file name stands for it",
        "language": language_how if language else "not found",
        "title": title_how,
        "author": author_how,
    }
    digest = content_hash(cleaned.text)
    return Article(
        id=article_id(raw.source, digest),
        source=raw.source,
        format=raw.format,
        text=cleaned.text,
        content_hash=digest,
        url=url,
        # An unknown outlet is stood for by the source (shown by its file name, never its
        # path); ingest keeps two sources of one file name apart.
        outlet=outlet or source_label(raw.source),
        title=title,
        author=author,
        published=published,
        language=language,
        raw_text=raw_text,
        removed=cleaned.removed,
        found_by=tuple((k, v) for k, v in found_by.items() if v),
    )
