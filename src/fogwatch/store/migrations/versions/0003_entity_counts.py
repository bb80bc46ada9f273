"""Entity counts kept on the entity row: mentions and documents across the store.

Ranking entities by mentions no longer aggregates every mention on each read.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entities") as batch:
        batch.add_column(sa.Column("n_mentions", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("n_documents", sa.Integer(), nullable=False, server_default="0"))
    op.create_index("ix_entities_n_mentions", "entities", ["n_mentions"])
    op.execute(
        "UPDATE entities SET "
        "n_mentions = (SELECT count(*) FROM mentions WHERE mentions.entity_key = entities.key), "
        "n_documents = (SELECT count(DISTINCT mentions.document_id) FROM mentions "
        "WHERE mentions.entity_key = entities.key)"
    )


def downgrade() -> None:
    op.drop_index("ix_entities_n_mentions", table_name="entities")
    with op.batch_alter_table("entities") as batch:
        batch.drop_column("n_documents")
        batch.drop_column("n_mentions")
