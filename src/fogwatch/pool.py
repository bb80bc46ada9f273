"""Analysis in worker processes, so that `fogwatch ingest` uses every core.

The process that stores and reconciles must see documents in the order they
were read (matching a claim depends on what came before it), so it keeps that
order itself: batches go out to the workers as they fill, and their analyses
are taken back oldest first. While the workers analyse, the parent stores and
reconciles the batches already done, so the two overlap.

Each worker loads the pipeline once (its BLAS pinned to one thread, as
everywhere) and analyses a batch with the same isolation and per-document
limits as the parent would (:func:`fogwatch.isolate.analyze_isolated`); the time
limit holds there too, since a worker runs its task on its main thread. Workers
are started with ``spawn``: a fork of a process holding database connections
and a progress bar's thread is not safe.

This is a local pool for one machine's cores; batches of millions of articles
across machines go to Dask (:mod:`fogwatch.scale`).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from fogwatch.findings import Analysis, Document, to_dict

# Below this many documents to analyse, starting workers (each loads the model)
# costs more than it gives; FOGWATCH_POOL_MIN sets another number.
MIN_DOCUMENTS = 24

_pipeline: Any = None  # the worker's pipeline, loaded once


def default_workers() -> int:
    """One worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def pool_threshold() -> int:
    """How many documents a run must have before it starts worker processes."""
    raw = os.environ.get("FOGWATCH_POOL_MIN", "").strip()
    try:
        return max(0, int(raw)) if raw else MIN_DOCUMENTS
    except ValueError:
        return MIN_DOCUMENTS


def _start_worker(parent: int) -> None:
    global _pipeline
    _die_with_parent(parent)
    from fogwatch.analyze.pipeline import load_pipeline

    _pipeline = load_pipeline()


def _die_with_parent(parent: int) -> None:
    """End this worker when ``parent``, the process that started it, ends, even by
    ``kill -9`` (which gives it no chance to stop its workers): on Linux the
    kernel sends the signal; everywhere, a watchdog thread notices the new parent
    id. The parent's id comes from the parent: one read here could already be
    that of the process that adopted an orphan."""
    import signal
    import sys
    import threading
    import time

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent ended before the signal was asked for
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="fogwatch-parent-watch", daemon=True).start()


def _analyze_batch(
    docs: list[dict[str, Any]], limits: Any,
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    from fogwatch.isolate import analyze_isolated

    failed: list[tuple[str, str]] = []
    analyses = analyze_isolated([Document.from_dict(d) for d in docs], _pipeline, failed,
                                None, limits)
    return [a.to_dict() for a in analyses], failed


class AnalysisPool:
    """Worker processes that analyse batches of documents; a context manager."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker, initargs=(os.getpid(),),
        )

    def submit(self, docs: list[Document], limits: Any) -> Future:
        """Analyse ``docs`` in a worker; the future gives ``(analyses, failed)``."""
        return self._executor.submit(_analyze_batch, [to_dict(d) for d in docs], limits)

    @staticmethod
    def result(future: Future) -> tuple[list[Analysis], list[tuple[str, str]]]:
        """A batch's analyses and failures; raises what broke the worker, if one broke."""
        analyses, failed = future.result()
        return [Analysis.from_dict(a) for a in analyses], [tuple(f) for f in failed]

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> AnalysisPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
