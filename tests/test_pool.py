"""Analysis in worker processes gives the record one process gives, and a worker
that dies costs nothing."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from fogwatch.jobs import analyze_stored, run_batch
from fogwatch.store import Store

from .test_resume import _corpus, snapshot

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """Twelve demo articles analysed in this process: the record to match."""
    from fogwatch.analyze.pipeline import load_pipeline

    folder = tmp_path_factory.mktemp("pool")
    corpus = _corpus(folder / "corpus", 12)
    db = folder / "one.sqlite"
    with Store.open(str(db)) as store:
        summary = run_batch([str(corpus)], store, pipeline=load_pipeline(), workers=1)
        assert summary.analyzed >= 12 and not summary.failed
    return corpus, snapshot(f"sqlite:///{db}")


def test_workers_give_the_record_one_process_gives(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    corpus, expected = reference
    db = tmp_path / "two.sqlite"
    with Store.open(str(db)) as store:
        summary = run_batch([str(corpus)], store, workers=2, batch_size=4)
        assert not summary.failed
        assert store.unfinished() == []
        assert snapshot(f"sqlite:///{db}") == expected
        # re-analysis in workers replaces every finding with the same one
        again = analyze_stored(store, [d.id for d in store.documents(section=None, limit=100)],
                               workers=2, batch_size=4)
        assert not again.failed and again.analyzed == summary.analyzed
    after = snapshot(f"sqlite:///{db}")
    for table in ("documents", "mentions", "entities", "times", "attributions", "events",
                  "quantities", "places"):
        assert after[table] == expected[table], table


def test_a_worker_killed_midway_costs_nothing(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    corpus, expected = reference
    killed: list[int] = []

    def kill_a_worker(source: str, item) -> None:  # type: ignore[no-untyped-def]
        workers = multiprocessing.active_children()
        if not killed and len(list(Path(corpus).iterdir())) // 2 <= int(Path(source).stem) \
                and workers:
            pid = workers[0].pid
            assert pid is not None
            killed.append(pid)
            os.kill(pid, signal.SIGKILL)

    db = tmp_path / "killed.sqlite"
    with Store.open(str(db)) as store:
        summary = run_batch([str(corpus)], store, workers=2, batch_size=2,
                            on_item=kill_a_worker)
        assert killed, "no worker was running to be killed"
        assert not summary.failed and store.unfinished() == []
    assert snapshot(f"sqlite:///{db}") == expected
