"""Alembic environment for the fogwatch store.

Migrations always run through :func:`fogwatch.store.migrate.upgrade`, which
hands over an open connection inside a transaction (and holds the migration
lock), so there is no alembic.ini and no offline mode.
"""

from __future__ import annotations

from alembic import context

from fogwatch.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("fogwatch migrations run through fogwatch.store.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things in place; batch mode rebuilds tables instead.
    render_as_batch=connection.dialect.name == "sqlite",
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
