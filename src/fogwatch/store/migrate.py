"""Schema migrations, applied in code from the packaged ``migrations`` folder."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from fogwatch.kinds import registry
from fogwatch.store.engine import write_transaction

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any constant works; it only has to be the same in every fogwatch process.
_PG_LOCK_ID = 0x666F6777  # "fogw"


def version_locations() -> list[str]:
    """fogwatch's own migrations, then those of every registered finding kind that
    brings a table of its own (a plug-in's ``FindingKind.migrations``)."""
    folders = [str(MIGRATIONS_DIR / "versions")]
    for kind in registry.kinds():
        if kind.migrations is not None and str(kind.migrations) not in folders:
            folders.append(str(kind.migrations))
    return folders


def alembic_config(connection: Connection | None = None) -> Config:
    """The alembic configuration: fogwatch's migrations and every kind's.

    A plug-in kind's migrations are a branch of their own (``branch_labels``
    naming the kind, ``depends_on`` fogwatch's revision that made the table it
    refers to), so the store is upgraded to every head.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # alembic splits on the separator it is told; paths may hold spaces, not newlines
    config.set_main_option("path_separator", "newline")
    config.set_main_option("version_locations", "\n".join(version_locations()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def head_revision() -> str | None:
    """fogwatch's own newest revision (plug-in kinds' branches aside)."""
    script = ScriptDirectory.from_config(alembic_config())
    own = MIGRATIONS_DIR / "versions"
    heads = [h for h in script.get_heads()
             if Path(script.get_revision(h).path).parent == own]  # type: ignore[union-attr]
    return heads[0] if heads else None


def current_revisions(conn: Connection) -> set[str]:
    return set(MigrationContext.configure(conn).get_current_heads())


def current_revision(conn: Connection) -> str | None:
    """The store's revision on fogwatch's own line (plug-in kinds' branches aside)."""
    current = MigrationContext.configure(conn).get_current_heads()
    if len(current) <= 1:
        return current[0] if current else None
    script = ScriptDirectory.from_config(alembic_config())
    own = MIGRATIONS_DIR / "versions"
    for rev in current:
        found = script.get_revision(rev)
        if found is not None and Path(found.path).parent == own:
            return rev
    return None


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision; a no-op when it is already there.

    Runs in one transaction that first takes a lock, so two processes opening a
    new database at once migrate it once, not twice.
    """
    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK_ID})
        if current_revisions(conn) == head_revisions():
            return
        command.upgrade(alembic_config(conn), "heads")
