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

from collections.abc import Sequence
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
