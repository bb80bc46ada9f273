"""Search finds an entity's documents by any of its names, stems and prefixes, and
its count agrees with the entity page."""

from __future__ import annotations

import re
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


@pytest.mark.parametrize(("name", "key"), [("Pokrovsk", "gaz:place/pokrovsk"),
                                           ("Kupiansk", "gaz:place/kupiansk"),
                                           ("Kupyansk", "gaz:place/kupiansk")])
def test_the_web_search_counts_what_the_entity_page_counts(client: Any, name: str,
                                                          key: str) -> None:
    """The pages a reader compares: "N documents" on the entity's page, and the
    count and list of documents the search page gives for any of its names."""
    entity_page = client.get(f"/entities/{key}").text
    [on_entity] = re.findall(r"\d+ mentions? in (\d+) documents?", entity_page)
    search = client.get("/search", params={"q": name}).text.split("<main>", 1)[1]
    [on_search] = re.findall(r"<h2>Documents <span class=\"muted small\">(\d+)</span>", search)
    section = search.split("<h2>Documents", 1)[1].split("</section>", 1)[0]
    listed = set(re.findall(r'href="/documents/([0-9a-f]{16})', section))
    assert int(on_entity) == int(on_search) == len(listed) >= 2
