"""What a time resolver returns and what it reads, and the helpers the resolvers share.

A resolver (:mod:`.resolve`) turns one grammar match into a :class:`Resolved`
TIMEX3 type and value, given the :class:`Context` of the document so far: its
creation time (DCT), the tense of each clause and the last reference time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from fogwatch.analyze.times import calendar as cal
from fogwatch.analyze.times.grammar import (
    MONTHS,
    Candidate,
)

Tense = Literal["past", "present", "future"]


PRE_MOD: dict[str, str] = {
    "early": "START", "mid": "MID", "middle": "MID", "late": "END",
    "the beginning of": "START", "the start of": "START", "the middle of": "MID",
    "the end of": "END", "the early part of": "START", "the late part of": "END",
    "the middle part of": "MID",
}


QUANT_MOD: dict[str, str] = {
    "at least": "EQUAL_OR_MORE", "more than": "MORE_THAN", "over": "MORE_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN",
    "about": "APPROX", "around": "APPROX", "nearly": "APPROX", "almost": "APPROX",
    "roughly": "APPROX", "some": "APPROX", "approximately": "APPROX", "up to": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS",
}


DURATION_CODE: dict[str, str] = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE",
}


PART_CODE: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


@dataclass(slots=True)
class Resolved:
    type: str
    value: str
    anchor: str | None = None
    mod: str | None = None
    end: int | None = None  # a shorter extent than the match, when the rule says so
    start: int | None = None
    interval: tuple[str, str] | None = None
    granular: date | None = None  # the day it names, kept as the next reference time


@dataclass(slots=True)
class Context:
    """What the resolver knows while walking one document."""

    dct: date | None
    text: str
    tense: Callable[[int, int], Tense]
    reject: Callable[[Candidate], bool]
    is_adjective: Callable[[int, int], bool] = lambda start, end: False
    # the expression stands before a noun it dates ("the Nov. 8 election")
    modifies_noun: Callable[[int, int], bool] = lambda start, end: False
    last_date: date | None = None  # start of the last dated period of any size
    last_year_only: bool = False  # ... and that period was a whole year ("that year")
    last_month: date | None = None  # start of the last month, week or day named
    last_quarter: tuple[int, int] | None = None  # the last quarter named, if any
    ref: date | None = None
    ref_unit: str = "day"
    ref_label: str | None = None
    # a week/month named after the last day ("Last week, ... The next day"): a day
    # counted from it can only be placed within that period
    coarse: tuple[str, str] | None = None
    # a year or month named after the last day ("in 2008 ... four years later"): the
    # start of that period, its unit and label; a count of years or months is counted from it
    period: tuple[date, str, str] | None = None
    # finds the dated event named after a position: (its date, a label, the new end)
    events: Callable[[int], tuple[date, str, int] | None] | None = None
    notes: list[str] = field(default_factory=list)


def pre_mod(pre: str | None) -> str | None:
    return PRE_MOD.get(re.sub(r"\s+", " ", pre.lower())) if pre else None


def half_of(pre: str | None) -> int:
    """1 for "the first half of", 2 for "the second (last, latter) half of", else 0."""
    m = re.search(r"(first|second|last|latter)\s+half", pre or "", re.IGNORECASE)
    return 0 if m is None else 1 if m[1].lower() == "first" else 2


def month_number(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def pick_year(month: int, day: int | None, dct: date, direction: Tense) -> int:
    """The year that puts a year-less date nearest the DCT in the tense's direction."""
    cands = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            d = date(y, month, day or 1)
        except ValueError:
            continue
        # a year-less month is compared by whole months, a day by days
        delta = (y - dct.year) * 12 + month - dct.month if day is None else (d - dct).days
        cands.append((delta, y))
    return choose_year(cands, direction, by_days=day is not None)


def choose_year(cands: list[tuple[int, int]], direction: Tense, by_days: bool) -> int:
    """From (offset from the DCT, year) pairs, the year the tense points to."""
    nearest = min(cands, key=lambda c: (abs(c[0]), c[0] > 0))
    if direction == "past":
        ok = [c for c in cands if c[0] <= 0]
        pick = max(ok) if ok else nearest
    elif direction == "future":
        ok = [c for c in cands if c[0] >= 0]
        pick = min(ok) if ok else nearest
    else:
        pick = nearest
    # A full date a few weeks off in the other direction is usually what is meant
    # ("the Jan. 14 deadline" in a past-tense sentence written on January 5): the
    # tense decides only between candidates about as near as each other.
    if by_days and abs(nearest[0]) <= _NEAR_DAYS and abs(pick[0]) > abs(nearest[0]) + _DAY_SLACK:
        pick = nearest
    # Likewise a bare month: next month in a past-tense sentence ("told buyers of a
    # cut in September", written in August) is that coming month, not last year's.
    if not by_days and abs(nearest[0]) <= 1 and abs(pick[0]) >= 11:
        pick = nearest
    return pick[1]


# how much farther (days) the tense's candidate may be than the nearest one,
# when the nearest is within _NEAR_DAYS of the DCT
_DAY_SLACK = 45


_NEAR_DAYS = 60


_UNTIL_PAST = re.compile(r"\b(not|up)\s+(until|till)\s*$")
# "Until" opening a sentence or a line
_UNTIL_OPENING = re.compile(r"(?:^|[.!?\n]['\"’”]?\s+|\n)(Until|Till)\s+$")
_SINCE_NEAR = re.compile(r"(?i)\bsince(?:\s+[\w'’.,-]+){1,3}\s+$")


def clause_direction(ctx: Context, c: Candidate) -> Tense:
    before = ctx.text[max(0, c.start - 12):c.start].lower()
    if re.search(r"\b(back in|since|ago|earlier in|last)\s*$", before):
        return "past"
    if _SINCE_NEAR.search(ctx.text, max(0, c.start - 40), c.start):
        return "past"  # "since shortly after the Oct. 23 attack"
    if _UNTIL_PAST.search(before) or _UNTIL_OPENING.search(ctx.text, max(0, c.start - 12), c.start):
        # "not until Tuesday did he speak", "Until Thursday, they had not named him":
        # the clause says what held up to that day, and its tense dates the day
        return "past" if ctx.tense(c.start, c.end) == "past" else "future"
    if re.search(r"\b(until|till|next|effective)\s*$", before):
        # "postponed until Tuesday", "effective Feb. 1": a change that takes effect
        return "future"
    if re.search(r"\bby\s*$", before):
        # "by Friday" looks ahead, unless the clause is told in the past
        # ("had filed their reports by Wednesday")
        return "past" if ctx.tense(c.start, c.end) == "past" else "future"
    if ctx.text.startswith(("'s", "’s"), c.end) and c.rule == "weekday":
        # "Wednesday's ruling": the verb of the clause does not date the day the
        # possessive names; read it like a weekday with no verb
        return "present"
    tense = ctx.tense(c.start, c.end)
    if tense == "past" and c.rule in _MONTH_RULES and ctx.modifies_noun(c.start, c.end) \
            and _coming_soon(c, ctx.dct):
        # "teeing up the November showdown", "to influence the Nov. 8 election", told
        # in the past in July: the date names the noun's own time, which the verb does
        # not date, and a coming one within a few months is meant ("the disastrous
        # February debate", told in September, is still the last one)
        return "present"
    return tense


def _coming_soon(c: Candidate, dct: date | None) -> bool:
    """The month (and day) ``c`` names comes within _SOON_DAYS after ``dct``."""
    if dct is None:
        return False
    day = c.match.groupdict().get("day")
    try:
        month = month_number(c.match["month"])
        ahead = date(dct.year, month, int(day) if day else 1)
        if ahead <= dct:
            ahead = date(dct.year + 1, month, int(day) if day else 1)
    except (KeyError, ValueError):
        return False
    return (ahead - dct).days <= _SOON_DAYS


_SOON_DAYS = 125


_MONTH_RULES = frozenset({"month_day", "day_month", "month_year"})


def dated(value: str, mod: str | None = None, **kw: object) -> Resolved:
    return Resolved("DATE", value, mod=mod, interval=cal.interval(value, mod), **kw)  # type: ignore[arg-type]


# the other half of a half unit, in the next smaller unit
_HALF_UNIT: dict[str, str] = {"TH": "30M", "TM": "30S", "Y": "6M", "D": "T12H"}


def unstated(unit: str) -> str:
    """The value of an unstated number of ``unit``s: "for weeks" PXW, "within hours" PTXH
    (the units of a day follow ISO 8601's T, as stated numbers do)."""
    return duration(None, unit, None).value


def duration(n: int | float | None, unit: str, mod: str | None, end: int | None = None) -> Resolved:
    code = DURATION_CODE.get(unit, "D")
    if unit == "fortnight" and n is not None:
        n, code = n * 2, "W"
    if n is None:
        num = "X"
    elif n == 0:  # "half a year"
        return Resolved("DURATION", f"P0.5{code[-1]}" if not code.startswith("T") else f"PT0.5{code[-1]}", mod=mod, end=end)
    else:
        if code in ("DE", "CE"):  # TimeBank counts decades and centuries in years
            n, code = n * (10 if code == "DE" else 100), "Y"
        if not float(n).is_integer() and code in _HALF_UNIT:
            # "5 1/2 hours" is PT5H30M, "2 1/2 years" P2Y6M
            whole, rest = int(n), _HALF_UNIT[code]
            lead = f"{whole}{code[-1]}" if whole else ""
            value = f"PT{lead}{rest}" if code.startswith("T") else f"P{lead}{rest}"
            return Resolved("DURATION", value, mod=mod, end=end)
        num = str(int(n)) if float(n).is_integer() else str(n)
    value = f"PT{num}{code[1:]}" if code.startswith("T") else f"P{num}{code}"
    return Resolved("DURATION", value, mod=mod, end=end)
