"""Two reports of one claim meet on their articles' openings: the first few
sentences long enough to be claims, their words weighed by rarity."""

from __future__ import annotations

import pytest

from fogwatch.reconcile import rarity
from fogwatch.reconcile import text as tx
from fogwatch.reconcile.opening import OPENING_KEYS, lead_sentence, opening, telling_words
from fogwatch.reconcile.propositions import _keys_of
from fogwatch.reconcile.similarity import (
    THRESHOLD,
    _unit_features,
    opening_wording,
    pair_similarity,
    similarity,
)
from fogwatch.reconcile.units import ClaimUnit
from fogwatch.store import Store

TEXT = ("Whale in the harbour\n\n"
        "Residents of a small coastal village woke up to an unusual sight on Thursday. "
        "A young humpback whale had swum into the Lyngen fjord harbour overnight. "
        "Short line here. "
        "Marine biologists from the Tromso institute said the animal looked healthy and calm. "
        "The harbour master closed the pier to boats for the rest of the day.")


def test_the_opening_is_the_first_sentences_long_enough_to_be_claims() -> None:
    spans = opening(TEXT)
    assert [TEXT[s:e].split()[0] for s, e in spans] == ["Residents", "A", "Marine"]
    assert lead_sentence(TEXT) == spans[0]
    assert len(opening(TEXT, sentences=5)) == 4


STORY = {"auto:PERSON/skarvik": 0.6, "gaz:place/lyngen": 0.4}
RARE, COMMON = 4.0, 0.2
# Two leads that open on a scene, in other words; their openings name the same
# whale, fjord and institute (rare), and share common words besides.
LEAD_A = "Residents of a small coastal village woke up to an unusual sight on Thursday"
LEAD_B = "It is not every day that a fishing town makes headlines for its wildlife"
OPEN_A = LEAD_A + " A young humpback whale named Skarvik swam into the Lyngen fjord harbour"
OPEN_B = LEAD_B + " The humpback whale Skarvik was seen inside the Lyngen fjord harbour"
RARE_WORDS = {tx.stem(w) for w in ("humpback", "skarvik", "lyngen", "fjord")}


def _lead(lead: str, opened: str, rare: set[str] | None) -> dict:
    def weigh(words: list[str]) -> list[float]:
        return [RARE if w in (rare or ()) else COMMON for w in words]
    terms, words = sorted(tx.terms(lead)), sorted(tx.terms(opened))
    features = {"concepts": [], "places": [], "entities": [], "terms": terms, "parties": [],
                "story": STORY, "lede": True, "opening": words}
    if rare is not None:
        features |= {"weights": weigh(terms), "opening_weights": weigh(words)}
    return features


def test_two_leads_worded_apart_meet_on_the_rare_words_of_their_openings() -> None:
    a, b = _lead(LEAD_A, OPEN_A, RARE_WORDS), _lead(LEAD_B, OPEN_B, RARE_WORDS)
    assert not set(a["terms"]) & set(b["terms"])
    assert pair_similarity(a, b) >= THRESHOLD
    # the same openings sharing only common words: apart
    flat = {w for w in set(a["opening"]) ^ set(b["opening"])}
    a, b = _lead(LEAD_A, OPEN_A, flat), _lead(LEAD_B, OPEN_B, flat)
    assert opening_wording(a, b) < 0.1
    assert pair_similarity(a, b) == 0.0
    # unweighed (a store of few articles): openings say nothing
    a, b = _lead(LEAD_A, OPEN_A, None), _lead(LEAD_B, OPEN_B, None)
    assert opening_wording(a, b) == 0.0
    assert pair_similarity(a, b) == 0.0


def test_a_lead_is_measured_against_the_leads_of_a_proposition() -> None:
    mine = _lead(LEAD_A, OPEN_A, RARE_WORDS)
    lead = _lead(LEAD_B, OPEN_B, RARE_WORDS)
    said = {"concepts": [], "places": [], "entities": [], "parties": [], "story": STORY,
            "terms": sorted(tx.terms("the council will meet the fishermen next month")),
            "weights": [COMMON] * 6}
    features = {"members": [lead, said, said, said]}
    assert pair_similarity(mine, said) == 0.0
    assert similarity(mine, features) >= THRESHOLD
    # unweighed, a lead is measured against every member, as any unit is
    plain = {"members": [_lead(LEAD_B, OPEN_B, None), said, said, said]}
    assert similarity(_lead(LEAD_A, OPEN_A, None), plain) == 0.0


def test_a_leads_rarest_opening_words_are_its_propositions_keys() -> None:
    words = sorted(tx.terms(OPEN_A))
    weights = {w: (RARE + len(w) / 100 if w in RARE_WORDS else COMMON) for w in words}
    unit = ClaimUnit(document="d", outlet=None, date=None, source="the outlet", entity=None,
                     role="outlet", polarity="asserts", text=LEAD_A, start=0, end=len(LEAD_A),
                     lede=True, terms=set(tx.terms(LEAD_A)), opening=set(words),
                     weights=weights, lookup=["humpback"])
    telling = telling_words(words, [weights[w] for w in words])
    assert len(telling) == OPENING_KEYS and set(telling) >= RARE_WORDS
    assert telling_words(words, [weights[w] for w in words], 2) == ["humpback", "skarvik"]
    # the proposition it founds is found by them, from its member's features
    assert {k for k in _keys_of({"members": [_unit_features(unit)]}) if k.startswith("o:")} \
        == {f"o:{w}" for w in telling}
    # the unit itself looks up by the words reconcile chose (held by earlier leads)
    assert "o:humpback" in unit.keys
    # unweighed words make no keys
    unit.weights = None
    assert not [k for k in _keys_of({"members": [_unit_features(unit)]}) if k.startswith("o:")]


WHALE_A = ("Residents of a small coastal village woke up to an unusual sight on Thursday "
           "morning as crowds gathered on the pier.\n\n"
           "A young humpback whale named Skarvik had swum into the Lyngen fjord harbour "
           "overnight, and it stayed close to the fishing boats.\n\n"
           "Biologists from the Arctic marine institute came to watch the humpback and said "
           "it looked healthy.")
WHALE_B = ("It is not every day that a fishing town makes the national headlines with a "
           "visitor from the open sea.\n\n"
           "The humpback whale known as Skarvik was seen inside the Lyngen fjord harbour "
           "early on Thursday, close to the boats.\n\n"
           "The Arctic marine institute sent two biologists to watch over the whale for "
           "the rest of the week.")


@pytest.mark.slow
def test_two_articles_opening_on_scenes_join_one_claim_in_a_real_store(
        tmp_path, fold, towns) -> None:  # type: ignore[no-untyped-def]
    with Store.open(str(tmp_path / "s.sqlite")) as store:
        for k, place in enumerate(towns[:rarity.WORDS_LEAST]):
            fold(store, f"f-{k}", f"The harbour council of {place} approved a new ferry "
                                  f"timetable for the summer season on Monday after a long "
                                  f"debate about the cost of the crossings.")
        fold(store, "whale-a", WHALE_A, outlet="Outlet A")
        fold(store, "whale-b", WHALE_B, outlet="Outlet B")
        props = [{s.document for s in p.stances} for p in store.propositions(limit=200)]
    assert any({"whale-a", "whale-b"} <= docs for docs in props)
