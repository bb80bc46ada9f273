"""The cross-document records: the one module that reads and writes their tables.

Propositions with their stances and blocking keys, merged events with their
reports and keys (:data:`RECONCILE_TABLES`), and each document's
``reconciled_at`` mark. Every write to them is here: :mod:`fogwatch.reconcile`
calls the functions below the reading ones, inside the one write transaction
:meth:`Store.reconciling` (one document) or :meth:`Store.rebuilding` (all of
them) gives it, and builds no SQL of its own. Readers get propositions and
merged events through the Store's methods (``list_``/``get_``/``count_`` here)
and the filters here (the timeline of :mod:`fogwatch.store.browse`); the
exports read the tables page by page through :meth:`Store.reading`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any, NamedTuple

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
from fogwatch.store import candidates, claim_entities
from fogwatch.store.records import now
from fogwatch.store.schema import (
    documents,
    entities,
    event_reports,
    merged_event_keys,
    merged_events,
    proposition_keys,
    proposition_stances,
    propositions,
)
from fogwatch.store.schema import places as place_rows

# --- reading: propositions and merged events, with their stances and reports ---------

RECONCILE_TABLES = (
    event_reports, merged_event_keys, merged_events,
    proposition_stances, proposition_keys, propositions,
    *claim_entities.TABLES,
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


# --- the reconcile transaction: clearing and marking ---------------------------------


def clear(conn: Connection) -> None:
    """Delete every cross-document record and mark every article not reconciled."""
    for table in RECONCILE_TABLES:
        conn.execute(table.delete())
    # Reader comments take no part in the records: they stay as they were.
    conn.execute(documents.update().where(documents.c.section == "body")
                 .values(reconciled_at=None))


def mark_reconciled(conn: Connection, doc_id: str) -> None:
    conn.execute(documents.update().where(documents.c.id == doc_id).values(reconciled_at=now()))


def _removed(conn: Connection, table: sa.Table, column: str, doc_id: str) -> set[str]:
    """Delete a document's rows of ``table``; the distinct values of ``column`` they held."""
    gone = table.delete().where(table.c.document_id == doc_id)
    if conn.dialect.delete_returning:
        return set(conn.execute(gone.returning(table.c[column])).scalars())
    held = set(conn.execute(
        sa.select(table.c[column]).where(table.c.document_id == doc_id)
    ).scalars())
    conn.execute(gone)
    return held


def _held(conn: Connection, table: sa.Table, ids: Iterable[str]) -> set[str]:
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    return set(conn.execute(sa.select(table.c.id).where(table.c.id.in_(wanted))).scalars())


# --- propositions: what fogwatch.reconcile.propositions reads and writes --------------


class CandidateRow(NamedTuple):
    """A proposition as claim matching reads it."""

    id: str
    negative: bool
    features: dict[str, Any]
    last_seen: str | None


def remove_stances(conn: Connection, doc_id: str) -> set[str]:
    """Delete a document's stances; the ids of the propositions they were in."""
    return _removed(conn, proposition_stances, "proposition_id", doc_id)


def held_proposition_ids(conn: Connection, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` a stored proposition holds (one query)."""
    return _held(conn, propositions, ids)


def proposition_id_held(conn: Connection, pid: str) -> bool:
    stmt = sa.select(propositions.c.id).where(propositions.c.id == pid)
    return conn.execute(stmt).first() is not None


def shared_keys(
    conn: Connection, keys: list[str], low: str | None, excluding: list[str], limit: int,
) -> list[tuple[str, int, str | None]]:
    """``(proposition id, blocking keys shared, latest last_seen of those keys)`` for
    the ``limit`` propositions sharing most of ``keys`` (then the latest, then by
    id) whose keys were seen on or after ``low``, leaving out ``excluding``.

    One indexed range scan over ``proposition_keys`` (bounded by the window, not
    by the store), grouped by proposition.
    """
    params: dict[str, Any] = {"keys": keys}
    if low:
        params["low"] = low
    if excluding:
        params["touched"] = excluding
    stmt = _shared_keys_scan(bool(low), bool(excluding), limit)
    return [(r.proposition_id, r.shared, r.last) for r in conn.execute(stmt, params)]


@cache
def _shared_keys_scan(windowed: bool, excluding: bool, limit: int) -> sa.Select[Any]:
    """The scan of :func:`shared_keys`, built once (``keys``, ``low``, ``touched``
    are bound at each run): with a window or not, leaving out some or not."""
    k = proposition_keys.c
    shared = sa.func.count().label("shared")
    latest = sa.func.max(k.last_seen)
    stmt = sa.select(k.proposition_id, shared, latest.label("last")).where(
        k["key"].in_(sa.bindparam("keys", expanding=True))
    )
    if windowed:
        stmt = stmt.where(k.last_seen >= sa.bindparam("low", type_=k.last_seen.type))
    if excluding:
        stmt = stmt.where(k.proposition_id.not_in(sa.bindparam("touched", expanding=True)))
    return (
        stmt.group_by(k.proposition_id)
        .order_by(shared.desc(), latest.desc(), k.proposition_id)
        .limit(limit)
    )


def in_scan_order(conn: Connection, found: list[tuple[str, int, str | None]]
                  ) -> list[tuple[str, int, str | None]]:
    """``(id, shared, last)`` in :func:`shared_keys`'s order: most shared keys,
    latest, id; an unknown ``last`` sorts as the database sorts NULL in descending
    order (last on SQLite, first on PostgreSQL)."""
    nulls_first = conn.dialect.name == "postgresql"
    found = sorted(found, key=lambda r: r[0])
    dated = sorted((r for r in found if r[2] is not None), key=lambda r: r[2], reverse=True)
    undated = [r for r in found if r[2] is None]
    return sorted(undated + dated if nulls_first else dated + undated, key=lambda r: -r[1])


_CANDIDATE_ROWS = sa.select(
    propositions.c.id, propositions.c.negative,
    sa.cast(propositions.c.features, sa.Text),  # the JSON text: candidates.features decodes it
    propositions.c.last_seen,
).where(propositions.c.id.in_(sa.bindparam("ids", expanding=True)))


def candidate_rows(conn: Connection, ids: list[str]) -> list[CandidateRow]:
    """The propositions ``ids`` as claim matching reads them; their ``features`` are
    shared with later reads of the same text and must not be changed."""
    return [CandidateRow(pid, negative, candidates.features(features), last)
            for pid, negative, features, last in conn.execute(_CANDIDATE_ROWS, {"ids": ids})]


def proposition_negative(conn: Connection, pid: str) -> bool:
    return bool(conn.execute(
        sa.select(propositions.c.negative).where(propositions.c.id == pid)
    ).scalar_one())


def proposition_heads(conn: Connection, pids: Sequence[str]) -> dict[str, tuple[bool, str]]:
    """Each proposition's (negative, statement)."""
    p = propositions.c
    return {r.id: (bool(r.negative), r.statement) for r in conn.execute(
        sa.select(p.id, p.negative, p.statement).where(p.id.in_(list(pids))))}


def insert_propositions(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(propositions.insert(), rows)


def insert_stances(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(proposition_stances.insert(), rows)


def rewrite_stances(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """An analyst's correction of stance rows (:mod:`fogwatch.reconcile.claimfix`):
    each ``{id, proposition_id, stance, data}`` written over the row ``id``."""
    for r in rows:
        conn.execute(proposition_stances.update().where(proposition_stances.c.id == r["id"])
                     .values(proposition_id=r["proposition_id"], stance=r["stance"],
                             data=r["data"]))


def stance_totals(conn: Connection, pids: list[str]) -> dict[str, tuple[Any, ...]]:
    """Per proposition with stances: ``(stances, first date, last date, documents,
    outlets, distinct source speakers, any asserts (0/1), any denies (0/1))``."""
    c = proposition_stances.c
    return {r[0]: tuple(r[1:]) for r in conn.execute(sa.select(
        c.proposition_id,
        sa.func.count(), sa.func.min(c.date), sa.func.max(c.date),
        sa.func.count(sa.distinct(c.document_id)),
        sa.func.count(sa.distinct(c.outlet)),
        sa.func.count(sa.distinct(sa.case((c.role == "source", c.source)))),
        sa.func.max(sa.case((c.stance == "asserts", 1), else_=0)),
        sa.func.max(sa.case((c.stance == "denies", 1), else_=0)),
    ).where(c.proposition_id.in_(pids)).group_by(c.proposition_id))}


def drop_propositions(conn: Connection, pids: list[str]) -> None:
    """Delete propositions (with their keys) that have no stances left."""
    if pids:
        conn.execute(proposition_keys.delete().where(proposition_keys.c.proposition_id.in_(pids)))
        conn.execute(propositions.delete().where(propositions.c.id.in_(pids)))


def recent_stances(conn: Connection, pids: list[str], counts: Mapping[str, int], limit: int
                   ) -> dict[str, list[Any]]:
    """Each proposition's latest ``limit`` stance rows (``data``, ``role``), latest first.

    Propositions with no more stances than that (``counts``) are read in one
    query; each larger one by an indexed scan of its own that stops at the limit.
    """
    c = proposition_stances.c
    latest_first = (c.date.desc(), c.document_id.desc(), c.idx.desc())
    cols = (c.proposition_id, c.data, c.role, c.date, c.document_id, c.idx)
    out: dict[str, list[Any]] = {pid: [] for pid in pids}
    small = [pid for pid in pids if counts[pid] <= limit]
    if small:
        for r in conn.execute(
            sa.select(*cols).where(c.proposition_id.in_(small))
            .order_by(c.proposition_id, *latest_first)
        ).mappings():
            out[r["proposition_id"]].append(r)
    for pid in pids:
        if counts[pid] > limit:
            out[pid] = list(conn.execute(
                sa.select(*cols).where(c.proposition_id == pid)
                .order_by(*latest_first).limit(limit)
            ).mappings())
    for rows in out.values():
        # Undated stances first, as PostgreSQL orders them (SQLite puts NULL last):
        # sorted here, so that the index still serves the scan on both.
        rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["document_id"], r["idx"]),
                  reverse=True)
    return out


_SUMMARY_COLUMNS = ("statement", "first_seen", "last_seen", "contested", "numbers_disagree",
                    "n_sources", "n_documents", "place", "features", "data")


def update_propositions(conn: Connection, summaries: list[dict[str, Any]],
                        keys: list[dict[str, Any]]) -> None:
    """Write propositions' summaries (``id`` and every column of
    ``_SUMMARY_COLUMNS``) and replace their blocking keys with ``keys``."""
    if not summaries:
        return
    conn.execute(
        propositions.update().where(propositions.c.id == sa.bindparam("b_id"))
        .values({name: sa.bindparam(f"b_{name}") for name in _SUMMARY_COLUMNS}),
        [{f"b_{name}": value for name, value in s.items()} for s in summaries],
    )
    live = [s["id"] for s in summaries]
    conn.execute(proposition_keys.delete().where(proposition_keys.c.proposition_id.in_(live)))
    if keys:
        conn.execute(proposition_keys.insert(), keys)


# --- merged events: what fogwatch.reconcile.events reads and writes -------------------


def remove_reports(conn: Connection, doc_id: str) -> set[str]:
    """Delete a document's event reports; the ids of the merged events they were in."""
    return _removed(conn, event_reports, "event_id", doc_id)


def event_types(conn: Connection, eids: Iterable[str]) -> dict[str, str]:
    return dict(conn.execute(
        sa.select(merged_events.c.id, merged_events.c.type)
        .where(merged_events.c.id.in_(sorted(eids)))
    ).all())


def held_event_ids(conn: Connection, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` a stored merged event holds (one query)."""
    return _held(conn, merged_events, ids)


def event_id_held(conn: Connection, eid: str) -> bool:
    stmt = sa.select(merged_events.c.id).where(merged_events.c.id == eid)
    return conn.execute(stmt).first() is not None


def events_with_keys(conn: Connection, keys: Iterable[str], low: str, high: str,
                     limit: int = 200) -> list[str]:
    """The merged event of each key row among ``keys`` starting within ``low``..``high``
    (an event once per key it shares), by event id, at most ``limit`` rows."""
    return list(conn.execute(
        sa.select(merged_event_keys.c.event_id, merged_event_keys.c["key"])
        .where(
            merged_event_keys.c["key"].in_(sorted(keys)),
            merged_event_keys.c.start >= low, merged_event_keys.c.start <= high,
        )
        .order_by(merged_event_keys.c.event_id)
        .limit(limit)
    ).scalars())


def event_places(conn: Connection, eids: Iterable[str]) -> dict[str, str | None]:
    return dict(conn.execute(
        sa.select(merged_events.c.id, merged_events.c.place)
        .where(merged_events.c.id.in_(sorted(eids)))
    ).all())


def event_spans(conn: Connection, eids: Iterable[str]
                ) -> dict[str, tuple[str | None, str | None, str | None, str | None, str | None]]:
    """Each merged event's ``(place, start, end, first_seen, last_seen)``."""
    c = merged_events.c
    return {r[0]: tuple(r[1:]) for r in conn.execute(  # type: ignore[misc]
        sa.select(c.id, c.place, c.start, c.end, c.first_seen, c.last_seen)
        .where(c.id.in_(sorted(eids)))
    ).all()}


def insert_event(conn: Connection, event: dict[str, Any], report: dict[str, Any],
                 keys: list[dict[str, Any]]) -> None:
    """A new merged event with its first report and its key rows."""
    # (the rows as parameters: the statements are compiled once, not per row)
    conn.execute(merged_events.insert(), event)
    conn.execute(event_reports.insert(), report)
    if keys:
        conn.execute(merged_event_keys.insert(), keys)


def insert_report(conn: Connection, report: dict[str, Any]) -> None:
    conn.execute(event_reports.insert(), report)


def report_totals(conn: Connection, eid: str) -> tuple[int, str | None, str | None]:
    """A merged event's report count and its first and last report dates."""
    n, first, last = conn.execute(sa.select(
        sa.func.count(), sa.func.min(event_reports.c.date), sa.func.max(event_reports.c.date),
    ).where(event_reports.c.event_id == eid)).one()
    return n, first, last


def report_modalities(conn: Connection, eid: str) -> Counter[str]:
    return Counter(dict(conn.execute(
        sa.select(event_reports.c.modality, sa.func.count())
        .where(event_reports.c.event_id == eid)
        .group_by(event_reports.c.modality)
    ).all()))


def sampled_reports(conn: Connection, eid: str, n_reports: int, half: int
                    ) -> list[dict[str, Any]]:
    """The ``data`` of a merged event's earliest ``half`` and latest ``half`` reports
    (each once; all of them when there are ``half`` or fewer)."""
    mine = event_reports.c.event_id == eid
    order = (event_reports.c.date, event_reports.c.document_id, event_reports.c.event_idx)
    columns = (event_reports.c.id, event_reports.c.data)
    if n_reports <= half:
        # Few enough that the earliest are all of them (and the latest too).
        earliest = conn.execute(sa.select(*columns).where(mine).order_by(*order)).all()
        latest = []
    else:
        earliest = conn.execute(
            sa.select(*columns).where(mine).order_by(*order).limit(half)).all()
        latest = conn.execute(
            sa.select(*columns).where(mine).order_by(*(c.desc() for c in order))
            .limit(half)).all()
    return [r.data for r in {r.id: r for r in [*earliest, *latest]}.values()]


def update_event(conn: Connection, eid: str, summary: dict[str, Any],
                 keys: list[dict[str, Any]]) -> None:
    """Write a merged event's summary columns and replace its key rows with ``keys``."""
    conn.execute(merged_events.update().where(merged_events.c.id == eid).values(**summary))
    conn.execute(merged_event_keys.delete().where(merged_event_keys.c.event_id == eid))
    if keys:
        conn.execute(merged_event_keys.insert(), keys)


def drop_event(conn: Connection, eid: str) -> None:
    """Delete a merged event (with its keys) that has no reports left."""
    conn.execute(merged_event_keys.delete().where(merged_event_keys.c.event_id == eid))
    conn.execute(merged_events.delete().where(merged_events.c.id == eid))
