"""Build ``src/fogwatch/serve/static/basemap/countries.geojson``, the map's offline
base layer: country outlines from Natural Earth (public domain) at 1:110m.

The input is ``countries-110m.json`` of the ``world-atlas`` npm package (Natural
Earth's admin-0 countries as TopoJSON)::

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_basemap.py /tmp/package/countries-110m.json

TopoJSON stores shared borders once, as quantised, delta-encoded arcs; this
decodes them into plain GeoJSON polygons (what Leaflet draws without a plug-in),
with coordinates rounded to 0.01° (about 1 km, finer than the 1:110m source).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

OUT = (Path(__file__).resolve().parents[1] / "src" / "fogwatch" / "serve" / "static"
       / "basemap" / "countries.geojson")


def decode_arcs(topo: dict[str, Any]) -> list[list[list[float]]]:
    """Every arc as absolute [lon, lat] points."""
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append([x * sx + tx, y * sy + ty])
        else:
            points = [list(p) for p in arc]
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    """A closed ring from arc indexes (a negative index ~i is arc i reversed); the
    first point of each arc after the first repeats the last of the one before."""
    points: list[list[float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return [[round(x, 2), round(y, 2)] for x, y in points]


def _dedupe(points: list[list[float]]) -> list[list[float]]:
    out = [points[0]]
    for p in points[1:]:
        if p != out[-1]:
            out.append(p)
    return out


def geometry(geom: dict[str, Any], arcs: list[list[list[float]]]) -> dict[str, Any] | None:
    kind = geom.get("type")
    if kind == "Polygon":
        polys = [geom["arcs"]]
    elif kind == "MultiPolygon":
        polys = geom["arcs"]
    else:
        return None
    out = []
    for poly in polys:
        rings = [_dedupe(ring(r, arcs)) for r in poly]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            out.append(rings)
    if not out:
        return None
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def convert(topo: dict[str, Any], layer: str = "countries") -> dict[str, Any]:
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"][layer]["geometries"]:
        shape = geometry(geom, arcs)
        if shape is None:
            continue
        name = (geom.get("properties") or {}).get("name")
        features.append({"type": "Feature", "properties": {"name": name}, "geometry": shape})
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-110m.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    collection = convert(json.loads(args.topojson.read_text("utf-8")))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n",
                        encoding="utf-8")
    print(f"{len(collection['features'])} countries -> {args.out} "
          f"({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
