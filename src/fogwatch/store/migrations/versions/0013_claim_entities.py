"""How common each entity is among the articles folded into the claim board.

``claim_entity_documents``: the entities each folded article was counted for
(and a row ``""`` for the article itself); ``claim_entity_counts``: how many
folded articles name each entity (``""``: how many articles). Reconcile reads
them to tell the names most articles give from the names that tell claims apart
(:mod:`fogwatch.store.claim_entities`). Both are cross-document records: a
store upgraded from an earlier version has them empty, and ``fogwatch
reconcile --all`` fills them as it replays the articles.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claim_entity_documents",
        sa.Column("document_id", sa.String,
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("entity", sa.String, primary_key=True),
    )
    op.create_table(
        "claim_entity_counts",
        sa.Column("entity", sa.String, primary_key=True),
        sa.Column("documents", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("claim_entity_counts")
    op.drop_table("claim_entity_documents")
