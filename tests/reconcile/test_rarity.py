"""A claim's words weigh by how rare they are among the folded articles' leads;
an article's lead that passes on someone's words is the outlet's relayed claim."""

from __future__ import annotations

import math

import pytest

from fogwatch.reconcile import rarity
from fogwatch.reconcile import text as tx
from fogwatch.reconcile.similarity import THRESHOLD, pair_similarity, wording
from fogwatch.store import Store

STORY = {"auto:PERSON/halvorsen": 0.5, "gaz:place/tromso": 0.3, "auto:ORG/coastguard": 0.2}
RARE, COMMON = 4.0, 0.3


def _lead(text: str, weigh: dict[str, float] | None) -> dict:
    terms = sorted(tx.terms(text))
    features = {"concepts": [], "places": [], "entities": [], "terms": terms, "parties": [],
                "story": STORY, "lede": True}
    if weigh is not None:
        features["weights"] = [weigh.get(t, COMMON) for t in terms]
    return features


# Two leads of one story worded apart: they share the names of the trawler and
# the cape (rare) and little else; most of their words are common ones.
FIRST = ("The trawler Nordkapp sank off Hekkingen cape on Monday night after a week of "
         "heavy storm and high waves")
SECOND = ("Rescuers found the Nordkapp crew alive on a raft near Hekkingen on Tuesday after "
          "the storm had passed")
RARE_WORDS = {tx.stem("nordkapp"), tx.stem("hekkingen")}


def test_the_words_two_claims_share_weigh_by_their_rarity() -> None:
    rare = {t: RARE for t in RARE_WORDS}
    a, b = _lead(FIRST, rare), _lead(SECOND, rare)
    plain = len(set(a["terms"]) & set(b["terms"])) / len(set(a["terms"]) | set(b["terms"]))
    assert wording(a, b) > 2 * plain
    # unweighed on either side (a small store, an analyst's words): a count of words
    assert wording(a, _lead(SECOND, None)) == pytest.approx(plain)
    # sharing only common words, weighed, they share less than a count says
    common = {t: RARE for t in set(a["terms"]) ^ set(b["terms"])}
    assert wording(_lead(FIRST, common), _lead(SECOND, common)) < plain


def test_leads_worded_apart_meet_when_the_words_they_share_are_rare() -> None:
    rare = {t: RARE for t in RARE_WORDS}
    # a sixth of their words in common: below the bar for two leads of one story
    assert pair_similarity(_lead(FIRST, None), _lead(SECOND, None)) == 0.0
    assert pair_similarity(_lead(FIRST, rare), _lead(SECOND, rare)) >= THRESHOLD
    # the same leads sharing the same words, but common ones: apart
    flat = dict.fromkeys(RARE_WORDS, COMMON) | {
        t: RARE for t in set(tx.terms(FIRST)) ^ set(tx.terms(SECOND))}
    assert pair_similarity(_lead(FIRST, flat), _lead(SECOND, flat)) == 0.0


FERRY = tx.stem("ferry")


@pytest.mark.slow
def test_words_are_weighed_once_enough_articles_are_folded(tmp_path, fold, towns) -> None:  # type: ignore[no-untyped-def]
    with Store.open(str(tmp_path / "s.sqlite")) as store:
        for k, place in enumerate(towns[:rarity.WORDS_LEAST]):
            fold(store, f"t-{k}",
                  f"The harbour council of {place} approved a new ferry timetable for "
                  f"the summer season on Monday after a long debate.")
            with store.reading("counts") as conn:
                weights = rarity.weights(conn, [FERRY, "nordkapp"])
            assert (weights is None) == (k + 1 < rarity.WORDS_LEAST)
        n = rarity.WORDS_LEAST
        # a word every lead holds weighs nothing; a word none holds, the most
        assert weights == {FERRY: 0.0, "nordkapp": round(math.log(n + 1), 2)}
        fold(store, "t-x", f"The trawler Nordkapp sank off Hekkingen cape near "
                           f"{towns[-1]} on Monday after its engine failed.")
        stances = [s for p in store.propositions(limit=100) for s in p.stances
                   if s.document == "t-x"]
        with store.reading("counts") as conn:
            after = rarity.weights(conn, [FERRY, "nordkapp"])
    assert stances
    # the new article's lead is counted after it is folded: its words are now less rare
    assert after == {FERRY: round(math.log((n + 2) / (n + 1)), 2),
                     "nordkapp": round(math.log((n + 2) / 2), 2)}


def test_a_capitalised_reporting_word_inside_a_sentence_is_a_name() -> None:
    assert not tx.reports_speech("The Islamic State released a video of its fighters.")
    assert tx.reports_speech("The ministry said on Tuesday that the bridge was hit.")
    assert tx.reports_speech("According to the ministry, the bridge was hit.")


def test_a_lead_naming_the_islamic_state_is_the_outlets_claim(board_of) -> None:  # type: ignore[no-untyped-def]
    """"State" read as a reporting verb made this lead pass on someone's words, and
    the outlet's lead claim was dropped."""
    text = ("The Islamic State released a video on Sunday of its fighters shooting down a "
            "transport helicopter near the border town of Kessa.\n\nThe army has lost two "
            "helicopters in the region this year.")
    board = board_of(text)
    assert [(s.source, s.stance) for p in board for s in p.stances
            if p.statement.startswith("The Islamic State released a video")] \
        == [("The Courier", "asserts")]


@pytest.mark.slow
def test_a_lead_passing_on_words_whose_cue_was_missed_is_relayed(demo_store: Store) -> None:
    """Article 2 of the demo opens "Russian forces have completed the encirclement
    ..., the General Staff of the Russian Armed Forces said on Tuesday", a cue the
    attribution stage does not find: the outlet reports the claim, in its lead."""
    rows = [s for p in demo_store.propositions(limit=200) for s in p.stances
            if s.source == "Moscow Dispatch" and s.role == "outlet"
            and (s.text or "").startswith("Russian forces have completed the encirclement")]
    assert [s.stance for s in rows] == ["reports"]
