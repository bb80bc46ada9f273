"""Score claim stance against FNC-1 (Fake News Challenge, stage 1).

The folder is read by :mod:`fogwatch.datasets.fnc1` (the official format). Every
pair is decided by :mod:`fogwatch.reconcile.claimstance`, the same code that
tracks a claim (``fogwatch claims --about``); there is no second classifier for
the benchmark. The claim board's outlet stances per proposition come from rules
that know who says what (:mod:`fogwatch.reconcile.outlet`); ``fogwatch eval
claims`` scores those against the same gold, beside this classifier.

Metric (the official one, reported relative to the maximum, every pair right):
per pair, +0.25 when gold == prediction; when the gold is related, +0.50; and
+0.25 when gold and prediction are both related. So for a related gold pair the
exact label is worth 1.0, a wrong related label 0.25, ``unrelated`` 0.0; for an
unrelated gold pair ``unrelated`` is worth 0.25. Per-class precision, recall
and F1 and their macro mean (over the four classes) come with it: the FNC score
rewards a system that never says ``disagree`` (Hanselowski et al. 2018).

The split (``split``: dev, train or all) is FNC-1's fixed cut by article, read
by :mod:`fogwatch.datasets.fnc1`; ``all`` (the default for any other folder)
scores every pair.

Speed counts every step per pair, including the analysis of each article once
(articles are shared by many headlines, as on the claim board).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fogwatch.datasets.fnc1 import LABELS, Split, is_training_release, read_folder, select

RELATED = frozenset(("agree", "disagree", "discuss"))


def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """The official score and its maximum (every pair right)."""
    score = best = 0.0
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            score += 0.25
        if g != "unrelated":
            score += 0.50 if g == p else 0.0
            score += 0.25 if p in RELATED else 0.0
            best += 1.0
        else:
            best += 0.25
    # The official code adds 0.50 for an exact related label and 0.25 for any
    # related prediction of a related gold, i.e. 0.25 + 0.50 + 0.25 = 1.0 right.
    return score, best


def class_scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 of each label (0 where undefined)."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter(gold)
    n_pred: Counter[str] = Counter(pred)
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            tp[g] += 1
    out = {}
    for label in LABELS:
        p = tp[label] / n_pred[label] if n_pred[label] else 0.0
        r = tp[label] / n_gold[label] if n_gold[label] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out[label] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4),
                      "gold": n_gold[label], "predicted": n_pred[label]}
    return out


def metrics(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """FNC score (percent of the maximum), per-class P/R/F1, macro F1, confusion."""
    score, best = fnc_score(gold, pred)
    classes = class_scores(gold, pred)
    confusion = {g: {p: 0 for p in LABELS} for g in LABELS}
    for g, p in zip(gold, pred, strict=True):
        confusion[g][p] += 1
    return {
        "fnc_score": round(100.0 * score / best, 2) if best else 0.0,
        "fnc_raw": score, "fnc_max": best,
        "macro_f1": round(sum(c["f1"] for c in classes.values()) / len(LABELS), 4),
        "classes": classes,
        "confusion": confusion,
        "pairs": len(gold),
    }


def evaluate(path: Path, split: Split | None = None, model_dir: Path | None = None,
             limit: int | None = None) -> dict[str, Any]:
    """Decide every pair of the FNC-1 folder ``path`` and score it.

    Without ``split`` the training release is scored on its dev split (scoring
    pairs the shipped model was trained on says nothing) and any other folder
    whole.
    """
    from fogwatch.reconcile.claimstance import load_model, prepare, stance_batch

    bodies, pairs = read_folder(path)
    if split is None:
        split = "dev" if is_training_release(path) else "all"
    chosen = select(pairs, split)
    if limit is not None:
        chosen = chosen[:limit]
    model = load_model(model_dir)
    started = time.perf_counter()
    docs = {bid: prepare(bodies[bid], model) for bid in {p.body_id for p in chosen}}
    results = stance_batch([(p.headline, docs[p.body_id]) for p in chosen], model)
    elapsed = time.perf_counter() - started
    result = metrics([p.stance for p in chosen], [r.label for r in results])
    result.update({
        "split": split, "articles": len(docs),
        "seconds": round(elapsed, 2),
        "pairs_per_second": round(len(chosen) / elapsed, 1) if elapsed > 0 else None,
        "model": str(model.path),
    })
    return result


def render(result: dict[str, Any]) -> str:
    """A plain-text table of the metrics."""
    lines = [f"FNC-1 ({result['pairs']} pairs, {result.get('articles', '?')} articles, "
             f"split {result.get('split', 'all')}, {result.get('pairs_per_second')} pairs/s)",
             f"FNC score {result['fnc_score']:.2f} (of 100; {result['fnc_raw']:.2f} of "
             f"{result['fnc_max']:.2f})   macro F1 {result['macro_f1']:.4f}",
             f"{'class':<10} {'P':>7} {'R':>7} {'F1':>7} {'gold':>7} {'pred':>7}"]
    for label in LABELS:
        c = result["classes"][label]
        lines.append(f"{label:<10} {c['p']:>7.3f} {c['r']:>7.3f} {c['f1']:>7.3f} "
                     f"{c['gold']:>7} {c['predicted']:>7}")
    lines.append("confusion (rows gold, columns predicted): " + " ".join(LABELS))
    for g in LABELS:
        lines.append(f"{g:<10} " + " ".join(f"{result['confusion'][g][p]:>7}" for p in LABELS))
    return "\n".join(lines)
