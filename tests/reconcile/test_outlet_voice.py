"""The outlet's own stance: it reports what it attributes, asserts only in its own
voice, and disputes when its own voice contradicts the claim; statements read as
claims. Sentences written for these tests."""

from __future__ import annotations

import pytest

from fogwatch.reconcile import voice as tx
from fogwatch.reconcile.outlet import outlet_stance as _outlet_stance
from fogwatch.reconcile.units import ClaimUnit


def unit(role: str = "source", polarity: str = "asserts", **kw) -> ClaimUnit:  # type: ignore[no-untyped-def]
    return ClaimUnit(document="d", outlet="The Courier", date=None, source=kw.pop("source", "the army"),
                     entity=None, role=role, polarity=polarity, text=kw.pop("text", "x"),  # type: ignore[arg-type]
                     start=0, end=1, **kw)


def test_an_attributed_claim_is_reported_not_asserted() -> None:
    said = unit(attribution=0)
    assert _outlet_stance([said], negative=False)[0] == "reports"
    # nor does the outlet deny what a quoted source denies
    denied = unit(polarity="denies", attribution=1, source="the ministry")
    assert _outlet_stance([denied, said], negative=False)[0] == "reports"
    # the outlet that says it cannot verify the claim
    assert _outlet_stance([unit(attribution=0, reporter="unconfirmed")], False)[0] == "unverified"


def test_the_outlet_voice_decides_and_takes_one_stance() -> None:
    said = unit(attribution=0)
    own_denial = unit(role="outlet", polarity="denies", source="The Courier")
    own_claim = unit(role="outlet", polarity="asserts", source="The Courier")
    assert _outlet_stance([said, own_denial], False)[0] == "denies"
    # one stance per proposition and article, even when its own sentences differ
    stance, _ = _outlet_stance([said, own_claim, own_denial], False)
    assert stance == "denies"
    # its own figures join the claim but do not judge it
    figure = unit(role="outlet", polarity="asserts", source="The Courier", figure=True)
    assert _outlet_stance([said, figure], False)[0] == "reports"


@pytest.mark.parametrize("sentence", [
    "a briefing that even friendly bloggers found absurdly inflated",
    "Our reading: the figure is inflated",
    "The general repeated, without evidence, that the bridge was gone.",
    "We found no footage or imagery of such a crossing.",
    "The satellite pictures do not support the claim.",
    "The record points the other way.",
])
def test_the_writer_disputes_in_its_own_words(sentence: str) -> None:
    assert tx.own_verdict(sentence)


@pytest.mark.parametrize("sentence", [
    "A defeat would let state propaganda tout a victory.",  # names propaganda, judges nothing
    "The army said the fighting was fierce.",
    "We found the road open on Monday.",
])
def test_a_false_word_is_not_always_a_verdict(sentence: str) -> None:
    assert not tx.own_verdict(sentence)


def test_as_x_puts_it_is_the_writer_taking_the_words() -> None:
    assert tx.endorsed("The front is hard to read since, as ", "puts it")
    assert tx.endorsed("As ", "put it")
    assert not tx.endorsed("Maybe, as ", "says")  # the writer doubts it
    assert not tx.endorsed("The ", "said")


@pytest.mark.parametrize("text", ["that", "Russia was", "Ukraine", "their fearsome capabilities",
                                  "to withdraw and cut the losses", "what extent",
                                  "the company as a Russian puppet",
                                  "officials to submit proposals for such tests"])
def test_fragments_do_not_read_as_claims(text: str) -> None:
    assert not tx.reads_as_claim(text)


@pytest.mark.parametrize("text", [
    "that Russian forces had surrounded five thousand troops",
    "62% of respondents reject any concessions",
    "the bridge was destroyed on Tuesday",
    "They hide workshops in basements",
    "Turkey will host the talks",
])
def test_clauses_read_as_claims(text: str) -> None:
    assert tx.reads_as_claim(text)


ARTICLE = (
    "The defence ministry said on Thursday that its troops had linked up north of Vilshany "
    "on Wednesday, completing an encirclement of about 4,000 soldiers. We found no footage "
    "or imagery of such a link-up.\n\n"
    "Regional officials said a bridge near the village had been destroyed by shelling.\n\n"
    "The governor's office dismissed as false a claim that 900 civilians were trapped in the "
    "village."
)


@pytest.mark.slow
def test_a_claim_the_outlet_finds_no_footage_for_is_disputed(board_of) -> None:  # type: ignore[no-untyped-def]
    props = board_of(ARTICLE)
    linkup = [p for p in props if any("linked up" in (s.text or "") for s in p.stances)]
    assert linkup
    stances = {(s.role, s.stance) for s in linkup[0].stances}
    assert ("outlet", "denies") in stances and ("source", "asserts") in stances
    # no outlet row merely echoes a quoted source as "asserts"
    for p in props:
        outlet = [s for s in p.stances if s.role == "outlet"]
        assert len(outlet) == 1
        assert outlet[0].stance != "asserts", (p.statement, outlet[0].text)
    # a denial's figures are those of the claim it rejects, not the governor's office's
    for p in props:
        assert not any(n.value == 900 for n in p.numbers), p.statement


CONTESTED_LEAD = (
    "Russian forces have encircled several Ukrainian brigades near the town of Pokrovsk. "
    "Ukraine's General Staff denied that any units were surrounded. "
    "Military analysts said the claims of both sides were hard to check."
)
PLAIN_LEAD = (
    "Russian forces have encircled several Ukrainian brigades near the town of Pokrovsk. "
    "The Russian ministry published a map with arrows. Kyiv has not commented."
)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [(CONTESTED_LEAD, "reports"),
                                                (PLAIN_LEAD, "asserts")])
def test_the_outlet_asserts_its_lead_only_when_the_article_holds_it(
        board_of, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    """The lead is the outlet's own voice, so the rules say it asserts the claim;
    the claim-stance classifier reads an article that goes on to set a denial
    and doubt against it as one that discusses it, and the board then says the
    outlet reports it."""
    props = board_of(text)
    ring = [p for p in props if "encircled" in p.statement]
    assert ring, [p.statement for p in props]
    assert [s.stance for s in ring[0].stances if s.role == "outlet"] == [expected]


@pytest.mark.slow
def test_the_reporters_doubt_after_a_semicolon_is_the_outlets_not_the_speakers(
        board_of) -> None:  # type: ignore[no-untyped-def]
    # the demo brief had "not verified by Russian Ministry of Defence": the content
    # ran past the semicolon into the reporter's own doubt
    props = board_of(
        "We found nothing in satellite imagery from before the strike that suggests a drone "
        "workshop at or next to the building. Russia's Defence Ministry said its missiles hit "
        "such a workshop; this could not be independently verified, and the evidence "
        "available to us points the other way.")
    rows = [(s.role, s.stance) for p in props for s in p.stances
            if "workshop" in (s.text or "")]
    assert ("source", "asserts") in rows and ("outlet", "unverified") in rows
    assert ("source", "unverified") not in rows


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # FNC-1's bodies: a correction, and a claim the writer calls false as it was made
    "An earlier version of this article stated that Israel had opened river dams in the "
    "south, causing flooding in the Gaza strip.",
    "The senator falsely claimed that the army had abandoned the town of Pokrovsk.",
])
def test_a_report_the_writer_corrects_is_denied_by_the_outlet(
        board_of, text: str) -> None:  # type: ignore[no-untyped-def]
    props = board_of(text)
    assert props
    assert [s.stance for s in props[0].stances if s.role == "outlet"] == ["denies"]
    assert [s.stance for s in props[0].stances if s.role == "source"] == ["asserts"]
