"""Fixtures shared by every test module."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FOGWATCH_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seeds" / "000_1b785e3a2d9b05dc.txt"


SHARED_FIXTURES = {"shared_root", "shared_dir", "seed_path"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--shared-only", action="store_true",
        help="Run only the tests that read the public data beside the repository "
             "(with FOGWATCH_SHARED pointing nowhere: they must skip or pass without it).",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--shared-only"):
        return
    keep, drop = [], []
    for item in items:
        uses = SHARED_FIXTURES & set(getattr(item, "fixturenames", ()))
        (keep if uses else drop).append(item)
    items[:] = keep
    config.hook.pytest_deselected(items=drop)


@pytest.fixture(scope="session")
def shared_root() -> Path:
    """Where the shared data folder is expected (for tests that only draw extra
    texts from it when it is there)."""
    return SHARED


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the shared data folder ({SHARED}) is absent; set FOGWATCH_SHARED")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    if not SEED.is_file():
        pytest.skip(f"the seed article ({SEED}) is absent")
    return SEED


# --- PostgreSQL ------------------------------------------------------------------

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
_pg_unreachable: str | None = None


def _pg_admin_url() -> str:
    return os.environ.get("FOGWATCH_TEST_PG", PG_DEFAULT)


def _pg_engine() -> sa.Engine:
    """An engine for the test server, or a skip saying why there is none."""
    global _pg_unreachable
    if _pg_unreachable is not None:
        pytest.skip(_pg_unreachable)
    engine = sa.create_engine(_pg_admin_url(), connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            pass
    except Exception as exc:  # any failure to connect means: no server for these tests
        engine.dispose()
        shown = sa.make_url(_pg_admin_url()).render_as_string(hide_password=True)
        _pg_unreachable = (
            f"PostgreSQL at {shown} is unreachable (set FOGWATCH_TEST_PG): "
            f"{str(exc).splitlines()[0]}"
        )
        pytest.skip(_pg_unreachable)
    return engine


@contextmanager
def _pg_schema() -> Iterator[str]:
    """A URL whose connections work in a new schema of their own, dropped afterwards."""
    engine = _pg_engine()
    schema = f"fw_test_{uuid.uuid4().hex[:12]}"
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    # search_path puts every table (and Alembic's version table) in the test schema.
    url = sa.make_url(_pg_admin_url()).update_query_dict(
        {"options": f"-csearch_path={schema}"}
    )
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(scope="session")
def pg_schema() -> Callable[[], AbstractContextManager[str]]:
    """``with pg_schema() as url:``: a URL working in a new PostgreSQL schema of its
    own (dropped afterwards), or a skip saying why there is no server."""
    return _pg_schema
