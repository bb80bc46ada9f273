"""Fixtures for reconciliation: the demo corpus analysed once into a store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fogwatch.analyze.pipeline import Pipeline
from fogwatch.jobs import demo_corpus_path, run_batch
from fogwatch.store import Store


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    """A SQLite file holding the analysed demo corpus, reconciled as it was ingested."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Store.open(str(path)) as store:
        summary = run_batch([str(demo_corpus_path())], store, pipeline=pipeline)
    assert summary.ok, summary.failed
    return path


@pytest.fixture
def demo_store(demo_db: Path, tmp_path: Path) -> Iterator[Store]:
    """A private copy of the demo store (tests may rebuild its records)."""
    copy = tmp_path / "demo.sqlite"
    copy.write_bytes(demo_db.read_bytes())
    with Store.open(str(copy)) as store:
        yield store
