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
from fogwatch.findings import Analysis, Document, TextSpan, Time
from fogwatch.serve.app import create_app
from fogwatch.serve.settings import TOKEN_ENV
from fogwatch.store import Store, added_findings

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
    assert json.loads(r.stdout)["action"] == "add"
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


# --- times -----------------------------------------------------------------------


def _without_sunday(analysis: Analysis) -> Analysis:
    """A model that misses "Sunday" (what pointed at it is left undated)."""
    analysis.times = analysis.times[:1]
    analysis.attributions[0].time = None
    analysis.events[0].time = None
    return analysis


def _times(client: TestClient, doc_id: str, **params: Any) -> dict[int, dict[str, Any]]:
    return {t["idx"]: t for t in _items(client, "/api/v1/times", document=doc_id, **params)}


def _assert_sunday_added(store: Store, client: TestClient, doc_id: str) -> None:
    times = _times(client, doc_id)
    assert sorted(times) == [0, 1]
    record = times[1]["record"]
    assert (record["text"], record["type"], record["value"], record["interval"],
            record["anchor"]) == ("Sunday", "DATE", "2025-11-02",
                                  ["2025-11-02", "2025-11-02"], "analyst")
    assert sorted(_times(client, doc_id, review="added")) == [1]
    # the typed columns are filled: the day filters find it, and only it
    assert sorted(_times(client, doc_id, since="2025-11-02", until="2025-11-02")) == [1]
    exported = {r["idx"]: r for page in iter_rows(store, "times") for r in page
                if r["document_id"] == doc_id}
    assert (exported[1]["value"], str(exported[1]["interval_start"]),
            exported[1]["corrected"]) == ("2025-11-02", "2025-11-02", "added")


def test_a_time_is_added_and_stays_through_reanalysis_and_a_rebuild(
    store: Store, client: TestClient, article: Document
) -> None:
    store.save_analysis(_without_sunday(full_analysis(article)))
    r = _add(client, article, "times", "Sunday", {"type": "DATE", "value": "2025-11-02"})
    assert r.status_code == 201, r.text
    assert (r.json()["action"], r.json()["applied_idx"]) == ("add", 1)
    _assert_sunday_added(store, client, article.id)
    reanalyze(store, article.id, _without_sunday)
    _assert_sunday_added(store, client, article.id)
    reconcile_all(store)
    _assert_sunday_added(store, client, article.id)
    [made] = _items(client, "/api/v1/corrections", kind="times")
    assert made["state"] == "applied"
    # a model that finds "Sunday" itself: the add confirms the machine's time
    reanalyze(store, article.id)
    analysis = store.get_analysis(article.id)
    assert [t.anchor for t in analysis.times] == ["DCT", "DCT"]
    assert analysis.review["times"] == {1: "confirmed"}
    assert store.get_correction(made["id"]).original == {"matched": True}
    # a model that misses it again: the analyst's time is made again
    reanalyze(store, article.id, _without_sunday)
    assert store.get_analysis(article.id).times[1].anchor == "analyst"


def test_an_added_time_is_made_again_confirms_or_is_orphaned(article: Document) -> None:
    """What every save does with a document's time adds (no store needed)."""
    from types import SimpleNamespace

    def add(cid: int, words: str, anchor_text: str | None = None) -> Any:
        start, end = _at(article.text, words)
        return SimpleNamespace(id=cid, kind="times", anchor_start=start, anchor_end=end,
                               anchor_text=anchor_text or words,
                               value={"type": "DATE", "value": "2025-11-02", "mod": None})

    analysis = _without_sunday(full_analysis(article))
    out = added_findings.insert(analysis, [
        add(3, "Sunday"), add(4, "3 November 2025"),
        add(5, "pressed", anchor_text="pushed")])  # the words there are not the add's
    assert out == {3: ("applied", 1, added_findings.INSERTED),
                   4: ("applied", 0, added_findings.MATCHED),
                   5: ("orphaned", None, None)}
    assert [t.text for t in analysis.times] == ["3 November 2025", "Sunday"]
    assert analysis.times[0].value == "2025-11-03"  # confirmed, not overwritten
    assert analysis.review["times"] == {0: "confirmed", 1: "added"}


@pytest.mark.parametrize(("fields", "named"), [
    ({"type": "DATE", "value": "2025-13-45"}, "times.value"),  # no such day
    ({"value": "next week"}, "times.value"),  # not a TimeML value
    ({"value": "XXXX-11-02"}, "times.value"),  # no year: no days to place
    ({"type": "TIME", "value": "yesterday"}, "times.value"),
    ({"type": "DURATION", "value": "2025-11-02"}, "times.value"),
    ({"type": "DATE"}, "times.value"),  # no value at all
    ({"type": "WEEK", "value": "2025-W45"}, "type must be one of"),
    ({"value": "2025-11", "mod": "SOON"}, "times.mod"),
    ({"value": "2025-11", "interval": ["2025-11-01", "2025-11-30"]}, "interval"),
])
def test_a_time_with_a_bad_value_is_refused_naming_the_field(
    store: Store, client: TestClient, doc_id: str, fields: dict[str, Any], named: str
) -> None:
    doc = store.get_document(doc_id)
    r = _add(client, doc, "times", "on Sunday", fields)
    assert r.status_code == 422 and named in r.json()["detail"], r.text
    start, end = _at(doc.text, "on Sunday")
    with pytest.raises(ValueError, match=re.escape(named)):
        store.add_finding("times", doc_id, start, end, author="Ann", fields=fields)
    assert store.list_corrections()[1] == 0
    assert len(store.get_analysis(doc_id).times) == 2


def test_adding_a_time_needs_the_token(store: Store, client: TestClient, doc_id: str) -> None:
    doc = store.get_document(doc_id)
    start, end = _at(doc.text, "on Sunday")
    body = {"kind": "times", "document": doc_id, "start": start, "end": end,
            "author": "Ann", "fields": {"value": "2025-11-02"}}
    assert client.post("/api/v1/corrections/add", json=body).status_code == 401
    wrong = {"Authorization": "Bearer not-the-token"}
    assert client.post("/api/v1/corrections/add", json=body, headers=wrong).status_code == 401
    assert store.list_corrections()[1] == 0
    assert client.post("/api/v1/corrections/add", json=body, headers=AUTH).status_code == 201


def test_a_corrected_time_value_moves_its_interval(
    store: Store, client: TestClient, doc_id: str
) -> None:
    made = store.add_correction("times", doc_id, 1, "set", author="Ann", field="value",
                                value="2025-W44")
    week = ["2025-10-27", "2025-11-02"]
    assert store.get_analysis(doc_id).times[1].interval == tuple(week)
    for again in (lambda: reanalyze(store, doc_id), lambda: reconcile_all(store)):
        again()
        assert _times(client, doc_id)[1]["record"]["interval"] == week
        assert sorted(_times(client, doc_id, since="2025-10-27", until="2025-10-28")) == [1]
    # another correction of the document re-applies it: the interval stays the week's
    store.add_correction("times", doc_id, 0, "confirm", author="Bob")
    assert store.get_analysis(doc_id).times[1].interval == tuple(week)
    # a value that names no days leaves none
    store.add_correction("times", doc_id, 0, "set", author="Ann", field="value",
                         value="PRESENT_REF")
    assert store.get_analysis(doc_id).times[0].interval is None
    # withdrawn, the machine's value and its days are back
    store.withdraw_correction(made.id, by="Ann")
    t = store.get_analysis(doc_id).times[1]
    assert (t.value, t.interval) == ("2025-11-02", ("2025-11-02", "2025-11-02"))


def test_the_command_line_adds_a_time(store: Store, doc_id: str) -> None:
    from typer.testing import CliRunner

    from fogwatch.cli import app as cli

    start, end = _at(store.get_document(doc_id).text, "on Sunday")
    args = ["correct-add", "times", doc_id, "--start", str(start), "--end", str(end),
            "--by", "Ann", "--db", store.url]
    r = CliRunner().invoke(cli, [*args, "--field", "value=2025-11", "--field", "mod=END"])
    assert r.exit_code == 0, r.output
    added = store.get_analysis(doc_id).times[2]
    assert (added.text, added.value, added.mod, added.interval) == (
        "on Sunday", "2025-11", "END", ("2025-11-21", "2025-11-30"))
    r = CliRunner().invoke(cli, [*args, "--field", "type=DURATION", "--field", "value=2025"])
    assert r.exit_code == 2 and "times.value" in r.output


@pytest.mark.parametrize(("type_", "value", "mod", "interval"), [
    ("DATE", "2025-11-03", None, ("2025-11-03", "2025-11-03")),
    ("DATE", "2025-W45", None, ("2025-11-03", "2025-11-09")),
    ("DATE", "2025-11", "START", ("2025-11-01", "2025-11-10")),
    ("DATE", "202", None, ("2020-01-01", "2029-12-31")),
    ("TIME", "2025-11-03T14:00", None, ("2025-11-03", "2025-11-03")),
    ("DATE", "PRESENT_REF", None, None),
    ("DURATION", "P5W", "APPROX", None),
    ("SET", "XXXX-WXX-1", None, None),
])
def test_an_added_time_takes_its_days_from_its_value(
    article: Document, type_: str, value: str, mod: str | None, interval: Any
) -> None:
    analysis = full_analysis(article)
    start, end = _at(article.text, "on Sunday")
    anchor, checked = added_findings.check_add(
        "times", article.text, start, end, "on Sunday",
        {"type": type_, "value": f" {value} ", "mod": mod or ""})
    made = added_findings.build("times", analysis,
                                TextSpan(anchor["text"], anchor["start"], anchor["end"]),
                                checked)
    assert isinstance(made, Time)
    assert (made.type, made.value, made.mod, made.interval, made.anchor, made.sentence) == (
        type_, value, mod, interval, "analyst", 1)
