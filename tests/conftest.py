"""Shared fixtures: an in-memory store, the demo corpus, a session-wide spaCy model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = ROOT / "examples" / "kazakhstan-2022"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    from newsprism.store.database import open_store

    engine = open_store(f"sqlite:///{tmp_path / 'test.db'}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def demo_paths() -> list[Path]:
    return sorted(DEMO_DIR.glob("*.txt"))


@pytest.fixture(scope="session")
def spacy_model():  # type: ignore[no-untyped-def]
    """The bare statistical model, loaded once; tests add the components they exercise."""
    from newsprism.nlp.extensions import register_extensions
    from newsprism.nlp.model import load_model

    register_extensions()
    return load_model("auto")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of a throwaway PostgreSQL cluster (skips when the server is not installed)."""
    from tests.postgres_cluster import find_server_bin, postgres_cluster

    if find_server_bin() is None:
        pytest.skip("PostgreSQL server not installed (make test installs it)")
    with postgres_cluster() as url:
        yield url
