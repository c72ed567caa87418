"""Which reader an input needs: by its extension, checked against its first bytes.

Users save articles under any name: a ``.txt`` that is really a web page, a page saved
as ``index.php``, a feed without extension. The extension says what the user expects,
the content decides; formats we cannot read are named in the failure.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from newsprism.errors import InputError
from newsprism.ingest.encoding import peek_text

TEXT = "text"
HTML = "html"
JSON = "json"
JSON_LINES = "jsonl"
WARC = "warc"
FEED = "feed"

GZIP_MAGIC = b"\x1f\x8b"

TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
FEED_EXTENSIONS = frozenset({".xml", ".rss", ".atom", ".rdf"})
FIXED_EXTENSIONS = {".json": JSON, ".jsonl": JSON_LINES, ".ndjson": JSON_LINES, ".warc": WARC}

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (.docx, .odt, .epub, .zip)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document (.doc, .xls)"),
    (b"{\\rtf", "RTF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "executable"),
    (b"filedesc://", "ARC archive (only WARC archives are read)"),
)

_HTML_ROOTS = frozenset({
    "html", "head", "body", "article", "main", "section", "div", "p", "span", "header",
    "nav", "title", "meta", "link", "base", "table", "ul", "ol", "h1", "h2", "h3", "h4",
    "h5", "h6", "blockquote", "figure", "form", "script", "style", "noscript",
})  # fmt: skip
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf"})
_PROLOG = re.compile(
    r"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype\s+(?!html)[^>\[]*(?:\[.*?\]\s*)?>)",
    re.DOTALL | re.IGNORECASE,
)
_ROOT = re.compile(r"\s*<(!doctype\s+html|[a-z][\w:.-]*)", re.IGNORECASE)
_EXTENSION = re.compile(r"^\.[a-z][a-z0-9]{0,9}$")


def choose_format(name: str, head: bytes) -> str:
    """The reader for a file called ``name`` whose (decompressed) content starts with ``head``."""
    extension = extension_of(name)
    binary_kind = _binary_kind(head)
    if binary_kind:
        shown = extension if extension and extension not in _readable_extensions() else ""
        raise InputError(f"unsupported format: {shown or binary_kind}")
    sniffed = sniff_format(peek_text(head))
    if extension in TEXT_EXTENSIONS or not extension:
        # Plain text is the fallback; JSON is only guessed for files without extension.
        if sniffed in (HTML, FEED, WARC) or (sniffed == JSON and not extension):
            return sniffed
        return TEXT
    if extension in HTML_EXTENSIONS:
        return HTML
    if extension in FIXED_EXTENSIONS:
        return FIXED_EXTENSIONS[extension]
    if extension in FEED_EXTENSIONS:
        if sniffed in (FEED, HTML):
            return sniffed
        raise InputError(f"unsupported format: {extension} (not an RSS or Atom feed)")
    if sniffed is not None:
        return sniffed  # a page saved as .php or .asp, a feed served as .cgi
    raise InputError(f"unsupported format: {extension}")


def extension_of(name: str) -> str:
    """The lower-case extension, or "" for names like ``report.2022-01-07``."""
    suffix = PurePath(name).suffix.lower()
    return suffix if _EXTENSION.match(suffix) else ""


def sniff_format(head: str) -> str | None:
    """The format the beginning of a text shows, or None when it looks like plain text."""
    start = head.lstrip("\ufeff \t\r\n")
    if start.startswith("WARC/"):
        return WARC
    if start.startswith("<"):
        root = _root_element(start)
        if root in _FEED_ROOTS or root.endswith((":rss", ":feed")):
            return FEED
        if root in _HTML_ROOTS or root.startswith("!doctype"):
            return HTML
        return None
    if re.match(r"\{\s*(\"|\})|\[\s*(\{|\])", start):
        return JSON
    return None


def looks_like_html(text: str) -> bool:
    """True when a text starts the way web pages or HTML fragments do."""
    return sniff_format(text[:4096]) == HTML


def _root_element(start: str) -> str:
    position = 0
    while match := _PROLOG.match(start, position):
        if match.end() == position:
            break
        position = match.end()
    root = _ROOT.match(start, position)
    return root.group(1).lower() if root else ""


def _binary_kind(head: bytes) -> str | None:
    for signature, kind in _BINARY_SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:12].startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WebP image"
    return None


def _readable_extensions() -> frozenset[str]:
    return TEXT_EXTENSIONS | HTML_EXTENSIONS | FEED_EXTENSIONS | frozenset(FIXED_EXTENSIONS)
