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
    rows = findings_page(store, kind, filters, limit=limit, offset=offset)
    return rows, count_findings(store, kind, filters)


def _where(kind: str, filters: Mapping[str, Any] | None) -> tuple[Any, list[Any]]:
    spec = registry.find(kind)
    if spec is None:
        raise ValueError(f"unknown finding kind {kind!r}")
    return spec.table, spec.where(filters or {})


def count_findings(store: Store, kind: str, filters: Mapping[str, Any] | None = None) -> int:
    """How many stored findings of ``kind`` match ``filters`` (those of
    :func:`list_findings`). Over a whole table this visits every row: callers
    that serve many requests cache it."""
    table, where = _where(kind, filters)
    count = sa.select(sa.func.count()).select_from(table).where(*where)
    with store.reading(f"counting {kind}") as conn:
        return int(conn.execute(count).scalar_one())


def findings_page(
    store: Store, kind: str, filters: Mapping[str, Any] | None = None, *,
    limit: int = 50, offset: int = 0,
) -> list[FindingRow]:
    """The page of :func:`list_findings` without its total: a walk down the
    table's primary key that stops after ``offset + limit`` matching rows."""
    table, where = _where(kind, filters)
    limit, offset = clamp(limit, offset)
    stmt = (
        sa.select(table.c.idx, table.c.data, *DOC_COLUMNS)
        .join(documents, documents.c.id == table.c.document_id)
        .where(*where)
        .order_by(table.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    with store.reading(f"listing {kind}") as conn:
        return [
            FindingRow(kind=kind, document=document_ref(r), idx=r.idx, data=dict(r.data))
            for r in conn.execute(stmt)
        ]
