"""Explicit denials of a claim are never read as asserting it.

A wrong "asserts" puts a lie on the record, so an article that says in so many
words that the claim is not so ("denied that ...", "there is no ...", "called
it a fabrication", "did not happen") must come out ``denies``, whichever of
the claim's words (or their synonyms) it uses. Claims and articles written for
these tests.
"""

from __future__ import annotations

import pytest

from fogwatch.reconcile.claimstance import _speaker, stance, tokens

CLAIM = "Ukrainian troops are encircled in Kupiansk"

DENIALS = {
    "denied that": (
        "The Ukrainian army on Wednesday denied that its units in Kupiansk had been "
        "surrounded. A spokesman called the reports false and said supply roads into the "
        "town remained open."),
    "there is no": (
        "There is no encirclement of Kupiansk, the brigade's commander told reporters on "
        "Thursday. Fresh ammunition and food reach the town's defenders every night."),
    "called it fabricated": (
        "Claims that Ukrainian troops are trapped in Kupiansk are fabricated, the General "
        "Staff said, calling them propaganda meant to sap morale."),
    "did not happen": (
        "The encirclement of Kupiansk did not happen, local officials insisted on Friday. "
        "Ukrainian soldiers rotate in and out of the town along the river road."),
    "rejected as a fabrication": (
        "Kyiv rejected Moscow's statement that its soldiers were cut off in Kupiansk, "
        "calling it a fabrication. Units in the town are being resupplied, the army said."),
}

CONFIRMS = (
    "Russian forces have encircled the Ukrainian garrison in Kupiansk, cutting the last "
    "supply road on Monday. Ukrainian officers confirmed that the troops in the town are "
    "trapped.")
UNRELATED = (
    "Wheat exports through the port of Odesa rose in November as insurers lowered "
    "premiums for cargo ships, the traders' association said.")

# Another claim, another kind of event: a strike the local authorities say missed.
STRIKE_CLAIM = "A missile strike destroyed the power station in Bilhorod"
STRIKE_DENIED = (
    "The regional governor denied on Sunday that the power station in Bilhorod had been "
    "destroyed. Two missiles fell in an empty field outside the town and the plant is "
    "working normally, he said, calling the reports of its destruction untrue.")
STRIKE_CONFIRMED = (
    "A missile strike destroyed the power station in Bilhorod overnight, the regional "
    "governor confirmed on Sunday. Firefighters were still working at the plant, which "
    "has been completely destroyed.")


# Every wording must at least never come out ``asserts``. One that relays a speaker's
# verdict on "claims" ("... are fabricated, the General Staff said") may be read as
# reporting the dispute (FNC-1's ``discuss``); the others must come out ``denies``.
RELAYED = {"called it fabricated"}


@pytest.mark.parametrize("wording", sorted(DENIALS))
def test_an_explicit_denial_never_asserts(wording: str) -> None:
    text = DENIALS[wording]
    r = stance(CLAIM, text)
    assert r.board_label != "asserts", (wording, r.probabilities)
    if wording not in RELAYED:
        assert r.board_label == "denies", (wording, r.probabilities)
    # the passage shown is the one that denies, not just any sentence naming the town
    first = text[: text.index(".") + 1]
    assert text[r.passage_start:r.passage_end] == first


def test_a_denied_strike_denies() -> None:
    r = stance(STRIKE_CLAIM, STRIKE_DENIED)
    assert r.board_label == "denies", r.probabilities


def test_a_plain_confirmation_asserts() -> None:
    assert stance(CLAIM, CONFIRMS).board_label == "asserts"
    assert stance(STRIKE_CLAIM, STRIKE_CONFIRMED).board_label == "asserts"


def test_an_unrelated_text_is_unrelated() -> None:
    assert stance(CLAIM, UNRELATED).board_label == "unrelated"
    assert stance(STRIKE_CLAIM, UNRELATED).board_label == "unrelated"


def test_a_confirmation_that_negates_something_else_still_asserts() -> None:
    # "no road ... remains open", "has not been resupplied": negations, but not of the claim
    text = ("Russian forces have encircled Ukrainian troops in Kupiansk, and no road into the "
            "town remains open, Ukrainian officers confirmed on Monday. The garrison has not "
            "been resupplied for a week.")
    assert stance(CLAIM, text).board_label == "asserts"


# Who says it. An article that relays the claim from one speaker and a denial from
# another reports the dispute (FNC-1's ``discuss``): calling it ``denies`` would
# put the outlet on a side it did not take. One that denies in its own sentences,
# beside the relayed claim, denies.
RELAYED_BOTH_SIDES = {
    "denied, after the claim": (
        "Russia's Defence Ministry said on Monday that its forces had encircled Ukrainian "
        "troops in Kupiansk and cut the last road into the town. Kyiv denied that its units "
        "there were surrounded. Fighting continued along the Oskil river, the ministry said."),
    "rejected, saying there is none": (
        "Ukrainian troops in Kupiansk have been encircled, Russia's General Staff said on "
        "Tuesday, adding that the last supply road was under fire. The Ukrainian army "
        "rejected the claim, saying there is no encirclement of the town. Neither account "
        "could be verified."),
}
OWN_VOICE = {
    "evidence against": (
        "Russia's General Staff said on Tuesday that Ukrainian troops in Kupiansk were "
        "encircled. Satellite images taken the same day do not support that claim, and we "
        "found no footage of a closed ring around the town."),
    "a verdict": (
        "Russia's Defence Ministry said on Monday that Ukrainian troops in Kupiansk were "
        "encircled. That claim is false: the road into the town is open and Ukrainian units "
        "were resupplied on Tuesday."),
    "beside a relayed denial": (
        "Russia's Defence Ministry said on Monday that Ukrainian troops in Kupiansk were "
        "encircled, and Kyiv denied it. Our own map shows no encirclement of Kupiansk: the "
        "supply road into the town is open."),
}


@pytest.mark.parametrize("wording", sorted(RELAYED_BOTH_SIDES))
def test_a_relayed_denial_beside_the_relayed_claim_reports(wording: str) -> None:
    r = stance(CLAIM, RELAYED_BOTH_SIDES[wording])
    assert r.board_label == "reports", (wording, r.probabilities)


@pytest.mark.parametrize("wording", sorted(OWN_VOICE))
def test_a_denial_in_the_articles_own_voice_denies(wording: str) -> None:
    r = stance(CLAIM, OWN_VOICE[wording])
    assert r.board_label == "denies", (wording, r.probabilities)


def _words(text: str) -> list[str]:
    return [t[0] for t in tokens(text)]


def test_who_speaks() -> None:
    assert _speaker(_words("kyiv continues to deny that its troops are surrounded"))
    assert _speaker(_words("There is no encirclement, the General Staff said."))
    assert _speaker(_words("according to the ministry the road is cut"))
    assert not _speaker(_words("according to our map the road is open"))
    assert not _speaker(_words("we found no footage of a closed ring"))
    # a report noun is not a speaker: "Russia's claims" say nothing of who speaks here
    assert not _speaker(_words("The images do not support Russia's claims of a closed ring."))
