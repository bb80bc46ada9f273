"""Stored findings of one kind, page by page, with the filters the kind declares."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from fogwatch.kinds import registry
from fogwatch.store.browse.common import DOC_COLUMNS, FindingRow, clamp, document_ref
from fogwatch.store.schema import documents

if TYPE_CHECKING:
    from fogwatch.store.store import Store


def list_findings(
    store: Store, kind: str, filters: Mapping[str, Any] | None = None, *,
    limit: int = 50, offset: int = 0,
) -> tuple[list[FindingRow], int]:
    """One page of stored findings of ``kind`` (a registered kind's name), newest
    stored first, and how many match in all.

    ``filters``: filter name -> value, among ``document`` and the filters the kind
    declares (:class:`fogwatch.kinds.spec.Filter`); a name it lacks is a ValueError.
    """
    spec = registry.find(kind)
    if spec is None:
        raise ValueError(f"unknown finding kind {kind!r}")
    table = spec.table
    limit, offset = clamp(limit, offset)
    where = spec.where(filters or {})
    stmt = (
        sa.select(table.c.idx, table.c.data, *DOC_COLUMNS)
        .join(documents, documents.c.id == table.c.document_id)
        .where(*where)
        .order_by(table.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    count = sa.select(sa.func.count()).select_from(table).where(*where)
    with store.reading(f"listing {kind}") as conn:
        rows = [
            FindingRow(kind=kind, document=document_ref(r), idx=r.idx, data=dict(r.data))
            for r in conn.execute(stmt)
        ]
        total = int(conn.execute(count).scalar_one())
    return rows, total
