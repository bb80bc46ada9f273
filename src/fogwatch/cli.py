"""The fogwatch command line: thin; parses arguments and calls the layers."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

app = typer.Typer(
    help="fogwatch: turn war reporting into a sourced, time-resolved record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
eval_app = typer.Typer(help="Score fogwatch against public datasets.", no_args_is_help=True)
train_app = typer.Typer(help="Train fogwatch's learned components.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

out = Console()
err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="FOGWATCH_DB",
        help="Database: a SQLite path or a SQLAlchemy URL (postgresql://...). "
        "Default: fogwatch.sqlite in the current directory.",
        show_envvar=True,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
MaxWordsOption = Annotated[int | None, typer.Option(
    "--max-words", min=0, envvar="FOGWATCH_MAX_WORDS",
    help="Refuse to analyse documents longer than this many words (0: no limit).",
    show_default="100000")]
MaxSecondsOption = Annotated[float | None, typer.Option(
    "--max-seconds", min=0, envvar="FOGWATCH_MAX_SECONDS",
    help="Stop and refuse a document whose analysis takes longer (0: no limit).",
    show_default="120")]


WorkersOption = Annotated[int | None, typer.Option(
    "--workers", min=1,
    help="Processes that analyse while this one stores (default: one per core, "
         "for more than a few documents; 1: analyse here).")]


def _limits(max_words: int | None, max_seconds: float | None):
    from fogwatch.jobs import Limits

    default = Limits()
    return Limits(
        max_words=default.max_words if max_words is None else max_words,
        max_seconds=default.max_seconds if max_seconds is None else max_seconds,
    )


def _open_store(db: str | None):
    from fogwatch.store import Store, StoreError

    try:
        return Store.open(db)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from exc


def _progress():
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(), TextColumn("[progress.description]{task.description}"),
        BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True,
    )


def _print_summary(summary, title: str = "Done") -> None:
    err.print(
        f"[bold]{title}:[/bold] {summary.ingested} articles ingested"
        f" (+{summary.comments} reader comments), {summary.analyzed} analysed, "
        f"{summary.duplicates} duplicates skipped, "
        + (f"{summary.resumed} left by a stopped run finished, " if summary.resumed else "")
        + f"{summary.skipped} already seen, "
        f"{len(summary.failed)} failed, in {summary.elapsed:.1f} s."
    )
    _print_failures(summary.failed)
    _print_left_out(getattr(summary, "left_out", []))


def _print_left_out(left_out: list[tuple[str, str]], shown: int = 20) -> None:
    if not left_out:
        return
    err.print(f"[yellow]{len(left_out)} folder entries left out:[/yellow]")
    for source, reason in left_out[:shown]:
        err.print(Text.assemble(("  left out ", "yellow"), f"{source}: {reason}"),
                  highlight=False)
    if len(left_out) > shown:
        err.print(f"  … and {len(left_out) - shown} more (--json lists them all)")


def _print_failures(failed: list[tuple[str, str]]) -> None:
    for source, error in failed:
        # ingest errors usually begin with the item's name already
        said = error if error.startswith(source) else f"{source}: {error}"
        err.print(Text.assemble(("  failed ", "red"), said), highlight=False)


def _run_batch(sources: list[str], store, **kw):
    from fogwatch.jobs import run_batch

    with _progress() as progress:
        task = progress.add_task("ingesting", total=None)

        def on_item(source, item) -> None:
            progress.update(task, advance=1, description=f"ingesting {Path(source).name[:40]}")

        return run_batch(sources, store, on_item=on_item, **kw)


# --- ingest & analyze ---------------------------------------------------------------


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, URLs, feeds, or - for stdin.")],
    db: DbOption = None,
    date: Annotated[str | None, typer.Option(help="Publication date for items that have none (YYYY-MM-DD).")] = None,
    analyze: Annotated[bool, typer.Option("--analyze/--no-analyze", help="Analyse what is new.")] = True,
    allow_private: Annotated[bool, typer.Option(help="Allow fetching from private and loopback addresses.")] = False,
    max_bytes: Annotated[int | None, typer.Option(help="Refuse inputs larger than this many bytes (default 5 MB).")] = None,
    timeout: Annotated[float | None, typer.Option(help="Seconds to wait for a URL (default 20).")] = None,
    max_words: MaxWordsOption = None,
    max_seconds: MaxSecondsOption = None,
    follow_symlinks: Annotated[bool, typer.Option(help="Follow symbolic links that lead out of an ingested folder.")] = False,
    workers: WorkersOption = None,
    outlet: Annotated[str | None, typer.Option(help="The outlet, for articles that do not name one (plain text names none).")] = None,
    author: Annotated[str | None, typer.Option(help="The author, for articles that do not name one.")] = None,
    title: Annotated[str | None, typer.Option(help="The title, for one article given alone.")] = None,
    url: Annotated[str | None, typer.Option(help="Where one article given alone was published.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Read articles into the store and analyse them.

    A rerun after a stopped run finishes what it left (see also `fogwatch repair`).
    """
    date = _check_date(date)
    if (title or url) and (len(sources) != 1 or Path(sources[0]).is_dir()):
        raise typer.BadParameter("--title and --url describe one article: give one file")
    if url and not url.lower().startswith(("http://", "https://")):
        raise typer.BadParameter(f"--url {url!r} is not an http(s) address")
    given = {k: v.strip() for k, v in
             {"outlet": outlet, "author": author, "title": title, "url": url}.items()
             if v and v.strip()}
    with _open_store(db) as store:
        summary = _run_batch(
            sources, store, analyze=analyze, date=date, allow_private=allow_private,
            max_bytes=max_bytes, timeout=timeout, limits=_limits(max_words, max_seconds),
            follow_symlinks=follow_symlinks, workers=workers, given=given,
        )
    if as_json:
        _print_json(summary.to_dict())
    _print_summary(summary)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def batch(
    sources: Annotated[list[str], typer.Argument(help="Files, folders and URLs (folders become their files).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the shards (one per partition); a rerun resumes from it.")] = Path("fogwatch-batch"),
    db: DbOption = None,
    scheduler: Annotated[str | None, typer.Option(help="Address of a running Dask scheduler (tcp://host:8786); default: a local cluster.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Worker processes of the local cluster (default: one per core).")] = None,
    partition_size: Annotated[int, typer.Option(min=1, help="Sources per Dask task.")] = 32,
    store: Annotated[bool, typer.Option("--store/--no-store", help="Load each finished shard into the database.")] = True,
    reconcile: Annotated[bool, typer.Option("--reconcile/--no-reconcile", help="Fold each stored document into the cross-document records.")] = True,
    resume: Annotated[bool, typer.Option("--resume/--no-resume", help="Keep the shards a stopped run finished.")] = True,
    date: Annotated[str | None, typer.Option(help="Publication date for items that have none (YYYY-MM-DD).")] = None,
    allow_private: Annotated[bool, typer.Option(help="Allow fetching from private and loopback addresses.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Analyse a large batch on Dask (a local cluster or a running scheduler), then store it.

    Workers analyse partitions of the sources and write shards into --out; this
    process loads each shard into the database as soon as it is done.
    """
    from fogwatch.scale import run_on_dask

    options = {"date": _check_date(date), "allow_private": allow_private}
    with contextlib.ExitStack() as stack:
        target = stack.enter_context(_open_store(db)) if store else None
        progress = stack.enter_context(_progress())
        task = progress.add_task("analysing on Dask", total=None)

        def on_partition(name: str, part: dict | None) -> None:
            progress.update(task, advance=1, description=f"done {name}")

        def on_plan(total: int) -> None:
            progress.update(task, total=total, description=f"{total} partitions on Dask")

        try:
            result = run_on_dask(
                sources, out_dir, store=target, scheduler=scheduler, workers=workers,
                partition_size=partition_size, reconcile=reconcile, resume=resume,
                options=options, on_partition=on_partition, on_plan=on_plan,
            )
        except (ValueError, OSError, RuntimeError) as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(2) from exc
    if as_json:
        _print_json(result.to_dict())
    if store:
        _print_summary(result.summary)
    err.print(
        f"{result.documents} documents read, {result.analyzed} analysed into shards; "
        f"{result.partitions} partitions ({result.resumed} resumed) on {result.workers} "
        f"workers, {result.words:,} words, {result.words_per_second:,.0f} words/s; "
        f"shards in {result.out}", highlight=False,
    )
    if not store:
        _print_failures(result.summary.failed)
    if result.summary.failed:
        raise typer.Exit(1)


@app.command()
def load(
    shards: Annotated[Path, typer.Argument(help="A folder of shards written by 'fogwatch batch'.")],
    db: DbOption = None,
    reconcile: Annotated[bool, typer.Option("--reconcile/--no-reconcile", help="Fold each stored document into the cross-document records.")] = True,
    as_json: JsonFlag = False,
) -> None:
    """Load the finished shards of a batch into the database."""
    import time

    from fogwatch.jobs import RunSummary
    from fogwatch.scale import complete_shards, load_shard

    if not shards.is_dir():
        err.print(f"[red]error:[/red] {shards} is not a folder", highlight=False)
        raise typer.Exit(2)
    found = complete_shards(shards)
    summary = RunSummary()
    started = time.perf_counter()
    with _open_store(db) as target, _progress() as progress:
        task = progress.add_task("loading shards", total=len(found))
        for path in found:
            load_shard(target, path, summary, reconcile=reconcile)
            progress.update(task, advance=1)
    summary.elapsed = time.perf_counter() - started
    if as_json:
        _print_json(summary.to_dict())
    _print_summary(summary, title=f"Loaded {len(found)} shards")
    if summary.failed:
        raise typer.Exit(1)


@app.command("analyze")
def analyze_cmd(
    file: Annotated[str, typer.Argument(help="A file, URL or - for stdin.")],
    date: Annotated[str | None, typer.Option(help="Document date (YYYY-MM-DD); overrides the document's own.")] = None,
    as_json: JsonFlag = False,
    stages: Annotated[str | None, typer.Option(help="Comma-separated fogwatch stages (default: all).")] = None,
) -> None:
    """Analyse one article without storing it."""
    from fogwatch.analyze.pipeline import load_pipeline
    from fogwatch.jobs import analyze_file

    date = _check_date(date)
    try:
        pipeline = load_pipeline(tuple(stages.split(",")) if stages else None)
        analyses = analyze_file(file, date=date, pipeline=pipeline)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from exc
    article = analyses[0]
    if as_json:
        data = article.to_dict()
        data["comments"] = [a.to_dict() for a in analyses[1:]]
        _print_json(data)
        return
    doc = article.document
    out.print(f"[bold]{doc.title or file}[/bold]  {doc.outlet or ''} {doc.published or 'undated'}")
    table = Table("entity", "type", "mentions", "aliases")
    for ent in sorted(article.entities, key=lambda e: -len(e.mentions)):
        table.add_row(ent.name, ent.type, str(len(ent.mentions)), ", ".join(ent.aliases))
    out.print(table)
    counts = ", ".join(f"{len(getattr(article, k))} {k}" for k in article.FINDING_KEYS)
    out.print(f"{counts}; {len(analyses) - 1} reader comments.  (Use --json for everything.)")


@app.command()
def reanalyze(
    ids: Annotated[list[str] | None, typer.Argument(help="Document ids (default: all).")] = None,
    db: DbOption = None,
    max_words: MaxWordsOption = None,
    max_seconds: MaxSecondsOption = None,
    workers: WorkersOption = None,
) -> None:
    """Run the analysis again on stored documents, replacing their findings."""
    from fogwatch.jobs import analyze_stored

    with _open_store(db) as store:
        if not ids:
            ids = [d.id for section in ("body", "comment")
                   for d in store.documents(section=section, limit=10**9)]
        with _progress() as progress:
            task = progress.add_task("analysing", total=len(ids))
            summary = analyze_stored(store, ids, on_doc=lambda _: progress.advance(task),
                                     limits=_limits(max_words, max_seconds), workers=workers)
    _print_summary(summary, "Re-analysed")
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def repair(db: DbOption = None, max_words: MaxWordsOption = None,
           max_seconds: MaxSecondsOption = None, workers: WorkersOption = None) -> None:
    """Finish what a stopped run left: analyse stored documents without findings and
    reconcile analysed ones (``fogwatch stats`` counts both)."""
    from fogwatch.jobs import repair as repair_job

    with _open_store(db) as store:
        todo = store.unfinished()
        if not todo:
            err.print("Nothing to repair: every document is analysed and reconciled.")
            return
        with _progress() as progress:
            task = progress.add_task("finishing", total=len(todo))
            summary = repair_job(store, on_doc=lambda _: progress.advance(task),
                                 limits=_limits(max_words, max_seconds), workers=workers)
    _print_summary(summary, "Repaired")
    if summary.failed:
        raise typer.Exit(1)


# --- reading the store ----------------------------------------------------------------


@app.command()
def entities(
    db: DbOption = None,
    type: Annotated[str | None, typer.Option("--type", help="PERSON, ORG, GPE, LOC, WEAPON, UNIT, ...")] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Name contains.")] = None,
    limit: int = 30,
    as_json: JsonFlag = False,
) -> None:
    """The entities in the store, most mentioned first."""
    with _open_store(db) as store:
        rows = store.entities(type=type.upper() if type else None, query=query, limit=limit)
    if as_json:
        _print_json([
            {"key": r.key, "name": r.name, "type": r.type, "aliases": r.aliases,
             "mentions": r.mentions, "documents": r.documents, "outlets": r.outlets}
            for r in rows
        ])
        return
    table = Table("name", "type", "mentions", "docs", "aliases", "key")
    for r in rows:
        table.add_row(r.name, r.type, str(r.mentions), str(r.documents),
                      ", ".join(a for a in r.aliases if a != r.name)[:60], r.key)
    out.print(table)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words or a \"quoted phrase\".")],
    db: DbOption = None,
    limit: int = 20,
    as_json: JsonFlag = False,
) -> None:
    """Full-text search over stored documents."""
    with _open_store(db) as store:
        hits = store.search(query, limit=limit)
    if as_json:
        _print_json([
            {"id": d.id, "title": d.title, "outlet": d.outlet, "published": d.published,
             "snippet": s} for d, s in hits
        ])
        return
    if not hits:
        err.print("No matches.")
    for doc, snippet in hits:
        out.print(f"[bold]{doc.title or doc.id}[/bold] — {doc.outlet or '?'}, {doc.published or 'undated'}  [dim]{doc.id}[/dim]")
        out.print(f"   {snippet}", highlight=False, markup=False)


@app.command()
def brief(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="Only articles published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only articles published on or before (YYYY-MM-DD).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="md, html or json.")] = "md",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file.")] = None,
    base_url: Annotated[str | None, typer.Option(help="Where `fogwatch serve` answers (http://host:8000): links in Markdown and absolute links in HTML.")] = None,
) -> None:
    """The analyst brief: what the store says, readable in two minutes."""
    from fogwatch.export.brief import build_brief, render

    if format not in ("md", "html", "json"):
        raise typer.BadParameter("choose md, html or json", param_hint="--format")
    if base_url and not base_url.lower().startswith(("http://", "https://")):
        raise typer.BadParameter("an http(s) address", param_hint="--base-url")
    with _open_store(db) as store:
        b = build_brief(store, since=_check_date(since), until=_check_date(until))
    text = render(b, format, base_url=base_url.rstrip("/") if base_url else None)
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"Brief written to {output}")
    elif format == "md" and sys.stdout.isatty():
        out.print(Markdown(text))
    else:
        sys.stdout.write(text)


@app.command()
def stats(db: DbOption = None, as_json: JsonFlag = False) -> None:
    """How much the store holds."""
    with _open_store(db) as store:
        counts = store.stats()
        url = store.url
    if as_json:
        _print_json(counts)
        return
    table = Table("table", "rows", title=_mask(url))
    for k, v in counts.items():
        table.add_row(k, str(v))
    out.print(table)
    left = counts.get("documents_not_analysed", 0) + counts.get("documents_not_reconciled", 0)
    if left:
        err.print(f"[yellow]{left} documents were left unfinished by a stopped run:[/yellow] "
                  "`fogwatch repair` finishes them.")


def _mask(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


# --- demo & watch -------------------------------------------------------------------


@app.command()
def demo(db: DbOption = None) -> None:
    """Analyse the bundled demo corpus into the store and print the brief."""
    from fogwatch.export.brief import build_brief, render_markdown
    from fogwatch.jobs import demo_corpus_path

    corpus = demo_corpus_path()
    with _open_store(db) as store:
        err.print(f"Analysing the demo corpus into {_mask(store.url)} …")
        summary = _run_batch([str(corpus)], store)
        _print_summary(summary)
        text = render_markdown(build_brief(store))
    out.print(Markdown(text) if sys.stdout.isatty() else text)
    err.print(
        "\nNext: [bold]fogwatch claims --contested[/bold] for who stands where on each "
        "claim, [bold]fogwatch serve[/bold] for the web workbench, "
        "[bold]fogwatch entities[/bold] for who is in the news, "
        "[bold]fogwatch brief --format html -o brief.html[/bold] for a page, and "
        "[bold]fogwatch ingest FILES_OR_URLS[/bold] to add your own articles."
    )


@app.command()
def watch(
    feeds_file: Annotated[Path, typer.Argument(help="A file with one feed URL per line.")],
    every: Annotated[str, typer.Option(help="Polling interval: 30s, 15m, 1h, 2h30m.")] = "15m",
    once: Annotated[bool, typer.Option(help="Poll once and exit.")] = False,
    db: DbOption = None,
    allow_private: Annotated[bool, typer.Option(help="Allow private and loopback addresses.")] = False,
) -> None:
    """Poll RSS/Atom feeds, ingesting what is new; survives restarts."""
    from fogwatch.ingest.watch import parse_interval, read_feeds_file
    from fogwatch.jobs import watch as watch_job

    try:
        interval = parse_interval(every)
        feeds = read_feeds_file(feeds_file)
    except (ValueError, OSError) as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    if not feeds:
        err.print(f"[red]error:[/red] {feeds_file} lists no feeds")
        raise typer.Exit(2)
    err.print(f"Watching {len(feeds)} feeds every {every}. Ctrl-C to stop.")
    with _open_store(db) as store:
        try:
            for summary in watch_job(feeds, store, every=interval, once=once,
                                     allow_private=allow_private):
                _print_summary(summary, "Poll")
        except KeyboardInterrupt:
            err.print("Stopped.")


# --- across documents -------------------------------------------------------------------


@app.command()
def reconcile(
    ids: Annotated[list[str] | None, typer.Argument(help="Document ids to fold in again.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Rebuild every cross-document record from scratch.")] = False,
    db: DbOption = None,
) -> None:
    """Fold documents into propositions and merged events (ingest does this by itself)."""
    from fogwatch.reconcile import reconcile_all, reconcile_document

    if not all_ and not ids:
        err.print("Name documents to reconcile, or use --all to rebuild everything.")
        raise typer.Exit(2)
    with _open_store(db) as store, _progress() as progress:
        if all_:
            task = progress.add_task("reconciling", total=None)
            result = reconcile_all(
                store, progress=lambda n, total: progress.update(task, completed=n, total=total)
            )
        else:
            from fogwatch.reconcile import ReconcileResult

            result = ReconcileResult()
            task = progress.add_task("reconciling", total=len(ids))
            for doc_id in ids:
                if store.get_document(doc_id) is None:
                    err.print(f"[red]error:[/red] no document {doc_id}")
                    raise typer.Exit(2)
                one = reconcile_document(store, doc_id)
                result.documents += one.documents
                result.propositions += one.propositions
                result.events += one.events
                progress.advance(task)
    err.print(f"[bold]Reconciled[/bold] {result.documents} documents: "
              f"{result.propositions} propositions, {result.events} events"
              f"{'' if all_ else ' touched'}.")


def _keys(store, name: str | None, *, entity: bool = True, places: bool = False) -> list[str]:
    """Keys for a name the user typed: its entity's, and/or its places'; exit 1 if none."""
    if not name:
        return []
    keys = (store.resolve_name(name) if entity else []) + (
        store.resolve_name(name, places=True) if places else [])
    if not keys:
        err.print(f"[yellow]No {'entity' if entity else 'place'} called {name!r} in the "
                  "store.[/yellow]")
        raise typer.Exit(1)
    return keys


def _stance_json(s) -> dict:
    return {"source": s.source, "outlet": s.outlet, "document": s.document, "stance": s.stance,
            "date": s.date, "text": s.text, "role": s.role, "entity": s.entity}


STANCE_STYLE = {"asserts": "green", "denies": "red", "unverified": "yellow", "reports": "dim"}


@app.command()
def claims(
    db: DbOption = None,
    entity: Annotated[str | None, typer.Option("--entity", "-e", help="Claims by or about this entity (a name or key).")] = None,
    contested: Annotated[bool, typer.Option("--contested", help="Only claims some source asserts and another denies.")] = False,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Statement contains.")] = None,
    since: Annotated[str | None, typer.Option(help="Spoken to on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Spoken to on or before (YYYY-MM-DD).")] = None,
    limit: int = 20,
    as_json: JsonFlag = False,
) -> None:
    """The claim board: propositions across sources, and who stands where on each."""
    with _open_store(db) as store:
        # the entity itself, and the places it names
        keys = _keys(store, entity, places=True)
        props = store.propositions(
            entity=keys or None, contested=True if contested else None, query=query,
            since=_check_date(since), until=_check_date(until), limit=limit,
        )
    if as_json:
        _print_json({"propositions": [
            {"id": p.id, "statement": p.statement, "first_seen": p.first_seen,
             "last_seen": p.last_seen, "contested": p.contested,
             "numbers_disagree": p.numbers_disagree,
             "numbers": [n.to_dict() for n in p.numbers],
             "stances": [_stance_json(s) for s in p.stances]}
            for p in props
        ]})
        return
    if not props:
        err.print("No propositions. Ingest articles first (or run `fogwatch reconcile --all`).")
        return
    for p in props:
        flags = " [red]contested[/red]" if p.contested else ""
        flags += " [magenta]numbers disagree[/magenta]" if p.numbers_disagree else ""
        out.print(f"[bold]{_escape(p.statement)}[/bold]{flags}")
        out.print(f"   [dim]{p.id} · {p.first_seen or 'undated'} → {p.last_seen or 'undated'} · "
                  f"{len({s.document for s in p.stances})} documents[/dim]")
        for s in p.stances:
            style = STANCE_STYLE.get(s.stance, "")
            who = s.source if s.role == "source" else f"{s.source} (outlet)"
            out.print(f"   {s.date or '?':10}  [{style}]{s.stance:10}[/{style}]  "
                      f"{_escape(who[:32]):32}  [dim]{_escape(s.text or '')}[/dim]",
                      no_wrap=True, overflow="ellipsis")
        out.print()


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text or "")


@app.command()
def timeline(
    db: DbOption = None,
    entity: Annotated[str | None, typer.Option("--entity", "-e", help="Events with this actor or target (a name or key).")] = None,
    place: Annotated[str | None, typer.Option("--place", "-p", help="Events at this place (a name or key).")] = None,
    since: Annotated[str | None, typer.Option(help="On or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="On or before (YYYY-MM-DD).")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER category (ASSAULT, SANCTION, ...).")] = None,
    modality: Annotated[str | None, typer.Option(help="happened, claimed, denied, planned, threatened, ...")] = None,
    limit: int = 100,
    as_json: JsonFlag = False,
) -> None:
    """Events across sources in date order, each with every report and its modality."""
    since, until = _check_date(since), _check_date(until)
    with _open_store(db) as store:
        key = (_keys(store, entity) or [None])[0]
        places = _keys(store, place, entity=False, places=True) or None
        events = store.merged_events(entity=key, place=places, type=type, modality=modality,
                                     since=since, until=until, limit=limit)
    if as_json:
        _print_json({"events": [
            {"id": e.id, "date": e.start, "end": e.end, "type": e.type, "statement": e.statement,
             "modality": e.modality, "actors": e.actors, "targets": e.targets, "place": e.place,
             "first_seen": e.first_seen, "last_seen": e.last_seen,
             "reports": [{"document": r.document, "outlet": r.outlet, "modality": r.modality,
                          "date": r.date, "text": r.text} for r in e.reports]}
            for e in events
        ]})
        return
    if not events:
        err.print("No events match.")
        return
    table = Table("date", "event", "type", "modality", "reports", "outlets")
    for e in events:
        style = "" if e.modality == "happened" else "italic yellow"
        outlets = sorted({r.outlet or "?" for r in e.reports})
        table.add_row(e.start or "?", _escape(e.statement), e.type,
                      f"[{style}]{e.modality}[/{style}]" if style else e.modality,
                      str(len(e.reports)), _escape(", ".join(outlets))[:40])
    out.print(table)


# --- evaluation & training ------------------------------------------------------------


def _evaluate(name: str, path: Path, as_json: bool, **options) -> None:
    import importlib

    if not path.exists():
        err.print(f"[red]error:[/red] {path} does not exist")
        raise typer.Exit(2)
    module = importlib.import_module(f"fogwatch.evaluate.{name}")
    result = module.evaluate(path, **options)
    if as_json:
        _print_json(result)
        return
    sys.stdout.write(module.render(result) + "\n")
    for e in result.get("errors", []):
        def show(t):
            return " / ".join(t) if t else "-"
        sys.stdout.write(f"{e['file']}\tgold: {show(e['gold'])}\tfogwatch: {show(e['system'])}\n")


@eval_app.command("tempeval3")
def eval_tempeval3(
    path: Annotated[Path, typer.Argument(help="A folder of TimeML .tml files.")],
    as_json: JsonFlag = False,
    split: Annotated[str, typer.Option(help="all, train or dev (the fixed development split).")] = "all",
    write_tml: Annotated[Path | None, typer.Option(help="Write fogwatch's TimeML here.")] = None,
    speed: Annotated[int, typer.Option(help="Also time the pipeline with and without the time component, N rounds.")] = 0,
    errors: Annotated[bool, typer.Option("--errors", help="Also list every mismatch: gold and fogwatch's text, type and value.")] = False,
) -> None:
    """TempEval-3 Task A: time expression extraction and normalisation."""
    _evaluate("tempeval3", path, as_json, split=split, write_tml=write_tml, speed_repeats=speed,
              errors=errors)


@eval_app.command("factuality")
def eval_factuality(
    path: Annotated[Path, typer.Argument(help="A folder of TimeML .tml files (TimeBank).")],
    as_json: JsonFlag = False,
    split: Annotated[str, typer.Option(help="tune, test (every fifth file, held out) or all.")] = "all",
    errors: Annotated[bool, typer.Option("--errors", help="Also list every event fogwatch labels wrong, in its sentence.")] = False,
    events: Annotated[bool, typer.Option("--events", help="Also score the events stage's modality on the events it covers.")] = False,
) -> None:
    """Event factuality (happened, claimed, denied, negated, unrealised) against TimeML."""
    from fogwatch.evaluate import factuality

    if not path.exists():
        err.print(f"[red]error:[/red] {path} does not exist")
        raise typer.Exit(2)
    if split not in ("tune", "test", "all"):
        err.print(f"[red]error:[/red] --split is tune, test or all, not {split!r}")
        raise typer.Exit(2)
    result = factuality.evaluate(path, split=split, errors=errors,  # type: ignore[arg-type]
                                 system="events" if events else "component")
    if as_json:
        _print_json(result)
        return
    sys.stdout.write(factuality.render(result) + "\n")
    for e in result.get("errors", []):
        sys.stdout.write(f"{e['file']}\t{e['event']}\tgold: {e['gold']}\tfogwatch: {e['system']}"
                         f"\t{e['context']}\n")


@eval_app.command("anchoring")
def eval_anchoring(
    path: Annotated[Path, typer.Argument(help="A folder of TimeML .tml files (TimeBank).")],
    as_json: JsonFlag = False,
    split: Annotated[str, typer.Option(help="tune, test (every fifth file, held out) or all.")] = "all",
) -> None:
    """Event anchoring: the time expression that dates each event, against TimeML TLINKs."""
    from fogwatch.evaluate import anchoring

    if not path.exists():
        err.print(f"[red]error:[/red] {path} does not exist")
        raise typer.Exit(2)
    if split not in ("tune", "test", "all"):
        err.print(f"[red]error:[/red] --split is tune, test or all, not {split!r}")
        raise typer.Exit(2)
    result = anchoring.evaluate(path, split=split)  # type: ignore[arg-type]
    if as_json:
        _print_json(result)
        return
    sys.stdout.write(anchoring.render(result) + "\n")


LimitOption = Annotated[int | None, typer.Option(help="Score only the first N items.")]


@eval_app.command("polnear")
def eval_polnear(
    path: Annotated[Path, typer.Argument(help="A PolNeAR split folder (text/, attributions/).")],
    as_json: JsonFlag = False,
    limit: LimitOption = None,
    model_dir: Annotated[Path | None, typer.Option(
        "--model-dir", help="Score this trained attribution model instead of the shipped one.",
    )] = None,
    full: Annotated[bool, typer.Option(
        help="Run every fogwatch stage (throughput of the whole pipeline; same scores).",
    )] = False,
) -> None:
    """PolNeAR attribution: source, cue, content and whole attributions."""
    if model_dir is not None and not (model_dir / "meta.json").is_file():
        err.print(f"[red]error:[/red] {model_dir} holds no attribution model (meta.json)")
        raise typer.Exit(2)
    _evaluate("polnear", path, as_json, limit=limit, model_dir=model_dir, full=full)


def _record_eval(name: str, summary: str) -> None:
    """Register ``fogwatch eval NAME PATH [--json] [--limit N]`` for a gold-record file."""

    def command(
        path: Annotated[Path, typer.Argument(help="The gold-record file named above.")],
        as_json: JsonFlag = False,
        limit: LimitOption = None,
    ) -> None:
        _evaluate(name, path, as_json, limit=limit)

    command.__doc__ = summary
    eval_app.command(name)(command)


_record_eval("plover", "PLOVER gold records (PLOVER_GSR_CAMEO.txt): event category, actor "
             "and target.")
_record_eval("petrarch", "PETRARCH validation records (PETR2_GSR_validation.xml), through the "
             "CAMEO to PLOVER table.")


@eval_app.command("fnc1")
def eval_fnc1(
    path: Annotated[Path, typer.Argument(help="A folder with one *bodies.csv and one *stances.csv.")],
    as_json: JsonFlag = False,
    split: Annotated[str | None, typer.Option(help="dev, train or all (default: dev for the training release, all otherwise).")] = None,
    limit: LimitOption = None,
    model_dir: Annotated[Path | None, typer.Option("--model-dir", help="Score this trained claim-stance model instead of the shipped one.")] = None,
) -> None:
    """FNC-1 claim stance: FNC score, per-class P/R/F1, macro F1, pairs per second."""
    from fogwatch.evaluate import fnc1

    if split not in (None, "dev", "train", "all"):
        err.print(f"[red]error:[/red] --split is dev, train or all, not {split!r}")
        raise typer.Exit(2)
    try:
        result = fnc1.evaluate(path, split=split, model_dir=model_dir, limit=limit)  # type: ignore[arg-type]
    except (OSError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        _print_json({k: result[k] for k in ("fnc_score", "macro_f1", "pairs", "pairs_per_second",
                                            "split")}
                    | {"classes": {c: {m: v[m] for m in ("p", "r", "f1")}
                                   for c, v in result["classes"].items()}})
        return
    sys.stdout.write(fnc1.render(result) + "\n")


@train_app.command("attribution")
def train_attribution(
    dev_dir: Annotated[Path, typer.Option("--dev", help="PolNeAR dev split folder.")],
    train_dir: Annotated[Path | None, typer.Option("--train", help="PolNeAR train split folder.")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Where to write the model (default: the packaged model folder).")] = None,
    retune: Annotated[bool, typer.Option("--retune", help="Keep the trained taggers at --out; choose the rules and the boundary margins on dev again (after a rule changed).")] = False,
    c1: Annotated[float, typer.Option(help="L1 regularisation of both CRFs.")] = 0.1,
    c2: Annotated[float, typer.Option(help="L2 regularisation of both CRFs.")] = 1.0,
    max_iterations: Annotated[int, typer.Option(help="Training iterations per CRF.")] = 200,
    min_freq: Annotated[int, typer.Option(help="Drop features seen fewer times in train.")] = 2,
    limit: Annotated[int | None, typer.Option(help="Train on the first N articles only.")] = None,
) -> None:
    """Train the attribution model on PolNeAR and report dev scores."""
    from fogwatch.analyze.attribution.model import default_model_dir
    from fogwatch.train.attribution import retune as retune_model
    from fogwatch.train.attribution import train

    if train_dir is None and not retune:
        err.print("[red]error:[/red] --train is needed (or --retune to re-tune a trained model)")
        raise typer.Exit(2)
    for folder in (dev_dir,) if retune else (train_dir, dev_dir):
        if not (folder / "text").is_dir():
            err.print(f"[red]error:[/red] {folder} has no text/ folder (expected a PolNeAR split)")
            raise typer.Exit(2)
    out = out_dir or default_model_dir()
    if retune:
        _print_json(retune_model(out, dev_dir))
        return
    result = train(train_dir, dev_dir, out, c1=c1, c2=c2,
                   max_iterations=max_iterations, min_freq=min_freq, limit=limit)
    _print_json(result)


@train_app.command("fnc1")
def train_fnc1(
    path: Annotated[Path, typer.Argument(help="FNC-1's training release (train_bodies.csv, train_stances.csv).")],
    out_dir: Annotated[Path | None, typer.Option("--out", help="Where to write the model (default: the packaged model folder).")] = None,
    epochs: Annotated[int, typer.Option(help="Most epochs (the best on a held-out part of train is kept).")] = 10,
    hidden: Annotated[int, typer.Option(help="Hidden units.")] = 64,
) -> None:
    """Train the claim-stance classifier on FNC-1 (the fixed dev articles are never seen)."""
    from fogwatch.reconcile.claimstance import MODEL_DIR
    from fogwatch.train.fnc1 import train

    if not (path / "train_stances.csv").is_file():
        err.print(f"[red]error:[/red] {path} has no train_stances.csv (expected FNC-1's training release)")
        raise typer.Exit(2)
    _print_json(train(path, out_dir or MODEL_DIR, epochs=epochs, hidden=hidden))


@app.command()
def export(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv, parquet (one file per kind), plover (events as PLOVER JSON lines) or acled (merged events as an ACLED-like CSV).")] = "jsonl",
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into (created if missing).")] = Path("export"),
    kind: Annotated[list[str] | None, typer.Option("--kind", "-k", help="Only this kind (repeatable): documents, entities, mentions, times, attributions, events, quantities, places, propositions, stances, merged_events, event_reports.")] = None,
    since: Annotated[str | None, typer.Option(help="Only documents published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only documents published on or before (YYYY-MM-DD).")] = None,
) -> None:
    """Export the store's findings as files: tables, PLOVER events or ACLED-like rows."""
    from fogwatch.export.plover import export_acled, export_plover
    from fogwatch.export.tables import FORMATS, check_kinds, export_tables

    formats = (*FORMATS, "plover", "acled")
    if format not in formats:
        raise typer.BadParameter(f"{format!r} is not one of {', '.join(formats)}",
                                 param_hint="--format")
    if kind and format in ("plover", "acled"):
        raise typer.BadParameter(f"--format {format} writes events only; leave out --kind",
                                 param_hint="--kind")
    try:
        kinds = check_kinds(kind)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--kind") from exc
    since, until = _check_date(since), _check_date(until)
    with _open_store(db) as store, _progress() as progress:
        tasks: dict[str, int] = {}

        def on_progress(name: str, done: int, total: int | None) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(f"exporting {name}", total=total)
            progress.update(tasks[name], completed=done, total=total)

        if format == "plover":
            files = [export_plover(store, out_dir, since=since, until=until,
                                   progress=on_progress)]
        elif format == "acled":
            files = [export_acled(store, out_dir, since=since, until=until,
                                  progress=on_progress)]
        else:
            files = export_tables(store, out_dir, format, kinds=kinds, since=since,
                                  until=until, progress=on_progress)
    table = Table("file", "rows", title=f"Exported to {out_dir}")
    for f in files:
        table.add_row(f.path.name, str(f.rows))
    err.print(table)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    tiles: Annotated[str | None, typer.Option(help="Map tile URL template ({z}/{x}/{y}); \"\" for no tiles. Default: $FOGWATCH_TILES or OpenStreetMap.")] = None,
    allow_private: Annotated[bool, typer.Option(help="Let POST /api/v1/documents fetch private and loopback addresses.")] = False,
) -> None:
    """Serve the web workbench and the JSON API (writes need $FOGWATCH_API_TOKEN)."""
    import os

    import uvicorn

    from fogwatch.serve.app import TOKEN_ENV, create_app

    store = _open_store(db)
    web = create_app(store, tiles=tiles, allow_private=allow_private)
    writes = "enabled" if os.environ.get(TOKEN_ENV) else f"disabled (set {TOKEN_ENV})"
    err.print(f"Serving {_mask(store.url)} on http://{host}:{port}/ · API writes {writes}")
    uvicorn.run(web, host=host, port=port, log_level="info")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
