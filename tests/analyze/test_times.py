"""The fogwatch_times stage on sentences written for these tests, and on the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogwatch.analyze.pipeline import Pipeline, load_pipeline
from fogwatch.analyze.times.calendar import interval
from fogwatch.findings import Document, Time


@pytest.fixture(scope="session")
def times_pipeline() -> Pipeline:
    return load_pipeline(("fogwatch_times",))


def analyse(pipe: Pipeline, text: str, dct: str | None) -> list[Time]:
    return pipe.analyze(Document.create(text, published=dct)).times


def find(times: list[Time], text: str) -> Time:
    for t in times:
        if t.text == text:
            return t
    raise AssertionError(f"no time expression {text!r} in {[t.text for t in times]}")


# (DCT, sentence, expression, type, value)
CASES: list[tuple[str, str, str, str, str]] = [
    # bare weekdays take the tense's direction
    ("2025-11-10", "Drones struck the depot on Friday.", "Friday", "DATE", "2025-11-07"),
    ("2025-11-10", "The delegations will meet again on Friday.", "Friday", "DATE", "2025-11-14"),
    ("2025-11-10", "Kyiv said last Friday that the line held.", "last Friday", "DATE", "2025-11-07"),
    ("2025-11-10", "The envoy flies out next Monday.", "next Monday", "DATE", "2025-11-17"),
    ("2025-11-10", "Troops staged a parade to mark the anniversary on Friday.", "Friday", "DATE", "2025-11-07"),
    ("2025-11-10", "Kyiv plans to hold talks on Thursday.", "Thursday", "DATE", "2025-11-13"),
    ("2025-11-12", "The next round will settle Monday's dispute.", "Monday", "DATE", "2025-11-10"),
    ("2025-11-12", "Protests grew following Monday's strike.", "Monday", "DATE", "2025-11-10"),
    ("2025-11-12", "Sappers had cleared the road by Tuesday.", "Tuesday", "DATE", "2025-11-11"),
    ("2025-11-12", "Aid will arrive by Tuesday.", "Tuesday", "DATE", "2025-11-18"),
    # year rollover at both ends of the year
    ("2026-01-05", "The offensive began in December.", "December", "DATE", "2025-12"),
    ("2026-01-05", "Officials met on December 30 to sign it.", "December 30", "DATE", "2025-12-30"),
    ("2025-12-28", "The truce is due to start on January 3.", "January 3", "DATE", "2026-01-03"),
    ("2025-12-28", "Elections will be held in February.", "February", "DATE", "2026-02"),
    ("2025-11-10", "Ukraine's troops had pulled back in March.", "March", "DATE", "2025-03"),
    ("2026-01-08", "The bridge was mined in June last year.", "June last year", "DATE", "2025-06"),
    ("2026-01-08", "The bridge was mined in June of last year.", "June of last year", "DATE",
     "2025-06"),
    ("2025-11-10", "Talks resume on March 2 next year.", "March 2 next year", "DATE", "2026-03-02"),
    ("2025-08-20", "The ministry told farmers of grain cuts in September.", "September", "DATE", "2025-09"),
    ("2025-05-06", "Police have hunted him since shortly after the Oct. 23 raid.", "Oct. 23", "DATE",
     "2024-10-23"),
    ("2025-10-26", "The new tariff, effective June 1, will raise fuel costs.", "June 1", "DATE", "2026-06-01"),
    # deictic and counted
    ("2025-11-10", "The port was shelled yesterday.", "yesterday", "DATE", "2025-11-09"),
    ("2025-11-10", "Two weeks ago the bridge was cut.", "Two weeks ago", "DATE", "2025-W44"),
    ("2025-11-10", "Last week the mayor resigned.", "Last week", "DATE", "2025-W45"),
    ("2025-11-10", "Output fell last year.", "last year", "DATE", "2024"),
    ("2025-11-10", "Exports were up on year-earlier levels.", "year-earlier", "DATE", "2024"),
    ("2025-11-10", "A new corridor may open early next year.", "early next year", "DATE", "2026"),
    ("2025-11-10", "Fighting eased in mid-October.", "mid-October", "DATE", "2025-10"),
    ("2025-11-10", "Kyiv hopes to rebuild the bridge by the end of the year.", "the end of the year",
     "DATE", "2025"),
    ("2025-11-10", "Deliveries slip to the first half of next year.", "the first half of next year",
     "DATE", "2026-H1"),
    ("2025-11-10", "Losses for the year passed ten thousand.", "the year", "DATE", "2025"),
    ("2025-11-10", "In the year ended March 31 exports halved.", "the year", "DURATION", "P1Y"),
    ("2025-11-10", "The column left a week or so ago.", "a week or so ago", "DATE", "2025-W45"),
    ("2025-11-10", "The curfew starts at 10 p.m. Nov. 14.", "10 p.m. Nov. 14", "TIME", "2025-11-14T22:00"),
    ("2025-11-10", "The town shrank over the past decade.", "the past decade", "DURATION", "P10Y"),
    ("2025-11-10", "Fuel ran short in the weeks before the assault.", "weeks", "DURATION", "PXW"),
    ("2025-11-10", "Evacuations will continue in the months ahead.", "the months ahead", "DURATION", "PXM"),
    ("2025-11-10", "They held the town in the summer of 2024.", "the summer of 2024", "DATE", "2024-SU"),
    ("2025-11-10", "Shipments resumed in week 45.", "week 45", "DATE", "2025-W45"),
    ("2025-11-10", "Casualties are rising now.", "now", "DATE", "PRESENT_REF"),
    ("2025-11-10", "The strike began at 4 a.m. Saturday.", "4 a.m. Saturday", "TIME", "2025-11-08T04:00"),
    ("2025-11-10", "Sirens sounded on Friday evening.", "Friday evening", "TIME", "2025-11-07TEV"),
    ("2025-11-10", "The depot burned on Friday, October 3.", "Friday, October 3", "DATE", "2025-10-03"),
    ("2025-11-10", "On October 2 the front moved; that week the town fell.", "that week", "DATE", "2025-W40"),
    # named days, decades and years in words
    ("2025-11-10", "Shelling stopped briefly last Christmas.", "last Christmas", "DATE", "2024-12-25"),
    ("2025-11-10", "A prisoner swap is planned for next Easter.", "next Easter", "DATE", "2026-04-05"),
    ("2025-11-10", "The ferry sank at Easter 2019.", "Easter 2019", "DATE", "2019-04-21"),
    ("2025-11-10", "The base was built in the 1980s.", "the 1980s", "DATE", "198"),
    ("2025-11-10", "The fortress dates from the 17th century.", "the 17th century", "DATE", "16"),
    ("2025-11-10", "The depot should be rebuilt by year-end.", "year-end", "DATE", "2025-12-31"),
    ("2025-11-10", "The convoy set off at midday.", "midday", "TIME", "2025-11-10T12:00"),
    ("2025-11-10", "Arms flowed in freely in the nineties.", "the nineties", "DATE", "199"),
    ("2025-11-10", "The treaty dates from nineteen ninety-four.", "nineteen ninety-four", "DATE", "1994"),
    ("2025-11-10", "The dam was built in the winter of nineteen fifty-two.",
     "the winter of nineteen fifty-two", "DATE", "1952-WI"),
    ("2025-11-10", "The talks broke down late yesterday.", "late yesterday", "DATE", "2025-11-09"),
    ("2025-11-10", "The column moved mid-afternoon yesterday.", "mid-afternoon yesterday", "TIME",
     "2025-11-09TAF"),
    ("2025-11-10", "Grain exports grew this past summer.", "this past summer", "DATE", "2025-SU"),
    # durations and sets
    ("2025-11-10", "The blockade lasted 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
    ("2025-11-10", "The shelling went on for an hour and a half.", "an hour and a half", "DURATION",
     "PT1H30M"),
    ("2025-11-10", "The siege lasted three weeks.", "three weeks", "DURATION", "P3W"),
    ("2025-11-10", "A five-hour barrage followed.", "five-hour", "DURATION", "PT5H"),
    ("2025-11-10", "The war has gone on for more than three years.", "more than three years", "DURATION", "P3Y"),
    ("2025-11-10", "Patrols now go out twice a day.", "twice a day", "SET", "P1D"),
    ("2025-11-10", "The ministry reports losses weekly.", "weekly", "SET", "P1W"),
    ("2025-11-10", "Convoys leave each Monday.", "each Monday", "SET", "XXXX-WXX-1"),
    # both years of a span
    ("2025-11-10", "He commanded the fleet from 2014-2019.", "2019", "DATE", "2019"),
    # a year before a plural noun is a year, not a count
    ("2025-11-10", "Analysts cut their 2026 Gazprom earnings forecasts.", "2026", "DATE", "2026"),
    ("2025-11-10", "The ministry revised the army's 2024 recruitment figures.", "2024", "DATE", "2024"),
]


@pytest.mark.parametrize(("dct", "sentence", "expr", "type_", "value"), CASES)
def test_tricky_cases(times_pipeline: Pipeline, dct: str, sentence: str, expr: str,
                      type_: str, value: str) -> None:
    t = find(analyse(times_pipeline, sentence, dct), expr)
    assert (t.type, t.value) == (type_, value)


def test_mods_narrow_the_interval(times_pipeline: Pipeline) -> None:
    times = analyse(times_pipeline, "Fighting eased in mid-October. More than two years passed.", "2025-11-10")
    mid = find(times, "mid-October")
    assert mid.mod == "MID" and mid.interval == ("2025-10-11", "2025-10-21")
    assert find(times, "More than two years").mod == "MORE_THAN"


def test_next_day_chain_follows_the_last_reference(times_pipeline: Pipeline) -> None:
    text = ("On March 3 the bridge at Zatoka was hit. The next day the ferry was hit, "
            "and the next day the fuel depot burned. Two days later the port reopened.")
    times = analyse(times_pipeline, text, "2025-04-20")
    values = [t.value for t in times]
    assert values == ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-07"]
    assert times[1].anchor == "t0" and times[2].anchor == "t1"


def test_range_of_days_has_one_interval(times_pipeline: Pipeline) -> None:
    t = find(analyse(times_pipeline, "Talks ran on September 5–7 in Geneva.", "2025-11-10"),
             "September 5–7")
    assert t.interval == ("2025-09-05", "2025-09-07")
    assert t.value == "2025-09"


def test_count_from_a_dated_event(times_pipeline: Pipeline) -> None:
    text = ("The Alaska summit took place on August 15. "
            "Five weeks after the Alaska summit, the envoy returned to Moscow.")
    t = next(t for t in analyse(times_pipeline, text, "2025-11-10") if t.text.startswith("Five weeks"))
    assert t.type == "DATE" and t.value == "2025-09-19"
    assert t.anchor == "event:the Alaska summit"


def test_count_from_an_undated_event_is_a_duration(times_pipeline: Pipeline) -> None:
    t = find(analyse(times_pipeline, "Five weeks after the raid, the village was empty.",
                     "2025-11-10"), "Five weeks")
    assert (t.type, t.value) == ("DURATION", "P5W")


@pytest.mark.parametrize("sentence", [
    "The brigade lost 2000 soldiers in the assault.",
    "The depot held 1500 shells and the army's 1800 drones.",
    "Commanders may decide to withdraw.",
    "The fall of Pokrovsk would open the road west.",
    "He served a second term as governor.",
    "The colonel is in his fifties.",
    "The army fires about 300 shells a day.",
    'The minister told "This Week" that the front was stable.',
    "The commander gave an interview to 60 Minutes about the siege.",
    "Repairs cost the utility $40 million a year.",
    "Supplies reached Christmas Island by sea.",
])
def test_not_time_expressions(times_pipeline: Pipeline, sentence: str) -> None:
    assert analyse(times_pipeline, sentence, "2025-11-10") == []


def test_extents_follow_timebank(times_pipeline: Pipeline) -> None:
    text = "Revenue rose in the third quarter, and the talks resumed on Friday."
    times = analyse(times_pipeline, text, "2025-11-10")
    assert [t.text for t in times] == ["the third quarter", "Friday"]
    for t in times:
        assert text[t.start:t.end] == t.text


def test_records_carry_provenance(times_pipeline: Pipeline) -> None:
    doc = Document.create("Calm returned. Shelling resumed on Friday.", published="2025-11-10")
    t = times_pipeline.analyze(doc).times[0]
    assert t.document == doc.id and t.sentence == 1
    assert Time.from_dict(t.to_dict()) == t


def test_without_any_date_values_keep_placeholders(times_pipeline: Pipeline) -> None:
    times = analyse(times_pipeline, "Shelling resumed on Friday after a calm in October.", None)
    assert [t.value for t in times] == ["XXXX-WXX-5", "XXXX-10"]
    assert all(t.interval is None for t in times)


def test_dct_inferred_from_the_text(times_pipeline: Pipeline) -> None:
    doc = Document.create("KYIV, March 4, 2024 — Drones hit the port yesterday, officials said.")
    times = times_pipeline.analyze(doc).times
    assert doc.published == "2024-03-04" and doc.date_source == "inferred"
    assert doc.date_evidence == "March 4, 2024"
    assert find(times, "yesterday").value == "2024-03-03"


def test_dct_inferred_next_to_a_deictic_word(times_pipeline: Pipeline) -> None:
    doc = Document.create("The talks ended yesterday, March 3, 2024, without a deal.")
    times_pipeline.analyze(doc)
    assert doc.published == "2024-03-04"


def test_calendar_intervals() -> None:
    assert interval("2025-W45") == ("2025-11-03", "2025-11-09")
    assert interval("2024-WI") == ("2024-12-01", "2025-02-28")
    assert interval("2025-Q3") == ("2025-07-01", "2025-09-30")
    assert interval("199X") == ("1990-01-01", "1999-12-31")
    assert interval("198") == ("1980-01-01", "1989-12-31")
    assert interval("20") == ("2000-01-01", "2099-12-31")
    assert interval("PRESENT_REF") is None


SEED_EXPECTED: list[tuple[str, str]] = [
    ("September 23", "2025-09-23"), ("October 20", "2025-10-20"), ("October 26", "2025-10-26"),
    ("October 31", "2025-10-31"), ("November 5", "2025-11-05"), ("November 25", "2025-11-25"),
    ("last Friday", "2025-11-07"), ("March", "2025-03"), ("February", "2026-02"),
    ("the summer of 2024", "2024-SU"), ("last year", "2024"),
]


@pytest.mark.seed
def test_seed_article(times_pipeline: Pipeline, seed_path: Path) -> None:
    times = analyse(times_pipeline, seed_path.read_text(encoding="utf-8"), "2025-11-10")
    by_text: dict[str, set[str]] = {}
    for t in times:
        by_text.setdefault(t.text, set()).add(t.value)
    for text, value in SEED_EXPECTED:
        assert value in by_text.get(text, set()), (text, by_text.get(text))
    last_week = [t for t in times if t.text.lower() == "last week"]
    assert last_week and all(t.value == "2025-W45" for t in last_week)
    march = find(times, "March")
    assert "back in" in seed_path.read_text(encoding="utf-8")[march.start - 8:march.start]


def test_runs_without_tagger_or_parser() -> None:
    """In a bare spaCy pipeline the component still finds and resolves times."""
    import spacy

    import fogwatch.analyze.times  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("fogwatch_times")
    doc = nlp.make_doc("The bridge was hit on Friday and again two days later.")
    doc._.fw_dct = "2025-11-10"
    doc = nlp(doc)
    assert [(t.text, t.value) for t in doc._.fw_times] == [
        ("Friday", "2025-11-07"), ("two days later", "2025-11-09"),
    ]


def test_title_case_headline_keeps_its_times(times_pipeline: Pipeline) -> None:
    text = "Drones Hit Odesa Port Last Week\nThe port was hit again on Sunday."
    times = analyse(times_pipeline, text, "2025-11-10")
    assert find(times, "Last Week").value == "2025-W45"


def test_the_following_weekday_counts_from_the_last_day(times_pipeline: Pipeline) -> None:
    text = ("The bridge at Kherson was hit on October 3. The following Monday engineers "
            "closed it, and the previous Friday's convoy was stranded.")
    times = analyse(times_pipeline, text, "2025-11-10")
    monday = find(times, "The following Monday")
    assert (monday.value, monday.anchor) == ("2025-10-06", "t0")
    assert find(times, "the previous Friday").value == "2025-10-03"
