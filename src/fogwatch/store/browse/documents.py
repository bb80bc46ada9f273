"""Documents for the lists and the overview: links, comments, finding counts,
outlets, the newest documents, the overview's numbers and the store's version."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from fogwatch.findings import Document
from fogwatch.store.browse.common import DOC_COLUMNS, DocumentRef, clamp, document_ref
from fogwatch.store.records import published_date, row_document
from fogwatch.store.schema import (
    FINDING_TABLES,
    claim_corrections,
    corrections,
    documents,
    entities,
    entity_corrections,
    events,
    mentions,
    merged_events,
    proposition_stances,
    propositions,
    watched_claims,
)

if TYPE_CHECKING:
    from fogwatch.store.store import Store


def document_refs(store: Store, ids: list[str]) -> dict[str, DocumentRef]:
    """Link data for the given documents (missing ids are left out)."""
    if not ids:
        return {}
    stmt = sa.select(*DOC_COLUMNS).where(documents.c.id.in_(sorted(set(ids))))
    with store.reading("reading document titles") as conn:
        return {r.id: document_ref(r) for r in conn.execute(stmt)}


def comments_of(store: Store, doc_id: str, *, limit: int = 200) -> list[Document]:
    """The reader comments stored under an article, in the order they were stored."""
    stmt = (
        sa.select(documents)
        .where(documents.c.parent_id == doc_id)
        .order_by(documents.c.ingested_at, documents.c.id)
        .limit(limit)
    )
    with store.reading("reading comments") as conn:
        return [row_document(r) for r in conn.execute(stmt).mappings()]


def comment_counts(store: Store, doc_ids: list[str]) -> dict[str, int]:
    if not doc_ids:
        return {}
    stmt = (
        sa.select(documents.c.parent_id, sa.func.count())
        .where(documents.c.parent_id.in_(doc_ids))
        .group_by(documents.c.parent_id)
    )
    with store.reading("counting comments") as conn:
        return {p: int(n) for p, n in conn.execute(stmt)}


def finding_counts(store: Store, doc_ids: list[str]) -> dict[str, dict[str, int]]:
    """Per document: how many findings of each kind (entities counted as mentioned
    ones; findings an analyst rejected not counted)."""
    out: dict[str, dict[str, int]] = {d: {} for d in doc_ids}
    if not doc_ids:
        return out
    tables = {"entities": None, **FINDING_TABLES}
    with store.reading("counting findings") as conn:
        for kind, table in tables.items():
            if table is None:
                column = mentions.c.document_id
                stmt = (
                    sa.select(column, sa.func.count(sa.distinct(mentions.c.entity_key)))
                    .where(column.in_(doc_ids)).group_by(column)
                )
            else:
                column = table.c.document_id
                stmt = (
                    sa.select(column, sa.func.count())
                    .where(column.in_(doc_ids),
                           sa.or_(table.c.review.is_(None), table.c.review != "rejected"))
                    .group_by(column)
                )
            for doc_id, n in conn.execute(stmt):
                out[doc_id][kind] = int(n)
    return out


def outlets(store: Store, *, limit: int = 200) -> list[str]:
    """Outlet names in the store, alphabetically."""
    stmt = (
        sa.select(documents.c.outlet).where(documents.c.outlet.is_not(None))
        .distinct().order_by(documents.c.outlet).limit(limit)
    )
    with store.reading("listing outlets") as conn:
        return [r[0] for r in conn.execute(stmt)]


# --- lists for the overview and the document list ---------------------------------

# name -> column; a page asks for an order by name, so no request value reaches the SQL
DOCUMENT_SORTS: dict[str, Any] = {
    "date": documents.c.published_date,
    "outlet": documents.c.outlet,
    "title": documents.c.title,
}



def latest_documents(
    store: Store, *, since: str | None = None, until: str | None = None,
    section: str | None = "body", outlet: str | None = None,
    limit: int = 50, offset: int = 0, sort: str = "date", descending: bool = True,
) -> list[Document]:
    """What :meth:`Store.documents` answers (newest published first, undated last),
    read through the published-date index.

    ``sort`` names another order (one of :data:`DOCUMENT_SORTS`: ``date``,
    ``outlet``, ``title``; anything else is ``date``), ascending unless
    ``descending``; ties go newest first.

    The page's ids are found first by an index scan that stops after
    ``offset + limit`` rows, then only their rows are read: no request sorts
    every document. SQLite puts NULLs last in a descending order already; an
    explicit NULLS LAST would stop it from using the index.
    """
    limit, offset = clamp(limit, offset)
    where: list[Any] = []
    if since:
        where.append(documents.c.published_date >= (published_date(since) or since))
    if until:
        where.append(documents.c.published_date <= (published_date(until) or until))
    with store.reading("listing documents") as conn:
        if section:
            # Most documents are articles: walking the date index and skipping the
            # comments beats reading every article's id through the section index
            # and sorting them, which SQLite's planner would otherwise choose.
            column = documents.c.section
            if conn.dialect.name == "sqlite":
                column = sa.func.coalesce(column, "")
            where.append(column == section)
        if outlet:
            where.append(documents.c.outlet == outlet)
        if conn.dialect.name == "sqlite":
            newest = (documents.c.published_date.desc(), documents.c.published.desc())
        else:
            newest = (documents.c.published_date.desc().nulls_last(),
                      documents.c.published.desc().nulls_last())
        order: tuple[Any, ...] = (*newest, documents.c.ingested_at.desc(), documents.c.id)
        if sort in DOCUMENT_SORTS and (sort, descending) != ("date", True):
            column = DOCUMENT_SORTS[sort]
            first = column.desc() if descending else column.asc()
            # undated or untitled rows last either way
            order = (column.is_(None), first, *order)
        ids = list(conn.execute(
            sa.select(documents.c.id).where(*where).order_by(*order).limit(limit).offset(offset)
        ).scalars())
        if not ids:
            return []
        rows = conn.execute(sa.select(documents).where(documents.c.id.in_(ids))).mappings()
        by_id = {r["id"]: row_document(r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def overview_counts(store: Store) -> dict[str, int]:
    """The overview's numbers: articles, reader comments, entities, claims, events,
    and the work a stopped run left over (what ``fogwatch repair`` finishes).

    Documents not reconciled are found through the (reconciled_at, ingested_at)
    index, so the leftover counts cost nothing when there is no leftover work: a
    document not analysed is never marked reconciled.
    """
    count = sa.func.count()
    with store.reading("counting the overview") as conn:
        one = lambda stmt: int(conn.execute(stmt).scalar_one())  # noqa: E731
        out = {
            "documents": one(sa.select(count).select_from(documents)
                             .where(documents.c.section == "body")),
            "comments": one(sa.select(count).select_from(documents)
                            .where(documents.c.section == "comment")),
            "entities": one(sa.select(count).select_from(entities)),
            "propositions": one(sa.select(count).select_from(propositions)),
            "merged_events": one(sa.select(count).select_from(merged_events)),
            # articles with no publication date (on the section/date index)
            "documents_undated": one(sa.select(count).select_from(documents).where(
                documents.c.section == "body", documents.c.published_date.is_(None))),
        }
        pending = conn.execute(
            sa.select(
                sa.func.count(documents.c.id),
                sa.func.count(documents.c.analyzed_at),
            ).where(documents.c.reconciled_at.is_(None))
        ).one()
    out["documents_not_analysed"] = int(pending[0]) - int(pending[1])
    out["documents_not_reconciled"] = int(pending[1])
    return out


def store_version(store: Store) -> tuple[Any, ...]:
    """A cheap fingerprint that changes when documents, findings, cross-document
    records or corrections are added, a correction is withdrawn or a watched
    claim changes (each a lookup at the end of an index, or over a small table).

    Caches keyed on it are never stale after a write; they still expire after
    a few seconds, for changes it cannot see (a document marked reconciled).
    """
    stmts = [
        sa.select(sa.func.max(mentions.c.id)),
        sa.select(sa.func.max(events.c.id)),
        sa.select(sa.func.max(proposition_stances.c.id)),
        sa.select(sa.func.max(corrections.c.id)),  # a rejected finding leaves the totals
        sa.select(sa.func.max(corrections.c.withdrawn_at)),  # ... and comes back
        sa.select(sa.func.max(entity_corrections.c.id)),  # a name, a type, a merge
        sa.select(sa.func.max(entity_corrections.c.withdrawn_at)),
        # the claim board: a member moved, a split, a merge, a stance set; withdrawn
        sa.select(sa.func.max(claim_corrections.c.id)),
        sa.select(sa.func.max(claim_corrections.c.withdrawn_at)),
        sa.select(sa.func.max(claim_corrections.c.checked_at)),  # applied again, orphaned
        # watched claims: added, removed or marked seen (a small table)
        sa.select(sa.func.count()).select_from(watched_claims),
        sa.select(sa.func.max(watched_claims.c.seen_at)),
    ]
    with store.reading("reading the store's version") as conn:
        if conn.dialect.name == "sqlite":
            stmts.append(sa.select(sa.func.max(sa.literal_column("rowid"))).select_from(documents))
        else:
            stmts.append(sa.select(sa.func.max(documents.c.ingested_at)))
        # one statement: every cached value asks for it
        return tuple(conn.execute(sa.select(*(s.scalar_subquery() for s in stmts))).one())
