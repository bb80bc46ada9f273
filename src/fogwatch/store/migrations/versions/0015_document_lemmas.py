"""The analysis's lemmas kept with each document.

``documents.lemmas`` holds, for each word form the analysis reduced to another
word, the lemma it gave ({"struck": "strike", "forces": "force"}): reconcile
reads a document's words through it instead of reducing them by suffix alone.
Documents analysed before this revision have NULL there (reconcile then reduces
their words by suffix); ``fogwatch reanalyze`` fills it.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("lemmas", JSON))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("lemmas")
