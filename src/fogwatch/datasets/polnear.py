"""Reading PolNeAR (BRAT standoff attribution annotations) into plain records.

Layout: ``<split>/text/<name>.txt`` and ``<split>/attributions/<name>_<annotator>.ann``;
``metadata.tsv`` one level up lists the annotators of each article, first one first.
Spans may be discontinuous (``start end;start end``); an attribution event links
one Cue with a Source (optional) and one or more Content spans.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

Span = tuple[int, int]


@dataclass(slots=True)
class GoldAttribution:
    cue: list[Span]
    source: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    name: str
    text: str
    attributions: list[GoldAttribution]


def _spans(field_text: str) -> list[Span]:
    out: list[Span] = []
    for part in field_text.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return out


def parse_ann(ann: str) -> list[GoldAttribution]:
    """Attributions of one .ann file (events; text-bound roles resolved to spans)."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0]:
            continue
        if cols[0].startswith("T"):
            label, _, offsets = cols[1].partition(" ")
            try:
                spans[cols[0]] = (label, _spans(offsets))
            except ValueError:
                continue  # a malformed span line: skip it rather than lose the article
        elif cols[0].startswith("E"):
            args = [tuple(a.split(":", 1)) for a in cols[1].split() if ":" in a]
            events.append([(role, ref) for role, ref in args])
    out: list[GoldAttribution] = []
    for args in events:
        gold = GoldAttribution(cue=[])
        for role, ref in args:
            if ref not in spans:
                continue
            role = role.rstrip("0123456789")
            if role == "Cue":
                gold.cue.extend(spans[ref][1])
            elif role == "Source":
                gold.source.extend(spans[ref][1])
            elif role == "Content":
                gold.content.extend(spans[ref][1])
        if gold.cue:
            gold.cue.sort()
            gold.source.sort()
            gold.content.sort()
            out.append(gold)
    return out


def first_annotators(root: Path) -> dict[str, str]:
    """Article name -> first listed annotator, from ``metadata.tsv`` (if present)."""
    meta = root / "metadata.tsv"
    if not meta.exists():
        return {}
    with meta.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        return {
            r["filename"]: r["annotators"].split("|")[0]
            for r in rows
            if r.get("annotators") and r["annotators"] != "None"
        }


def read_split(split_dir: Path, limit: int | None = None) -> list[Article]:
    """Every article of a split with its first annotator's attributions.

    The annotator comes from ``metadata.tsv`` beside the split folder; without it
    (or for articles it does not list) the alphabetically first .ann file is used.
    """
    split_dir = Path(split_dir)
    first = first_annotators(split_dir.parent) or first_annotators(split_dir)
    ann_dir = split_dir / "attributions"
    articles: list[Article] = []
    for txt in sorted((split_dir / "text").glob("*.txt")):
        name = txt.stem
        ann_path = ann_dir / f"{name}_{first[name]}.ann" if name in first else None
        if ann_path is None or not ann_path.exists():
            candidates = sorted(ann_dir.glob(f"{name}_*.ann"))
            if not candidates:
                continue
            ann_path = candidates[0]
        text = txt.read_text(encoding="utf-8")
        articles.append(Article(name, text, parse_ann(ann_path.read_text(encoding="utf-8"))))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def char_to_tokens(doc: Doc, spans: list[Span]) -> set[int]:
    """Indices of the (non-space) tokens that overlap any of ``spans``."""
    out: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        out.update(t.i for t in span if not t.is_space)
    return out
