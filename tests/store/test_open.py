"""Opening stores: URLs, migrations from empty, idempotent reopen, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from fogwatch.findings import Document
from fogwatch.store import DEFAULT_DB_URL, Store, StoreError, mask_url, resolve_db_url
from fogwatch.store.migrate import head_revision
from fogwatch.store.schema import metadata

TABLES = {
    "documents", "entities", "document_entities", "mentions", "times", "attributions",
    "events", "quantities", "places", "feed_seen", "ingest_failures",
}


def test_resolve_db_url_prefers_option_then_env_then_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("FOGWATCH_DB", raising=False)
    assert resolve_db_url(None) == DEFAULT_DB_URL == "sqlite:///fogwatch.sqlite"
    monkeypatch.setenv("FOGWATCH_DB", "team.db")
    assert resolve_db_url(None) == "sqlite:///team.db"
    assert resolve_db_url("") == "sqlite:///team.db"
    assert resolve_db_url("mine.sqlite") == "sqlite:///mine.sqlite"
    assert resolve_db_url("sqlite:////var/fw.sqlite") == "sqlite:////var/fw.sqlite"


def test_resolve_db_url_paths_and_postgres_spellings() -> None:
    assert resolve_db_url("/srv/fw/x.sqlite") == "sqlite:////srv/fw/x.sqlite"
    assert resolve_db_url("data/x.db") == "sqlite:///data/x.db"
    assert resolve_db_url("~/x.db") == "sqlite:///" + str(Path("~/x.db").expanduser())
    for given in ("postgres://u:p@h:5432/d", "postgresql://u:p@h:5432/d"):
        assert resolve_db_url(given) == "postgresql+psycopg://u:p@h:5432/d"
    kept = "postgresql+psycopg://u@h/d"
    assert resolve_db_url(kept) == kept


def test_mask_url_hides_passwords() -> None:
    assert mask_url("postgresql+psycopg://ann:s3cret@db:5432/fw") == (
        "postgresql+psycopg://ann:***@db:5432/fw"
    )
    assert "s3cret" not in mask_url("weird://ann:s3cret@db:x:y/")


def test_open_creates_schema_at_head_and_matches_the_models(db_url: str) -> None:
    with Store.open(db_url) as store:
        stats = store.stats()
        assert set(stats) >= TABLES
        assert all(stats[t] == 0 for t in TABLES)
        engine = sa.create_engine(db_url)
        try:
            with engine.connect() as conn:
                context = MigrationContext.configure(
                    conn, opts={"include_object": _not_search_machinery}
                )
                assert context.get_current_revision() == head_revision()
                assert set(sa.inspect(conn).get_table_names()) >= TABLES
                # The migration and schema.py describe the same tables, columns and indexes.
                assert compare_metadata(context, metadata) == []
        finally:
            engine.dispose()


def _not_search_machinery(obj: object, name: str | None, *_: object) -> bool:
    """Full-text search objects are backend-specific and live outside schema.py."""
    name = name or ""
    return not (name.startswith("documents_fts") or "search_vector" in name)


def test_reopen_is_idempotent_and_keeps_data(db_url: str, article) -> None:
    with Store.open(db_url) as store:
        store.add_document(article)
    for _ in range(2):
        with Store.open(db_url) as store:
            assert store.stats()["documents"] == 1
            assert store.get_document(article.id) == article


def test_open_without_migrations_refuses_an_empty_database(db_url: str) -> None:
    with pytest.raises(StoreError, match="schema revision none"):
        Store.open(db_url, migrate=False)
    Store.open(db_url).close()
    with Store.open(db_url, migrate=False) as store:
        assert store.count_documents() == 0


def test_open_sqlite_in_missing_folder_names_the_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'no' / 'such' / 'fw.sqlite'}"
    with pytest.raises(StoreError, match="does not exist") as info:
        Store.open(url)
    assert url in str(info.value)


def test_open_sqlite_on_a_directory_fails_clearly(tmp_path: Path) -> None:
    (tmp_path / "adir").mkdir()
    with pytest.raises(StoreError, match="cannot open database sqlite:///"):
        Store.open(str(tmp_path / "adir"))


def test_open_unknown_dialect_fails_clearly() -> None:
    with pytest.raises(StoreError, match="nosuchdb://"):
        Store.open("nosuchdb://host/x")


def test_open_unreachable_postgres_masks_password() -> None:
    # Port 1 on loopback refuses at once: nothing listens there.
    with pytest.raises(StoreError) as info:
        Store.open("postgresql://fw:hunter2@127.0.0.1:1/fw?connect_timeout=2")
    message = str(info.value)
    assert "postgresql+psycopg://fw:***@127.0.0.1:1/fw" in message
    assert "hunter2" not in message


def test_in_memory_sqlite_works() -> None:
    with Store.open("sqlite://") as store:
        assert store.add_document(Document.create("A short note."))[0]
        assert store.count_documents() == 1


def test_database_from_a_newer_fogwatch_is_refused_clearly(db_url: str) -> None:
    Store.open(db_url).close()
    engine = sa.create_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        engine.dispose()
    with pytest.raises(StoreError, match="9999"):
        Store.open(db_url)
