"""From a grammar match to a TIMEX3 type and value.

Anchoring follows TimeBank practice: deictic expressions ("yesterday", "last
week", bare weekdays and months) resolve against the document creation time
(DCT) in the direction the clause's tense points; anaphoric ones ("the next
day", "that week", "two days later") against the last resolved reference time: the
last day named, or, for a count of years or months ("four years later"), a year or
month named after that day ("elected in 2008 and re-elected four years later": 2012).
Without a DCT, values keep TimeML's X placeholders ("XXXX-10-20").

The resolvers live by kind of expression: :mod:`.dates` (absolute and
year-less calendar dates), :mod:`.relative` (relative to the DCT or the last
reference time) and :mod:`.durations` (durations and sets); what they return
and share is in :mod:`.resolved`. :data:`RESOLVERS` maps each grammar rule to
its resolver.
"""

from __future__ import annotations

from collections.abc import Callable

from fogwatch.analyze.times.dates import (
    r_century,
    r_clock,
    r_day_month,
    r_decade,
    r_holiday,
    r_iso_date,
    r_iso_week,
    r_month_day,
    r_month_year,
    r_num_date,
    r_quarter,
    r_season,
    r_spelled_year,
    r_week_of,
    r_year,
    r_year_end,
)
from fogwatch.analyze.times.durations import r_adj_duration, r_bare_units, r_duration, r_set
from fogwatch.analyze.times.grammar import Candidate
from fogwatch.analyze.times.relative import (
    r_ago,
    r_deictic,
    r_period_of,
    r_quarter_rel,
    r_ref,
    r_rel_named,
    r_rel_unit_extent,
    r_the_year,
    r_unit_span,
    r_weekday,
    r_weekday_date,
    r_weekend,
)
from fogwatch.analyze.times.resolved import Context, Resolved

RESOLVERS: dict[str, Callable[[Candidate, Context], Resolved | None]] = {
    "iso_date": r_iso_date, "num_date": r_num_date, "month_day": r_month_day,
    "day_month": r_day_month, "iso_week": r_iso_week, "week_of": r_week_of,
    "rel_named": r_rel_named, "month_year": r_month_year, "decade": r_decade, "year": r_year,
    "spelled_year": r_spelled_year, "holiday": r_holiday,
    "season": r_season, "rel_unit": r_rel_unit_extent, "weekday": r_weekday, "deictic": r_deictic,
    "ref": r_ref, "weekday_date": r_weekday_date, "weekend": r_weekend, "ago": r_ago, "duration": r_duration, "adj_duration": r_adj_duration,
    "quarter": r_quarter, "quarter_rel": r_quarter_rel, "period_of": r_period_of, "century": r_century, "year_end": r_year_end, "unit_span": r_unit_span, "the_year": r_the_year, "set": r_set, "clock": r_clock, "bare_units": r_bare_units,
}
