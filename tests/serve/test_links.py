"""Links: every internal link reachable from the overview answers, and no address
taken from a record becomes a link unless it is plain http(s)."""

from __future__ import annotations

import html
import json
import re
from collections import deque
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from fogwatch.findings import Document, document_id
from fogwatch.serve.links import entity_url, http_url, key_url, place_url

CRAWL_LIMIT = 400  # pages; the overview's neighbourhood, pagers and all
ORIGIN = "http://testserver"
_HREF = re.compile(r'\bhref="([^"]*)"')
_ANCHOR_HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')
_JSON_DATA = re.compile(r'<script type="application/json" id="[^"]+">(.*?)</script>', re.S)


def _links(page: str) -> list[str]:
    """The hrefs of a page, and the links its scripts build from the JSON it embeds
    (the document reader's details panel, the map's popups)."""
    found = [html.unescape(h) for h in _HREF.findall(page)]
    for block in _JSON_DATA.findall(page):
        data = json.loads(block)
        for item in data.values() if isinstance(data, dict) else data:
            if isinstance(item, dict):
                found += [v for k, v in item.items()
                          if k in ("link", "entity", "timeline") and isinstance(v, str)]
    return found


def test_no_internal_link_is_broken(client):
    """Breadth-first from the overview, same origin, GET only: no link answers 404
    or a server error."""
    queue: deque[str] = deque(["/"])
    found_on: dict[str, str] = {"/": "(start)"}
    broken: list[str] = []
    visited = 0
    while queue and visited < CRAWL_LIMIT:
        url = queue.popleft()
        r = client.get(url)
        visited += 1
        if r.status_code == 404 or r.status_code >= 500:
            broken.append(f"{r.status_code} {url} (linked from {found_on[url]})")
            continue
        if not r.headers.get("content-type", "").startswith("text/html"):
            continue
        for link in _links(r.text):
            parts = urlsplit(urljoin(ORIGIN + url, link))
            if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in found_on:
                found_on[target] = url
                queue.append(target)
    assert not broken, "\n".join(broken)
    assert visited >= 200, visited  # the crawl went somewhere


def test_keys_without_an_entity_page_are_not_linked_to_one(client):
    # Claims name unresolved actors ("it", "3 people") and gazetteer places.
    props = client.get("/api/v1/propositions", params={"limit": 200}).json()["items"]
    keys = {k for p in props for k in p["entities"]} | {p["place"] for p in props if p["place"]}
    place = next(k for k in sorted(keys) if k.startswith("geo:"))
    text = client.get("/claims", params={"q": ""}).text
    assert 'href="/entities/geo:' not in text and 'href="/entities/sup:' not in text
    hrefs = set(_HREF.findall(client.get("/timeline").text))
    assert not any(h.startswith(("/entities/geo:", "/entities/sup:")) for h in hrefs)
    assert client.get(place_url(place)).status_code == 200


def test_key_url():
    known = {"gaz:place/kyiv", "auto:ORG/energy-ministry"}
    assert key_url("gaz:place/kyiv", known) == "/entities/gaz:place/kyiv"
    assert key_url("geo:710035", known) == "/timeline?place=geo%3A710035"
    assert key_url("sup:country/tr", set()) == "/timeline?place=sup%3Acountry%2Ftr"
    for unresolved in ("it", "3 people", "", None):
        assert key_url(unresolved, known) is None
    assert entity_url("auto:PERSON/a b?") == "/entities/auto:PERSON/a%20b%3F"


@pytest.mark.parametrize("url", [
    "https://example.org/news/1", "http://example.org", "HTTPS://EXAMPLE.ORG/a?b=1&c=2#x",
])
def test_http_urls_may_be_links(url):
    assert http_url(url) == url


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
    "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "file:///etc/passwd", "ftp://example.org/a", "//example.org/a",
    "/relative/path", "https://", "https:///etc", "http://exa mple.org/",
    "https://example.org/\nSet-Cookie: x", "https:\\\\example.org", "", None,
])
def test_other_urls_may_not(url):
    assert http_url(url) is None


DANGEROUS = {
    "javascript": "javascript:alert(document.cookie)",
    "data": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript": "VBScript:msgbox(1)",
    "spaced": " \tjavascript:alert(1)",
}


@pytest.fixture(scope="module")
def url_client(tmp_path_factory) -> Any:
    """An app over a store of documents whose source URLs attack the page."""
    from fastapi.testclient import TestClient

    from fogwatch.serve.app import create_app
    from fogwatch.store import Store

    store = Store.open(str(tmp_path_factory.mktemp("urls") / "urls.sqlite"))
    for name, url in {**DANGEROUS, "fine": "https://example.org/a?b=1&c=2"}.items():
        text = f"A report about {name}."
        store.add_document(Document(id=document_id(text), text=text, url=url, title=name))
    with TestClient(create_app(store, tiles="")) as c:
        yield c
    store.close()


def _doc_page(client: Any, title: str) -> str:
    docs = client.get("/api/v1/documents").json()["items"]
    doc = next(d for d in docs if d["title"] == title)
    return client.get(f"/documents/{doc['id']}").text


@pytest.mark.parametrize("name", sorted(DANGEROUS))
def test_a_dangerous_source_url_is_shown_as_text(url_client, name):
    page = _doc_page(url_client, name)
    hrefs = [html.unescape(h) for h in _ANCHOR_HREF.findall(page)]
    assert not any(h.strip().lower().startswith(("javascript", "data:", "vbscript")) or
                   "script:" in h.lower().replace("\t", "") for h in hrefs), hrefs
    assert html.escape(DANGEROUS[name].strip()[:20], quote=False) in page


def test_an_http_source_url_stays_a_link(url_client):
    page = _doc_page(url_client, "fine")
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page
