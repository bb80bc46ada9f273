"""Claims tied only by a word every story uses are kept apart: the article's story,
weak concepts, and words that only look like a concept."""

from __future__ import annotations

from types import SimpleNamespace

from fogwatch.reconcile import text as tx
from fogwatch.reconcile.propositions import THRESHOLD, pair_similarity
from fogwatch.reconcile.units import STORY_SIZE, story


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
    assert {"gaz:place/dnipro", "auto:PERSON/p03"} <= told  # most mentioned first
    # the warring states, and a place counted again as its entity, are left out
    assert not told & {"sup:country/ua", "gaz:place/ukraine", "gaz:place/dnipro-entity"}


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
