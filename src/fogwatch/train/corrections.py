"""An analyst's corrections of attributions as training data for the taggers.

``fogwatch train attribution --corrections DB`` reads the store's corrections
of attributions (:mod:`fogwatch.store.corrections`) and turns each corrected
document into PolNeAR's terms, spans of characters on the stored text:

- an attribution confirmed, or added by hand, is a gold attribution: its cue,
  source and content (an added one's as the analyst selected them; a confirmed
  one's as stored, after any ``set``);
- a rejected attribution's cue is a cue that is not one: its tokens are
  labelled outside;
- a ``set`` changes a stance, a kind or a source's entity, none of which the
  taggers learn: it teaches nothing and is counted as unused. (The store has no
  correction that moves a source or content span; an analyst who fixes spans
  rejects the machine's attribution and adds the right one on the same cue.)

Several corrections on one cue: the latest of reject, confirm and add decides.
A correction whose words are no longer the document's (orphaned by an edit of
the text) is left out; one orphaned because the machine no longer finds the
attribution still says what the analyst saw, and is kept.

Only the sentences that hold a correction become training sequences: the rest
of a stored document is the machine's output, not gold. In those sentences
the cue tagger's sequence also marks the cues of the machine's attributions the
analyst left alone (they were shown and not rejected); the role tagger and the
role network learn only from the confirmed and added attributions.

This module reads the store and keeps plain records (they travel to the
training processes); :func:`fogwatch.train.attribution.corrected_instances`
makes the sequences from them and the parses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fogwatch.datasets.polnear import GoldAttribution
from fogwatch.store import Store

Span = tuple[int, int]
KIND = "attributions"
PAGE = 1000


@dataclass(slots=True)
class CorrectedDocument:
    """One stored document's corrections of attributions, as spans of its text."""

    id: str
    text: str
    gold: list[GoldAttribution] = field(default_factory=list)  # confirmed and added
    rejected: list[Span] = field(default_factory=list)  # cues that are not cues
    shown: list[Span] = field(default_factory=list)  # other machine cues, not rejected

    def anchors(self) -> list[Span]:
        """The corrected cues: the sentences that hold them are trained on."""
        return sorted({tuple(g.cue[0]) for g in self.gold if g.cue} | set(self.rejected))


@dataclass(slots=True)
class CorrectionSet:
    """What a store's corrections give the taggers, and what they could not."""

    store: str
    documents: list[CorrectedDocument]
    used: Counter[str] = field(default_factory=Counter)  # action -> corrections used
    unused: Counter[str] = field(default_factory=Counter)  # reason -> corrections

    def summary(self) -> dict[str, Any]:
        return {"store": self.store, "documents": len(self.documents),
                "gold_attributions": sum(len(d.gold) for d in self.documents),
                "rejected_cues": sum(len(d.rejected) for d in self.documents),
                "used": dict(sorted(self.used.items())),
                "unused": dict(sorted(self.unused.items()))}


def read_corrections(store: Store) -> CorrectionSet:
    """The store's corrections of attributions in force (not withdrawn), by document."""
    by_doc: dict[str, list[Any]] = {}
    for c in all_pages(lambda limit, offset: store.list_corrections(
            kind=KIND, limit=limit, offset=offset)):
        by_doc.setdefault(c.document, []).append(c)
    out = CorrectionSet(store.url, [])
    for doc_id in sorted(by_doc):
        analysis = store.get_analysis(doc_id)
        if analysis is None:
            out.unused["document not analysed"] += len(by_doc[doc_id])
            continue
        doc = corrected_document(doc_id, analysis.document.text, analysis.get(KIND),
                                 by_doc[doc_id], out)
        if doc.gold or doc.rejected:
            out.documents.append(doc)
    return out


def all_pages(fetch: Callable[[int, int], tuple[list[Any], int]]) -> list[Any]:
    """Every record of a store's paged listing: ``fetch(limit, offset)`` returns a
    page and how many there are in all."""
    out: list[Any] = []
    while True:
        page, total = fetch(PAGE, len(out))
        out.extend(page)
        if not page or len(out) >= total:
            return out


def corrected_document(doc_id: str, text: str, findings: list[Any], found: list[Any],
                       tally: CorrectionSet) -> CorrectedDocument:
    """One document's corrections (``found``, any order) on its stored attributions
    (``findings``, corrected as stored); counts go into ``tally``."""
    decided: dict[Span, list[Any]] = {}
    for c in sorted(found, key=lambda c: c.id):
        if text[c.anchor_start:c.anchor_end] != c.anchor_text:
            tally.unused["words no longer in the document"] += 1
        elif c.action == "set":
            tally.unused[f"set {c.field} (not learned by the taggers)"] += 1
        else:
            span = (c.anchor_start, c.anchor_end)
            before = decided.get(span, [])
            if c.action == "add" and before and before[-1].action == "add":
                before.append(c)  # two attributions on one cue ("X and Y said")
                continue
            if before:
                tally.unused["overruled by a later correction of the same cue"] += len(before)
            decided[span] = [c]
    by_cue: dict[Span, Any] = {}
    for a in findings:
        by_cue.setdefault((a.cue.start, a.cue.end), a)
    doc = CorrectedDocument(doc_id, text)
    for span, c in sorted(((span, c) for span, cs in decided.items() for c in cs),
                          key=lambda sc: (sc[0], sc[1].id)):
        if c.action == "reject":
            doc.rejected.append(span)
        elif c.action == "add" and isinstance(c.value, dict):
            source = c.value.get("source")
            doc.gold.append(GoldAttribution(
                cue=[span], source=[(source["start"], source["end"])] if source else [],
                content=sorted((s["start"], s["end"]) for s in c.value.get("content") or [])))
        elif c.action == "confirm" and span in by_cue:
            a = by_cue[span]
            doc.gold.append(GoldAttribution(
                cue=[span], source=[(a.source.start, a.source.end)] if a.source else [],
                content=sorted((s.start, s.end) for s in a.content)))
        else:
            tally.unused[f"{c.action}: no attribution on its cue any more"] += 1
            continue
        tally.used[c.action] += 1
    doc.shown = sorted(span for span in by_cue if span not in decided)
    return doc
