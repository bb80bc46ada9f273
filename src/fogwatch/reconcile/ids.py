"""Stable ids for cross-document records."""

from __future__ import annotations

import hashlib
from collections.abc import Container
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection


def stable_id(prefix: str, seed: str, n: int = 0) -> str:
    """The id of ``seed`` (its ``n``-th variant when ``n`` > 0)."""
    text = seed if n == 0 else f"{seed}#{n}"
    return prefix + hashlib.sha1(text.encode()).hexdigest()[:12]


def fresh_id(conn: Connection, table: Any, prefix: str, seed: str,
             taken: Container[str] = ()) -> str:
    """A stable id from ``seed``; if a record kept from an earlier pass holds it
    (other documents' reports outlived this one's), or ``taken`` holds it (a
    record this pass has yet to write), the next free variant."""
    for n in range(1000):
        rid = stable_id(prefix, seed, n)
        if rid in taken:
            continue
        if conn.execute(sa.select(table.c.id).where(table.c.id == rid)).first() is None:
            return rid
    raise RuntimeError(f"no free id for {seed}")
