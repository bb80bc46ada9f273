"""Attribution confidence everywhere an attribution goes: the API list's
``min_confidence``, the export column, the document page's details, the review
queue's low-confidence lane, and the claim board, the claims API and the
timeline, which hide claims that rest only on attributions scored low; on
SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fogwatch.export.tables import export_tables
from fogwatch.findings import Analysis, Attribution, Document, TextSpan
from fogwatch.reconcile import reconcile_analysis
from fogwatch.serve.app import create_app
from fogwatch.store import Store, browse
from fogwatch.store.browse.review import review_queue

TEXT = ("The army said that a railway bridge near Izium was destroyed on Monday. "
        "Local officials claimed that forty drones were shot down over Sumy overnight. "
        "The ministry reported that the power station in Okhtyrka was shelled again.")
SCORES = (0.91, 0.18, None)  # one sure, one unsure, one not scored


def _span(needle: str) -> TextSpan:
    start = TEXT.index(needle)
    return TextSpan(needle, start, start + len(needle))


def _analysis() -> Analysis:
    doc = Document.create(TEXT, url="https://example.org/scores", outlet="Example Wire",
                          title="Three claims", published="2025-11-04")
    said = [("said", "The army", "a railway bridge near Izium was destroyed on Monday"),
            ("claimed", "Local officials", "forty drones were shot down over Sumy overnight"),
            ("reported", "The ministry", "the power station in Okhtyrka was shelled again")]
    return Analysis(doc, attributions=[
        Attribution(cue=_span(cue), content=[_span(content)], sentence=i,
                    source=_span(source), confidence=score, document=doc.id)
        for i, ((cue, source, content), score) in enumerate(zip(said, SCORES, strict=True))
    ])


def _fill(opened: Store) -> Store:
    analysis = _analysis()
    opened.save_analysis(analysis)
    reconcile_analysis(opened, analysis)
    return opened


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
          pg_schema: Callable[[], AbstractContextManager[str]]) -> Iterator[Store]:
    """The three attributions and their claims, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        with Store.open(str(tmp_path_factory.mktemp("scores") / "scores.sqlite")) as opened:
            yield _fill(opened)
        return
    with pg_schema() as url, Store.open(url) as opened:
        yield _fill(opened)


@pytest.fixture(scope="module")
def client(store: Store) -> TestClient:
    return TestClient(create_app(store, tiles=""))


def _doc_id() -> str:
    return _analysis().document.id


def test_the_api_list_hides_attributions_scored_under_min_confidence(
        client: TestClient) -> None:
    every = client.get("/api/v1/attributions").json()
    assert sorted((i["record"]["confidence"] is None, i["record"]["confidence"])
                  for i in every["items"]) == [(False, 0.18), (False, 0.91), (True, None)]
    kept = client.get("/api/v1/attributions", params={"min_confidence": "0.5"}).json()
    scores = sorted(x["record"]["confidence"] or 0 for x in kept["items"])
    assert kept["total"] == 2 and scores == [0, 0.91]  # the unscored one stays
    assert client.get("/api/v1/attributions", params={"min_confidence": "2"}).status_code == 422
    assert client.get("/api/v1/attributions",
                      params={"min_confidence": "0.5; drop"}).status_code == 422


def test_the_export_carries_a_confidence_column(store: Store, tmp_path: Path) -> None:
    export_tables(store, tmp_path, "jsonl", kinds=["attributions"])
    rows = [json.loads(line) for line in
            (tmp_path / "attributions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all("confidence" in r for r in rows)
    assert sorted(r["confidence"] or 0 for r in rows) == [0, 0.18, 0.91]


def test_the_document_page_shows_the_score_in_the_details(client: TestClient) -> None:
    html = client.get(f"/documents/{_doc_id()}").text
    assert '["confidence", "0.91"]' in html or '["confidence","0.91"]' in html
    assert '"0.18"' in html


def test_the_review_queue_lists_the_unsure_attribution(store: Store) -> None:
    items, _ = review_queue(store, lane="low_confidence")
    found = [(i.kind, i.idx) for i in items]
    assert ("attributions", 1) in found and ("attributions", 0) not in found


def _claims_resting_on(store: Store) -> dict[str, set[int | None]]:
    """Each claim -> the attributions its stances rest on."""
    out: dict[str, set[int | None]] = {}
    for p in store.propositions(limit=100):
        out[p.id] = {s.attribution for s in p.stances}
    return out


def _expected(store: Store, least: float) -> set[str]:
    scores = dict(enumerate(SCORES))
    return {pid for pid, atts in _claims_resting_on(store).items()
            if any(a is None or scores[a] is None or scores[a] >= least for a in atts)}


def test_the_claim_board_and_the_api_hide_claims_resting_on_low_scores(
        store: Store, client: TestClient) -> None:
    every = set(_claims_resting_on(store))
    kept = _expected(store, 0.5)
    assert kept and kept != every  # the claim of the unsure attribution is hidden
    props, total = browse.claim_page(store, min_confidence=0.5, limit=50)
    assert {p.id for p in props} == kept and total == len(kept)
    got = client.get("/api/v1/propositions", params={"min_confidence": "0.5"}).json()
    assert {p["id"] for p in got["items"]} == kept and got["total"] == len(kept)
    assert {p["id"] for p in client.get("/api/v1/propositions").json()["items"]} == every
    hidden = next(p for p in store.propositions(limit=100) if p.id not in kept)
    page = client.get("/claims", params={"min_confidence": "0.5"}).text
    assert hidden.statement not in page
    assert '<option value="0.5" selected>' in page
    assert hidden.statement in client.get("/claims").text


def test_the_timeline_hides_them_too(store: Store, client: TestClient) -> None:
    kept = _expected(store, 0.5)
    items, total = browse.timeline_page(store, events_too=False, min_confidence=0.5)
    assert {i.id for i in items} == {p for p in kept if store.get_proposition(p).first_seen}
    everything, _ = browse.timeline_page(store, events_too=False)
    assert len(everything) > len(items)
    counts: dict[str, Any] = browse.timeline_day_counts(store, events_too=False,
                                                        min_confidence=0.5)
    assert sum(n for day in counts.values() for n in day.values()) == total
    page = client.get("/timeline", params={"min_confidence": "0.5", "show": "claims"})
    assert page.status_code == 200 and '<option value="0.5" selected>' in page.text
