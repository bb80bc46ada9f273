"""``fogwatch train ...``: train fogwatch's learned components (:mod:`fogwatch.train`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fogwatch.cli.common import (
    err,
    print_json,
    train_app,
)


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
        print_json(retune_model(out, dev_dir))
        return
    result = train(train_dir, dev_dir, out, c1=c1, c2=c2,
                   max_iterations=max_iterations, min_freq=min_freq, limit=limit)
    print_json(result)


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
    print_json(train(path, out_dir or MODEL_DIR, epochs=epochs, hidden=hidden))
