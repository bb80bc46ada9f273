"""A plain text with one paragraph a line reads as paragraphs on its page: a lone
line break opens a gap as a blank line does, while the page's text stays the
document's, character for character (selections are counted in it)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fogwatch.findings import Analysis, Entity, Mention
from fogwatch.ingest import iter_sources
from fogwatch.serve.app import create_app
from fogwatch.store import Store

from .conftest import ARTIFACTS, new_tab, served

LINES = [
    "Kharkiv night raid damages substation",
    "Drones hit a substation outside Kharkiv overnight, the regional governor said.",
    "Two workers were hurt, and crews had restored power to most homes by morning.",
    "The ministry in Moscow said its forces had struck energy sites used by the army.",
]
SPACED = "A first paragraph that stands alone.\n\nA second one after a blank line."


@pytest.fixture(scope="module")
def para_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("paragraphs")
    (folder / "lines.txt").write_text("\n".join(LINES) + "\n", encoding="utf-8")
    (folder / "spaced.txt").write_text(SPACED + "\n", encoding="utf-8")
    store = Store.open(str(folder / "p.sqlite"))
    for path in ("lines.txt", "spaced.txt"):
        [item] = iter_sources([str(folder / path)])
        [doc] = item.documents
        if path == "lines.txt":
            # a highlight that runs over a line break splits nothing and adds nothing
            text = doc.text
            start = text.index("substation\nDrones")
            name = "auto:ORG/substation-drones"
            store.save_analysis(Analysis(doc, entities=[Entity(
                name, "substation Drones", "ORG", aliases=["substation Drones"],
                mentions=[Mention("substation\nDrones", start, start + 17, 0, "ORG", name,
                                  document=doc.id)])]))
        else:
            store.add_document(doc)
    yield store
    store.close()


@pytest.fixture(scope="module")
def para_app(para_store: Store) -> Any:
    return create_app(para_store, tiles="")


def _doc(store: Store, first_words: str) -> Any:
    return next(d for d in store.documents() if d.text.startswith(first_words))


def _article(page: str) -> str:
    return page.split('id="doc-text"', 1)[1].split(">", 1)[1].split("</article>", 1)[0]


def test_a_lone_line_break_marks_a_paragraph_and_adds_no_character(para_app, para_store):
    doc = _doc(para_store, LINES[0])
    assert doc.text == "\n".join(LINES)
    with TestClient(para_app) as client:
        article = _article(client.get(f"/documents/{doc.id}").text)
    assert article.count('<span class="para-break">\n</span>') == len(LINES) - 1
    assert html.unescape(re.sub(r"<[^>]+>", "", article)) == doc.text
    # the break inside the highlighted name is marked there, inside its span
    assert re.search(r'<span class="hl [^"]*"[^>]*>substation<span class="para-break">\n'
                     r'</span>Drones</span>', article)


def test_a_blank_line_is_left_as_it_is(para_app, para_store):
    doc = _doc(para_store, "A first paragraph")
    with TestClient(para_app) as client:
        article = _article(client.get(f"/documents/{doc.id}").text)
    assert "para-break" not in article
    assert html.unescape(re.sub(r"<[^>]+>", "", article)) == SPACED


@pytest.mark.slow
def test_the_paragraphs_stand_apart_in_a_browser(browser, para_app, para_store):
    doc = _doc(para_store, LINES[0])
    with served(para_app) as url:
        context, pg = new_tab(browser, url, 390, 844)
        try:
            pg.goto(f"/documents/{doc.id}")
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=str(ARTIFACTS / "paragraphs_390.png"), full_page=True)
            assert pg.locator("#doc-text").evaluate("e => e.textContent") == doc.text
            # each lone break is a gap of its own height, not a bare line wrap
            breaks = pg.locator("#doc-text .para-break").evaluate_all(
                "els => els.map(e => e.getBoundingClientRect().height)")
            assert len(breaks) == len(LINES) - 1 and min(breaks) >= 10, breaks
            assert pg.problems == []
        finally:
            context.close()
