"""The review queue page and correcting from the document page: the page lists and
escapes, holds no token, and in Chromium an analyst confirms, rejects and fixes by
keyboard (a refused token said plainly), at a phone's width and a laptop's."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fogwatch.findings import Analysis, Attribution, Document, Mention, Place, TextSpan
from fogwatch.serve.app import create_app
from fogwatch.serve.settings import TOKEN_ENV
from fogwatch.store import Store

from .conftest import ARTIFACTS, TOKEN, new_tab, served, sign_in

HOSTILE_SOURCE = "<script>alert('src')</script> officials"
TEXT = (f"{HOSTILE_SOURCE} said three drones struck a depot in Kharkiv. The army denied "
        "it, a spokesman said. Officials claimed that 40 soldiers were captured.")


def _span(needle: str, occurrence: int = 0) -> TextSpan:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(needle, start + 1)
    return TextSpan(needle, start, start + len(needle))


def _analysis() -> Analysis:
    doc = Document.create(TEXT, url="https://example.org/depot", outlet="Example <b>Post</b>",
                          title="Depot struck", published="2025-11-05")
    kharkiv = _span("Kharkiv")
    return Analysis(doc, attributions=[
        Attribution(cue=_span("said"), content=[_span("three drones struck a depot in Kharkiv")],
                    sentence=0, source=_span(HOSTILE_SOURCE), document=doc.id),
        Attribution(cue=_span("said", 1), content=[_span("The army denied it")], sentence=1,
                    source=_span("a spokesman"), document=doc.id),
        Attribution(cue=_span("claimed"), content=[_span("40 soldiers were captured")],
                    sentence=2, source=_span("Officials"), stance="unconfirmed",
                    document=doc.id),
    ], places=[Place("geo:706483", "Kharkiv", lat=49.98, lon=36.25, country="UA",
                     confidence=0.3, mentions=[Mention("Kharkiv", kharkiv.start, kharkiv.end,
                                                       0, "GPE", "gaz:gpe/kharkiv")])])


@pytest.fixture(scope="module")
def review_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(str(tmp_path_factory.mktemp("review") / "review.sqlite"))
    store.save_analysis(_analysis())
    yield store
    store.close()


@pytest.fixture(scope="module")
def review_app(review_store: Store) -> Iterator[Any]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(TOKEN_ENV, TOKEN)
        yield create_app(review_store, tiles="")


@pytest.fixture(scope="module")
def review_client(review_app: Any) -> TestClient:
    return TestClient(review_app)


# --- the page, server side ---------------------------------------------------------------


def test_the_queue_lists_escapes_and_holds_no_token(review_client: TestClient) -> None:
    r = review_client.get("/review")
    assert r.status_code == 200
    html = r.text
    assert html.count('class="q-item"') == 4  # three unnamed sources, one low score
    assert "<script>alert('src')" not in html and "<b>Post</b>" not in html
    assert "&lt;script&gt;alert(&#39;src&#39;)&lt;/script&gt; officials" in html
    assert TOKEN not in html and "fogwatch-token" not in html
    assert '<a href="/review" aria-current="page">Review</a>' in html
    assert 'data-kind="places"' in html and 'class="score low"' in html
    # the fix form offers the kind's editable fields, choices where it has them
    assert '<select name="stance" data-original="asserted">' in html
    assert 'name="source_entity" value="" data-original=""' in html


def test_the_queue_as_json_and_by_lane(review_client: TestClient) -> None:
    r = review_client.get("/review", params={"format": "json", "lane": "low_confidence"})
    assert r.status_code == 200
    body = r.json()
    assert body["more"] is False and len(body["items"]) == 1
    [place] = body["items"]
    assert (place["kind"], place["idx"], place["confidence"], place["text"]) == (
        "places", 0, 0.3, "Kharkiv")
    assert place["reasons"][0]["lane"] == "low_confidence"
    lanes = review_client.get("/review", params={"format": "json",
                                                 "lane": "unnamed_source"}).json()
    assert sorted(i["idx"] for i in lanes["items"]) == [0, 1, 2]
    details = {i["idx"]: i["reasons"][0]["detail"] for i in lanes["items"]}
    assert details[0] == f"source “{HOSTILE_SOURCE}” is no entity"
    csv = review_client.get("/review", params={"format": "csv", "lane": "unnamed_source"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.splitlines()
    assert lines[0] == "kind,document,idx,text,confidence,why" and len(lines) == 4
    # a threshold under every score empties that lane; nonsense is the default
    assert review_client.get("/review", params={"format": "json", "lane": "low_confidence",
                                                "below": "0.2"}).json()["items"] == []
    assert len(review_client.get("/review", params={"format": "json", "below": "nan"})
               .json()["items"]) == 4


def test_the_document_page_carries_what_a_correction_needs(review_client: TestClient,
                                                          review_store: Store) -> None:
    doc_id = _analysis().document.id
    html = review_client.get(f"/documents/{doc_id}").text
    assert TOKEN not in html and "/static/corrections.js" in html
    data = re.search(r'<script type="application/json" id="findings-data">(.*?)</script>',
                     html, re.S).group(1)
    assert "<script>" not in data  # the hostile source is escaped in the JSON too
    details = json.loads(data)
    assert details["a2"]["ref"] == {"kind": "attributions", "document": doc_id, "idx": 2}
    edit = {e["field"]: e["value"] for e in details["a2"]["edit"]}
    att = review_store.get_analysis(doc_id).attributions[2]
    assert edit == {  # the words as offsets, which the form sends back as they are
        "stance": "unconfirmed", "kind": "indirect", "source_entity": "",
        "source": f"{att.source.start}..{att.source.end}",
        "content": ", ".join(f"{c.start}..{c.end}" for c in att.content)}
    assert details["p0"]["ref"]["kind"] == "places"
    assert "confidence" in dict(details["p0"]["fields"])


# --- in Chromium -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def review_url(review_app: Any) -> Iterator[str]:
    with served(review_app) as url:
        yield url


REFUSED = "Failed to load resource: the server responded with a status of 401"


@pytest.fixture(params=[(1366, 900), (390, 844)], ids=["laptop", "phone"])
def tab(request: pytest.FixtureRequest, browser: Any, review_url: str) -> Iterator[Any]:
    width, height = request.param
    context, pg = new_tab(browser, review_url, width, height)
    yield pg
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        pg.screenshot(path=str(ARTIFACTS / f"review_{request.node.name}.png"), full_page=True)
    finally:
        context.close()


def _fits(pg: Any) -> None:
    """No sideways scrolling, no box over another or spilling its content."""
    from .test_responsive import OVERLAPS

    assert pg.evaluate("document.documentElement.scrollWidth") <= pg.evaluate(
        "window.innerWidth")
    assert pg.evaluate(OVERLAPS, ".q-item, .lanes, .filters, .review-help, .credentials, "
                                 "main > h1, .pager") == []


def _corrections(store: Store, doc_id: str) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = {}
    for c in store.list_corrections(document=doc_id)[0]:
        found.setdefault(c.idx, []).append(c)
    return found


@pytest.mark.slow
def test_confirm_reject_and_fix_by_keyboard(tab: Any, review_store: Store) -> None:
    pg = tab
    doc_id = _analysis().document.id
    for c in review_store.list_corrections(document=doc_id)[0]:  # the other width's
        review_store.withdraw_correction(c.id, by="test")
    pg.goto("/review?lane=unnamed_source")
    items = pg.locator("#queue .q-item")
    assert items.count() == 3
    _fits(pg)
    order = [int(i) for i in items.evaluate_all("els => els.map(e => e.dataset.idx)")]
    assert pg.locator(".q-item.current").get_attribute("data-idx") == str(order[0])

    pg.keyboard.press("?")
    assert pg.locator("#review-help").is_visible()
    pg.keyboard.press("?")

    # a wrong token: refused, said plainly, nothing stored, asked for again
    pg.keyboard.press("c")
    sign_in(pg, "not-the-token")
    status = pg.locator("#review-status")
    pg.wait_for_function("() => document.querySelector('#review-status').textContent")
    assert "refused the token (401)" in status.inner_text()
    assert status.evaluate("e => e.classList.contains('error')")
    assert not _corrections(review_store, doc_id)
    assert "not-the-token" not in pg.content()

    # confirm the first, with the right token (asked once), then reject the next
    pg.keyboard.press("c")
    sign_in(pg, TOKEN)
    first = items.nth(0)
    pg.wait_for_function("() => document.querySelector('#queue .q-item.done')")
    assert "confirmed by Ann <i>Analyst</i>" in first.locator(".q-result").inner_text()
    assert pg.locator(".q-item.current").get_attribute("data-idx") == str(order[1])
    pg.keyboard.press("x")
    pg.wait_for_function("() => document.querySelectorAll('#queue .q-item.done').length == 2")
    assert pg.locator("form#credentials").count() == 0  # the token is kept for the tab

    # fix the third: e opens the form on its first field; Tab to the source's key
    pg.keyboard.press("e")
    fix = items.nth(2).locator("form.q-fix")
    assert fix.is_visible()
    assert pg.evaluate("document.activeElement.name") == "stance"
    pg.keyboard.press("Tab")
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.name") == "source_entity"
    pg.keyboard.type("gaz:org/ukrainian-army")
    pg.keyboard.press("Enter")
    pg.wait_for_function("() => document.querySelectorAll('#queue .q-item.done').length == 3")
    assert "source_entity corrected" in items.nth(2).locator(".q-result").inner_text()
    assert "reload" in status.inner_text()

    made = _corrections(review_store, doc_id)
    assert [c.action for c in made[order[0]]] == ["confirm"]
    assert [c.action for c in made[order[1]]] == ["reject"]
    [fixed] = made[order[2]]
    assert (fixed.action, fixed.field, fixed.value) == ("set", "source_entity",
                                                        "gaz:org/ukrainian-army")
    assert fixed.author == "Ann <i>Analyst</i>"
    # u takes the latest back: the fix is withdrawn, the finding is back in the queue
    pg.keyboard.press("u")
    pg.wait_for_function("() => document.querySelectorAll('#queue .q-item.done').length == 2")
    assert "Withdrawn" in items.nth(2).locator(".q-result").inner_text()
    assert order[2] not in _corrections(review_store, doc_id)
    assert pg.locator(".q-item.current").get_attribute("data-idx") == str(order[2])
    # the store: the two reviewed leave the queue
    pg.goto("/review?lane=unnamed_source")
    assert pg.locator("#queue .q-item").evaluate_all(
        "els => els.map(e => e.dataset.idx)") == [str(order[2])]
    _fits(pg)
    assert [p for p in pg.problems if REFUSED not in p] == []
    assert len([p for p in pg.problems if REFUSED in p]) <= 1


@pytest.mark.slow
def test_correcting_from_the_document_page(tab: Any, review_store: Store) -> None:
    pg = tab
    doc_id = _analysis().document.id
    for c in review_store.list_corrections(document=doc_id)[0]:
        review_store.withdraw_correction(c.id, by="test")
    pg.goto(f"/documents/{doc_id}")
    pg.locator("button.pick[data-pick=a1]").click()
    panel = pg.locator("#details-body")
    panel.get_by_role("button", name="Confirm").click()
    sign_in(pg, TOKEN)
    panel.locator("li.review-confirmed").wait_for()
    assert "confirmed by Ann <i>Analyst</i>" in panel.inner_text()
    panel.get_by_role("button", name="Fix").click()
    form = panel.locator("form.q-fix")
    form.locator("select[name=stance]").select_option("hedged")
    form.locator("input[name=_note]").fill("<script>alert('note')</script>")
    form.get_by_role("button", name="Save").click()
    panel.locator("li.review-corrected").wait_for()
    assert "stance corrected by Ann <i>Analyst</i>: was asserted" in panel.inner_text()
    assert "<script>alert('note')</script>" in panel.locator(".correction-note").inner_text()
    [confirm, fix] = sorted(_corrections(review_store, doc_id)[1], key=lambda c: c.id)
    assert (confirm.action, fix.action, fix.field, fix.value) == ("confirm", "set", "stance",
                                                                  "hedged")
    # reloaded, the page shows what the store has: the note as text, never markup
    pg.reload()
    pg.locator("button.pick[data-pick=a1]").click()
    assert "stance corrected by" in panel.inner_text()
    assert pg.locator("#details-body script").count() == 0
    assert pg.problems == []


def test_the_places_api_carries_the_score_and_hides_low_ones(review_client: TestClient
                                                             ) -> None:
    def scores(**params: str) -> list[float]:
        r = review_client.get("/api/v1/places", params=params)
        assert r.status_code == 200, r.text
        return [i["record"]["confidence"] for i in r.json()["items"]]

    assert scores() == [0.3]
    assert scores(min_confidence="0.2") == [0.3]
    assert scores(min_confidence="0.5") == []
    assert review_client.get("/api/v1/places", params={"min_confidence": "high"}
                             ).status_code == 422


def test_the_map_can_hide_low_scored_places(review_client: TestClient) -> None:
    def names(**params: str) -> list[str]:
        r = review_client.get("/map", params={"format": "json", **params})
        assert r.status_code == 200
        return [p["name"] for p in r.json()["items"]]

    assert names() == ["Kharkiv"]
    assert names(min_confidence="0.3") == ["Kharkiv"]
    assert names(min_confidence="0.5") == []
    assert names(min_confidence="0.42") == ["Kharkiv"]  # not a choice: ignored
    html = review_client.get("/map", params={"min_confidence": "0.5"}).text
    assert '<option value="0.5" selected>at least 0.5</option>' in html
