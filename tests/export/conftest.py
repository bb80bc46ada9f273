"""Fixtures shared by the export tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fogwatch.store import Store


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(
    request: pytest.FixtureRequest, tmp_path: Path, pg_schema: Callable
) -> Iterator[Store]:
    """An empty store on SQLite and, when a server is reachable, on PostgreSQL."""
    if request.param == "sqlite":
        with Store.open(f"sqlite:///{tmp_path / 'fogwatch.sqlite'}") as opened:
            yield opened
        return
    with pg_schema() as url, Store.open(url) as opened:
        yield opened
