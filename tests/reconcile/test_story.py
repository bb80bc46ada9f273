"""Claims tied only by a word every story uses are kept apart: the article's story,
weak concepts, and words that only look like a concept."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from fogwatch.reconcile import text as tx
from fogwatch.reconcile.propositions import THRESHOLD, pair_similarity, stories_apart
from fogwatch.reconcile.units import STORY_SIZE, ClaimUnit, _same_act, story


def _features(**kw):
    base = {"concepts": [], "places": [], "entities": [], "terms": [], "parties": []}
    return base | kw


def test_story_is_the_most_mentioned_specific_names_and_places() -> None:
    def mentions(n):
        return [SimpleNamespace(start=i, end=i + 1) for i in range(n)]

    analysis = SimpleNamespace(
        places=[SimpleNamespace(key="sup:country/ua", mentions=mentions(9), entity=None),
                SimpleNamespace(key="gaz:place/dnipro", mentions=mentions(4),
                                entity="gaz:place/dnipro-entity")],
        entities=[SimpleNamespace(key="gaz:place/dnipro-entity", mentions=mentions(4)),
                  SimpleNamespace(key="gaz:place/ukraine", mentions=mentions(7))]
        + [SimpleNamespace(key=f"auto:PERSON/p{i:02d}", mentions=mentions(1 + (i == 3)))
           for i in range(30)],
    )
    told = story(analysis)
    assert len(told) == STORY_SIZE
    assert list(told)[:2] == ["gaz:place/dnipro", "auto:PERSON/p03"]  # most mentioned first
    # each with its share of the story's mentions (4 + 2 + 13 x 1)
    assert told["gaz:place/dnipro"] == round(4 / 19, 3)
    assert abs(sum(told.values()) - 1) < 0.01
    # the warring states, and a place counted again as its entity, are left out
    assert not told.keys() & {"sup:country/ua", "gaz:place/ukraine", "gaz:place/dnipro-entity"}


def test_units_from_different_stories_are_different_claims() -> None:
    dead_boy = _features(concepts=["CASUALTIES"], terms=["boy", "young", "sept"],
                         story=["auto:ORG/isis", "gaz:place/syria"])
    singer = _features(concepts=["CASUALTIES"], terms=["singer"],
                       story=["auto:PERSON/shakira"])
    assert pair_similarity(dead_boy, singer) == 0.0
    # the same unit in an article of the same story still matches on its concept
    same_story = singer | {"story": ["auto:ORG/isis", "gaz:place/iraq"]}
    assert pair_similarity(dead_boy, same_story) >= THRESHOLD
    # units stored before articles had a story are matched as before
    assert pair_similarity(dead_boy, {k: v for k, v in singer.items() if k != "story"}) \
        == pair_similarity(dead_boy, same_story)


def test_a_capture_shared_alone_does_not_make_one_claim() -> None:
    yeti = _features(concepts=["CAPTURE"], terms=["footag", "yeti", "woodland"])
    aircraft = _features(concepts=["CAPTURE"], terms=["aircraft", "airport", "libyan"])
    assert pair_similarity(yeti, aircraft) < THRESHOLD
    # a specific concept still ties short restatements (the demo's encirclement)
    trapped = _features(concepts=["ENCIRCLE"], terms=["troop", "town"])
    encircled = _features(concepts=["ENCIRCLE"], terms=["soldier", "eastern"])
    assert pair_similarity(trapped, encircled) >= THRESHOLD


def test_words_that_only_look_like_a_concept() -> None:
    assert tx.concepts("fighters contracted the deadly Ebola virus") == set()
    assert tx.concepts("the gains were wound back") == set()
    assert tx.concepts("two soldiers were wounded and one killed") == {"CASUALTIES"}
    assert tx.concepts("the wound was treated") == {"CASUALTIES"}


# Stories as units.story gives them: name -> share of the article's mentions.
HOSTAGE = {"auto:PERSON/anna-brandt": 0.4, "auto:ORG/black-banner": 0.15, "geo:harran": 0.15,
           "auto:ORG/red-crescent": 0.1, "auto:PERSON/lena-brandt": 0.1, "geo:oslo": 0.1}
GAS_ATTACK = {"geo:tel-saqr": 0.35, "auto:ORG/black-banner": 0.15, "auto:ORG/third-brigade": 0.2,
              "auto:PERSON/omar-kassem": 0.1, "auto:ORG/health-ministry": 0.1, "geo:kirkuk": 0.1}
HOSTAGE_AGAIN = {"auto:PERSON/anna-brandt": 0.5, "auto:ORG/black-banner": 0.2,
                 "geo:harran": 0.1, "auto:PERSON/jon-vik": 0.1, "geo:bergen": 0.1}
ROUND_UP = {f"auto:ORG/o{i:02d}": 1 / 15 for i in range(14)} | {"geo:harran": 1 / 15}


def test_articles_about_one_thing_each_tell_apart_by_their_story() -> None:
    # Two articles about one armed group: a hostage's death and a gas attack on
    # soldiers. They share the group's name and nothing they dwell on.
    assert stories_apart(HOSTAGE, GAS_ATTACK)
    killed = _features(concepts=["CASUALTIES"], terms=["hostag", "execut"], story=HOSTAGE)
    gassed = _features(concepts=["CASUALTIES"], terms=["soldier", "ga"], story=GAS_ATTACK)
    assert pair_similarity(killed, gassed) == 0.0
    # another article about the hostage tells the same story
    assert not stories_apart(HOSTAGE, HOSTAGE_AGAIN)
    again = _features(concepts=["CASUALTIES"], terms=["hostag", "dead"], story=HOSTAGE_AGAIN)
    assert pair_similarity(killed, again) >= THRESHOLD


def test_a_round_up_is_told_apart_only_by_sharing_no_name() -> None:
    # A round-up of the day spreads its mentions over many stories: one shared
    # place is enough for its claims to be compared with an article about it.
    assert not stories_apart(ROUND_UP, HOSTAGE)
    assert stories_apart(ROUND_UP, GAS_ATTACK)  # nothing in common
    # stories stored as plain lists (before they had shares) are read as
    # round-ups: only sharing no name tells them apart
    assert not stories_apart(sorted(HOSTAGE), sorted(GAS_ATTACK))
    assert stories_apart(["geo:harran"], ["geo:tel-saqr"])


@pytest.mark.parametrize(("text", "bare"), [
    ("his death", True),
    ("the killing", True),
    ("Her death", True),
    ("the killing of the mayor", False),
    ("they are trapped", False),
    ("to kill another hostage", False),
    ("the claim", False),
    ("that it is bidding", False),  # a clause: "it" is someone the text names
    ("the withdrawal they ordered", False),
])
def test_an_act_named_without_whose_is_bare(text: str, bare: bool) -> None:
    assert tx.bare_act(text) is bare


def _unit(text: str, start: int, concepts: set[str], bare: bool = False) -> ClaimUnit:
    return ClaimUnit(document="d", outlet=None, date=None, source="s", entity=None,
                     role="source", polarity="asserts", text=text, start=start,
                     end=start + len(text), concepts=concepts, bare=bare)


def test_a_bare_act_takes_its_claim_from_the_nearest_unit_naming_the_act() -> None:
    units = [
        _unit("gunmen killed the hostage near the border", 0, {"CASUALTIES"}),
        _unit("a drone struck a depot", 50, {"STRIKE"}),
        _unit("his death", 90, {"CASUALTIES"}, bare=True),
        _unit("an exemption", 120, {"EXEMPTION"}, bare=True),
    ]
    assert _same_act(units, 2) == 0  # the killing, not the nearer strike
    assert _same_act(units, 3) is None  # no earlier unit names an exemption
