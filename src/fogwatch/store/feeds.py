"""Feed state and ingest failures: which feed items were seen, which sources failed."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.store.records import insert_for, iso_utc, now
from fogwatch.store.schema import feed_seen, ingest_failures


@dataclass(slots=True)
class Failure:
    """One ingest error: which source failed, why, and when (ISO, UTC)."""

    id: int
    source: str
    error: str
    at: str


def mark_seen(conn: Connection, key: str, source: str | None) -> None:
    stmt = insert_for(conn, feed_seen).values(key=key, source=source, seen_at=now())
    stmt = stmt.on_conflict_do_update(
        index_elements=["key"],
        set_={"seen_at": stmt.excluded.seen_at, "source": stmt.excluded.source},
    )
    conn.execute(stmt)


def is_seen(conn: Connection, key: str) -> bool:
    stmt = sa.select(feed_seen.c["key"]).where(feed_seen.c["key"] == key)
    return conn.execute(stmt).first() is not None


def record_failure(conn: Connection, source: str, error: str) -> None:
    conn.execute(ingest_failures.insert().values(source=source, error=error, at=now()))


def failures(conn: Connection, limit: int) -> list[Failure]:
    """The most recent ingest failures, newest first."""
    stmt = (
        sa.select(ingest_failures)
        .order_by(ingest_failures.c.at.desc(), ingest_failures.c.id.desc())
        .limit(limit)
    )
    return [
        Failure(id=r["id"], source=r["source"], error=r["error"], at=iso_utc(r["at"]) or "")
        for r in conn.execute(stmt).mappings()
    ]


