"""An analyst's corrections stick: made through the API, they survive re-analysis and
a rebuild of the cross-document records, and show in the API, the document page and
the exports; one whose words are gone is orphaned and listed. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from fogwatch.cli import app as cli
from fogwatch.export.sources import iter_rows
from fogwatch.findings import Analysis, Document
from fogwatch.jobs import analyze_stored
from fogwatch.serve.app import create_app
from fogwatch.serve.settings import TOKEN_ENV
from fogwatch.store import Store
from fogwatch.store.corrections import without_rejected

from .conftest import full_analysis

TOKEN = "corrections-token-7d2e"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HOSTILE = "<script>alert('x')</script> & more"


class FakePipeline:
    """Stands in for the models: every analysis is :func:`full_analysis`, or what
    ``change`` makes of it (a new model that finds less)."""

    def __init__(self, change: Any = None) -> None:
        self.change = change

    def analyze(self, doc: Document) -> Analysis:
        found = full_analysis(doc)
        return self.change(found) if self.change else found

    def analyze_many(self, docs: list[Document]) -> list[Analysis]:
        return [self.analyze(d) for d in docs]


def _without_assault(analysis: Analysis) -> Analysis:
    analysis.events = analysis.events[1:]
    analysis.quantities[0].event = 0
    return analysis


def reanalyze(store: Store, doc_id: str, change: Any = None) -> None:
    summary = analyze_stored(store, [doc_id], pipeline=FakePipeline(change), workers=1)
    assert not summary.failed, summary.failed


def reconcile_all(store: Store) -> None:
    result = CliRunner().invoke(cli, ["reconcile", "--all", "--db", store.url])
    assert result.exit_code == 0, result.output


@pytest.fixture
def client(store: Store, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    return TestClient(create_app(store, tiles=""))


@pytest.fixture
def doc_id(store: Store, article: Document) -> str:
    store.save_analysis(full_analysis(article))
    return article.id


# One correction of each kind: a set on every kind, one reject, one confirm.
CORRECTIONS = [
    {"kind": "times", "idx": 1, "action": "set", "field": "value", "value": "2025-11-01"},
    {"kind": "attributions", "idx": 0, "action": "set", "field": "stance", "value": "hedged"},
    {"kind": "attributions", "idx": 1, "action": "reject", "note": HOSTILE},
    {"kind": "events", "idx": 0, "action": "set", "field": "modality", "value": "happened"},
    {"kind": "events", "idx": 1, "action": "confirm"},
    {"kind": "quantities", "idx": 0, "action": "set", "field": "value", "value": 1200},
    {"kind": "places", "idx": 0, "action": "set", "field": "key", "value": "geo:706884"},
]


def _correct_all(client: TestClient, doc_id: str) -> list[dict[str, Any]]:
    made = []
    for n, body in enumerate(CORRECTIONS):
        headers = dict(AUTH)
        if n % 2:  # the author from the header, or from the body
            headers["X-Fogwatch-Author"] = "Ann Analyst"
            payload = {**body, "document": doc_id}
        else:
            payload = {**body, "document": doc_id, "author": "Ann Analyst"}
        r = client.post("/api/v1/corrections", json=payload, headers=headers)
        assert r.status_code == 201, r.text
        made.append(r.json())
    return made


def _items(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def _assert_in_force(store: Store, client: TestClient, doc_id: str) -> None:
    # the API: every correction applied, where it was made
    found = _items(client, "/api/v1/corrections", document=doc_id)
    assert len(found) == len(CORRECTIONS)
    assert {c["state"] for c in found} == {"applied"}
    assert all(c["applied_idx"] == c["idx"] for c in found)
    # the finding lists: corrected values; the rejected one left out unless asked for
    atts = _items(client, "/api/v1/attributions", document=doc_id)
    assert sorted(a["idx"] for a in atts) == [0, 2]
    assert next(a for a in atts if a["idx"] == 0)["record"]["stance"] == "hedged"
    rejected = _items(client, "/api/v1/attributions", document=doc_id, review="rejected")
    assert [a["idx"] for a in rejected] == [1]
    events = {e["idx"]: e for e in _items(client, "/api/v1/events", document=doc_id)}
    assert events[0]["record"]["modality"] == "happened"
    assert [e["idx"] for e in _items(client, "/api/v1/events", document=doc_id,
                                     review="confirmed")] == [1]
    assert _items(client, "/api/v1/events", modality="happened", document=doc_id)
    assert _items(client, "/api/v1/quantities", document=doc_id)[0]["record"]["value"] == 1200
    assert _items(client, "/api/v1/places", key="geo:706884")[0]["document"]["id"] == doc_id
    times = {t["idx"]: t for t in _items(client, "/api/v1/times", document=doc_id)}
    assert times[1]["record"]["value"] == "2025-11-01"
    # the cross-document records: the rejected attribution is no stance
    stances = [s for p in store.propositions(limit=100) for s in p.stances]
    assert stances, "the fixture must fold into some claims"
    assert all(s.entity != "gaz:person/oleksandr-syrskyi" for s in stances)
    reports = [r for ev in store.merged_events(limit=100) for r in ev.reports
               if r.document == doc_id and r.event == 0]
    assert [r.modality for r in reports] == ["happened"]
    # the document page
    html = client.get(f"/documents/{doc_id}").text
    details = json.loads(re.search(
        r'<script type="application/json" id="findings-data">(.*?)</script>', html, re.S
    ).group(1))
    assert details["v0"]["review"] == "corrected"
    assert details["v0"]["corrections"][0] == {
        "action": "set", "field": "modality", "by": "Ann Analyst",
        "at": details["v0"]["corrections"][0]["at"], "value": "happened", "was": "claimed",
        "note": None,
    }
    assert details["a1"]["review"] == "rejected"
    assert details["a1"]["corrections"][0]["note"] == HOSTILE
    assert details["v1"]["review"] == "confirmed"
    assert details["q0"]["corrections"][0]["was"] == "1000"
    assert 'class="hl k-rejected"' in html or "k-rejected" in html
    assert re.search(r'data-kind="rejected"(?! checked)>', html)  # hidden until asked for
    assert "<script>alert" not in html
    # the exports
    rows = [r for page in iter_rows(store, "corrections") for r in page]
    assert sorted((r["kind"], r["action"], r["state"]) for r in rows) == sorted(
        (c["kind"], c["action"], "applied") for c in CORRECTIONS)
    assert next(r for r in rows if r["field"] == "modality")["original"] == '"claimed"'
    exported = {k: {r["idx"]: r for page in iter_rows(store, k) for r in page
                    if r["document_id"] == doc_id}
                for k in ("times", "attributions", "events", "quantities", "places")}
    assert exported["attributions"][1]["corrected"] == "rejected"
    assert exported["attributions"][0]["stance"] == "hedged"
    assert exported["attributions"][2]["corrected"] is None
    assert exported["events"][0]["corrected"] == "corrected"
    assert exported["events"][0]["modality"] == "happened"
    assert exported["events"][1]["corrected"] == "confirmed"
    assert exported["quantities"][0]["value"] == 1200.0
    assert exported["places"][0]["place_key"] == "geo:706884"
    assert exported["times"][1]["value"] == "2025-11-01"


def test_corrections_stay_in_force_through_reanalysis_and_a_rebuild(
    store: Store, client: TestClient, doc_id: str
) -> None:
    made = _correct_all(client, doc_id)
    assert made[3]["original"] == "claimed" and made[3]["author"] == "Ann Analyst"
    reconcile_all(store)
    _assert_in_force(store, client, doc_id)
    reanalyze(store, doc_id)  # the machine finds the same things again
    _assert_in_force(store, client, doc_id)
    reconcile_all(store)
    _assert_in_force(store, client, doc_id)


def test_a_correction_whose_words_are_gone_is_orphaned_and_listed(
    store: Store, client: TestClient, doc_id: str
) -> None:
    _correct_all(client, doc_id)
    reanalyze(store, doc_id, _without_assault)  # a new model no longer finds "assault"
    orphaned = _items(client, "/api/v1/corrections", state="orphaned")
    assert [(c["kind"], c["anchor_text"]) for c in orphaned] == [("events", "assault")]
    assert orphaned[0]["applied_idx"] is None
    # the others still apply, to findings that moved: "captured" is event 0 now
    confirm = next(c for c in _items(client, "/api/v1/corrections") if c["action"] == "confirm")
    assert confirm["state"] == "applied" and confirm["applied_idx"] == 0
    listed = CliRunner().invoke(cli, ["corrections", "list", "--orphaned", "--json",
                                      "--db", store.url])
    assert listed.exit_code == 0, listed.output
    assert [c["anchor_text"] for c in json.loads(listed.stdout)["items"]] == ["assault"]
    # the save reports it too
    again = store.save_analysis(_without_assault(full_analysis(store.get_document(doc_id))))
    assert [c.anchor_text for c in again] == ["assault"]
    # and when the words come back, so does the correction
    reanalyze(store, doc_id)
    assert not _items(client, "/api/v1/corrections", state="orphaned")
    assert store.get_analysis(doc_id).events[0].modality == "happened"


def test_withdrawing_a_correction_restores_the_machine_finding(
    store: Store, client: TestClient, doc_id: str
) -> None:
    made = _correct_all(client, doc_id)
    modality = next(c for c in made if c.get("field") == "modality")
    r = client.delete(f"/api/v1/corrections/{modality['id']}", headers=AUTH,
                      params={"by": "Bob"})
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "withdrawn" and r.json()["withdrawn_by"] == "Bob"
    analysis = store.get_analysis(doc_id)
    assert analysis.events[0].modality == "claimed"
    assert analysis.review["events"].get(0) is None
    assert analysis.rejected("attributions", 1)  # the others stay
    assert modality["id"] not in [c["id"] for c in _items(client, "/api/v1/corrections")]
    assert client.delete(f"/api/v1/corrections/{modality['id']}").status_code == 401
    assert client.delete("/api/v1/corrections/99999", headers=AUTH,
                         params={"by": "Bob"}).status_code == 404


def test_bad_corrections_are_refused_naming_what_is_wrong(
    client: TestClient, doc_id: str
) -> None:
    def post(**body: Any) -> Any:
        return client.post("/api/v1/corrections", headers=AUTH,
                           json={"document": doc_id, "author": "Ann", **body})

    r = post(kind="events", idx=0, action="set", field="modality", value="exploded")
    assert r.status_code == 422 and "events.modality" in r.text
    r = post(kind="places", idx=0, action="set", field="lat", value=1)
    assert r.status_code == 422 and "editable: key" in r.text
    r = post(kind="events", idx=7, action="reject")
    assert r.status_code == 404 and "no event 7" in r.text
    r = post(kind="weather", idx=0, action="reject")
    assert r.status_code == 422 and "weather" in r.text
    r = client.post("/api/v1/corrections", headers=AUTH,
                    json={"kind": "events", "document": doc_id, "idx": 0, "action": "confirm"})
    assert r.status_code == 422 and "X-Fogwatch-Author" in r.text
    r = client.post("/api/v1/corrections",
                    json={"kind": "events", "document": doc_id, "idx": 0, "action": "confirm",
                          "author": "Ann"})
    assert r.status_code == 401


def test_rejected_findings_are_left_out_of_what_reconcile_folds(
    store: Store, doc_id: str
) -> None:
    store.add_correction("times", doc_id, 0, "reject", author="Ann")
    store.add_correction("quantities", doc_id, 0, "reject", author="Ann")
    analysis = store.get_analysis(doc_id)
    folded = without_rejected(analysis, ("times", "quantities", "places"))
    assert [t.text for t in folded.times] == ["Sunday"]
    assert folded.quantities == []
    # positions into the times list are renumbered: "Sunday" was 1, is 0 now
    assert analysis.events[0].time == 1 and folded.events[0].time == 0
    assert analysis.attributions[0].time == 1 and folded.attributions[0].time == 0
    assert len(store.get_analysis(doc_id).times) == 2  # the store keeps them


def test_an_attributions_source_and_content_words_can_be_set(
    store: Store, client: TestClient, doc_id: str
) -> None:
    text = store.get_document(doc_id).text
    who = text.index("Ukrainian General Staff")
    said = text.index("more than 1,000 soldiers")
    said_end = text.index("near Pokrovsk", said) - 1

    def post(idx: int, field: str, value: Any) -> Any:
        return client.post("/api/v1/corrections", headers=AUTH, json={
            "document": doc_id, "author": "Ann", "kind": "attributions", "idx": idx,
            "action": "set", "field": field, "value": value})

    source = post(0, "source", f"{who}..{who + len('Ukrainian General Staff')}")
    assert source.status_code == 201, source.text
    assert source.json()["original"]["text"] == "the Ukrainian General Staff"
    content = post(2, "content", [{"start": said, "end": said_end}])
    assert content.status_code == 201, content.text
    for r in (post(0, "source", f"{len(text)}..{len(text) + 5}"),  # past the end
              post(0, "source", "the General Staff"), post(2, "content", "9..3")):
        assert r.status_code == 422 and "attributions." in r.text, r.text

    def check() -> None:
        atts = store.get_analysis(doc_id).attributions
        assert atts[0].source is not None and atts[0].source.text == "Ukrainian General Staff"
        # the same speaker, fewer words: the entity stays
        assert atts[0].source_entity == "auto:ORG/ukrainian-general-staff"
        assert [c.text for c in atts[2].content] == ["more than 1,000 soldiers had been captured"]
        assert all(text[c.start:c.end] == c.text for a in atts for c in a.content)

    check()
    reanalyze(store, doc_id)  # the machine's spans again, the analyst's on top
    reconcile_all(store)
    check()
    exported = {r["idx"]: r for page in iter_rows(store, "attributions") for r in page
                if r["document_id"] == doc_id}
    assert exported[0]["source_text"] == "Ukrainian General Staff"
    assert exported[2]["content_text"] == "more than 1,000 soldiers had been captured"
    assert exported[2]["corrected"] == "corrected"
    # the document page's form shows the offsets
    html = client.get(f"/documents/{doc_id}").text
    assert f"{said}..{said_end}" in html
    # withdrawn: the machine's words come back
    r = client.delete(f"/api/v1/corrections/{source.json()['id']}", headers=AUTH,
                      params={"by": "Ann"})
    assert r.status_code == 200, r.text
    assert store.get_analysis(doc_id).attributions[0].source.text == "the Ukrainian General Staff"
