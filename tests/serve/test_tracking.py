"""Tracking a claim in the analyst's words, and watched claims: the classifier's
stances over the demo corpus, the command line's JSON, the API (its writes need
the token, read nothing without it, and everything shown is escaped), and a
watched claim's new articles on the overview and in the brief."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from fogwatch.cli import app as cli_app
from fogwatch.export.brief import build_brief, render
from fogwatch.reconcile.tracking import track_claim
from fogwatch.serve.settings import TOKEN_ENV
from fogwatch.store import Store

from .conftest import HOSTILE_TITLE, TOKEN
from .test_body_limit import JSON, asgi_post

# The analyst's words, not any article's: the demo's articles say "encircled",
# "cut off", "surrounded".
TRAPPED = "More than 5,000 Ukrainian soldiers are trapped in Myrnohrad"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

# A small corpus of our own for the watched-claim flow.
SURROUNDED = (
    "The defence ministry in Moscow said on Monday that its troops had surrounded the "
    "Ukrainian garrison in Kostiantynivka and that about 2,000 soldiers were trapped in the "
    "town. The ministry published a video it said showed the encircled positions, and called "
    "on the trapped units to lay down their arms."
)
GRAIN = (
    "Wheat exports through the port of Odesa rose in November as insurers cut premiums for "
    "cargo ships, the grain traders' association said on Tuesday. Shipments of barley and "
    "maize also grew."
)
DOUBT = (
    "Satellite images taken on Thursday show supply trucks still driving into Kostiantynivka. "
    "That casts doubt on the Russian claim that 2,000 Ukrainian soldiers are trapped there; "
    "analysts said the report of an encirclement was false."
)
WATCHED = "About 2,000 Ukrainian soldiers are trapped in Kostiantynivka"


def _by_title(tracked: Any) -> dict[str, Any]:
    return {d.title: d for d in tracked.documents}


def test_a_claim_in_the_analysts_words_finds_who_asserts_and_who_denies(demo_store: Store):
    tracked = track_claim(demo_store, TRAPPED)
    found = _by_title(tracked)
    # Kyiv's General Staff calls the encirclement false: the deciding sentence says so
    # (the lead, where the claim itself, 5,000 soldiers surrounded, is dismissed as false).
    denial = found["General Staff rejects Russian claim that Myrnohrad is encircled"]
    assert denial.stance == "denies" and denial.label == "disagree"
    assert "dismissed as false" in denial.passage and "5,000" in denial.passage
    doc = demo_store.get_document(denial.document)
    assert doc.text[denial.passage_start:denial.passage_end] == denial.passage
    # ... and its matching claim joins the board's proposition about the encirclement
    # (its statement is shown as whichever member reads on its own: "encircled" or
    # "surrounded" in Myrnohrad)
    assert denial.proposition and any(
        w in denial.proposition_statement for w in ("encircled", "surrounded"))
    assert "Myrnohrad" in denial.proposition_statement
    assert denial.proposition_match >= 0.2
    assert any(d.stance == "asserts" for d in tracked.documents)
    assert any(d.stance == "reports" for d in tracked.documents)
    # Moscow's outlet relays the ministry's claim and adds that "Kyiv continues to deny"
    # it: both sides relayed, neither in its own voice, so it reports the dispute.
    relayed = found["Defence Ministry: ring around Dimitrov closed; Kremlin blames Kyiv for "
                    "delay in Istanbul"]
    assert relayed.stance == "reports"
    # Read, but unrelated: the poll shares the claim's words, not its subject.
    assert tracked.unrelated >= 1 and tracked.considered == len(tracked.documents) + tracked.unrelated
    assert "Poll: six in ten Ukrainians reject territorial concessions" not in found
    # The oil-sanctions articles share none of its words and are not read at all.
    assert not any("Lukoil" in (d.title or "") for d in tracked.documents)
    # Order: the sides first (denies, then asserts), then reports; newest first within.
    ranks = [("denies", "asserts", "reports").index(d.stance) for d in tracked.documents]
    assert ranks == sorted(ranks)
    asserts = [d.published for d in tracked.documents if d.stance == "asserts"]
    assert asserts == sorted(asserts, reverse=True)
    assert tracked.counts == {s: sum(d.stance == s for d in tracked.documents)
                              for s in ("denies", "asserts", "reports")}


def test_the_search_bound_is_kept(demo_store: Store):
    tracked = track_claim(demo_store, TRAPPED, candidates=3)
    assert tracked.considered == 3 and len(tracked.documents) + tracked.unrelated == 3


def test_claims_about_json(demo_store: Store):
    from typer.testing import CliRunner

    result = CliRunner().invoke(cli_app, ["claims", "--db", demo_store.url, "--about", TRAPPED,
                                          "--json", "--limit", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["claim"] == TRAPPED and body["watched"] is None
    assert body["total"] >= 3 and len(body["documents"]) == 2
    assert set(body["counts"]) == {"denies", "asserts", "reports"}
    assert body["considered"] == body["total"] + body["unrelated"]
    first = body["documents"][0]
    assert first["stance"] == "denies"
    assert {"document", "title", "outlet", "published", "stance", "label", "score", "passage",
            "passage_start", "passage_end", "proposition", "proposition_statement",
            "new"} <= set(first)
    empty = CliRunner().invoke(cli_app, ["claims", "--db", demo_store.url, "--about", " ? "])
    assert empty.exit_code == 2


def test_track_api_and_page(client, demo_store: Store):
    r = client.get("/api/v1/claims/track", params={"about": TRAPPED, "limit": 3})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["claim"] == TRAPPED and len(body["documents"]) == 3 and body["total"] >= 3
    assert body["documents"][0]["stance"] == "denies"
    assert client.get("/api/v1/claims/track", params={"about": ""}).status_code == 422
    wordless = client.get("/api/v1/claims/track", params={"about": " ?! "})
    assert wordless.status_code == 200
    assert wordless.json() == {"claim": "?!", "considered": 0, "unrelated": 0,
                               "candidates": 200, "total": 0, "documents": [],
                               "counts": {"denies": 0, "asserts": 0, "reports": 0}}

    page = client.get("/claims/track", params={"about": TRAPPED})
    assert page.status_code == 200
    denial = body["documents"][0]
    mark = f"/documents/{denial['document']}?mark={denial['passage_start']}-{denial['passage_end']}"
    assert mark in page.text
    assert f"/claims/{denial['proposition']}" in page.text
    assert "Watch this claim" in page.text and "/static/tracking.js" in page.text
    # the claim board offers the box
    assert 'action="/claims/track"' in client.get("/claims").text


def test_everything_shown_is_escaped(client):
    hostile = "<script>alert(3)</script> drones struck a depot in Kharkiv"
    page = client.get("/claims/track", params={"about": hostile}).text
    assert "<script>alert(3)" not in page and "&lt;script&gt;alert(3)" in page
    assert HOSTILE_TITLE not in page  # the attack article's title, if it is listed
    data = client.get("/api/v1/claims/track", params={"about": hostile}).json()
    assert data["claim"] == hostile  # JSON carries text as text


@pytest.fixture
def watch_app(tmp_path, pipeline, monkeypatch) -> Any:
    """An app over a small store of our own articles (writes never touch the demo store)."""
    from fastapi.testclient import TestClient

    from fogwatch.jobs import run_batch
    from fogwatch.serve.app import create_app

    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(a) for a in (
        {"text": SURROUNDED, "title": "Moscow says Kostiantynivka garrison surrounded",
         "outlet": "North Courier", "published": "2025-12-01"},
        {"text": GRAIN, "title": "Odesa grain exports rise", "outlet": "Field Notes",
         "published": "2025-12-02"},
    )) + "\n", encoding="utf-8")
    store = Store.open(str(tmp_path / "watch.sqlite"))
    run_batch([str(corpus)], store, pipeline=pipeline)
    app = create_app(store, tiles="", pipeline=pipeline)
    with TestClient(app) as c:
        yield app, c, store
    store.close()


@pytest.mark.parametrize("auth", [None, "Bearer wrong", f"Basic {TOKEN}"])
def test_watching_without_the_token_is_refused_unread(watch_app, auth):
    app, client, store = watch_app
    body = json.dumps({"text": WATCHED}).encode()
    headers = [JSON] + ([("authorization", auth)] if auth else [])
    sent = asgi_post(app, headers, [body], path="/api/v1/watched")
    assert sent.status == 401 and sent.read == 0
    sent = asgi_post(app, headers, [b""], path="/api/v1/watched/1/seen")
    assert sent.status == 401
    assert client.delete("/api/v1/watched/1").status_code == 401
    assert store.watched_claims() == []


def test_watching_is_refused_when_writes_are_off(watch_app, monkeypatch):
    _, client, store = watch_app
    monkeypatch.delenv(TOKEN_ENV)
    assert client.post("/api/v1/watched", json={"text": WATCHED}, headers=AUTH).status_code == 403
    assert store.watched_claims() == []


def test_a_new_article_on_a_watched_claim_is_listed_as_new(watch_app):
    _, client, store = watch_app
    r = client.post("/api/v1/watched", json={"text": WATCHED, "author": "<b>Ann</b>"},
                    headers=AUTH)
    assert r.status_code == 201, r.text
    watched = r.json()
    again = client.post("/api/v1/watched", json={"text": f"  {WATCHED} "}, headers=AUTH)
    assert again.status_code == 200 and again.json()["id"] == watched["id"]
    for text in ("", "?!", "x" * 501):
        refused = client.post("/api/v1/watched", json={"text": text}, headers=AUTH)
        assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "text"]
    # The article already stored is not new: it was there when the claim was saved.
    listed = client.get("/api/v1/watched").json()
    assert [w["id"] for w in listed] == [watched["id"]] and listed[0]["new_documents"] == 0
    assert track_claim(store, WATCHED).documents  # ... though it speaks to the claim

    r = client.post("/api/v1/documents", headers=AUTH, json={
        "text": DOUBT, "title": "Imagery: trucks still reach Kostiantynivka",
        "outlet": "Open Eye", "published": "2025-12-04"})
    assert r.status_code == 201, r.text
    new_id = r.json()["stored"][0]
    listed = client.get("/api/v1/watched").json()[0]
    assert listed["new_documents"] == 1
    new = listed["new"][0]
    assert new["document"] == new_id and new["new"] and new["stance"] in (
        "asserts", "denies", "reports")

    overview = client.get("/").text
    assert "Watched claims" in overview and "1 new" in overview
    assert f"/documents/{new_id}?mark={new['passage_start']}-{new['passage_end']}" in overview
    assert "<b>Ann</b>" not in client.get("/claims/track", params={"about": WATCHED}).text

    brief = build_brief(store)
    assert [w["claim"] for w in brief.watched] == [WATCHED]
    assert [d["document"] for d in brief.watched[0]["new"]] == [new_id]
    md = render(brief, "md", base_url="http://fogwatch.test")
    section = md.split("## Watched claims")[1].split("\n## ")[0]
    assert f"http://fogwatch.test/documents/{new_id}?mark=" in section
    assert "Imagery: trucks still reach Kostiantynivka" in section
    assert "http://fogwatch.test/claims/track?about=About+2%2C000" in section
    assert json.loads(render(brief, "json"))["watched"][0]["new_documents"] == 1

    # The analyst looks: nothing is new any more; then stops watching.
    seen = client.post(f"/api/v1/watched/{watched['id']}/seen", headers=AUTH)
    assert seen.status_code == 200
    assert datetime.fromisoformat(seen.json()["seen_at"]) >= datetime.fromisoformat(
        watched["seen_at"])
    assert client.get("/api/v1/watched").json()[0]["new_documents"] == 0
    assert "nothing new" in client.get("/").text
    assert "nothing new since" in render(build_brief(store), "md")
    gone = client.delete(f"/api/v1/watched/{watched['id']}", headers=AUTH)
    assert gone.status_code == 200 and client.get("/api/v1/watched").json() == []
    assert client.delete(f"/api/v1/watched/{watched['id']}", headers=AUTH).status_code == 404
    assert client.post("/api/v1/watched/999/seen", headers=AUTH).status_code == 404
