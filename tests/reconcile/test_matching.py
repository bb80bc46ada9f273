"""Claim matching on hand-made features and texts (no model needed)."""

from __future__ import annotations

import pytest

from fogwatch.reconcile import text as tx
from fogwatch.reconcile.propositions import numbers_disagree, pair_similarity


def feats(concepts=(), places=(), entities=(), terms=()):
    return {"concepts": list(concepts), "places": list(places), "entities": list(entities),
            "terms": list(terms)}


@pytest.mark.parametrize(("text", "concept"), [
    ("more than 5,000 troops are trapped", "ENCIRCLE"),
    ("the town has been cut off", "ENCIRCLE"),
    ("they closed the ring on Wednesday", "ENCIRCLE"),
    ("fourteen people were killed", "CASUALTIES"),
    ("it hit a drone workshop", "MILITARY_TARGET"),
    ("talks in Istanbul were postponed", "POSTPONED"),
    ("62% of respondents reject territorial concessions", "CONCESSIONS"),
])
def test_concepts_of_paraphrases(text: str, concept: str) -> None:
    assert concept in tx.concepts(text)


def test_talks_to_buy_a_company_are_a_deal_not_diplomacy() -> None:
    assert tx.concepts("it was in talks to buy Lukoil's filling stations") == {"DEAL"}
    assert "TALKS" in tx.concepts("delegations will hold talks in Istanbul")
    assert "DEAL" not in tx.concepts("oil buyers weigh their options")


def test_deadline_is_not_a_death() -> None:
    assert "CASUALTIES" not in tx.concepts("before the November 21 deadline")


def test_same_claim_in_other_words_matches() -> None:
    a = feats(["ENCIRCLE"], ["geo:myrnohrad"], terms=["troop", "encircl", "town"])
    b = feats(["ENCIRCLE", "SURRENDER"], ["geo:myrnohrad", "geo:pokrovsk"],
              terms=["soldier", "trap", "surrend"])
    assert pair_similarity(a, b) >= 0.4


def test_a_thin_restatement_matches_its_claim() -> None:
    claim = feats(["ENCIRCLE"], ["geo:myrnohrad"], terms=["troop", "encircl"])
    assert pair_similarity(feats(["ENCIRCLE"], terms=["trap"]), claim) >= 0.4


def test_different_claims_at_one_place_do_not_match() -> None:
    toll = feats(["CASUALTIES", "STRIKE"], ["geo:dnipro"], terms=["kill", "strike"])
    target = feats(["MILITARY_TARGET", "STRIKE"], ["geo:dnipro"], terms=["workshop", "strike"])
    assert pair_similarity(toll, target) == 0.0


def test_one_claim_at_two_places_is_weaker() -> None:
    here = feats(["ENCIRCLE"], ["geo:myrnohrad"], terms=["encircl"])
    there = feats(["ENCIRCLE"], ["geo:kupiansk"], terms=["encircl"])
    assert pair_similarity(here, there) < pair_similarity(here, here) / 1.5


def test_no_shared_concept_needs_near_identical_wording() -> None:
    a = feats(terms=["orban", "white", "hous", "visit", "friday"])
    b = feats(terms=["orban", "white", "hous", "visit", "friday", "exemption"])
    c = feats(terms=["lukoil", "station", "sale"])
    assert pair_similarity(a, b) > 0.4
    assert pair_similarity(a, c) == 0.0


def test_polarity_cues() -> None:
    assert tx.negated("there was no encirclement")
    assert tx.judged_false("these claims as fictitious or at least premature")
    assert tx.denial_cue("dismissed")
    assert tx.unverified("could not be independently verified")
    assert tx.unverified("There is no confirmation of either account")
    assert not tx.unverified("the ministry confirmed the figure")
    assert tx.contradicts("Satellite images do not support Russia's claim")
    assert tx.contradicts("we found nothing in imagery that suggests a workshop there")
    assert not tx.contradicts("the images support the claim")
    assert tx.no_comment("has not officially commented on") and not tx.no_comment("said")


def test_negation_reaches_only_nearby_concepts() -> None:
    assert tx.negated_concepts("there was no encirclement, only a few hundred infiltrators") == {
        "ENCIRCLE"}
    assert tx.negated_concepts("That is not an army that has closed a ring") == {"ENCIRCLE"}
    assert not tx.negated_claim(
        "Ukraine should take part in talks as long as no preconditions were imposed")


def test_numbers_disagree_between_sources_only() -> None:
    moscow = {"value": 5000, "unit": "troops", "source": "General Staff"}
    kyiv = {"value": 300, "unit": "troops", "source": "Levchenko"}
    assert numbers_disagree([moscow, kyiv])
    assert not numbers_disagree([moscow, {**moscow, "value": 5500}])
    assert not numbers_disagree([moscow, {**kyiv, "source": "General Staff"}])
    assert not numbers_disagree([moscow, {**kyiv, "unit": "percent"}])
