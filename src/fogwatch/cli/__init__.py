"""The fogwatch command line: thin; parses arguments and calls the layers.

``app`` is the Typer application (the ``fogwatch`` console script runs
:func:`main`). Each module holds one group of commands and registers them on
the apps of :mod:`fogwatch.cli.common` when imported:

- :mod:`~fogwatch.cli.ingest`: ingest, batch, load, analyze, reanalyze, repair,
  demo, watch;
- :mod:`~fogwatch.cli.store`: entities, search, brief, stats;
- :mod:`~fogwatch.cli.across`: reconcile, claims, timeline;
- :mod:`~fogwatch.cli.correct`: correct, ``fogwatch corrections ...``;
- :mod:`~fogwatch.cli.publish`: export, serve;
- :mod:`~fogwatch.cli.evaluate`: ``fogwatch eval ...``;
- :mod:`~fogwatch.cli.train`: ``fogwatch train ...``.
"""

from __future__ import annotations

from fogwatch.cli.common import app

# Importing a group registers its commands; ``fogwatch --help`` lists them in
# this order.
# isort: off
from fogwatch.cli import ingest, store, across, correct, publish, evaluate, train  # noqa: E402, F401
# isort: on

__all__ = ["app", "main"]


def main() -> None:
    app()
