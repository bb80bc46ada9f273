"""Entity statistics across the whole store: how often, in how many documents, where."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.store.schema import documents, entities, mentions


@dataclass(slots=True)
class EntityStats:
    key: str
    name: str
    type: str
    aliases: list[str]
    mentions: int
    documents: int
    outlets: dict[str, int] = field(default_factory=dict)  # outlet -> documents mentioning it
    description: str | None = None
    country: str | None = None
    gazetteer: bool = False


def entity_filters(type: str | None, query: str | None) -> list[Any]:
    """Conditions on ``entities``: of ``type``; ``query`` within the name, key or aliases."""
    where: list[Any] = []
    if type:
        where.append(entities.c.type == type)
    if query and query.strip():
        # Escape LIKE wildcards so "%" or "_" typed by a user match themselves.
        needle = query.strip().lower()
        needle = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{needle}%"
        where.append(
            sa.or_(
                sa.func.lower(entities.c.name).like(pattern, escape="\\"),
                sa.func.lower(entities.c["key"]).like(pattern, escape="\\"),
                sa.func.lower(sa.cast(entities.c.aliases, sa.Text)).like(pattern, escape="\\"),
            )
        )
    return where


def entity_stats(
    conn: Connection,
    *,
    type: str | None = None,
    query: str | None = None,
    keys: Sequence[str] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[EntityStats]:
    # Counts live on the entity row (kept up to date as analyses are saved), so
    # ranking is one indexed scan however many mentions the store holds.
    stmt = (
        sa.select(entities)
        .where(*entity_filters(type, query))
        .order_by(entities.c.n_mentions.desc(), entities.c.name, entities.c["key"])
        .limit(limit)
        .offset(offset)
    )
    if keys is not None:
        stmt = stmt.where(entities.c["key"].in_(list(keys)))
    rows = conn.execute(stmt).mappings().all()
    outlets = _outlets(conn, [r["key"] for r in rows])
    return [
        EntityStats(
            key=r["key"], name=r["name"], type=r["type"], aliases=list(r["aliases"] or []),
            mentions=int(r["n_mentions"] or 0), documents=int(r["n_documents"] or 0),
            outlets=outlets.get(r["key"], {}), description=r["description"],
            country=r["country"], gazetteer=bool(r["gazetteer"]),
        )
        for r in rows
    ]


def _outlets(conn: Connection, keys: list[str]) -> dict[str, dict[str, int]]:
    if not keys:
        return {}
    outlet = sa.func.coalesce(documents.c.outlet, "(unknown)")
    stmt = (
        sa.select(
            mentions.c.entity_key,
            outlet.label("outlet"),
            sa.func.count(sa.distinct(mentions.c.document_id)).label("n"),
        )
        .join(documents, documents.c.id == mentions.c.document_id)
        .where(mentions.c.entity_key.in_(keys))
        .group_by(mentions.c.entity_key, outlet)
    )
    out: dict[str, dict[str, int]] = {}
    for key, name, n in conn.execute(stmt):
        out.setdefault(key, {})[name] = int(n)
    return {k: dict(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))) for k, v in out.items()}
