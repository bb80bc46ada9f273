"""Whole answers kept a few seconds: never stale after a write, never for a token."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from fogwatch.findings import Document, document_id
from fogwatch.serve.app import create_app
from fogwatch.serve.pagecache import PageCache, cache_seconds
from fogwatch.store import Store

FIRST = "Officials in Kherson said on Monday that the ferry crossing was shelled."
SECOND = "The mayor of Sumy said on Tuesday that a drone hit the water works."


def _doc(text: str, title: str) -> Document:
    return Document(id=document_id(text), text=text, title=title, outlet="River Post",
                    published="2025-11-18", date_source="given")


def _page_cache(app) -> PageCache:  # type: ignore[no-untyped-def]
    layer = app.middleware_stack
    while layer is not None and not isinstance(layer, PageCache):
        layer = getattr(layer, "app", None)
    assert layer is not None, "the page cache is not in the app's middleware"
    return layer


def test_a_page_is_kept_until_the_store_changes(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FOGWATCH_PAGE_CACHE_SECONDS", "60")
    store = Store.open(str(tmp_path / "c.sqlite"))
    store.add_document(_doc(FIRST, "Ferry crossing shelled"))
    app = create_app(store, tiles="")
    with TestClient(app) as client:
        first = client.get("/documents").text
        cache = _page_cache(app)
        again = client.get("/documents").text
        assert again == first and cache.hits == 1
        # a document added behind the app's back changes the store's version
        store.add_document(_doc(SECOND, "Water works hit in Sumy"))
        third = client.get("/documents").text
        assert "Water works hit in Sumy" in third
        # a request with a token is never answered from the cache
        hits = cache.hits
        client.get("/documents", headers={"Authorization": "Bearer x"})
        assert cache.hits == hits
    store.close()


def test_a_write_through_the_app_clears_the_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FOGWATCH_PAGE_CACHE_SECONDS", "60")
    monkeypatch.setenv("FOGWATCH_API_TOKEN", "t0ken")
    store = Store.open(str(tmp_path / "w.sqlite"))
    app = create_app(store, tiles="")
    with TestClient(app) as client:
        client.get("/api/v1/watched")
        cache = _page_cache(app)
        assert cache._entries
        made = client.post("/api/v1/watched", json={"text": "the ferry was shelled",
                                                    "author": "desk"},
                           headers={"Authorization": "Bearer t0ken"})
        assert made.status_code in (200, 201), made.text
        assert not cache._entries
        assert "ferry" in client.get("/api/v1/watched").text
    store.close()


def test_errors_are_not_kept_and_zero_turns_it_off(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FOGWATCH_PAGE_CACHE_SECONDS", "60")
    store = Store.open(str(tmp_path / "e.sqlite"))
    app = create_app(store, tiles="")
    with TestClient(app) as client:
        assert client.get("/documents/nope").status_code == 404
        assert not _page_cache(app)._entries
    monkeypatch.setenv("FOGWATCH_PAGE_CACHE_SECONDS", "0")
    app = create_app(store, tiles="")
    with TestClient(app) as client:
        client.get("/documents")
        client.get("/documents")
        assert _page_cache(app).hits == 0
    store.close()


@pytest.mark.parametrize("bad", ["soon", "-1"])
def test_a_bad_setting_is_a_clear_error(bad: str) -> None:
    with pytest.raises(ValueError, match="FOGWATCH_PAGE_CACHE_SECONDS"):
        cache_seconds(bad)
