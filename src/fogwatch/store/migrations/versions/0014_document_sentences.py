"""The analysis's sentences kept with each document.

``documents.sentences`` holds the (start, end) characters of every sentence as
the analysis split them: a finding's ``sentence`` is an index into it, and
reconcile reads a document's sentences from it instead of splitting the text
again. Documents analysed before this revision have NULL there (reconcile then
splits their text itself); ``fogwatch reanalyze`` fills it.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("sentences", JSON))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("sentences")
