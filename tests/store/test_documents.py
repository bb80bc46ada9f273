"""Adding documents: deduplication by id, URL and normalised text; comments; listing."""

from __future__ import annotations

import threading

import pytest

from fogwatch.findings import Document
from fogwatch.store import Store, StoreError
from fogwatch.store import store as store_module


def test_add_then_get_round_trips_every_field(store: Store, article: Document) -> None:
    assert store.add_document(article) == (True, article.id)
    assert store.get_document(article.id) == article
    assert store.get_document("nope") is None


def test_same_id_is_a_duplicate(store: Store, article: Document) -> None:
    store.add_document(article)
    again = Document(id=article.id, text="Different words entirely.", title="Changed")
    assert store.add_document(again) == (False, article.id)
    assert store.get_document(article.id).title == article.title


def test_same_url_under_another_id_is_a_duplicate(store: Store, article: Document) -> None:
    store.add_document(article)
    other = Document(id="other-id", text="An updated page at the same address.", url=article.url)
    assert store.add_document(other) == (False, article.id)
    assert store.count_documents() == 1


def test_same_normalised_text_is_a_duplicate(store: Store, article: Document) -> None:
    store.add_document(article)
    # Case, Unicode width and spacing differ; the normalised text does not.
    copy_text = "  " + article.text.upper().replace(" ", "  \n") + " "
    copy = Document.create(copy_text, url="https://mirror.example.net/copy")
    assert copy.id != article.id
    assert store.add_document(copy) == (False, article.id)


def test_comments_are_stored_with_their_article(store: Store, article: Document) -> None:
    store.add_document(article)
    comment = Document.create(
        "Nobody on the ground believes the encirclement story.", section="comment",
        parent_id=article.id, author="reader42",
    )
    assert store.add_document(comment) == (True, comment.id)
    assert store.get_document(comment.id).parent_id == article.id
    assert store.count_documents() == 1
    assert store.count_documents(section="comment") == 1
    assert store.count_documents(section=None) == 2
    assert [d.id for d in store.documents(section="comment")] == [comment.id]


def test_comment_without_stored_article_is_refused_clearly(store: Store) -> None:
    orphan = Document.create("An orphan remark.", section="comment", parent_id="missing")
    with pytest.raises(StoreError, match="not stored"):
        store.add_document(orphan)
    assert store.count_documents(section=None) == 0


def test_insert_race_returns_existing_id(
    store: Store, article: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_document(article)
    # The other writer committed after our duplicate check ran: the check sees
    # nothing, the insert hits the primary key, and we must still answer (False, id).
    real = store_module._find_duplicate
    calls = {"n": 0}

    def stale_then_real(*args: object) -> str | None:
        calls["n"] += 1
        return None if calls["n"] == 1 else real(*args)

    monkeypatch.setattr(store_module, "_find_duplicate", stale_then_real)
    assert store.add_document(article) == (False, article.id)
    assert calls["n"] == 2


def test_concurrent_writers_store_one_copy(db_url: str, article: Document) -> None:
    results: list[tuple[bool, str]] = []
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            with Store.open(db_url) as own:
                results.append(own.add_document(article))
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    Store.open(db_url).close()  # migrate once so the threads race on the insert only
    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == [(False, article.id)] * 3 + [(True, article.id)]


def _doc(n: int, published: str | None, outlet: str = "a.example") -> Document:
    return Document.create(f"Report number {n} on the front line.", outlet=outlet,
                           published=published)


def test_documents_newest_first_with_filters(store: Store) -> None:
    docs = [
        _doc(1, "2025-10-01"), _doc(2, "2025-11-02T08:30:00+00:00", "b.example"),
        _doc(3, "2025-11-01"), _doc(4, None),
    ]
    for d in docs:
        store.add_document(d)
    listed = [d.id for d in store.documents()]
    assert listed == [docs[1].id, docs[2].id, docs[0].id, docs[3].id]
    since = store.documents(since="2025-11-01")
    assert [d.id for d in since] == [docs[1].id, docs[2].id]
    until = store.documents(until="2025-11-01T23:59:00")
    assert [d.id for d in until] == [docs[2].id, docs[0].id]
    assert [d.id for d in store.documents(outlet="b.example")] == [docs[1].id]
    assert [d.id for d in store.documents(limit=2, offset=1)] == [docs[2].id, docs[0].id]
    assert store.count_documents(since="2025-11-01") == 2
    assert store.count_documents(outlet="a.example") == 3
