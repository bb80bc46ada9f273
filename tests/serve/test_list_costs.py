"""What the cheaper reads of the list pages must keep: the same names, totals and
stances as before, only read or counted differently."""

from __future__ import annotations

import re

import sqlalchemy as sa

from fogwatch.store import browse
from fogwatch.store.schema import entities, places


def test_place_names_come_from_the_stored_places(demo_store):
    with demo_store.reading("test") as conn:
        rows = conn.execute(sa.select(places.c["key"], places.c.name)).all()
        entity_keys = set(conn.execute(sa.select(entities.c["key"])).scalars())
    stored: dict[str, set[str]] = {}
    for key, name in rows:
        if key not in entity_keys and name:  # an entity's own name wins
            stored.setdefault(key, set()).add(name)
    keys = sorted(stored)
    assert keys
    names = browse.entity_names(demo_store, [*keys, "geo:no-such-place"])
    for key in keys:
        assert names[key] in stored[key]
    assert "geo:no-such-place" not in names


def test_a_finding_list_total_is_what_counting_gives(client, demo_store):
    for kind in ("events", "attributions"):
        body = client.get(f"/api/v1/{kind}", params={"limit": 5}).json()
        assert body["total"] == browse.count_findings(demo_store, kind)
        rows, total = browse.list_findings(demo_store, kind, limit=5)
        assert total == body["total"] and len(rows) == len(body["items"])


def test_entity_lists_show_outlets_counted_as_before(client, demo_store):
    items = client.get("/api/v1/entities", params={"limit": 10}).json()["items"]
    direct = {e.key: e.outlets for e in browse.entity_list(demo_store, limit=10)}
    assert items and {i["key"]: i["outlets"] for i in items} == direct


def test_the_board_links_to_the_claim_page_for_more_stances(client):
    text = client.get("/claims").text
    # "N more" past the five a laptop lists, "M more" past the two a phone lists
    found = re.findall(r'<p class="more-stances[^"]*"><a href="/claims/([^"]+)">'
                       r'(?:<span class="wide-only">(\d+) more stances?</span>)?'
                       r'<span class="narrow-only">(\d+) more', text)
    assert found and "<details class=\"more-stances\">" not in text
    assert any(wide for _, wide, _ in found)
    for pid, wide, narrow in found:
        page = client.get(f"/claims/{pid}").text
        listed = page.count('<li class="stance-row')
        assert listed == 2 + int(narrow) and (not wide or listed == 5 + int(wide))
