"""Anchoring: the time that dates an event or a report, with its precision.

Sentences written for these tests; the seed's are quoted from the issue.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fogwatch.analyze.events.anchor import precision_of
from fogwatch.analyze.pipeline import Pipeline
from fogwatch.dating import stance_day, when
from fogwatch.findings import Analysis, Attribution, Document, Event


def analyse(pipe: Pipeline, text: str, published: str = "2025-11-10") -> Analysis:
    return pipe.analyze(Document.create(text, published=published))


def event(analysis: Analysis, trigger: str) -> Event:
    hits = [e for e in analysis.events if e.trigger.text == trigger]
    assert hits, f"no {trigger!r} among {[e.trigger.text for e in analysis.events]}"
    return hits[0]


def report(analysis: Analysis, cue: str) -> Attribution:
    hits = [a for a in analysis.attributions if a.cue.text == cue]
    assert hits, f"no {cue!r} among {[a.cue.text for a in analysis.attributions]}"
    return hits[0]


def dated(analysis: Analysis, e: Event) -> tuple[str | None, str | None, str | None]:
    """(words of the anchoring time, value, precision)."""
    words = analysis.times[e.time].text if e.time is not None else None
    return words, e.time_value, e.time_precision


@pytest.mark.parametrize(("value", "precision"), [
    ("2025-10-26", "day"), ("2025-10-26T14:00", "day"), ("2025-W45", "week"),
    ("2025-08", "month"), ("2025-FA", "season"), ("2025-Q3", "quarter"), ("2025-H1", "half"),
    ("2024", "year"), ("198", "decade"), ("19", "century"),
    ("PAST_REF", None), ("P3M", None), ("XXXX-10", None), ("DCT", None), (None, None),
])
def test_precision_of_a_value(value: str | None, precision: str | None) -> None:
    assert precision_of(value) == precision


def test_a_report_at_a_meeting_is_dated_by_the_meeting(nlp_pipeline: Pipeline) -> None:
    a = analyse(nlp_pipeline, "At a televised briefing on October 26, the general claimed "
                              "that his troops had surrounded the town.")
    claim = report(a, "claimed")
    assert claim.time is not None and a.times[claim.time].value == "2025-10-26"
    assert claim.time_precision == "day"
    assert dated(a, event(a, "surrounded"))[1:] == ("2025-10-26", "day")


def test_a_report_takes_a_date_worked_out_from_a_relative_clause(nlp_pipeline: Pipeline) -> None:
    # the saying is dated two days before the closing, which the text dates itself
    a = analyse(nlp_pipeline, "Two days after the governor said that the road was open, the "
                              "army closed it on March 7.")
    said = report(a, "said")
    assert (said.time, said.time_value, said.time_precision) == (None, "2025-03-05", "day")
    a = analyse(nlp_pipeline, "Three months after the general claimed that the town had "
                              "fallen, the army admits that it lost the town.")
    claimed = report(a, "claimed")
    assert (claimed.time, claimed.time_value, claimed.time_precision) == (
        None, "2025-08", "month")


def test_a_report_anchored_by_its_own_time_keeps_the_value_too(nlp_pipeline: Pipeline) -> None:
    a = analyse(nlp_pipeline, "On Tuesday the governor said that the road was open.")
    said = report(a, "said")
    assert said.time is not None and a.times[said.time].value == said.time_value == "2025-11-04"
    assert report(analyse(nlp_pipeline, "The governor now says that the road is open."),
                  "now says").time_value is None  # "now" is not when something was said


def test_the_time_inside_what_is_said_does_not_date_the_report(nlp_pipeline: Pipeline) -> None:
    a = analyse(nlp_pipeline, "The ministry said that drones struck the depot on Tuesday.")
    assert report(a, "said").time is None
    assert dated(a, event(a, "struck")) == ("Tuesday", "2025-11-04", "day")


def test_three_months_after_counts_back_from_the_present(nlp_pipeline: Pipeline) -> None:
    a = analyse(nlp_pipeline, "Three months after the president gave his guest a red-carpet "
                              "welcome in Anchorage, the guest rattles his nukes.")
    e = event(a, "welcome")
    assert (e.time, e.time_value, e.time_precision) == (None, "2025-08", "month")


def test_days_before_a_dated_clause(nlp_pipeline: Pipeline) -> None:
    a = analyse(nlp_pipeline, "Two days before the rebels attacked the airport, the army "
                              "withdrew on March 12.")
    # the withdrawal came two days before the attack
    assert dated(a, event(a, "attacked"))[1:] == ("2025-03-14", "day")


def test_a_duration_dates_nothing(nlp_pipeline: Pipeline) -> None:
    a = analyse(nlp_pipeline, "Artillery shelled the village for more than four hours on "
                              "Friday.")
    assert dated(a, event(a, "shelled")) == ("Friday", "2025-11-07", "day")
    a = analyse(nlp_pipeline, "Artillery shelled the village for more than four hours.")
    assert dated(a, event(a, "shelled")) == (None, None, None)


def test_the_base_of_a_comparison_dates_nothing(nlp_pipeline: Pipeline) -> None:
    # (exports that fall are no actor's act: the cut is Russia's)
    a = analyse(nlp_pipeline, "Russia cut its arms exports to $5 billion in the third quarter, "
                              "from $7 billion a year earlier.")
    assert dated(a, event(a, "cut")) == ("the third quarter", "2025-Q3", "quarter")


def test_a_deadline_or_an_end_does_not_date_the_event(nlp_pipeline: Pipeline) -> None:
    # the grace period ends on December 1; the granting was on the day of the listing
    a = analyse(nlp_pipeline, "The ministry listed three shipping firms on October 3 and "
                              "granted their customers a reprieve until December 1.")
    assert dated(a, event(a, "granted"))[1] != "2025-12-01"
    a = analyse(nlp_pipeline, "Rebel units blockaded the highway until Sunday.")
    assert dated(a, event(a, "blockaded")) == (None, None, None)
    a = analyse(nlp_pipeline, "Rebel units blockaded the highway on Sunday.")
    assert dated(a, event(a, "blockaded"))[1:] == ("2025-11-09", "day")


def test_two_dates_on_one_clause_leave_it_undated(nlp_pipeline: Pipeline) -> None:
    a = analyse(nlp_pipeline, "The navy blockaded the port in both 2023 and 2024.")
    assert dated(a, event(a, "blockaded")) == (None, None, None)


def test_a_time_in_an_apposition_says_who_not_when(nlp_pipeline: Pipeline) -> None:
    # real news: "Mitt Romney, the 2012 Republican presidential nominee, tweeted" in 2015
    a = analyse(nlp_pipeline, "Mitt Romney, the 2012 Republican nominee, accused Putin of "
                              "killing journalists.", published="2015-12-22")
    assert dated(a, event(a, "accused")) == (None, None, None)


def test_who_the_subject_is_is_not_dated_by_what_it_did(nlp_pipeline: Pipeline) -> None:
    # real news: "Beck, who supported Sen. Ted Cruz ... during the primaries, last week
    # said ..." dated the support last week
    a = analyse(nlp_pipeline, "Beck, who supported Ted Cruz during the primaries, last week "
                              "said Trump was seeking to start a movement.")
    assert dated(a, event(a, "supported")) == (None, None, None)
    # ... but a participant's act, or a state at the time, is the clause's moment
    a = analyse(nlp_pipeline, "Six soldiers were killed on Tuesday by gunmen who attacked "
                              "an army patrol near the border.")
    assert dated(a, event(a, "attacked"))[1:] == ("2025-11-04", "day")


def test_what_came_after_or_before_is_not_dated_by_the_clause(nlp_pipeline: Pipeline) -> None:
    a = analyse(nlp_pipeline, "On Monday the army withdrew from the city after the rebels "
                              "captured the bridge.")
    assert dated(a, event(a, "withdrew"))[1:] == ("2025-11-10", "day")
    assert dated(a, event(a, "captured")) == (None, None, None)


def test_the_present_is_the_publication_day_and_the_perfect_is_not(nlp_pipeline: Pipeline) -> None:
    a = analyse(nlp_pipeline, "Russian troops now control the village.")
    assert dated(a, event(a, "control")) == (None, "DCT", "day")
    a = analyse(nlp_pipeline, "Russian troops have captured the village.")
    assert dated(a, event(a, "captured")) == (None, None, None)


# --- the seed article ------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(nlp_pipeline: Pipeline, seed_path: Path) -> Analysis:
    return analyse(nlp_pipeline, seed_path.read_text("utf-8"))


@pytest.mark.seed
def test_seed_gerasimovs_claim_is_dated_by_the_meeting(seed: Analysis) -> None:
    # "at a televised meeting on October 26, ... Gerasimov ... claimed that ..."
    claim = next(a for a in seed.attributions if a.cue.text == "claimed"
                 and a.source_entity == "gaz:person/valery-gerasimov")
    assert claim.time is not None and seed.times[claim.time].value == "2025-10-26"
    assert (claim.time_value, claim.time_precision) == ("2025-10-26", "day")
    assert when(seed, claim).label == "26 October 2025"
    # the claim board's stances take their day from the same record
    assert stance_day(seed, seed.attributions.index(claim)) == "2025-10-26"
    assert dated(seed, event(seed, "surrounded"))[1] == "2025-10-26"


@pytest.mark.seed
def test_seed_anchorage_welcome_is_august(seed: Analysis) -> None:
    # "THREE MONTHS AFTER DONALD TRUMP gave Vladimir Putin a literal red-carpet welcome"
    e = event(seed, "welcome")
    assert (e.time_value, e.time_precision) == ("2025-08", "month")


@pytest.mark.seed
def test_seed_no_event_is_dated_by_a_duration(seed: Analysis) -> None:
    for e in seed.events:
        if e.time is not None:
            assert seed.times[e.time].type in ("DATE", "TIME"), e.trigger.text
