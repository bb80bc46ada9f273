"""Score event coding against the PLOVER gold standard records (PLOVER_GSR_CAMEO.txt).

Each gold record (read by :mod:`fogwatch.datasets.plover`) has a sentence, a
category in the old PLOVER 0.5 names and actor texts. fogwatch reads the
sentence, takes its main event (the one whose trigger is the sentence root,
else the first), and is scored on:

- category accuracy, after mapping 0.5 names to 2.0
  (:data:`fogwatch.datasets.plover.OLD_TO_NEW`, documented in
  docs/plover-mapping.md); a sentence with no event is wrong;
- actor and target precision / recall / F1: a predicted argument matches a
  gold one when they share a content word (case-insensitive).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from fogwatch.datasets.plover import actor_texts, load_records, map_category
from fogwatch.findings import Document

STOP = frozenset({"the", "a", "an", "of", "and", "in", "on", "for", "to", "its", "his", "her",
                  "their", "s", "'s", "officials", "official", "government", "forces", "leader",
                  "president", "minister", "people"})


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP}


def match_counts(predicted: Sequence[str], gold: Sequence[str]) -> tuple[int, int]:
    """(predicted items that match some gold item, gold items matched by some prediction)."""
    pw = [words(p) for p in predicted]
    gw = [words(g) for g in gold]
    tp_pred = sum(1 for p in pw if p and any(p & g for g in gw))
    tp_gold = sum(1 for g in gw if g and any(g & p for p in pw))
    return tp_pred, tp_gold


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def main_event(doc: Doc) -> Any | None:
    """The event read whose trigger is highest in the parse (the root first), else the first.

    Ties go to the earlier event. This is the event a coder names for the sentence:
    "X said Y would attack" is coded for "attack" when "said" is no event.
    """
    reads = doc._.fw_event_reads or []
    if not reads:
        return None
    return min(reads, key=lambda r: (_depth(r.trigger), r.trigger.i))


def _depth(tok: Any) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def analyse_sentences(texts: Iterable[str], stages: Sequence[str] | None = None) -> Iterable[Doc]:
    """Parsed docs with the events stage run (entities too, for better arguments)."""
    from fogwatch.analyze.pipeline import load_pipeline

    pipe = load_pipeline(tuple(stages) if stages else ("fogwatch_events",))
    docs = (pipe.make_doc(Document.create(t)) for t in texts)
    yield from pipe.nlp.pipe(docs, batch_size=64)


def evaluate(path: Path, limit: int | None = None, stages: Sequence[str] | None = None,
             **_: Any) -> dict[str, Any]:
    records = load_records(Path(path))
    if limit:
        records = records[:limit]
    correct = 0
    confusion: Counter[tuple[str, str]] = Counter()
    per_gold: Counter[str] = Counter()
    per_gold_ok: Counter[str] = Counter()
    counts = {k: [0, 0, 0, 0] for k in ("actor", "target")}  # tp_pred, n_pred, tp_gold, n_gold
    for rec, doc in zip(records, analyse_sentences((r["text"] for r in records), stages),
                        strict=True):
        gold = map_category(rec["event"])
        read = main_event(doc)
        got = read.event.type if read is not None else "NONE"
        per_gold[gold] += 1
        if got == gold:
            correct += 1
            per_gold_ok[gold] += 1
        else:
            confusion[(gold, got)] += 1
        for key, gold_field, spans in (
            ("actor", rec.get("source"), read.actor_spans if read else []),
            ("target", rec.get("target"), read.target_spans if read else []),
        ):
            gold_texts = actor_texts(gold_field)
            pred_texts = [s.text for s in spans]
            tp_pred, tp_gold = match_counts(pred_texts, gold_texts)
            c = counts[key]
            c[0] += tp_pred
            c[1] += len(pred_texts)
            c[2] += tp_gold
            c[3] += len(gold_texts)
    n = len(records)
    return {
        "n": n,
        "category": {
            "accuracy": round(correct / n, 4) if n else 0.0,
            "per_category": {
                k: {"n": per_gold[k], "accuracy": round(per_gold_ok[k] / per_gold[k], 4)}
                for k in sorted(per_gold)
            },
            "top_confusions": [
                {"gold": g, "predicted": p, "count": c} for (g, p), c in confusion.most_common(10)
            ],
        },
        "actor": prf(*counts["actor"]),
        "target": prf(*counts["target"]),
    }


def render(result: dict[str, Any]) -> str:
    lines = [f"PLOVER gold records: {result['n']}",
             f"category accuracy: {result['category']['accuracy']:.3f}", "",
             f"{'argument':<10}{'precision':>11}{'recall':>9}{'f1':>8}"]
    for key in ("actor", "target"):
        r = result[key]
        lines.append(f"{key:<10}{r['precision']:>11.3f}{r['recall']:>9.3f}{r['f1']:>8.3f}")
    lines += ["", f"{'category':<12}{'n':>5}{'accuracy':>10}"]
    for cat, r in result["category"]["per_category"].items():
        lines.append(f"{cat:<12}{r['n']:>5}{r['accuracy']:>10.3f}")
    if result["category"]["top_confusions"]:
        lines += ["", "most frequent confusions (gold -> predicted):"]
        lines += [f"  {c['gold']} -> {c['predicted']}: {c['count']}"
                  for c in result["category"]["top_confusions"]]
    return "\n".join(lines)
