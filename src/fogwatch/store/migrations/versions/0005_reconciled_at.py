"""Documents remember when they were folded into the cross-document records, so a
run stopped between saving a document's findings and reconciling it can finish
the job later.

Documents analysed before this revision are taken as reconciled (the earlier
code reconciled right after saving and had no way to say otherwise); run
``fogwatch reconcile --all`` once to be certain.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("reconciled_at", sa.DateTime(timezone=True)))
    op.execute("UPDATE documents SET reconciled_at = analyzed_at WHERE analyzed_at IS NOT NULL")
    op.create_index("ix_documents_pending", "documents", ["reconciled_at", "ingested_at"])


def downgrade() -> None:
    op.drop_index("ix_documents_pending", table_name="documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("reconciled_at")
