"""Throughput of fogwatch: analysis speed against bare spaCy, and store ingest speed.

    python benchmarks/throughput.py                       # both benchmarks, default texts
    python benchmarks/throughput.py --texts some/dir a.jsonl --repeat 5
    python benchmarks/throughput.py --stages fogwatch_times,fogwatch_entities --skip-store
    python benchmarks/throughput.py --skip-analyze --docs 2000 --db sqlite:///x.sqlite
    python benchmarks/throughput.py --json > result.json

Everything runs in one process; BLAS thread pools are pinned to one thread so
the numbers describe one core. Timings (wall and CPU) are the best of ``--repeat``
runs after a warm-up, since on a shared machine the slowest runs measure the
neighbours.
See benchmarks/README.md for what each column means.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

# spaCy, numpy and the store are imported where they are used: importing this
# module (as the tests do) must neither load a model nor touch thread settings.
from fogwatch.findings import Analysis, Document

REPO = Path(__file__).resolve().parents[1]
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TEXT_SUFFIXES = (".txt", ".md", ".jsonl", ".json")


# --- inputs -----------------------------------------------------------------------


def shared_dir() -> Path:
    return Path(os.environ.get("FOGWATCH_SHARED", REPO.parent / "shared"))


def demo_documents() -> list[Document]:
    """The bundled demo corpus, article bodies only (comments are a few words each)."""
    text = (files("fogwatch.data") / "demo" / "corpus.jsonl").read_text(encoding="utf-8")
    return _jsonl_documents(text, "demo corpus")


def default_documents() -> list[Document]:
    docs = demo_documents()
    seeds = shared_dir() / "seeds"
    if seeds.is_dir():
        docs += load_documents([seeds])
    return docs


def load_documents(paths: Sequence[Path]) -> list[Document]:
    """Documents from files and folders: .txt/.md whole, .json/.jsonl one per object."""
    docs: list[Document] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES)
            docs += load_documents(found)
        elif path.suffix.lower() == ".jsonl":
            docs += _jsonl_documents(path.read_text(encoding="utf-8"), str(path))
        elif path.suffix.lower() == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            items = data if isinstance(data, list) else [data]
            docs += [d for d in (_record_document(x, str(path)) for x in items) if d]
        elif path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            if text.strip():
                docs.append(Document.create(text, source=str(path)))
        else:
            raise SystemExit(f"no such file or folder: {path}")
    return docs


def _jsonl_documents(text: str, source: str) -> list[Document]:
    docs = []
    for line in text.splitlines():
        if line.strip():
            doc = _record_document(json.loads(line), source)
            if doc is not None:
                docs.append(doc)
    return docs


def _record_document(record: dict[str, Any], source: str) -> Document | None:
    text = record.get("text") or record.get("body") or ""
    if not text.strip():
        return None
    return Document.create(
        text, url=record.get("url"), outlet=record.get("outlet"), title=record.get("title"),
        author=record.get("author"), published=record.get("published"),
        date_source="metadata" if record.get("published") else None, source=source,
    )


def word_count(docs: Sequence[Document]) -> int:
    return sum(len(d.text.split()) for d in docs)


# --- timing -----------------------------------------------------------------------


def best_times(
    runs: Sequence[Callable[[], object]], repeat: int
) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of the fastest of ``repeat`` runs of each callable.

    Wall time is ``time.perf_counter``; CPU time is ``time.process_time``, which
    leaves out the time this process waited for a core, so it stays steady when
    other programs share the machine. The callables take turns within each round,
    so a burst of load slows one round of every configuration rather than all
    rounds of one. The minimum of each is kept separately.
    """
    wall = [float("inf")] * len(runs)
    cpu = [float("inf")] * len(runs)
    for _ in range(max(1, repeat)):
        for i, run in enumerate(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            run()
            wall[i] = min(wall[i], time.perf_counter() - start)
            cpu[i] = min(cpu[i], time.process_time() - start_cpu)
    return list(zip(wall, cpu, strict=True))


@dataclass(slots=True)
class AnalyzeRow:
    config: str
    stages: str
    words: int
    seconds: float  # wall clock, best round
    words_per_s: float
    ratio: float  # wall seconds of this configuration / wall seconds of bare spaCy
    cpu_seconds: float  # CPU time of this process, best round
    cpu_ratio: float  # the same ratio in CPU time


@dataclass(slots=True)
class StoreRow:
    backend: str
    docs: int
    findings: int
    add_s: float
    save_s: float
    seconds: float
    docs_per_s: float
    findings_per_s: float


def bench_analyze(
    docs: Sequence[Document], configs: Sequence[tuple[str, list[str]]], repeat: int
) -> tuple[list[AnalyzeRow], list[Analysis]]:
    """Bare spaCy, then each fogwatch configuration, on the same documents.

    Returns the rows and the analyses from the last configuration (reused by the
    store benchmark so that it measures the store and nothing else).
    """
    from fogwatch.analyze import Pipeline
    from fogwatch.analyze.pipeline import load_model

    words = word_count(docs)
    texts = [d.text for d in docs]
    warm = texts[: min(4, len(texts))]

    nlp = load_model()
    for _ in nlp.pipe(warm):
        pass

    def run_spacy() -> None:
        for _ in nlp.pipe(texts, batch_size=16):
            pass

    analyses: list[Analysis] = []
    runs: list[Callable[[], object]] = [run_spacy]
    labels: list[tuple[str, str]] = [("bare spaCy", "—")]
    for label, stages in configs:
        # A fresh model each time: Pipeline adds its components to the nlp it is given.
        pipe = Pipeline(stages=stages, nlp=load_model())
        list(pipe.analyze_many(docs[: len(warm)]))

        def run_pipeline(pipe: Pipeline = pipe) -> None:
            analyses[:] = list(pipe.analyze_many(docs))

        runs.append(run_pipeline)
        labels.append((label, ",".join(s.factory.removeprefix("fogwatch_") for s in pipe.stages)))
    timings = best_times(runs, repeat)
    base_wall, base_cpu = timings[0]
    rows = [
        AnalyzeRow(label, chosen, words, wall, words / wall, wall / base_wall,
                   cpu, cpu / base_cpu)
        for (label, chosen), (wall, cpu) in zip(labels, timings, strict=True)
    ]
    # the last run is the last configuration's: its analyses feed the store benchmark
    return rows, analyses


def analysis_configs(stages: list[str] | None) -> list[tuple[str, list[str]]]:
    """One row per discovered stage alone (with what it requires), then all of them."""
    from fogwatch.analyze.pipeline import discover_stages

    available = [s.factory for s in discover_stages()]
    wanted = available if stages is None else stages
    unknown = [s for s in wanted if s not in available]
    if unknown:
        raise SystemExit(f"unknown stage(s) {', '.join(unknown)}; available: {', '.join(available)}")
    configs = [(name.removeprefix("fogwatch_"), [name]) for name in wanted]
    if len(wanted) > 1:
        configs.append(("all stages" if stages is None else "chosen stages", list(wanted)))
    return configs


# --- store ------------------------------------------------------------------------


def synthetic_copies(analyses: Sequence[Analysis], n: int) -> list[Analysis]:
    """``n`` analyses cycling over ``analyses``, each with its own URL, text and id.

    A sentence is appended to the text (offsets of the findings stay valid), and
    the URL gets a path suffix, so the store's duplicate check lets every copy in.
    """
    out = []
    for i in range(n):
        source = analyses[i % len(analyses)]
        old = source.document
        text = f"{old.text}\n\nSynthetic benchmark copy {i}."
        url = f"{old.url.rstrip('/')}/copy-{i}" if old.url else None
        new = Document.create(
            text, url=url, outlet=old.outlet, title=old.title, author=old.author,
            published=old.published, date_source=old.date_source, source="benchmark",
        )
        data = _replace_value(source.to_dict(), old.id, new.id)
        data["document"] = new.to_dict()
        out.append(Analysis.from_dict(data))
    return out


def store_analyses(done: Sequence[Analysis]) -> list[Analysis]:
    """All-stage analyses of the demo corpus: reused from the analysis run when it made them."""
    demo = demo_documents()
    by_id = {a.document.id: a for a in done}
    if all(d.id in by_id for d in demo):
        return [by_id[d.id] for d in demo]
    from fogwatch.analyze import Pipeline

    return list(Pipeline().analyze_many(demo))


def _replace_value(data: Any, old: str, new: str) -> Any:
    if isinstance(data, dict):
        return {k: _replace_value(v, old, new) for k, v in data.items()}
    if isinstance(data, list):
        return [_replace_value(v, old, new) for v in data]
    return new if data == old else data


def finding_count(analysis: Analysis) -> int:
    return sum(len(getattr(analysis, key)) for key in Analysis.FINDING_KEYS)


def bench_store(url: str, label: str, analyses: Sequence[Analysis]) -> StoreRow:
    from fogwatch.store import Store

    add_s = save_s = 0.0
    store = Store.open(url)
    try:
        for analysis in analyses:
            start = time.perf_counter()
            stored, _ = store.add_document(analysis.document)
            middle = time.perf_counter()
            store.save_analysis(analysis)
            end = time.perf_counter()
            if not stored:
                raise SystemExit(f"{label}: copy {analysis.document.id} was taken for a duplicate")
            add_s += middle - start
            save_s += end - middle
    finally:
        store.close()
    total = add_s + save_s
    findings = sum(finding_count(a) for a in analyses)
    return StoreRow(label, len(analyses), findings, add_s, save_s, total,
                    len(analyses) / total, findings / total)


def sqlite_target() -> Iterator[tuple[str, str]]:
    with tempfile.TemporaryDirectory(prefix="fw-bench-") as folder:
        yield f"sqlite:///{Path(folder) / 'bench.sqlite'}", "sqlite"


def postgres_target(server: str) -> Iterator[tuple[str, str]]:
    """A throwaway schema on ``server``, dropped afterwards; nothing if unreachable."""
    import sqlalchemy as sa

    engine = sa.create_engine(server, connect_args={"connect_timeout": 3})
    schema = f"fw_bench_{uuid.uuid4().hex[:12]}"
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # any failure to connect: report it and skip the backend
        engine.dispose()
        shown = sa.make_url(server).render_as_string(hide_password=True)
        print(f"postgresql skipped: {shown} unreachable ({str(exc).splitlines()[0]})",
              file=sys.stderr)
        return
    url = sa.make_url(server).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False), "postgresql"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


def store_targets(args: argparse.Namespace) -> Iterator[tuple[str, str]]:
    if args.db:
        for url in args.db:
            yield url, url.split("://", 1)[0] if "://" in url else "sqlite"
        return
    yield from sqlite_target()
    if not args.no_pg:
        yield from postgres_target(args.pg)


# --- output -----------------------------------------------------------------------


def render(analyze_rows: list[AnalyzeRow], store_rows: list[StoreRow], meta: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    # Wide enough for the stage lists even when the output is piped to a file.
    console = Console(width=max(120, Console().width))
    if analyze_rows:
        table = Table(title=f"Analysis throughput ({meta['documents']} documents, best of "
                            f"{meta['repeat']})")
        for name in ("configuration", "stages run", "words", "seconds", "words/s",
                     "time × spaCy", "cpu s", "cpu × spaCy"):
            table.add_column(name, justify="left" if name.startswith(("conf", "stag")) else "right")
        for r in analyze_rows:
            table.add_row(r.config, r.stages, f"{r.words:,}", f"{r.seconds:.2f}",
                          f"{r.words_per_s:,.0f}", f"{r.ratio:.2f}", f"{r.cpu_seconds:.2f}",
                          f"{r.cpu_ratio:.2f}")
        console.print(table)
    if store_rows:
        table = Table(title="Store throughput (precomputed analyses)")
        for name in ("backend", "docs", "findings", "add s", "save s", "total s", "docs/s",
                     "findings/s"):
            table.add_column(name, justify="left" if name == "backend" else "right")
        for s in store_rows:
            table.add_row(s.backend, f"{s.docs:,}", f"{s.findings:,}", f"{s.add_s:.2f}",
                          f"{s.save_s:.2f}", f"{s.seconds:.2f}", f"{s.docs_per_s:,.1f}",
                          f"{s.findings_per_s:,.0f}")
        console.print(table)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", nargs="+", type=Path, metavar="DIR|FILE",
                        help="texts to analyse (.txt/.md whole, .json/.jsonl one per object); "
                             "default: the demo corpus and the seed article if present")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per row (best kept)")
    parser.add_argument("--stages", help="comma-separated stage factories (default: all)")
    parser.add_argument("--docs", type=int, default=500,
                        help="synthetic documents written in the store benchmark")
    parser.add_argument("--db", nargs="+", metavar="URL",
                        help="store URLs to benchmark instead of a tmp SQLite file + PostgreSQL")
    parser.add_argument("--pg", default=os.environ.get("FOGWATCH_TEST_PG", PG_DEFAULT),
                        help="PostgreSQL server for the store benchmark (a tmp schema is used)")
    parser.add_argument("--no-pg", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--skip-analyze", action="store_true", help="only the store benchmark")
    parser.add_argument("--skip-store", action="store_true", help="only the analysis benchmark")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    return parser.parse_args(argv)


def pin_one_core() -> None:
    """One thread per BLAS pool, so the numbers describe one core.

    Must run before numpy is first imported (spaCy imports it), hence in main().
    """
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def main(argv: Sequence[str] | None = None) -> int:
    pin_one_core()
    args = parse_args(argv)
    docs = load_documents(args.texts) if args.texts else default_documents()
    if not docs:
        raise SystemExit("no texts to analyse")
    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None
    configs = analysis_configs(stages)
    analyze_rows: list[AnalyzeRow] = []
    analyses: list[Analysis] = []
    if not args.skip_analyze:
        analyze_rows, analyses = bench_analyze(docs, configs, args.repeat)
    store_rows: list[StoreRow] = []
    if not args.skip_store:
        copies = synthetic_copies(store_analyses(analyses if stages is None else []), args.docs)
        for url, label in store_targets(args):
            store_rows.append(bench_store(url, label, copies))
    meta = {"documents": len(docs), "words": word_count(docs), "repeat": args.repeat,
            "python": sys.version.split()[0]}
    if args.json:
        print(json.dumps({"meta": meta, "analyze": [asdict(r) for r in analyze_rows],
                          "store": [asdict(r) for r in store_rows]}, indent=2))
    else:
        render(analyze_rows, store_rows, meta)
    return 0


if __name__ == "__main__":
    sys.exit(main())
