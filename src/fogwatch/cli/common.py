"""What every command shares: the Typer apps, the consoles, the common options
and the helpers that open the store, show progress and print summaries."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
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


def limits_from(max_words: int | None, max_seconds: float | None):
    from fogwatch.jobs import Limits

    default = Limits()
    return Limits(
        max_words=default.max_words if max_words is None else max_words,
        max_seconds=default.max_seconds if max_seconds is None else max_seconds,
    )


def open_store(db: str | None):
    from fogwatch.store import Store, StoreError

    try:
        return Store.open(db)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def check_date(value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from exc


def progress_bar():
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


def print_summary(summary, title: str = "Done") -> None:
    err.print(
        f"[bold]{title}:[/bold] {summary.ingested} articles ingested"
        f" (+{summary.comments} reader comments), {summary.analyzed} analysed, "
        f"{summary.duplicates} duplicates skipped, "
        + (f"{summary.resumed} left by a stopped run finished, " if summary.resumed else "")
        + f"{summary.skipped} already seen, "
        f"{len(summary.failed)} failed, in {summary.elapsed:.1f} s."
    )
    print_failures(summary.failed)
    print_left_out(getattr(summary, "left_out", []))
    print_undated(getattr(summary, "undated", []))


def print_undated(undated: list[str], shown: int = 5) -> None:
    """Name the articles stored without a publication date, and what that costs."""
    if not undated:
        return
    n = len(undated)
    err.print(
        f"[yellow]{n} article{'s' if n != 1 else ''} without a publication date:[/yellow] "
        f"relative times in {'them' if n != 1 else 'it'} (\"last week\", \"on Monday\") "
        f"stay unresolved and {'their' if n != 1 else 'its'} events stay off the timeline. "
        "Give the date with `--date YYYY-MM-DD` "
        "(or a `Date:` line at the top of a text file)."
    )
    for source in undated[:shown]:
        err.print(Text.assemble(("  undated ", "yellow"), source), highlight=False)
    if n > shown:
        err.print(f"  … and {n - shown} more (--json lists them all)")


def print_left_out(left_out: list[tuple[str, str]], shown: int = 20) -> None:
    if not left_out:
        return
    err.print(f"[yellow]{len(left_out)} folder entries left out:[/yellow]")
    for source, reason in left_out[:shown]:
        err.print(Text.assemble(("  left out ", "yellow"), f"{source}: {reason}"),
                  highlight=False)
    if len(left_out) > shown:
        err.print(f"  … and {len(left_out) - shown} more (--json lists them all)")


def print_failures(failed: list[tuple[str, str]]) -> None:
    for source, error in failed:
        # ingest errors usually begin with the item's name already
        said = error if error.startswith(source) else f"{source}: {error}"
        err.print(Text.assemble(("  failed ", "red"), said), highlight=False)


def run_sources(sources: list[str], store, **kw):
    from fogwatch.jobs import run_batch

    with progress_bar() as progress:
        task = progress.add_task("ingesting", total=None)

        def on_item(source, item) -> None:
            progress.update(task, advance=1, description=f"ingesting {Path(source).name[:40]}")

        return run_batch(sources, store, on_item=on_item, **kw)



def mask_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url
