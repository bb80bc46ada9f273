"""``fogwatch train ...``: train fogwatch's learned components (:mod:`fogwatch.train`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from fogwatch.cli.common import (
    err,
    print_json,
    train_app,
)

T = TypeVar("T")


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
    corrections_db: Annotated[str | None, typer.Option(
        "--corrections",
        help="Also train on the corrections of attributions in this store (a SQLite path "
             "or a SQLAlchemy URL): the sentences an analyst corrected.")] = None,
    corrections_weight: Annotated[int, typer.Option(
        "--corrections-weight", min=1,
        help="How many times each corrected sentence is added.")] = 1,
) -> None:
    """Train the attribution model on PolNeAR (and a store's corrections) and report
    dev scores."""
    from fogwatch.analyze.attribution.model import default_model_dir
    from fogwatch.train.attribution import retune as retune_model
    from fogwatch.train.attribution import train

    if train_dir is None and not retune:
        err.print("[red]error:[/red] --train is needed (or --retune to re-tune a trained model)")
        raise typer.Exit(2)
    if retune and corrections_db is not None:
        err.print("[red]error:[/red] --corrections trains the taggers; --retune keeps them")
        raise typer.Exit(2)
    for folder in (dev_dir,) if retune else (train_dir, dev_dir):
        if not (folder / "text").is_dir():
            err.print(f"[red]error:[/red] {folder} has no text/ folder (expected a PolNeAR split)")
            raise typer.Exit(2)
    corrections = read_store_corrections(corrections_db) if corrections_db is not None else None
    out = out_dir or default_model_dir()
    if retune:
        print_json(retune_model(out, dev_dir))
        return
    result = train(train_dir, dev_dir, out, c1=c1, c2=c2,
                   max_iterations=max_iterations, min_freq=min_freq, limit=limit,
                   corrections=corrections, weight=corrections_weight)
    print_json(result)


def read_from_store(db: str, reader: Callable[[Any], T]) -> T:
    """``reader(store)`` on the store ``db`` (which must exist: a store is never
    created here); exit 2 naming the problem."""
    from fogwatch.store import Store, StoreError
    from fogwatch.store.urls import parse_url, resolve_db_url, sqlite_path

    try:
        url = parse_url(resolve_db_url(db))
        path = sqlite_path(url) if url.get_backend_name() == "sqlite" else None
        if path is not None and not path.expanduser().is_file():
            raise StoreError(f"no store at {path}")
        with Store.open(db, migrate=False) as store:
            return reader(store)
    except StoreError as exc:
        err.print(f"[red]error:[/red] --corrections: {exc}")
        raise typer.Exit(2) from exc


def _left_out(unused: Mapping[str, int]) -> str:
    listed = "; ".join(f"{n} {why}" for why, n in unused.items())
    return f"; left out: {listed}" if listed else ""


def read_store_corrections(db: str):
    """The corrections of attributions in the store ``db``; exit 2 naming the problem."""
    from fogwatch.train.corrections import read_corrections

    found = read_from_store(db, read_corrections)
    if not found.documents:
        err.print(f"[red]error:[/red] {found.store} holds no corrections of attributions "
                  "to train on (a confirmed, added or rejected attribution)"
                  + _left_out(found.unused))
        raise typer.Exit(2)
    summary = found.summary()
    err.print(f"corrections: {summary['gold_attributions']} attributions confirmed or added, "
              f"{summary['rejected_cues']} rejected, in {summary['documents']} documents of "
              f"{found.store}")
    return found


@train_app.command("fnc1")
def train_fnc1(
    path: Annotated[Path, typer.Argument(help="FNC-1's training release (train_bodies.csv, train_stances.csv).")],
    out_dir: Annotated[Path | None, typer.Option("--out", help="Where to write the model (default: the packaged model folder).")] = None,
    epochs: Annotated[int, typer.Option(help="Most epochs (the best on a held-out part of train is kept).")] = 10,
    hidden: Annotated[int, typer.Option(help="Hidden units.")] = 64,
    seed: Annotated[int, typer.Option(help="Seed of the weights, the shuffles and the dropout.")] = 7,
    corrections_db: Annotated[str | None, typer.Option(
        "--corrections",
        help="Also train on the claim board's corrections in this store (a SQLite path "
             "or a SQLAlchemy URL): the article's own stances an analyst set or moved.")] = None,
    corrections_weight: Annotated[int, typer.Option(
        "--corrections-weight", min=1,
        help="How many times each corrected pair is added.")] = 1,
) -> None:
    """Train the claim-stance classifier on FNC-1 (the fixed dev articles are never seen)
    and a store's claim corrections."""
    from fogwatch.reconcile.claimstance import MODEL_DIR
    from fogwatch.train.fnc1 import train

    if not (path / "train_stances.csv").is_file():
        err.print(f"[red]error:[/red] {path} has no train_stances.csv (expected FNC-1's training release)")
        raise typer.Exit(2)
    found = read_claim_corrections(corrections_db) if corrections_db is not None else None
    result = train(path, out_dir or MODEL_DIR, epochs=epochs, hidden=hidden, seed=seed,
                   corrections=[(p.claim, p.text, p.label) for p in found.pairs] if found else None,
                   weight=corrections_weight)
    if found is not None:
        result["corrections"] = found.summary()
    print_json(result)


def read_claim_corrections(db: str):
    """The training pairs of the claim corrections in the store ``db``; exit 2
    naming the problem."""
    from fogwatch.train.claim_corrections import read_claim_pairs

    found = read_from_store(db, read_claim_pairs)
    if not found.pairs:
        err.print(f"[red]error:[/red] {found.store} holds no claim corrections to train on "
                  "(the stance of an article's own member set or moved)"
                  + _left_out(found.unused))
        raise typer.Exit(2)
    s = found.summary()
    err.print(f"corrections: {s['pairs']} pairs from {s['documents']} documents of "
              f"{found.store} ({', '.join(f'{k} {v}' for k, v in s['labels'].items())})"
              + _left_out(found.unused))
    return found
