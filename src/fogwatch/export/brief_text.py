"""Words for the analyst brief: times at their precision, counts in the right number.

The analysis keeps TimeML values ("2025-W45", "2025-SU", "P8D", "PAST_REF") because
they compare and sort; a reader wants "the week of 3 November 2025". Only a value
that names a stretch of the calendar becomes words here: a duration or a vague
reference is not a date, and :func:`time_words` says so by returning None, so the
brief can fall back on the article's own date.

Kept free of the analysis modules (spaCy) so that rendering a brief stays cheap.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTHS = tuple(calendar.month_name)[1:]
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night",
                "DT": "daytime"}
ORDINALS = ("first", "second", "third", "fourth")
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month of each season

_DATE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)(?:-(?P<wd>WE|[1-7]))?"
    r"|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?(?:T(?P<t>.+))?$"
)
_DECADE = re.compile(r"^(?P<dec>\d{3})X?$")
_CENTURY = re.compile(r"^(?P<cent>\d{2})(?:XX)?$")
_CLOCK = re.compile(r"^(?P<h>\d\d):(?P<min>\d\d)")

# Units a quantity of time is counted in (fogwatch.analyze.quantities.TIME_UNITS
# normalises to these; a test keeps the two in step). "24 hours" or "three months"
# says how long, not how many of something, so the brief's numbers leave it out.
DURATION_UNITS = frozenset({
    "second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year",
    "decade", "century",
})
_PLURAL_UNITS = {"centuries": "century"}

# Words that stand for a source named elsewhere: shown alone they tell the reader
# nothing ("according to He"), so a source that is one of these and was not
# resolved to a name is left out.
PRONOUNS = frozenset({
    "he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "us",
    "i", "me", "you", "one", "who", "whom", "which", "that", "this", "these", "those",
})


def day_words(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def parse_day(value: str | None) -> date | None:
    """The day an ISO date or datetime names, or None."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_words(value: str | None) -> str | None:
    """A publication date ("2025-11-03", "2025-11-03T08:00:00+00:00") as "3 November 2025"."""
    d = parse_day(value)
    return day_words(d) if d else None


def _ordinal_century(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"the {n}{suffix} century"


def _clock(day: str, t: str | None) -> str:
    if not t:
        return day
    if t[:2] in PARTS_OF_DAY:
        return f"the {PARTS_OF_DAY[t[:2]]} of {day}"
    m = _CLOCK.match(t)
    return f"{day}, {m['h']}:{m['min']}" if m else day


def _period_words(value: str) -> tuple[str, bool] | None:
    """Words for a calendar value, and whether it names a single day."""
    m = _DECADE.match(value)
    if m:
        return f"the {int(m['dec']) * 10}s", False
    m = _CENTURY.match(value)
    if m:
        return _ordinal_century(int(m["cent"]) + 1), False
    m = _DATE.match(value)
    if not m:
        return None
    y = int(m["y"])
    try:
        if m["d"]:
            return _clock(day_words(date(y, int(m["m"]), int(m["d"]))), m["t"]), True
        if m["m"]:
            month = int(m["m"])
            if not 1 <= month <= 12:
                return None
            return f"{MONTHS[month - 1]} {y}", False
        if m["w"]:
            monday = date.fromisocalendar(y, int(m["w"]), 1)
            if m["wd"] == "WE":
                return f"the weekend of {day_words(monday + timedelta(days=5))}", False
            if m["wd"]:
                return day_words(monday + timedelta(days=int(m["wd"]) - 1)), True
            return f"the week of {day_words(monday)}", False
    except ValueError:  # 2025-02-30, week 54
        return None
    if m["q"]:
        return f"the {ORDINALS[int(m['q']) - 1]} quarter of {y}", False
    if m["h"]:
        return f"the {ORDINALS[int(m['h']) - 1]} half of {y}", False
    if m["s"]:
        # Winter runs from December into the next year (the seasons are meteorological,
        # as in fogwatch.analyze.times.calendar).
        year = f"{y}–{(y + 1) % 100:02d}" if m["s"] == "WI" else str(y)
        return f"{SEASONS[m['s']]} {year}", False
    return str(y), False


def time_words(value: str | None, mod: str | None = None) -> str | None:
    """A TimeML date or time value in words at its own precision, or None.

    "2025-10-26" → "26 October 2025", "2025-10" → "October 2025", "2025-FA" →
    "autumn 2025", "2025-W45" → "the week of 3 November 2025". Durations ("P8D"),
    references ("PAST_REF"), sets and values with unresolved parts ("XXXX-10") are
    not a place on the calendar: None.
    """
    if not value:
        return None
    found = _period_words(value)
    if found is None:
        return None
    words, one_day = found
    if mod in ("START", "MID", "END") and not one_day:
        if words.startswith("the "):
            part = {"START": "start", "MID": "middle", "END": "end"}[mod]
            return f"the {part} of {words}"
        return {"START": "early ", "MID": "mid-", "END": "late "}[mod] + words
    lead = {"APPROX": "around", "BEFORE": "before", "AFTER": "after",
            "ON_OR_BEFORE": "on or before", "ON_OR_AFTER": "on or after"}.get(mod or "")
    return f"{lead} {words}" if lead else words


def time_day(value: str | None) -> str | None:
    """The first day (ISO) of the stretch a TimeML value names, for sorting; else None."""
    if not value or _period_words(value) is None:
        return None
    m = _DATE.match(value)
    if m is None:
        decade = _DECADE.match(value)
        first = int(decade["dec"]) * 10 if decade else max(int(value[:2]) * 100, 1)
        return f"{first:04d}-01-01"
    y = int(m["y"])
    if m["d"]:
        return f"{y:04d}-{m['m']}-{m['d']}"
    if m["m"]:
        return f"{y:04d}-{m['m']}-01"
    if m["w"]:
        offset = 5 if m["wd"] == "WE" else int(m["wd"] or 1) - 1
        return (date.fromisocalendar(y, int(m["w"]), 1) + timedelta(days=offset)).isoformat()
    if m["q"]:
        return f"{y:04d}-{3 * int(m['q']) - 2:02d}-01"
    if m["h"]:
        return f"{y:04d}-{'01' if m['h'] == '1' else '07'}-01"
    if m["s"]:
        return f"{y:04d}-{_SEASON_START[m['s']]:02d}-01"
    return f"{y:04d}-01-01"


def range_words(first: str | None, last: str | None) -> str | None:
    """Two ISO days as one stretch: "3–16 November 2025", "30 October – 2 November 2025"."""
    a, b = parse_day(first), parse_day(last)
    if a is None or b is None:
        return date_words(first) or date_words(last)
    if b < a:
        a, b = b, a
    if a == b:
        return day_words(a)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {MONTHS[a.month - 1]} {a.year}"
    if a.year == b.year:
        return f"{a.day} {MONTHS[a.month - 1]} – {day_words(b)}"
    return f"{day_words(a)} – {day_words(b)}"


def span_words(start: str | None, end: str | None) -> str | None:
    """When a cross-document event happened, from its first and last ISO day.

    A span that is exactly a calendar month or an ISO week was most likely read
    from "in November" or "last week", and is said so rather than as a range.
    """
    a, b = parse_day(start), parse_day(end)
    if a is None:
        return None
    if b is None or b <= a:
        return day_words(a)
    if a.day == 1 and (a.year, a.month) == (b.year, b.month) and \
            b.day == calendar.monthrange(b.year, b.month)[1]:
        return f"{MONTHS[a.month - 1]} {a.year}"
    if a.isoweekday() == 1 and b - a == timedelta(days=6):
        return f"the week of {day_words(a)}"
    return range_words(a.isoformat(), b.isoformat())


def figure_words(text: str | None, value: float | None, counted: str | None) -> str:
    """A figure as the article wrote it, with what it counts unless the words say it.

    The normalised unit ("km", "bbl") is left out: the words already carry it
    ("about two kilometres"), and adding it read "about two kilometres km".
    """
    words = " ".join((text or "").split())
    if not words and value is not None:
        words = f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    if counted and counted.lower() not in words.lower():
        words = f"{words} {counted}".strip()
    return words


def when_words(words: str | None, reported: str | None) -> str:
    """When something happened, in words; else "undated, reported on <day>"; else
    "undated".

    A duration or a vague reference ("P8D", "PAST_REF") has no words of its own
    (:func:`time_words` gives None): the line says it is undated and when it was
    reported, never giving the article's date as the date of the event.
    """
    if words:
        return words
    day = date_words(reported)
    return f"undated, reported on {day}" if day else "undated"


def plural(n: int, word: str, many: str | None = None) -> str:
    """ "1 article", "2 articles", "1,200 reports"."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def _unit_word(word: str) -> str:
    word = word.lower().strip(".,;:")
    if word in _PLURAL_UNITS:
        return _PLURAL_UNITS[word]
    return word[:-1] if word.endswith("s") else word


def is_duration(text: str | None, unit: str | None, counted: str | None) -> bool:
    """Whether a quantity says how long ("24 hours", "three months") rather than how many."""
    if unit and _unit_word(unit) in DURATION_UNITS:
        return True
    for words in (counted, text):
        if words and words.split() and _unit_word(words.split()[-1]) in DURATION_UNITS:
            return True
    return False


def is_pronoun(text: str | None) -> bool:
    return bool(text) and " ".join((text or "").lower().split()) in PRONOUNS


__all__ = [
    "date_words", "day_words", "figure_words", "is_duration", "is_pronoun", "parse_day", "plural",
    "range_words", "span_words", "time_day", "time_words", "when_words",
]
