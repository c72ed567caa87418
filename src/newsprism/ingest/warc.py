"""WARC archives: the HTML pages a crawler fetched, one RawDocument per successful response.

Read record by record from disk (crawls are big; only one payload is in memory at a time,
capped at ``max_bytes``). warcio is lenient: it stops silently at a truncated record, so
we check that each record was complete and that the whole file was read.
``WARC-Date`` is when the page was crawled, not published, so it is not a date here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from newsprism.errors import InputError
from newsprism.ingest.encoding import decode_bytes, find_declared_charset, normalize_charset
from newsprism.models import IngestFailure, RawDocument

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHUNK = 1 << 16


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio writes a warning to stderr on a bad Content-Length; we count it instead."""

    INC_RECORD = ""


def read_warc(path: Path, *, where: str, max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    """Each HTML page as ``where#record N`` (N counts every record, so it stays stable)."""
    pages = 0
    number = 0
    with path.open("rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        records = _QuietArchiveIterator(stream)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as exc:  # warcio raises many kinds on damaged input
                yield IngestFailure(where, f"truncated or corrupt WARC: {_describe(exc)}")
                return
            if record.format != "warc":  # warcio would take any text for an ARC file
                yield IngestFailure(
                    where,
                    "not a WARC archive"
                    if number == 0
                    else f"truncated or corrupt WARC: record {number + 1} is not a WARC record",
                )
                return
            number += 1
            source = f"{where}#record {number}"
            outcome: RawDocument | IngestFailure | None
            try:
                outcome = _read_record(record, source=source, max_bytes=max_bytes)
                _drain(record)
            except InputError as exc:
                outcome = IngestFailure(source, exc.message)
                _drain(record)
            except Exception as exc:
                yield IngestFailure(where, f"truncated or corrupt WARC: {_describe(exc)}")
                return
            if getattr(record.raw_stream, "limit", 0) > 0:
                yield IngestFailure(
                    where, f"truncated or corrupt WARC: record {number} ends before its length"
                )
                return
            if outcome is not None:
                pages += isinstance(outcome, RawDocument)
                yield outcome
        damage = _damage_after_iteration(records, size=size, number=number)
    if damage:
        yield IngestFailure(where, f"truncated or corrupt WARC: {damage}")
    elif pages == 0:
        yield IngestFailure(where, "no HTML pages in WARC (only non-HTML or failed responses)")


def _read_record(record: Any, *, source: str, max_bytes: int) -> RawDocument | None:
    """A successful HTML response as a document; anything else (requests, images) is None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    headers = record.http_headers
    try:
        status = int(headers.get_statuscode() or 0)
    except ValueError:
        return None
    content_type = headers.get_header("Content-Type") or ""
    mime, _, parameters = content_type.partition(";")
    if not 200 <= status < 300 or mime.strip().lower() not in _HTML_TYPES:
        return None
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        raise InputError(f"page too large (over limit {max_bytes} bytes)", where=source)
    if not payload.strip():
        raise InputError("empty HTML response", where=source)
    declared = _charset_parameter(parameters) or find_declared_charset(payload)
    html = decode_bytes(payload, where=source, declared=declared)
    url = record.rec_headers.get_header("WARC-Target-URI")
    return RawDocument(source=source, format="html", html=html, url=url or None)


def _charset_parameter(parameters: str) -> str | None:
    for parameter in parameters.split(";"):
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return normalize_charset(value)
    return None


def _drain(record: Any) -> None:
    """Read the record to its end here, so a short record shows in ``raw_stream.limit``."""
    while record.raw_stream.read(_CHUNK):
        pass


def _damage_after_iteration(records: Any, *, size: int, number: int) -> str | None:
    if records.err_count:
        return "a record's length does not match its content"
    if records.offset < size:
        return f"unreadable data after record {number} (byte {records.offset} of {size})"
    return None


def _describe(exc: BaseException) -> str:
    return str(exc).split("\n", 1)[0].strip() or type(exc).__name__
