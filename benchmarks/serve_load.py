"""Load test of the web app: many concurrent clients against a store of N documents.

    python benchmarks/serve_load.py                        # 100,000 documents, 30 clients, 60 s
    python benchmarks/serve_load.py --docs 20000 --duration 30
    python benchmarks/serve_load.py --store big.sqlite     # reuse a store built before
    python benchmarks/serve_load.py --build-only --store big.sqlite

The store is built without analysing N documents: the bundled demo corpus is
analysed and reconciled once into a template store, then every row of the
documents, every finding table and every cross-document table is copied in
bulk SQL with new ids, URLs, text hashes and dates shifted over a year (each
copy of the corpus is one "day" further back), and the full-text index is
filled from the copies. Entities are shared by the copies (their counts scaled),
as the same people and places recur in real reporting.

The app is then started as docs/web.md recommends, ``uvicorn --factory
fogwatch.serve.app:create_app --workers W`` with ``FOGWATCH_DB`` naming the
store, on a free loopback port, and C clients (asyncio, httpx, one connection
each) request a fixed mix of addresses for a fixed time. The table gives per
route p50, p95 and max latency in milliseconds, requests per second and errors,
then the CPU seconds the server's processes and the load generator spent per
request (with psutil installed): on a machine with fewer cores than the load
needs, latency is mostly waiting for a core, and CPU per request says what more
cores would give.

``--single N`` measures instead each address alone, in this process, warm: the
median wall-clock and CPU milliseconds of N requests (what one request costs
when nothing else runs).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx

# --- building the store -------------------------------------------------------------

# Column -> how a copy rewrites it. "doc", "prop", "event": an id of that kind (the
# copy's own); "date": an ISO date (or datetime) shifted by the copy's offset;
# "skip": an autoincrement id, left to the database.
REWRITE: dict[str, dict[str, str]] = {
    "documents": {"id": "doc", "parent_id": "doc", "url": "url", "text_hash": "hash",
                  "published": "date", "published_date": "date"},
    "document_entities": {"document_id": "doc"},
    "mentions": {"id": "skip", "document_id": "doc"},
    "times": {"id": "skip", "document_id": "doc", "value": "date",
              "interval_start": "date", "interval_end": "date"},
    "attributions": {"id": "skip", "document_id": "doc"},
    "events": {"id": "skip", "document_id": "doc", "time_value": "date"},
    "quantities": {"id": "skip", "document_id": "doc"},
    "places": {"id": "skip", "document_id": "doc"},
    "propositions": {"id": "prop", "first_seen": "date", "last_seen": "date"},
    "proposition_keys": {"proposition_id": "prop", "last_seen": "date"},
    "proposition_stances": {"id": "skip", "proposition_id": "prop", "document_id": "doc",
                            "date": "date", "data": "report"},
    "merged_events": {"id": "event", "start": "date", "end": "date", "first_seen": "date",
                      "last_seen": "date"},
    "merged_event_keys": {"event_id": "event", "start": "date"},
    "event_reports": {"id": "skip", "event_id": "event", "document_id": "doc", "date": "date",
                      "data": "report"},
}


def _expr(column: str, how: str | None) -> str:
    col = f't."{column}"'
    if how is None:
        return col
    if how in ("doc", "prop", "event"):
        return f"CASE WHEN c.k = 0 OR {col} IS NULL THEN {col} ELSE {col} || '~' || c.k END"
    if how == "url":
        return f"CASE WHEN c.k = 0 OR {col} IS NULL THEN {col} ELSE {col} || '#copy-' || c.k END"
    if how == "hash":
        return f"CASE WHEN c.k = 0 THEN {col} ELSE substr({col}, 1, 52) || printf('%012d', c.k) END"
    if how == "date":
        return _shifted(col)
    if how == "report":  # a stance's or report's own record names its document and date
        return (
            f"CASE WHEN c.k = 0 THEN {col} ELSE json_set({col}, "
            f"'$.document', json_extract({col}, '$.document') || '~' || c.k, "
            f"'$.date', {_shifted(f'json_extract({col}, {chr(39)}$.date{chr(39)})')}) END"
        )
    raise ValueError(how)


def _shifted(col: str) -> str:
    return (
        f"CASE WHEN c.k = 0 OR {col} IS NULL OR length({col}) < 10 THEN {col} "
        f"ELSE coalesce(date(substr({col}, 1, 10), c.shift) || substr({col}, 11), {col}) END"
    )


def build_template(path: Path) -> None:
    from fogwatch.jobs import demo_corpus_path, run_batch
    from fogwatch.store import Store

    store = Store.open(str(path))
    try:
        summary = run_batch([str(demo_corpus_path())], store)
        print(f"template: {summary.analyzed} documents analysed", file=sys.stderr)
    finally:
        store.close()


def build_store(path: Path, n_docs: int, template: Path) -> float:
    """A store of about ``n_docs`` documents at ``path``; returns the seconds it took."""
    from fogwatch.store import Store

    started = time.perf_counter()
    if not template.exists():
        t0 = time.perf_counter()
        build_template(template)
        print(f"template built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    Store.open(str(path)).close()  # the schema, at the current revision

    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")  # one big transaction: no WAL of gigabytes
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("ATTACH DATABASE ? AS tpl", (str(template),))
    per_copy = conn.execute("SELECT count(*) FROM tpl.documents").fetchone()[0]
    copies = max(1, -(-n_docs // per_copy))
    conn.execute("CREATE TEMP TABLE copies (k INTEGER PRIMARY KEY, shift TEXT)")
    conn.executemany(
        "INSERT INTO copies VALUES (?, ?)",
        [(k, f"-{(k * 365) // copies} days") for k in range(copies)],
    )
    print(f"copying {per_copy} template documents {copies} times", file=sys.stderr)
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO entities SELECT * FROM tpl.entities"
    )
    conn.execute(
        "UPDATE entities SET n_mentions = n_mentions * ?, n_documents = n_documents * ?",
        (copies, copies),
    )
    for table, rewrite in REWRITE.items():
        t0 = time.perf_counter()
        cols = [r[1] for r in conn.execute(f'PRAGMA tpl.table_info("{table}")')]
        keep = [c for c in cols if rewrite.get(c) != "skip"]
        names = ", ".join(f'"{c}"' for c in keep)
        exprs = ", ".join(_expr(c, rewrite.get(c)) for c in keep)
        conn.execute(
            f'INSERT INTO "{table}" ({names}) SELECT {exprs} '
            f'FROM copies AS c CROSS JOIN tpl."{table}" AS t ORDER BY c.k DESC, t.rowid'
        )
        n = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        print(f"  {table}: {n:,} rows ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    t0 = time.perf_counter()
    conn.execute(
        "INSERT INTO documents_fts (doc_id, title, text) SELECT id, title, text FROM documents"
    )
    print(f"  documents_fts: ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode = WAL")  # as the store runs it
    conn.close()
    return time.perf_counter() - started


# --- driving the app ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sample_urls(path: Path) -> dict[str, list[str]]:
    """Route name -> addresses to request, read from the store."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    doc_ids = [r[0] for r in conn.execute(
        "SELECT id FROM documents WHERE section = 'body' ORDER BY random() LIMIT 20")]
    ent_keys = [r[0] for r in conn.execute(
        "SELECT key FROM entities ORDER BY n_mentions DESC LIMIT 20")]
    outlet = one("SELECT outlet FROM documents WHERE outlet IS NOT NULL LIMIT 1")
    latest = one("SELECT max(published_date) FROM documents")
    month = latest[:7] if latest else "2025-11"
    conn.close()
    ent = ent_keys[len(ent_keys) // 2] if ent_keys else "x"
    return {
        "/": ["/"],
        "/claims": ["/claims", "/claims?page=3", "/claims?contested=1"],
        "/timeline": ["/timeline", "/timeline?page=4"],
        "/timeline?filters": [
            "/timeline?" + urlencode({"entity": ent}),
            "/timeline?" + urlencode({"outlet": outlet, "show": "events"}),
            "/timeline?" + urlencode({"since": f"{month}-01", "category": "ASSAULT"}),
        ],
        "/entities/{key}": ["/entities/" + quote(k, safe="") for k in ent_keys[:10]],
        "/documents/{id}": ["/documents/" + quote(d, safe="") for d in doc_ids],
        "/documents": ["/documents", "/documents?page=7"],
        "/api/v1/documents": ["/api/v1/documents?limit=50", "/api/v1/documents?limit=50&offset=500"],
        "/api/v1/entities": ["/api/v1/entities?limit=50", "/api/v1/entities?limit=50&offset=100"],
        "/api/v1/propositions": ["/api/v1/propositions?limit=50",
                                 "/api/v1/propositions?limit=50&offset=200"],
        "/api/v1/merged-events": ["/api/v1/merged-events?limit=50",
                                  "/api/v1/merged-events?limit=50&offset=200"],
        "/api/v1/events": ["/api/v1/events?limit=50", "/api/v1/events?limit=50&offset=1000"],
        "/api/v1/attributions": ["/api/v1/attributions?limit=50"],
    }


def start_server(store: Path, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "FOGWATCH_DB": str(store)}
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "fogwatch.serve.app:create_app",
           "--workers", str(workers), "--host", "127.0.0.1", "--port", str(port),
           "--log-level", "warning", "--no-access-log"]
    proc = subprocess.Popen(cmd, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/entities?limit=1", timeout=30).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.terminate()
    raise SystemExit("the server did not answer within 120 s")


async def drive(base: str, urls: dict[str, list[str]], clients: int, duration: float,
                seed: int) -> tuple[dict[str, list[float]], dict[str, int], float]:
    mix = [(route, u) for route, us in urls.items() for u in us]
    # every route weighs the same, whatever the number of its addresses
    weights = [1 / len(urls[route]) for route, _ in mix]
    times: dict[str, list[float]] = {r: [] for r in urls}
    errors: dict[str, int] = {r: 0 for r in urls}
    stop = time.perf_counter() + duration

    async def client(n: int) -> None:
        rng = random.Random(seed + n)
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            while time.perf_counter() < stop:
                route, url = rng.choices(mix, weights)[0]
                t0 = time.perf_counter()
                try:
                    r = await http.get(url)
                    await r.aread()
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                times[route].append(time.perf_counter() - t0)
                if not ok:
                    errors[route] += 1

    started = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    return times, errors, time.perf_counter() - started


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process and all its children (psutil), or None."""
    try:
        import psutil
    except ImportError:
        return None
    try:
        procs = [psutil.Process(pid)]
        procs += procs[0].children(recursive=True)
    except psutil.Error:
        return None
    total = 0.0
    for proc in procs:
        try:
            t = proc.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            continue
    return total


def single(store: Path, urls: dict[str, list[str]], repeat: int) -> None:
    """Each route's addresses requested one at a time in this process, warm."""
    import statistics

    from fastapi.testclient import TestClient

    from fogwatch.serve.app import create_app

    client = TestClient(create_app(str(store)))
    print(f"one request at a time, warm; median of {repeat} per address")
    print("| route | wall ms | CPU ms | max wall ms |")
    print("| --- | ---: | ---: | ---: |")
    for route, addresses in urls.items():
        walls, cpus = [], []
        for url in addresses[:3]:
            client.get(url)  # warm: caches, pages, the planner
            for _ in range(repeat):
                t0, c0 = time.perf_counter(), time.process_time()
                r = client.get(url)
                walls.append(time.perf_counter() - t0)
                cpus.append(time.process_time() - c0)
                if r.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {r.status_code}")
        print(f"| `{route}` | {statistics.median(walls) * 1000:.1f} "
              f"| {statistics.median(cpus) * 1000:.1f} | {max(walls) * 1000:.1f} |")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def report(times: dict[str, list[float]], errors: dict[str, int], elapsed: float) -> None:
    print("| route | requests | p50 ms | p95 ms | max ms | req/s | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    every: list[float] = []
    for route, ts in times.items():
        every += ts
        print(f"| `{route}` | {len(ts)} | {pct(ts, .5) * 1000:.0f} | {pct(ts, .95) * 1000:.0f} "
              f"| {max(ts, default=float('nan')) * 1000:.0f} | {len(ts) / elapsed:.1f} "
              f"| {errors[route]} |")
    print(f"| **all** | {len(every)} | {pct(every, .5) * 1000:.0f} | {pct(every, .95) * 1000:.0f} "
          f"| {max(every, default=float('nan')) * 1000:.0f} | {len(every) / elapsed:.1f} "
          f"| {sum(errors.values())} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100_000, help="documents in a new store")
    ap.add_argument("--store", type=Path, help="reuse this store (built there when missing)")
    ap.add_argument("--template", type=Path, help="the analysed demo corpus (built when missing)")
    ap.add_argument("--rebuild", action="store_true", help="rebuild --store even if it exists")
    ap.add_argument("--build-only", action="store_true")
    ap.add_argument("--clients", type=int, default=30)
    ap.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    ap.add_argument("--warmup", type=float, default=5.0, help="seconds of load not measured")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--single", type=int, metavar="N", default=0,
                    help="instead of the load, time each address alone, N times, warm")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="fogwatch-load-"))
    store = args.store or tmp / "load.sqlite"
    template = args.template or store.with_name(store.stem + "-template.sqlite")
    try:
        if args.rebuild or not store.exists():
            took = build_store(store, args.docs, template)
            print(f"built {store} in {took:.1f} s")
        conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
        n = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        conn.close()
        print(f"store: {store} ({n:,} documents, {store.stat().st_size / 1e6:.0f} MB)")
        if args.build_only:
            return 0
        from fogwatch.store import Store

        Store.open(str(store)).close()  # migrated once here, not by every worker at once
        urls = sample_urls(store)
        if args.single:
            single(store, urls, args.single)
            return 0
        port = free_port()
        server = start_server(store, port, args.workers)
        try:
            base = f"http://127.0.0.1:{port}"
            if args.warmup > 0:
                asyncio.run(drive(base, urls, args.clients, args.warmup, args.seed + 1000))
            server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
            times, errors, elapsed = asyncio.run(
                drive(base, urls, args.clients, args.duration, args.seed))
            after = cpu_seconds(server.pid)
            server_cpu = None if server_cpu is None or after is None else after - server_cpu
            client_cpu = time.process_time() - client_cpu
        finally:
            server.terminate()
            server.wait(timeout=30)
        print(f"{args.clients} clients, {args.workers} workers, {elapsed:.0f} s, "
              f"{n:,} documents, {os.cpu_count()} cores")
        report(times, errors, elapsed)
        done = sum(len(ts) for ts in times.values())
        if done and server_cpu is not None:
            per = server_cpu / done
            print(f"\nserver CPU {server_cpu:.1f} s: {per * 1000:.1f} ms per request "
                  f"({1 / per:.0f} requests/s per core); load generator "
                  f"{client_cpu / done * 1000:.1f} ms per request; "
                  f"load average {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
