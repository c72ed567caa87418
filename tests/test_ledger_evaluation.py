"""`newsprism evaluate --ledger`: expected cards matched, statuses and source counts scored."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.ledger_evaluation import evaluate_ledger
from tests.test_cli import newsprism

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "ledger"


def test_a_rising_toll_from_one_service_scores_every_card_right() -> None:
    report = evaluate_ledger(FIXTURES)
    (scored,) = [s for s in report.stories if s.scored]
    assert scored.share("cards_found") == (2, 2)
    assert scored.share("status_right") == (2, 2), scored.cards
    assert scored.share("sources_right") == (2, 2), scored.cards
    assert scored.share("reports_found") == (4, 4)


def test_a_story_without_its_articles_is_named_not_scored_as_zero() -> None:
    report = evaluate_ledger(FIXTURES)
    (missing,) = [s for s in report.stories if not s.scored]
    assert missing.story == "missing-articles"
    assert "not found" in missing.reason
    assert report.share("cards_found") == (2, 2)


def test_the_command_prints_the_ledger_section(tmp_path: Path) -> None:
    out = newsprism("evaluate", "--ledger", str(FIXTURES), db=tmp_path / "unused.db").stdout
    assert "bridge-collapse" in out and "1.00 (2/2)" in out
    assert "missing-articles" in out and "not scored" in out


def test_cards_valued_needs_the_figures_latest_value_to_agree() -> None:
    from newsprism.ledger_evaluation import _latest_agrees
    from newsprism.models import ClaimGroup

    def figure(low: float | None, high: float | None) -> ClaimGroup:
        return ClaimGroup("s", "injured", None, "updated", 1, (), latest_min=low, latest_max=high)

    six_hospitals = {"latest": {"value_min": 485, "value_max": 485}}
    assert not _latest_agrees(six_hospitals, figure(149, 149))  # the card sat on another count
    assert _latest_agrees(six_hospitals, figure(450, None))  # "more than 450" reaches 485
    assert _latest_agrees({"latest": {"value_min": 201, "value_max": None}}, figure(200, None))
    assert _latest_agrees({}, figure(3, 3))  # no latest value written: nothing to compare
