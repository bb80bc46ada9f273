"""Commands that read the store: entities, search, brief and stats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markdown import Markdown
from rich.table import Table

from fogwatch.cli.common import (
    DbOption,
    JsonFlag,
    app,
    check_date,
    err,
    mask_url,
    open_store,
    out,
    print_json,
)


@app.command()
def entities(
    db: DbOption = None,
    type: Annotated[str | None, typer.Option("--type", help="PERSON, ORG, GPE, LOC, WEAPON, UNIT, ...")] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Name contains.")] = None,
    limit: int = 30,
    as_json: JsonFlag = False,
) -> None:
    """The entities in the store, most mentioned first."""
    with open_store(db) as store:
        rows = store.entities(type=type.upper() if type else None, query=query, limit=limit)
    if as_json:
        print_json([
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
    with open_store(db) as store:
        hits = store.search(query, limit=limit)
    if as_json:
        print_json([
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
    with open_store(db) as store:
        b = build_brief(store, since=check_date(since), until=check_date(until))
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
    with open_store(db) as store:
        counts = store.stats()
        url = store.url
    if as_json:
        print_json(counts)
        return
    table = Table("table", "rows", title=mask_url(url))
    for k, v in counts.items():
        table.add_row(k, str(v))
    out.print(table)
    left = counts.get("documents_not_analysed", 0) + counts.get("documents_not_reconciled", 0)
    if left:
        err.print(f"[yellow]{left} documents were left unfinished by a stopped run:[/yellow] "
                  "`fogwatch repair` finishes them.")
