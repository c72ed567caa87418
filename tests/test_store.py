"""Storage: migrations, save/load round trips, full-text search, PostgreSQL by URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from newsprism.errors import NotFound, StoreError
from newsprism.models import Article, PublicationDate, RemovedText
from newsprism.store.articles import (
    article_exists,
    find_by_content_hash,
    load_article,
    load_articles,
    save_article,
    search_articles,
)
from newsprism.store.database import current_revision, head_revision, open_store


def make_article(
    source: str = "a.txt", body: str = "Flood waters rose in Sylhet overnight.", **changes: object
) -> Article:
    fields: dict[str, object] = {
        "id": f"id-{source}",
        "source": source,
        "text": body,
        "content_hash": f"hash-{body}",
        "title": "Floods",
        "outlet": "Example News",
        "published": PublicationDate(
            value="2024-06-20", method="record", confidence=1.0, hints=(("weekday", "Thursday"),)
        ),
        "raw_text": f"Share this\n{body}",
        "removed": (RemovedText(text="Share this", reason="share_prompt", line=1),),
    }
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


def test_open_store_migrates_to_head_and_uses_wal(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_article_round_trips_with_metadata_and_removed_lines(engine: Engine) -> None:
    article = make_article()
    with engine.begin() as conn:
        save_article(conn, article)
    with engine.connect() as conn:
        loaded = load_article(conn, article.id)
    assert loaded == article


def test_saving_a_new_version_of_a_source_replaces_the_old(engine: Engine) -> None:
    with engine.begin() as conn:
        save_article(conn, make_article(body="First version."))
        save_article(conn, make_article(body="Second version.", id="id-2"))
    with engine.connect() as conn:
        assert [a.text for a in load_articles(conn)] == ["Second version."]


def test_find_by_content_hash_returns_the_original(engine: Engine) -> None:
    original = make_article(source="a.txt")
    copy = make_article(source="b.txt", duplicate_of=original.id, duplicate_kind="exact")
    with engine.begin() as conn:
        save_article(conn, original)
        save_article(conn, copy)
    with engine.connect() as conn:
        found = find_by_content_hash(conn, original.content_hash)
    assert found is not None and found.id == original.id


def test_load_unknown_article_raises_not_found(engine: Engine) -> None:
    with engine.connect() as conn, pytest.raises(NotFound):
        load_article(conn, "nope")
    with engine.connect() as conn:
        assert not article_exists(conn, "nope")


def test_fts_search_ranks_matching_articles_and_survives_odd_queries(engine: Engine) -> None:
    with engine.begin() as conn:
        save_article(conn, make_article(source="a.txt", body="Troops fired on protesters in Lima."))
        save_article(conn, make_article(source="b.txt", body="A ferry sank near Dhaka."))
    with engine.connect() as conn:
        hits = search_articles(conn, "protesters")
        assert [h.article_id for h in hits] == ["id-a.txt"]
        assert "[protesters]" in hits[0].snippet
        assert [h.article_id for h in search_articles(conn, 'ferry"')] == ["id-b.txt"]
        assert search_articles(conn, "   ") == []
        assert search_articles(conn, "((") == []


def test_search_index_follows_replacement(engine: Engine) -> None:
    with engine.begin() as conn:
        save_article(conn, make_article(body="Wildfire near Athens."))
        save_article(conn, make_article(body="Earthquake near Izmir.", id="id-2"))
    with engine.connect() as conn:
        assert search_articles(conn, "Athens") == []
        assert len(search_articles(conn, "Izmir")) == 1


def test_unreachable_database_is_a_store_error(tmp_path: object) -> None:
    with pytest.raises(StoreError):
        open_store("sqlite:////proc/nonexistent/dir/x.db")
    with pytest.raises(StoreError):
        open_store("nosuchdialect://x")


@pytest.mark.slow
@pytest.mark.postgres
def test_postgresql_store_saves_loads_and_searches(postgres_url: str) -> None:
    engine = open_store(postgres_url)
    try:
        assert current_revision(engine) == head_revision()
        article = make_article(body="Police detained 40 people in Nairobi on Tuesday.")
        with engine.begin() as conn:
            save_article(conn, article)
        with engine.connect() as conn:
            assert load_article(conn, article.id) == article
            hits = search_articles(conn, "Nairobi detained")
        assert [h.article_id for h in hits] == [article.id]
        open_store(postgres_url).dispose()  # migrating again is a no-op
    finally:
        engine.dispose()


def test_claim_operation_migration_keeps_old_claims_and_round_trips_new_ones(
    tmp_path: Path,
) -> None:
    # a store made before the claims' operation column (revision 0009) holding one claim
    from alembic import command

    from newsprism.models import ArticleAnalysis, Claim
    from newsprism.store.analysis import load_analysis, save_analysis
    from newsprism.store.database import _alembic_config, create_store_engine

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = create_store_engine(url)
    config = _alembic_config()
    article = make_article(body="Police arrested 18 people in overnight raids.")
    with old.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0009")
        save_article(conn, article)
        conn.execute(
            text(
                'INSERT INTO claims (article_id, start, "end", text, category, qualifier, '
                "rising) VALUES (:a, 7, 27, 'arrested 18 people', 'detained', 'exact', 0)"
            ),
            {"a": article.id},
        )
        conn.execute(
            text(
                "INSERT INTO analyses (article_id, pipeline_version, analyzed_at) "
                "VALUES (:a, 'v0', '2024-01-01')"
            ),
            {"a": article.id},
        )
    old.dispose()
    engine = open_store(url)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            stored = load_analysis(conn, article.id)
        assert stored is not None
        (claim,) = stored.claims
        assert (claim.text, claim.operation) == ("arrested 18 people", None)
        raid = Claim(
            article_id=article.id,
            category="detained",
            value_min=18,
            value_max=18,
            qualifier="exact",
            text="arrested 18 people",
            start=7,
            end=27,
            operation="overnight raids",
        )
        with engine.begin() as conn:
            save_analysis(
                conn, ArticleAnalysis(article_id=article.id, pipeline_version="v1", claims=(raid,))
            )
        with engine.connect() as conn:
            again = load_analysis(conn, article.id)
        assert again is not None and again.claims == (raid,)
        with engine.begin() as conn:  # and back: the column goes, the claim stays
            config.attributes["connection"] = conn
            command.downgrade(config, "0009")
            columns = {row[1] for row in conn.execute(text("PRAGMA table_info(claims)"))}
            assert "operation" not in columns and "site" in columns
            assert conn.execute(text("SELECT count(*) FROM claims")).scalar() == 1
    finally:
        engine.dispose()
