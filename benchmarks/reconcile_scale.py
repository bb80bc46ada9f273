"""Reconcile time per new document as the store grows (it must stay roughly flat).

    python benchmarks/reconcile_scale.py                          # 1,000 / 10,000 / 100,000
    python benchmarks/reconcile_scale.py --sizes 1000,10000 --per-day 200
    python benchmarks/reconcile_scale.py --db postgresql+psycopg://postgres@127.0.0.1:5432/test
    python benchmarks/reconcile_scale.py --hot 60     # the same stories retold 60 times

For each size N the store is given N documents' worth of cross-document
history, written in bulk: propositions with their blocking keys and member
features, and merged events with theirs, drawn from the same vocabulary real
claims use (the concepts, places and entities of the demo corpus plus thousands
of others), dated as a steady news flow of ``--per-day`` documents a day that
ends the day before the new documents. Then the demo corpus (analysed once) is
reconciled into it as new documents, one transaction each, several rounds;
the table gives the best round's mean time per document.

The history carries no stance rows (writing them would need a stored document
for each), so a proposition the new documents join is refreshed from their own
stances only; matching, candidate lookup and writing, the parts that could grow
with the store, run in full. It carries the counts reconcile reads for each
new document (how many articles name each entity and hold each opening word, with
the words of its members weighed by them), so those lookups run against a
table of the store's size.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fogwatch.findings import Analysis

SIZES = (1_000, 10_000, 100_000)
PROPOSITIONS_PER_DOC = 3
EVENTS_PER_DOC = 2
CHUNK = 20_000


def demo_analyses() -> list[Analysis]:
    from fogwatch.analyze.pipeline import Pipeline
    from fogwatch.ingest import iter_sources
    from fogwatch.jobs import demo_corpus_path

    docs = [d for item in iter_sources([str(demo_corpus_path())]) for d in item.documents
            if d.section == "body"]
    return list(Pipeline().analyze_many(docs))


def vocabulary(analyses: list[Analysis]) -> dict[str, list[str]]:
    from fogwatch.reconcile.text import CONCEPT_STEMS, SEEKABLE, SOUGHT

    # acts done, and acts asked for or offered ("SURRENDER_SOUGHT")
    concepts = sorted(set(CONCEPT_STEMS.values()) | {c + SOUGHT for c in SEEKABLE})
    places = sorted({p.key for a in analyses for p in a.places})
    entities = sorted({e.key for a in analyses for e in a.entities})
    places += [f"geo:{900000 + i}" for i in range(3000)]
    entities += [f"syn:entity/{i}" for i in range(20000)]
    # the demo's own words among them, so its leads meet the history's words
    from fogwatch.reconcile.text import terms as words
    terms = sorted({t for a in analyses for t in words(a.document.text[:600])})
    terms += [f"t{i}" for i in range(30000)]
    return {"concepts": concepts, "places": places, "entities": entities, "terms": terms}


def fill_history(store, n_docs: int, per_day: int, end: date, vocab: dict[str, list[str]],
                 rng: random.Random) -> float:
    """Write ``n_docs`` documents' worth of propositions and merged events; seconds taken."""
    from fogwatch.findings import PLOVER_CATEGORIES
    from fogwatch.store.claim_entities import ARTICLES
    try:
        from fogwatch.reconcile.rarity import WORD_KEY
    except ImportError:  # a version before words were weighed (--baseline runs)
        WORD_KEY = None
    try:
        from fogwatch.reconcile.opening import telling_words
    except ImportError:  # a version before openings (--baseline runs)
        def telling_words(words: list[str], weights: list[float] | None) -> list[str]:
            return []
    from fogwatch.store.schema import (
        claim_entity_counts,
        merged_event_keys,
        merged_events,
        proposition_keys,
        propositions,
    )

    started = time.perf_counter()
    days = max(1, n_docs // per_day)
    props: list[dict[str, Any]] = []
    pkeys: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    ekeys: list[dict[str, Any]] = []
    categories = sorted(PLOVER_CATEGORIES)

    def flush(conn) -> None:
        for table, rows in ((propositions, props), (proposition_keys, pkeys),
                            (merged_events, events), (merged_event_keys, ekeys)):
            if rows:
                conn.execute(table.insert(), rows)
                rows.clear()

    with store.transaction("writing synthetic history") as conn:
        for d in range(n_docs):
            day = (end - timedelta(days=days - d * days // n_docs)).isoformat()
            for k in range(PROPOSITIONS_PER_DOC):
                pid = f"syn-p-{d}-{k}"
                member = {
                    "concepts": rng.sample(vocab["concepts"], rng.randint(0, 2)),
                    "places": rng.sample(vocab["places"], rng.randint(0, 2)),
                    "entities": rng.sample(vocab["entities"], rng.randint(0, 2)),
                    "terms": sorted(rng.sample(vocab["terms"], rng.randint(3, 12))),
                }
                member["weights"] = [round(rng.uniform(0.5, 8.0), 2) for _ in member["terms"]]
                if k == 0:  # the article's lead, with its opening's words
                    member["lede"] = True
                    member["opening"] = sorted(rng.sample(vocab["terms"],
                                                          min(len(vocab["terms"]), 30)))
                    member["opening_weights"] = [round(rng.uniform(0.5, 8.0), 2)
                                                 for _ in member["opening"]]
                features: dict[str, Any] = {"n": 1, "members": [member]}
                for kind in ("concepts", "places", "entities", "terms"):
                    features[kind] = {x: 1 for x in member[kind]}
                props.append({
                    "id": pid, "statement": f"synthetic claim {d}.{k}", "negative": False,
                    "first_seen": day, "last_seen": day, "contested": False,
                    "numbers_disagree": False, "n_sources": 2, "n_documents": 1,
                    "features": features, "data": {},
                })
                keys = {f"c:{c}" for c in member["concepts"]}
                keys |= {f"p:{p}" for p in member["places"]}
                keys |= {f"e:{e}" for e in member["entities"]}
                if not member["concepts"]:
                    keys |= {f"t:{t}" for t in member["terms"]}
                keys |= {f"o:{w}" for w in telling_words(member.get("opening", []),
                                                         member.get("opening_weights"))}
                pkeys.extend({"key": key, "proposition_id": pid, "last_seen": day}
                             for key in keys)
            for k in range(EVENTS_PER_DOC):
                eid = f"syn-e-{d}-{k}"
                kind = rng.choice(categories)
                place = rng.choice(vocab["places"])
                actor = rng.choice(vocab["entities"])
                events.append({
                    "id": eid, "type": kind, "statement": f"synthetic event {d}.{k}",
                    "place": place, "start": day, "end": day, "modality": "happened",
                    "first_seen": day, "last_seen": day, "n_reports": 1,
                    "data": {"actors": [actor], "targets": []},
                })
                ekeys.extend([
                    {"key": f"{kind}|p:{place}", "event_id": eid, "start": day},
                    {"key": f"{kind}|e:{actor}", "event_id": eid, "start": day},
                ])
            if len(pkeys) >= CHUNK:
                flush(conn)
        flush(conn)
        # how many of the n_docs articles name each entity and hold each opening word
        counts = [{"entity": ARTICLES, "documents": n_docs}]
        counts += [{"entity": e, "documents": rng.randint(1, max(1, n_docs // 200))}
                   for e in vocab["entities"]]
        if WORD_KEY is not None:
            counts += [{"entity": WORD_KEY + t,
                        "documents": rng.randint(1, max(1, n_docs // 100))}
                       for t in vocab["terms"]]
        for at in range(0, len(counts), CHUNK):
            conn.execute(claim_entity_counts.insert(), counts[at:at + CHUNK])
    return time.perf_counter() - started


def redate(analyses: list[Analysis], first: date) -> list[Analysis]:
    """The demo articles as new documents published from ``first`` on, in order."""
    from dataclasses import replace

    base = min(date.fromisoformat(a.document.published[:10]) for a in analyses)
    out = []
    for a in analyses:
        shift = date.fromisoformat(a.document.published[:10]) - base
        doc = replace(a.document, published=(first + shift).isoformat())
        out.append(replace(a, document=doc))
    return out


def measure(db_url: str | None, size: int, per_day: int, rounds: int,
            analyses: list[Analysis], seed: int) -> dict[str, Any]:
    from fogwatch.reconcile import reconcile_analysis
    from fogwatch.store import Store

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        url = db_url or f"sqlite:///{Path(tmp) / 'scale.sqlite'}"
        with Store.open(url) as store:
            store.clear_reconciled()
            end = date(2025, 11, 1)
            fill = fill_history(store, size, per_day, end, vocabulary(analyses), rng)
            new = redate(analyses, end + timedelta(days=1))
            for a in new:  # the documents the stances point at
                store.add_document(a.document)
            timings = []
            for _ in range(rounds):
                started = time.perf_counter()
                for a in new:
                    reconcile_analysis(store, a)
                timings.append((time.perf_counter() - started) / len(new))
            counts = store.stats()
            if db_url:  # leave a shared database as it was found
                store.clear_reconciled()
    return {
        "documents": size, "history_seconds": round(fill, 1),
        "propositions": counts.get("propositions", 0),
        "ms_per_document": round(min(timings) * 1000, 2),
        "ms_median": round(statistics.median(timings) * 1000, 2),
    }


def measure_hot(db_url: str | None, copies: int, analyses: list[Analysis]) -> list[dict[str, Any]]:
    """The same stories told again and again: ``copies`` rewrites of the demo corpus
    inside one window, so a few propositions gather thousands of stances."""
    from dataclasses import replace

    from fogwatch.reconcile import reconcile_analysis
    from fogwatch.store import Store

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        url = db_url or f"sqlite:///{Path(tmp) / 'hot.sqlite'}"
        with Store.open(url) as store:
            store.clear_reconciled()
            base = redate(analyses, date(2025, 11, 1))
            for n in range(copies):
                started = time.perf_counter()
                for a in base:
                    doc = replace(a.document, id=f"{a.document.id}-{n}", url=None,
                                  text=a.document.text + f"\n\n[copy {n}]")
                    store.add_document(doc)
                    reconcile_analysis(store, replace(a, document=doc))
                if n in (0, copies // 2, copies - 1):
                    rows.append({"documents": (n + 1) * len(base),
                                 "ms_per_document": round((time.perf_counter() - started)
                                                          / len(base) * 1000, 2)})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="store sizes in documents, comma-separated")
    parser.add_argument("--per-day", type=int, default=150,
                        help="documents a day in the synthetic history")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--db", help="a database URL (default: a new SQLite file per size)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--hot", type=int, metavar="COPIES",
                        help="instead: the demo stories retold COPIES times in one window")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print("analysing the demo corpus once …", file=sys.stderr)
    analyses = demo_analyses()
    if args.hot:
        hot = measure_hot(args.db, args.hot, analyses)
        print("| documents so far | reconcile ms/doc for that copy |")
        print("| ---: | ---: |")
        for r in hot:
            print(f"| {r['documents']:,} | {r['ms_per_document']} |")
        return 0
    rows = []
    for size in sizes:
        print(f"store of {size:,} documents …", file=sys.stderr)
        rows.append(measure(args.db, size, args.per_day, args.rounds, analyses, args.seed))
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    base = rows[0]["ms_per_document"]
    print("| documents in store | propositions | history written (s) | reconcile ms/doc (best) "
          "| median | vs smallest |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['documents']:,} | {r['propositions']:,} | {r['history_seconds']} | "
              f"{r['ms_per_document']} | {r['ms_median']} | "
              f"{r['ms_per_document'] / base:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
