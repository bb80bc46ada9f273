"""The overview and /api/v1/stats name the work a stopped run left over."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from fogwatch.findings import Document, document_id
from fogwatch.serve.app import create_app
from fogwatch.store import Store

STORED_ONLY = "Officials in Odesa said on Tuesday that the port was shelled overnight."
ANALYSED_ONLY = "The governor of Sumy said on Wednesday that two drones hit a power line."


def _doc(text: str) -> Document:
    return Document(id=document_id(text), text=text, title=text[:20], outlet="Wire",
                    published="2025-11-19", date_source="given")


def test_the_overview_says_nothing_when_no_work_is_left(tmp_path):
    store = Store.open(str(tmp_path / "empty.sqlite"))
    with TestClient(create_app(store, tiles="")) as client:
        text = client.get("/").text
        stats = client.get("/api/v1/stats").json()
    store.close()
    assert "fogwatch repair" not in text
    assert "not analysed" not in text and "not reconciled" not in text
    assert stats["documents_not_analysed"] == 0 and stats["documents_not_reconciled"] == 0
    assert stats["documents_undated"] == 0 and "without a publication date" not in text


def test_the_overview_names_documents_not_analysed_and_not_reconciled(tmp_path, pipeline: Any):
    store = Store.open(str(tmp_path / "leftover.sqlite"))
    store.add_document(_doc(STORED_ONLY))  # stored, never analysed
    analysed = _doc(ANALYSED_ONLY)
    store.add_document(analysed)
    store.save_analysis(pipeline.analyze(analysed))  # analysed, never reconciled
    with TestClient(create_app(store, tiles="", pipeline=pipeline)) as client:
        text = client.get("/").text
        stats = client.get("/api/v1/stats").json()
    expected = store.stats()
    store.close()
    assert "<b>1</b> document stored but not analysed" in text
    assert "<b>1</b> document analysed but not reconciled" in text
    assert "<code>fogwatch repair</code>" in text
    assert stats["documents_not_analysed"] == expected["documents_not_analysed"] == 1
    assert stats["documents_not_reconciled"] == expected["documents_not_reconciled"] == 1
    assert stats["documents"] == expected["documents_body"] == 2


def test_stats_agree_with_the_store(client, demo_store):
    stats = client.get("/api/v1/stats").json()
    expected = demo_store.stats()
    assert stats["documents"] == expected["documents_body"]
    assert stats["comments"] == expected["documents_comment"]
    assert stats["propositions"] == expected["propositions"]
    assert stats["merged_events"] == expected["merged_events"]
    assert stats["documents_not_analysed"] == expected["documents_not_analysed"]
    assert stats["documents_not_reconciled"] == expected["documents_not_reconciled"]


def test_the_overview_names_articles_without_a_publication_date(tmp_path):
    store = Store.open(str(tmp_path / "undated.sqlite"))
    store.add_document(_doc(STORED_ONLY))  # dated
    undated = Document(id=document_id(ANALYSED_ONLY), text=ANALYSED_ONLY, title="Sumy",
                       outlet="Wire")
    store.add_document(undated)
    with TestClient(create_app(store, tiles="")) as client:
        text = client.get("/").text
        stats = client.get("/api/v1/stats").json()
    store.close()
    assert stats["documents_undated"] == 1
    assert "<b>1</b> article without a publication date" in text
    assert "--date YYYY-MM-DD" in text
