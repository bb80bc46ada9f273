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
    # What the taggers made of it, for its confidence (attrib.confidence): the
    # probabilities the CRFs give its cue and content, None for one a rule added;
    # ``origin``: "model", or the name of the rule that added it. Neither is part of
    # what the attribution is (two with the same spans are equal).
    evidence: dict[str, float] | None = field(default=None, compare=False)
    origin: str = field(default="model", compare=False)


def tokens_of(raws: Sequence[RawAttribution]) -> set[int]:
    """Every token that one of ``raws`` gives a role (cue, source or content)."""
    return {i for r in raws for s, e in (r.cue, *r.source, *r.content) for i in range(s, e)}
