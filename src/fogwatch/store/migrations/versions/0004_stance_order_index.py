"""Indexes that read a proposition's latest stances and a merged event's earliest and
latest reports without sorting them all.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_proposition_stances_latest", "proposition_stances",
        ["proposition_id", "date", "document_id", "idx"],
    )
    op.create_index(
        "ix_event_reports_latest", "event_reports",
        ["event_id", "date", "document_id", "event_idx"],
    )


def downgrade() -> None:
    op.drop_index("ix_event_reports_latest", table_name="event_reports")
    op.drop_index("ix_proposition_stances_latest", table_name="proposition_stances")
