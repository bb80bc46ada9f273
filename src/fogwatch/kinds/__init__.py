"""Finding kinds: each kind declares in one module what every layer needs.

See :mod:`fogwatch.kinds.spec` for what a kind declares, and
:mod:`fogwatch.kinds.registry` for how kinds are found (fogwatch's own, in
:mod:`fogwatch.kinds.builtin`, register exactly as a plug-in's do).
"""

from fogwatch.kinds.registry import find, get, kinds, names, register, unregister

__all__ = ["find", "get", "kinds", "names", "register", "unregister"]
