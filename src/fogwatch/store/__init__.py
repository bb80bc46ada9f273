"""fogwatch.store: documents and findings with provenance, in SQLite or PostgreSQL.

Open with ``Store.open(db)``; ``db`` is a SQLAlchemy URL or a bare SQLite path,
resolved by :func:`resolve_db_url` (``--db``, else ``$FOGWATCH_DB``, else
``fogwatch.sqlite`` in the current directory). The schema is created and
upgraded by the packaged Alembic migrations when a store is opened.

The names below are imported when first used, so that a finding kind
(:mod:`fogwatch.kinds`) can declare its table with :mod:`fogwatch.store.metadata`
without loading the whole store.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fogwatch.store.entity_stats import EntityStats
    from fogwatch.store.errors import StoreError
    from fogwatch.store.store import Failure, Store
    from fogwatch.store.urls import DEFAULT_DB_URL, mask_url, resolve_db_url

_WHERE = {
    "DEFAULT_DB_URL": "urls",
    "EntityStats": "entity_stats",
    "Failure": "store",
    "Store": "store",
    "StoreError": "errors",
    "mask_url": "urls",
    "resolve_db_url": "urls",
}

__all__ = [
    "DEFAULT_DB_URL",
    "EntityStats",
    "Failure",
    "Store",
    "StoreError",
    "mask_url",
    "resolve_db_url",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
