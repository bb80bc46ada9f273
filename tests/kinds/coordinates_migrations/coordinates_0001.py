"""The coordinates kind's table (a finding kind brought by a plug-in: a branch of its own).

Revision ID: coordinates_0001
Revises:
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "coordinates_0001"
down_revision = None
branch_labels = ("coordinates",)
depends_on = "0001"  # fogwatch's revision that made the documents table


def upgrade() -> None:
    op.create_table(
        "coordinates",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String,
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("sentence", sa.Integer),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("format", sa.String),
        sa.Column("data", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
                  nullable=False),
        sa.Column("review", sa.String),  # an analyst's verdict: confirmed, corrected, rejected
        sa.UniqueConstraint("document_id", "idx", name="uq_coordinates_document_idx"),
    )


def downgrade() -> None:
    op.drop_table("coordinates")
