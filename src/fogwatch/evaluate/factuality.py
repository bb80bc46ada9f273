"""Event factuality against TimeML gold (TimeBank): happened, claimed, denied, ...

The gold label of an event instance comes from the annotation alone (see
docs/factuality.md; it is fixed, never bent to fogwatch's output). In order of
precedence:

- ``denied``: the subordinated event of an SLINK with relType NEG_EVIDENTIAL;
- ``negated``: its MAKEINSTANCE has polarity NEG, or it is subordinated by
  COUNTER_FACTIVE;
- ``unrealised``: subordinated by MODAL or CONDITIONAL, or its MAKEINSTANCE has
  a modality other than "none", or tense FUTURE;
- ``claimed``: subordinated by EVIDENTIAL;
- ``happened``: tense PAST or PRESENT (FACTIVE subordination does not stop it);
- anything else is left out of the score.

The system label of an instance is fogwatch's label of the spaCy token its
EVENT tag aligns to (by character offsets of the TimeML text; the syntactic
root where the tag spans several tokens). Event detection is not scored: every
gold event is asked, and an event fogwatch gives no label (``unknown``) counts
as missed.

``system="events"`` also scores the events stage's modality (planned,
threatened and hypothetical read as ``unrealised``; the whole pipeline runs, as
in the product), on the gold events whose token is one of its triggers; the
component's figures on that same subset come with it, so the two are compared
on equal ground.

Split (``split``): files in name order; every fifth starting with the first
(index 0, 5, 10, ...) is ``test`` (never tuned on), the rest ``tune``
(:func:`fogwatch.datasets.timeml.timebank_files`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fogwatch.datasets.timeml import TimeBankSplit, TimeMLDoc, read_tml, timebank_files

CLASSES: tuple[str, ...] = ("happened", "claimed", "denied", "negated", "unrealised")
# The events stage's modalities, read as factuality classes.
EVENT_MODALITY = {"happened": "happened", "claimed": "claimed", "denied": "denied",
                  "negated": "negated", "planned": "unrealised", "threatened": "unrealised",
                  "hypothetical": "unrealised"}


@dataclass(slots=True)
class GoldEvent:
    eiid: str
    start: int
    end: int
    label: str | None  # None: left out of the score


def gold_events(doc: TimeMLDoc) -> list[GoldEvent]:
    """Every event instance of ``doc`` with its gold label (by the mapping above)."""
    events = {e.eid: e for e in doc.events}
    subordinated: dict[str, set[str]] = {}
    for link in doc.links:
        if link.kind == "SLINK":
            subordinated.setdefault(link.target, set()).add(link.rel)
    out: list[GoldEvent] = []
    for inst in doc.instances:
        ev = events.get(inst.eid)
        if ev is None:
            continue
        rels = subordinated.get(inst.eiid, set())
        modality = (inst.modality or "none").strip().lower()
        if "NEG_EVIDENTIAL" in rels:
            label: str | None = "denied"
        elif inst.polarity == "NEG" or "COUNTER_FACTIVE" in rels:
            label = "negated"
        elif rels & {"MODAL", "CONDITIONAL"} or modality != "none" or inst.tense == "FUTURE":
            label = "unrealised"
        elif "EVIDENTIAL" in rels:
            label = "claimed"
        elif inst.tense in ("PAST", "PRESENT"):
            label = "happened"
        else:
            label = None
        out.append(GoldEvent(inst.eiid, ev.start, ev.end, label))
    return out


# --- system labels -------------------------------------------------------------------


def analysed_docs(texts: list[TimeMLDoc], stages: tuple[str, ...] | None) -> Iterator[Any]:
    """spaCy docs of ``texts`` through ``stages`` (all when None), dated by their DCT."""
    from fogwatch.analyze.pipeline import load_pipeline
    from fogwatch.findings import Document

    pipe = load_pipeline(stages)
    made = (pipe.make_doc(Document.create(d.text, published=d.dct)) for d in texts)
    yield from pipe.nlp.pipe(made, batch_size=8)


def event_token(doc: Any, start: int, end: int) -> Any:
    """The spaCy token a TimeML extent aligns to: its root, else the token it starts in."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span):
        return span.root
    for tok in doc:
        if tok.idx <= start < tok.idx + len(tok):
            return tok
    return None


def system_labels(
    texts: list[TimeMLDoc], golds: list[list[GoldEvent]], system: str = "component",
) -> list[list[tuple[str, str | None, str]]]:
    """For each gold event: (component label, events-stage label or None, context)."""
    from fogwatch.analyze.factuality import factuality_of

    # the events stage as the product runs it: every stage (attributions make its claims)
    stages = None if system == "events" else ("fogwatch_factuality",)
    out: list[list[tuple[str, str | None, str]]] = []
    for doc, gold in zip(analysed_docs(texts, stages), golds, strict=True):
        triggers: dict[int, str] = {}
        if system == "events":
            for r in doc._.fw_event_reads or []:
                triggers[r.trigger.i] = EVENT_MODALITY.get(r.event.modality, "unknown")
        row: list[tuple[str, str | None, str]] = []
        for g in gold:
            tok = event_token(doc, g.start, g.end)
            if tok is None:
                row.append(("unknown", None, ""))
                continue
            f = factuality_of(tok)
            label = f.label
            row.append((label, triggers.get(tok.i), f"{f.reason or ''} {f.cue or ''}".strip()
                        + " | " + tok.sent.text.strip()))
        out.append(row)
    return out


# --- scores --------------------------------------------------------------------------


def scores(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Per-class P/R/F1, macro F1 over :data:`CLASSES`, from (gold, system) pairs."""
    gold_n: Counter[str] = Counter()
    sys_n: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    n = 0
    for g, s in pairs:
        n += 1
        gold_n[g] += 1
        sys_n[s] += 1
        hit[g] += g == s
        confusion[(g, s)] += 1
    classes: dict[str, dict[str, float | int]] = {}
    for c in CLASSES:
        p = hit[c] / sys_n[c] if sys_n[c] else 0.0
        r = hit[c] / gold_n[c] if gold_n[c] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        classes[c] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "n": gold_n[c]}
    # A class with no gold instance and no prediction in the split (denied, on the
    # test part) measures nothing: it is left out of macro_f1, and kept, at 0, in
    # macro_f1_strict.
    present = [c for c in CLASSES if gold_n[c] or sys_n[c]]
    macro = sum(float(classes[c]["f1"]) for c in present) / len(present) if present else 0.0
    strict = sum(float(classes[c]["f1"]) for c in CLASSES) / len(CLASSES)
    return {
        "classes": classes, "macro_f1": round(macro, 4), "macro_f1_strict": round(strict, 4),
        "macro_classes": present,
        "happened_precision": classes["happened"]["p"],
        "happened_recall": classes["happened"]["r"], "n": n,
        "predicted": dict(sys_n),
        "confusion": {f"{g}->{s}": k for (g, s), k in sorted(confusion.items())},
    }


def evaluate(path: Path, split: TimeBankSplit = "all", errors: bool = False,
             system: str = "component") -> dict[str, Any]:
    """Score fogwatch's factuality on the TimeML files under ``path`` (see module doc)."""
    path = Path(path)
    files = timebank_files(path, split)
    if not files:
        raise FileNotFoundError(f"no .tml files under {path} (split {split})")
    texts: list[TimeMLDoc] = []
    problems: list[str] = []
    for f in files:
        try:
            texts.append(read_tml(f))
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            problems.append(f"{f.name}: {exc}")
    golds = [gold_events(d) for d in texts]
    labels = system_labels(texts, golds, system)
    pairs: list[tuple[str, str]] = []
    covered: list[tuple[str, str]] = []  # (gold, events stage) on the events it covers
    covered_component: list[tuple[str, str]] = []
    wrong: list[dict[str, Any]] = []
    for doc, gold, row in zip(texts, golds, labels, strict=True):
        for g, (label, event_label, context) in zip(gold, row, strict=True):
            if g.label is None:
                continue
            pairs.append((g.label, label))
            if event_label is not None:
                covered.append((g.label, event_label))
                covered_component.append((g.label, label))
            if errors and label != g.label:
                wrong.append({"file": doc.name, "event": doc.text[g.start:g.end],
                              "gold": g.label, "system": label, "context": context})
    result = scores(pairs)
    result["split"] = split
    result["documents"] = len(texts)
    if system == "events":
        result["events_stage"] = scores(covered)
        result["component_on_events"] = scores(covered_component)
    if problems:
        result["unreadable"] = problems
    if errors:
        result["errors"] = wrong
    return result


def render(result: dict[str, Any]) -> str:
    """Plain-text tables of the factuality figures."""
    lines = [f"Factuality  split={result.get('split', 'all')}  "
             f"documents={result.get('documents', '?')}"]
    lines += _table(result)
    for key, title in (("events_stage", "events stage's modality, on the events it covers"),
                       ("component_on_events", "fogwatch_factuality, on the same events")):
        if key in result:
            lines += ["", title] + _table(result[key])
    for problem in result.get("unreadable", []):
        lines.append(f"unreadable: {problem}")
    return "\n".join(lines)


def _table(r: dict[str, Any]) -> list[str]:
    lines = [f"{'class':<11} {'P':>7} {'R':>7} {'F1':>7} {'n':>6}"]
    for c in CLASSES:
        v = r["classes"][c]
        lines.append(f"{c:<11} {v['p']:>7.4f} {v['r']:>7.4f} {v['f1']:>7.4f} {v['n']:>6}")
    absent = [c for c in CLASSES if c not in r.get("macro_classes", CLASSES)]
    note = f" (without {', '.join(absent)}: no gold, no prediction; with it at 0: " \
        f"{r['macro_f1_strict']:.4f})" if absent else ""
    lines.append(f"macro F1 {r['macro_f1']:.4f}{note}  happened P {r['happened_precision']:.4f} "
                 f"R {r['happened_recall']:.4f}  n {r['n']}")
    return lines
