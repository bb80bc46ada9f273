"""What the taggers find, before the rules, stance and entities: token spans.

Its own module so that the model, which produces these, and the modules that
adjust them (the boundary ranker, the boundary fixes, the rules) import it
without importing each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

TokSpan = tuple[int, int]  # token offsets [start, end)


@dataclass(slots=True)
class RawAttribution:
    """One predicted attribution in token offsets (before stance and entities)."""

    cue: TokSpan
    source: list[TokSpan] = field(default_factory=list)
    content: list[TokSpan] = field(default_factory=list)


def tokens_of(raws: Sequence[RawAttribution]) -> set[int]:
    """Every token that one of ``raws`` gives a role (cue, source or content)."""
    return {i for r in raws for s, e in (r.cue, *r.source, *r.content) for i in range(s, e)}
