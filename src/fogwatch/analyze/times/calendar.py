"""Calendar arithmetic on TimeML values: shifting, week/quarter/season values, intervals.

TimeML values are strings ("2025-09-23", "2025-W45", "2024-SU", "2025-Q3", "199"
for the 1990s); this module turns dates into those strings and those strings
back into inclusive ISO intervals, so the normaliser never hand-rolls dates.
"""

from __future__ import annotations

import calendar as _cal
import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}
# Meteorological seasons (northern hemisphere): the convention news writers use.
_SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def day_value(d: date) -> str:
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(d: date) -> str:
    iso_year, week, _ = d.isocalendar()
    return f"{iso_year:04d}-W{week:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def quarter_value(year: int, quarter: int) -> str:
    return f"{year:04d}-Q{quarter}"


def shift(d: date, n: int, unit: str) -> date:
    """``d`` moved by ``n`` calendar units (day, week, month, quarter, year, decade)."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "month":
        return d + relativedelta(months=n)
    if unit == "quarter":
        return d + relativedelta(months=3 * n)
    if unit == "year":
        return d + relativedelta(years=n)
    if unit == "decade":
        return d + relativedelta(years=10 * n)
    if unit == "century":
        return d + relativedelta(years=100 * n)
    raise ValueError(f"unknown unit {unit!r}")


def value_at(d: date, unit: str) -> str:
    """The TimeML value naming the ``unit``-sized period that holds ``d``."""
    if unit in ("day", "night", "morning", "afternoon", "evening"):
        return day_value(d)
    if unit in ("week", "weekend"):
        return week_value(d)
    if unit == "month":
        return month_value(d.year, d.month)
    if unit == "quarter":
        return quarter_value(d.year, quarter_of(d))
    if unit == "year":
        return f"{d.year:04d}"
    if unit == "decade":
        return f"{d.year // 10:03d}"  # TimeML writes the 1990s as "199"
    if unit == "century":
        return f"{d.year // 100:02d}"
    raise ValueError(f"unknown unit {unit!r}")


_VALUE_RE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)|Q(?P<q>[1-4])|H(?P<h>[12])"
    r"|(?P<s>SP|SU|FA|WI)))?(?:T.*)?$"
)
_DECADE_RE = re.compile(r"^(?P<dec>\d{3})X?$")
_CENTURY_RE = re.compile(r"^(?P<cent>\d{2})(?:XX)?$")


def interval(value: str, mod: str | None = None) -> tuple[str, str] | None:
    """Inclusive ISO (start, end) of a DATE value, narrowed by START/MID/END; None if vague."""
    span = _interval(value)
    if span is None:
        return None
    start, end = span
    if mod in ("START", "MID", "END"):
        # A third of the period: "early October" is about the 1st to the 10th.
        third = max(0, ((end - start).days + 1) // 3)
        if mod == "START":
            end = start + timedelta(days=max(third - 1, 0))
        elif mod == "MID":
            start, end = start + timedelta(days=third), end - timedelta(days=third)
        else:
            start = end - timedelta(days=max(third - 1, 0))
    return start.isoformat(), end.isoformat()


def _interval(value: str) -> tuple[date, date] | None:
    m = _DECADE_RE.match(value)
    if m:
        y = int(m["dec"]) * 10
        return date(y, 1, 1), date(y + 9, 12, 31)
    m = _CENTURY_RE.match(value)
    if m:
        y = max(int(m["cent"]) * 100, 1)
        return date(y, 1, 1), date(y + 99, 12, 31)
    m = _VALUE_RE.match(value)
    if not m:
        return None
    y = int(m["y"])
    try:
        if m["d"]:
            d = date(y, int(m["m"]), int(m["d"]))
            return d, d
        if m["m"]:
            mo = int(m["m"])
            return date(y, mo, 1), date(y, mo, _cal.monthrange(y, mo)[1])
        if m["w"]:
            monday = date.fromisocalendar(y, int(m["w"]), 1)
            return monday, monday + timedelta(days=6)
        if m["q"]:
            q = int(m["q"])
            first = date(y, 3 * q - 2, 1)
            return first, shift(first, 1, "quarter") - timedelta(days=1)
        if m["h"]:
            first = date(y, 1 if m["h"] == "1" else 7, 1)
            return first, shift(first, 6, "month") - timedelta(days=1)
        if m["s"]:
            a, b = _SEASON_MONTHS[m["s"]]
            end_year = y + 1 if b < a else y
            return date(y, a, 1), date(end_year, b, _cal.monthrange(end_year, b)[1])
    except ValueError:
        return None
    return date(y, 1, 1), date(y, 12, 31)


def parse_iso_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
