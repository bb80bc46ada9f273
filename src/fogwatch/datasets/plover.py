"""Reading the PLOVER gold standard records (PLOVER_GSR_CAMEO.txt).

The file is one JSON list. Each record has a sentence (``text``), a category
(``event``, in the old PLOVER 0.5 names) and actors (``source[].actorText``,
``target[].actorText``); a header record with ``event`` DOCUMENT describes the
file. The 0.5 names map to PLOVER 2.0 through :data:`OLD_TO_NEW` (documented in
docs/plover-mapping.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# PLOVER 0.5 category -> PLOVER 2.0 category (see docs/plover-mapping.md).
OLD_TO_NEW: dict[str, str] = {
    "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
    "YIELD": "CONCEDE", "ENGAGE": "COOPERATE", "ASSAULT": "ASSAULT",
}


def map_category(old: str) -> str:
    return OLD_TO_NEW.get(old, old)


def load_records(path: Path) -> list[dict[str, Any]]:
    """The gold records (the DOCUMENT header record dropped)."""
    data = json.loads(Path(path).read_text("utf-8"))
    return [r for r in data if r.get("event") and r.get("event") != "DOCUMENT" and r.get("text")]


def actor_texts(field: Any) -> list[str]:
    """The ``actorText`` of each actor of a record's ``source`` or ``target``."""
    if not field or isinstance(field, str):
        return []
    return [a["actorText"] for a in field if isinstance(a, dict) and a.get("actorText")]
