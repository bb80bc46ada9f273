"""What a few dozen analyst corrections do to the attribution model's dev scores.

An analyst is simulated on articles that are neither trained on nor scored:
PolNeAR dev is split by article (seeded) into a *corrected* part and a *scored*
part. The corrected part is ingested into a new store (the shipped model finds
its attributions), and corrections are derived from PolNeAR's gold annotations
of those articles through the store's public methods, as an analyst would make
them on the document page:

- a machine attribution whose cue overlaps no gold cue: ``reject``;
- one whose cue, source and content are the gold ones: ``confirm``;
- one with a gold cue but other source or content spans: ``reject`` it and
  ``add`` the gold one on the gold cue (the store sets no spans);
- a gold attribution the machine missed: ``add``.

The analyst reads each article from the top and has a budget (``--budget``):
one correction from each article in turn until it is spent. Gold spans the
store cannot take (a content piece over 300 characters) are skipped.

Then the same ``fogwatch train attribution`` runs twice or more with the same
``--limit`` of train and the scored part as ``--dev`` (the rules and the
ranker's margins are chosen there, as for the shipped model): without
corrections and with them (``--corrections``, optionally with a weight), each
into a temporary folder; every model is scored with ``fogwatch eval polnear
--model-dir`` on the scored part. Prints one row per arm: corrections used,
exact F1 of source, cue, content and whole attributions.

    python benchmarks/attribution_corrections.py --limit 60 --max-iterations 100 --budget 48 1000

One training at a time; each took about ten minutes on a shared two-core machine
(a budget of 1000 uses every correction the gold gives on the 24 articles).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from fogwatch.datasets.polnear import GoldAttribution, read_split
from fogwatch.jobs import run_batch
from fogwatch.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FOGWATCH_SHARED", REPO.parent / "shared"))
POLNEAR = SHARED / "data" / "polnear"
FOGWATCH = [str(Path(sys.executable).parent / "fogwatch")]
MAX_SPAN = 300  # the longest span the store takes for an added finding
WHO = {"author": "simulated analyst"}


def split_dev(dev: Path, corrected_n: int, seed: int, work: Path) -> tuple[list[str], Path]:
    """Names of the corrected articles, and a split folder of the others (links;
    kept from an earlier run in ``work``)."""
    names = sorted(p.stem for p in (dev / "text").glob("*.txt"))
    corrected = sorted(random.Random(seed).sample(names, corrected_n))
    scored = work / "scored"
    if scored.is_dir():
        assert sorted(p.stem for p in (scored / "text").iterdir()) == sorted(
            set(names) - set(corrected)), f"{work} holds another split"
        return corrected, scored
    for sub in ("text", "attributions"):
        (scored / sub).mkdir(parents=True)
    for name in names:
        if name in corrected:
            continue
        (scored / "text" / f"{name}.txt").symlink_to(dev / "text" / f"{name}.txt")
        for ann in (dev / "attributions").glob(f"{name}_*.ann"):
            (scored / "attributions" / ann.name).symlink_to(ann)
    (work / "metadata.tsv").symlink_to(dev.parent / "metadata.tsv")
    return corrected, scored


def publication_dates(root: Path) -> dict[str, str]:
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as fh:
        return {r["filename"]: r["publication_date"] for r in csv.DictReader(fh, delimiter="\t")}


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s < e2 and s2 < e for s, e in a for s2, e2 in b)


def _spans(a: Any) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    source = [(a.source.start, a.source.end)] if a.source else []
    return source, sorted((c.start, c.end) for c in a.content)


def _add(gold: GoldAttribution, shift: int) -> dict[str, Any] | None:
    """The add request for a gold attribution (stored-text offsets), or None when the
    store cannot take its spans."""
    def moved(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(s - shift, e - shift) for s, e in spans]
    cue, source, content = moved(gold.cue[:1]), moved(gold.source[:1]), moved(gold.content)
    if not content or len(content) > 10 or any(e - s > MAX_SPAN for s, e in cue + source + content):
        return None
    fields: dict[str, Any] = {"content": [{"start": s, "end": e} for s, e in content]}
    if source:
        fields.update(source_start=source[0][0], source_end=source[0][1])
    return {"start": cue[0][0], "end": cue[0][1], "fields": fields}


def candidates(store: Store, doc_id: str, golds: list[GoldAttribution], shift: int
               ) -> list[tuple[int, list[tuple[str, Any]]]]:
    """Each correction an analyst would make on one article (position in the text,
    the store calls it takes), top to bottom."""
    analysis = store.get_analysis(doc_id)
    assert analysis is not None
    moved = [GoldAttribution([(s - shift, e - shift) for s, e in g.cue],
                             [(s - shift, e - shift) for s, e in g.source],
                             [(s - shift, e - shift) for s, e in g.content]) for g in golds]
    out: list[tuple[int, list[tuple[str, Any]]]] = []
    matched: set[int] = set()
    for idx, a in enumerate(analysis.attributions):
        cue = [(a.cue.start, a.cue.end)]
        hits = [k for k, g in enumerate(moved) if _overlaps(cue, g.cue)]
        if not hits:
            out.append((a.cue.start, [("reject", idx)]))
            continue
        k = hits[0]
        matched.update(hits)
        g = moved[k]
        if cue == g.cue and _spans(a) == (g.source, g.content):
            out.append((a.cue.start, [("confirm", idx)]))
        else:
            add = _add(golds[k], shift)
            if add is not None:
                out.append((a.cue.start, [("reject", idx), ("add", add)]))
    for k, g in enumerate(moved):
        if k not in matched and g.cue and (add := _add(golds[k], shift)) is not None:
            out.append((g.cue[0][0], [("add", add)]))
    return sorted(out, key=lambda c: c[0])


def correct(store: Store, corrected: list[str], dev: Path, budget: int) -> dict[str, int]:
    """Ingest the corrected articles and make up to ``budget`` corrections (one per
    article in turn); counts of each action made."""
    dates = publication_dates(dev.parent)
    gold = {a.name: a for a in read_split(dev) if a.name in corrected}
    queues: list[tuple[str, list[tuple[int, list[tuple[str, Any]]]]]] = []
    for name in corrected:
        path = dev / "text" / f"{name}.txt"
        summary = run_batch([str(path)], store, date=dates.get(name), workers=1)
        assert not summary.failed, summary.failed
        doc_id = _doc_of(store, path)
        stored = store.get_analysis(doc_id)
        assert stored is not None
        shift = gold[name].text.find(stored.document.text)
        if shift < 0:
            continue  # the stored text is not the file's: offsets cannot be moved
        queues.append((doc_id, candidates(store, doc_id, gold[name].attributions, shift)))
    made: dict[str, int] = {}
    spent = 0
    while spent < budget and any(q for _, q in queues):
        for doc_id, queue in queues:
            if not queue or spent >= budget:
                continue
            _, calls = queue.pop(0)
            for action, arg in calls:
                if action == "add":
                    store.add_finding("attributions", doc_id, arg["start"], arg["end"],
                                      fields=arg["fields"], **WHO)
                else:
                    store.add_correction("attributions", doc_id, arg, action, **WHO)
                made[action] = made.get(action, 0) + 1
            spent += 1
    return made


def _doc_of(store: Store, path: Path) -> str:
    import sqlalchemy as sa

    from fogwatch.store.schema import documents

    with store.reading("finding an ingested article") as conn:
        return conn.execute(sa.select(documents.c.id).where(
            documents.c.source == str(path), documents.c.section == "body")).scalar_one()


def run(cmd: list[str]) -> str:
    started = time.time()
    print("$", " ".join(["fogwatch", *cmd[1:]]), file=sys.stderr, flush=True)
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {done.stderr[-2000:]}")
    print(f"  {time.time() - started:.0f} s", file=sys.stderr, flush=True)
    return done.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--polnear", type=Path, default=POLNEAR)
    ap.add_argument("--limit", type=int, default=60, help="train articles (both arms)")
    ap.add_argument("--corrected", type=int, default=24, help="dev articles corrected")
    ap.add_argument("--budget", type=int, nargs="+", default=[48, 1000],
                    help="corrections an analyst makes (one arm each)")
    ap.add_argument("--weight", type=int, nargs="+", default=[1],
                    help="--corrections-weight (one arm each, with the first budget)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-iterations", type=int, default=100)
    ap.add_argument("--keep", type=Path, help="keep the stores and models here (a rerun "
                    "with the same folder reuses those already made)")
    args = ap.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="fogwatch-corrections-"))
    dev, train = args.polnear / "dev", args.polnear / "train"
    corrected, scored = split_dev(dev, args.corrected, args.seed, work)
    print(f"dev: {len(corrected)} articles corrected, "
          f"{len(list((scored / 'text').iterdir()))} scored; work in {work}", file=sys.stderr)

    arms: list[tuple[str, str | None, int, dict[str, int]]] = [("baseline", None, 1, {})]
    for budget in args.budget:
        db = work / f"store-{budget}.sqlite"
        if db.exists():  # corrected in an earlier run kept with --keep
            with Store.open(str(db)) as store:
                made = dict(Counter(c.action for c in store.list_corrections(limit=10_000)[0]))
        else:
            with Store.open(str(db)) as store:
                made = correct(store, corrected, dev, budget)
        for weight in (args.weight if budget == args.budget[0] else [1]):
            arms.append((f"corrections {budget}" + (f" x{weight}" if weight > 1 else ""),
                         str(db), weight, made))

    rows = []
    for name, db, weight, made in arms:
        out = work / name.replace(" ", "-")
        cmd = [*FOGWATCH, "train", "attribution", "--train", str(train), "--dev", str(scored),
               "--limit", str(args.limit), "--max-iterations", str(args.max_iterations),
               "--out", str(out)]
        if db is not None:
            cmd += ["--corrections", db, "--corrections-weight", str(weight)]
        if not (out / "meta.json").is_file() or "boundary" not in json.loads(
                (out / "meta.json").read_text(encoding="utf-8")):
            run(cmd)  # else trained by an earlier run kept with --keep
        scores = json.loads(run([*FOGWATCH, "eval", "polnear", str(scored), "--json",
                                 "--model-dir", str(out)]))
        meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
        rows.append((name, made, meta.get("corrections", {}), scores))
        print(name, made, {r: _f1(scores, r) for r in ("source", "cue", "content",
                                                         "attribution")}, file=sys.stderr)

    print(f"PolNeAR dev: {len(corrected)} articles corrected (seed {args.seed}), "
          f"{len(list((scored / 'text').iterdir()))} scored; train --limit {args.limit}")
    print(f"{'arm':<20} {'corrections made':<30} {'sentences':>9} "
          f"{'source':>7} {'cue':>7} {'content':>7} {'attrib':>7}")
    for name, made, used, s in rows:
        m = ", ".join(f"{k} {v}" for k, v in sorted(made.items())) or "-"
        f1 = [_f1(s, role) for role in ("source", "cue", "content", "attribution")]
        print(f"{name:<20} {m:<30} {used.get('sentences', 0):>9} "
              + " ".join(f"{v:>7.4f}" for v in f1))
    print("exact F1 on the scored part of dev (fogwatch eval polnear --model-dir)")


def _f1(scores: dict[str, Any], role: str) -> float:
    found = scores.get(role) or scores.get("metrics", {}).get(role)
    return float(found["exact"]["f1"])


if __name__ == "__main__":
    main()
