"""Places: mentions of a place resolved to one gazetteer entry with coordinates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from fogwatch.export.columns import PROVENANCE, Column
from fogwatch.export.convert import as_float, as_int, provenance
from fogwatch.findings import Place
from fogwatch.kinds.spec import KEY, Filter, FindingKind, Mark, View, register, text
from fogwatch.serve.links import key_url


def _row(data: Mapping[str, Any]) -> dict[str, Any]:
    mentions = data.get("mentions") or []
    first = mentions[0] if mentions else {}
    return {"start": first.get("start"), "end": first.get("end"),
            "sentence": first.get("sentence"), "entity_key": data.get("entity")}


def _export(r: Mapping[str, Any]) -> dict[str, Any]:
    d = r["data"]
    found = [{"text": m.get("text"), "start": as_int(m.get("start")),
              "end": as_int(m.get("end")), "sentence": as_int(m.get("sentence"))}
             for m in d.get("mentions") or [] if isinstance(m, dict)]
    return {
        **provenance(r), "place_key": r["key"], "name": r["name"],
        "lat": as_float(r["lat"]), "lon": as_float(r["lon"]), "country": r["country"],
        "admin1": r["admin1"], "geonameid": as_int(r["geonameid"]),
        "confidence": as_float(d.get("confidence")), "entity_key": r["entity_key"],
        "n_mentions": len(found), "mentions": found,
    }


def _score(value: float | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _marks(p: Place) -> list[Mark]:
    return [Mark("place", m.start, m.end, counted=i == 0) for i, m in enumerate(p.mentions)]


def _details(p: Place, view: View) -> dict[str, Any]:
    coords = f"{p.lat:.4f}, {p.lon:.4f}" if p.lat is not None and p.lon is not None else None
    return {"title": p.name,
            "fields": [["coordinates", coords], ["region", p.admin1], ["country", p.country],
                       ["gazetteer id", p.key], ["confidence", _score(p.confidence)]],
            "link": key_url(p.entity, view.names)}


PLACES = register(FindingKind(
    name="places", record=Place, label="place", id_prefix="p", priority=3,
    doc="Places resolved to the offline gazetteer (GeoNames plus fogwatch's supplement), "
        "with coordinates, region and country, per document.",
    columns=(
        sa.Column("key", sa.String),
        sa.Column("name", sa.String),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country", sa.String),
        sa.Column("admin1", sa.String),
        sa.Column("geonameid", sa.Integer),
        sa.Column("entity_key", sa.String),
    ),
    indexes=("key", "country"),
    row=_row,
    filters=(
        Filter("key", "key", doc="place key: geo:<geonameid> or sup:<slug>"),
        Filter("country", "country", doc="ISO 3166-1 alpha-2 country code"),
    ),
    export_columns=(
        *PROVENANCE[:2],
        Column("start", "int", "offset of the first mention of the place"),
        Column("end", "int", "end offset of that mention (exclusive)"),
        Column("sentence", "int", "sentence of that mention"),
        Column("place_key", "string", "gazetteer key: geo:<geonameid> or sup:<slug>"),
        Column("name", "string", "resolved name"),
        Column("lat", "float", "latitude (WGS84 decimal degrees)"),
        Column("lon", "float", "longitude"),
        Column("country", "string", "ISO 3166-1 alpha-2 country code"),
        Column("admin1", "string", "first-level region (GeoNames code or name)"),
        Column("geonameid", "int", "GeoNames id, when from GeoNames"),
        Column("confidence", "float", "share of the resolver's belief in this reading (0-1)"),
        Column("entity_key", "string", "the entity the place resolves"),
        Column("n_mentions", "int", "mentions of the place in the document"),
        Column("mentions", "list<mention>", "list of mentions: {text, start, end, sentence}"),
    ),
    export_row=_export,
    legend={"place": "Place"},
    marks=_marks,
    details=_details,
    merge_key=lambda p: p.key,
    confidence="confidence",
    # the gazetteer entry: name and coordinates stay as found (see docs/web.md)
    editable={"key": text(200, pattern=KEY), "name": text(200)},
))
