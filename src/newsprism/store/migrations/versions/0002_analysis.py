"""Analysis results: actors, mentions, places, time expressions, quotes, citations, claims, events.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FACT_TABLES = (
    "mentions",
    "places",
    "time_expressions",
    "quotes",
    "citations",
    "claims",
    "events",
)


def _fact(name: str, *columns: sa.Column) -> None:  # type: ignore[type-arg]
    op.create_table(
        name,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        *columns,
    )
    op.create_index(f"ix_{name}_article_id", name, ["article_id"])


def upgrade() -> None:
    op.create_table(
        "analyses",
        sa.Column(
            "article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("pipeline_version", sa.String(32), nullable=False),
        sa.Column("analyzed_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "actors",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("role", sa.String(32)),
        sa.Column("aliases", sa.Text, nullable=False),
    )
    _fact(
        "mentions",
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.String(32)),
    )
    _fact(
        "places",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("geonames_id", sa.Integer),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country_code", sa.String(8)),
        sa.Column("feature", sa.String(16)),
        sa.Column("method", sa.String(32)),
    )
    _fact(
        "time_expressions",
        sa.Column("date", sa.String(32)),
        sa.Column("granularity", sa.String(8)),
        sa.Column("anchor", sa.Text),
        sa.Column("method", sa.String(32)),
    )
    _fact(
        "quotes",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_id", sa.String(32)),
        sa.Column("speaker_start", sa.Integer),
        sa.Column("speaker_end", sa.Integer),
    )
    _fact(
        "citations",
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("originator", sa.Text),
    )
    _fact(
        "claims",
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("value_min", sa.Float),
        sa.Column("value_max", sa.Float),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("who", sa.Text),
        sa.Column("place", sa.Text),
        sa.Column("date", sa.String(32)),
        sa.Column("attributed_to", sa.Text),
        sa.Column("relayed_by", sa.Text),
        sa.Column("vague_rule", sa.Text),
        sa.Column("who_text", sa.Text),
    )
    _fact(
        "events",
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("date", sa.String(32)),
        sa.Column("place", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geo_precision", sa.String(16)),
        sa.Column("time_precision", sa.String(16)),
        sa.Column("actor", sa.Text),
        sa.Column("target", sa.Text),
        sa.Column("count", sa.Float),
    )


def downgrade() -> None:
    for name in FACT_TABLES:
        op.drop_table(name)
    op.drop_table("actors")
    op.drop_table("analyses")
