"""Opening a database: the engine for a URL, its schema created, upgraded or checked."""

from __future__ import annotations

from alembic.util import CommandError
from sqlalchemy.engine import Engine
from sqlalchemy.exc import NoSuchModuleError, SQLAlchemyError

from fogwatch.store import migrate as migrations
from fogwatch.store.engine import create_engine, read_connection
from fogwatch.store.errors import StoreError, reason
from fogwatch.store.urls import mask_url, parse_url, resolve_db_url, sqlite_path


def open_engine(db: str | None, *, migrate: bool = True) -> tuple[Engine, str]:
    """The engine for ``db`` (resolved with :func:`resolve_db_url`) and its URL with
    any password masked; the schema is created or upgraded (``migrate``), else
    checked to be the newest. Raises :class:`StoreError` naming the masked URL."""
    raw = resolve_db_url(db)
    url = parse_url(raw)
    shown = mask_url(url)
    path = sqlite_path(url) if url.get_backend_name() == "sqlite" else None
    if path is not None and not path.expanduser().resolve().parent.is_dir():
        raise StoreError(f"cannot open database {shown}: folder {path.parent} does not exist")
    try:
        engine = create_engine(url)
    except (NoSuchModuleError, ImportError, SQLAlchemyError, ValueError) as exc:
        raise StoreError(f"cannot open database {shown}: {reason(exc)}") from None
    try:
        if migrate:
            migrations.upgrade(engine)
        else:
            _check_revision(engine, shown)
    except StoreError:
        engine.dispose()
        raise
    except (SQLAlchemyError, OSError, CommandError) as exc:
        # CommandError: the database is at a revision this fogwatch does not know
        # (written by a newer version).
        engine.dispose()
        raise StoreError(f"cannot open database {shown}: {reason(exc)}") from None
    return engine, shown


def _check_revision(engine: Engine, shown: str) -> None:
    with read_connection(engine) as conn:
        current = migrations.current_revision(conn)
    head = migrations.head_revision()
    if current != head:
        raise StoreError(
            f"database {shown} is at schema revision {current or 'none'}, not {head}; "
            "open it with migrations enabled to upgrade it"
        )
