"""The JSON API: paged reads of every finding kind, and the token-guarded ingest."""

from __future__ import annotations

from typing import Any

import pytest

from fogwatch.serve.settings import TOKEN_ENV

from .conftest import TOKEN

LISTS = [
    "/api/v1/documents", "/api/v1/entities", "/api/v1/times", "/api/v1/attributions",
    "/api/v1/events", "/api/v1/quantities", "/api/v1/places", "/api/v1/propositions",
    "/api/v1/merged-events",
]

ARTICLE = (
    "Ukraine's General Staff said on Tuesday that Russian forces shelled Kherson "
    "overnight, killing two civilians. Moscow denied the report."
)


@pytest.mark.parametrize("path", LISTS)
def test_lists_are_paged_and_hold_real_findings(client, path):
    r = client.get(path, params={"limit": 3})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"items", "total", "limit", "offset"}
    assert body["limit"] == 3 and body["offset"] == 0
    assert 0 < len(body["items"]) <= 3 and body["total"] >= len(body["items"])
    nxt = client.get(path, params={"limit": 3, "offset": 3}).json()["items"]
    assert nxt and nxt != body["items"]


def test_per_document_findings_carry_their_document(client):
    item = client.get("/api/v1/events", params={"limit": 1}).json()["items"][0]
    assert item["document"]["id"] and isinstance(item["idx"], int)
    ev = item["record"]
    assert ev["trigger"]["text"] and ev["type"] and ev["modality"]


def test_finding_filters(client):
    claimed = client.get("/api/v1/events", params={"modality": "claimed", "limit": 50}).json()
    assert claimed["items"] and {i["record"]["modality"] for i in claimed["items"]} == {"claimed"}
    assault = client.get("/api/v1/merged-events", params={"type": "ASSAULT"}).json()
    assert assault["items"] and {e["type"] for e in assault["items"]} == {"ASSAULT"}
    contested = client.get("/api/v1/propositions", params={"contested": True}).json()
    assert contested["items"] and all(p["contested"] for p in contested["items"])
    people = client.get("/api/v1/entities", params={"type": "PERSON"}).json()
    assert people["items"] and {e["type"] for e in people["items"]} == {"PERSON"}
    doc = client.get("/api/v1/documents", params={"limit": 1}).json()["items"][0]["id"]
    times = client.get("/api/v1/times", params={"document": doc, "limit": 500}).json()
    assert times["items"] and {t["document"]["id"] for t in times["items"]} == {doc}


def test_a_findings_sentence_is_found_in_its_documents_sentences(client):
    doc = client.get("/api/v1/documents", params={"limit": 1}).json()["items"][0]
    full = client.get(f"/api/v1/documents/{doc['id']}").json()
    spans, text = full["sentences"], full["text"]
    assert spans and all(text[a:b] == text[a:b].strip() for a, b in spans)
    times = client.get("/api/v1/times", params={"document": doc["id"]}).json()["items"]
    assert times
    for t in times:
        a, b = spans[t["record"]["sentence"]]
        assert a <= t["record"]["start"] < b


def test_bad_parameters_are_422(client):
    assert client.get("/api/v1/documents", params={"limit": -1}).status_code == 422
    assert client.get("/api/v1/events", params={"modality": "maybe"}).status_code == 422
    assert client.get("/api/v1/documents", params={"since": "last week"}).status_code == 422


def test_single_records_and_404s(client):
    doc = client.get("/api/v1/documents", params={"limit": 1}).json()["items"][0]
    assert client.get(f"/api/v1/documents/{doc['id']}").json()["text"]
    analysis = client.get(f"/api/v1/documents/{doc['id']}/analysis").json()
    assert analysis["document"]["id"] == doc["id"] and analysis["entities"]
    prop = client.get("/api/v1/propositions", params={"limit": 1}).json()["items"][0]
    assert client.get(f"/api/v1/propositions/{prop['id']}").json()["statement"] == prop["statement"]
    ev = client.get("/api/v1/merged-events", params={"limit": 1}).json()["items"][0]
    assert client.get(f"/api/v1/merged-events/{ev['id']}").json()["id"] == ev["id"]
    ent = client.get("/api/v1/entities", params={"limit": 1}).json()["items"][0]
    assert client.get(f"/api/v1/entities/{ent['key']}").json()["name"] == ent["name"]
    for path in ("documents/nope", "documents/nope/analysis", "propositions/nope",
                 "merged-events/nope", "entities/gaz:person/nobody"):
        assert client.get(f"/api/v1/{path}").status_code == 404, path


def test_search(client):
    body = client.get("/api/v1/search", params={"q": "Pokrovsk"}).json()
    assert body["documents"] and body["propositions"]
    assert "[" in body["documents"][0]["snippet"]
    assert client.get("/api/v1/search").status_code == 422


def test_openapi_spec(client):
    spec = client.get("/openapi.json").json()
    assert "/api/v1/documents" in spec["paths"] and "post" in spec["paths"]["/api/v1/documents"]
    assert "/api/v1/propositions" in spec["paths"]
    assert not any(p.startswith("/timeline") for p in spec["paths"])  # pages stay out


# --- writes -------------------------------------------------------------------------


@pytest.fixture
def write_client(tmp_path, pipeline) -> Any:
    """An app over an empty store of its own, so writes never touch the demo store."""
    from fastapi.testclient import TestClient

    from fogwatch.serve.app import create_app
    from fogwatch.store import Store

    store = Store.open(str(tmp_path / "writes.sqlite"))
    with TestClient(create_app(store, tiles="", pipeline=pipeline)) as c:
        yield c
    store.close()


def test_writes_are_refused_when_no_token_is_configured(write_client, monkeypatch):
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    r = write_client.post("/api/v1/documents", json={"text": ARTICLE},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403
    assert write_client.get("/api/v1/documents").json()["total"] == 0


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer"])
def test_writes_need_the_right_bearer_token(write_client, monkeypatch, header):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    headers = {"Authorization": header} if header else {}
    r = write_client.post("/api/v1/documents", json={"text": ARTICLE}, headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert write_client.get("/api/v1/documents").json()["total"] == 0


def test_ingest_text_analyses_it_and_is_idempotent(write_client, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    payload = {"text": ARTICLE, "title": "Kherson shelled", "outlet": "Test Wire",
               "published": "2025-11-18", "comments": ["Nobody can verify this."]}
    r = write_client.post("/api/v1/documents", json=payload, headers=auth)
    assert r.status_code == 201, r.text
    body = r.json()
    assert len(body["stored"]) == 2 and body["analyzed"] == 2 and not body["errors"]
    doc_id = body["stored"][0]
    doc = write_client.get(f"/api/v1/documents/{doc_id}").json()
    assert doc["title"] == "Kherson shelled" and len(doc["comments"]) == 1
    analysis = write_client.get(f"/api/v1/documents/{doc_id}/analysis").json()
    assert any(p["name"] == "Kherson" for p in analysis["places"])
    page = write_client.get(f"/documents/{doc_id}").text
    assert "Kherson shelled" in page and "Reader comments" in page and "Nobody" in page
    again = write_client.post("/api/v1/documents", json=payload, headers=auth)
    assert again.status_code == 200 and again.json()["stored"] == []
    assert again.json()["duplicates"] >= 1


def test_ingest_html(write_client, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    html = ("<html><head><title>Shelling in Kherson</title></head><body><article><p>"
            + ARTICLE + "</p></article></body></html>")
    r = write_client.post("/api/v1/documents", json={"html": html},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    doc = write_client.get(f"/api/v1/documents/{r.json()['stored'][0]}").json()
    assert "Kherson" in doc["text"] and "<p>" not in doc["text"]


@pytest.mark.parametrize("payload", [
    {}, {"text": " "}, {"text": ARTICLE, "url": "https://example.org/a"},
    {"url": "ftp://example.org/a"}, {"url": "javascript:alert(1)"},
])
def test_ingest_rejects_malformed_requests(write_client, monkeypatch, payload):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    r = write_client.post("/api/v1/documents", json=payload,
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x", "http://localhost/x", "http://10.0.0.1/x", "http://[::1]/x",
    "http://169.254.169.254/latest/meta-data/",
])
def test_ingest_refuses_private_and_loopback_urls(write_client, monkeypatch, url):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    r = write_client.post("/api/v1/documents", json={"url": url},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422
    assert "private" in r.text.lower() or "loopback" in r.text.lower() or "refus" in r.text.lower()
    assert write_client.get("/api/v1/documents").json()["total"] == 0


@pytest.mark.parametrize("payload, field", [
    ({"text": ARTICLE, "published": "Thu, 01 Jan 1970 00:00:00 +9999"}, "published"),
    ({"text": ARTICLE, "published": "2025-02-30"}, "published"),
    ({"text": ARTICLE, "published": "last week"}, "published"),
    ({"text": ARTICLE, "published": True}, "published"),
    ({"text": ARTICLE, "published": 1731888000}, "published"),
    ({"text": 5}, "text"),
    ({"text": ARTICLE, "title": ["a", "list"]}, "title"),
    ({"text": ARTICLE, "outlet": {"name": "x"}}, "outlet"),
    ({"text": ARTICLE, "comments": "one comment"}, "comments"),
    ({"text": ARTICLE, "comments": [1, 2]}, "comments"),
    ({"html": None, "url": 42}, "url"),
])
def test_a_bad_value_is_a_422_naming_its_field(write_client, monkeypatch, payload, field):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    r = write_client.post("/api/v1/documents", json=payload,
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422, r.text
    errors = r.json()["detail"]
    assert any(e["loc"][:2] == ["body", field] and e["msg"] for e in errors), errors
    assert write_client.get("/api/v1/documents").json()["total"] == 0


@pytest.mark.parametrize("raw", [
    b'{"text": "a lone \\ud800 surrogate"}',
    b'{"text": "fine", "title": "\\udfff"}',
    b'{"text": ',
    b"[" * 100_000,
    b'"just a string"',
    b"\xff\xfe\x00",
])
def test_no_malformed_body_gets_a_server_error(write_client, monkeypatch, raw):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    r = write_client.post("/api/v1/documents", content=raw, headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert 400 <= r.status_code < 500, r.text
    assert r.json()["detail"]


def test_a_value_the_ingest_cannot_use_is_a_422(write_client, monkeypatch):
    """Past the request model, a ValueError from reading the record is the
    client's mistake: 422 with the reason, never a 500."""
    import fogwatch.serve.ingest as serve_ingest

    def unreadable(record: Any, name: str) -> Any:
        raise ValueError("offset must be a timedelta strictly between -24h and 24h")

    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    monkeypatch.setattr(serve_ingest, "parse_record", unreadable)
    r = write_client.post("/api/v1/documents", json={"text": ARTICLE},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422
    assert "offset must be a timedelta" in r.json()["detail"]
