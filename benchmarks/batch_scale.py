"""Speed of large batches on Dask: words per second against the number of workers.

    python benchmarks/batch_scale.py                     # 1 and 2 workers, 200 articles
    python benchmarks/batch_scale.py --workers 1 2 4 --articles 1000
    python benchmarks/batch_scale.py --scheduler tcp://host:8786 --articles 100000
    python benchmarks/batch_scale.py --json > result.json

The articles are the demo corpus's, each copy told apart by a closing line (so
the store does not fold them together), written as one .txt file per article
into a temporary folder: the same inputs `fogwatch batch` reads. For each worker
count the benchmark times a whole run of `run_on_dask` on a fresh local cluster:
analysis in the workers, shards written, and (unless --no-store) every shard
loaded into a fresh SQLite store with reconciliation, as `fogwatch batch` does.
The cluster's start and each worker's loading of the pipeline are inside the
timing, so small batches understate the steady rate; the `analysis` column is
the words per second of worker time alone.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def write_articles(folder: Path, count: int) -> int:
    """``count`` article files under ``folder``; returns their words."""
    from throughput import demo_documents  # the same demo texts as the throughput benchmark

    bodies = [f"{d.title or ''}\n\n{d.text}" for d in demo_documents()]
    words = 0
    for k in range(count):
        text = f"{bodies[k % len(bodies)]}\n\nCopy {k} of the benchmark set."
        (folder / f"article-{k:06d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def run(inputs: Path, workers: int | None, scheduler: str | None, store: bool,
        partition_size: int) -> dict[str, Any]:
    from fogwatch.scale import run_on_dask
    from fogwatch.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        target = Store.open(str(Path(tmp) / "bench.sqlite")) if store else None
        started = time.perf_counter()
        try:
            result = run_on_dask([str(inputs)], Path(tmp) / "shards", store=target,
                                 workers=workers, scheduler=scheduler,
                                 partition_size=partition_size)
        finally:
            if target is not None:
                target.close()
        seconds = time.perf_counter() - started
    return {
        "workers": result.workers, "partitions": result.partitions,
        "documents": result.summary.analyzed if store else None,
        "failed": len(result.summary.failed), "words": result.words,
        "seconds": round(seconds, 2),
        "words_per_second": round(result.words / seconds) if seconds else None,
        "analysis_words_per_worker_second": (
            round(result.words / result.worker_seconds) if result.worker_seconds else None),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--scheduler", help="a running Dask scheduler instead of local clusters")
    parser.add_argument("--partition-size", type=int, default=16)
    parser.add_argument("--no-store", action="store_true", help="write the shards only")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        words = write_articles(inputs, args.articles)
        for n in [None] if args.scheduler else args.workers:
            rows.append(run(inputs, n, args.scheduler, not args.no_store, args.partition_size))
    report = {"articles": args.articles, "words": words, "cores": os.cpu_count(),
              "store": not args.no_store, "runs": rows}
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"Dask batch: {args.articles} articles, {words:,} words, "
          f"{'stored in SQLite' if report['store'] else 'shards only'}, {os.cpu_count()} cores")
    print(f"{'workers':>8} {'partitions':>10} {'seconds':>8} {'words/s':>9} "
          f"{'analysis w/s per worker':>24} {'failed':>6}")
    for r in rows:
        print(f"{r['workers']:>8} {r['partitions']:>10} {r['seconds']:>8} "
              f"{r['words_per_second']:>9,} {r['analysis_words_per_worker_second']:>24,} "
              f"{r['failed']:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
