"""What each claim's sentence says besides its number: stated day, period counted, subset, rise.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("stated", sa.String(32), nullable=True))
        batch.add_column(sa.Column("covers", sa.String(32), nullable=True))
        batch.add_column(sa.Column("subset_of", sa.Integer, nullable=True))
        batch.add_column(sa.Column("rising", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("rising")
        batch.drop_column("subset_of")
        batch.drop_column("covers")
        batch.drop_column("stated")
