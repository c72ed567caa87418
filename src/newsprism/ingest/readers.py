"""Read one input into RawDocuments, or IngestFailures saying why not; never raise for content.

Each input is sniffed (formats.py) and handed to its reader: text and HTML files here,
JSON records in records.py, WARC archives in warc.py, feeds in feed.py. Gzipped files
are read through. Archives and JSON lines are streamed record by record, so the size
limit applies to each record; every other file over the limit is refused unread.
"""

from __future__ import annotations

import gzip
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from newsprism.errors import InputError
from newsprism.ingest import formats
from newsprism.ingest.encoding import decode_bytes, find_declared_charset
from newsprism.ingest.feed import read_feed
from newsprism.ingest.records import ByteStream, read_json_document, read_json_lines
from newsprism.ingest.sources import InputItem
from newsprism.ingest.warc import read_warc
from newsprism.models import IngestFailure, RawDocument

STDIN_SOURCE = "stdin"
_HEAD_BYTES = 1 << 16


def read_item(
    item: InputItem, *, max_bytes: int, stdin: IO[bytes] | None = None
) -> Iterator[RawDocument | IngestFailure]:
    """Every document in one input, with a failure for each part that cannot be read."""
    if item.path is None:
        stream = stdin if stdin is not None else sys.stdin.buffer
        yield from read_json_lines(stream, where=STDIN_SOURCE, max_bytes=max_bytes)
        return
    try:
        yield from _read_file(item.path, where=item.where, max_bytes=max_bytes)
    except InputError as exc:
        yield IngestFailure(item.where, exc.message)
    except OSError as exc:
        yield IngestFailure(item.where, f"cannot read file: {exc.strerror or exc}")


def _read_file(path: Path, *, where: str, max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty file")
    with path.open("rb") as stream:
        head = stream.read(_HEAD_BYTES)
    compressed = head.startswith(formats.GZIP_MAGIC)
    name = path.name
    if compressed:
        name = name[:-3] if name.lower().endswith(".gz") else name
        head = _gunzip_head(head)
        if not head:
            raise InputError("empty file (after decompression)")
    kind = formats.choose_format(name, head)
    if kind == formats.WARC:
        yield from read_warc(path, where=where, max_bytes=max_bytes)
        return
    if kind == formats.JSON_LINES:
        yield from _read_json_lines_file(path, where=where, max_bytes=max_bytes, gz=compressed)
        return
    if size > max_bytes:
        raise InputError(f"file too large ({size} bytes > limit {max_bytes})")
    content = _gunzip(path, limit=max_bytes + 1) if compressed else _read_bounded(path, max_bytes)
    if len(content) > max_bytes:
        raise InputError(f"file too large when decompressed (over limit {max_bytes} bytes)")
    if kind == formats.JSON:
        yield from read_json_document(content, where=where)
    elif kind == formats.FEED:
        yield from read_feed(content, where=where)
    elif kind == formats.HTML:
        yield _read_html(content, where=where)
    else:
        yield _read_text(content, where=where)


def _read_text(content: bytes, *, where: str) -> RawDocument:
    text = decode_bytes(content, where=where)
    if not text.strip():
        raise InputError("empty file (only whitespace)")
    return RawDocument(source=where, format="text", text=text)


def _read_html(content: bytes, *, where: str) -> RawDocument:
    html = decode_bytes(content, where=where, declared=find_declared_charset(content))
    if not html.strip():
        raise InputError("empty file (only whitespace)")
    return RawDocument(source=where, format="html", html=html)


def _read_json_lines_file(
    path: Path, *, where: str, max_bytes: int, gz: bool
) -> Iterator[RawDocument | IngestFailure]:
    try:
        with path.open("rb") as raw:
            lines: ByteStream = gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw
            yield from read_json_lines(lines, where=where, max_bytes=max_bytes)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield IngestFailure(where, f"corrupt gzip file: {exc}")


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes: a file growing while we read cannot exhaust memory."""
    with path.open("rb") as stream:
        return stream.read(max_bytes + 1)


def _gunzip_head(head: bytes) -> bytes:
    """The start of a gzipped file's content, even when the file is cut short further on."""
    try:
        return zlib.decompressobj(wbits=31).decompress(head, _HEAD_BYTES)
    except zlib.error as exc:
        raise InputError(f"corrupt gzip file: {exc}") from exc


def _gunzip(path: Path, *, limit: int) -> bytes:
    try:
        with gzip.open(path, "rb") as stream:
            return stream.read(limit)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"corrupt gzip file: {exc}") from exc
