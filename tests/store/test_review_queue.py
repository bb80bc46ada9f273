"""The review queue: each lane lists the unreviewed findings it is about, with why;
a reviewed finding leaves it; pages are bounded and seamless. SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from fogwatch.findings import Analysis, Attribution, Document
from fogwatch.reconcile import reconcile_analysis
from fogwatch.store import Store, browse
from fogwatch.store.browse.review import MAX_OFFSET, lane_counts, review_queue

from .conftest import full_analysis, span


def _keys(items) -> list[tuple[str, int]]:
    return [(it.kind, it.idx) for it in items]


@pytest.fixture
def reconciled(store: Store, article: Document) -> str:
    analysis = full_analysis(article)
    store.save_analysis(analysis)
    reconcile_analysis(store, analysis)
    return article.id


def _unnamed(n: int) -> Analysis:
    """An article of its own with two attributions whose source is no entity."""
    text = (f"Officials in district {n} said the bridge was hit twice. "
            f"The bridge was closed, it was reported on day {n}.")
    doc = Document.create(text, url=f"https://example.org/bridge/{n}", outlet="example.org",
                          title=f"Bridge {n}", published=f"2025-11-{n + 1:02d}")
    return Analysis(doc, attributions=[
        Attribution(cue=span(text, "said"), content=[span(text, "the bridge was hit twice")],
                    sentence=0, source=span(text, f"Officials in district {n}"),
                    document=doc.id),
        Attribution(cue=span(text, "it was reported"),
                    content=[span(text, "The bridge was closed")], sentence=1, document=doc.id),
    ])


def test_each_lane_lists_its_findings_and_why(store: Store, reconciled: str) -> None:
    # the place's score (0.9) is low only under a higher threshold
    assert review_queue(store, lane="low_confidence")[0] == []
    low, more = review_queue(store, lane="low_confidence", below=0.95)
    assert _keys(low) == [("places", 0)] and not more
    assert low[0].reasons[0].detail == "confidence 0.90"
    # every source here is an entity
    assert review_queue(store, lane="unnamed_source")[0] == []
    # Syrskyi's denial: the reporter's stance says refuted, the article only reports it
    voice, _ = review_queue(store, lane="outlet_voice")
    assert _keys(voice) == [("attributions", 1)]
    assert "only reports" in voice[0].reasons[0].detail
    assert "refuted" in voice[0].reasons[0].detail
    assert voice[0].reasons[0].proposition
    # each claim has one article and one speaker: the attribution it rests on
    one, _ = review_queue(store, lane="one_source")
    assert sorted(_keys(one)) == [("attributions", 0), ("attributions", 1), ("attributions", 2)]
    assert all(it.reasons[0].detail.startswith("the only source of") for it in one)
    # all lanes in turn: each finding once, with every reason it has
    mixed, _ = review_queue(store, below=0.95)
    assert len(_keys(mixed)) == len(set(_keys(mixed))) == 4
    both = next(it for it in mixed if (it.kind, it.idx) == ("attributions", 1))
    assert {r.lane for r in both.reasons} == {"outlet_voice", "one_source"}
    assert lane_counts(store, below=0.95) == {"low_confidence": 1, "unnamed_source": 0,
                                              "outlet_voice": 1, "one_source": 3}


def test_an_item_shows_its_words_in_their_sentence(store: Store, reconciled: str,
                                                   article: Document) -> None:
    [place] = review_queue(store, lane="low_confidence", below=0.95)[0]
    assert place.document.id == article.id and place.document.outlet == "example.org"
    assert place.words == "Pokrovsk" == article.text[place.start:place.end]
    assert place.before == "Russian forces pressed their assault on "
    assert place.after == " on Sunday, the Ukrainian General Staff said."
    assert place.data["confidence"] == 0.9


def test_a_reviewed_finding_leaves_the_queue(store: Store, reconciled: str) -> None:
    store.add_correction("attributions", reconciled, 1, "confirm", author="Ann")
    store.add_correction("attributions", reconciled, 0, "set", field="stance",
                         value="hedged", author="Ann")
    store.add_correction("places", reconciled, 0, "reject", author="Ann")
    assert review_queue(store, lane="outlet_voice")[0] == []
    assert _keys(review_queue(store, lane="one_source")[0]) == [("attributions", 2)]
    assert review_queue(store, lane="low_confidence", below=0.95)[0] == []
    # withdrawn, the confirmation no longer keeps it out
    confirmed = store.list_corrections(kind="attributions")[0][-1]
    assert confirmed.action == "confirm"
    store.withdraw_correction(confirmed.id, by="Ann")
    assert _keys(review_queue(store, lane="outlet_voice")[0]) == [("attributions", 1)]


def test_pages_are_seamless_and_say_whether_more_follow(store: Store) -> None:
    for n in range(7):
        store.save_analysis(_unnamed(n))
    pages, offset = [], 0
    while True:
        items, more = review_queue(store, lane="unnamed_source", limit=5, offset=offset)
        pages.append(_keys(items))
        offset += 5
        if not more:
            break
    assert [len(p) for p in pages] == [5, 5, 4]
    seen = [(it.document.id, it.idx) for n in range(0, 15, 5)
            for it in review_queue(store, lane="unnamed_source", limit=5, offset=n)[0]]
    assert len(seen) == len(set(seen)) == 14
    whole, more = review_queue(store, limit=100)
    assert not more and [(it.document.id, it.idx) for it in whole] == seen
    # a source written but not resolved, or none at all
    assert all(it.reasons[0].detail.startswith("source “Officials in district")
               for it in whole if it.idx == 0)
    assert {it.reasons[0].detail for it in whole if it.idx == 1} == {"unnamed source"}
    assert lane_counts(store, cap=10)["unnamed_source"] == 10


def test_unknown_lanes_and_deep_pages_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown review lane"):
        review_queue(store, lane="everything")
    with pytest.raises(ValueError, match="first pages"):
        review_queue(store, offset=MAX_OFFSET + 1)


def test_min_confidence_hides_low_scores_and_keeps_unscored(store: Store,
                                                          article: Document) -> None:
    analysis = full_analysis(article)
    unscored = analysis.places[0].__class__(
        "geo:703448", "Kyiv", lat=50.45, lon=30.52, country="UA", confidence=None,
        mentions=[analysis.entities[0].mentions[0].__class__(
            "Kyiv", 0, 4, 0, "GPE", "gaz:gpe/kyiv", document=article.id)])
    analysis.places.append(unscored)
    store.save_analysis(analysis)

    def keys(**filters: str) -> list[str]:
        rows, total = browse.list_findings(store, "places", filters)
        assert total == len(rows)
        return sorted(r.data["key"] for r in rows)

    assert keys() == ["geo:703448", "geonames:706884"]
    assert keys(min_confidence="0.9") == ["geo:703448", "geonames:706884"]
    assert keys(min_confidence="0.95") == ["geo:703448"]


def test_the_map_leaves_out_rejected_and_low_scored_places(store: Store,
                                                          reconciled: str) -> None:
    def shown(**kw: float) -> list[tuple[str, int]]:
        return [(p.key, p.events) for p in browse.map_places(store, **kw)]

    assert shown() == [("geonames:706884", 1)]
    assert shown(min_confidence=0.9) == [("geonames:706884", 1)]
    assert shown(min_confidence=0.95) == []
    store.add_correction("events", reconciled, 0, "reject", author="Ann")
    assert shown() == [("geonames:706884", 0)]  # the rejected assault happens nowhere
    store.add_correction("places", reconciled, 0, "reject", author="Ann")
    assert shown() == []


def test_the_queue_from_the_command_line(store: Store, reconciled: str) -> None:
    import json

    from typer.testing import CliRunner

    from fogwatch.cli import app as cli

    def run(*args: str) -> Any:
        return CliRunner().invoke(cli, ["corrections", "queue", "--db", store.url, *args])

    result = run("--lane", "outlet_voice", "--json")
    assert result.exit_code == 0, result.output
    [item] = json.loads(result.stdout)["items"]
    assert (item["kind"], item["document"], item["idx"]) == ("attributions", reconciled, 1)
    assert item["reasons"][0]["lane"] == "outlet_voice"
    listed = run("--lane", "one_source", "--limit", "2", "--json")
    assert json.loads(listed.stdout)["more"] is True
    shown = run("--below", "0.95")
    assert shown.exit_code == 0 and "low confidence" in shown.output
    assert run("--lane", "nothing").exit_code == 2


def test_rejected_findings_leave_the_entity_page_and_the_counts(store: Store,
                                                               reconciled: str) -> None:
    def events_of_pokrovsk() -> list[int]:
        return [r.idx for r in browse.entity_events(store, "gaz:gpe/pokrovsk")]

    assert events_of_pokrovsk() == [0]  # the assault on it
    assert browse.finding_counts(store, [reconciled])[reconciled]["events"] == 2
    store.add_correction("events", reconciled, 0, "reject", author="Ann")
    store.add_correction("attributions", reconciled, 2, "reject", author="Ann")
    assert events_of_pokrovsk() == []
    counts = browse.finding_counts(store, [reconciled])[reconciled]
    assert (counts["events"], counts["attributions"]) == (1, 2)
