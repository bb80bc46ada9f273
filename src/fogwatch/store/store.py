"""The store: documents and findings with provenance, in SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from fogwatch.findings import Analysis, Document, MergedEvent, Proposition
from fogwatch.store import crossdoc, doclist, entity_corrections, feeds, search
from fogwatch.store.claim_corrections import ClaimCorrection, ClaimCorrectionMethods
from fogwatch.store.corrections import Correction, CorrectionMethods, apply_on_save
from fogwatch.store.engine import read_connection, write_transaction
from fogwatch.store.entity_corrections import EntityCorrection, EntityCorrectionMethods
from fogwatch.store.entity_merge import upsert_entities
from fogwatch.store.entity_stats import EntityStats, entity_stats
from fogwatch.store.errors import StoreError, reason
from fogwatch.store.feeds import Failure
from fogwatch.store.opening import open_engine
from fogwatch.store.records import (
    document_row,
    entity_rows,
    finding_row,
    now,
    rebuild_entities,
    row_document,
    with_document,
)
from fogwatch.store.schema import (
    FINDING_TABLES,
    document_entities,
    documents,
    entities,
    mentions,
)
from fogwatch.store.watched import WatchedMethods

__all__ = ["ClaimCorrection", "Correction", "EntityCorrection", "Failure", "Store"]


class Store(CorrectionMethods, EntityCorrectionMethods, ClaimCorrectionMethods, WatchedMethods):
    """Reads and writes fogwatch's record; open with :meth:`Store.open`.

    ``url`` is the database URL with any password masked, safe to print. One
    Store may be shared by threads (SQLAlchemy pools the connections).
    """

    def __init__(self, engine: Engine, url: str) -> None:
        self._engine = engine
        self.url = url

    # --- lifecycle -------------------------------------------------------------

    @classmethod
    def open(cls, db: str | None = None, *, migrate: bool = True) -> Store:
        """Open (and by default create or upgrade) the database named by ``db``.

        ``db`` is resolved with :func:`resolve_db_url`. Raises :class:`StoreError`
        naming the URL (password masked) when it cannot be opened or migrated.
        """
        engine, shown = open_engine(db, migrate=migrate)
        return cls(engine, shown)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._engine.dialect.name

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as exc:
            raise StoreError(f"{action} failed on {self.url}: {reason(exc)}") from exc

    @contextmanager
    def _write(self, action: str) -> Iterator[Connection]:
        with self._errors(action), write_transaction(self._engine) as conn:
            yield conn

    @contextmanager
    def _read(self, action: str) -> Iterator[Connection]:
        with self._errors(action), read_connection(self._engine) as conn:
            yield conn

    @contextmanager
    def reading(self, action: str) -> Iterator[Connection]:
        """A read-only transaction for the store's query modules (:mod:`.browse`) and
        for readers that page through its tables themselves (the exports).

        ``action`` names what is being read, for the error message on failure.
        Keep each one short (a page at a time): an open read holds its snapshot,
        and on SQLite keeps the write-ahead log from being checkpointed.
        """
        with self._read(action) as conn:
            yield conn

    @contextmanager
    def transaction(self, action: str) -> Iterator[Connection]:
        """A write transaction for writing tables directly (benchmarks, tools).

        ``action`` names what is being done, for the error message on failure.
        The cross-document records are written inside :meth:`reconciling` and
        :meth:`rebuilding`, through :mod:`fogwatch.store.crossdoc`.
        """
        with self._write(action) as conn:
            yield conn

    # --- documents -------------------------------------------------------------

    def add_document(self, doc: Document) -> tuple[bool, str]:
        """Store a document unless it is already there: ``(stored?, id of the stored doc)``.

        A duplicate has the same id, the same URL, or the same normalised text;
        the id returned is then the one already stored. Two writers racing on the
        same document both succeed: one stores it, the other gets ``(False, id)``.
        """
        row = document_row(doc)
        try:
            with self._write(f"storing document {doc.id}") as conn:
                existing = _find_duplicate(conn, doc.id, doc.url, row["text_hash"])
                if existing is not None:
                    return False, existing
                self._insert_document(conn, row)
            return True, doc.id
        except StoreError as exc:
            if not isinstance(exc.__cause__, IntegrityError):
                raise
            # Lost a race with another writer, or a comment whose article is missing.
            with read_connection(self._engine) as conn:
                existing = _find_duplicate(conn, doc.id, doc.url, row["text_hash"])
            if existing is not None:
                return False, existing
            raise

    def _insert_document(self, conn: Connection, row: dict[str, Any]) -> None:
        parent = row["parent_id"]
        if parent is not None and conn.execute(
            sa.select(documents.c.id).where(documents.c.id == parent)
        ).first() is None:
            raise StoreError(
                f"document {row['id']} is a comment on {parent}, which is not stored; "
                "store the article first"
            )
        conn.execute(documents.insert(), {
            **row, "ingested_at": now(), "analyzed_at": None, "reconciled_at": None,
        })
        search.fts_insert(conn, row)

    def get_document(self, doc_id: str) -> Document | None:
        with self._read("reading a document") as conn:
            row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).mappings()
            found = row.first()
        return row_document(found) if found is not None else None

    def is_analyzed(self, doc_id: str) -> bool:
        """Whether ``doc_id`` is stored with its findings (one indexed lookup)."""
        return self.document_state(doc_id) in ("analysed", "reconciled")

    def document_state(self, doc_id: str) -> str | None:
        """How far ``doc_id`` got: ``stored`` (no findings yet), ``analysed`` (findings
        saved, not yet in the cross-document records), ``reconciled``; None when it
        is not in the store."""
        with self._read("reading a document") as conn:
            return doclist.document_state(conn, doc_id)

    def unfinished(self) -> list[tuple[str, str]]:
        """Documents a stopped run left behind, as ``(id, state)`` in the order they
        entered the store (the order finishing them must keep): ``stored`` (never
        analysed) or ``analysed`` (never folded into the cross-document records)."""
        with self._read("listing unfinished documents") as conn:
            return doclist.unfinished(conn)

    def documents(
        self, *, since: str | None = None, until: str | None = None,
        section: str | None = "body", outlet: str | None = None,
        limit: int = 50, offset: int = 0,
    ) -> list[Document]:
        """Documents, newest published first (undated ones last).

        ``since``/``until`` are ISO dates (or datetimes; the date part is used),
        both inclusive; ``section=None`` means bodies and comments.
        """
        where = doclist.document_filters(since, until, section, outlet)
        with self._read("listing documents") as conn:
            return doclist.list_documents(conn, where, limit, offset)

    def count_documents(
        self, *, since: str | None = None, until: str | None = None,
        section: str | None = "body", outlet: str | None = None,
    ) -> int:
        where = doclist.document_filters(since, until, section, outlet)
        with self._read("counting documents") as conn:
            return doclist.count_documents(conn, where)

    # --- analyses --------------------------------------------------------------

    def save_analysis(self, analysis: Analysis) -> list[Correction]:
        """Replace all findings of the analysed document, in one transaction.

        The document is stored first if it is not yet. Entities are merged into
        the global entity table. Findings without a ``document`` get the
        document's id. If anything fails, the previous findings stay as they were.
        The document's corrections are applied to the new findings (``analysis``
        is changed to match what is stored); those whose words no finding has any
        more are returned, marked orphaned (:mod:`fogwatch.store.corrections`).
        """
        doc = analysis.document
        with self._write(f"saving the analysis of {doc.id}") as conn:
            return self._resave(conn, analysis, replace=self._upsert_analysed_document(conn, doc))

    def _resave(self, conn: Connection, analysis: Analysis, *, replace: bool = True
                ) -> list[Correction]:
        """Write a stored document's findings (its corrections and the entity
        corrections applied), replacing its old ones; it is left not reconciled."""
        doc_id = analysis.document.id
        if replace:
            self._delete_findings(conn, doc_id)
        orphaned = apply_on_save(conn, analysis)
        entity_corrections.apply_on_save(conn, analysis)
        self._insert_findings(conn, analysis)
        conn.execute(documents.update().where(documents.c.id == doc_id)
                     .values(reconciled_at=None))
        return orphaned

    def _upsert_analysed_document(self, conn: Connection, doc: Document) -> bool:
        """Store or update the document's row; whether it had findings saved before
        (a document never analysed has none: findings are saved with ``analyzed_at``)."""
        row = document_row(doc)
        # Row lock on PostgreSQL: two analyses of one document replace in turn.
        stored = conn.execute(
            sa.select(documents.c.text, documents.c.title, documents.c.analyzed_at)
            .where(documents.c.id == doc.id).with_for_update()
        ).first()
        title = doc.title
        if stored is None:
            existing = _find_duplicate(conn, doc.id, doc.url, row["text_hash"])
            if existing is not None:
                raise StoreError(
                    f"document {doc.id} duplicates stored document {existing}; "
                    "save its analysis under that id"
                )
            self._insert_document(conn, row)
        elif stored.text != doc.text:
            raise StoreError(
                f"the analysed text of {doc.id} differs from the stored text; "
                "its offsets would point at the wrong words"
            )
        else:
            title = stored.title
        changes = {k: v for k, v in row.items() if k not in ("id", "text", "text_hash")}
        conn.execute(
            # New findings are not yet in the cross-document records.
            documents.update().where(documents.c.id == doc.id).values(
                **changes, analyzed_at=now(), reconciled_at=None
            )
        )
        if title != doc.title:  # the search index holds the stored title
            search.fts_update_title(conn, doc.id, doc.title)
        return stored is not None and stored.analyzed_at is not None

    def _delete_findings(self, conn: Connection, doc_id: str) -> None:
        old = conn.execute(
            sa.select(mentions.c.entity_key, sa.func.count())
            .where(mentions.c.document_id == doc_id)
            .group_by(mentions.c.entity_key)
        ).all()
        _count_entities(conn, {key: -n for key, n in old})
        for table in (*FINDING_TABLES.values(), mentions, document_entities):
            conn.execute(table.delete().where(table.c.document_id == doc_id))

    def _insert_findings(self, conn: Connection, analysis: Analysis) -> None:
        doc_id = analysis.document.id
        upsert_entities(conn, analysis.entities)
        doc_entities, mention_rows = entity_rows(analysis)
        self._insert_rows(conn, document_entities, doc_entities)
        self._insert_rows(conn, mentions, mention_rows)
        counts: dict[str, int] = {}
        for row in mention_rows:
            counts[row["entity_key"]] = counts.get(row["entity_key"], 0) + 1
        _count_entities(conn, counts)
        for kind, table in FINDING_TABLES.items():
            review = analysis.review.get(kind, {})
            rows = [
                {**finding_row(kind, doc_id, idx, with_document(f.to_dict(), doc_id)),
                 "review": review.get(idx)}
                for idx, f in enumerate(analysis.get(kind))
            ]
            self._insert_rows(conn, table, rows)

    def _insert_rows(self, conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(table.insert(), rows)

    def get_analysis(self, doc_id: str, conn: Connection | None = None) -> Analysis | None:
        """The stored analysis of a document, or None if it was never analysed.

        ``conn``: read inside that (write) transaction, as a rebuild does.
        """
        if conn is not None:
            with self._errors(f"reading the analysis of {doc_id}"):
                return _load_analysis(conn, doc_id)
        with self._read(f"reading the analysis of {doc_id}") as own:
            return _load_analysis(own, doc_id)

    def analyses(
        self, *, since: str | None = None, until: str | None = None,
        order: str = "published", conn: Connection | None = None,
    ) -> Iterator[Analysis]:
        """Analyses of body documents, oldest published first (undated ones last).

        ``order="ingested"`` gives them in the order they entered the store.
        ``conn``: read inside that (write) transaction, as a rebuild does.
        """
        if order == "ingested":
            ordering = (documents.c.ingested_at.asc(), documents.c.id)
        else:
            ordering = (
                documents.c.published_date.asc().nulls_last(),
                documents.c.published.asc().nulls_last(),
                documents.c.id,
            )
        stmt = (
            sa.select(documents.c.id)
            .where(
                documents.c.analyzed_at.is_not(None),
                *doclist.document_filters(since, until, "body", None),
            )
            .order_by(*ordering)
        )
        if conn is not None:
            with self._errors("listing analyses"):
                ids = list(conn.execute(stmt).scalars())
        else:
            with self._read("listing analyses") as own:
                ids = list(own.execute(stmt).scalars())
        # One short read per document keeps memory flat and never holds a
        # read transaction open while the caller works.
        for doc_id in ids:
            analysis = self.get_analysis(doc_id, conn)
            if analysis is not None:
                yield analysis

    # --- search and entities ---------------------------------------------------

    def search(self, query: str, *, limit: int = 20) -> list[tuple[Document, str]]:
        """Documents whose title or text match ``query``, best first, with a snippet.

        Quoted text is a phrase, words must all appear (by their stems; ``word*``
        by its beginning); any other syntax is treated as plain words, so no input
        raises. A query that names an entity also finds the documents mentioning
        it under its other names, after the text matches.
        """
        with self._read("searching") as conn:
            return search.search_documents(conn, query, limit)

    def entities(
        self, *, type: str | None = None, query: str | None = None,
        limit: int = 50, offset: int = 0,
    ) -> list[EntityStats]:
        """Entities with their mention, document and outlet counts, most mentioned first.

        ``query`` matches case-insensitively within the name, key or aliases.
        """
        with self._read("listing entities") as conn:
            return entity_stats(conn, type=type, query=query, limit=limit, offset=offset)

    def get_entity(self, key: str) -> EntityStats | None:
        with self._read("reading an entity") as conn:
            found = entity_stats(conn, keys=[key], limit=1)
        return found[0] if found else None

    # --- cross-document records (fogwatch.reconcile writes them, via crossdoc) --

    def propositions(
        self, *, entity: str | list[str] | None = None, contested: bool | None = None,
        query: str | None = None, since: str | None = None, until: str | None = None,
        limit: int = 50, offset: int = 0,
    ) -> list[Proposition]:
        """Propositions with their stances: contested first, then by sources and recency.

        ``entity`` matches claims about it and claims it makes; ``since``/``until``
        (ISO dates) keep propositions spoken to within the range.
        """
        where = crossdoc.proposition_filters(
            entity=entity, contested=contested, query=query, since=since, until=until
        )
        with self._read("listing propositions") as conn:
            return crossdoc.list_propositions(conn, where, limit, offset)

    def count_propositions(
        self, *, entity: str | list[str] | None = None, contested: bool | None = None,
        query: str | None = None, since: str | None = None, until: str | None = None,
    ) -> int:
        where = crossdoc.proposition_filters(
            entity=entity, contested=contested, query=query, since=since, until=until
        )
        with self._read("counting propositions") as conn:
            return crossdoc.count_propositions(conn, where)

    def get_proposition(self, pid: str) -> Proposition | None:
        with self._read("reading a proposition") as conn:
            return crossdoc.get_proposition(conn, pid)

    def merged_events(
        self, *, entity: str | None = None, place: str | list[str] | None = None,
        type: str | None = None, modality: str | None = None, outlet: str | None = None,
        since: str | None = None, until: str | None = None, limit: int = 100, offset: int = 0,
    ) -> list[MergedEvent]:
        """Cross-document events with their reports, by date (undated last)."""
        where = crossdoc.event_filters(
            entity=entity, place=place, type=type, modality=modality, outlet=outlet,
            since=since, until=until,
        )
        with self._read("listing events") as conn:
            return crossdoc.list_merged_events(conn, where, limit, offset)

    def count_merged_events(
        self, *, entity: str | None = None, place: str | list[str] | None = None,
        type: str | None = None, modality: str | None = None, outlet: str | None = None,
        since: str | None = None, until: str | None = None,
    ) -> int:
        where = crossdoc.event_filters(
            entity=entity, place=place, type=type, modality=modality, outlet=outlet,
            since=since, until=until,
        )
        with self._read("counting events") as conn:
            return crossdoc.count_merged_events(conn, where)

    def get_merged_event(self, eid: str) -> MergedEvent | None:
        with self._read("reading an event") as conn:
            return crossdoc.get_merged_event(conn, eid)

    def resolve_name(self, name: str, *, places: bool = False) -> list[str]:
        """Keys for a name a user typed: entity keys, or with ``places`` place keys.

        A key given as such (it holds a colon) is returned unchanged; a name
        matches an entity's name or alias, or a place's name, case-insensitively.
        """
        name = name.strip()
        if not name:
            return []
        if ":" in name:
            return [name]
        with self._read("resolving a name") as conn:
            return crossdoc.resolve_name(conn, name, places=places)

    @contextmanager
    def reconciling(self, doc_id: str, conn: Connection | None = None) -> Iterator[Connection]:
        """The write transaction that folds one document into the cross-document
        records; the document is marked reconciled in the same transaction, so a
        stop at any moment leaves it either wholly folded in or still to do. The
        records are written through :mod:`fogwatch.store.crossdoc` on the
        connection it yields.

        ``conn``: run inside that transaction (a rebuild) instead of a new one.
        """
        if conn is not None:
            yield conn
            crossdoc.mark_reconciled(conn, doc_id)
            return
        with self._write(f"reconciling {doc_id}") as own:
            yield own
            crossdoc.mark_reconciled(own, doc_id)

    @contextmanager
    def rebuilding(self) -> Iterator[Connection]:
        """One write transaction for a rebuild of the cross-document records: they
        are cleared, and every article marked not reconciled, at its start; a
        failure before the end rolls everything back and leaves the previous
        records whole."""
        with self._write("rebuilding the cross-document records") as conn:
            crossdoc.clear(conn)  # reader comments' marks stay as they were
            yield conn

    def clear_reconciled(self) -> None:
        """Delete every proposition, stance and merged event."""
        with self.rebuilding():
            pass

    # --- feed state and failures -----------------------------------------------

    def mark_seen(self, key: str, *, source: str | None = None) -> None:
        """Remember a feed item (by its id or URL) so a restarted watcher skips it."""
        with self._write("recording a seen feed item") as conn:
            feeds.mark_seen(conn, key, source)

    def is_seen(self, key: str) -> bool:
        with self._read("reading feed state") as conn:
            return feeds.is_seen(conn, key)

    def record_failure(self, source: str, error: str) -> None:
        with self._write("recording an ingest failure") as conn:
            feeds.record_failure(conn, source, error)

    def failures(self, limit: int = 50) -> list[Failure]:
        """The most recent ingest failures, newest first."""
        with self._read("reading ingest failures") as conn:
            return feeds.failures(conn, limit)

    def stats(self) -> dict[str, int]:
        """Row counts per table, plus body and comment document counts and the
        documents a stopped run left not analysed or not reconciled."""
        with self._read("counting rows") as conn:
            return doclist.row_counts(conn)


# --- helpers --------------------------------------------------------------------


def _find_duplicate(conn: Connection, doc_id: str, url: str | None, hash_: str) -> str | None:
    """The id of a stored document that is the same one: same id, else URL, else text.

    One query over the three indexed columns; among documents with the same
    text, the earliest ingested.
    """
    same = [documents.c.id == doc_id, documents.c.text_hash == hash_]
    if url:
        same.append(documents.c.url == url)
    rows = conn.execute(
        sa.select(documents.c.id, documents.c.url).where(sa.or_(*same))
        .order_by(documents.c.ingested_at, documents.c.id)
    ).all()
    for row in rows:
        if row.id == doc_id:
            return doc_id
    if url:
        for row in rows:
            if row.url == url:
                return str(row.id)
    return str(rows[0].id) if rows else None


def _load_analysis(conn: Connection, doc_id: str) -> Analysis | None:
    row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).mappings().first()
    if row is None or row["analyzed_at"] is None:
        return None
    by_doc = {"document_id": doc_id}
    doc_entities = _rows(conn, document_entities, by_doc)
    mention_rows = _rows(conn, mentions, by_doc)
    stored = {kind: _rows(conn, table, by_doc, order="idx")
              for kind, table in FINDING_TABLES.items()}
    findings = {kind: [dict(r["data"]) for r in rows] for kind, rows in stored.items()}
    analysis = Analysis.from_dict({"document": row_document(row).to_dict(), **findings})
    analysis.entities = rebuild_entities(doc_entities, mention_rows)
    analysis.review = {kind: {r["idx"]: r["review"] for r in rows if r["review"]}
                       for kind, rows in stored.items() if any(r["review"] for r in rows)}
    return analysis


def _rows(
    conn: Connection, table: sa.Table, where: dict[str, Any], order: str | None = None
) -> list[Any]:
    stmt = sa.select(table).where(*(table.c[k] == v for k, v in where.items()))
    if order:
        stmt = stmt.order_by(table.c[order])
    return list(conn.execute(stmt).mappings())


def _count_entities(conn: Connection, delta: dict[str, int]) -> None:
    """Add (or with negative numbers take away) one document's mentions of entities."""
    rows = [  # key order: concurrent writers lock rows alike
        {"k": key, "dm": n, "dd": 1 if n > 0 else -1}
        for key, n in sorted(delta.items()) if n
    ]
    if rows:
        conn.execute(
            entities.update().where(entities.c["key"] == sa.bindparam("k")).values(
                n_mentions=entities.c.n_mentions + sa.bindparam("dm"),
                n_documents=entities.c.n_documents + sa.bindparam("dd"),
            ),
            rows,
        )
