"""When an event happened or a claim was made, as the text dates it, and how precisely.

Every place that shows or exports the date of an event or of a claim asks this
module, so that they all say the same thing:

- a finding anchored by a time expression ("on October 26", "in March", "last
  week", "three months after ...") is dated by that expression's interval, at its
  precision: "26 October 2025", "week of 3 November 2025", "October 2025",
  "fall 2025", "2025";
- a finding in the present of its article ("Russia controls", "is now fighting":
  the events stage's ``"DCT"``, or a "now" time expression) holds on the day the
  article was published: "as of 10 November 2025";
- anything else is undated, and says so: "undated, reported on 10 November 2025".
  The publication date is never given as the date of the event.

The module reads the finding records only (an :class:`~fogwatch.findings.Event`'s
``time`` and ``time_value``, an :class:`~fogwatch.findings.Attribution`'s
``time``) and the :class:`~fogwatch.findings.Time` they point to.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from fogwatch.findings import Analysis, Time

PRESENT = "present"  # the precision of a date that is the article's own present
DATED_TYPES = frozenset({"DATE", "TIME"})
PRESENT_VALUES = frozenset({"DCT", "PRESENT_REF"})
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "fall", "WI": "winter"}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth"}
_MOD_WORDS = {"START": "early", "MID": "mid-", "END": "late", "APPROX": "around"}

_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)(?P<we>-WE)?|Q(?P<q>[1-4])"
    r"|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?(?:T.*)?$"
)
_DECADE = re.compile(r"^(?P<dec>\d{3})X?$")


@dataclass(frozen=True, slots=True)
class Dating:
    """The date of a finding: ISO first and last day (inclusive), its precision
    ("day", "week", "month", "season", "quarter", "half", "year", "decade",
    "present" or "range"; None when undated), a label for readers, whether the
    text anchors it, and the day it was reported (the article's date)."""

    start: str | None
    end: str | None
    precision: str | None
    label: str
    anchored: bool
    reported: str | None = None

    @property
    def dated(self) -> bool:
        """Anchored by a time expression of the text (not only the article's present)."""
        return self.anchored and self.precision != PRESENT


def when(source: Analysis | tuple[Sequence[Time], str | None], finding: Any) -> Dating:
    """The dating of an event or attribution of ``source`` (an analysis, or the
    document's times and its published date)."""
    if isinstance(source, Analysis):
        times: Sequence[Time] = source.times
        published = source.document.published
    else:
        times, published = source
    reported = _day(published)
    index = getattr(finding, "time", None)
    value = getattr(finding, "time_value", None)
    if index is not None and 0 <= index < len(times):
        t = times[index]
        if t.type not in DATED_TYPES:
            return undated(reported)
        return of_value(t.value, t.interval, t.mod, reported)
    if value:
        return of_value(value, None, None, reported)
    return undated(reported)


def of_value(value: str | None, interval: Sequence[str] | None = None,
             mod: str | None = None, reported: str | None = None) -> Dating:
    """The dating given by a TimeML value (and the interval its time record
    carries, which already narrows "early October" to its first third)."""
    if value in PRESENT_VALUES:
        if reported is None:
            return undated(None)
        return Dating(reported, reported, PRESENT, f"as of {day_label(reported)}", True,
                      reported)
    precision, span = _parse(value or "")
    if precision is None or span is None:
        return undated(reported)
    if interval and len(interval) == 2 and _day(interval[0]) and _day(interval[1]):
        start, end = str(_day(interval[0])), str(_day(interval[1]))
    else:
        start, end = span[0].isoformat(), span[1].isoformat()
    label = _label(precision, span[0], span[1], value or "")
    if mod in _MOD_WORDS and precision != "day":
        word = _MOD_WORDS[mod]
        label = f"{word}{label}" if word.endswith("-") else f"{word} {label}"
    return Dating(start, end, precision, label, True, reported)


def stance_day(analysis: Analysis, attribution: int | None) -> str | None:
    """The day a source took a stance it is quoted with: the day its report is
    anchored to ("at a meeting on October 26 ... he claimed"); the article's day
    when the text does not date the report (what an article says, it says on the
    day it is published); None when the text dates it only coarsely ("in October,
    he said"), which no single day would tell truly."""
    reported = _day(analysis.document.published)
    if attribution is None or not 0 <= attribution < len(analysis.attributions):
        return reported
    d = when(analysis, analysis.attributions[attribution])
    if not d.dated:
        return reported
    if d.start is not None and d.start == d.end and (reported is None or d.start <= reported):
        return d.start
    return None  # coarse, or after the article (a misread date): a gap, not a guess


def undated(reported: str | None) -> Dating:
    label = f"undated, reported on {day_label(reported)}" if reported else "undated"
    return Dating(None, None, None, label, False, reported)


def of_span(start: str | None, end: str | None, reported: str | None = None) -> Dating:
    """The dating of a stored interval (a merged event's ``start``/``end``): its
    precision read from its shape (a whole month is "October 2025")."""
    first, last = _date(start), _date(end or start)
    if first is None or last is None or last < first:
        return undated(_day(reported))
    precision = _shape(first, last)
    return Dating(first.isoformat(), last.isoformat(), precision,
                  _label(precision, first, last, ""), True, _day(reported))


def overlap(a: tuple[str, str], b: tuple[str, str], slack_days: int = 0) -> bool:
    """Whether two inclusive ISO intervals share a day (within ``slack_days``)."""
    a0, a1, b0, b1 = (_date(x) for x in (*a, *b))
    if None in (a0, a1, b0, b1):
        return False
    slack = timedelta(days=slack_days)
    return a0 <= b1 + slack and b0 <= a1 + slack  # type: ignore[operator]


def day_label(day: str | date | None) -> str:
    """"26 October 2025"."""
    d = _date(day) if not isinstance(day, date) else day
    if d is None:
        return str(day or "")
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def range_label(first: date, last: date) -> str:
    """"26–28 October 2025", "30 October – 2 November 2025"."""
    if first == last:
        return day_label(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {calendar.month_name[first.month]} {first.year}"
    if first.year == last.year:
        return (f"{first.day} {calendar.month_name[first.month]} – "
                f"{last.day} {calendar.month_name[last.month]} {last.year}")
    return f"{day_label(first)} – {day_label(last)}"


# --- parts -------------------------------------------------------------------------


def _day(value: str | None) -> str | None:
    d = _date(value)
    return d.isoformat() if d else None


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _parse(value: str) -> tuple[str | None, tuple[date, date] | None]:
    """(precision, (first day, last day)) of a calendar value; (None, None) for
    anything vague ("PAST_REF", "XXXX-10", "P3M")."""
    m = _DECADE.match(value)
    if m:
        y = int(m["dec"]) * 10
        return "decade", (date(y, 1, 1), date(y + 9, 12, 31))
    m = _VALUE.match(value)
    if not m:
        return None, None
    y = int(m["y"])
    try:
        if m["d"]:
            d = date(y, int(m["m"]), int(m["d"]))
            return "day", (d, d)
        if m["m"]:
            mo = int(m["m"])
            return "month", (date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]))
        if m["w"]:
            monday = date.fromisocalendar(y, int(m["w"]), 1)
            if m["we"]:
                return "week", (monday + timedelta(days=5), monday + timedelta(days=6))
            return "week", (monday, monday + timedelta(days=6))
        if m["q"]:
            q = int(m["q"])
            last_month = 3 * q
            return "quarter", (date(y, last_month - 2, 1),
                               date(y, last_month, calendar.monthrange(y, last_month)[1]))
        if m["h"]:
            return "half", ((date(y, 1, 1), date(y, 6, 30)) if m["h"] == "1"
                            else (date(y, 7, 1), date(y, 12, 31)))
        if m["s"]:
            a, b = _SEASON_MONTHS[m["s"]]
            end_year = y + 1 if b < a else y
            return "season", (date(y, a, 1),
                              date(end_year, b, calendar.monthrange(end_year, b)[1]))
        return "year", (date(y, 1, 1), date(y, 12, 31))
    except ValueError:
        return None, None


def _label(precision: str, first: date, last: date, value: str) -> str:
    if precision == "day":
        return day_label(first)
    if precision == "week":
        if value.endswith("-WE") or (last - first).days == 1:
            return f"weekend of {day_label(first)}"
        return f"week of {day_label(first)}"
    if precision == "month":
        return f"{calendar.month_name[first.month]} {first.year}"
    if precision == "season":
        code = next(c for c, (a, _) in _SEASON_MONTHS.items() if a == first.month)
        if code == "WI":
            return f"winter {first.year}–{str(last.year)[-2:]}"
        return f"{SEASON_NAMES[code]} {first.year}"
    if precision == "quarter":
        return f"{_ORDINAL[(first.month - 1) // 3 + 1]} quarter of {first.year}"
    if precision == "half":
        return f"{_ORDINAL[1 if first.month == 1 else 2]} half of {first.year}"
    if precision == "year":
        return str(first.year)
    if precision == "decade":
        return f"the {first.year}s"
    return range_label(first, last)


def _shape(first: date, last: date) -> str:
    """The precision an interval's shape shows: a day, a week (Monday to Sunday),
    a month, a season, a quarter, a half year, a year, a decade, else a range."""
    if first == last:
        return "day"
    if first.weekday() == 0 and (last - first).days == 6:
        return "week"
    month_end = calendar.monthrange(last.year, last.month)[1]
    if first.day != 1 or last.day != month_end:
        return "range"
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months == 1:
        return "month"
    if months == 3 and any(first.month == a for a, _ in _SEASON_MONTHS.values()):
        return "season"
    if months == 3 and first.month in (1, 4, 7, 10):
        return "quarter"
    if months == 6 and first.month in (1, 7):
        return "half"
    if months == 12 and first.month == 1:
        return "year"
    if months == 120 and first.month == 1 and first.year % 10 == 0:
        return "decade"
    return "range"
