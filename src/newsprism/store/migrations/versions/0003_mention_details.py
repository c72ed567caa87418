"""Mention details for the corpus-wide actor merge: title, nationality, canonical key.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = (
    ("title", sa.Text),
    ("country", sa.String(8)),
    ("key", sa.Text),
)


def upgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        for name, kind in COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
