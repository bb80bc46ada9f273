"""Full-text search: relevance order, phrases, snippets, and input that is not syntax."""

from __future__ import annotations

import pytest

from fogwatch.findings import Document
from fogwatch.store import Store
from fogwatch.store.search import fts5_query


@pytest.fixture
def corpus(store: Store) -> dict[str, Document]:
    docs = {
        "title": Document.create(
            "Officials met in Geneva to talk about prisoner exchanges and grain.",
            title="Drone strikes on refineries", published="2025-11-01",
        ),
        "many": Document.create(
            "A drone hit a depot. Another drone was shot down. Drone crews on both sides "
            "say drone production decides the war more than tanks do.",
            title="Workshops of the front", published="2025-11-02",
        ),
        "once": Document.create(
            "Artillery duels continued near Huliaipole; one drone was reported overhead.",
            title="Southern front quiet", published="2025-11-03",
        ),
        "none": Document.create(
            "Parliament debated the budget for schools and hospitals.",
            title="Budget vote", published="2025-11-04",
        ),
    }
    for doc in docs.values():
        store.add_document(doc)
    return docs


def test_ranking_puts_stronger_matches_first(store: Store, corpus: dict[str, Document]) -> None:
    hits = store.search("drone")
    ids = [doc.id for doc, _ in hits]
    assert corpus["none"].id not in ids
    assert set(ids) == {corpus["title"].id, corpus["many"].id, corpus["once"].id}
    # Four body hits and a title hit both beat a single passing mention.
    assert ids[-1] == corpus["once"].id


def test_words_must_all_match_and_phrases_keep_order(
    store: Store, corpus: dict[str, Document]
) -> None:
    assert [d.id for d, _ in store.search("drone depot")] == [corpus["many"].id]
    assert [d.id for d, _ in store.search('"prisoner exchanges"')] == [corpus["title"].id]
    assert store.search('"exchanges prisoner"') == []


def test_snippets_mark_the_match(store: Store, corpus: dict[str, Document]) -> None:
    (doc, snippet), = store.search("Huliaipole")
    assert doc == corpus["once"]
    assert "[Huliaipole]" in snippet


ODD_QUERIES = [
    '"', '"drone', "drone*", "(drone", "drone)", "AND", "drone AND", "NOT drone",
    "drone OR", "OR", "*", "^drone", "drone:", "title:drone", "-drone", "{drone}", "''",
    "drone's", "  ", "", "NEAR(drone tank)", "drone + tank", "\\", "%", "дрон",
]


def test_odd_queries_never_raise(store: Store, corpus: dict[str, Document]) -> None:
    for query in ODD_QUERIES:
        hits = store.search(query)
        assert isinstance(hits, list), query
        for doc, snippet in hits:
            assert isinstance(doc, Document) and isinstance(snippet, str)
    assert store.search("") == []


def test_odd_characters_are_read_as_words(store: Store, corpus: dict[str, Document]) -> None:
    for query in ('"drone', "drone*", "(drone)", "drone AND"):
        assert corpus["many"].id in {d.id for d, _ in store.search(query)}, query


def test_or_widens_the_search(store: Store, corpus: dict[str, Document]) -> None:
    ids = {d.id for d, _ in store.search("budget OR Geneva")}
    assert ids == {corpus["none"].id, corpus["title"].id}


def test_limit(store: Store, corpus: dict[str, Document]) -> None:
    assert len(store.search("drone", limit=2)) == 2


def test_fts5_query_building() -> None:
    assert fts5_query('Pokrovsk "General Staff" (attack*') == (
        '"Pokrovsk" AND "General Staff" AND "attack" *'
    )
    assert fts5_query("kyiv OR kharkiv odesa") == '("kyiv" OR "kharkiv") AND "odesa"'
    assert fts5_query('" * ( ) AND OR NOT') is None


def test_words_match_by_their_stems(store: Store) -> None:
    doc = Document.create("Russian units surrounded the garrison and kept shelling it.",
                          title="Encircled", published="2025-11-05")
    store.add_document(doc)
    for query in ("surround", "surrounds", "shelled", "unit"):
        assert [d.id for d, _ in store.search(query)] == [doc.id], query


def test_a_starred_word_matches_by_its_beginning(store: Store) -> None:
    doc = Document.create("Fighting continued in Pokrovsk and Myrnohrad overnight.",
                          title="Donetsk front", published="2025-11-05")
    store.add_document(doc)
    assert [d.id for d, _ in store.search("pokrov*")] == [doc.id]
    assert [d.id for d, _ in store.search("myrno* fighting")] == [doc.id]
    assert store.search("pokrov") == []  # no star: a word of its own
    assert store.search("* ( pokrovx*") == []


def test_an_entity_name_finds_its_documents_under_every_alias(store: Store) -> None:
    from fogwatch.findings import Analysis, Entity, Mention

    text = "Russian forces pressed on toward Kupyansk, the governor said on Monday."
    doc = Document.create(text, title="Kharkiv region", published="2025-11-06")
    start = text.index("Kupyansk")
    mention = Mention(text="Kupyansk", start=start, end=start + 8, sentence=0, type="GPE",
                      entity="gaz:place/kupiansk")
    entity = Entity(key="gaz:place/kupiansk", name="Kupiansk", type="GPE",
                    aliases=["Kupyansk", "Kupiansk"], mentions=[mention])
    store.save_analysis(Analysis(document=doc, entities=[entity]))
    other = Document.create("Kupiansk was quiet.", title="Elsewhere", published="2025-11-01")
    store.add_document(other)
    hits = store.search("Kupiansk")
    # the text match first, then the document that spells the name another way
    assert [d.id for d, _ in hits] == [other.id, doc.id]
    assert "[Kupyansk]" in hits[1][1]
    assert [d.id for d, _ in store.search("kupyansk")][0] == doc.id
