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


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The bundled demo corpus, analysed and reconciled once for every export test
    (read only: a test that writes makes its own store)."""
    from fogwatch.analyze.pipeline import load_pipeline
    from fogwatch.jobs import demo_corpus_path, run_batch

    path = tmp_path_factory.mktemp("export-demo") / "demo.sqlite"
    with Store.open(str(path)) as store:
        summary = run_batch([str(demo_corpus_path())], store, pipeline=load_pipeline())
        assert summary.ok, summary.failed
        yield store
