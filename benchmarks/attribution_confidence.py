"""How well the attribution confidence is calibrated, on PolNeAR.

Runs the attribution stage over PolNeAR's train split, fits the mapping from
the taggers' probabilities to a confidence there
(:func:`fogwatch.analyze.attribution.confidence.fit`), then runs it over the
dev split and prints a reliability table: for each confidence bin, how many
predicted attributions fall in it, their mean confidence and the share of them
that match a gold attribution exactly and partially (the evaluator's
attribution match, ``fogwatch eval polnear``). The mapping is fitted on train
only; dev only measures it.

``--write`` saves the fitted mapping as the shipped model's ``confidence.json``.
Without it the shipped mapping is left alone (and the table shows the one just
fitted). The taggers were trained on the same train split, so their
probabilities are surer there than on unseen text; the dev table shows how
much that costs.

    .venv/bin/python benchmarks/attribution_confidence.py \\
        --train ../shared/data/polnear/train --dev ../shared/data/polnear/dev
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from fogwatch.analyze.attribution.confidence import (
    CONFIDENCE_FILE,
    Calibration,
    fit,
)
from fogwatch.analyze.attribution.model import default_model_dir, load_model
from fogwatch.analyze.pipeline import Pipeline
from fogwatch.datasets.polnear import read_split
from fogwatch.evaluate.polnear import attribution_matches, predicted_from_analysis
from fogwatch.findings import Document

Row = tuple[dict[str, float], bool, bool]  # features, exact match, overlap match


def collect(pipe: Pipeline, split: Path, limit: int | None) -> list[Row]:
    """Every predicted attribution of the split: its features and whether it matches."""
    articles = read_split(split, limit=limit)
    rows: list[Row] = []
    docs = pipe.nlp.pipe((pipe.make_doc(Document.create(a.text)) for a in articles),
                         batch_size=16)
    for article, doc in zip(articles, docs, strict=True):
        found = list(doc._.fw_attributions or [])
        feats = doc.user_data.get("fw_attribution_features", [])
        if len(feats) != len(found):
            raise RuntimeError(f"{article.name}: features and attributions differ in number")
        flags = attribution_matches(article.text, article.attributions,
                                    predicted_from_analysis(found))
        rows.extend((f, exact, overlap) for f, (exact, overlap) in zip(feats, flags,
                                                                        strict=True))
    return rows


def reliability(cal: Calibration, rows: list[Row], bins: int) -> dict[str, Any]:
    """Per bin: count, mean confidence, share matching exactly and partially; with
    the Brier score and the expected calibration error against the fitted target."""
    table: list[dict[str, Any]] = []
    scored = [(cal.probability(f), ex, ov) for f, ex, ov in rows]
    target = 2 if cal.target == "overlap" else 1
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [s for s in scored if lo <= s[0] < hi or (b == bins - 1 and s[0] == 1.0)]
        n = len(inside)
        table.append({
            "bin": f"{lo:.1f}-{hi:.1f}", "count": n,
            "mean_confidence": round(sum(s[0] for s in inside) / n, 3) if n else None,
            "exact": round(sum(s[1] for s in inside) / n, 3) if n else None,
            "partial": round(sum(s[2] for s in inside) / n, 3) if n else None,
        })
    n = len(scored)
    brier = sum((s[0] - s[target]) ** 2 for s in scored) / n if n else None
    ece = sum(abs(sum(s[0] for s in grp) - sum(s[target] for s in grp))
              for grp in ([s for s in scored if min(int(s[0] * bins), bins - 1) == b]
                          for b in range(bins))) / n if n else None
    return {"bins": table, "n": n, "brier": round(brier, 4) if brier is not None else None,
            "ece": round(ece, 4) if ece is not None else None,
            "partial_all": round(sum(s[2] for s in scored) / n, 3) if n else None,
            "exact_all": round(sum(s[1] for s in scored) / n, 3) if n else None}


def render(name: str, rep: dict[str, Any]) -> str:
    lines = [f"{name}: {rep['n']} predicted attributions, {rep['exact_all']} exact, "
             f"{rep['partial_all']} partial; Brier {rep['brier']}, ECE {rep['ece']}",
             f"{'confidence':<11} {'count':>6} {'mean':>6} {'exact':>6} {'partial':>8}"]
    for b in rep["bins"]:
        if b["count"]:
            lines.append(f"{b['bin']:<11} {b['count']:>6} {b['mean_confidence']:>6.3f} "
                         f"{b['exact']:>6.3f} {b['partial']:>8.3f}")
        else:
            lines.append(f"{b['bin']:<11} {0:>6}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, required=True, help="PolNeAR train split folder")
    ap.add_argument("--dev", type=Path, required=True, help="PolNeAR dev split folder")
    ap.add_argument("--train-limit", type=int, default=None, help="first N train articles")
    ap.add_argument("--dev-limit", type=int, default=None, help="first N dev articles")
    ap.add_argument("--target", choices=("overlap", "exact"), default="overlap",
                    help="what a confidence is the probability of (default: partial match)")
    ap.add_argument("--l2", type=float, default=1.0, help="penalty of the mapping's weights")
    ap.add_argument("--bins", type=int, default=10)
    ap.add_argument("--write", action="store_true",
                    help=f"save the mapping as the shipped model's {CONFIDENCE_FILE}")
    ap.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = ap.parse_args(argv)

    pipe = Pipeline(stages=["fogwatch_attribution"])
    started = time.perf_counter()
    train = collect(pipe, args.train, args.train_limit)
    dev = collect(pipe, args.dev, args.dev_limit)
    seconds = time.perf_counter() - started
    k = 2 if args.target == "overlap" else 1
    cal = fit([r[0] for r in train], [bool(r[k]) for r in train], l2=args.l2,
              target=args.target,
              note=f"fitted on PolNeAR train ({len(train)} predicted attributions) by "
                   "benchmarks/attribution_confidence.py")
    result = {"target": args.target, "weights": dict(zip(cal.names, cal.weights, strict=True)),
              "intercept": cal.intercept, "train": reliability(cal, train, args.bins),
              "dev": reliability(cal, dev, args.bins), "seconds": round(seconds, 1)}
    if args.write:
        path = default_model_dir() / CONFIDENCE_FILE
        cal.taggers = load_model().taggers  # the taggers it was fitted on
        cal.save(path)
        result["written"] = str(path)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"attribution confidence: P({args.target} match), fitted on train, "
          f"{result['seconds']} s")
    print("weights: " + ", ".join(f"{n} {w:+.3f}" for n, w in result["weights"].items())
          + f", intercept {cal.intercept:+.3f}")
    print(render("train (fitted here)", result["train"]))
    print(render("dev (held out)", result["dev"]))
    if args.write:
        print(f"written: {result['written']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
