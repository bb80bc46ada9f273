"""Watched claims and the full-text candidates of a tracked claim, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest

from fogwatch.findings import Document
from fogwatch.store import Store

ENCIRCLED = (
    "Officers in the east said on Tuesday that a brigade holding Myrnohrad had been encircled "
    "and that its supply road was cut. Nobody in the town could confirm it."
)
DENIED = (
    "The garrison defending Myrnohrad is not encircled, a regional commander insisted on "
    "Wednesday; trucks still reach the town at night along a damaged road."
)
GRAIN = (
    "Barley prices on the Danube exchange rose for a third week as barges waited for "
    "inspections at the river ports."
)
LATER = (
    "By Friday a second brigade was said to be encircled west of Myrnohrad, according to "
    "officers who asked not to be named."
)
WORDS = ["myrnohrad", "encircled", "brigade"]


def _doc(text: str, day: str, outlet: str = "Test Wire") -> Document:
    return Document.create(text, outlet=outlet, title="Dispatch", published=day)


def test_a_claim_is_watched_once_listed_seen_and_removed(store: Store) -> None:
    made, new = store.watch_claim("  The brigade in   Myrnohrad is encircled ", author="ana")
    assert new and made.text == "The brigade in Myrnohrad is encircled"
    assert made.author == "ana" and made.seen_at == made.created_at
    again, new_again = store.watch_claim("The brigade in Myrnohrad is encircled")
    assert not new_again and again.id == made.id
    other, _ = store.watch_claim("Barley prices rose on the Danube exchange")
    assert [w.id for w in store.watched_claims()] == [made.id, other.id]

    seen = store.mark_claim_seen(made.id)
    assert datetime.fromisoformat(seen.seen_at) >= datetime.fromisoformat(made.seen_at)
    assert store.get_watched_claim(made.id).seen_at == seen.seen_at

    gone = store.unwatch_claim(made.id)
    assert gone.id == made.id and store.get_watched_claim(made.id) is None
    assert [w.id for w in store.watched_claims()] == [other.id]
    with pytest.raises(LookupError):
        store.unwatch_claim(made.id)
    with pytest.raises(LookupError):
        store.mark_claim_seen(made.id)


@pytest.mark.parametrize("claim", ["", "   ", "?!", "x" * 501])
def test_an_empty_or_overlong_claim_is_refused(store: Store, claim: str) -> None:
    with pytest.raises(ValueError):
        store.watch_claim(claim)
    assert store.watched_claims() == []


def test_candidates_share_the_claims_words_best_first(store: Store) -> None:
    for text, day in ((ENCIRCLED, "2025-11-04"), (DENIED, "2025-11-05"), (GRAIN, "2025-11-05")):
        store.add_document(_doc(text, day))
    found = store.claim_candidates(WORDS, limit=10)
    texts = [c.text for c in found]
    assert set(texts) == {ENCIRCLED, DENIED}  # the grain report shares no word
    assert texts[0] == ENCIRCLED  # it has all three words
    assert all(c.ingested_at and c.outlet == "Test Wire" for c in found)
    assert len(store.claim_candidates(WORDS, limit=1)) == 1
    assert store.claim_candidates(["tractors", "harvest"], limit=10) == []  # no document has them
    # stems meet: "encircle" finds "encircled"
    assert {c.text for c in store.claim_candidates(["encircle"], limit=10)} == {ENCIRCLED, DENIED}
    # what a user could type as search syntax is only words
    assert store.claim_candidates(['"Myrnohrad', "OR", "*", "(AND"], limit=10)


def test_candidates_ingested_after_a_watched_claim_was_seen(store: Store) -> None:
    store.add_document(_doc(ENCIRCLED, "2025-11-04"))
    watched, _ = store.watch_claim("A brigade is encircled in Myrnohrad")
    store.add_document(_doc(LATER, "2025-11-07"))
    store.add_document(_doc(GRAIN, "2025-11-07"))
    after = store.claim_candidates(WORDS, limit=10, ingested_after=watched.seen_at)
    assert [c.text for c in after] == [LATER]
    seen = store.mark_claim_seen(watched.id)
    assert store.claim_candidates(WORDS, limit=10, ingested_after=seen.seen_at) == []


def test_document_claims_of_unreconciled_documents_are_empty(store: Store) -> None:
    _, doc_id = store.add_document(_doc(ENCIRCLED, "2025-11-04"))
    assert store.document_claims([doc_id]) == {}
    assert store.document_claims([]) == {}
