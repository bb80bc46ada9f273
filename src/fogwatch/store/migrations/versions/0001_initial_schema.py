"""Initial schema: documents, entities and mentions, one table per finding kind,
feed state, ingest failures, and full-text search for the backend in use.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Written out rather than imported from fogwatch.store.schema: a migration must
# keep creating what it created on the day it was written.
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TZ = sa.DateTime(timezone=True)


def _document_fk(**kw: object) -> sa.Column:
    return sa.Column(
        "document_id", sa.String(), sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False, **kw,
    )


def _finding_table(name: str, columns: list[sa.Column], indexed: list[str]) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _document_fk(),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer()),
        sa.Column("end", sa.Integer()),
        sa.Column("sentence", sa.Integer()),
        *columns,
        sa.Column("data", JSON, nullable=False),
        sa.UniqueConstraint("document_id", "idx", name=f"uq_{name}_document_idx"),
    )
    for column in indexed:
        op.create_index(f"ix_{name}_{column}", name, [column])


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("url", sa.String(), unique=True),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("outlet", sa.String()),
        sa.Column("title", sa.Text()),
        sa.Column("author", sa.String()),
        sa.Column("published", sa.String()),
        sa.Column("published_date", sa.String(10)),
        sa.Column("date_source", sa.String()),
        sa.Column("date_evidence", sa.Text()),
        sa.Column("language", sa.String(), nullable=False, server_default="en"),
        sa.Column("section", sa.String(), nullable=False, server_default="body"),
        sa.Column(
            "parent_id", sa.String(), sa.ForeignKey("documents.id", ondelete="CASCADE")
        ),
        sa.Column("source", sa.Text()),
        sa.Column("metadata", JSON, nullable=False),
        sa.Column("ingested_at", TZ, nullable=False),
        sa.Column("analyzed_at", TZ),
    )
    for column in ("text_hash", "outlet", "published", "published_date", "section", "parent_id"):
        op.create_index(f"ix_documents_{column}", "documents", [column])

    op.create_table(
        "entities",
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("aliases", JSON, nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("country", sa.String()),
        sa.Column("gazetteer", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_entities_type", "entities", ["type"])

    op.create_table(
        "document_entities",
        _document_fk(primary_key=True),
        sa.Column("idx", sa.Integer(), primary_key=True),
        sa.Column("entity_key", sa.String(), sa.ForeignKey("entities.key"), nullable=False),
        sa.Column("data", JSON, nullable=False),
    )
    op.create_index("ix_document_entities_entity_key", "document_entities", ["entity_key"])

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _document_fk(),
        sa.Column("entity_key", sa.String(), sa.ForeignKey("entities.key"), nullable=False),
        sa.Column("entity_idx", sa.Integer(), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Integer()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("type", sa.String()),
    )
    op.create_index("ix_mentions_document_id", "mentions", ["document_id"])
    op.create_index("ix_mentions_entity_key", "mentions", ["entity_key"])

    _finding_table(
        "times",
        [
            sa.Column("type", sa.String()),
            sa.Column("value", sa.String()),
            sa.Column("interval_start", sa.String()),
            sa.Column("interval_end", sa.String()),
        ],
        ["type", "value", "interval_start", "interval_end"],
    )
    _finding_table(
        "attributions",
        [
            sa.Column("source_entity", sa.String()),
            sa.Column("stance", sa.String()),
            sa.Column("kind", sa.String()),
        ],
        ["source_entity", "stance", "kind"],
    )
    _finding_table(
        "events",
        [
            sa.Column("type", sa.String()),
            sa.Column("modality", sa.String()),
            sa.Column("time_value", sa.String()),
            sa.Column("place", sa.String()),
        ],
        ["type", "modality", "time_value", "place"],
    )
    _finding_table(
        "quantities",
        [
            sa.Column("value", sa.Float()),
            sa.Column("upper", sa.Float()),
            sa.Column("unit", sa.String()),
        ],
        ["value", "unit"],
    )
    _finding_table(
        "places",
        [
            sa.Column("key", sa.String()),
            sa.Column("name", sa.String()),
            sa.Column("lat", sa.Float()),
            sa.Column("lon", sa.Float()),
            sa.Column("country", sa.String()),
            sa.Column("admin1", sa.String()),
            sa.Column("geonameid", sa.Integer()),
            sa.Column("entity_key", sa.String()),
        ],
        ["key", "country"],
    )

    op.create_table(
        "feed_seen",
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("source", sa.Text()),
        sa.Column("seen_at", TZ, nullable=False),
    )
    op.create_table(
        "ingest_failures",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("at", TZ, nullable=False),
    )
    op.create_index("ix_ingest_failures_at", "ingest_failures", ["at"])

    _create_search()


def _create_search() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # A plain FTS5 table the store keeps in sync in the same transaction as
        # the document row; doc_id is carried along, not indexed.
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5("
            "doc_id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')"
        )
    elif dialect == "postgresql":
        # Title words weigh more than body words in the ranking.
        op.execute(
            "ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
            "setweight(to_tsvector('english', coalesce(text, '')), 'B')) STORED"
        )
        op.execute("CREATE INDEX ix_documents_search_vector ON documents USING GIN (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in (
        "ingest_failures", "feed_seen", "places", "quantities", "events", "attributions",
        "times", "mentions", "document_entities", "entities", "documents",
    ):
        op.drop_table(table)
