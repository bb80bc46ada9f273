"""Merged events take their dates from the text, and only reports whose times
overlap are one event."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fogwatch.findings import Analysis, Document, Entity, Event, TextSpan, Time
from fogwatch.reconcile import reconcile_analysis
from fogwatch.store import Store

ENVOY, MINISTER = "auto:PERSON/envoy-ilves", "auto:PERSON/minister-kaarna"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'fogwatch.sqlite'}") as opened:
        yield opened


def meeting(text: str, published: str, when: str | None, value: str | None = None,
            interval: tuple[str, str] | None = None) -> Analysis:
    """A one-sentence article: Envoy Ilves met Minister Kaarna (``when``: the
    words that date it, if any)."""
    doc = Document.create(text, published=published, outlet="Harbour Post")
    at = text.index("met")
    event = Event(TextSpan("met", at, at + 3), "CONSULT", 0, actors=[ENVOY],
                  targets=[MINISTER])
    times = []
    if when is not None and value is not None:
        k = text.index(when)
        times.append(Time(when, k, k + len(when), 0, "DATE", value,
                          interval=interval or (value, value)))
        event.time, event.time_value = 0, value
    entities = [Entity(ENVOY, "Envoy Ilves", "PERSON"), Entity(MINISTER, "Minister Kaarna",
                                                               "PERSON")]
    return Analysis(doc, entities=entities, times=times, events=[event])


def add(store: Store, analysis: Analysis) -> None:
    store.save_analysis(analysis)
    reconcile_analysis(store, analysis)


def test_two_meetings_a_week_apart_stay_apart(store: Store) -> None:
    add(store, meeting("On Tuesday Envoy Ilves met Minister Kaarna in private.",
                       "2025-10-15", "Tuesday", "2025-10-14"))
    add(store, meeting("Envoy Ilves met Minister Kaarna again on Tuesday, aides said.",
                       "2025-10-22", "Tuesday", "2025-10-21"))
    events = sorted(store.merged_events(limit=10), key=lambda e: e.start or "")
    assert [(e.start, e.end, len(e.reports)) for e in events] == [
        ("2025-10-14", "2025-10-14", 1), ("2025-10-21", "2025-10-21", 1)]
    # their reports keep the days they were published
    assert [e.first_seen for e in events] == ["2025-10-15", "2025-10-22"]


def test_a_precise_report_narrows_a_coarse_one_and_an_undated_one_sets_no_date(
        store: Store) -> None:
    add(store, meeting("In October Envoy Ilves met Minister Kaarna, the ministry said.",
                       "2025-11-02", "October", "2025-10", ("2025-10-01", "2025-10-31")))
    add(store, meeting("On 28 October Envoy Ilves met Minister Kaarna in the capital.",
                       "2025-10-29", "28 October", "2025-10-28"))
    add(store, meeting("Envoy Ilves met Minister Kaarna, officials confirmed.",
                       "2025-11-03", None))
    (event,) = store.merged_events(limit=10)
    assert (event.start, event.end, len(event.reports)) == ("2025-10-28", "2025-10-28", 3)
    assert (event.first_seen, event.last_seen) == ("2025-10-29", "2025-11-03")


def test_an_event_no_report_dates_has_no_date(store: Store) -> None:
    add(store, meeting("Envoy Ilves met Minister Kaarna, officials confirmed.",
                       "2025-11-03", None))
    add(store, meeting("Envoy Ilves met Minister Kaarna, a spokesman said.",
                       "2025-11-05", None))
    (event,) = store.merged_events(limit=10)
    assert (event.start, event.end, len(event.reports)) == (None, None, 2)
    assert (event.first_seen, event.last_seen) == ("2025-11-03", "2025-11-05")
    # a report dated weeks before the articles is another meeting
    add(store, meeting("On 1 October Envoy Ilves met Minister Kaarna in the capital.",
                       "2025-11-06", "1 October", "2025-10-01"))
    assert len(store.merged_events(limit=10)) == 2
