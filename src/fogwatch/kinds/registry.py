"""The registry of finding kinds: which kinds exist, in which order.

This module imports nothing from fogwatch at load time, so every layer (the
records, the store's schema, the pipeline, the web app) can ask it which kinds
are registered without an import cycle. The kinds themselves are declared with
:class:`fogwatch.kinds.spec.FindingKind`; fogwatch's own kinds live in
:mod:`fogwatch.kinds.builtin` and register exactly as a third-party kind does:

- a package names its module under the ``fogwatch.kinds`` entry-point group
  (``[project.entry-points."fogwatch.kinds"] coordinates = "mypkg.kind"``), and
  that module calls :func:`register` when it is imported; or
- code calls :func:`register` itself (a test, a notebook).

Registration order is the order kinds appear in ``analyze --json``, the API's
list of routes, the exports and the document page's legend.
"""

from __future__ import annotations

import importlib
import logging
from importlib.metadata import entry_points
from typing import Any

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "fogwatch.kinds"

_KINDS: dict[str, Any] = {}  # name -> FindingKind, in registration order
_loaded = False


def load() -> None:
    """Import fogwatch's own kinds and every installed plug-in kind, once."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    importlib.import_module("fogwatch.kinds.builtin")
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            ep.load()
        except Exception as exc:  # a broken plug-in must not stop fogwatch
            log.warning("finding kind plug-in %s could not be loaded: %s", ep.name, exc)


def register(kind: Any) -> Any:
    """Add a kind (a :class:`~fogwatch.kinds.spec.FindingKind`); returns it.

    Registering a kind again under the same name replaces it in place (a module
    reloaded in a notebook); a different kind under a taken name is refused.
    """
    have = _KINDS.get(kind.name)
    if have is not None and have is not kind and have.record is not kind.record:
        raise ValueError(f"a finding kind named {kind.name!r} is already registered")
    _KINDS[kind.name] = kind
    if hasattr(kind, "on_register"):
        kind.on_register()
    return kind


def unregister(name: str) -> None:
    """Remove a kind (tests that register one clean up with this)."""
    kind = _KINDS.pop(name, None)
    if kind is not None and hasattr(kind, "on_unregister"):
        kind.on_unregister()


def kinds() -> tuple[Any, ...]:
    """Every registered kind, in registration order."""
    load()
    return tuple(_KINDS.values())


def names() -> tuple[str, ...]:
    load()
    return tuple(_KINDS)


def get(name: str) -> Any:
    """The kind called ``name``; KeyError naming the known kinds otherwise."""
    load()
    try:
        return _KINDS[name]
    except KeyError:
        raise KeyError(
            f"unknown finding kind {name!r}; known: {', '.join(_KINDS)}"
        ) from None


def find(name: str) -> Any | None:
    load()
    return _KINDS.get(name)
