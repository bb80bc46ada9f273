"""Places: gazetteer lookup, context disambiguation, coordinates, confidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogwatch.analyze.pipeline import Pipeline
from fogwatch.analyze.places.geonames import (
    Candidate,
    Gazetteer,
    distance_km,
    get_gazetteer,
    normalise_name,
)
from fogwatch.findings import Analysis, Document, Place


def places(pipe: Pipeline, text: str) -> list[Place]:
    return pipe.analyze(Document.create(text, published="2025-11-10")).places


def by_mention(found: list[Place], text: str) -> Place:
    for p in found:
        if any(m.text == text for m in p.mentions):
            return p
    raise AssertionError(f"{text!r} not placed; have {[p.name for p in found]}")


def test_variant_spellings_share_an_entry() -> None:
    gaz = get_gazetteer()
    assert normalise_name("Kup’yansk") == "kupyansk"
    keys = {c.key for name in ("Kupiansk", "Kupyansk") for c in gaz.lookup(name)}
    assert "geo:703656" in keys
    assert any(c.key == "sup:ukraine/donbas" for c in gaz.lookup("Donbass"))


def test_gazetteer_pickled_as_plain_tuples_looks_up_candidates_again() -> None:
    import pickle

    town = Candidate(key="geo:1", name="Novo Selo", lat=48.1, lon=37.2, country="UA",
                     admin1_code="05", admin1=None, population=1200, kind="city", geonameid=1)
    alias = town._replace(primary=False)
    gaz = Gazetteer.__new__(Gazetteer)  # no GeoNames load: a two-name index
    gaz.index = {"novo selo": [town], "novoselo": [alias], "selo": [town, alias]}
    gaz.admin1_names = {"UA": {"05": "Donetsk"}}
    state = gaz.__getstate__()
    assert all(type(c) is tuple for bucket in state["index"].values() for c in bucket)
    assert state["index"]["selo"][0] is state["index"]["novo selo"][0]  # stored once
    back = pickle.loads(pickle.dumps(gaz))
    for name, want in (("Novo Selo", [town]), ("Novoselo", [alias]), ("selo", [town, alias])):
        got = back.lookup(name)
        assert got == want and all(type(c) is Candidate for c in got)
        assert back.lookup(name) is got  # turned back once, then kept
    assert back.lookup("Nowhere") == []
    assert back.admin1_name("UA", "05") == "Donetsk"


def test_region_written_after_town_decides(nlp_pipeline: Pipeline) -> None:
    found = places(nlp_pipeline, "The two leaders met in Anchorage, Alaska, in August.")
    anchorage = by_mention(found, "Anchorage")
    assert anchorage.admin1 == "Alaska"
    assert distance_km(anchorage.lat or 0, anchorage.lon or 0, 61.22, -149.90) < 10


def test_war_context_prefers_ukrainian_town(nlp_pipeline: Pipeline) -> None:
    text = ("Russian units pressed on Pokrovsk and Myrnohrad in Donetsk oblast, while "
            "Ukrainian drones struck a depot in Belgorod.")
    found = places(nlp_pipeline, text)
    pok = by_mention(found, "Pokrovsk")
    assert pok.country == "UA" and pok.admin1 == "Donetsk Oblast"
    assert pok.confidence is not None and 0.5 < pok.confidence <= 1.0
    assert by_mention(found, "Myrnohrad").key == "geo:710035"


def test_unknown_names_are_not_placed(nlp_pipeline: Pipeline) -> None:
    found = places(nlp_pipeline, "Officials in Zyxqlorvia denied the report.")
    assert all(m.text != "Zyxqlorvia" for p in found for m in p.mentions)


@pytest.fixture(scope="module")
def seed_analysis(nlp_pipeline: Pipeline, seed_path: Path) -> Analysis:
    return nlp_pipeline.analyze(Document.create(seed_path.read_text("utf-8"), published="2025-11-10"))


@pytest.mark.seed
@pytest.mark.parametrize(("name", "lat", "lon"), [
    ("Pokrovsk", 48.28, 37.18), ("Myrnohrad", 48.31, 37.27), ("Kupyansk", 49.71, 37.62),
    ("Anchorage", 61.22, -149.90), ("Budapest", 47.50, 19.04),
])
def test_seed_places_within_a_few_km(seed_analysis: Analysis, name: str, lat: float,
                                     lon: float) -> None:
    place = by_mention(seed_analysis.places, name)
    assert place.lat is not None and place.lon is not None
    assert distance_km(place.lat, place.lon, lat, lon) < 5
