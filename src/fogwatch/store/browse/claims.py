"""The claim board as a sortable, faceted list: the store's proposition filters plus
an outlet that spoke to the claim and its category, in an order chosen from a
fixed set."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from fogwatch.findings import Proposition
from fogwatch.store import crossdoc
from fogwatch.store.browse.common import clamp
from fogwatch.store.confidence import sure_claims
from fogwatch.store.schema import proposition_stances, propositions

if TYPE_CHECKING:
    from fogwatch.store.store import Store

# name -> the columns it orders by, ascending; a page asks for one by name only,
# so no value from a request ever reaches the SQL.
CLAIM_SORTS: dict[str, tuple[Any, ...]] = {
    "board": (propositions.c.contested, propositions.c.n_sources, propositions.c.last_seen),
    "sources": (propositions.c.n_sources, propositions.c.last_seen),
    "documents": (propositions.c.n_documents, propositions.c.last_seen),
    "first_seen": (propositions.c.first_seen,),
    "last_seen": (propositions.c.last_seen,),
    "statement": (propositions.c.statement,),
}


def claim_filters(
    *, entity: str | None = None, contested: bool | None = None, query: str | None = None,
    since: str | None = None, until: str | None = None, outlet: str | None = None,
    category: str | None = None, min_confidence: float | None = None,
) -> list[Any]:
    """Conditions on ``propositions``: the store's filters, a stance from ``outlet``,
    the PLOVER ``category``, and ``min_confidence``: a stance resting on an
    attribution that scores at least that (:mod:`fogwatch.store.confidence`)."""
    where = crossdoc.proposition_filters(
        entity=entity, contested=contested, query=query, since=since, until=until,
    )
    where += sure_claims(min_confidence)
    if outlet:
        where.append(propositions.c.id.in_(
            sa.select(proposition_stances.c.proposition_id)
            .where(proposition_stances.c.outlet == outlet)
        ))
    if category:
        where.append(propositions.c.type == category)
    return where


def claim_page(
    store: Store, *, sort: str = "board", descending: bool = True,
    limit: int = 20, offset: int = 0, **filters: Any,
) -> tuple[list[Proposition], int]:
    """A page of claims with their stances in the order ``sort`` names (one of
    :data:`CLAIM_SORTS`; anything else is the board's order), and how many match."""
    limit, offset = clamp(limit, offset)
    where = claim_filters(**filters)
    columns = CLAIM_SORTS.get(sort, CLAIM_SORTS["board"])
    order = [c.desc() if descending else c.asc() for c in columns]
    order.append(propositions.c.id.desc() if descending else propositions.c.id.asc())
    with store.reading("listing claims") as conn:
        total = crossdoc.count_propositions(conn, where)
        ids = list(conn.execute(
            sa.select(propositions.c.id).where(*where).order_by(*order)
            .limit(limit).offset(offset)
        ).scalars())
        found = crossdoc.list_propositions(conn, [propositions.c.id.in_(ids)], len(ids), 0) \
            if ids else []
    by_id = {p.id: p for p in found}
    return [by_id[i] for i in ids if i in by_id], total
