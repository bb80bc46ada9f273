"""An analyst's corrections of entities stick: one of each (merge, rename, split, type)
made through the API is in force in the entity list and pages, the findings that
point at entities, the claims, the API and the exports, and stays so through
re-analysis, a rebuild of the cross-document records and a new document that
names the merged-away or split-off entity. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from fogwatch.cli import app as cli
from fogwatch.export.sources import iter_rows
from fogwatch.findings import Analysis, Attribution, Document, Entity, Event, Mention
from fogwatch.jobs import analyze_stored
from fogwatch.serve.app import create_app
from fogwatch.serve.settings import TOKEN_ENV
from fogwatch.store import Store
from fogwatch.store.entity_corrections import EntityCorrection, apply

from .conftest import span

TOKEN = "entity-corrections-token-41c9"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

BRIEFING = (
    "Moscow, 4 November 2025. Dmitry Peskov said that Russia would not take part in the "
    "talks. Peskov denied that the Kremlin had been told of the plan. Moscow claimed that "
    "the convoy had been attacked."
)
LATER = "Peskov said on Wednesday that Moscow expected an answer from the Kremlin."

PESKOV, SHORT = "auto:PERSON/dmitry-peskov", "auto:PERSON/peskov"
RUSSIA, MOSCOW, KREMLIN = "auto:GPE/russia", "auto:GPE/moscow", "auto:PERSON/kremlin"
NEW_NAME = "Dmitry Sergeyevich Peskov"


def _mention(doc: Document, words: str, sentence: int, type_: str, key: str,
             n: int = 0) -> Mention:
    s = span(doc.text, words, n)
    return Mention(s.text, s.start, s.end, sentence, type_, key, document=doc.id)


def briefing_analysis(doc: Document) -> Analysis:
    """What the machine makes of :data:`BRIEFING`: Peskov under two keys, the city
    folded into the country, the Kremlin taken for a person."""
    t = doc.text
    entities = [
        Entity(PESKOV, "Dmitry Peskov", "PERSON", aliases=["Dmitry Peskov"],
               mentions=[_mention(doc, "Dmitry Peskov", 1, "PERSON", PESKOV)]),
        Entity(SHORT, "Peskov", "PERSON", aliases=["Peskov"],
               mentions=[_mention(doc, "Peskov", 2, "PERSON", SHORT, 1)]),
        Entity(RUSSIA, "Russia", "GPE", aliases=["Russia", "Moscow"],
               mentions=[_mention(doc, "Moscow", 0, "GPE", RUSSIA),
                         _mention(doc, "Russia", 1, "GPE", RUSSIA),
                         _mention(doc, "Moscow", 3, "GPE", RUSSIA, 1)]),
        Entity(KREMLIN, "Kremlin", "PERSON", aliases=["Kremlin"],
               mentions=[_mention(doc, "Kremlin", 2, "PERSON", KREMLIN)]),
    ]
    attributions = [
        Attribution(cue=span(t, "said"), content=[span(t, "Russia would not take part in the "
                    "talks")], sentence=1, source=span(t, "Dmitry Peskov"),
                    source_entity=PESKOV, document=doc.id),
        Attribution(cue=span(t, "denied"), content=[span(t, "the Kremlin had been told of the "
                    "plan")], sentence=2, source=span(t, "Peskov", 1), source_entity=SHORT,
                    stance="refuted", document=doc.id),
        Attribution(cue=span(t, "claimed"), content=[span(t, "the convoy had been attacked")],
                    sentence=3, source=span(t, "Moscow", 1), source_entity=RUSSIA,
                    stance="unconfirmed", document=doc.id),
    ]
    events = [
        Event(span(t, "talks"), "CONSULT", 1, actors=[SHORT, RUSSIA], modality="negated",
              attribution=0, document=doc.id),
        Event(span(t, "attacked"), "ASSAULT", 3, targets=[KREMLIN], modality="claimed",
              attribution=2, document=doc.id),
    ]
    return Analysis(doc, entities, attributions=attributions, events=events)


def later_analysis(doc: Document) -> Analysis:
    """A new document naming only the short form and the city."""
    t = doc.text
    entities = [
        Entity(SHORT, "Peskov", "PERSON", aliases=["Peskov"],
               mentions=[_mention(doc, "Peskov", 0, "PERSON", SHORT)]),
        Entity(RUSSIA, "Russia", "GPE", aliases=["Moscow"],
               mentions=[_mention(doc, "Moscow", 0, "GPE", RUSSIA)]),
        Entity(KREMLIN, "Kremlin", "PERSON", aliases=["Kremlin"],
               mentions=[_mention(doc, "Kremlin", 0, "PERSON", KREMLIN)]),
    ]
    attributions = [
        Attribution(cue=span(t, "said"), content=[span(t, "Moscow expected an answer from the "
                    "Kremlin")], sentence=0, source=span(t, "Peskov"), source_entity=SHORT,
                    document=doc.id),
    ]
    return Analysis(doc, entities, attributions=attributions)


class Machine:
    """Stands in for the models: each document's analysis as the machine makes it."""

    def __init__(self, by_text: dict[str, Callable[[Document], Analysis]]) -> None:
        self.by_text = by_text

    def analyze(self, doc: Document) -> Analysis:
        return self.by_text[doc.text](doc)

    def analyze_many(self, docs: list[Document]) -> list[Analysis]:
        return [self.analyze(d) for d in docs]


MACHINE = Machine({BRIEFING: briefing_analysis, LATER: later_analysis})


def analyse(store: Store, doc_id: str) -> None:
    summary = analyze_stored(store, [doc_id], pipeline=MACHINE, workers=1)
    assert not summary.failed, summary.failed


def reconcile_all(store: Store) -> None:
    result = CliRunner().invoke(cli, ["reconcile", "--all", "--db", store.url])
    assert result.exit_code == 0, result.output


@pytest.fixture
def client(store: Store, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    return TestClient(create_app(store, tiles=""))


@pytest.fixture
def briefing(store: Store) -> Document:
    doc = Document.create(BRIEFING, url="https://example.org/briefing", outlet="example.org",
                          title="Kremlin briefing", published="2025-11-04")
    store.add_document(doc)
    analyse(store, doc.id)
    return doc


# merged first, then the survivor renamed: the order an analyst would take
CORRECTIONS = [
    {"action": "merge", "key": SHORT, "value": PESKOV, "note": "one man, two keys"},
    {"action": "rename", "key": PESKOV, "value": NEW_NAME},
    {"action": "split", "key": RUSSIA, "value": "Moscow", "note": "the city, not the state"},
    {"action": "type", "key": KREMLIN, "value": "ORG"},
]


def _correct_all(client: TestClient) -> list[dict[str, Any]]:
    made = []
    for n, body in enumerate(CORRECTIONS):
        headers = dict(AUTH)
        if n % 2:  # the author from the header, or from the body
            headers["X-Fogwatch-Author"] = "Ann Analyst"
            payload = dict(body)
        else:
            payload = {**body, "author": "Ann Analyst"}
        r = client.post("/api/v1/entity-corrections", json=payload, headers=headers)
        assert r.status_code == 201, r.text
        made.append(r.json())
    return made


def _entities(client: TestClient) -> dict[str, dict[str, Any]]:
    r = client.get("/api/v1/entities", params={"limit": 100})
    assert r.status_code == 200, r.text
    return {e["key"]: e for e in r.json()["items"]}


def _assert_in_force(store: Store, client: TestClient, doc_ids: list[str]) -> None:
    # the entity list (API): one Peskov, renamed, with both names; the city apart
    found = _entities(client)
    assert SHORT not in found
    assert found[PESKOV]["name"] == NEW_NAME
    assert {"Dmitry Peskov", "Peskov"} <= set(found[PESKOV]["aliases"])
    assert found[PESKOV]["mentions"] == 2 * len(doc_ids) - (len(doc_ids) > 1)
    assert found[MOSCOW]["name"] == "Moscow" and found[MOSCOW]["type"] == "GPE"
    assert found[MOSCOW]["mentions"] == 2 + (len(doc_ids) > 1)
    assert "Moscow" not in found[RUSSIA]["aliases"] and found[RUSSIA]["mentions"] == 1
    assert found[KREMLIN]["type"] == "ORG"
    # the merged-away key leads to the survivor, in the API and on the pages
    r = client.get(f"/api/v1/entities/{SHORT}")
    assert r.status_code == 200 and r.json()["key"] == PESKOV
    assert r.history and r.history[0].status_code == 307
    page = client.get(f"/entities/{SHORT}")
    assert page.status_code == 200 and str(page.url).endswith(f"/entities/{PESKOV}")
    assert NEW_NAME in page.text and "merged into this entity" in page.text
    assert "the city, not the state" in client.get(f"/entities/{MOSCOW}").text
    # the entity list page
    listed = client.get("/entities").text
    assert NEW_NAME in listed and f"/entities/{SHORT}\"" not in listed
    # the findings that point at entities
    briefing = store.get_analysis(doc_ids[0])
    assert [a.source_entity for a in briefing.attributions] == [PESKOV, PESKOV, MOSCOW]
    assert briefing.events[0].actors == [PESKOV, RUSSIA]  # "Russia" is still named here
    assert briefing.events[1].targets == [KREMLIN]
    keys = {e.key: e for e in briefing.entities}
    assert set(keys) == {PESKOV, RUSSIA, MOSCOW, KREMLIN}
    assert [m.text for m in keys[PESKOV].mentions] == ["Dmitry Peskov", "Peskov"]
    assert [m.text for m in keys[MOSCOW].mentions] == ["Moscow", "Moscow"]
    assert keys[KREMLIN].type == "ORG" and keys[PESKOV].name == NEW_NAME
    atts = client.get("/api/v1/attributions", params={"source": SHORT}).json()["items"]
    assert atts == []
    # the claims: the speakers are the corrected keys
    speakers = {s.entity for p in store.propositions(limit=100) for s in p.stances}
    assert {PESKOV, MOSCOW} <= speakers and not speakers & {SHORT, RUSSIA}
    # the API's list of entity corrections
    made = client.get("/api/v1/entity-corrections").json()
    assert made["total"] == len(CORRECTIONS)
    assert {(c["action"], c["key"]) for c in made["items"]} == {
        (c["action"], c["key"]) for c in CORRECTIONS}
    # the exports
    rows = [r for page in iter_rows(store, "entity_corrections") for r in page]
    assert sorted((r["action"], r["entity_key"], r["target_key"]) for r in rows) == sorted([
        ("merge", SHORT, PESKOV), ("rename", PESKOV, None), ("split", RUSSIA, MOSCOW),
        ("type", KREMLIN, None)])
    assert next(r for r in rows if r["action"] == "rename")["original"] == "Dmitry Peskov"
    exported = {r["entity_key"]: r for page in iter_rows(store, "entities") for r in page}
    assert SHORT not in exported and exported[PESKOV]["name"] == NEW_NAME
    assert exported[KREMLIN]["type"] == "ORG"
    mention_keys = {r["entity_key"] for page in iter_rows(store, "mentions") for r in page}
    assert SHORT not in mention_keys and MOSCOW in mention_keys


def test_entity_corrections_stay_in_force_through_reanalysis_a_rebuild_and_new_documents(
    store: Store, client: TestClient, briefing: Document
) -> None:
    reconcile_all(store)
    made = _correct_all(client)
    assert made[0]["target"] == PESKOV and made[0]["documents"] == 1
    assert made[1]["original"] == "Dmitry Peskov" and made[1]["author"] == "Ann Analyst"
    assert made[2]["target"] == MOSCOW and made[3]["original"] == "PERSON"
    _assert_in_force(store, client, [briefing.id])
    analyse(store, briefing.id)  # the machine finds the same things again
    _assert_in_force(store, client, [briefing.id])
    reconcile_all(store)
    _assert_in_force(store, client, [briefing.id])
    # a new document naming the short form and the city
    later = Document.create(LATER, url="https://example.org/later", outlet="example.org",
                            published="2025-11-05")
    store.add_document(later)
    analyse(store, later.id)
    saved = store.get_analysis(later.id)
    assert {e.key for e in saved.entities} == {PESKOV, MOSCOW, KREMLIN}
    assert saved.attributions[0].source_entity == PESKOV
    _assert_in_force(store, client, [briefing.id, later.id])
    reconcile_all(store)
    _assert_in_force(store, client, [briefing.id, later.id])
    # the command line lists them too
    listed = CliRunner().invoke(cli, ["corrections", "entities", "--json", "--db", store.url])
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout)["total"] == len(CORRECTIONS)


def test_an_entity_correction_is_shown_escaped(
    store: Store, client: TestClient, briefing: Document
) -> None:
    hostile = "<script>alert('peskov')</script>"
    r = client.post("/api/v1/entity-corrections", headers=AUTH, json={
        "action": "rename", "key": PESKOV, "value": f"Peskov {hostile}",
        "author": "Ann <b>Analyst</b>", "note": f"see {hostile} & more"})
    assert r.status_code == 201, r.text
    html = client.get(f"/entities/{PESKOV}").text
    assert "<script>alert" not in html and "<b>Analyst" not in html
    assert "Peskov &lt;script&gt;alert(" in html
    assert "see &lt;script&gt;alert(" in html and "&amp; more" in html
    assert "Ann &lt;b&gt;Analyst&lt;/b&gt;" in html


def test_bad_entity_corrections_are_refused_naming_what_is_wrong(
    store: Store, client: TestClient, briefing: Document
) -> None:
    def post(headers: dict[str, str] | None = None, **body: Any) -> Any:
        payload = {"action": "rename", "key": PESKOV, "value": "Peskov", **body}
        return client.post("/api/v1/entity-corrections", json=payload,
                           headers=AUTH if headers is None else headers)

    assert post(headers={}, author="Ann").status_code == 401  # no token
    assert post(headers={"Authorization": "Bearer wrong"}, author="Ann").status_code == 401
    assert "say who makes the change" in post().json()["detail"]
    assert post(author="Ann", key="auto:PERSON/nobody").status_code == 404
    r = post(author="Ann", action="type", value="PLANET")
    assert r.status_code == 422 and "PLANET" in r.json()["detail"]
    r = post(author="Ann", action="split", key=RUSSIA, value="Berlin")
    assert r.status_code == 422 and "not one of the names" in r.json()["detail"]
    r = post(author="Ann", action="merge", value=PESKOV)
    assert r.status_code == 422 and "itself" in r.json()["detail"]
    r = post(author="Ann", action="merge", value="auto:PERSON/nobody")
    assert r.status_code == 404
    assert client.get("/api/v1/entity-corrections").json()["total"] == 0
    # the command line asks for the author too, and names a wrong action
    runner = CliRunner()
    no_author = runner.invoke(cli, ["correct-entity", "rename", PESKOV, "X", "--db", store.url],
                              env={"FOGWATCH_AUTHOR": ""})
    assert no_author.exit_code == 2 and "--by" in no_author.output
    wrong = runner.invoke(cli, ["correct-entity", "rewrite", PESKOV, "X", "--by", "Ann",
                                "--db", store.url])
    assert wrong.exit_code == 2 and "rename, merge, split, type" in wrong.output
    done = runner.invoke(cli, ["correct-entity", "type", KREMLIN, "org", "--by", "Ann",
                               "--db", store.url])
    assert done.exit_code == 0, done.output
    assert store.get_entity(KREMLIN).type == "ORG"


# --- applying corrections to one analysis ------------------------------------------


def _made(id_: int, action: str, key: str, target: str | None = None,
          value: str | None = None) -> EntityCorrection:
    return EntityCorrection(id_, action, key, target, value, None, "Ann", None, "", "applied")


def _briefing() -> Analysis:
    return briefing_analysis(Document.create(BRIEFING, url="https://example.org/b"))


def test_merges_apply_oldest_first_and_leave_one_entity_per_key() -> None:
    analysis = _briefing()
    apply(analysis, [_made(2, "merge", PESKOV, target="gaz:person/dmitry-peskov"),
                     _made(1, "merge", SHORT, target=PESKOV)])  # given out of order
    keys = [e.key for e in analysis.entities]
    assert keys.count("gaz:person/dmitry-peskov") == 1 and PESKOV not in keys
    peskov = next(e for e in analysis.entities if e.key == "gaz:person/dmitry-peskov")
    assert [m.text for m in peskov.mentions] == ["Dmitry Peskov", "Peskov"]
    assert {m.entity for m in peskov.mentions} == {"gaz:person/dmitry-peskov"}
    assert peskov.aliases == ["Dmitry Peskov", "Peskov"]
    assert analysis.events[0].actors == ["gaz:person/dmitry-peskov", RUSSIA]
    assert [a.source_entity for a in analysis.attributions][:2] == [
        "gaz:person/dmitry-peskov"] * 2


def test_a_split_moves_the_alias_words_and_a_rename_keeps_the_old_name() -> None:
    analysis = _briefing()
    apply(analysis, [_made(1, "split", RUSSIA, target=MOSCOW, value="moscow"),
                     _made(2, "rename", RUSSIA, value="Russian Federation"),
                     _made(3, "type", KREMLIN, value="ORG"),
                     _made(4, "rename", "auto:PERSON/absent", value="Nobody")])
    by_key = {e.key: e for e in analysis.entities}
    assert [m.text for m in by_key[MOSCOW].mentions] == ["Moscow", "Moscow"]
    assert by_key[MOSCOW].name == "Moscow" and by_key[MOSCOW].type == "GPE"
    assert [m.text for m in by_key[RUSSIA].mentions] == ["Russia"]
    assert by_key[RUSSIA].name == "Russian Federation"
    assert by_key[RUSSIA].aliases == ["Russia"]  # "Moscow" is the city's now
    assert analysis.attributions[2].source_entity == MOSCOW  # its source is "Moscow"
    assert analysis.events[0].actors == [SHORT, RUSSIA]  # names no words: stays
    assert by_key[KREMLIN].type == "ORG" and "auto:PERSON/absent" not in by_key
    # applied again (a stored analysis saved again), nothing changes
    before = [(e.key, e.name, e.type, list(e.aliases), len(e.mentions))
              for e in analysis.entities]
    apply(analysis, [_made(1, "split", RUSSIA, target=MOSCOW, value="Moscow"),
                     _made(2, "rename", RUSSIA, value="Russian Federation"),
                     _made(3, "type", KREMLIN, value="ORG")])
    assert [(e.key, e.name, e.type, list(e.aliases), len(e.mentions))
            for e in analysis.entities] == before


def test_a_merge_into_a_merged_away_key_goes_to_its_survivor(
    store: Store, briefing: Document
) -> None:
    store.add_entity_correction("merge", SHORT, PESKOV, author="Ann")
    assert store.entity_redirect(SHORT) == PESKOV and store.entity_redirect(PESKOV) is None
    made = store.add_entity_correction("merge", KREMLIN, SHORT, author="Ann")
    assert made.target == PESKOV
    assert store.get_entity(KREMLIN) is None and store.entity_redirect(KREMLIN) == PESKOV
    assert store.get_entity(PESKOV).mentions == 3
