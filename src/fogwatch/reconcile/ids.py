"""Stable ids for cross-document records."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Container


def stable_id(prefix: str, seed: str, n: int = 0) -> str:
    """The id of ``seed`` (its ``n``-th variant when ``n`` > 0)."""
    text = seed if n == 0 else f"{seed}#{n}"
    return prefix + hashlib.sha1(text.encode()).hexdigest()[:12]


def fresh_id(prefix: str, seed: str, held: Callable[[str], bool],
             taken: Container[str] = ()) -> str:
    """A stable id from ``seed``; if a record kept from an earlier pass holds it
    (``held``: other documents' reports outlived this one's), or ``taken`` holds it
    (a record this pass has yet to write), the next free variant."""
    for n in range(1000):
        rid = stable_id(prefix, seed, n)
        if rid in taken:
            continue
        if not held(rid):
            return rid
    raise RuntimeError(f"no free id for {seed}")
