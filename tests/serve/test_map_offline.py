"""The map works offline: country outlines that ship with the install, a legend,
region names instead of codes, and a date filter that narrows the points."""

from __future__ import annotations

import json
import re
from typing import Any

from fogwatch.serve.regions import region_name, where
from fogwatch.serve.settings import STATIC_DIR


def _markers(page: str) -> list[dict[str, Any]]:
    return json.loads(re.search(r'id="map-data">(.*?)</script>', page, re.S).group(1))


def test_the_outlines_ship_with_the_install_and_are_served(client: Any) -> None:
    shipped = STATIC_DIR / "basemap" / "countries.geojson"
    assert shipped.exists() and (STATIC_DIR / "basemap" / "README.md").exists()
    r = client.get("/static/basemap/countries.geojson")
    assert r.status_code == 200
    geo = r.json()
    names = {f["properties"]["name"] for f in geo["features"]}
    assert len(geo["features"]) > 150 and {"Ukraine", "Russia", "Poland"} <= names
    for f in geo["features"]:
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        rings = f["geometry"]["coordinates"]
        first = rings[0][0] if f["geometry"]["type"] == "Polygon" else rings[0][0][0]
        assert -180 <= first[0] <= 180 and -90 <= first[1] <= 90


def test_package_data_installs_the_static_files() -> None:
    import tomllib

    from fogwatch.serve.settings import HERE

    pyproject = HERE.parents[2] / "pyproject.toml"
    patterns = tomllib.loads(pyproject.read_text("utf-8"))["tool"]["setuptools"][
        "package-data"]["fogwatch"]
    assert "serve/static/**/*" in patterns and "serve/templates/*" in patterns


def test_without_tiles_the_page_names_no_outside_address(client: Any) -> None:
    page = client.get("/map").text
    assert 'data-outlines="/static/basemap/countries.geojson"' in page
    assert 'data-tiles=""' in page
    for attr in re.findall(r'(?:src|href|data-[a-z]+)="([^"]*)"', page):
        assert not attr.startswith(("http:", "https:", "//")), attr


def test_the_legend_explains_the_colours(client: Any) -> None:
    page = client.get("/map").text
    legend = re.search(r'<p class="legend map-legend".*?</p>', page, re.S).group(0)
    assert "events reported there" in legend and "mentioned only" in legend
    assert "key-events" in legend and "key-mentioned" in legend
    css = (STATIC_DIR / "style.css").read_text()
    js = (STATIC_DIR / "map.js").read_text()
    # the legend's swatches are the markers' colours
    for colour in ("#e05a52", "#b3332e", "#4a8bbd", "#1f5f8b"):
        assert colour in css and colour in js


def test_regions_are_shown_by_name() -> None:
    assert region_name("RU.48") == "Moscow"
    assert region_name("TR.34") == "Istanbul"
    assert region_name("CH.GE") == "Geneva"
    assert region_name("UA.05") == "Donetsk Oblast"  # the curated name first
    assert region_name("Donetsk Oblast", "UA") == "Donetsk Oblast"
    assert region_name("ZZ.99") == "ZZ.99"  # unknown: shown as it is
    assert where("RU.48", "RU") == "Moscow, Russia"
    assert where(None, "UA") == "Ukraine"


def test_the_map_page_shows_no_region_codes(client: Any) -> None:
    page = client.get("/map").text
    markers = _markers(page)
    assert markers and all("admin1" not in m and "country" not in m for m in markers)
    wheres = [m["where"] for m in markers if m["where"]]
    assert wheres and not any(re.search(r"\b[A-Z]{2}\.[0-9A-Z]+\b", w) for w in wheres)
    listed = re.search(r'<section class="panel map-list">.*?</section>', page, re.S).group(0)
    assert not re.search(r"\b[A-Z]{2}\.[0-9A-Z]{1,6}\b", listed)
    assert "Ukraine" in listed


def test_the_date_filter_narrows_the_points(client: Any) -> None:
    every = _markers(client.get("/map").text)
    days = sorted(d["published"][:10] for d in
                  client.get("/documents?format=json&sort=date").json()["items"]
                  if d["published"])
    middle = days[len(days) // 2]
    early = _markers(client.get(f"/map?until={middle}").text)
    late = _markers(client.get(f"/map?since={middle}").text)
    assert 0 < len(early) < len(every) or 0 < len(late) < len(every)
    by_key = {m["key"]: m for m in every}
    for m in early + late:
        assert m["docs"] <= by_key[m["key"]]["docs"]
        assert m["events"] <= by_key[m["key"]]["events"]
    assert _markers(client.get("/map?since=1990-01-01&until=1990-12-31").text) == []
    page = client.get(f"/map?since={middle}").text
    assert f'name="since" value="{middle}"' in page
    # the CSV of the places keeps the range
    rows = client.get(f"/map?since={middle}&format=json").json()["items"]
    assert sorted(r["key"] for r in rows) == sorted(m["key"] for m in late)
