"""Scoring the claim ledger against hand-written expected cards (``gold/ledger/<story>/``).

Each gold story lists its articles and the cards an analyst should get: category, status,
independent-source count and the reports (exact substrings of the article texts) that belong
on each card. The story's articles are ingested and analysed in a throwaway database, compared
as one story, and each expected card is matched to the produced figure holding most of its
reports (of a compatible category). Figures:

- ``cards_found``: expected cards matched by a produced figure;
- ``cards_valued``: of those, the ones whose produced figure's latest value agrees with the
  card's latest (ranges overlap; an open "at least" bound runs to infinity): stricter, since
  a card whose reports sit on a figure that counts something else (a six-hospital count on
  the national toll) is "found" by report overlap alone;
- ``status_right`` / ``sources_right``: of the found cards, those with the expected status /
  independent-source count;
- ``reports_found``: expected reports that appear on some produced figure.

Articles whose licence forbids shipping them are read from a local copy
(``articles_location`` in ``expected.json``, or ``$NEWSPRISM_LOCAL_GOLD/ledger/<story>``);
a story without its articles is listed as not scored, never counted as zero.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.models import ClaimGroup, Story
from newsprism.settings import Settings

_COMPATIBLE = {"casualties": {"killed", "injured", "casualties"}}


@dataclass(frozen=True)
class CardResult:
    index: int
    category: str
    expected_status: str
    expected_sources: int
    found: bool
    status: str | None = None
    sources: int | None = None
    reports_found: int = 0
    reports_expected: int = 0
    value_agrees: bool = False


@dataclass(frozen=True)
class StoryLedgerScore:
    story: str
    scored: bool
    reason: str = ""
    cards: tuple[CardResult, ...] = ()
    produced_cards: int = 0

    def share(self, what: str) -> tuple[int, int]:
        found = [c for c in self.cards if c.found]
        if what == "cards_found":
            return len(found), len(self.cards)
        if what == "cards_valued":
            return sum(c.value_agrees for c in found), len(self.cards)
        if what == "status_right":
            return sum(c.status == c.expected_status for c in found), len(found)
        if what == "sources_right":
            return sum(c.sources == c.expected_sources for c in found), len(found)
        if what == "reports_found":
            return (
                sum(c.reports_found for c in self.cards),
                sum(c.reports_expected for c in self.cards),
            )
        raise KeyError(what)


@dataclass(frozen=True)
class LedgerReport:
    stories: tuple[StoryLedgerScore, ...] = field(default_factory=tuple)

    def share(self, what: str) -> tuple[int, int]:
        parts = [s.share(what) for s in self.stories if s.scored]
        return sum(p[0] for p in parts), sum(p[1] for p in parts)


def _articles_file(story_dir: Path, expected: dict[str, Any]) -> Path | None:
    candidates = [story_dir / "articles.jsonl"]
    local = os.environ.get("NEWSPRISM_LOCAL_GOLD")
    if local:
        candidates.append(Path(local) / "ledger" / story_dir.name / "articles.jsonl")
    if expected.get("articles_location"):
        candidates.append(Path(expected["articles_location"]))
    return next((c for c in candidates if c.is_file()), None)


def _spans(text: str, phrase: str) -> tuple[int, int] | None:
    at = text.find(phrase)
    if at < 0:
        squeezed = " ".join(phrase.split())
        at = " ".join(text.split()).find(squeezed)
        if at < 0:
            return None
        return None if at < 0 else _approximate(text, squeezed)
    return at, at + len(phrase)


def _approximate(text: str, squeezed: str) -> tuple[int, int] | None:
    words = squeezed.split()
    if not words:
        return None
    at = text.find(words[0])
    while at >= 0:
        if " ".join(text[at:].split())[: len(squeezed)] == squeezed:
            return at, at + len(squeezed)
        at = text.find(words[0], at + 1)
    return None


def _bounds(low: float | None, high: float | None) -> tuple[float, float] | None:
    if low is None and high is None:
        return None
    return (low if low is not None else 0.0), (high if high is not None else float("inf"))


def _latest_agrees(card: dict[str, Any], group: ClaimGroup) -> bool:
    """The produced figure's latest value overlaps the card's expected latest value."""
    latest = card.get("latest") or {}
    want = _bounds(latest.get("value_min"), latest.get("value_max"))
    got = _bounds(group.latest_min, group.latest_max)
    if want is None:
        return True  # the card states no latest value: nothing to compare
    return got is not None and want[0] <= got[1] and got[0] <= want[1]


def _score_story(
    story_dir: Path, expected: dict[str, Any], path: Path, settings: Settings
) -> StoryLedgerScore:
    from newsprism import pipeline
    from newsprism.compare.corpus import compare_story, load_corpus
    from newsprism.store.database import open_store

    with tempfile.TemporaryDirectory(prefix="newsprism-ledger-") as tmp:
        engine = open_store(f"sqlite:///{Path(tmp) / 'ledger.db'}")
        try:
            pipeline.ingest([str(path)], engine=engine, settings=settings)
            pipeline.analyze(engine=engine, settings=settings)
            corpus = load_corpus(engine)
        finally:
            engine.dispose()
    by_url = {a.url: a for a in corpus.articles if a.url}
    gold_to_stored: dict[str, str] = {}
    for record in expected.get("articles", []):
        stored = by_url.get(record.get("url"))
        if stored is not None:
            gold_to_stored[record["id"]] = stored.id
    story = Story(
        id=f"gold-{story_dir.name}",
        article_ids=tuple(a.id for a in corpus.articles),
        title=expected.get("story", story_dir.name),
    )
    ledger = compare_story(corpus, story, settings=settings).ledger
    texts = {a.id: a.text for a in corpus.articles}
    results = [
        _match_card(i, card, ledger, gold_to_stored, texts)
        for i, card in enumerate(expected.get("cards", []))
    ]
    return StoryLedgerScore(
        story=story_dir.name, scored=True, cards=tuple(results), produced_cards=len(ledger)
    )


def _match_card(
    index: int,
    card: dict[str, Any],
    ledger: Sequence[ClaimGroup],
    ids: dict[str, str],
    texts: dict[str, str],
) -> CardResult:
    category = card["category"]
    allowed = _COMPATIBLE.get(category, {category, "casualties"})
    wanted: list[tuple[str, int, int]] = []
    for report in card.get("reports", []):
        stored = ids.get(report["article"])
        if stored is None:
            continue
        where = _spans(texts.get(stored, ""), report["text"])
        if where is not None:
            wanted.append((stored, *where))
    best: tuple[int, ClaimGroup | None] = (0, None)
    on_any = 0
    for start_id, start, end in wanted:
        if any(
            r.article_id == start_id and r.start < end and start < r.end
            for g in ledger
            for r in g.reports
        ):
            on_any += 1
    for group in ledger:
        if group.category not in allowed:
            continue
        hits = sum(
            any(r.article_id == a and r.start < e and s < r.end for r in group.reports)
            for a, s, e in wanted
        )
        if hits > best[0]:
            best = (hits, group)
    found = best[1]
    return CardResult(
        index=index,
        category=category,
        expected_status=card.get("status", ""),
        expected_sources=int(card.get("independent_sources", 0)),
        found=found is not None,
        status=found.status if found else None,
        sources=found.independent_sources if found else None,
        reports_found=on_any,
        reports_expected=len(card.get("reports", [])),
        value_agrees=found is not None and _latest_agrees(card, found),
    )


def evaluate_ledger(gold_dir: Path, *, settings: Settings | None = None) -> LedgerReport:
    """Score every story under ``gold_dir / "ledger"`` (or ``gold_dir`` itself)."""
    settings = settings or Settings()
    root = gold_dir / "ledger" if (gold_dir / "ledger").is_dir() else gold_dir
    scores: list[StoryLedgerScore] = []
    for story_dir in sorted(p for p in root.iterdir() if (p / "expected.json").is_file()):
        expected = json.loads((story_dir / "expected.json").read_text(encoding="utf-8"))
        path = _articles_file(story_dir, expected)
        if path is None:
            reason = "articles not found (local-only; set NEWSPRISM_LOCAL_GOLD)"
            scores.append(StoryLedgerScore(story=story_dir.name, scored=False, reason=reason))
            continue
        scores.append(_score_story(story_dir, expected, path, settings))
    return LedgerReport(stories=tuple(scores))


def format_ledger_report(report: LedgerReport) -> str:
    def fmt(pair: tuple[int, int]) -> str:
        got, total = pair
        return f"{got / total:.2f} ({got}/{total})" if total else "n/a"

    columns = ("cards_found", "cards_valued", "status_right", "sources_right", "reports_found")
    heads = ("cards", "cards+value", "status", "sources", "reports")
    lines = ["ledger", f"{'story':32} " + " ".join(f"{h:>14}" for h in heads)]
    for story in report.stories:
        if not story.scored:
            lines.append(f"{story.story:32} not scored: {story.reason}")
            continue
        lines.append(f"{story.story:32} " + " ".join(f"{fmt(story.share(w)):>14}" for w in columns))
    lines.append(f"{'all':32} " + " ".join(f"{fmt(report.share(w)):>14}" for w in columns))
    return "\n".join(lines)
