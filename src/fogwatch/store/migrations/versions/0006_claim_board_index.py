"""An index in the claim board's order (contested first, then by sources, then by
recency), so that a page of claims is read from the index instead of sorting
every proposition.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_propositions_board", "propositions",
        ["contested", "n_sources", "last_seen", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_propositions_board", table_name="propositions")
