"""Reconciliation quality on the demo corpus against its hand-annotated propositions.

    python benchmarks/reconcile_quality.py            # table
    python benchmarks/reconcile_quality.py --json     # every figure, with the errors
    python benchmarks/reconcile_quality.py --verbose  # also list each multi-document proposition

The demo corpus is analysed into a new SQLite store (reconciled as it is
ingested, as `fogwatch ingest` does), then scored with
``fogwatch.evaluate.reconcile`` against ``fogwatch/data/demo/propositions.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)

    from fogwatch.evaluate.reconcile import demo_documents, format_table, score
    from fogwatch.jobs import demo_corpus_path, run_batch
    from fogwatch.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "demo.sqlite")) as store:
        print("analysing and reconciling the demo corpus …", file=sys.stderr)
        started = time.perf_counter()
        summary = run_batch([str(demo_corpus_path())], store)
        if not summary.ok:
            print(f"failures: {summary.failed}", file=sys.stderr)
        result = score(store)
        result["seconds"] = round(time.perf_counter() - started, 1)
        if args.json:
            print(json.dumps(result, indent=2, ensure_ascii=False))
            return 0
        print(format_table(result))
        for g in result["gold"]:
            for error in g["errors"]:
                print(f"  {g['id']}: {error}")
        if args.verbose:
            article = {d: n for n, d in demo_documents(store).items()}
            for p in store.propositions(limit=10_000):
                docs = sorted({article.get(s.document, 0) for s in p.stances})
                if len(docs) < 2:
                    continue
                print(f"\n{p.statement}  (articles {docs}{', contested' if p.contested else ''})")
                for s in p.stances:
                    print(f"   {article.get(s.document)} {s.role:6} {s.stance:10} "
                          f"{s.source[:30]:30} {(s.text or '')[:70]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
