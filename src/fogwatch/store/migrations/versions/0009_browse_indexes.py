"""Indexes for the counts and filters the browsing pages use on every visit.

- The timeline's strip (events by day and modality; claims by the day first
  seen and contestedness) and the claim board's month facet (claims by first
  and last day) are counted from an index alone instead of every row.
- The claim board's outlet facet (claims each outlet took a stance on) reads
  the stances' (outlet, proposition) index alone.
- Events and claims of one category are found without walking every one of
  them in date order.
- The document list's facets (outlet, month) group one section's index range.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_merged_events_start_modality", "merged_events", ["start", "modality"]),
    ("ix_merged_events_type_start", "merged_events", ["type", "start"]),
    ("ix_propositions_days", "propositions", ["first_seen", "contested", "last_seen"]),
    ("ix_propositions_type_first_seen", "propositions", ["type", "first_seen"]),
    ("ix_proposition_stances_outlet_proposition", "proposition_stances",
     ["outlet", "proposition_id"]),
    ("ix_documents_section_outlet", "documents", ["section", "outlet"]),
    ("ix_documents_section_published_date", "documents", ["section", "published_date"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
