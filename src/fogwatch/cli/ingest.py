"""Commands that put articles into the store and analyse them: ingest, batch, load,
analyze, reanalyze, repair, demo and watch."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markdown import Markdown
from rich.table import Table

from fogwatch.cli.common import (
    DbOption,
    JsonFlag,
    MaxSecondsOption,
    MaxWordsOption,
    WorkersOption,
    app,
    check_date,
    err,
    limits_from,
    mask_url,
    open_store,
    out,
    print_failures,
    print_json,
    print_summary,
    progress_bar,
    run_sources,
)


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
    date = check_date(date)
    if (title or url) and (len(sources) != 1 or Path(sources[0]).is_dir()):
        raise typer.BadParameter("--title and --url describe one article: give one file")
    if url and not url.lower().startswith(("http://", "https://")):
        raise typer.BadParameter(f"--url {url!r} is not an http(s) address")
    given = {k: v.strip() for k, v in
             {"outlet": outlet, "author": author, "title": title, "url": url}.items()
             if v and v.strip()}
    with open_store(db) as store:
        summary = run_sources(
            sources, store, analyze=analyze, date=date, allow_private=allow_private,
            max_bytes=max_bytes, timeout=timeout, limits=limits_from(max_words, max_seconds),
            follow_symlinks=follow_symlinks, workers=workers, given=given,
        )
    if as_json:
        print_json(summary.to_dict())
    print_summary(summary)
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

    options = {"date": check_date(date), "allow_private": allow_private}
    with contextlib.ExitStack() as stack:
        target = stack.enter_context(open_store(db)) if store else None
        progress = stack.enter_context(progress_bar())
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
        print_json(result.to_dict())
    if store:
        print_summary(result.summary)
    err.print(
        f"{result.documents} documents read, {result.analyzed} analysed into shards; "
        f"{result.partitions} partitions ({result.resumed} resumed) on {result.workers} "
        f"workers, {result.words:,} words, {result.words_per_second:,.0f} words/s; "
        f"shards in {result.out}", highlight=False,
    )
    if not store:
        print_failures(result.summary.failed)
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
    with open_store(db) as target, progress_bar() as progress:
        task = progress.add_task("loading shards", total=len(found))
        for path in found:
            load_shard(target, path, summary, reconcile=reconcile)
            progress.update(task, advance=1)
    summary.elapsed = time.perf_counter() - started
    if as_json:
        print_json(summary.to_dict())
    print_summary(summary, title=f"Loaded {len(found)} shards")
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

    date = check_date(date)
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
        print_json(data)
        return
    doc = article.document
    out.print(f"[bold]{doc.title or file}[/bold]  {doc.outlet or ''} {doc.published or 'undated'}")
    table = Table("entity", "type", "mentions", "aliases")
    for ent in sorted(article.entities, key=lambda e: -len(e.mentions)):
        table.add_row(ent.name, ent.type, str(len(ent.mentions)), ", ".join(ent.aliases))
    out.print(table)
    counts = ", ".join(f"{len(article.get(k))} {k}" for k in article.kinds())
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

    with open_store(db) as store:
        if not ids:
            ids = [d.id for section in ("body", "comment")
                   for d in store.documents(section=section, limit=10**9)]
        with progress_bar() as progress:
            task = progress.add_task("analysing", total=len(ids))
            summary = analyze_stored(store, ids, on_doc=lambda _: progress.advance(task),
                                     limits=limits_from(max_words, max_seconds), workers=workers)
    print_summary(summary, "Re-analysed")
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def repair(db: DbOption = None, max_words: MaxWordsOption = None,
           max_seconds: MaxSecondsOption = None, workers: WorkersOption = None) -> None:
    """Finish what a stopped run left: analyse stored documents without findings and
    reconcile analysed ones (``fogwatch stats`` counts both)."""
    from fogwatch.jobs import repair as repair_job

    with open_store(db) as store:
        todo = store.unfinished()
        if not todo:
            err.print("Nothing to repair: every document is analysed and reconciled.")
            return
        with progress_bar() as progress:
            task = progress.add_task("finishing", total=len(todo))
            summary = repair_job(store, on_doc=lambda _: progress.advance(task),
                                 limits=limits_from(max_words, max_seconds), workers=workers)
    print_summary(summary, "Repaired")
    if summary.failed:
        raise typer.Exit(1)



@app.command()
def demo(db: DbOption = None) -> None:
    """Analyse the bundled demo corpus into the store and print the brief."""
    from fogwatch.export.brief import build_brief, render_markdown
    from fogwatch.jobs import demo_corpus_path

    corpus = demo_corpus_path()
    with open_store(db) as store:
        err.print(f"Analysing the demo corpus into {mask_url(store.url)} …")
        summary = run_sources([str(corpus)], store)
        print_summary(summary)
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
    with open_store(db) as store:
        try:
            for summary in watch_job(feeds, store, every=interval, once=once,
                                     allow_private=allow_private):
                print_summary(summary, "Poll")
        except KeyboardInterrupt:
            err.print("Stopped.")
