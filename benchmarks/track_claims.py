"""How fast a claim is tracked (``fogwatch claims --about``): claims per second,
articles considered, and where the time goes (the full-text search for
candidates, the classifier over them, the rest).

    python benchmarks/track_claims.py --db fogwatch.sqlite
    python benchmarks/track_claims.py --db fogwatch.sqlite --claims claims.txt --candidates 100
    python benchmarks/track_claims.py                      # builds the demo store in a temp folder

Each claim is tracked ``--repeat`` times after a warm-up (the model loaded, the
store's pages cached); the best round counts. One process, one core.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

from fogwatch.reconcile import claimstance as cs  # noqa: E402
from fogwatch.reconcile.tracking import claim_words, track_claim  # noqa: E402
from fogwatch.store import Store  # noqa: E402

# Claims as an analyst might write them about the demo corpus's fortnight.
CLAIMS = (
    "More than 5,000 Ukrainian soldiers are trapped in Myrnohrad",
    "The Dnipro strike hit a military target",
    "A Russian missile killed civilians in an apartment block in Dnipro",
    "Russia pulled out of the Istanbul talks",
    "Most Ukrainians reject giving up territory for peace",
    "Lukoil must sell its foreign assets before the sanctions deadline",
    "Hungary was exempted from the sanctions on Russian oil",
    "Satellite images show no closed ring around Myrnohrad",
)


def _demo_store(folder: Path) -> Store:
    from fogwatch.jobs import demo_corpus_path, run_batch

    store = Store.open(str(folder / "demo.sqlite"))
    run_batch([str(demo_corpus_path())], store)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="the store (default: the demo corpus, built now)")
    parser.add_argument("--claims", type=Path, help="a file of claims, one a line")
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    claims = [line.strip() for line in args.claims.read_text().splitlines() if line.strip()] \
        if args.claims else list(CLAIMS)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(args.db) if args.db else _demo_store(Path(tmp))
        model = cs.load_model()
        documents = store.count_documents()
        track_claim(store, claims[0], model=model)  # warm-up
        rows = []
        for claim in claims:
            best = search = float("inf")
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                store.claim_candidates(claim_words(claim), limit=args.candidates)
                t1 = time.perf_counter()
                tracked = track_claim(store, claim, candidates=args.candidates, model=model)
                t2 = time.perf_counter()
                search, best = min(search, t1 - t0), min(best, t2 - t1)
            rows.append((claim, tracked.considered, len(tracked.documents), search, best))
        store.close()
    print(f"store: {documents} articles; {len(claims)} claims; at most {args.candidates} "
          f"candidates each; best of {args.repeat}")
    print(f"{'considered':>10} {'related':>8} {'search ms':>10} {'total ms':>9}  claim")
    for claim, considered, related, search, total in rows:
        print(f"{considered:>10} {related:>8} {search * 1000:>10.1f} {total * 1000:>9.1f}  {claim}")
    total = sum(r[4] for r in rows)
    considered = sum(r[1] for r in rows)
    print(f"claims per second: {len(rows) / total:.2f}; articles considered per claim: "
          f"{statistics.mean(r[1] for r in rows):.1f}; per considered article: "
          f"{total / max(considered, 1) * 1000:.1f} ms (search included); "
          f"search share: {sum(r[3] for r in rows) / total:.0%}")


if __name__ == "__main__":
    main()
