"""Candidate propositions for all of one document's claim units, in one scan.

:func:`fogwatch.store.crossdoc.shared_keys` answers for one unit. A document
has a dozen or more units, and each asked on its own is a query (on
PostgreSQL a round trip). :func:`key_rows` reads the key rows of every unit at
once; :func:`ranked` then gives, per unit, the same ranking the database would
(most shared keys, then the latest, then by id; NULLs where the database puts
them), cut at ``limit``.

Read once at the start of a document's pass, the rows stay right for the whole
pass: the pass writes nothing before its end.
"""

from __future__ import annotations

import json
from collections.abc import Container, Sequence
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.store.schema import proposition_keys


def key_rows(conn: Connection, keys: Sequence[str], low: str | None
             ) -> dict[str, list[tuple[str, str | None]]]:
    """Key -> ``(proposition id, last_seen)`` of every ``proposition_keys`` row of
    ``keys`` seen on or after ``low``: one indexed range scan for all of a
    document's units, which :func:`ranked` then ranks unit by unit.

    Grouping and sorting in the database is what costs: on SQLite a temporary
    B-tree twice a unit (:func:`fogwatch.store.crossdoc.shared_keys`); on
    PostgreSQL, one query ranking every unit at once (their keys as a ``VALUES``
    list, numbered per unit by a window function) took longer than the rest of
    the document's reconcile. Reading the rows once and counting them in Python
    costs a fraction of either.
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
