"""An index in the claim board's order (contested first, then by sources, then by
recency), so that a page of claims is read from the index instead of sorting
every proposition; and an entity's latest documents, read in document order
from its own index entries.

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
    op.create_index(
        "ix_document_entities_entity_document", "document_entities",
        ["entity_key", "document_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_document_entities_entity_document", table_name="document_entities")
    op.drop_index("ix_propositions_board", table_name="propositions")
