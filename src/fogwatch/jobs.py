"""Jobs that compose the layers: ingest -> analyze -> store (and the feed watcher).

The CLI and the web app call these; the layers themselves never call each other
backwards. A bad item never stops a batch: it is recorded with its reason and the
batch goes on; what was stored stays stored.
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fogwatch.findings import Analysis, Document
from fogwatch.ingest import IngestItem, iter_sources
from fogwatch.isolate import (  # noqa: F401 (the batch jobs' public names)
    DEFAULT_MAX_SECONDS,
    DEFAULT_MAX_WORDS,
    AnalysisTimeout,
    Limits,
    analyze_isolated,
    label,
    time_limit,
)
from fogwatch.isolate import (
    safe as _safe,
)
from fogwatch.reconcile import reconcile_analysis, reconcile_document
from fogwatch.store import Store

ProgressHook = Callable[[str, IngestItem | None], None]


@dataclass
class RunSummary:
    """What one batch did: the closing summary the CLI prints."""

    ingested: int = 0
    comments: int = 0
    duplicates: int = 0
    resumed: int = 0  # stored by a run that stopped, finished by this one
    skipped: int = 0
    analyzed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    # folder entries the walk left out (not ingestible, links out of the folder, ...)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    # articles stored with no publication date: their events stay off the
    # timeline and "last week" cannot be resolved (``--date`` gives one)
    undated: list[str] = field(default_factory=list)
    document_ids: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict:
        return {
            "ingested": self.ingested, "comments": self.comments,
            "duplicates": self.duplicates, "resumed": self.resumed,
            "skipped": self.skipped,
            "analyzed": self.analyzed,
            "failed": [{"source": s, "error": e} for s, e in self.failed],
            "left_out": [{"source": s, "reason": r} for s, r in self.left_out],
            "undated": list(self.undated),
            "documents": self.document_ids, "seconds": round(self.elapsed, 3),
        }


def run_batch(
    sources: Iterable[str],
    store: Store,
    *,
    analyze: bool = True,
    pipeline=None,
    date: str | None = None,
    allow_private: bool = False,
    max_bytes: int | None = None,
    timeout: float | None = None,
    seen: Callable[[str], bool] | None = None,
    follow_symlinks: bool = False,
    given: dict[str, str] | None = None,
    on_item: ProgressHook | None = None,
    batch_size: int = 8,
    reconcile: bool = True,
    limits: Limits | None = None,
    workers: int | None = None,
) -> RunSummary:
    """Ingest every source into ``store`` and (by default) analyse what is new.

    Documents are stored as soon as they are read, so a failure in analysis never
    loses them; analysis runs in batches for speed and a failing document is
    retried alone so that it cannot take its batch down with it. Each analysed
    document is then folded into the cross-document records (``reconcile``), in
    the order the documents were read.

    ``workers``: processes that analyse while this one stores and reconciles
    (default: one per core when no ``pipeline`` is given and there are more than
    a few documents; 1 analyses here).
    """
    started = time.perf_counter()
    summary = RunSummary()
    limits = limits or Limits.from_env()
    options: dict = {"date": date, "allow_private": allow_private,
                     "follow_symlinks": follow_symlinks, "given": given}
    if max_bytes is not None:
        options["max_bytes"] = max_bytes
    if timeout is not None:
        options["timeout"] = timeout
    if seen is not None:
        options["seen"] = seen

    finisher = Finisher(store, summary, pipeline=pipeline, reconcile=reconcile,
                        limits=limits, workers=workers, batch_size=batch_size)
    for item in iter_sources(sources, **options):
        if item.error:
            summary.failed.append((item.source, item.error))
            _safe(lambda item=item: store.record_failure(item.source, item.error))
        elif item.skipped and item.skip_kind in ("seen", "duplicate", None):
            summary.skipped += 1
        elif item.skipped:
            summary.left_out.append((item.source, item.skipped))
        for doc in item.documents:
            too_long = limits.too_long(doc) if analyze else None
            if too_long is not None:  # refused before storing: nothing half-done is left
                fail(store, summary, label(doc) if doc.source else item.source, too_long)
                continue
            kept = store_document(store, doc, summary, item.source)
            if kept is None:
                continue
            stored, doc_id = kept
            if not stored:
                queued = finisher.holds(doc_id)
                left = None if queued else _left_over(
                    store, doc_id, summary, item.source, analyze=analyze, reconcile=reconcile)
                if left is None:
                    summary.duplicates += 1
                    continue
                summary.resumed += 1
                finisher.put(left)
            else:
                if not doc.published and doc.section == "body":
                    summary.undated.append(label(doc) if doc.source else item.source)
                feed_key = doc.metadata.get("feed_key") if doc.metadata else None
                if feed_key:
                    _safe(lambda k=feed_key, s=item.source: store.mark_seen(k, source=s))
                if analyze:
                    finisher.put(doc)
        if on_item is not None:
            on_item(item.source, item)
    finisher.close()
    summary.elapsed = time.perf_counter() - started
    return summary


def _left_over(store: Store, doc_id: str, summary: RunSummary, source: str, *,
               analyze: bool, reconcile: bool) -> Document | str | None:
    """What a stopped run left undone for an already stored document: the stored
    document to analyse, its id to reconcile, or None when it is complete."""
    try:
        state = store.document_state(doc_id)
        if state == "stored" and analyze:
            return store.get_document(doc_id)
    except Exception as exc:  # a storage error on one document must not end the batch
        fail(store, summary, source, f"could not read the stored document: {exc}")
        return None
    if state == "analysed" and analyze and reconcile:
        return doc_id
    return None


def repair(
    store: Store, *, pipeline=None, on_doc: Callable[[str], None] | None = None,
    batch_size: int = 8, limits: Limits | None = None, workers: int | None = None,
) -> RunSummary:
    """Finish what stopped runs left: analyse stored documents that have no
    findings and reconcile analysed ones not yet in the cross-document records,
    in the order they entered the store."""
    started = time.perf_counter()
    summary = RunSummary()
    finisher = Finisher(store, summary, pipeline=pipeline, reconcile=True, limits=limits,
                        workers=workers, batch_size=batch_size)
    for doc_id, state in store.unfinished():
        left: Document | str | None = doc_id
        if state == "stored":
            left = store.get_document(doc_id)
        if left is not None:
            summary.resumed += 1
            finisher.put(left)
        if on_doc is not None:
            on_doc(doc_id)
    finisher.close()
    summary.elapsed = time.perf_counter() - started
    return summary


class Finisher:
    """Analyses, saves and reconciles documents in the order they are put, in
    batches. With worker processes (:mod:`fogwatch.pool`), later batches are
    analysed while earlier ones are saved and reconciled here; the pool starts
    only once there are enough documents to pay for it, and if it breaks (a
    worker killed), what it held is analysed here instead. A batch may hold ids
    of analysed documents, which are only reconciled, in their place."""

    def __init__(self, store: Store, summary: RunSummary, *, pipeline=None,
                 reconcile: bool = True, limits: Limits | None = None,
                 workers: int | None = None, batch_size: int = 8) -> None:
        from fogwatch.pool import default_workers, pool_threshold

        self.store, self.summary, self.pipeline = store, summary, pipeline
        self.reconcile, self.limits = reconcile, limits or Limits.from_env()
        # Workers asked for by number start at once; by default only for enough
        # documents to pay for loading the model in each.
        self.min_documents = pool_threshold() if workers is None else 0
        if workers is None:
            workers = default_workers() if pipeline is None else 1
        self.workers = workers
        self.pool: Any = None
        self.queue: deque[list[Any]] = deque()  # [items, future or None]
        self.documents = 0
        self.batch_size = batch_size
        self._batch: list[Document | str] = []
        self._held: dict[str, int] = {}

    def holds(self, doc_id: str) -> bool:
        """Whether ``doc_id`` was put and is not yet finished."""
        return doc_id in self._held

    def put(self, entry: Document | str) -> None:
        """A document to analyse, or the id of an analysed one to reconcile."""
        self._batch.append(entry)
        key = entry if isinstance(entry, str) else entry.id
        self._held[key] = self._held.get(key, 0) + 1
        if len(self._batch) >= self.batch_size:
            self._add_batch()

    def _add_batch(self) -> None:
        if not self._batch:
            return
        items, self._batch = self._batch, []
        self.queue.append([items, None])
        self.documents += sum(isinstance(e, Document) for e in items)
        self._drain(final=False)

    def close(self) -> None:
        """Finish everything put; the workers stop."""
        try:
            self._add_batch()
            self._drain(final=True)
        finally:
            if self.pool is not None:
                self.pool.close()
                self.pool = None

    def _drain(self, *, final: bool) -> None:
        from fogwatch.pool import AnalysisPool

        if self.pool is None and self.workers > 1 and self.documents >= self.min_documents:
            with contextlib.suppress(Exception):  # no pool: analyse here
                self.pool = AnalysisPool(self.workers)
        if self.pool is None:
            if not final and self.workers > 1 and self.documents < self.min_documents:
                return  # wait: perhaps enough documents come to start the pool
            while self.queue:
                self._complete(self.queue.popleft()[0], None)
            return
        for entry in self.queue:  # every waiting batch goes out
            docs = [d for d in entry[0] if isinstance(d, Document)]
            if entry[1] is None and docs:
                try:
                    entry[1] = self.pool.submit(docs, self.limits)
                except Exception:  # the pool broke: what it has not taken is done here
                    self._give_up_pool()
                    return self._drain(final=final)
        keep = 0 if final else 2 * self.workers
        while self.queue and (len(self.queue) > keep or self.queue[0][1] is None
                              or self.queue[0][1].done()):
            items, future = self.queue.popleft()
            self._complete(items, future)

    def _give_up_pool(self) -> None:
        """Analyse here from now on; batches the pool held go back to waiting."""
        if self.pool is not None:
            with contextlib.suppress(Exception):
                self.pool.close()
        self.pool, self.workers = None, 1
        for entry in self.queue:
            entry[1] = None

    def _complete(self, items: list[Document | str], future: Any) -> None:
        docs = [d for d in items if isinstance(d, Document)]
        analyses: list[Analysis] | None = None
        if future is not None:
            try:
                analyses, failed = self.pool.result(future)
                for source, error in failed:
                    fail(self.store, self.summary, source, error)
            except Exception:  # a worker died (killed, out of memory): go on here
                self._give_up_pool()
                analyses = None
        if analyses is None:
            if docs and self.pipeline is None:
                self.pipeline = _default_pipeline()
            analyses = analyze_isolated(docs, self.pipeline, self.summary.failed, self.store,
                                        self.limits) if docs else []
        by_id = {a.document.id: a for a in analyses}
        for entry in items:
            if isinstance(entry, Document):
                analysis = by_id.get(entry.id)
                if analysis is not None:
                    save_one(self.store, analysis, self.summary, reconcile=self.reconcile)
            elif self.reconcile:
                reconcile_stored(self.store, entry, self.summary)
            key = entry if isinstance(entry, str) else entry.id
            self._held[key] -= 1
            if not self._held[key]:
                del self._held[key]


def reconcile_stored(store: Store, doc_id: str, summary: RunSummary) -> None:
    """Reconcile an analysed, stored document; a failure is recorded, never raised."""
    try:
        reconcile_document(store, doc_id)
    except Exception as exc:  # the findings are saved; `repair` can redo this
        fail(store, summary, doc_id, f"could not reconcile: {exc}")


def analyze_stored(
    store: Store,
    doc_ids: Iterable[str],
    *,
    pipeline=None,
    on_doc: Callable[[str], None] | None = None,
    batch_size: int = 8,
    reconcile: bool = True,
    limits: Limits | None = None,
    workers: int | None = None,
) -> RunSummary:
    """Re-analyse documents already in the store (their findings are replaced)."""
    started = time.perf_counter()
    summary = RunSummary()
    finisher = Finisher(store, summary, pipeline=pipeline, reconcile=reconcile, limits=limits,
                        workers=workers, batch_size=batch_size)
    for doc_id in doc_ids:
        doc = store.get_document(doc_id)
        if doc is None:
            summary.failed.append((doc_id, "no such document"))
            continue
        finisher.put(doc)
        if on_doc:
            on_doc(doc_id)
    finisher.close()
    summary.elapsed = time.perf_counter() - started
    return summary


def store_document(store: Store, doc: Document, summary: RunSummary, source: str
                   ) -> tuple[bool, str] | None:
    """``store.add_document`` with its count in ``summary``: ``(stored?, id)``, or None
    when storing failed (recorded against ``source``, never raised)."""
    try:
        stored, doc_id = store.add_document(doc)
    except Exception as exc:  # a storage error on one item must not end the batch
        fail(store, summary, source, f"could not store: {exc}")
        return None
    if stored:
        if doc.section == "comment":
            summary.comments += 1
        else:
            summary.ingested += 1
        summary.document_ids.append(doc_id)
    return stored, doc_id


def save_one(store: Store, analysis: Analysis, summary: RunSummary, *,
             reconcile: bool = True) -> bool:
    """Save one document's findings, then fold them into the cross-document
    records; a failure is recorded in ``summary`` and never raised."""
    try:
        store.save_analysis(analysis)
        summary.analyzed += 1
    except Exception as exc:
        fail(store, summary, label(analysis.document), f"could not save findings: {exc}")
        return False
    if reconcile:
        try:
            reconcile_analysis(store, analysis)
        except Exception as exc:  # the findings are saved; `fogwatch repair` can redo this
            fail(store, summary, label(analysis.document), f"could not reconcile: {exc}")
    return True


def fail(store: Store, summary: RunSummary, source: str, error: str) -> None:
    """Record a failure in the closing summary and in the store's failure log."""
    summary.failed.append((source, error))
    _safe(lambda: store.record_failure(source, error))


def _default_pipeline():
    from fogwatch.analyze.pipeline import load_pipeline

    return load_pipeline()


def demo_corpus_path() -> Path:
    """The bundled demo corpus (JSONL, one article per line)."""
    from importlib.resources import files

    return Path(str(files("fogwatch.data") / "demo" / "corpus.jsonl"))


def analyze_file(source: str, *, date: str | None = None, pipeline=None) -> list[Analysis]:
    """Analyse one input without a store: the article first, then its comments.

    ``date`` overrides the document's own date (the user knows better).
    """
    analyses: list[Analysis] = []
    pipeline = pipeline or _default_pipeline()
    items = list(iter_sources([source], date=date))
    errors = [f"{i.error}" for i in items if i.error]
    docs = [d for i in items for d in i.documents]
    if not docs:
        raise ValueError("; ".join(errors) or f"{source}: nothing to analyse")
    for doc in docs:
        if date:
            doc.published, doc.date_source = date, "given"
    analyses.extend(pipeline.analyze_many(docs))
    return analyses


def watch(
    feeds: list[str],
    store: Store,
    *,
    every: float,
    once: bool = False,
    allow_private: bool = False,
    on_round: Callable[[RunSummary], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[RunSummary]:
    """Poll feeds forever (or once), skipping entries the store has seen.

    The seen-state lives in the store, so a restarted watcher picks up where the
    last one stopped.
    """
    pipeline = None
    while True:
        summary = run_batch(
            feeds, store, pipeline=pipeline, allow_private=allow_private, seen=store.is_seen
        )
        if on_round:
            on_round(summary)
        yield summary
        if once:
            return
        sleep(every)
