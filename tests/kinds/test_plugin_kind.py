"""A finding kind declared in this one module (plus its migration) reaches every layer.

The kind, ``coordinates`` (latitude/longitude pairs as OSINT reports write
them), is registered the way a plug-in's kind is, without editing any fogwatch
file: it must then appear in ``analyze --json``, the store, the JSON API (with
its own filter), the exports and the document page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

from fogwatch.analyze.base import Stage, ensure_extension, sentence_index
from fogwatch.cli import app as cli_app
from fogwatch.export.columns import PROVENANCE, Column
from fogwatch.findings import Document, Finding
from fogwatch.kinds import registry
from fogwatch.kinds.spec import Filter, FindingKind, Mark, View
from fogwatch.serve.app import create_app
from fogwatch.store import Store

TEXT = (
    "Footage geolocated by volunteers puts the strike at 48.5735, 37.9653, near the rail "
    "depot. A second crater was found at 48°35′N 38°00′E the next day, officials said."
)

# --- the kind: record, spaCy component, spec ------------------------------------------


@dataclass(slots=True)
class Coordinate(Finding):
    KIND: ClassVar[str] = "coordinate"

    text: str
    start: int
    end: int
    sentence: int
    lat: float
    lon: float
    format: str  # "decimal" or "degrees"
    document: str | None = None


_DECIMAL = re.compile(r"(?<![\d.])(-?\d{1,2}\.\d{3,}),\s*(-?\d{1,3}\.\d{3,})(?![\d.])")
_DEGREES = re.compile(r"(\d{1,2})°(\d{1,2})′([NS])\s+(\d{1,3})°(\d{1,2})′([EW])")


def find_coordinates(doc: Doc) -> list[Coordinate]:
    text = doc.text
    found = []
    for m in _DECIMAL.finditer(text):
        found.append(Coordinate(m.group(0), m.start(), m.end(), sentence_index(doc, m.start()),
                                float(m.group(1)), float(m.group(2)), "decimal"))
    for m in _DEGREES.finditer(text):
        lat = (int(m.group(1)) + int(m.group(2)) / 60) * (1 if m.group(3) == "N" else -1)
        lon = (int(m.group(4)) + int(m.group(5)) / 60) * (1 if m.group(6) == "E" else -1)
        found.append(Coordinate(m.group(0), m.start(), m.end(), sentence_index(doc, m.start()),
                                round(lat, 4), round(lon, 4), "degrees"))
    return sorted(found, key=lambda c: c.start)


ensure_extension("fw_test_coordinates", None)


@Language.factory("fogwatch_test_coordinates")
def _make(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def component(doc: Doc) -> Doc:
        doc._.fw_test_coordinates = find_coordinates(doc)
        return doc
    return component


def _collect(doc: Doc, document: Document) -> list[Coordinate]:
    found: list[Coordinate] = doc._.fw_test_coordinates or []
    for c in found:
        c.document = document.id
    return found


def _details(c: Coordinate, view: View) -> dict[str, Any]:
    return {"title": c.text, "fields": [["latitude", f"{c.lat:.4f}"],
                                        ["longitude", f"{c.lon:.4f}"], ["written as", c.format]]}


COORDINATES = FindingKind(
    name="coordinates", record=Coordinate, label="coordinate",
    doc="Latitude/longitude pairs as written in the text.",
    columns=(sa.Column("lat", sa.Float), sa.Column("lon", sa.Float),
             sa.Column("format", sa.String)),
    filters=(Filter("format", "format", choices=("decimal", "degrees"),
                    doc="how the pair was written"),),
    export_columns=(*PROVENANCE, Column("text", "string", "the pair as written"),
                    Column("lat", "float", "latitude"), Column("lon", "float", "longitude"),
                    Column("format", "string", "decimal or degrees")),
    legend={"coordinate": "Coordinates"},
    marks=lambda c: [Mark("coordinate", c.start, c.end)],
    details=_details,
    stage=Stage(factory="fogwatch_test_coordinates", key="coordinates", order=350,
                collect=_collect),
    migrations=Path(__file__).resolve().parent / "coordinates_migrations",
)


@pytest.fixture
def coordinates() -> Iterator[FindingKind]:
    registry.register(COORDINATES)
    try:
        yield COORDINATES
    finally:
        registry.unregister("coordinates")


# --- the kind everywhere -----------------------------------------------------------------


def _db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kinds.sqlite'}"
        return
    with request.getfixturevalue("pg_schema")() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from _db(request, tmp_path)


def test_a_kind_registered_from_one_module_reaches_every_layer(
    coordinates: FindingKind, db: str, tmp_path: Path
) -> None:
    runner = CliRunner()
    article = tmp_path / "strike.txt"
    article.write_text(TEXT, encoding="utf-8")

    # analyze --json
    out = runner.invoke(cli_app, ["analyze", str(article), "--json", "--date", "2025-11-04"],
                        catch_exceptions=False)
    assert out.exit_code == 0, out.output
    analysed = json.loads(out.stdout)
    found = analysed["coordinates"] if isinstance(analysed, dict) else analysed[0]["coordinates"]
    assert [(c["text"], c["format"]) for c in found] == [
        ("48.5735, 37.9653", "decimal"), ("48°35′N 38°00′E", "degrees")
    ]
    assert found[1]["lat"] == pytest.approx(48.5833) and found[1]["lon"] == pytest.approx(38.0)
    assert TEXT[found[0]["start"]:found[0]["end"]] == "48.5735, 37.9653"

    # the store: ingest runs the kind's stage; its migration made the table
    out = runner.invoke(cli_app, ["ingest", str(article), "--db", db, "--date", "2025-11-04"],
                        catch_exceptions=False)
    assert out.exit_code == 0, out.output
    with Store.open(db) as store:
        (doc,) = store.documents()
        stored = store.get_analysis(doc.id)
        assert stored is not None
        assert [c.text for c in stored.get("coordinates")] == ["48.5735, 37.9653",
                                                               "48°35′N 38°00′E"]
        assert isinstance(stored.get("coordinates")[0], Coordinate)

        # the API: a route of its own, with the kind's filter validated as declared
        client = TestClient(create_app(store))
        page = client.get("/api/v1/coordinates", params={"format": "degrees"}).json()
        assert page["total"] == 1
        assert page["items"][0]["record"]["text"] == "48°35′N 38°00′E"
        assert page["items"][0]["document"]["id"] == doc.id
        assert client.get("/api/v1/coordinates", params={"format": "mgrs"}).status_code == 422
        assert "/api/v1/coordinates" in client.get("/openapi.json").json()["paths"]

        # the document page: highlighted, in the legend, with its details
        html = client.get(f"/documents/{doc.id}").text
        assert 'data-kind="coordinate"' in html and ">Coordinates</span>" in html
        assert re.search(r'class="hl[^"]*k-coordinate[^"]*" data-ids="[^"]*co1', html)
        assert '["latitude", "48.5833"]' in html  # the details panel's data

    # the exports
    out_dir = tmp_path / "export"
    out = runner.invoke(cli_app, ["export", "--db", db, "--kind", "coordinates",
                                  "--out", str(out_dir)], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in
            (out_dir / "coordinates.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["text"], r["format"], r["idx"]) for r in rows] == [
        ("48.5735, 37.9653", "decimal", 0), ("48°35′N 38°00′E", "degrees", 1)
    ]
    assert rows[0]["lat"] == pytest.approx(48.5735)


def test_unregistering_a_kind_takes_it_out_of_every_list(coordinates: FindingKind) -> None:
    from fogwatch.export.columns import kinds as export_kinds
    from fogwatch.store.schema import FINDING_TABLES, metadata

    assert "coordinates" in export_kinds() and "coordinates" in FINDING_TABLES
    registry.unregister("coordinates")
    assert "coordinates" not in export_kinds()
    assert "coordinates" not in FINDING_TABLES and "coordinates" not in metadata.tables
    registry.register(COORDINATES)  # and back, for the fixture to remove again
    assert "coordinates" in metadata.tables


def test_a_name_taken_by_another_kind_is_refused() -> None:
    other = FindingKind(name="times", record=Coordinate, label="time")
    with pytest.raises(ValueError, match="already registered"):
        registry.register(other)
