"""The SQLAlchemy metadata every table joins, and the shape of a finding table.

Kept apart from :mod:`fogwatch.store.schema` so that a finding kind
(:mod:`fogwatch.kinds`) can declare its own table without importing the rest of
the store.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

metadata = sa.MetaData()

JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def finding_table(name: str, *columns: sa.Column, indexes: tuple[str, ...] = ()) -> sa.Table:
    """A per-document finding table: position, span, sentence, typed columns, full record.

    Every finding table has the same frame: ``document_id`` and ``idx`` (the
    finding's position in its document's list, unique together), ``start``,
    ``end`` and ``sentence`` (its provenance), the kind's typed ``columns``
    (copies of record fields made for filtering), and ``data``, the record's
    full ``to_dict()``, so new record fields need no migration, and ``review``,
    an analyst's verdict on the finding (NULL when nobody reviewed it; lists leave
    out the rejected ones). ``indexes`` names the typed columns to index.
    """
    table = sa.Table(
        name,
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("sentence", sa.Integer),
        *columns,
        sa.Column("data", JSONType, nullable=False),
        # an analyst's review (fogwatch.store.corrections): NULL as the machine
        # found it, else confirmed, corrected or rejected
        sa.Column("review", sa.String),
        sa.UniqueConstraint("document_id", "idx", name=f"uq_{name}_document_idx"),
    )
    for column in indexes:
        sa.Index(f"ix_{name}_{column}", table.c[column])
    return table


def drop_table(table: sa.Table) -> None:
    """Forget a table (a kind unregistered by a test)."""
    if table.name in metadata.tables:
        metadata.remove(table)
