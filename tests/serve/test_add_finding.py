"""Adding a missed finding from the document page: the page carries the form's
choices (escaped), and in Chromium an analyst selects words, adds an event or a
time through the form (the token asked once), and the added finding is stored and
marked."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fogwatch.findings import Analysis, Attribution, Document, TextSpan
from fogwatch.serve.app import create_app
from fogwatch.serve.settings import TOKEN_ENV
from fogwatch.store import Store

from .conftest import TOKEN, new_tab, served, sign_in

HOSTILE = "<script>alert('who')</script>"
TEXT = ("Local officials said that shelling hit a school in Kupiansk overnight. "
        "Two buildings burned until morning, the mayor added.")


def _span(needle: str) -> TextSpan:
    start = TEXT.index(needle)
    return TextSpan(needle, start, start + len(needle))


def _analysis() -> Analysis:
    doc = Document.create(TEXT, url="https://example.org/kupiansk-school",
                          outlet="example.org", title="School hit", published="2025-11-06")
    return Analysis(doc, attributions=[
        Attribution(cue=_span("said"), content=[_span("shelling hit a school in Kupiansk "
                                                      "overnight")],
                    sentence=0, source=_span("Local officials"), document=doc.id)])


@pytest.fixture(scope="module")
def add_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(str(tmp_path_factory.mktemp("add") / "add.sqlite"))
    store.save_analysis(_analysis())
    yield store
    store.close()


@pytest.fixture(scope="module")
def add_app(add_store: Store) -> Iterator[Any]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(TOKEN_ENV, TOKEN)
        yield create_app(add_store, tiles="")


def test_the_page_offers_the_form_and_escapes_what_was_added(add_store: Store,
                                                              add_app: Any) -> None:
    client = TestClient(add_app)
    doc_id = _analysis().document.id
    start = TEXT.index("burned")
    r = client.post("/api/v1/corrections/add", headers={"Authorization": f"Bearer {TOKEN}"},
                    json={"kind": "events", "document": doc_id, "start": start,
                          "end": start + len("burned"), "author": HOSTILE,
                          "fields": {"type": "ASSAULT", "actors": [HOSTILE]}})
    assert r.status_code == 201, r.text
    html = client.get(f"/documents/{doc_id}").text
    assert 'id="add-choices"' in html and "/static/add_finding.js" in html
    assert "ASSAULT" in html
    choices = json.loads(re.search(
        r'<script type="application/json" id="add-choices">(.*?)</script>', html, re.S
    ).group(1))
    assert choices["times"]["type"] == ["DATE", "TIME", "DURATION", "SET"]
    assert {"", "START", "END", "APPROX"} <= set(choices["times"]["mod"])
    assert "<script>alert" not in html
    add_store.withdraw_correction(r.json()["id"], by="test")
    assert len(add_store.get_analysis(doc_id).events) == 0


def _select(pg: Any, words: str) -> None:
    """Select ``words`` in the document's text as a mouse would, and let go."""
    pg.evaluate("""(words) => {
        const article = document.getElementById('doc-text');
        const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const at = node.data.indexOf(words);
            if (at >= 0) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                const sel = window.getSelection();
                sel.removeAllRanges();
                sel.addRange(range);
                break;
            }
        }
        article.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    }""", words)


def _add_form(pg: Any, doc_id: str, words: str) -> Any:
    """Select ``words`` on the document page and open the form that adds a finding."""
    pg.goto(f"/documents/{doc_id}")
    _select(pg, words)
    pg.get_by_role("button", name="Add a finding").click()
    form = pg.locator("form#add-finding")
    form.wait_for()
    return form


@pytest.mark.slow
def test_selecting_words_adds_an_event(browser: Any, add_app: Any, add_store: Store) -> None:
    doc_id = _analysis().document.id
    with served(add_app) as url:
        context, pg = new_tab(browser, url, 1366, 900)
        try:
            form = _add_form(pg, doc_id, "burned")
            assert "burned" in form.inner_text()
            form.locator("select[name=type]").select_option("ASSAULT")
            form.locator("input[name=targets]").fill("Two buildings")
            form.get_by_role("button", name="Add").click()
            sign_in(pg, author="Ann")
            form.get_by_text("Added (correction").wait_for()
            [event] = add_store.get_analysis(doc_id).events
            assert (event.trigger.text, event.type, event.targets) == (
                "burned", "ASSAULT", ["Two buildings"])
            pg.reload()
            assert pg.locator('#doc-text .hl[data-ids~="v0"]').inner_text() == "burned"
            assert pg.problems == []
        finally:
            context.close()


@pytest.mark.slow
def test_selecting_words_adds_a_time(browser: Any, add_app: Any, add_store: Store) -> None:
    doc_id = _analysis().document.id
    with served(add_app) as url:
        context, pg = new_tab(browser, url, 1366, 900)
        try:
            form = _add_form(pg, doc_id, "overnight")
            form.locator("select[name=kind]").select_option("times")
            assert form.locator("select[name=ttype]").input_value() == "DATE"
            # a value that names no days is refused, the field named, nothing stored
            form.locator("input[name=tvalue]").fill("the night before")
            form.get_by_role("button", name="Add").click()
            sign_in(pg, author="Ann")
            problem = form.locator(".add-error")
            problem.get_by_text("times.value").wait_for()
            assert add_store.get_analysis(doc_id).times == []
            form.locator("input[name=tvalue]").fill("2025-11-05")
            form.locator("select[name=mod]").select_option("END")
            form.get_by_role("button", name="Add").click()
            form.get_by_text("Added (correction").wait_for()
            [time] = add_store.get_analysis(doc_id).times
            assert (time.text, time.type, time.value, time.mod, time.interval,
                    time.anchor) == ("overnight", "DATE", "2025-11-05", "END",
                                     ("2025-11-05", "2025-11-05"), "analyst")
            pg.reload()
            assert pg.locator('#doc-text .hl[data-ids~="t0"]').inner_text() == "overnight"
            refused = "Failed to load resource: the server responded with a status of 422"
            assert [p for p in pg.problems if refused not in p] == []
        finally:
            context.close()
