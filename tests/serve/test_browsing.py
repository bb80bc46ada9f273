"""Datasette-style browsing of the list pages: the CSV and JSON of exactly the rows
shown, sortable columns, and facet counts that equal the filtered totals."""

from __future__ import annotations

import csv
import html
import io
import re
from typing import Any

import pytest

from fogwatch.findings import Document, document_id
from fogwatch.serve.browsing import csv_cell
from fogwatch.store import Store

LISTS = ["/documents", "/documents?section=all&outlet=Baltic+Wire", "/entities?type=GPE",
         "/entities?sort=name&page=2", "/claims", "/claims?sort=first_seen&page=2"]


def _rows(client: Any, url: str, fmt: str) -> Any:
    sep = "&" if "?" in url else "?"
    r = client.get(f"{url}{sep}format={fmt}")
    assert r.status_code == 200, url
    if fmt == "csv":
        assert r.headers["content-type"].startswith("text/csv")
        assert r.headers["content-disposition"].startswith("attachment")
        return list(csv.DictReader(io.StringIO(r.text)))
    return r.json()


def _links(page_html: str, kind: str) -> list[str]:
    """Ids linked from the page's list, in order (an id once)."""
    found = re.findall(rf'href="/{kind}/([^"?#]+)"', page_html)
    return list(dict.fromkeys(html.unescape(f) for f in found))


@pytest.mark.parametrize("url", LISTS)
def test_csv_and_json_hold_exactly_the_rows_shown(client: Any, url: str) -> None:
    from urllib.parse import unquote

    page = client.get(url).text
    kind, key = url.split("?")[0].strip("/"), "key" if url.startswith("/entities") else "id"
    shown = [unquote(x) for x in _links(page, kind)]
    rows = _rows(client, url, "csv")
    assert rows, url
    assert [r[key] for r in rows] == shown[:len(rows)] and len(rows) == len(
        [s for s in shown if s in {r[key] for r in rows}]), url
    data = _rows(client, url, "json")
    assert [item[key] for item in data["items"]] == [r[key] for r in rows]
    total = int(re.search(r"of ([\d,]+)</span>", page).group(1).replace(",", ""))
    assert data["total"] == total


@pytest.mark.parametrize("url", ["/documents?section=all", "/entities", "/claims", "/map"])
def test_no_column_of_a_list_is_empty_in_every_row(client: Any, url: str) -> None:
    """A column no row of a whole list's first page fills says nothing (the claims'
    category did: no claim has one)."""
    rows = _rows(client, url, "csv")
    assert rows, url
    assert [k for k in rows[0] if all(not r[k] for r in rows)] == [], url


def test_every_list_page_links_to_its_csv_and_json(client: Any) -> None:
    for url in ("/documents?outlet=Baltic+Wire", "/entities?type=PERSON", "/claims", "/map"):
        page = client.get(url).text
        csv_link = re.search(r'<a href="([^"]+)" type="text/csv"', page)
        json_link = re.search(r'<a href="([^"]+format=json[^"]*)"', page)
        assert csv_link and json_link, url
        assert client.get(html.unescape(csv_link.group(1))).status_code == 200
        assert client.get(html.unescape(json_link.group(1))).json()["items"]


def test_csv_cells_cannot_run_as_formulas() -> None:
    assert csv_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    for text in ("+1", "-2+3", "@SUM(A1)", "\tx"):
        assert csv_cell(text) == "'" + text
    assert csv_cell("Kharkiv") == "Kharkiv"
    assert csv_cell(None) == ""
    assert csv_cell(3) == "3"


def test_a_hostile_title_is_escaped_in_the_csv(tmp_path: Any) -> None:
    from fastapi.testclient import TestClient

    from fogwatch.serve.app import create_app

    store = Store.open(str(tmp_path / "f.sqlite"))
    titles = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "@SUM(1,2)",
              "-1 killed", "Plain, with a comma"]
    for i, title in enumerate(titles):
        text = f"Report {i} on the front."
        store.add_document(Document(id=document_id(text), text=text, title=title,
                                    outlet="=Outlet", published=f"2025-01-0{i + 1}"))
    with TestClient(create_app(store, tiles="")) as client:
        rows = _rows(client, "/documents", "csv")
    store.close()
    got = {r["title"] for r in rows}
    assert got == {"'" + t if t[0] in "=+-@" else t for t in titles}
    assert {r["outlet"] for r in rows} == {"'=Outlet"}


# --- sorting ---------------------------------------------------------------------------


def _column(client: Any, url: str, name: str) -> list[Any]:
    return [item[name] for item in _rows(client, url, "json")["items"]]


def test_documents_sort_by_title_and_outlet_both_ways(client: Any) -> None:
    default = _column(client, "/documents?section=all", "id")
    up = _column(client, "/documents?section=all&sort=title", "title")
    down = _column(client, "/documents?section=all&sort=-title", "title")
    titled = [t for t in up if t]
    assert titled == sorted(titled) and up != down
    assert [t for t in down if t] == sorted(titled, reverse=True)[:len([t for t in down if t])]
    outlets = [o for o in _column(client, "/documents?sort=outlet", "outlet") if o]
    assert outlets == sorted(outlets)
    assert _column(client, "/documents?section=all&sort=date", "id") != default
    assert _column(client, "/documents?section=all&sort=-date", "id") == default


def test_entities_sort_by_name_type_and_documents(client: Any) -> None:
    names = _column(client, "/entities?sort=name", "name")
    assert names == sorted(names)
    docs = _column(client, "/entities?sort=-documents", "documents")
    assert docs == sorted(docs, reverse=True)
    types = _column(client, "/entities?sort=type", "type")
    assert types == sorted(types)
    assert _column(client, "/entities", "key") != _column(client, "/entities?sort=name", "key")


def test_claims_sort_by_first_seen_and_sources(client: Any) -> None:
    first = [d for d in _column(client, "/claims?sort=first_seen", "first_seen") if d]
    assert first == sorted(first) and first
    latest = [d for d in _column(client, "/claims?sort=-last_seen", "last_seen") if d]
    assert latest == sorted(latest, reverse=True)
    page = client.get("/claims?sort=-sources").text
    assert re.search(r'aria-sort="descending"[^>]*>sources', page)


@pytest.mark.parametrize("bad", ["id", "title; DROP TABLE documents", "-", "published_date",
                                 "1=1", "outlet desc"])
def test_an_unknown_sort_is_ignored(client: Any, bad: str) -> None:
    from urllib.parse import quote

    for path, key in (("/documents", "id"), ("/entities", "key"), ("/claims", "id")):
        r = client.get(f"{path}?sort={quote(bad)}")
        assert r.status_code == 200
        assert _column(client, f"{path}?sort={quote(bad)}", key) == _column(client, path, key)


def test_sorted_headers_say_so_and_link_the_other_way(client: Any) -> None:
    page = client.get("/entities?sort=name").text
    th = re.search(r'<th aria-sort="ascending"><a class="sort" href="([^"]+)">entity', page)
    assert th, "the sorted column says it is sorted"
    assert "sort=-name" in html.unescape(th.group(1))
    assert page.count('aria-sort="none"') == 3
    # the filters stay when the order changes, and the order when a filter is set
    page = client.get("/entities?type=GPE&sort=name").text
    assert "type=GPE" in html.unescape(re.search(r'href="([^"]*sort=-mentions[^"]*)"', page)
                                       .group(1))
    assert 'name="sort" value="name"' in page


# --- facets ----------------------------------------------------------------------------


def _facets(page_html: str, chosen: bool = False) -> list[tuple[str, str, int]]:
    """(link, label, count) of the facet values offered (or, with ``chosen``, of
    those already chosen)."""
    section = re.search(r'<section class="facets".*?</section>', page_html, re.S)
    if not section:
        return []
    return [(html.unescape(url), label, int(n.replace(",", "")))
            for cls, url, label, n in re.findall(
                r'<li( class="chosen")?><a href="([^"]+)"[^>]*>([^<]+)</a> '
                r'<span class="n">([\d,]+)</span>', section.group(0))
            if bool(cls) == chosen]


@pytest.mark.parametrize("url, names", [
    ("/documents", {"Outlet", "Month published", "Section"}),
    ("/documents?section=all&since=2025-01-01", {"Outlet", "Month published"}),
    ("/entities", {"Type"}),
    ("/entities?q=ukr", {"Type"}),
    ("/claims", {"Outlet with a stance", "Month spoken to"}),
    ("/claims?contested=1", {"Outlet with a stance"}),
])
def test_facet_counts_equal_the_totals_they_lead_to(client: Any, url: str, names: set[str]
                                                     ) -> None:
    page = client.get(url).text
    for name in names:
        assert f"<h2>{name}</h2>" in page, (url, name)
    facets = _facets(page)
    assert facets, url
    for link, label, n in facets:
        narrowed = _rows(client, link, "json")
        assert narrowed["total"] == n, (url, link, label)


def test_a_chosen_facet_links_back_to_the_list_without_it(client: Any) -> None:
    page = client.get("/documents?outlet=Baltic+Wire").text
    chosen = {label: (link, n) for link, label, n in _facets(page, chosen=True)}
    assert set(chosen) == {"Baltic Wire", "articles"}  # the outlet, and the default section
    link, n = chosen["Baltic Wire"]
    assert "outlet=" not in link
    assert n == _rows(client, "/documents?outlet=Baltic+Wire", "json")["total"]


def test_facets_are_escaped(client: Any) -> None:
    page = client.get("/documents").text
    assert "<i>Evil Gazette</i>" not in page
    assert any(label == "&lt;i&gt;Evil Gazette&lt;/i&gt;" for _, label, _ in _facets(page))
