"""The outlet's own sentence that passes on a story reports it; negations and
verdict words that judge nothing do not make the outlet deny (FNC-1's train
part showed each of these as an inverted stance on the claim board)."""

from __future__ import annotations

import pytest

from fogwatch import wordlists as wl
from fogwatch.reconcile import text as tx
from fogwatch.reconcile.outlet import outlet_stance
from fogwatch.reconcile.units import ClaimUnit
from fogwatch.reconcile.voice import own_verdict, relays_hearsay


def unit(**kw) -> ClaimUnit:  # type: ignore[no-untyped-def]
    return ClaimUnit(document="d", outlet="The Courier", date=None, source="The Courier",
                     entity=None, role="outlet", polarity="asserts", text="x", start=0, end=1,
                     **kw)


@pytest.mark.parametrize("sentence", [
    "Over the weekend a rumour was flying around that thieves had taken a tank from the depot.",
    "A story making the rounds online says the general has fled to Minsk.",
    "Did you hear about the colonel who sold his battalion's fuel to the enemy?",
    "Posts claiming that the dam had burst spread on Telegram overnight.",
])
def test_a_story_the_outlet_passes_on_is_hearsay(sentence: str) -> None:
    assert relays_hearsay(sentence)


@pytest.mark.parametrize("sentence", [
    "Russian forces captured the village of Novopil on Tuesday.",
    "A report released on Monday lists 500 dead in the region.",
])
def test_a_plain_statement_is_not_hearsay(sentence: str) -> None:
    assert not relays_hearsay(sentence)


def test_the_outlet_reports_a_story_it_passes_on() -> None:
    assert outlet_stance([unit(lede=True, relayed=True)], negative=False)[0] == "reports"
    assert outlet_stance([unit(lede=True)], negative=False)[0] == "asserts"


@pytest.mark.parametrize("sentence", [
    "This is not the first time a ceasefire has been announced.",
    "It is not clear whether he was killed in the exchange of fire.",
    "Officials had not given any indication that negotiations were taking place.",
    "He will certainly not be the last commander to be killed in the city.",
])
def test_negations_that_deny_nothing_of_the_claim(sentence: str) -> None:
    assert not tx.negated_claim(sentence)


def test_negations_that_deny_the_claim() -> None:
    assert tx.negated_concepts("That is not an army that has closed a ring") == {"ENCIRCLE"}
    assert tx.negated_claim("No ceasefire was agreed on Friday.")


@pytest.mark.parametrize("sentence", [
    "His old truck was used in a propaganda stunt by the militia.",
    "The hostage has appeared in several propaganda videos.",
])
def test_propaganda_as_a_kind_of_thing_is_no_verdict(sentence: str) -> None:
    assert not own_verdict(sentence)


@pytest.mark.parametrize("sentence", [
    "Unfortunately, it is not true.",
    "Freaky, yes, but it's also not plausible.",
    "The whole account is a hoax.",
    "Again, the figure is bogus.",
])
def test_the_writer_calls_a_story_untrue(sentence: str) -> None:
    assert own_verdict(sentence)


@pytest.mark.parametrize("sentence", [
    "The claim could not be immediately confirmed.",
    "Her death has not yet been verified by independent sources.",
    "There was no immediate confirmation from Kyiv.",
])
def test_unconfirmed_with_an_adverb(sentence: str) -> None:
    assert tx.unverified(sentence)
    assert wl.UNCONFIRMED.search(sentence)


RUMOUR = (
    "Over the weekend a rumour was flying around that thieves had driven a tank "
    "out of the Kharkiv repair depot. The story is false. No tank left the depot, "
    "and the tank in question was shown to reporters on Monday."
)
# The rules read the writer's "it is not true" as a denial, but the claim-stance
# classifier reads the article as agreeing with the rumour's words: the two
# machineries disagree, so the board says the outlet reports it.
RUMOUR_WEAKLY_DENIED = (
    "Over the weekend a rumour was flying around that thieves had driven a tank "
    "out of the Kharkiv repair depot. Unfortunately for the gossips, it is not true. "
    "The depot's commander showed the tank to reporters on Monday."
)
PLAIN_RUMOUR = (
    "Over the weekend a rumour was flying around that thieves had driven a tank "
    "out of the Kharkiv repair depot. The depot's commander declined to show the "
    "tank to reporters on Monday."
)
PLAIN = (
    "Thieves drove a tank out of the Kharkiv repair depot over the weekend. "
    "The depot's commander declined to show the tank to reporters on Monday."
)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    (RUMOUR, "denies"), (RUMOUR_WEAKLY_DENIED, "reports"), (PLAIN_RUMOUR, "reports"),
    (PLAIN, "asserts"),
])
def test_the_board_on_a_story_passed_on(board_of, text: str,  # type: ignore[no-untyped-def]
                                        expected: str) -> None:
    props = board_of(text)
    tank = [p for p in props if "tank" in p.statement and "thieves" in p.statement.lower()]
    assert tank, [p.statement for p in props]
    outlet = [s.stance for s in tank[0].stances if s.role == "outlet"]
    assert outlet == [expected]
