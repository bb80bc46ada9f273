"""Full-text search on SQLite matches words by their stems ("surround" finds
"surrounded"), as PostgreSQL's english configuration always has: the FTS5 table
is made again with the porter tokenizer and filled from the documents.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _remake(tokenize: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE IF EXISTS documents_fts")
    op.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5("
        f"doc_id UNINDEXED, title, text, tokenize='{tokenize}')"
    )
    op.execute(
        "INSERT INTO documents_fts (doc_id, title, text) "
        "SELECT id, coalesce(title, ''), text FROM documents"
    )


def upgrade() -> None:
    _remake("porter unicode61 remove_diacritics 2")


def downgrade() -> None:
    _remake("unicode61 remove_diacritics 2")
