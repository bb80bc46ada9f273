"""Reads of the cross-document records: propositions with their stances, merged events."""

from __future__ import annotations

from collections import Counter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.findings import (
    PLOVER_CATEGORIES,
    EventReport,
    MergedEvent,
    NumberClaim,
    Proposition,
    StanceRecord,
)
from fogwatch.store.schema import (
    entities,
    event_reports,
    merged_event_keys,
    merged_events,
    proposition_keys,
    proposition_stances,
    propositions,
)
from fogwatch.store.schema import places as place_rows

RECONCILE_TABLES = (
    event_reports, merged_event_keys, merged_events,
    proposition_stances, proposition_keys, propositions,
)


def _like(query: str) -> str:
    needle = query.strip().lower()
    needle = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{needle}%"


def proposition_filters(
    *, entity: str | list[str] | None = None, contested: bool | None = None,
    query: str | None = None, since: str | None = None, until: str | None = None,
) -> list[Any]:
    where: list[Any] = []
    if entity:
        names = [entity] if isinstance(entity, str) else list(entity)
        by_key = sa.select(proposition_keys.c.proposition_id).where(
            proposition_keys.c["key"].in_([f"{k}:{e}" for e in names for k in ("e", "p")])
        )
        by_source = sa.select(proposition_stances.c.proposition_id).where(
            proposition_stances.c.entity.in_(names)
        )
        where.append(sa.or_(propositions.c.id.in_(by_key), propositions.c.id.in_(by_source)))
    if contested is not None:
        where.append(propositions.c.contested == contested)
    if query and query.strip():
        where.append(sa.func.lower(propositions.c.statement).like(_like(query), escape="\\"))
    if since:
        where.append(propositions.c.last_seen >= since[:10])
    if until:
        where.append(propositions.c.first_seen <= until[:10])
    return where


def list_propositions(conn: Connection, where: list[Any], limit: int, offset: int
                      ) -> list[Proposition]:
    rows = list(conn.execute(
        sa.select(propositions).where(*where)
        .order_by(
            propositions.c.contested.desc(), propositions.c.n_sources.desc(),
            # id descending too, so the whole order is one backward scan of
            # ix_propositions_board
            propositions.c.last_seen.desc(), propositions.c.id.desc(),
        )
        .limit(limit).offset(offset)
    ).mappings())
    return _with_stances(conn, rows)


def count_propositions(conn: Connection, where: list[Any]) -> int:
    stmt = sa.select(sa.func.count()).select_from(propositions).where(*where)
    return int(conn.execute(stmt).scalar_one())


def get_proposition(conn: Connection, pid: str) -> Proposition | None:
    rows = list(conn.execute(sa.select(propositions).where(propositions.c.id == pid)).mappings())
    found = _with_stances(conn, rows)
    return found[0] if found else None


def _with_stances(conn: Connection, rows: list[Any]) -> list[Proposition]:
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    stances: dict[str, list[StanceRecord]] = {i: [] for i in ids}
    for s in conn.execute(
        sa.select(proposition_stances.c.proposition_id, proposition_stances.c.data)
        .where(proposition_stances.c.proposition_id.in_(ids))
        .order_by(
            proposition_stances.c.date, proposition_stances.c.document_id,
            proposition_stances.c.idx,
        )
    ):
        stances[s.proposition_id].append(StanceRecord.from_dict(s.data))
    out = []
    for r in rows:
        entities = Counter(r["features"].get("entities", {}))
        out.append(Proposition(
            id=r["id"], statement=r["statement"], first_seen=r["first_seen"],
            last_seen=r["last_seen"], stances=stances[r["id"]], type=r["type"],
            entities=[k for k, _ in entities.most_common(10)], place=r["place"],
            contested=bool(r["contested"]),
            numbers=[NumberClaim.from_dict(n) for n in r["data"].get("numbers", [])],
            numbers_disagree=bool(r["numbers_disagree"]),
        ))
    return out


def event_filters(
    *, entity: str | None = None, place: str | list[str] | None = None,
    type: str | None = None, modality: str | None = None, outlet: str | None = None,
    since: str | None = None, until: str | None = None,
) -> list[Any]:
    where: list[Any] = []
    if entity:
        keys = [f"{t}|e:{entity}" for t in PLOVER_CATEGORIES]
        keys += [f"{t}|p:{entity}" for t in PLOVER_CATEGORIES]
        where.append(merged_events.c.id.in_(
            sa.select(merged_event_keys.c.event_id).where(merged_event_keys.c["key"].in_(keys))
        ))
    if isinstance(place, list):
        where.append(merged_events.c.place.in_(place))
    elif place:
        where.append(merged_events.c.place == place)
    if type:
        where.append(merged_events.c.type == type.upper())
    if modality:
        where.append(merged_events.c.modality == modality)
    if outlet:
        where.append(merged_events.c.id.in_(
            sa.select(event_reports.c.event_id).where(event_reports.c.outlet == outlet)
        ))
    if since:
        where.append(merged_events.c.start >= since[:10])
    if until:
        where.append(merged_events.c.start <= until[:10])
    return where


def list_merged_events(conn: Connection, where: list[Any], limit: int, offset: int
                       ) -> list[MergedEvent]:
    rows = list(conn.execute(
        sa.select(merged_events).where(*where)
        .order_by(merged_events.c.start.nulls_last(), merged_events.c.id)
        .limit(limit).offset(offset)
    ).mappings())
    return _with_reports(conn, rows)


def count_merged_events(conn: Connection, where: list[Any]) -> int:
    stmt = sa.select(sa.func.count()).select_from(merged_events).where(*where)
    return int(conn.execute(stmt).scalar_one())


def get_merged_event(conn: Connection, eid: str) -> MergedEvent | None:
    rows = list(conn.execute(sa.select(merged_events).where(merged_events.c.id == eid)).mappings())
    found = _with_reports(conn, rows)
    return found[0] if found else None


def _with_reports(conn: Connection, rows: list[Any]) -> list[MergedEvent]:
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    reports: dict[str, list[EventReport]] = {i: [] for i in ids}
    for r in conn.execute(
        sa.select(event_reports.c.event_id, event_reports.c.data)
        .where(event_reports.c.event_id.in_(ids))
        .order_by(event_reports.c.date, event_reports.c.document_id, event_reports.c.event_idx)
    ):
        reports[r.event_id].append(EventReport.from_dict(r.data))
    return [
        MergedEvent(
            id=r["id"], type=r["type"], statement=r["statement"],
            actors=list(r["data"].get("actors", [])), targets=list(r["data"].get("targets", [])),
            place=r["place"], start=r["start"], end=r["end"], modality=r["modality"],
            first_seen=r["first_seen"], last_seen=r["last_seen"], reports=reports[r["id"]],
        )
        for r in rows
    ]


def resolve_name(conn: Connection, name: str, *, places: bool = False) -> list[str]:
    """Entity keys (or place keys) named ``name``: exact names first, else names containing it."""
    low = name.lower()
    ent = list(conn.execute(
        sa.select(entities.c.key).where(sa.func.lower(entities.c.name) == low)
        .order_by(entities.c.key).limit(5)
    ).scalars())
    if not ent:
        ent = list(conn.execute(
            sa.select(entities.c.key)
            .where(sa.func.lower(entities.c.name).like(_like(name), escape="\\"))
            .order_by(entities.c.key).limit(5)
        ).scalars())
    if not places:
        return ent
    match = sa.func.lower(place_rows.c.name) == low
    if ent:
        match = sa.or_(match, place_rows.c.entity_key.in_(ent))
    stmt = sa.select(place_rows.c.key).where(match).distinct().limit(20)
    return sorted(set(conn.execute(stmt).scalars()))
