"""A corpus of hostile and unusual inputs, each with the outcome ingest must give it.

Outcomes: ``stored`` (an article results), ``refused`` (named with a reason containing the
given words, nothing stored), ``warned`` (stored, with a warning naming what was set aside).
The files are written by :func:`write_corpus`, since some names cannot live in a repository.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

PROSE = (
    "Officials said 12 people died in the flood on Tuesday and 300 homes were destroyed in "
    "the district. Rescue teams reached the last villages by boat on Wednesday."
)


@dataclass(frozen=True)
class BadInput:
    name: str
    content: bytes
    outcome: str  # stored | refused | warned
    reason: str = ""
    """Words the failure or warning must contain."""


def _jsonl(*records: str) -> bytes:
    return ("\n".join(records) + "\n").encode()


def _noise(size: int) -> bytes:
    rnd = random.Random(7)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*()"
    return "".join(rnd.choice(alphabet) for _ in range(size)).encode()


def _deep_html(depth: int, paragraphs: int) -> bytes:
    body = "".join(
        f"<p>Paragraph {i}: the officials reported that {i} more people were rescued today.</p>"
        for i in range(paragraphs)
    )
    return f"<html><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>".encode()


def _feed(description: str, prolog: str = '<?xml version="1.0"?>') -> bytes:
    return (
        f'{prolog}\n<rss version="2.0"><channel><title>Wire</title><item><title>Flood</title>'
        f"<link>http://wire.example/1</link><description>{description}</description></item>"
        "</channel></rss>"
    ).encode()


CORPUS: tuple[BadInput, ...] = (
    BadInput("repeated-byte.txt", b"a" * 4096, "refused", "one character repeated"),
    BadInput("noise.txt", _noise(4096), "refused", "no word breaks"),
    BadInput("binary.txt", b"\x00\x01\x02" * 300, "refused", "binary"),
    BadInput("empty.txt", b"", "refused", "empty file"),
    BadInput("one-paragraph.txt", (PROSE + " It was the worst in decades").encode(), "stored"),
    BadInput(
        "surrogate.jsonl",
        _jsonl(
            json.dumps({"text": PROSE + " First."}),
            '{"text": "A record with a broken \\ud800 character and enough words to be an '
            'article about the flood."}',
            json.dumps({"text": PROSE + " Third record, after the broken one."}),
        ),
        "warned",
        "lone surrogates",
    ),
    BadInput(
        "surrogate-array.json",
        (
            "["
            + json.dumps({"text": PROSE + " In an array."})
            + ',{"text": "Broken \\udc00 here, and still words enough for a short article."}]'
        ).encode(),
        "warned",
        "lone surrogates",
    ),
    BadInput(
        "bad-date.jsonl",
        _jsonl(json.dumps({"text": PROSE + " Dated.", "date": "2022-13-45"})),
        "warned",
        "not a date",
    ),
    BadInput(
        "bad-field.jsonl",
        _jsonl(json.dumps({"text": PROSE + " Titled.", "title": {"nested": True}})),
        "warned",
        "not a string",
    ),
    BadInput("number-text.jsonl", _jsonl(json.dumps({"text": 5})), "refused", "not a string"),
    BadInput(
        "short-records.jsonl",
        _jsonl(*[json.dumps({"text": "Rescue teams reached the village after the flood."})] * 3),
        "stored",
    ),
    BadInput("doctype.rss", _feed(PROSE, '<!DOCTYPE rss PUBLIC "-//RSS//EN" "rss.dtd">'), "stored"),
    BadInput("plain-items.rss", _feed(PROSE + " Plain text item."), "stored"),
    BadInput(
        "entities.rss",
        _feed(
            "&xxe; &lol; " + PROSE,
            '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
            '<!ENTITY lol "lollollollollollollol">]>',
        ),
        "stored",
    ),
    BadInput("deep.html", _deep_html(400, 400), "stored"),
    BadInput("escape\x1b[31mname\n.txt", b"\x00\x01" * 20, "refused", "binary"),
)

LOOP_FOLDER = "loop"


def write_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for case in CORPUS:
        (folder / case.name).write_bytes(case.content)
    loop = folder / LOOP_FOLDER
    loop.mkdir()
    (loop / "inside.txt").write_text(PROSE + " Inside a folder with a link loop.", "utf-8")
    os.symlink("..", loop / "up")
    os.symlink(".", loop / "self")
