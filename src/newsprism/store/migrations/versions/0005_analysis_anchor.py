"""The date each analysis resolved relative dates against, and how that date was known.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("analyses") as batch:
        batch.add_column(sa.Column("anchor", sa.String(32), nullable=True))
        batch.add_column(sa.Column("anchor_basis", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("analyses") as batch:
        batch.drop_column("anchor_basis")
        batch.drop_column("anchor")
