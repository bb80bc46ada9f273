"""Nothing lost, ever: an ingest killed at any moment, run again, leaves the store
exactly as one clean run does (same documents, findings, propositions, stances,
merged events), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from fogwatch.jobs import demo_corpus_path, repair, run_batch
from fogwatch.reconcile import reconcile_all
from fogwatch.store import Store
from fogwatch.store.schema import documents, metadata

# Columns that say when, not what: they differ between any two runs.
_CLOCK = {"ingested_at", "analyzed_at", "reconciled_at", "seen_at", "at"}
# Tables that log what happened rather than hold the record.
_LOGS = {"ingest_failures", "feed_seen"}


def _corpus(folder: Path, n: int = 10) -> Path:
    """The first ``n`` demo articles, one JSON file each (a folder, as users ingest)."""
    folder.mkdir()
    lines = demo_corpus_path().read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()][:n]
    for k, record in enumerate(records):
        (folder / f"{k:02d}.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the record as sorted rows, without clocks and row ids."""
    engine = sa.create_engine(url)
    out: dict[str, list[tuple[Any, ...]]] = {}
    try:
        with engine.connect() as conn:
            for name, table in metadata.tables.items():
                if name in _LOGS:
                    continue
                cols = [c for c in table.c if c.name not in _CLOCK
                        and not (c.name == "id" and isinstance(c.type, sa.Integer))]
                rows = conn.execute(sa.select(*cols)).all()
                out[name] = sorted(
                    tuple(json.dumps(v, sort_keys=True, default=str) for v in r) for r in rows
                )
    finally:
        engine.dispose()
    return out


def _unfinished(url: str) -> int:
    with Store.open(url) as store:
        return len(store.unfinished())


def _progress(url: str) -> int:
    """Steps done so far: one per document stored, analysed and reconciled."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.select(
                sa.func.count() + sa.func.count(documents.c.analyzed_at)
                + sa.func.count(documents.c.reconciled_at)
            ).select_from(documents)).scalar())
    except Exception:  # not created yet
        return 0
    finally:
        engine.dispose()


def _ingest_cmd(corpus: Path, db: str, *extra: str) -> list[str]:
    return [sys.executable, "-c", "from fogwatch.cli import main; main()",
            "ingest", str(corpus), "--db", db, *extra]


def _kill_while_ingesting(corpus: Path, db: str, url: str, rng: random.Random,
                          total: int, extra: tuple[str, ...] = ()) -> int:
    """Start an ingest, wait until it has done a random number of steps more than
    the last run (storing, analysing or reconciling a document), and kill it
    without warning; the steps left unfinished."""
    start = _progress(url)
    target = rng.randint(start + 1, 3 * total - 1) if start + 1 < 3 * total else start
    proc = subprocess.Popen(_ingest_cmd(corpus, db, *extra), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if _progress(url) >= target:
                break
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
    return 3 * total - _progress(url)


def _kill_test(tmp_path: Path, db: str, url: str, clean_db: str, clean_url: str,
               extra: tuple[str, ...] = ()) -> None:
    corpus = _corpus(tmp_path / "corpus")
    total = len(list(corpus.iterdir()))
    subprocess.run(_ingest_cmd(corpus, clean_db), check=True, capture_output=True)
    clean = snapshot(clean_url)
    assert len(clean["documents"]) >= total

    rng = random.Random(15)
    left = [_kill_while_ingesting(corpus, db, url, rng, total, extra) for _ in range(3)]
    assert left[0] > 0, "the first kill came too late to test anything"
    done = subprocess.run(_ingest_cmd(corpus, db, *extra), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert _unfinished(url) == 0
    after = snapshot(url)
    for name in clean:
        assert after[name] == clean[name], f"table {name} differs from a clean run"


@pytest.mark.slow
def test_killed_ingest_finishes_like_a_clean_run_sqlite(tmp_path: Path) -> None:
    db, clean_db = str(tmp_path / "killed.sqlite"), str(tmp_path / "clean.sqlite")
    # with analysis in worker processes, which die with the process they serve
    _kill_test(tmp_path, db, f"sqlite:///{db}", clean_db, f"sqlite:///{clean_db}",
               ("--workers", "2"))


@pytest.mark.slow
@pytest.mark.postgres
def test_killed_ingest_finishes_like_a_clean_run_postgres(tmp_path: Path, pg_schema) -> None:  # type: ignore[no-untyped-def]
    with pg_schema() as url, pg_schema() as clean_url:
        _kill_test(tmp_path, url, url, clean_url, clean_url)


# --- in process: each left-over state, finished by ingest and by repair -----------


@pytest.fixture(scope="module")
def pipeline():  # type: ignore[no-untyped-def]
    from fogwatch.analyze.pipeline import load_pipeline

    return load_pipeline()


def _stop_before_analysis(corpus: Path, store: Store) -> None:
    """What a kill during analysis leaves: documents stored, none analysed."""
    summary = run_batch([str(corpus)], store, analyze=False)
    assert summary.ingested and not summary.failed


def test_rerun_analyses_documents_a_stopped_ingest_stored(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    corpus = _corpus(tmp_path / "corpus", 4)
    with Store.open(str(tmp_path / "s.sqlite")) as store:
        _stop_before_analysis(corpus, store)
        assert store.stats()["documents_not_analysed"] == 4
        summary = run_batch([str(corpus)], store, pipeline=pipeline)
        assert (summary.resumed, summary.duplicates, summary.analyzed) == (4, 0, 4)
        assert store.unfinished() == []
        again = run_batch([str(corpus)], store, pipeline=pipeline)
        assert (again.resumed, again.duplicates, again.analyzed) == (0, 4, 0)


def test_repair_finishes_unanalysed_and_unreconciled_documents(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    corpus = _corpus(tmp_path / "corpus", 4)
    clean_db = tmp_path / "clean.sqlite"
    with Store.open(str(clean_db)) as clean:
        run_batch([str(corpus)], clean, pipeline=pipeline)
    with Store.open(str(tmp_path / "s.sqlite")) as store:
        # the first two analysed but never reconciled, the last two never analysed
        first = sorted(corpus.iterdir())[:2]
        run_batch([str(p) for p in first], store, pipeline=pipeline, reconcile=False)
        _stop_before_analysis(corpus, store)
        counts = store.stats()
        assert (counts["documents_not_reconciled"], counts["documents_not_analysed"]) == (2, 2)
        assert counts["proposition_stances"] == 0
        summary = repair(store, pipeline=pipeline)
        assert not summary.failed and summary.resumed == 4
        assert store.unfinished() == []
    assert snapshot(f"sqlite:///{tmp_path / 's.sqlite'}") == snapshot(f"sqlite:///{clean_db}")


def test_failed_rebuild_leaves_the_records_whole(tmp_path: Path, pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    corpus = _corpus(tmp_path / "corpus", 4)
    db = tmp_path / "s.sqlite"
    with Store.open(str(db)) as store:
        run_batch([str(corpus)], store, pipeline=pipeline)
        before = snapshot(f"sqlite:///{db}")
        assert before["proposition_stances"]
        import fogwatch.reconcile as rec

        real = rec._events.reconcile_events
        calls = {"n": 0}

        def breaks_on_third(conn, analysis):  # type: ignore[no-untyped-def]
            calls["n"] += 1
            if calls["n"] == 3:
                raise RuntimeError("disk on fire")
            return real(conn, analysis)

        monkeypatch.setattr(rec._events, "reconcile_events", breaks_on_third)
        with pytest.raises(RuntimeError):
            reconcile_all(store)
        assert snapshot(f"sqlite:///{db}") == before
        monkeypatch.setattr(rec._events, "reconcile_events", real)
        reconcile_all(store)
        assert snapshot(f"sqlite:///{db}") == before


def test_rebuild_survives_a_document_dated_year_one(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    """A date at the calendar's edge (which ingest may be given) once stopped a
    rebuild halfway, after it had cleared the records."""
    corpus = _corpus(tmp_path / "corpus", 4)
    db = tmp_path / "s.sqlite"
    with Store.open(str(db)) as store:
        summary = run_batch([str(corpus)], store, pipeline=pipeline)
        assert not summary.failed, summary.failed
        first = store.unfinished() or store.documents(limit=1)
        doc_id = first[0].id
        engine = sa.create_engine(f"sqlite:///{db}")
        with engine.begin() as conn:
            conn.execute(documents.update().where(documents.c.id == doc_id)
                         .values(published="0001-01-01", published_date="0001-01-01"))
        engine.dispose()
        before = store.stats()
        result = reconcile_all(store)
        assert result.documents == 4
        after = store.stats()
        assert after["proposition_stances"] == before["proposition_stances"] > 0
        assert after["documents_not_reconciled"] == 0


# --- per-document limits ------------------------------------------------------------


def test_a_document_over_the_word_limit_is_refused_and_named(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.jobs import Limits

    corpus = _corpus(tmp_path / "corpus", 2)
    (corpus / "long.txt").write_text("The ministry said the talks failed. " * 400,
                                     encoding="utf-8")
    with Store.open(str(tmp_path / "s.sqlite")) as store:
        summary = run_batch([str(corpus)], store, pipeline=pipeline,
                            limits=Limits(max_words=1000))
        assert summary.ingested == summary.analyzed == 2
        [(source, error)] = summary.failed
        assert source.endswith("long.txt") and "2,400 words" in error
        assert store.failures()[0].source.endswith("long.txt")
        assert store.unfinished() == []  # refused before storing: nothing half-done


def test_an_analysis_over_the_time_limit_is_stopped_and_the_batch_goes_on(
    tmp_path: Path, pipeline,  # type: ignore[no-untyped-def]
) -> None:
    from fogwatch.jobs import Limits

    corpus = _corpus(tmp_path / "corpus", 1)
    # twelve thousand candidate attributions: over ten seconds of analysis
    (corpus / "slow.txt").write_text("He said. " * 12_000, encoding="utf-8")
    with Store.open(str(tmp_path / "s.sqlite")) as store:
        # one document a batch: each has its own limit
        summary = run_batch([str(corpus)], store, pipeline=pipeline, batch_size=1,
                            limits=Limits(max_seconds=5))
        assert summary.ingested == 2 and summary.analyzed == 1
        [(source, error)] = summary.failed
        assert source.endswith("slow.txt") and "longer than 5 s" in error
        # the refused document is kept, to be analysed later with a higher limit
        [(left, state)] = store.unfinished()
        assert state == "stored" and store.get_document(left).text.startswith("He said.")


def test_limits_come_from_the_environment_with_defaults(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.jobs import Limits

    monkeypatch.delenv("FOGWATCH_MAX_WORDS", raising=False)
    monkeypatch.setenv("FOGWATCH_MAX_SECONDS", "not a number")
    assert Limits.from_env() == Limits(max_words=100_000, max_seconds=120.0)
    monkeypatch.setenv("FOGWATCH_MAX_WORDS", "5")
    monkeypatch.setenv("FOGWATCH_MAX_SECONDS", "0")
    assert Limits.from_env() == Limits(max_words=5, max_seconds=0.0)


def test_the_time_limit_survives_an_alarm_swallowed_by_a_gc_callback() -> None:
    """An exception raised inside a garbage-collector callback is printed and
    dropped; the limit must still stop the work."""
    import gc
    import warnings

    from fogwatch.jobs import AnalysisTimeout, time_limit

    started = time.monotonic()
    state = {"slow": True}

    def swallowing_callback(phase: str, info: dict) -> None:
        # the first collection after 0.1 s holds the interpreter past the alarm
        if state["slow"] and time.monotonic() - started > 0.1:
            state["slow"] = False
            end = time.monotonic() + 0.4
            while time.monotonic() < end:
                pass

    gc.callbacks.append(swallowing_callback)
    try:
        with warnings.catch_warnings(), pytest.raises(AnalysisTimeout):
            warnings.simplefilter("ignore")
            with time_limit(0.2):
                # without the limit this loop would end by itself, and raise nothing
                while time.monotonic() - started < 30:
                    [[] for _ in range(1000)]  # garbage, so the collector runs often
    finally:
        gc.callbacks.remove(swallowing_callback)
    assert not state["slow"]  # the callback held the interpreter past the alarm
    with time_limit(0.05):  # disarmed afterwards: nothing fires later
        pass
    time.sleep(0.4)
