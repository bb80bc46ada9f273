"""A short-lived cache for what many requests ask and few writes change.

Counts over whole tables and the filter choices shared by pages (outlets, active
entities, recent places) cost the same for every visitor; under load each
worker computes them once per :data:`TTL` seconds at most. Entries are keyed on
:func:`fogwatch.store.browse.store_version` too, so a write seen by the store
(a new document, new findings, new stances) is never hidden by the cache.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from fogwatch.store import browse

T = TypeVar("T")

TTL = 10.0  # seconds; said on the overview page
# For aggregates that visit many rows (facet counts over every claim, an entity's
# outlets over every document naming it): recounted at most this often, and
# after every write the store's version sees. Said in docs/web.md.
SLOW_TTL = 60.0
MAX_ENTRIES = 512


class Cache:
    def __init__(self, ttl: float = TTL) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._data: dict[Hashable, tuple[float, Any, Any, float]] = {}

    def get(self, store: Any, key: Hashable, compute: Callable[[], T],
            ttl: float | None = None) -> tuple[T, float]:
        """The cached value for ``key`` and when it was computed (``time.time()``),
        recomputed after ``ttl`` seconds (default: the cache's own) or a write."""
        version = browse.store_version(store)
        now = time.monotonic()
        with self._lock:
            hit = self._data.get(key)
        if hit is not None and now - hit[0] < (self.ttl if ttl is None else ttl) \
                and hit[1] == version:
            return hit[2], hit[3]
        value = compute()
        with self._lock:
            if len(self._data) >= MAX_ENTRIES:
                self._data.clear()
            self._data[key] = (now, version, value, time.time())
        return value, time.time()


def with_outlets(cache: Cache, store: Any, rows: list[Any]) -> list[Any]:
    """Entity rows (from ``browse.entity_list(..., outlets=False)``) with their
    outlets counted over each one's latest documents, as the list shows them:
    a query per entity, so kept for :data:`SLOW_TTL` per page of entities."""
    keys = tuple(r.key for r in rows)
    found, _ = cache.get(
        store, ("entity-list-outlets", keys),
        lambda: {k: browse.entity_outlets(store, k, sample=browse.OUTLET_SAMPLE) for k in keys},
        ttl=SLOW_TTL)
    for r in rows:
        r.outlets = found.get(r.key, {})
    return rows
