"""Event anchoring against TimeML gold (TimeBank): which time dates an event.

Gold: every TLINK between an event instance and a DATE or TIME expression in
the text (never the document creation time), with relType IS_INCLUDED, DURING,
SIMULTANEOUS, BEGINS, ENDS, BEGUN_BY, ENDED_BY or INCLUDES. The gold anchor of
the event is that expression's value.

System: fogwatch's anchoring rule (:func:`fogwatch.analyze.events.anchor.anchor_time`,
the one that dates events) applied to the spaCy token each gold event aligns
to, over fogwatch's own time expressions. ``coverage`` is the share of gold
links for which fogwatch names an anchor; ``accuracy`` the share of those whose
value equals the gold value; ``span_accuracy`` the share whose expression
overlaps the gold one (the right words, whatever their normalised value).

Split: as for factuality (every fifth file in name order, from the first, is
``test``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fogwatch.datasets.timeml import TimeBankSplit, TimeMLDoc, read_tml, timebank_files
from fogwatch.evaluate.factuality import analysed_docs, event_token

ANCHOR_RELS = frozenset({"IS_INCLUDED", "DURING", "SIMULTANEOUS", "BEGINS", "ENDS",
                         "BEGUN_BY", "ENDED_BY", "INCLUDES"})


@dataclass(slots=True)
class GoldAnchor:
    start: int  # the event's extent in the TimeML text
    end: int
    value: str  # the anchoring expression's value
    timex_start: int
    timex_end: int


def gold_anchors(doc: TimeMLDoc) -> list[GoldAnchor]:
    """One gold anchor per (event instance, date/time expression) TLINK."""
    timexes = {t.tid: t for t in doc.timexes if t.tid and t.type in ("DATE", "TIME")}
    events = {e.eid: e for e in doc.events}
    instance_event = {i.eiid: events.get(i.eid) for i in doc.instances}
    out: list[GoldAnchor] = []
    seen: set[tuple[str, str]] = set()
    for link in doc.links:
        if link.kind != "TLINK" or link.rel not in ANCHOR_RELS:
            continue
        for ev_id, t_id in ((link.source, link.target), (link.target, link.source)):
            event, timex = instance_event.get(ev_id), timexes.get(t_id)
            if event is None or timex is None or (ev_id, t_id) in seen:
                continue
            seen.add((ev_id, t_id))
            out.append(GoldAnchor(event.start, event.end, timex.value, timex.start, timex.end))
    return out


def evaluate(path: Path, split: TimeBankSplit = "all", errors: bool = False) -> dict[str, Any]:
    from fogwatch.analyze.events.anchor import anchor_of

    texts = [read_tml(f) for f in timebank_files(path, split)]
    n = given = right = right_span = 0
    wrong: list[dict[str, Any]] = []
    files = timebank_files(path, split)
    for f, doc, gold_doc in zip(files, analysed_docs(texts, ("fogwatch_times",)), texts,
                                strict=True):
        golds = gold_anchors(gold_doc)
        if not golds:
            continue
        times = doc._.fw_times or []
        # other predicates own the times attached to them: fogwatch's own reading of
        # which words are predicates (verbs), never the gold events
        triggers = {t.i for t in doc if t.pos_ == "VERB"}
        for g in golds:
            n += 1
            tok = event_token(doc, g.start, g.end)
            if tok is None:
                continue
            anchor = anchor_of(doc, tok, triggers - {tok.i})
            t = times[anchor.index] if anchor is not None and anchor.index is not None else None
            if anchor is not None:
                given += 1
                right += anchor.value == g.value
                right_span += t is not None and t.start < g.timex_end and g.timex_start < t.end
            if errors and (anchor is None or anchor.value != g.value):
                wrong.append(_error(f.name, gold_doc, g, anchor, t, tok))
    out: dict[str, Any] = {
        "accuracy": round(right / given, 4) if given else 0.0,
        "span_accuracy": round(right_span / given, 4) if given else 0.0,
        "coverage": round(given / n, 4) if n else 0.0,
        "n": n, "anchored": given, "files": len(texts), "split": split,
    }
    if errors:
        out["errors"] = wrong
    return out


def _error(name: str, gold_doc: TimeMLDoc, g: GoldAnchor, anchor: Any, t: Any,
           tok: Any) -> dict[str, Any]:
    """One miss: the event, the gold expression and value, and fogwatch's (None: no anchor).
    ``kind`` says whether fogwatch chose other words ("words") or the right words with
    another value ("value")."""
    gold_text = gold_doc.text[g.timex_start:g.timex_end]
    kind = "none" if anchor is None else (
        "value" if t is not None and t.start < g.timex_end and g.timex_start < t.end
        else "words")
    return {
        "file": name, "event": gold_doc.text[g.start:g.end], "kind": kind,
        "gold": f"{gold_text!r}={g.value}",
        "system": None if anchor is None else f"{t.text if t else ''!r}={anchor.value}",
        "context": tok.sent.text.replace("\n", " ")[:240],
    }


def render(result: dict[str, Any]) -> str:
    return (
        f"TimeML event anchoring ({result['split']}: {result['files']} files, "
        f"{result['n']} gold event-time links)\n"
        f"| coverage | accuracy (value) | accuracy (words) | anchored |\n|---|---|---|---|\n"
        f"| {result['coverage']:.4f} | {result['accuracy']:.4f} | "
        f"{result['span_accuracy']:.4f} | {result['anchored']} |\n"
    )
