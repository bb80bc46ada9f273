"""Search finds an entity's documents by any of its names, stems and prefixes, and
its count agrees with the entity page."""

from __future__ import annotations

from typing import Any

import pytest

from fogwatch.store import Store


@pytest.mark.parametrize("name", ["Pokrovsk", "Kupiansk"])
def test_search_count_equals_the_entity_page(demo_store: Store, name: str) -> None:
    [key] = demo_store.resolve_name(name)[:1]
    entity = demo_store.get_entity(key)
    assert entity is not None
    found = {doc.id for doc, _ in demo_store.search(name, limit=200)}
    assert len(found) == entity.documents


def test_an_alias_finds_what_the_name_finds(demo_store: Store) -> None:
    by_name = {doc.id for doc, _ in demo_store.search("Kupiansk", limit=200)}
    by_alias = {doc.id for doc, _ in demo_store.search("Kupyansk", limit=200)}
    assert by_name == by_alias and len(by_name) >= 2


def test_the_search_page_finds_stems_and_prefixes(client: Any) -> None:
    for query in ("surround", "encircl*"):
        page = client.get("/search", params={"q": query})
        assert page.status_code == 200
        assert "/documents/" in page.text, query
