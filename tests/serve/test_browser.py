"""The workbench in a real browser: Debian's Chromium driven by Playwright against
the app served on loopback. Every test leaves a full-page screenshot behind."""

from __future__ import annotations

import re

import pytest

from .conftest import HOSTILE_TITLE

pytestmark = pytest.mark.slow

PAGES = {
    "Overview": "/",
    "Timeline": "/timeline",
    "Claims": "/claims",
    "Entities": "/entities",
    "Documents": "/documents",
    "Map": "/map",
}


def _clean(page) -> None:
    """No script error and no Content-Security-Policy violation on the page."""
    assert page.problems == []


@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_renders_without_errors(page, name):
    page.goto(PAGES[name])
    current = page.locator('header nav a[aria-current="page"]')
    assert current.inner_text() == name
    assert page.locator("main h1, main .stats").first.is_visible()
    _clean(page)


def test_following_the_navigation(page):
    page.goto("/")
    for name, path in list(PAGES.items())[1:]:
        page.get_by_role("navigation", name="main").get_by_role("link", name=name).click()
        page.wait_for_url(re.compile(re.escape(path) + "$"))
        assert page.locator('header nav a[aria-current="page"]').inner_text() == name
    page.get_by_role("link", name="fogwatch").first.click()
    page.wait_for_url(re.compile(r"/$"))
    _clean(page)


def test_overview_links_into_the_workbench(page):
    page.goto("/")
    page.locator("section.panel table a").first.click()  # a most-active entity
    page.wait_for_url(re.compile(r"/entities/"))
    assert page.get_by_role("heading", name="Mentions").is_visible()
    page.go_back()
    page.get_by_role("link", name="Dnipro death toll rises to 12").click()
    page.wait_for_url(re.compile(r"/documents/\w+$"))
    assert "Dnipro death toll" in page.locator("h1").inner_text()
    _clean(page)


def test_timeline_filters_apply_on_change(page):
    page.goto("/timeline")
    page.select_option("select[name=modality]", "claimed")
    page.wait_for_url(re.compile(r"modality=claimed"))
    assert "category=" not in page.url  # empty fields are left out of the address
    entries = page.locator("li.entry.event")
    assert entries.count() > 0
    assert set(entries.evaluate_all("els => els.map(e => e.dataset.modality)")) == {"claimed"}
    assert page.locator("li.entry.claim").count() == 0
    # Claimed events look different from ones that happened.
    claimed = entries.first.evaluate("e => getComputedStyle(e).borderTopStyle")
    page.select_option("select[name=modality]", "happened")
    page.wait_for_url(re.compile(r"modality=happened"))
    happened = page.locator("li.entry.event").first.evaluate(
        "e => getComputedStyle(e).borderTopStyle"
    )
    assert claimed == "dashed" and happened == "solid"
    page.select_option("select[name=category]", "ASSAULT")
    page.wait_for_url(re.compile(r"category=ASSAULT"))
    cats = page.locator("li.entry .cat").all_inner_texts()
    assert cats and set(cats) == {"ASSAULT"}
    page.get_by_role("link", name="reset").click()
    page.wait_for_url(re.compile(r"/timeline$"))
    _clean(page)


def test_timeline_reports_expand_and_link_to_documents(page):
    page.goto("/timeline?show=events")
    details = page.locator("details.reports").first
    details.locator("summary").click()
    link = details.locator("a.quote").first
    assert link.is_visible()
    link.click()
    page.wait_for_url(re.compile(r"/documents/"))
    assert page.locator("#doc-text").is_visible()
    _clean(page)


def test_document_highlights_show_details_on_hover_and_click(page):
    page.goto("/documents")
    page.get_by_role("link", name="Dnipro death toll rises to 12").click()
    page.wait_for_url(re.compile(r"/documents/\w+$"))
    text = page.locator("#doc-text")
    for kind in ("entity", "time", "cue", "event", "quantity", "place"):
        assert text.locator(f".hl.k-{kind}").count() > 0, kind

    place = text.locator(".hl.k-place").first
    place.hover()
    panel = page.locator("#details-body")
    assert panel.locator(".finding-kind").first.inner_text().lower() == "place"
    assert "coordinates" in panel.inner_text()
    assert place.evaluate("e => e.classList.contains('active')")

    quantity = text.locator(".hl.k-quantity").first
    quantity.click()
    assert page.locator("#details").evaluate("e => e.classList.contains('pinned')")
    pinned = panel.inner_text()
    assert "value" in pinned
    # Pinned: hovering elsewhere leaves the panel alone until Escape.
    text.locator(".hl.k-place").last.hover()
    assert panel.inner_text() == pinned
    page.keyboard.press("Escape")
    assert panel.inner_text() == ""

    # The side list picks an attribution and shows who says what.
    page.locator("button.pick[data-pick^=a]").first.click()
    assert "attribution" in panel.locator(".finding-kind").first.inner_text().lower()
    assert "reporter's stance" in panel.inner_text()
    _clean(page)


def test_document_kind_toggles_switch_highlights_off(page):
    page.goto("/documents")
    page.get_by_role("link", name="Dnipro death toll rises to 12").click()
    entity = page.locator("#doc-text .hl.k-entity").first
    before = entity.evaluate("e => getComputedStyle(e).borderBottomColor")
    page.locator("input[data-kind=entity]").uncheck()
    after = entity.evaluate("e => getComputedStyle(e).borderBottomColor")
    assert before != after and after in ("rgba(0, 0, 0, 0)", "transparent")
    _clean(page)


def test_reader_comments_sit_apart_from_the_article(page):
    page.goto("/documents?section=comment")
    page.locator("table.docs tbody a").first.click()
    page.wait_for_url(re.compile(r"/documents/\w+$"))
    parent = page.locator(".doc-head a").first
    parent.click()
    page.wait_for_url(re.compile(r"/documents/\w+$"))
    comments = page.get_by_role("region", name="reader comments")
    assert comments.is_visible()
    assert comments.locator(".comment").count() >= 1
    assert page.locator("#doc-text .comment").count() == 0
    _clean(page)


def test_linked_passage_is_marked_and_explained(page):
    page.goto("/entities/gaz:place/pokrovsk")
    page.locator("table.mentions td a").first.click()
    page.wait_for_url(re.compile(r"mark=\d+-\d+"))
    mark = page.locator("#mark")
    assert mark.is_visible() and "Pokrovsk" in mark.inner_text()
    assert page.locator("#details").evaluate("e => e.classList.contains('pinned')")
    assert "Pokrovsk" in page.locator("#details-body").inner_text()
    _clean(page)


def test_claim_board_shows_stances_and_expands(page):
    page.goto("/claims")
    card = page.locator("article.claim-card.contested").first
    assert card.locator(".stance.st-asserts").count() > 0
    assert card.locator(".stance.st-denies").count() > 0 or page.locator(
        "article.claim-card.contested .stance.st-denies").count() > 0
    assert card.locator("svg.strip circle").count() > 0
    more = page.locator("details.more-stances").first
    if more.count():
        more.locator("summary").click()
        assert more.locator("ol.stances li").first.is_visible()
    page.check("input[name=contested]")
    page.wait_for_url(re.compile(r"contested=1"))
    cards = page.locator("article.claim-card")
    assert cards.count() > 0 and cards.count() == page.locator("article.claim-card.contested").count()
    cards.first.locator("h2 a").click()
    page.wait_for_url(re.compile(r"/claims/[^/?]+$"))
    assert page.locator("article.claim-card").count() == 1
    assert page.locator("details.more-stances").count() == 0  # every stance shown
    _clean(page)


def test_search_from_the_top_bar(page):
    page.goto("/")
    box = page.get_by_role("searchbox", name="Search")
    box.fill("Pokrovsk")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=Pokrovsk"))
    assert page.locator("ol.hits li").count() > 0
    assert page.locator("ol.hits mark").first.inner_text().lower() == "pokrovsk"
    page.locator("ol.hits a").first.click()
    page.wait_for_url(re.compile(r"/documents/"))
    _clean(page)


def test_hostile_title_is_inert(page, hostile_id):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto("/documents")
    assert page.get_by_role("link", name=HOSTILE_TITLE).is_visible()
    page.goto(f"/documents/{hostile_id}")
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    assert page.locator("#doc-text img").count() == 0
    assert dialogs == []
    _clean(page)


def test_map_shows_markers_without_tiles(page):
    page.goto("/map")
    page.wait_for_selector("#map[data-markers]")
    markers = page.locator("#map path.place-marker")
    assert markers.count() > 5
    assert int(page.locator("#map").get_attribute("data-markers")) == markers.count()
    assert page.locator("#map img.leaflet-tile").count() == 0  # no tile server configured
    # the country outlines that ship with fogwatch, beneath the markers
    page.wait_for_selector("#map[data-outlines-drawn]")
    assert int(page.locator("#map").get_attribute("data-outlines-drawn")) > 150
    assert page.locator("#map .leaflet-outlines-pane path").count() > 150
    assert page.locator(".map-legend").inner_text().count("events reported there") == 1
    markers.first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "article" in popup.inner_text()
    popup.get_by_role("link", name="timeline").click()
    page.wait_for_url(re.compile(r"/timeline\?place="))
    _clean(page)


def test_map_keeps_markers_when_tiles_fail(browser, demo_store, tmp_path):
    """A tile server that cannot be reached leaves the markers in place, over the
    country outlines."""
    from fogwatch.serve.app import create_app

    from .conftest import ARTIFACTS, _free_port, served

    dead = _free_port()  # nothing listens there
    app = create_app(demo_store, tiles=f"http://127.0.0.1:{dead}/{{z}}/{{x}}/{{y}}.png")
    with served(app) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        pg = context.new_page()
        pg.goto(f"{url}/map")
        pg.wait_for_selector("#map[data-markers]")
        assert pg.locator("#map img.leaflet-tile").count() > 0  # tiles were asked for
        assert pg.locator("#map path.place-marker").count() > 5
        # tiles that fail to load bring the shipped outlines in
        pg.wait_for_selector("#map[data-outlines-drawn]")
        assert pg.locator("#map .leaflet-outlines-pane path").count() > 150
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / "test_map_keeps_markers_when_tiles_fail.png"),
                      full_page=True)
        context.close()
