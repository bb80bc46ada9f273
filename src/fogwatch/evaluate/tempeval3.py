"""TempEval-3 Task A (time expressions): fogwatch against TimeML gold.

Measures, as defined by UzZaman et al., "SemEval-2013 Task 1: TempEval-3:
Evaluating Time Expressions, Events, and Temporal Relations" (SemEval 2013),
section 4.1:

* extraction precision P = |Sys ∩ Ref| / |Sys|, recall R = |Sys ∩ Ref| / |Ref|,
  F1 = 2PR / (P + R), under *strict* matching (identical extent) and *relaxed*
  matching (extents overlap);
* attribute F1 for ``type`` and ``value``: the paper defines it as the
  attribute accuracy over the relaxed matches times the relaxed F1. With c
  correct attributes, m relaxed matches, S system and G gold timexes this is
  (c/m) · 2m/(S+G) = 2c/(S+G), i.e. the F1 of P' = c/S and R' = c/G, so both
  readings of the definition give the same figure.

The DCT (the TIMEX3 in ``<DCT>``, functionInDocument=CREATION_TIME) is not
scored; fogwatch gets it as the document's published date.

Development split (``split``): files sorted by their path relative to the
data folder ("AQUAINT/APW19980807.0261.tml", ...); every fifth file starting
with the first (index 0, 5, 10, ...) is ``dev``, the rest ``train``; ``all``
takes every file (use it for a held-out test folder); see
:mod:`fogwatch.datasets.timeml`.

``write_tml`` puts fogwatch's TIMEX3 tags back into the *original* TEXT markup,
so that stripping tags from the written file gives byte for byte the same text
as stripping them from the gold file (which the official TempEval-3 scorer
checks); the event layer is not written.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from fogwatch.datasets.timeml import TEXT_RE, TimeMLDoc, Timex, read_tml, tempeval3_files
from fogwatch.datasets.timeml import TempEval3Split as Split
from fogwatch.findings import Document

# Tags that belong to the annotation layer, not the text: dropped when writing.
_LINK_TAGS = re.compile(r"^\s*<(MAKEINSTANCE|TLINK|SLINK|ALINK)\b[^>]*/?>\s*\n?", re.MULTILINE)


@dataclass(slots=True)
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def match(gold: list[Timex], system: list[Timex]) -> tuple[Counts, list[tuple[Timex | None, Timex | None]]]:
    """Counts for one document, and the aligned pairs (gold, system) for error lists."""
    c = Counts(gold=len(gold), system=len(system))
    strict_spans = {t.span for t in gold} & {t.span for t in system}
    c.strict = len(strict_spans)
    used: set[int] = set()
    pairs: list[tuple[Timex | None, Timex | None]] = []
    for g in gold:
        best = None
        for i, s in enumerate(system):
            if i in used or s.end <= g.start or g.end <= s.start:
                continue
            if best is None or s.span == g.span:
                best = i
            if s.span == g.span:
                break
        if best is None:
            pairs.append((g, None))
            continue
        used.add(best)
        s = system[best]
        c.relaxed += 1
        c.type_ok += s.type == g.type
        c.value_ok += s.value.upper() == g.value.upper()
        pairs.append((g, s))
    pairs.extend((None, s) for i, s in enumerate(system) if i not in used)
    return c, pairs


def _prf(hit: int, system: int, gold: int) -> dict[str, float]:
    p = hit / system if system else 0.0
    r = hit / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def scores(c: Counts) -> dict[str, Any]:
    attr_f1 = {k: (2 * v / (c.system + c.gold) if c.system + c.gold else 0.0)
               for k, v in (("type", c.type_ok), ("value", c.value_ok))}
    return {
        "strict": _prf(c.strict, c.system, c.gold),
        "relaxed": _prf(c.relaxed, c.system, c.gold),
        "type": {"accuracy": round(c.type_ok / c.relaxed, 4) if c.relaxed else 0.0,
                 "f1": round(attr_f1["type"], 4)},
        "value": {"accuracy": round(c.value_ok / c.relaxed, 4) if c.relaxed else 0.0,
                  "f1": round(attr_f1["value"], 4)},
        "counts": {"gold": c.gold, "system": c.system, "strict": c.strict,
                   "relaxed": c.relaxed, "type": c.type_ok, "value": c.value_ok},
    }


def system_timexes(docs: list[TimeMLDoc], batch_size: int = 8) -> list[list[Timex]]:
    """fogwatch's time expressions for each document, given the gold DCT."""
    from fogwatch.analyze.pipeline import load_pipeline

    pipe = load_pipeline(("fogwatch_times",))
    documents = [Document.create(d.text, published=d.dct) for d in docs]
    out: list[list[Timex]] = []
    for analysis in pipe.analyze_many(documents, batch_size=batch_size):
        out.append([
            Timex(start=t.start, end=t.end, type=t.type, value=t.value, mod=t.mod)
            for t in analysis.times
        ])
    return out


def evaluate(
    path: Path, split: Split = "all", write_tml: Path | None = None,
    errors: bool = False, speed_repeats: int = 0,
) -> dict[str, Any]:
    """Score fogwatch's time expressions on the TimeML files under ``path``.

    ``write_tml``: also write fogwatch's annotations into that folder as TimeML
    (same file names) for the official scorer. ``errors``: list the mismatches.
    ``speed_repeats``: also measure words per second with and without the
    time component (see :func:`speed`), best of that many runs.
    """
    path = Path(path)
    files = tempeval3_files(path, split)
    if not files:
        raise FileNotFoundError(f"no .tml files under {path} (split {split})")
    docs: list[TimeMLDoc] = []
    problems: list[str] = []
    for f in files:
        try:
            docs.append(read_tml(f))
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            problems.append(f"{f.name}: {exc}")
    total = Counts()
    mismatches: list[dict[str, Any]] = []
    for doc, system in zip(docs, system_timexes(docs), strict=True):
        counts, pairs = match(doc.timexes, system)
        total.add(counts)
        if errors:
            mismatches.extend(_mismatch(doc, g, s) for g, s in pairs if _differs(g, s))
        if write_tml is not None:
            out = Path(write_tml) / doc.name
            out.parent.mkdir(parents=True, exist_ok=True)
            write_timeml(doc, system, out)
    result = scores(total)
    result["split"] = split
    result["documents"] = len(docs)
    if problems:
        result["unreadable"] = problems
    if errors:
        result["errors"] = mismatches
    if speed_repeats > 0:
        result["speed"] = speed(path, split, repeats=speed_repeats)
    return result


def _differs(g: Timex | None, s: Timex | None) -> bool:
    return g is None or s is None or g.span != s.span or g.value.upper() != s.value.upper() or g.type != s.type


def _mismatch(doc: TimeMLDoc, g: Timex | None, s: Timex | None) -> dict[str, Any]:
    def show(t: Timex | None) -> list[str] | None:
        return None if t is None else [doc.text[t.start:t.end], t.type, t.value]

    return {"file": doc.name, "dct": doc.dct, "gold": show(g), "system": show(s)}


# --- fogwatch's time expressions written as TimeML, for the official scorer --------------


def write_timeml(gold: TimeMLDoc, system: list[Timex], path: Path) -> None:
    """Write ``gold``'s file with its TEXT re-annotated by ``system`` (offsets into gold.text)."""
    path.write_text(render_tml(gold, system), encoding="utf-8")


def render_tml(gold: TimeMLDoc, system: list[Timex]) -> str:
    pieces: list[str] = []
    cursor = 0
    esc = gold.escaped_text
    last_end = -1
    for i, t in enumerate(sorted(system, key=lambda t: t.start), start=1):
        if t.start < last_end or t.end <= t.start:
            continue  # TimeML does not nest TIMEX3 tags
        a, b = gold.escaped_offsets[t.start], _escaped_end(gold, t.end)
        pieces.append(esc[cursor:a])
        attrs = f'tid="t{i}" type={quoteattr(t.type)} value={quoteattr(t.value)}'
        if t.mod:
            attrs += f" mod={quoteattr(t.mod)}"
        pieces.append(f"<TIMEX3 {attrs}>{esc[a:b]}</TIMEX3>")
        cursor = b
        last_end = t.end
    pieces.append(esc[cursor:])
    m = TEXT_RE.search(gold.raw)
    assert m is not None
    head, tail = gold.raw[:m.start("body")], gold.raw[m.end("body"):]
    return head + "".join(pieces) + _LINK_TAGS.sub("", tail)


def _escaped_end(gold: TimeMLDoc, end: int) -> int:
    """Escaped offset just past plain char ``end - 1`` (an escape is never split)."""
    if end >= len(gold.text):
        return len(gold.escaped_text)
    return gold.escaped_offsets[end]


def strip_tags(raw: str) -> str:
    """The escaped TEXT content with all tags removed (what the scorer compares)."""
    m = TEXT_RE.search(raw)
    if m is None:
        return ""
    return re.sub(r"<[^>]+>", "", m.group("body"))


def render(result: dict[str, Any]) -> str:
    """A plain-text table of the Task A figures."""
    lines = [
        f"TempEval-3 Task A  split={result.get('split', 'all')}  documents={result.get('documents', '?')}",
        f"{'measure':<10} {'P':>7} {'R':>7} {'F1':>7} {'acc':>7}",
    ]
    for key in ("strict", "relaxed"):
        r = result[key]
        lines.append(f"{key:<10} {r['precision']:>7.4f} {r['recall']:>7.4f} {r['f1']:>7.4f} {'':>7}")
    for key in ("type", "value"):
        r = result[key]
        lines.append(f"{key:<10} {'':>7} {'':>7} {r['f1']:>7.4f} {r['accuracy']:>7.4f}")
    c = result.get("counts")
    if c:
        lines.append(f"gold {c['gold']}  system {c['system']}  strict {c['strict']}  relaxed {c['relaxed']}")
    sp = result.get("speed")
    if sp:
        lines.append(
            f"words/s without times {sp['words_per_second_without']:.0f}  with "
            f"{sp['words_per_second_with']:.0f}  overhead {100 * sp['overhead']:.1f}%"
        )
        if "component_share" in sp:
            lines.append(
                f"time component alone: {sp['component_cpu_seconds']:.2f} s CPU, "
                f"{100 * sp['component_share']:.1f}% of spaCy's CPU time"
            )
        if "cpu_overhead" in sp:
            lines.append(
                f"CPU words/s without times {sp['cpu_words_per_second_without']:.0f}  with "
                f"{sp['cpu_words_per_second_with']:.0f}  overhead {100 * sp['cpu_overhead']:.1f}%"
            )
    for problem in result.get("unreadable", []):
        lines.append(f"unreadable: {problem}")
    return "\n".join(lines)


def speed(path: Path, split: Split = "all", repeats: int = 3) -> dict[str, Any]:
    """Words per second of spaCy alone and with ``fogwatch_times``, on the same texts.

    Runs are interleaved and the fastest of ``repeats`` kept, so a busy machine
    hurts both sides alike. Wall-clock time still moves with the neighbours' load;
    CPU time of this process (``time.process_time``) does not count the time spent
    waiting for a core, so ``cpu_overhead`` is the steadier figure.
    """
    from fogwatch.analyze.pipeline import Pipeline, load_model

    docs = [read_tml(f) for f in tempeval3_files(Path(path), split)]
    documents = [Document.create(d.text, published=d.dct) for d in docs]
    nlp = load_model()
    base = Pipeline(stages=[], nlp=nlp)
    words = sum(len(d.text.split()) for d in docs)

    def run(with_times: bool) -> tuple[float, float]:
        disabled = [] if with_times else ["fogwatch_times"]
        t0, c0 = time.perf_counter(), time.process_time()
        with nlp.select_pipes(disable=disabled):
            for _ in nlp.pipe((base.make_doc(d) for d in documents), batch_size=16):
                pass
        return time.perf_counter() - t0, time.process_time() - c0

    base_times: list[tuple[float, float]] = []
    full_times: list[tuple[float, float]] = []
    nlp.add_pipe("fogwatch_times")
    for _ in range(repeats):
        base_times.append(run(False))
        full_times.append(run(True))
    t_base, t_full = min(t for t, _ in base_times), min(t for t, _ in full_times)
    c_base, c_full = min(c for _, c in base_times), min(c for _, c in full_times)
    # The component alone, on documents spaCy has already parsed: the steadiest
    # figure, since the difference of two whole-pipeline runs is mostly noise.
    with nlp.select_pipes(disable=["fogwatch_times"]):
        parsed = list(nlp.pipe((base.make_doc(d) for d in documents), batch_size=16))
    component = nlp.get_pipe("fogwatch_times")
    c_comp = float("inf")
    for _ in range(repeats):
        c0 = time.process_time()
        for doc in parsed:
            component(doc)
        c_comp = min(c_comp, time.process_time() - c0)
    return {
        "words": words,
        "words_per_second_without": round(words / t_base, 1),
        "words_per_second_with": round(words / t_full, 1),
        "overhead": round((t_full - t_base) / t_base, 4),
        "cpu_words_per_second_without": round(words / c_base, 1),
        "cpu_words_per_second_with": round(words / c_full, 1),
        "cpu_overhead": round((c_full - c_base) / c_base, 4),
        "component_cpu_seconds": round(c_comp, 4),
        "component_share": round(c_comp / c_base, 4),  # of spaCy's own CPU time
    }
