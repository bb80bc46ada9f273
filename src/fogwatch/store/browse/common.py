"""What every browsing query shares: page bounds, document links, finding rows,
and the two bounded samples (an entity's latest documents, the latest articles)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.store.schema import documents, mentions

MAX_LIMIT = 500


@dataclass(slots=True)
class DocumentRef:
    """Enough of a document to link to it: no text."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    section: str = "body"
    url: str | None = None


@dataclass(slots=True)
class FindingRow:
    """One stored finding: its full record (``data``) and the document it sits in."""

    kind: str
    document: DocumentRef
    idx: int
    data: dict[str, Any]


DOC_COLUMNS = (
    documents.c.id, documents.c.title, documents.c.outlet, documents.c.published,
    documents.c.section, documents.c.url,
)


def clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(0, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def document_ref(row: Any) -> DocumentRef:
    return DocumentRef(
        id=row.id, title=row.title, outlet=row.outlet, published=row.published,
        section=row.section, url=row.url,
    )


def recent_documents_with(conn: Connection, key: str, sample: int) -> list[str]:
    """The ids of the ``sample`` documents that mention ``key`` most recently."""
    # Mention ids grow with ingestion, so the newest mentions point at the newest
    # documents; the (entity_key) index keeps this a short range scan.
    stmt = (
        sa.select(mentions.c.document_id)
        .where(mentions.c.entity_key == key)
        .order_by(mentions.c.id.desc())
        .limit(sample * 8)
    )
    seen: dict[str, None] = {}
    for (doc_id,) in conn.execute(stmt):
        seen.setdefault(doc_id, None)
        if len(seen) >= sample:
            break
    return list(seen)


def latest_articles(sample: int) -> sa.ScalarSelect[Any]:
    """The ids of the ``sample`` latest published articles, as a subquery (an index range)."""
    return (
        sa.select(documents.c.id)
        .where(documents.c.section == "body", documents.c.published_date.is_not(None))
        .order_by(documents.c.published_date.desc())
        .limit(sample)
        .scalar_subquery()
    )
