"""Correcting an entity from its page: the form is there (hidden until its script
runs), holds no token, and in Chromium an analyst merges one entity into another
(the page then is the survivor's) and renames it, the new name shown as text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fogwatch.findings import Analysis, Attribution, Document, Entity, Mention, TextSpan
from fogwatch.serve.app import create_app
from fogwatch.serve.settings import TOKEN_ENV
from fogwatch.store import Store

from .conftest import ARTIFACTS, TOKEN, new_tab, served, sign_in

TEXT = ("Dmitry Peskov said the convoy would wait. Later Peskov told reporters that "
        "nothing had been decided.")
FULL, SHORT = "auto:PERSON/dmitry-peskov", "auto:PERSON/peskov"
HOSTILE_NAME = "<img src=x onerror=alert(1)> Peskov"


def _span(words: str, occurrence: int = 0) -> TextSpan:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(words, start + 1)
    return TextSpan(words, start, start + len(words))


def _analysis() -> Analysis:
    doc = Document.create(TEXT, url="https://example.org/convoy", outlet="example.org",
                          title="Convoy waits", published="2025-11-06")
    full, short = _span("Dmitry Peskov"), _span("Peskov", 1)
    return Analysis(doc, entities=[
        Entity(FULL, "Dmitry Peskov", "PERSON", aliases=["Dmitry Peskov"], mentions=[
            Mention(full.text, full.start, full.end, 0, "PERSON", FULL, document=doc.id)]),
        Entity(SHORT, "Peskov", "PERSON", aliases=["Peskov"], mentions=[
            Mention(short.text, short.start, short.end, 1, "PERSON", SHORT, document=doc.id)]),
    ], attributions=[
        Attribution(cue=_span("said"), content=[_span("the convoy would wait")], sentence=0,
                    source=full, source_entity=FULL, document=doc.id),
        Attribution(cue=_span("told"), content=[_span("nothing had been decided")],
                    sentence=1, source=short, source_entity=SHORT, document=doc.id),
    ])


@pytest.fixture(scope="module")
def fix_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(str(tmp_path_factory.mktemp("entity-fix") / "fix.sqlite"))
    store.save_analysis(_analysis())
    yield store
    store.close()


@pytest.fixture(scope="module")
def fix_app(fix_store: Store) -> Iterator[Any]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(TOKEN_ENV, TOKEN)
        yield create_app(fix_store, tiles="")


def test_the_entity_page_carries_the_form_and_no_token(fix_app: Any) -> None:
    html = TestClient(fix_app).get(f"/entities/{SHORT}").text
    assert '<section class="panel" id="correct-entity" hidden>' in html
    assert f'data-key="{SHORT}"' in html
    assert "/static/corrections.js" in html and "/static/entity.js" in html
    assert TOKEN not in html


@pytest.mark.slow
def test_merging_and_renaming_from_the_entity_page(browser: Any, fix_app: Any,
                                                    fix_store: Store) -> None:
    with served(fix_app) as url:
        context, pg = new_tab(browser, url, 1366, 900)
        try:
            pg.goto(f"/entities/{SHORT}")
            form = pg.locator("form#entity-fix")
            assert form.is_visible()
            form.locator("select[name=action]").select_option("merge")
            form.locator("input[name=value]").fill(FULL)
            form.locator("input[name=note]").fill("one man, two keys")
            form.get_by_role("button", name="Save").click()
            sign_in(pg)
            pg.wait_for_url(f"**/entities/{FULL}#corrections")
            assert "merged into this entity" in pg.locator("#corrections").inner_text()
            [merge] = fix_store.list_entity_corrections()[0]
            assert (merge.action, merge.key, merge.target, merge.author) == (
                "merge", SHORT, FULL, "Ann <i>Analyst</i>")
            assert fix_store.get_entity(FULL).mentions == 2
            # renamed, with markup in the name: shown as text, asked for no token again
            form.locator("select[name=action]").select_option("rename")
            form.locator("input[name=value]").fill(HOSTILE_NAME)
            form.get_by_role("button", name="Save").click()
            pg.wait_for_function(
                "() => document.querySelector('h1').textContent.includes('onerror')")
            assert HOSTILE_NAME in pg.locator("h1").inner_text()
            assert pg.locator("h1 img, #corrections img").count() == 0
            assert pg.locator("form#credentials").count() == 0
            # a refusal is said in the page: a type that is none
            form.locator("select[name=action]").select_option("type")
            form.locator("input[name=value]").fill("PLANET")
            form.get_by_role("button", name="Save").click()
            status = pg.locator("#entity-fix-status")
            pg.wait_for_function(
                "() => document.querySelector('#entity-fix-status').textContent.includes('422')")
            assert "PLANET" in status.inner_text()
            assert pg.problems == [] or all("422" in p for p in pg.problems)
        finally:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=str(ARTIFACTS / "entity_fix.png"), full_page=True)
            context.close()
