"""Quality floors on the gold set: a change that makes an extractor worse fails here.

Held-out texts (gold/heldout.txt) were written by an annotator who never saw the extractors
and were kept out of rule development; their floors sit at the issue's targets where we meet
them and just under today's figure where we do not (claims recall, 0.77 against a target of
0.85). Development floors sit a little under today's figures. These are the English floors:
the Russian and French gold is scored per language (``evaluate --language``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.evaluation import EvaluationReport, evaluate

pytestmark = pytest.mark.slow

GOLD = Path(__file__).resolve().parent.parent / "gold"

FLOORS = {
    "heldout": {
        "claims_precision": 0.90,
        "claims_recall": 0.75,
        "quote_speaker_accuracy": 0.92,
        "quote_recall": 0.89,
        "places_recall": 0.95,
        "places_id_accuracy": 0.90,
        "dates_right": 0.90,
    },
    "dev": {
        "claims_precision": 0.97,
        "claims_recall": 0.95,
        "quote_precision": 0.94,
        "quote_speaker_accuracy": 0.97,
        "quote_recall": 0.91,
        "places_recall": 0.95,
        "places_id_accuracy": 0.95,
        "dates_right": 0.92,
        "citations_recall": 0.90,
        "citations_source_accuracy": 0.97,
    },
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request: pytest.FixtureRequest) -> tuple[str, EvaluationReport]:
    return request.param, evaluate(GOLD, split=request.param, language="en")


def test_extractors_stay_above_their_floors(scored: tuple[str, EvaluationReport]) -> None:
    split, report = scored
    below = {
        figure: getattr(report.overall, figure).value
        for figure, floor in FLOORS[split].items()
        if (getattr(report.overall, figure).value or 0.0) < floor
    }
    assert not below, f"{split}: {below}"
