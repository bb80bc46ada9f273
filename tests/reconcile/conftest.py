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


@pytest.fixture
def fold(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    """A function that stores, analyses and reconciles one article written for a
    test into ``store`` (outlet "The Courier" unless named), and returns its analysis."""
    from fogwatch.findings import Document
    from fogwatch.reconcile import reconcile_analysis

    def run(store: Store, doc_id: str, text: str, outlet: str = "The Courier"):  # type: ignore[no-untyped-def]
        doc = Document(id=doc_id, text=text, outlet=outlet, published="2025-03-14",
                       url=f"https://courier.example/{doc_id}")
        store.add_document(doc)
        analysis = pipeline.analyze(doc)
        store.save_analysis(analysis)
        reconcile_analysis(store, analysis)
        return analysis

    return run


@pytest.fixture
def board_of(tmp_path: Path, fold):  # type: ignore[no-untyped-def]
    """A function that folds one article written for a test (:func:`fold`) into a
    fresh store, and returns its propositions."""
    def run(text: str, doc_id: str = "t-courier-1") -> list:  # type: ignore[type-arg]
        with Store.open(str(tmp_path / f"{doc_id}.sqlite")) as store:
            fold(store, doc_id, text)
            return store.propositions(limit=50)

    return run


@pytest.fixture
def towns() -> list[str]:
    """Harbour towns, one for each article of a store made big enough for its
    words to be weighed by rarity (:data:`fogwatch.reconcile.rarity.WORDS_LEAST`)."""
    return ["Tromso", "Bodo", "Narvik", "Alta", "Harstad", "Kirkenes", "Vadso", "Hammerfest",
            "Mosjoen", "Sortland", "Finnsnes", "Svolvaer", "Honningsvag", "Lakselv",
            "Andenes", "Brekstad", "Steinkjer", "Namsos", "Levanger", "Rorvik", "Vardo",
            "Batsfjord"]
