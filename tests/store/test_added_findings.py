"""Findings an analyst adds by hand (an ``add`` correction) are made again on every
save of the document's findings: they survive re-analysis and a rebuild of the
cross-document records, and show in the API, the document page and the exports.
SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fogwatch.export.sources import iter_rows
from fogwatch.findings import Document
from fogwatch.serve.app import create_app
from fogwatch.serve.settings import TOKEN_ENV
from fogwatch.store import Store

from .conftest import full_analysis
from .test_corrections import AUTH, HOSTILE, TOKEN, reanalyze, reconcile_all


@pytest.fixture
def client(store: Store, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    return TestClient(create_app(store, tiles=""))


@pytest.fixture
def doc_id(store: Store, article: Document) -> str:
    store.save_analysis(full_analysis(article))
    return article.id


def _at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _add(client: TestClient, doc: Document, kind: str, words: str, fields: dict[str, Any],
         **extra: Any) -> Any:
    start, end = _at(doc.text, words)
    return client.post("/api/v1/corrections/add", headers=AUTH, json={
        "kind": kind, "document": doc.id, "start": start, "end": end, "text": words,
        "fields": fields, "author": "Ann Analyst", **extra})


def _items(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def _assert_added(store: Store, client: TestClient, doc: Document, before: int) -> None:
    events = {e["idx"]: e for e in _items(client, "/api/v1/events", document=doc.id)}
    assert events[2]["record"]["trigger"]["text"] == "pressed"
    assert events[2]["record"]["type"] == "ASSAULT"
    assert events[2]["record"]["actors"] == ["gaz:gpe/russia", HOSTILE]
    added = _items(client, "/api/v1/attributions", document=doc.id, review="added")
    assert [a["idx"] for a in added] == [3]
    assert added[0]["record"]["cue"]["text"] == "could not be verified"
    assert added[0]["record"]["stance"] == "unconfirmed"
    # reconcile folds both: the event is reported in a merged event, the
    # attribution makes a claim
    reports = [r for ev in store.merged_events(limit=100) for r in ev.reports
               if r.document == doc.id]
    assert 2 in {r.event for r in reports}
    # the timeline page lists the added event too
    assert client.get("/timeline").text.count("pressed") > before
    stances = [s for p in store.propositions(limit=100) for s in p.stances
               if s.document == doc.id]
    assert any("a figure" in (s.text or "") for s in stances)
    # the document page: marked, its details escaped
    html = client.get(f"/documents/{doc.id}").text
    details = json.loads(re.search(
        r'<script type="application/json" id="findings-data">(.*?)</script>', html, re.S
    ).group(1))
    assert details["v2"]["review"] == "added"
    assert details["a3"]["review"] == "added"
    assert "<script>alert" not in html
    # the exports: the findings, and the corrections that add them
    events_out = {r["idx"]: r for page in iter_rows(store, "events") for r in page
                  if r["document_id"] == doc.id}
    assert events_out[2]["trigger_text"] == "pressed"
    assert events_out[2]["corrected"] == "added"
    rows = [r for page in iter_rows(store, "corrections") for r in page]
    assert sorted((r["kind"], r["action"], r["state"]) for r in rows) == [
        ("attributions", "add", "applied"), ("events", "add", "applied")]


def test_added_findings_stay_through_reanalysis_and_a_rebuild(
    store: Store, client: TestClient, doc_id: str
) -> None:
    doc = store.get_document(doc_id)
    reconcile_all(store)
    before = client.get("/timeline").text.count("pressed")  # in the machine's events' text
    r = _add(client, doc, "events", "pressed", {
        "type": "ASSAULT", "modality": "happened", "actors": ["gaz:gpe/russia", HOSTILE],
        "targets": ["gaz:gpe/pokrovsk"]})
    assert r.status_code == 201, r.text
    assert r.json()["action"] == "add" and r.json()["applied_idx"] == 2
    start, end = _at(doc.text, "a figure")
    r = _add(client, doc, "attributions", "could not be verified", {
        "stance": "unconfirmed", "content": [{"start": start, "end": end}],
        "source_start": _at(doc.text, "Moscow")[0], "source_end": _at(doc.text, "Moscow")[1]},
        note=HOSTILE)
    assert r.status_code == 201, r.text
    reconcile_all(store)
    _assert_added(store, client, doc, before)
    reanalyze(store, doc_id)
    _assert_added(store, client, doc, before)
    reconcile_all(store)
    _assert_added(store, client, doc, before)
    # withdrawn, the added event is gone and the machine's findings are as they were
    event_add = next(c for c in _items(client, "/api/v1/corrections")
                     if c["kind"] == "events")
    r = client.delete(f"/api/v1/corrections/{event_add['id']}", headers=AUTH,
                      params={"by": "Bob"})
    assert r.status_code == 200, r.text
    analysis = store.get_analysis(doc_id)
    assert [e.trigger.text for e in analysis.events] == ["assault", "captured"]
    assert len(analysis.attributions) == 4


def test_an_add_where_the_machine_finds_one_confirms_it(
    store: Store, client: TestClient, doc_id: str
) -> None:
    doc = store.get_document(doc_id)
    r = _add(client, doc, "events", "assault", {"type": "ASSAULT"})
    assert r.status_code == 201, r.text
    assert r.json()["applied_idx"] == 0 and r.json()["original"] == {"matched": True}
    analysis = store.get_analysis(doc_id)
    assert len(analysis.events) == 2 and analysis.review["events"][0] == "confirmed"
    reanalyze(store, doc_id)
    assert len(store.get_analysis(doc_id).events) == 2


def test_a_quantity_is_added_and_made_again(store: Store, client: TestClient,
                                            doc_id: str) -> None:
    doc = store.get_document(doc_id)
    r = _add(client, doc, "quantities", "a figure", {"value": "1,000", "unit": "soldiers"})
    assert r.status_code == 201, r.text
    reanalyze(store, doc_id)
    [added] = _items(client, "/api/v1/quantities", document=doc_id, review="added")
    assert (added["record"]["text"], added["record"]["value"]) == ("a figure", 1000.0)
    r = _add(client, doc, "quantities", "Moscow", {"unit": "soldiers"})
    assert r.status_code == 422 and "needs its value" in r.text


def test_bad_adds_are_refused_naming_what_is_wrong(
    store: Store, client: TestClient, doc_id: str
) -> None:
    doc = store.get_document(doc_id)
    r = _add(client, doc, "events", "pressed", {"type": "EXPLODE"})
    assert r.status_code == 422 and "type must be one of" in r.text
    r = _add(client, doc, "events", "pressed", {"type": "ASSAULT", "modality": "maybe"})
    assert r.status_code == 422 and "modality" in r.text
    r = _add(client, doc, "events", "pressed", {"type": "ASSAULT"}, text="pushed")
    assert r.status_code == 422 and "not the document's words" in r.text
    r = _add(client, doc, "events", "pressed", {"type": "ASSAULT"}, end=10**6)
    assert r.status_code == 422 and "not a stretch of the document" in r.text
    r = _add(client, doc, "weather", "pressed", {})
    assert r.status_code == 422 and "weather" in r.text
    r = _add(client, doc, "events", "pressed", {"type": "ASSAULT", "colour": "red"})
    assert r.status_code == 422 and "colour" in r.text
    r = _add(client, doc, "attributions", "could not be verified", {"stance": "sure",
             "content": [{"start": 0, "end": 4}]})
    assert r.status_code == 422 and "stance" in r.text
    r = _add(client, doc, "attributions", "could not be verified", {"content": []})
    assert r.status_code == 422 and "content" in r.text
    r = client.post("/api/v1/corrections/add", json={
        "kind": "events", "document": doc_id, "start": 0, "end": 4, "author": "Ann",
        "fields": {"type": "ASSAULT"}})
    assert r.status_code == 401
    r = client.post("/api/v1/corrections/add", headers=AUTH, json={
        "kind": "events", "document": "nope", "start": 0, "end": 4, "author": "Ann",
        "fields": {"type": "ASSAULT"}})
    assert r.status_code == 404
    assert store.list_corrections()[1] == 0


def test_the_command_line_adds_an_event_and_an_attribution(store: Store, doc_id: str) -> None:
    from typer.testing import CliRunner

    from fogwatch.cli import app as cli

    text = store.get_document(doc_id).text
    start, end = _at(text, "pressed")
    r = CliRunner().invoke(cli, [
        "correct-add", "events", doc_id, "--start", str(start), "--end", str(end),
        "--field", "type=ASSAULT", "--field", "actors=gaz:gpe/russia,Russian forces",
        "--by", "Ann", "--json", "--db", store.url])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["action"] == "add"
    start, end = _at(text, "could not be verified")
    content = "{}:{}".format(*_at(text, "a figure"))
    r = CliRunner().invoke(cli, [
        "correct-add", "attributions", doc_id, "--start", str(start), "--end", str(end),
        "--content", content, "--field", "stance=unconfirmed", "--by", "Ann", "--db", store.url])
    assert r.exit_code == 0, r.output
    analysis = store.get_analysis(doc_id)
    assert analysis.events[2].actors == ["gaz:gpe/russia", "Russian forces"]
    assert analysis.attributions[3].content[0].text == "a figure"
    r = CliRunner().invoke(cli, [
        "correct-add", "events", doc_id, "--start", "0", "--end", "4",
        "--field", "type=PARTY", "--by", "Ann", "--db", store.url])
    assert r.exit_code == 2 and "type must be one of" in r.output
