"""Large batches on Dask: analysis spread over a cluster, findings into the store.

The sources are expanded on the client (a folder becomes its files) and cut into
partitions of ``partition_size`` sources. Each partition is one Dask task. On a
worker it reads its sources (files must sit on a filesystem the workers share;
URLs are fetched by the worker), analyses them with the worker's own pipeline
(loaded once per worker process) and writes one shard into the output folder:

- ``part-NNNNN-<key>.jsonl.gz``: one line per document, in input order, either
  ``{"analysis": ...}`` (the shape of ``fogwatch analyze --json``) or, where the
  analysis failed, ``{"document": ...}`` so that the document itself is kept;
- ``part-NNNNN-<key>.summary.json``: what the partition did (counts, failures,
  words, seconds), written last: a shard with a summary is complete.

``<key>`` is a hash of the partition's sources, so a run that stopped part way
resumes where it was when it is started again with the same sources: complete
shards are not analysed again.

The client loads each shard into the store as soon as its task is done. The
store keeps one writer, so SQLite serves as well as PostgreSQL, and cross-document
reconciliation sees documents one at a time, as it must. A bad item is reported
with its name and the batch goes on; a task that fails outright is reported with
the sources of its partition; what was stored stays stored.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fogwatch.findings import Analysis, Document, to_dict
from fogwatch.ingest import IngestItem, expand_sources, iter_sources
from fogwatch.jobs import (
    RunSummary,
    analyze_isolated,
    label,
    reconcile_stored,
    save_one,
    store_document,
)
from fogwatch.store import Store

SHARD_SUFFIX = ".jsonl.gz"
SUMMARY_SUFFIX = ".summary.json"
ANALYSIS_BATCH = 16  # documents per call of the pipeline on a worker


@dataclass
class BatchResult:
    """What a Dask batch did, over all partitions."""

    summary: RunSummary = field(default_factory=RunSummary)
    partitions: int = 0
    resumed: int = 0  # partitions whose shard was already complete
    documents: int = 0  # read by the workers (articles and reader comments)
    analyzed: int = 0  # of which analysed (the rest are kept without findings)
    words: int = 0
    worker_seconds: float = 0.0  # analysis time summed over the workers
    workers: int = 0
    out: str = ""

    @property
    def words_per_second(self) -> float:
        """Words analysed per second of wall-clock time, the whole batch counted."""
        return self.words / self.summary.elapsed if self.summary.elapsed else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.summary.to_dict(), "partitions": self.partitions, "resumed": self.resumed,
            "read": self.documents, "analyzed_in_shards": self.analyzed, "words": self.words, "worker_seconds": round(self.worker_seconds, 3),
            "workers": self.workers, "words_per_second": round(self.words_per_second),
            "out": self.out,
        }


def plan_partitions(
    sources: Sequence[str], partition_size: int,
    on_skip: Callable[[IngestItem], None] | None = None,
) -> list[tuple[str, list[str]]]:
    """``(name, sources)`` of each partition; the name carries a hash of its sources.
    Folder entries left out are handed to ``on_skip``."""
    if partition_size < 1:
        raise ValueError("partition size must be at least 1")
    items = expand_sources(sources, on_skip=on_skip)
    parts = [items[i:i + partition_size] for i in range(0, len(items), partition_size)]
    return [(f"part-{k:05d}-{_key(part)}", part) for k, part in enumerate(parts)]


def _key(sources: Sequence[str]) -> str:
    return hashlib.sha1("\n".join(sources).encode("utf-8")).hexdigest()[:12]


# --- on a worker ---------------------------------------------------------------------


def analyze_partition(
    name: str, sources: list[str], out_dir: str, options: dict[str, Any] | None = None,
    resume: bool = True,
) -> dict[str, Any]:
    """Read, analyse and write one partition's shard; returns its summary.

    Runs on a Dask worker. Never raises for a bad item: its error is in the
    summary's ``failed``.
    """
    from fogwatch.analyze.pipeline import load_pipeline

    out = Path(out_dir)
    summary_path = out / f"{name}{SUMMARY_SUFFIX}"
    if resume and summary_path.exists():
        with contextlib.suppress(ValueError, OSError):
            return {**json.loads(summary_path.read_text(encoding="utf-8")), "resumed": True}
    started = time.perf_counter()
    pipeline = load_pipeline()  # cached: one per worker process
    failed: list[tuple[str, str]] = []
    counts = {"documents": 0, "analyzed": 0, "skipped": 0, "words": 0}
    shard = out / f"{name}{SHARD_SUFFIX}"
    partial = shard.with_name(shard.name + ".partial")
    with gzip.open(partial, "wt", encoding="utf-8") as fh:
        pending: list[Document] = []

        def flush() -> None:
            done = {a.document.id: a for a in analyze_isolated(pending, pipeline, failed)}
            for doc in pending:  # input order: an article comes before its comments
                analysis = done.get(doc.id)
                if analysis is not None:
                    counts["analyzed"] += 1
                    counts["words"] += len(doc.text.split())
                    record = {"analysis": analysis.to_dict()}
                else:
                    record = {"document": to_dict(doc)}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            pending.clear()

        for item in iter_sources(sources, **(options or {})):
            if item.error:
                failed.append((item.source, item.error))
            elif item.skipped:
                counts["skipped"] += 1
            for doc in item.documents:
                counts["documents"] += 1
                pending.append(doc)
            if len(pending) >= ANALYSIS_BATCH:
                flush()
        flush()
    os.replace(partial, shard)
    summary = {
        "name": name, "shard": shard.name, "sources": len(sources), **counts,
        "failed": [{"source": s, "error": e} for s, e in failed],
        "seconds": round(time.perf_counter() - started, 3), "resumed": False,
    }
    _write_atomic(summary_path, json.dumps(summary, ensure_ascii=False, indent=1))
    return summary


def _write_atomic(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


# --- on the client -------------------------------------------------------------------


def load_shard(store: Store, path: Path, summary: RunSummary, *, reconcile: bool = True) -> None:
    """Store every document of one shard with its findings, in shard order.

    A document already in the store is a duplicate and left as it is, unless it
    was stored without findings (an earlier run stopped in between): those are
    saved now.
    """
    number = 0
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                try:
                    record = json.loads(line)
                    if "analysis" in record:
                        analysis: Analysis | None = Analysis.from_dict(record["analysis"])
                        doc = analysis.document
                    else:
                        analysis, doc = None, Document.from_dict(record["document"])
                except (ValueError, KeyError, TypeError) as exc:
                    summary.failed.append((f"{path.name}:{number}", f"unreadable record: {exc}"))
                    continue
                _load_one(store, doc, analysis, summary, reconcile=reconcile)
    except (OSError, EOFError) as exc:  # missing or cut off: what was read is stored
        summary.failed.append((f"{path.name}:{number + 1}", f"cannot read shard: {exc}"))


def _load_one(store: Store, doc: Document, analysis: Analysis | None, summary: RunSummary,
              *, reconcile: bool) -> None:
    kept = store_document(store, doc, summary, label(doc))
    if kept is None:
        return
    stored, doc_id = kept
    if not stored:
        try:
            state = store.document_state(doc_id)
        except Exception as exc:  # a storage error on one document must not end the batch
            summary.failed.append((label(doc), f"could not store: {exc}"))
            return
        if state == "analysed" and reconcile:  # a run stopped before reconciling it
            summary.resumed += 1
            reconcile_stored(store, doc_id, summary)
            return
        if not (state == "stored" and analysis is not None and doc_id == doc.id):
            summary.duplicates += 1
            return
        summary.resumed += 1
    if analysis is not None:
        save_one(store, analysis, summary, reconcile=reconcile)


def complete_shards(out_dir: Path) -> list[Path]:
    """The shards in ``out_dir`` whose partition finished, in partition order."""
    found = []
    for summary_path in sorted(Path(out_dir).glob(f"part-*{SUMMARY_SUFFIX}")):
        shard = summary_path.with_name(summary_path.name[: -len(SUMMARY_SUFFIX)] + SHARD_SUFFIX)
        if shard.exists():
            found.append(shard)
    return found


PartitionHook = Callable[[str, dict[str, Any] | None], None]


def run_on_dask(
    sources: Sequence[str],
    out_dir: str | Path,
    *,
    store: Store | None = None,
    client: Any = None,
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int = 32,
    reconcile: bool = True,
    resume: bool = True,
    options: dict[str, Any] | None = None,
    on_partition: PartitionHook | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> BatchResult:
    """Analyse ``sources`` on Dask, loading each finished shard into ``store``.

    ``client``: a ``distributed.Client`` to use; else one is made, connected to
    ``scheduler`` (an address such as ``tcp://host:8786``) or to a local cluster
    of ``workers`` processes (default: one per core). ``store=None`` only writes
    the shards (load them later with :func:`load_shard`). ``on_partition`` is
    called with each partition's name and summary (None if its task failed);
    ``on_plan`` with the number of partitions once the sources are planned.
    """
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = BatchResult(out=str(out))
    partitions = plan_partitions(
        sources, partition_size,
        on_skip=lambda item: result.summary.left_out.append((item.source, item.skipped or "")),
    )
    result.partitions = len(partitions)
    if on_plan is not None:
        on_plan(len(partitions))
    with _client(client, scheduler, workers) as dask_client:
        result.workers = len(dask_client.scheduler_info().get("workers", {}))
        for name, part, outcome in _completed(dask_client, partitions, out, options, resume):
            if isinstance(outcome, BaseException):
                result.summary.failed.append((
                    f"{name} ({part[0]}{' …' if len(part) > 1 else ''}, {len(part)} sources)",
                    f"partition failed on the cluster: {type(outcome).__name__}: {outcome}",
                ))
                if on_partition is not None:
                    on_partition(name, None)
                continue
            _merge(result, outcome)
            if store is not None:
                for failure in [] if outcome.get("resumed") else outcome.get("failed", []):
                    with contextlib.suppress(Exception):  # bookkeeping never breaks a batch
                        store.record_failure(failure["source"], failure["error"])
                load_shard(store, out / outcome["shard"], result.summary, reconcile=reconcile)
            if on_partition is not None:
                on_partition(name, outcome)
    result.summary.elapsed = time.perf_counter() - started
    return result


def _merge(result: BatchResult, part: dict[str, Any]) -> None:
    result.resumed += bool(part.get("resumed"))
    result.documents += int(part.get("documents", 0))
    result.analyzed += int(part.get("analyzed", 0))
    result.words += int(part.get("words", 0))
    result.worker_seconds += float(part.get("seconds", 0.0))
    result.summary.skipped += int(part.get("skipped", 0))
    result.summary.failed.extend((f["source"], f["error"]) for f in part.get("failed", []))


def _completed(
    client: Any, partitions: list[tuple[str, list[str]]], out: Path,
    options: dict[str, Any] | None, resume: bool,
) -> Iterator[tuple[str, list[str], dict[str, Any] | BaseException]]:
    """Each partition's outcome as its task finishes.

    Only a window of tasks is in flight at a time (a few per worker thread), so
    the scheduler and the client's memory stay small for millions of sources.
    """
    from distributed import as_completed

    threads = sum(w.get("nthreads", 1)
                  for w in client.scheduler_info().get("workers", {}).values()) or 1
    window = max(4, 3 * threads)
    todo = iter(partitions)
    by_key: dict[str, tuple[str, list[str]]] = {}
    running = as_completed()

    def submit() -> bool:
        nxt = next(todo, None)
        if nxt is None:
            return False
        name, part = nxt
        future = client.submit(analyze_partition, name, part, str(out), options, resume,
                               key=f"fogwatch-{name}", pure=False, retries=1)
        by_key[future.key] = nxt
        running.add(future)
        return True

    for _ in range(window):
        if not submit():
            break
    for future in running:
        name, part = by_key.pop(future.key)
        try:
            outcome: dict[str, Any] | BaseException = future.result()
        except Exception as exc:  # the task itself broke: report its sources, go on
            outcome = exc
        future.release()
        yield name, part, outcome
        submit()


@contextlib.contextmanager
def _client(client: Any, scheduler: str | None, workers: int | None) -> Iterator[Any]:
    if client is not None:
        yield client
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # declared as a dependency; a broken install says so
        raise RuntimeError("Dask's distributed scheduler is not installed "
                           "(pip install 'dask[distributed]')") from exc
    if scheduler:
        with Client(scheduler) as made:
            yield made
        return
    n = workers or os.cpu_count() or 1
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as made:
        yield made
