"""Score the claim board's outlet stances against FNC-1's gold stances.

The claim board says, for each proposition an article speaks to, how the article
itself treats it: ``asserts``, ``denies``, ``reports`` (relays it without taking
a side) or ``unverified`` (says it cannot confirm it). FNC-1 asks the same
question of (headline, article) pairs: ``agree``, ``disagree``, ``discuss``.
This module sets the two side by side on the articles of an FNC-1 split that
:mod:`fogwatch.evaluate.claimclusters` stored and reconciled.

For each related gold pair (headline, article), the article's proposition is
the one whose statement (or the article's own words for it) is most like the
headline, by the match claim tracking uses
(:func:`fogwatch.reconcile.tracking.best_proposition`: TF-IDF cosine over the
claim-stance model's stems, at least 0.2); the board's stance is
the article's ``outlet`` row in it. Pairs whose article has no proposition like
the headline are not *covered*: the board says nothing about them.

Mapping (fixed, not tuned): ``asserts`` -> agree, ``denies`` -> disagree,
``reports`` and ``unverified`` -> discuss.

Figures, over the covered pairs: accuracy, per-class precision / recall / F1
and their macro mean, the confusion matrix, and **inverted**: pairs where the
board says the article asserts what it disputes, or denies what it endorses
(agree <-> disagree), the error a reader must never meet. The claim-stance
classifier (:mod:`fogwatch.reconcile.claimstance`) is scored on the same
covered pairs (its own stance toward the headline), so the two can be compared.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

# A headline that negates, debunks or asks ("Macaulay Culkin Dead? Another Death
# Hoax Circulates") may stand opposite to the proposition it matches ("Culkin has
# been found dead"): an article that *agrees* with it denies the proposition. The
# figures are also given for *plain* pairs: the headline and the proposition's
# statement both state a claim outright.
NOT_PLAIN = re.compile(
    r"\?|n[’']t\b|\b(?:not|no|never|nor|hoax\w*|fake\w*|"
    r"false\w*|den(?:y|ies|ied)|rumou?r\w*|debunk\w*|myth\w*|satir\w*|untrue|fabricat\w*)\b",
    re.IGNORECASE)
GOLD_OF = {"asserts": "agree", "denies": "disagree", "reports": "discuss",
           "unverified": "discuss"}
RELATED = ("agree", "disagree", "discuss")


def _metrics(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    confusion = {g: dict.fromkeys(RELATED, 0) for g in RELATED}
    for g, p in zip(gold, pred, strict=True):
        confusion[g][p] += 1
    classes = {}
    for label in RELATED:
        tp = confusion[label][label]
        n_pred = sum(confusion[g][label] for g in RELATED)
        n_gold = sum(confusion[label].values())
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        classes[label] = {"p": round(p, 4), "r": round(r, 4),
                          "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                          "gold": n_gold, "predicted": n_pred}
    right = sum(confusion[g][g] for g in RELATED)
    inverted = confusion["agree"]["disagree"] + confusion["disagree"]["agree"]
    return {
        "pairs": len(gold),
        "accuracy": round(right / len(gold), 4) if gold else 0.0,
        "macro_f1": round(sum(c["f1"] for c in classes.values()) / len(RELATED), 4),
        "inverted": inverted,
        "classes": classes,
        "confusion": confusion,
    }


def score(store: Any, bodies: Mapping[str, str], pairs: Sequence[Any],
          articles_of: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """Board and classifier stances on the related gold ``pairs`` whose article is
    stored (``articles_of``: stored document id -> FNC-1 Body IDs)."""
    from fogwatch.reconcile import claimstance as cs
    from fogwatch.reconcile.tracking import best_proposition, text_vector

    model = cs.load_model()
    document_of = {a: doc for doc, arts in articles_of.items() for a in arts}
    related = [p for p in pairs if p.stance in RELATED and p.body_id in document_of]
    claims = store.document_claims(sorted({document_of[p.body_id] for p in related}))
    outlet_rows = {doc: [c for c in found if c.role == "outlet"] for doc, found in claims.items()}
    vectors: dict[str, dict[str, float]] = {}
    covered: list[tuple[Any, Any]] = []  # (pair, the board's outlet row)
    for p in related:
        best = best_proposition(text_vector(p.headline, model, vectors),
                                outlet_rows.get(document_of[p.body_id], []), (0, 0), model,
                                vectors)
        if best is not None:
            covered.append((p, best[0]))
    prepared = {bid: cs.prepare(bodies[bid], model) for bid in {p.body_id for p, _ in covered}}
    decided = cs.stance_batch([(p.headline, prepared[p.body_id]) for p, _ in covered], model)
    # The classifier as the board would run it: toward the proposition's statement.
    on_statement = cs.stance_batch([(c.statement, prepared[p.body_id]) for p, c in covered],
                                   model)
    gold = [p.stance for p, _ in covered]
    board = [GOLD_OF.get(c.stance, "discuss") for _, c in covered]

    # The classifier's own "unrelated" on a pair the board covers counts as discuss:
    # the board shows the article beside the claim either way.
    def labels(results: Sequence[Any]) -> list[str]:
        return [r.label if r.label in RELATED else "discuss" for r in results]

    plain = [k for k, (p, c) in enumerate(covered)
             if not NOT_PLAIN.search(p.headline) and not NOT_PLAIN.search(c.statement)]

    def on_plain(pred: Sequence[str]) -> dict[str, Any]:
        return _metrics([gold[k] for k in plain], [pred[k] for k in plain])

    return {
        "related_pairs": len(related),
        "covered": len(covered),
        "coverage": round(len(covered) / len(related), 4) if related else 0.0,
        "board_stances": dict(Counter(c.stance for _, c in covered)),
        "board": _metrics(gold, board),
        "classifier": _metrics(gold, labels(decided)),
        "classifier_on_statement": _metrics(gold, labels(on_statement)),
        "plain": {"board": on_plain(board), "classifier": on_plain(labels(decided)),
                  "classifier_on_statement": on_plain(labels(on_statement))},
        # every covered pair: (headline, body id, gold, board, statement, the
        # board row's words, the classifier's label toward the statement)
        "examples": [(p.headline, p.body_id, p.stance, c.stance, c.statement, c.text, r.label)
                     for (p, c), r in zip(covered, on_statement, strict=True)],
        "inverted_pairs": [
            {"headline": p.headline, "article": p.body_id, "gold": p.stance,
             "board": c.stance, "statement": c.statement, "words": c.text}
            for p, c in covered if {p.stance, GOLD_OF.get(c.stance)} == {"agree", "disagree"}],
    }


def render(result: dict[str, Any], errors: int = 0) -> str:
    """A plain-text table: the board's stances and the classifier's on the same
    pairs; with ``errors``, that many of the inverted pairs."""
    lines = [f"Board stance against FNC-1 (related pairs {result['related_pairs']}, covered "
             f"{result['covered']} = {result['coverage']:.1%}: the article has a proposition "
             "like the headline)",
             f"  {'decided by':<32} {'acc':>6} {'macro':>6} {'inverted':>8}   "
             + "  ".join(f"{c} P/R" for c in RELATED)]
    rows = [(name, result[name]) for name in ("board", "classifier", "classifier_on_statement")]
    rows += [(f"{name}, plain", m) for name, m in result["plain"].items()]
    for name, m in rows:
        cells = "  ".join(f"{m['classes'][c]['p']:.2f}/{m['classes'][c]['r']:.2f}".rjust(len(c) + 4)
                          for c in RELATED)
        lines.append(f"  {name:<32} {m['accuracy']:>6.3f} {m['macro_f1']:>6.3f} "
                     f"{m['inverted']:>8}   {cells}")
    conf = result["board"]["confusion"]
    lines.append("  board confusion (rows gold; columns agree/disagree/discuss): "
                 + "; ".join(f"{g} {' '.join(str(conf[g][p]) for p in RELATED)}" for g in RELATED))
    for pair in result.get("inverted_pairs", [])[:errors]:
        lines += [f"  - article {pair['article']}: gold {pair['gold']}, board {pair['board']}",
                  f"    headline:  {pair['headline']}",
                  f"    statement: {pair['statement']}",
                  f"    words:     {pair['words']}"]
    return "\n".join(lines)
