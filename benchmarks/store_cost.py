"""What storing and reconciling a document costs, step by step, on SQLite and PostgreSQL.

    python benchmarks/store_cost.py                          # PolNeAR dev texts (else the demo corpus)
    python benchmarks/store_cost.py --limit 40 --backend sqlite
    python benchmarks/store_cost.py --corpus demo --rounds 3
    python benchmarks/store_cost.py --baseline-src /tmp/base/src --rounds 3   # before/after
    python benchmarks/store_cost.py --baseline-src /tmp/base/src --check      # same record?

Real articles are analysed once with every stage (BLAS pinned to one thread, as
``load_model`` does) and the analyses are cached in the temporary folder (keyed
by the texts and the analysis code; ``--fresh`` analyses again). Then each round
stores them, in order, into a fresh store: a SQLite file in a temporary folder
and a new schema on the PostgreSQL server (``--pg``; skipped with a message when
it is unreachable). Every document goes through what ``fogwatch ingest`` does
after analysis: ``Store.add_document``, ``Store.save_analysis``, then
``reconcile_analysis``, each timed on its own. The table gives milliseconds per
document for each step and their total, the mean over the documents of the
best round (best of ``--rounds``, default 1).

Texts: ``--corpus polnear`` reads the PolNeAR dev split from
``../shared/data/polnear/dev`` beside the repository (or under
``$FOGWATCH_SHARED``) with each article's outlet, date and title from
``metadata.tsv``; ``--corpus demo`` reads the bundled demo corpus (articles and
their reader comments); the default is PolNeAR when it is there.

``--baseline-src DIR`` also times another copy of fogwatch's sources (e.g.
``git archive HEAD~3 src | tar -x -C /tmp/base``, then ``/tmp/base/src``), in
the same rounds, turn about with this one, so load from other programs falls on
both alike; every store run happens in a subprocess of its own.

``--cpu`` times the steps in CPU time of the storing process (its own work, SQLite's
included; not PostgreSQL's, nor waits on the disk) instead of wall-clock time: on a
machine other jobs load, wall-clock rounds of the same code can differ by half.

``--check`` compares the stored records: every table (rows sorted; timestamps
and autoincrement ids left out, as they differ from run to run) after the run
with this code against the one with the baseline code (when given), and the
cross-document tables after ingestion against a ``reconcile_all`` rebuild. It
exits with status 1 on a difference.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FOGWATCH_SHARED", REPO.parent / "shared"))
POLNEAR_DEV = SHARED / "data" / "polnear" / "dev"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
STEPS = ("add_document", "save_analysis", "reconcile")
RECONCILE_TABLES = ("propositions", "proposition_keys", "proposition_stances",
                    "merged_events", "merged_event_keys", "event_reports")


# --- texts and analyses --------------------------------------------------------------


def polnear_documents(limit: int | None) -> list[Any]:
    from fogwatch.findings import Document

    meta: dict[str, dict[str, str]] = {}
    tsv = POLNEAR_DEV.parent / "metadata.tsv"
    if tsv.is_file():
        with tsv.open(encoding="utf-8", newline="") as fh:
            meta = {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t")}
    docs = []
    for path in sorted((POLNEAR_DEV / "text").glob("*.txt")):
        row = meta.get(path.stem, {})
        published = row.get("publication_date") or None
        docs.append(Document.create(
            path.read_text(encoding="utf-8"), url=f"https://polnear.example/{path.stem}",
            outlet=row.get("publisher") or None, title=row.get("title") or None,
            published=published, date_source="given" if published else None,
        ))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def demo_documents(limit: int | None) -> list[Any]:
    from fogwatch.ingest import iter_sources
    from fogwatch.jobs import demo_corpus_path

    docs = [d for item in iter_sources([str(demo_corpus_path())]) for d in item.documents]
    if limit is not None:
        # keep whole articles: a comment needs its article stored first
        kept = set(list(dict.fromkeys(d.id for d in docs if d.section == "body"))[:limit])
        docs = [d for d in docs if d.id in kept or d.parent_id in kept]
    return docs


def _code_hash() -> str:
    import fogwatch

    root = Path(fogwatch.__file__).parent
    h = hashlib.sha1()
    for path in sorted([*root.glob("analyze/**/*.py"), root / "findings.py"]):
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def analyses(corpus: str, limit: int | None, fresh: bool) -> tuple[Path, int, int]:
    """The cached analyses (path of the JSON lines), how many documents, how many words."""
    docs = polnear_documents(limit) if corpus == "polnear" else demo_documents(limit)
    key = hashlib.sha1(("|".join(d.id for d in docs) + _code_hash()).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"fogwatch-store-cost-{corpus}-{key}.jsonl"
    words = sum(len(d.text.split()) for d in docs)
    if cache.is_file() and not fresh:
        return cache, len(docs), words
    from fogwatch.analyze.pipeline import Pipeline

    print(f"analysing {len(docs)} documents ({words:,} words) once ...", file=sys.stderr)
    started = time.perf_counter()
    found = list(Pipeline().analyze_many(docs))
    print(f"  {time.perf_counter() - started:.1f} s; cached in {cache}", file=sys.stderr)
    tmp = cache.with_suffix(".tmp")
    # JSON, not a pickle: another version's sources (--baseline-src) read it
    # with their own Analysis.from_dict, which leaves out fields they lack
    tmp.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in found), encoding="utf-8")
    tmp.replace(cache)
    return cache, len(docs), words


# --- one store run (in a subprocess) -------------------------------------------------


@contextmanager
def pg_url(server: str) -> Iterator[str]:
    import sqlalchemy as sa

    engine = sa.create_engine(server, connect_args={"connect_timeout": 3})
    schema = f"fw_bench_{uuid.uuid4().hex[:12]}"
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.make_url(server).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


def pg_reachable(server: str) -> str | None:
    """None when the server answers, else why not."""
    import sqlalchemy as sa

    engine = sa.create_engine(server, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            return None
    except Exception as exc:  # any failure to connect: no PostgreSQL rows
        return str(exc).splitlines()[0]
    finally:
        engine.dispose()


def snapshot(store: Any, tables: tuple[str, ...] | None = None) -> dict[str, list[str]]:
    """Every table's rows as sorted JSON lines, without timestamps and autoincrement ids."""
    import sqlalchemy as sa

    from fogwatch.store.schema import metadata

    out: dict[str, list[str]] = {}
    with store._read("snapshot") as conn:  # noqa: SLF001 - a benchmark may look inside
        for name, table in sorted(metadata.tables.items()):
            if tables is not None and name not in tables:
                continue
            cols = [c for c in table.columns
                    if not isinstance(c.type, sa.DateTime)
                    and not (c.primary_key and c.autoincrement is True
                             and isinstance(c.type, sa.Integer))]
            rows = conn.execute(sa.select(*cols)).mappings()
            out[name] = sorted(json.dumps(dict(r), sort_keys=True, default=str) for r in rows)
        if tables is None and conn.dialect.name == "sqlite":
            rows = conn.execute(sa.text("SELECT doc_id, title, text FROM documents_fts"))
            out["documents_fts"] = sorted(json.dumps(list(r)) for r in rows)
    return out


def run_store(url: str, cache: Path, check: bool, cpu: bool = False) -> dict[str, Any]:
    import fogwatch
    from fogwatch.findings import Analysis
    from fogwatch.reconcile import reconcile_all, reconcile_analysis
    from fogwatch.store import Store

    found = [Analysis.from_dict(json.loads(line))
             for line in cache.read_text(encoding="utf-8").splitlines()]
    # Loaded before any document, as in `fogwatch ingest`, where the analysis
    # loaded it: reconcile reads demonyms from the gazetteer.
    from fogwatch.analyze.gazetteer import load_gazetteer

    load_gazetteer()
    times: dict[str, list[float]] = {step: [] for step in STEPS}
    clock = time.process_time if cpu else time.perf_counter
    with Store.open(url) as store:
        for analysis in found:
            t0 = clock()
            store.add_document(analysis.document)
            t1 = clock()
            store.save_analysis(analysis)
            t2 = clock()
            reconcile_analysis(store, analysis)
            t3 = clock()
            times["add_document"].append(t1 - t0)
            times["save_analysis"].append(t2 - t1)
            times["reconcile"].append(t3 - t2)
        result: dict[str, Any] = {"times": times, "source": str(Path(fogwatch.__file__).parent)}
        if check:
            result["snapshot"] = snapshot(store)
            reconcile_all(store)
            result["rebuilt"] = snapshot(store, RECONCILE_TABLES)
    return result


def worker(args: argparse.Namespace) -> None:
    cache = Path(args.worker_cache)
    if args.worker_backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            result = run_store(str(Path(tmp) / "bench.sqlite"), cache, args.check, args.cpu)
    else:
        with pg_url(args.pg) as url:
            result = run_store(url, cache, args.check, args.cpu)
    Path(args.worker_out).write_text(json.dumps(result))


def spawn(src: Path | None, backend: str, cache: Path, args: argparse.Namespace) -> dict[str, Any]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        cmd = [sys.executable, __file__, "--worker-backend", backend, "--worker-cache", str(cache),
               "--worker-out", str(out), "--pg", args.pg]
        if args.check:
            cmd.append("--check")
        if args.cpu:
            cmd.append("--cpu")
        subprocess.run(cmd, env=env, check=True)
        return json.loads(out.read_text())


# --- the report ----------------------------------------------------------------------


def ms_per_doc(times: dict[str, list[float]]) -> dict[str, float]:
    n = len(times[STEPS[0]]) or 1
    out = {step: 1000 * sum(times[step]) / n for step in STEPS}
    out["total"] = sum(out[step] for step in STEPS)
    return out


def _columns(rows: list[str]) -> set[str]:
    return set(json.loads(rows[0])) if rows else set()


def _only(rows: list[str], columns: set[str]) -> list[str]:
    """The rows (JSON lines) with just ``columns``, sorted again."""
    return sorted(json.dumps({k: v for k, v in json.loads(r).items() if k in columns},
                             sort_keys=True) for r in rows)


def new_columns(a: dict[str, list[str]], b: dict[str, list[str]]) -> list[str]:
    """``table.column`` of the columns one side's rows have and the other's lack."""
    out = []
    for name in sorted(set(a) & set(b)):
        ca, cb = _columns(a[name]), _columns(b[name])
        if ca and cb:
            out += [f"{name}.{c}" for c in sorted(ca ^ cb)]
    return out


def compare(a: dict[str, list[str]], b: dict[str, list[str]]) -> list[str]:
    """Tables whose rows differ, with a count of rows only on each side. A column
    only one side has (a migration between the two versions) is left out of the
    comparison; :func:`new_columns` names them."""
    diffs = []
    for name in sorted(set(a) | set(b)):
        ra, rb = a.get(name, []), b.get(name, [])
        ca, cb = _columns(ra), _columns(rb)
        if ca and cb and ca != cb:
            ra, rb = _only(ra, ca & cb), _only(rb, ca & cb)
        if ra != rb:
            only_a = len(set(ra) - set(rb))
            only_b = len(set(rb) - set(ra))
            diffs.append(f"{name}: {len(ra)} vs {len(rb)} rows, {only_a} / {only_b} differ")
    return diffs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N documents (articles)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--corpus", choices=("polnear", "demo"), default=None)
    parser.add_argument("--rounds", type=int, default=1, help="best of N rounds (default 1)")
    parser.add_argument("--pg", default=os.environ.get("FOGWATCH_TEST_PG", PG_DEFAULT),
                        help="PostgreSQL server URL (a new schema is used and dropped)")
    parser.add_argument("--baseline-src", type=Path, default=None,
                        help="another copy of fogwatch's src/ to time turn about with this one")
    parser.add_argument("--check", action="store_true",
                        help="compare stored records (baseline vs this code; rebuild vs ingest)")
    parser.add_argument("--cpu", action="store_true",
                        help="CPU time of the storing process instead of wall-clock time")
    parser.add_argument("--fresh", action="store_true", help="analyse again (ignore the cache)")
    parser.add_argument("--json", action="store_true", help="the results as JSON")
    parser.add_argument("--worker-backend", help=argparse.SUPPRESS)
    parser.add_argument("--worker-cache", help=argparse.SUPPRESS)
    parser.add_argument("--worker-out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker_backend:
        worker(args)
        return

    corpus = args.corpus or ("polnear" if (POLNEAR_DEV / "text").is_dir() else "demo")
    cache, n_docs, words = analyses(corpus, args.limit, args.fresh)
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    if "postgresql" in backends and (why := pg_reachable(args.pg)) is not None:
        print(f"PostgreSQL skipped: {args.pg} is unreachable: {why}", file=sys.stderr)
        backends.remove("postgresql")
    versions: list[tuple[str, Path | None]] = [("this", None)]
    if args.baseline_src is not None:
        versions.insert(0, ("baseline", args.baseline_src.resolve()))

    best: dict[tuple[str, str], dict[str, float]] = {}
    runs: dict[tuple[str, str], dict[str, Any]] = {}
    for r in range(args.rounds):
        # turn about: this round's order is the reverse of the last one's
        order = [(v, b) for b in backends for v in versions]
        for (label, src), backend in (order if r % 2 == 0 else order[::-1]):
            result = spawn(src, backend, cache, args)
            cost = ms_per_doc(result["times"])
            key = (label, backend)
            if key not in best or cost["total"] < best[key]["total"]:
                best[key] = cost
            runs[key] = result
            print(f"round {r + 1}: {label:8} {backend:10} {cost['total']:7.1f} ms/doc",
                  file=sys.stderr)

    failed = False
    checks: list[str] = []
    if args.check:
        for backend in backends:
            for label, _ in versions:
                result = runs[(label, backend)]
                mine = {t: result["snapshot"][t] for t in RECONCILE_TABLES}
                diffs = compare(mine, result["rebuilt"])
                checks.append(f"{backend}, {label} code: rebuild == ingest: "
                              + ("yes" if not diffs else "NO: " + "; ".join(diffs)))
                failed |= bool(diffs) and label == "this"
            if args.baseline_src is not None:
                diffs = compare(runs[("baseline", backend)]["snapshot"],
                                runs[("this", backend)]["snapshot"])
                rows = sum(len(v) for v in runs[("this", backend)]["snapshot"].values())
                extra = new_columns(runs[("baseline", backend)]["snapshot"],
                                    runs[("this", backend)]["snapshot"])
                checks.append(f"{backend}: every table identical to the baseline's ({rows:,} rows): "
                              + ("yes" if not diffs else "NO: " + "; ".join(diffs))
                              + (f" (columns in one version only, not compared: "
                                 f"{', '.join(extra)})" if extra else ""))
                failed |= bool(diffs)

    if args.json:
        print(json.dumps({"corpus": corpus, "documents": n_docs, "words": words,
                          "clock": "cpu" if args.cpu else "wall",
                          "ms_per_document": {f"{v}/{b}": c for (v, b), c in best.items()},
                          "checks": checks}, indent=2))
    else:
        clock = "CPU ms" if args.cpu else "ms"
        print(f"\n{corpus}: {n_docs} documents, {words:,} words; {clock} per document, "
              f"best of {args.rounds} round(s)\n")
        head = f"| {'code':8} | {'backend':10} | " + " | ".join(f"{s:>13}" for s in STEPS)
        print(head + f" | {'total':>8} |")
        print("| --- | --- | " + " | ".join("---:" for _ in STEPS) + " | ---: |")
        for backend in backends:
            for label, _ in versions:
                c = best[(label, backend)]
                print(f"| {label:8} | {backend:10} | "
                      + " | ".join(f"{c[s]:13.1f}" for s in STEPS) + f" | {c['total']:8.1f} |")
        if args.baseline_src is not None:
            for backend in backends:
                ratio = best[("this", backend)]["total"] / best[("baseline", backend)]["total"]
                print(f"\n{backend}: this code takes {ratio:.2f} x the baseline's time")
        for line in checks:
            print(line)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
