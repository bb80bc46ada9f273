"""Claim matching on hand-made features and texts (no model needed)."""

from __future__ import annotations

import pytest

from fogwatch.reconcile import text as tx
from fogwatch.reconcile.numbers import figure_range, number_disagreements, numbers_disagree
from fogwatch.reconcile.propositions import pair_similarity


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
    # words whose stem cuts into their concept's key, or written with a hyphen
    ("the army agreed a truce with the rebels", "CEASEFIRE"),
    ("both sides said the cease-fire held", "CEASEFIRE"),
    ("a survey of 1,600 adults", "POLL"),
    ("Hungary was granted a waiver", "EXEMPTION"),
    ("the takeover of the refinery", "DEAL"),
    ("the talks face another delay", "POSTPONED"),
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
    # a saying denied says nothing: the demo's OFAC "has not said publicly how it will
    # treat such requests" was an unnamed source asserting a fragment
    assert tx.no_comment("has not said") and tx.no_comment("did not tell reporters")
    assert not tx.no_comment("said it had not") and not tx.no_comment("has not only said")


def test_negation_reaches_only_nearby_concepts() -> None:
    assert tx.negated_concepts("there was no encirclement, only a few hundred infiltrators") == {
        "ENCIRCLE"}
    assert tx.negated_concepts("That is not an army that has closed a ring") == {"ENCIRCLE"}
    assert not tx.negated_claim(
        "Ukraine should take part in talks as long as no preconditions were imposed")


def test_numbers_disagree_between_sources_only() -> None:
    moscow = {"value": 5000, "unit": "troops", "source": "General Staff", "kind": "encircled"}
    kyiv = {"value": 300, "unit": "troops", "source": "Levchenko", "kind": "encircled"}
    assert numbers_disagree([moscow, kyiv])
    assert not numbers_disagree([moscow, {**moscow, "value": 5500}])
    assert not numbers_disagree([moscow, {**kyiv, "source": "General Staff"}])
    assert not numbers_disagree([moscow, {**kyiv, "unit": "percent"}])


# Sentences from the demo corpus (article numbers in corpus.jsonl).
OFFER = ("that Ukrainian soldiers who wished to save their lives were being offered a corridor "
         "to surrender if they laid down their arms")  # 2
SURRENDERED = ("Ukrainian units had begun surrendering in small groups and that 47 soldiers had "
               "laid down their arms over the past two days")  # 15
LICENCE_ASKED = ("that they had asked the U.S. Treasury for a licence that would let the plant "
                 "keep operating under state supervision after the deadline")  # 14
EXEMPTION_OBTAINED = "it had obtained an exemption from U.S. sanctions on Russian oil companies"  # 9


def test_an_act_offered_or_asked_for_is_not_the_act_done() -> None:
    assert "SURRENDER_SOUGHT" in tx.concepts(OFFER) and "SURRENDER" not in tx.concepts(OFFER)
    assert "SURRENDER" in tx.concepts(SURRENDERED)
    assert tx.concepts(LICENCE_ASKED) == {"LICENCE_SOUGHT"}
    assert "EXEMPTION" in tx.concepts(EXEMPTION_OBTAINED)
    assert tx.concepts("it would ask Washington for an exemption") == {"EXEMPTION_SOUGHT"}  # 1
    # the cue can do the asking: "Hungary is also seeking an exemption" (6)
    assert tx.concepts("an exemption", context="is also seeking") == {"EXEMPTION_SOUGHT"}
    assert tx.concepts("an exemption") == {"EXEMPTION"}
    # what is offered is sought; the state of those it is offered to is not
    offered = tx.concepts("the Russian side was again offering the trapped troops a corridor "
                          "to surrender")  # 15
    assert {"ENCIRCLE", "SURRENDER_SOUGHT"} <= offered and "SURRENDER" not in offered
    assert tx.base_concept("SURRENDER_SOUGHT") == "SURRENDER"
    # a question is not a request; an appeal against sanctions does not seek them
    assert tx.concepts("asked about the talks, he said nothing") == {"TALKS"}
    assert tx.concepts("the company appealed the sanctions") == {"SANCTIONS"}
    assert tx.concepts("Kyiv called for a ceasefire") == {"CEASEFIRE_SOUGHT"}


def test_an_offer_and_the_act_do_not_match() -> None:
    offer = feats(tx.concepts(OFFER), terms=tx.terms(OFFER))
    done = feats(tx.concepts(SURRENDERED), terms=tx.terms(SURRENDERED))
    assert pair_similarity(offer, done) == 0.0
    asked = feats(tx.concepts(LICENCE_ASKED), entities=["gaz:org/us-treasury"],
                  terms=tx.terms(LICENCE_ASKED))
    obtained = feats(tx.concepts(EXEMPTION_OBTAINED), terms=tx.terms(EXEMPTION_OBTAINED))
    assert pair_similarity(asked, obtained) == 0.0
    # restating the offer still matches the offer
    again = "the Russian side was again offering the trapped troops a corridor to surrender"
    assert pair_similarity(offer, feats(tx.concepts(again), terms=tx.terms(again))) > 0


def test_claims_about_different_countries_do_not_match() -> None:
    # article 1 (Hungary) and article 14 (officials in Sofia): both ask for an exemption
    hungary = {**feats(tx.concepts("it would ask Washington for an exemption"),
                       places=["geo:4140963"], terms=["ask", "washington"]), "parties": ["HU"]}
    licence = {**feats(tx.concepts(LICENCE_ASKED), entities=["gaz:org/us-treasury"],
                       terms=tx.terms(LICENCE_ASKED)), "parties": ["BG"]}
    assert pair_similarity(hungary, licence) == 0.0  # a licence is not an exemption either
    asked = "they had asked Washington for an exemption"
    bulgaria = {**feats(tx.concepts(asked), places=["geo:4140963"], terms=tx.terms(asked)),
                "parties": ["BG"]}
    assert pair_similarity(hungary, bulgaria) == 0.0
    # no party on one side is no evidence of another party
    assert pair_similarity(hungary, {**bulgaria, "parties": []}) > 0
    # a shared party anchors a match like a shared place
    again = {**feats(tx.concepts("an exemption", context="is also seeking")), "parties": ["HU"]}
    assert pair_similarity(hungary, again) > pair_similarity(hungary, {**again, "parties": []})


def test_vague_counts_of_people() -> None:
    assert tx.vague_counts("that there was no encirclement and that only a few hundred Russian "
                           "soldiers had infiltrated the town") == [  # 4
        (45, 58, "a few hundred", "troops", "Russian soldiers")]
    assert tx.vague_counts('a few hundred Russian infiltrators, "about 300 people')[0][2:] == (
        "a few hundred", "troops", "Russian infiltrators")  # 3
    assert tx.vague_counts("hundreds of civilians")[0][2:] == ("hundreds", "people", "civilians")
    assert tx.vague_counts("a few hundred metres from the soldiers") == []
    assert tx.VAGUE_RANGES["a few hundred"] == (200, 500)


def test_counts_of_people_compare_across_nouns_for_the_same_count() -> None:
    moscow = {"value": 5000, "approx": "more than", "unit": "troops", "kind": "encircled",
              "side": "UA", "counted": "Ukrainian troops", "source": "Russia's General Staff"}
    kyiv = {"value": 300, "approx": "about", "unit": "people", "counted": "people",
            "kind": "encircled", "source": "a Kyiv spokesman"}
    few = {"value": 200, "upper": 500, "approx": "a few hundred", "unit": "troops",
           "kind": "encircled", "side": "UA", "counted": "Ukrainian soldiers",
           "source": "Ukraine's General Staff"}
    assert numbers_disagree([moscow, kyiv])  # troops against people, both encircled
    assert number_disagreements([moscow, few]) == [(few, moscow)]
    # a noun the quantities stage gave no class still counts people
    fighters = {"value": 300, "unit": "fighters", "counted": "Ukrainian fighters",
                "kind": "encircled", "source": "a Kyiv spokesman"}
    assert numbers_disagree([moscow, fighters])
    # people and drones are different things
    assert not numbers_disagree([moscow, {**kyiv, "unit": "drones", "counted": "drones"}])


def test_figures_of_different_counts_are_not_set_against_each_other() -> None:
    encircled = {"value": 5000, "unit": "troops", "kind": "encircled", "side": "UA",
                 "counted": "Ukrainian troops", "source": "Russia's General Staff"}
    # Russian infiltrators inside a town are not encircled Ukrainians
    infiltrators = {"value": 200, "upper": 500, "approx": "a few hundred", "unit": "troops",
                    "kind": "infiltrated", "side": "RU", "counted": "Russian infiltrators",
                    "source": "Ukraine's General Staff"}
    assert not numbers_disagree([encircled, infiltrators])
    # nor encircled Russians
    assert not numbers_disagree([encircled, {**infiltrators, "kind": "encircled"}])
    # 40 injured are not 14 killed
    killed = {"value": 14, "unit": "people", "kind": "killed", "source": "the rescue service"}
    injured = {"value": 40, "unit": "people", "kind": "injured", "source": "local officials"}
    assert not numbers_disagree([killed, injured])
    assert numbers_disagree([killed, {**injured, "kind": "killed"}])
    # a figure whose kind the words do not give is compared with nothing
    assert not numbers_disagree([killed, {**injured, "kind": None}])
    # losses over a day are not a total
    day = {**killed, "value": 90, "source": "the ministry", "period": "over the past day"}
    assert not numbers_disagree([killed, day])
    assert numbers_disagree([{**killed, "period": "over the past day"}, day])
    # a part of a count ("nine of the injured") is not the count
    assert not numbers_disagree([injured, {**injured, "value": 9, "part": True,
                                           "source": "the hospital"}])
    assert not numbers_disagree([killed, {**killed, "value": 2, "counted": "children",
                                          "source": "the mayor"}])


def test_a_toll_that_grows_is_not_a_disagreement() -> None:
    friday = {"value": 7, "unit": "people", "kind": "killed", "date": "2025-03-07",
              "source": "the governor", "document": "a"}
    monday = {"value": 14, "unit": "people", "kind": "killed", "date": "2025-03-10",
              "source": "the rescue service", "document": "b"}
    assert not numbers_disagree([friday, monday])
    # a later, lower toll does disagree
    assert numbers_disagree([{**friday, "value": 30}, monday])
    # "the toll rose from seven to twelve": the source's toll is twelve
    rose = [{**monday, "value": 5, "source": "an analyst", "document": "c",
             "date": "2025-03-11"}, {**monday, "value": 14, "source": "an analyst",
                                     "document": "c", "date": "2025-03-11"}]
    assert not numbers_disagree([monday, *rose])


def test_what_a_figure_counts_is_read_from_its_clause() -> None:
    from fogwatch.reconcile.numbers import measure

    text = ("At least nine people were killed and 31 injured in the shelling, among them four "
            "children. Officials said 12 of the injured were in hospital. Only a few hundred "
            "Russian infiltrators had entered the town, while 4,000 Ukrainian troops were cut "
            "off. The army said it shot down 40 drones over the past 24 hours.")

    def at(words: str, counted: str | None = None) -> dict:
        i = text.index(words)
        others = tuple((m, m + len(w)) for w in ("nine", "31", "four", "12", "a few hundred",
                                                   "4,000", "40", "24")
                       if (m := text.index(w)) != i)
        return measure(text, i, i + len(words), counted, others)

    assert at("nine")["kind"] == "killed"
    assert at("31")["kind"] == "injured"
    assert at("four")["part"] and at("12")["part"]
    few = at("a few hundred", "Russian infiltrators")
    assert (few["kind"], few["side"]) == ("infiltrated", "RU")
    troops = at("4,000", "Ukrainian troops")
    assert (troops["kind"], troops["side"]) == ("encircled", "UA")
    drones = at("40")
    assert (drones["kind"], drones["period"]) == ("downed", "over the past 24 hours")


def test_vague_counts_compare_as_ranges() -> None:
    gerasimov = {"value": 5000, "approx": "over", "unit": "troops", "source": "Gerasimov",
                 "kind": "encircled"}
    thousands = {"value": 2000, "approx": "thousands", "unit": "troops", "source": "the outlet",
                 "kind": "encircled"}
    assert figure_range(thousands) == (2000, 9999)
    assert not numbers_disagree([gerasimov, thousands])  # "thousands" includes 5,000
    dozens = {"value": 24, "approx": "dozens", "unit": "troops", "source": "Steppe Observer",
              "kind": "surrendered"}
    forty_seven = {"value": 47, "unit": "troops", "source": "Ministry", "kind": "surrendered"}
    assert not numbers_disagree([dozens, forty_seven])  # "dozens" (16) includes 47 (15)
    assert numbers_disagree([dozens, {**forty_seven, "value": 390}])
    assert figure_range({"value": 200, "upper": 400}) == (200, 400)


def test_bare_numbers_say_not_what_they_count() -> None:
    # "two of them in intensive care" against "40 injured": nothing to compare
    assert not numbers_disagree([{"value": 2, "source": "Regional health department"},
                                 {"value": 40, "source": "Ukrainian officials"}])


def test_a_rejection_is_about_what_it_rejects_not_its_label_for_it() -> None:
    dismissed = tx.rejected_part(
        "dismissing", "Ukrainian reports of civilian casualties as an attempt to wreck the "
                      "coming talks in Istanbul")
    assert dismissed == "Ukrainian reports of civilian casualties"
    assert "TALKS" not in tx.concepts(dismissed) and "CASUALTIES" in tx.concepts(dismissed)
    assert tx.rejected_part("rejected", "as false a Russian claim that 5,000 soldiers were "
                                        "surrounded") == "a Russian claim that 5,000 soldiers were surrounded"
    # only rejections lose their label; a claim keeps every word
    said = "the strike was presented as an attempt to wreck the talks"
    assert tx.rejected_part("said", said) == said


@pytest.mark.parametrize(("text", "false"), [
    ("read out by Lieutenant General Igor Sedov, more than 5,000 servicemen are cut off", False),
    ("the figure is a lie", True),
    ("these are lies", True),
    ("the video was faked", True),
])
def test_judged_false_reads_whole_short_words(text: str, false: bool) -> None:
    assert tx.judged_false(text) is false


def test_a_request_without_an_asker_is_weak_evidence_against_one_with() -> None:
    hungary = {**feats(concepts=["EXEMPTION_SOUGHT"], terms=["ask", "washington"]),
               "parties": ["HU"]}
    anyone = {**feats(concepts=["EXEMPTION_SOUGHT"], terms=["request", "review"]),
              "parties": []}
    other = {**feats(concepts=["EXEMPTION_SOUGHT"], terms=["request", "review"]),
             "parties": ["HU"]}
    assert pair_similarity(hungary, anyone) < pair_similarity(hungary, other)
    assert pair_similarity(hungary, anyone) < 0.4


def test_without_is_a_condition_not_a_denial() -> None:
    assert not tx.negated_claim("without a written licence, banks handling payments would "
                                "probably remain cautious")
    assert tx.negated_claim("there was no encirclement")
