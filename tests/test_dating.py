"""The dating of events and claims: anchored intervals, precision labels, undated."""

from __future__ import annotations

import pytest

from fogwatch.dating import of_span, of_value, overlap, when
from fogwatch.findings import Analysis, Attribution, Document, Event, TextSpan, Time


@pytest.mark.parametrize(("value", "start", "end", "precision", "label"), [
    ("2025-10-26", "2025-10-26", "2025-10-26", "day", "26 October 2025"),
    ("2025-03", "2025-03-01", "2025-03-31", "month", "March 2025"),
    ("2025-FA", "2025-09-01", "2025-11-30", "season", "fall 2025"),
    ("2025-WI", "2025-12-01", "2026-02-28", "season", "winter 2025–26"),
    ("2025-W44", "2025-10-27", "2025-11-02", "week", "week of 27 October 2025"),
    ("2025-Q2", "2025-04-01", "2025-06-30", "quarter", "second quarter of 2025"),
    ("2025", "2025-01-01", "2025-12-31", "year", "2025"),
])
def test_precision_labels(value: str, start: str, end: str, precision: str, label: str) -> None:
    d = of_value(value, reported="2025-11-10")
    assert (d.start, d.end, d.precision, d.label) == (start, end, precision, label)
    assert d.anchored and d.dated
    # the stored interval reads back at the same precision
    assert (of_span(start, end).precision, of_span(start, end).label) == (precision, label)


def test_vague_values_are_undated_and_say_when_they_were_reported() -> None:
    for value in ("PAST_REF", "FUTURE_REF", "XXXX-10", "P3M", None):
        d = of_value(value, reported="2025-11-10")
        assert (d.start, d.end, d.precision, d.anchored) == (None, None, None, False)
        assert d.label == "undated, reported on 10 November 2025"
    assert of_value(None).label == "undated"


def test_the_present_holds_on_the_day_of_the_article_and_is_not_a_text_date() -> None:
    d = of_value("DCT", reported="2025-11-10")
    assert (d.start, d.end, d.precision, d.label) == (
        "2025-11-10", "2025-11-10", "present", "as of 10 November 2025")
    assert d.anchored and not d.dated
    assert not of_value("DCT").anchored  # no article date: nothing to hold it to


def test_a_narrowed_interval_keeps_its_modifier() -> None:
    d = of_value("2025-10", ("2025-10-01", "2025-10-10"), "START")
    assert (d.start, d.end, d.label) == ("2025-10-01", "2025-10-10", "early October 2025")


def test_spans_that_are_no_calendar_unit_are_ranges() -> None:
    assert of_span("2025-10-30", "2025-11-02").label == "30 October – 2 November 2025"
    assert of_span("2025-10-03", "2025-10-05").label == "3–5 October 2025"
    assert of_span(None, None, "2025-11-10").label == "undated, reported on 10 November 2025"


def test_findings_are_dated_by_their_time_record_not_by_the_article() -> None:
    text = "On March 3 the envoys met in Vienna. They talked again. Officials said so in May."
    times = [
        Time(text="March 3", start=3, end=10, sentence=0, type="DATE", value="2024-03-03",
             interval=("2024-03-03", "2024-03-03")),
        Time(text="three weeks", start=0, end=0, sentence=1, type="DURATION", value="P3W"),
        Time(text="May", start=76, end=79, sentence=2, type="DATE", value="2024-05",
             interval=("2024-05-01", "2024-05-31")),
    ]
    doc = Document.create(text, published="2024-06-02")
    met = Event(trigger=TextSpan("met", 24, 27), type="CONSULT", sentence=0, time=0,
                time_value="2024-03-03")
    talked = Event(trigger=TextSpan("talked", 42, 48), type="CONSULT", sentence=1)
    by_duration = Event(trigger=TextSpan("talked", 42, 48), type="CONSULT", sentence=1, time=1)
    relative = Event(trigger=TextSpan("met", 24, 27), type="CONSULT", sentence=0,
                     time_value="2024-01")
    said = Attribution(cue=TextSpan("said", 66, 70), content=[], sentence=2, time=2)
    analysis = Analysis(document=doc, times=times, events=[met, talked])
    assert when(analysis, met).label == "3 March 2024"
    assert when(analysis, talked).label == "undated, reported on 2 June 2024"
    assert not when(analysis, by_duration).anchored  # a duration dates nothing
    assert when(analysis, relative).label == "January 2024"
    assert (when((times, "2024-06-02"), said).start, when(analysis, said).label) == (
        "2024-05-01", "May 2024")


def test_overlap() -> None:
    assert overlap(("2025-10-01", "2025-10-31"), ("2025-10-26", "2025-10-26"))
    assert not overlap(("2025-10-26", "2025-10-26"), ("2025-11-03", "2025-11-09"), 1)
    assert overlap(("2025-11-05", "2025-11-05"), ("2025-11-06", "2025-11-06"), 1)


def test_a_stance_is_dated_by_its_report_else_by_the_article() -> None:
    from fogwatch.dating import stance_day

    text = "On 4 May the mayor said the bridge held. In spring he said more. Aides said so."
    times = [
        Time(text="4 May", start=3, end=8, sentence=0, type="DATE", value="2024-05-04",
             interval=("2024-05-04", "2024-05-04")),
        Time(text="spring", start=44, end=50, sentence=1, type="DATE", value="2024-SP",
             interval=("2024-03-01", "2024-05-31")),
    ]
    cue = TextSpan("said", 19, 23)
    atts = [Attribution(cue=cue, content=[], sentence=0, time=0),
            Attribution(cue=cue, content=[], sentence=1, time=1),
            Attribution(cue=cue, content=[], sentence=2)]
    analysis = Analysis(document=Document.create(text, published="2024-06-10"), times=times,
                        attributions=atts)
    assert [stance_day(analysis, i) for i in (0, 1, 2, None)] == [
        "2024-05-04", None, "2024-06-10", "2024-06-10"]


def test_a_claim_dated_by_a_worked_out_value_has_no_time_index() -> None:
    from fogwatch.dating import stance_day

    # "Two days after the governor said ..., the army closed it on 7 March": the
    # saying is dated from the closing; no time expression of the text names that day
    text = "Two days after the governor said the road was open, the army closed it on 7 March."
    said = Attribution(cue=TextSpan("said", 28, 32), content=[], sentence=0,
                       time_value="2024-03-05", time_precision="day")
    month = Attribution(cue=TextSpan("said", 28, 32), content=[], sentence=0,
                        time_value="2024-01", time_precision="month")
    analysis = Analysis(document=Document.create(text, published="2024-03-09"),
                        attributions=[said, month])
    assert when(analysis, said).label == "5 March 2024"
    assert when(analysis, month).label == "January 2024"
    # a day-precise worked-out date is the day of the stance; a month is no single day
    assert [stance_day(analysis, i) for i in (0, 1)] == ["2024-03-05", None]
