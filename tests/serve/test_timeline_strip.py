"""The timeline's strip counts every item the filters select, not one page's."""

from __future__ import annotations

import re

import pytest


def _dated_entries(client, params: dict[str, str]) -> tuple[int, int, int]:
    """(dated entries over every page, pages, the strip's own count)."""
    first = client.get("/timeline", params=params).text
    strip = re.search(r'<svg class="axis"[^>]*data-items="(\d+)"', first)
    pages = int(re.search(r"page 1 / (\d+)", first).group(1))
    dated = 0
    for n in range(1, pages + 1):
        text = first if n == 1 else client.get("/timeline", params={**params, "page": n}).text
        for day in text.split('<li class="day">')[1:]:
            if 'class="day-head undated"' not in day:
                dated += day.count('<li class="entry')
    return dated, pages, int(strip.group(1)) if strip else 0


@pytest.mark.parametrize("params", [
    {}, {"modality": "claimed"}, {"show": "claims"},
    {"since": "2025-11-03", "until": "2025-11-09"}, {"entity": "gaz:place/dnipro"},
])
def test_strip_covers_every_page(client, params):
    dated, pages, counted = _dated_entries(client, params)
    assert dated and counted == dated
    if not params:
        assert pages > 1  # the demo's timeline runs over several pages


def test_strip_spans_the_chosen_range(client):
    text = client.get("/timeline", params={"since": "2025-11-01", "until": "2025-11-30"}).text
    label = re.search(r'<svg class="axis"[^>]*aria-label="([^"]+)"', text).group(1)
    assert "from 2025-11-01 to 2025-11-30" in label
    # The strip shades the days the page's own items fall on.
    assert 'class="axis-band"' in text


def test_events_show_their_dating_and_undated_ones_come_apart(client):
    first = client.get("/timeline", params={"show": "events"}).text
    pages = int(re.search(r"page 1 / (\d+)", first).group(1))
    last = client.get("/timeline", params={"show": "events", "page": pages}).text
    assert 'data-precision="day"' in first
    assert "Undated: the text gives no date" in last
    undated = last.split('class="day-head undated"')[1]
    assert "undated, reported on " in undated
    assert 'data-precision="undated"' in undated
