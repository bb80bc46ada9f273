"""Correcting the claim board from a claim's page: the form is there (hidden until
its script runs) and holds no token; in Chromium an analyst sets a source's stance
(the page then shows it corrected, the machine's original one click away, the
note as text), moves a source into another claim, and withdraws a correction,
with no script error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fogwatch.findings import Analysis, Attribution, Document, TextSpan
from fogwatch.reconcile import reconcile_analysis
from fogwatch.serve.app import create_app
from fogwatch.serve.settings import TOKEN_ENV
from fogwatch.store import Store

from .conftest import ARTIFACTS, TOKEN, new_tab, served, sign_in

# (text, outlet, date, [(source, content, cue)])
ARTICLES = [
    ("Odesa, 2 April 2026. The port authority said that the grain terminal at Pivdennyi "
     "had been hit by two drones overnight.", "south.example", "2026-04-02",
     [("The port authority", "the grain terminal at Pivdennyi had been hit by two drones "
       "overnight", "said")]),
    ("Odesa, 3 April 2026. Governor Oleh Kiper said that the grain terminal at Pivdennyi had "
     "been hit by two drones overnight.", "coast.example", "2026-04-03",
     [("Governor Oleh Kiper", "the grain terminal at Pivdennyi had been hit by two drones "
       "overnight", "said")]),
    ("Kyiv, 4 April 2026. The navy said that a tanker had left the port of Chornomorsk "
     "under escort on Friday.", "south.example", "2026-04-04",
     [("The navy", "a tanker had left the port of Chornomorsk under escort on Friday",
       "said")]),
]
NOTE = "<img src=x onerror=alert(1)> per the harbour log"


def _span(text: str, words: str) -> TextSpan:
    at = text.index(words)
    return TextSpan(words, at, at + len(words))


def _analysis(text: str, outlet: str, date: str, said: list[tuple[str, str, str]]) -> Analysis:
    doc = Document.create(text, url=f"https://{outlet}/{date}", outlet=outlet, published=date)
    return Analysis(doc, [], attributions=[
        Attribution(cue=_span(text, cue), content=[_span(text, content)], sentence=1,
                    source=_span(text, source), document=doc.id)
        for source, content, cue in said])


@pytest.fixture(scope="module")
def fix_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(str(tmp_path_factory.mktemp("claim-fix") / "fix.sqlite"))
    for article in ARTICLES:
        analysis = _analysis(*article)
        store.save_analysis(analysis)
        reconcile_analysis(store, store.get_analysis(analysis.document.id))
    yield store
    store.close()


@pytest.fixture(scope="module")
def fix_app(fix_store: Store) -> Iterator[Any]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(TOKEN_ENV, TOKEN)
        yield create_app(fix_store, tiles="")


def _claim(store: Store, source: str) -> Any:
    return next(p for p in store.propositions(limit=50)
                if any(s.source == source for s in p.stances))


def test_the_claim_page_carries_the_form_and_no_token(fix_app: Any, fix_store: Store) -> None:
    prop = _claim(fix_store, "Port authority")
    html = TestClient(fix_app).get(f"/claims/{prop.id}").text
    assert '<section class="panel" id="correct-claim" hidden>' in html
    assert f'data-proposition="{prop.id}"' in html
    assert "/static/corrections.js" in html and "/static/claim.js" in html
    assert TOKEN not in html


@pytest.mark.slow
def test_setting_a_stance_moving_a_source_and_withdrawing_from_the_claim_page(
    browser: Any, fix_app: Any, fix_store: Store
) -> None:
    terminal = _claim(fix_store, "Port authority")
    tanker = _claim(fix_store, "Navy")
    assert terminal.id != tanker.id
    assert {s.source for s in terminal.stances} >= {"Port authority", "Governor Oleh Kiper"}
    with served(fix_app) as url:
        context, pg = new_tab(browser, url, 1366, 900)
        try:
            pg.goto(f"/claims/{terminal.id}")
            form = pg.locator("form#claim-fix")
            assert form.is_visible()
            form.locator("select[name=action]").select_option("stance")
            form.locator("select[name=members]").select_option(label=next(
                o for o in form.locator("select[name=members] option").all_inner_texts()
                if o.startswith("Governor Oleh Kiper")))
            form.locator("select[name=stance]").select_option("denies")
            form.locator("input[name=note]").fill(NOTE)
            form.get_by_role("button", name="Save").click()
            sign_in(pg)
            pg.wait_for_selector("#claim-corrections")
            panel = pg.locator("#claim-corrections")
            assert "Governor Oleh Kiper" in panel.inner_text()
            assert NOTE in panel.inner_text() and pg.locator("#claim-corrections img").count() == 0
            panel.locator("summary").first.click()  # the machine's original, one click away
            assert "read as asserts" in panel.locator("details.machine").first.inner_text()
            [made] = fix_store.list_claim_corrections()[0]
            assert (made.action, made.value, made.author) == ("stance", "denies",
                                                              "Ann <i>Analyst</i>")
            # move the governor into the tanker claim (its address pasted); no token asked
            form.locator("select[name=action]").select_option("move")
            form.locator("select[name=members]").select_option(label=next(
                o for o in form.locator("select[name=members] option").all_inner_texts()
                if o.startswith("Governor Oleh Kiper")))
            form.locator("input[name=into]").fill(f"{url}/claims/{tanker.id}")
            form.get_by_role("button", name="Save").click()
            pg.wait_for_url(f"**/claims/{tanker.id}#claim-corrections")
            assert pg.locator("form#credentials").count() == 0
            assert "Governor Oleh Kiper" in pg.locator("#claim-corrections").inner_text()
            assert any(s.source == "Governor Oleh Kiper" for s in fix_store.get_proposition(
                tanker.id).stances)
            # withdrawn: the governor is back where the machine put him
            moved = next(c for c in fix_store.list_claim_corrections()[0] if c.action == "move")
            pg.locator(f"button.withdraw-claim-fix[data-id='{moved.id}']").first.click()
            pg.wait_for_function(
                "() => !document.body.textContent.includes('withdraw correction "
                f"{moved.id}')")
            assert not any(s.source == "Governor Oleh Kiper"
                           for s in fix_store.get_proposition(tanker.id).stances)
            assert any(s.source == "Governor Oleh Kiper"
                       for s in _claim(fix_store, "Port authority").stances)
            assert pg.problems == []
        finally:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=str(ARTIFACTS / "claim_fix.png"), full_page=True)
            context.close()
