"""Commands as a user runs them: each in a fresh process, timed end to end.

The other benchmarks time fogwatch's parts inside one tuned process; a setting
that only the benchmark makes (such as the BLAS thread count) would hide from
them. This one runs the installed `fogwatch` command as shipped, beside the same
command with the BLAS thread pools pinned by hand (``OPENBLAS_NUM_THREADS=1``
etc.) and with fogwatch's own pinning turned off (``FOGWATCH_BLAS_THREADS=0``,
the way it was before the commands pinned), and prints one table.

    python benchmarks/commands.py                     # eval polnear on 40 dev articles, ingest of 100
    python benchmarks/commands.py --articles 300 --eval-limit 84 --repeat 2
    python benchmarks/commands.py --json
    python benchmarks/commands.py --articles 300 --pg postgresql+psycopg://postgres@127.0.0.1:5432/test

With ``--pg``, the ingest also runs as shipped into a new schema on that
PostgreSQL server (dropped afterwards), and its row gives the ratio to the same
ingest into SQLite (``x_sqlite``).

Texts: PolNeAR's dev split from ``../shared/data/polnear`` beside the repository
(or under ``$FOGWATCH_SHARED``), topped up from its train split for larger
ingests. Without it, the ingest rows use the bundled demo corpus and the eval
rows are left out.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FOGWATCH_SHARED", REPO.parent / "shared"))
POLNEAR = SHARED / "data" / "polnear"
BLAS_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

SETTINGS = {
    "as shipped": {},
    "pinned by hand": {v: "1" for v in BLAS_VARS},
    "unpinned": {"FOGWATCH_BLAS_THREADS": "0"},
}
PG_SETTING = "as shipped, PostgreSQL"


def fogwatch() -> list[str]:
    exe = Path(sys.executable).with_name("fogwatch")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "fogwatch.cli"]


def environment(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in BLAS_VARS and k != "FOGWATCH_BLAS_THREADS"}
    return {**env, **extra}


def article_folder(n: int, into: Path) -> tuple[Path, int]:
    """``n`` real articles as .txt files (PolNeAR dev, then train), or the demo
    corpus; the folder and its word count."""
    into.mkdir(parents=True, exist_ok=True)
    texts: list[str] = []
    for split in ("dev", "train"):
        folder = POLNEAR / split / "text"
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        from fogwatch.jobs import demo_corpus_path

        lines = demo_corpus_path().read_text(encoding="utf-8").splitlines()
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    texts = texts[:n]
    for k, text in enumerate(texts):
        (into / f"{k:05d}.txt").write_text(text, encoding="utf-8")
    return into, sum(len(t.split()) for t in texts)


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, children included) of ``cmd``."""
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = os.times()
    if done.returncode not in (0, 1):  # 1: some items failed, still a finished run
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100, help="articles to ingest")
    ap.add_argument("--eval-limit", type=int, default=40, help="PolNeAR dev articles to score")
    ap.add_argument("--repeat", type=int, default=1, help="rounds; the best is kept")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--pg", metavar="URL", default=None,
                    help="also ingest into a new schema on this PostgreSQL server")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="fogwatch-commands-"))
    rows: list[dict] = []
    try:
        folder, words = article_folder(args.articles, work / "articles")
        n_docs = len(list(folder.iterdir()))
        jobs: list[tuple[str, int, int, object]] = []
        dev = POLNEAR / "dev"
        if dev.is_dir():
            jobs.append(("eval polnear", args.eval_limit, 0, lambda db: [
                *fogwatch(), "eval", "polnear", str(dev), "--limit", str(args.eval_limit),
                "--json"]))
        jobs.append(("ingest", n_docs, words, lambda db: [
            *fogwatch(), "ingest", str(folder), "--db", db, "--date", "2016-10-01"]))
        best: dict[tuple[str, str], tuple[float, float]] = {}

        def keep(key: tuple[str, str], run: tuple[float, float]) -> None:
            if key not in best or run[0] < best[key][0]:
                best[key] = run

        for _ in range(args.repeat):
            for name, _n, _w, make in jobs:
                for setting, extra in SETTINGS.items():  # settings take turns in a round
                    db = str(work / f"{len(best)}-{time.monotonic_ns()}.sqlite")
                    keep((name, setting), timed(make(db), environment(extra)))  # type: ignore[operator]
            if args.pg:
                from store_cost import pg_url
                with pg_url(args.pg) as url:
                    keep(("ingest", PG_SETTING), timed(jobs[-1][3](url), environment({})))  # type: ignore[operator]
        for name, n, w, _make in jobs:
            pinned = best[(name, "pinned by hand")][0]
            for setting in (*SETTINGS, PG_SETTING):
                if (name, setting) not in best:
                    continue
                wall, cpu = best[(name, setting)]
                sqlite = best[(name, "as shipped")][0]
                rows.append({
                    "command": name, "setting": setting, "items": n, "seconds": round(wall, 2),
                    "cpu_seconds": round(cpu, 2),
                    "items_per_s": round(n / wall, 2) if n else None,
                    "words_per_s": round(w / wall) if w else None,
                    "x_pinned": round(wall / pinned, 2),
                    "x_sqlite": round(wall / sqlite, 2) if name == "ingest" else None,
                })
    finally:
        shutil.rmtree(work, ignore_errors=True)

    if args.json:
        print(json.dumps({"cores": os.cpu_count(), "rows": rows}, indent=2))
        return
    head = ("command", "setting", "items", "seconds", "cpu_seconds", "items_per_s",
            "words_per_s", "x_pinned", "x_sqlite")
    print(f"fresh processes, {os.cpu_count()} cores, best of {args.repeat}")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print("| " + " | ".join("" if r[h] is None else str(r[h]) for h in head) + " |")


if __name__ == "__main__":
    main()
