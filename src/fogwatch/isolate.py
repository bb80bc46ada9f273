"""Analysing documents so that one bad document costs only itself.

Each document may cost so much to analyse (:class:`Limits`: words, seconds); a
batch that fails is analysed again one document at a time, and the culprit is
named in the failures and the store's failure log (:func:`analyze_isolated`).
The batch jobs (:mod:`fogwatch.jobs`) and the worker processes
(:mod:`fogwatch.pool`) both analyse through here.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fogwatch.findings import Analysis, Document

if TYPE_CHECKING:
    from fogwatch.store import Store


class AnalysisTimeout(BaseException):
    """A document's analysis ran past its time limit (a BaseException, so that no
    ``except Exception`` inside the analysis can swallow it)."""


DEFAULT_MAX_WORDS = 100_000
DEFAULT_MAX_SECONDS = 120.0


@dataclass(frozen=True, slots=True)
class Limits:
    """What one document may cost to analyse; a document over a limit is refused,
    named in the summary and the failure log, and the batch goes on.

    ``max_words``: longer texts are refused before analysis. Memory grows with a
    text's length (every sentence's parse and candidate attributions are kept
    until its findings are stored), so this bounds it. ``max_seconds``: the
    analysis is stopped and refused when it runs longer; enforced where the
    analysis runs on a process's main thread (the CLI), not in server threads or
    Dask worker threads. 0 turns a limit off. The environment variables
    ``FOGWATCH_MAX_WORDS`` and ``FOGWATCH_MAX_SECONDS`` set the defaults.
    """

    max_words: int = DEFAULT_MAX_WORDS
    max_seconds: float = DEFAULT_MAX_SECONDS

    @classmethod
    def from_env(cls) -> Limits:
        def number(name: str, default: float) -> float:
            raw = os.environ.get(name, "").strip()
            try:
                return float(raw) if raw else default
            except ValueError:
                return default

        return cls(max_words=int(number("FOGWATCH_MAX_WORDS", DEFAULT_MAX_WORDS)),
                   max_seconds=number("FOGWATCH_MAX_SECONDS", DEFAULT_MAX_SECONDS))

    def too_long(self, doc: Document) -> str | None:
        """Why ``doc`` is refused before analysis, or None."""
        if self.max_words and len(doc.text) > self.max_words:  # cheap test first
            words = len(doc.text.split())
            if words > self.max_words:
                return (f"too long to analyse: {words:,} words (the limit is "
                        f"{self.max_words:,}; raise it with --max-words or FOGWATCH_MAX_WORDS)")
        return None


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`AnalysisTimeout` in the block after ``seconds`` (main thread
    only: elsewhere, and with ``seconds`` 0, the block runs unbounded)."""
    if (not seconds or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def on_alarm(_signum: int, _frame: object) -> None:
        raise AnalysisTimeout(f"analysis took longer than {seconds:g} s (raise the limit "
                              "with --max-seconds or FOGWATCH_MAX_SECONDS)")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    # The alarm repeats: raised inside a garbage-collector callback or a __del__,
    # the exception is printed and dropped, and a single alarm would be lost.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.25)
    try:
        yield
    finally:
        while True:  # an alarm may still land here: absorb it and disarm again
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except AnalysisTimeout:
                continue


def analyze_isolated(
    docs: list[Document], pipeline: Any, failed: list[tuple[str, str]], store: Store | None = None,
    limits: Limits | None = None,
) -> list[Analysis]:
    """Analyse ``docs`` as one batch; if that fails, one by one, so that a bad
    document is reported in ``failed`` (and in the store's failure log) and
    cannot take its batch down with it. Documents over ``limits`` are refused."""
    limits = limits or Limits.from_env()

    def refuse(doc: Document, error: str) -> None:
        failed.append((label(doc), error))
        if store is not None:
            safe(lambda: store.record_failure(label(doc), error))

    fit = []
    for doc in docs:
        reason = limits.too_long(doc)
        if reason is None:
            fit.append(doc)
        else:
            refuse(doc, reason)
    if not fit:
        return []
    try:
        with time_limit(limits.max_seconds * len(fit)):
            return list(pipeline.analyze_many(fit))
    except (Exception, AnalysisTimeout):
        analyses = []
        for doc in fit:  # isolate the culprit
            try:
                with time_limit(limits.max_seconds):
                    analyses.append(pipeline.analyze(doc))
            except AnalysisTimeout as exc:
                refuse(doc, str(exc))
            except Exception as exc:
                refuse(doc, f"analysis failed: {exc!r}")
        return analyses


def label(doc: Document) -> str:
    """How a document is named in a failure: where it came from, else its title or id."""
    return doc.source or doc.url or doc.title or doc.id


def safe(fn: Callable[[], object]) -> None:
    with contextlib.suppress(Exception):  # bookkeeping must never break a batch
        fn()
