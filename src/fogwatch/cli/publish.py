"""Commands that hand the store's findings on: export (files) and serve (the web
workbench and the JSON API)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from fogwatch.cli.common import (
    DbOption,
    app,
    check_date,
    err,
    mask_url,
    open_store,
    progress_bar,
)


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
    from fogwatch.export.acled import export_acled
    from fogwatch.export.plover import export_plover
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
    since, until = check_date(since), check_date(until)
    with open_store(db) as store, progress_bar() as progress:
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

    from fogwatch.serve.app import create_app
    from fogwatch.serve.settings import TOKEN_ENV

    store = open_store(db)
    web = create_app(store, tiles=tiles, allow_private=allow_private)
    writes = "enabled" if os.environ.get(TOKEN_ENV) else f"disabled (set {TOKEN_ENV})"
    err.print(f"Serving {mask_url(store.url)} on http://{host}:{port}/ · API writes {writes}")
    uvicorn.run(web, host=host, port=port, log_level="info")
