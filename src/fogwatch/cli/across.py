"""Commands across documents: reconcile, the claim board (claims) and the timeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from fogwatch.cli.common import (
    DbOption,
    JsonFlag,
    app,
    check_date,
    err,
    open_store,
    out,
    print_json,
    progress_bar,
)

if TYPE_CHECKING:
    from fogwatch.store import Store
    from fogwatch.store.watched import WatchedClaim


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
    with open_store(db) as store, progress_bar() as progress:
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
    about: Annotated[str | None, typer.Option("--about", "-a", help="Track a claim in your own words: every article's stance toward it.")] = None,
    watch: Annotated[bool, typer.Option("--watch", help="With --about: also save the claim as watched (see `fogwatch watched`).")] = False,
    by: Annotated[str | None, typer.Option("--by", envvar="FOGWATCH_AUTHOR", help="With --watch: who watches it.")] = None,
    limit: int = 20,
    as_json: JsonFlag = False,
) -> None:
    """The claim board: propositions across sources, and who stands where on each.

    With --about TEXT: track a claim in your own words instead; each article that
    asserts, denies or reports it, with the passage that decides it and the claim
    board's proposition it joins (the two sides first, then newest first).
    """
    if watch and not about:
        err.print("[red]error:[/red] --watch saves the claim given with --about TEXT")
        raise typer.Exit(2)
    if about is not None:
        _track(db, about, watch=watch, by=by, limit=limit, as_json=as_json)
        return
    with open_store(db) as store:
        # the entity itself, and the places it names
        keys = _keys(store, entity, places=True)
        props = store.propositions(
            entity=keys or None, contested=True if contested else None, query=query,
            since=check_date(since), until=check_date(until), limit=limit,
        )
    if as_json:
        print_json({"propositions": [
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


TRACK_STYLE = {"asserts": "green", "denies": "red", "reports": "dim"}


def _track(db: str | None, about: str, *, watch: bool, by: str | None, limit: int,
           as_json: bool) -> None:
    from fogwatch.reconcile.tracking import track_claim

    with open_store(db) as store:
        try:
            tracked = track_claim(store, about)
            watched = store.watch_claim(about, author=by)[0] if watch else None
        except ValueError as exc:
            err.print(f"[red]error:[/red] {_escape(str(exc))}")
            raise typer.Exit(2) from None
    if as_json:
        print_json({**tracked.to_dict(limit=limit),
                    "watched": watched.to_dict() if watched else None})
        return
    counts = ", ".join(f"{n} {s}" for s, n in tracked.counts.items())
    out.print(f"[bold]{_escape(tracked.claim)}[/bold]")
    out.print(f"   [dim]{tracked.considered} articles share its words; {counts}; "
              f"{tracked.unrelated} unrelated[/dim]")
    if watched is not None:
        out.print(f"   [dim]watched as claim {watched.id}[/dim]")
    if not tracked.documents:
        err.print("No article takes a stance on it.")
    for d in tracked.documents[:limit]:
        style = TRACK_STYLE.get(d.stance, "")
        out.print(f"{(d.published or '?')[:10]:10}  [{style}]{d.stance:8}[/{style}]  "
                  f"{d.score:.2f}  {_escape((d.outlet or '?')[:20]):20}  "
                  f"{_escape(d.title or d.document)}", no_wrap=True, overflow="ellipsis")
        out.print(f"   [dim]{d.document} {d.passage_start}-{d.passage_end}:[/dim] "
                  f"“{_escape(d.passage)}”")
        if d.proposition:
            out.print(f"   [dim]joins {d.proposition}: {_escape(d.proposition_statement or '')}"
                      "[/dim]", no_wrap=True, overflow="ellipsis")
    if len(tracked.documents) > limit:
        err.print(f"{len(tracked.documents) - limit} more; raise --limit to see them.")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text or "")


def _explain_empty_timeline(db: str | None) -> None:
    """An empty timeline over a store with undated articles: say why."""
    with open_store(db) as store:
        counts = store.stats()
    undated = counts.get("documents_undated", 0)
    if undated and counts.get("events", 0):
        err.print(f"[yellow]{undated} stored article{'s' if undated != 1 else ''} "
                  "without a publication date:[/yellow] their events cannot be placed "
                  "in time. Ingest such an article with `--date YYYY-MM-DD`.")


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
    since, until = check_date(since), check_date(until)
    with open_store(db) as store:
        key = (_keys(store, entity) or [None])[0]
        places = _keys(store, place, entity=False, places=True) or None
        events = store.merged_events(entity=key, place=places, type=type, modality=modality,
                                     since=since, until=until, limit=limit)
    if as_json:
        print_json({"events": [
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
        if not any((entity, place, since, until, type, modality)):
            _explain_empty_timeline(db)
        return
    table = Table("date", "event", "type", "modality", "reports", "outlets")
    for e in events:
        style = "" if e.modality == "happened" else "italic yellow"
        outlets = sorted({r.outlet or "?" for r in e.reports})
        table.add_row(e.start or "?", _escape(e.statement), e.type,
                      f"[{style}]{e.modality}[/{style}]" if style else e.modality,
                      str(len(e.reports)), _escape(", ".join(outlets))[:40])
    out.print(table)


# --- watched claims -------------------------------------------------------------------

watched_app = typer.Typer(help="Claims you watch: the new articles that take a stance on them.",
                          no_args_is_help=True)
app.add_typer(watched_app, name="watched")
WatchedId = Annotated[int, typer.Argument(min=1, help="The watched claim's id (`fogwatch watched list`).")]


@watched_app.command("list")
def watched_list(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="New articles shown per claim.")] = 5,
    as_json: JsonFlag = False,
) -> None:
    """Every watched claim with the articles ingested since you last looked that
    take a stance on it (`fogwatch watched seen ID` when you have looked)."""
    from fogwatch.reconcile.tracking import watched_news

    with open_store(db) as store:
        news = watched_news(store)
    if as_json:
        print_json({"items": [n.to_dict() for n in news]})
        return
    if not news:
        err.print("No watched claims. Watch one with `fogwatch claims --about TEXT --watch`.")
        return
    for n in news:
        w = n.watched
        fresh = f"[bold]{len(n.new)} new[/bold]" if n.new else "nothing new"
        out.print(f"{w.id:>4}  {_escape(w.text)}  [dim]· {fresh} since {w.seen_at[:16]}"
                  f"{' · ' + _escape(w.author) if w.author else ''}[/dim]")
        for d in n.new[:limit]:
            style = TRACK_STYLE.get(d.stance, "")
            out.print(f"      {(d.published or '?')[:10]:10}  [{style}]{d.stance:8}[/{style}]  "
                      f"{_escape((d.outlet or '?')[:20]):20}  {_escape(d.title or d.document)}",
                      no_wrap=True, overflow="ellipsis")


@watched_app.command("add")
def watched_add(
    text: Annotated[str, typer.Argument(help="The claim, in your own words.")],
    by: Annotated[str | None, typer.Option("--by", envvar="FOGWATCH_AUTHOR", help="Who watches it.")] = None,
    db: DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Watch a claim: articles ingested from now on that take a stance on it are new."""
    with open_store(db) as store:
        try:
            made, new = store.watch_claim(text, author=by)
        except ValueError as exc:
            err.print(f"[red]error:[/red] {_escape(str(exc))}")
            raise typer.Exit(2) from None
    if as_json:
        print_json({**made.to_dict(), "created": new})
        return
    out.print(f"{'watching' if new else 'already watched as'} claim {made.id}: "
              f"{_escape(made.text)}")


def _on_watched(db: str | None, change: Callable[[Store], WatchedClaim]) -> WatchedClaim:
    """``change`` done on the store to one watched claim; an unknown id is an error
    (exit 2)."""
    with open_store(db) as store:
        try:
            return change(store)
        except LookupError as exc:
            err.print(f"[red]error:[/red] {_escape(str(exc.args[0]))}")
            raise typer.Exit(2) from None


@watched_app.command("remove")
def watched_remove(claim_id: WatchedId, db: DbOption = None) -> None:
    """Stop watching a claim."""
    gone = _on_watched(db, lambda store: store.unwatch_claim(claim_id))
    out.print(f"no longer watching claim {gone.id}: {_escape(gone.text)}")


@watched_app.command("seen")
def watched_seen(claim_id: WatchedId, db: DbOption = None) -> None:
    """You have looked: the articles so far are no longer new."""
    seen = _on_watched(db, lambda store: store.mark_claim_seen(claim_id))
    out.print(f"claim {seen.id} seen at {seen.seen_at}")
