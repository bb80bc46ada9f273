"""Candidate propositions for all of one document's claim units, in one scan.

:func:`fogwatch.store.crossdoc.shared_keys` answers for one unit. A document
has a dozen or more units, and each asked on its own is a round trip to the
database: on PostgreSQL the round trips, not the scans, are most of what
reconciling a document costs. :func:`shared_keys_for_units` asks for every
unit at once and returns, per unit, the same ranking (most shared keys, then the
latest, then by id; NULLs where the database puts them), cut at ``limit``.

Read once at the start of a document's pass, the answer stays right for the
whole pass: the pass writes nothing before its end. A unit's pass leaves out
the propositions earlier units touched (their state is in memory), so a caller
asks for ``limit`` plus the number of units: however many of them are left
out, the first ``limit`` of the rest are the ones a scan that left them out
would have found.
"""

from __future__ import annotations

import json
from collections.abc import Container, Sequence
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.store.schema import proposition_keys


def shared_keys_for_units(
    conn: Connection, units: Sequence[tuple[int, Sequence[str]]], low: str | None, limit: int,
) -> dict[int, list[tuple[str, int, str | None]]]:
    """Unit number -> ``(proposition id, blocking keys shared, latest last_seen of
    those keys)`` for the ``limit`` propositions sharing most of the unit's keys,
    in :func:`fogwatch.store.crossdoc.shared_keys`'s order, whose keys were seen on
    or after ``low``. ``units`` pairs each unit's number with its keys."""
    pairs = [(n, key) for n, keys in units for key in sorted(set(keys))]
    out: dict[int, list[tuple[str, int, str | None]]] = {n: [] for n, _ in units}
    if not pairs:
        return out
    k = proposition_keys.c
    asked = sa.values(sa.column("unit", sa.Integer), sa.column("key", sa.String),
                      name="asked").data(pairs).cte("asked")
    shared = sa.func.count()
    latest = sa.func.max(k.last_seen)
    grouped = (
        sa.select(asked.c.unit, k.proposition_id, shared.label("shared"), latest.label("last"),
                  sa.func.row_number().over(
                      partition_by=asked.c.unit,
                      order_by=(shared.desc(), latest.desc(), k.proposition_id),
                  ).label("rank"))
        .select_from(asked.join(proposition_keys, k["key"] == asked.c.key))
        .group_by(asked.c.unit, k.proposition_id)
    )
    if low:
        grouped = grouped.where(k.last_seen >= sa.bindparam("low", low, type_=k.last_seen.type))
    ranked = grouped.subquery()
    stmt: Any = (sa.select(ranked.c.unit, ranked.c.proposition_id, ranked.c.shared,
                           ranked.c.last)
                 .where(ranked.c.rank <= limit)
                 .order_by(ranked.c.unit, ranked.c.rank))
    for r in conn.execute(stmt):
        out[r.unit].append((r.proposition_id, r.shared, r.last))
    return out


def key_rows(conn: Connection, keys: Sequence[str], low: str | None
             ) -> dict[str, list[tuple[str, str | None]]]:
    """Key -> ``(proposition id, last_seen)`` of every ``proposition_keys`` row of
    ``keys`` seen on or after ``low``: one indexed range scan for all of a
    document's units, which :func:`ranked` then ranks unit by unit.

    On SQLite, where a query is no round trip, grouping and sorting each unit's
    rows in the database (:func:`fogwatch.store.crossdoc.shared_keys`, a temporary
    B-tree twice a unit) is what costs; reading the rows once and counting them in
    Python costs a fraction of it.
    """
    out: dict[str, list[tuple[str, str | None]]] = {}
    if not keys:
        return out
    params: dict[str, Any] = {"keys": sorted(set(keys))}
    if low:
        params["low"] = low
    for key, pid, last in conn.execute(_key_scan(bool(low)), params):
        out.setdefault(key, []).append((pid, last))
    return out


_KEY_SCANS: dict[bool, Any] = {}


def _key_scan(windowed: bool) -> Any:
    """The scan of :func:`key_rows`, built once (``keys`` and ``low`` bound at each run)."""
    if windowed not in _KEY_SCANS:
        k = proposition_keys.c
        stmt = sa.select(k["key"], k.proposition_id, k.last_seen).where(
            k["key"].in_(sa.bindparam("keys", expanding=True)))
        if windowed:
            stmt = stmt.where(k.last_seen >= sa.bindparam("low", type_=k.last_seen.type))
        _KEY_SCANS[windowed] = stmt
    return _KEY_SCANS[windowed]


def ranked(rows: dict[str, list[tuple[str, str | None]]], keys: Sequence[str],
           excluding: Container[str], limit: int, *, nulls_first: bool = False
           ) -> list[tuple[str, int, str | None]]:
    """What :func:`fogwatch.store.crossdoc.shared_keys` finds for ``keys`` (without
    ``excluding``), counted from :func:`key_rows`' rows (read with the same
    ``low``, for a superset of ``keys``): ``(proposition id, keys shared, latest
    last_seen)``, most shared first, then the latest (NULL first where the
    database sorts it so in descending order: ``nulls_first``), then by id."""
    shared: dict[str, int] = {}
    latest: dict[str, str | None] = {}
    for key in set(keys):
        for pid, last in rows.get(key, ()):
            if pid in excluding:
                continue
            shared[pid] = shared.get(pid, 0) + 1
            before = latest.get(pid)
            if before is None or (last is not None and last > before):
                latest[pid] = last
    ids = sorted(shared)
    dated = sorted((pid for pid in ids if latest[pid] is not None),
                   key=lambda pid: latest[pid], reverse=True)  # type: ignore[arg-type, return-value]
    undated = [pid for pid in ids if latest[pid] is None]
    order = undated + dated if nulls_first else dated + undated
    order.sort(key=lambda pid: -shared[pid])
    return [(pid, shared[pid], latest[pid]) for pid in order[:limit]]


def features(stored: Any) -> Any:
    """A proposition's ``features`` as read from the database: the JSON text (as
    :func:`fogwatch.store.crossdoc.candidate_rows` reads it) decoded, or a value
    a driver already decoded as it is.

    Matching reads a proposition's features again for every later document it is
    a candidate of, and most of those reads find them unchanged (on the PolNeAR
    dev articles, 93% of them): the same text is decoded once, and what it
    gives is shared, not to be changed by the reader.
    """
    return _decoded(stored) if isinstance(stored, str) else stored


@lru_cache(maxsize=1024)
def _decoded(text: str) -> Any:
    return json.loads(text)
