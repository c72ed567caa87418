"""Stories: articles grouped by the event they cover.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("first_date", sa.String(32)),
        sa.Column("last_date", sa.String(32)),
        sa.Column("terms", sa.Text, nullable=False),
    )
    op.create_index("ix_articles_story_id", "articles", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_articles_story_id", "articles")
    op.drop_table("stories")
