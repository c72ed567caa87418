"""SQLAlchemy Core tables. The schema itself is created by the Alembic migrations."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
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
    false,
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
    Column("found_by", Text),
    Index("ix_articles_content_hash", "content_hash"),
    Index("ix_articles_source", "source"),
)

minhashes = Table(
    "minhashes",
    metadata,
    Column(
        "article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("num_perm", Integer, nullable=False),
    Column("signature", LargeBinary, nullable=False),
)


def _fact_columns() -> list[Column[object]]:
    return [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column(
            "article_id",
            String(32),
            ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("text", Text, nullable=False),
    ]


analyses = Table(
    "analyses",
    metadata,
    Column(
        "article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("pipeline_version", String(32), nullable=False),
    Column("analyzed_at", String(32), nullable=False),
    Column("anchor", String(32)),
    Column("anchor_basis", Text),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("role", String(32)),
    Column("aliases", Text, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    *_fact_columns(),
    Column("label", String(16), nullable=False),
    Column("actor_id", String(32)),
    Column("title", Text),
    Column("country", String(8)),
    Column("key", Text),
)

places = Table(
    "places",
    metadata,
    *_fact_columns(),
    Column("name", Text, nullable=False),
    Column("geonames_id", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("country_code", String(8)),
    Column("feature", String(16)),
    Column("method", String(32)),
)

time_expressions = Table(
    "time_expressions",
    metadata,
    *_fact_columns(),
    Column("date", String(32)),
    Column("granularity", String(8)),
    Column("anchor", Text),
    Column("method", String(32)),
)

quotes = Table(
    "quotes",
    metadata,
    *_fact_columns(),
    Column("kind", String(16), nullable=False),
    Column("speaker", Text),
    Column("speaker_id", String(32)),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
)

citations = Table(
    "citations",
    metadata,
    *_fact_columns(),
    Column("source", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("originator", Text),
)

claims = Table(
    "claims",
    metadata,
    *_fact_columns(),
    Column("category", String(16), nullable=False),
    Column("value_min", Float),
    Column("value_max", Float),
    Column("qualifier", String(16), nullable=False),
    Column("outlet", Text),
    Column("who", Text),
    Column("place", Text),
    Column("date", String(32)),
    Column("attributed_to", Text),
    Column("relayed_by", Text),
    Column("vague_rule", Text),
    Column("who_text", Text),
    Column("stated", String(32)),
    Column("covers", String(32)),
    Column("subset_of", Integer),
    Column("rising", Boolean, nullable=False, server_default=false()),
    Column("site", Text),
    Column("operation", Text),
)

events = Table(
    "events",
    metadata,
    *_fact_columns(),
    Column("type", String(32), nullable=False),
    Column("date", String(32)),
    Column("place", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", String(16)),
    Column("time_precision", String(16)),
    Column("actor", Text),
    Column("target", Text),
    Column("count", Float),
)

FACT_TABLES = {
    "mentions": mentions,
    "places": places,
    "dates": time_expressions,
    "quotes": quotes,
    "citations": citations,
    "claims": claims,
    "events": events,
}

stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    Column("first_date", String(32)),
    Column("last_date", String(32)),
    Column("terms", Text, nullable=False),
)

ingested_inputs = Table(
    "ingested_inputs",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
)

site_lines = Table(
    "site_lines",
    metadata,
    Column("site", Text, primary_key=True),
    Column("line_hash", String(16), primary_key=True),
    Column("kind", String(1), nullable=False),
    Column(
        "article_id",
        String(32),
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)
