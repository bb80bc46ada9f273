"""Entities: a page of them, one with its counts, its mentions in context, what
it says, its events, the entities it appears with, and display names for keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.store.browse.common import (
    DOC_COLUMNS,
    DocumentRef,
    FindingRow,
    clamp,
    document_ref,
    latest_articles,
    recent_documents_with,
)
from fogwatch.store.browse.findings import list_findings
from fogwatch.store.entity_stats import EntityStats, entity_filters
from fogwatch.store.schema import (
    document_entities,
    documents,
    entities,
    events,
    mentions,
    places,
)

if TYPE_CHECKING:
    from fogwatch.store.store import Store


OUTLET_SAMPLE = 300  # entity lists count outlets over this many latest documents per entity


@dataclass(slots=True)
class Cooccurrence:
    key: str
    name: str
    type: str
    documents: int


CONTEXT_CHARS = 90


def entity_mentions(
    store: Store, key: str, *, limit: int = 20, offset: int = 0
) -> tuple[list[tuple[dict[str, Any], DocumentRef]], int]:
    """An entity's mentions, most recently stored first, with their documents and a
    few words either side (cut by the database: no whole text is read)."""
    limit, offset = clamp(limit, offset)
    left = sa.case((mentions.c.start > CONTEXT_CHARS, mentions.c.start - CONTEXT_CHARS), else_=0)
    window = sa.func.substr(
        documents.c.text, left + 1, mentions.c.end - left + CONTEXT_CHARS
    ).label("window")
    stmt = (
        sa.select(
            mentions.c.text, mentions.c.start, mentions.c.end, mentions.c.sentence,
            mentions.c.type, left.label("left"), window, *DOC_COLUMNS,
        )
        .join(documents, documents.c.id == mentions.c.document_id)
        .where(mentions.c.entity_key == key)
        .order_by(mentions.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    count = sa.select(sa.func.count()).select_from(mentions).where(mentions.c.entity_key == key)
    with store.reading("listing mentions") as conn:
        rows = [
            ({"text": r.text, "start": r.start, "end": r.end, "sentence": r.sentence,
              "type": r.type, "context": _context(r.window or "", r.start - r.left,
                                                  r.end - r.left)}, document_ref(r))
            for r in conn.execute(stmt)
        ]
        total = int(conn.execute(count).scalar_one())
    return rows, total


def _context(window: str, start: int, end: int) -> dict[str, str]:
    before, match, after = window[:start], window[start:end], window[end:]
    # Whole words only at the cut ends.
    if " " in before:
        before = before[before.index(" ") + 1:] if len(before) >= CONTEXT_CHARS else before
    if " " in after and len(after) >= CONTEXT_CHARS:
        after = after[:after.rindex(" ")]
    return {"before": before, "match": match, "after": after}


def place_key_of(store: Store, entity_key: str) -> str | None:
    """The gazetteer place key ("geo:…") an entity was resolved to, if it is a place.

    Read from the entity's latest documents, whose places are found by their
    document index, rather than by scanning every place row.
    """
    with store.reading("finding an entity's place") as conn:
        doc_ids = recent_documents_with(conn, entity_key, 5)
        if not doc_ids:
            return None
        stmt = (
            sa.select(places.c["key"])
            .where(places.c.document_id.in_(doc_ids), places.c.entity_key == entity_key)
            .limit(1)
        )
        return conn.execute(stmt).scalar()


def cooccurring(store: Store, key: str, *, sample: int = 200, limit: int = 15) -> list[Cooccurrence]:
    """Entities that share documents with ``key``, counted over its ``sample`` most
    recent documents."""
    with store.reading("counting co-occurring entities") as conn:
        doc_ids = recent_documents_with(conn, key, sample)
        if not doc_ids:
            return []
        n_docs = sa.func.count(sa.distinct(mentions.c.document_id))
        stmt = (
            sa.select(entities.c["key"], entities.c.name, entities.c.type, n_docs.label("n"))
            .join(entities, entities.c["key"] == mentions.c.entity_key)
            .where(mentions.c.document_id.in_(doc_ids), mentions.c.entity_key != key)
            .group_by(entities.c["key"], entities.c.name, entities.c.type)
            .order_by(n_docs.desc(), entities.c.name)
            .limit(limit)
        )
        return [Cooccurrence(r.key, r.name, r.type, int(r.n)) for r in conn.execute(stmt)]


def entity_events(
    store: Store, key: str, *, sample: int = 200, limit: int = 30
) -> list[FindingRow]:
    """Per-document events with ``key`` as actor or target, from its ``sample`` most
    recent documents, newest first."""
    with store.reading("listing an entity's events") as conn:
        doc_ids = recent_documents_with(conn, key, sample)
        if not doc_ids:
            return []
        stmt = (
            sa.select(events.c.idx, events.c.data, *DOC_COLUMNS)
            .join(documents, documents.c.id == events.c.document_id)
            .where(events.c.document_id.in_(doc_ids),  # an analyst's rejected ones aside
                   sa.or_(events.c.review.is_(None), events.c.review != "rejected"))
            .order_by(events.c.id.desc())
        )
        out: list[FindingRow] = []
        for r in conn.execute(stmt):
            data = r.data
            if key in (data.get("actors") or []) or key in (data.get("targets") or []):
                out.append(FindingRow("events", document_ref(r), r.idx, dict(data)))
                if len(out) >= limit:
                    break
        return out


def active_entities(store: Store, *, sample: int = 300, limit: int = 12) -> list[Cooccurrence]:
    """The entities mentioned in most of the ``sample`` latest published articles."""
    with store.reading("finding active entities") as conn:
        latest = latest_articles(sample)
        n_docs = sa.func.count(sa.distinct(mentions.c.document_id))
        stmt = (
            sa.select(entities.c["key"], entities.c.name, entities.c.type, n_docs.label("n"))
            .join(entities, entities.c["key"] == mentions.c.entity_key)
            .where(mentions.c.document_id.in_(latest))
            .group_by(entities.c["key"], entities.c.name, entities.c.type)
            .order_by(n_docs.desc(), sa.func.count().desc(), entities.c.name)
            .limit(limit)
        )
        return [Cooccurrence(r.key, r.name, r.type, int(r.n)) for r in conn.execute(stmt)]


def claims_by(
    store: Store, key: str, *, limit: int = 20, offset: int = 0
) -> tuple[list[FindingRow], int]:
    """Attributions whose source is the entity ``key``, newest stored first."""
    return list_findings(
        store, "attributions", {"source": key}, limit=limit, offset=offset
    )


# name -> column; a page asks for an order by name, so no request value reaches the SQL
ENTITY_SORTS: dict[str, Any] = {
    "mentions": entities.c.n_mentions,
    "documents": entities.c.n_documents,
    "name": entities.c.name,
    "type": entities.c.type,
}


def entity_list(
    store: Store, *, type: str | None = None, query: str | None = None,
    limit: int = 50, offset: int = 0, sort: str = "mentions", descending: bool = True,
    outlets: bool = True,
) -> list[EntityStats]:
    """A page of entities, most mentioned first (what :meth:`Store.entities` answers),
    or in the order ``sort`` names (one of :data:`ENTITY_SORTS`), ascending unless
    ``descending``.

    The ranking reads the counts kept on each entity row (indexed), so it costs
    the same however many mentions the store holds; outlets are then counted for
    the page's entities only (over each one's :data:`OUTLET_SAMPLE` latest
    documents), or left empty unless ``outlets``: :func:`entity_outlets` counts them.
    """
    limit, offset = clamp(limit, offset)
    order: list[Any] = [entities.c.n_mentions.desc(), entities.c.name, entities.c["key"]]
    if sort in ENTITY_SORTS and (sort, descending) != ("mentions", True):
        column = ENTITY_SORTS[sort]
        order.insert(0, column.desc() if descending else column.asc())
    ranked = (
        sa.select(entities.c["key"])
        .where(*entity_filters(type, query))
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    with store.reading("listing entities") as conn:
        keys = list(conn.execute(ranked).scalars())
        return _entity_stats(conn, keys, outlet_sample=OUTLET_SAMPLE, outlets=outlets)


def entity_stats_of(store: Store, key: str, *, outlets: bool = True) -> EntityStats | None:
    """One entity with its mention, document and outlet counts (the outlets left
    empty unless ``outlets``: :func:`entity_outlets` counts them apart)."""
    with store.reading("reading an entity") as conn:
        found = _entity_stats(conn, [key], outlets=outlets)
        if found:
            return found[0]
        row = conn.execute(sa.select(entities).where(entities.c["key"] == key)).mappings().first()
    if row is None:
        return None
    return EntityStats(
        key=row["key"], name=row["name"], type=row["type"], aliases=list(row["aliases"] or []),
        mentions=0, documents=0, description=row["description"], country=row["country"],
        gazetteer=bool(row["gazetteer"]),
    )


def entity_outlets(store: Store, key: str, *, sample: int | None = None) -> dict[str, int]:
    """Outlet -> documents mentioning ``key``, most first (over its ``sample`` latest
    documents, or all of them). Every document's row is visited: for an entity in
    most of the store, a few hundred milliseconds."""
    with store.reading("counting an entity's outlets") as conn:
        return _entity_outlets(conn, key, sample)


def _entity_stats(
    conn: Connection, keys: list[str], *, outlet_sample: int | None = None,
    outlets: bool = True,
) -> list[EntityStats]:
    """Stats for the given entities, in the given order.

    Mention and document counts are kept on the entity row. Outlets need each
    document's row: with ``outlet_sample`` they are counted over that many of
    the entity's latest documents only.
    """
    if not keys:
        return []
    rows = {
        r["key"]: r
        for r in conn.execute(sa.select(entities).where(entities.c["key"].in_(keys))).mappings()
    }
    out = []
    for key in keys:
        r = rows.get(key)
        if r is None:
            continue
        out.append(EntityStats(
            key=key, name=r["name"], type=r["type"], aliases=list(r["aliases"] or []),
            mentions=int(r["n_mentions"] or 0), documents=int(r["n_documents"] or 0),
            outlets=_entity_outlets(conn, key, outlet_sample) if outlets else {},
            description=r["description"], country=r["country"], gazetteer=bool(r["gazetteer"]),
        ))
    return out


def _entity_outlets(conn: Connection, key: str, sample: int | None) -> dict[str, int]:
    """Outlet -> documents mentioning ``key`` (over its ``sample`` latest documents)."""
    docs = (
        sa.select(document_entities.c.document_id)
        .where(document_entities.c.entity_key == key)
    )
    if sample is not None:
        docs = docs.order_by(document_entities.c.document_id.desc()).limit(sample)
    docs_sq = docs.subquery()
    outlet = sa.func.coalesce(documents.c.outlet, "(unknown)")
    stmt = (
        sa.select(outlet.label("outlet"), sa.func.count().label("n"))
        .select_from(docs_sq.join(documents, documents.c.id == docs_sq.c.document_id))
        .group_by(outlet)
    )
    found = {name: int(n) for name, n in conn.execute(stmt)}
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))


def count_entities(store: Store, *, type: str | None = None, query: str | None = None) -> int:
    """How many entities :meth:`Store.entities` would page through with these filters."""
    stmt = sa.select(sa.func.count()).select_from(entities).where(*entity_filters(type, query))
    with store.reading("counting entities") as conn:
        return int(conn.execute(stmt).scalar_one())


def entity_names(store: Store, keys: list[str]) -> dict[str, str]:
    """Display names for entity keys; place keys ("geo:…") fall back to the place name."""
    keys = sorted({k for k in keys if k})
    if not keys:
        return {}
    out: dict[str, str] = {}
    with store.reading("reading entity names") as conn:
        for chunk in (keys[i:i + 500] for i in range(0, len(keys), 500)):
            stmt = sa.select(entities.c["key"], entities.c.name).where(
                entities.c["key"].in_(chunk)
            )
            out.update({k: n for k, n in conn.execute(stmt)})
            missing = [k for k in chunk if k not in out]
            if missing:
                out.update(_place_names(conn, missing))
    return out


def _place_names(conn: Connection, keys: list[str]) -> dict[str, str]:
    """A name stored for each place key (the gazetteer's name for the key, the
    same on every row): one indexed lookup per key, not a pass over the
    thousands of rows a much-reported place has."""
    out: dict[str, str] = {}
    for chunk in (keys[i:i + 100] for i in range(0, len(keys), 100)):
        parts = [
            sa.select(sa.literal(k, sa.String).label("key"), sa.select(places.c.name)
                      .where(places.c["key"] == k, places.c.name.is_not(None))
                      .limit(1).scalar_subquery().label("name"))
            for k in chunk
        ]
        stmt = parts[0] if len(parts) == 1 else sa.union_all(*parts)
        out.update({k: n for k, n in conn.execute(stmt) if n})
    return out
