"""fogwatch.store: documents and findings with provenance, in SQLite or PostgreSQL.

Open with ``Store.open(db)``; ``db`` is a SQLAlchemy URL or a bare SQLite path,
resolved by :func:`resolve_db_url` (``--db``, else ``$FOGWATCH_DB``, else
``fogwatch.sqlite`` in the current directory). The schema is created and
upgraded by the packaged Alembic migrations when a store is opened.
"""

from fogwatch.store.entity_stats import EntityStats
from fogwatch.store.errors import StoreError
from fogwatch.store.store import Failure, Store
from fogwatch.store.urls import DEFAULT_DB_URL, mask_url, resolve_db_url

__all__ = [
    "DEFAULT_DB_URL",
    "EntityStats",
    "Failure",
    "Store",
    "StoreError",
    "mask_url",
    "resolve_db_url",
]
