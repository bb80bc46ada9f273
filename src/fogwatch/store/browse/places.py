"""Places for the map and the filters: geocoded places with their article and
event counts, and the places the latest articles mention most."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from fogwatch.store.browse.common import latest_articles
from fogwatch.store.records import published_date
from fogwatch.store.schema import documents, events, places

if TYPE_CHECKING:
    from fogwatch.store.store import Store


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


def map_places(
    store: Store, *, sample: int = 2000, limit: int = 1000,
    since: str | None = None, until: str | None = None, min_confidence: float | None = None,
) -> list[MapPlace]:
    """Geocoded places mentioned in the ``sample`` latest articles, with how many of
    those articles mention them and how many stored events happen there, most
    mentioned first.

    ``since``/``until`` (ISO dates, inclusive) keep the articles published in that
    range (the latest ``sample`` of them); events are then counted in those
    articles only, so that the map shows what was reported in the range.
    Places and events an analyst rejected are left out; ``min_confidence`` leaves
    out places the gazetteer matched with a lower score (those without one stay).
    """
    dated = since or until
    if dated:
        where = [documents.c.section == "body", documents.c.published_date.is_not(None)]
        if since:
            where.append(documents.c.published_date >= (published_date(since) or since))
        if until:
            where.append(documents.c.published_date <= (published_date(until) or until))
        in_range = (
            sa.select(documents.c.id).where(*where)
            .order_by(documents.c.published_date.desc()).limit(max(1, sample))
            .scalar_subquery()
        )
    else:
        in_range = latest_articles(max(1, sample))
    n_docs = sa.func.count(sa.distinct(places.c.document_id))
    score = places.c.data["confidence"].as_float()
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
            places.c.document_id.in_(in_range),
            places.c.lat.is_not(None), places.c.lon.is_not(None),
            sa.or_(places.c.review.is_(None), places.c.review != "rejected"),
            *([sa.or_(score.is_(None), score >= min_confidence)]
              if min_confidence is not None else []),
        )
        .group_by(places.c["key"])
        .order_by(n_docs.desc(), places.c["key"])
        .limit(max(1, min(limit, 5000)))
    )
    with store.reading("listing places") as conn:
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
                .where(events.c.place.in_(chunk),
                       sa.or_(events.c.review.is_(None), events.c.review != "rejected"))
                .group_by(events.c.place)
            )
            if dated:
                ev = ev.where(events.c.document_id.in_(in_range))
            for place, n in conn.execute(ev):
                by_key[place].events = int(n)
    return found


def recent_places(store: Store, *, sample: int = 300, limit: int = 60) -> list[tuple[str, str]]:
    """(key, name) of the places most mentioned in the ``sample`` latest articles."""
    n_docs = sa.func.count(sa.distinct(places.c.document_id))
    stmt = (
        sa.select(places.c["key"], sa.func.max(places.c.name).label("name"))
        .where(places.c.document_id.in_(latest_articles(sample)))
        .group_by(places.c["key"])
        .order_by(n_docs.desc(), places.c["key"])
        .limit(limit)
    )
    with store.reading("listing recent places") as conn:
        found = [(r.key, r.name or r.key) for r in conn.execute(stmt)]
    return sorted(found, key=lambda kv: kv[1].casefold())
