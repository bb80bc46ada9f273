"""Quantities: a number with its unit, approximation and what it counts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from fogwatch.export.columns import PROVENANCE, Column
from fogwatch.export.convert import as_float, as_int, provenance
from fogwatch.findings import Quantity
from fogwatch.kinds.spec import Filter, FindingKind, Mark, View, number, register, text


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def _export(r: Mapping[str, Any]) -> dict[str, Any]:
    d = r["data"]
    return {
        **provenance(r), "text": d.get("text"), "value": as_float(r["value"]),
        "upper": as_float(r["upper"]), "unit": r["unit"], "approx": d.get("approx"),
        "counted": d.get("counted"), "attribution": as_int(d.get("attribution")),
        "event": as_int(d.get("event")),
    }


def _marks(q: Quantity) -> list[Mark]:
    return [Mark("quantity", q.start, q.end)]


def _details(q: Quantity, view: View) -> dict[str, Any]:
    value = None if q.value is None else _number(q.value)
    if value is not None and q.upper is not None:
        value = f"{value}–{_number(q.upper)}"
    return {"title": q.text,
            "fields": [["value", value], ["unit", q.unit], ["approximation", q.approx],
                       ["counts", q.counted]]}


QUANTITIES = register(FindingKind(
    name="quantities", record=Quantity, label="quantity", id_prefix="q", priority=1,
    doc="Numbers with their unit, approximation (over, about, at least) and what they count.",
    columns=(
        sa.Column("value", sa.Float),
        sa.Column("upper", sa.Float),
        sa.Column("unit", sa.String),
    ),
    indexes=("value", "unit"),
    filters=(Filter("unit", "unit", doc="unit or class counted (troops, people, USD, km)"),),
    export_columns=(
        *PROVENANCE,
        Column("text", "string", "the quantity as written: text[start:end]"),
        Column("value", "float", "the number (lower bound of a range)"),
        Column("upper", "float", "upper bound of a range"),
        Column("unit", "string", "unit or class counted (troops, people, USD, km, percent)"),
        Column("approx", "string", "approximation words: over, about, at least, up to, ..."),
        Column("counted", "string", "the noun phrase counted"),
        Column("attribution", "int", "idx of the attribution it is part of"),
        Column("event", "int", "idx of the event it belongs to"),
    ),
    export_row=_export,
    legend={"quantity": "Quantity"},
    marks=_marks,
    details=_details,
    index_fields={"attribution": "attributions", "event": "events"},
    editable={"value": number, "upper": number, "unit": text(60, nullable=True),
              "counted": text(200, nullable=True)},
))
