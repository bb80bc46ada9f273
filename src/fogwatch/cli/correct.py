"""An analyst's corrections: ``fogwatch correct``, ``fogwatch correct-entity`` and
``fogwatch corrections ...``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer
from rich.markup import escape
from rich.table import Table

from fogwatch.cli.common import DbOption, JsonFlag, app, err, open_store, out, print_json

corrections_app = typer.Typer(help="List and withdraw an analyst's corrections (of findings, "
                                   "entities and the claim board).",
                              no_args_is_help=True)
app.add_typer(corrections_app, name="corrections")

T = TypeVar("T")
ByOption = Annotated[str | None, typer.Option(
    "--by", envvar="FOGWATCH_AUTHOR", show_envvar=True, help="Who makes the change.")]


def _refold(store, doc_id: str) -> None:
    """Fold the corrected document into claims and events again."""
    from fogwatch.reconcile import reconcile_document

    try:
        reconcile_document(store, doc_id)
    except Exception as exc:  # the correction is stored; `fogwatch repair` finishes
        err.print(f"[yellow]warning:[/yellow] the correction is stored, but folding "
                  f"{escape(doc_id)} into claims and events failed: {escape(str(exc))}; "
                  "run `fogwatch repair`")


def _who(by: str | None, does: str = "makes the change") -> str:
    """The name given with --by (or FOGWATCH_AUTHOR); exit status 2 without one."""
    if not by:
        err.print(f"[red]error:[/red] say who {does}: --by NAME (or FOGWATCH_AUTHOR)")
        raise typer.Exit(2)
    return by


def _or_exit(call: Callable[[], T]) -> T:
    """``call()``; a LookupError or ValueError (an unknown id, a bad value) is the
    user's error: printed, exit status 2."""
    try:
        return call()
    except (LookupError, ValueError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc.args[0] if exc.args else exc))}")
        raise typer.Exit(2) from None


def _print_list(found: list[Any], total: int, as_json: bool, columns: tuple[str, ...],
                row: Callable[[Any], list[str]]) -> None:
    """A page of corrections: JSON, or a table and "N of TOTAL"."""
    if as_json:
        print_json({"items": [c.to_dict() for c in found], "total": total})
        return
    table = Table(*columns)
    for c in found:
        table.add_row(*row(c))
    out.print(table)
    out.print(f"{len(found)} of {total}")


@app.command()
def correct(
    kind: Annotated[str, typer.Argument(help="Finding kind: events, attributions, quantities, "
                                             "places, times.")],
    doc: Annotated[str, typer.Argument(help="The document's id.")],
    idx: Annotated[int, typer.Argument(min=0, help="The finding's position in its list "
                                                   "(the number in the document page's ids).")],
    reject: Annotated[bool, typer.Option("--reject", help="The finding is wrong.")] = False,
    confirm: Annotated[bool, typer.Option("--confirm", help="The finding is right.")] = False,
    set_: Annotated[str | None, typer.Option(
        "--set", metavar="FIELD=VALUE",
        help="Give a field another value (lists: comma-separated keys).")] = None,
    by: ByOption = None,
    note: Annotated[str | None, typer.Option("--note", help="Why.")] = None,
    db: DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Correct one finding: it stays corrected through reanalyze and reconcile."""
    chosen = [name for name, on in (("--reject", reject), ("--confirm", confirm),
                                    ("--set", set_ is not None)) if on]
    if len(chosen) != 1:
        err.print("[red]error:[/red] give exactly one of --reject, --confirm, --set FIELD=VALUE")
        raise typer.Exit(2)
    field = value = None
    action = "reject" if reject else "confirm" if confirm else "set"
    if set_ is not None:
        field, eq, value = set_.partition("=")
        if not eq or not field.strip():
            err.print(f"[red]error:[/red] --set takes FIELD=VALUE, not {escape(set_)!r}")
            raise typer.Exit(2)
        field = field.strip()
    by = _who(by)
    with open_store(db) as store:
        made = _or_exit(lambda: store.add_correction(kind, doc, idx, action, author=by,
                                                     field=field, value=value, note=note))
        _refold(store, doc)
    if as_json:
        print_json(made.to_dict())
        return
    out.print(f"correction {made.id}: {kind} {idx} of {escape(doc)} "
              f"(“{escape(made.anchor_text)}”) {escape(made.describe())}")


def _span_option(given: str, name: str) -> tuple[int, int]:
    start, colon, end = given.partition(":")
    try:
        if not colon:
            raise ValueError
        return int(start), int(end)
    except ValueError:
        err.print(f"[red]error:[/red] {name} takes START:END offsets, not {escape(given)!r}")
        raise typer.Exit(2) from None


@app.command("correct-add")
def correct_add(
    kind: Annotated[str, typer.Argument(help="events, attributions, quantities or times.")],
    doc: Annotated[str, typer.Argument(help="The document's id.")],
    start: Annotated[int, typer.Option("--start", min=0, help=(
        "Offset of the words it is anchored on (an event's trigger, an attribution's "
        "cue, a quantity's or a time's words)."))],
    end: Annotated[int, typer.Option("--end", min=0, help="End offset (exclusive).")],
    field: Annotated[list[str] | None, typer.Option(
        "--field", metavar="FIELD=VALUE", help=(
            "A field of the finding (repeat): events: type, modality, actors, targets "
            "(comma-separated keys or words), place; attributions: stance, kind, "
            "source_entity; quantities: value, upper, unit, counted; times: type (DATE, "
            "TIME, DURATION, SET), value (TimeML: 2025-11-03, 2025-W45, P5D, "
            "PRESENT_REF), mod (START, MID, END, APPROX, ...)."))] = None,
    source: Annotated[str | None, typer.Option(
        "--source", metavar="START:END", help="An attribution's source words.")] = None,
    content: Annotated[list[str] | None, typer.Option(
        "--content", metavar="START:END", help="An attribution's content (repeat).")] = None,
    by: ByOption = None,
    note: Annotated[str | None, typer.Option("--note", help="Why.")] = None,
    db: DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a finding the machine missed, anchored on the words START..END: it is made
    again on every reanalyze and folded by reconcile."""
    fields: dict[str, object] = {}
    for given in field or []:
        name, eq, value = given.partition("=")
        if not eq or not name.strip():
            err.print(f"[red]error:[/red] --field takes FIELD=VALUE, not {escape(given)!r}")
            raise typer.Exit(2)
        fields[name.strip()] = value
    if source is not None:
        fields["source_start"], fields["source_end"] = _span_option(source, "--source")
    if content:
        fields["content"] = [dict(zip(("start", "end"), _span_option(c, "--content"),
                                      strict=True)) for c in content]
    by = _who(by)
    with open_store(db) as store:
        made = _or_exit(lambda: store.add_finding(kind, doc, start, end, author=by,
                                                  fields=fields, note=note))
        _refold(store, doc)
    if as_json:
        print_json(made.to_dict())
        return
    out.print(f"correction {made.id}: {kind} added to {escape(doc)} at "
              f"“{escape(made.anchor_text)}” (position {made.applied_idx})")


@app.command("correct-entity")
def correct_entity(
    action: Annotated[str, typer.Argument(help="rename, merge, split or type.")],
    key: Annotated[str, typer.Argument(help="The entity's key (gaz:person/..., auto:ORG/...).")],
    value: Annotated[str, typer.Argument(help=(
        "rename: the new name; merge: the key of the entity that stays; split: the alias "
        "to give a key of its own; type: PERSON, ORG, GPE, LOC, ..."))],
    by: ByOption = None,
    note: Annotated[str | None, typer.Option("--note", help="Why.")] = None,
    db: DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Correct one entity: it stays corrected through reanalyze, reconcile and new
    documents."""
    by = _who(by)
    with open_store(db) as store:
        made = _or_exit(lambda: store.add_entity_correction(action, key, value, author=by,
                                                            note=note))
        for doc_id in made.documents:
            _refold(store, doc_id)
    if as_json:
        print_json({**made.to_dict(), "documents": len(made.documents)})
        return
    out.print(f"entity correction {made.id}: {escape(key)} {escape(made.describe())}; "
              f"{len(made.documents)} documents saved again")


@corrections_app.command("entities")
def list_entities(
    key: Annotated[str | None, typer.Option("--key", help="Of this entity, or made into it.")
                   ] = None,
    limit: int = 100,
    db: DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """The entity corrections, newest first."""
    with open_store(db) as store:
        found, total = store.list_entity_corrections(key=key, limit=limit)
    _print_list(found, total, as_json, ("id", "entity", "correction", "by", "note"),
                lambda c: [str(c.id), escape(c.key), escape(c.describe()[:80]),
                           escape(c.author), escape((c.note or "")[:40])])


@corrections_app.command("list")
def list_(
    orphaned: Annotated[bool, typer.Option(
        "--orphaned", help="Only those whose words no finding has any more.")] = False,
    state: Annotated[str | None, typer.Option(
        "--state", help="applied, orphaned, withdrawn or all (default: all but withdrawn).")
    ] = None,
    doc: Annotated[str | None, typer.Option("--document", help="Of this document.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Of this finding kind.")] = None,
    limit: int = 100,
    db: DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """The corrections, newest first."""
    with open_store(db) as store:
        found, total = _or_exit(lambda: store.list_corrections(
            document=doc, kind=kind, state="orphaned" if orphaned else state, limit=limit))

    def row(c: Any) -> list[str]:
        where = str(c.idx) if c.applied_idx in (None, c.idx) else f"{c.idx}→{c.applied_idx}"
        return [str(c.id), c.state, c.kind, escape(c.document), where,
                escape(c.anchor_text[:40]), escape(c.describe()[:60]),
                escape(c.author), escape((c.note or "")[:40])]

    _print_list(found, total, as_json,
                ("id", "state", "kind", "document", "idx", "words", "correction", "by", "note"),
                row)


@corrections_app.command("withdraw")
def withdraw(
    correction_id: Annotated[int, typer.Argument(help="The correction's id.")],
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """Take a correction back: the finding is as the machine found it again."""
    who = _who(by, "withdraws it")
    with open_store(db) as store:
        done = _or_exit(lambda: store.withdraw_correction(correction_id, by=who))
        _refold(store, done.document)
    out.print(f"correction {done.id} withdrawn")


@corrections_app.command("queue")
def queue(
    lane: Annotated[str | None, typer.Option(
        "--lane", help="Only one reason: low_confidence, unnamed_source, outlet_voice, "
                       "one_source (default: all in turn).")] = None,
    below: Annotated[float, typer.Option(
        "--below", min=0.0, max=1.0, help="A score under this is low confidence.")] = 0.5,
    limit: Annotated[int, typer.Option("--limit", min=1, max=500)] = 25,
    offset: Annotated[int, typer.Option("--offset", min=0)] = 0,
    db: DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """The review queue: unreviewed findings most worth a look, and why (the web
    app's /review). Correct one with `fogwatch correct KIND DOC IDX ...`."""
    from fogwatch.store.browse.review import LANES, review_queue

    with open_store(db) as store:
        found, more = _or_exit(lambda: review_queue(store, lane=lane, below=below,
                                                    limit=limit, offset=offset))
    if as_json:
        print_json({"items": [
            {"kind": it.kind, "document": it.document.id, "idx": it.idx, "text": it.words,
             "reasons": [{"lane": r.lane, "detail": r.detail, "proposition": r.proposition}
                         for r in it.reasons]} for it in found], "more": more})
        return
    table = Table("kind", "document", "idx", "words", "why")
    for it in found:
        why = "; ".join(f"{LANES[r.lane]}: {r.detail}" for r in it.reasons)
        table.add_row(it.kind, escape(it.document.id), str(it.idx), escape(it.words[:50]),
                      escape(why[:120]))
    out.print(table)
    out.print(f"{len(found)} shown" + (f"; more: --offset {offset + limit}" if more else ""))


@app.command("correct-claim")
def correct_claim(
    action: Annotated[str, typer.Argument(help="move, split, merge or stance.")],
    claim: Annotated[str | None, typer.Option(
        "--claim", help="The claim corrected (its id, p-...): split and merge need it.")
    ] = None,
    member: Annotated[list[str] | None, typer.Option(
        "--member", metavar="DOC:ROLE:START:END", help=(
            "A member: a source's (ROLE source) or the outlet's (ROLE outlet) stance in "
            "one document, at the offsets of its words; move and stance take one, split "
            "those to take out (repeat). `fogwatch corrections claims --members CLAIM` "
            "lists a claim's."))] = None,
    into: Annotated[str | None, typer.Option(
        "--into", help="move, merge: the claim they go into.")] = None,
    stance: Annotated[str | None, typer.Option(
        "--stance", help="stance: asserts, denies, unverified or reports.")] = None,
    by: ByOption = None,
    note: Annotated[str | None, typer.Option("--note", help="Why.")] = None,
    db: DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Correct the claim board: move a member into another claim, split members off,
    merge two claims, set a member's stance. It stays corrected through reanalyze
    and reconcile --all."""
    from fogwatch.reconcile import correct_claim as make

    by = _who(by)
    with open_store(db) as store:
        made = _or_exit(lambda: make(store, action, author=by, proposition=claim,
                                     members=member or [], into=into, stance=stance,
                                     note=note))
    if as_json:
        print_json(made.to_dict())
        return
    out.print(f"claim correction {made.id}: {escape(made.describe())}; now in claim "
              f"{escape(made.proposition_id or '-')} ({made.state})")


@corrections_app.command("claims")
def list_claims(
    claim: Annotated[str | None, typer.Option("--claim", help="In force on this claim.")
                     ] = None,
    state: Annotated[str | None, typer.Option(
        "--state", help="applied, waiting, orphaned, withdrawn or all (default: all but "
                        "withdrawn).")] = None,
    members: Annotated[str | None, typer.Option(
        "--members", help="Instead: list this claim's members, as --member takes them.")
    ] = None,
    limit: int = 100,
    db: DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """The claim board's corrections, newest first (or a claim's members)."""
    from fogwatch.store.claim_corrections import member_ref

    with open_store(db) as store:
        if members:
            prop = store.get_proposition(members)
            if prop is None:
                err.print(f"[red]error:[/red] no claim {escape(members)}")
                raise typer.Exit(2)
            rows = [{"member": member_ref(s.document, s.role, s.start, s.end),
                     "source": s.source, "stance": s.stance, "text": s.text,
                     "corrected": s.corrected} for s in prop.stances]
            if as_json:
                print_json({"items": rows, "total": len(rows)})
                return
            table = Table("member", "source", "stance", "words")
            for r in rows:
                table.add_row(escape(r["member"]), escape(r["source"]), r["stance"],
                              escape((r["text"] or "")[:60]))
            out.print(table)
            return
        found, total = _or_exit(lambda: store.list_claim_corrections(
            proposition=claim, state=state, limit=limit))
    _print_list(found, total, as_json, ("id", "state", "action", "claim", "correction", "by",
                                        "note"),
                lambda c: [str(c.id), c.state, c.action, escape(c.proposition_id or ""),
                           escape(c.describe()[:70]), escape(c.author),
                           escape((c.note or "")[:40])])


@corrections_app.command("withdraw-claim")
def withdraw_claim(
    correction_id: Annotated[int, typer.Argument(help="The claim correction's id.")],
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """Take a claim correction back: its documents are folded again as the machine
    places them."""
    from fogwatch.reconcile import withdraw_claim_correction

    who = _who(by, "withdraws it")
    with open_store(db) as store:
        done = _or_exit(lambda: withdraw_claim_correction(store, correction_id, by=who))
    out.print(f"claim correction {done.id} withdrawn")


@corrections_app.command("withdraw-entity")
def withdraw_entity(
    correction_id: Annotated[int, typer.Argument(help="The entity correction's id.")],
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """Take an entity correction back: a rename or a type at once; a merge or a split
    when the documents it names are analysed again (they are listed)."""
    who = _who(by, "withdraws it")
    with open_store(db) as store:
        done = _or_exit(lambda: store.withdraw_entity_correction(correction_id, by=who))
        if done.action in ("rename", "type"):
            for doc_id in done.documents:
                _refold(store, doc_id)
    out.print(f"entity correction {done.id} withdrawn")
    if done.action in ("merge", "split") and done.documents:
        out.print(f"analyse these {len(done.documents)} documents again for it to be undone "
                  "in them: fogwatch reanalyze " + " ".join(escape(d) for d in done.documents))
