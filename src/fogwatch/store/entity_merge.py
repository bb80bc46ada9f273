"""Upserting the global entity table from one document's entities."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.findings import Entity
from fogwatch.store.records import insert_for
from fogwatch.store.schema import entities


def _merge_aliases(old: Iterable[str], new: Iterable[str]) -> list[str]:
    out = list(old)
    seen = set(out)
    for alias in new:
        if alias not in seen:
            seen.add(alias)
            out.append(alias)
    return out


def _rows(found: Iterable[Entity]) -> dict[str, dict[str, Any]]:
    """One row per key: an analysis may list a key twice; fold those first."""
    rows: dict[str, dict[str, Any]] = {}
    for entity in found:
        row = rows.get(entity.key)
        if row is None:
            rows[entity.key] = {
                "key": entity.key, "name": entity.name, "type": entity.type,
                "aliases": list(entity.aliases), "description": entity.description,
                "country": entity.country, "gazetteer": entity.gazetteer,
            }
        else:
            _fold(row, entity.aliases, entity.description, entity.country, entity.gazetteer)
    return rows


def _fold(
    row: dict[str, Any], aliases: Iterable[str], description: str | None,
    country: str | None, gazetteer: bool,
) -> bool:
    """Fold new knowledge into an existing row; the first name/type/description seen stays."""
    before = (list(row["aliases"]), row["description"], row["country"], row["gazetteer"])
    row["aliases"] = _merge_aliases(row["aliases"], aliases)
    row["description"] = row["description"] or description
    row["country"] = row["country"] or country
    row["gazetteer"] = bool(row["gazetteer"] or gazetteer)
    return before != (row["aliases"], row["description"], row["country"], row["gazetteer"])


def upsert_entities(conn: Connection, found: Iterable[Entity]) -> None:
    """Insert unseen entities and merge aliases into known ones, race-safe.

    ``INSERT ... ON CONFLICT DO NOTHING`` lets two writers add the same new key
    at once; the rows are then read back locked (``FOR UPDATE`` on PostgreSQL,
    the database write lock on SQLite) in key order, so concurrent merges of
    aliases neither lose updates nor deadlock.
    """
    rows = _rows(found)
    if not rows:
        return
    conn.execute(
        insert_for(conn, entities).on_conflict_do_nothing(index_elements=["key"]),
        [rows[k] for k in sorted(rows)],
    )
    stored = conn.execute(
        sa.select(entities)
        .where(entities.c["key"].in_(sorted(rows)))
        .order_by(entities.c["key"])
        .with_for_update()
    ).mappings()
    updates = []
    for current in stored:
        row = dict(current)
        new = rows[row["key"]]
        if _fold(row, new["aliases"], new["description"], new["country"], new["gazetteer"]):
            updates.append(row)
    if updates:
        conn.execute(
            entities.update().where(entities.c["key"] == sa.bindparam("b_key")).values(
                aliases=sa.bindparam("b_aliases"), description=sa.bindparam("b_description"),
                country=sa.bindparam("b_country"), gazetteer=sa.bindparam("b_gazetteer"),
            ),
            [{f"b_{k}": row[k] for k in ("key", "aliases", "description", "country", "gazetteer")}
             for row in updates],
        )
