"""Re-dating: an article analysed again because its anchor moved keeps its actor links, the
corpus-wide merge writes only the links it changes, and small similarity blocks equal the
dense computation."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from sqlalchemy import Engine, select

from newsprism.actors import link_mentions, link_speakers, merge_actors
from newsprism.models import (
    Actor,
    ArticleAnalysis,
    Mention,
    Place,
    PublicationDate,
    Quote,
    TimeExpression,
)
from newsprism.pipeline import keep_actor_links, resolve_actors
from newsprism.store.analysis import load_actors, load_facts, save_analysis
from newsprism.store.articles import save_article
from newsprism.store.tables import mentions as mention_table
from newsprism.stories import _SMALL_BLOCK, _cosine_block, _sparse, _Vectors
from tests.test_store import make_article

BOLUARTE = Actor(id="person-boluarte", name="Dina Boluarte", kind="person", role=None)


def _analysis(article_id: str, *, linked: bool, anchor: str = "2023-01-12") -> ArticleAnalysis:
    return ArticleAnalysis(
        article_id=article_id,
        pipeline_version="v1",
        mentions=(
            Mention(article_id, "Dina Boluarte", "PERSON", 0, 13, key="Dina Boluarte"),
            Mention(
                article_id,
                "Boluarte",
                "PERSON",
                40,
                48,
                actor_id=BOLUARTE.id if linked else None,
                key="Boluarte",
            ),
        ),
        places=(Place(article_id, "Lima", "Lima", 20, 24, geonames_id=3936456),),
        quotes=(Quote(article_id, "We will stay.", "direct", 60, 75, speaker="Boluarte"),),
        dates=(TimeExpression(article_id, "on Thursday", 30, 41, anchor, "day", None, "weekday"),),
        anchor=anchor,
    )


def test_redated_article_keeps_its_actor_links_when_names_and_places_are_unchanged() -> None:
    stored = _analysis("a", linked=True)
    again = _analysis("a", linked=False, anchor="2023-01-19")
    kept = keep_actor_links(again, stored, [BOLUARTE])
    assert kept is not None
    assert kept.mentions == stored.mentions  # the links of the stored analysis
    assert kept.dates == again.dates and kept.anchor == "2023-01-19"  # the new dates
    assert [q.speaker_id for q in kept.quotes] == [BOLUARTE.id]  # as the merge links them


def test_redated_article_with_other_mentions_asks_for_the_merge_again() -> None:
    stored = _analysis("a", linked=True)
    again = _analysis("a", linked=False)
    renamed = replace(again, mentions=again.mentions[:1])
    moved = replace(again, places=(replace(again.places[0], geonames_id=None),))
    assert keep_actor_links(renamed, stored, [BOLUARTE]) is None
    assert keep_actor_links(moved, stored, [BOLUARTE]) is None
    assert keep_actor_links(again, None, [BOLUARTE]) is None  # never analysed before


def _store(engine: Engine, *analyses: ArticleAnalysis) -> None:
    with engine.begin() as conn:
        for analysis in analyses:
            article = make_article(
                source=f"{analysis.article_id}.txt",
                body=f"Text {analysis.article_id}.",
                id=analysis.article_id,
                published=PublicationDate(value="2023-01-13", method="record", confidence=1.0),
            )
            save_article(conn, article)
            save_analysis(conn, analysis)


def _mention_rows(engine: Engine) -> dict[int, tuple[str, int, str | None]]:
    query = select(
        mention_table.c.id,
        mention_table.c.article_id,
        mention_table.c.start,
        mention_table.c.actor_id,
    )
    with engine.connect() as conn:
        return {row[0]: (row[1], row[2], row[3]) for row in conn.execute(query)}


def test_actor_merge_writes_the_links_a_full_rewrite_would_and_keeps_row_ids(
    engine: Engine,
) -> None:
    _store(engine, _analysis("a", linked=False))
    resolve_actors(engine=engine)
    first = _mention_rows(engine)
    _store(engine, _analysis("b", linked=False))
    actors = resolve_actors(engine=engine)
    after = _mention_rows(engine)
    assert {row_id: after[row_id] for row_id in first} == first  # same rows, same links
    with engine.connect() as conn:
        stored_mentions = load_facts(conn, "mentions")
        stored_quotes = load_facts(conn, "quotes")
        stored_actors = load_actors(conn)
    unlinked = [replace(m, actor_id=None) for m in stored_mentions]
    expected_actors, assignment = merge_actors(unlinked)
    assert stored_mentions == link_mentions(unlinked, assignment)
    unspoken = [replace(q, speaker_id=None) for q in stored_quotes]
    assert stored_quotes == link_speakers(unspoken, expected_actors)
    assert (
        {a.id for a in stored_actors} == {a.id for a in actors} == {a.id for a in expected_actors}
    )
    assert all(q.speaker_id for q in stored_quotes)


def _dense_cosines(rows: list[dict[int, float]], width: int) -> np.ndarray:
    matrix = np.zeros((len(rows), width))
    for number, row in enumerate(rows):
        for column, weight in row.items():
            matrix[number, column] = weight
    return np.clip(matrix @ matrix.T, 0.0, 1.0)  # type: ignore[no-any-return]


def _random_rows(count: int, width: int, seed: int) -> list[dict[int, float]]:
    generator = np.random.default_rng(seed)
    rows: list[dict[int, float]] = []
    for _ in range(count):
        columns = generator.choice(width, size=int(generator.integers(0, 40)), replace=False)
        weights = generator.random(len(columns))
        norm = float(np.sqrt((weights**2).sum())) or 1.0
        pairs = sorted(zip(columns, weights, strict=True))
        rows.append({int(column): float(weight) / norm for column, weight in pairs})
    return rows


def test_similarity_block_of_few_articles_equals_the_dense_product() -> None:
    width = 5000  # more than two chunks of columns
    rows = _random_rows(30, width, seed=3)
    matrix = _sparse(_Vectors(rows, [str(i) for i in range(width)]))
    dense = _dense_cosines(rows, width)
    small = np.arange(12, dtype=np.int64)
    assert len(small) ** 2 <= _SMALL_BLOCK
    np.testing.assert_allclose(_cosine_block(matrix, small, small), dense[:12, :12], atol=1e-12)
    everything = np.arange(30, dtype=np.int64)
    np.testing.assert_allclose(
        _cosine_block(matrix, everything[:3], everything), dense[:3], atol=1e-12
    )


def test_similarity_block_too_large_for_the_small_path_equals_the_dense_product() -> None:
    width = 3000
    rows = _random_rows(210, width, seed=5)
    matrix = _sparse(_Vectors(rows, [str(i) for i in range(width)]))
    everything = np.arange(len(rows), dtype=np.int64)
    assert len(rows) ** 2 > _SMALL_BLOCK
    np.testing.assert_allclose(
        _cosine_block(matrix, everything, everything), _dense_cosines(rows, width), atol=1e-12
    )
