"""Stable ids for cross-document records."""

from __future__ import annotations

import hashlib
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection


def fresh_id(conn: Connection, table: Any, prefix: str, seed: str) -> str:
    """A stable id from ``seed``; if a record kept from an earlier pass holds it
    (other documents' reports outlived this one's), the next free variant."""
    for n in range(1000):
        text = seed if n == 0 else f"{seed}#{n}"
        rid = prefix + hashlib.sha1(text.encode()).hexdigest()[:12]
        if conn.execute(sa.select(table.c.id).where(table.c.id == rid)).first() is None:
            return rid
    raise RuntimeError(f"no free id for {seed}")
