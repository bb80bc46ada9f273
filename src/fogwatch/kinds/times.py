"""Times: TIMEX3-style expressions, normalised to TimeML values and resolved to days."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from fogwatch.export.columns import PROVENANCE, Column
from fogwatch.export.convert import day, provenance
from fogwatch.findings import Time
from fogwatch.kinds.spec import Filter, FindingKind, Mark, View, register, text

ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"
TYPES: tuple[str, ...] = ("DATE", "TIME", "DURATION", "SET")
# TimeML's mods (the taggers give START, MID, END and the quantity-like ones).
MODS: tuple[str, ...] = ("START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE",
                         "ON_OR_AFTER", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS",
                         "EQUAL_OR_MORE")
# Values naming no days: the present, the past, the future.
REFS: tuple[str, ...] = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


def interval_of(type_: str, value: str, mod: str | None = None) -> tuple[str, str] | None:
    """The days (inclusive ISO start, end) a DATE or TIME value covers, as the
    calendar reads it, narrowed by ``mod``; None for durations, sets, references
    (PRESENT_REF ...) and values the calendar cannot place. The interval of a time
    an analyst adds, or whose value an analyst corrects."""
    if type_ not in ("DATE", "TIME"):
        return None
    # only when needed: the times package brings spaCy in with it
    from fogwatch.analyze.times.calendar import interval

    return interval(value, mod)


def _after_set(t: Time, field: str, replaced: Any) -> Any:
    """A corrected value moves the time's interval with it."""
    if field == "value":
        t.interval = interval_of(t.type, t.value, t.mod)
    return replaced


def _row(data: Mapping[str, Any]) -> dict[str, Any]:
    interval = data.get("interval") or (None, None)
    return {"interval_start": interval[0], "interval_end": interval[1]}


def _export(r: Mapping[str, Any]) -> dict[str, Any]:
    d = r["data"]
    return {**provenance(r), "text": d.get("text"), "type": r["type"], "value": r["value"],
            "interval_start": day(r["interval_start"]), "interval_end": day(r["interval_end"]),
            "anchor": d.get("anchor"), "mod": d.get("mod")}


def _marks(t: Time) -> list[Mark]:
    return [Mark("time", t.start, t.end)]


def _details(t: Time, view: View) -> dict[str, Any]:
    interval = " to ".join(t.interval) if t.interval else None
    return {"title": t.text,
            "fields": [["type", t.type], ["value", t.value], ["interval", interval],
                       ["anchored on", t.anchor], ["modifier", t.mod]]}


TIMES = register(FindingKind(
    name="times", record=Time, label="time", id_prefix="t", priority=2,
    doc="Time expressions; each resolved against the document's date to a TimeML value "
        "and, for dates, the days it covers.",
    columns=(
        sa.Column("type", sa.String),
        sa.Column("value", sa.String),
        sa.Column("interval_start", sa.String),
        sa.Column("interval_end", sa.String),
    ),
    indexes=("type", "value", "interval_start", "interval_end"),
    row=_row,
    filters=(
        Filter("type", "type", choices=TYPES,
               doc="TimeML type"),
        Filter("value", "value", "prefix",
               doc='a prefix of the normalised value ("2025-11")'),
        Filter("since", "interval_end", "ge", doc="covers a day on or after (ISO date)",
               pattern=ISO_DAY),
        Filter("until", "interval_start", "le", doc="covers a day on or before (ISO date)",
               pattern=ISO_DAY),
    ),
    export_columns=(
        *PROVENANCE,
        Column("text", "string", "the time expression as written: text[start:end]"),
        Column("type", "string", "TimeML type: DATE, TIME, DURATION, SET"),
        Column("value", "string", "TimeML value (2025-11-03, 2025-W45, P5D, PRESENT_REF, ...)"),
        Column("interval_start", "date", "first day it covers, for dates (value keeps the "
               "expression's own precision)"),
        Column("interval_end", "date", "last day it covers (inclusive), for dates"),
        Column("anchor", "string", "what it was resolved against: DCT, t3, ..."),
        Column("mod", "string", "TimeML mod: START, MID, END, APPROX, ..."),
    ),
    export_row=_export,
    legend={"time": "Time"},
    marks=_marks,
    details=_details,
    editable={"value": text(40, pattern=r"[0-9A-Z][0-9A-Za-z:+._-]*")},
    after_set=_after_set,
))
