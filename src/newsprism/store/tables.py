"""SQLAlchemy Core tables. The schema itself is created by the Alembic migrations."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("format", String(16), nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("author", Text),
    Column("published", String(32)),
    Column("published_method", String(32)),
    Column("published_confidence", Float),
    Column("published_evidence", Text),
    Column("published_hints", Text),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("raw_text", Text, nullable=False),
    Column("removed", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("duplicate_of", String(32)),
    Column("duplicate_kind", String(16)),
    Column("story_id", String(32)),
    Column("ingested_at", String(32), nullable=False),
    Index("ix_articles_content_hash", "content_hash"),
    Index("ix_articles_source", "source"),
)

minhashes = Table(
    "minhashes",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("num_perm", Integer, nullable=False),
    Column("signature", LargeBinary, nullable=False),
)
