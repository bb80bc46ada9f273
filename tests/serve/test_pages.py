"""The HTML pages over the demo store, read through the ASGI app (no browser)."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from fogwatch.serve.settings import STATIC_DIR

from .conftest import HOSTILE_OUTLET, HOSTILE_TITLE

NAV = ["/", "/timeline", "/claims", "/entities", "/documents", "/map"]


def _some_document(client) -> dict:
    docs = client.get("/api/v1/documents", params={"limit": 50}).json()["items"]
    return next(d for d in docs if d["title"] and d["title"].startswith("Dnipro death toll"))


@pytest.mark.parametrize(
    "path", ["/", "/timeline", "/claims", "/entities", "/documents", "/map", "/search?q=Pokrovsk"]
)
def test_every_page_answers_with_the_common_navigation(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    for href in NAV:
        assert f'href="{href}"' in r.text
    assert 'action="/search"' in r.text
    # No inline script anywhere: the CSP would block it.
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", r.text)


def test_security_headers(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert client.get("/api/v1/documents").headers["x-frame-options"] == "DENY"


def test_tile_server_is_allowed_by_the_csp_only_when_configured(demo_store):
    from fastapi.testclient import TestClient

    from fogwatch.serve.app import create_app

    app = create_app(demo_store, tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    with TestClient(app) as c:
        r = c.get("/map")
    assert "https://*.tiles.example.org" in r.headers["content-security-policy"]
    assert 'data-tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png"' in r.text


def test_overview_shows_counts_contested_claims_and_active_entities(client):
    text = client.get("/").text
    assert re.search(r"<b>1[67]</b> articles", text)  # 16 demo articles + the hostile one
    assert "Contested claims" in text and "No source denies" not in text
    assert "Pokrovsk" in text
    assert 'href="/entities/gaz:place/ukraine"' in text


def test_hostile_title_is_shown_as_text_everywhere(client, hostile_id):
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for path in ["/", "/documents", f"/documents/{hostile_id}", "/search?q=Kharkiv+depot"]:
        text = client.get(path).text
        assert HOSTILE_TITLE not in text, path
        assert escaped in text, path
    page = client.get(f"/documents/{hostile_id}").text
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert HOSTILE_OUTLET not in page and "&lt;i&gt;Evil Gazette&lt;/i&gt;" in page
    assert "</article> stays" not in page
    # The API hands the title back as data, unchanged.
    doc = client.get(f"/api/v1/documents/{hostile_id}").json()
    assert doc["title"] == HOSTILE_TITLE


def test_hostile_query_is_escaped(client):
    text = client.get("/search", params={"q": '"><script>alert(3)</script>'}).text
    assert "<script>alert(3)" not in text
    assert "&lt;script&gt;alert(3)" in text


def test_nul_bytes_are_turned_away(client):
    assert client.get("/search?q=a%00b").status_code == 400


def test_documents_list_and_filters(client):
    text = client.get("/documents").text
    assert "Dnipro death toll rises to 12" in text
    baltic = client.get("/documents", params={"outlet": "Baltic Wire"}).text
    assert "Baltic Wire" in baltic and "Kyiv Ledger</td>" not in baltic
    comments = client.get("/documents", params={"section": "comment"}).text
    assert "reader comment" in comments


def test_document_page_highlights_findings_by_kind(client):
    doc = _some_document(client)
    r = client.get(f"/documents/{doc['id']}")
    assert r.status_code == 200
    text = r.text
    for kind in ("entity", "time", "cue", "event", "quantity", "place"):
        assert f"k-{kind}" in text, kind
    data = re.search(r'<script type="application/json" id="findings-data">(.*?)</script>', text, re.S)
    details = json.loads(data.group(1))
    kinds = {d["kind"] for d in details.values()}
    assert {"entity", "time", "event", "quantity", "place"} <= kinds
    # Every highlighted segment points at findings the panel can show.
    ids = {i for seg in re.findall(r'data-ids="([^"]+)"', text) for i in seg.split()}
    assert ids and ids <= set(details)


def test_reader_comments_are_shown_apart_from_the_article(client):
    docs = client.get("/api/v1/documents", params={"limit": 50}).json()["items"]
    with_comments = [
        d for d in docs if client.get(f"/api/v1/documents/{d['id']}").json()["comments"]
    ]
    assert with_comments
    text = client.get(f"/documents/{with_comments[0]['id']}").text
    article, _, comments = text.partition('aria-label="reader comments"')
    assert comments and "Reader comments" in comments
    assert 'class="doc-text comment-text"' in comments
    assert 'class="doc-text comment-text"' not in article


def test_document_mark_flags_the_linked_passage(client):
    doc = _some_document(client)
    text = client.get(f"/documents/{doc['id']}", params={"mark": "0-5"}).text
    assert 'id="mark"' in text and "k-mark" in text
    assert 'id="mark"' not in client.get(f"/documents/{doc['id']}", params={"mark": "x"}).text


def test_claim_page_shows_every_stance(client):
    text = client.get("/claims", params={"contested": "1"}).text
    pid = re.search(r'<h2 class="statement"><a href="/claims/([^"]+)"', text).group(1)
    prop = client.get(f"/api/v1/propositions/{pid}").json()
    page = client.get(f"/claims/{pid}")
    assert page.status_code == 200
    assert page.text.count('<li class="stance-row') == len(prop["stances"])
    assert "more stance" not in page.text
    assert client.get("/claims/no-such-claim").status_code == 404


def test_unknown_page_is_an_html_404_with_navigation(client):
    r = client.get("/no/such/page")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert 'href="/timeline"' in r.text
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404 and api.json()["detail"]


def test_unknown_document_and_entity_are_404(client):
    r = client.get("/documents/no-such-id")
    assert r.status_code == 404 and "No document" in r.text
    r = client.get("/entities/gaz:person/nobody-at-all")
    assert r.status_code == 404 and "No entity" in r.text


def test_entities_list_and_type_filter(client):
    text = client.get("/entities").text
    assert "Pokrovsk" in text and "Moscow" in text
    people = client.get("/entities", params={"type": "PERSON"}).text
    assert "t-PERSON" in people and "t-GPE" not in people
    found = client.get("/entities", params={"q": "pokrov"}).text
    assert "Pokrovsk" in found and 'href="/entities/gaz:place/moscow"' not in found


def test_entities_are_paginated(client):
    first = client.get("/entities").text
    assert 'rel="next"' in first
    second = client.get("/entities", params={"page": 2}).text
    names = lambda t: set(re.findall(r'<td><a href="(/entities/[^"]+)"', t))  # noqa: E731
    assert names(first) and names(second) and not names(first) & names(second)


def test_entity_page_shows_mentions_claims_events_and_neighbours(client):
    text = client.get("/entities/gaz:place/pokrovsk").text
    assert "<h1>Pokrovsk" in text
    assert "Krasnoarmeysk" in text  # an alias
    assert "<mark>Pokrovsk</mark>" in text  # a mention in its context
    assert "Claims about Pokrovsk" in text and "contested" in text
    assert "Seen with" in text and "Myrnohrad" in text
    assert "ASSAULT" in text


def test_entity_page_lists_what_a_speaker_said(client):
    keys = [e["key"] for e in client.get(
        "/api/v1/entities", params={"q": "peskov", "limit": 5}).json()["items"]]
    assert keys
    text = client.get("/entities/" + quote(keys[0], safe=":/")).text
    assert "Claims by" in text and 'class="rstance' in text


def test_timeline_shows_events_and_claims_and_modalities_differ(client):
    text = client.get("/timeline").text
    assert 'class="entry event' in text
    assert 'class="entry claim' in text
    assert "<svg class=\"axis\"" in text
    # the newest page leads with what is planned for the sanctions deadline; the
    # events alone show every modality the record holds
    events = client.get("/timeline", params={"show": "events"}).text
    for modality in ("happened", "claimed", "planned"):
        assert f'class="entry event mod-{modality}"' in events


@pytest.mark.parametrize("modality", ["claimed", "happened"])
def test_timeline_modality_filter(client, modality):
    text = client.get("/timeline", params={"modality": modality}).text
    found = re.findall(r'data-modality="(\w+)"', text)
    assert found and set(found) == {modality}
    assert 'class="entry claim' not in text  # claims have no modality


def test_timeline_category_entity_place_and_outlet_filters(client):
    text = client.get("/timeline", params={"category": "ASSAULT", "show": "events"}).text
    cats = re.findall(r'<span class="cat">(\w+)</span>', text)
    assert cats and set(cats) == {"ASSAULT"}
    text = client.get("/timeline", params={"entity": "gaz:place/dnipro", "show": "events"}).text
    assert "Nothing on the timeline" not in text
    entries = text.split('<li class="entry')[1:]
    assert entries and all("Dnipro" in e for e in entries)
    outlet = client.get("/timeline", params={"outlet": "Kyiv Ledger", "show": "events"}).text
    assert "Kyiv Ledger" in outlet and "Nothing on the timeline" not in outlet
    empty = client.get("/timeline", params={"since": "2030-01-01"}).text
    assert "Nothing on the timeline" in empty


def test_timeline_pages_do_not_repeat(client):
    one = client.get("/timeline").text
    two = client.get("/timeline", params={"page": 2}).text
    statements = lambda t: re.findall(r'class="statement[^>]*>([^<]+)<', t)  # noqa: E731
    assert statements(one) and statements(two)
    assert "page 2 /" in two


def test_claim_board_shows_stances_over_time_and_disagreeing_numbers(client):
    text = client.get("/claims").text
    assert 'class="claim-card contested"' in text
    for stance in ("asserts", "denies"):
        assert f'class="stance st-{stance}"' in text
    assert '<svg class="strip"' in text
    # no two demo figures count the same thing and disagree (5,000 encircled
    # Ukrainians are not a few hundred Russian infiltrators)
    assert "numbers disagree" not in text
    contested = client.get("/claims", params={"contested": "1"}).text
    cards = re.findall(r'<article class="(claim-card[^"]*)"', contested)
    assert cards and all("contested" in c for c in cards)
    found = client.get("/claims", params={"q": "Pokrovsk"}).text
    assert "Pokrovsk" in found


def test_map_page_carries_markers_and_loads_leaflet_from_the_package(client):
    text = client.get("/map").text
    raw = re.search(r'id="map-data">(.*?)</script>', text, re.S).group(1)
    markers = json.loads(raw)
    assert any(m["name"] == "Dnipro" for m in markers)
    assert all(-90 <= m["lat"] <= 90 and -180 <= m["lon"] <= 180 for m in markers)
    assert 'src="/static/leaflet/leaflet.js"' in text
    r = client.get("/static/leaflet/leaflet.js")
    assert r.status_code == 200 and "Leaflet" in r.text[:500]
    assert client.get("/static/leaflet/leaflet.css").status_code == 200
    assert client.get("/static/leaflet/images/marker-icon.png").status_code == 200


def test_leaflet_is_not_copied_into_the_repository():
    assert not (STATIC_DIR / "leaflet").exists()


def test_search_finds_documents_entities_and_claims(client):
    text = client.get("/search", params={"q": "Pokrovsk"}).text
    assert "<mark>" in text
    assert 'href="/entities/gaz:place/pokrovsk"' in text
    assert "No claim matches" not in text
    assert "No document matches" in client.get("/search", params={"q": "zzzqqq"}).text


def test_static_files(client):
    for name in ("style.css", "app.js", "document.js", "map.js"):
        assert client.get(f"/static/{name}").status_code == 200


def test_entity_page_lists_the_claims_filed_under_it(client):
    text = client.get("/entities/gaz:org/lukoil").text
    count = re.search(r"Claims about Lukoil <span class=\"muted small\">(\d+)", text)
    assert count and int(count.group(1)) > 0
    listed = re.search(r'<ul class="claims-short">(.*?)</ul>', text, flags=re.S)
    assert listed and listed.group(1).count('href="/claims/') > 0
    assert 'href="/claims?entity=gaz%3Aorg%2Flukoil">Claims about it' in text


def test_a_warring_states_page_does_not_say_it_has_no_claims(client):
    text = client.get("/entities/gaz:place/ukraine").text
    assert "No cross-source claims about Ukraine" not in text
    assert not re.search(r"Claims about Ukraine <span class=\"muted small\">0<", text)
    assert "claims are not filed under it" in text and 'href="/claims?q=Ukraine"' in text


def test_the_board_folds_figures_and_long_strips_that_a_claims_page_shows(client):
    board = client.get("/claims").text
    folded = re.findall(r'<details class="figures"( open)?>', board)
    assert folded and not any(folded), "the board shows a claim's figures folded"
    assert re.search(r"\d+ figures? given</summary>", board)
    pid = next(p for p in re.findall(r'<article class="claim-card[^"]*" id="p-([^"]+)"', board)
               if client.get(f"/api/v1/propositions/{p}").json()["numbers"])
    page = client.get(f"/claims/{pid}").text
    assert '<details class="figures" open>' in page
    cards = {p: board.split(f'id="p-{p}"', 1)[1].split("</article>", 1)[0]
             for p in re.findall(r'<article class="claim-card[^"]*" id="p-([^"]+)"', board)}
    assert all(c.count('class="strip-label') <= 6 for c in cards.values())
    # more than six sources: a laptop's card too leaves some to the claim's page
    long = [p for p, c in cards.items() if re.search(r'class="wide-only">\d+ more source', c)]
    assert long, "the demo has a claim with more than six sources"
    whole = client.get(f"/claims/{long[0]}").text
    assert whole.count('class="strip-label') > cards[long[0]].count('class="strip-label')
