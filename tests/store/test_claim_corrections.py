"""An analyst's corrections of the claim board stick: one of each (a member moved
into another claim, two claims merged, a member split off, the outlet's stance
set) made through the API is in force on the claim pages, in the API and in the
exports, and stays so through re-analysis and a rebuild of the cross-document
records and a new document; a correction whose words are gone is reported, not
dropped; an entity correction can be withdrawn. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from fogwatch.cli import app as cli
from fogwatch.export.sources import iter_rows
from fogwatch.findings import Analysis, Attribution, Document, Proposition
from fogwatch.jobs import analyze_stored
from fogwatch.serve.app import create_app
from fogwatch.serve.settings import TOKEN_ENV
from fogwatch.store import Store
from fogwatch.store.claim_corrections import member_ref, split_id

from .conftest import span

TOKEN = "claim-corrections-token-7d2e"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

# (text, outlet, date, [(source, content, cue, reporter's stance)])
ARTICLES = {
    "kyiv": ("Kyiv, 3 March 2026. The General Staff said that Russian forces had captured the "
             "village of Tonenke near Avdiivka. Andriy Kovalenko denied that the dam at "
             "Kurakhove had been destroyed by shelling.", "kyiv.example", "2026-03-03",
             [("The General Staff", "Russian forces had captured the village of Tonenke "
               "near Avdiivka", "said", None),
              ("Andriy Kovalenko", "the dam at Kurakhove had been destroyed by shelling",
               "denied", "refuted")]),
    "moscow": ("Moscow, 4 March 2026. The defence ministry said that Russian forces had "
               "captured the village of Tonenke near Avdiivka. Igor Konashenkov claimed that "
               "the dam at Kurakhove had been destroyed by Ukrainian shelling.",
               "moscow.example", "2026-03-04",
               [("The defence ministry", "Russian forces had captured the village of Tonenke "
                 "near Avdiivka", "said", None),
                ("Igor Konashenkov", "the dam at Kurakhove had been destroyed by Ukrainian "
                 "shelling", "claimed", "unconfirmed")]),
    "front": ("Kyiv, 5 March 2026. Oleksandr Tarnavskyi said that the village of Tonenke had "
              "fallen to Russian troops after weeks of fighting.", "kyiv.example", "2026-03-05",
              [("Oleksandr Tarnavskyi", "the village of Tonenke had fallen to Russian troops "
                "after weeks of fighting", "said", None)]),
    "energy": ("Kyiv, 6 March 2026. The energy company Ukrenergo reported that the reservoir "
               "wall at Kurakhove was breached overnight.", "kyiv.example", "2026-03-06",
               [("The energy company Ukrenergo", "the reservoir wall at Kurakhove was "
                 "breached overnight", "reported", None)]),
}


def _analysis(doc: Document) -> Analysis:
    text, _, _, said = next(a for a in ARTICLES.values() if a[0] == doc.text)
    attributions = [
        Attribution(cue=span(text, cue), content=[span(text, content)], sentence=n + 1,
                    source=span(text, source), document=doc.id,
                    **({"stance": stance} if stance else {}))
        for n, (source, content, cue, stance) in enumerate(said)
    ]
    return Analysis(doc, [], attributions=attributions)


class Machine:
    """Stands in for the models: the same attributions every time."""

    def analyze(self, doc: Document) -> Analysis:
        return _analysis(doc)

    def analyze_many(self, docs: list[Document]) -> list[Analysis]:
        return [_analysis(d) for d in docs]


def analyse(store: Store, doc_id: str) -> None:
    summary = analyze_stored(store, [doc_id], pipeline=Machine(), workers=1)
    assert not summary.failed, summary.failed


def reconcile_all(store: Store) -> None:
    result = CliRunner().invoke(cli, ["reconcile", "--all", "--db", store.url])
    assert result.exit_code == 0, result.output


@pytest.fixture
def client(store: Store, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    return TestClient(create_app(store, tiles=""))


@pytest.fixture
def docs(store: Store) -> dict[str, str]:
    ids = {}
    for name, (text, outlet, date, _) in ARTICLES.items():
        doc = Document.create(text, url=f"https://{outlet}/{name}", outlet=outlet,
                              published=date)
        store.add_document(doc)
        analyse(store, doc.id)
        ids[name] = doc.id
    return ids


def _claims(store: Store) -> list[Proposition]:
    return store.propositions(limit=100)


def _holding(store: Store, source: str, role: str = "source") -> Proposition:
    """The claim that holds ``source``'s stance."""
    return next(p for p in _claims(store) if any(s.source == source and s.role == role
                                                 for s in p.stances))


def _ref(prop: Proposition, source: str, role: str = "source") -> str:
    s = next(s for s in prop.stances if s.source == source and s.role == role)
    return member_ref(s.document, s.role, s.start, s.end)


def _post(client: TestClient, body: dict[str, Any], by_header: bool = False) -> dict[str, Any]:
    headers = dict(AUTH)
    if by_header:
        headers["X-Fogwatch-Author"] = "Ann Analyst"
    else:
        body = {**body, "author": "Ann Analyst"}
    r = client.post("/api/v1/claim-corrections", json=body, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def _correct_all(store: Store, client: TestClient, docs: dict[str, str]) -> dict[str, Any]:
    tonenke = _holding(store, "General Staff")
    fallen = _holding(store, "Oleksandr Tarnavskyi")
    dam = _holding(store, "Andriy Kovalenko")
    wall = _holding(store, "Energy company Ukrenergo")
    assert len({tonenke.id, fallen.id, dam.id, wall.id}) == 4  # as the machine has them
    assert _holding(store, "Igor Konashenkov").id == dam.id
    made = {
        "move": _post(client, {"action": "move", "members": [_ref(fallen, "Oleksandr Tarnavskyi")],
                               "into": tonenke.id, "note": "the same capture, other words"}),
        "merge": _post(client, {"action": "merge", "proposition": wall.id, "into": dam.id},
                       by_header=True),
        "split": _post(client, {"action": "split", "proposition": dam.id,
                                "members": [_ref(dam, "Igor Konashenkov")],
                                "note": "blames Ukraine: another claim"}),
        "stance": _post(client, {"action": "stance", "proposition": dam.id,
                                 "members": [_ref(dam, "kyiv.example", "outlet")],
                                 "stance": "unverified"}),
    }
    assert made["move"]["original"]["proposition"] == fallen.id
    assert made["merge"]["author"] == "Ann Analyst"
    assert made["stance"]["original"]["stance"] == "reports"
    assert all(c["state"] == "applied" for c in made.values()), made
    return made


def _assert_in_force(store: Store, client: TestClient, docs: dict[str, str],
                     made: dict[str, Any]) -> None:
    claims = _claims(store)
    tonenke = _holding(store, "General Staff")
    dam = _holding(store, "Andriy Kovalenko")
    split = _holding(store, "Igor Konashenkov")
    # the article's own stance on the words moved went with them: their claim is gone
    assert len(claims) == 3
    assert {s.role for s in tonenke.stances if s.document == docs["front"]} == {
        "source", "outlet"}
    # moved: Tarnavskyi's source stance is in the capture claim, marked, with the
    # machine's claim kept; his article's own stance stayed where the machine put it
    moved = next(s for s in tonenke.stances if s.source == "Oleksandr Tarnavskyi")
    assert moved.corrected["actions"] == ["move"]
    assert moved.corrected["machine"]["statement"].startswith("The village of Tonenke had fallen")
    # merged: the reservoir claim's members are the dam claim's
    assert {s.document for s in dam.stances} >= {docs["kyiv"], docs["energy"]}
    assert not any(p.id != dam.id for p in claims
                   if any(s.document == docs["energy"] for s in p.stances))
    # split: Konashenkov's claim is the split's own, and the dam claim has him no more
    assert split.id == split_id(made["split"]["id"]) != dam.id
    assert [(s.source, s.role) for s in split.stances] == [
        ("Igor Konashenkov", "source"), ("moscow.example", "outlet")]
    assert "Igor Konashenkov" not in {s.source for s in dam.stances}
    # the outlet's own stance set
    own = next(s for s in dam.stances if s.role == "outlet" and s.document == docs["kyiv"])
    assert own.stance == "unverified" and own.corrected["machine"]["stance"] == "reports"
    # the API: the claims with their corrected stances, and the corrections
    api = client.get(f"/api/v1/propositions/{tonenke.id}").json()
    marked = [s for s in api["stances"] if s.get("corrected")]
    assert [(s["source"], s["document"]) for s in marked] == [
        ("Oleksandr Tarnavskyi", docs["front"]), ("kyiv.example", docs["front"])]
    listed = client.get("/api/v1/claim-corrections").json()
    assert listed["total"] == 4
    assert {c["action"]: c["state"] for c in listed["items"]} == dict.fromkeys(
        ("move", "merge", "split", "stance"), "applied")
    assert {c["action"]: c["proposition_id"] for c in listed["items"]} == {
        "move": tonenke.id, "merge": dam.id, "split": split.id, "stance": dam.id}
    mine = client.get("/api/v1/claim-corrections", params={"proposition": split.id}).json()
    assert [c["action"] for c in mine["items"]] == ["split"]
    # the pages: shown corrected, the machine's original one click away
    page = client.get(f"/claims/{tonenke.id}").text
    assert "Corrected by hand" in page and "the machine's original" in page
    assert "the same capture, other words" in page and "Ann Analyst" in page
    page = client.get(f"/claims/{dam.id}").text
    assert "read as <strong>reports</strong>" in page
    assert 'class="flag corrected" title="corrected by hand (stance)' in page
    assert 'class="flag corrected" title="corrected by hand (' in client.get(
        "/claims").text  # the board marks them too
    assert "blames Ukraine" in client.get(f"/claims/{split.id}").text
    # the exports: the corrections and the stances carry them
    rows = [r for page_ in iter_rows(store, "claim_corrections") for r in page_]
    assert sorted((r["action"], r["state"]) for r in rows) == [
        ("merge", "applied"), ("move", "applied"), ("split", "applied"), ("stance", "applied")]
    assert json.loads(next(r for r in rows if r["action"] == "stance")["original"])[
        "stance"] == "reports"
    stances = [r for page_ in iter_rows(store, "stances") for r in page_]
    corrected = {(r["document_id"], r["source"], r["role"]): json.loads(r["corrected"])
                 for r in stances if r["corrected"]}
    assert corrected[(docs["front"], "Oleksandr Tarnavskyi", "source")]["actions"] == ["move"]
    assert corrected[(docs["kyiv"], "kyiv.example", "outlet")]["actions"] == ["stance"]
    assert corrected[(docs["energy"], "kyiv.example", "outlet")]["actions"] == ["merge"]
    assert "split" in corrected[(docs["moscow"], "Igor Konashenkov", "source")]["actions"]
    assert {r["proposition_id"] for r in stances
            if r["document_id"] == docs["energy"]} == {dam.id}


def test_claim_corrections_stay_in_force_through_reanalysis_and_a_rebuild(
    store: Store, client: TestClient, docs: dict[str, str]
) -> None:
    made = _correct_all(store, client, docs)
    _assert_in_force(store, client, docs, made)
    for doc_id in docs.values():  # the machine finds the same things again
        analyse(store, doc_id)
    _assert_in_force(store, client, docs, made)
    reconcile_all(store)
    _assert_in_force(store, client, docs, made)
    for doc_id in reversed(list(docs.values())):  # re-analysed in another order
        analyse(store, doc_id)
    _assert_in_force(store, client, docs, made)
    # a new document: reconciled among the corrected claims, which stay corrected
    text = ("Kyiv, 7 March 2026. Serhiy Naiev said that Russian forces had captured the "
            "village of Tonenke near Avdiivka.")
    ARTICLES["late"] = (text, "kyiv.example", "2026-03-07", [(
        "Serhiy Naiev", "Russian forces had captured the village of Tonenke near Avdiivka",
        "said", None)])
    try:
        late = Document.create(text, url="https://kyiv.example/late", outlet="kyiv.example",
                               published="2026-03-07")
        store.add_document(late)
        analyse(store, late.id)
        assert _holding(store, "Serhiy Naiev").id == _holding(store, "General Staff").id
        _assert_in_force(store, client, docs, made)
        reconcile_all(store)
        _assert_in_force(store, client, docs, made)
    finally:
        del ARTICLES["late"]
    # the command line lists them
    listed = CliRunner().invoke(cli, ["corrections", "claims", "--json", "--db", store.url])
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout)["total"] == 4


def test_a_split_claim_merged_away_leaves_no_correction_pointing_at_it(
    store: Store, client: TestClient, docs: dict[str, str]
) -> None:
    dam = _holding(store, "Andriy Kovalenko")
    split = _post(client, {"action": "split", "proposition": dam.id,
                           "members": [_ref(dam, "Igor Konashenkov")]})
    assert split["proposition_id"] == split_id(split["id"])
    tonenke = _holding(store, "General Staff")
    merge = _post(client, {"action": "merge", "proposition": split["proposition_id"],
                           "into": tonenke.id, "note": "the analyst changed their mind"})
    live = {p.id for p in _claims(store)}
    for _ in range(2):  # as made, then after a rebuild replays both
        listed = client.get("/api/v1/claim-corrections").json()["items"]
        where = {c["id"]: (c["state"], c["proposition_id"]) for c in listed}
        assert where == {split["id"]: ("applied", tonenke.id),
                         merge["id"]: ("applied", tonenke.id)}, where
        assert tonenke.id in live and split_id(split["id"]) not in live
        reconcile_all(store)
        live = {p.id for p in _claims(store)}


def test_a_withdrawn_claim_correction_gives_the_machine_back_its_claims(
    store: Store, client: TestClient, docs: dict[str, str]
) -> None:
    made = _correct_all(store, client, docs)
    before = store_version(store)
    for action in ("move", "merge", "split", "stance"):
        r = client.delete(f"/api/v1/claim-corrections/{made[action]['id']}",
                          params={"by": "Bob"}, headers=AUTH)
        assert r.status_code == 200 and r.json()["state"] == "withdrawn", r.text
    assert store_version(store) != before
    assert len(_claims(store)) == 4
    assert not any(s.corrected for p in _claims(store) for s in p.stances)
    reconcile_all(store)
    assert len(_claims(store)) == 4
    assert client.get("/api/v1/claim-corrections").json()["total"] == 0
    assert client.get("/api/v1/claim-corrections",
                      params={"state": "withdrawn"}).json()["total"] == 4


def store_version(store: Store) -> Any:
    from fogwatch.store.browse import store_version as version

    return version(store)


def test_a_correction_whose_words_are_gone_is_orphaned_not_dropped(
    store: Store, client: TestClient, docs: dict[str, str]
) -> None:
    fallen = _holding(store, "Oleksandr Tarnavskyi")
    made = _post(client, {"action": "stance", "members": [_ref(fallen, "Oleksandr Tarnavskyi")],
                          "stance": "denies"})
    assert made["state"] == "applied"
    # the document changes: the machine no longer finds that attribution
    original = ARTICLES["front"]
    ARTICLES["front"] = (*original[:3], [])
    try:
        analyse(store, docs["front"])
        found = client.get(f"/api/v1/claim-corrections/{made['id']}").json()
        assert found["state"] == "orphaned" and found["proposition_id"] is None
        reconcile_all(store)
        listed = client.get("/api/v1/claim-corrections", params={"state": "orphaned"}).json()
        assert [c["id"] for c in listed["items"]] == [made["id"]]
    finally:
        ARTICLES["front"] = original
    analyse(store, docs["front"])  # the words are back: so is the correction
    assert store.get_claim_correction(made["id"]).state == "applied"
    assert client.get(f"/api/v1/claim-corrections/{made['id']}").json()["state"] == "applied"
    assert _holding(store, "Oleksandr Tarnavskyi").stances[0].stance == "denies"


def test_claim_corrections_need_the_token_and_are_shown_escaped(
    store: Store, client: TestClient, docs: dict[str, str]
) -> None:
    dam = _holding(store, "Andriy Kovalenko")
    body = {"action": "stance", "members": [_ref(dam, "Andriy Kovalenko")],
            "stance": "asserts", "author": "Ann"}
    assert client.post("/api/v1/claim-corrections", json=body).status_code == 401
    assert client.post("/api/v1/claim-corrections", json=body,
                       headers={"Authorization": "Bearer wrong"}).status_code == 401
    # the token is checked before the body is read: a broken body is still a 401
    r = client.post("/api/v1/claim-corrections", content=b"{not json",
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 401
    assert client.delete("/api/v1/claim-corrections/1", params={"by": "x"}).status_code == 401
    assert client.get("/api/v1/claim-corrections").json()["total"] == 0
    # what is wrong is named
    bad = client.post("/api/v1/claim-corrections", headers=AUTH,
                      json={**body, "members": ["nowhere:source:1:2"]})
    assert bad.status_code == 404 and "no member" in bad.json()["detail"]
    bad = client.post("/api/v1/claim-corrections", headers=AUTH,
                      json={"action": "merge", "proposition": dam.id, "into": dam.id,
                            "author": "Ann"})
    assert bad.status_code == 422 and "itself" in bad.json()["detail"]
    bad = client.post("/api/v1/claim-corrections", headers=AUTH,
                      json={**body, "members": ["a-b-c"]})
    assert bad.status_code == 422 and "DOCUMENT:ROLE:START:END" in bad.json()["detail"]
    hostile = "<script>alert('claim')</script>"
    r = client.post("/api/v1/claim-corrections", headers=AUTH, json={
        **body, "author": "Ann <b>Analyst</b>", "note": f"see {hostile} & more"})
    assert r.status_code == 201, r.text
    html = client.get(f"/claims/{dam.id}").text
    assert "<script>alert" not in html and "<b>Analyst" not in html
    assert "see &lt;script&gt;alert(" in html and "&amp; more" in html
    assert "Ann &lt;b&gt;Analyst&lt;/b&gt;" in html
    # the command line asks who, and makes one too
    runner = CliRunner()
    no_author = runner.invoke(cli, ["correct-claim", "stance", "--member", _ref(dam, "Andriy Kovalenko"),
                                    "--stance", "denies", "--db", store.url],
                              env={"FOGWATCH_AUTHOR": ""})
    assert no_author.exit_code == 2 and "--by" in no_author.output
    done = runner.invoke(cli, ["correct-claim", "stance", "--member",
                               _ref(dam, "Andriy Kovalenko"), "--stance", "denies", "--by",
                               "Ann", "--json", "--db", store.url])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["state"] == "applied"
    assert next(s for s in _holding(store, "Andriy Kovalenko").stances
                if s.source == "Andriy Kovalenko").stance == "denies"


# --- withdrawing an entity correction ----------------------------------------------


def test_an_entity_correction_can_be_withdrawn(store: Store, client: TestClient) -> None:
    from .test_entity_corrections import BRIEFING, KREMLIN, PESKOV, SHORT
    from .test_entity_corrections import analyse as analyse_briefing

    doc = Document.create(BRIEFING, url="https://example.org/briefing", outlet="example.org",
                          published="2025-11-04")
    store.add_document(doc)
    analyse_briefing(store, doc.id)

    def post(body: dict[str, Any]) -> dict[str, Any]:
        r = client.post("/api/v1/entity-corrections", headers=AUTH,
                        json={**body, "author": "Ann"})
        assert r.status_code == 201, r.text
        return r.json()

    renamed = post({"action": "rename", "key": PESKOV, "value": "D. S. Peskov"})
    typed = post({"action": "type", "key": KREMLIN, "value": "ORG"})
    merged = post({"action": "merge", "key": SHORT, "value": PESKOV})
    assert store.get_entity(PESKOV).name == "D. S. Peskov" and store.get_entity(SHORT) is None
    # the token first, then who
    assert client.delete(f"/api/v1/entity-corrections/{renamed['id']}",
                         params={"by": "Bob"}).status_code == 401
    r = client.delete(f"/api/v1/entity-corrections/{renamed['id']}", headers=AUTH)
    assert r.status_code == 422 and "say who" in r.json()["detail"]
    assert client.delete("/api/v1/entity-corrections/999", params={"by": "Bob"},
                         headers=AUTH).status_code == 404
    # a rename and a type are undone at once, in the entity and the stored findings
    for made in (renamed, typed):
        r = client.delete(f"/api/v1/entity-corrections/{made['id']}", params={"by": "Bob"},
                          headers=AUTH)
        assert r.status_code == 200, r.text
        assert r.json()["state"] == "withdrawn" and r.json()["withdrawn_by"] == "Bob"
    assert store.get_entity(PESKOV).name == "Dmitry Peskov"
    assert store.get_entity(KREMLIN).type == "PERSON"
    saved = {e.key: e for e in store.get_analysis(doc.id).entities}
    assert saved[PESKOV].name == "Dmitry Peskov" and saved[KREMLIN].type == "PERSON"
    # a merge when its documents are analysed again
    r = client.delete(f"/api/v1/entity-corrections/{merged['id']}", params={"by": "Bob"},
                      headers=AUTH)
    assert r.status_code == 200 and r.json()["reanalyze"] == [doc.id], r.text
    assert store.entity_redirect(SHORT) is None
    analyse_briefing(store, doc.id)
    assert store.get_entity(SHORT) is not None
    assert {a.source_entity for a in store.get_analysis(doc.id).attributions} >= {PESKOV, SHORT}
    # listed as withdrawn, and no longer applied on a save
    listed = client.get("/api/v1/entity-corrections").json()
    assert listed["total"] == 0
    listed = client.get("/api/v1/entity-corrections", params={"state": "withdrawn"}).json()
    assert listed["total"] == 3
    rows = [r for page_ in iter_rows(store, "entity_corrections") for r in page_]
    assert {r["state"] for r in rows} == {"withdrawn"} and {r["withdrawn_by"] for r in rows} == {
        "Bob"}
    runner = CliRunner()
    again = runner.invoke(cli, ["corrections", "withdraw-entity", str(merged["id"]), "--by",
                                "Bob", "--db", store.url])
    assert again.exit_code == 0, again.output
