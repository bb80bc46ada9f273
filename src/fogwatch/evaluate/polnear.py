"""Score attribution extraction against PolNeAR (BRAT standoff, first annotator).

For each role (source, cue, content): precision, recall and F1 with exact span
match and with overlap; and for whole attributions.

Normalisation (the same for gold and system): every span is trimmed of
whitespace and of punctuation, quotation marks and brackets at both edges, so
``“We will win,”`` and ``We will win`` are the same span; spans left empty are
dropped. Role spans are compared per document as sets (a source shared by two
gold attributions counts once; each piece of a discontinuous content counts on
its own).

- exact: a span counts when the identical (trimmed) span is on the other side.
- overlap: a gold span counts as found when a predicted span of the same role
  shares at least one token with it (spans are word-aligned after trimming, so
  a shared character means a shared token); precision likewise.
- attribution: a predicted attribution matches a gold one (one-to-one, greedy in
  text order) when its cue overlaps the gold cue and its source and content
  span sets match the gold ones: identical for ``exact``, each side overlapping
  the other for ``overlap`` (two empty sources match).
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fogwatch.datasets.polnear import Article, GoldAttribution, read_split

Span = tuple[int, int]
ROLES = ("source", "cue", "content")


@dataclass(slots=True)
class Predicted:
    cue: list[Span]
    source: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)


def _trim_char(ch: str) -> bool:
    if ch.isspace():
        return True
    cat = unicodedata.category(ch)
    return cat.startswith("P") and ch not in "%$"


def normalise(text: str, span: Span) -> Span | None:
    """``span`` with whitespace and punctuation trimmed at both edges (None if empty).

    A cue that is only punctuation (a colon, a dash) is kept as is: trimming
    would erase it.
    """
    start, end = span
    s, e = start, end
    while s < e and _trim_char(text[s]):
        s += 1
    while e > s and _trim_char(text[e - 1]):
        e -= 1
    if s == e:
        stripped = text[start:end].strip()
        if not stripped:
            return None
        s = start + text[start:end].index(stripped)
        return (s, s + len(stripped))
    return (s, e)


def _norm_set(text: str, spans: Iterable[Span]) -> frozenset[Span]:
    return frozenset(n for sp in spans if (n := normalise(text, sp)) is not None)


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _any_overlap(a: frozenset[Span], b: frozenset[Span]) -> bool:
    return any(_overlaps(x, y) for x in a for y in b)


class _Counts:
    def __init__(self) -> None:
        self.tp_p = 0  # predicted units that count as correct
        self.tp_r = 0  # gold units that count as found
        self.n_pred = 0
        self.n_gold = 0

    def result(self) -> dict[str, float]:
        p = self.tp_p / self.n_pred if self.n_pred else 0.0
        r = self.tp_r / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "gold": self.n_gold, "predicted": self.n_pred}


class Scorer:
    """Accumulates counts over documents; :meth:`result` gives the metrics dict."""

    def __init__(self) -> None:
        self.counts = {(role, mode): _Counts() for role in (*ROLES, "attribution")
                       for mode in ("exact", "overlap")}
        self.documents = 0

    def add(
        self,
        text: str,
        gold: Sequence[GoldAttribution | Predicted],
        pred: Sequence[GoldAttribution | Predicted],
    ) -> None:
        self.documents += 1
        for role in ROLES:
            g = _norm_set(text, (sp for a in gold for sp in getattr(a, role)))
            p = _norm_set(text, (sp for a in pred for sp in getattr(a, role)))
            ex = self.counts[(role, "exact")]
            ex.n_gold += len(g)
            ex.n_pred += len(p)
            ex.tp_r += len(g & p)
            ex.tp_p += len(g & p)
            ov = self.counts[(role, "overlap")]
            ov.n_gold += len(g)
            ov.n_pred += len(p)
            ov.tp_r += sum(1 for x in g if any(_overlaps(x, y) for y in p))
            ov.tp_p += sum(1 for y in p if any(_overlaps(x, y) for x in g))
        self._add_attributions(text, gold, pred)

    def _add_attributions(
        self,
        text: str,
        gold: Sequence[GoldAttribution | Predicted],
        pred: Sequence[GoldAttribution | Predicted],
    ) -> None:
        flags = attribution_matches(text, gold, pred)
        for k, mode in enumerate(("exact", "overlap")):
            matched = sum(1 for f in flags if f[k])
            c = self.counts[("attribution", mode)]
            c.n_gold += len(gold)
            c.n_pred += len(pred)
            c.tp_p += matched
            c.tp_r += matched

    def result(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            role: {mode: self.counts[(role, mode)].result() for mode in ("exact", "overlap")}
            for role in (*ROLES, "attribution")
        }
        out["documents"] = self.documents
        return out


def attribution_matches(
    text: str,
    gold: Sequence[GoldAttribution | Predicted],
    pred: Sequence[GoldAttribution | Predicted],
) -> list[tuple[bool, bool]]:
    """For each predicted attribution: whether it matches a gold one (exact, overlap),
    one to one, greedy in the order given (the module's attribution match)."""
    def norm(a: GoldAttribution | Predicted) -> tuple[frozenset[Span], ...]:
        return (_norm_set(text, a.cue), _norm_set(text, a.source),
                _norm_set(text, a.content))

    g_norm = [norm(a) for a in gold]
    p_norm = [norm(a) for a in pred]
    out = {"exact": [False] * len(p_norm), "overlap": [False] * len(p_norm)}
    for mode, flags in out.items():
        used: set[int] = set()
        for i, (pc, ps, pt) in enumerate(p_norm):
            for k, (gc, gs, gt) in enumerate(g_norm):
                if k in used or not _any_overlap(pc, gc):
                    continue
                if mode == "exact":
                    ok = ps == gs and pt == gt
                else:
                    ok = ((not ps and not gs) or _any_overlap(ps, gs)) and _any_overlap(pt, gt)
                if ok:
                    used.add(k)
                    flags[i] = True
                    break
    return list(zip(out["exact"], out["overlap"], strict=True))


def predicted_from_analysis(attributions: Iterable[Any]) -> list[Predicted]:
    """fogwatch Attribution records -> char spans for scoring."""
    out: list[Predicted] = []
    for a in attributions:
        out.append(Predicted(
            cue=[(a.cue.start, a.cue.end)],
            source=[(a.source.start, a.source.end)] if a.source else [],
            content=[(c.start, c.end) for c in a.content],
        ))
    return out


def evaluate(
    path: Path,
    limit: int | None = None,
    model_dir: Path | None = None,
    full: bool = False,
) -> dict[str, Any]:
    """Run the attribution stage over a PolNeAR split folder and score it.

    ``path`` holds ``text/`` and ``attributions/`` (``metadata.tsv`` beside it or
    inside it names each article's first annotator). ``limit`` scores only the
    first N articles. ``model_dir`` scores another trained model than the shipped
    one. ``full`` runs every fogwatch stage (for the throughput figure); the
    scores are the same either way. The result also carries ``words``,
    ``seconds`` (analysis only, model loading excluded) and ``words_per_second``.
    """
    from fogwatch.analyze.attribution.model import load_model
    from fogwatch.analyze.pipeline import Pipeline
    from fogwatch.findings import Document

    path = Path(path)
    if not (path / "text").is_dir():
        raise FileNotFoundError(f"{path} has no text/ folder (expected a PolNeAR split)")
    pipe = Pipeline(stages=None if full else ["fogwatch_attribution"])
    component = pipe.nlp.get_pipe("fogwatch_attribution")
    if model_dir is not None:
        component.model_dir = str(model_dir)
    articles: list[Article] = read_split(path, limit=limit)
    pipe.analyze(Document.create("Warm-up: officials said the model is loaded."))
    scorer = Scorer()
    words = 0
    seconds = 0.0
    errors: list[str] = []
    for article in articles:
        document = Document.create(article.text)
        started = time.perf_counter()
        try:
            attributions = pipe.analyze(document).attributions
        except Exception as exc:  # another stage failing must not sink the evaluation
            errors.append(f"{article.name}: {type(exc).__name__}: {exc}")
            attributions = _attribution_only(pipe, document)
        seconds += time.perf_counter() - started
        scorer.add(article.text, article.attributions, predicted_from_analysis(attributions))
        words += len(article.text.split())
    result = scorer.result()
    result["stages"] = [s.factory for s in pipe.stages]
    result["model"] = str(load_model(component.model_dir).dir)
    result["words"] = words
    result["seconds"] = round(seconds, 2)
    result["words_per_second"] = round(words / seconds) if seconds else None
    # documents where a stage before attribution failed; they were scored with
    # the attribution stage alone (sources then keep spaCy-based entity keys)
    result["errors"] = errors
    return result


def _attribution_only(pipe: Any, document: Any) -> list[Any]:
    others = [n for n in pipe.nlp.pipe_names
              if n.startswith("fogwatch_") and n != "fogwatch_attribution"]
    with pipe.nlp.select_pipes(disable=others):
        doc = pipe.nlp(pipe.make_doc(document))
    return list(doc._.fw_attributions or [])


def render(result: dict[str, Any]) -> str:
    """A plain-text table of the metrics."""
    lines = [f"PolNeAR attribution ({result.get('documents', 0)} documents, "
             f"{result.get('words', 0)} words, {result.get('words_per_second')} words/s)",
             *([f"  model: {result['model']}"] if result.get("model") else []),
             *(f"  stage error (scored with attribution alone): {e}"
               for e in result.get("errors", [])),
             f"{'role':<12} {'match':<8} {'P':>7} {'R':>7} {'F1':>7} {'gold':>7} {'pred':>7}"]
    for role in (*ROLES, "attribution"):
        for mode in ("exact", "overlap"):
            m = result[role][mode]
            lines.append(f"{role:<12} {mode:<8} {m['precision']:>7.3f} {m['recall']:>7.3f} "
                         f"{m['f1']:>7.3f} {m['gold']:>7} {m['predicted']:>7}")
    return "\n".join(lines)
