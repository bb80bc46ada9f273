"""An analyst's corrections of entities: rename, merge, split an alias off, set
the type.

One row per correction, applied to every analysis as it is saved and to the
entity's row (:mod:`fogwatch.store.entity_corrections`). ``target`` is the
surviving key of a merge or the new key of a split; ``value`` the new name or
type, or the alias split off; ``original`` what the entity's row said before.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "entity_corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("key", sa.String, nullable=False),
        sa.Column("target", sa.String),
        sa.Column("value", sa.Text),
        sa.Column("original", JSON),
        sa.Column("author", sa.String, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String, nullable=False),
    )
    op.create_index("ix_entity_corrections_key", "entity_corrections", ["key"])
    op.create_index("ix_entity_corrections_target", "entity_corrections", ["target"])


def downgrade() -> None:
    op.drop_index("ix_entity_corrections_target", table_name="entity_corrections")
    op.drop_index("ix_entity_corrections_key", table_name="entity_corrections")
    op.drop_table("entity_corrections")
