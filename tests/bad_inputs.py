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

SPORTS_REPORT = (
    "Riverside United came from two goals down to beat Harbour City 3-2 on Saturday "
    "afternoon, a result that lifts them to fourth in the table with six matches left to "
    "play. The visitors had looked comfortable for most of the first half after their captain"
    " headed in a corner in the twelfth minute and their young winger curled a shot into the "
    "far corner just before the interval, leaving the home supporters quiet and the coaching "
    "staff animated on the touchline. The manager said afterwards that he had told his "
    "players at half-time to keep the ball on the ground and to trust the system they had "
    "practised all week, and that the response had been the best he had seen from the squad "
    "this season. Riverside pulled one back seven minutes after the restart when the "
    "midfielder, signed on loan in January, struck a low drive through a crowd of defenders. "
    "The equaliser came from the penalty spot on the hour after the striker was brought down "
    "by the goalkeeper, who was booked for the challenge and argued with the referee for some"
    " time. The winner arrived in the eighty-fourth minute, when a substitute who had been on"
    " the pitch for less than ten minutes met a cross from the left and volleyed it past the "
    "keeper from the edge of the area. Harbour City pressed for a late equaliser and hit the "
    "post in stoppage time, but the home defence held on as the crowd of around eighteen "
    "thousand rose to celebrate. The visiting coach said his team had stopped playing after "
    "the second goal and that they had only themselves to blame for losing a match they had "
    "controlled, adding that the penalty decision was harsh but that he would not hide behind"
    " it. He confirmed that his captain had been taken off with a hamstring problem and would"
    " be assessed on Monday, and that two other players were doubtful for the cup tie next "
    "weekend. Riverside, who were in the relegation places at Christmas, have now won five of"
    " their last seven league games and are unbeaten at home since November. Their next match"
    " is away at the league leaders on Wednesday evening, a fixture the manager called the "
    "biggest test of the season so far. Tickets for the away section sold out within an hour "
    "of going on sale this morning, the club said in a statement on its website."
)
"""A one-paragraph match report of ~400 words (written for these tests): prose, not navigation."""


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
    BadInput("sports-report.txt", SPORTS_REPORT.encode(), "stored"),
    BadInput(
        "sports-report.html",
        f"<html><body><p>{SPORTS_REPORT}</p></body></html>".encode(),
        "stored",
    ),
    BadInput(
        "sports-report.jsonl",
        _jsonl(json.dumps({"text": SPORTS_REPORT, "url": "https://sport.example/report"})),
        "stored",
    ),
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
