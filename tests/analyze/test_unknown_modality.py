"""The modality "unknown" (the text gives no evidence either way) in every layer that
shows or counts modalities: the record's kind, the merged events, the web app's
label and the brief."""

from __future__ import annotations

from collections import Counter

import pytest

from fogwatch.findings import Analysis, Document, Event, TextSpan, modality_label
from fogwatch.kinds.events import EVENTS, MODALITIES
from fogwatch.kinds.spec import View
from fogwatch.reconcile.events import merged_modality


def test_the_kind_filters_and_edits_it() -> None:
    assert "unknown" in MODALITIES
    modality_filter = next(f for f in EVENTS.filters if f.name == "modality")
    assert "unknown" in modality_filter.choices
    assert EVENTS.editable["modality"]("unknown") == "unknown"


def test_readers_see_unclear() -> None:
    assert modality_label("unknown") == "unclear"
    assert modality_label("claimed") == "claimed"
    text = "The shelling of the port worried shipping firms."
    e = Event(trigger=TextSpan("shelling", 4, 12), type="ASSAULT", sentence=0,
              modality="unknown")
    analysis = Analysis(document=Document.create(text, published="2025-11-10"), events=[e])
    details = EVENTS.details(e, View(analysis=analysis, names={}, place_names={}))
    assert ["modality", "unclear"] in details["fields"]


def test_the_web_apps_badge_says_unclear_and_keeps_the_stored_value_as_its_class() -> None:
    pytest.importorskip("jinja2")
    from fogwatch.serve.rendering import MODALITIES as SERVED
    from fogwatch.serve.rendering import templates

    assert "unknown" in SERVED
    macro = templates.env.from_string(
        '{% import "_macros.html" as m %}{{ m.modality("unknown") }} {{ m.modality("denied") }}')
    html = macro.render()
    assert '<span class="modality mo-unknown">unclear</span>' in html
    assert '<span class="modality mo-denied">denied</span>' in html


@pytest.mark.parametrize(("reports", "expected"), [
    (["unknown", "unknown", "happened"], "happened"),
    (["unknown", "unknown", "claimed"], "claimed"),  # a report that says more wins
    (["unknown", "planned", "planned", "claimed"], "planned"),
    (["unknown", "unknown"], "unknown"),
])
def test_a_merged_event_is_unknown_only_when_no_report_says_more(reports: list[str],
                                                                 expected: str) -> None:
    assert merged_modality(Counter(reports)) == expected
