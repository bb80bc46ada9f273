"""Listing and counting documents: filters, pages, how far each got, row counts."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.findings import Document
from fogwatch.store.records import published_date, row_document
from fogwatch.store.schema import documents, metadata


def document_filters(
    since: str | None, until: str | None, section: str | None, outlet: str | None
) -> list[Any]:
    """Conditions on ``documents``: published on or after ``since``, on or before
    ``until`` (ISO dates or datetimes), in ``section``, from ``outlet``."""
    where: list[Any] = []
    if since:
        where.append(documents.c.published_date >= (published_date(since) or since))
    if until:
        where.append(documents.c.published_date <= (published_date(until) or until))
    if section:
        where.append(documents.c.section == section)
    if outlet:
        where.append(documents.c.outlet == outlet)
    return where


def list_documents(conn: Connection, where: list[Any], limit: int, offset: int
                   ) -> list[Document]:
    """A page of documents, newest published first (undated ones last)."""
    stmt = (
        sa.select(documents)
        .where(*where)
        .order_by(
            documents.c.published_date.desc().nulls_last(),
            documents.c.published.desc().nulls_last(),
            documents.c.ingested_at.desc(),
            documents.c.id,
        )
        .limit(limit)
        .offset(offset)
    )
    return [row_document(r) for r in conn.execute(stmt).mappings()]


def count_documents(conn: Connection, where: list[Any]) -> int:
    stmt = sa.select(sa.func.count()).select_from(documents).where(*where)
    return int(conn.execute(stmt).scalar_one())


def document_state(conn: Connection, doc_id: str) -> str | None:
    """``stored``, ``analysed`` or ``reconciled`` (see :meth:`Store.document_state`)."""
    row = conn.execute(
        sa.select(documents.c.analyzed_at, documents.c.reconciled_at)
        .where(documents.c.id == doc_id)
    ).first()
    if row is None:
        return None
    if row.analyzed_at is None:
        return "stored"
    return "analysed" if row.reconciled_at is None else "reconciled"


def unfinished(conn: Connection) -> list[tuple[str, str]]:
    """``(id, "stored" | "analysed")`` of documents not reconciled, in ingestion order."""
    stmt = sa.select(documents.c.id, documents.c.analyzed_at).where(
        documents.c.reconciled_at.is_(None)
    ).order_by(documents.c.ingested_at, documents.c.id)
    return [(r.id, "stored" if r.analyzed_at is None else "analysed")
            for r in conn.execute(stmt)]


def row_counts(conn: Connection) -> dict[str, int]:
    """Rows per table, body and comment documents, articles with no publication
    date (``documents_undated``), and the work a stopped run left over
    (``documents_not_analysed``, ``documents_not_reconciled``)."""
    count = sa.func.count()
    out = {
        name: int(conn.execute(sa.select(count).select_from(table)).scalar_one())
        for name, table in metadata.tables.items()
    }
    for section in ("body", "comment"):
        out[f"documents_{section}"] = int(conn.execute(
            sa.select(count).select_from(documents).where(documents.c.section == section)
        ).scalar_one())
    # Articles with no publication date: nothing in them can be dated relative to it.
    out["documents_undated"] = int(conn.execute(
        sa.select(count).select_from(documents)
        .where(documents.c.section == "body", documents.c.published.is_(None))
    ).scalar_one())
    # Work a stopped run left over (`fogwatch repair` finishes it).
    out["documents_not_analysed"] = int(conn.execute(
        sa.select(count).select_from(documents).where(documents.c.analyzed_at.is_(None))
    ).scalar_one())
    out["documents_not_reconciled"] = int(conn.execute(
        sa.select(count).select_from(documents)
        .where(documents.c.analyzed_at.is_not(None), documents.c.reconciled_at.is_(None))
    ).scalar_one())
    return out
