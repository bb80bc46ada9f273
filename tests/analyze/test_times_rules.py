"""Rules of the time normaliser that follow the TimeML guidelines: the direction a
clause gives a bare weekday, durations with no number, clock times of wire copy."""

from __future__ import annotations

import pytest

from fogwatch.analyze.pipeline import Pipeline, load_pipeline
from fogwatch.findings import Document, Time

DCT = "2025-11-12"  # a Wednesday


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return load_pipeline(("fogwatch_times",))


def times(pipe: Pipeline, text: str) -> dict[str, Time]:
    return {t.text: t for t in pipe.analyze(Document.create(text, published=DCT)).times}


CASES: list[tuple[str, str, str, str]] = [
    # "until" looks ahead, except where the clause tells what held up to that day
    ("Until Tuesday, the army had not admitted the loss.", "Tuesday", "DATE", "2025-11-11"),
    ("It was not until Monday that the ministry confirmed the strike.", "Monday", "DATE", "2025-11-10"),
    ("The ceasefire will hold until Friday.", "Friday", "DATE", "2025-11-14"),
    ("The talks were postponed until Friday.", "Friday", "DATE", "2025-11-14"),
    # a modal perfect narrates the past
    ("Shelling may have caused the blackout on Monday.", "Monday", "DATE", "2025-11-10"),
    ("The drone could have been launched on Sunday.", "Sunday", "DATE", "2025-11-09"),
    # an infinitive that is the subject does not look ahead from "be"
    ("Among the first units to cross the river on Monday were two brigades.", "Monday", "DATE",
     "2025-11-10"),
    ("The minister is to visit the front on Friday.", "Friday", "DATE", "2025-11-14"),
    # a plan told in the present is dated by what is planned; told in the past, by the clause
    ("The referendum is scheduled for September.", "September", "DATE", "2026-09"),
    ("The court has set a hearing for Monday.", "Monday", "DATE", "2025-11-17"),
    ("The rally, planned for Sunday, was called off.", "Sunday", "DATE", "2025-11-09"),
    # a plan as it stood before a past moment looks ahead from then, not from now
    ("The truce had been due to end on Friday.", "Friday", "DATE", "2025-11-07"),
    ("The vote had been scheduled to take place on Monday.", "Monday", "DATE", "2025-11-10"),
    ("The vote is scheduled to take place on Monday.", "Monday", "DATE", "2025-11-17"),
    # bare plural units are durations of an unstated length
    ("The column has been pinned down for weeks.", "weeks", "DURATION", "PXW"),
    ("Aid is expected within days.", "days", "DURATION", "PXD"),
    ("The port has been closed for months.", "months", "DURATION", "PXM"),
    # hours and minutes are ISO 8601's time units: PTXH, not PXTH
    ("Within hours, the line had collapsed.", "hours", "DURATION", "PTXH"),
    # a count of years or months later is counted from the year or month named before
    # it, not from the DCT
    ("He was elected in 2008 and re-elected four years later.", "four years later", "DATE",
     "2012"),
    ("The war began in 2003. A year later, the insurgency spread.", "A year later", "DATE",
     "2004"),
    ("The siege began in March 2022. Two months later, the city fell.", "Two months later",
     "DATE", "2022-05"),
    # a month counted from "that year" is counted from the month named in that year
    ("The plant opened in March 1998. That year, it made a profit. The next month, it "
     "hired staff.", "The next month", "DATE", "1998-04"),
    # ... but a day named after that year is the newer reference
    ("In 2008 the war began. On March 3 the town was captured. A year later it ended.",
     "A year later",
     "DATE", "2026"),
    # the 24-hour clock with its zone, and a clock time dated by the day after it
    ("The strike hit at 0340 GMT on Tuesday.", "0340 GMT", "TIME", "2025-11-11T03:40"),
    ("Sirens sounded at 21:15 UTC.", "21:15 UTC", "TIME", "2025-11-12T21:15"),
    ("The polls will open at 9 a.m. on Friday.", "9 a.m.", "TIME", "2025-11-14T09:00"),
    ("The convoy left at 6 p.m. on November 3.", "6 p.m. on November 3", "TIME", "2025-11-03T18:00"),
    # a zone or "local time" between the clock time and its day; the 24-hour clock
    # after a preposition of time, with no zone
    ("He was arrested at 10:30 a.m. ET on Monday.", "10:30 a.m. ET", "TIME", "2025-11-10T10:30"),
    ("Polls will close at 20:00 local time on Sunday.", "20:00", "TIME", "2025-11-16T20:00"),
    ("Talks began at 09:00.", "09:00", "TIME", "2025-11-12T09:00"),
    # the British order, weekday first, is one expression
    ("The leaders met on Tuesday 11 November.", "Tuesday 11 November", "DATE", "2025-11-11"),
    ("The leaders met on Monday, 10 November 2025.", "Monday, 10 November 2025", "DATE",
     "2025-11-10"),
    # "this Tuesday" told ahead is the coming Tuesday, not the one of the week gone by
    ("The envoy will arrive this Tuesday.", "this Tuesday", "DATE", "2025-11-18"),
    ("The envoy arrived this Monday.", "this Monday", "DATE", "2025-11-10"),
    # a frequency at the head of a sentence is still one
    ("Daily, the army shells the town.", "Daily", "SET", "P1D"),
    # an unstated count of days later, told in the past, is past
    ("A few days later, the rebels withdrew.", "A few days later", "DATE", "PAST_REF"),
    ("A few days later, talks will resume.", "A few days later", "DATE", "FUTURE_REF"),
    # a month that dates a noun, told in the past, is a coming one if it comes soon;
    # one further ahead is still the last
    ("Moscow meddled in the Feb. 8 election.", "Feb. 8", "DATE", "2026-02-08"),
    ("The vote set up the January showdown.", "January", "DATE", "2026-01"),
    ("He recalled the disastrous June debate.", "June", "DATE", "2025-06"),
    # "that November" is the November of the year last named
    ("The riots of 1968 cost Humphrey the election that November.", "November", "DATE",
     "1968-11"),
    ("Back in 2008 he lost. He said that November would be decisive.", "November", "DATE",
     "2025-11"),
    # a quarter-century is twenty-five years
    ("He has sat in parliament for nearly a quarter-century.", "nearly a quarter-century",
     "DURATION", "P25Y"),
    ("The series went off the air a quarter-century ago.", "a quarter-century ago", "DATE",
     "2000"),
    # the last week of a calendar period is one
    ("Sales slowed in the last week of the year.", "the last week", "DURATION", "P1W"),
    # "the year" after a year names that year
    ("It was 1 percent in 2010, the year the court decided Citizens United.", "the year",
     "DATE", "2010"),
    # half a named year
    ("He gave $2 million in the first half of 2015.", "the first half of 2015", "DATE", "2015-H1"),
    ("Sales will rise in the last half of 2026.", "the last half of 2026", "DATE", "2026-H2"),
    # the amount a goal needs is no plan: the clause above, told in the past, dates the day
    ("She reached the 2,383 delegates needed to secure the nomination on Monday.", "Monday",
     "DATE", "2025-11-10"),
    ("She still lacks the votes needed to pass the bill on Friday.", "Friday", "DATE",
     "2025-11-14"),
    # a day between a verb of saying and the subject of what was said dates the saying
    ("The utility said on Monday it would raise its rates.", "Monday", "DATE", "2025-11-10"),
    ("The union said on Tuesday its members will strike.", "Tuesday", "DATE", "2025-11-11"),
    # an event told in the present simple is one that is to come
    ("The new tariff takes effect on Monday.", "Monday", "DATE", "2025-11-17"),
    ("The two ministers meet in Geneva on Tuesday.", "Tuesday", "DATE", "2025-11-18"),
    # ... but a headline's present tells what happened
    ("Russia strikes Kyiv on Sunday, killing four.", "Sunday", "DATE", "2025-11-09"),
    # a quarter told ahead is the coming one
    ("The central bank will raise rates in the first quarter.", "the first quarter", "DATE",
     "2026-Q1"),
    ("The airline expects to resume flights in the second quarter.", "the second quarter",
     "DATE", "2026-Q2"),
    # what a present "is" says its subject falls on is to come
    ("The runoff is on Sunday.", "Sunday", "DATE", "2025-11-16"),
    ("The deadline for bids is Monday.", "Monday", "DATE", "2025-11-17"),
    # a headline's bare infinitive looks ahead
    ("Finance ministers to meet in Lisbon on Monday.", "Monday", "DATE", "2025-11-17"),
    # a weekday followed by the week it falls in
    ("The dam burst on Monday last week.", "Monday", "DATE", "2025-11-03"),
    ("The parliament sits again on Tuesday next week.", "Tuesday", "DATE", "2025-11-18"),
    # "over the next year" looks ahead from now unless the story is told in the past
    ("The camp opened in 1940. Some 10,000 refugees are expected over the next year.",
     "the next year", "DATE", "2026"),
    ("The town fell in 1940. In the next year the army advanced.", "the next year", "DATE",
     "1941"),
]


@pytest.mark.parametrize(("sentence", "expr", "type_", "value"), CASES)
def test_rule(pipe: Pipeline, sentence: str, expr: str, type_: str, value: str) -> None:
    found = times(pipe, sentence)
    assert expr in found, f"no {expr!r} in {list(found)}"
    assert (found[expr].type, found[expr].value) == (type_, value)


@pytest.mark.parametrize(("sentence", "not_expr"), [
    ("The siege went on for days of shelling.", "days"),  # "days of": a count of things
    ("The bomb went off at 10:35 a.m. (0735 GMT).", "0735 GMT"),  # restates the local time
    # a video's running time, and names of papers and programmes (FNC-1's bodies)
    ("The grenades seen at 1:28 in the video are German.", "1:28"),
    ("The Daily Mail reported the claim.", "Daily"),
    ("He writes for the Norfolk Daily Eastern Press.", "Daily"),
    ("It aired on NBC Nightly News.", "Nightly"),
    ("ESPN's Monday Night Football drew millions.", "Monday Night"),
    ("They picked up the Quarter Pounder for him.", "the Quarter"),
    ("He had some explaining to do. “Daily Show” host Trevor Noah mocked him.", "Daily"),
    # a day of an event, not of the calendar
    ("On the last day of the convention, she spoke.", "the last day"),
    ("He would not campaign with him in the last week of the race.", "the last week"),
    # a company, and a rate of pay
    ("He runs 21st Century Fox.", "21st Century"),
    ("She backs a $15-an-hour minimum wage.", "an-hour"),
    ("The 71-year old cleric was rushed to hospital.", "71-year"),  # an age
    # names: a brigade's age, a police unit, a film
    ("The quarter-century-old Franco-German brigade was praised.", "the quarter"),
    ('He was abused by the police unit known as the "Midnight Crew," directed by Jon Burge.',
     "Midnight"),
    ("The poster showed Gary Cooper from the film ``High Noon.''", "Noon"),
    # a quarter that is a fraction
    ("Profits fell by a quarter.", "a quarter"),
    ("It is a quarter-of-an-inch taller.", "a quarter"),
    # street numbers and pixels
    ("The office buildings are 1200, 1300, 1600, 1700, 1800, and 1900 Seaport Blvd.", "1600"),
    ("He lived at 1600 Pennsylvania Avenue.", "1600"),
    ("A resolution of 2560 x 1600 would be amazing.", "1600"),
])
def test_not_a_time(pipe: Pipeline, sentence: str, not_expr: str) -> None:
    assert not_expr not in times(pipe, sentence)


def test_year_ago_follows_the_period_being_compared(pipe: Pipeline) -> None:
    text = ("Net income rose 5% in the third quarter from a year earlier. "
            "For the first nine months, profit fell 3% from a year earlier.")
    found = [t for t in pipe.analyze(Document.create(text, published=DCT)).times if t.text == "a year earlier"]
    # the quarter compares with the same quarter a year before, nine months with the year
    assert [t.value for t in found] == ["2024-Q3", "2024"]


def test_the_year_period_is_still_the_quarter(pipe: Pipeline) -> None:
    text = ("Profit rose in the third quarter. In the 2024 period, the company lost money. "
            "Sales were flat compared with a year earlier.")
    found = times(pipe, text)
    assert found["a year earlier"].value == "2024-Q3"
