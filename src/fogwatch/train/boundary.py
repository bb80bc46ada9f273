"""Train the content-boundary ranker (:mod:`fogwatch.analyze.attribution.ranker`).

The ranker corrects the taggers' content boundaries, so it must learn from the
taggers' mistakes as they happen on unseen text, not from their near-perfect
output on the text they were trained on. Train is split in two halves; taggers
trained on one half tag the other (cross-fitting), the stage's rules and
boundary fixes run as usual, and each resulting content piece that overlaps a
gold piece of the same cue becomes an example: "among these starts (ends),
the gold one". The ranker is trained on those examples, then the margin by which
a new boundary must beat the taggers' is chosen on dev.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from fogwatch.analyze.attribution import extract
from fogwatch.analyze.attribution.boundary import fix_boundaries
from fogwatch.analyze.attribution.features import quote_depths, trim_span
from fogwatch.analyze.attribution.model import AttributionModel, TokSpan
from fogwatch.analyze.attribution.ranker import (
    KEYS,
    RANKER_FILE,
    CueContext,
    Example,
    piece_examples,
    train_ranker,
)
from fogwatch.datasets.polnear import Article, char_to_tokens
from fogwatch.train.attribution_dev import score_dev

MARGINS = (0.0, 1.0, 2.0, 4.0, 8.0)

Data = list[tuple[Article, Doc]]


def gold_pieces(doc: Doc, spans: Sequence[tuple[int, int]]) -> list[TokSpan]:
    """Character spans as token spans, punctuation trimmed as the scorer does."""
    out: list[TokSpan] = []
    for span in spans:
        toks = char_to_tokens(doc, [span])
        if toks:
            s, e = trim_span(doc, min(toks), max(toks) + 1)
            if e > s:
                out.append((s, e))
    return out


def stacked_examples(data: Data, model: AttributionModel) -> dict[str, list[Example]]:
    """Examples for every boundary (:data:`KEYS`) from ``model``'s pieces on ``data``
    (text it was not trained on)."""
    out: dict[str, list[Example]] = {key: [] for key in KEYS}
    for article, doc in data:
        doc.user_data.clear()
        raws = extract(doc, model)
        quotes = quote_depths(doc)
        fix_boundaries(doc, raws, quotes)
        golds = [(char_to_tokens(doc, g.cue), g) for g in article.attributions]
        for raw in raws:
            cue_tokens = set(range(*raw.cue))
            gold = next((g for c, g in golds if c & cue_tokens), None)
            if gold is None:
                continue
            for role, pieces, blocked in (("content", raw.content, raw.source),
                                          ("source", raw.source, raw.content)):
                targets = gold_pieces(doc, getattr(gold, role))
                if not targets:
                    continue
                ctx = CueContext.of(doc, raw.cue, quotes, blocked)
                for s, e in pieces:
                    s, e = trim_span(doc, s, e)
                    if e <= s:
                        continue
                    target = max(targets, key=lambda p: min(e, p[1]) - max(s, p[0]))
                    if min(e, target[1]) <= max(s, target[0]):
                        continue  # no gold piece of this cue overlaps it
                    start_ex, end_ex = piece_examples(ctx, (s, e), target)
                    if start_ex is not None:
                        out[role + ".start"].append(start_ex)
                    if end_ex is not None:
                        out[role + ".end"].append(end_ex)
    return out


def tune_margins(model: AttributionModel, dev_data: Data) -> dict[str, Any]:
    """Choose each boundary's margin in turn (off or one of :data:`MARGINS`) by the
    exact F1 of its role on dev."""
    ranker = model.ranker
    assert ranker is not None
    ranker.margins.clear()
    rules = tuple(model.meta.get("rules", ()))
    tried: dict[str, float] = {}
    current = score_dev(dev_data, model, rules)  # the scores with the margins kept so far
    for key in KEYS:
        role = key.split(".")[0]
        tried[f"{key} off"] = current[role]["exact"]["f1"]
        best_margin = None
        for margin in MARGINS:
            ranker.margins[key] = margin
            result = score_dev(dev_data, model, rules)
            f1 = tried[f"{key} {margin:g}"] = result[role]["exact"]["f1"]
            if f1 > current[role]["exact"]["f1"]:
                current, best_margin = result, margin
        if best_margin is None:
            del ranker.margins[key]
        else:
            ranker.margins[key] = best_margin
    return {"margins": dict(ranker.margins), "dev_f1": tried}


def train_boundary(model_dir: Path, train_data: Data, fold_dirs: Sequence[Path],
                   dev_data: Data, epochs: int = 8) -> dict[str, Any]:
    """Train the ranker from the fold taggers' output, tune its margins, save it.

    ``fold_dirs[k]`` holds taggers trained on every article of ``train_data``
    but those at positions ``k``, ``k + len(fold_dirs)``, ...; they are run
    with the rules chosen for the model in ``model_dir``.
    """
    model = AttributionModel(model_dir)
    fold_meta = json.dumps({"feature_version": model.meta["feature_version"],
                            "rules": model.meta.get("rules", [])})
    examples: dict[str, list[Example]] = {key: [] for key in KEYS}
    for k, folder in enumerate(fold_dirs):
        if not Path(folder).is_dir():
            continue  # no taggers for this fold (too little data to cross-fit)
        (Path(folder) / "meta.json").write_text(fold_meta, encoding="utf-8")
        held = [x for i, x in enumerate(train_data) if i % len(fold_dirs) == k]
        for key, found in stacked_examples(held, AttributionModel(Path(folder))).items():
            examples[key].extend(found)
    model.ranker = train_ranker(examples, epochs=epochs)
    tuned = tune_margins(model, dev_data)
    model.ranker.save(Path(model_dir) / RANKER_FILE)
    return {"examples": {key: len(ex) for key, ex in examples.items()}, "epochs": epochs,
            "folds": len(fold_dirs), **tuned}
