"""An analyst's corrections: a ``corrections`` table, and a ``review`` column on
every finding table (NULL: as the machine found it; confirmed, corrected or
rejected by hand).

Finding tables of kinds brought by plug-ins add ``review`` in their own
migrations (``docs/adding-a-finding-kind.md``).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

FINDING_TABLES = ("times", "attributions", "events", "quantities", "places")
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    for table in FINDING_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("review", sa.String))
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("document_id", sa.String, nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("anchor_start", sa.Integer, nullable=False),
        sa.Column("anchor_end", sa.Integer, nullable=False),
        sa.Column("anchor_text", sa.Text, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("field", sa.String),
        sa.Column("value", JSON),
        sa.Column("original", JSON),
        sa.Column("author", sa.String, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("applied_idx", sa.Integer),
        sa.Column("checked_at", sa.DateTime(timezone=True)),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True)),
        sa.Column("withdrawn_by", sa.String),
    )
    op.create_index("ix_corrections_state", "corrections", ["state"])
    op.create_index("ix_corrections_document_kind", "corrections", ["document_id", "kind"])


def downgrade() -> None:
    op.drop_index("ix_corrections_document_kind", table_name="corrections")
    op.drop_index("ix_corrections_state", table_name="corrections")
    op.drop_table("corrections")
    for table in FINDING_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("review")
