"""Anchoring: the time expression that dates a predicate (an event or a report).

The rule used by the events stage and scored by ``fogwatch eval anchoring``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from fogwatch.analyze.events import arguments as args

NOW_ADVERBS = frozenset({"now", "currently", "today", "presently", "still"})


def event_time(doc: Doc, tok: Token, modality: str, triggers: set[int]) -> tuple[int | None, str | None]:
    """The time expression that governs the trigger's clause, else "DCT" for the present.

    The trigger's path climbs through verbs only: a time attached to a noun ("a
    meeting on October 20") dates that noun's event, not every clause above it.
    A time's own path stops at the first other trigger it meets, which owns it.
    """
    times = doc._.fw_times
    path = [tok]
    for anc in args.ancestor_path(tok)[1:]:
        # through a relative clause to the verb above it ("an operation in which
        # platoons were flown" is dated by the clause that reports the operation)
        if anc.pos_ in ("NOUN", "PROPN", "PRON") and path[-1].dep_ != "relcl":
            break
        path.append(anc)
    if times:
        sent = tok.sent
        rank = {t.i: k for k, t in enumerate(path)}
        best: tuple[int, int] | None = None
        for k, t in enumerate(times):
            if not (sent.start_char <= t.start < sent.end_char):
                continue
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None:
                continue
            # the time attaches to the first word on its own path that is on the
            # trigger's path: the closer to the trigger, the better
            for anc in args.ancestor_path(span.root):
                if span.start <= anc.i < span.end:
                    continue
                if anc.i in rank:
                    if best is None or rank[anc.i] < best[0]:
                        best = (rank[anc.i], k)
                    break
                if anc.i in triggers:
                    break
        if best is not None:
            return best[1], None
    if modality in ("happened", "claimed", "denied") and _present(path[:3]):
        return None, "DCT"
    return None, None


def anchor_time(doc: Doc, tok: Token, triggers: set[int] | None = None) -> int | None:
    """The index in ``doc._.fw_times`` of the time expression that anchors the
    predicate ``tok`` (the same rule that dates events), or None when no time in
    its sentence does. ``triggers``: other predicates, which own their times."""
    index, _ = event_time(doc, tok, "unknown", triggers or set())
    return index


def _present(path: list[Token]) -> bool:
    for tok in path:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.lower_ in NOW_ADVERBS for c in tok.children):
            return True
        aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        return tok.tag_ in ("VBP", "VBZ") or any(a.tag_ in ("VBP", "VBZ") for a in aux)
    return False
