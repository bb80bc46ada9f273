"""Events: who did what to whom, where, when, and whether it happened (PLOVER categories)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from fogwatch.dating import of_value
from fogwatch.export.columns import PROVENANCE, Column
from fogwatch.export.convert import as_int, provenance
from fogwatch.findings import PLOVER_CATEGORIES, Event, modality_label
from fogwatch.kinds.spec import KEY, Filter, FindingKind, Mark, View, keys, one_of, register, text
from fogwatch.kinds.times import ISO_DAY

MODALITIES = ("happened", "claimed", "denied", "planned", "threatened", "hypothetical", "negated",
              "unknown")
# A TimeML value an analyst may date an event by: a day, week, month, season,
# year ("2025-11-03", "2025-W45", "2025-SU"), or DCT (the document's day).
TIME_VALUE = r"DCT|\d{4}(-(\d{2}(-\d{2})?|W\d{2}|SP|SU|FA|WI|Q[1-4]|H[12]))?"


def _row(data: Mapping[str, Any]) -> dict[str, Any]:
    trigger = data.get("trigger") or {}
    return {"start": trigger.get("start"), "end": trigger.get("end")}


def _export(r: Mapping[str, Any]) -> dict[str, Any]:
    d = r["data"]
    return {
        **provenance(r), "trigger_text": (d.get("trigger") or {}).get("text"),
        "type": r["type"], "mode": d.get("mode"),
        "actors": [str(a) for a in d.get("actors") or []],
        "targets": [str(t) for t in d.get("targets") or []],
        "place": r["place"], "time": as_int(d.get("time")), "time_value": r["time_value"],
        "time_precision": d.get("time_precision"),
        **_dates(r["time_value"]),
        "modality": r["modality"], "attribution": as_int(d.get("attribution")),
    }


def _dates(time_value: str | None) -> dict[str, Any]:
    """First and last day of the anchoring time (empty when undated, and for the
    article's present, whose day is the document's ``dct``)."""
    dating = of_value(time_value)
    return {"date_start": dating.start, "date_end": dating.end}


def _marks(ev: Event) -> list[Mark]:
    return [Mark("event", ev.trigger.start, ev.trigger.end)]


def _details(ev: Event, view: View) -> dict[str, Any]:
    def names(keys: list[str]) -> str | None:
        return ", ".join(view.name_of(k) or k for k in keys) or None

    place = view.place_names.get(ev.place, ev.place) if ev.place else None
    return {
        "title": f"{ev.type}: {ev.trigger.text}", "modality": ev.modality,
        "fields": [["category", ev.type],
                   ["modality", modality_label(ev.modality)],
                   ["actors", names(ev.actors)], ["targets", names(ev.targets)],
                   ["place", place], ["time", ev.time_value]],
    }


EVENTS = register(FindingKind(
    name="events", record=Event, label="event", id_prefix="v", priority=5,
    doc="Events as each document reports them: a PLOVER category, actors, targets, place, "
        "time, and whether the document says it happened or only that it was claimed, "
        "denied, planned or threatened (unknown when it gives no evidence either way).",
    columns=(
        sa.Column("type", sa.String),
        sa.Column("modality", sa.String),
        sa.Column("time_value", sa.String),
        sa.Column("place", sa.String),
    ),
    indexes=("type", "modality", "time_value", "place"),
    row=_row,
    filters=(
        Filter("type", "type", choices=PLOVER_CATEGORIES, doc="PLOVER category"),
        Filter("modality", "modality", choices=MODALITIES,
               doc="happened, claimed, denied, planned, threatened, hypothetical, negated, "
                   "unknown"),
        Filter("place", "place", doc="place key"),
        Filter("since", "time_value", "ge", doc="dated on or after (ISO date)", pattern=ISO_DAY),
        Filter("until", "time_value", "le", doc="dated on or before (ISO date)",
               pattern=ISO_DAY),
    ),
    export_columns=(
        *PROVENANCE[:2],
        Column("start", "int", "offset of the trigger word"),
        Column("end", "int", "end offset of the trigger (exclusive)"),
        PROVENANCE[4],
        Column("trigger_text", "string", "the trigger as written: text[start:end]"),
        Column("type", "string", "PLOVER 2.0 category (ASSAULT, COERCE, ...)"),
        Column("mode", "string", "PLOVER mode, when known"),
        Column("actors", "list<string>", "entity keys of who acts (plain words when "
               "unresolved)"),
        Column("targets", "list<string>", "entity keys of who it is done to"),
        Column("place", "string", "place key where it happened"),
        Column("time", "int", "idx of the time finding that dates it"),
        Column("time_value", "string", "TimeML value of the time that anchors it (worked "
               "out for \"three months after ...\"), DCT for the present, empty: undated"),
        Column("time_precision", "string", "precision of time_value: day, week, month, "
               "season, quarter, half, year, decade, century"),
        Column("date_start", "date", "first day the anchoring time covers (empty: undated, or "
               "DCT: the document's dct)"),
        Column("date_end", "date", "last day it covers (inclusive)"),
        Column("modality", "string", "happened, claimed, denied, planned, threatened, "
               "hypothetical, negated, or unknown: the text gives no evidence either way "
               "(shown as \"unclear\")"),
        Column("attribution", "int", "idx of the attribution that reports it"),
    ),
    export_row=_export,
    legend={"event": "Event"},
    marks=_marks,
    details=_details,
    index_fields={"attribution": "attributions", "time": "times"},
    editable={"modality": one_of(*MODALITIES), "type": one_of(*PLOVER_CATEGORIES),
              "actors": keys, "targets": keys,
              "time_value": text(40, pattern=TIME_VALUE, nullable=True),
              "place": text(200, pattern=KEY, nullable=True)},
))
