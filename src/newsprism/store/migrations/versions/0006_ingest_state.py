"""What ingest remembers between runs: inputs already read, and each site's lines.

``ingested_inputs`` maps a digest of one input (its source, bytes and stated metadata) to
the article it became, so re-reading an unchanged input costs one look-up and changes
nothing. ``site_lines`` keeps hashed line keys of each stored original per site, the
evidence for site chrome that later articles of the site are cleaned against.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingested_inputs",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column(
            "article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
    )
    op.create_index("ix_ingested_inputs_article", "ingested_inputs", ["article_id"])
    op.create_table(
        "site_lines",
        sa.Column("site", sa.Text, nullable=False),
        sa.Column("line_hash", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(1), nullable=False),
        sa.Column(
            "article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("site", "line_hash", "article_id"),
    )
    op.create_index("ix_site_lines_article", "site_lines", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_site_lines_article", table_name="site_lines")
    op.drop_table("site_lines")
    op.drop_index("ix_ingested_inputs_article", table_name="ingested_inputs")
    op.drop_table("ingested_inputs")
