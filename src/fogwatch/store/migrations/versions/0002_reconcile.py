"""Cross-document records: propositions with their stances and blocking keys,
merged events with their reports.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _fk(name: str, target: str, **kw: object) -> sa.Column:
    return sa.Column(name, sa.String(), sa.ForeignKey(target, ondelete="CASCADE"), **kw)


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "propositions",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("type", sa.String()),
        sa.Column("place", sa.String()),
        sa.Column("negative", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("first_seen", sa.String(10)),
        sa.Column("last_seen", sa.String(10)),
        sa.Column("contested", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("numbers_disagree", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("n_sources", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("n_documents", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("features", JSON, nullable=False),
        sa.Column("data", JSON, nullable=False),
    )
    _indexes("propositions", "first_seen", "last_seen", "contested", "n_sources")

    op.create_table(
        "proposition_keys",
        sa.Column("key", sa.String(), primary_key=True),
        _fk("proposition_id", "propositions.id", primary_key=True),
        sa.Column("last_seen", sa.String(10)),
    )
    _indexes("proposition_keys", "proposition_id")
    op.create_index(
        "ix_proposition_keys_key_last_seen", "proposition_keys", ["key", "last_seen"]
    )

    op.create_table(
        "proposition_stances",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _fk("proposition_id", "propositions.id", nullable=False),
        _fk("document_id", "documents.id", nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("entity", sa.String()),
        sa.Column("outlet", sa.String()),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("stance", sa.String(), nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("data", JSON, nullable=False),
    )
    _indexes(
        "proposition_stances", "proposition_id", "document_id", "entity", "outlet", "stance",
        "date",
    )

    op.create_table(
        "merged_events",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("place", sa.String()),
        sa.Column("start", sa.String(10)),
        sa.Column("end", sa.String(10)),
        sa.Column("modality", sa.String(), nullable=False),
        sa.Column("first_seen", sa.String(10)),
        sa.Column("last_seen", sa.String(10)),
        sa.Column("n_reports", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("data", JSON, nullable=False),
    )
    _indexes("merged_events", "type", "place", "start", "modality", "last_seen")

    op.create_table(
        "merged_event_keys",
        sa.Column("key", sa.String(), primary_key=True),
        _fk("event_id", "merged_events.id", primary_key=True),
        sa.Column("start", sa.String(10)),
    )
    _indexes("merged_event_keys", "event_id")
    op.create_index("ix_merged_event_keys_key_start", "merged_event_keys", ["key", "start"])

    op.create_table(
        "event_reports",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _fk("event_id", "merged_events.id", nullable=False),
        _fk("document_id", "documents.id", nullable=False),
        sa.Column("event_idx", sa.Integer(), nullable=False),
        sa.Column("modality", sa.String(), nullable=False),
        sa.Column("outlet", sa.String()),
        sa.Column("date", sa.String(10)),
        sa.Column("data", JSON, nullable=False),
    )
    _indexes("event_reports", "event_id", "document_id", "outlet")


def downgrade() -> None:
    for table in (
        "event_reports", "merged_event_keys", "merged_events",
        "proposition_stances", "proposition_keys", "propositions",
    ):
        op.drop_table(table)
