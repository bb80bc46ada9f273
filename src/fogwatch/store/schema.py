"""The relational schema, as SQLAlchemy Core tables.

The migrations in ``migrations/versions`` create exactly these tables (a test
compares the two). Full-text search lives outside this metadata because it is
backend-specific: an FTS5 table ``documents_fts`` on SQLite, a generated
``search_vector`` column with a GIN index on PostgreSQL.

Every finding table keeps the full ``to_dict()`` of its record in ``data`` so
that nothing is lost and new record fields need no migration; the typed columns
beside it are copies made for filtering and indexing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import sqlalchemy as sa

from fogwatch.kinds import registry
from fogwatch.store.metadata import JSONType, metadata

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("url", sa.String, unique=True),
    sa.Column("text_hash", sa.String(64), nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("outlet", sa.String, index=True),
    sa.Column("title", sa.Text),
    sa.Column("author", sa.String),
    sa.Column("published", sa.String, index=True),
    # "YYYY-MM-DD" prefix of ``published``: date-range queries without parsing strings.
    sa.Column("published_date", sa.String(10), index=True),
    sa.Column("date_source", sa.String),
    sa.Column("date_evidence", sa.Text),
    sa.Column("language", sa.String, nullable=False, server_default="en"),
    sa.Column("section", sa.String, nullable=False, server_default="body", index=True),
    sa.Column(
        "parent_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), index=True
    ),
    sa.Column("source", sa.Text),
    sa.Column("metadata", JSONType, nullable=False),
    # the analysis's sentences, [[start, end], ...] (Document.sentences); NULL
    # until analysed, or when analysed before the sentences were kept
    sa.Column("sentences", JSONType),
    # the analysis's lemmas of the words it changed, {form: lemma} (Document.lemmas);
    # NULL until analysed, or when analysed before they were kept
    sa.Column("lemmas", JSONType),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("analyzed_at", sa.DateTime(timezone=True)),
    # Set when the document was folded into the cross-document records; cleared
    # when its findings are replaced. Analysed but not reconciled: work left over.
    sa.Column("reconciled_at", sa.DateTime(timezone=True)),
    sa.Index("ix_documents_pending", "reconciled_at", "ingested_at"),
    # the document list's facets: one section's outlets and months from the index
    sa.Index("ix_documents_section_outlet", "section", "outlet"),
    sa.Index("ix_documents_section_published_date", "section", "published_date"),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("type", sa.String, nullable=False, index=True),
    sa.Column("aliases", JSONType, nullable=False),
    sa.Column("description", sa.Text),
    sa.Column("country", sa.String),
    sa.Column("gazetteer", sa.Boolean, nullable=False, server_default=sa.false()),
    # kept up to date as analyses are saved and replaced
    sa.Column("n_mentions", sa.Integer, nullable=False, server_default="0", index=True),
    sa.Column("n_documents", sa.Integer, nullable=False, server_default="0"),
)

# The entity record as one document saw it (its own aliases and description),
# so that an analysis reads back exactly as it was saved while ``entities``
# accumulates what all documents say.
document_entities = sa.Table(
    "document_entities",
    metadata,
    sa.Column(
        "document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("entity_key", sa.String, sa.ForeignKey("entities.key"), nullable=False, index=True),
    sa.Column("data", JSONType, nullable=False),
    # an entity's latest documents without sorting all of them
    sa.Index("ix_document_entities_entity_document", "entity_key", "document_id"),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False, index=True,
    ),
    sa.Column("entity_key", sa.String, sa.ForeignKey("entities.key"), nullable=False, index=True),
    sa.Column("entity_idx", sa.Integer, nullable=False),  # position in the doc's entity list
    sa.Column("idx", sa.Integer, nullable=False),  # position in that entity's mentions
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("sentence", sa.Integer),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("type", sa.String),
)

feed_seen = sa.Table(
    "feed_seen",
    metadata,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("source", sa.Text),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
)

ingest_failures = sa.Table(
    "ingest_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("error", sa.Text, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
)

# --- cross-document records (fogwatch.reconcile) ---------------------------------
# A proposition: one claim about the world that several sources speak to.
# ``features`` holds what matching needs (concept, place, entity and term counts);
# ``data`` the rest of the record (numbers). Stances reference their document, so
# deleting a document deletes its stances; reconcile then drops empty propositions.
propositions = sa.Table(
    "propositions",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("statement", sa.Text, nullable=False),
    sa.Column("type", sa.String),
    sa.Column("place", sa.String),
    sa.Column("negative", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("first_seen", sa.String(10), index=True),
    sa.Column("last_seen", sa.String(10), index=True),
    sa.Column("contested", sa.Boolean, nullable=False, server_default=sa.false(), index=True),
    sa.Column("numbers_disagree", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("n_sources", sa.Integer, nullable=False, server_default="0", index=True),
    sa.Column("n_documents", sa.Integer, nullable=False, server_default="0"),
    sa.Column("features", JSONType, nullable=False),
    sa.Column("data", JSONType, nullable=False),
    # the claim board's order, read backwards: a page without sorting them all
    sa.Index("ix_propositions_board", "contested", "n_sources", "last_seen", "id"),
    # the timeline's claims by day and the board's months, counted from the index alone
    sa.Index("ix_propositions_days", "first_seen", "contested", "last_seen"),
    # one category's claims, newest first (the timeline's and the board's filter)
    sa.Index("ix_propositions_type_first_seen", "type", "first_seen"),
)

# Blocking keys ("c:ENCIRCLE", "p:geo:710035", "e:gaz:person/valery-gerasimov"), with
# the proposition's last_seen copied in so that candidates are found by one
# indexed range scan however large the store grows.
proposition_keys = sa.Table(
    "proposition_keys",
    metadata,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column(
        "proposition_id", sa.String, sa.ForeignKey("propositions.id", ondelete="CASCADE"),
        primary_key=True, index=True,
    ),
    sa.Column("last_seen", sa.String(10)),
    sa.Index("ix_proposition_keys_key_last_seen", "key", "last_seen"),
)

proposition_stances = sa.Table(
    "proposition_stances",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "proposition_id", sa.String, sa.ForeignKey("propositions.id", ondelete="CASCADE"),
        nullable=False, index=True,
    ),
    sa.Column(
        "document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False, index=True,
    ),
    sa.Column("idx", sa.Integer, nullable=False),  # order within the proposition's document
    sa.Column("source", sa.String, nullable=False),
    sa.Column("entity", sa.String, index=True),
    sa.Column("outlet", sa.String, index=True),
    sa.Column("role", sa.String, nullable=False),
    sa.Column("stance", sa.String, nullable=False, index=True),
    sa.Column("date", sa.String(10), index=True),
    sa.Column("data", JSONType, nullable=False),
    # a proposition's latest stances without sorting all of them
    sa.Index("ix_proposition_stances_latest", "proposition_id", "date", "document_id", "idx"),
    # the claims each outlet spoke to (the board's outlet facet), from the index alone
    sa.Index("ix_proposition_stances_outlet_proposition", "outlet", "proposition_id"),
)

merged_events = sa.Table(
    "merged_events",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("type", sa.String, nullable=False, index=True),
    sa.Column("statement", sa.Text, nullable=False),
    sa.Column("place", sa.String, index=True),
    sa.Column("start", sa.String(10), index=True),
    sa.Column("end", sa.String(10)),
    sa.Column("modality", sa.String, nullable=False, index=True),
    sa.Column("first_seen", sa.String(10)),
    sa.Column("last_seen", sa.String(10), index=True),
    sa.Column("n_reports", sa.Integer, nullable=False, server_default="0"),
    sa.Column("data", JSONType, nullable=False),  # actors, targets
    # the timeline's events counted by day and modality from the index alone
    sa.Index("ix_merged_events_start_modality", "start", "modality"),
    # one category's events, newest first (the timeline's category filter)
    sa.Index("ix_merged_events_type_start", "type", "start"),
)

merged_event_keys = sa.Table(
    "merged_event_keys",
    metadata,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column(
        "event_id", sa.String, sa.ForeignKey("merged_events.id", ondelete="CASCADE"),
        primary_key=True, index=True,
    ),
    sa.Column("start", sa.String(10)),
    sa.Index("ix_merged_event_keys_key_start", "key", "start"),
)

event_reports = sa.Table(
    "event_reports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "event_id", sa.String, sa.ForeignKey("merged_events.id", ondelete="CASCADE"),
        nullable=False, index=True,
    ),
    sa.Column(
        "document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False, index=True,
    ),
    sa.Column("event_idx", sa.Integer, nullable=False),
    sa.Column("modality", sa.String, nullable=False),
    sa.Column("outlet", sa.String, index=True),
    sa.Column("date", sa.String(10)),
    sa.Column("data", JSONType, nullable=False),
    sa.Index("ix_event_reports_latest", "event_id", "date", "document_id", "event_idx"),
)

# --- an analyst's corrections (fogwatch.store.corrections) ------------------------
# One row per correction. A correction finds its finding again after every
# re-analysis by its anchor (the words' offsets and text), not by ``idx``, which
# only records where the finding was when it was made; ``applied_idx`` is where it
# applies now (NULL when orphaned: no finding of its kind has those words any
# more). No foreign key to documents: a correction outlives its document's rows
# and is reported rather than deleted with them.
corrections = sa.Table(
    "corrections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("document_id", sa.String, nullable=False),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("anchor_start", sa.Integer, nullable=False),
    sa.Column("anchor_end", sa.Integer, nullable=False),
    sa.Column("anchor_text", sa.Text, nullable=False),
    sa.Column("action", sa.String, nullable=False),  # reject, confirm, set
    sa.Column("field", sa.String),  # for set: the field it changes
    sa.Column("value", JSONType),  # for set: the value it gives
    sa.Column("original", JSONType),  # the machine's value it replaces
    sa.Column("author", sa.String, nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("state", sa.String, nullable=False, index=True),  # applied, orphaned, withdrawn
    sa.Column("applied_idx", sa.Integer),
    sa.Column("checked_at", sa.DateTime(timezone=True)),  # last matched to the findings
    sa.Column("withdrawn_at", sa.DateTime(timezone=True)),
    sa.Column("withdrawn_by", sa.String),
    sa.Index("ix_corrections_document_kind", "document_id", "kind"),
)

# --- an analyst's corrections of entities (fogwatch.store.entity_corrections) -----
# Entities have no anchor in one document: a correction names an entity key and
# is applied to every analysis as it is saved (merged keys become the survivor,
# a split alias gets its own key), and to the entity's row. ``target``: the
# surviving key of a merge, the new key of a split; ``value``: the new name or
# type, or the alias split off; ``original``: what the row said before.
entity_corrections = sa.Table(
    "entity_corrections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action", sa.String, nullable=False),  # rename, merge, split, type
    sa.Column("key", sa.String, nullable=False, index=True),
    sa.Column("target", sa.String, index=True),
    sa.Column("value", sa.Text),
    sa.Column("original", JSONType),
    sa.Column("author", sa.String, nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("state", sa.String, nullable=False),  # applied, withdrawn
    sa.Column("withdrawn_at", sa.DateTime(timezone=True)),
    sa.Column("withdrawn_by", sa.String),
)

# --- an analyst's corrections of the claim board (fogwatch.store.claim_corrections) --
# A member of a proposition (a source's or the outlet's stance, in one document)
# moved into another, members split off into a new one, two merged, a stance
# set. ``anchors`` and ``target`` name members by what outlives a rebuild
# (document, role, offsets, text); ``documents`` are the documents they are in;
# ``proposition_id`` is where it applies now; ``original`` what it replaced.
claim_corrections = sa.Table(
    "claim_corrections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action", sa.String, nullable=False),  # move, split, merge, stance
    sa.Column("anchors", JSONType, nullable=False),
    sa.Column("target", JSONType),
    sa.Column("value", sa.String),  # stance: the stance set
    sa.Column("documents", JSONType, nullable=False),
    sa.Column("original", JSONType),
    sa.Column("proposition_id", sa.String, index=True),
    sa.Column("author", sa.String, nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    # applied, waiting (a target not reconciled yet), orphaned, withdrawn
    sa.Column("state", sa.String, nullable=False, index=True),
    sa.Column("checked_at", sa.DateTime(timezone=True)),
    sa.Column("withdrawn_at", sa.DateTime(timezone=True)),
    sa.Column("withdrawn_by", sa.String),
)

# --- how common each entity is among the folded articles (fogwatch.store.claim_entities)
# The entities of every article folded into the claim board, one row each, and
# their counts ("" counts the articles): a name most articles give (the war's
# main actors) tells no claim from another. The words of each article's lead
# are counted here too ("w:<stem>"). Cross-document records: cleared and rebuilt
# with the others.
claim_entity_documents = sa.Table(
    "claim_entity_documents",
    metadata,
    sa.Column(
        "document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("entity", sa.String, primary_key=True),
)
claim_entity_counts = sa.Table(
    "claim_entity_counts",
    metadata,
    sa.Column("entity", sa.String, primary_key=True),
    sa.Column("documents", sa.Integer, nullable=False),
)

# --- claims an analyst watches (fogwatch.store.watched) ---------------------------
# A claim in the analyst's words; documents ingested after ``seen_at`` (when the
# analyst last looked) that take a stance on it are shown as new.
watched_claims = sa.Table(
    "watched_claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("text", sa.Text, nullable=False, unique=True),
    sa.Column("author", sa.String),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
)


class _FindingTables(Mapping[str, sa.Table]):
    """Finding kind name -> its table, for every registered kind (entities apart).

    A live view of :mod:`fogwatch.kinds.registry`: a kind registered later (a
    plug-in, a test) is here too.
    """

    def __getitem__(self, name: str) -> sa.Table:
        kind = registry.find(name)
        if kind is None:
            raise KeyError(name)
        return kind.table  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(registry.names())

    def __len__(self) -> int:
        return len(registry.names())


FINDING_TABLES: Mapping[str, sa.Table] = _FindingTables()


def __getattr__(name: str) -> sa.Table:
    """``schema.times``, ``schema.events``...: the table of a registered kind."""
    kind = registry.find(name) if not name.startswith("__") else None
    if kind is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return kind.table  # type: ignore[no-any-return]


# fogwatch's own kinds declare their tables; load them so that ``metadata`` is whole.
registry.load()
