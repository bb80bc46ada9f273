"""Read queries for browsing the store page by page (the web app's reads).

Every query here is bounded: it filters on indexed columns, returns one page
(``limit``/``offset``) and never loads whole analyses, so the pages that use
them stay fast on a store of 100,000 documents. Aggregates that would have to
visit every row (co-occurring entities, an entity's events) are computed over
the most recent documents only, and say so through their ``sample`` argument.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from fogwatch.findings import Document
from fogwatch.store import crossdoc
from fogwatch.store.entity_stats import EntityStats
from fogwatch.store.records import published_date, row_document
from fogwatch.store.schema import (
    FINDING_TABLES,
    attributions,
    document_entities,
    documents,
    entities,
    events,
    mentions,
    merged_events,
    places,
    proposition_stances,
    propositions,
    quantities,
    times,
)

MAX_LIMIT = 500
OUTLET_SAMPLE = 300  # entity lists count outlets over this many latest documents per entity


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


@dataclass(slots=True)
class Cooccurrence:
    key: str
    name: str
    type: str
    documents: int


@dataclass(slots=True)
class MapPlace:
    key: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    documents: int
    events: int = 0
    entity: str | None = None


@dataclass(slots=True)
class FindingFilters:
    """Filters for :func:`list_findings`; each applies only to the kinds that have it."""

    document: str | None = None
    type: str | None = None  # times, events
    value: str | None = None  # times: normalised value prefix ("2025-11")
    since: str | None = None  # times: interval end on/after; events: time value on/after
    until: str | None = None
    source_entity: str | None = None  # attributions
    stance: str | None = None  # attributions
    kind: str | None = None  # attributions: direct / indirect / mixed
    modality: str | None = None  # events
    place: str | None = None  # events: place key; places: place key
    unit: str | None = None  # quantities
    country: str | None = None  # places
    extra: dict[str, Any] = field(default_factory=dict)


_DOC_COLUMNS = (
    documents.c.id, documents.c.title, documents.c.outlet, documents.c.published,
    documents.c.section, documents.c.url,
)


def _clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(0, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def _ref(row: Any) -> DocumentRef:
    return DocumentRef(
        id=row.id, title=row.title, outlet=row.outlet, published=row.published,
        section=row.section, url=row.url,
    )


def _finding_where(kind: str, f: FindingFilters) -> list[Any]:
    table = FINDING_TABLES[kind]
    where: list[Any] = []
    if f.document:
        where.append(table.c.document_id == f.document)
    if kind == "times":
        if f.type:
            where.append(times.c.type == f.type)
        if f.value:
            where.append(times.c.value.startswith(f.value, autoescape=True))
        if f.since:
            where.append(times.c.interval_end >= f.since)
        if f.until:
            where.append(times.c.interval_start <= f.until + "\uffff")
    elif kind == "attributions":
        if f.source_entity:
            where.append(attributions.c.source_entity == f.source_entity)
        if f.stance:
            where.append(attributions.c.stance == f.stance)
        if f.kind:
            where.append(attributions.c.kind == f.kind)
    elif kind == "events":
        if f.type:
            where.append(events.c.type == f.type)
        if f.modality:
            where.append(events.c.modality == f.modality)
        if f.place:
            where.append(events.c.place == f.place)
        if f.since:
            where.append(events.c.time_value >= f.since)
        if f.until:
            where.append(events.c.time_value <= f.until + "\uffff")
    elif kind == "quantities":
        if f.unit:
            where.append(quantities.c.unit == f.unit)
    elif kind == "places":
        if f.place:
            where.append(places.c["key"] == f.place)
        if f.country:
            where.append(places.c.country == f.country)
    return where


def list_findings(
    store: Any, kind: str, filters: FindingFilters | None = None, *,
    limit: int = 50, offset: int = 0,
) -> tuple[list[FindingRow], int]:
    """One page of stored findings of ``kind`` (a :data:`FINDING_TABLES` key), newest
    stored first, and how many match in all."""
    if kind not in FINDING_TABLES:
        raise ValueError(f"unknown finding kind {kind!r}")
    table = FINDING_TABLES[kind]
    limit, offset = _clamp(limit, offset)
    where = _finding_where(kind, filters or FindingFilters())
    stmt = (
        sa.select(table.c.idx, table.c.data, *_DOC_COLUMNS)
        .join(documents, documents.c.id == table.c.document_id)
        .where(*where)
        .order_by(table.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    count = sa.select(sa.func.count()).select_from(table).where(*where)
    with store._read(f"listing {kind}") as conn:
        rows = [
            FindingRow(kind=kind, document=_ref(r), idx=r.idx, data=dict(r.data))
            for r in conn.execute(stmt)
        ]
        total = int(conn.execute(count).scalar_one())
    return rows, total


def document_refs(store: Any, ids: list[str]) -> dict[str, DocumentRef]:
    """Link data for the given documents (missing ids are left out)."""
    if not ids:
        return {}
    stmt = sa.select(*_DOC_COLUMNS).where(documents.c.id.in_(sorted(set(ids))))
    with store._read("reading document titles") as conn:
        return {r.id: _ref(r) for r in conn.execute(stmt)}


def comments_of(store: Any, doc_id: str, *, limit: int = 200) -> list[Document]:
    """The reader comments stored under an article, in the order they were stored."""
    stmt = (
        sa.select(documents)
        .where(documents.c.parent_id == doc_id)
        .order_by(documents.c.ingested_at, documents.c.id)
        .limit(limit)
    )
    with store._read("reading comments") as conn:
        return [row_document(r) for r in conn.execute(stmt).mappings()]


def comment_counts(store: Any, doc_ids: list[str]) -> dict[str, int]:
    if not doc_ids:
        return {}
    stmt = (
        sa.select(documents.c.parent_id, sa.func.count())
        .where(documents.c.parent_id.in_(doc_ids))
        .group_by(documents.c.parent_id)
    )
    with store._read("counting comments") as conn:
        return {p: int(n) for p, n in conn.execute(stmt)}


def finding_counts(store: Any, doc_ids: list[str]) -> dict[str, dict[str, int]]:
    """Per document: how many findings of each kind (entities counted as mentioned ones)."""
    out: dict[str, dict[str, int]] = {d: {} for d in doc_ids}
    if not doc_ids:
        return out
    tables = {"entities": None, **FINDING_TABLES}
    with store._read("counting findings") as conn:
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
                    sa.select(column, sa.func.count()).where(column.in_(doc_ids)).group_by(column)
                )
            for doc_id, n in conn.execute(stmt):
                out[doc_id][kind] = int(n)
    return out


def outlets(store: Any, *, limit: int = 200) -> list[str]:
    """Outlet names in the store, alphabetically."""
    stmt = (
        sa.select(documents.c.outlet).where(documents.c.outlet.is_not(None))
        .distinct().order_by(documents.c.outlet).limit(limit)
    )
    with store._read("listing outlets") as conn:
        return [r[0] for r in conn.execute(stmt)]


# --- entities ---------------------------------------------------------------------


def _recent_documents_with(conn: Any, key: str, sample: int) -> list[str]:
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


CONTEXT_CHARS = 90


def entity_mentions(
    store: Any, key: str, *, limit: int = 20, offset: int = 0
) -> tuple[list[tuple[dict[str, Any], DocumentRef]], int]:
    """An entity's mentions, most recently stored first, with their documents and a
    few words either side (cut by the database: no whole text is read)."""
    limit, offset = _clamp(limit, offset)
    left = sa.case((mentions.c.start > CONTEXT_CHARS, mentions.c.start - CONTEXT_CHARS), else_=0)
    window = sa.func.substr(
        documents.c.text, left + 1, mentions.c.end - left + CONTEXT_CHARS
    ).label("window")
    stmt = (
        sa.select(
            mentions.c.text, mentions.c.start, mentions.c.end, mentions.c.sentence,
            mentions.c.type, left.label("left"), window, *_DOC_COLUMNS,
        )
        .join(documents, documents.c.id == mentions.c.document_id)
        .where(mentions.c.entity_key == key)
        .order_by(mentions.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    count = sa.select(sa.func.count()).select_from(mentions).where(mentions.c.entity_key == key)
    with store._read("listing mentions") as conn:
        rows = [
            ({"text": r.text, "start": r.start, "end": r.end, "sentence": r.sentence,
              "type": r.type, "context": _context(r.window or "", r.start - r.left,
                                                  r.end - r.left)}, _ref(r))
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


def place_key_of(store: Any, entity_key: str) -> str | None:
    """The gazetteer place key ("geo:…") an entity was resolved to, if it is a place.

    Read from the entity's latest documents, whose places are found by their
    document index, rather than by scanning every place row.
    """
    with store._read("finding an entity's place") as conn:
        doc_ids = _recent_documents_with(conn, entity_key, 5)
        if not doc_ids:
            return None
        stmt = (
            sa.select(places.c["key"])
            .where(places.c.document_id.in_(doc_ids), places.c.entity_key == entity_key)
            .limit(1)
        )
        return conn.execute(stmt).scalar()


def cooccurring(store: Any, key: str, *, sample: int = 200, limit: int = 15) -> list[Cooccurrence]:
    """Entities that share documents with ``key``, counted over its ``sample`` most
    recent documents."""
    with store._read("counting co-occurring entities") as conn:
        doc_ids = _recent_documents_with(conn, key, sample)
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
    store: Any, key: str, *, sample: int = 200, limit: int = 30
) -> list[FindingRow]:
    """Per-document events with ``key`` as actor or target, from its ``sample`` most
    recent documents, newest first."""
    with store._read("listing an entity's events") as conn:
        doc_ids = _recent_documents_with(conn, key, sample)
        if not doc_ids:
            return []
        stmt = (
            sa.select(events.c.idx, events.c.data, *_DOC_COLUMNS)
            .join(documents, documents.c.id == events.c.document_id)
            .where(events.c.document_id.in_(doc_ids))
            .order_by(events.c.id.desc())
        )
        out: list[FindingRow] = []
        for r in conn.execute(stmt):
            data = r.data
            if key in (data.get("actors") or []) or key in (data.get("targets") or []):
                out.append(FindingRow("events", _ref(r), r.idx, dict(data)))
                if len(out) >= limit:
                    break
        return out


def active_entities(store: Any, *, sample: int = 300, limit: int = 12) -> list[Cooccurrence]:
    """The entities mentioned in most of the ``sample`` latest published articles."""
    with store._read("finding active entities") as conn:
        latest = _latest_articles(sample)
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
    store: Any, key: str, *, limit: int = 20, offset: int = 0
) -> tuple[list[FindingRow], int]:
    """Attributions whose source is the entity ``key``, newest stored first."""
    return list_findings(
        store, "attributions", FindingFilters(source_entity=key), limit=limit, offset=offset
    )


# --- places -----------------------------------------------------------------------


def _latest_articles(sample: int) -> Any:
    """The ids of the ``sample`` latest published articles, as a subquery (an index range)."""
    return (
        sa.select(documents.c.id)
        .where(documents.c.section == "body", documents.c.published_date.is_not(None))
        .order_by(documents.c.published_date.desc())
        .limit(sample)
        .scalar_subquery()
    )


def map_places(store: Any, *, sample: int = 2000, limit: int = 1000) -> list[MapPlace]:
    """Geocoded places mentioned in the ``sample`` latest articles, with how many of
    those articles mention them and how many stored events happen there, most
    mentioned first."""
    n_docs = sa.func.count(sa.distinct(places.c.document_id))
    stmt = (
        sa.select(
            places.c["key"], sa.func.max(places.c.name).label("name"),
            sa.func.max(places.c.lat).label("lat"), sa.func.max(places.c.lon).label("lon"),
            sa.func.max(places.c.country).label("country"),
            sa.func.max(places.c.admin1).label("admin1"),
            sa.func.max(places.c.entity_key).label("entity"),
            n_docs.label("n"),
        )
        .where(
            places.c.document_id.in_(_latest_articles(max(1, sample))),
            places.c.lat.is_not(None), places.c.lon.is_not(None),
        )
        .group_by(places.c["key"])
        .order_by(n_docs.desc(), places.c["key"])
        .limit(max(1, min(limit, 5000)))
    )
    with store._read("listing places") as conn:
        found = [
            MapPlace(
                key=r.key, name=r.name, lat=float(r.lat), lon=float(r.lon), country=r.country,
                admin1=r.admin1, documents=int(r.n), entity=r.entity,
            )
            for r in conn.execute(stmt)
        ]
        by_key = {p.key: p for p in found}
        keys = list(by_key)
        for chunk in (keys[i:i + 500] for i in range(0, len(keys), 500)):
            ev = (
                sa.select(events.c.place, sa.func.count())
                .where(events.c.place.in_(chunk))
                .group_by(events.c.place)
            )
            for place, n in conn.execute(ev):
                by_key[place].events = int(n)
    return found


def entity_list(
    store: Any, *, type: str | None = None, query: str | None = None,
    limit: int = 50, offset: int = 0,
) -> list[EntityStats]:
    """A page of entities, most mentioned first (what :meth:`Store.entities` answers).

    The ranking reads the counts kept on each entity row (indexed), so it costs
    the same however many mentions the store holds; outlets are then counted for
    the page's entities only.
    """
    from fogwatch.store.entity_stats import _filters

    limit, offset = _clamp(limit, offset)
    ranked = (
        sa.select(entities.c["key"])
        .where(*_filters(type, query))
        .order_by(entities.c.n_mentions.desc(), entities.c.name, entities.c["key"])
        .limit(limit)
        .offset(offset)
    )
    with store._read("listing entities") as conn:
        keys = list(conn.execute(ranked).scalars())
        return _entity_stats(conn, keys, outlet_sample=OUTLET_SAMPLE)


def entity_stats_of(store: Any, key: str) -> EntityStats | None:
    """One entity with its mention, document and outlet counts."""
    with store._read("reading an entity") as conn:
        found = _entity_stats(conn, [key])
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


def _entity_stats(
    conn: Any, keys: list[str], *, outlet_sample: int | None = None,
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
            outlets=_entity_outlets(conn, key, outlet_sample),
            description=r["description"], country=r["country"], gazetteer=bool(r["gazetteer"]),
        ))
    return out


def _entity_outlets(conn: Any, key: str, sample: int | None) -> dict[str, int]:
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


def count_entities(store: Any, *, type: str | None = None, query: str | None = None) -> int:
    """How many entities :meth:`Store.entities` would page through with these filters."""
    from fogwatch.store.entity_stats import _filters

    stmt = sa.select(sa.func.count()).select_from(entities).where(*_filters(type, query))
    with store._read("counting entities") as conn:
        return int(conn.execute(stmt).scalar_one())


def entity_names(store: Any, keys: list[str]) -> dict[str, str]:
    """Display names for entity keys; place keys ("geo:…") fall back to the place name."""
    keys = sorted({k for k in keys if k})
    if not keys:
        return {}
    out: dict[str, str] = {}
    with store._read("reading entity names") as conn:
        for chunk in (keys[i:i + 500] for i in range(0, len(keys), 500)):
            stmt = sa.select(entities.c["key"], entities.c.name).where(
                entities.c["key"].in_(chunk)
            )
            out.update({k: n for k, n in conn.execute(stmt)})
            missing = [k for k in chunk if k not in out]
            if missing:
                stmt = (
                    sa.select(places.c["key"], sa.func.max(places.c.name))
                    .where(places.c["key"].in_(missing)).group_by(places.c["key"])
                )
                out.update({k: n for k, n in conn.execute(stmt) if n})
    return out


# --- timeline ---------------------------------------------------------------------


@dataclass(slots=True)
class TimelineItem:
    kind: str  # "event" (a merged event) or "claim" (a proposition)
    id: str
    date: str | None


def _timeline_filters(
    entity: str | None, place: str | None, type: str | None, modality: str | None,
    outlet: str | None, since: str | None, until: str | None,
) -> tuple[list[Any], list[Any]]:
    """The timeline's selection: conditions on merged events and on propositions."""
    ev_where = crossdoc.event_filters(
        entity=entity, place=place, type=type, modality=modality, outlet=outlet,
        since=since, until=until,
    )
    cl_where = crossdoc.proposition_filters(entity=entity, since=since, until=until)
    if place:
        cl_where.append(propositions.c.place == place)
    if type:
        cl_where.append(propositions.c.type == type.upper())
    if outlet:
        cl_where.append(propositions.c.id.in_(
            sa.select(proposition_stances.c.proposition_id)
            .where(proposition_stances.c.outlet == outlet)
        ))
    return ev_where, cl_where


def timeline_day_counts(
    store: Any, *, entity: str | None = None, place: str | None = None,
    type: str | None = None, modality: str | None = None, outlet: str | None = None,
    since: str | None = None, until: str | None = None, events_too: bool = True,
    claims_too: bool = True,
) -> dict[str, dict[str, int]]:
    """How many timeline items each day holds, by style (an event's modality,
    "claim" or "contested"), over every item the filters select, not one page.

    The same selection as :func:`timeline_page` (events by their start, claims by
    the day first seen), counted with one GROUP BY per side on the date-indexed
    columns, so it costs two small aggregates whatever the range.
    """
    counts: dict[str, dict[str, int]] = {}

    def add(day: Any, style: str, n: int) -> None:
        if day:
            by_style = counts.setdefault(str(day)[:10], {})
            by_style[style] = by_style.get(style, 0) + int(n)

    ev_where, cl_where = _timeline_filters(entity, place, type, modality, outlet, since, until)
    with store._read("counting the timeline by day") as conn:
        if events_too:
            day = merged_events.c.start
            for row in conn.execute(
                sa.select(day, merged_events.c.modality, sa.func.count())
                .where(*ev_where, day.is_not(None))
                .group_by(day, merged_events.c.modality)
            ):
                add(row[0], row[1], row[2])
        if claims_too and not modality:  # claims have no modality
            day = propositions.c.first_seen
            for row in conn.execute(
                sa.select(day, propositions.c.contested, sa.func.count())
                .where(*cl_where, day.is_not(None))
                .group_by(day, propositions.c.contested)
            ):
                add(row[0], "contested" if row[1] else "claim", row[2])
    return counts


def timeline_page(
    store: Any, *, entity: str | None = None, place: str | None = None,
    type: str | None = None, modality: str | None = None, outlet: str | None = None,
    since: str | None = None, until: str | None = None, events_too: bool = True,
    claims_too: bool = True, limit: int = 25, offset: int = 0,
) -> tuple[list[TimelineItem], int]:
    """One page of merged events and dated claims, newest first, and how many in all.

    Each side is read in date order through its date index (``limit + offset`` rows
    at most) and the two are merged here, so no request sorts the whole store.
    Claims answer the filters they have (entity, place, category, outlet, dates);
    a modality filter leaves only events.
    """
    limit, offset = _clamp(limit, offset)
    want = limit + offset
    ev_where, cl_where = _timeline_filters(entity, place, type, modality, outlet, since, until)
    claims_too = claims_too and not modality
    items: list[TimelineItem] = []
    total = 0
    with store._read("reading the timeline") as conn:
        if events_too:
            total += int(conn.execute(
                sa.select(sa.func.count()).select_from(merged_events).where(*ev_where)
            ).scalar_one())
            stmt = (
                sa.select(merged_events.c.id, merged_events.c.start)
                .where(*ev_where)
                .order_by(merged_events.c.start.desc().nulls_last(), merged_events.c.id)
                .limit(want)
            )
            items += [TimelineItem("event", r.id, r.start) for r in conn.execute(stmt)]
        if claims_too:
            total += int(conn.execute(
                sa.select(sa.func.count()).select_from(propositions).where(*cl_where)
            ).scalar_one())
            stmt = (
                sa.select(propositions.c.id, propositions.c.first_seen)
                .where(*cl_where)
                .order_by(propositions.c.first_seen.desc().nulls_last(), propositions.c.id)
                .limit(want)
            )
            items += [TimelineItem("claim", r.id, r.first_seen) for r in conn.execute(stmt)]
    # Newest first, undated last; events before claims on the same day.
    items.sort(key=lambda i: (i.kind != "event", i.id))
    items.sort(key=lambda i: i.date or "", reverse=True)
    items.sort(key=lambda i: i.date is None)
    return items[offset:offset + limit], total


def recent_places(store: Any, *, sample: int = 300, limit: int = 60) -> list[tuple[str, str]]:
    """(key, name) of the places most mentioned in the ``sample`` latest articles."""
    n_docs = sa.func.count(sa.distinct(places.c.document_id))
    stmt = (
        sa.select(places.c["key"], sa.func.max(places.c.name).label("name"))
        .where(places.c.document_id.in_(_latest_articles(sample)))
        .group_by(places.c["key"])
        .order_by(n_docs.desc(), places.c["key"])
        .limit(limit)
    )
    with store._read("listing recent places") as conn:
        found = [(r.key, r.name or r.key) for r in conn.execute(stmt)]
    return sorted(found, key=lambda kv: kv[1].casefold())


# --- lists for the overview and the document list ----------------------------------


def latest_documents(
    store: Any, *, since: str | None = None, until: str | None = None,
    section: str | None = "body", outlet: str | None = None,
    limit: int = 50, offset: int = 0,
) -> list[Document]:
    """What :meth:`Store.documents` answers (newest published first, undated last),
    read through the published-date index.

    The page's ids are found first by an index scan that stops after
    ``offset + limit`` rows, then only their rows are read: no request sorts
    every document. SQLite puts NULLs last in a descending order already; an
    explicit NULLS LAST would stop it from using the index.
    """
    limit, offset = _clamp(limit, offset)
    where: list[Any] = []
    if since:
        where.append(documents.c.published_date >= (published_date(since) or since))
    if until:
        where.append(documents.c.published_date <= (published_date(until) or until))
    with store._read("listing documents") as conn:
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
        order = (*newest, documents.c.ingested_at.desc(), documents.c.id)
        ids = list(conn.execute(
            sa.select(documents.c.id).where(*where).order_by(*order).limit(limit).offset(offset)
        ).scalars())
        if not ids:
            return []
        rows = conn.execute(sa.select(documents).where(documents.c.id.in_(ids))).mappings()
        by_id = {r["id"]: row_document(r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def overview_counts(store: Any) -> dict[str, int]:
    """The overview's numbers: articles, reader comments, entities, claims, events,
    and the work a stopped run left over (what ``fogwatch repair`` finishes).

    Documents not reconciled are found through the (reconciled_at, ingested_at)
    index, so the leftover counts cost nothing when there is no leftover work: a
    document not analysed is never marked reconciled.
    """
    count = sa.func.count()
    with store._read("counting the overview") as conn:
        one = lambda stmt: int(conn.execute(stmt).scalar_one())  # noqa: E731
        out = {
            "documents": one(sa.select(count).select_from(documents)
                             .where(documents.c.section == "body")),
            "comments": one(sa.select(count).select_from(documents)
                            .where(documents.c.section == "comment")),
            "entities": one(sa.select(count).select_from(entities)),
            "propositions": one(sa.select(count).select_from(propositions)),
            "merged_events": one(sa.select(count).select_from(merged_events)),
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


def store_version(store: Any) -> tuple[Any, ...]:
    """A cheap fingerprint that changes when documents, findings or cross-document
    records are added (each a lookup at the end of an index).

    Caches keyed on it are never stale after a write; they still expire after
    a few seconds, for changes it cannot see (a document marked reconciled).
    """
    stmts = [
        sa.select(sa.func.max(mentions.c.id)),
        sa.select(sa.func.max(events.c.id)),
        sa.select(sa.func.max(proposition_stances.c.id)),
    ]
    with store._read("reading the store's version") as conn:
        if conn.dialect.name == "sqlite":
            stmts.append(sa.select(sa.func.max(sa.literal_column("rowid"))).select_from(documents))
        else:
            stmts.append(sa.select(sa.func.max(documents.c.ingested_at)))
        return tuple(conn.execute(s).scalar() for s in stmts)


def timeline_records(
    store: Any, items: list[TimelineItem]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The merged events and propositions a timeline page names, each read in one
    query (with their reports and stances): id -> record."""
    ev_ids = [i.id for i in items if i.kind == "event"]
    cl_ids = [i.id for i in items if i.kind != "event"]
    with store._read("reading the timeline's records") as conn:
        evs = crossdoc.list_merged_events(
            conn, [merged_events.c.id.in_(ev_ids)], len(ev_ids), 0) if ev_ids else []
        props = crossdoc.list_propositions(
            conn, [propositions.c.id.in_(cl_ids)], len(cl_ids), 0) if cl_ids else []
    return {e.id: e for e in evs}, {p.id: p for p in props}
