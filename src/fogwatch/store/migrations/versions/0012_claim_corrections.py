"""An analyst's corrections of the claim board; entity corrections can be withdrawn.

One row per correction of the claim board (:mod:`fogwatch.store.claim_corrections`):
a member (a source's or the outlet's stance on a claim) moved into another
proposition, members split off into a new one, two merged, or a stance set.
Members are named by anchors that outlive a rebuild (the document, the role, the
words' offsets and text), never by a proposition's id; ``proposition_id`` is only
where the correction applies now. ``documents`` lists the documents the anchors
are in: reconciling one of them applies the correction again.

``entity_corrections`` gains ``withdrawn_at`` and ``withdrawn_by``.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "claim_corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("anchors", JSON, nullable=False),
        sa.Column("target", JSON),
        sa.Column("value", sa.String),
        sa.Column("documents", JSON, nullable=False),
        sa.Column("original", JSON),
        sa.Column("proposition_id", sa.String),
        sa.Column("author", sa.String, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True)),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True)),
        sa.Column("withdrawn_by", sa.String),
    )
    op.create_index("ix_claim_corrections_state", "claim_corrections", ["state"])
    op.create_index("ix_claim_corrections_proposition_id", "claim_corrections",
                    ["proposition_id"])
    with op.batch_alter_table("entity_corrections") as batch:
        batch.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("withdrawn_by", sa.String))


def downgrade() -> None:
    with op.batch_alter_table("entity_corrections") as batch:
        batch.drop_column("withdrawn_by")
        batch.drop_column("withdrawn_at")
    op.drop_index("ix_claim_corrections_proposition_id", table_name="claim_corrections")
    op.drop_index("ix_claim_corrections_state", table_name="claim_corrections")
    op.drop_table("claim_corrections")
