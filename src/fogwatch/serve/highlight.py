"""A document's text cut into segments, each tagged with the findings that cover it.

Findings overlap (a place name inside a quoted claim inside an attribution), so
instead of nesting tags the text is cut at every finding boundary; each segment
carries the kinds (for styling) and ids (for the details panel) of every finding
covering it. The template escapes the text; nothing here produces markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fogwatch.findings import Analysis
from fogwatch.serve.links import entity_url, key_url

# Kind -> label shown in the legend and the details panel.
KINDS: dict[str, str] = {
    "entity": "Entity",
    "time": "Time",
    "source": "Source",
    "cue": "Attribution cue",
    "content": "Attributed content",
    "event": "Event",
    "quantity": "Quantity",
    "place": "Place",
    "mark": "Linked passage",
}


# On equal spans the more specific finding comes first (a place before the entity
# it resolves; a number before the event it counts).
_PRIORITY = {k: i for i, k in enumerate(
    ("mark", "quantity", "time", "place", "entity", "event", "cue", "source", "content")
)}


@dataclass(slots=True)
class Segment:
    text: str
    kinds: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    start: int = 0

    @property
    def css(self) -> str:
        return " ".join(f"k-{k}" for k in self.kinds)


@dataclass(slots=True)
class Highlighted:
    segments: list[Segment]
    details: dict[str, dict[str, Any]]  # finding id -> what fogwatch made of it
    counts: dict[str, int]  # kind -> number of findings


def _fmt_number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def highlight(
    analysis: Analysis, *, mark: tuple[int, int] | None = None, prefix: str = ""
) -> Highlighted:
    """Segments of ``analysis.document.text`` and the details of every finding.

    ``mark`` is an extra span to flag (a passage another page linked to);
    ``prefix`` keeps finding ids unique when several documents share a page.
    """
    text = analysis.document.text
    spans: list[tuple[int, int, str, str]] = []
    details: dict[str, dict[str, Any]] = {}
    names = {e.key: e.name for e in analysis.entities}
    place_names = {p.key: p.name for p in analysis.places}
    counts = {k: 0 for k in KINDS if k != "mark"}

    def name_of(key: str | None) -> str | None:
        return names.get(key, key) if key else None

    def add(fid: str, start: int | None, end: int | None, kind: str) -> None:
        if start is None or end is None or not 0 <= start < end <= len(text):
            return
        spans.append((start, end, kind, fid))

    for i, ent in enumerate(analysis.entities):
        fid = f"{prefix}e{i}"
        details[fid] = {
            "kind": "entity", "title": ent.name,
            "fields": [["type", ent.type], ["key", ent.key], ["description", ent.description],
                       ["aliases", ", ".join(a for a in ent.aliases if a != ent.name) or None],
                       ["mentions here", str(len(ent.mentions))]],
            "link": entity_url(ent.key),
        }
        counts["entity"] += 1
        for m in ent.mentions:
            add(fid, m.start, m.end, "entity")

    for i, t in enumerate(analysis.times):
        fid = f"{prefix}t{i}"
        interval = " to ".join(t.interval) if t.interval else None
        details[fid] = {
            "kind": "time", "title": t.text,
            "fields": [["type", t.type], ["value", t.value], ["interval", interval],
                       ["anchored on", t.anchor], ["modifier", t.mod]],
        }
        counts["time"] += 1
        add(fid, t.start, t.end, "time")

    for i, a in enumerate(analysis.attributions):
        fid = f"{prefix}a{i}"
        who = name_of(a.source_entity) or (a.source.text if a.source else None)
        said = " … ".join(c.text for c in a.content)
        when = None
        if a.time is not None and 0 <= a.time < len(analysis.times):
            when = analysis.times[a.time].value
        details[fid] = {
            "kind": "cue", "title": f"{who or 'unnamed source'} — “{a.cue.text}”",
            "stance": a.stance,
            "fields": [["source", who], ["says", said], ["kind", a.kind],
                       ["reporter's stance", a.stance], ["when said", when]],
            "link": key_url(a.source_entity, names),
        }
        counts["cue"] += 1
        add(fid, a.cue.start, a.cue.end, "cue")
        if a.source is not None:
            counts["source"] += 1
            add(fid, a.source.start, a.source.end, "source")
        counts["content"] += len(a.content)
        for c in a.content:
            add(fid, c.start, c.end, "content")

    for i, ev in enumerate(analysis.events):
        fid = f"{prefix}v{i}"
        details[fid] = {
            "kind": "event", "title": f"{ev.type}: {ev.trigger.text}",
            "modality": ev.modality,
            "fields": [["category", ev.type], ["modality", ev.modality],
                       ["actors", ", ".join(name_of(k) or k for k in ev.actors) or None],
                       ["targets", ", ".join(name_of(k) or k for k in ev.targets) or None],
                       ["place", place_names.get(ev.place, ev.place) if ev.place else None],
                       ["time", ev.time_value]],
        }
        counts["event"] += 1
        add(fid, ev.trigger.start, ev.trigger.end, "event")

    for i, q in enumerate(analysis.quantities):
        fid = f"{prefix}q{i}"
        value = None if q.value is None else _fmt_number(q.value)
        if value is not None and q.upper is not None:
            value = f"{value}–{_fmt_number(q.upper)}"
        details[fid] = {
            "kind": "quantity", "title": q.text,
            "fields": [["value", value], ["unit", q.unit], ["approximation", q.approx],
                       ["counts", q.counted]],
        }
        counts["quantity"] += 1
        add(fid, q.start, q.end, "quantity")

    for i, p in enumerate(analysis.places):
        fid = f"{prefix}p{i}"
        coords = f"{p.lat:.4f}, {p.lon:.4f}" if p.lat is not None and p.lon is not None else None
        details[fid] = {
            "kind": "place", "title": p.name,
            "fields": [["coordinates", coords], ["region", p.admin1], ["country", p.country],
                       ["gazetteer id", p.key]],
            "link": key_url(p.entity, names),
        }
        counts["place"] += 1
        for m in p.mentions:
            add(fid, m.start, m.end, "place")

    if mark is not None:
        details[f"{prefix}mark"] = {"kind": "mark", "title": "the passage you followed",
                                    "fields": []}
        add(f"{prefix}mark", mark[0], mark[1], "mark")

    return Highlighted(segments=_segments(text, spans), details=details, counts=counts)


def _segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    starts: dict[int, list[tuple[int, int, str, str]]] = {}
    for span in spans:
        starts.setdefault(span[0], []).append(span)
    active: list[tuple[int, int, str, str]] = []
    out: list[Segment] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = [s for s in active if s[1] > left]
        active.extend(starts.get(left, ()))
        if not active:
            out.append(Segment(text[left:right], start=left))
            continue
        # Innermost (shortest) first: hovering shows the most specific finding on top.
        ordered = sorted(active, key=lambda s: (s[1] - s[0], _PRIORITY.get(s[2], 99), s[3]))
        kinds = list(dict.fromkeys(s[2] for s in ordered))
        ids = list(dict.fromkeys(s[3] for s in ordered))
        out.append(Segment(text[left:right], kinds, ids, left))
    return out
