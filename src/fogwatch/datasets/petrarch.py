"""Reading PETRARCH validation records (e.g. PETR2_GSR_validation.xml).

Each record is a ``<Sentence .../>`` marker followed by its ``<EventCoding
eventcode=... sourcecode=... targetcode=.../>`` lines and a ``<Text>``. The
files hold non-XML comment lines, so they are read with patterns, not an XML
parser. A record marked ``evaluate="false"`` is kept with ``evaluate`` False.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_SENTENCE = re.compile(r"<Sentence\b([^>]*)/?>")
_CODING = re.compile(r"<EventCoding\b([^>]*)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(slots=True)
class Record:
    id: str
    text: str
    codes: list[str] = field(default_factory=list)  # gold CAMEO event codes
    evaluate: bool = True


def read_records(path: Path) -> list[Record]:
    """Records in file order (read with patterns: the files hold non-XML comment lines)."""
    raw = Path(path).read_text("utf-8", errors="replace")
    out: list[Record] = []
    marks = list(_SENTENCE.finditer(raw))
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(raw)
        body = raw[m.end():end]
        attrs = dict(_ATTR.findall(m.group(1)))
        text_m = _TEXT.search(body)
        if not text_m:
            continue
        codes = [dict(_ATTR.findall(c.group(1))).get("eventcode", "") for c in _CODING.finditer(body)]
        out.append(Record(
            id=attrs.get("id", str(k)), text=" ".join(text_m.group(1).split()),
            codes=[c for c in codes if c], evaluate=attrs.get("evaluate", "true") != "false",
        ))
    return out
