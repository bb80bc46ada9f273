"""Score event categories on PETRARCH validation records (e.g. PETR2_GSR_validation.xml).

Records are read by :mod:`fogwatch.datasets.petrarch`: a sentence with its gold
CAMEO event codes. Gold CAMEO codes become PLOVER 2.0 categories through the
CAMEO -> PLOVER table shipped in the event lexicon (public-statement codes, 01x, are no event).
Actors are CAMEO actor codes, not text, so only categories are scored:

- ``main``: the main event's category is one of the record's gold categories
  (records with at least one gold event);
- ``events``: precision and recall of the set of categories per record.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fogwatch.analyze.events.lexicon import LEXICON_PATH
from fogwatch.datasets.petrarch import read_records
from fogwatch.evaluate.plover import analyse_sentences, main_event, prf


def cameo_table() -> dict[str, list[str | None]]:
    return json.loads(LEXICON_PATH.read_text("utf-8"))["cameo_to_plover"]


def to_plover(code: str, table: dict[str, list[str | None]]) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]][0]
    return None


def evaluate(path: Path, limit: int | None = None, stages: Sequence[str] | None = None,
             **_: Any) -> dict[str, Any]:
    table = cameo_table()
    records = [r for r in read_records(Path(path)) if r.evaluate]
    if limit:
        records = records[:limit]
    n_main = correct = 0
    tp_pred = n_pred = tp_gold = n_gold = 0
    for rec, doc in zip(records, analyse_sentences((r.text for r in records), stages),
                        strict=True):
        gold = {c for c in (to_plover(code, table) for code in rec.codes) if c}
        predicted = {r.event.type for r in (doc._.fw_event_reads or [])}
        if gold:
            n_main += 1
            read = main_event(doc)
            if read is not None and read.event.type in gold:
                correct += 1
        tp_pred += len(predicted & gold)
        n_pred += len(predicted)
        tp_gold += len(gold & predicted)
        n_gold += len(gold)
    return {
        "n": len(records),
        "n_with_events": n_main,
        "main": {"accuracy": round(correct / n_main, 4) if n_main else 0.0},
        "events": prf(tp_pred, n_pred, tp_gold, n_gold),
    }


def render(result: dict[str, Any]) -> str:
    e = result["events"]
    return "\n".join([
        f"PETRARCH records: {result['n']} ({result['n_with_events']} with a PLOVER-mappable event)",
        f"main-event category accuracy: {result['main']['accuracy']:.3f}",
        f"category sets per record: precision {e['precision']:.3f}  recall {e['recall']:.3f}  "
        f"f1 {e['f1']:.3f}",
    ])
