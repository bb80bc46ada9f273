"""An article's lead sentence is its headline claim; people named in fewer words
are the same people."""

from __future__ import annotations

from types import SimpleNamespace

from fogwatch.reconcile import text as tx
from fogwatch.reconcile.similarity import THRESHOLD, pair_similarity
from fogwatch.reconcile.units import lead_sentence, person_key, story


def _lead(terms: list[str], story_: dict[str, float], lede: bool = True) -> dict:
    features = {"concepts": [], "places": [], "entities": ["auto:PERSON/halvorsen"],
                "terms": terms, "parties": [], "story": story_}
    return features | ({"lede": True} if lede else {})


def test_the_lead_is_the_first_sentence_long_enough_to_state_something() -> None:
    text = ("Harbour town braces for storm.\nThe ferry stopped. Boats wait.\n\n"
            "A fishing trawler with eleven crew members sank off the northern cape on "
            "Monday night after its engine failed. Rescuers searched all night.")
    start, end = lead_sentence(text)
    assert text[start:end].startswith("A fishing trawler with eleven crew")
    assert lead_sentence("Too short. Also short.") is None


def test_two_leads_of_one_story_meet_at_less_wording_than_other_units() -> None:
    one = {"auto:PERSON/halvorsen": 0.5, "gaz:place/tromso": 0.3, "auto:ORG/coastguard": 0.2}
    # the same story in part: 0.4 of the mentions on the same names
    near = {"auto:PERSON/halvorsen": 0.3, "gaz:place/tromso": 0.1, "auto:ORG/navy": 0.6}
    a = tx.terms("A fishing trawler sank off the northern cape after its engine failed")
    b = tx.terms("Eleven crew were rescued after their trawler sank near the cape")
    assert 0.3 <= len(a & b) / len(a | b) < 0.5  # worded apart, below the usual bar
    assert pair_similarity(_lead(sorted(a), one), _lead(sorted(b), near)) >= THRESHOLD
    # the same words, not both leads: they must nearly coincide
    assert pair_similarity(_lead(sorted(a), one), _lead(sorted(b), near, lede=False)) == 0.0
    # both leads, but the articles tell other stories
    other = {"auto:PERSON/halvorsen": 0.1, "gaz:place/bergen": 0.6, "auto:ORG/ferry": 0.3}
    assert pair_similarity(_lead(sorted(a), one), _lead(sorted(b), other)) == 0.0


def test_units_naming_one_person_in_articles_of_one_story_meet_at_less_wording() -> None:
    one = {"auto:PERSON/halvorsen": 0.5, "gaz:place/tromso": 0.3, "auto:ORG/coastguard": 0.2}
    a = tx.terms("A fishing trawler sank off the northern cape after its engine failed")
    b = tx.terms("Eleven crew were rescued after their trawler sank near the cape")
    first, second = _lead(sorted(a), one, lede=False), _lead(sorted(b), one, lede=False)
    assert pair_similarity(first, second) >= THRESHOLD
    # naming no one in common, they must nearly coincide
    assert pair_similarity(first, second | {"entities": ["auto:PERSON/larsen"]}) == 0.0


def test_a_person_named_by_words_alone_is_keyed_by_the_last_of_them() -> None:
    assert person_key("auto:PERSON/omar-j-gonzalez") == person_key("auto:PERSON/gonzalez")
    assert person_key("auto:PERSON/james-foley") == person_key("auto:PERSON/jim-foley")
    assert person_key("auto:PERSON/james-foley") != person_key("auto:PERSON/james-wright")
    assert person_key("gaz:person/vladimir-putin") == "gaz:person/vladimir-putin"
    assert person_key("auto:ORG/sony-pictures") == "auto:ORG/sony-pictures"


def test_a_story_counts_a_person_once_however_named() -> None:
    def entity(key: str, n: int) -> SimpleNamespace:
        return SimpleNamespace(key=key, mentions=[SimpleNamespace(start=i, end=i + 1)
                                                  for i in range(n)])

    analysis = SimpleNamespace(places=[], entities=[
        entity("auto:PERSON/omar-j-gonzalez", 1), entity("auto:PERSON/gonzalez", 3),
        entity("auto:ORG/secret-service", 4)])
    assert story(analysis) == {"auto:PERSON/gonzalez": 0.5, "auto:ORG/secret-service": 0.5}


def test_the_lead_is_read_from_the_analysis_sentences(board_of) -> None:  # type: ignore[no-untyped-def]
    """A headline above one line break is a sentence of its own to the analysis;
    reconcile reads the document's sentences from it, so the outlet's lead claim
    does not open with the headline (split on punctuation alone, it did)."""
    text = ("Russian Troops Close In Near Kupiansk\n"
            "Russian forces encircled about 5,000 Ukrainian soldiers near Kupiansk on "
            "Thursday after a week of heavy fighting.\n\n"
            "The town has been shelled daily for a month.")
    assert text[slice(*lead_sentence(text))].startswith("Russian Troops Close In")
    statements = [p.statement for p in board_of(text)]
    assert "Russian forces encircled about 5,000 Ukrainian soldiers near Kupiansk on " \
           "Thursday after a week of heavy fighting." in statements
    assert not any(s.startswith("Russian Troops") for s in statements)
