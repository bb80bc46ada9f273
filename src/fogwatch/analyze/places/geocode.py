"""Choosing one gazetteer entry per place name, using the rest of the document.

Score of a candidate = population prior + main-name bonus + curated bonus
+ theatre prior (the documents are war reporting: a Ukrainian town beats a
Russian namesake, both beat one in Kentucky) + document context (the countries
and first-level regions of the other places named, and a region written right
after the name: "Anchorage, Alaska"). The confidence recorded is the winner's
share of the softmax over candidate scores.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from fogwatch.analyze.places.geonames import Candidate, Gazetteer, normalise_name

THEATRE_PRIOR = {"UA": 1.0, "RU": 0.5, "BY": 0.3}
DIRECTIONS = ("eastern ", "western ", "northern ", "southern ", "central ", "north ", "south ",
              "east ", "west ", "northeastern ", "southeastern ", "northwestern ", "southwestern ")
REGION_WORDS = (" oblast", " region", " province", " krai", " combat zone", " area",
                " direction", " district", " pocket", " axis", " front", " sector")


@dataclass(slots=True)
class Choice:
    candidate: Candidate
    confidence: float
    qualified: bool = False  # matched only after dropping "eastern", "region", ...


def lookup_variants(gaz: Gazetteer, name: str) -> tuple[list[Candidate], bool]:
    """Candidates for ``name``; falls back to the name without direction or region words."""
    clean = name.strip()
    for article in ("the ", "The "):
        if clean.startswith(article):
            clean = clean[len(article):]
    found = gaz.lookup(clean)
    if found:
        return found, False
    low = normalise_name(clean)
    for word in REGION_WORDS:
        if low.endswith(word.strip()) and low != word.strip():
            found = gaz.lookup(low[: -len(word.strip())])
            if found:
                return found, True
    for word in DIRECTIONS:
        if low.startswith(word):
            found = gaz.lookup(low[len(word):])
            if found:
                return found, True
    if low.endswith("s") and len(low) > 4:  # possessive stripped of its apostrophe
        found = gaz.lookup(low[:-1])
        if found:
            return found, True
    return [], False


def score(cand: Candidate, countries: Counter[str], regions: set[tuple[str, str]],
          next_region: tuple[str, str] | None) -> float:
    s = math.log10(cand.population + 10) / 1.5
    if cand.key.startswith("sup:"):
        s += 4.0  # curated entries name regions and countries first
    if cand.primary:
        s += 1.5
    s += THEATRE_PRIOR.get(cand.country or "", 0.0)
    if cand.country and countries:
        s += 1.5 * countries[cand.country] / max(1, sum(countries.values()))
    if cand.country and cand.admin1_code and (cand.country, cand.admin1_code) in regions:
        s += 1.5
    if next_region is not None and cand.country and cand.admin1_code \
            and (cand.country, cand.admin1_code) == next_region:
        s += 4.0
    return s


def choose(cands: list[Candidate], countries: Counter[str], regions: set[tuple[str, str]],
           next_region: tuple[str, str] | None = None) -> Choice:
    scored = sorted(((score(c, countries, regions, next_region), c) for c in cands),
                    key=lambda x: -x[0])
    best_score, best = scored[0]
    total = sum(math.exp(s - best_score) for s, _ in scored)
    confidence = 1.0 / total
    if not best.primary:
        confidence *= 0.9  # an alternate spelling is a weaker match than the main name
    return Choice(best, round(confidence, 3))
