"""What an analyst's claim-board corrections do to the claim-stance classifier's
FNC-1 scores.

An analyst is simulated on articles that are neither trained on nor scored:
FNC-1's fixed dev articles (never trained on by ``fogwatch train fnc1``) are
split by article (seeded) into a *corrected* part and a *scored* part. The
corrected part is ingested into a new store, analysed and reconciled as any
documents (the claim board is built), and corrections are made from FNC-1's
gold labels through the store's public methods, as an analyst would make them
on the claim pages: for each related gold headline of an article (agree,
disagree, discuss), the claim of the board in which the article takes its own
stance whose statement shares the most content stems with the headline (at
least ``--min-overlap`` of the headline's) is the one the analyst reads; when
the article's own stance there is not the gold one (agree: asserts, disagree:
denies, discuss: reports) the analyst sets it (``correct_claim stance``);
with ``--confirm`` the analyst also sets a stance found right again, to the
same value (the board has no "confirm" of a stance; the training reads such a
correction as the analyst's label too). Each claim is read once per article.
FNC-1's ``unrelated`` has no counterpart on the board (an article is only in
the claims it speaks to) and gives no correction.

The analyst reads the articles in turn and has a budget (``--budget``): one
correction from each article in turn until it is spent.

Then the same ``fogwatch train fnc1`` runs once per arm with the same settings
(``--epochs``): without corrections and with them (``--corrections``,
optionally with a weight), each into a temporary folder; every model is scored
with ``fogwatch eval fnc1 --model-dir`` on the scored part only. Prints one row
per arm: corrections made, pairs used, FNC score, macro F1.

    python benchmarks/fnc1_corrections.py --corrected 80 --budget 24 1000

One training at a time (a few minutes of numpy each, the features cached after
the first).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

# one fogwatch command in a process of its own, timed; exits on failure
from attribution_corrections import run  # a script beside this one

from fogwatch.datasets.fnc1 import is_dev, read_folder
from fogwatch.evaluate.claimclusters import all_propositions, ingest
from fogwatch.reconcile import claimstance as cs
from fogwatch.reconcile import correct_claim, reconcile_all
from fogwatch.store import Store
from fogwatch.store.claim_corrections import member_ref

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FOGWATCH_SHARED", REPO.parent / "shared"))
FNC1 = SHARED / "data" / "fnc1"
FOGWATCH = [str(Path(sys.executable).parent / "fogwatch")]
BOARD = {"agree": "asserts", "disagree": "denies", "discuss": "reports"}
WHO = {"author": "simulated analyst"}


def split_dev(pairs: list[Any], corrected_n: int, seed: int) -> tuple[list[str], list[str]]:
    """The corrected and the scored dev articles (Body IDs), cut by article."""
    dev = sorted({p.body_id for p in pairs if is_dev(p.body_id)}, key=lambda b: (len(b), b))
    corrected = sorted(random.Random(seed).sample(dev, corrected_n), key=lambda b: (len(b), b))
    return corrected, [b for b in dev if b not in set(corrected)]


def write_folder(folder: Path, bodies: dict[str, str], pairs: list[Any],
                 articles: list[str]) -> Path:
    """An FNC-1 folder of ``articles`` and their pairs (scored with split ``all``)."""
    chosen = set(articles)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "scored_bodies.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Body ID", "articleBody"])
        for b in articles:
            w.writerow([b, bodies[b]])
    with (folder / "scored_stances.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Headline", "Body ID", "Stance"])
        for p in pairs:
            if p.body_id in chosen:
                w.writerow([p.headline, p.body_id, p.stance])
    return folder


def _stems(text: str) -> set[str]:
    return set(cs.content(t[0] for t in cs.tokens(text)))


def candidates(doc_id: str, claims: list[Any], golds: list[Any], min_overlap: float,
               confirm: bool = False) -> tuple[list[dict[str, Any]], Counter[str]]:
    """The stance corrections an analyst would make on one article (one per related
    gold headline at most, each claim once) among the ``claims`` it speaks to, and
    what was seen. ``confirm``: a stance already right is set again (to the same: a
    confirmation, which the training reads as the analyst's label too)."""
    seen: Counter[str] = Counter()
    own = []
    for prop in claims:
        mine = [s for s in prop.stances if s.document == doc_id and s.role == "outlet"]
        if mine:
            own.append((prop, mine[0], _stems(prop.statement)))
    out: list[dict[str, Any]] = []
    taken: set[str] = set()
    for g in golds:
        if g.stance not in BOARD:
            continue
        seen["related headlines"] += 1
        head = _stems(g.headline)
        if not head or not own:
            seen["no claim of the article's own"] += 1
            continue
        prop, member, stems = max(own, key=lambda o: (len(head & o[2]), o[0].id))
        if len(head & stems) < min_overlap * len(head):
            seen["no claim matches the headline"] += 1
            continue
        if prop.id in taken:
            seen["its claim read for another headline"] += 1
            continue
        taken.add(prop.id)
        right = member.stance == BOARD[g.stance]
        seen["stance already right" if right else "stance wrong"] += 1
        if right and not confirm:
            continue
        out.append({"proposition": prop.id, "stance": BOARD[g.stance],
                    "members": [member_ref(doc_id, "outlet", member.start, member.end)],
                    "note": "confirmed" if right else None})
    return out, seen


def claims_by_document(store: Store) -> dict[str, list[Any]]:
    """Every claim of the board, under each document that takes a stance in it."""
    out: dict[str, list[Any]] = {}
    for p in all_propositions(store):
        for doc_id in {s.document for s in p.stances}:
            out.setdefault(doc_id, []).append(p)
    return out


def build_board(db: Path, bodies: dict[str, str], corrected: list[str]) -> dict[str, list[str]]:
    """Ingest, analyse and reconcile the corrected articles into a new store ``db``
    (kept: each budget's store starts as a copy); stored document -> articles."""
    with Store.open(str(db)) as store:
        docs = ingest(store, bodies, corrected, workers=1)
        if not store.count_propositions():
            reconcile_all(store)
    return docs


def correct(store: Store, docs: dict[str, list[str]], pairs: list[Any], budget: int,
            min_overlap: float, confirm: bool = False) -> tuple[dict[str, int], Counter[str]]:
    """Make up to ``budget`` stance corrections on the board (one per article in
    turn); counts of those made and of what was seen."""
    gold: dict[str, list[Any]] = {}
    for p in pairs:
        gold.setdefault(p.body_id, []).append(p)
    claims = claims_by_document(store)
    seen: Counter[str] = Counter()
    queues = []
    for doc_id, articles in sorted(docs.items()):
        found, tally = candidates(doc_id, claims.get(doc_id, []),
                                  [g for b in articles for g in gold[b]], min_overlap,
                                  confirm)
        seen.update(tally)
        queues.append(found)
    made: Counter[str] = Counter()
    spent = 0
    while spent < budget and any(queues):
        for queue in queues:
            if not queue or spent >= budget:
                continue
            call = queue.pop(0)
            correct_claim(store, "stance", **call, **WHO)
            made["confirmed" if call["note"] else "set"] += 1
            spent += 1
    return dict(made), seen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fnc1", type=Path, default=FNC1)
    ap.add_argument("--corrected", type=int, default=80, help="dev articles corrected")
    ap.add_argument("--budget", type=int, nargs="+", default=[24, 1000],
                    help="corrections an analyst makes (one arm each)")
    ap.add_argument("--weight", type=int, nargs="+", default=[1],
                    help="--corrections-weight (one arm each, with the last budget)")
    ap.add_argument("--epochs", type=int, default=10, help="train fnc1 --epochs (every arm)")
    ap.add_argument("--min-overlap", type=float, default=0.3,
                    help="share of a headline's stems a claim's statement must hold")
    ap.add_argument("--confirm", action="store_true",
                    help="the analyst also sets the stances found right (confirms them)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path, help="keep the stores and models here (a rerun "
                    "with the same folder reuses those already made)")
    args = ap.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="fogwatch-fnc1-corrections-"))
    work.mkdir(parents=True, exist_ok=True)
    bodies, pairs = read_folder(args.fnc1)
    corrected, scored = split_dev(pairs, args.corrected, args.seed)
    scored_dir = write_folder(work / "scored", bodies, pairs, scored)
    print(f"FNC-1 dev: {len(corrected)} articles corrected, {len(scored)} scored; "
          f"work in {work}", file=sys.stderr)

    started = time.time()
    docs = build_board(work / "store-board.sqlite", bodies, corrected)
    print(f"board: {len(docs)} documents in {time.time() - started:.0f} s", file=sys.stderr)
    arms: list[tuple[str, str | None, int, dict[str, int]]] = [("baseline", None, 1, {})]
    seen: Counter[str] = Counter()
    for budget in args.budget:
        db = work / f"store-{budget}{'-confirm' if args.confirm else ''}.sqlite"
        if not db.exists():
            shutil.copyfile(work / "store-board.sqlite", db)
        with Store.open(str(db)) as store:
            if store.list_claim_corrections(limit=1)[1]:  # made by an earlier --keep run
                made = dict(Counter("confirmed" if c.note else "set" for c in
                                    store.list_claim_corrections(limit=10_000)[0]))
            else:
                made, seen = correct(store, docs, pairs, budget, args.min_overlap,
                                     args.confirm)
        if not made:
            print(f"budget {budget}: no correction made ({dict(seen)})", file=sys.stderr)
            continue
        for weight in (args.weight if budget == args.budget[-1] else [1]):
            arms.append((f"corrections {budget}" + (" +confirm" if args.confirm else "")
                         + (f" x{weight}" if weight > 1 else ""),
                         str(db), weight, made))
    if seen:
        print("the analyst saw: " + ", ".join(f"{k} {v}" for k, v in sorted(seen.items())),
              file=sys.stderr)

    rows = []
    for name, db, weight, made in arms:
        out = work / name.replace(" ", "-")
        report = out / "train.json"
        if not report.is_file():
            cmd = [*FOGWATCH, "train", "fnc1", str(args.fnc1), "--epochs", str(args.epochs),
                   "--out", str(out)]
            if db is not None:
                cmd += ["--corrections", db, "--corrections-weight", str(weight)]
            trained = run(cmd)
            out.mkdir(parents=True, exist_ok=True)
            report.write_text(trained, encoding="utf-8")
        trained_with = json.loads(report.read_text(encoding="utf-8"))
        scores = json.loads(run([*FOGWATCH, "eval", "fnc1", str(scored_dir), "--json",
                                 "--model-dir", str(out)]))
        rows.append((name, made, trained_with, scores))
        print(name, made, scores["fnc_score"], scores["macro_f1"], file=sys.stderr)

    n_pairs = rows[0][3]["pairs"] if rows else 0
    print(f"FNC-1 dev: {len(corrected)} articles corrected (seed {args.seed}), "
          f"{len(scored)} scored ({n_pairs} pairs); train fnc1 --epochs {args.epochs}")
    print(f"{'arm':<28} {'corrections':<24} {'pairs':>5} {'epoch':>5} "
          f"{'FNC score':>9} {'macro F1':>8} {'F1 disagree':>11}")
    for name, made, trained_with, s in rows:
        m = ", ".join(f"{k} {v}" for k, v in sorted(made.items())) or "-"
        print(f"{name:<28} {m:<24} {trained_with.get('corrected_pairs', 0):>5} "
              f"{trained_with['epoch']:>5} {s['fnc_score']:>9.2f} {s['macro_f1']:>8.4f} "
              f"{s['classes']['disagree']['f1']:>11.4f}")
    print("scored on the scored part of dev only (fogwatch eval fnc1 --model-dir)")


if __name__ == "__main__":
    main()
