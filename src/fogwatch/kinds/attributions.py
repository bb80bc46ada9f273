"""Attributions: who says what (source, cue, content) and the reporter's stance toward it."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from fogwatch.dating import when
from fogwatch.export.columns import PROVENANCE, Column
from fogwatch.export.convert import as_float, as_int, provenance, span_fields, spans
from fogwatch.findings import Attribution, TextSpan
from fogwatch.kinds.spec import (
    KEY,
    Filter,
    FindingKind,
    Mark,
    View,
    one_of,
    register,
    span,
    text,
)
from fogwatch.serve.links import key_url

STANCES = ("asserted", "hedged", "disputed", "refuted", "unconfirmed")


def _row(data: Mapping[str, Any]) -> dict[str, Any]:
    """Start and end cover every span the attribution has (cue, content, source)."""
    found: list[Mapping[str, Any]] = []
    for name in ("cue", "content", "source"):
        value = data.get(name)
        if isinstance(value, dict):
            found.append(value)
        elif isinstance(value, list):
            found.extend(v for v in value if isinstance(v, dict))
    start = min(s["start"] for s in found) if found else None
    end = max(s["end"] for s in found) if found else None
    return {"start": start, "end": end}


def _anchor(data: Mapping[str, Any]) -> tuple[int, int] | None:
    """A correction finds an attribution again by its cue ("said", "according to")."""
    cue = data.get("cue") or {}
    start, end = cue.get("start"), cue.get("end")
    return (start, end) if isinstance(start, int) and isinstance(end, int) else None


def _after_set(a: Attribution, field: str, replaced: Any) -> Any:
    """New source words that overlap the ones they replace name the same speaker
    ("the Ukrainian General Staff" -> "Ukrainian General Staff"): the entity stays.
    The replaced words are kept with the entity the record had, which a
    withdrawal gives back."""
    if field != "source":
        return replaced
    if isinstance(replaced, TextSpan) and replaced.entity is None:
        replaced = dataclasses.replace(replaced, entity=a.source_entity)
    new = a.source
    if (new is not None and new.entity is None and isinstance(replaced, TextSpan)
            and new.start < replaced.end and replaced.start < new.end):
        new.entity = replaced.entity
    a.source_entity = new.entity if new is not None else None
    return replaced


def _export(r: Mapping[str, Any]) -> dict[str, Any]:
    d = r["data"]
    cue_text, cue_start, cue_end = span_fields(d.get("cue"))
    src_text, src_start, src_end = span_fields(d.get("source"))
    content = spans(d.get("content"))
    return {
        **provenance(r), "cue_text": cue_text, "cue_start": cue_start, "cue_end": cue_end,
        "source_text": src_text, "source_start": src_start, "source_end": src_end,
        "source_entity": r["source_entity"],
        "content_text": " ".join(str(s["text"]) for s in content) if content else None,
        "content": content, "kind": r["kind"], "stance": r["stance"],
        "disputed_by": [int(i) for i in d.get("disputed_by") or []],
        "nested_in": as_int(d.get("nested_in")), "time": as_int(d.get("time")),
        "time_value": d.get("time_value"), "time_precision": d.get("time_precision"),
        "confidence": as_float(d.get("confidence")),
    }


def _marks(a: Attribution) -> list[Mark]:
    out = [Mark("cue", a.cue.start, a.cue.end)]
    if a.source is not None:
        out.append(Mark("source", a.source.start, a.source.end))
    out.extend(Mark("content", c.start, c.end) for c in a.content)
    return out


def _details(a: Attribution, view: View) -> dict[str, Any]:
    who = view.name_of(a.source_entity) or (a.source.text if a.source else None)
    said = " … ".join(c.text for c in a.content)
    dating = when(view.analysis, a)
    return {
        "kind": "cue", "title": f"{who or 'unnamed source'} — “{a.cue.text}”",
        "stance": a.stance,
        "fields": [["source", who], ["says", said], ["kind", a.kind],
                   ["reporter's stance", a.stance],
                   ["when said", dating.label if dating.dated else None],
                   ["confidence", None if a.confidence is None else f"{a.confidence:.2f}"]],
        "link": key_url(a.source_entity, view.names),
    }


ATTRIBUTIONS = register(FindingKind(
    name="attributions", record=Attribution, label="attribution", id_prefix="a", priority=6,
    doc="Who says what: the source, the reporting cue, the content, direct or indirect, "
        "and the reporter's stance toward it.",
    columns=(
        sa.Column("source_entity", sa.String),
        sa.Column("stance", sa.String),
        sa.Column("kind", sa.String),
    ),
    indexes=("source_entity", "stance", "kind"),
    row=_row,
    filters=(
        Filter("source", "source_entity", doc="the source's entity key"),
        Filter("stance", "stance", choices=STANCES, doc="the reporter's stance"),
        Filter("kind", "kind", choices=("direct", "indirect", "mixed"),
               doc="direct (quoted), indirect or mixed"),
    ),
    export_columns=(
        *PROVENANCE[:2],
        Column("start", "int", "start of the span covering cue, source and content"),
        Column("end", "int", "end of that covering span (exclusive)"),
        PROVENANCE[4],
        Column("cue_text", "string", "the reporting words (said, claimed, according to)"),
        Column("cue_start", "int", "offset of the cue"),
        Column("cue_end", "int", "end offset of the cue"),
        Column("source_text", "string", "who speaks, as written"),
        Column("source_start", "int", "offset of the source"),
        Column("source_end", "int", "end offset of the source"),
        Column("source_entity", "string", "entity key of the source, when resolved"),
        Column("content_text", "string", "the content spans' text joined with a space"),
        Column("content", "list<span>", "list of content spans: {text, start, end}"),
        Column("kind", "string", "direct, indirect or mixed"),
        Column("stance", "string", "the reporter's stance: asserted, hedged, disputed, refuted, "
               "unconfirmed"),
        Column("disputed_by", "list<int>", "idx of attributions in the same document that "
               "dispute it"),
        Column("nested_in", "int", "idx of the attribution it is nested in"),
        Column("time", "int", "idx of the time finding that dates it"),
        Column("time_value", "string", "TimeML value of the time that dates it (worked out "
               "for \"three months after ...\", which has no time idx), empty: undated"),
        Column("time_precision", "string", "precision of time_value: day, week, month, "
               "season, quarter, half, year, decade, century"),
        Column("confidence", "float", "how likely the attribution is right (0-1): the share "
               "of attributions so scored whose cue, source and content overlap a PolNeAR "
               "annotator's, from the taggers' own probabilities; empty: not scored"),
    ),
    export_row=_export,
    legend={"cue": "Attribution cue", "source": "Source", "content": "Attributed content"},
    marks=_marks,
    details=_details,
    index_fields={"disputed_by": "attributions", "nested_in": "attributions",
                  "time": "times"},
    editable={"stance": one_of(*STANCES), "kind": one_of("direct", "indirect", "mixed"),
              "source_entity": text(200, pattern=KEY, nullable=True),
              # the words: who speaks, and what is said (one or more pieces)
              "source": span(), "content": span(many=True)},
    after_set=_after_set,
    anchor=_anchor,
    confidence="confidence",
))
