"""``fogwatch eval ...``: fogwatch scored against public datasets (:mod:`fogwatch.evaluate`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from fogwatch.cli.common import (
    JsonFlag,
    err,
    eval_app,
    print_json,
)


def _check_input(path: Path | None = None, split: str | None = None,
                 splits: tuple[str | None, ...] = ()) -> None:
    """Exit 2 with a clear message when the folder is missing or the split unknown."""
    if path is not None and not path.exists():
        err.print(f"[red]error:[/red] {path} does not exist")
        raise typer.Exit(2)
    if splits and split not in splits:
        named = [s for s in splits if s]
        err.print(f"[red]error:[/red] --split is {', '.join(named[:-1])} or {named[-1]}, "
                  f"not {split!r}")
        raise typer.Exit(2)


def _evaluate(name: str, path: Path, as_json: bool, **options) -> None:
    import importlib

    _check_input(path)
    module = importlib.import_module(f"fogwatch.evaluate.{name}")
    result = module.evaluate(path, **options)
    if as_json:
        print_json(result)
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

    _check_input(path, split, ("tune", "test", "all"))
    result = factuality.evaluate(path, split=split, errors=errors,  # type: ignore[arg-type]
                                 system="events" if events else "component")
    if as_json:
        print_json(result)
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
    errors: Annotated[bool, typer.Option("--errors", help="Also list every gold link fogwatch misses or dates wrong.")] = False,
) -> None:
    """Event anchoring: the time expression that dates each event, against TimeML TLINKs."""
    from fogwatch.evaluate import anchoring

    _check_input(path, split, ("tune", "test", "all"))
    result = anchoring.evaluate(path, split=split, errors=errors)  # type: ignore[arg-type]
    if as_json:
        print_json(result)
        return
    sys.stdout.write(anchoring.render(result) + "\n")
    for e in result.get("errors", []):
        sys.stdout.write(f"{e['file']}\t{e['kind']}\t{e['event']}\tgold: {e['gold']}\t"
                         f"fogwatch: {e['system']}\t{e['context']}\n")


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

    _check_input(None, split, (None, "dev", "train", "all"))
    try:
        result = fnc1.evaluate(path, split=split, model_dir=model_dir, limit=limit)  # type: ignore[arg-type]
    except (OSError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        print_json({k: result[k] for k in ("fnc_score", "macro_f1", "pairs", "pairs_per_second",
                                            "split")}
                    | {"classes": {c: {m: v[m] for m in ("p", "r", "f1")}
                                   for c, v in result["classes"].items()}})
        return
    sys.stdout.write(fnc1.render(result) + "\n")


@eval_app.command("claims")
def eval_claims(
    path: Annotated[Path, typer.Argument(help="A folder with one *bodies.csv and one *stances.csv.")],
    as_json: JsonFlag = False,
    split: Annotated[str, typer.Option(help="dev (held out), train or all: FNC-1's split by article.")] = "dev",
    limit: Annotated[int | None, typer.Option(help="Only the first N articles of the split (by Body ID).")] = None,
    store: Annotated[Path | None, typer.Option("--store", help="Keep the articles in this SQLite store (a second run skips their analysis; one store per split and limit).")] = None,
    errors: Annotated[int, typer.Option("--errors", min=0, help="Print this many pairs whose board stance is inverted (asserts what the article disputes, or the reverse).")] = 0,
) -> None:
    """Claim clustering on FNC-1: B-cubed precision/recall of propositions against the gold
    claims, and the board's outlet stances against the gold stances."""
    from fogwatch.evaluate import claimclusters

    _check_input(None, split, ("dev", "train", "all"))
    try:
        result = claimclusters.evaluate(path, split=split, limit=limit,  # type: ignore[arg-type]
                                        store_path=store)
    except (OSError, ValueError, RuntimeError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        print_json(result)
        return
    sys.stdout.write(claimclusters.render(result, errors) + "\n")
