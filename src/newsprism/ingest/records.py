"""JSON and JSON-lines records to RawDocuments, one failure per bad line or record.

A record is an object with ``text`` or ``html`` and optional metadata. Scrapers and
export tools spell the fields differently, so a few common aliases are accepted; the
field ``source`` is never read as the outlet (scrapers use it for anything from a
feed URL to a crawler name).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Protocol

from newsprism.errors import InputError
from newsprism.ingest.encoding import decode_bytes, find_declared_charset
from newsprism.ingest.formats import looks_like_html
from newsprism.ingest.metadata import normalize_date
from newsprism.models import IngestFailure, RawDocument

TEXT_FIELDS = ("text", "content", "body")
HTML_FIELDS = ("html",)
METADATA_FIELDS: dict[str, tuple[str, ...]] = {
    "url": ("url", "link"),
    "outlet": ("outlet", "publisher"),
    "title": ("title", "headline"),
    "author": ("author", "authors", "byline"),
    "date": ("date", "published", "pubDate", "published_at", "date_published"),
    "language": ("language", "lang"),
}

_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")


class ByteStream(Protocol):
    """What a JSON lines reader needs: a file, a gzip stream or a pipe."""

    def readline(self, size: int = -1, /) -> bytes: ...

    def read(self, size: int = -1, /) -> bytes: ...


def read_json_lines(
    stream: ByteStream, *, where: str, max_bytes: int
) -> Iterator[RawDocument | IngestFailure]:
    """One record a line, streamed, so a big dump or a pipe never sits in memory whole."""
    first = stream.readline(max_bytes + 1)
    if first.startswith(_WIDE_BOMS) or b"\x00" in first:
        yield from _read_wide_json_lines(first, stream, where=where, max_bytes=max_bytes)
        return
    found_any = False
    number = 0
    line: bytes | None = first
    while line:
        number += 1
        line_where = f"{where}#line {number}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield IngestFailure(line_where, f"line too long (over {max_bytes} bytes)")
        elif line.strip():
            found_any = True
            yield _read_line(line.removeprefix(b"\xef\xbb\xbf").rstrip(b"\r\n"), where=line_where)
        line = stream.readline(max_bytes + 1)
    if not found_any:
        yield IngestFailure(
            where, "empty input" if number == 0 else "no records (only blank lines)"
        )


def read_json_lines_text(text: str, *, where: str) -> Iterator[RawDocument | IngestFailure]:
    """JSON lines already decoded (a UTF-16 file, a .json file holding one record a line)."""
    found_any = False
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            found_any = True
            yield _parse_line(line.rstrip("\r"), where=f"{where}#line {number}")
    if not found_any:
        yield IngestFailure(where, "no records (only blank lines)")


def read_json_document(content: bytes, *, where: str) -> Iterator[RawDocument | IngestFailure]:
    """A .json file: one record, an array of records, or (often mislabelled) JSON lines."""
    try:
        text = decode_bytes(content, where=where)
    except InputError as exc:
        yield IngestFailure(where, exc.message)
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            yield from read_json_lines_text(text, where=where)
        else:
            yield IngestFailure(
                where, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
            )
        return
    except (ValueError, RecursionError) as exc:
        yield IngestFailure(where, f"malformed JSON: {_describe(exc)}")
        return
    if isinstance(value, list):
        if not value:
            yield IngestFailure(where, "no records (empty JSON array)")
        for number, record in enumerate(value, start=1):
            yield _document_or_failure(record, source=f"{where}#record {number}")
    else:
        yield _document_or_failure(value, source=where)


def record_to_document(record: object, *, source: str) -> RawDocument:
    """A JSON object as a RawDocument; InputError when it holds no article."""
    if not isinstance(record, dict):
        raise InputError(f"record is not a JSON object but {_json_type(record)}", where=source)
    text = _first_string(record, TEXT_FIELDS, source=source)
    html = None if text else _first_string(record, HTML_FIELDS, source=source)
    if text is None and html is None:
        raise InputError("record has no 'text' or 'html'", where=source)
    if text is not None and looks_like_html(text):
        text, html = None, text  # a scraper put the page's markup in "content"
    notes: list[str] = []
    metadata = {
        name: _first_metadata(record, aliases, notes) for name, aliases in METADATA_FIELDS.items()
    }
    if metadata["date"] is not None and normalize_date(metadata["date"]) is None:
        notes.append(f"field 'date' is not a date ({_shown(metadata['date'])}): ignored")
        metadata["date"] = None
    text, html = _repaired(text, "text", notes), _repaired(html, "html", notes)
    metadata = {name: _repaired(value, name, notes) for name, value in metadata.items()}
    return RawDocument(
        source=source,
        format="html" if html else "text",
        text=text,
        html=html,
        notes=tuple(notes),
        **metadata,
    )


def _repaired(value: str | None, name: str, notes: list[str]) -> str | None:
    """``value`` with lone surrogates (invalid in UTF-8, legal in JSON escapes) replaced."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        fixed = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        notes.append(f"field {name!r} has invalid characters (lone surrogates): replaced by U+FFFD")
        return fixed
    return value


def _shown(value: str, limit: int = 40) -> str:
    """A value quoted for a message: escaped, and cut short."""
    short = value if len(value) <= limit else value[:limit] + "…"
    return ascii(short) if not short.isprintable() else repr(short)


def _read_wide_json_lines(
    first: bytes, stream: ByteStream, *, where: str, max_bytes: int
) -> Iterator[RawDocument | IngestFailure]:
    """UTF-16/32 JSON lines cannot be split on b"\\n"; decode the whole input first."""
    content = first + stream.read(max_bytes + 1 - len(first))
    if len(content) > max_bytes:
        yield IngestFailure(where, f"input too large (over limit {max_bytes} bytes)")
        return
    try:
        text = decode_bytes(content, where=where)
    except InputError as exc:
        yield IngestFailure(where, exc.message)
        return
    yield from read_json_lines_text(text, where=where)


def _read_line(line: bytes, *, where: str) -> RawDocument | IngestFailure:
    try:
        text = decode_bytes(line, where=where, declared=find_declared_charset(line))
    except InputError as exc:
        return IngestFailure(where, exc.message)
    return _parse_line(text, where=where)


def _parse_line(line: str, *, where: str) -> RawDocument | IngestFailure:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return IngestFailure(where, f"malformed JSON: {exc.msg} (column {exc.colno})")
    except (ValueError, RecursionError) as exc:
        return IngestFailure(where, f"malformed JSON: {_describe(exc)}")
    return _document_or_failure(record, source=where)


def _document_or_failure(record: object, *, source: str) -> RawDocument | IngestFailure:
    try:
        return record_to_document(record, source=source)
    except InputError as exc:
        return IngestFailure(source, exc.message)


def _first_string(record: dict[str, Any], names: tuple[str, ...], *, source: str) -> str | None:
    for name in names:
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f"field {name!r} is {_json_type(value)}, not a string", where=source)
        if value.strip():
            return value
    return None


def _first_metadata(record: dict[str, Any], names: tuple[str, ...], notes: list[str]) -> str | None:
    """Metadata is optional: a value of an odd type is set aside (with a note), not fatal."""
    for name in names:
        value = record.get(name)
        if (value is not None and not isinstance(value, str | int | float | list)) or (
            isinstance(value, list) and not all(isinstance(item, str) for item in value)
        ):
            notes.append(f"field {name!r} is {_json_type(value)}, not a string: ignored")
            continue
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            value = ", ".join(item.strip() for item in value if item.strip())
        elif isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _skip_rest_of_line(stream: ByteStream) -> None:
    while True:
        chunk = stream.readline(65536)
        if not chunk or chunk.endswith(b"\n"):
            return


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).split("\n", 1)[0].strip() or type(exc).__name__
