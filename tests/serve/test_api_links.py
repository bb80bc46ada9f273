"""Each list page links to the JSON API's answer for exactly the rows it shows."""

from __future__ import annotations

import re
from typing import Any

import pytest


@pytest.mark.parametrize("page, key", [
    ("/documents?outlet=Baltic+Wire", "id"),
    ("/documents?section=comment", "id"),
    ("/entities?type=PERSON", "key"),
    ("/claims?contested=1", "id"),
])
def test_a_list_page_links_to_its_rows_as_json(client: Any, page: str, key: str) -> None:
    html = client.get(page).text
    found = re.search(r'<a href="(/api/v1/[^"]+)" rel="alternate"', html)
    assert found, page
    url = found.group(1).replace("&amp;", "&")
    answer = client.get(url)
    assert answer.status_code == 200, url
    items = answer.json()["items"]
    assert items, url
    shown = re.findall(r'href="/(?:documents|entities|claims)/([^"?#]+)"', html)
    for item in items:
        assert any(str(item[key]).replace(":", "%3A") in s or str(item[key]) in s
                   for s in shown), (page, item[key])
