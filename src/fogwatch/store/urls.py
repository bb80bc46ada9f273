"""Database URLs: where the store lives and how it is named in messages."""

from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from fogwatch.store.errors import StoreError

DEFAULT_DB_URL = "sqlite:///fogwatch.sqlite"
ENV_VAR = "FOGWATCH_DB"

# PostgreSQL spellings users paste from other tools; we always drive it with psycopg 3.
_PG_PREFIXES = ("postgres://", "postgresql://", "postgresql+psycopg2://")


def resolve_db_url(db: str | None) -> str:
    """The database URL to use: the ``--db`` option, else ``$FOGWATCH_DB``, else the default.

    A bare path (``x.sqlite``, ``data/x.db``, ``~/fw.sqlite``) means an SQLite file;
    ``postgres://`` and ``postgresql://`` URLs are rewritten to use psycopg 3.
    """
    value = (db or "").strip() or os.environ.get(ENV_VAR, "").strip() or DEFAULT_DB_URL
    if "://" not in value:
        # Bare paths keep their relative form so "x.sqlite" stays relative to the cwd.
        return "sqlite:///" + str(Path(value).expanduser())
    for prefix in _PG_PREFIXES:
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix):]
    return value


def parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StoreError(f"invalid database URL {mask_url(url)!r}: {exc}") from None


def mask_url(url: str | URL) -> str:
    """The URL with its password replaced by ``***``, for messages and logs."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        # Unparseable: mask anything that looks like "user:secret@" by hand.
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def sqlite_path(url: URL) -> Path | None:
    """The file behind an SQLite URL, or None for an in-memory database."""
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)
