"""A document's text cut into segments, each tagged with the findings that cover it.

Findings overlap (a place name inside a quoted claim inside an attribution), so
instead of nesting tags the text is cut at every finding boundary; each segment
carries the kinds (for styling) and ids (for the details panel) of every finding
covering it. The template escapes the text; nothing here produces markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fogwatch.findings import Analysis, to_dict
from fogwatch.kinds import registry
from fogwatch.kinds.spec import FindingKind, Mark, View
from fogwatch.serve.links import entity_url

# Highlight classes fogwatch itself owns; every registered finding kind adds its
# own (FindingKind.legend), after the entities.
_ENTITY = {"entity": "Entity"}
_MARK = {"rejected": "Rejected by an analyst", "mark": "Linked passage"}


def legend() -> dict[str, str]:
    """Highlight class -> label shown in the legend and the details panel."""
    out = dict(_ENTITY)
    for kind in registry.kinds():
        out.update(kind.legend)
    out.update(_MARK)
    return out


def __getattr__(name: str) -> dict[str, str]:
    if name == "KINDS":  # computed on use: plug-in kinds register after import
        return legend()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _priorities() -> dict[str, int]:
    """On equal spans the more specific finding comes first (a place before the
    entity it resolves; a number before the event it counts)."""
    ranked: list[tuple[int, int, str]] = [(-1, 0, "mark"), (4, 0, "entity")]
    for kind in registry.kinds():
        ranked.extend((kind.priority, i, css) for i, css in enumerate(kind.legend))
    return {css: n for n, (_, _, css) in enumerate(sorted(ranked))}


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


def highlight(
    analysis: Analysis, *, mark: tuple[int, int] | None = None, prefix: str = ""
) -> Highlighted:
    """Segments of ``analysis.document.text`` and the details of every finding.

    ``mark`` is an extra span to flag (a passage another page linked to);
    ``prefix`` keeps finding ids unique when several documents share a page.
    What each kind highlights and shows is the kind's to say (:mod:`fogwatch.kinds`).
    """
    text = analysis.document.text
    spans: list[tuple[int, int, str, str]] = []
    details: dict[str, dict[str, Any]] = {}
    view = View(
        analysis=analysis,
        names={e.key: e.name for e in analysis.entities},
        place_names={p.key: p.name for p in analysis.places},
    )
    counts = {k: 0 for k in legend() if k != "mark"}

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

    for kind in registry.kinds():
        for i, finding in enumerate(analysis.get(kind.name)):
            fid = f"{prefix}{kind.id_prefix}{i}"
            shown = kind.details(finding, view)
            details[fid] = {"kind": next(iter(kind.legend)), "title": kind.label,
                            "fields": [], **shown}
            data = to_dict(finding)
            if kind.anchor_of(data) is not None:  # what the page needs to correct it
                details[fid]["ref"] = {"kind": kind.name, "document": analysis.document.id,
                                       "idx": i}
                details[fid]["edit"] = edit_fields(kind, data)
            marks = list(kind.marks(finding))
            if analysis.rejected(kind.name, i):  # shown only when asked for
                details[fid]["review"] = "rejected"
                marks = [Mark("rejected", m.start, m.end, n == 0) for n, m in enumerate(marks)]
            for css, start, end, counted in marks:
                counts[css] = counts.get(css, 0) + counted
                add(fid, start, end, css)

    if mark is not None:
        details[f"{prefix}mark"] = {"kind": "mark", "title": "the passage you followed",
                                    "fields": []}
        add(f"{prefix}mark", mark[0], mark[1], "mark")

    return Highlighted(segments=_segments(text, spans), details=details, counts=counts)


def edit_fields(spec: FindingKind, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The fields a correction may set on a finding, with the value it has now
    (text, as a form shows it) and the choices, for a field that has them."""
    out = []
    for name, check in spec.editable.items():
        value = data.get(name)
        show = getattr(check, "show", None)
        if show is not None and value is not None:
            value = show(value)
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, float) and value.is_integer():
            value = str(int(value))
        out.append({"field": name, "value": "" if value is None else str(value),
                    "choices": list(getattr(check, "choices", ()) or ())})
    return out


def _segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    starts: dict[int, list[tuple[int, int, str, str]]] = {}
    for span in spans:
        starts.setdefault(span[0], []).append(span)
    active: list[tuple[int, int, str, str]] = []
    out: list[Segment] = []
    priority = _priorities()
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = [s for s in active if s[1] > left]
        active.extend(starts.get(left, ()))
        if not active:
            out.append(Segment(text[left:right], start=left))
            continue
        # Innermost (shortest) first: hovering shows the most specific finding on top.
        ordered = sorted(active, key=lambda s: (s[1] - s[0], priority.get(s[2], 99), s[3]))
        kinds = list(dict.fromkeys(s[2] for s in ordered))
        ids = list(dict.fromkeys(s[3] for s in ordered))
        out.append(Segment(text[left:right], kinds, ids, left))
    return out
