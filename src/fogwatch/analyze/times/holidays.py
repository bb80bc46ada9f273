"""Named days: the date a holiday falls on in a given year.

Fixed days ("Christmas", "Victory Day") keep their month and day; movable ones
are computed: Easter by the Gregorian computus (Orthodox Easter by the Julian
one), the US federal days by their weekday rules ("the fourth Thursday of
November"). Lunar holidays (Ramadan, Eid, Passover) need tables and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta


def easter(year: int) -> date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def orthodox_easter(year: int) -> date:
    """Orthodox Easter Sunday: the Julian computus, moved onto the Gregorian calendar."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    julian_gap = year // 100 - year // 400 - 2  # 13 days in 1900-2099
    return date(year, month, day + 1) + timedelta(days=julian_gap)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (Monday 1) of the month; ``n = -1`` for the last."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _election_day(year: int) -> date:
    # the Tuesday after the first Monday of November
    return nth_weekday(year, 11, 1, 1) + timedelta(days=1)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new year's day": _fixed(1, 1), "new year's": _fixed(1, 1), "new year's eve": _fixed(12, 31),
    "christmas": _fixed(12, 25), "christmas day": _fixed(12, 25), "christmas eve": _fixed(12, 24),
    "orthodox christmas": _fixed(1, 7), "boxing day": _fixed(12, 26),
    "valentine's day": _fixed(2, 14), "st. patrick's day": _fixed(3, 17),
    "may day": _fixed(5, 1), "victory day": _fixed(5, 9), "halloween": _fixed(10, 31),
    "veterans day": _fixed(11, 11), "veterans' day": _fixed(11, 11),
    "armistice day": _fixed(11, 11), "remembrance day": _fixed(11, 11),
    "easter": easter, "easter sunday": easter, "good friday": lambda y: easter(y) - timedelta(days=2),
    "easter monday": lambda y: easter(y) + timedelta(days=1), "orthodox easter": orthodox_easter,
    "thanksgiving": lambda y: nth_weekday(y, 11, 4, 4),
    "thanksgiving day": lambda y: nth_weekday(y, 11, 4, 4),
    "memorial day": lambda y: nth_weekday(y, 5, 1, -1),
    "labor day": lambda y: nth_weekday(y, 9, 1, 1),
    "martin luther king day": lambda y: nth_weekday(y, 1, 1, 3),
    "presidents' day": lambda y: nth_weekday(y, 2, 1, 3),
    "mother's day": lambda y: nth_weekday(y, 5, 7, 2),
    "father's day": lambda y: nth_weekday(y, 6, 7, 3),
    "election day": _election_day,
}


def holiday_key(text: str) -> str:
    """The HOLIDAYS key for a matched name ("Thanksgiving  Day" -> "thanksgiving day")."""
    return re.sub(r"\s+", " ", text.replace("’", "'")).lower()


def holiday_date(name: str, year: int) -> date | None:
    rule = HOLIDAYS.get(holiday_key(name))
    return rule(year) if rule else None


def _names() -> str:
    forms = []
    for key in sorted(HOLIDAYS, key=len, reverse=True):
        cased = " ".join(w.capitalize() for w in key.split(" "))
        forms.append(re.escape(cased).replace(r"\ ", r"\s+").replace("'", "['’]"))
    return "|".join(forms)


# Case-sensitive: "christmas" in lower case is rare, and "may day" never a holiday.
HOLIDAY = rf"(?-i:(?P<holiday>{_names()}))(?![\w'’])"
