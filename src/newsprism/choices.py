"""Names the command line offers before any library module is loaded.

``newsprism --help`` must answer without importing spaCy or the store; the modules that
own these names (``export``, ``evaluation``) check in the tests that they agree.
"""

from __future__ import annotations

EXPORT_KIND_NAMES = (
    "articles",
    "citations",
    "claims",
    "comparisons",
    "dates",
    "entities",
    "events",
    "framing",
    "places",
    "quotes",
    "relays",
    "stories",
)
EXPORT_FORMATS = ("jsonl", "csv", "parquet", "geojson", "acled")
EVALUATION_SPLITS = ("all", "dev", "heldout")
